"""Omnämnanden: a filterable, sortable, server-side paged table of mentions with tone correction
and triage; every filter and the page number live in the URL."""

from __future__ import annotations

import logging
import math

from dash import MATCH, Input, Output, State, ctx, dcc, html, no_update, set_props
from dash.exceptions import PreventUpdate

from dashboard import data
from dashboard.components import note
from dashboard.i18n import dropdown_labels, number, t, tn
from dashboard.mention_rows import mention_table
from dashboard.params import SORTS, TONES, TRIAGE, Params, value_name
from koll.store import StoreError

log = logging.getLogger("koll.dashboard")

PAGE = "mentions"
PER_PAGE = 25


def params_from(query: dict) -> Params:
    return data.resolve(Params.from_query(query, data.settings().dashboard.language))


def _default_ui() -> str:
    return data.settings().dashboard.language


def _dropdown(id_: str, label: str, options: list, value: list, lang: str) -> html.Div:
    return html.Div(
        [
            html.Label(label, htmlFor=id_),
            dcc.Dropdown(
                id=id_,
                options=options,
                value=value,
                multi=True,
                placeholder="–",
                labels=dropdown_labels(lang),
            ),  # fmt: skip
        ],
        className="filter",
    )


def _named(key: str, values, lang: str) -> list[dict]:
    """A fixed filter's options (`key` a URL key of params.FIXED), named as the URL note names
    them (params.value_name)."""
    return [{"label": value_name(key, x, lang), "value": x} for x in values]


def _search_box(p: Params) -> html.Div:
    return html.Div(
        [
            html.Label(t("m.search", p.ui), htmlFor="m-q"),
            dcc.Input(
                id="m-q",
                type="search",
                value=p.q,
                debounce=True,
                maxLength=200,
                placeholder="…",
                className="search",
            ),  # fmt: skip
        ],
        className="filter grow",
    )


def _sort_choice(p: Params) -> html.Div:
    return html.Div(
        [
            html.Label(t("m.sort", p.ui), htmlFor="m-sort"),
            dcc.Dropdown(
                id="m-sort",
                clearable=False,
                searchable=False,
                value=p.sort,
                options=[{"label": t(f"sort.{s}", p.ui), "value": s} for s in SORTS],
                labels=dropdown_labels(p.ui),
            ),
        ],
        className="filter",
    )


def controls(p: Params) -> html.Div:
    """The page's own filters; their values come from the URL like the shared ones."""
    lang = p.ui
    opts = data.mention_options(p) if p.brand else {"sources": [], "kinds": [], "langs": []}
    sources = sorted(set(opts["sources"]) | set(p.sources))
    kinds = sorted(set(opts["kinds"]) | set(p.kinds))
    langs = sorted(set(opts["langs"]) | set(p.mlangs))
    return html.Div(
        [
            _search_box(p),
            _dropdown("m-src", t("m.sources", lang), sources, list(p.sources), lang),
            _dropdown(
                "m-kind", t("m.kinds", lang), _named("kind", kinds, lang), list(p.kinds), lang
            ),
            _dropdown(
                "m-tone", t("m.tones", lang), _named("tone", TONES, lang), list(p.tones), lang
            ),
            _dropdown(
                "m-triage-filter",
                t("m.triage", lang),
                _named("triage", TRIAGE, lang),
                list(p.triage),
                lang,
            ),  # fmt: skip
            _dropdown(
                "m-lang", t("m.langs", lang), _named("mlang", langs, lang), list(p.mlangs), lang
            ),
            _sort_choice(p),
        ],
        className="filter-bar page-filters",
    )


def _story_banner(p: Params) -> html.P | None:
    """When the table shows one story's mentions (from Ämnen): say so, and how to see all."""
    if p.story is None:
        return None
    every = "/mentions" + p.replace(story=None, page=0).query(default_ui=_default_ui())
    return html.P(
        [t("m.story_only", p.ui), " ", dcc.Link(t("m.story_all", p.ui), href=every)],
        className="note story-banner",
        id="m-story",
    )


