"""Ämnen: the brand's topics and rising terms for the period, each with example mentions."""

from __future__ import annotations

from dash import dcc, html

from dashboard import data
from dashboard.components import ext_link, note, on_params, section, skeleton, table
from dashboard.i18n import local_time, number, percent, t
from dashboard.params import Params

PAGE = "topics"
EXAMPLES = 3


def params_from(query: dict) -> Params:
    return data.resolve(Params.from_query(query, data.settings().dashboard.language))


def layout(**query) -> html.Div:
    p = params_from(query)
    # Rising terms are computed from the window's texts by the trends library (seconds on a large
    # store), so they fill in on their own, below the stored topics.
    rising_region = dcc.Loading(html.Div(id="topics-rising"), type="dot", delay_show=300)
    stories_region = html.Div(id="topics-stories")
    return html.Div(
        [skeleton(PAGE, p.as_dict(), t("page.topics", p.ui)), rising_region, stories_region]
    )


def _mentions_link(p: Params, term: str, lang: str) -> dcc.Link:
    href = "/mentions" + p.replace(q=term).query(default_ui=data.settings().dashboard.language)
    return dcc.Link(f"{t('page.mentions', lang)}: ”{term}” ›", href=href, className="more")


def _examples(p: Params, rows, representative: tuple[int | None, str | None]) -> html.Ul:
    """The topic's representative mention first, then the newest mentions containing its top term."""
    lang = p.ui
    shown: list = []
    rep_id, rep_title = representative
    seen = set()
    if rep_title:
        shown.append(html.Li(html.Span(rep_title, className="title")))
        seen.add(rep_id)
    for r in rows.itertuples(index=False):
        if r.item_id in seen or len(shown) >= EXAMPLES:
            continue
        seen.add(r.item_id)
        shown.append(
            html.Li(
                [
                    ext_link(r.title or "(utan rubrik)", r.url, className="title"),
                    html.Span(
                        f" · {r.source} · {local_time(r.published, lang)[:10]}", className="muted"
                    ),
                ]
            )
        )
    return html.Ul(shown, className="examples")


def _never_computed(brand: str) -> bool:
    return data.latest_topics(brand).empty


def topic_cards(p: Params) -> html.Section:
    lang = p.ui
    assert p.brand  # body() checked it
    df = data.topics(p.brand, p.since, p.until)
    period_note = None
    if df.empty:
        # `koll analyse` computes topics for its own period; show the latest one, and say so.
        latest = data.latest_topics(p.brand)
        if not latest.empty:
            df = latest
            s, u = latest["since"].iloc[0] or "…", latest["until"].iloc[0] or "…"
            period_note = note(t("t.computed_for", lang, since=s, until=u))
    if df.empty and period_note is None and _never_computed(p.brand):
        return section(t("t.topics", lang), note(t("t.not_computed", lang)))
    if df.empty:
        return section(t("t.topics", lang), note(t("t.none", lang)))
    cards = []
    shown = df.head(12)
    firsts = [list(x or [])[0] for x in shown["terms"] if list(x or [])]
    found = data.examples_many(p, firsts, EXAMPLES)  # one search for every topic's examples
    for r in shown.itertuples(index=False):
        terms = list(r.terms or [])
        term = terms[0] if terms else ""
        cards.append(
            html.Article(
                [
                    html.H3(str(r.label)),
                    html.P(", ".join(str(x) for x in terms[:8]), className="terms"),
                    html.P(
                        f"{number(r.size, 0, lang)} {t('mentions', lang)} · "
                        f"{percent(r.share, 0, lang)}",
                        className="muted",
                    ),
                    html.H4(t("t.examples", lang)),
                    _examples(p, found[term], (r.representative_item_id, r.representative_title))
                    if term
                    else note("–"),
                    _mentions_link(p, term, lang) if term else None,
                ],
                className="topic",
            )
        )
    return section(t("t.topics", lang), period_note, html.Div(cards, className="topic-grid"))


def rising(p: Params) -> html.Section:
    """Rising terms: the window's terms against the window before (views.rising_terms)."""
    lang = p.ui
    assert p.brand and p.since and p.until  # render_rising() checked them
    df = data.rising_terms(p.brand, p.since, p.until)
    if df.empty:
        return section(t("t.rising", lang), note(t("t.no_rising", lang)))
    rows = []
    for r in df.head(15).itertuples(index=False):
        term = str(r.term)
        ratio = getattr(r, "ratio", None)
        rows.append(
            [
                html.Strong(term),
                number(getattr(r, "current", None), 0, lang),
                number(getattr(r, "baseline", None), 0, lang),
                f"×{number(ratio, 1, lang)}" if ratio is not None else "–",
                _mentions_link(p, term, lang),
            ]
        )
    heads = [
        t("col.term", lang),
        t("col.now", lang),
        t("col.before", lang),
        t("col.ratio", lang),
        "",
    ]
    return section(
        t("t.rising", lang),
        html.P(t("t.rising.explain", lang), className="muted"),
        table(heads, rows, numeric={1, 2, 3}),
    )


def top_stories(p: Params) -> html.Section:
    lang = p.ui
    assert p.brand and p.since and p.until  # render_stories() checked them
    df = data.stories(p.brand, p.since, p.until, limit=8)
    if df.empty:
        return section(t("t.stories", lang), note(t("t.no_stories", lang)))
    rows = [
        [
            str(r.title or ""),
            number(r.size, 0, lang),
            number(r.mentions, 0, lang),
            number(r.owned or 0, 0, lang),
            html.Span(local_time(r.first_published, lang), className="nowrap"),
        ]
        for r in df.itertuples(index=False)
    ]
    heads = [
        t("col.story", lang),
        t("col.items", lang),
        t("col.mentions", lang),
        t("owned.owned", lang),
        t("col.first", lang),
    ]
    return section(t("t.stories", lang), table(heads, rows, numeric={1, 2, 3}))


def body(p: Params) -> list:
    lang = p.ui
    if not p.brand:
        return [note(t("no_brands", lang), "warn")]
    if not p.since:
        return [note(t("period.none", lang))]
    return [topic_cards(p)]


def render(params: dict, _version) -> list:
    return body(Params.from_dict(params))


def render_stories(params: dict, _version):
    p = Params.from_dict(params)
    if not p.brand or not p.since or not p.until:  # no end: no data yet (see data.resolve)
        return []
    return top_stories(p)


def render_rising(params: dict, _version):
    p = Params.from_dict(params)
    if not p.brand or not p.since or not p.until:  # no end: no data yet (see data.resolve)
        return []
    return rising(p)


def register(app) -> None:
    on_params(app, PAGE, f"{PAGE}-body", render)
    on_params(app, PAGE, "topics-rising", render_rising)
    on_params(app, PAGE, "topics-stories", render_stories)
