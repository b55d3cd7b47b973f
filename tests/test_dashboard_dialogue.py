"""The Dialogue page, server side: the unanswered threads own channels first, each with its
latest outside comment, tone and link; the answered share and median response time; the Dialog
card on the overview links to the page (issue 18)."""

from __future__ import annotations

import pytest

from dashboard import data
from dashboard.pages import dialogue, overview
from dashboard.params import Params
from koll.store import views
from tests.browser.dialogue_world import (
    FORUM_POST,
    FORUM_TITLE,
    LONG_WORD,
    OWN_POST,
    OWN_QUESTION,
    OWN_TITLE,
    add_threads,
)
from tests.browser.workspace import make_workspace
from tests.test_dashboard import find, texts


@pytest.fixture
def ws(tmp_path, database_url):
    settings = make_workspace(tmp_path, database_url=database_url)
    world = add_threads(settings)
    data.configure(settings)
    yield world
    data.store().close()


def params(**kw) -> dict:
    return data.resolve(Params(**kw)).as_dict()


def by_class(component, name: str) -> list:
    return find(component, lambda c: name in str(getattr(c, "className", "")).split())


def test_unanswered_threads_own_channels_first_with_the_latest_comment(ws):
    body = dialogue.render(params(), None)
    threads = by_class(body, "thread")
    assert len(threads) == 2  # the two answered threads are not listed
    own, forum = threads
    # The own blog's thread first, although the forum's latest comment is newer.
    own_links = find(own, lambda c: getattr(c, "href", None))
    assert own_links[0].children == OWN_TITLE and own_links[0].href == OWN_POST
    shown = " ".join(texts(own))
    assert "Egen kanal" in shown and "Birgitta" in shown and OWN_QUESTION in shown
    assert "2026-11-13 10:00" in shown  # 09:00 UTC, shown in Stockholm time
    assert by_class(own, "tone-neg")[0].children == "Negativ"
    assert "1 kommentar från andra" in shown
    shown = " ".join(texts(forum))
    assert "Andras kanal" in shown and "Lisa" in shown and "Per" not in shown  # the latest one
    assert LONG_WORD in shown and "2 kommentarer från andra" in shown
    assert by_class(forum, "tone-pos")[0].children == "Positiv"
    assert find(forum, lambda c: getattr(c, "href", None) == FORUM_POST)
    # "Svara i tråden" opens the latest outside comment itself, not only its post.
    assert by_class(own, "thread-open")[0].href == f"{OWN_POST}#comment-1"
    assert by_class(forum, "thread-open")[0].href == f"{FORUM_POST}#comment-2"
    assert FORUM_TITLE in shown
    assert "Obesvarade trådar (2)" in texts(body)


def test_summary_gives_the_answered_share_and_the_median_response_time(ws):
    summary = " ".join(texts(dialogue.render(params(), None)[0]))
    assert "Ni svarade i 2 av 4 kommentarstrådar (50\u00a0%)." in summary
    assert "Egna kanaler: 50\u00a0% · andras kanaler: 50\u00a0%." in summary
    assert "Mediantid till svar: 3 timmar." in summary  # 2 h and 4 h
    english = " ".join(texts(dialogue.render(params(ui="en"), None)))
    assert "You answered in 2 of 4 comment threads (50%)." in english
    assert "Own channel" in english and "Negative" in english


def test_a_period_without_threads_says_where_threads_come_from(ws):
    body = dialogue.render(params(since="2026-10-22", until="2026-11-01"), None)
    assert "koll discover" in " ".join(texts(body))
    assert not by_class(body, "thread")


def test_the_list_counts_every_waiting_thread_and_shows_the_first_fifty():
    own = [{"owned": True, "title": f"egen {i}", "url": "https://a.se/"} for i in range(3)]
    others = [{"owned": False, "title": f"andras {i}", "url": "https://b.se/"} for i in range(60)]
    report = {"dialogue_threads": 70, "dialogue_answered": 7, "unanswered": others + own}
    section = dialogue.unanswered_list(report, "sv")
    titles = [t for t in texts(section) if t.startswith(("egen", "andras"))]
    assert titles[:4] == ["egen 0", "egen 1", "egen 2", "andras 0"]  # own first, order kept
    assert len(titles) == dialogue.SHOWN
    assert "Obesvarade trådar (63)" in texts(section)
    assert "Visar de 50 första av 63." in texts(section)


def test_a_list_read_only_as_far_as_shown_still_says_how_many_wait():
    own = [{"owned": True, "title": f"egen {i}", "url": "https://a.se/"} for i in range(3)]
    others = [{"owned": False, "title": f"andras {i}", "url": "https://b.se/"} for i in range(47)]
    report = {"dialogue_threads": 70, "dialogue_answered": 7, "unanswered": own + others}
    assert "Visar de 50 första av 63." in texts(dialogue.unanswered_list(report, "sv"))


def test_the_page_reads_the_threads_it_shows_own_channels_first(ws):
    p = params()
    data._cache.clear()
    first = data.dialogue(p["brand"], p["since"], p["until"], limit=1)
    assert [w["url"] for w in first["unanswered"]] == [OWN_POST]  # older, but on its own blog
    assert first["dialogue_threads"] - first["dialogue_answered"] == 2
    newest = views.control_report(data.store(), data.settings(), p["brand"], p["since"],
                                  p["until"], unanswered_limit=1)  # fmt: skip
    assert [w["url"] for w in newest["unanswered"]] == [FORUM_POST]


