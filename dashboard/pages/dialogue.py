"""Dialog: the comment threads the brand has not answered, its own channels first, each with the
latest outside comment, its tone and a link, and how fast the brand answers (docs/control.md)."""

from __future__ import annotations

from dash import html

from analysis.wording import hours as response_time
from dashboard import data
from dashboard.components import ext_link, note, on_params, owned_note, section, skeleton, text
from dashboard.i18n import local_time, number, percent, t
from dashboard.mention_rows import unsure_note, unsure_tone
from dashboard.params import Params

PAGE = "dialogue"
# The page lists this many threads: a team answers a handful a day, and a crisis window of a
# big brand may hold thousands (the heading still says how many there are).
SHOWN = 50


def params_from(query: dict) -> Params:
    return data.resolve(Params.from_query(query, data.settings().dashboard.language))


def layout(**query) -> html.Div:
    p = params_from(query)
    return skeleton(PAGE, p.as_dict(), t("page.dialogue", p.ui))


def ordered(threads: list[dict]) -> list[dict]:
    """Threads on the brand's own channels first; within each, the report's order (the newest
    outside comment first): a question on your own blog is the one readers expect answered."""
    return sorted(threads, key=lambda w: not w.get("owned"))  # sorted() is stable


def wait_text(hours: float | None, lang: str) -> str:
    """A response time as a reader says it (25 minuter, 3,5 timmar, 2,5 dygn), as the report
    and the digest say it (analysis.wording.hours)."""
    return "–" if hours is None else response_time(hours, lang)


def summary(report: dict, lang: str) -> html.Div:
    """How many threads were answered, on own and others' channels, and the median wait."""

    def rate(v):
        return percent(v, 0, lang) if v is not None else t("d.no_part", lang)

    hours = report.get("response_hours")
    lines = [
        t("d.summary", lang, answered=number(report.get("dialogue_answered"), 0, lang),
          threads=number(report.get("dialogue_threads"), 0, lang),
          rate=rate(report.get("dialogue_rate"))),
        t("d.split", lang, own=rate(report.get("dialogue_own")),
          others=rate(report.get("dialogue_others"))),
        t("d.response", lang, time=wait_text(hours, lang))
        if hours is not None
        else t("d.response.none", lang),
    ]  # fmt: skip
    return html.Div(
        [html.P(line) for line in lines],
        className="summary dialogue-summary",
        id="dialogue-summary",
    )


def thread_item(w: dict, lang: str) -> html.Li:
    """One unanswered thread: the post (a link), its channel, and the latest outside comment."""
    owned = bool(w.get("owned"))
    label = text(w.get("latest_label"), "none")
    n = int(w.get("outside_comments") or 0)
    count = t("d.comments.one", lang) if n == 1 else t("d.comments", lang, n=number(n, 0, lang))
    comment = [
        html.Span(text(w.get("latest_author"), "–"), className="thread-author"),
        html.Span(local_time(w.get("latest_at"), lang), className="thread-time"),
        html.Span(t(f"tone.{label}", lang), className=f"tone tone-{label}"),
    ]
    if unsure_tone(w.get("latest_label"), w.get("latest_confidence")):
        comment.append(unsure_note(lang))  # as the Omnämnanden page marks it
    return html.Li(
        [
            html.Div(
                [
                    ext_link(
                        text(w.get("title"), t("d.untitled", lang)),
                        w.get("url"),
                        className="thread-title",
                    ),
                    html.Span(
                        t("d.owned" if owned else "d.earned", lang),
                        className="channel channel-owned" if owned else "channel",
                    ),
                    html.Span(text(w.get("source")), className="thread-source"),
                ],  # fmt: skip
                className="thread-head",
            ),
            html.Div(
                [html.Span(t("d.latest", lang), className="thread-label"), *comment],
                className="thread-meta",
            ),  # fmt: skip
            html.P(text(w.get("latest_snippet")), className="thread-snippet"),
            html.Div(
                [
                    html.Span(count),
                    # The latest outside comment itself: what to answer (the post when the
                    # comment has no link of its own).
                    ext_link(
                        t("d.open", lang),
                        w.get("latest_url") or w.get("url"),
                        className="thread-open",
                    ),
                ],
                className="thread-foot",
            ),
        ],
        className="thread thread-owned" if owned else "thread",
    )


def unanswered_list(report: dict, lang: str) -> html.Section:
    threads = ordered(report.get("unanswered") or [])
    waiting = int(report.get("dialogue_threads") or 0) - int(report.get("dialogue_answered") or 0)
    title = t("d.unanswered", lang, n=number(waiting, 0, lang))
    if not threads:
        return section(title, note(t("d.all_answered", lang)))
    shown = threads[:SHOWN]
    parts = [html.P(t("d.explain", lang), className="hint")]
    if waiting > len(shown):
        parts.append(html.P(t("d.shown", lang, shown=len(shown), n=number(waiting, 0, lang))))
    items = [thread_item(w, lang) for w in shown]
    return section(title, *parts, html.Ul(items, className="threads", id="dialogue-threads"))


def body(p: Params) -> list:
    lang = p.ui
    if not p.brand:
        return [note(t("no_brands", lang), "warn")]
    if not p.since:
        return [note(t("period.none", lang))]
    report = data.dialogue(p.brand, p.since, p.until, SHOWN)
    parts: list = [note(t("d.no_threads", lang))]
    if report.get("dialogue_threads"):
        parts = [summary(report, lang), unanswered_list(report, lang)]
    filtered = owned_note(p.owned, PAGE, lang)  # the threads are never split by it
    return [filtered, *parts] if filtered else parts


def render(params: dict, _version) -> list:
    return body(Params.from_dict(params))


def register(app) -> None:
    on_params(app, PAGE, f"{PAGE}-body", render)
