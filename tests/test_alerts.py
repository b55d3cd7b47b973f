"""Spike and trend detection (pure), and webhook delivery once per alert over a real local server."""

from __future__ import annotations

import http.server
import json
import re
import threading
from datetime import UTC, date, datetime, timedelta

import pandas as pd
import pytest
from sqlalchemy import select

from analysis.alerts import rising_alerts, spikes
from analysis.trends import rising, rising_terms
from analysis.wording import num, pct
from koll.cli import main
from koll.jobs.notify import deliver_alerts
from koll.store import Store, schema
from koll.store import alerts as store_alerts


def daily(counts, negatives=None, start="2026-10-01"):
    d0 = date.fromisoformat(start)
    negatives = negatives or [0] * len(counts)
    return pd.DataFrame(
        {
            "day": [(d0 + timedelta(days=i)).isoformat() for i in range(len(counts))],
            "mentions": counts,
            "earned": counts,
            "negative": negatives,
        }
    )


def test_volume_spike_against_rolling_baseline():
    df = daily([3, 2, 4, 3, 2, 3, 3] * 3 + [20])
    found = spikes("B", df, [df["day"].iloc[-1]])
    assert [a["kind"] for a in found] == ["volume"]
    assert found[0]["value"] == 20 and found[0]["p_value"] < 1e-6
    # Plain Swedish: the size against the usual, no test statistic. Its weekday's mean (3,0) is
    # above the daily mean (2,9), so the day was compared with it.
    assert found[0]["baseline"] == 3.0
    assert (
        "20 omnämnanden mot normalt 3,0 på samma veckodag (2,9 per dag i snitt)"
        in found[0]["reason"]
    )
    assert "gånger så många" in found[0]["reason"] and "p =" not in found[0]["reason"]
    assert found[0]["details"]["size"]["mentions"] == 20
    # A normal day is no alert.
    assert spikes("B", df, [df["day"].iloc[-2]]) == []


def test_weekly_rhythm_is_not_a_spike():
    # Every seventh day is busy (a weekly newsletter): the same weekday says it is normal.
    counts = [2, 2, 2, 2, 2, 2, 12] * 4
    df = daily(counts)
    assert spikes("B", df, [df["day"].iloc[-1]]) == []
    # ...whereas 12 on an ordinary weekday is.
    counts[-2] = 12
    assert [a["kind"] for a in spikes("B", daily(counts), [daily(counts)["day"].iloc[-2]])] == [
        "volume"
    ]


def test_too_little_history_or_volume_gives_no_alert():
    assert spikes("B", daily([0, 0, 0, 9]), ["2026-10-04"]) == []  # 3 days of history
    assert spikes("B", daily([0] * 14 + [4]), ["2026-10-15"]) == []  # below MIN_VOLUME


def test_negative_tone_spike():
    counts = [10] * 15
    negs = [1] * 14 + [7]
    found = spikes("B", daily(counts, negs), ["2026-10-15"])
    assert [a["kind"] for a in found] == ["negative"]
    assert "7 av 10 omnämnanden från andra var negativa (70\u00a0%)" in found[0]["reason"]
    # The same share as usual is not.
    assert spikes("B", daily(counts, [5] * 15), ["2026-10-15"]) == []


def _compared_with(alert: dict) -> str:
    """The words of an alert's reason that say what its day was compared with, built from its
    `baseline` column, per kind; docs/api.md (ws.alerts()) defines value and baseline so."""
    b = alert["baseline"]
    if alert["kind"] == "volume":
        basis = {"mean": "per dag", "weekday": "på samma veckodag"}
        n = num(b, 1)
        if b == max(alert["details"]["size"]["usual"], alert["details"]["size"]["weekday"]):
            kind = "mean" if b == alert["details"]["size"]["usual"] else "weekday"
            return f"mot normalt {n} {basis[kind]}"
        if not alert["details"]["size"]["usual"]:  # no mentions before: no usual to name
            return f"; inga de {alert['details']['size']['days']} dagarna innan."
        return f"räknat som {n} per dag"  # the floor of half a mention a day
    if alert["kind"] == "negative":
        return f"mot normalt {pct(b, 0)}"
    return "inga var väntade" if b < 0.05 else f"(väntat {num(b, 1)})"


