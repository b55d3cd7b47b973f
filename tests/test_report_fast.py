"""The fast report paths (counts without texts, stored term counts) give the texts' answers."""

from __future__ import annotations

import math
from datetime import date, timedelta

import pandas as pd
from sqlalchemy import delete, func, select, update

from analysis.alerts import BASELINE_DAYS
from analysis.control import agenda_from_firsts, agenda_share, control_components
from analysis.dialogue import brand_voice
from analysis.stories import cluster_stories
from analysis.topics import brand_words, doc_texts
from analysis.trends import rising_table
from analysis.trends import rising_terms as rising_from_texts
from koll.jobs.analyse import update_term_counts
from koll.store import control_inputs
from koll.store import items as store_items
from koll.store.schema import items, mentions
from koll.store.term_store import term_days, term_words
from koll.store.views import (
    _control_mentions,
    control_report,
    previous_window,
    rising_terms,
)
from tests import control_oracle as oracle
from tests import test_control_world
from tests.world import build

# The analysed synthetic world, the same module-scoped fixture as in test_control_world.
world = test_control_world.world

WINDOWS = [
    build.WINDOW,
    build.PREVIOUS,
    ("2026-10-28", "2026-10-28"),
    ("2026-10-20", "2026-10-28"),
    ("2026-10-01", "2026-10-31"),
]


def _voice(b, author, owned, owned_by) -> bool:
    frame = pd.DataFrame({"author": [author], "owned": [owned], "owned_by": [owned_by]})
    return bool(brand_voice(frame, (*b.terms, *b.people)).iloc[0])


def _dialogue_by_definition(conn, b, df: pd.DataFrame) -> dict:
    """The dialogue components as docs/control.md words them, one post at a time: its stored
    comments (any date), the outside ones, the brand's first reply after the first of them."""
    rates: dict[str, list[bool]] = {"all": [], "own": [], "others": []}
    hours = []
    posts = df[df["kind"] != "comments"].drop_duplicates("key") if not df.empty else df
    for post in posts.itertuples():
        q = (
            select(items.c.author, items.c.published, mentions.c.owned, mentions.c.owned_by)
            .select_from(
                items.outerjoin(
                    mentions,
                    (mentions.c.item_id == items.c.id)
                    & (func.lower(mentions.c.brand) == b.name.lower()),
                )
            )
            .where(items.c.kind == "comments", items.c.parent_key == post.key)
        )
        rows = [(a, p, _voice(b, a, o, ob)) for a, p, o, ob in conn.execute(q)]
        outside = [p for _, p, v in rows if not v]
        if not outside:
            continue
        answered = any(v for *_, v in rows)
        rates["all"].append(answered)
        rates["own" if post.owned else "others"].append(answered)
        replies = [p for _, p, v in rows if v and p >= min(outside)]
        if replies:
            hours.append((min(replies) - min(outside)).total_seconds() / 3600)
    rate = {k: (sum(v) / len(v) if v else None) for k, v in rates.items()}
    return {
        "dialogue_rate": rate["all"],
        "dialogue_own": rate["own"],
        "dialogue_others": rate["others"],
        "dialogue_threads": len(rates["all"]),
        "dialogue_answered": sum(rates["all"]),
        "response_hours": float(pd.Series(hours).median()) if hours else None,
    }


def _control_from_texts(store, settings, brand, since, until) -> dict:
    """control_report as it was first written (tests/control_oracle.py): every mention with its
    text, matched by lower(), counted row by row; the dialogue components (redefined in issue
    13) by their definition, post by post."""
    b = settings.brand(brand)
    with store.connect() as conn:
        df = store_items.load_mentions(conn, b.name, since, until)
        if not df.empty and df["story_id"].isna().all():
            df["story_id"] = cluster_stories(
                df.assign(text=df["title"].fillna("") + "\n" + df["text"].fillna(""))
            )
        comp = oracle.count_mentions(conn, list(b.competitors), since, until)
        prev = oracle.mention_sources(conn, b.name, *previous_window(since, until))
        dialogue = _dialogue_by_definition(conn, b, df)
    out = {"brand": b.name, "since": since, "until": until}
    comps = oracle.control_components(
        df,
        weights=dict(settings.control_weights),
        key_messages=b.key_messages,
        competitor_mentions=comp if b.competitors else None,
        previous_sources=prev,
    )
    for k, v in comps.items():
        out[k] = v
        if k == "dialogue_rate":
            out.update(dialogue)
    out.update(oracle.control_index(out, dict(settings.control_weights)))
    return out


def _same(a: dict, b: dict) -> None:
    a = {k: v for k, v in a.items() if k != "unanswered"}  # tested on its own
    assert a.keys() == b.keys()
    for k, v in a.items():
        if isinstance(v, float) and b[k] is not None:
            assert math.isclose(v, b[k], abs_tol=1e-12), k
        else:
            assert v == b[k], k


