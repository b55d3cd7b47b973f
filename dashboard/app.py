"""The Dash app: page shell, navigation, the shared filter bar kept in the URL, auth and export."""

from __future__ import annotations

import base64
import gc
import hmac
import importlib
import logging
from importlib.resources import files
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import dash
from dash import Dash, Input, Output, State, ctx, dcc, html, no_update, set_props
from dash.exceptions import MissingCallbackContextException, PreventUpdate
from flask import Response, has_request_context, request

from analysis.windows import FIRST_DAY, LAST_DAY
from dashboard import data
from dashboard.components import note
from dashboard.i18n import dropdown_labels, t
from dashboard.params import (
    FIXED,
    OWNED,
    SORTS,
    Params,
    refused_days,
    repeated,
    unknown_values,
    value_name,
)
from koll.config import Settings

if TYPE_CHECKING:
    from koll.store import Store

log = logging.getLogger("koll.dashboard")

# The stylesheet ships as package data; Dash serves it from this folder (a wheel installs
# packages as plain folders, so the resource is a real path).
ASSETS = files("dashboard") / "assets"
# Navigation order and the i18n key of each page's name.
PAGES = [
    ("/", "page.overview", "overview"),
    ("/mentions", "page.mentions", "mentions"),
    ("/dialogue", "page.dialogue", "dialogue"),
    ("/topics", "page.topics", "topics"),
    ("/sources", "page.sources", "sources"),
    ("/compare", "page.compare", "compare"),
]


def _filter_bar(default_ui: str) -> html.Div:
    """Brand, period and owned/earned: the filters every page shares (values come from the URL).

    On a phone the bar is one line (its summary, koll.css) that opens into the filters.
    """
    # aria-* is a wildcard property: Dash passes it on but its stubs do not list it
    toggle = html.Button(
        id="f-toggle",
        n_clicks=0,
        className="filter-toggle",
        **{"aria-expanded": "false"},  # type: ignore[arg-type]
    )
    return html.Div(
        [toggle, _brand_filter(default_ui), _period_filter(default_ui), _owned_filter(default_ui)],
        className="filter-bar",
        id="filter-bar",
        role="search",
    )


def _brand_filter(default_ui: str) -> html.Div:
    return html.Div(
        [
            html.Label(t("filter.brand", default_ui), htmlFor="f-brand", id="f-brand-label"),
            dcc.Dropdown(
                id="f-brand",
                clearable=False,
                searchable=False,
                className="f-brand",
                labels=dropdown_labels(default_ui),
            ),
        ],
        className="filter",
    )


def _period_filter(default_ui: str) -> html.Div:
    return html.Div(
        [
            html.Label(t("filter.period", default_ui), id="f-period-label"),
            # Month and weekday names come from assets/date-fns-sv.js (Swedish unless the page
            # is in English); weeks start on Monday.
            dcc.DatePickerRange(
                id="f-period",
                display_format="YYYY-MM-DD",
                month_format="MMMM YYYY",
                first_day_of_week=1,
                minimum_nights=0,
                # A period ends today at the latest (data._period cuts a later end); the shell
                # is built per page load, so this is that day's today.
                max_date_allowed=data.today(),
                start_date_placeholder_text=t("period.from", default_ui),
                end_date_placeholder_text=t("period.to", default_ui),
            ),
        ],
        className="filter",
    )


def _owned_filter(default_ui: str) -> html.Div:
    return html.Div(
        [
            html.Label(t("filter.owned", default_ui), id="f-owned-label"),
            dcc.RadioItems(
                id="f-owned",
                className="segmented",
                inline=True,
                value="all",
                options=[{"label": t(f"owned.{o}", default_ui), "value": o} for o in OWNED],
            ),
        ],
        className="filter",
    )