def test_each_alert_kind_s_baseline_is_the_number_its_text_compares_with():
    """The demo's volume alert of 2026-11-23 had baseline 8.0 (its weekday's mean) and said
    "normalt 7,6 per dag", that of 11-22 baseline 11.0 and "normalt 4,7 per dag (11,0 samma
    veckodag)": the text calls normal the number the test used, and its ratio is value over it."""
    cases = [
        daily([11, 3, 3, 3, 3, 3, 3] * 2 + [53]),  # the weekday's mean, far above the daily one
        daily([8, 7, 7, 8, 7, 8, 7] * 2 + [28]),  # the weekday's, a little above
        daily([2, 3, 3, 3, 3, 3, 3] * 2 + [20]),  # the daily mean, above the weekday's
        daily([0] * 14 + [7]),  # neither, none at all: the floor of half a mention a day
        daily([0, 0, 0, 0, 0, 0, 1] * 2 + [7]),  # the floor over a mean and weekday of 0,1
        daily([10] * 15, [1] * 14 + [7]),  # negative tone
    ]
    found = [a for df in cases for a in spikes("B", df, [df["day"].iloc[-1]])]
    assert [a["kind"] for a in found] == ["volume"] * 5 + ["negative"]
    assert [a["baseline"] for a in found[:5]] == [11.0, 8.0, pytest.approx(40 / 14), 0.5, 0.5]
    cur, base = {"avbrott": 12, "pris": 6}, {"avbrott": 0, "pris": 1}
    table = rising(cur, base, 20, 280).assign(term=lambda t: t["key"])
    found += rising_alerts("B", "2026-10-15", "term", table)
    found += rising_alerts("B", "2026-10-15", "topic", table.assign(baseline=5, expected=2.5))
    assert {a["kind"] for a in found} == {"volume", "negative", "term", "topic"}
    for a in found:
        reason = a["reason"]
        assert _compared_with(a) in reason, (a["baseline"], reason)
        times = re.search(r"(ungefär|mer än) (\d+) gånger", reason)
        if times and times[1] == "ungefär":
            assert int(times[2]) == round(a["value"] / a["baseline"]), reason
        elif times:  # a lower bound: the expectation was under the 0.5 floor
            assert a["baseline"] < 0.5 and int(times[2]) < a["value"] / a["baseline"], reason
    # The number compared with is not said as "normalt" of another.
    assert "normalt 4,1 per dag" not in found[0]["reason"]


def test_rising_is_a_significance_test_not_a_ratio():
    # Doubling from 2 to 4 in a similar-sized window is not significant; 0 -> 12 is.
    cur, base = {"pris": 4, "avbrott": 12}, {"pris": 2, "avbrott": 0}
    out = rising(cur, base, 100, 100)
    assert out["key"].tolist() == ["avbrott"]
    # The same counts against a much larger baseline window: "pris" 4 vs 2 in 14x the documents
    # is now significant as well.
    out = rising(cur, base, 100, 1400)
    assert set(out["key"]) == {"avbrott", "pris"}


def test_rising_p_values_are_each_terms_own_binomial_tail():
    """rising() tests all terms in one vectorised call (issue 18's speed): each p-value is
    exactly the one-term call's, so which terms rise and their order cannot change."""
    from scipy.stats import binom

    cur = {f"t{i}": 5 + (i * 37) % 400 for i in range(300)}
    base = {f"t{i}": (i * 53) % 900 for i in range(300)}
    out = rising(cur, base, 5000, 40000, alpha=600.0)  # level 2: every tested term is listed
    assert len(out) == 300
    p0 = 5000 / 45000
    for r in out.itertuples():
        assert r.p_value == float(binom.sf(cur[r.key] - 1, cur[r.key] + base.get(r.key, 0), p0))
        assert isinstance(r.current, int) and r.current == cur[r.key]


def test_rising_terms_on_texts():
    base = [f"Vanlig dag med paneler och support nummer {i}" for i in range(60)]
    cur = ["Strömavbrott igen, helt oacceptabelt"] * 6 + ["Paneler och support som vanligt"] * 4
    out = rising_terms(cur, base)
    assert out.iloc[0]["term"] in {"strömavbrott", "oacceptabelt", "igen"}
    assert "strömavbrott" in set(out["term"])
    assert "paneler" not in set(out["term"])


class _Hook:
    """A webhook receiver on 127.0.0.1 that records JSON POSTs and answers with `status`."""

    def __init__(self):
        self.posts: list[dict] = []
        self.content_types: list[str] = []
        self.gets: list[str] = []
        self.status = 200
        self.location: str | None = None  # sent with the answer (a redirect's target)
        hook = self

        class H(http.server.BaseHTTPRequestHandler):
            def log_message(self, *a):
                pass

            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                hook.posts.append(json.loads(body))
                hook.content_types.append(self.headers["Content-Type"])
                self.send_response(hook.status)
                if hook.location:
                    self.send_header("Location", hook.location)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def do_GET(self):
                hook.gets.append(self.path)
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), H)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/hook"


@pytest.fixture
def hook():
    h = _Hook()
    yield h
    h.httpd.shutdown()
    h.httpd.server_close()