def _rising_from_texts(store, settings, brand, since, until) -> pd.DataFrame:
    """rising_terms as it was first written: the window's and the baseline's texts counted now."""
    ps, _ = previous_window(since, until)
    ps = min(ps, (date.fromisoformat(since) - timedelta(days=BASELINE_DAYS)).isoformat())
    with store.connect() as conn:
        df = store_items.load_mentions(conn, brand, ps, until).drop_duplicates("key")
    b = settings.brand(brand)
    texts = doc_texts(df)
    cur = (df["day"] >= since).to_numpy()
    out = rising_from_texts(
        texts[cur].tolist(), texts[~cur].tolist(), drop=brand_words((*b.terms, *b.people))
    )
    # In the documented columns and dtypes (analysis.trends.RISING), also when empty.
    return rising_table(out)


def test_control_counts_match_the_texts_with_stored_partial_and_no_flags(world):
    settings, store, _ = world
    brands = [b.name for b in settings.brands]
    want = {(b, w): _control_from_texts(store, settings, b, *w) for b in brands for w in WINDOWS}
    with store.connect() as conn:
        flags = conn.execute(select(mentions.c.id, mentions.c.key_message)).all()
        assert any(f is not None for _, f in flags)  # analysed: the fast path is taken
    for (b, w), expected in want.items():
        _same(control_report(store, settings, b, *w), expected)
    try:
        # Half the flags missing (a new ingest since the last analyse), then all of them.
        with store.begin() as conn:
            conn.execute(update(mentions).where(mentions.c.id % 2 == 0).values(key_message=None))
        for (b, w), expected in want.items():
            _same(control_report(store, settings, b, *w), expected)
        with store.begin() as conn:
            conn.execute(update(mentions).values(key_message=None))
        for (b, w), expected in want.items():
            _same(control_report(store, settings, b, *w), expected)
    finally:
        with store.begin() as conn:
            for i, f in flags:
                conn.execute(update(mentions).where(mentions.c.id == i).values(key_message=f))


def test_row_paths_match_the_texts(world):
    """Without stories (never clustered) or under two spellings, mentions are read as rows."""
    settings, store, _ = world
    b = settings.brand("Fjällkraft")
    want = {w: _control_from_texts(store, settings, b.name, *w) for w in WINDOWS}
    with store.connect() as conn:
        flags = conn.execute(select(mentions.c.id, mentions.c.key_message)).all()
        stories = conn.execute(select(items.c.id, items.c.story_id)).all()
    try:
        # Two spellings' path: half the flags missing, texts read for those only.
        with store.begin() as conn:
            conn.execute(update(mentions).where(mentions.c.id % 2 == 0).values(key_message=None))
        for w, expected in want.items():
            with store.connect() as conn:
                df = _control_mentions(conn, b.name, [b.name], *w)
                threads = control_inputs.window_comment_threads(conn, [b.name], *w)
            threads["brand_voice"] = brand_voice(threads, (*b.terms, *b.people))
            got = control_components(
                df,
                weights=dict(settings.control_weights),
                key_messages=b.key_messages,
                threads=threads,
            )
            keys = ("mentions", "owned", "echo_rate", "agenda_share", "dialogue_rate", "hhi")
            for k in (*keys, "dialogue_own", "dialogue_others", "response_hours"):
                if expected[k] is None:
                    assert got[k] is None, (w, k)
                else:
                    assert math.isclose(got[k], expected[k], abs_tol=1e-12), (w, k)
        # Never clustered: the window is clustered on the fly, as before.
        with store.begin() as conn:
            conn.execute(update(items).values(story_id=None))
        want_unclustered = {w: _control_from_texts(store, settings, b.name, *w) for w in WINDOWS}
        for w, expected in want_unclustered.items():
            _same(control_report(store, settings, b.name, *w), expected)
    finally:
        with store.begin() as conn:
            for i, f in flags:
                conn.execute(update(mentions).where(mentions.c.id == i).values(key_message=f))
            for i, sid in stories:
                conn.execute(update(items).where(items.c.id == i).values(story_id=sid))


def test_analysed_windows_take_the_counting_path(world):
    """The first comparison above runs the SQL-count path: flags complete, stories stored."""
    settings, store, _ = world
    with store.connect() as conn:
        names = store_items.spellings(store_items.stored_brands(conn), "Fjällkraft")
        assert names == ["Fjällkraft"]
        counts = control_inputs.control_counts(conn, names, *build.WINDOW)
        assert counts["key_message"].notna().all() and control_inputs.window_has_stories(
            conn, names, *build.WINDOW
        )
        assert control_inputs.has_comment_threads(conn)  # dialogue is measured on this path too
        stories = control_inputs.owned_story_mentions(conn, names, *build.WINDOW)
    report = control_report(store, settings, "Fjällkraft", *build.WINDOW)
    assert int(counts["n"].sum()) == report["mentions"]
    assert stories["owned"].astype(bool).any() and not stories["owned"].astype(bool).all()


