"""Källor: who speaks (top sources and authors, effective voices), owned channels, feed health."""

from __future__ import annotations

from dash import dcc, html

from dashboard import data, figures
from dashboard.components import (
    ext_link,
    graph,
    note,
    on_params,
    owned_note,
    section,
    skeleton,
    status_badge,
    table,
    text,
)
from dashboard.feed_errors import error_cell
from dashboard.i18n import kind_name, local_time, number, percent, t, tn
from dashboard.params import Params

PAGE = "sources"
OWNED_ROWS = 15


def params_from(query: dict) -> Params:
    return data.resolve(Params.from_query(query, data.settings().dashboard.language))


def layout(**query) -> html.Div:
    p = params_from(query)
    # Authors need a join to every item in the window, so they fill in on their own.
    authors = dcc.Loading(html.Div(id="sources-authors"), type="dot", delay_show=300)
    rest = html.Div(id="sources-channels")
    return html.Div([skeleton(PAGE, p.as_dict(), t("page.sources", p.ui)), authors, rest])


def summary_line(summary: dict, owned: str, lang: str) -> str:
    """'3 källor · 2,4 röster i praktiken · 1 ny röst'. Both voice measures count others'
    (earned) mentions, so they are left out when only owned channels are chosen."""
    if not summary["sources"]:
        return t("no_data", lang)
    parts = [tn("s.sources", summary["sources"], lang)]
    if owned != "owned":
        voices = summary.get("effective_voices")
        parts += [
            t("s.voices", lang, n=number(voices, 1, lang))
            if voices is not None
            else t("s.voices.none", lang),
            tn("s.new_voices", summary.get("new_voices"), lang),
        ]
        if summary.get("before_empty"):
            # Every source is new when nothing was written before: not that many newcomers.
            parts[-1] += f" ({t('new_voices.all_new', lang)})"
    return " · ".join(parts)


def who_speaks(p: Params) -> list:
    lang = p.ui
    top, summary = data.sources(p, limit=15)
    rows = [
        [r.source, number(r.mentions, 0, lang), percent(r.share, 1, lang), number(r.owned, 0, lang)]
        for r in top.itertuples(index=False)
    ]
    src_table = (
        table(
            [
                t("col.source", lang),
                t("col.mentions", lang),
                t("col.share", lang),
                t("owned.owned", lang),
            ],
            rows,
            numeric={1, 2, 3},
        )
        if rows
        else note(t("no_data", lang))
    )
    return [
        html.P(summary_line(summary, p.owned, lang), className="summary", id="sources-summary"),
        owned_note(p.owned, PAGE, lang) if p.owned == "owned" else None,
        html.Div(
            [
                html.Div(
                    graph("sources-top", figures.top_sources(top, lang), lang), className="card"
                ),
                section(t("s.top_sources", lang), src_table),
            ],
            className="row",
        ),
    ]


def top_authors(p: Params) -> html.Section:
    lang = p.ui
    authors = data.authors(p, limit=15)
    a_rows = [
        [
            r.author,
            r.source,
            number(r.mentions, 0, lang),
            t("voice.owned", lang) if r.owned else t("voice.earned", lang),
        ]
        for r in authors.itertuples(index=False)
    ]
    a_table = (
        table(
            [
                t("col.author", lang),
                t("col.source", lang),
                t("col.mentions", lang),
                t("col.voice", lang),
            ],
            a_rows,
            numeric={2},
        )
        if a_rows
        else note(t("no_data", lang))
    )
    return section(t("s.top_authors", lang), a_table)


def owned_channels(p: Params) -> html.Section:
    lang = p.ui
    df = data.owned_activity(p)
    if df.empty:
        return section(t("s.owned", lang), note(t("s.owned.none", lang)))
    # The channels the brand publishes in most; its people may also have commented in hundreds
    # of others' threads (a year of them is ~360 rows, 0.3 s of building the table alone).
    rows = [
        [r.source, kind_name(r.kind, lang), number(r.posts, 0, lang), local_time(r.latest, lang)]
        for r in df.head(OWNED_ROWS).itertuples(index=False)
    ]
    more = len(df) - OWNED_ROWS
    return section(
        t("s.owned", lang),
        note(t("s.owned.more", lang, n=number(more, 0, lang))) if more > 0 else None,
        table(
            [
                t("col.source", lang),
                t("col.kind", lang),
                t("col.posts", lang),
                t("col.latest", lang),
            ],
            rows,
            numeric={2},
        ),
    )


def feed_health(p: Params) -> html.Section:
    lang = p.ui
    df = data.feed_health()
    if df.empty:
        return section(t("s.feeds", lang), note(t("no_data", lang)))
    bad = int(df["status"].isin(["failing", "disabled", "gone"]).sum())
    headline = (
        t("s.feeds.bad", lang, bad=bad, n=len(df)) if bad else t("s.feeds.ok", lang, n=len(df))
    )
    rows = [
        [
            ext_link(text(r.title) or text(r.url), r.url),
            kind_name(r.kind, lang),
            status_badge(r.status, lang),
            number(r.failures, 0, lang),
            error_cell(r.last_error, lang),
            local_time(r.last_success, lang),
        ]
        for r in df.itertuples(index=False)
    ]
    return section(
        t("s.feeds", lang),
        html.P(headline, className="warn" if bad else "ok"),
        table(
            [
                t("col.feed", lang),
                t("col.kind", lang),
                t("col.status", lang),
                t("col.failures", lang),
                t("col.error", lang),
                t("col.last_success", lang),
            ],
            rows,
            numeric={3},
            class_name="feeds",
        ),
    )


def body(p: Params) -> list:
    lang = p.ui
    if not p.brand:
        return [note(t("no_brands", lang), "warn")]
    if not p.since:
        return [note(t("period.none", lang))]
    return who_speaks(p)


def render(params: dict, _version) -> list:
    return body(Params.from_dict(params))


def render_channels(params: dict, _version) -> list:
    """The brand's own channels in the period and the health of every configured feed."""
    p = Params.from_dict(params)
    if not p.brand:
        return []
    return [owned_channels(p) if p.since else None, feed_health(p)]


def render_authors(params: dict, _version):
    p = Params.from_dict(params)
    if not p.brand or not p.since:
        return []
    return top_authors(p)


def register(app) -> None:
    on_params(app, PAGE, f"{PAGE}-body", render)
    on_params(app, PAGE, "sources-authors", render_authors)
    on_params(app, PAGE, "sources-channels", render_channels)
