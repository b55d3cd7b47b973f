"""The overview's control cards: the index, what moved it and each component against the period
before, each change marked good or bad for the brand's control (analysis.index_change)."""

from __future__ import annotations

from dataclasses import dataclass

from dash import dcc, html

from analysis.index_change import index_drivers, judgement
from analysis.wording import shown_change
from dashboard.i18n import number, percent, signed, t

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
HOW = dict(CARDS)
#: How many of the most changed components a phone shows right under the index.
TOP_CHANGES = 3


@dataclass(frozen=True)
class Comparison:
    """What the cards are compared with: the previous window and what the store holds."""

    since: str | None = None  # the previous window
    until: str | None = None
    first_day: str | None = None  # the brand's first day with data (asked when the window is empty)
    weights: dict | None = None
    dialogue_href: str | None = None  # where the Dialog card leads (the unanswered threads)


def has_data(report: dict | None) -> bool:
    """Whether a window's report has anything to compare with (no mentions: nothing)."""
    return report is not None and report.get("mentions", 1) != 0


def value_text(v, how: str, lang: str) -> str:
    if how == "share":
        return percent(v, 0, lang)
    if how == "tone":
        return signed(v, 2, lang)
    if how == "decimal":
        return number(v, 1, lang)
    return number(v, 0, lang)


def delta_text(cur, prev, how: str, lang: str) -> str:
    """The change, in the unit a reader expects: percentage points for shares."""
    # Between the values as the cards write them (analysis.wording.shown_change).
    if how == "share":
        # Percentage points, not percent: 20 % -> 25 % is +5 procentenheter, not +25 %. Written
        # out: "p.e." is no abbreviation Swedish readers know (QA, 2026-12-07).
        unit = "procentenheter" if lang != "en" else "pp"
        return f"{signed(shown_change(cur, prev, 0, 100), 0, lang)} {unit}"
    if how == "tone":
        return signed(shown_change(cur, prev, 2), 2, lang)
    if how == "decimal":
        return signed(shown_change(cur, prev, 1), 1, lang)
    return signed(shown_change(cur, prev, 0), 0, lang)


def _trend(component: str, cur, prev, how: str, lang: str, vs: str) -> html.Div:
    """▲/▼ and the change, coloured by what it means for control (good, bad or neither)."""
    if cur is None or prev is None:
        return html.Div("", className="trend flat")
    verdict = judgement(component, prev, cur)
    direction = "flat" if cur == prev else ("up" if cur > prev else "down")
    return html.Div(
        f"{delta_text(cur, prev, how, lang)} {vs}",
        className=f"trend {direction} {verdict}",
        title=t(f"verdict.{verdict}", lang),
    )


def driver_sentence(report: dict, previous: dict, comparison: Comparison, lang: str) -> str:
    """The component that moved the index most, in words ("Dialogen föll från 50 % till 0 %")."""
    drivers = index_drivers(report, previous, comparison.weights)
    if not drivers or abs(drivers[0].points) < 0.5:
        return t("driver.none", lang) if drivers else ""
    d = drivers[0]
    name = t(f"c.{d.component}.the", lang)
    how = HOW[d.component]
    points = signed(d.points, 0, lang)
    if d.before is None:
        main = t("driver.entered", lang, name=name, after=value_text(d.after, how, lang))
    elif d.after is None:
        main = t("driver.left", lang, name=name, before=value_text(d.before, how, lang))
    else:
        verb = t("driver.rose" if d.after > d.before else "driver.fell", lang)
        main = t(
            "driver.moved",
            lang,
            name=name,
            verb=verb,
            before=value_text(d.before, how, lang),
            after=value_text(d.after, how, lang),
        )
        if d.component == "dialogue_rate":
            # The count, not len(unanswered): the report lists at most 50 of them.
            waiting = report.get("dialogue_threads", 0) - report.get("dialogue_answered", 0)
            key = "driver.unanswered.one" if waiting == 1 else "driver.unanswered"
            main += ": " + t(key, lang, n=number(waiting, 0, lang))
    return t("driver.sentence", lang, main=main, points=points)


