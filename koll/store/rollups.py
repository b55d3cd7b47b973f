"""Stored per-day counts of mentions (by tone and voice, per source, per author) and how a reader
gets exact counts from them: stored rows for the days they are complete for, live counts for the
days changed since `koll analyse` last stored them.

Each rollup table holds the grouped rows of one query over `mentions` (the *_groups functions
below); `koll analyse` inserts that query's rows per brand and day, and a reader runs the same
query for the days changed since. `rollup_marks` records the highest mention and correction id
the stored rows include: a day with a newer mention (ingested since) or a newer correction (a
tone changed) is counted live, so a reader never sees a stale count.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from weakref import WeakKeyDictionary

from sqlalchemy import String, case, delete, func, insert, literal, select, union_all
from sqlalchemy.engine import Connection

from koll.store.filters import Filter
from koll.store.schema import (
    author_periods,
    corrections,
    items,
    mention_days,
    mentions,
    rollup_marks,
    source_periods,
)

DAY_COLUMNS = ["brand", "day", "owned", "label", "key_message", "personal", "n"]
SOURCE_COLUMNS = ["brand", "period", "source", "owned", "n"]
AUTHOR_COLUMNS = ["brand", "period", "author", "owned", "source", "n"]


@dataclass(frozen=True)
class Marks:
    """The stored rollups include every mention and correction up to these ids."""

    mention_id: int
    correction_id: int


# --- the grouped queries (stored by analyse, run live for changed days) -----------------------


def _scope(f: Filter, days: Sequence[str] | None, dialect: str, join_items: bool = False):
    """(FROM, WHERE) for `f` (a search or language filter joins what it needs), limited to days."""
    src, cond = f.scope(dialect, join_items=join_items)
    if days is not None:
        cond = [*cond, mentions.c.day.in_(list(days))]
    return src, cond


def day_groups(f: Filter, days: Sequence[str] | None = None, dialect: str = "sqlite"):
    """Mentions per brand and day by owned, label ('' = not scored), key_message and personal."""
    c = mentions.c
    label = func.coalesce(c.label, literal("")).label("label")
    personal = case((c.person.is_not(None), True), else_=False).label("personal")
    keys = [c.brand, c.day, c.owned, label, c.key_message, personal]
    src, cond = _scope(f, days, dialect)
    return select(*keys, func.count().label("n")).select_from(src).where(*cond).group_by(*keys)


def source_groups(f: Filter, days: Sequence[str] | None = None, dialect: str = "sqlite"):
    """Mentions per brand, day, source and owned."""
    c = mentions.c
    keys = [c.brand, c.day.label("period"), c.source, c.owned]
    src, cond = _scope(f, days, dialect)
    return select(*keys, func.count().label("n")).select_from(src).where(*cond).group_by(*keys)


def author_groups(f: Filter, days: Sequence[str] | None = None, dialect: str = "sqlite"):
    """Mentions per brand, day, named author and owned, with the author's first source."""
    c = mentions.c
    keys = [c.brand, c.day.label("period"), items.c.author, c.owned]
    src, cond = _scope(f, days, dialect, join_items=True)
    return (
        select(*keys, func.min(c.source).label("source"), func.count().label("n"))
        .select_from(src)
        .where(*cond, items.c.author.is_not(None), items.c.author != "")
        .group_by(*keys)
    )


# --- what is stored and what changed since ------------------------------------------------


def marks(conn: Connection) -> Marks | None:
    """The stored rollups' marks, or None when `koll analyse` has not stored any."""
    return _memo(conn, "marks", lambda: _read_marks(conn))


def _read_marks(conn: Connection) -> Marks | None:
    got = dict(conn.execute(select(rollup_marks.c.name, rollup_marks.c.value)).all())
    if "mention_id" not in got or "correction_id" not in got:
        return None
    return Marks(int(got["mention_id"]), int(got["correction_id"]))


# A reader that asks several rollups in one go (a control report asks four: tones, competitors,
# sources of two windows) reads the marks and the days changed since them once, inside
# `with pinned(conn):`. Asked per rollup, they were ~10 of a report's ~35 statements.
_pins: WeakKeyDictionary = WeakKeyDictionary()


@contextmanager
def pinned(conn: Connection) -> Iterator[None]:
    """Within the block, marks() and the changed days are read once for `conn` (for readers
    only: a writer that moves the marks must not hold a pin)."""
    if conn in _pins:  # already pinned by a caller: keep its values
        yield
        return
    _pins[conn] = {}
    try:
        yield
    finally:
        _pins.pop(conn, None)


