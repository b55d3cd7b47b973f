"""Read-side views behind `koll control`, `koll topics`, `koll alerts`, the API and the dashboard.

Each function reads what it needs from the store (the SQL lives in koll/store/) and hands
DataFrames to the pure functions in analysis/. The dashboard calls these same functions, so the
CLI, the notebooks and the browser always show the same numbers.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any, Protocol

import pandas as pd

from analysis.alerts import BASELINE_DAYS
from analysis.brands import Brand
from analysis.control import (
    control_components,
    control_from_counts,
    flag_unflagged,
    with_flags,
)
from analysis.dialogue import DialogueCounts, dialogue_from_counts, snippet
from analysis.dialogue import unanswered as unanswered_threads
from analysis.item_text import joined_texts
from analysis.keymessages import copies_owned
from analysis.stories import WINDOW_HOURS, cluster_stories, window_stories
from analysis.topics import TopicResult, brand_words, doc_texts, find_topics
from analysis.trends import count_signature, day_counts, name_terms, rising, rising_table
from analysis.windows import window_end
from koll.store import (
    Store,
    control_inputs,
    local_day,
    rollups,
    term_store,
    thread_store,
    utcnow,
)
from koll.store import alerts as store_alerts
from koll.store import items as store_items
from koll.store import stories as store_stories
from koll.store import topics as store_topics
from koll.store.beside import Beside, read_beside
from koll.store.export import iso_utc


class Settings(Protocol):
    """What these views need of the configuration (koll.config.Settings is one)."""

    @property
    def brands(self) -> tuple[Brand, ...]: ...
    @property
    def control_weights(self) -> Mapping[str, float]: ...
    def brand(self, name: str) -> Brand: ...


def previous_window(since: str, until: str) -> tuple[str, str] | None:
    """The window of equal length just before [since, until] (inclusive days); None when it
    would start before year 1 (as all history has no window before it). The window before a
    window of years from 1900 does: the overview compares with the previous window, and that
    window's new voices with the one before it."""
    s, u = date.fromisoformat(since), date.fromisoformat(until)
    length = (u - s).days + 1
    if s.toordinal() - date.min.toordinal() < length:
        return None
    return (s - timedelta(days=length)).isoformat(), (s - timedelta(days=1)).isoformat()


def _summary(conn, names: list[str], b: Brand, since: str | None, until: str | None):
    """The window's comment threads, one row each (thread_store.COLUMNS): stored by `koll
    analyse` where unchanged since, counted now from the comments otherwise."""
    voice = (*b.terms, *b.people)
    return thread_store.window_summary(conn, b.name, voice, names, since, until)


def _unanswered(conn, names: list[str], waiting: pd.DataFrame) -> list[dict]:
    """The threads the brand has not answered as JSON objects: the post (item_id, title, url,
    source, owned) and its outside comments (how many, and the latest one's item id, author,
    time, snippet, tone with its confidence, and url). `waiting`: analysis.dialogue.unanswered's rows."""
    if waiting.empty:
        return []
    latest_ids = waiting["last_outside_id"].dropna().astype(int).tolist()
    posts, comments = control_inputs.thread_details(
        conn, names, waiting["post_id"].astype(int).tolist(), latest_ids
    )
    out = []
    for w in waiting.itertuples():
        p = posts.get(int(w.post_id), {})
        c = comments.get(int(w.last_outside_id), {}) if pd.notna(w.last_outside_id) else {}
        score, confidence = c.get("score"), c.get("confidence")
        out.append(
            {
                "item_id": int(w.post_id),
                "title": p.get("title"),
                "url": p.get("url"),
                "source": p.get("source"),
                "owned": bool(w.owned),
                "outside_comments": int(w.outside),
                "latest_item_id": int(w.last_outside_id) if c else None,
                "latest_author": c.get("author"),
                "latest_at": iso_utc(c["published"]) if c.get("published") else None,
                "latest_snippet": snippet(c.get("text")) if c else None,
                "latest_label": c.get("label"),
                "latest_score": None if score is None else float(score),
                "latest_confidence": None if confidence is None else float(confidence),
                "latest_url": c.get("url"),
            }
        )
    return out