def _no_comparison(comparison: Comparison, previous: dict | None, lang: str) -> str | None:
    """One sentence when the previous window holds nothing to compare with (else None)."""
    if not comparison.since or has_data(previous):
        return None
    # "Data starts on …" explains the empty window only when all of it lies before that day;
    # a gap in the data after it (a quiet week) is just an empty window.
    if comparison.first_day and comparison.until and comparison.until < comparison.first_day:
        return t("compare.empty_since", lang, first=comparison.first_day,
                 since=comparison.since, until=comparison.until)  # fmt: skip
    return t("compare.empty", lang, since=comparison.since, until=comparison.until)


def index_card(report: dict | None, previous: dict | None, comparison: Comparison, lang: str):
    if report is None:
        return _index_div(t("not_computed", lang), [], lang)
    ci = report.get("control_index")
    value = number(ci, 0, lang) if ci is not None else t("unmeasurable", lang)
    missing = _no_comparison(comparison, previous, lang)
    vs = t("vs_window", lang, since=comparison.since, until=comparison.until)
    rest: list = []
    if missing:
        rest.append(html.P(missing, className="kpi-compare", id="control-compare"))
    elif ci is not None and previous is not None:
        pci = previous.get("control_index")
        rest.append(_trend("control_index", ci, pci, "count", lang, vs))
        rest.append(html.P(driver_sentence(report, previous, comparison, lang),
                           className="kpi-driver", id="control-driver"))  # fmt: skip
    used_names = [t(f"c.{c}", lang) for c in report.get("components_used", [])]
    if used_names:
        rest.append(
            html.P(f"{t('components_used', lang)}: {', '.join(used_names)}", className="kpi-used")
        )
    return _index_div(value, rest, lang)


def _index_div(value: str, rest: list, lang: str) -> html.Div:
    return html.Div(
        [
            html.Div(t("control_index", lang), className="kpi-name"),
            html.Div(value, className="kpi-value big", id="control-index-value"),
            *rest,
            html.P(t("control_index.explain", lang), className="kpi-explain"),
        ],
        className="kpi kpi-index",
    )


def _card(key: str, report, previous, comparison: Comparison, top: bool, lang: str) -> html.Div:
    how = HOW[key]
    vs = t("vs_previous_short", lang)
    if report is None:
        value, cls, trend = t("not_computed", lang), "kpi-value missing", None
    else:
        cur = report.get(key)
        prev = previous.get(key) if has_data(previous) else None
        if cur is None:
            value, cls, trend = t("unmeasurable", lang), "kpi-value missing", None
        else:
            value, cls = value_text(cur, how, lang), "kpi-value"
            trend = _trend(key, cur, prev, how, lang, vs)
    name: str | dcc.Link = t(f"c.{key}", lang)
    if key == "dialogue_rate" and comparison.dialogue_href:
        name = dcc.Link(name, href=comparison.dialogue_href, id="kpi-dialogue-link")
    return html.Div(
        [
            html.Div(name, className="kpi-name"),
            html.Div(value, className=cls),
            trend,
            _all_new(key, report, previous, lang),
            html.P(t(f"c.{key}.explain", lang), className="kpi-explain"),
        ],
        className="kpi top-change" if top else "kpi",
        id=f"kpi-{key}",
    )


def _all_new(key: str, report, previous, lang: str) -> html.P | None:
    """Under Nya röster, when the period before has no mentions: every source of the period
    counts as new (the definition, the same number as `koll control`), which beside "Ingen
    jämförelse" reads as that many newcomers unless it is said."""
    if key != "new_voices" or not report or not report.get(key) or previous is None:
        return None
    if has_data(previous):
        return None
    note = t("new_voices.all_new", lang)  # lower case: the Sources page puts it in brackets
    return html.P(note[:1].upper() + note[1:], className="kpi-note", id="kpi-new_voices-note")


def _most_changed(report, previous, comparison: Comparison) -> set[str]:
    """The components whose change moved the index most (shown first on a phone)."""
    if not report or not has_data(previous):
        return set()
    drivers = index_drivers(report, previous, comparison.weights)
    return {d.component for d in drivers[:TOP_CHANGES] if d.points}


def control_cards(
    report: dict | None,
    previous: dict | None,
    lang: str,
    comparison: Comparison | None = None,
) -> html.Div:
    """The control index and one card per component; unavailable values say why, never 0."""
    comparison = comparison or Comparison()
    top = _most_changed(report, previous, comparison)
    cards = [_card(key, report, previous, comparison, key in top, lang) for key, _how in CARDS]
    return html.Div(
        [index_card(report, previous, comparison, lang), html.Div(cards, className="kpi-grid")],
        className="control",
    )
