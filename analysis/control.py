"""The control components of a brand's conversation, from its mentions (as rows or as counts).

Every component is computed as docs/control.md defines it (keep the two in step); one that
cannot be measured in the window is None, never 0, and the index says which components it used.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from analysis.dialogue import DialogueCounts, dialogue, dialogue_from_counts, thread_summary
from analysis.keymessages import carry_flags, copies_of, first_owned, key_message_flags

COMPONENTS = ("owned_share", "echo_rate", "agenda_share", "dialogue_rate", "net_sentiment")


def _ratio(num: float, den: float) -> float | None:
    return None if not den else num / den


def _owned(df: pd.DataFrame) -> pd.Series:
    return df["owned"].fillna(False).astype(bool)


def echo_flags(df: pd.DataFrame, key_messages: Sequence[str]) -> pd.Series:
    """Per mention: carries a key message (stored flag from `koll analyse` when present)."""
    if "key_message" in df.columns:
        stored = df["key_message"].astype("boolean")
        if not stored.isna().any():
            return stored.astype(bool)
        # Copies are recognised within the frame, so compute over all of it, use where missing.
        return stored.fillna(key_message_flags(df, key_messages)).astype(bool)
    return key_message_flags(df, key_messages) if len(df) else pd.Series([], dtype=bool)


def agenda_share(df: pd.DataFrame) -> float | None:
    """Among stories with both owned and earned mentions, the share whose earliest item is owned.

    A tie (owned and earned published at the same second) does not count as setting the agenda.
    """
    if "story_id" not in df.columns or df.empty:
        return None
    s = df[df["story_id"].notna()]
    if s.empty:
        return None
    pub = pd.to_datetime(s["published"], utc=True)
    owned = _owned(s)
    g = pd.DataFrame(
        {
            "story": s["story_id"].to_numpy(),
            "owned_t": pub.where(owned),
            "earned_t": pub.where(~owned),
        }
    ).groupby("story")
    first = g.agg(owned_t=("owned_t", "min"), earned_t=("earned_t", "min"))
    both = first.dropna()
    return agenda_from_firsts(len(both), int((both["owned_t"] < both["earned_t"]).sum()))


def agenda_from_firsts(both: int, owned_first: int) -> float | None:
    """agenda_share from its two counts: stories with both owned and earned mentions, and those
    of them whose earliest item is owned (None when no story has both)."""
    return owned_first / both if both else None


def control_components(
    mentions: pd.DataFrame,
    *,
    weights: dict[str, float] | None = None,
    key_messages: Sequence[str] = (),
    threads: pd.DataFrame | None = None,
    competitor_mentions: int | None = None,
    previous_sources: set[str] | None = None,
    summary: pd.DataFrame | None = None,
) -> dict:
    """Components for one brand and window from its mentions, one row each.

    `mentions` has one row per mention of the brand in the window, with columns key, owned,
    person, label, source, kind, published and, when known, story_id, title, text, key_message.
    `threads`: one row per stored comment under these items: parent_key, brand_voice and, when
    known, item_id and published (analysis.dialogue.thread_summary).
    `competitor_mentions`: mentions of the brand's competitors in the window (None: no competitors).
    `previous_sources`: sources with a mention of the brand in the equal-length window just before
    (None: there is no previous window, e.g. all history).
    `summary`: analysis.dialogue.thread_summary of the threads, when the caller has it (then
    `threads` is unused).

    The rows are counted (mention_counts) and the counts assembled by control_from_counts, the
    one computation of the components.
    """
    df = mentions.drop_duplicates("key") if not mentions.empty else mentions
    return control_from_counts(
        mention_counts(df, key_messages),
        stories=df,
        posts=df[df["kind"] != "comments"] if len(df) else df,
        weights=weights,
        key_messages=key_messages,
        threads=threads,
        competitor_mentions=competitor_mentions,
        previous_sources=previous_sources,
        summary=summary,
    )


def mention_counts(df: pd.DataFrame, key_messages: Sequence[str] = ()) -> pd.DataFrame:
    """One row per mention -> control_from_counts' counts: n per owned, label, source,
    key_message and personal.

    key_message is left out (echo_rate then None) when there is nothing to echo (no key
    messages and no owned item) or no earned mention, and when neither the texts nor complete
    stored flags say which mentions carry one; personal is left out without a person column.
    """
    owned = _owned(df) if len(df) else pd.Series([], dtype=bool)
    columns = {"owned": owned, "label": df["label"], "source": df["source"]}
    earned = int((~owned).sum())
    stored = "key_message" in df.columns and bool(df["key_message"].notna().all())
    if (
        earned
        and (key_messages or owned.any())
        and ({"title", "text"} <= set(df.columns) or stored)
    ):
        # Flags over all mentions: a copy is recognised by the owned item earlier in its story.
        columns["key_message"] = echo_flags(df, key_messages)
    if "person" in df.columns:
        columns["personal"] = df["person"].notna()
    return _grouped(pd.DataFrame(columns, index=df.index))


def _grouped(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows grouped by every column (missing values kept as a group), with their count n."""
    return frame.groupby(list(frame.columns), dropna=False).size().rename("n").reset_index()