def test_rising_terms_from_stored_counts_match_the_texts(world):
    settings, store, _ = world
    cases = [(b.name, w) for b in settings.brands for w in WINDOWS]
    want = {c: _rising_from_texts(store, settings, c[0], *c[1]) for c in cases}
    assert any(len(v) for v in want.values())  # something rises, so the comparison means something
    with store.connect() as conn:
        assert conn.execute(select(term_days.c.day)).first() is not None  # analyse counted days
        assert conn.execute(select(term_words.c.day)).first() is not None
    for (b, w), expected in want.items():
        pd.testing.assert_frame_equal(rising_terms(store, b, *w, settings=settings), expected)
    # Stale days (a day lost its counts, another gained a mention since) are counted from texts.
    with store.begin() as conn:
        conn.execute(delete(term_days).where(term_days.c.day == "2026-10-28"))
        conn.execute(update(term_days).where(term_days.c.day == "2026-10-20").values(docs=999))
    for (b, w), expected in want.items():
        pd.testing.assert_frame_equal(rising_terms(store, b, *w, settings=settings), expected)
    done = update_term_counts(store, settings, build.NOW)
    assert (
        sum(done.values()) >= 2
        and sum(update_term_counts(store, settings, build.NOW).values()) == 0
    )
    for (b, w), expected in want.items():
        pd.testing.assert_frame_equal(rising_terms(store, b, *w, settings=settings), expected)


def test_stored_counts_are_what_is_read(world):
    """Tampered stored counts change the answer: the fast path really reads them."""
    settings, store, _ = world
    rt = rising_terms(store, "Solkraft", "2026-10-28", "2026-10-28", settings=settings)
    assert rt.iloc[0]["term"] == "strömavbrott"
    with store.connect() as conn:
        rows = conn.execute(
            select(term_words.c.term, term_words.c.word).where(
                term_words.c.day == "2026-10-28", term_words.c.word == "strömavbrott"
            )
        ).all()
    assert rows
    try:
        with store.begin() as conn:
            conn.execute(
                update(term_words)
                .where(term_words.c.day == "2026-10-28", term_words.c.word == "strömavbrott")
                .values(word="STRÖMAVBROTT")
            )
        rt = rising_terms(store, "Solkraft", "2026-10-28", "2026-10-28", settings=settings)
        assert rt.iloc[0]["term"] == "STRÖMAVBROTT"
    finally:
        with store.begin() as conn:
            conn.execute(
                update(term_words)
                .where(term_words.c.day == "2026-10-28", term_words.c.word == "STRÖMAVBROTT")
                .values(word="strömavbrott")
            )


def test_brand_names_match_case_insensitively(world):
    settings, store, _ = world
    from sqlalchemy import event

    seen = []
    with store.connect() as conn:
        event.listen(conn, "before_cursor_execute", lambda *a: seen.append(1))
        stored = store_items.stored_brands(conn)
        assert len(seen) == 1  # one statement, not a round trip per brand
        assert stored == sorted({r[0] for r in conn.execute(select(mentions.c.brand))})
        assert len(stored) > 2
    assert store_items.spellings(stored, "fjÄllkraft") == ["Fjällkraft"]
    lower = control_report(store, settings, "fjällkraft", *build.WINDOW)
    assert (
        lower["mentions"]
        == control_report(store, settings, "Fjällkraft", *build.WINDOW)["mentions"]
    )


def _story_rows_from_all(conn, names, since, until) -> pd.DataFrame:
    """owned_story_mentions by definition: every mention of the window, in stories with an owned
    one (single-item stories included), read row by row."""
    df = store_items.load_mention_facts(conn, names, since, until)
    owned = set(df.loc[df["owned"].astype(bool) & df["story_id"].notna(), "story_id"])
    df = df[df["story_id"].isin(owned)][["story_id", "owned", "published"]]
    df = df.reset_index(drop=True)
    df["published"] = pd.to_datetime(df["published"], utc=True)
    return df


def _rows(df: pd.DataFrame) -> list[tuple]:
    return sorted((int(r.story_id), bool(r.owned), r.published) for r in df.itertuples())