def _control_mentions(
    conn, brand: str, names: list[str], since: str | None, until: str | None
) -> pd.DataFrame:
    """The window's mentions for control_components, reading texts only where they are needed.

    After `koll analyse` every mention carries its story and key-message flag, and the components
    only count: the texts stay in the store. Mentions not yet flagged get their texts (to flag
    them the same way) and, when analyse has not clustered them either, the stories it will give
    them (_judge_new). A window whose posts were flagged but never clustered is read in full and
    clustered here.
    """
    df = store_items.load_mention_facts(conn, names, since, until)
    if df.empty:
        return df.assign(title=pd.Series(dtype=object), text=pd.Series(dtype=object))
    posts = (df["kind"] != "comments").to_numpy()
    if df["story_id"].isna().all() and df.loc[posts, "key_message"].notna().any():
        # Flags without stories: a store whose stories were never formed (analyse flags a
        # mention only after clustering its item). Cluster this window's items on the fly.
        df = store_items.load_mentions(conn, brand, since, until)
        df["story_id"] = cluster_stories(df.assign(text=joined_texts(df["title"], df["text"])))
        return df
    unflagged = df["key_message"].isna()
    df["title"] = None
    df["text"] = None
    if unflagged.any():
        # Flags from the texts of the unflagged mentions; copies are still judged frame-wide,
        # in the stories `koll analyse` will give those it has not clustered yet.
        judged = _judge_new(conn, names, df[unflagged])
        if judged is not None:
            story, joined = judged
            df.loc[story.index, "story_id"] = story
            # The frame holds the window's mentions only, but an owned item from before the
            # window makes its copies echo too, as in analyse (the rest stays frame-wide).
            mine = df.loc[story.index, STORY_COLUMNS]
            both = pd.concat([mine, joined[STORY_COLUMNS]], ignore_index=True)
            copies = copies_owned(both).to_numpy()[: len(mine)]
            df.loc[story.index[copies], "key_message"] = True
        texts = store_items.item_texts(conn, df.loc[unflagged, "item_id"]).set_index("item_id")
        ids = df.loc[unflagged, "item_id"]
        df.loc[unflagged, "title"] = ids.map(texts["title"]).to_numpy()
        df.loc[unflagged, "text"] = ids.map(texts["text"]).to_numpy()
    return df


# What agenda_share and the key-message copies read of a mention in a story.
STORY_COLUMNS = ["story_id", "owned", "published"]


def _judge_new(conn, names: list[str], rows: pd.DataFrame) -> tuple[pd.Series, pd.DataFrame] | None:
    """The stories `koll analyse` will give the mentions among `rows` that it has not clustered
    yet (no story, not comments), and the brand's other mentions (STORY_COLUMNS and day, any
    day) in those stories: in the stored stories they join, and in the unclustered items around
    them (an owned post ingested with its copy, before the window: the copy echoed only once
    analyse had run); None when every one of `rows` has its story (or is a comment).

    `rows`: a window's mentions without a key-message flag (item_id, kind, story_id, owned,
    published): analyse clusters a mention's item before it flags the mention, so these are
    the ones ingested since it ran. Their items are clustered by analyse's own rule
    (analysis.stories.window_stories) with the other unclustered items around them, and,
    as fixed neighbours whose stories stay, the clustered items around them in the brand's
    stories: each joins the stored story it would join, or a new one among the new items.
    Index-aligned story ids of the mentions judged (NaN for one clustered meanwhile).
    """
    todo = rows["story_id"].isna().to_numpy() & (rows["kind"] != "comments").to_numpy()
    if not todo.any():
        return None
    new = rows[todo]
    reach = pd.Timedelta(hours=WINDOW_HOURS)
    first, last = new["published"].min() - reach, new["published"].max() + reach
    pool = store_stories.unclustered_items(conn, first.to_pydatetime(), last.to_pydatetime())
    if pool.empty:  # clustered by an analyse that ended since the flags were read
        return None
    t = pd.to_datetime(pool["published"], utc=True)
    lo, hi = t.min() - reach, t.max() + reach
    # An earned mention counts (as a copy, or for agenda_share) only in a story with an owned
    # one, so the stored stories without one are not read: for a big brand, days of items
    # fewer to cluster. A new owned mention may join a story of earned ones.
    only_owned = not new["owned"].fillna(False).astype(bool).any()
    fixed = store_stories.brand_story_items(
        conn, names, lo.to_pydatetime(), hi.to_pydatetime(), local_day(lo - reach), owned=only_owned
    )
    story = window_stories(pool, fixed)
    of_item = dict(zip(pool["item_id"], story, strict=True))
    judged = new["item_id"].map(of_item)
    joined = set(story.tolist()) & set(fixed["story_id"].astype("int64").tolist())
    stored = store_stories.story_mentions(conn, names, joined)
    # The brand's mentions of the other new items in the new stories of `rows` (another day's),
    # which analyse will cluster with them.
    fresh = set(judged.dropna().tolist()) - joined
    around = [i for i, s in of_item.items() if s in fresh and i not in set(new["item_id"])]
    if not around:
        return judged, stored
    near = store_stories.item_mentions(conn, names, around)
    near.insert(0, "story_id", near.pop("item_id").map(of_item))
    return judged, pd.concat([stored, near], ignore_index=True) if len(stored) else near