def _memo(conn: Connection, key, compute):
    memo = _pins.get(conn)
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def current_marks(conn: Connection) -> Marks:
    m = conn.execute(select(func.max(mentions.c.id))).scalar() or 0
    k = conn.execute(select(func.max(corrections.c.id))).scalar() or 0
    return Marks(int(m), int(k))


def changed_days(conn: Connection, since: Marks, *, tones: bool = True) -> set[tuple[str, str]]:
    """(brand, day) with a mention newer than the marks, or (with `tones`) a newer correction.

    Both are read as id ranges of a primary key (a handful of rows after a normal ingest) and
    made distinct here: asked for DISTINCT, SQLite walks a brand-day index instead (0.3 s at a
    million mentions).
    """
    out = set(_memo(conn, ("new", since), lambda: _new_days(conn, since)))
    if tones:
        out = out | _memo(conn, ("fixed", since), lambda: _corrected_days(conn, since))
    return out


def _new_days(conn: Connection, since: Marks) -> set[tuple[str, str]]:
    new = select(mentions.c.brand, mentions.c.day).where(mentions.c.id > since.mention_id)
    return {(b, d) for b, d in conn.execute(new.order_by(mentions.c.id))}


def _corrected_days(conn: Connection, since: Marks) -> set[tuple[str, str]]:
    q = select(corrections.c.item_id, corrections.c.brand).where(
        corrections.c.id > since.correction_id
    )
    fixed = {tuple(r) for r in conn.execute(q.order_by(corrections.c.id))}
    ids = sorted({i for i, _b in fixed})
    out: set[tuple[str, str]] = set()
    for k in range(0, len(ids), 500):
        days_q = select(mentions.c.item_id, mentions.c.brand, mentions.c.day).where(
            mentions.c.item_id.in_(ids[k : k + 500])
        )
        out |= {(b, d) for i, b, d in conn.execute(days_q) if (i, b) in fixed}
    return out


def window_days(since: str, until: str) -> list[str]:
    """Every day from `since` to `until`, both included."""
    s, u = date.fromisoformat(since), date.fromisoformat(until)
    return [(s + timedelta(days=i)).isoformat() for i in range((u - s).days + 1)]


def plan(since: str, until: str, dirty: Iterable[str]) -> tuple[list[str], list[str], list[str]]:
    """(whole months, days, dirty days) that make up [since, until] for the period tables.

    A month lies wholly in the window and has no changed day: its month row; other days: their
    day rows, or live counts when they changed.
    """
    dirty = set(dirty)
    dirty_months = {d[:7] for d in dirty}
    whole_months: dict[str, bool] = {}  # month -> lies wholly in the window (once per month)
    months: list[str] = []
    days: list[str] = []
    live: list[str] = []
    for day in window_days(since, until):
        month = day[:7]
        if month not in whole_months:
            y, m = int(month[:4]), int(month[5:7])
            first, last = f"{month}-01", f"{month}-{calendar.monthrange(y, m)[1]:02d}"
            whole_months[month] = first >= since and last <= until
        if day in dirty:
            live.append(day)
        elif whole_months[month] and month not in dirty_months:
            if not months or months[-1] != month:
                months.append(month)
        else:
            days.append(day)
    return months, days, live


# --- reading ---------------------------------------------------------------------------------


def usable(f: Filter, *, tones: bool = False) -> bool:
    """Whether the rollups can answer `f`: brands, a closed window and owned/earned only (and,
    with `tones`, the tone labels, which mention_days keeps)."""
    plain = not (f.sources or f.kinds or f.langs or f.search or f.triage)
    plain = plain and f.story is None and (tones or not f.labels)
    return plain and bool(f.brands) and bool(f.since) and bool(f.until)


def _dirty_in(conn: Connection, f: Filter, m: Marks, tones: bool) -> list[str]:
    brands = set(f.brands)
    assert f.since and f.until  # usable(f) holds
    return sorted(
        d for b, d in changed_days(conn, m, tones=tones) if b in brands and f.since <= d <= f.until
    )


