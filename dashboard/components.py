"""Small building blocks the pages share: page skeletons, tables, notes and safe links.

Feed text only ever becomes the plain-text children of html components, which React escapes;
nothing here renders HTML or Markdown from the store.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from dash import Input, Output, dcc, html

from analysis.wording import month_names
from dashboard.i18n import t


def skeleton(page: str, params: dict, title: str, *before) -> html.Div:
    """A page: its parameters in a dcc.Store and a body filled by the page's render callback.

    `before`: regions with callbacks of their own, shown between the title and the body.
    """
    return html.Div(
        [
            dcc.Store(id=f"{page}-params", data=params),
            html.H1(title, className="page-title"),
            *before,
            dcc.Loading(
                html.Div(id=f"{page}-body", className="page-body"), type="dot", delay_show=400
            ),
        ],
        className=f"page page-{page}",
    )


def present(value) -> bool:
    """Whether a value from the store is there: not None, NaN or NaT.

    pandas 3 reads a missing string as NaN (a float) and a missing time as NaT, so a page that
    mixes rows with and without a link or a last success must not take them for values.
    """
    if value is None:
        return False
    try:
        return not bool(value != value)  # NaN and NaT are the only values unequal to themselves
    except (TypeError, ValueError):  # arrays and other values without a plain truth
        return True


def text(value, default: str = "") -> str:
    """A cell as text for the page: missing (None, NaN) becomes `default`, never "nan"."""
    return str(value) if present(value) else default


def excerpt(value, limit: int = 200) -> str:
    """A cell's text cut to at most `limit` characters at a word boundary, ending in "…" when
    cut: a post cut mid-word ("Nordvind har ti") read as a typo, and nothing said it went on."""
    whole = text(value).strip()
    if len(whole) <= limit:
        return whole
    head = whole[: limit - 1]  # room for the "…"
    if not (whole[limit - 1].isspace() or head[-1].isspace()):  # the cut is inside a word
        shorter = head.rsplit(maxsplit=1)[0]
        # A single word of half the excerpt (a long link) is cut where it must be, not dropped.
        if len(shorter) > limit // 2:
            head = shorter
    return head.rstrip().rstrip(",;:–-").rstrip() + "…"


def safe_href(url) -> str | None:
    """Only http(s) links leave the dashboard: a feed's `javascript:` link becomes no link."""
    if not isinstance(url, str) or not url:
        return None
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:
        return None
    return url if scheme in ("http", "https") else None


def ext_link(text: str, url: str | None, **kw):
    href = safe_href(url)
    if href is None:
        return html.Span(text, **kw)
    return html.A(text, href=href, target="_blank", rel="noopener noreferrer nofollow", **kw)


def note(text: str, kind: str = "info") -> html.P:
    """A plain sentence in place of a figure: 'not computed yet', 'no data', ..."""
    return html.P(text, className=f"note note-{kind}")


def owned_note(owned: str, page: str, lang: str) -> html.P | None:
    """While the "Vems röst" filter is set: which parts of `page` do not follow it."""
    return note(t(f"owned.note.{page}", lang)) if owned != "all" else None


def section(title: str, *children, class_name: str = "") -> html.Section:
    return html.Section([html.H2(title), *children], className=f"card {class_name}".strip())


def table(
    headers: list[str], rows: list[list], *, numeric: set[int] | None = None, class_name: str = ""
) -> html.Table:
    """A plain HTML table; cells are strings or components, columns in `numeric` align right."""
    numeric = numeric or set()
    return html.Table(
        [
            html.Thead(
                html.Tr(
                    [
                        html.Th(h, scope="col", className="num" if i in numeric else None)
                        for i, h in enumerate(headers)
                    ]
                )
            ),
            html.Tbody(
                [
                    html.Tr(
                        [
                            html.Td(c, className="num" if i in numeric else None)
                            for i, c in enumerate(r)
                        ]
                    )
                    for r in rows
                ]
            ),
        ],
        className=f"table {class_name}".strip(),
    )


def status_badge(status: str, lang: str) -> html.Span:
    return html.Span(t(f"status.{status}", lang), className=f"status status-{status}")


# Plotly's mode-bar and notice texts in Swedish. plotly.js ships only English locales and the
# dashboard fetches nothing from the internet at run time, so the dictionary travels in the
# graph's config (plotly.js registers it when it draws the chart).
_PLOTLY_SV = {
    "dictionary": {
        "Autoscale": "Anpassa skalan",
        "Box Select": "Markera med rektangel",
        "Compare data on hover": "Jämför värden vid hovring",
        "Double-click on legend to isolate one trace": "Dubbelklicka på förklaringen för att "
        "visa bara en serie",
        "Double-click to zoom back out": "Dubbelklicka för att zooma ut igen",
        "Download plot": "Ladda ner diagrammet",
        "Download plot as a PNG": "Ladda ner diagrammet som bild (PNG)",
        "Image download succeeded": "Bilden är nedladdad",
        "Lasso Select": "Markera med lasso",
        "Pan": "Panorera",
        "Preparing image - this may take a few seconds": "Bilden förbereds – det kan ta "
        "några sekunder",
        "Reset": "Återställ",
        "Reset axes": "Återställ axlarna",
        "Reset view": "Återställ vyn",
        "Reset views": "Återställ vyerna",
        "Show closest data on hover": "Visa närmaste värde vid hovring",
        "Sorry, there was a problem downloading your image!": "Bilden kunde inte laddas ned.",
        "Toggle Spike Lines": "Visa/dölj hjälplinjer",
        "Toggle show closest data on hover": "Visa/dölj närmaste värde vid hovring",
        "Zoom": "Zooma",
        "Zoom in": "Zooma in",
        "Zoom out": "Zooma ut",
    },
    "format": {
        "days": ["söndag", "måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag"],
        "shortDays": ["sön", "mån", "tis", "ons", "tors", "fre", "lör"],
        "months": month_names("sv"),
        "shortMonths": [m[:3] for m in month_names("sv")],
        "date": "%Y-%m-%d",
        "decimal": ",",
        "thousands": "\u00a0",
    },
}


def graph_config(name: str, lang: str = "sv") -> dcc.Graph.Config:
    """The one mode-bar setup of every chart: no way to send its data off the machine.

    plotly.js 4 shows a "Share chart..." button by default that uploads the chart's data to
    cloud.plotly.com after one click; it is removed and given no server to send to. The PNG
    download stays (named after the chart), with the other tooltips in the page's language.
    """
    config: dcc.Graph.Config = {
        "displaylogo": False,
        "responsive": True,
        "showSendToCloud": False,
        "showEditInChartStudio": False,
        "showLink": False,
        "plotlyServerURL": "",
        # Selecting points does nothing in this dashboard: the buttons would only confuse.
        "modeBarButtonsToRemove": ["sendChartToCloud", "sendDataToCloud", "select2d", "lasso2d"],
        "toImageButtonOptions": {"format": "png", "filename": f"koll-{name}"},
    }
    if lang != "en":
        config["locale"] = "sv"
        config["locales"] = {"sv": _PLOTLY_SV}
    return config


def graph(graph_id: str, figure: dict, lang: str = "sv") -> dcc.Graph:
    """A chart with the shared config (graph_config)."""
    return dcc.Graph(id=graph_id, figure=figure, config=graph_config(graph_id, lang))


def on_params(app, page: str, output_id: str, render) -> None:
    """Fill `output_id` from the page's filters, and again whenever new data lands (quiet refresh)."""
    app.callback(
        Output(output_id, "children"),
        Input(f"{page}-params", "data"),
        Input("data-version", "data"),
    )(render)