def _agenda(stories: pd.DataFrame | None, agenda: tuple[int, int] | None) -> float | None:
    if agenda is not None:
        return agenda_from_firsts(*agenda)
    return None if stories is None else agenda_share(stories)


def _dialogue(posts, threads, summary, talk: DialogueCounts | None) -> dict:
    if talk is not None:
        return dialogue_from_counts(talk)
    return dialogue(thread_summary(posts, threads) if summary is None else summary)


def control_from_counts(
    counts: pd.DataFrame,
    *,
    stories: pd.DataFrame | None,
    posts: pd.DataFrame | None,
    weights: dict[str, float] | None = None,
    key_messages: Sequence[str] = (),
    threads: pd.DataFrame | None = None,
    competitor_mentions: int | None = None,
    previous_sources: set[str] | None = None,
    summary: pd.DataFrame | None = None,
    sources: pd.DataFrame | None = None,
    agenda: tuple[int, int] | None = None,
    talk: DialogueCounts | None = None,
) -> dict:
    """The components from grouped counts of the window's mentions (one per item).

    `counts`: one row per combination of owned, label, source, key_message (carries a key
    message, none missing) and personal (authored by one of the brand's people), with its count
    `n`. Without a key_message column echo_rate is None, without personal personal_share is.
    `sources`: the same mentions counted per source and owned (columns source, owned, n), when
    they are counted apart (then `counts` needs no source column).
    `stories`: story_id, owned, published of (at least) the mentions in stories with an owned
    mention; without story_id, agenda_share is None.
    `posts`: key and owned of the window's mentions that are not comments (at least those with
    a thread): the posts whose threads the dialogue components count.
    `summary`: analysis.dialogue.thread_summary(posts, threads), when the caller has it
    already (it lists the unanswered threads from it too); then posts and threads are unused.
    `agenda`: agenda_from_firsts' two counts, when they are counted apart (then `stories` is
    unused). `talk`: the threads' DialogueCounts, when they are counted apart (then summary,
    posts and threads are unused). The other arguments are control_components'.
    """
    # Plain Python over the few grouped rows: pandas' per-operation overhead was most of the
    # control cards' time once the counts came from SQL (a few dozen rows, ~400 sources).
    rows = _records(counts, [k for k in ("owned", "label", "key_message", "personal")])
    n = sum(r["n"] for r in rows)
    owned = sum(r["n"] for r in rows if r["owned"])
    earned = n - owned
    e = [r for r in rows if not r["owned"]]
    by_source = _records(counts if sources is None else sources, ["source", "owned"])
    earned_sources = [r for r in by_source if not r["owned"] and r["n"] > 0]
    out: dict = {
        "mentions": n,
        "owned": owned,
        "earned": earned,
        "owned_share": _ratio(owned, n),
        "echo_rate": None,
        "agenda_share": _agenda(stories, agenda) if n else None,
        # The dialogue counts are 0 and its rates None when nothing has a thread.
        **_dialogue(posts, threads, summary, talk),
        "net_sentiment": None,
        "hhi": None,
        "effective_voices": None,
        "share_of_voice": None,
        "personal_share": None,
        "new_voices": None,
        "new_voice_sources": None,
    }
    if earned and (key_messages or owned) and "key_message" in counts.columns:
        # bool() per value, as astype(bool) does (a missing flag is never left here).
        out["echo_rate"] = float(sum(r["n"] for r in e if bool(r["key_message"]))) / earned
    if earned:
        pos = sum(r["n"] for r in e if r["label"] == "pos")
        neg = sum(r["n"] for r in e if r["label"] == "neg")
        out["net_sentiment"] = (pos - neg) / earned
        out["hhi"] = _hhi(earned_sources)
        out["effective_voices"] = 1.0 / out["hhi"]
    if competitor_mentions is not None and n + competitor_mentions:
        out["share_of_voice"] = n / (n + competitor_mentions)
    if owned and "personal" in counts.columns:
        out["personal_share"] = sum(r["n"] for r in rows if r["owned"] and r["personal"]) / owned
    if previous_sources is not None:
        new = sorted({r["source"] for r in earned_sources} - set(previous_sources))
        out["new_voices"] = len(new)
        out["new_voice_sources"] = new
    out.update(control_index(out, weights))
    return out


