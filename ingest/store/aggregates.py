"""Every query the dashboard runs: small aggregates computed in SQL, plus the indexes they need.

The dashboard never loads mentions into pandas to count them: each function here returns a
handful of grouped rows (per day, per source, per brand) or one page of the mentions table.
Filters arrive as Python values and reach SQL only as bound parameters.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

import pandas as pd
from sqlalchemy import Index, and_, case, desc, func, inspect, or_, select
from sqlalchemy.engine import Connection, Engine

from ingest.store.schema import corrections, feeds, items, mentions, runs

# A covering index for the per-day/per-source aggregates: SQLite answers them from the index
# alone (no table lookups), which keeps a 30-day window over a million mentions in milliseconds.
AGG_INDEX = Index(
    "ix_mentions_agg",
    mentions.c.brand,
    mentions.c.day,
    mentions.c.owned,
    mentions.c.label,
    mentions.c.source,
    mentions.c.kind,
)
# The mentions table is sorted newest first within a brand; this index serves that order.
PUBLISHED_INDEX = Index("ix_mentions_brand_published", mentions.c.brand, mentions.c.published)

DASHBOARD_INDEXES = (AGG_INDEX, PUBLISHED_INDEX)

OWNED_CHOICES = ("all", "owned", "earned")
SORTS = {
    "new": (desc(mentions.c.published), desc(mentions.c.id)),
    "old": (mentions.c.published, mentions.c.id),
    "source": (mentions.c.source, desc(mentions.c.published)),
    "neg": (func.coalesce(mentions.c.score, 0), desc(mentions.c.published)),
    "pos": (desc(func.coalesce(mentions.c.score, 0)), desc(mentions.c.published)),
}


def ensure_indexes(engine: Engine) -> None:
    """Create the dashboard's indexes on a database made before they existed (idempotent)."""
    existing = {ix["name"] for ix in inspect(engine).get_indexes("mentions")}
    missing = [ix for ix in DASHBOARD_INDEXES if ix.name not in existing]
    if not missing:
        return
    with engine.begin() as conn:
        for ix in missing:
            ix.create(conn, checkfirst=True)


@dataclass(frozen=True)
class Filter:
    """What the filter bar and the mentions page select; every field is optional."""

    brands: tuple[str, ...] = ()
    since: str | None = None
    until: str | None = None
    owned: str = "all"  # all | owned | earned
    sources: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()  # pos | neu | neg | none (not scored)
    langs: tuple[str, ...] = ()
    text: str = ""
    extra: dict = field(default_factory=dict, compare=False, hash=False)


def _where(f: Filter, *, with_items: bool = False) -> list:
    """The filter as SQL conditions on `mentions` (and `items` when joined)."""
    c = mentions.c
    cond: list = []
    if f.brands:
        cond.append(c.brand.in_(list(f.brands)))
    if f.since:
        cond.append(c.day >= f.since)
    if f.until:
        cond.append(c.day <= f.until)
    if f.owned == "owned":
        cond.append(c.owned.is_(True))
    elif f.owned == "earned":
        cond.append(c.owned.is_(False))
    if f.sources:
        cond.append(c.source.in_(list(f.sources)))
    if f.kinds:
        cond.append(c.kind.in_(list(f.kinds)))
    if f.labels:
        named = [x for x in f.labels if x != "none"]
        parts = [c.label.in_(named)] if named else []
        if "none" in f.labels:
            parts.append(c.label.is_(None))
        cond.append(or_(*parts))
    if with_items:
        if f.langs:
            named = [x for x in f.langs if x != "none"]
            parts = [items.c.lang.in_(named)] if named else []
            if "none" in f.langs:
                parts.append(items.c.lang.is_(None))
            cond.append(or_(*parts))
        if f.text.strip():
            # LIKE with the user's % and _ escaped: a search for "50%" means the characters.
            needle = f.text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            pattern = f"%{needle}%"
            cond.append(
                or_(
                    items.c.title.ilike(pattern, escape="\\"),
                    items.c.text.ilike(pattern, escape="\\"),
                    items.c.author.ilike(pattern, escape="\\"),
                )
            )
    return cond


def _needs_items(f: Filter) -> bool:
    return bool(f.langs or f.text.strip())


def _from(f: Filter):
    if _needs_items(f):
        return mentions.join(items, items.c.id == mentions.c.item_id)
    return mentions


def data_version(conn: Connection) -> str:
    """Changes whenever an ingest, an analysis run or a correction changed what pages show."""
    m = conn.execute(select(func.max(mentions.c.id))).scalar()
    k = conn.execute(select(func.max(corrections.c.id))).scalar()
    r = conn.execute(select(func.max(runs.c.id), func.max(runs.c.finished))).first()
    return f"{m}:{k}:{r[0]}:{r[1]}"