def layout(**query) -> html.Div:
    p = params_from(query)
    lang = p.ui
    export_href = "/export/mentions.csv" + p.replace(page=0).query(default_ui=_default_ui())
    return html.Div(
        [
            dcc.Store(id=f"{PAGE}-params", data=p.as_dict()),
            html.H1(t("page.mentions", lang), className="page-title"),
            controls(p),
            _story_banner(p),
            html.Div(
                [
                    html.Span(id="m-count", className="count"),
                    html.A(
                        t("m.export", lang),
                        href=export_href,
                        id="m-export",
                        className="button",
                        download="koll-omnamnanden.csv",
                    ),  # fmt: skip
                ],
                className="toolbar",
                id="m-top",
            ),
            html.P(t("m.fix_hint", lang), className="hint", id="m-hint"),
            html.Div(id="m-status", role="status", className="status-line"),
            dcc.Loading(html.Div(id=f"{PAGE}-body"), type="dot", delay_show=400),
            html.Div(
                [
                    # The page shown, which an old bookmark's page past the end is not.
                    dcc.Store(id="m-shown-page"),
                    html.Button(t("m.prev", lang), id="m-prev", n_clicks=0, className="button"),
                    html.Span(id="m-pageinfo", className="pageinfo"),
                    html.Button(t("m.next", lang), id="m-next", n_clicks=0, className="button"),
                ],
                className="pager",
            ),
        ],
        className=f"page page-{PAGE}",
    )


def table(p: Params, page: int) -> tuple[list, int, int]:
    """(table components, total rows, page actually shown) for resolved parameters."""
    lang = p.ui
    if not p.brand:
        return [note(t("no_brands", lang), "warn")], 0, 0
    rows, total = data.mention_page(p, page, PER_PAGE)
    pages = max(1, math.ceil(total / PER_PAGE))
    if page >= pages and total and total <= data.COUNT_CAP:
        page = pages - 1  # a page past the end (an old bookmark) shows the last page
        rows, total = data.mention_page(p, page, PER_PAGE)
    if rows.empty:
        return [note(t("m.empty", lang))], total, page
    return [mention_table(rows, lang, _tone_end(p, page, len(rows)))], total, page


def _tone_end(p: Params, page: int, shown: int) -> tuple[int, str] | None:
    """Where on this page the sorted tone's mentions end, and the line that says so, for "Mest
    negativa"/"Mest positiva" (the others follow, by tone, without a mark otherwise)."""
    first = data.tone_first_count(p)
    if first is None:
        return None
    at = first - page * PER_PAGE
    if not 0 <= at < shown:
        return None  # on another page, or every row has the tone
    key = f"m.tone_none.{p.sort}" if first == 0 else f"m.tone_end.{p.sort}"
    return at, t(key, p.ui)


def render(params: dict, _version):
    """The table for the URL's filters and page, the page line and the pager's state."""
    p = Params.from_dict(params)
    children, total, page = table(p, p.page)
    pages = max(1, math.ceil(total / PER_PAGE))
    lang = p.ui
    if total > data.COUNT_CAP:  # counted only that far: say so, and keep "Nästa" open
        cap = number(data.COUNT_CAP, 0, lang)
        return (
            children,
            t("m.page_of_many", lang, page=number(page + 1, 0, lang)),
            t("m.count_more", lang, n=cap),
            page <= 0,
            False,
            page,
        )
    return (
        children,
        t("m.page", lang, page=number(page + 1, 0, lang), pages=number(pages, 0, lang)),
        tn("m.count", total, lang),
        page <= 0,
        page >= pages - 1,
        page,
    )


def page_to_url(prev, next_, search, shown=None):
    """‹ Föregående / Nästa › -> the page number in the URL (bookmarkable, survives a reload),
    counted from the page shown (`shown`), which for a page past the end is the last."""
    trigger = ctx.triggered_id
    clicks = {"m-prev": prev, "m-next": next_}.get(trigger)
    if not clicks:
        # The page re-renders from the URL with new buttons (0 clicks), which Dash reports as a
        # trigger too: only a real click moves the page.
        raise PreventUpdate
    current = Params.from_search(search, _default_ui())
    at = shown if isinstance(shown, int) and 0 <= shown <= current.page else current.page
    page = max(0, at + (1 if trigger == "m-next" else -1))
    return current.replace(page=page).query(default_ui=_default_ui())


def filters_to_url(q, sources, kinds, tones, triage, langs, sort, search):
    """The page's own filters -> the URL (the page then re-renders from it, bookmarkable)."""
    default_ui = _default_ui()
    current = Params.from_search(search, default_ui)
    # The source filter shows only the URL's sources the brand has (data.resolve).
    resolved = data.resolve(current)
    current = current.replace(sources=resolved.sources)
    changed = current.replace(
        q=(q or "").strip()[:200],
        sources=tuple(sources or ()),
        kinds=tuple(kinds or ()),
        tones=tuple(x for x in (tones or ()) if x in TONES),
        triage=tuple(x for x in (triage or ()) if x in TRIAGE),
        mlangs=tuple(langs or ()),
        sort=sort if sort in SORTS else "new",
    )
    if changed == current:
        # Nothing chosen: the filters rendering from the URL report its values. Written back,
        # the URL lost what they leave out (kind=video, a source the brand has no mention
        # from), and with it the page's note that it was left out.
        raise PreventUpdate
    # The brand and period shown are written too, as the CSV link writes them: a link without
    # them followed the default period (the last 30 days with mentions), and after the next
    # ingest showed other rows than the one it was copied from (QA, 2026-12-07).
    pinned = changed.replace(brand=resolved.brand, since=resolved.since, until=resolved.until)
    return pinned.replace(page=0).query(default_ui=default_ui)  # a new filter: its first page


