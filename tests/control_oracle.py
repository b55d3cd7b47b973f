"""Frozen reference copies of the control computation as it was first written (an oracle).

`control_components` here is analysis.control's row path as it stood before it was made to count
its rows and share the counting path (issue 12); the store reads are the ones that path used
(lower(brand) per row, every earned post's thread). Tests compare the product's answers with
these; nothing in the product calls them. Do not "fix" them to follow the product.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd
from sqlalchemy import and_, func, select
from sqlalchemy.engine import Connection

from analysis.keymessages import key_message_flags
from koll.store.schema import items, mentions


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
    if both.empty:
        return None
    return float((both["owned_t"] < both["earned_t"]).mean())


def dialogue_rate(earned: pd.DataFrame, threads: pd.DataFrame | None) -> float | None:
    """Among earned non-comment items with a comment thread, the share where the brand commented.

    `threads` has one row per comment in the store: `parent_key` and `brand_voice` (bool).
    """
    if threads is None or threads.empty or earned.empty:
        return None
    posts = earned[earned["kind"] != "comments"]
    voiced = threads.groupby("parent_key")["brand_voice"].any()
    with_thread = posts["key"][posts["key"].isin(voiced.index)].unique()
    if len(with_thread) == 0:
        return None
    return float(voiced.loc[with_thread].mean())


def control_components(
    mentions: pd.DataFrame,
    *,
    weights: dict[str, float] | None = None,
    key_messages: Sequence[str] = (),
    threads: pd.DataFrame | None = None,
    competitor_mentions: int | None = None,
    previous_sources: set[str] | None = None,
) -> dict:
    """Components for one brand and window from its mentions.

    `mentions` has one row per mention of the brand in the window, with columns key, owned,
    person, label, source, kind, published and, when known, story_id, title, text, key_message.
    `threads`: comments whose parent is one of these items (see dialogue_rate).
    `competitor_mentions`: mentions of the brand's competitors in the window (None: no competitors).
    `previous_sources`: sources with a mention of the brand in the equal-length window just before
    (None: there is no previous window, e.g. all history).
    """
    df = mentions.drop_duplicates("key") if not mentions.empty else mentions
    n = len(df)
    owned_mask = _owned(df) if n else pd.Series([], dtype=bool)
    owned = int(owned_mask.sum())
    earned = n - owned
    earned_df = df[~owned_mask] if n else df
    out: dict = {
        "mentions": n,
        "owned": owned,
        "earned": earned,
        "owned_share": _ratio(owned, n),
        "echo_rate": None,
        "agenda_share": agenda_share(df) if n else None,
        "dialogue_rate": dialogue_rate(earned_df, threads) if n else None,
        "net_sentiment": None,
        "hhi": None,
        "effective_voices": None,
        "share_of_voice": None,
        "personal_share": None,
        "new_voices": None,
        "new_voice_sources": None,
    }
    # Echo needs something to echo: key messages, or owned items that others could copy.
    if earned and (key_messages or owned) and {"title", "text"} <= set(df.columns):
        # Flags over all mentions: a copy is recognised by the owned item earlier in its story.
        flags = echo_flags(df, key_messages)
        out["echo_rate"] = float(flags[~owned_mask].sum()) / earned
    if earned:
        pos = int((earned_df["label"] == "pos").sum())
        neg = int((earned_df["label"] == "neg").sum())
        out["net_sentiment"] = (pos - neg) / earned
        shares = earned_df["source"].value_counts(normalize=True)
        out["hhi"] = float((shares**2).sum())
        out["effective_voices"] = 1.0 / out["hhi"]
    if competitor_mentions is not None and n + competitor_mentions:
        out["share_of_voice"] = n / (n + competitor_mentions)
    if owned and "person" in df.columns:
        out["personal_share"] = int(df.loc[owned_mask, "person"].notna().sum()) / owned
    if previous_sources is not None:
        new = sorted(set(earned_df["source"]) - set(previous_sources))
        out["new_voices"] = len(new)
        out["new_voice_sources"] = new
    out.update(control_index(out, weights))
    return out


def comment_threads(conn: Connection, brand: str, parent_keys: Iterable[str]) -> pd.DataFrame:
    """Comments on the given items: parent_key, author, and whether the brand owns the comment."""
    keys = list(dict.fromkeys(parent_keys))
    frames = []
    for k in range(0, len(keys), 500):
        q = (
            select(
                items.c.parent_key,
                items.c.author,
                mentions.c.owned,
            )
            .select_from(
                items.outerjoin(
                    mentions,
                    and_(
                        mentions.c.item_id == items.c.id,
                        func.lower(mentions.c.brand) == brand.lower(),
                    ),
                )
            )
            .where(items.c.kind == "comments", items.c.parent_key.in_(keys[k : k + 500]))
        )
        frames.append(pd.read_sql(q, conn))
    if not frames:
        return pd.DataFrame(columns=["parent_key", "author", "owned"])
    return pd.concat(frames, ignore_index=True)


def count_mentions(
    conn: Connection, brands: Sequence[str], since: str | None, until: str | None
) -> int:
    """Mentions of any of `brands` in the window (one per item and brand)."""
    if not brands:
        return 0
    q = (
        select(func.count())
        .select_from(mentions)
        .where(func.lower(mentions.c.brand).in_([b.lower() for b in brands]))
    )
    if since:
        q = q.where(mentions.c.day >= since)
    if until:
        q = q.where(mentions.c.day <= until)
    return int(conn.execute(q).scalar_one())


def mention_sources(conn: Connection, brand: str, since: str, until: str) -> set[str]:
    """Sources with any mention of the brand in the inclusive window."""
    q = (
        select(mentions.c.source)
        .where(
            func.lower(mentions.c.brand) == brand.lower(),
            mentions.c.day >= since,
            mentions.c.day <= until,
        )
        .distinct()
    )
    return {r[0] for r in conn.execute(q)}


COMPONENTS = ("owned_share", "echo_rate", "agenda_share", "dialogue_rate", "net_sentiment")


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