# The unanswered threads a report lists: a dashboard card or a digest shows a handful, and a
# crisis window of a big brand may hold thousands (their number is dialogue_threads minus
# dialogue_answered).
UNANSWERED_LIMIT = 50


def control_report(
    store: Store,
    settings: Settings,
    brand: str,
    since: str | None = None,
    until: str | None = None,
    *,
    unanswered_limit: int | None = UNANSWERED_LIMIT,
    unanswered_owned_first: bool = False,
) -> dict:
    """The contract's `koll control` object for one brand and inclusive day window.

    Without `since` the window is all history, which has no previous window: new_voices is None.
    With `since` but no `until`, the window ends today (Europe/Stockholm), and `until` says so;
    analysis.windows.WindowError when `since` is after that end. `unanswered` lists at most
    `unanswered_limit` threads (None: all), newest first (with `unanswered_owned_first`, those
    on the brand's own channels first).
    """
    b = settings.brand(brand)
    until = window_end(since, until, local_day(utcnow()))
    agenda = None
    if _long(since, until):
        # A long window's agenda is the report's largest statement (40-50 ms of ~150 for a
        # year at a million mentions): counted on a second connection while the rest is read.
        # A few weeks' takes a few ms, not worth a connection.
        agenda = read_beside(store, lambda c: store_stories.stored_agenda(c, b.name, since, until))
    with store.connect() as conn, rollups.pinned(conn):
        components, waiting = _window_components(
            conn, settings, b, since, until, agenda, unanswered_limit, unanswered_owned_first
        )
    if agenda is not None:
        agenda.result()  # ended (and any error seen) before the report returns
    out: dict[str, Any] = {"brand": b.name, "since": since, "until": until}
    for k, v in components.items():
        out[k] = v
        if k == "response_hours":
            out["unanswered"] = waiting
    return out


def _window_components(
    conn,
    settings: Settings,
    b: Brand,
    since: str | None,
    until: str | None,
    agenda: Beside | None,
    limit: int | None,
    owned_first: bool,
) -> tuple[dict, list[dict]]:
    """control_report's components of the window, and its unanswered threads as JSON objects
    (at most `limit`; `owned_first`: those on the brand's own channels first)."""
    stored = store_items.stored_brands(conn)
    names = store_items.spellings(stored, b.name)
    common = _common(conn, settings, b, stored, since, until)
    # Counted in SQL when `koll analyse` has clustered the window (and the brand is stored
    # under one spelling, so no item counts twice); else from the mentions' rows.
    counts = control_inputs.control_counts(conn, names, since, until) if len(names) == 1 else None
    if (
        counts is not None
        and len(counts)
        and control_inputs.window_has_stories(conn, names, since, until)
    ):
        talk, threads = _window_dialogue(conn, b, names, since, until, limit, owned_first)
        components = _control_from_counts(
            conn, b, names, since, until, counts, common, talk, agenda
        )
    else:
        df = _control_mentions(conn, b.name, names, since, until)
        summary = _summary(conn, names, b, since, until)
        components = control_components(df, summary=summary, **common)
        threads = unanswered_threads(summary, limit, owned_first=owned_first)
    return components, _unanswered(conn, names, threads)