def test_wait_text_reads_as_minutes_hours_or_days():
    assert dialogue.wait_text(0.5, "sv") == "30 minuter"
    assert dialogue.wait_text(3.5, "sv") == "3,5 timmar"
    assert dialogue.wait_text(60, "sv") == "2,5 dygn"
    assert dialogue.wait_text(None, "sv") == "–"
    # As the report says it: 85.5 hours were "3,6 dygn" here and "4 dygn" there (QA, 2026-12-07).
    from analysis.wording import hours

    assert dialogue.wait_text(85.5, "sv") == hours(85.5, "sv") == "3,6 dygn"
    assert dialogue.wait_text(48, "en") == "2 days" and hours(310, "sv") == "13 dygn"


def test_the_dialog_card_links_to_the_dialogue_page(ws):
    p = params(since="2026-11-01", until="2026-11-20")
    cards = overview.render_control(p, None)
    link = find(cards, lambda c: getattr(c, "id", None) == "kpi-dialogue-link")
    assert link and link[0].children == "Dialog"
    # The same brand and period: the page lists the threads behind the card's figure.
    assert link[0].href == "/dialogue?brand=Fj%C3%A4llkraft&since=2026-11-01&until=2026-11-20"


def test_the_page_reuses_the_overview_report_only_when_it_lists_every_thread(ws, monkeypatch):
    p = Params.from_dict(params())
    shown = data.control(p.brand, p.since, p.until)
    asked = []
    real = views.dialogue_report
    monkeypatch.setattr(
        views, "dialogue_report", lambda *a, **kw: asked.append(kw) or real(*a, **kw)
    )
    reused = data.dialogue(p.brand, p.since, p.until)  # 2 wait, 2 listed: no second run
    assert asked == [] and reused == {**shown, "unanswered": dialogue.ordered(shown["unanswered"])}
    # A report that lists fewer than wait (the overview's stops at 50) is not reused.
    data._cache.clear()
    version = data.data_version()
    data._put(
        ("control", p.brand, p.since, p.until, version),
        {**shown, "unanswered": shown["unanswered"][:1]},
    )
    full = data.dialogue(p.brand, p.since, p.until)
    assert asked == [{"unanswered_limit": 50, "unanswered_owned_first": True}]
    assert len(full["unanswered"]) == 2


DIALOGUE_KEYS = ("dialogue_rate", "dialogue_own", "dialogue_others", "dialogue_threads",
                 "dialogue_answered", "response_hours", "unanswered")  # fmt: skip


def test_the_dialogue_report_equals_the_control_reports_dialogue_part(ws, monkeypatch):
    p = params()
    s, st = data.settings(), data.store()
    windows = [(p["since"], p["until"]), ("2026-11-12", "2026-11-13"), (None, None)]
    for since, until in windows:
        for kw in ({}, {"unanswered_limit": 1, "unanswered_owned_first": True},
                   {"unanswered_limit": None}):  # fmt: skip
            full = views.control_report(st, s, p["brand"], since, until, **kw)
            part = views.dialogue_report(st, s, p["brand"], since, until, **kw)
            assert part == {"brand": full["brand"], "since": since, "until": until,
                            **{k: full[k] for k in DIALOGUE_KEYS}}  # fmt: skip
    # The page reads the dialogue part only: no shares, agenda or sources.
    from koll.store import control_inputs, stories

    def unused(*a, **k):
        raise AssertionError("the Dialog page does not show this")

    for mod, name in [(control_inputs, "control_counts"), (control_inputs, "control_sources"),
                      (stories, "stored_agenda"), (control_inputs, "brand_sources")]:  # fmt: skip
        monkeypatch.setattr(mod, name, unused)
    data._cache.clear()
    assert "Ni svarade i 2 av 4" in " ".join(texts(dialogue.render(p, None)))


def test_an_unsure_tone_of_the_latest_comment_is_marked_as_on_the_mentions_page(ws):
    # The Dialog page printed the label as certain: views passed only label and score.
    from sqlalchemy import update

    from koll.store.schema import items, scores

    with data.store().begin() as conn:
        lisa = conn.execute(
            items.select().with_only_columns(items.c.id).where(items.c.author == "Lisa")
        ).scalar_one()
        conn.execute(update(scores).where(scores.c.item_id == lisa).values(confidence=0.55))
    data._cache.clear()
    p = params()
    report = views.control_report(data.store(), data.settings(), p["brand"], p["since"], p["until"])
    confidence = {t["latest_author"]: t["latest_confidence"] for t in report["unanswered"]}
    assert confidence == {"Birgitta": 0.8, "Lisa": 0.55}
    # Every earlier field of the JSON contract stays, in its place; the new one comes after.
    keys = list(report["unanswered"][0])
    assert keys.index("latest_confidence") == keys.index("latest_score") + 1
    own, forum = by_class(dialogue.render(p, None), "thread")
    assert by_class(own, "unsure") == []
    marked = by_class(forum, "unsure")
    assert [m.children for m in marked] == ["osäker"] and "70 %" in marked[0].title
