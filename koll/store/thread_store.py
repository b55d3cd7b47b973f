"""Stored comment-thread summaries (one row per brand and post with a thread, as
analysis.dialogue.thread_summary makes it) and how a reader gets exact ones from them: stored
rows for the threads unchanged since `koll analyse` stored them, live ones for the rest.

A thread's row depends on all of its post's comments, whatever their date, so a year's dialogue
components used to read every comment under a year of posts. `thread_marks` records, per
brand, the highest item and mention id the stored rows include and the fingerprint of the
brand's voice names (who counts as the brand in a thread): a thread with a newer comment or a
newer mention of its post or comments is summarised live, and a brand whose names changed is
summarised live in full, so a reader never sees a stale thread.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import String, and_, case, delete, func, insert, not_, select, type_coerce
from sqlalchemy.engine import Connection

from analysis.dialogue import (
    SUMMARY_COLUMNS,
    DialogueCounts,
    brand_voice,
    dialogue_counts,
    response_hours,
    thread_summary,
    unanswered,
)
from analysis.text import fold
from koll.store import control_inputs, to_db
from koll.store.schema import items, mentions, thread_marks, thread_summaries

if TYPE_CHECKING:  # pandas is imported where a frame is built: the ingest path never loads it
    import pandas as pd

#: thread_summary's columns and the post's item id (what `unanswered` looks its title up by).
COLUMNS = [*SUMMARY_COLUMNS, "post_id"]
_TIMES = ("first_outside", "last_outside", "first_reply")


@dataclass(frozen=True)
class ThreadMarks:
    """The brand's stored rows include every item and mention up to these ids, and were made
    with the voice names whose fingerprint is `signature`."""

    signature: str
    item_id: int
    mention_id: int


def voice_signature(voice_names: Sequence[str]) -> str:
    """A fingerprint of the names that make a comment the brand's (brand_voice's `names`)."""
    folded = sorted({fold(n.strip()) for n in voice_names if n and n.strip()})
    return hashlib.sha256("\n".join(folded).encode()).hexdigest()[:32]


def marks(conn: Connection, brand: str) -> ThreadMarks | None:
    c = thread_marks.c
    row = conn.execute(select(c.signature, c.item_id, c.mention_id).where(c.brand == brand)).first()
    return None if row is None else ThreadMarks(row[0], int(row[1]), int(row[2]))


def current_marks(conn: Connection, signature: str) -> ThreadMarks:
    i = conn.execute(select(func.max(items.c.id))).scalar() or 0
    m = conn.execute(select(func.max(mentions.c.id))).scalar() or 0
    return ThreadMarks(signature, int(i), int(m))


def changed_keys(conn: Connection, names: Sequence[str], since: ThreadMarks) -> list[str]:
    """Post keys whose thread may have changed since the marks: the parents of newer comments,
    and the posts of newer mentions of the brand (of the post itself or of one of its comments).

    Both are id ranges of a primary key: a handful of rows after a normal ingest.
    """
    new_comments = select(items.c.parent_key).where(
        items.c.id > since.item_id, items.c.parent_key.is_not(None)
    )
    keys = {k for (k,) in conn.execute(new_comments)}
    # The brand is checked here, not in SQL: with it in the WHERE clause SQLite walks the
    # brand's whole (brand, day) index range instead of the id range (170 ms on a 1M store
    # with nothing new, against ~1 ms).
    new_mentions = (
        select(items.c.key, items.c.parent_key, mentions.c.brand)
        .select_from(mentions.join(items, items.c.id == mentions.c.item_id))
        .where(mentions.c.id > since.mention_id)
    )
    wanted = set(names)
    keys |= {parent or key for key, parent, b in conn.execute(new_mentions) if b in wanted}
    return sorted(keys)


def summarise(
    conn: Connection,
    voice_names: Sequence[str],
    names: Sequence[str],
    since: str | None,
    until: str | None,
    keys: Sequence[str] | None = None,
) -> pd.DataFrame:
    """The threads of the brand's posts in the window (with `keys`: only those posts), counted
    now from their comments: COLUMNS, one row per thread. `voice_names` are the brand's name,
    aliases and people; `names` its stored spellings."""
    import pandas as pd

    if control_inputs.has_comment_threads(conn):
        threads = control_inputs.window_comment_threads(conn, names, since, until, keys=keys)
    else:
        threads = pd.DataFrame(
            {c: pd.Series([], dtype=object) for c in control_inputs.THREAD_COLUMNS}
        )
    threads["brand_voice"] = brand_voice(threads, voice_names)
    posts = threads[["parent_key", "post_owned"]].drop_duplicates("parent_key")
    posts = posts.rename(columns={"parent_key": "key", "post_owned": "owned"})
    summary = thread_summary(posts, threads)
    post_id = threads.drop_duplicates("parent_key").set_index("parent_key")["post_id"]
    return summary.assign(post_id=summary["key"].map(post_id))[COLUMNS]


def window_summary(
    conn: Connection,
    brand: str,
    voice_names: Sequence[str],
    names: Sequence[str],
    since: str | None,
    until: str | None,
) -> pd.DataFrame:
    """summarise()'s rows for the window: stored ones where `koll analyse` stored them and
    nothing changed since, the changed threads counted now."""

    m = marks(conn, brand)
    if m is None or m.signature != voice_signature(voice_names):
        return summarise(conn, voice_names, names, since, until)
    keys = changed_keys(conn, names, m)
    c = thread_summaries.c
    q = select(*[c[k] for k in COLUMNS]).where(c.brand == brand)
    if since:
        q = q.where(c.day >= since)
    if until:
        q = q.where(c.day <= until)
    stored = _frame([tuple(r) for r in conn.execute(q).all()])
    if not keys:
        return stored
    stored = stored[~stored["key"].isin(set(keys))]
    live = summarise(conn, voice_names, names, since, until, keys=keys)
    return _concat([stored, live])


# Post keys or ids per statement: well under SQLite's bound-parameter limit.
_KEYS_PER_QUERY = 500
# Changed threads up to this many are counted live beside SQL's counts of the stored rows
# (one NOT IN list); more (a first analyse, a big re-ingest) read the whole window's rows.
_LIVE_KEYS = 500


def window_dialogue(
    conn: Connection,
    brand: str,
    voice_names: Sequence[str],
    names: Sequence[str],
    since: str | None,
    until: str | None,
    *,
    limit: int | None,
    owned_first: bool = False,
) -> tuple[DialogueCounts, pd.DataFrame]:
    """The window's DialogueCounts and its unanswered threads (analysis.dialogue.unanswered
    of window_summary's rows, at most `limit`), with the stored rows counted in SQL and only
    the unanswered ones that can be listed read: a year holds ~9,000 threads."""
    m = marks(conn, brand)
    current = m is not None and m.signature == voice_signature(voice_names)
    keys = changed_keys(conn, names, m) if m is not None and current else []
    if not current or len(keys) > _LIVE_KEYS:
        summary = window_summary(conn, brand, voice_names, names, since, until)
        return dialogue_counts(summary), unanswered(summary, limit, owned_first=owned_first)
    c = thread_summaries.c
    where = [c.brand == brand, *([c.day >= since] if since else [])]
    where += [c.day <= until] if until else []
    where += [c.key.not_in(keys)] if keys else []
    counts = _stored_counts(conn, where)
    waiting = _stored_waiting(conn, where, limit, owned_first)
    if keys:
        live = summarise(conn, voice_names, names, since, until, keys=keys)
        counts = counts + dialogue_counts(live)
        waiting = _concat([waiting, live])
    return counts, unanswered(waiting, limit, owned_first=owned_first)


def _stored_counts(conn: Connection, where: list) -> DialogueCounts:
    """DialogueCounts of the stored rows matching `where`: four counts and the answered
    threads' two times."""
    c = thread_summaries.c

    def count(*flags):  # one row of sums: no GROUP BY sort
        return func.coalesce(func.sum(case((and_(*flags), 1), else_=0)), 0)

    threads, answered, own, own_answered = conn.execute(
        select(
            func.count(),
            count(c.answered),
            count(c.owned),
            count(c.owned, c.answered),
        ).where(*where)
    ).one()
    # As stored (SQLite: text), parsed in one call: the driver's per-value parsing of a
    # year's ~9,000 times was ~10 ms of the control cards.
    times = conn.execute(
        select(type_coerce(c.first_outside, String), type_coerce(c.first_reply, String)).where(
            *where, c.first_reply.is_not(None), c.first_outside.is_not(None)
        )
    ).all()
    return DialogueCounts(
        threads=int(threads),
        answered=int(answered),
        own=int(own),
        own_answered=int(own_answered),
        hours=response_hours(_times([t[0] for t in times]), _times([t[1] for t in times])),
    )