def _common(conn, settings: Settings, b: Brand, stored: list[str], since, until) -> dict[str, Any]:
    """The components' arguments every way of counting shares: weights, key messages, the
    competitors' mentions and the sources of the window before (for new_voices)."""
    comp = None
    if b.competitors:
        rivals = [n for c in b.competitors for n in store_items.spellings(stored, c)]
        comp = control_inputs.count_brand_mentions(conn, rivals, since, until)
    prev = None
    if since and until and (before := previous_window(since, until)):
        names = store_items.spellings(stored, b.name)
        prev = control_inputs.brand_sources(conn, names, *before)
    return dict(
        weights=dict(settings.control_weights),
        key_messages=b.key_messages,
        competitor_mentions=comp,
        previous_sources=prev,
    )


def dialogue_report(
    store: Store,
    settings: Settings,
    brand: str,
    since: str | None = None,
    until: str | None = None,
    *,
    unanswered_limit: int | None = UNANSWERED_LIMIT,
    unanswered_owned_first: bool = False,
) -> dict:
    """control_report's dialogue part alone: brand, since, until, the dialogue components
    (dialogue_rate, dialogue_own, dialogue_others, dialogue_threads, dialogue_answered,
    response_hours) and `unanswered`, with the same values, for a page that shows only those.

    The Dialog page used to compute the whole report: shares, agenda and sources were about
    half of its statements and time (1M-mention bench), none of them shown there.
    """
    b = settings.brand(brand)
    with store.connect() as conn:
        names = store_items.brand_names(conn, b.name)
        # control_report's two paths give these same values: both summarise the threads with
        # thread_store (stored rows where current) and take dialogue_from_counts of them.
        talk, threads = _window_dialogue(
            conn, b, names, since, until, unanswered_limit, unanswered_owned_first
        )
        waiting = _unanswered(conn, names, threads)
    return {"brand": b.name, "since": since, "until": until,
            **dialogue_from_counts(talk), "unanswered": waiting}  # fmt: skip


def _window_dialogue(conn, b: Brand, names: list[str], since, until, limit, owned_first):
    """thread_store.window_dialogue for the brand: (DialogueCounts, the unanswered threads)."""
    return thread_store.window_dialogue(
        conn, b.name, (*b.terms, *b.people), names, since, until,
        limit=limit, owned_first=owned_first,
    )  # fmt: skip


# Windows longer than this many days count their agenda beside the rest (control_report).
LONG_WINDOW_DAYS = 92


def _long(since: str | None, until: str | None) -> bool:
    if not since or not until:
        return not since  # all history is long; an open end (today) never happens here
    return (date.fromisoformat(until) - date.fromisoformat(since)).days + 1 > LONG_WINDOW_DAYS