def test_webhook_delivers_each_alert_once_and_retries_failures(database_url, hook):
    store = Store(database_url)
    now = datetime(2026, 10, 28, 20, tzinfo=UTC)
    alerts = [
        {
            "key": f"B|volume|2026-10-2{i}",
            "brand": "B",
            "kind": "volume",
            "day": f"2026-10-2{i}",
            "subject": None,
            "reason": f"larm {i}",
            "value": 9.0,
            "baseline": 1.0,
            "p_value": 1e-5,
        }
        for i in (7, 8)
    ]
    with store.begin() as conn:
        assert store_alerts.insert_alerts(conn, alerts + [alerts[0]], now) == 2
        old = {**alerts[0], "key": "B|volume|2026-09-01", "day": "2026-09-01"}
        store_alerts.insert_alerts(conn, [old], now)
    hook.status = 500
    once = dict(now=now, min_day="2026-10-26", delays=())  # no retries within a run here
    assert deliver_alerts(store, hook.url, **once) == {"sent": 0, "failed": 2, "held": 0}
    hook.status = 200
    assert deliver_alerts(store, hook.url, **once) == {"sent": 2, "failed": 0, "held": 0}
    assert deliver_alerts(store, hook.url, **once) == {"sent": 0, "failed": 0, "held": 0}
    # One message for the brand's volume alerts (failed, then sent): the newest leads, the
    # other rides along in `also`.
    assert [p["reason"] for p in hook.posts] == ["larm 8", "larm 8"]
    assert [a["reason"] for a in hook.posts[-1]["also"]] == ["larm 7"]
    assert set(hook.content_types) == {"application/json"}
    assert hook.posts[-1]["brand"] == "B" and hook.posts[-1]["kind"] == "volume"
    with store.connect() as conn:
        listed = store_alerts.list_alerts(conn, "B")
    assert listed["delivered_at"].notna().sum() == 2  # the September one is too old to push
    store.close()


def test_webhook_unreachable_is_recorded_not_raised(database_url):
    store = Store(database_url)
    now = datetime(2026, 10, 28, 20, tzinfo=UTC)
    with store.begin() as conn:
        store_alerts.insert_alerts(
            conn,
            [
                {
                    "key": "k",
                    "brand": "B",
                    "kind": "volume",
                    "day": "2026-10-28",
                    "subject": None,
                    "reason": "r",
                    "value": 1.0,
                    "baseline": 1.0,
                    "p_value": 0.0,
                }
            ],
            now,
        )
    # Port 9 on 127.0.0.1 (discard) is closed: a connection error, retried on the next run.
    res = deliver_alerts(
        store, "http://127.0.0.1:9/hook", now=now, min_day="2026-10-01", timeout_s=2, delays=()
    )
    assert res == {"sent": 0, "failed": 1, "held": 0}
    with store.connect() as conn:
        assert store_alerts.list_alerts(conn)["delivered_at"].isna().all()
    store.close()


def _one_alert(store: Store, now: datetime, reason: str = "r") -> None:
    alert = {
        "key": "k",
        "brand": "Fjällkraft",
        "kind": "volume",
        "day": "2026-10-28",
        "subject": None,
        "reason": reason,
        "value": 1.0,
        "baseline": 1.0,
        "p_value": 0.0,
    }
    with store.begin() as conn:
        store_alerts.insert_alerts(conn, [alert], now)


def test_webhook_redirect_is_a_failure_not_a_get(database_url, hook):
    """A 302 must not count as delivered, nor be followed as a GET that drops the alert's body."""
    store = Store(database_url)
    now = datetime(2026, 10, 28, 20, tzinfo=UTC)
    _one_alert(store, now, reason="Många fler omnämnanden än vanligt – 12 mot 3")
    hook.status, hook.location = 302, hook.url + "/elsewhere"
    assert deliver_alerts(store, hook.url, now=now, min_day="2026-10-01") == {
        "sent": 0,
        "failed": 1,
        "held": 0,
    }
    assert hook.gets == [] and len(hook.posts) == 1  # a 3xx is final: no retry
    assert hook.posts[0]["reason"] == "Många fler omnämnanden än vanligt – 12 mot 3"
    with store.connect() as conn:
        row = conn.execute(select(schema.alerts.c.last_error, schema.alerts.c.attempts)).one()
    assert tuple(row) == ("HTTP 302", 1)
    store.close()


def test_koll_alerts_says_why_an_alert_was_not_sent(database_url, hook, write_config, capsys):
    """A webhook answering 500 had left the status blank and the JSON without the failure,
    though the database held attempts=1 and last_error='HTTP 500' (the QA pass, ws_e500)."""
    store = Store(database_url)
    now = datetime(2026, 10, 28, 20, tzinfo=UTC)
    _one_alert(store, now)
    hook.status = 500
    deliver_alerts(store, hook.url, now=now, min_day="2026-10-01", delays=())
    cfg = str(
        write_config(f'[storage]\nurl = "{database_url}"\n\n[[brands]]\nname = "Fjällkraft"\n')
    )
    assert main(["alerts", "--config", cfg]) == 0
    assert capsys.readouterr().out.rstrip().endswith(" r ej skickat: HTTP 500")
    assert main(["alerts", "--config", cfg, "--format", "json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert (row["delivered_at"], row["attempts"], row["last_error"]) == (None, 1, "HTTP 500")
    hook.status = 200
    deliver_alerts(store, hook.url, now=now, min_day="2026-10-01", delays=())
    store.close()
    assert main(["alerts", "--config", cfg]) == 0
    assert capsys.readouterr().out.rstrip().endswith(" r skickat")
    assert main(["alerts", "--config", cfg, "--format", "json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert row["delivered_at"] and (row["attempts"], row["last_error"]) == (2, None)
