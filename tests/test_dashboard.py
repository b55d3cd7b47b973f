"""Dashboard callbacks, queries and safety, called directly against a real SQLite store."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from dash._callback_context import context_value
from dash._utils import AttributeDict
from dash.exceptions import PreventUpdate
from plotly.utils import PlotlyJSONEncoder
from sqlalchemy import select

from dashboard import data
from dashboard.i18n import number, percent, signed
from dashboard.pages import compare, mentions, overview, sources, topics
from dashboard.params import Params
from koll.store import aggregates as agg
from koll.store import mention_pages
from koll.store.filters import Filter
from koll.store.schema import corrections
from koll.store.schema import mentions as mentions_table
from tests.browser.workspace import HOSTILE, make_workspace


@pytest.fixture
def ws(tmp_path, database_url):
    """The test workspace, once on SQLite and once on PostgreSQL (see conftest's database_url)."""
    settings = make_workspace(tmp_path, database_url=database_url)
    data.configure(settings)
    yield settings
    data.store().close()


def texts(component) -> list[str]:
    """Every string in a component tree (children and figure titles), in document order."""
    out: list[str] = []

    def walk(c):
        if c is None:
            return
        if isinstance(c, str | int | float):
            out.append(str(c))
        elif isinstance(c, list | tuple):
            for x in c:
                walk(x)
        else:
            walk(getattr(c, "children", None))
            fig = getattr(c, "figure", None)
            if isinstance(fig, dict):
                out.append(fig["layout"]["title"]["text"])

    walk(component)
    return out


def find(component, pred) -> list:
    found = []

    def walk(c):
        if isinstance(c, list | tuple):
            for x in c:
                walk(x)
        elif hasattr(c, "to_plotly_json"):
            if pred(c):
                found.append(c)
            walk(getattr(c, "children", None))

    walk(component)
    return found


def params(**kw) -> dict:
    return data.resolve(Params(**kw)).as_dict()


def test_params_round_trip_and_bad_values_fall_back():
    p = Params.from_search(
        "?brand=Fj%C3%A4llkraft&since=2026-10-01&until=2026-10-31&owned=earned"
        "&tone=neg,bogus&src=a.se,b.se&q=el%25pris&sort=neg&ui=en"
    )
    assert p.brand == "Fjällkraft" and p.owned == "earned" and p.ui == "en"
    assert p.tones == ("neg",) and p.sources == ("a.se", "b.se") and p.q == "el%pris"
    assert Params.from_search(p.query()) == p
    bad = Params.from_search("?since=2026-13-45&owned=everyone&sort=random&ui=de")
    assert (bad.since, bad.owned, bad.sort, bad.ui) == (None, "all", "new", "sv")
    # Links between pages carry only the shared filters.
    assert "tone" not in p.query(shared_only=True) and "brand=" in p.query(shared_only=True)


def test_weekly_figures_group_days_into_iso_weeks_as_pandas_does():
    """figures._weekly works each day and week out once (issue 18's speed): the weeks, sums and
    names are pandas' per-row ISO calendar's, across a year's end (2026-W53 has no week 53)."""
    import random
    from datetime import date, timedelta

    import pandas as pd

    from dashboard import figures

    rng = random.Random(5)
    start = date(2025, 12, 1)
    rows = [
        {"day": (start + timedelta(days=d)).isoformat(), "brand": b, "mentions": rng.randrange(9),
         "earned": rng.randrange(5), "pos": rng.randrange(3), "neg": rng.randrange(3)}
        for d in range(400) for b in ("A", "B") if rng.random() < 0.9
    ]  # fmt: skip
    daily = pd.DataFrame(rows)
    days = pd.to_datetime(daily["day"])
    d = daily.assign(
        week=(days - pd.to_timedelta(days.dt.day_of_week, unit="D")).dt.strftime("%Y-%m-%d")
    )
    want = d.groupby(["week", "brand"], sort=True)[["mentions", "earned", "pos", "neg"]].sum()
    want = want.reset_index()
    iso = pd.to_datetime(want["week"]).dt.isocalendar()
    # Weeks of more than one year say their year ("v. 27" would name two weeks).
    want["week_name"] = [f"v. {n} {y}" for n, y in zip(iso.week, iso.year, strict=True)]
    got = figures._weekly(daily, "sv")
    assert (got["week_hover"] == got["week_name"]).all()  # no window: no week is cut
    pd.testing.assert_frame_equal(got.drop(columns="week_hover"), want)
    assert "v. 1 2026" in set(got["week_name"]) and "v. 53 2026" in set(got["week_name"])
    one_year = figures._weekly(daily[daily["day"] < "2026-12-28"].iloc[60:], "sv")
    assert set(one_year["week_name"]) >= {"v. 10", "v. 52"}


def test_swedish_number_formats():
    assert number(1234567.5, 1) == "1\u202f234\u202f567,5"
    assert number(1234567.5, 1, "en") == "1,234,567.5"
    assert percent(0.253) == "25\u00a0%"
    assert signed(-0.125, 2) == "\u22120,12" or signed(-0.125, 2) == "\u22120,13"
    assert signed(3) == "+3"
    assert number(None) == "–"


def test_default_period_is_30_days_ending_at_newest_data(ws):
    p = data.resolve(Params())
    assert (p.brand, p.since, p.until) == ("Fjällkraft", "2026-10-22", "2026-11-20")
    swapped = data.resolve(Params(since="2026-11-10", until="2026-11-01"))
    assert (swapped.since, swapped.until) == ("2026-11-01", "2026-11-10")


def test_default_period_does_not_end_after_today(ws, monkeypatch):
    """Items stored with a date still to come (older kolls kept dates up to two days ahead)
    made the default period end on that day: one the control report, which ends today, had
    not reached."""
    from datetime import UTC, datetime

    now = datetime(2026, 11, 18, 23, 30, tzinfo=UTC)
    monkeypatch.setattr(data, "utcnow", lambda: now, raising=False)
    p = data.resolve(Params())  # 2026-11-19 in Stockholm; the newest data is of 2026-11-20
    assert (p.since, p.until) == ("2026-10-21", "2026-11-19")
    # Asked for, it is cut at today too (the page says so: test_dashboard_periods).
    chosen = data.resolve(Params(until="2026-11-20"))
    assert (chosen.since, chosen.until) == ("2026-10-21", "2026-11-19")


def test_aggregates_count_in_sql_with_filters(ws):
    with data.store().connect() as conn:
        f = Filter(brands=("Fjällkraft",), since="2026-10-22", until="2026-11-20")
        daily = agg.daily(conn, f)
        total = mention_pages.mention_count(conn, f)
        owned = mention_pages.mention_count(conn, Filter(**{**f.__dict__, "owned": "owned"}))
        earned = mention_pages.mention_count(conn, Filter(**{**f.__dict__, "owned": "earned"}))
    assert int(daily["mentions"].sum()) == total > 0
    assert owned + earned == total and owned > 0 and earned > 0
    assert int(daily["owned"].sum()) == owned
    # Only earned mentions count towards tone.
    assert int(daily[["pos", "neu", "neg"]].to_numpy().sum()) == earned


def test_filters_reach_sql_as_parameters_only(ws):
    with data.store().connect() as conn:
        assert mention_pages.mention_count(conn, Filter(brands=("x' OR '1'='1",))) == 0
        hostile_text = Filter(brands=("Fjällkraft",), text="%' OR 1=1 --")
        assert mention_pages.mention_count(conn, hostile_text) == 0
        # % and _ are literal characters in a search, not wildcards.
        assert mention_pages.mention_count(conn, Filter(brands=("Fjällkraft",), text="%")) == 0
        assert mention_pages.mention_count(conn, Filter(brands=("Fjällkraft",), text="tråd 1")) > 0


def test_overview_charts_follow_the_owned_filter(ws):
    all_ = overview.render(params(), None)
    earned = overview.render(params(owned="earned"), None)
    graphs_all = find(all_, lambda c: c.__class__.__name__ == "Graph")
    graphs_earned = find(earned, lambda c: c.__class__.__name__ == "Graph")
    names_all = [t["name"] for t in graphs_all[0].figure["data"]]
    names_earned = [t["name"] for t in graphs_earned[0].figure["data"]]
    assert names_all == ["Andras röster", "Egna kanaler"]
    assert names_earned == ["Andras röster"]
    head = texts(overview.render_head(params(), None))
    assert "Fjällkraft" in head and any(x.isdigit() for x in head)


def test_control_cards_say_why_instead_of_zero():
    missing = texts(overview.control_cards(None, None, "sv"))
    assert "inte beräknat ännu" in missing
    assert "0" not in missing and "0\u00a0%" not in missing
    report = {"control_index": None, "components_used": [], "owned_share": None, "mentions": 0}
    unmeasurable = texts(overview.control_cards(report, None, "sv"))
    assert "kan inte mätas" in unmeasurable
    filled = texts(
        overview.control_cards(
            {"control_index": 55.0, "components_used": ["owned_share"], "owned_share": 0.25},
            {"control_index": 50.0, "owned_share": 0.2},
            "sv",
        )
    )
    assert "55" in filled and "25\u00a0%" in filled
    assert any("+5 procentenheter" in x for x in filled)  # percentage points, not percent


def test_overview_control_region_uses_the_control_library(ws):
    region = texts(overview.render_control(params(), None))
    assert "Kontrollindex" in region
    assert "Egen andel" in region


def test_control_computes_the_previous_window_alongside(ws, monkeypatch):
    """One cold control() fills the cache for the window and the numbers of the one before it
    (the cards show no threads of it, so none are listed), with the values the library gives
    for each; the cards then need no second computation."""
    from koll.store import views as report

    p = data.resolve(Params())
    ps, pu = data.previous_window(p.since, p.until)
    full_previous = report.control_report(data.store(), data.settings(), p.brand, ps, pu)
    asked = []
    real = report.control_report
    monkeypatch.setattr(report, "control_report",
                        lambda st, se, b, s, u, **kw: asked.append((s, kw)) or real(st, se, b, s, u, **kw))  # fmt: skip
    data._cache.clear()
    got = data.control(p.brand, p.since, p.until)
    assert sorted(asked) == sorted([(p.since, {}), (ps, {"unanswered_limit": 0})])
    keys = {k[:4] for k in data._cache}
    assert ("control-numbers", p.brand, ps, pu) in keys
    assert got == real(data.store(), data.settings(), p.brand, p.since, p.until)
    asked.clear()
    overview.render_control(params(), None)
    assert asked == []  # both reports came from the cache
    assert data.control_numbers(p.brand, ps, pu) == {**full_previous, "unanswered": []}
    assert len([k for k in data._cache if k[0].startswith("control")]) == 2  # hits
    # A cached full report answers for the numbers too.
    assert data.control(p.brand, ps, pu) == full_previous
    assert data.control_numbers(p.brand, ps, pu) is data.control(p.brand, ps, pu)


def test_english_ui(ws):
    body = overview.render(params(ui="en"), None)
    assert "Mentions per day" in texts(body)


def test_mentions_table_pages_filters_and_sorts(ws):
    p = Params.from_dict(params())
    children, total, page = mentions.table(p, 0)
    rows = find(children, lambda c: getattr(c, "className", None) == "mention-row")
    assert total > mentions.PER_PAGE - 5 and len(rows) == min(total, mentions.PER_PAGE)
    _c, _t, last = mentions.table(p, 99)
    assert last == (total - 1) // mentions.PER_PAGE  # a page past the end shows the last page
    neg = Params.from_dict(params(tones=("neg",)))
    with data.store().connect() as conn:
        expected = mention_pages.mention_count(conn, data.mention_filter(neg))
    assert mentions.table(neg, 0)[1] == expected < total
    searched = mentions.table(Params.from_dict(params(q="tråd 5")), 0)
    assert searched[1] >= 1 and all("5" in x for x in texts(searched[0]) if "tråd" in x)
    newest = mentions.table(p, 0)[0]
    oldest = mentions.table(p.replace(sort="old"), 0)[0]

    def first_date(children):
        row = find(children, lambda c: getattr(c, "className", None) == "mention-row")[0]
        return texts(row.children[0])

    assert first_date(newest) != first_date(oldest)


def test_a_search_counts_its_hits_only_up_to_the_cap(ws, monkeypatch):
    """A word in most posts is not counted to the end: past COUNT_CAP the page says "more than"
    and keeps "Nästa" open; the rows shown are the same."""
    p = params(q="Fjällkraft")
    f = data.mention_filter(Params.from_dict(p))
    with data.store().connect() as conn:
        exact = mention_pages.mention_count(conn, f)
        assert exact > 6
        assert mention_pages.mention_count(conn, f, at_most=5) == 6
        assert mention_pages.mention_count(conn, f, at_most=exact) == exact
    before = mentions.render(p, None)
    monkeypatch.setattr(data, "COUNT_CAP", 5)
    after = mentions.render(p, None)
    assert after[2] == "Fler än 5 omnämnanden" and after[1] == "Sida 1"
    assert after[4] is False  # "Nästa" stays open
    assert texts(after[0]) == texts(before[0])
    assert mentions.render(params(), None)[2].endswith("omnämnanden")  # no search: exact


def test_hostile_feed_text_stays_text(ws):
    children, _total, _page = mentions.table(Params.from_dict(params()), 0)
    links = find(children, lambda c: c.__class__.__name__ == "A")
    hostile = [a for a in links if a.children == HOSTILE]
    assert hostile, "the hostile title is shown, as a plain string child"
    blob = json.dumps(children, cls=PlotlyJSONEncoder)
    assert "dangerouslySetInnerHTML" not in blob and "Markdown" not in blob
    # A javascript: link is shown as text, never as an href.
    assert all(not str(a.href).lower().startswith("javascript") for a in links)
    assert "Länk med javascript Fjällkraft" in texts(children)


def choose(kind: str, item_id: int, brand: str, value: str, lang: str = "sv"):
    """The page's callback for a tone (`kind` "m-tone") or triage mark ("m-triage") chosen in
    the row of (item_id, brand), as Dash calls it once the row's `*-chosen` store changes:
    (status line, *what the callback returns)."""
    row = {"brand": brand, "item": item_id, "type": f"{kind}-chosen"}
    prop = json.dumps(row, separators=(",", ":"))
    chosen = {"value": value, "at": 1}
    context_value.set(
        AttributeDict(
            triggered_inputs=[{"prop_id": f"{prop}.data", "value": chosen}], updated_props={}
        )
    )
    callback = mentions.correct if kind == "m-tone" else mentions.triage
    out = callback(chosen, {"ui": lang})
    status = context_value.get().updated_props["m-status"]["children"]
    return (status, *out) if isinstance(out, tuple) else (status, out)


def test_the_data_version_is_one_statement(ws):
    from sqlalchemy import event, func

    from koll.store import aggregates as agg
    from koll.store.schema import runs, triage_marks

    seen = []
    with data.store().connect() as conn:
        event.listen(conn, "before_cursor_execute", lambda *a: seen.append(1))
        version = agg.data_version(conn)
        assert len(seen) == 1
        # The values it used to read one by one (a frozen copy of the four statements).
        m = conn.execute(select(func.max(mentions_table.c.id))).scalar()
        k = conn.execute(select(func.max(corrections.c.id))).scalar()
        r = conn.execute(select(func.max(runs.c.id), func.max(runs.c.finished))).one()
        t = conn.execute(select(func.max(triage_marks.c.id))).scalar()
    assert version == f"{m}:{k}:{r[0]}:{r[1]}:{t}" and m


def test_tone_correction_is_stored_and_changes_the_version(ws):
    with data.store().connect() as conn:
        item_id, brand, label = conn.execute(
            select(mentions_table.c.item_id, mentions_table.c.brand, mentions_table.c.label)
            .where(mentions_table.c.owned.is_(False), mentions_table.c.label == "neu")
            .limit(1)
        ).first()
    before = data.data_version()
    message, marker, _value = choose("m-tone", item_id, brand, "neg")
    assert "Sparat" in str(message)
    assert marker == "rättad"  # the row says so at once, before any refresh
    assert data.current_label(item_id, brand) == "neg"
    with data.store().connect() as conn:
        rows = conn.execute(select(corrections.c.label, corrections.c.previous_label)).all()
    assert [tuple(r) for r in rows] == [("neg", label)]
    assert data.data_version() != before
    # The stored tone chosen again (arrow keys away and back) is not a new correction.
    with pytest.raises(PreventUpdate):
        choose("m-tone", item_id, brand, "neg")


def test_sources_page_shows_voices_owned_channels_and_failing_feeds(ws):
    pr = params()
    body = texts(
        [
            sources.render(pr, None),
            sources.render_authors(pr, None),
            sources.render_channels(pr, None),
        ]
    )
    joined = " ".join(body)
    assert "forum.example.se" in joined and "blogg.fjallkraft.se" in joined
    assert "röster i praktiken" in joined
    # The failing feed and why, in Swedish; the stored message on hover (dashboard/feed_errors.py).
    assert "Flödet finns inte (HTTP 404)" in joined
    channels = sources.render_channels(pr, None)
    assert find(channels, lambda c: getattr(c, "title", None) == "HTTP 404 Not Found")
    assert "1 av 3 flöden har problem." in body


def test_compare_page_lists_brand_and_competitors(ws):
    body = compare.render(params(), None)
    tables = find(body, lambda c: c.__class__.__name__ == "Table")
    cells = texts(tables[0])
    assert "Fjällkraft" in cells and "Nordvind" in cells
    graphs = find(body, lambda c: c.__class__.__name__ == "Graph")
    sov = [g for g in graphs if g.id == "compare-sov"][0].figure
    assert {t["name"] for t in sov["data"]} == {"Fjällkraft", "Nordvind"}


def test_topics_page_finds_the_periods_topics_then_shows_stored_topics(ws, monkeypatch):
    """No stored topics for the period: they are found in the background (the page says so and
    polls), for exactly that period; stored ones (koll analyse's) are shown as they are."""
    import threading
    import time
    from datetime import UTC, datetime

    # The search is held until the first render is done: on a fast run it had ended between
    # render_polled's question and its render, and the first page already showed the topics
    # (CI, 2026-12-03).
    gate, search = threading.Event(), data._find_period_topics
    monkeypatch.setattr(data, "_find_period_topics", lambda full: (gate.wait(60), search(full)))
    p7 = params(since="2026-11-01", until="2026-11-20")
    first, done = topics.render_polled(p7, None, 0)
    gate.set()
    assert "tas fram" in " ".join(texts(first)) and done is False
    deadline = time.monotonic() + 60
    while not done and time.monotonic() < deadline:
        time.sleep(0.2)
        body, done = topics.render_polled(p7, None, 1)
    assert done, "the period's topics were not found within a minute"
    shown = " ".join(texts(body))
    assert "tas fram" not in shown and ("Inga ämnen" in shown or "omnämnanden" in shown)

    from koll.store import topics as store_topics

    p = data.resolve(Params())
    with data.store().begin() as conn:
        store_topics.replace_topics(
            conn,
            "Fjällkraft",
            p.since,
            p.until,
            [
                dict(
                    topic_no=0,
                    label="elpris / tråd",
                    terms=["tråd", "elpris"],
                    size=10,
                    share=0.5,
                    representative_item_id=None,
                    representative_title=None,
                )
            ],
            datetime.now(UTC),
        )
    data._cache.clear()
    body = texts(topics.render(params(), None))
    assert "elpris / tråd" in body
    assert "Ord på uppgång" in texts(topics.render_rising(params(), None))
    assert "Största nyheterna" in texts(topics.render_stories(params(), None))
    assert any(x.startswith("Elpriset och Fjällkraft, tråd") for x in body)  # example mentions


def test_a_topics_examples_are_its_own_mentions_each_once(ws):
    """A topic's examples were the newest mentions containing its first word ("svarar · bloggen
    · bra" showed those of "nordvind · billigast · norr"), and a forum reply titled as the
    representative mention appeared twice."""
    from dataclasses import replace
    from datetime import UTC, datetime, timedelta

    from koll.store import topics as store_topics
    from koll.store.feeds import feed_ids_by_url
    from koll.store.items import Score, save_items
    from koll.store.records import Mention
    from koll.store.schema import items
    from tests.browser.workspace import LAST_DAY, _item

    # A reply with the title of the newest blog post: not the same mention, but it reads as one.
    it = _item(777, "forum.example.se", "forum", "Fjällkraft bygger vindkraft 0",
               "Fjällkraft bygger vindkraft, läste jag.", LAST_DAY - timedelta(hours=1), "x")  # fmt: skip
    it = replace(it, key="https://forum.example.se/reply-777")
    with data.store().begin() as conn:
        feed = feed_ids_by_url(conn)["https://forum.example.se/feed/"]
        save_items(conn, feed, [it], now=LAST_DAY,
                   mentions_of={it.key: [Mention(it.key, "Fjällkraft", False, None, None)]},
                   mention_scores={(it.key, "Fjällkraft"): Score("neu", 0.0, 0.8, "sv", "t")})  # fmt: skip
        newest_blog = conn.execute(
            select(items.c.id).where(
                items.c.title == "Fjällkraft bygger vindkraft 0",
                items.c.source == "blogg.fjallkraft.se",
            )
        ).scalar_one()
    p = data.resolve(Params())
    topic = dict(size=10, share=0.5, representative_item_id=None, representative_title=None)
    with data.store().begin() as conn:
        store_topics.replace_topics(conn, "Fjällkraft", p.since, p.until, [
            # "fjällkraft" alone is in every mention: the forum threads came first (newest).
            {**topic, "topic_no": 0, "label": "fjällkraft · vindkraft · bygger",
             "terms": ["fjällkraft", "vindkraft", "bygger", "el"],
             "representative_item_id": newest_blog,
             "representative_title": "Fjällkraft bygger vindkraft 0"},
            # No mention has all three: the first two.
            {**topic, "topic_no": 1, "label": "elpriset · tråd · saknas",
             "terms": ["elpriset", "tråd", "saknas"]},
            # No mention has even the first two: no examples rather than others' ones.
            {**topic, "topic_no": 2, "label": "vindkraft · tråd · x", "terms": ["vindkraft", "tråd", "x"]},
        ], datetime.now(UTC))  # fmt: skip
    data._cache.clear()
    cards = find(topics.topic_cards(p), lambda c: c.__class__.__name__ == "Article")
    examples = [
        [texts(li)[0] for li in find(card, lambda c: c.__class__.__name__ == "Li")]
        for card in cards
    ]
    assert examples[0][0] == "Fjällkraft bygger vindkraft 0"  # the representative
    assert examples[0][1:] and all(x.startswith("Fjällkraft bygger vindkraft") for x in examples[0])
    assert len(set(examples[0])) == len(examples[0]) == 3, examples[0]
    assert examples[1] and all(x.startswith("Elpriset och Fjällkraft, tråd") for x in examples[1])
    assert examples[2] == [], examples[2]


def test_csv_export_streams_the_current_filter(ws):
    from dashboard.app import create_app

    app = create_app(ws)
    client = app.server.test_client()
    res = client.get("/export/mentions.csv?brand=Fj%C3%A4llkraft&tone=neg")
    assert res.status_code == 200
    body = res.get_data(as_text=True)
    lines = [x for x in body.lstrip("\ufeff").split("\r\n") if x]
    with data.store().connect() as conn:
        expected = mention_pages.mention_count(
            conn, data.mention_filter(data.resolve(Params(brand="Fjällkraft", tones=("neg",))))
        )
    # Built for Excel with Swedish settings: Swedish headers and values, decimal commas.
    assert lines[0].startswith("länk;rubrik;text;publicerad") and len(lines) - 1 == expected > 0
    assert lines[0].endswith(";ton;poäng;rättad;åtgärd")
    assert all(";andras;negativ;" in x for x in lines[1:])
    assert all(x.split(";")[-3].startswith(("-0,", "0,")) for x in lines[1:])
    # In English, the field names of `koll export mentions`.
    res = client.get("/export/mentions.csv?brand=Fj%C3%A4llkraft&tone=neg&ui=en")
    english = [x for x in res.get_data(as_text=True).lstrip("\ufeff").split("\r\n") if x]
    assert (
        english[0]
        == "url;title;text;published;source;author;lang;kind;brand;owned;label;score;corrected;triage"
    )
    assert all(";0;neg;" in x for x in english[1:]) and len(english) == len(lines)


def test_basic_auth_guards_every_route(tmp_path):
    settings = make_workspace(tmp_path, "\n[dashboard.x]\n" * 0)
    from dataclasses import replace

    from dashboard.app import create_app

    settings = replace(
        settings,
        dashboard=replace(
            settings.dashboard, basic_auth_user="komm", basic_auth_password="hemligt"
        ),
    )
    client = create_app(settings).server.test_client()
    assert client.get("/").status_code == 401
    assert client.get("/export/mentions.csv").status_code == 401
    assert client.get("/", headers={"Authorization": "Basic a29tbTpmZWw="}).status_code == 401
    ok = client.get("/", headers={"Authorization": "Basic a29tbTpoZW1saWd0"})  # komm:hemligt
    assert ok.status_code == 200
    data.store().close()


def test_serve_help_has_an_example_and_binds_locally_by_default():
    out = subprocess.run(
        [sys.executable, "-m", "koll.cli", "serve", "--help"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "koll serve --config" in out and "127.0.0.1" in out


def test_search_index_follows_new_items(ws):
    from datetime import UTC, datetime

    from koll.store.feeds import feed_ids_by_url
    from koll.store.items import save_items
    from koll.store.records import Item, Mention

    f = Filter(brands=("Fjällkraft",), text="vindsnurror")
    with data.store().connect() as conn:
        # SQLite searches through FTS5 (kept in step by triggers), PostgreSQL with ILIKE.
        fts = "SELECT 1 FROM sqlite_master WHERE name = 'items_fts'"
        assert conn.dialect.name != "sqlite" or conn.exec_driver_sql(fts).first()
        assert mention_pages.mention_count(conn, f) == 0
    item = Item(
        key="https://forum.example.se/ny",
        url="https://forum.example.se/ny",
        guid=None,
        title="Fjällkraft och vindsnurrorna",
        text="Nytt inlägg",
        author="ny",
        published=datetime(2026, 11, 20, 9, tzinfo=UTC),
        published_estimated=False,
        source="forum.example.se",
        kind="forum",
        content_hash="ny",
    )
    with data.store().begin() as conn:
        feed = feed_ids_by_url(conn)["https://forum.example.se/feed/"]
        save_items(
            conn,
            feed,
            [item],
            now=datetime.now(UTC),
            mentions_of={item.key: [Mention(item.key, "Fjällkraft", False, None, None)]},
        )
    with data.store().connect() as conn:
        assert (
            mention_pages.mention_count(conn, f) == 1
        )  # a word's beginning finds the inflected form
        assert (
            mention_pages.mention_count(conn, Filter(brands=("Fjällkraft",), text="VINDSNURRORNA"))
            == 1
        )
        assert (
            mention_pages.mention_count(conn, Filter(brands=("Nordvind",), text="vindsnurror")) == 0
        )


def test_refresh_is_quiet_until_the_data_changes(ws):
    from dashboard.app import _check_version

    version = data.data_version()
    with pytest.raises(PreventUpdate):
        _check_version(5, version)
    with data.store().connect() as conn:
        item_id, brand = conn.execute(
            select(mentions_table.c.item_id, mentions_table.c.brand).limit(1)
        ).first()
    data.correct_tone(item_id, brand, "pos")
    assert _check_version(6, version) != version


def test_a_broken_query_fails_loudly_instead_of_showing_nothing(ws):
    """The pages' readers raise what the store raises (here a table gone); they used to turn
    any error into None, which the pages showed as "not computed yet"."""
    from pandas.errors import DatabaseError
    from sqlalchemy.exc import SQLAlchemyError

    failed = (SQLAlchemyError, DatabaseError)  # pandas' read_sql wraps the driver's error
    p = data.resolve(Params(brand="Fjällkraft"))
    data.rising_terms(p.brand, p.since, p.until)  # both work before
    data.alerts(p.brand, p.since, p.until)
    with data.store().begin() as conn:
        conn.exec_driver_sql("DROP TABLE alerts")
        conn.exec_driver_sql("DROP TABLE term_days")
    with pytest.raises(failed, match="alerts"):
        data.alerts(p.brand, p.since, p.until)
    with pytest.raises(failed, match="term_days"):
        data.rising_terms(p.brand, "2026-01-01", p.until)  # a window not cached yet


def test_a_topic_search_started_before_configure_does_not_fill_the_new_cache(ws):
    """A background topic search outlives a reconfiguration (the next test's workspace in this
    process; CI saw its result on the next test's first render): what it finds is kept for the
    configuration it was started under, and the new one searches for itself."""
    args = ("Fjällkraft", "2026-11-01", "2026-11-20")
    assert data.period_topics(*args)[0] is None  # started in the background
    data.configure(ws)  # before it ends (equal data, so the same data version)
    data.settle(timeout=60)
    try:
        assert data.period_topics(*args)[0] is None  # the new configuration's own search
    finally:
        data.settle(timeout=60)
    assert data.period_topics(*args)[0] is not None


def test_a_window_with_no_end_shows_nothing_instead_of_failing(ws):
    """resolve() leaves `until` empty when the database has no mentions yet and the URL names
    only `since`: the regions that compare with the window before show nothing then."""
    p = Params(brand="Fjällkraft", since="2026-11-01").as_dict()
    assert overview.render_control(p, None) == []
    assert topics.render_rising(p, None) == []
    assert topics.render_stories(p, None) == []


@pytest.mark.engines("sqlite")
def test_serve_freezes_what_it_has_loaded_before_it_answers(ws, monkeypatch):
    """The objects the server has made by the time it answers are out of the garbage collector's
    full passes (dashboard.app.freeze_heap: those passes were the 100-215 ms spikes in
    bench.dashboard)."""
    import gc
    import threading

    from dashboard import app as app_module

    seen = {}
    monkeypatch.setattr(
        app_module.Dash, "run", lambda self, **kw: seen.setdefault("frozen", gc.get_freeze_count())
    )
    try:
        app_module.serve(ws)
    finally:
        gc.unfreeze()
        for t in threading.enumerate():
            if t.name == "koll-prewarm":
                t.join(timeout=60)
    assert seen["frozen"] > 10_000