def _control_from_counts(
    conn,
    b: Brand,
    names: list[str],
    since: str | None,
    until: str | None,
    counts: pd.DataFrame,
    common: dict,
    talk: DialogueCounts,
    beside: Beside | None = None,
) -> dict:
    """control_report's components from the counts SQL made of a clustered window and its
    DialogueCounts (thread_store.window_dialogue); `beside`: stored_agenda already asked on a
    second connection."""
    # agenda_share counted in SQL from the stored story firsts; the stories' rows are read
    # only when those are not current, or to flag mentions ingested since `koll analyse`.
    if beside is not None:
        agenda = beside.result()
    else:
        agenda = store_stories.stored_agenda(conn, b.name, since, until)
    unflagged = bool(counts["key_message"].isna().any())
    stories = None
    if agenda is None or unflagged:
        stories = control_inputs.owned_story_mentions(conn, names, since, until, brand=b.name)
    if unflagged:
        # Ingested since the last `koll analyse`: flag those few from their texts now.
        rows = control_inputs.unflagged_mentions(conn, names, since, until)
        known = stories
        judged = _judge_new(conn, names, rows)
        if judged is not None:
            # In the stories analyse will give them: those decide their copies and, as the
            # stored story firsts do not hold them yet, agenda_share, counted from the rows.
            rows.loc[judged[0].index, "story_id"] = judged[0]
            joined = judged[1]
            inside = joined["day"].ge(since or "") & joined["day"].le(until or "9999-12-31")
            parts = [stories, rows[STORY_COLUMNS], joined.loc[inside, STORY_COLUMNS]]
            stories = pd.concat(parts, ignore_index=True)
            # An owned item from before the window still makes its copies echo, as in analyse.
            known = pd.concat([stories, joined[STORY_COLUMNS]], ignore_index=True)
            agenda = None
        counts = with_flags(counts, rows, flag_unflagged(rows, known, b.key_messages))
    sources = control_inputs.control_sources(conn, names, since, until)
    return control_from_counts(
        counts,
        stories=stories,
        posts=None,
        talk=talk,
        sources=sources,
        agenda=agenda,
        **common,
    )


def control_over_time(
    store: Store, settings: Settings, brand: str, since: str, until: str, step_days: int = 7
) -> pd.DataFrame:
    """Control components for consecutive windows of `step_days` ending at `until` (for charts)."""
    s, u = date.fromisoformat(since), date.fromisoformat(until)
    rows = []
    end = u
    while end >= s:
        start = max(s, end - timedelta(days=step_days - 1))
        # A chart has no use for the unanswered threads: not read at all.
        r = control_report(
            store, settings, brand, start.isoformat(), end.isoformat(), unanswered_limit=0
        )
        rows.append({k: v for k, v in r.items() if not isinstance(v, list)})
        end = start - timedelta(days=1)
    return pd.DataFrame(rows[::-1])


TOPIC_COLUMNS = [
    "topic_no",
    "label",
    "terms",
    "size",
    "share",
    "representative_item_id",
    "representative_title",
]


def topics_for(
    store: Store,
    brand: str,
    since: str | None = None,
    until: str | None = None,
    settings: Settings | None = None,
) -> pd.DataFrame:
    """Topics of a brand for a period: stored by `koll analyse`, else computed now (not stored).

    Without since/until: the most recent period `koll analyse` stored (its last 30 days).
    Columns: topic_no, label, terms (list), size, share, representative_item_id,
    representative_title.
    """
    with store.connect() as conn:
        df = pd.DataFrame()
        if since is None and until is None:
            # The newest dated period first: the all-history one (since = until = '') is stored
            # too, but rebuilt only every 20 hours, and was returned instead of the last 30
            # days, up to a day behind the dashboard (QA, 2026-12-07).
            periods = [p for p in store_topics.topic_periods(conn, brand) if p[0] and p[1]]
            if periods:
                s, u = max(periods, key=lambda p: (p[1], p[0]))
                df = store_topics.load_topics(conn, brand, s, u)
        if df.empty:
            df = store_topics.load_topics(conn, brand, since, until)
        if df.empty:
            mentions = store_items.load_mentions(conn, brand, since, until)
            b = next(
                (
                    x
                    for x in (settings.brands if settings else ())
                    if x.name.casefold() == brand.casefold()
                ),
                None,
            )
            df = pd.DataFrame(brand_topics(mentions, b, brand).topics, columns=TOPIC_COLUMNS)
    return df


def brand_topics(mentions: pd.DataFrame, b: Brand | None, brand: str) -> TopicResult:
    """Topics of one brand's mentions in a window, and each mention's topic: the one way
    topics_for, `mentions(with_topics=True)` and `koll analyse` find them, so they agree.

    `mentions`: one row per mention, in any order (find_topics orders them by content, so a
    store that holds the same mentions under other ids gives the same topics), with the
    columns TOPIC_INPUT; without kind, source and lang, comments' boilerplate titles, site
    names and other languages' function words would become topic words. The brand's names
    and people are left out (its bare name when `b` is not configured).
    """
    docs = mentions[[c for c in TOPIC_INPUT if c in mentions.columns]]
    return find_topics(docs, drop_words=brand_words((*b.terms, *b.people) if b else (brand,)))


