"""Jämför: share of voice and tone against the brand's configured competitors over time."""

from __future__ import annotations

from dash import html

from dashboard import data, figures
from dashboard.components import graph, note, on_params, owned_note, section, skeleton, table
from dashboard.i18n import number, percent, signed, t
from dashboard.params import Params

PAGE = "compare"


def params_from(query: dict) -> Params:
    return data.resolve(Params.from_query(query, data.settings().dashboard.language))


def layout(**query) -> html.Div:
    p = params_from(query)
    return skeleton(PAGE, p.as_dict(), t("page.compare", p.ui))


def summary_table(totals, lang: str, control=None) -> html.Table:
    """One row per brand: its mentions under the page's filter (`totals`), and the control
    measures over all its mentions (`control`, the totals without the owned/earned filter;
    `totals` when None), as the overview's cards count them. A brand without mentions has its
    row too (data.compare_counts): 0, 0 % and "kan inte mätas" for its owned share and tone."""
    control = totals if control is None else control
    shown = dict(zip(totals["brand"], totals["mentions"], strict=True))
    all_mentions = int(control["mentions"].sum()) or 1
    rows = []
    for r in control.itertuples(index=False):
        net = (r.pos - r.neg) / r.earned if r.earned else None
        rows.append(
            [
                r.brand,
                number(shown.get(r.brand, 0), 0, lang),
                percent(r.mentions / all_mentions, 0, lang),
                percent(r.owned / r.mentions, 0, lang) if r.mentions else t("unmeasurable", lang),
                signed(net, 2, lang) if net is not None else t("unmeasurable", lang),
            ]
        )
    return table(
        [
            t("col.brand", lang),
            t("col.mentions", lang),
            t("col.sov", lang),
            t("col.owned_share", lang),
            t("col.net_tone", lang),
        ],
        rows,
        numeric={1, 2, 3, 4},
        class_name="compare",
    )


def body(p: Params) -> list:
    lang = p.ui
    if not p.brand:
        return [note(t("no_brands", lang), "warn")]
    if not p.since:
        return [note(t("period.none", lang))]
    rivals = data.competitors(p.brand)
    brands = [p.brand, *rivals]
    daily, totals, control = data.compare_counts(p, brands)
    out: list = []
    if not rivals:
        out.append(note(t("c.no_competitors", lang, brand=p.brand), "warn"))
    out += [
        # The table's control measures count all mentions; the filter must not seem to apply.
        owned_note(p.owned, PAGE, lang),
        section(
            t("c.summary", lang),
            summary_table(totals, lang, control) if not control.empty else note(t("no_data", lang)),
        ),
        html.Div(
            [
                html.Div(
                    graph(
                        "compare-sov",
                        figures.share_of_voice(daily, brands, lang, p.since, p.until),
                        lang,
                    ),
                    className="card",
                ),
                html.Div(
                    graph(
                        "compare-tone",
                        figures.net_tone(daily, brands, lang, p.since, p.until),
                        lang,
                    ),
                    className="card",
                ),
            ],
            className="row",
        ),
        html.Div(
            graph("compare-tone-shares", figures.tone_shares(totals, lang), lang),
            className="card",
        ),
    ]
    return out


def render(params: dict, _version) -> list:
    return body(Params.from_dict(params))


def register(app) -> None:
    on_params(app, PAGE, f"{PAGE}-body", render)