def _row() -> tuple[int, str]:
    """(item, brand) of the row whose choice triggered the callback."""
    trigger = ctx.triggered_id
    if not trigger or not isinstance(trigger, dict):
        raise PreventUpdate
    return int(trigger["item"]), str(trigger["brand"])


def _value(chosen) -> object:
    """The value a row's `*-chosen` store carries ({"value": …, "at": ms}, see _DELIBERATE)."""
    return chosen.get("value") if isinstance(chosen, dict) else None


def _user() -> str:
    return data.settings().dashboard.basic_auth_user or "dashboard"


def correct(chosen, params):
    """A tone chosen in a row (its `m-tone-chosen` store: a click, or Enter, Space or leaving
    the picker after arrow keys) is stored as an analyst correction, used by `koll train`.
    Returns the row's marker ("rättad" at once) and its picker's value (the stored tone again
    when not stored); the status line says which."""
    item_id, brand = _row()
    lang = (params or {}).get("ui", "sv")
    message, marker, value = save_tone(item_id, brand, _value(chosen), lang)
    set_props("m-status", {"children": message})
    return marker, value


def save_tone(item_id: int, brand: str, label, lang: str) -> tuple[object, object, object]:
    """(status line, the row's marker, its picker's value) once `label` is stored, or why not;
    PreventUpdate when it is not a tone or is the stored one (nothing to store)."""
    if label not in ("pos", "neu", "neg"):
        raise PreventUpdate
    stored = data.current_label(item_id, brand)
    if stored == label:
        # Arrow keys moved away and back, or the stored tone was chosen again: no correction.
        raise PreventUpdate
    try:
        data.correct_tone(item_id, brand, label, author=_user())
    except (KeyError, ValueError) as e:
        log.warning("tone correction refused: %s", e)
        return html.Span(str(e), className="error"), no_update, stored
    except StoreError as e:
        return _not_saved(e, lang), no_update, stored
    # The label mid-sentence in lower case: "… är nu neutral."
    tone = t(f"tone.{label}", lang).lower()
    message = t("m.saved", lang, title=data.item_title(item_id), label=tone)
    return message, t("corrected", lang), no_update


def _not_saved(e: StoreError, lang: str) -> html.Span:
    """The sentence for a change the database did not take (a StoreError from data)."""
    reason = getattr(e, "reason", "failed")
    if reason == "readonly":
        return html.Span(t("m.readonly", lang), className="error")
    if reason != "busy":  # someone must look at the server: say what it said there
        log.warning("%s", e)
    # Why a change was not stored (data.NotSaved.reason), in i18n's words (m.not_saved.*).
    key = reason if reason in ("busy", "replaced") else "failed"
    return html.Span(t(f"m.not_saved.{key}", lang), className="error")


def triage(chosen, params):
    """A triage mark chosen in a row ("behöver åtgärd", "hanterad", neither; chosen as a tone
    is, see correct) is stored. Returns the row's picker's value: the stored mark again when
    not stored; the status line says which."""
    item_id, brand = _row()
    lang = (params or {}).get("ui", "sv")
    message, value = save_mark(item_id, brand, _value(chosen), lang)
    set_props("m-status", {"children": message})
    return value


def save_mark(item_id: int, brand: str, status, lang: str) -> tuple[object, object]:
    """(status line, the row's picker's value) once the mark is stored, or why not;
    PreventUpdate when it is no mark or the stored one."""
    if status not in TRIAGE:
        raise PreventUpdate
    status = None if status == "none" else status
    stored = data.current_triage(item_id, brand)
    if stored == status:
        raise PreventUpdate  # moved away and back, or the stored mark chosen again
    try:
        data.set_triage(item_id, brand, status, author=_user())
    except (KeyError, ValueError) as e:
        log.warning("triage mark refused: %s", e)
        return html.Span(str(e), className="error"), stored or "none"
    except StoreError as e:
        return _not_saved(e, lang), stored or "none"
    return t(f"m.triaged.{status or 'none'}", lang, title=data.item_title(item_id)), no_update


