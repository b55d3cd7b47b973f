"""A digest's content, in Swedish or English: per brand the control index and what moved it,
volume and net tone, the largest stories, new alerts with their explanation, unanswered threads
and new voices; every number a link into the dashboard with the filter set. Rendered as HTML
for Outlook and Gmail (tables and inline styles, no scripts, no images) and as plain text.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from analysis import alert_text, dialogue_text
from analysis import wording as w
from analysis.index_change import judgement
from analysis.what_changed import driver_clause, index_mover, more_alerts, what_changed
from koll.config import DigestSettings, Settings
from koll.store import STOCKHOLM, Store
from koll.store.links import alert_link, dashboard_link
from koll.store.report import summary

# Okabe–Ito colours as the dashboard uses them: good and bad for the brand's control.
COLOURS = {"good": "#007a5a", "bad": "#b34700", "neutral": "#4a5260"}
# Threads listed per kind (own channels, elsewhere): a digest is read on a phone over coffee and
# five lines fit a screen; the summary line above them gives the full count.
UNANSWERED_SHOWN = 5

_ENV = Environment(
    loader=PackageLoader("koll.jobs", "templates"),
    autoescape=select_autoescape(["html.j2"]),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)

T = {
    "sv": {
        "title": "Sammanfattning",
        "yesterday": "i går",
        "week": "vecka",
        "index": "Kontrollindex",
        "mentions": "Omnämnanden",
        "tone": "Nettoton",
        "moved_by": "Kontrollindex rörde sig",
        "vs": "mot perioden innan",
        "stories": "Största nyheterna",
        "alerts": "Larm",
        "dialogue": "Dialog i kommentarerna",
        "examples": "Exempel",
        "unanswered_own": "Obesvarade trådar i egna kanaler",
        "unanswered_others": "Obesvarade trådar hos andra",
        "new_voices": "Nya röster",
        "open": "Öppna i koll",
        "no_previous": "inget att jämföra med",
        "unmeasured": "kan inte mätas i perioden",
        "unmeasured_short": "kan inte mätas",
        "footer": "Skickat av koll. Rubriker, länkar och korta utdrag; hela texterna finns hos källorna.",
        "in": "hos",
        "latest": "senaste kommentar",
    },
    "en": {
        "title": "Digest",
        "yesterday": "yesterday",
        "week": "week",
        "index": "Control index",
        "mentions": "Mentions",
        "tone": "Net tone",
        "moved_by": "Control index moved",
        "vs": "against the period before",
        "stories": "Largest stories",
        "alerts": "Alerts",
        "dialogue": "Dialogue in the comments",
        "examples": "Examples",
        "unanswered_own": "Unanswered threads on own channels",
        "unanswered_others": "Unanswered threads elsewhere",
        "new_voices": "New voices",
        "open": "Open in koll",
        "no_previous": "nothing to compare with",
        "unmeasured": "cannot be measured in the period",
        "unmeasured_short": "cannot be measured",
        "footer": "Sent by koll. Headlines, links and short snippets; the full texts are at their sources.",
        "in": "at",
        "latest": "latest comment",
    },
}


@dataclass(frozen=True)
class Built:
    subject: str
    text: str
    html: str


def period_label(since: str, until: str, every: str, lang: str) -> str:
    """'i går, 17 november' / 'vecka 47, 10–16 november' / '10–12 november'."""
    t = T["en" if lang == "en" else "sv"]
    start, end = date.fromisoformat(since), date.fromisoformat(until)
    # Only a whole week is "vecka N": an ad hoc Monday-to-Wednesday had been called one too.
    if every == "week" and start.weekday() == 0 and (end - start).days == 6:
        week = start.isocalendar().week
        return f"{t['week']} {week}, {w.window_text(since, until, lang)}"
    return w.window_text(since, until, lang)


def _measured(v) -> bool:
    return v is not None and not (isinstance(v, float) and math.isnan(v))


def _kpi(label: str, component: str, now: dict, before: dict, link, lang: str) -> dict:
    """One figure: its value, its change, or (`note`) why there is no change to show: the
    value cannot be measured this period, or the period before has none to compare with."""
    x, b = now.get(component), before.get(component)
    t = T["en" if lang == "en" else "sv"]
    change = w.change(component, x, b, lang)
    return {
        "label": label,
        "measured": _measured(x),
        "value": w.value(component, x, lang),
        "change": change,
        "note": None if change else t["unmeasured"] if not _measured(x) else t["no_previous"],
        "colour": COLOURS[judgement(component, b, x) if component != "mentions" else "neutral"],
        "link": link,
    }


def brand_section(
    store: Store, settings: Settings, brand: str, since: str, until: str, lang: str
) -> dict:
    """Everything the digest shows about one brand."""
    base = settings.notify.dashboard_url
    s = summary(store, settings, brand, since, until)
    now, before = s["control"], s["before"]
    win = {"brand": s["brand"], "since": since, "until": until}
    t = T["en" if lang == "en" else "sv"]
    # In the words of the report's and the dashboard's index sentence, which the figures above
    # stand in for here.
    moved = index_mover(now, before, s["drivers"])
    return {
        "brand": s["brand"],
        "link": dashboard_link(base, **win),
        "kpis": [
            _kpi(t["index"], "control_index", now, before, dashboard_link(base, **win), lang),
            _kpi(
                t["mentions"],
                "mentions",
                now,
                before,
                dashboard_link(base, "mentions", **win),
                lang,
            ),
            _kpi(
                t["tone"],
                "net_sentiment",
                now,
                before,
                dashboard_link(base, "mentions", owned="earned", **win),
                lang,
            ),
        ],
        "moved_by": driver_clause(moved, lang) if moved else None,
        # The figures above say index, volume and tone; the lists below, stories, the dialogue
        # and voices.
        "summary": " ".join(
            what_changed(s, lang, skip=("index", "volume", "tone", "story", "voices", "dialogue"))
        ),
        "stories": [
            {
                **st,
                "count": w.plural(
                    st["mentions"],
                    *(("mention", "mentions") if lang == "en" else ("omnämnande", "omnämnanden")),
                ),
                "link": dashboard_link(base, "mentions", story=st["id"], **win),
            }
            for st in s["stories"]
        ],
        "alerts": [alert_text.shown(a, lang, alert_link(base, a)) for a in s["alerts"]],
        "more_alerts": more_alerts(s, lang),
        "dialogue": dialogue_text.summary_line(now, lang),
        "dialogue_link": dashboard_link(base, "dialogue", **win),  # every waiting thread
        "unanswered_own": dialogue_text.threads(s["unanswered"], True, UNANSWERED_SHOWN, lang),
        "unanswered_others": dialogue_text.threads(s["unanswered"], False, UNANSWERED_SHOWN, lang),
        "new_voices": [
            {"source": src, "link": dashboard_link(base, "mentions", sources=(src,), **win)}
            for src in now.get("new_voice_sources") or []
        ],
        "new_voices_count": now.get("new_voices") or 0,
    }


def subject(sections: list[dict], label: str, lang: str) -> str:
    """'koll 17 november: Fjällkraft kontrollindex 42 (−2), Nordvind 55 (+1)'; a brand whose
    index cannot be measured says so ('Nordvind kan inte mätas'), never a lone dash."""
    t = T["en" if lang == "en" else "sv"]
    parts = []
    for i, sec in enumerate(sections):
        k = sec["kpis"][0]
        change = f" ({k['change']})" if k["change"] else ""
        value = f"{k['value']}{change}" if k["measured"] else t["unmeasured_short"]
        name = f"{sec['brand']} {k['label'].lower()}" if i == 0 else sec["brand"]
        parts.append(f"{name} {value}")
    return f"koll {label}: {', '.join(parts)}"


def build(store: Store, settings: Settings, digest: DigestSettings, period) -> Built:
    """The digest of `digest` for `period` (koll.jobs.digest.Period): subject, text and HTML."""
    lang = "en" if settings.dashboard.language == "en" else "sv"
    label = period_label(period.since, period.until, period.every, lang)
    due_day = period.due.astimezone(STOCKHOLM).date()
    if period.since == period.until and date.fromisoformat(period.until) == due_day - timedelta(
        days=1
    ):
        label = f"{T[lang]['yesterday']}, {label}"
    sections = [
        brand_section(store, settings, b, period.since, period.until, lang) for b in digest.brands
    ]
    context = {"t": T[lang], "lang": lang, "label": label, "sections": sections, "colours": COLOURS}
    return Built(
        subject=subject(sections, label, lang),
        text=_ENV.get_template("digest.txt.j2").render(**context),
        html=_ENV.get_template("digest.html.j2").render(**context),
    )