def test_story_and_thread_inputs_equal_their_definitions(world):
    """The control inputs read with narrowed plans give the definitions' answers: stories of one
    item skipped, threads found from the posts' side or from the threads' side."""
    settings, store, _ = world
    seen_singletons = seen_threads = False
    with store.connect() as conn:
        for brand in [b.name for b in settings.brands]:
            names = store_items.spellings(store_items.stored_brands(conn), brand)
            for w in [*WINDOWS, (None, None)]:
                full = _story_rows_from_all(conn, names, *w)
                got = control_inputs.owned_story_mentions(conn, names, *w)
                # Only stories of one item (in the whole store) may be left out.
                left_out = set(_rows(full)) - set(_rows(got))
                assert set(_rows(got)) <= set(_rows(full))
                for sid in {r[0] for r in left_out}:
                    size = conn.execute(
                        select(func.count()).where(items.c.story_id == sid)
                    ).scalar_one()
                    assert size == 1
                    seen_singletons = True
                assert agenda_share(got) == agenda_share(full)
                frames = [
                    control_inputs.window_comment_threads(conn, names, *w, drive=d).sort_values(
                        "item_id", ignore_index=True
                    )
                    for d in (None, "posts", "threads")
                ]
                seen_threads |= not frames[0].empty
                assert frames[0].equals(frames[1]) and frames[1].equals(frames[2])
                m = store_items.load_mentions(conn, brand, *w)
                posts = m.loc[m["kind"] != "comments", "key"]
                old = oracle.comment_threads(conn, brand, posts)
                assert len(old) == len(frames[0])
    assert seen_singletons and seen_threads


def test_stored_story_firsts_give_the_agenda_and_go_stale_with_the_stories(world):
    """`koll analyse` stores each brand's story firsts; the control report reads them (same
    agenda_share as every story row), and re-clustered stories make them stale until rebuilt."""
    from koll.jobs.threads import update_story_firsts
    from koll.store import stories as store_stories

    settings, store, _ = world
    with store.connect() as conn:
        names = store_items.spellings(store_items.stored_brands(conn), "Fjällkraft")
        for w in WINDOWS:
            assert store_stories.stored_firsts(conn, "Fjällkraft", *w) is not None
            got = control_inputs.owned_story_mentions(conn, names, *w, brand="Fjällkraft")
            full = _story_rows_from_all(conn, names, *w)
            assert agenda_share(got) == agenda_share(full)
            # The control report counts them in SQL: the same share.
            counted = store_stories.stored_agenda(conn, "Fjällkraft", *w)
            assert counted is not None and agenda_from_firsts(*counted) == agenda_share(full)
        seen = agenda_share(control_inputs.owned_story_mentions(conn, names, *build.WINDOW))
        assert seen is not None  # the world's window has stories the brand set or followed
        item_id, story_id = conn.execute(
            select(items.c.id, items.c.story_id).where(items.c.story_id.is_not(None)).limit(1)
        ).one()
    with store.begin() as conn:
        store_stories.save_story_ids(conn, [(item_id, story_id)])  # clustered again
        assert store_stories.stored_firsts(conn, "Fjällkraft", *build.WINDOW) is None
        assert store_stories.stored_agenda(conn, "Fjällkraft", *build.WINDOW) is None
    want = _control_from_texts(store, settings, "Fjällkraft", *build.WINDOW)
    _same(control_report(store, settings, "Fjällkraft", *build.WINDOW), want)  # read live
    assert set(update_story_firsts(store, settings, build.NOW)) == {b.name for b in settings.brands}
    with store.connect() as conn:
        assert store_stories.stored_firsts(conn, "Fjällkraft", *build.WINDOW) is not None


def test_a_long_windows_agenda_is_counted_beside_the_rest(world, monkeypatch):
    """A window longer than LONG_WINDOW_DAYS (or all history) counts its agenda on a second
    connection in a thread, with the report it gives read in one; a short window in the
    caller's thread."""
    import threading

    from koll.store import stories as store_stories
    from koll.store import views

    settings, store, _ = world
    u = date.fromisoformat(build.WINDOW[1])
    year = ((u - timedelta(days=364)).isoformat(), build.WINDOW[1])
    windows = [year, build.WINDOW, (None, None)]
    with monkeypatch.context() as m:
        m.setattr(views, "_long", lambda s, u: False)  # never beside
        want = [control_report(store, settings, "Fjällkraft", *w) for w in windows]
    where: list[str] = []
    real = store_stories.stored_agenda

    def recorded(*a):
        where.append(threading.current_thread().name)
        return real(*a)

    monkeypatch.setattr(store_stories, "stored_agenda", recorded)
    for w, expected in zip(windows, want, strict=True):
        where.clear()
        assert control_report(store, settings, "Fjällkraft", *w) == expected, w
        assert where == (["MainThread"] if w == build.WINDOW else ["koll-read-beside"]), w
