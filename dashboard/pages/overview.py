"""Översikt: the control index and its parts with trends, mentions per day, tone, latest alerts."""

from __future__ import annotations

from dash import Input, Output, dcc, html

from analysis import alert_text
from dashboard import data, figures
from dashboard.cards import Comparison, control_cards, has_data
from dashboard.components import graph, note, on_params, owned_note, section, skeleton, text
from dashboard.i18n import local_time, number, t
from dashboard.params import Params

PAGE = "overview"


def params_from(query: dict) -> Params:
    return data.resolve(Params.from_query(query, data.settings().dashboard.language))


def layout(**query) -> html.Div:
    p = params_from(query)
    # The control cards come from the control library (slower: it reads the window's mentions),
    # so they fill in on their own while the SQL-backed charts below appear at once.
    control = dcc.Loading(
        html.Div(id="overview-control", className="control-region"), type="dot", delay_show=300
    )
    head = html.Div(id="overview-head")
    # The weekly-meeting report: "Skriv ut" opens the printable report (dashboard/report.py)
    # for this view; the browser's own "save as PDF" makes the PDF.
    actions = html.Div(
        html.Button(t("export.print", p.ui), id="overview-print", n_clicks=0, className="button"),
        className="page-actions",
    )
    return skeleton(PAGE, p.as_dict(), t("page.overview", p.ui), actions, head, control)


def _alert_kind(kind: str, lang: str) -> str:
    key = f"alert.{kind}"
    return t(key, lang) if t(key, lang) != key else kind


def alert_href(p: Params, kind: str, day: str, subject: str) -> str:
    """The mentions an alert is about: that day's, and of its tone or word where it has one."""
    focus = Params(brand=p.brand, since=day, until=day, ui=p.ui)
    if kind == "negative":
        # The alert counts others' negative mentions ("27 av 45 omnämnanden från andra").
        focus = focus.replace(tones=("neg",), owned="earned")
    elif kind in ("term", "topic") and subject:
        # A topic is named by its terms ("elpris / avgift"): its first word finds its mentions.
        focus = focus.replace(q=subject.split("/")[0].strip())
    return "/mentions" + focus.query(default_ui=data.settings().dashboard.language)


def _reason(alert, lang: str) -> str:
    """The alert's reason in the page's language, written from its stored details: the stored
    `reason` is Swedish, and the English page showed it as it was."""
    return alert_text.reason(alert._asdict(), lang) if lang != "sv" else text(alert.reason)


def alerts_list(p: Params) -> html.Section:
    """The window's alerts, newest first; each opens the mentions it is about."""
    lang = p.ui
    df = data.alerts(p.brand, p.since, p.until)
    if df.empty:
        return section(t("alerts", lang), note(t("alerts.none", lang)))
    rows = []
    for r in df.head(8).itertuples(index=False):
        kind, day, subject = text(r.kind), text(r.day), text(r.subject)
        link = dcc.Link(
            [
                html.Span(day, className="alert-day"),
                html.Span(_alert_kind(kind, lang), className="alert-kind"),
                html.Span(subject, className="alert-subject"),
                html.Span(_reason(r, lang), className="alert-reason"),
            ],
            href=alert_href(p, kind, day, subject),
            className="alert-link",
            title=t("alerts.open.word" if kind in ("term", "topic") else "alerts.open", lang),
        )
        rows.append(html.Li(link))
    return section(t("alerts", lang), html.Ul(rows, className="alerts", id="overview-alerts"))


def body(p: Params) -> list:
    """Everything below the title, for resolved parameters."""
    lang = p.ui
    if not p.brand:
        return [note(t("no_brands", lang), "warn")]
    if not p.since:
        return [note(t("period.none", lang))]
    daily = data.daily(p)
    return [
        html.Div(
            [
                html.Div(
                    graph(
                        "overview-daily",
                        figures.mentions_per_day(daily, lang, (p.since, p.until)),
                        lang,
                    ),
                    className="card",
                ),
                html.Div(
                    graph(
                        "overview-tone",
                        figures.tone_over_time(daily, lang, (p.since, p.until)),
                        lang,
                    ),
                    className="card",
                ),
            ],
            className="row",
        ),
        alerts_list(p),
        html.P(f"{t('updated', lang)} {local_time(_now(), lang)}", className="updated"),
    ]


def _now():
    from datetime import UTC, datetime

    return datetime.now(UTC)


def head(p: Params) -> html.P | list:
    """One line: brand, period and how many mentions the filter selects."""
    if not p.brand or not p.since:
        return []
    total = data.count(p)
    return html.P(
        [
            html.Strong(p.brand),
            f" · {p.since} – {p.until} · ",
            html.Span(number(total, 0, p.ui), id="overview-total"),
            f" {t('mention' if total == 1 else 'mentions', p.ui)}",
        ],
        className="summary",
    )


def render_head(params: dict, _version):
    return head(Params.from_dict(params))


def control(p: Params) -> html.Div | list:
    """The control index and its components for the window, with the previous window's values."""
    if not p.brand or not p.since or not p.until:  # no end: no data yet (see data.resolve)
        return []
    ps, pu = data.previous_window(p.since, p.until)
    report = data.control(p.brand, p.since, p.until)
    previous = data.control_numbers(p.brand, ps, pu)  # its threads are not shown
    # Where the brand's data is, asked only when a window is empty: the sentences say so.
    empty = not has_data(report)
    span = data.day_range([p.brand]) if empty or not has_data(previous) else (None, None)
    comparison = Comparison(
        since=ps,
        until=pu,
        first_day=None if has_data(previous) else span[0],
        weights=dict(data.settings().control_weights),
        dialogue_href="/dialogue"
        + p.query(shared_only=True, default_ui=data.settings().dashboard.language),
    )
    cards = control_cards(report, previous, p.ui, comparison)
    shown: list = [_empty_window(p.brand, span, p.ui), cards] if empty else [cards]
    # The control components are defined over all mentions; the filter must not seem to apply.
    if p.owned != "all":
        return [owned_note(p.owned, PAGE, p.ui), *shown]
    return shown[0] if len(shown) == 1 else shown


def _empty_window(brand: str, span: tuple[str | None, str | None], ui: str) -> html.P:
    """Why every card of the period says "kan inte mätas": no mentions in it, and where the
    brand's are (`span`: its first and last day; QA: a period before the data, or after its
    last day, said nothing of it)."""
    first, last = span
    if first is None:
        words = t("no_data.none", ui, brand=brand)
    else:
        words = t("no_data.range", ui, brand=brand, first=first, last=last)
    return html.P(words, className="kpi-compare", id="overview-empty")


def render(params: dict, _version) -> list:
    return body(Params.from_dict(params))


def render_control(params: dict, _version):
    return control(Params.from_dict(params))


def register(app) -> None:
    on_params(app, PAGE, f"{PAGE}-body", render)
    app.clientside_callback(
        # The printable report (dashboard/report.py) for this view's brand and period, in a
        # new tab that opens the print dialog: the same report `koll report` writes.
        "function(n) { if (n) { var q = window.location.search;"
        " window.open('/report.html' + (q ? q + '&' : '?') + 'print=1', '_blank'); }"
        " return window.dash_clientside.no_update; }",
        Output("overview-print", "title"),
        Input("overview-print", "n_clicks"),
        prevent_initial_call=True,
    )
    on_params(app, PAGE, "overview-head", render_head)
    on_params(app, PAGE, "overview-control", render_control)
