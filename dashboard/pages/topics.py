"""Ämnen: the brand's topics and rising terms for the period, each with example mentions."""

from __future__ import annotations

from dash import Input, Output, dcc, html

from dashboard import data
from dashboard.components import (
    ext_link,
    note,
    on_params,
    owned_note,
    present,
    section,
    skeleton,
    table,
    text,
)
from dashboard.i18n import local_time, number, percent, signed, t, tn
from dashboard.params import Params

PAGE = "topics"
EXAMPLES = 3
POLL_MS = 1500


def params_from(query: dict) -> Params:
    return data.resolve(Params.from_query(query, data.settings().dashboard.language))


def layout(**query) -> html.Div:
    p = params_from(query)
    # Rising terms are computed from the window's texts by the trends library (seconds on a large
    # store), so they fill in on their own, below the stored topics.
    rising_region = dcc.Loading(html.Div(id="topics-rising"), type="dot", delay_show=300)
    stories_region = html.Div(id="topics-stories")
    # Asks again while the period's topics are being found (enabled by render_polled).
    poll = dcc.Interval(id="topics-poll", interval=POLL_MS, disabled=True)
    return html.Div(
        [skeleton(PAGE, p.as_dict(), t("page.topics", p.ui)), poll, rising_region, stories_region]
    )


def _mentions_link(p: Params, term: str, lang: str, why: str) -> dcc.Link:
    """A search for `term` among the period's mentions: the brand, the period and nothing else
    (the page's counts are over all mentions). It is named a search, with `why` its count may
    differ from the figure beside it ("t.search.topic" or "t.search.term")."""
    shared = Params(brand=p.brand, since=p.since, until=p.until, ui=p.ui, q=term)
    href = "/mentions" + shared.query(default_ui=data.settings().dashboard.language)
    return dcc.Link(
        t("t.search", lang, term=term),
        href=href,
        className="more",
        title=t(why, lang, term=term),
    )


def _queries(terms: list) -> list[str]:
    """The searches a topic's examples come from, in order: every term of its label (its first
    three), then its first two. The store keeps no topic of each mention (only a representative
    one), so an example is a mention with those words; the first word alone found mentions of
    other topics ("svarar" showed the examples of "nordvind · billigast · norr")."""
    words = [str(x) for x in terms[:3] if str(x).strip()]
    return list(dict.fromkeys(" ".join(w) for w in (words, words[:2]) if w))


def _examples(p: Params, found: list, representative: tuple[int | None, str | None]) -> html.Ul:
    """The topic's representative mention first, then the newest mentions of its searches
    (`found`: their rows, in _queries' order), none twice: not by id, nor by a title already
    shown (a forum's replies share one, and read as the same mention listed again)."""
    lang = p.ui
    shown: list = []
    rep_id, rep_title = representative[0], text(representative[1])  # NaN when none was kept
    seen_ids, seen_titles = set(), set()
    if rep_title:
        shown.append(html.Li(html.Span(rep_title, className="title")))
        seen_ids.add(rep_id)
        seen_titles.add(rep_title.casefold())
    for rows in found:
        # The five columns read, not itertuples over all nineteen (~10 ms a topic).
        cols = [rows[k] for k in ("item_id", "title", "url", "source", "published")]
        for item_id, title, url, source, published in zip(*cols, strict=True):
            key = text(title).casefold()
            if len(shown) >= EXAMPLES or item_id in seen_ids or (key and key in seen_titles):
                continue
            seen_ids.add(item_id)
            seen_titles.add(key)
            shown.append(
                html.Li(
                    [
                        ext_link(text(title) or t("m.untitled", lang), url, className="title"),
                        html.Span(
                            f" · {source} · {local_time(published, lang)[:10]}", className="muted"
                        ),
                    ]
                )
            )
    return html.Ul(shown, className="examples")


def topic_cards(p: Params) -> html.Section:
    """The period's topics: stored by `koll analyse` for it, or found for it in the background
    from a sample of its mentions (the page polls until they are there)."""
    lang = p.ui
    assert p.brand and p.since and p.until  # body() checked them
    df, sample = data.period_topics(p.brand, p.since, p.until)
    if df is None:
        return section(t("t.topics", lang),
                       note(t("t.computing", lang, since=p.since, until=p.until)))  # fmt: skip
    if df.empty:
        return section(t("t.topics", lang), note(t("t.none", lang)))
    period_note = (
        note(t("t.sampled", lang, n=number(sample, 0, lang), since=p.since, until=p.until))
        if sample
        else None
    )
    cards = []
    shown = df.head(12)
    searches = {q: None for x in shown["terms"] for q in _queries(list(x or []))}
    # One search for every topic's examples; a few more each than shown, as some are left out
    # (the representative, a title already shown).
    found = data.examples_many(p, list(searches), EXAMPLES + 3)
    for r in shown.itertuples(index=False):
        terms = list(r.terms or [])
        term = terms[0] if terms else ""
        own = [found[q] for q in _queries(terms)]
        cards.append(
            html.Article(
                [
                    html.H3(str(r.label)),
                    html.P(", ".join(str(x) for x in terms[:8]), className="terms"),
                    html.P(
                        f"{tn('n.mentions', r.size, lang)} · {percent(r.share, 0, lang)}",
                        className="muted",
                    ),
                    html.H4(t("t.examples", lang)),
                    _examples(p, own, (r.representative_item_id, r.representative_title))
                    if term
                    else note("–"),
                    _mentions_link(p, term, lang, "t.search.topic") if term else None,
                ],
                className="topic",
            )
        )
    return section(t("t.topics", lang), period_note, html.Div(cards, className="topic-grid"))


