"""The period in the dashboard's URL: the days it accepts (the command line's), what it says when
it shows another period than the one asked for, and windows near the ends of the calendar."""

from __future__ import annotations

import pytest

from dashboard import data, figures
from dashboard.pages import overview
from dashboard.params import Params, refused_days
from koll.store.views import previous_window
from tests.test_dashboard import texts


@pytest.fixture
def ws(dashboard_ws):
    return dashboard_ws


def _layout(ws, path: str = "/"):
    import dash

    from dashboard.app import create_app

    create_app(ws)
    return next(p["layout"] for p in dash.page_registry.values() if p["path"] == path)


def test_previous_window_is_none_where_it_would_start_before_year_one():
    # It subtracted past year 1: OverflowError: date value out of range.
    assert previous_window("0001-01-01", "0001-01-10") is None
    assert previous_window("0001-01-11", "0001-01-20") == ("0001-01-01", "0001-01-10")
    assert previous_window("1900-01-01", "2999-12-31") is not None
    assert previous_window(*previous_window("1900-01-01", "2999-12-31")) is None  # type: ignore[misc]


def test_the_url_accepts_the_days_the_command_line_does():
    # Years 0001-9999 were taken, and the period's windows overflowed; the CLI takes 1900-2999.
    for bad in ("1899-12-31", "0001-01-01", "3000-01-01", "9999-12-31", "20261101", "2026-W45"):
        assert Params.from_query({"since": bad, "until": bad}).since is None, bad
    p = Params.from_query({"since": "1900-01-01", "until": "2999-12-31"})
    assert (p.since, p.until) == ("1900-01-01", "2999-12-31")
    assert refused_days({"since": "2026-11-01", "until": "9999-12-31"}) == [("until", "9999-12-31")]
    assert refused_days({"since": "2026-11-01", "until": "2026-11-02"}) == []


def test_a_period_of_every_accepted_year_shows_its_cards_and_report(ws):
    # The overview asked the previous window's figures, and those the window before that.
    p = data.resolve(Params(since="1900-01-01", until="2999-12-31"))
    cards = texts(overview.control(p))
    assert "Kontrollindex" in cards and "Omnämnanden" in cards, cards[:10]
    from dashboard.app import create_app

    client = create_app(ws).server.test_client()
    res = client.get("/report.html?since=1900-01-01&until=2999-12-31")
    assert res.status_code == 200
    assert client.get("/report.html?since=2026-11-01&until=9999-12-31").status_code == 200
    assert figures._window_range(("0001-01-01", "0001-01-02"))["range"][0] == "0001-01-01 12:00"


def test_a_refused_day_is_named_in_swedish_above_the_page(ws, monkeypatch):
    from datetime import UTC, datetime

    monkeypatch.setattr(data, "utcnow", lambda: datetime(2026, 11, 25, 12, 0, tzinfo=UTC))
    layout = _layout(ws)
    shown = texts(layout(since="2026-11-01", until="9999-12-31"))
    assert shown[0] == (
        "Ogiltigt slutdatum ”9999-12-31”: skriv ett datum ÅÅÅÅ-MM-DD från 1900-01-01 till "
        "2999-12-31. Visar 2026-11-01 – 2026-11-25."
    ), shown[:2]
    assert not any("Ogiltigt" in x for x in texts(layout(since="2026-11-01")))


def test_a_start_after_the_end_is_said_not_silently_swapped(ws):
    # /?since=2026-12-01&until=2026-11-01 showed 2026-11-01 – 2026-12-01 without a word.
    shown = texts(_layout(ws)(since="2026-12-01", until="2026-11-01"))
    assert shown[0] == (
        "Startdatumet 2026-12-01 ligger efter slutdatumet 2026-11-01; visar 2026-11-01 – 2026-12-01."
    ), shown[:2]


