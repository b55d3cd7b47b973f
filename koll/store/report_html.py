"""The report as one self-contained HTML file: every component with its change and a one-line
reading, "what changed" written from the numbers, the charts with plotly.js inline (so the file
opens offline and from a mail attachment) and print CSS for A4.

`koll report` writes it and the dashboard's "Skriv ut" serves it, from the same template
(koll/store/templates/report.html.j2): one report, whichever way it is asked for.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from analysis import alert_text, dialogue_text
from analysis import wording as w
from analysis.index_change import judgement
from analysis.what_changed import more_alerts, what_changed
from koll.store import STOCKHOLM, report_charts
from koll.store.links import alert_link, dashboard_link

# Every component the report lists, in reading order (the ones a store cannot give are skipped).
ROWS = [
    "control_index",
    "owned_share",
    "echo_rate",
    "agenda_share",
    "dialogue_rate",
    "dialogue_own",
    "dialogue_others",
    "response_hours",
    "net_sentiment",
    "share_of_voice",
    "personal_share",
    "effective_voices",
    "new_voices",
    "mentions",
]
# The report lists the newest unanswered threads, own channels and elsewhere together: two A4
# pages' worth at most (koll control lists 50; the dashboard and ws.unanswered() have them all).
REPORT_THREADS = 20
COLOURS = {"good": "#007a5a", "bad": "#b34700", "neutral": "#4a5260"}

T = {
    "sv": {
        "title": "Rapport",
        "compared": "jämfört med",
        "what_changed": "Vad förändrades",
        "components": "Kontrollindex och dess delar",
        "component": "Del",
        "value": "Värde",
        "change": "Förändring",
        "reading": "Läsning",
        "over_time": "Volym och ton över tid",
        "sov": "Andel av rösterna mot konkurrenterna",
        "no_competitors": "Inga konkurrenter angivna (competitors under [[brands]] i koll.toml).",
        "no_mentions": "Inga omnämnanden i perioden.",
        "stories": "Största nyheterna",
        "story": "Nyhet",
        "source": "Källa",
        "mentions": "Omnämnanden",
        "owned": "varav egna",
        "topics": "Ämnen",
        "topic": "Ämne",
        "terms": "Ord",
        "share": "Andel",
        "sources": "Källor och nya röster",
        "new_voices": "Nya röster",
        "none": "Inga.",
        "unanswered": "Obesvarade trådar",
        "no_threads": "Inga kommentarstrådar med kommentarer från andra i perioden.",
        "thread": "Tråd",
        "where": "Var",
        "latest": "Senaste kommentar",
        "alerts": "Larm i perioden",
        "generated": "Skapad",
        "print": "Skriv ut eller spara som PDF",
        "footer": "koll: rubriker, länkar och korta utdrag; hela texterna finns hos källorna.",
    },
    "en": {
        "title": "Report",
        "compared": "compared with",
        "what_changed": "What changed",
        "components": "Control index and its parts",
        "component": "Part",
        "value": "Value",
        "change": "Change",
        "reading": "Reading",
        "over_time": "Volume and tone over time",
        "sov": "Share of voice against competitors",
        "no_competitors": "No competitors set (competitors under [[brands]] in koll.toml).",
        "no_mentions": "No mentions in the period.",
        "stories": "Largest stories",
        "story": "Story",
        "source": "Source",
        "mentions": "Mentions",
        "owned": "of which owned",
        "topics": "Topics",
        "topic": "Topic",
        "terms": "Terms",
        "share": "Share",
        "sources": "Sources and new voices",
        "new_voices": "New voices",
        "none": "None.",
        "unanswered": "Unanswered threads",
        "no_threads": "No comment threads with comments from others in the period.",
        "thread": "Thread",
        "where": "Where",
        "latest": "Latest comment",
        "alerts": "Alerts in the period",
        "generated": "Generated",
        "print": "Print or save as PDF",
        "footer": "koll: headlines, links and short snippets; the full texts are at their sources.",
    },
}

_ENV = Environment(
    loader=PackageLoader("koll.store", "templates"),
    autoescape=select_autoescape(["html.j2"]),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


@cache
def plotly_js() -> str:
    """plotly.js itself (the Python package ships it), to be inlined: no CDN, works offline."""
    from plotly.offline import get_plotlyjs

    return get_plotlyjs()


def _components(now: dict, before: dict, lang: str, weighted: bool = False) -> list[dict]:
    # A window before without mentions has nothing to compare with: "–", as on the dashboard's
    # cards, not "+252" against its zero.
    before = before if before.get("mentions", 1) != 0 else {}
    used = list(now.get("components_used") or [])
    return [
        {
            "name": w.name(c, lang),
            "value": w.value(c, now.get(c), lang),
            "change": w.change(c, now.get(c), before.get(c), lang) or "–",
            "colour": COLOURS[judgement(c, before.get(c), now.get(c))],
            "reading": w.index_reading(now.get(c), used, weighted, lang)
            if c == "control_index"
            else w.reading(c, now.get(c), lang),
            "index": c == "control_index",
        }
        for c in ROWS
        if c in now
    ]


def _charts(data: dict, lang: str) -> list[dict]:
    """The charts over the report's window; the brand's volume and tone only when it was
    mentioned (the template says there were no mentions instead of drawing empty axes)."""
    brand, daily, window = data["brand"], data["daily"], (data["since"], data["until"])
    charts = []
    if any(r["brand"] == brand and r["mentions"] for r in daily):
        charts += [
            {"id": "chart-volume", "figure": report_charts.volume(daily, brand, *window, lang)},
            {"id": "chart-tone", "figure": report_charts.tone(daily, brand, *window, lang)},
        ]
    if data["competitors"] and daily:
        brands = [brand, *data["competitors"]]
        sov = report_charts.share_of_voice(daily, brands, *window, lang)
        charts.append({"id": "chart-sov", "figure": sov})
    if data["sources"]:
        charts.append(
            {"id": "chart-sources", "figure": report_charts.sources(data["sources"], lang)}
        )
    for c in charts:  # JSON inside <script>: "</" must not end the script early
        c["json"] = json.dumps(c["figure"], ensure_ascii=False).replace("</", "<\\/")
    return charts


def context(data: dict, lang: str = "sv", dashboard_url: str | None = None) -> dict:
    """Everything the template shows, as text (numbers formatted, links built)."""
    lang = "en" if lang == "en" else "sv"
    now, before = data["control"], data["before"]
    win = {"brand": data["brand"], "since": data["since"], "until": data["until"]}
    ps, pu = data["previous"]
    charts = _charts(data, lang)
    return {
        "t": T[lang],
        "lang": lang,
        "brand": data["brand"],
        "window": w.window_text(data["since"], data["until"], lang, year=True),
        "previous": w.window_text(ps, pu, lang, year=True),
        "link": dashboard_link(dashboard_url, **win),
        "generated": datetime.now(UTC).astimezone(STOCKHOLM).strftime("%Y-%m-%d %H:%M"),
        "what_changed": what_changed(data, lang),
        "components": _components(now, before, lang, bool(data.get("weighted"))),
        "charts": charts,
        "has_competitors": bool(data["competitors"]),
        "no_mentions": not any(c["id"] == "chart-volume" for c in charts),
        "stories": [
            {**s, "link": dashboard_link(dashboard_url, "mentions", story=s["id"], **win)}
            for s in data["stories"]
        ],
        "topics": [
            {
                "label": tp["label"],
                "terms": ", ".join(list(tp["terms"])[:6]),
                "size": w.num(tp["size"]),
                "share": w.pct(tp["share"], 0, lang),
            }
            for tp in data["topics"]
        ],  # fmt: skip
        "new_voices": [
            {"source": s, "link": dashboard_link(dashboard_url, "mentions", sources=(s,), **win)}
            for s in now.get("new_voice_sources") or []
        ],
        "dialogue": dialogue_text.summary_line(now, lang),
        "dialogue_link": dashboard_link(dashboard_url, "dialogue", **win),
        "threads": dialogue_text.threads(data["unanswered"], None, REPORT_THREADS, lang),
        "alerts": [
            alert_text.shown(a, lang, alert_link(dashboard_url, a)) for a in data["alerts"]
        ],  # fmt: skip
        "more_alerts": more_alerts(data, lang),
    }


def render_report(
    data: dict, lang: str = "sv", dashboard_url: str | None = None, *, print_on_load: bool = False
) -> str:
    """The report's HTML for `data` (koll.store.report.report_data)."""
    ctx = context(data, lang, dashboard_url)
    return _ENV.get_template("report.html.j2").render(
        **ctx, plotly_js=plotly_js(), print_on_load=print_on_load
    )