def _ratio(r, lang: str) -> str:
    """×3,5; "ny" when the term was not used before (the library's ratio is then over a small
    smoothing count, ×64 for 32 uses, which reads as a measured rise)."""
    ratio, baseline = getattr(r, "ratio", None), getattr(r, "baseline", None)
    if baseline == 0:
        return t("t.new", lang)
    return f"×{number(ratio, 1, lang)}" if ratio is not None else "–"


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
        rows.append(
            [
                html.Strong(term),
                number(getattr(r, "current", None), 0, lang),
                number(getattr(r, "baseline", None), 0, lang),
                _ratio(r, lang),
                _mentions_link(p, term, lang, "t.search.term"),
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


def _story_link(p: Params, story_id: int, title: str) -> dcc.Link:
    href = "/mentions" + p.replace(story=int(story_id)).query(
        default_ui=data.settings().dashboard.language
    )
    return dcc.Link(title or "(utan rubrik)", href=href, className="story-link")


def _tone(pos: int, neg: int, n: int, lang: str) -> html.Span:
    """The story's net tone among the brand's mentions, coloured like the tone labels."""
    net = (pos - neg) / n if n else 0.0
    kind = "pos" if net > 0.1 else ("neg" if net < -0.1 else "neu")
    return html.Span(signed(net, 2, lang), className=f"tone tone-{kind}",
                     title=t("t.story_tone", lang, pos=tn("t.story_pos", pos, lang),
                             neg=tn("t.story_neg", neg, lang), n=tn("n.mentions", n, lang)))  # fmt: skip


def _first(brand_first, lang: str) -> html.Span | str:
    """Ja or nej; a dash for a story the brand has no post of its own in: there it could not be
    first, and Först ute on the overview (agenda_share) leaves such stories out."""
    if not present(brand_first):
        return html.Span("–", title=t("t.first_none", lang), className="muted")
    return html.Span(t("yes", lang), className="first-yes") if brand_first else t("no", lang)


def top_stories(p: Params) -> html.Section:
    """The largest stories: their tone, where they started and whether the brand was first."""
    lang = p.ui
    assert p.brand and p.since and p.until  # render_stories() checked them
    df = data.stories(p.brand, p.since, p.until, limit=8)
    if df.empty:
        return section(t("t.stories", lang), note(t("t.no_stories", lang)))
    rows = [
        [
            _story_link(p, r.story_id, text(r.title)),
            number(r.size, 0, lang),
            number(r.mentions, 0, lang),
            _tone(int(r.pos), int(r.neg), int(r.mentions), lang),
            html.Span(
                [
                    text(r.first_source),
                    html.Br(),
                    html.Span(local_time(r.first_published, lang), className="muted nowrap"),
                ]
            ),
            _first(r.brand_first, lang),
        ]  # fmt: skip
        for r in df.itertuples(index=False)
    ]
    heads = [
        t("col.story", lang),
        t("col.items", lang),
        t("col.mentions", lang),
        t("col.tone", lang),
        t("col.first_source", lang),
        t("col.brand_first", lang),
    ]
    return section(
        t("t.stories", lang),
        html.P(t("t.stories.explain", lang), className="muted"),
        table(heads, rows, numeric={1, 2, 3}, class_name="stories"),
    )


def body(p: Params) -> list:
    lang = p.ui
    if not p.brand:
        return [note(t("no_brands", lang), "warn")]
    if not p.since or not p.until:  # no end: no data yet (see data.resolve)
        return [note(t("period.none", lang))]
    return [owned_note(p.owned, PAGE, lang), topic_cards(p.replace(owned="all"))]


def render(params: dict, _version) -> list:
    return body(Params.from_dict(params))


def _unfiltered(params: dict) -> Params:
    """The page's parameters without the owned/earned filter: everything here counts all
    mentions (the page says so), so its examples and links must too."""
    return Params.from_dict(params).replace(owned="all")


def render_stories(params: dict, _version):
    p = _unfiltered(params)
    if not p.brand or not p.since or not p.until:  # no end: no data yet (see data.resolve)
        return []
    return top_stories(p)


def render_rising(params: dict, _version):
    p = _unfiltered(params)
    if not p.brand or not p.since or not p.until:  # no end: no data yet (see data.resolve)
        return []
    return rising(p)


def render_polled(params: dict, version, _n):
    """The topics, and whether to stop asking (they are there, or nothing is being found)."""
    p = Params.from_dict(params)
    # Asked before rendering: topics that arrive in between are shown, and one more poll stops.
    computing = bool(
        p.brand and p.since and p.until and data.period_topics(p.brand, p.since, p.until)[0] is None
    )
    return render(params, version), not computing


def register(app) -> None:
    app.callback(
        Output(f"{PAGE}-body", "children"),
        Output("topics-poll", "disabled"),
        Input(f"{PAGE}-params", "data"),
        Input("data-version", "data"),
        Input("topics-poll", "n_intervals"),
    )(render_polled)
    on_params(app, PAGE, "topics-rising", render_rising)
    on_params(app, PAGE, "topics-stories", render_stories)