def test_a_start_after_today_shows_the_default_period_and_says_so(ws, monkeypatch):
    # /?since=2027-01-01 showed the days from the newest data to 2027-01-01 (the CLI refuses:
    # "--since 2027-01-01 is after today").
    from datetime import UTC, datetime

    monkeypatch.setattr(data, "utcnow", lambda: datetime(2026, 11, 20, 12, 0, tzinfo=UTC))
    p = data.resolve(Params(since="2026-11-25"))
    assert (p.since, p.until) == ("2026-10-22", "2026-11-20")
    shown = texts(_layout(ws)(since="2026-11-25"))
    assert shown[0] == (
        "Startdatumet 2026-11-25 ligger efter i dag (2026-11-20); visar 2026-10-22 – 2026-11-20."
    ), shown[:2]
    # A start after the newest data but not after today ends today, as the CLI's window does.
    monkeypatch.setattr(data, "utcnow", lambda: datetime(2026, 11, 30, 12, 0, tzinfo=UTC))
    p = data.resolve(Params(since="2026-11-25"))
    assert (p.since, p.until) == ("2026-11-25", "2026-11-30")
    assert not any("Startdatumet" in x for x in texts(_layout(ws)(since="2026-11-25")))


def test_a_start_alone_ends_today_as_the_command_line_window_does(ws, monkeypatch):
    # /?since=2026-11-01 ended on the newest day with mentions (2026-11-20), where
    # `koll control --since 2026-11-01` and the API end today: the same URL gave other figures
    # (the window before, for new voices, was shorter).
    from datetime import UTC, datetime

    from koll.store.views import control_report

    now = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
    monkeypatch.setattr(data, "utcnow", lambda: now)
    monkeypatch.setattr("koll.store.views.utcnow", lambda: now)
    p = data.resolve(Params(since="2026-11-01"))
    assert (p.since, p.until) == ("2026-11-01", "2026-11-25")
    cli = control_report(data.store(), ws, p.brand, "2026-11-01", None)
    assert (cli["since"], cli["until"]) == (p.since, p.until)


def test_an_empty_period_before_after_the_first_data_day_is_not_blamed_on_it(ws, monkeypatch):
    # /?since=2026-12-04 said "data finns från 2026-11-06, så perioden före (2026-12-03 –
    # 2026-12-03) är tom": true only of a period before that ends before the data starts.
    from datetime import UTC, datetime

    now = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
    monkeypatch.setattr(data, "utcnow", lambda: now)
    monkeypatch.setattr("koll.store.views.utcnow", lambda: now)
    p = data.resolve(Params(since="2026-11-24"))  # before it: 11-22 – 11-23, no mentions
    shown = " ".join(texts(overview.control(p)))
    assert "Ingen jämförelse: inga omnämnanden i perioden före (2026-11-22 – 2026-11-23)." in shown
    assert "data finns från" not in shown
    # A period before that ends before the first day with data still says where data starts.
    p = data.resolve(Params(since="2026-10-12", until="2026-10-20"))
    shown = " ".join(texts(overview.control(p)))
    assert "Ingen jämförelse: data finns från 2026-10-12" in shown, shown


