"""The dashboard's aggregates: small counts computed in SQL (per day, per source, per brand).

The dashboard never loads mentions into pandas to count them: each function here reads a handful
of grouped rows, from the per-day counts `koll analyse` stores (rollups.py) where it can, so a
year of a million mentions costs the same as a month. The mentions table's pages and searches are in mention_pages.py; what is
selected is a filters.Filter.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import case, desc, func, select
from sqlalchemy.engine import Connection

from koll.store import day_start, rollups, schema
from koll.store.filters import Filter
from koll.store.schema import corrections, feeds, items, mentions, runs, triage_marks

COUNT_COLUMNS = ["mentions", "owned", "earned", "pos", "neu", "neg"]

if TYPE_CHECKING:  # pandas is imported where a frame is built: the ingest path never loads it
    import pandas as pd


def data_version(conn: Connection) -> str:
    """Changes whenever an ingest, an analysis run, a correction or a triage mark changed what
    pages show."""
    # One statement of index probes: every cached dashboard question asks it (the control
    # cards three times), and four round trips were ~12 of the cards' ~48 statements.
    newest = [func.max(mentions.c.id), func.max(corrections.c.id), func.max(runs.c.id),
              func.max(runs.c.finished), func.max(triage_marks.c.id)]  # fmt: skip
    row = conn.execute(select(*[select(x).scalar_subquery() for x in newest])).one()
    return ":".join(str(v) for v in row)


def day_range(conn: Connection, brands: Sequence[str] = ()) -> tuple[str | None, str | None]:
    """First and last day with mentions (of `brands`, when given).

    One min() and one max() per brand: each is a single index probe on (brand, day), where one
    query over all brands would scan the whole index.
    """
    if not brands:
        row = conn.execute(select(func.min(mentions.c.day), func.max(mentions.c.day))).first()
        return (row[0], row[1]) if row else (None, None)
    firsts: list[Any] = []  # day strings, or None for a brand without mentions
    lasts: list[Any] = []
    for b in brands:
        where = mentions.c.brand == b
        firsts.append(conn.execute(select(func.min(mentions.c.day)).where(where)).scalar())
        lasts.append(conn.execute(select(func.max(mentions.c.day)).where(where)).scalar())
    firsts = [d for d in firsts if d]
    lasts = [d for d in lasts if d]
    return (min(firsts) if firsts else None, max(lasts) if lasts else None)


def _tone_frame(conn: Connection, f: Filter, keys: list[str]) -> pd.DataFrame:
    """Counts per `keys` (day and/or brand) before summing: mentions, owned, earned and the
    tone of earned mentions (pos, neu, neg)."""
    import pandas as pd

    group = [*keys, "owned", "label"]
    df = pd.DataFrame(rollups.day_rows(conn, f, group), columns=[*group, "n"])
    owned = df["owned"].astype(bool)
    n = df["n"].astype("int64")
    earned = n.where(~owned, 0)
    return pd.DataFrame(
        {
            **{k: df[k] for k in keys},
            "mentions": n,
            "owned": n.where(owned, 0),
            "earned": earned,
            "pos": earned.where(df["label"] == "pos", 0),
            "neu": earned.where(df["label"] == "neu", 0),
            "neg": earned.where(df["label"] == "neg", 0),
        }
    )


def _summed(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    out = frame.groupby(keys, sort=True)[COUNT_COLUMNS].sum().reset_index()
    return out.astype(dict.fromkeys(COUNT_COLUMNS, "int64"))


def daily(conn: Connection, f: Filter) -> pd.DataFrame:
    """Per day and brand: mentions, owned, earned and the tone of earned mentions (pos/neu/neg).

    Read from the stored per-day counts where `koll analyse` made them (koll/store/rollups.py),
    so a year costs a few thousand rows; counted from the mentions otherwise.
    """
    return _summed(_tone_frame(conn, f, ["day", "brand"]), ["day", "brand"])


def totals(conn: Connection, f: Filter) -> pd.DataFrame:
    """Per brand over the whole window: the same counts as daily()."""
    return _summed(_tone_frame(conn, f, ["brand"]), ["brand"])


def totals_of(daily_frame: pd.DataFrame) -> pd.DataFrame:
    """totals() of a filter from its daily() frame (the sums of its days), without reading the
    counts again."""
    return _summed(daily_frame, ["brand"])


def sources(
    conn: Connection, f: Filter, limit: int = 15, before: tuple[str, str] | None = None
) -> tuple[pd.DataFrame, dict]:
    """Top sources by mentions, and over all sources: count, HHI and effective voices; with
    `before` (since, until), also new_voices: new_sources against that window.

    HHI is computed from per-source counts, so only one row per source leaves the database.
    """
    import pandas as pd

    found = rollups.source_rows(conn, f)
    rows = pd.DataFrame(found, columns=["source", "owned", "n"])
    rows["owned"] = rows["owned"].astype(bool)
    rows["n"] = rows["n"].astype("int64")
    df = (
        rows.assign(own=rows["n"].where(rows["owned"], 0), earn=rows["n"].where(~rows["owned"], 0))
        .groupby("source", sort=False)[["n", "own", "earn"]]
        .sum()
        .reset_index()
        .set_axis(["source", "mentions", "owned", "earned"], axis=1)
        .sort_values(["mentions", "source"], ascending=[False, True], ignore_index=True)
    )
    total = int(df["mentions"].sum()) if len(df) else 0
    earned_total = int(df["earned"].sum()) if len(df) else 0
    summary: dict = {"sources": len(df), "mentions": total, "hhi": None, "effective_voices": None}
    if earned_total:
        hhi = float(((df["earned"] / earned_total) ** 2).sum())
        summary.update(hhi=hhi, effective_voices=1.0 / hhi)
    top = df.head(limit).copy()
    top["share"] = top["mentions"] / total if total else 0.0
    if before:
        # The window's earned sources are among the rows just read (a year's: 0.1 s to read
        # again) unless they were limited to owned ones.
        plain = f == f.window().replace(owned=f.owned) and f.owned != "owned"
        current = {s for s, owned, n in found if n and not owned} if plain else None
        summary["new_voices"] = new_sources(conn, f, *before, current=current)
    return top, summary


def _earned_sources(conn: Connection, f: Filter) -> set[str]:
    return {s for s, _owned, n in rollups.source_rows(conn, f) if n}


def new_sources(
    conn: Connection,
    f: Filter,
    before_since: str,
    before_until: str,
    current: set[str] | None = None,
) -> int:
    """Earned sources in the window that had no mention of the brands in the window just before
    (`current`: the window's earned sources, when the caller has them)."""
    cur = f.window().replace(owned="earned")
    # Any mention before, owned ones too, as koll control counts new_voices (docs/control.md):
    # only earned ones made a source new whose earlier mentions were the brand's own posts.
    prev = f.window().replace(since=before_since, until=before_until, owned="all")
    if current is None:
        current = _earned_sources(conn, cur)
    return len(current - _earned_sources(conn, prev))


def authors(conn: Connection, f: Filter, limit: int = 15) -> pd.DataFrame:
    """Top named authors with their (first) source, count and whether any of it is owned."""
    import pandas as pd

    cols = ["author", "source", "mentions", "owned"]
    df = pd.DataFrame(rollups.top_authors(conn, f, limit), columns=cols)
    return df.astype({"mentions": "int64", "owned": "int64"})


def owned_activity(conn: Connection, f: Filter) -> pd.DataFrame:
    """The brand's own channels in the window: posts per source and kind, and the latest post."""
    import pandas as pd

    c = mentions.c
    of = f.window().replace(owned="owned")
    q = (
        select(
            c.source,
            c.kind,
            func.count().label("posts"),
            func.max(c.published).label("latest"),
        )
        .where(*of.conditions())
        .group_by(c.source, c.kind)
        .order_by(desc("posts"), c.source)
    )
    return pd.DataFrame(conn.execute(q).all(), columns=["source", "kind", "posts", "latest"])


def feed_health(conn: Connection) -> pd.DataFrame:
    """Configured feeds with their status; failing ones first."""
    import pandas as pd

    bad = case((feeds.c.status.in_(["failing", "disabled", "gone"]), 0), else_=1)
    q = (
        select(
            feeds.c.url,
            feeds.c.title,
            feeds.c.kind,
            feeds.c.owner,
            feeds.c.status,
            feeds.c.failures,
            feeds.c.last_error,
            feeds.c.last_success,
            feeds.c.last_attempt,
        )
        .where(feeds.c.in_config.is_(True))
        .order_by(bad, desc(feeds.c.failures), feeds.c.url)
    )
    cols = ["url", "title", "kind", "owner", "status", "failures", "last_error", "last_success",
            "last_attempt"]  # fmt: skip
    return pd.DataFrame(conn.execute(q).all(), columns=cols)


STORY_COLUMNS = ["story_id", "title", "size", "mentions", "owned", "pos", "neg",
                 "first_published", "first_source", "brand_first"]  # fmt: skip


def _story_window(f: Filter) -> list:
    st = schema.stories
    window = []
    # The columns are UTC, the window's days Stockholm days (the mentions' `day`, which
    # _story_rows checks); datetimes, not strings: PostgreSQL has no timestamp >= varchar.
    if f.since:
        window.append(st.c.last_published >= day_start(f.since))
    if f.until:
        after = (date.fromisoformat(f.until) + timedelta(days=1)).isoformat()
        window.append(st.c.first_published < day_start(after))
    return window


def _story_rows(conn: Connection, f: Filter, ids: list[int]) -> list[tuple]:
    """STORY_COLUMNS of the stories `ids` that have mentions of f's brands in f's window.

    The stories' mentions are found from their items (ix_items_story) and the brand and window
    checked here, not in SQL: given both, the planner walks the brand's whole window instead.
    """
    st = schema.stories
    brands = set(f.brands)
    q = (
        select(items.c.story_id, mentions.c.brand, mentions.c.day, mentions.c.owned,
               mentions.c.label)
        .select_from(items.join(mentions, mentions.c.item_id == items.c.id))
        .where(items.c.story_id.in_(ids))
    )  # fmt: skip
    counts: dict[int, list[int]] = {}
    published_in: set[int] = set()  # stories with an owned item of the brands, on any day
    for sid, brand, day, owned, label in conn.execute(q).all():
        if brand in brands and owned:
            published_in.add(sid)
        if brand in brands and (not f.since or day >= f.since) and (not f.until or day <= f.until):
            c = counts.setdefault(sid, [0, 0, 0, 0])
            c[0] += 1
            c[1] += bool(owned)
            c[2] += label == "pos"
            c[3] += label == "neg"
    if not counts:
        return []
    # The story's first item: where it appeared, and whether it was the brand's own.
    first, first_mention = items.alias("first_item"), mentions.alias("first_mention")
    own = func.max(case((first_mention.c.owned.is_(True), 1), else_=0))
    firsts_q = (
        select(st.c.id, st.c.title, st.c.size, st.c.first_published, first.c.source, own)
        .select_from(
            st.join(first, first.c.id == st.c.first_item_id).outerjoin(
                first_mention,
                (first_mention.c.item_id == st.c.first_item_id)
                & first_mention.c.brand.in_(list(brands)),
            )
        )
        .where(st.c.id.in_(list(counts)))
        .group_by(st.c.id, st.c.title, st.c.size, st.c.first_published, first.c.source)
    )
    # A story the brand never published in has no "first or not" (agenda_share leaves it out,
    # docs/control.md): None, not False, which read as "the brand came second".
    return [
        (sid, title, size, *counts[sid], published, source,
         bool(own) if sid in published_in else None)
        for sid, title, size, published, source, own in conn.execute(firsts_q).all()
    ]  # fmt: skip


def stories(conn: Connection, f: Filter, limit: int = 8) -> pd.DataFrame:
    """Multi-item stories with mentions of the brands in the window, largest first: their
    mentions (owned, positive, negative), first source and whether the brand was first
    (`brand_first`: True or False, None for a story with no owned item of the brands).

    Walks the stored stories that overlap the window from the largest down, a batch at a time,
    until `limit` have a mention of the brands: a year holds a hundred thousand stories, and
    counting every story's mentions to keep eight took a second.
    """
    import pandas as pd

    st = schema.stories
    order = (desc(st.c.size), st.c.first_published, st.c.id)
    found: list[tuple] = []
    offset, batch = 0, 4 * limit
    while len(found) < limit:
        q = select(st.c.id).where(*_story_window(f)).order_by(*order)
        ids = [r[0] for r in conn.execute(q.offset(offset).limit(batch))]
        if not ids:
            break
        rows = {r[0]: r for r in _story_rows(conn, f, ids)}
        found += [rows[i] for i in ids if i in rows]
        offset += batch
        batch *= 4  # few large stories mention the brand: look further, faster
    df = pd.DataFrame(found[:limit], columns=STORY_COLUMNS)
    # object, not bool: a bool column would turn "not published in" (None) into False.
    df["brand_first"] = df["brand_first"].astype(object)
    return df
