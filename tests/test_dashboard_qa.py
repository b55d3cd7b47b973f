"""Dashboard defects from a QA pass in headless Chromium, each pinned by a unit test of the page,
figure or export function (the browser-visible parts also in tests/browser)."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from dashboard import data, figures
from dashboard.components import graph_config
from dashboard.i18n import language_name, number, signed, t, tn
from dashboard.pages import compare, dialogue, mentions, overview, sources, topics
from dashboard.params import Params
from koll.config import load_settings
from koll.store import mention_pages
from tests.test_dashboard import find, texts

REPO = Path(__file__).resolve().parent.parent


def test_every_chart_uses_the_shared_config_without_a_cloud_button():
    # Each page had its own config, and plotly.js 4 shows "Share chart..." unless told not to.
    config = graph_config("x")
    assert config["showSendToCloud"] is False and config["plotlyServerURL"] == ""
    assert config["locale"] == "sv" and "Zoom" in config["locales"]["sv"]["dictionary"]
    assert "locale" not in graph_config("x", "en")
    own = [
        p.relative_to(REPO).as_posix()
        for p in (REPO / "dashboard").rglob("*.py")
        if "dcc.Graph(" in p.read_text(encoding="utf-8") and p.name != "components.py"
    ]
    assert own == [], f"charts built without components.graph: {own}"


@pytest.fixture
def ws(dashboard_ws):
    return dashboard_ws


def _csv(ws, query: str) -> tuple[list[list[str]], str]:
    from dashboard.app import create_app

    res = create_app(ws).server.test_client().get("/export/mentions.csv" + query)
    assert res.status_code == 200
    lines = [x for x in res.get_data(as_text=True).lstrip("\ufeff").split("\r\n") if x]
    return [x.split(";") for x in lines], res.headers["Content-Type"]


def test_the_csv_writes_negative_scores_as_numbers_and_says_utf8_once(ws):
    # "-0,500" got the formula guard (a leading ') and became text in Excel.
    rows, content_type = _csv(ws, "?brand=Nordvind&tone=neg")
    head, body = rows[0], rows[1:]
    scores = [r[head.index("poäng")] for r in body]
    assert body and all(s == "-0,500" for s in scores), scores
    assert content_type == "text/csv; charset=utf-8"


def test_the_csv_writes_stockholm_time_as_the_table_does(ws):
    # It wrote UTC ISO (2026-11-20T10:00:00Z) while the table showed 11:00.
    rows, _ = _csv(ws, "?brand=Nordvind&since=2026-11-20&until=2026-11-20")
    head, body = rows[0], rows[1:]
    assert head[3] == "publicerad (svensk tid)"
    assert "2026-11-20 11:00" in [r[3] for r in body], [r[3] for r in body]
    english, _ = _csv(ws, "?brand=Nordvind&since=2026-11-20&until=2026-11-20&ui=en")
    # In English too: UTC text (2026-11-20T10:00:00Z) is no time to Excel, and not the table's.
    assert "2026-11-20 11:00" in [r[3] for r in english[1:]]


def _p(**kw) -> Params:
    return data.resolve(Params(**kw))


def _figure(component, graph_id: str) -> dict:
    (g,) = find(component, lambda c: getattr(c, "id", None) == graph_id)
    return g.figure


def _message(figure: dict) -> str | None:
    notes = figure["layout"].get("annotations") or []
    return notes[0]["text"] if notes and not figure["data"] else None


def test_compare_follows_the_owned_filter_and_says_when_tone_cannot_be_drawn(ws):
    # The table ignored owned=owned, and "Nettoton per vecka" drew empty traces on an x-axis of
    # the year 2000 instead of saying why it was empty.
    # (The table's count follows the filter; its control measures do not, as on the overview:
    # test_compare_keeps_the_control_measures_under_the_owned_filter.)
    p = _p(brand="Fjällkraft", owned="owned")
    out = compare.body(p)
    row = next(r for r in find(out, lambda c: type(c).__name__ == "Tr") if "Fjällkraft" in texts(r))
    assert texts(row)[1] == number(data.count(p), 0)
    tone_message = "Tonen mäts i andras omnämnanden – inga sådana i urvalet"
    assert _message(_figure(out, "compare-tone")) == tone_message
    assert _message(_figure(out, "compare-tone-shares")) == tone_message
    assert _message(_figure(out, "compare-sov")) is None  # owned mentions have a share of voice


def test_compare_keeps_the_control_measures_under_the_owned_filter(ws):
    # /compare?owned=earned recomputed Andel av rösterna and Egen andel over earned mentions only
    # ("Egen andel 0 %") without a word, while the overview keeps the control figures and says so.
    def rows(p: Params) -> dict[str, list[str]]:
        found = find(compare.body(p), lambda c: type(c).__name__ == "Tr")[1:]
        return {texts(r)[0]: texts(r) for r in found}

    every = rows(_p(brand="Fjällkraft"))
    assert every["Fjällkraft"][3] != "0\u00a0%"
    note = "kontrollmåtten i tabellen (Andel av rösterna, Egen andel, Nettoton) räknas alltid"
    for owned in ("earned", "owned"):
        p = _p(brand="Fjällkraft", owned=owned)
        got = rows(p)
        assert got["Fjällkraft"][1] == number(data.count(p), 0)  # the count follows the filter
        for brand in ("Fjällkraft", "Nordvind"):
            assert got[brand][2:] == every[brand][2:], (owned, brand, got[brand], every[brand])
        assert any(note in x for x in texts(compare.body(p)))
    assert not any(note in x for x in texts(compare.body(_p(brand="Fjällkraft"))))


def test_pages_say_which_parts_do_not_follow_the_owned_filter(ws):
    owned, every = _p(brand="Fjällkraft", owned="owned"), _p(brand="Fjällkraft")
    control_note = "kontrollmåtten och larmen räknas alltid på alla omnämnanden"
    assert any(control_note in x for x in texts(overview.control(owned)))
    assert not any(control_note in x for x in texts(overview.control(every)))
    assert any("Vems röst gäller inte Dialog" in x for x in texts(dialogue.body(owned)))
    assert any("Vems röst gäller inte Ämnen" in x for x in texts(topics.body(owned)))
    assert not any("Vems röst" in x for x in texts(topics.body(every)))


def test_the_sources_summary_reads_as_swedish(ws):
    # "3 källor · kan inte mätas röster i praktiken · 11 nya röster", also for owned=owned
    # (whose voices are all owned) and an empty window.
    owned = sources.who_speaks(_p(brand="Fjällkraft", owned="owned"))
    line = texts(owned)[0]
    assert line == "1 källa", line  # the blog; no voices: they count earned mentions
    assert "visas inte när bara egna kanaler är valda" in texts(owned)[1]
    empty_window = _p(brand="Fjällkraft", since="2025-01-01", until="2025-01-31")
    assert texts(sources.who_speaks(empty_window))[0] == "Inga omnämnanden i perioden"
    line = sources.summary_line(
        {"sources": 1, "effective_voices": None, "new_voices": 1}, "all", "sv"
    )
    assert line == "1 källa · röster i praktiken: kan inte mätas · 1 ny röst"


def _days(rows: list[tuple]) -> pd.DataFrame:
    cols = ["day", "brand", "mentions", "owned", "earned", "pos", "neu", "neg"]
    return pd.DataFrame(rows, columns=cols)


def test_net_tone_without_earned_mentions_says_so_instead_of_empty_lines():
    owned_only = _days(
        [("2026-11-17", "A", 3, 3, 0, 0, 0, 0), ("2026-11-24", "A", 2, 2, 0, 0, 0, 0)]
    )
    fig = figures.net_tone(owned_only, ["A"])
    assert fig["data"] == [] and _message(fig) == t("no_earned")
    assert _message(figures.tone_over_time(owned_only)) == t("no_earned")


def test_week_charts_of_a_window_inside_one_week_show_it_in_the_window():
    # /compare?since=2026-11-21&until=2026-11-21: a stacked area of one point drew nothing,
    # the ticks read "15/11 15/11 16/11 16/11" and the point sat on Monday 16/11.
    saturday = _days([("2026-11-21", "A", 3, 1, 2, 1, 0, 1), ("2026-11-21", "B", 1, 0, 1, 0, 0, 1)])
    window = {"since": "2026-11-21", "until": "2026-11-21"}
    for fig in (
        figures.share_of_voice(saturday, ["A", "B"], **window),
        figures.net_tone(saturday, ["A", "B"], **window),
    ):
        assert all("markers" in trace["mode"] for trace in fig["data"])
        assert {x for trace in fig["data"] for x in trace["x"]} == {"2026-11-21"}
        axis = fig["layout"]["xaxis"]
        assert axis["tickvals"] == ["2026-11-21"] and axis["ticktext"] == ["v. 47 (1 d)"]
        assert axis["range"][0] < "2026-11-21" < axis["range"][1]


def test_the_compare_page_marks_the_weeks_its_period_cuts(ws):
    out = compare.body(_p(brand="Fjällkraft", since="2026-11-06", until="2026-11-20"))
    for graph_id in ("compare-sov", "compare-tone"):
        ticks = _figure(out, graph_id)["layout"]["xaxis"]["ticktext"]
        assert ticks == ["v. 45 (3 d)", "v. 46", "v. 47 (5 d)"], (graph_id, ticks)


def test_week_ticks_name_each_week_once_and_thin_out_over_a_year():
    days = pd.date_range("2026-01-05", "2026-12-27", freq="D").strftime("%Y-%m-%d")
    year = _days([(d, "A", 2, 0, 2, 1, 0, 1) for d in days])
    axis = figures.share_of_voice(year, ["A"], since="2026-01-05")["layout"]["xaxis"]
    assert axis["ticktext"][:2] == ["v. 2", "v. 8"] and len(axis["ticktext"]) <= 10
    assert figures.share_of_voice(year, ["A"])["data"][0]["mode"] == "lines"


@pytest.fixture
def demo(demo_workspace):
    """The demo store (koll demo), whose alerts include a day of others' negative mentions."""
    data.configure(load_settings(demo_workspace, env={}))
    yield
    data.store().close()