# What brand_topics reads of each mention.
TOPIC_INPUT = ["item_id", "title", "text", "kind", "source", "lang"]


def _day_counts(conn, names: list[str], days: list[str], drop: list[str]) -> dict:
    """{day: (docs per term, spellings)} counted now from the texts of the given days."""
    out: dict = {}
    if not days:
        return out
    df = store_items.day_texts(conn, names, days).drop_duplicates("key")
    if df.empty:
        return out
    texts = doc_texts(df)
    for day, idx in df.groupby("day", sort=True).groups.items():
        out[day] = day_counts(texts.loc[idx].tolist(), drop)
    return out


def rising_terms(
    store: Store, brand: str, since: str, until: str, settings: Settings | None = None
) -> pd.DataFrame:
    """Terms significantly more frequent in [since, until] than before it.

    The baseline is the equal-length window before, but at least the 14 days before: a one-day
    window against one previous day would be too small a sample to call anything rising.
    Columns: term, current, baseline, expected, ratio, p_value (see analysis.trends).

    Days whose term counts `koll analyse` stored (and that have not changed since) are read as
    counts; the others are counted from their texts now, with the same result either way.
    """
    before = previous_window(since, until)
    ps = (date.fromisoformat(since) - timedelta(days=BASELINE_DAYS)).isoformat()
    ps = min(before[0], ps) if before else ps
    b = next(
        (x for x in (settings.brands if settings else ()) if x.name.casefold() == brand.casefold()),
        None,
    )
    drop = brand_words((*b.terms, *b.people) if b else (brand,))
    key = b.name if b else brand
    signature = count_signature(drop)
    with store.connect() as conn:
        names = store_items.brand_names(conn, brand)
        docs = rollups.day_totals(conn, names, ps, until)
        if not docs:
            return rising_table()
        stored = term_store.counted_days(conn, key, ps, until)
        fresh = [d for d, n in docs.items() if stored.get(d) == (n, signature)]
        counted = _day_counts(conn, names, [d for d in docs if d not in set(fresh)], drop)
        n_cur = sum(n for d, n in docs.items() if d >= since)
        n_base = sum(n for d, n in docs.items() if d < since)
        cur = Counter(term_store.term_totals(conn, key, [d for d in fresh if d >= since]))
        base = Counter(term_store.term_totals(conn, key, [d for d in fresh if d < since]))
        for d, (c, _) in counted.items():
            (cur if d >= since else base).update(c)
        out = rising(cur, base, n_cur, n_base)
        spellings = pd.DataFrame(columns=["term", "word", "day", "n", "first"])
        if not out.empty:
            spellings = pd.concat(
                [
                    term_store.term_spellings(
                        conn, key, [d for d in fresh if d >= since], out["key"].tolist()
                    ),
                    *(w.assign(day=d) for d, (_, w) in counted.items() if d >= since),
                ],
                ignore_index=True,
            )
    return rising_table(name_terms(out, spellings))


def alerts_list(
    store: Store,
    brand: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int | None = 200,
    *,
    delivery: bool = False,
) -> pd.DataFrame:
    """Stored alerts, newest first: brand, kind, day, subject, reason, value, baseline, p_value,
    created_at, delivered_at and details (a dict: why it fired, see analysis.alerts.explain).
    With `delivery`, also the webhook's `attempts` and `last_error` (`koll alerts`)."""
    with store.connect() as conn:
        df = store_alerts.list_alerts(conn, brand, since, until, limit, delivery=delivery)
    df["details"] = [store_alerts.with_details({"details": d})["details"] for d in df["details"]]
    return df


def stories_for(
    store: Store, brand: str, since: str | None = None, until: str | None = None, limit: int = 50
) -> pd.DataFrame:
    """The brand's multi-item stories, largest first, with their mention and owned counts."""
    with store.connect() as conn:
        return store_stories.load_stories(conn, brand, since, until, limit)