def _missing(v) -> bool:
    return v is None or v is pd.NA or (isinstance(v, float) and v != v)


def _records(frame: pd.DataFrame, columns: list[str]) -> list[dict]:
    """The frame's `columns` and n as dicts: n an int, owned and personal as
    fillna(False).astype(bool) makes them, the others as stored."""
    cols = [k for k in columns if k in frame.columns]
    out = []
    for values in zip(*(frame[k].tolist() for k in [*cols, "n"]), strict=True):
        r = dict(zip([*cols, "n"], values, strict=True))
        r["n"] = int(r["n"])
        for k in ("owned", "personal"):
            if k in r:
                r[k] = False if _missing(r[k]) else bool(r[k])
        out.append(r)
    return out


def _hhi(earned_sources: list[dict]) -> float:
    """Σ share² over the earned mentions' sources, summed as pandas did: sources in name order
    (groupby), sorted by count descending (Series.sort_values' quicksort and tie order), then
    numpy's pairwise sum, so the float is the same to the last bit."""
    totals: dict = {}
    for r in earned_sources:
        if not _missing(r["source"]):  # groupby leaves out a missing key
            totals[r["source"]] = totals.get(r["source"], 0) + r["n"]
    values = np.array([totals[k] for k in sorted(totals)], dtype=np.int64)
    # nargsort(ascending=False): argsort of the reversed values, reversed back.
    idx = np.arange(len(values))[::-1]
    order = idx[values[::-1].argsort(kind="quicksort")][::-1]
    shares = values[order] / values.sum()
    return float((shares**2).sum())


def flag_unflagged(
    rows: pd.DataFrame, stories: pd.DataFrame, key_messages: Sequence[str]
) -> pd.Series:
    """key_message_flags for some of a window's mentions, the rest of the window known by counts.

    `rows` has title, text, story_id and published; `stories` holds every mention of the window
    in a story with an owned mention (story_id, owned, published), which is all a copy of an
    earlier owned item can be recognised by. Index-aligned with `rows`.
    """
    if rows.empty:
        return pd.Series([], index=rows.index, dtype=bool)
    copies = copies_of(rows, first_owned(stories)).to_numpy()
    return pd.Series(carry_flags(rows, key_messages) | copies, index=rows.index, dtype=bool)


def with_flags(counts: pd.DataFrame, rows: pd.DataFrame, flags: pd.Series) -> pd.DataFrame:
    """control_counts with its unflagged groups replaced by `rows` grouped with their new flags."""
    keys = [k for k in counts.columns if k != "n"]
    new = _grouped(rows.assign(key_message=flags.to_numpy())[keys])
    return pd.concat([counts[counts["key_message"].notna()], new], ignore_index=True)


def control_index(components: dict, weights: dict[str, float] | None = None) -> dict:
    """100 × weighted mean of the available components; net_sentiment enters as (x + 1) / 2."""
    weights = weights or {}
    total = wsum = 0.0
    used = []
    for name in COMPONENTS:
        v = components.get(name)
        if v is None:
            continue
        w = float(weights.get(name, 1.0))
        if w <= 0:
            continue
        total += w * ((v + 1) / 2 if name == "net_sentiment" else v)
        wsum += w
        used.append(name)
    return {"control_index": 100 * total / wsum if wsum else None, "components_used": used}
