"""Översikt: the control index and its parts with trends, mentions per day, tone, latest alerts."""

from __future__ import annotations

from dash import Input, Output, dcc, html

from dashboard import data, figures
from dashboard.components import note, on_params, section, skeleton
from dashboard.i18n import local_time, number, percent, signed, t
from dashboard.params import Params

PAGE = "overview"
# The component cards, in reading order, and how each value is written.
CARDS = [
    ("owned_share", "share"),
    ("echo_rate", "share"),
    ("agenda_share", "share"),
    ("dialogue_rate", "share"),
    ("net_sentiment", "tone"),
    ("effective_voices", "decimal"),
    ("share_of_voice", "share"),
    ("personal_share", "share"),
    ("new_voices", "count"),
    ("mentions", "count"),
]


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
    # The weekly-meeting report is this page printed: the browser's own "save as PDF" renders it
    # exactly as seen, with no server-side browser or image library needed (see koll.css @print).
    actions = html.Div(
        html.Button(t("export.print", p.ui), id="overview-print", n_clicks=0, className="button"),
        className="page-actions",
    )
    return skeleton(PAGE, p.as_dict(), t("page.overview", p.ui), actions, head, control)


def _value(v, how: str, lang: str) -> str:
    if how == "share":
        return percent(v, 0, lang)
    if how == "tone":
        return signed(v, 2, lang)
    if how == "decimal":
        return number(v, 1, lang)
    return number(v, 0, lang)


def _delta(cur, prev, how: str, lang: str) -> str:
    if cur is None or prev is None:
        return t("no_previous", lang)
    d = cur - prev
    if how == "share":
        # Percentage points, not percent: 20 % -> 25 % is +5 p.e., not +25 %.
        return f"{signed(100 * d, 0, lang)} {'p.e.' if lang != 'en' else 'pp'} {t('vs_previous', lang)}"
    if how == "tone":
        return f"{signed(d, 2, lang)} {t('vs_previous', lang)}"
    if how == "decimal":
        return f"{signed(d, 1, lang)} {t('vs_previous', lang)}"
    return f"{signed(d, 0, lang)} {t('vs_previous', lang)}"


def _trend_class(cur, prev) -> str:
    if cur is None or prev is None or cur == prev:
        return "trend flat"
    return "trend up" if cur > prev else "trend down"


def control_cards(report: dict | None, previous: dict | None, lang: str) -> html.Div:
    """The control index and one card per component; unavailable values say why, never 0."""
    if report is None:
        missing = t("not_computed", lang)
        index_value, index_delta, used = missing, "", ""
    else:
        ci = report.get("control_index")
        index_value = number(ci, 0, lang) if ci is not None else t("unmeasurable", lang)
        pci = previous.get("control_index") if previous else None
        index_delta = _delta(ci, pci, "count", lang) if ci is not None else ""
        used_names = [t(f"c.{c}", lang) for c in report.get("components_used", [])]
        used = f"{t('components_used', lang)}: {', '.join(used_names)}" if used_names else ""
    index = html.Div(
        [
            html.Div(t("control_index", lang), className="kpi-name"),
            html.Div(index_value, className="kpi-value big", id="control-index-value"),
            html.Div(
                index_delta,
                className=_trend_class(
                    report and report.get("control_index"),
                    previous and previous.get("control_index"),
                ),
            ),
            html.P(t("control_index.explain", lang), className="kpi-explain"),
            html.P(used, className="kpi-used"),
        ],
        className="kpi kpi-index",
    )
    cards = []
    for key, how in CARDS:
        if report is None:
            value, delta, cls = t("not_computed", lang), "", "kpi-value missing"
            cur = prev = None
        else:
            cur = report.get(key)
            prev = previous.get(key) if previous else None
            if cur is None:
                value, delta, cls = t("unmeasurable", lang), "", "kpi-value missing"
            else:
                value, delta, cls = (
                    _value(cur, how, lang),
                    _delta(cur, prev, how, lang),
                    "kpi-value",
                )
        cards.append(
            html.Div(
                [
                    html.Div(t(f"c.{key}", lang), className="kpi-name"),
                    html.Div(value, className=cls),
                    html.Div(delta, className=_trend_class(cur, prev)),
                    html.P(t(f"c.{key}.explain", lang), className="kpi-explain"),
                ],
                className="kpi",
                id=f"kpi-{key}",
            )
        )
    return html.Div([index, html.Div(cards, className="kpi-grid")], className="control")


def _alert_kind(kind: str, lang: str) -> str:
    key = f"alert.{kind}"
    return t(key, lang) if t(key, lang) != key else kind


def alerts_list(p: Params) -> html.Section:
    lang = p.ui
    df = data.alerts(p.brand, p.since, p.until)
    if df.empty:
        return section(t("alerts", lang), note(t("alerts.none", lang)))
    rows = []
    for r in df.head(8).itertuples(index=False):
        rows.append(
            html.Li(
                [
                    html.Span(str(getattr(r, "day", "") or ""), className="alert-day"),
                    html.Span(
                        _alert_kind(str(getattr(r, "kind", "") or ""), lang), className="alert-kind"
                    ),
                    html.Span(str(getattr(r, "subject", "") or ""), className="alert-subject"),
                    html.Span(str(getattr(r, "reason", "") or ""), className="alert-reason"),
                ]
            )
        )
    return section(t("alerts", lang), html.Ul(rows, className="alerts"))


def body(p: Params) -> list:
    """Everything below the title, for resolved parameters."""
    lang = p.ui
    if not p.brand:
        return [note(t("no_brands", lang), "warn")]
    if not p.since:
        return [note(t("period.none", lang))]
    daily = data.daily(p)
    graph_cfg: dcc.Graph.Config = {"displaylogo": False, "responsive": True}
    return [
        html.Div(
            [
                html.Div(
                    dcc.Graph(
                        id="overview-daily",
                        figure=figures.mentions_per_day(daily, lang),
                        config=graph_cfg,
                    ),
                    className="card",
                ),
                html.Div(
                    dcc.Graph(
                        id="overview-tone",
                        figure=figures.tone_over_time(daily, lang),
                        config=graph_cfg,
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
            f" {t('mentions', p.ui)}",
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
    previous = data.control(p.brand, ps, pu)
    return control_cards(report, previous, p.ui)


def render(params: dict, _version) -> list:
    return body(Params.from_dict(params))


def render_control(params: dict, _version):
    return control(Params.from_dict(params))


def register(app) -> None:
    on_params(app, PAGE, f"{PAGE}-body", render)
    app.clientside_callback(
        "function(n) { if (n) { window.print(); } return window.dash_clientside.no_update; }",
        Output("overview-print", "title"),
        Input("overview-print", "n_clicks"),
        prevent_initial_call=True,
    )
    on_params(app, PAGE, "overview-head", render_head)
    on_params(app, PAGE, "overview-control", render_control)