def _shell(settings: Settings) -> html.Div:
    ui = settings.dashboard.language
    refresh_ms = max(10, int(settings.dashboard.refresh_s)) * 1000
    return html.Div(
        [
            dcc.Location(id="url", refresh="callback-nav"),  # others (the page router) see changes
            dcc.Interval(id="refresh", interval=refresh_ms, n_intervals=0),
            # The version the page was rendered from, so the first refresh tick changes nothing.
            dcc.Store(id="data-version", data=data.data_version()),
            html.Header(
                [
                    html.Div(
                        [
                            html.Span("koll", className="logo"),
                            html.Span(t("tagline", ui), className="tagline", id="tagline"),
                        ],
                        className="brandmark",
                    ),
                    # aria-* is a wildcard property: Dash passes it on but its stubs do not list it
                    html.Nav(id="nav", className="nav", **{"aria-label": t("nav.label", ui)}),  # type: ignore[arg-type]
                    dcc.RadioItems(
                        id="f-ui",
                        options=[{"label": "SV", "value": "sv"}, {"label": "EN", "value": "en"}],
                        value=ui,
                        inline=True,
                        className="segmented lang-toggle",
                    ),
                ],
                className="header",
            ),
            _filter_bar(ui),
            html.Main(
                [
                    # Filled by _on_error when a callback fails (hidden until then).
                    html.Div(id="app-error", role="alert", hidden=True, className="note note-warn"),
                    dash.page_container,
                ],
                className="main",
            ),
        ],
        lang=ui,
    )


def _sync_filters(settings: Settings):
    default_ui = settings.dashboard.language

    def sync(search, brand, since, until, owned, ui):
        """URL -> filter bar on load and navigation; filter bar -> URL when the user changes it."""
        current = Params.from_search(search, default_ui)
        trigger = ctx.triggered_id
        if trigger == "f-period" and not (since and until):
            # The first day of a new period is picked, the last not yet: written to the URL it
            # showed (and put in the browser's history) a period nobody chose, from that day to
            # today, which Back returned to. The picker's updatemode="bothdates" would wait for
            # both, but Dash 4's DatePickerRange does not implement it.
            raise PreventUpdate
        if trigger in ("f-brand", "f-period", "f-owned", "f-ui"):
            changed = current.replace(
                brand=brand or current.brand,
                since=since[:10] if since else None,
                until=until[:10] if until else None,
                owned=owned if owned in OWNED else "all",
                ui=ui if ui in ("sv", "en") else default_ui,
            )
            if trigger == "f-brand":
                # A new brand keeps the period but drops source filters that belong to the old one.
                changed = changed.replace(sources=())
            if trigger != "f-ui":
                # Other mentions: from their first page, as the page's own filters start (page 11
                # of one brand was kept for the next, shown as its last page, 5, which
                # "‹ Föregående" then left for 10, still past the end: 6 clicks to reach page 4).
                changed = changed.replace(page=0)
            new_search = changed.query(default_ui=default_ui)
            labels = _labels(changed.ui)
            if new_search == (search or ""):
                raise PreventUpdate
            return (
                new_search,
                no_update,
                no_update,
                no_update,
                no_update,
                no_update,
                no_update,
                *labels,
            )
        p = data.resolve(current)
        names = data.brand_names()
        options = [{"label": n, "value": n} for n in names]
        return (no_update, options, p.brand, p.since, p.until, p.owned, p.ui, *_labels(p.ui))

    return sync


def _labels(ui: str) -> tuple:
    return (
        [{"label": t(f"owned.{o}", ui), "value": o} for o in OWNED],
        t("filter.brand", ui),
        t("filter.period", ui),
        t("filter.owned", ui),
        t("tagline", ui),
        # The date fields' placeholders and the navigation's name for screen readers followed
        # the configured language, not the page's (QA, 2026-12-07: "från", "sidor" in English).
        t("period.from", ui),
        t("period.to", ui),
        t("nav.label", ui),
    )


def _nav(settings: Settings):
    default_ui = settings.dashboard.language

    def nav(search, pathname):
        p = Params.from_search(search, default_ui)
        # Links carry only the shared filters: a page's own filters stay on that page.
        query = p.query(shared_only=True, default_ui=default_ui)
        here = pathname or "/"
        return [
            dcc.Link(
                t(key, p.ui),
                href=path + query,
                className="nav-link active" if here == path else "nav-link",
            )
            for path, key, _ in PAGES
        ]

    return nav


def _filter_summary(settings: Settings):
    default_ui = settings.dashboard.language

    def summary(search):
        """The filter bar as one line (a phone shows only this until it is opened)."""
        p = data.resolve(Params.from_search(search, default_ui))
        period = f"{p.since} – {p.until}" if p.since else t("period.none", p.ui)
        return f"{p.brand or '–'} · {period} · {t(f'owned.{p.owned}', p.ui)}"

    return summary