# A row's tone or triage mark is stored only when chosen on purpose. Dash's RadioItems reports
# every arrow-key step as a new value (→ then ← twice stored three corrections), so the pickers'
# values are not what the server listens to: this script, installed once per page, copies a
# picker's value into its row's `*-chosen` store on a click or tap (or a screen reader's), on
# Enter or Space, or when focus leaves a picker whose value arrow keys moved. Moved away and
# back, the stored value is chosen again, which saves nothing (save_tone, save_mark).
_DELIBERATE = """function(_params) {
    if (window.kollChoices) { return window.dash_clientside.no_update; }
    window.kollChoices = true;
    var keyed = false;  // the last step in a picker was an arrow key
    var picker = function (el) {
        return el && el.closest ? el.closest('.tone-pick, .triage-pick') : null;
    };
    var save = function (p) {
        var on = p.querySelector('input:checked');
        delete p.dataset.unsaved;
        if (!on) { return; }
        var id = JSON.parse(p.id);
        id.type = id.type + '-chosen';
        window.dash_clientside.set_props(id, {data: {value: on.value, at: Date.now()}});
    };
    document.addEventListener('pointerdown', function () { keyed = false; }, true);
    document.addEventListener('keydown', function (e) {
        var p = picker(e.target);
        if (!p) { return; }
        if (e.key.indexOf('Arrow') === 0) { keyed = true; return; }
        if (e.key !== 'Enter' && e.key !== ' ') { return; }
        if (p.dataset.unsaved) { save(p); } else { keyed = false; }  // Space picks a new one
    }, true);
    document.addEventListener('change', function (e) {
        var p = picker(e.target);
        if (!p) { return; }
        if (keyed) { p.dataset.unsaved = '1'; } else { save(p); }
    }, true);
    document.addEventListener('focusout', function (e) {
        var p = picker(e.target);
        if (p && p.dataset.unsaved && !p.contains(e.relatedTarget)) { save(p); }
    }, true);
    return window.dash_clientside.no_update;
}"""


# Paging scrolls the table's top into view: the buttons sit under 25 rows.
_SCROLL_TO_TOP = """function(prev, next) {
    var top = document.getElementById('m-top');
    if ((prev || next) && top) { top.scrollIntoView({block: 'start'}); }
    return window.dash_clientside.no_update;
}"""


def register(app) -> None:
    app.callback(
        Output(f"{PAGE}-body", "children"),
        Output("m-pageinfo", "children"),
        Output("m-count", "children"),
        Output("m-prev", "disabled"),
        Output("m-next", "disabled"),
        Output("m-shown-page", "data"),
        Input(f"{PAGE}-params", "data"),
        Input("data-version", "data"),
    )(render)
    app.callback(
        Output("url", "search", allow_duplicate=True),
        Input("m-prev", "n_clicks"),
        Input("m-next", "n_clicks"),
        State("url", "search"),
        State("m-shown-page", "data"),
        prevent_initial_call=True,
    )(page_to_url)
    app.clientside_callback(
        _SCROLL_TO_TOP,
        Output("m-top", "title"),
        Input("m-prev", "n_clicks"),
        Input("m-next", "n_clicks"),
        prevent_initial_call=True,
    )
    app.callback(
        Output("url", "search", allow_duplicate=True),
        Input("m-q", "value"),
        Input("m-src", "value"),
        Input("m-kind", "value"),
        Input("m-tone", "value"),
        Input("m-triage-filter", "value"),
        Input("m-lang", "value"),
        Input("m-sort", "value"),
        State("url", "search"),
        prevent_initial_call=True,
    )(filters_to_url)
    app.clientside_callback(_DELIBERATE, Output("m-hint", "title"), Input(f"{PAGE}-params", "data"))
    # One callback per row (MATCH): choices in two rows at once (one left after arrow keys, the
    # next clicked) are two requests, not the same callback's input changed twice in a row.
    app.callback(
        Output({"type": "m-corrected", "item": MATCH, "brand": MATCH}, "children"),
        Output({"type": "m-tone", "item": MATCH, "brand": MATCH}, "value"),
        Input({"type": "m-tone-chosen", "item": MATCH, "brand": MATCH}, "data"),
        State(f"{PAGE}-params", "data"),
        prevent_initial_call=True,
    )(correct)
    app.callback(
        Output({"type": "m-triage", "item": MATCH, "brand": MATCH}, "value"),
        Input({"type": "m-triage-chosen", "item": MATCH, "brand": MATCH}, "data"),
        State(f"{PAGE}-params", "data"),
        prevent_initial_call=True,
    )(triage)