def test_an_end_after_today_is_cut_at_today_and_said(ws, monkeypatch):
    # /?since=2026-11-20&until=2026-12-31 compared 42 days, 27 of them still to come, with 42
    # past days, without a word; /?since=2026-12-05&until=2026-12-05 (all to come) too.
    from datetime import UTC, datetime

    monkeypatch.setattr(data, "utcnow", lambda: datetime(2026, 11, 25, 12, 0, tzinfo=UTC))
    p = data.resolve(Params(since="2026-11-10", until="2026-12-31"))
    assert (p.since, p.until) == ("2026-11-10", "2026-11-25")
    shown = texts(_layout(ws)(since="2026-11-10", until="2026-12-31"))
    assert shown[0] == (
        "Slutdatumet 2026-12-31 ligger efter i dag (2026-11-25); visar 2026-11-10 – 2026-11-25."
    ), shown[:2]
    # An end alone after today: cut too, the default length before it.
    p = data.resolve(Params(until="2026-12-31"))
    assert (p.since, p.until) == ("2026-10-27", "2026-11-25")
    # Wholly to come: the default period (as for a start alone after today), said.
    p = data.resolve(Params(since="2026-12-05", until="2026-12-05"))
    assert (p.since, p.until) == ("2026-10-22", "2026-11-20")
    shown = texts(_layout(ws)(since="2026-12-05", until="2026-12-05"))
    assert shown[0] == (
        "Startdatumet 2026-12-05 ligger efter i dag (2026-11-25); visar 2026-10-22 – 2026-11-20."
    ), shown[:2]
    assert len([x for x in shown if "ligger efter" in x]) == 1
    # Today itself is a day of the period: nothing to say.
    assert not any("ligger efter" in x for x in texts(_layout(ws)(until="2026-11-25")))
    p = data.resolve(Params(since="2026-11-10", until="2026-11-25"))
    assert (p.since, p.until) == ("2026-11-10", "2026-11-25")


def test_the_date_picker_offers_no_day_after_today(ws, monkeypatch):
    from datetime import UTC, datetime

    from dashboard.app import _shell
    from tests.test_dashboard import find

    monkeypatch.setattr(data, "utcnow", lambda: datetime(2026, 11, 25, 23, 30, tzinfo=UTC))
    (picker,) = find(_shell(ws), lambda c: getattr(c, "id", None) == "f-period")
    assert picker.max_date_allowed == "2026-11-26"  # Stockholm's day, not UTC's


def test_new_voices_say_all_sources_count_as_new_when_the_period_before_is_empty(ws):
    # "Nya röster 11" stood beside "Ingen jämförelse": with no mentions before, every source
    # counts as new (the definition, as `koll control` gives it), which read as 11 newcomers.
    from dashboard.pages import sources
    from tests.test_dashboard import find

    said = "perioden före saknar omnämnanden: alla källor med andras omnämnanden räknas som nya"
    first = data.resolve(Params(brand="Fjällkraft", since="2026-10-12", until="2026-10-20"))
    cards = overview.control(first)
    (card,) = find(cards, lambda c: getattr(c, "id", None) == "kpi-new_voices")
    report = data.control("Fjällkraft", "2026-10-12", "2026-10-20")
    # A sentence of its own on the card, begun with a capital (QA, 2026-12-07).
    card_note = said[:1].upper() + said[1:]
    assert [x for x in texts(card) if x][:3] == ["Nya röster", str(report["new_voices"]), card_note]
    line = texts(sources.who_speaks(first))[0]
    assert line.endswith(f"1 ny röst ({said})"), line
    # With mentions before, the number is read as it stands.
    from dashboard.cards import control_cards

    before = {"mentions": 5, "new_voices": 0}
    assert not any(said[1:] in x for x in texts(control_cards({"new_voices": 3}, before, "sv")))
    assert any(
        card_note in x for x in texts(control_cards({"new_voices": 3}, {"mentions": 0}, "sv"))
    )
    later = data.resolve(Params(brand="Fjällkraft", since="2026-11-01", until="2026-11-20"))
    assert not any(said[1:] in x for x in texts(overview.control(later)))
    assert not any(said in x for x in texts(sources.who_speaks(later)))


def test_a_period_with_no_mentions_says_so_and_where_the_data_is(ws):
    # Every card said "kan inte mätas" with nothing above them to say why (a QA pass).
    first, last = data.day_range(["Fjällkraft"])
    empty = data.resolve(Params(brand="Fjällkraft", since="2025-01-01", until="2025-01-31"))
    said = f"Inga omnämnanden av Fjällkraft i perioden: data finns {first} – {last}."
    assert said in texts(overview.control(empty))
    full = data.resolve(Params(brand="Fjällkraft", since=first, until=last))
    assert not any("Inga omnämnanden av" in x for x in texts(overview.control(full)))
