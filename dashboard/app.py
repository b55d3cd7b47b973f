"""The Dash app: page shell, navigation and shared filters; pages live in dashboard/pages/."""

from __future__ import annotations

from pathlib import Path

import dash
from dash import Dash, dcc, html

from dashboard import data
from ingest.config import Settings

PAGES_DIR = Path(__file__).resolve().parent / "pages"


def create_app(settings: Settings) -> Dash:
    """A Dash app over the store named in `settings`; data is read when pages load, not here."""
    data.configure(settings)
    app = Dash(
        __name__,
        use_pages=True,
        pages_folder=str(PAGES_DIR),
        title="koll – kontroll över samtalet",
        suppress_callback_exceptions=True,
        update_title=None,
    )
    nav = html.Nav(
        [dcc.Link(page["name"], href=page["relative_path"], className="nav-link")
         for page in dash.page_registry.values()],
        className="nav",
    )
    app.layout = html.Div(
        [
            html.Header([html.H1("koll"), html.Span("kontroll över samtalet", className="tagline"), nav],
                        className="header"),
            html.Main(dash.page_container),
        ],
        lang="sv",
    )
    return app


def serve(settings: Settings, host: str = "127.0.0.1", port: int = 8050, debug: bool = False) -> None:
    app = create_app(settings)
    app.run(host=host, port=port, debug=debug)