def _times(values: list) -> pd.DatetimeIndex:
    """Stored times (text on SQLite, with or without fractions of a second; datetimes on
    PostgreSQL) as aware UTC, parsed in one call."""
    import pandas as pd

    return pd.to_datetime(values, format="ISO8601", utc=True)


def _stored_waiting(
    conn: Connection, where: list, limit: int | None, owned_first: bool
) -> pd.DataFrame:
    """The stored unanswered rows matching `where` that unanswered(limit, owned_first) can
    list: the first `limit` in its order, and every row tied with the last of them (its
    tie-break by key is left to unanswered, so no database collation decides it). Picked in
    ix_thread_summaries_window alone; only the picked rows are read."""
    c = thread_summaries.c
    rows = select(*[c[k] for k in COLUMNS]).where(*where, not_(c.answered))
    if limit is None:
        return _frame([tuple(r) for r in conn.execute(rows)])
    if limit <= 0:
        return _frame([])
    q = select(c.post_id, c.owned, c.last_outside).where(*where, not_(c.answered))
    order = [c.owned.desc()] if owned_first else []
    # One row more than listed: when it is not tied with the last listed one, no row is.
    picked = conn.execute(q.order_by(*order, c.last_outside.desc().nulls_last()).limit(limit + 1))
    ids = [tuple(r) for r in picked]
    more = ids[limit:]
    ids = ids[:limit]
    if more and (more[0][2] == ids[-1][2] and (not owned_first or more[0][1] == ids[-1][1])):
        _pid, owned, at = ids[-1]
        tie = q.where(c.last_outside.is_(None) if at is None else c.last_outside == at)
        ids += [tuple(r) for r in conn.execute(tie.where(c.owned == owned) if owned_first else tie)]
    post_ids = sorted({int(r[0]) for r in ids})
    out: list[tuple] = []
    for k in range(0, len(post_ids), _KEYS_PER_QUERY):
        part = rows.where(c.post_id.in_(post_ids[k : k + _KEYS_PER_QUERY]))
        out += [tuple(r) for r in conn.execute(part)]
    return _frame(out)


