"""The demo workspace has a digest and a dashboard address: `koll digest --output` and
`koll report` work on it as the README says."""

from __future__ import annotations

import re
from datetime import date, timedelta

from sqlalchemy import func, select

from koll.cli import main
from koll.config import load_settings
from koll.store import Store
from koll.store.schema import items
from koll.store.views import alerts_list


def test_the_demo_has_a_digest_and_writes_it(demo_workspace, tmp_path, capsys):
    settings = load_settings(demo_workspace, env={})
    (digest,) = settings.notify.digests
    assert digest.brands == ("Fjällkraft", "Nordvind") and digest.every == "day"
    assert settings.notify.dashboard_url == "http://127.0.0.1:8050"
    out = tmp_path / "d.html"
    assert main(["digest", "--config", str(demo_workspace), "--output", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    assert "Fjällkraft" in html and "Nordvind" in html
    assert 'href="http://127.0.0.1:8050/?brand=Fj%C3%A4llkraft' in html
    # Sending needs a mail server the demo does not have: a config error, not a traceback.
    assert main(["digest", "--config", str(demo_workspace)]) == 2
    assert "needs [notify] smtp_url and from" in capsys.readouterr().err


def test_the_demo_report(demo_workspace, tmp_path):
    out = tmp_path / "r.html"
    argv = ["report", "--config", str(demo_workspace), "--brand", "Fjällkraft"]
    assert main([*argv, "--output", str(out)]) == 0
    assert "Plotly.newPlot" in out.read_text(encoding="utf-8")
    # The week of the demo's price hike (its first volume alert; the demo's dates may move).
    with Store(load_settings(demo_workspace, env={}).database_url) as store:
        alerts = alerts_list(store, "Fjällkraft")
    since = date.fromisoformat(min(alerts.loc[alerts["kind"] == "volume", "day"]))
    window = ["--since", since.isoformat(), "--until", (since + timedelta(days=6)).isoformat()]
    assert main([*argv, *window, "--output", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    assert "Fjällkraft: ovanligt många omnämnanden" in html


def test_the_demo_report_lists_the_threads_left_unanswered(demo_workspace, tmp_path):
    """The two newspaper threads Fjällkraft left alone (tests/test_demo.py) are in the report of
    the whole demo, elsewhere, with their latest comment; its own blog's threads were answered."""
    settings = load_settings(demo_workspace, env={})
    with Store(settings.database_url) as store, store.connect() as conn:
        first, last = conn.execute(
            select(func.min(items.c.published), func.max(items.c.published))
        ).one()
    out = tmp_path / "r.html"
    argv = ["report", "--config", str(demo_workspace), "--brand", "Fjällkraft", "--output", str(out),
            "--since", first.date().isoformat(), "--until", last.date().isoformat()]  # fmt: skip
    assert main(argv) == 0
    html = out.read_text(encoding="utf-8")
    section = re.search(r'<section id="unanswered">(.*?)</section>', html, re.S).group(1)
    assert "2 väntar på svar, ingen i egna kanaler." in section
    rows = re.findall(r"<tr><td>(.*?)</td></tr>", section, re.S)
    assert len(rows) == 2 and "dagbladetnorr.se" in rows[0] and "norrlandsposten.se" in rows[1]
    assert "Greta L, " in rows[0] and "Ersättningen" in rows[0] and "hos andra" in rows[0]