def day_range(conn: Connection, brands: Sequence[str] = ()) -> tuple[str | None, str | None]:
    """First and last day with mentions (of `brands`, when given)."""
    q = select(func.min(mentions.c.day), func.max(mentions.c.day))
    if brands:
        q = q.where(mentions.c.brand.in_(list(brands)))
    row = conn.execute(q).first()
    return (row[0], row[1]) if row else (None, None)


def _tone_columns(earned_only: bool = True) -> list:
    c = mentions.c
    earned = c.owned.is_(False)

    def n(cond):
        return func.coalesce(func.sum(case((cond, 1), else_=0)), 0)

    return [
        func.count().label("mentions"),
        n(c.owned.is_(True)).label("owned"),
        n(earned).label("earned"),
        n(and_(c.label == "pos", earned) if earned_only else c.label == "pos").label("pos"),
        n(and_(c.label == "neu", earned) if earned_only else c.label == "neu").label("neu"),
        n(and_(c.label == "neg", earned) if earned_only else c.label == "neg").label("neg"),
    ]


def daily(conn: Connection, f: Filter) -> pd.DataFrame:
    """Per day and brand: mentions, owned, earned and the tone of earned mentions (pos/neu/neg)."""
    q = (
        select(mentions.c.day, mentions.c.brand, *_tone_columns())
        .select_from(_from(f))
        .where(*_where(f, with_items=_needs_items(f)))
        .group_by(mentions.c.day, mentions.c.brand)
        .order_by(mentions.c.day, mentions.c.brand)
    )
    return pd.DataFrame(
        conn.execute(q).all(),
        columns=["day", "brand", "mentions", "owned", "earned", "pos", "neu", "neg"],
    )


def totals(conn: Connection, f: Filter) -> pd.DataFrame:
    """Per brand over the whole window: the same counts as daily()."""
    q = (
        select(mentions.c.brand, *_tone_columns())
        .select_from(_from(f))
        .where(*_where(f, with_items=_needs_items(f)))
        .group_by(mentions.c.brand)
        .order_by(mentions.c.brand)
    )
    return pd.DataFrame(
        conn.execute(q).all(),
        columns=["brand", "mentions", "owned", "earned", "pos", "neu", "neg"],
    )


def sources(conn: Connection, f: Filter, limit: int = 15) -> tuple[pd.DataFrame, dict]:
    """Top sources by mentions, and over all sources: count, HHI and effective voices.

    HHI is computed from per-source counts, so only one row per source leaves the database.
    """
    c = mentions.c
    q = (
        select(c.source, func.count().label("mentions"), *_tone_columns()[1:3])
        .select_from(_from(f))
        .where(*_where(f, with_items=_needs_items(f)))
        .group_by(c.source)
        .order_by(desc("mentions"), c.source)
    )
    rows = conn.execute(q).all()
    df = pd.DataFrame(rows, columns=["source", "mentions", "owned", "earned"])
    total = int(df["mentions"].sum()) if len(df) else 0
    earned_total = int(df["earned"].sum()) if len(df) else 0
    summary: dict = {"sources": len(df), "mentions": total, "hhi": None, "effective_voices": None}
    if earned_total:
        hhi = float(((df["earned"] / earned_total) ** 2).sum())
        summary.update(hhi=hhi, effective_voices=1.0 / hhi)
    top = df.head(limit).copy()
    top["share"] = top["mentions"] / total if total else 0.0
    return top, summary


def new_sources(conn: Connection, f: Filter, before_since: str, before_until: str) -> int:
    """Earned sources in the window that had no mention of the brands in the window just before."""
    prev = Filter(brands=f.brands, since=before_since, until=before_until, owned="earned")
    cur = Filter(brands=f.brands, since=f.since, until=f.until, owned="earned")
    earlier = select(mentions.c.source).where(*_where(prev))
    q = (
        select(func.count(func.distinct(mentions.c.source)))
        .where(*_where(cur))
        .where(mentions.c.source.notin_(earlier))
    )
    return int(conn.execute(q).scalar() or 0)


def authors(conn: Connection, f: Filter, limit: int = 15) -> pd.DataFrame:
    """Top named authors (joined from items) with their source and count."""
    q = (
        select(
            items.c.author,
            func.min(mentions.c.source).label("source"),
            func.count().label("mentions"),
            func.max(case((mentions.c.owned.is_(True), 1), else_=0)).label("owned"),
        )
        .select_from(mentions.join(items, items.c.id == mentions.c.item_id))
        .where(*_where(f, with_items=True), items.c.author.is_not(None), items.c.author != "")
        .group_by(items.c.author)
        .order_by(desc("mentions"), items.c.author)
        .limit(limit)
    )
    return pd.DataFrame(conn.execute(q).all(), columns=["author", "source", "mentions", "owned"])