# The filter bar opens and closes on a phone; the page's language follows the toggle (the date
# picker reads it, see assets/date-fns-sv.js).
_TOGGLE_FILTERS = """function(n) {
    var open = (n || 0) % 2 === 1;
    return [open ? 'filter-bar open' : 'filter-bar', open ? 'true' : 'false'];
}"""
_PAGE_LANGUAGE = """function(ui) {
    if (ui) { document.documentElement.lang = ui; }
    return window.dash_clientside.no_update;
}"""


def url_notes(query: dict, default_ui: str, filtered: bool = True) -> list[str]:
    """What the page shows instead of what the URL asked for, one sentence each: a brand not
    configured (resolve() shows the first brand, which must not pass for the one asked for, as
    after a stale bookmark), a period the command line would refuse (data.period_notes) and a
    day it would refuse (the default period instead); a parameter given more than once (the
    first value is used); and, on a page the mentions' filters apply to (`filtered`), their
    values it does not know."""
    twice = repeated(query)
    if not twice and not any(query.get(k) for k in _CHECKED):
        return []  # the default page (most loads): nothing asked, nothing refused, no queries
    p = data.resolve(Params.from_query(query, default_ui))
    notes = [
        t(
            "url.repeated",
            p.ui,
            name=t(f"param.{key}", p.ui),
            first=values[0],
            values=", ".join(values),
        )
        for key, values in twice
    ]
    if (asked := data.unknown_brand(query.get("brand"))) is not None:
        notes.append(t("brand.unknown", p.ui, asked=asked, brand=p.brand or "–"))
    shown = f"{p.since} – {p.until}" if p.since else t("period.none", p.ui)
    for key, values in data.period_notes(Params.from_query(query, default_ui)):
        notes.append(t(key, p.ui, shown=shown, **values))
    for end, value in refused_days(query):
        notes.append(
            t(
                "period.refused",
                p.ui,
                end=t(f"period.end.{end}", p.ui),
                asked=value,
                first=FIRST_DAY.isoformat(),
                last=LAST_DAY.isoformat(),
                shown=shown,
            )
        )
    # Whose voice applies to every page, the order to the mentions' list: an unknown value fell
    # back to "Alla" / "Nyast först" without a word, where a bad tone was named (QA, 2026-12-07).
    for key, allowed in [("owned", OWNED)] + ([("sort", SORTS)] if filtered else []):
        asked = str(query.get(key) or "")
        if asked and asked not in allowed:
            notes.append(_unknown_note(key, [asked[:40]], allowed, p.ui))
    return notes + (_filter_notes(query, p) if filtered else [])


# The URL keys url_notes looks at; a URL with none of them (most loads) is not checked.
_CHECKED = ("brand", "since", "until", "owned", "sort", "src", *(key for key, _allowed in FIXED))
# The pages the mentions' own filters (src and FIXED) apply to: elsewhere they are not used,
# whatever their values, and a note about them would read as if the page were filtered.
FILTERED = ("mentions",)


def _filter_notes(query: dict, p: Params) -> list[str]:
    """One sentence per filter whose URL values are not known (Params and data.resolve drop
    them): `kind=video` had shown "Typer: video" and no mentions, as if chosen. A fixed
    filter's valid values are named as the page names them in the filter ("kommentarer", not
    the URL's "comments"), which the URL takes too (Params)."""
    dropped = unknown_values(query)
    if query.get("src"):
        dropped.insert(0, ("src", data.unknown_sources(p.brand, query.get("src"))))
    valid = dict(FIXED)
    return [
        _unknown_note(key, values, valid.get(key, ()), p.ui) for key, values in dropped if values
    ]


def _unknown_note(key: str, values: list[str], allowed, lang: str) -> str:
    """'Okänt värde för typ i adressen: video (giltiga: …); det används inte i urvalet.'"""
    known = [value_name(key, v, lang) for v in allowed]
    return t(
        "filter.unknown.one" if len(values) == 1 else "filter.unknown",
        lang,
        name=t(f"param.{key}", lang),
        values=", ".join(values),
        # The fixed values are few: naming them shows what the URL should have said.
        valid=t("filter.valid", lang, values=", ".join(known)) if known else "",
    )