def read_days(conn: Connection, f: Filter, group: Sequence[str] = DAY_COLUMNS[:-1]) -> list | None:
    """day_groups rows for `f` summed by `group` (then n), stored where complete and live for
    changed days (a key may repeat: sum again); None when nothing is stored or the filter is not
    one the rollups hold."""
    m = marks(conn) if usable(f, tones=True) else None
    if m is None:
        return None
    dirty = _dirty_in(conn, f, m, tones=True)
    c = mention_days.c
    cond = [c.brand.in_(list(f.brands)), c.day >= f.since, c.day <= f.until]
    if f.owned != "all":
        cond.append(c.owned.is_(f.owned == "owned"))
    if f.labels:  # "none" (not scored) is stored as ''
        cond.append(c.label.in_(["" if x == "none" else x for x in f.labels]))
    if dirty:
        cond.append(c.day.notin_(dirty))
    rows = _all(conn, _grouped_sum(c, list(group), []).where(*cond))
    if dirty:
        sub = day_groups(f, dirty, conn.dialect.name).subquery()
        rows += _all(conn, _grouped_sum(sub.c, list(group), []))
    return rows


def _all(conn: Connection, q) -> list[tuple]:
    # fetchall in one call: row by row, 24 k rows cost 0.1 s in the driver's fetchone alone.
    return [tuple(r) for r in conn.execute(q).all()]


def _grouped_sum(cols, group: list[str], first: list[str]):
    """SELECT group..., min(first)..., sum(n) ... GROUP BY group, over columns `cols`."""
    return select(*[cols[k] for k in group], *[func.min(cols[k]) for k in first],
                  func.sum(cols["n"])).group_by(*[cols[k] for k in group])  # fmt: skip


def _period_rows(conn: Connection, f: Filter, table, live_query, cols: list[str]):
    """A subquery of rows (`cols`, then n) covering f's window: a period table's whole months
    and days, and live counts for the days changed since the marks (or, when the rollups
    cannot answer, live counts for the whole window). Sum n over it."""
    m = marks(conn) if usable(f) else None
    if m is None:
        sub = live_query(f, None, conn.dialect.name).subquery()
        return select(*[sub.c[k] for k in (*cols, "n")]).subquery()
    assert f.since and f.until  # marks are read only when usable(f)
    months, days, live = plan(f.since, f.until, _dirty_in(conn, f, m, tones=False))
    c = table.c
    cond = [c.brand.in_(list(f.brands)), c.period.in_(months + days)]
    if f.owned != "all":
        cond.append(c.owned.is_(f.owned == "owned"))
    parts = [select(*[c[k] for k in (*cols, "n")]).where(*cond)]
    if live:
        sub = live_query(f, live, conn.dialect.name).subquery()
        parts.append(select(*[sub.c[k] for k in (*cols, "n")]))
    return union_all(*parts).subquery() if len(parts) > 1 else parts[0].subquery()


def mention_total(conn: Connection, f: Filter) -> int | None:
    """How many mentions `f` selects, from the rollups (None when they cannot answer)."""
    rows = read_days(conn, f, [])
    return None if rows is None else sum(int(r[0] or 0) for r in rows)


def day_totals(conn: Connection, names: Sequence[str], since: str, until: str) -> dict[str, int]:
    """{day: items mentioning the brand} in [since, until], for its stored spellings `names`.

    With one spelling a mention is one item (uq_mentions_item_brand), so the rollups answer
    (1 ms for a year at a million mentions; counting distinct items took 300-400 ms). An item
    may carry two spellings of one brand, so several are counted from the mentions.
    """
    rows = None
    if len(names) == 1:
        rows = read_days(conn, Filter(brands=tuple(names), since=since, until=until), ["day"])
    if rows is None:
        q = select(mentions.c.day, func.count(func.distinct(mentions.c.item_id)))
        q = Filter(brands=names, since=since, until=until).apply(q).group_by(mentions.c.day)
        rows = _all(conn, q)
    out: dict[str, int] = {}
    for day, n in rows:  # a changed day may come twice (stored rows and live ones): sum
        out[day] = out.get(day, 0) + int(n)
    return {d: n for d, n in out.items() if n}


def day_rows(conn: Connection, f: Filter, group: Sequence[str] = DAY_COLUMNS[:-1]) -> list:
    """day_groups' rows summed by `group`, then n, for any filter: from the rollups where they
    can answer (a key may repeat: sum again)."""
    rows = read_days(conn, f, group)
    if rows is None:
        sub = day_groups(f, dialect=conn.dialect.name).subquery()
        rows = _all(conn, _grouped_sum(sub.c, list(group), []))
    return rows


