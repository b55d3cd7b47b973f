"""Links that digests, alerts and reports put into the dashboard: the dashboard reads back every
filter they set (koll/store/links.py writes dashboard/params.py's parameters without importing it)."""

from __future__ import annotations

from dataclasses import fields
from urllib.parse import urlsplit

from dashboard.params import Params
from koll.store.links import alert_link, dashboard_link

BASE = "https://koll.example.se/"


def read_back(link: str) -> Params:
    return Params.from_search(urlsplit(link).query)


def test_no_base_no_link():
    assert dashboard_link(None, brand="Fjällkraft") is None
    assert alert_link("", {"brand": "B", "kind": "volume", "day": "2026-11-10"}) is None


def test_every_filter_comes_back_from_the_url():
    link = dashboard_link(
        BASE,
        "mentions",
        brand="Fjällkraft",
        since="2026-11-10",
        until="2026-11-16",
        owned="earned",
        tones=("neg", "neu"),
        sources=("energiforum.se",),
        q="höjer priset",
        story=4711,
        ui="en",
    )
    assert link.startswith("https://koll.example.se/mentions?")  # one slash between the parts
    p = read_back(link)
    assert (p.brand, p.since, p.until, p.owned, p.ui) == (
        "Fjällkraft",
        "2026-11-10",
        "2026-11-16",
        "earned",
        "en",
    )
    assert (p.tones, p.sources, p.q) == (("neg", "neu"), ("energiforum.se",), "höjer priset")
    if "story" in {f.name for f in fields(Params)}:  # the dashboard's story filter (issue 18)
        assert p.story == 4711


def test_overview_link_is_the_root_page():
    link = dashboard_link(BASE, brand="Nordvind", since="2026-11-01", until="2026-11-07")
    assert urlsplit(link).path == "/"
    assert read_back(link).brand == "Nordvind"


def test_alert_links_filter_to_what_the_alert_is_about():
    neg = read_back(alert_link(BASE, {"brand": "B", "kind": "negative", "day": "2026-11-10"}))
    assert (neg.brand, neg.since, neg.until, neg.tones, neg.owned) == (
        "B",
        "2026-11-10",
        "2026-11-10",
        ("neg",),
        "earned",
    )
    term = {"brand": "B", "kind": "term", "day": "2026-11-11", "subject": "avbrott"}
    assert read_back(alert_link(BASE, term)).q == "avbrott"
    topic = {
        "brand": "B",
        "kind": "topic",
        "day": "2026-11-11",
        "subject": "storm, ström",
        "details": {"terms": ["stormen", "ström"]},
    }
    assert read_back(alert_link(BASE, topic)).q == "stormen"


def test_every_page_linked_to_is_a_dashboard_page():
    from dashboard.app import PAGES as ROUTES
    from koll.store.links import PAGES

    assert set(PAGES.values()) <= {path for path, _, _ in ROUTES}
    link = dashboard_link(BASE, "dialogue", brand="Fjällkraft", since="2026-11-10")
    assert urlsplit(link).path == "/dialogue" and read_back(link).brand == "Fjällkraft"