def owned_activity(conn: Connection, f: Filter) -> pd.DataFrame:
    """The brand's own channels in the window: posts per source and kind, and the latest post."""
    c = mentions.c
    of = Filter(brands=f.brands, since=f.since, until=f.until, owned="owned")
    q = (
        select(
            c.source,
            c.kind,
            func.count().label("posts"),
            func.max(c.published).label("latest"),
        )
        .where(*_where(of))
        .group_by(c.source, c.kind)
        .order_by(desc("posts"), c.source)
    )
    return pd.DataFrame(conn.execute(q).all(), columns=["source", "kind", "posts", "latest"])


def feed_health(conn: Connection) -> pd.DataFrame:
    """Configured feeds with their status; failing ones first."""
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


_PAGE_COLUMNS = [
    mentions.c.id.label("mention_id"),
    mentions.c.item_id,
    mentions.c.brand,
    mentions.c.owned,
    mentions.c.published,
    mentions.c.source,
    mentions.c.kind,
    mentions.c.label,
    mentions.c.score,
    mentions.c.model,
    items.c.title,
    items.c.url,
    items.c.author,
    items.c.lang,
    func.substr(items.c.text, 1, 240).label("snippet"),
]


def mention_count(conn: Connection, f: Filter) -> int:
    q = select(func.count()).select_from(_from(f)).where(*_where(f, with_items=_needs_items(f)))
    return int(conn.execute(q).scalar() or 0)


def mention_page(
    conn: Connection, f: Filter, *, sort: str = "new", offset: int = 0, limit: int = 25
) -> pd.DataFrame:
    """One page of mentions with their item fields, in the chosen order."""
    order = SORTS.get(sort, SORTS["new"])
    # Page the narrow mentions rows first, then join items for just the page's rows: sorting
    # a window's mention ids is cheap, dragging every item's text through the sort is not.
    ids = (
        select(mentions.c.id)
        .select_from(_from(f))
        .where(*_where(f, with_items=_needs_items(f)))
        .order_by(*order)
        .offset(max(0, int(offset)))
        .limit(max(1, int(limit)))
        .subquery()
    )
    q = (
        select(*_PAGE_COLUMNS)
        .select_from(mentions.join(items, items.c.id == mentions.c.item_id))
        .where(mentions.c.id.in_(select(ids.c.id)))
        .order_by(*order)
    )
    cols = [col.key if hasattr(col, "key") else col.name for col in _PAGE_COLUMNS]
    return pd.DataFrame(conn.execute(q).all(), columns=cols)


def mention_rows(conn: Connection, f: Filter, *, sort: str = "new", chunk: int = 2000) -> Iterator:
    """Every mention matching the filter, streamed, for the CSV export."""
    q = (
        select(*_PAGE_COLUMNS[:-1], items.c.text)
        .select_from(mentions.join(items, items.c.id == mentions.c.item_id))
        .where(*_where(f, with_items=True))
        .order_by(*SORTS.get(sort, SORTS["new"]))
    )
    yield from conn.execution_options(stream_results=True, yield_per=chunk).execute(q)


def options(conn: Connection, f: Filter, limit: int = 300) -> dict[str, list[str]]:
    """Values offered by the mentions page's dropdowns for the brand and window."""
    base = Filter(brands=f.brands, since=f.since, until=f.until)
    src = conn.execute(
        select(mentions.c.source)
        .where(*_where(base))
        .group_by(mentions.c.source)
        .order_by(desc(func.count()))
        .limit(limit)
    ).scalars()
    kinds = conn.execute(
        select(mentions.c.kind).where(*_where(base)).group_by(mentions.c.kind)
    ).scalars()
    langs = conn.execute(
        select(items.c.lang).where(items.c.lang.is_not(None)).group_by(items.c.lang).limit(50)
    ).scalars()
    return {"sources": sorted(src), "kinds": sorted(kinds), "langs": sorted(langs)}


def mention_label(conn: Connection, item_id: int, brand: str) -> str | None:
    row = conn.execute(
        select(mentions.c.label).where(mentions.c.item_id == item_id, mentions.c.brand == brand)
    ).first()
    return row[0] if row else None


def item_title(conn: Connection, item_id: int) -> str:
    row = conn.execute(select(items.c.title).where(items.c.id == item_id)).first()
    return (row[0] or "") if row else ""


def latest_correction(conn: Connection, item_id: int, brand: str) -> str | None:
    row = conn.execute(
        select(corrections.c.label)
        .where(corrections.c.item_id == item_id, corrections.c.brand == brand)
        .order_by(desc(corrections.c.id))
        .limit(1)
    ).first()
    return row[0] if row else None


__all__ = [
    "AGG_INDEX",
    "Filter",
    "OWNED_CHOICES",
    "SORTS",
    "authors",
    "daily",
    "data_version",
    "day_range",
    "ensure_indexes",
    "feed_health",
    "mention_count",
    "mention_label",
    "mention_page",
    "mention_rows",
    "new_sources",
    "options",
    "owned_activity",
    "sources",
    "totals",
]
