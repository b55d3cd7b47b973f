"""DataFrame-level helpers behind the Workspace's topic, key-message and rising-term views.

They call the same pure functions `koll analyse` uses (analysis/topics.py, keymessages.py,
trends.py), so a notebook's numbers match the dashboard's for the same selection.
"""

from __future__ import annotations

import pandas as pd

from analysis.brands import Brand
from analysis.item_text import joined_texts
from analysis.keymessages import carried_messages, message_stems
from analysis.topics import brand_words, doc_texts
from analysis.trends import rising_table, rising_terms
from koll.store.views import brand_topics


def assign_topics(mentions: pd.DataFrame, brands: dict[str, Brand]) -> pd.DataFrame:
    """`mentions` plus `topic` (Int64, NA = no topic words) and `topic_label`, per brand.

    Topics are found per brand over exactly these rows by koll.store.views.brand_topics, the
    function `topics()` and `koll analyse` use; topic 0 is the largest. `mentions` needs the
    columns brand_topics reads (views.TOPIC_INPUT), in any order.
    """
    out = mentions.copy()
    out["topic"] = pd.Series(pd.NA, index=out.index, dtype="Int64")
    out["topic_label"] = pd.Series(None, index=out.index, dtype="str")
    for name, rows in out.groupby("brand", sort=False):
        res = brand_topics(rows, brands.get(name), name)
        labels = {t["topic_no"]: t["label"] for t in res.topics}
        topic = res.assignment.where(res.assignment >= 0).astype("Int64")
        out.loc[rows.index, "topic"] = topic
        out.loc[rows.index, "topic_label"] = topic.map(labels).astype("str").where(topic.notna())
    return out


def key_message_carriers(mentions: pd.DataFrame, brand: Brand) -> pd.DataFrame:
    """One row per (mention, key message) whose words appear in the mention's title or text.

    Uses the same Swedish normalisation as the echo rate (case, punctuation, inflection).
    Close copies of owned items that do not repeat the words are not listed here.
    """
    messages = list(brand.key_messages)
    stems = message_stems(messages)
    text = pd.Series(joined_texts(mentions["title"], mentions["text"]), index=mentions.index)
    carried = text.map(lambda t: [messages[i] for i in carried_messages(t, stems)])
    out = mentions.assign(key_message=carried).explode("key_message")
    out = out[out["key_message"].notna()].reset_index(drop=True)
    out["key_message"] = out["key_message"].astype("str")
    return out


def rising_terms_between(
    current: pd.DataFrame, baseline: pd.DataFrame, brand: Brand, *, alpha: float = 0.01
) -> pd.DataFrame:
    """Terms significantly more common in `current` than in `baseline` mentions (binomial test).

    Columns: term, current (documents), baseline, expected, ratio, p_value; most significant
    first. Each item counts once; the brand's own names and people are left out. A mention is
    read as the dashboard's rising terms read it (analysis.topics.doc_texts): with a `kind`
    column, a comment's title, the post it comments, is left out.
    """

    def texts(df: pd.DataFrame) -> list[str]:
        return doc_texts(df.drop_duplicates("item_id")).tolist()

    drop = brand_words((*brand.terms, *brand.people))
    table = rising_terms(texts(current), texts(baseline), drop=drop, alpha=alpha)
    # One schema for both: the empty table had its document counts as float64.
    return rising_table(table)