def _concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """The non-empty frames one after the other (the first when all are empty)."""
    import pandas as pd

    parts = [f for f in frames if len(f)]
    return pd.concat(parts, ignore_index=True) if parts else frames[0]


def _frame(rows: list[tuple]) -> pd.DataFrame:
    """COLUMNS from stored rows, typed as thread_summary types them (times aware UTC)."""
    import pandas as pd

    df = pd.DataFrame.from_records(rows, columns=COLUMNS)
    for col in _TIMES:
        df[col] = pd.to_datetime(df[col], utc=True).astype("datetime64[ns, UTC]")
    df["owned"] = df["owned"].astype(bool)
    df["answered"] = df["answered"].astype(bool)
    df["outside"] = df["outside"].astype(int)
    df["last_outside_id"] = df["last_outside_id"].astype(object)
    df.loc[df["last_outside_id"].isna(), "last_outside_id"] = None
    return df


def stored_keys(conn: Connection, brand: str, since: str) -> set[str]:
    """Post keys of the brand's stored threads from day `since` on."""
    c = thread_summaries.c
    return {k for (k,) in conn.execute(select(c.key).where(c.brand == brand, c.day >= since))}


def post_days(conn: Connection, names: Sequence[str], post_ids: Sequence[int]) -> dict[int, str]:
    """{post item id: its mention's day} (the day a window selects the thread by)."""
    out: dict[int, str] = {}
    ids = sorted({int(i) for i in post_ids})
    for k in range(0, len(ids), 500):
        q = select(mentions.c.item_id, mentions.c.day).where(
            mentions.c.item_id.in_(ids[k : k + 500]), mentions.c.brand.in_(list(names))
        )
        out.update({int(i): d for i, d in conn.execute(q)})
    return out


def replace(
    conn: Connection,
    brand: str,
    summary: pd.DataFrame | None,
    days: dict[int, str],
    keys: Sequence[str] | None = None,
) -> None:
    """Store `summary` (COLUMNS; None: no threads) as the brand's rows: all of them (keys None),
    or those of the post `keys` (a changed thread that lost its last outside comment loses its
    row). `days`: the posts' mention days (post_days)."""
    c = thread_summaries.c
    if keys is None:
        conn.execute(delete(thread_summaries).where(c.brand == brand))
    else:
        keys = list(keys)
        for k in range(0, len(keys), 500):
            conn.execute(
                delete(thread_summaries).where(c.brand == brand, c.key.in_(keys[k : k + 500]))
            )
    if summary is None:
        return
    rows = [_row(brand, r, days) for r in summary.to_dict("records")]
    rows = [r for r in rows if r["day"] is not None]
    if rows:
        conn.execute(insert(thread_summaries), rows)


def _row(brand: str, r: dict, days: dict[int, str]) -> dict:
    def time(v):
        return None if v is None or v != v else to_db(v.to_pydatetime())  # v != v: NaT

    last_id = r["last_outside_id"]
    return {
        "brand": brand,
        "post_id": int(r["post_id"]),
        "day": days.get(int(r["post_id"])),
        "key": r["key"],
        "owned": bool(r["owned"]),
        "outside": int(r["outside"]),
        "answered": bool(r["answered"]),
        "first_outside": time(r["first_outside"]),
        "last_outside": time(r["last_outside"]),
        "last_outside_id": None if last_id is None or last_id != last_id else int(last_id),
        "first_reply": time(r["first_reply"]),
    }


def set_marks(conn: Connection, brand: str, m: ThreadMarks) -> None:
    conn.execute(delete(thread_marks).where(thread_marks.c.brand == brand))
    conn.execute(
        insert(thread_marks).values(
            brand=brand, signature=m.signature, item_id=m.item_id, mention_id=m.mention_id
        )
    )


def forget(conn: Connection, brand: str) -> None:
    """Drop the brand's stored threads (its mentions were re-matched): read live until
    `koll analyse` stores them again."""
    conn.execute(delete(thread_marks).where(thread_marks.c.brand == brand))
    conn.execute(delete(thread_summaries).where(thread_summaries.c.brand == brand))