def _url_checked(layout, default_ui: str, filtered: bool = True):
    """A page's layout with url_notes above it, when there are any (`filtered`: see url_notes)."""

    def checked(**query):
        page = layout(**query)
        notes = url_notes(query, default_ui, filtered)
        if not notes:
            return page
        return html.Div([*(note(n, "warn") for n in notes), page], className="page-with-notice")

    return checked


def _not_found(settings: Settings):
    default_ui = settings.dashboard.language

    def layout(**query):
        p = Params.from_query(query, default_ui)
        home = "/" + p.query(shared_only=True, default_ui=default_ui)
        return html.Div(
            [
                html.H1(t("404.title", p.ui), className="page-title"),
                html.P(t("404.text", p.ui)),
                dcc.Link(t("404.home", p.ui), href=home, className="button"),
            ],
            className="page page-404",
        )

    return layout


def _page_title(key: str, default_ui: str):
    """A page's tab title in the language the address asks for (?ui=en): Dash asks a page's
    title, unlike its layout, without the query, so it is read from the request itself."""

    def title(**_path) -> str:
        return f"koll – {t(key, _asked_ui(default_ui))}"

    return title


def _asked_ui(default_ui: str) -> str:
    """The `ui` of the address being shown: in Dash's page router (a callback, POSTed), the
    query it routes, from which the tab title is set; in the GET of the page itself, its own."""
    search = ""
    if has_request_context() and request.method == "GET":
        search = request.query_string.decode("utf-8", "replace")
    elif has_request_context():
        try:  # a thread that never ran a callback has no context at all (LookupError)
            search = ctx.inputs.get("_pages_location.search") or ""
        except (MissingCallbackContextException, LookupError):
            search = ""
    return Params.from_search(search, default_ui).ui


# What the page says when one of its callbacks failed: a part of it would stay empty or old,
# with nothing said but an HTTP 500 in the browser's console.
FAILED = (
    "Något gick fel när sidan hämtade data. Ladda om sidan; kvarstår felet, se serverloggen.",
    "Something went wrong while the page fetched its data. Reload the page; if it persists, "
    "see the server log.",
)


def _on_error(settings: Settings):
    """Dash's error handler for every callback (on_error): the traceback goes to the server's
    log, the page shows FAILED above its content, and the browser gets neither the traceback
    nor an error status; the callback's outputs are left as they were."""
    default_ui = settings.dashboard.language

    def failed(err: Exception) -> None:
        try:
            outputs = ", ".join(f"{o['id']}.{o['property']}" for o in _flat(ctx.outputs_list))
        except Exception:  # the handler must not fail on how Dash describes the callback
            outputs = "?"
        log.error(
            "dashboard callback for %s failed",
            outputs,
            exc_info=(type(err), err, err.__traceback__),
        )
        # The page's address is the request's referrer (the callback's own is Dash's).
        search = urlsplit(request.referrer or "").query if has_request_context() else ""
        ui = Params.from_search(search, default_ui).ui
        set_props("app-error", {"children": FAILED[1 if ui == "en" else 0], "hidden": False})

    return failed


def _flat(outputs) -> list[dict]:
    """ctx.outputs_list as one list (a pattern-matching output is a list of its own)."""
    if isinstance(outputs, dict):
        return [outputs]
    return [o for x in outputs or [] for o in _flat(x)]


def _check_version(_n, known):
    """A quiet refresh: pages re-read the store only when something was ingested or changed."""
    version = data.data_version()
    if version == known:
        raise PreventUpdate
    if known is not None:
        data.prewarm()  # new data: recompute the default control views in the background
    return version


def _install_basic_auth(server, user: str, password: str) -> None:
    """HTTP basic authentication on every route (pages, callbacks, assets, export)."""
    expected = base64.b64encode(f"{user}:{password}".encode()).decode()

    @server.before_request
    def _require_auth():
        header = request.headers.get("Authorization", "")
        scheme, _, value = header.partition(" ")
        if scheme.lower() == "basic" and hmac.compare_digest(value.strip(), expected):
            return None
        return Response(
            "Inloggning krävs.\n", 401, {"WWW-Authenticate": 'Basic realm="koll", charset="UTF-8"'}
        )


