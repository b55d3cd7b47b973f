"""Omnämnanden: a filterable, sortable, server-side paged table of mentions with tone correction."""

from __future__ import annotations

import logging
import math

from dash import ALL, Input, Output, State, ctx, dcc, html
from dash.exceptions import PreventUpdate

from dashboard import data
from dashboard.components import ext_link, note, present, text
from dashboard.i18n import local_time, number, t
from dashboard.params import SORTS, TONES, Params

log = logging.getLogger("koll.dashboard")

PAGE = "mentions"
PER_PAGE = 25


def params_from(query: dict) -> Params:
    return data.resolve(Params.from_query(query, data.settings().dashboard.language))


def _dropdown(id_: str, label: str, options: list, value: list) -> html.Div:
    return html.Div(
        [
            html.Label(label, htmlFor=id_),
            dcc.Dropdown(id=id_, options=options, value=value, multi=True, placeholder="–"),
        ],
        className="filter",
    )


def controls(p: Params) -> html.Div:
    """The page's own filters; their values come from the URL like the shared ones."""
    lang = p.ui
    opts = data.mention_options(p) if p.brand else {"sources": [], "kinds": [], "langs": []}
    sources = sorted(set(opts["sources"]) | set(p.sources))
    return html.Div(
        [
            html.Div(
                [
                    html.Label(t("m.search", lang), htmlFor="m-q"),
                    dcc.Input(
                        id="m-q",
                        type="search",
                        value=p.q,
                        debounce=True,
                        maxLength=200,
                        placeholder="…",
                        className="search",
                    ),
                ],
                className="filter grow",
            ),
            _dropdown("m-src", t("m.sources", lang), sources, list(p.sources)),
            _dropdown(
                "m-kind",
                t("m.kinds", lang),
                sorted(set(opts["kinds"]) | set(p.kinds)),
                list(p.kinds),
            ),
            _dropdown(
                "m-tone",
                t("m.tones", lang),
                [{"label": t(f"tone.{x}", lang), "value": x} for x in TONES],
                list(p.tones),
            ),
            _dropdown(
                "m-lang",
                t("m.langs", lang),
                sorted(set(opts["langs"]) | set(p.mlangs)),
                list(p.mlangs),
            ),
            html.Div(
                [
                    html.Label(t("m.sort", lang), htmlFor="m-sort"),
                    dcc.Dropdown(
                        id="m-sort",
                        clearable=False,
                        searchable=False,
                        value=p.sort,
                        options=[{"label": t(f"sort.{s}", lang), "value": s} for s in SORTS],
                    ),
                ],
                className="filter",
            ),
        ],
        className="filter-bar page-filters",
    )


def layout(**query) -> html.Div:
    p = params_from(query)
    lang = p.ui
    export_href = "/export/mentions.csv" + p.query(default_ui=data.settings().dashboard.language)
    return html.Div(
        [
            dcc.Store(id=f"{PAGE}-params", data=p.as_dict()),
            dcc.Store(id="m-page", data=0),
            html.H1(t("page.mentions", lang), className="page-title"),
            controls(p),
            html.Div(
                [
                    html.Span(id="m-count", className="count"),
                    html.A(
                        t("m.export", lang),
                        href=export_href,
                        id="m-export",
                        className="button",
                        download="koll-omnamnanden.csv",
                    ),
                ],
                className="toolbar",
            ),
            html.P(t("m.fix_hint", lang), className="hint"),
            html.Div(id="m-status", role="status", className="status-line"),
            dcc.Loading(html.Div(id=f"{PAGE}-body"), type="dot", delay_show=400),
            html.Div(
                [
                    html.Button(t("m.prev", lang), id="m-prev", n_clicks=0, className="button"),
                    html.Span(id="m-pageinfo", className="pageinfo"),
                    html.Button(t("m.next", lang), id="m-next", n_clicks=0, className="button"),
                ],
                className="pager",
            ),
        ],
        className=f"page page-{PAGE}",
    )


def _row(r, lang: str) -> html.Tr:
    title = text(r.title) or "(utan rubrik)"
    snippet = text(r.snippet).strip()
    voice = t("voice.owned", lang) if r.owned else t("voice.earned", lang)
    corrected = r.model == "manual"
    tone = dcc.RadioItems(
        id={"type": "m-tone", "item": int(r.item_id), "brand": r.brand},
        options=[
            {"label": t(f"tone.{x}", lang)[:3], "value": x, "title": t(f"tone.{x}", lang)}
            for x in ("pos", "neu", "neg")
        ],
        value=r.label if present(r.label) else None,
        inline=True,
        className="segmented tone-pick" + (" corrected" if corrected else ""),
    )
    return html.Tr(
        [
            html.Td(local_time(r.published, lang), className="nowrap"),
            html.Td([html.Div(r.source), html.Div(text(r.author), className="muted")]),
            html.Td(r.kind),
            html.Td(
                [
                    ext_link(title, r.url, className="title", title=t("m.open", lang)),
                    html.Div(snippet[:200], className="snippet"),
                ]
            ),
            html.Td(voice, className=f"voice voice-{'owned' if r.owned else 'earned'}"),
            html.Td([tone, html.Div(t("corrected", lang) if corrected else "", className="muted")]),
        ],
        className="mention-row",
    )


