"""A report and a digest on a day with more alerts than they list: the sentence counts every
alert of the window and names every kind, the list keeps the most important kinds and says how
many it left out."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest

from koll.config import DigestSettings
from koll.jobs.digest import window_period
from koll.jobs.digest_mail import build
from koll.store import Store
from koll.store import alerts as store_alerts
from koll.store.report import ALERTS_SHOWN, report_data
from koll.store.report_html import render_report
from tests.browser.workspace import make_workspace

DAY = "2026-11-20"
SENTENCE = "koll larmade 21 gånger (toppar i volym, negativ ton, ord som ökar, ämnen som ökar)."


def _alert(i: int, kind: str, subject: str | None) -> dict:
    return {"key": f"{DAY}:{kind}:{i}", "brand": "Fjällkraft", "kind": kind, "day": DAY,
            "subject": subject, "reason": f"{kind} {subject or ''}", "value": 30.0 + i,
            "baseline": 1.0, "p_value": 0.001, "details": None}  # fmt: skip


@pytest.fixture(scope="module")
def settings(tmp_path_factory):
    settings = make_workspace(tmp_path_factory.mktemp("alerts"))
    # As the alerts job stores them: volume and tone first (the lowest ids), then 10 rising words
    # and 9 rising topics; 21 alerts, one more than a report lists.
    rows = [_alert(0, "volume", None), _alert(1, "negative", None)]
    rows += [_alert(2 + i, "term", f"ord{i}") for i in range(10)]
    rows += [_alert(12 + i, "topic", f"ämne{i} · fakturor") for i in range(9)]
    with Store(settings.database_url) as store, store.begin() as conn:
        store_alerts.insert_alerts(conn, rows, datetime(2026, 11, 20, 12, tzinfo=UTC))
    return settings


def test_the_report_counts_every_alert_and_lists_the_important_ones(settings):
    with Store(settings.database_url) as store:
        data = report_data(store, settings, "Fjällkraft", DAY, DAY)
    assert ALERTS_SHOWN == 20 and len(data["alerts"]) == 20
    assert data["alert_counts"] == {"volume": 1, "negative": 1, "term": 10, "topic": 9}
    # The spike and the tone are listed first; what is left out is one rising topic.
    assert [a["kind"] for a in data["alerts"][:2]] == ["volume", "negative"]
    assert sum(a["kind"] == "topic" for a in data["alerts"]) == 8
    html = render_report(data, "sv")
    paragraph = re.search(r'<p class="summary">(.*?)</p>', html, re.S).group(1)
    assert SENTENCE in paragraph
    section = re.search(r'<section id="alerts">(.*?)</section>', html, re.S).group(1)
    assert section.count('<div class="alert">') == 20
    assert "Fjällkraft: ovanligt många omnämnanden" in section
    assert '<p class="note">… och 1 larm till.</p>' in section
    en = render_report(data, "en")
    assert (
        "koll raised 21 alerts (volume spikes, negative tone, rising words, rising topics)." in en
    )
    assert "… and 1 more alert." in en


def test_the_digest_counts_every_alert_and_lists_the_important_ones(settings):
    now = datetime(2026, 11, 21, 7, 5, tzinfo=UTC)
    digest = DigestSettings(to=("a@example.se",), brands=("Fjällkraft",))
    with Store(settings.database_url) as store:
        built = build(store, settings, digest, window_period(DAY, DAY, now))
    for part in (built.text, built.html):
        assert SENTENCE in part and "… och 1 larm till." in part
        assert "Fjällkraft: ovanligt många omnämnanden" in part
    assert built.text.count("\n- Fjällkraft: ") == 20