def source_rows(conn: Connection, f: Filter) -> list[tuple]:
    """(source, owned, n) over f's window."""
    u = _period_rows(conn, f, source_periods, source_groups, ["source", "owned"])
    return _all(conn, _grouped_sum(u.c, ["source", "owned"], []))


def top_authors(conn: Connection, f: Filter, limit: int) -> list[tuple]:
    """(author, first source, mentions, owned 0/1) of the `limit` most frequent named authors
    in f's window, most first (then by name); summed in SQL, so only those rows come back."""
    u = _period_rows(conn, f, author_periods, author_groups, ["author", "owned", "source"])
    total = func.sum(u.c.n).label("mentions")
    q = (
        select(u.c.author, func.min(u.c.source), total,
               func.max(case((u.c.owned.is_(True), 1), else_=0)))
        .group_by(u.c.author)
        .order_by(total.desc(), u.c.author)
        .limit(limit)
    )  # fmt: skip
    return _all(conn, q)


# --- storing (koll analyse) ------------------------------------------------------------------


def _store_days(conn: Connection, brand: str, days: list[str]) -> None:
    """Replace the brand's rows for `days` in every rollup table by the grouped queries' rows."""
    f = Filter(brands=(brand,))
    conn.execute(delete(mention_days).where(mention_days.c.brand == brand,
                                            mention_days.c.day.in_(days)))  # fmt: skip
    conn.execute(insert(mention_days).from_select(DAY_COLUMNS, day_groups(f, days)))
    for table, groups, cols in (
        (source_periods, source_groups, SOURCE_COLUMNS),
        (author_periods, author_groups, AUTHOR_COLUMNS),
    ):
        conn.execute(delete(table).where(table.c.brand == brand, table.c.period.in_(days)))
        conn.execute(insert(table).from_select(cols, groups(f, days)))


def _store_months(conn: Connection, brand: str, months: list[str]) -> None:
    """Month rows of the period tables: the sums of their day rows."""
    s, a = source_periods.c, author_periods.c
    for month in months:
        period = literal(month, String(10))
        in_month = a.period.like(f"{month}-%")  # day rows only: a month row is 'YYYY-MM'
        conn.execute(delete(source_periods).where(s.brand == brand, s.period == month))
        conn.execute(delete(author_periods).where(a.brand == brand, a.period == month))
        by_source = (
            select(s.brand, period, s.source, s.owned, func.sum(s.n))
            .where(s.brand == brand, s.period.like(f"{month}-%"))
            .group_by(s.brand, s.source, s.owned)
        )
        by_author = (
            select(a.brand, period, a.author, a.owned, func.min(a.source), func.sum(a.n))
            .where(a.brand == brand, in_month)
            .group_by(a.brand, a.author, a.owned)
        )
        conn.execute(insert(source_periods).from_select(SOURCE_COLUMNS, by_source))
        conn.execute(insert(author_periods).from_select(AUTHOR_COLUMNS, by_author))


def store_days(conn: Connection, brand: str, days: Sequence[str]) -> None:
    """Recount `days` of `brand` in every rollup table, and the months they fall in."""
    days = sorted(set(days))
    if not days:
        return
    _store_days(conn, brand, days)
    _store_months(conn, brand, sorted({d[:7] for d in days}))


def set_marks(conn: Connection, m: Marks) -> None:
    conn.execute(delete(rollup_marks))
    conn.execute(
        insert(rollup_marks),
        [
            {"name": "mention_id", "value": m.mention_id},
            {"name": "correction_id", "value": m.correction_id},
        ],  # fmt: skip
    )


def clear(conn: Connection) -> None:
    """Forget every stored rollup (a full recount follows)."""
    for table in (rollup_marks, mention_days, source_periods, author_periods):
        conn.execute(delete(table))


def stored_day_totals(conn: Connection) -> dict[tuple[str, str], int]:
    """{(brand, day): mentions} as stored in mention_days."""
    c = mention_days.c
    q = select(c.brand, c.day, func.sum(c.n)).group_by(c.brand, c.day)
    return {(b, d): int(n) for b, d, n in conn.execute(q)}


def live_day_totals(conn: Connection) -> dict[tuple[str, str], int]:
    """{(brand, day): mentions} counted now (the brand-day index alone)."""
    q = select(mentions.c.brand, mentions.c.day, func.count()).group_by(
        mentions.c.brand, mentions.c.day
    )
    return {(b, d): int(n) for b, d, n in conn.execute(q)}