def test_the_negative_alert_opens_exactly_the_mentions_it_counts(demo):
    # "Negativ ton: 27 av 45 omnämnanden från andra" opened 28: the brand's own were included.
    # The demo's dates follow the day it is built: its whole span, not fixed dates.
    first, last = data.day_range()
    p = _p(brand="Fjällkraft", since=first, until=last)
    alert = next(
        r for r in data.alerts(p.brand, p.since, p.until).itertuples() if r.kind == "negative"
    )
    counted = int(re.search(r"(\d+) av \d+ omnämnanden från andra", alert.reason).group(1))
    href = overview.alert_href(p, "negative", alert.day, "")
    opened = Params.from_search(href.split("?", 1)[1])
    assert opened.owned == "earned"
    with data.store().connect() as conn:
        assert mention_pages.mention_count(conn, data.mention_filter(opened)) == counted


def test_topic_and_term_links_are_named_searches_without_the_owned_filter(ws):
    p = Params(brand="Fjällkraft", since="2026-11-16", until="2026-11-22", owned="owned",
               tones=("neg",), ui="sv")  # fmt: skip
    link = topics._mentions_link(p, "höjer", "sv", "t.search.term")
    assert link.children == "Sök ”höjer” bland omnämnandena ›"
    assert (
        link.href
        == "/mentions?brand=Fj%C3%A4llkraft&since=2026-11-16&until=2026-11-22&q=h%C3%B6jer"
    )
    assert "Nu räknar inte kommentarernas rubriker" in link.title


