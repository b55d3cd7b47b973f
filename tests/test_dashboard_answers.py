"""The Monday-meeting answers, server side: stories with their tone, first source and whether
the brand was first, linking to their mentions; alerts that open their mentions; triage marks
stored, shown, filtered and exported; topics of the chosen period (issue 18)."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlsplit

import pandas as pd
import pytest
from dash.exceptions import PreventUpdate
from sqlalchemy import select

from dashboard import data
from dashboard.pages import mentions, overview, topics
from dashboard.params import Params
from koll.store.feeds import feed_ids_by_url
from koll.store.items import Score, save_items
from koll.store.records import Mention
from koll.store.schema import mentions as mentions_table
from koll.store.schema import triage_marks
from tests.browser.answers_world import ALERT_DAY, STORY_TITLE, add_answers
from tests.browser.workspace import _item, make_workspace
from tests.test_dashboard import choose, find, texts


@pytest.fixture
def ws(tmp_path, database_url):
    settings = make_workspace(tmp_path, database_url=database_url)
    world = add_answers(settings)
    data.configure(settings)
    yield world
    data.store().close()


def params(**kw) -> dict:
    return data.resolve(Params(**kw)).as_dict()


def links(component) -> list:
    return find(component, lambda c: c.__class__.__name__ == "Link")


def test_stories_show_tone_first_source_and_the_brand_first(ws):
    section = topics.render_stories(params(), None)
    shown = texts(section)
    assert STORY_TITLE in shown
    row = next(r for r in find(section, lambda c: c.__class__.__name__ == "Tr")
               if STORY_TITLE in texts(r))  # fmt: skip
    cells = [" ".join(texts(td)) for td in row.children]
    assert cells[1] == "3"  # items in the story
    assert cells[4].startswith("blogg.fjallkraft.se")  # where it started
    assert cells[5] == "ja"  # the brand's own post came first
    tone = find(row, lambda c: "tone tone-" in str(getattr(c, "className", "")))
    assert tone and tone[0].children[0] in "+−±"


def _story(titles: list[str], size: int) -> None:
    """Store the items of `titles` as one story, led by the earliest (as `koll analyse` would)."""
    from koll.store import stories as store_stories
    from koll.store.schema import items

    with data.store().begin() as conn:
        rows = conn.execute(
            select(items.c.id, items.c.published).where(items.c.title.in_(titles))
        ).all()
        first = min(rows, key=lambda r: r.published)
        store_stories.save_story_ids(conn, [(r.id, first.id) for r in rows])
        table = pd.DataFrame([{
            "story_id": first.id, "size": size, "first_published": first.published,
            "last_published": max(r.published for r in rows), "first_item_id": first.id,
            "title": titles[0],
        }])  # fmt: skip
        store_stories.replace_stories(conn, table, datetime.now(UTC), replaced=[first.id])


def test_a_story_the_brand_never_published_in_is_not_one_it_came_second_in(ws):
    # "Ni först?" said "nej" for stories of others' posts only, while Först ute (agenda_share)
    # leaves them out: 100 % beside a column of "nej".
    _story(["Elpriset och Fjällkraft, tråd 1", "Elpriset och Fjällkraft, tråd 2"], 9)
    # The brand's own post, after a forum post: it did take part, and came second.
    _story(["Elpriset och Fjällkraft, tråd 5", "Fjällkraft bygger vindkraft 4"], 8)
    section = topics.render_stories(params(), None)
    rows = {
        texts(r.children[0])[0]: r.children[5].children
        for r in find(section, lambda c: c.__class__.__name__ == "Tr")[1:]
    }
    others_only = rows["Elpriset och Fjällkraft, tråd 1"]
    assert others_only.children == "–", others_only
    assert others_only.title == "inget eget inlägg i nyheten"
    assert rows["Elpriset och Fjällkraft, tråd 5"] == "nej"
    assert texts(rows[STORY_TITLE]) == ["ja"]
    df = data.stories("Fjällkraft", "2026-10-22", "2026-11-20")  # the store's answer
    firsts = dict(zip(df["title"], df["brand_first"], strict=True))
    assert firsts["Elpriset och Fjällkraft, tråd 1"] is None
    assert firsts["Elpriset och Fjällkraft, tråd 5"] is False and firsts[STORY_TITLE] is True


def test_a_story_links_to_exactly_its_mentions(ws):
    link = next(
        x for x in links(topics.render_stories(params(), None)) if x.children == STORY_TITLE
    )
    query = parse_qs(urlsplit(link.href).query)
    assert urlsplit(link.href).path == "/mentions" and query["story"] == [str(ws["story_id"])]
    p = mentions.params_from({k: v[0] for k, v in query.items()})
    children, total, _page = mentions.table(p, 0)
    assert total == ws["story_items"]
    assert STORY_TITLE in texts(children)
    assert "Visar omnämnandena i en nyhet." in texts(
        mentions.layout(**{"story": str(ws["story_id"])})
    )


def test_alerts_open_the_mentions_they_are_about(ws):
    section = overview.alerts_list(Params.from_dict(params()))
    hrefs = {link.href for link in links(section)}
    negative = next(h for h in hrefs if "tone=neg" in h)
    term = next(h for h in hrefs if "q=tr" in h)
    for href in (negative, term):
        q = parse_qs(urlsplit(href).query)
        assert (
            q["since"] == [ALERT_DAY] and q["until"] == [ALERT_DAY] and q["brand"] == ["Fjällkraft"]
        )
    p = mentions.params_from({k: v[0] for k, v in parse_qs(urlsplit(negative).query).items()})
    children, total, _ = mentions.table(p, 0)
    rows = find(children, lambda c: getattr(c, "className", None) == "mention-row")
    assert total == len(rows) >= 1
    assert all(texts(r.children[0])[0].startswith(ALERT_DAY) for r in rows)


def test_triage_is_stored_shown_filtered_and_exported(ws):
    from dashboard.app import create_app

    with data.store().connect() as conn:
        item_id = conn.execute(
            select(mentions_table.c.item_id).where(mentions_table.c.brand == "Fjällkraft",
                                                   mentions_table.c.day == "2026-11-19")
        ).scalar()  # fmt: skip
    before = data.data_version()
    assert "behöver åtgärd" in choose("m-triage", item_id, "Fjällkraft", "todo")[0]
    assert data.current_triage(item_id, "Fjällkraft") == "todo" and data.data_version() != before
    with pytest.raises(PreventUpdate):  # the stored mark chosen again: nothing new
        choose("m-triage", item_id, "Fjällkraft", "todo")
    # Shown in its row, and the only one under "behöver åtgärd".
    todo = Params.from_dict(params(triage=("todo",)))
    children, total, _ = mentions.table(todo, 0)
    assert total == 1
    picker = find(children, lambda c: isinstance(getattr(c, "id", None), dict)
                  and c.id.get("type") == "m-triage")[0]  # fmt: skip
    assert picker.value == "todo"
    unmarked = mentions.table(Params.from_dict(params(triage=("none",))), 0)[1]
    assert unmarked == mentions.table(Params.from_dict(params()), 0)[1] - 1
    # Exported, in Swedish.
    client = create_app(data.settings()).server.test_client()
    body = client.get("/export/mentions.csv?triage=todo").get_data(as_text=True)
    lines = [x for x in body.lstrip("\ufeff").split("\r\n") if x]
    assert len(lines) == 2 and lines[1].endswith(";behöver åtgärd")
    # Every mark is kept, as corrections are.
    choose("m-triage", item_id, "Fjällkraft", "handled")
    with data.store().connect() as conn:
        log = conn.execute(select(triage_marks.c.status, triage_marks.c.previous_status)
                           .order_by(triage_marks.c.id)).all()  # fmt: skip
    assert [tuple(r) for r in log] == [("todo", None), ("handled", "todo")]


def test_triage_url_filter_and_page_round_trip():
    p = Params.from_search("?brand=Fj%C3%A4llkraft&triage=todo,bogus&page=3&story=12")
    assert p.triage == ("todo",) and p.page == 2 and p.story == 12
    assert Params.from_search(p.query()) == p
    assert Params.from_search("?page=0&story=x").page == 0


def _add_topic_posts(store, words: str, day: datetime, n: int, start: int) -> None:
    batch, mentions_of, scores = [], {}, {}
    for i in range(n):
        it = _item(start + i, "ny.example.se", "news", f"Fjällkraft {words} {i}",
                   f"Fjällkraft och {words}. {words} igen, nummer {i}.", day + timedelta(hours=i),
                   "reporter")  # fmt: skip
        batch.append(it)
        mentions_of[it.key] = [Mention(it.key, "Fjällkraft", False, None, None)]
        scores[(it.key, "Fjällkraft")] = Score("neu", 0.0, 0.8, "sv", "t")
    with store.begin() as conn:
        feed = feed_ids_by_url(conn)["https://forum.example.se/feed/"]
        save_items(conn, feed, batch, now=day, mentions_of=mentions_of, mention_scores=scores)


def _wait_for_topics(p: dict):
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        body, done = topics.render_polled(p, None, 0)
        if done:
            return " ".join(texts(body))
        time.sleep(0.2)
    pytest.fail("the period's topics were not found")


def test_topics_follow_the_chosen_period(ws):
    """Two periods with different subjects: each period's topics are its own."""
    store = data.store()
    _add_topic_posts(store, "havsbaserad turbin", datetime(2026, 10, 14, 8, tzinfo=UTC), 12, 5000)
    _add_topic_posts(store, "elnätsavgift höjning", datetime(2026, 11, 16, 8, tzinfo=UTC), 12, 6000)
    october = _wait_for_topics(params(since="2026-10-12", until="2026-10-20"))
    november = _wait_for_topics(params(since="2026-11-15", until="2026-11-20"))
    assert "turbin" in october and "turbin" not in november
    assert "elnätsavgift" in november and "elnätsavgift" not in october
