"""Skriv ut: the view's brand and period as the printable report, the same HTML `koll report`
writes (koll/store/report_html.py), served at /report.html?<the page's query string>."""

from __future__ import annotations

from flask import Response, request

from dashboard import data
from dashboard.params import Params
from koll.config import Settings
from koll.store.report import report_data
from koll.store.report_html import render_report


def install(server, settings: Settings) -> None:
    """Add /report.html to the Flask server; `print=1` opens the browser's print dialog."""

    @server.route("/report.html")
    def _report():
        query = {k: v if len(v) > 1 else v[0] for k, v in request.args.lists()}
        p = data.resolve(Params.from_query(query, settings.dashboard.language))
        if not p.brand or not p.since or not p.until:
            return Response("Ingen data att göra en rapport av ännu.\n", 404, mimetype="text/plain")
        report = report_data(data.store(), data.settings(), p.brand, p.since, p.until)
        html = render_report(
            report,
            p.ui,
            settings.notify.dashboard_url,
            print_on_load=request.args.get("print") == "1",
        )
        return Response(html, mimetype="text/html")