def _register_pages(app: Dash, settings: Settings) -> None:
    """The pages in navigation order, each with its callbacks, and the page for a wrong path."""
    default_ui = settings.dashboard.language
    dash.register_page(
        "not_found_404",
        path="/404",
        title=_page_title("404.title", default_ui),
        layout=_not_found(settings),
    )
    for path, key, name in PAGES:
        module = importlib.import_module(f"dashboard.pages.{name}")
        dash.register_page(
            module.__name__,
            path=path,
            name=t(key),
            title=_page_title(key, default_ui),
            layout=_url_checked(module.layout, default_ui, filtered=name in FILTERED),
        )
        module.register(app)


def _register_shell(app: Dash, settings: Settings) -> None:
    """The callbacks of the shell every page shares: the filter bar and the URL, the
    navigation, the data version, the phone's filter toggle and the page's language."""
    app.callback(
        Output("url", "search"),
        Output("f-brand", "options"),
        Output("f-brand", "value"),
        Output("f-period", "start_date"),
        Output("f-period", "end_date"),
        Output("f-owned", "value"),
        Output("f-ui", "value"),
        Output("f-owned", "options"),
        Output("f-brand-label", "children"),
        Output("f-period-label", "children"),
        Output("f-owned-label", "children"),
        Output("tagline", "children"),
        Output("f-period", "start_date_placeholder_text"),
        Output("f-period", "end_date_placeholder_text"),
        Output("nav", "aria-label"),
        Input("url", "search"),
        Input("f-brand", "value"),
        Input("f-period", "start_date"),
        Input("f-period", "end_date"),
        Input("f-owned", "value"),
        Input("f-ui", "value"),
    )(_sync_filters(settings))
    app.callback(Output("nav", "children"), Input("url", "search"), Input("url", "pathname"))(
        _nav(settings)
    )
    app.callback(
        Output("data-version", "data"),
        Input("refresh", "n_intervals"),
        State("data-version", "data"),
    )(_check_version)
    app.callback(Output("f-toggle", "children"), Input("url", "search"))(_filter_summary(settings))
    app.clientside_callback(
        _TOGGLE_FILTERS,
        Output("filter-bar", "className"),
        Output("f-toggle", "aria-expanded"),
        Input("f-toggle", "n_clicks"),
    )
    app.clientside_callback(_PAGE_LANGUAGE, Output("f-ui", "title"), Input("f-ui", "value"))


def create_app(settings: Settings, store: Store | None = None) -> Dash:
    """A Dash app over `store`, else the store named in `settings`; data is read when pages
    load, not here."""
    data.configure(settings, store)
    app = Dash(
        __name__,
        use_pages=True,
        pages_folder="",  # pages are registered below, explicitly and in navigation order
        assets_folder=str(ASSETS),
        title="koll – kontroll över samtalet",
        suppress_callback_exceptions=True,
        update_title="",  # no "Updating..." title while callbacks run
        serve_locally=True,  # no CDN: the dashboard works on a closed network
        on_error=_on_error(settings),
    )
    app.layout = lambda: _shell(settings)  # per page load: carries the current data version
    # The page's language from the first byte (screen readers, hyphenation, the date picker).
    app.index_string = app.index_string.replace(
        "<html>", f'<html lang="{settings.dashboard.language}">', 1
    )
    _register_shell(app, settings)
    _register_pages(app, settings)

    from dashboard import export, report

    export.install(app.server, settings)
    report.install(app.server, settings)
    user = settings.dashboard.basic_auth_user
    password = settings.dashboard.basic_auth_password
    if user and password:
        _install_basic_auth(app.server, user, password)
    return app


def freeze_heap() -> None:
    """Exempt every object made so far from the garbage collector's full passes.

    What a served dashboard has loaded by now (Dash, pandas, its pages) lives as long as the
    process. Walking it made each full collection take 100-215 ms (bench.dashboard, 1 M
    mentions), inside whichever callback set one off: a table that took 50 ms took 310 ms.
    Frozen, a full pass walks only what was made since.
    """
    gc.collect()
    gc.freeze()


def serve(
    settings: Settings,
    host: str = "127.0.0.1",
    port: int = 8050,
    debug: bool = False,
    store: Store | None = None,
) -> None:
    """Serve the dashboard over `store` (`koll serve` passes the existing store it opened, so
    that none is created here) until interrupted."""
    app = create_app(settings, store)
    freeze_heap()
    data.prewarm()  # the default views' control reports, computed while the first visitor arrives
    app.run(host=host, port=port, debug=debug)