def table(p: Params, page: int) -> tuple[list, int, int]:
    """(table components, total rows, page actually shown) for resolved parameters."""
    lang = p.ui
    if not p.brand:
        return [note(t("no_brands", lang), "warn")], 0, 0
    rows, total = data.mention_page(p, page, PER_PAGE)
    pages = max(1, math.ceil(total / PER_PAGE))
    if page >= pages and total:
        page = pages - 1
        rows, total = data.mention_page(p, page, PER_PAGE)
    if rows.empty:
        return [note(t("m.empty", lang))], total, page
    head = [
        t(k, lang)
        for k in ("col.date", "col.source", "col.kind", "col.title", "col.voice", "col.tone")
    ]
    return (
        [
            html.Table(
                [
                    html.Thead(html.Tr([html.Th(h, scope="col") for h in head])),
                    html.Tbody([_row(r, lang) for r in rows.itertuples(index=False)]),
                ],
                className="table mentions-table",
            )
        ],
        total,
        page,
    )


def render(params: dict, _version, _prev, _next, page):
    """The table for the current filters; prev/next move a page, a new filter starts at page 1."""
    p = Params.from_dict(params)
    page = int(page or 0)
    trigger = ctx.triggered_id
    if trigger == "m-prev":
        page = max(0, page - 1)
    elif trigger == "m-next":
        page += 1
    elif trigger == f"{PAGE}-params":
        page = 0
    children, total, page = table(p, page)
    pages = max(1, math.ceil(total / PER_PAGE))
    lang = p.ui
    return (
        children,
        page,
        t("m.page", lang, page=number(page + 1, 0, lang), pages=number(pages, 0, lang)),
        t("m.count", lang, n=number(total, 0, lang)),
        page <= 0,
        page >= pages - 1,
    )


def filters_to_url(q, sources, kinds, tones, langs, sort, search):
    """The page's own filters -> the URL (the page then re-renders from it, bookmarkable)."""
    default_ui = data.settings().dashboard.language
    current = Params.from_search(search, default_ui)
    changed = current.replace(
        q=(q or "").strip()[:200],
        sources=tuple(sources or ()),
        kinds=tuple(kinds or ()),
        tones=tuple(x for x in (tones or ()) if x in TONES),
        mlangs=tuple(langs or ()),
        sort=sort if sort in SORTS else "new",
    )
    new = changed.query(default_ui=default_ui)
    if new == (search or ""):
        raise PreventUpdate
    return new


def correct(values, ids, params):
    """A tone picked in a row is stored as an analyst correction (used by `koll train`)."""
    trigger = ctx.triggered_id
    if not trigger or not isinstance(trigger, dict):
        raise PreventUpdate
    label = None
    for v, i in zip(values, ids, strict=False):
        if i == trigger:
            label = v
    if label not in ("pos", "neu", "neg"):
        raise PreventUpdate
    item_id, brand = int(trigger["item"]), str(trigger["brand"])
    lang = (params or {}).get("ui", "sv")
    if data.current_label(item_id, brand) == label:
        # Clicking the selected tone changes nothing, so this is a re-rendered row reporting
        # its stored value, not a correction.
        raise PreventUpdate
    user = data.settings().dashboard.basic_auth_user or "dashboard"
    try:
        data.correct_tone(item_id, brand, label, author=user)
    except (KeyError, ValueError) as e:
        log.warning("tone correction refused: %s", e)
        return html.Span(str(e), className="error")
    return t("m.saved", lang, title=data.item_title(item_id), label=t(f"tone.{label}", lang))


def register(app) -> None:
    app.callback(
        Output(f"{PAGE}-body", "children"),
        Output("m-page", "data"),
        Output("m-pageinfo", "children"),
        Output("m-count", "children"),
        Output("m-prev", "disabled"),
        Output("m-next", "disabled"),
        Input(f"{PAGE}-params", "data"),
        Input("data-version", "data"),
        Input("m-prev", "n_clicks"),
        Input("m-next", "n_clicks"),
        State("m-page", "data"),
    )(render)
    app.callback(
        Output("url", "search", allow_duplicate=True),
        Input("m-q", "value"),
        Input("m-src", "value"),
        Input("m-kind", "value"),
        Input("m-tone", "value"),
        Input("m-lang", "value"),
        Input("m-sort", "value"),
        State("url", "search"),
        prevent_initial_call=True,
    )(filters_to_url)
    app.callback(
        Output("m-status", "children"),
        Input({"type": "m-tone", "item": ALL, "brand": ALL}, "value"),
        State({"type": "m-tone", "item": ALL, "brand": ALL}, "id"),
        State(f"{PAGE}-params", "data"),
        prevent_initial_call=True,
    )(correct)