def test_a_rising_term_with_no_uses_before_is_new_not_a_ratio(ws, monkeypatch):
    # "höjer 32 / 0 / ×64,0": a ratio over a baseline of 0.
    rising = pd.DataFrame({"term": ["höjer", "avgift"], "current": [32, 12], "baseline": [0, 4],
                           "ratio": [64.0, 3.0]})  # fmt: skip
    monkeypatch.setattr(data, "rising_terms", lambda *_a: rising)
    shown = texts(topics.rising(_p(brand="Fjällkraft")))
    assert shown[shown.index("höjer") : shown.index("höjer") + 4] == ["höjer", "32", "0", "ny"]
    assert shown[shown.index("avgift") : shown.index("avgift") + 4] == ["avgift", "12", "4", "×3,0"]


def test_an_unknown_brand_in_the_url_is_named_not_silently_replaced(ws):
    import dash

    from dashboard.app import create_app

    create_app(ws)
    layout = next(p["layout"] for p in dash.page_registry.values() if p["path"] == "/")
    shown = texts(layout(brand="Okänd"))
    assert shown[0] == "Okänt varumärke ”Okänd”; visar Fjällkraft.", shown[:3]
    assert not any("Okänt varumärke" in x for x in texts(layout(brand="Nordvind")))


def test_swedish_wording_of_counts_signs_and_saved_marks(ws):
    from sqlalchemy import select

    from koll.store.schema import mentions as mentions_table
    from tests.test_dashboard import choose

    assert signed(-0.3, 0) == "±0" and signed(-0.004, 2) == "±0,00" and signed(-0.6, 0) == "−1"
    assert tn("m.count", 1) == "1 omnämnande" and tn("m.count", 2) == "2 omnämnanden"
    tone = topics._tone(1, 1, 2, "sv").title
    assert tone == "1 positivt och 1 negativt av 2 omnämnanden", tone
    assert topics._tone(2, 0, 1, "sv").title == "2 positiva och 0 negativa av 1 omnämnande"
    with data.store().connect() as conn:
        item_id = conn.execute(
            select(mentions_table.c.item_id).where(
                mentions_table.c.brand == "Fjällkraft", mentions_table.c.owned.is_(False)
            )
        ).scalar()
    title = data.item_title(item_id)
    said = choose("m-triage", item_id, "Fjällkraft", "todo")[0]
    assert said == f"Sparat: ”{title}” behöver åtgärd."
    message = choose("m-tone", item_id, "Fjällkraft", "neu")[0]
    assert message == f"Sparat: tonen för ”{title}” är nu neutral."


