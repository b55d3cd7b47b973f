"""The dashboard's "Skriv ut": /report.html serves the same report `koll report` writes, for the
view's brand and period, behind the same sign-in as every other route."""

from __future__ import annotations

from dataclasses import replace

from dashboard import data
from dashboard.app import create_app
from koll.store.report import report_data
from koll.store.report_html import render_report
from tests.browser.workspace import make_workspace


def test_report_route_is_the_report(tmp_path):
    settings = make_workspace(tmp_path)
    client = create_app(settings).server.test_client()
    res = client.get("/report.html?brand=Nordvind&since=2026-11-14&until=2026-11-20&ui=en")
    assert res.status_code == 200 and res.mimetype == "text/html"
    html = res.get_data(as_text=True)
    # Byte for byte what `koll report` renders, apart from the time it was made.
    expected = render_report(
        report_data(data.store(), settings, "Nordvind", "2026-11-14", "2026-11-20"), "en"
    )

    def strip(h: str) -> str:
        return "\n".join(x for x in h.splitlines() if "Generated" not in x)

    assert strip(html) == strip(expected)
    assert "window.print(); }, 300)" not in html
    printing = client.get("/report.html?brand=Nordvind&print=1").get_data(as_text=True)
    assert "window.print(); }, 300)" in printing  # the default period, print dialog on load
    assert "Nordvind, 22 oktober–20 november 2026" in printing
    data.store().close()


def test_report_route_needs_the_sign_in(tmp_path):
    settings = make_workspace(tmp_path)
    settings = replace(
        settings,
        dashboard=replace(
            settings.dashboard, basic_auth_user="komm", basic_auth_password="hemligt"
        ),
    )
    client = create_app(settings).server.test_client()
    assert client.get("/report.html?brand=Fjällkraft").status_code == 401
    ok = client.get("/report.html", headers={"Authorization": "Basic a29tbTpoZW1saWd0"})
    assert ok.status_code == 200 and "Fjällkraft" in ok.get_data(as_text=True)
    data.store().close()