def test_the_language_filter_names_languages(ws):
    (dropdown,) = find(mentions.layout(), lambda c: getattr(c, "id", None) == "m-lang")
    assert {"label": "svenska", "value": "sv"} in dropdown.options
    assert language_name("und") == "okänt" and language_name("en") == "engelska"


def test_overview_charts_span_the_chosen_period_not_only_days_with_data(ws):
    # /?since=2026-01-01&until=2026-12-31 drew only the autumn days with mentions.
    # (An end after today is cut at today, so the period ends before the tests' first today.)
    out = overview.body(_p(brand="Fjällkraft", since="2026-01-01", until="2026-11-30"))
    for graph_id in ("overview-daily", "overview-tone"):
        axis = _figure(out, graph_id)["layout"]["xaxis"]
        assert axis["range"] == ["2025-12-31 12:00", "2026-11-30 12:00"], axis


def test_sources_new_voices_are_koll_controls_for_every_window(demo):
    # Källor counted a source new when it had no *earned* mention before; koll control (and
    # docs/control.md) when it had no mention at all: the brand's own blog, whose readers'
    # comments are earned, was new on Källor in 36 of 408 demo windows after an own post.
    from datetime import date, timedelta

    from koll.store import aggregates
    from koll.store.filters import Filter
    from koll.store.views import control_report, previous_window

    first, last = (date.fromisoformat(d) for d in data.day_range())
    differ = []
    for brand in data.brand_names():
        for days in (1, 2, 7):
            day = first
            while day <= last:
                since, until = day.isoformat(), (day + timedelta(days=days - 1)).isoformat()
                report = control_report(data.store(), data.settings(), brand, since, until)
                with data.store().connect() as conn:
                    f = Filter(brands=(brand,), since=since, until=until)
                    n = aggregates.new_sources(conn, f, *previous_window(since, until))
                if n != report["new_voices"]:
                    differ.append((brand, since, until, n, report["new_voices"]))
                day += timedelta(days=1)
    assert not differ, differ[:5]
