"""'What changed', written from the numbers alone: the control index and what moved it, volume,
tone, the largest story, new voices, the comment threads answered and waiting, and alerts, each
a sentence only when there is something to say. No free text is guessed; every clause is a
number koll measured, in Swedish or English.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from analysis import wording as w
from analysis.dialogue_text import summary_line as dialogue_sentence

# Smaller moves than these are "unchanged": one index point or three percentage points are
# within what one more or one fewer mention moves in a small window. The index itself is judged
# on its whole points as written (_steady), so that the sentence agrees with the table's change;
# INDEX_STEADY is the move a driver must explain.
INDEX_STEADY = 1.0
SHARE_STEADY = 0.03
TONE_STEADY = 0.05


def _en(lang: str) -> bool:
    return lang == "en"


def _direction(now: float, before: float, steady: float, lang: str) -> str:
    if abs(now - before) < steady:
        return "held steady at" if _en(lang) else "låg kvar på"
    if now > before:
        return "rose from {b} to" if _en(lang) else "steg från {b} till"
    return "fell from {b} to" if _en(lang) else "sjönk från {b} till"


def _steady(x: float, b: float) -> bool:
    """The index did not move as written (whole numbers): "låg kvar på 46" beside "+1" in the
    same report, and "steg från 46 till 46 (±0)" for 45.5 -> 46.5 (QA, 2026-12-07)."""
    return round(x) == round(b)


def index_driver(now: Mapping, before: Mapping, drivers: Sequence[Mapping]) -> str | None:
    """The component that moved the index most in the direction it went (one that pulled the
    other way is not why it moved); None when the index did not move."""
    x, b = now.get("control_index"), before.get("control_index")
    if x is None or b is None or _steady(x, b):
        return None
    same = [
        d for d in drivers if d["points"] * (x - b) > 0 and abs(d["points"]) >= INDEX_STEADY / 2
    ]
    return max(same, key=lambda d: abs(d["points"]))["component"] if same else None


def index_sentence(
    now: Mapping, before: Mapping, drivers: Sequence[Mapping], lang: str
) -> str | None:
    """'Kontrollindex steg från 38 till 42 (+4), mest genom Dialog (+10,0 poäng).'"""
    x, b = now.get("control_index"), before.get("control_index")
    if x is None:
        return None
    name = w.name("control_index", lang)
    if b is None:
        if _en(lang):
            return f"{name} was {w.value('control_index', x, lang)}; there is no value for the period before to compare with."
        return f"{name} var {w.value('control_index', x, lang)}; för perioden innan finns inget värde att jämföra med."
    # Judged on the values as written: 45.42 -> 46.29 "held steady at 46" beside a change of +1.
    verb = _direction(round(x), round(b), 0.5, lang).format(b=w.value("control_index", b, lang))
    text = f"{name} {verb} {w.value('control_index', x, lang)}"
    if not _steady(x, b):
        text += f" ({w.change('control_index', x, b, lang)})"
        top = index_mover(now, before, drivers)
        if top:
            text += ", " + driver_clause(top, lang)
    return text + "."


def index_mover(now: Mapping, before: Mapping, drivers: Sequence[Mapping]) -> Mapping | None:
    """The row of `drivers` of the component index_driver names; None when there is none."""
    component = index_driver(now, before, drivers)
    return next((d for d in drivers if d["component"] == component), None)


def driver_clause(top: Mapping, lang: str) -> str:
    """Why the index moved ('mest genom dialog (+10,0 poäng)'), as the index sentence and the
    digest say it: the component's points, or that it left the index or came back to it (a
    component that cannot be measured is left out of the average, which moves it)."""
    # The name as the cards write it, quoted: lower-cased inside the sentence, "mest genom först
    # ute" was no Swedish ("Först ute" is no noun) (QA, 2026-12-07).
    what = w.quoted(w.name(top["component"], lang), lang)
    if top["after"] is None:
        if _en(lang):
            return f"mostly because {what} could not be measured"
        return f"mest för att {what} inte kunde mätas"
    unit = "points" if _en(lang) else "poäng"
    text = f"{'mostly through' if _en(lang) else 'mest genom'} {what} ({w.signed(top['points'], 1, lang)} {unit})"
    if top["before"] is None:
        text += (", which could not be measured the period before" if _en(lang)
                 else ", som inte kunde mätas perioden innan")  # fmt: skip
    return text


def volume_sentence(now: Mapping, before: Mapping, lang: str) -> str | None:
    x, b = now.get("mentions"), before.get("mentions")
    if x is None:
        return None
    if not b:
        return (f"{w.plural(x, 'mention', 'mentions')}; none the period before." if _en(lang)
                else f"{w.plural(x, 'omnämnande', 'omnämnanden')}; inga perioden innan.")  # fmt: skip
    if x == b:
        return (
            f"As many mentions as before: {w.num(x)}."
            if _en(lang)
            else f"Lika många omnämnanden som innan: {w.num(x)}."
        )
    rel = w.pct(abs(x - b) / b, 0, lang)
    if _en(lang):
        return f"Mentions {'rose' if x > b else 'fell'} from {w.num(b)} to {w.num(x)} ({'+' if x > b else '−'}{rel})."
    return f"Omnämnandena {'ökade' if x > b else 'minskade'} från {w.num(b)} till {w.num(x)} ({'+' if x > b else '−'}{rel})."


def tone_sentence(now: Mapping, before: Mapping, lang: str) -> str | None:
    x, b = now.get("net_sentiment"), before.get("net_sentiment")
    if x is None:
        return None
    name = w.name("net_sentiment", lang)
    if b is None:
        return f"{name}: {w.value('net_sentiment', x, lang)}."
    verb = _direction(x, b, TONE_STEADY, lang).format(b=w.value("net_sentiment", b, lang))
    return f"{name} {verb} {w.value('net_sentiment', x, lang)}."


def mover_sentence(drivers: Sequence[Mapping], lang: str, skip: str | None) -> str | None:
    """The component (other than the one the index sentence named) whose value moved most."""
    moved = [
        d for d in drivers if d["component"] != skip
        if d["before"] is not None and d["after"] is not None and d["component"] != "net_sentiment"
        and abs(d["after"] - d["before"]) >= SHARE_STEADY
    ]  # fmt: skip
    if not moved:
        return None
    d = max(moved, key=lambda d: abs(d["after"] - d["before"]))
    c = d["component"]
    verb = _direction(d["after"], d["before"], SHARE_STEADY, lang).format(
        b=w.value(c, d["before"], lang)
    )
    return f"{w.name(c, lang)} {verb} {w.value(c, d['after'], lang)}."


def story_sentence(stories: Sequence[Mapping], lang: str) -> str | None:
    """The story with the most of the period's mentions (the first listed of those tied):
    the list is ordered by a story's whole size, and its first, grown mostly before the
    period, was named the largest with 1 mention beside one of 2 (QA, 2026-12-07)."""
    if not stories:
        return None
    s = max(stories, key=lambda x: x["mentions"])
    if _en(lang):
        return f"The largest story, “{s['title']}”, had {w.plural(s['mentions'], 'mention', 'mentions')}."
    return f"Största nyheten, ”{s['title']}”, hade {w.plural(s['mentions'], 'omnämnande', 'omnämnanden')}."


def voices_sentence(now: Mapping, lang: str) -> str | None:
    n = now.get("new_voices")
    if not n:
        return None
    names = ", ".join(list(now.get("new_voice_sources") or [])[:3])
    others = " and others" if _en(lang) else " med flera"
    more = f": {names}" + (others if n > 3 else "") if names else ""
    if _en(lang):
        return f"{w.plural(n, 'new source', 'new sources')} wrote about the brand{more}."
    return f"{w.plural(n, 'ny källa', 'nya källor')} skrev om varumärket{more}."


# The kinds in the order the sentence names them: the most important first.
_ALERT_WORDS = {
    "volume": ("toppar i volym", "volume spikes"),
    "negative": ("negativ ton", "negative tone"),
    "term": ("ord som ökar", "rising words"),
    "topic": ("ämnen som ökar", "rising topics"),
}


def alerts_sentence(counts: Mapping[str, int], lang: str) -> str | None:
    """'koll larmade 21 gånger (toppar i volym, negativ ton, …).' for every alert of the
    window by kind (`counts`), not only those a digest or report has room to list."""
    n = sum(counts.values())
    if not n:
        return None
    order = list(_ALERT_WORDS)
    kinds = sorted(counts, key=lambda k: (order.index(k) if k in order else len(order), k))
    what = ", ".join(_ALERT_WORDS.get(k, (k, k))[1 if _en(lang) else 0] for k in kinds)
    if _en(lang):
        return f"koll raised {w.plural(n, 'alert', 'alerts')} ({what})."
    return f"koll larmade {n} {'gång' if n == 1 else 'gånger'} ({what})."


def more_alerts(summary: Mapping, lang: str) -> str | None:
    """'… och 1 larm till.' under a list of alerts that had no room for every one."""
    n = sum(_alert_counts(summary).values()) - len(summary.get("alerts") or [])
    if n <= 0:
        return None
    if _en(lang):
        return f"… and {w.plural(n, 'more alert', 'more alerts')}."
    return f"… och {w.num(n)} larm till."


def _alert_counts(summary: Mapping) -> dict[str, int]:
    """Every alert of the window by kind: the summary's count, else its listed alerts'."""
    if summary.get("alert_counts") is not None:
        return dict(summary["alert_counts"])
    counts: dict[str, int] = {}
    for a in summary.get("alerts") or []:
        counts[a["kind"]] = counts.get(a["kind"], 0) + 1
    return counts


SENTENCES = ("index", "volume", "tone", "mover", "story", "voices", "dialogue", "alerts")


def what_changed(summary: Mapping, lang: str = "sv", skip: Sequence[str] = ()) -> list[str]:
    """The paragraph's sentences for a summary (koll.store.report.summary), in SENTENCES order;
    `skip` leaves out those a reader sees elsewhere (a digest shows index, volume and tone as
    figures above its paragraph)."""
    now, before, drivers = summary["control"], summary["before"], summary.get("drivers") or []
    if not now.get("mentions"):
        return ["No mentions in the period." if _en(lang) else "Inga omnämnanden i perioden."]
    parts = {
        "index": lambda: index_sentence(now, before, drivers, lang),
        "volume": lambda: volume_sentence(now, before, lang),
        "tone": lambda: tone_sentence(now, before, lang),
        "mover": lambda: mover_sentence(drivers, lang, index_driver(now, before, drivers)),
        "story": lambda: story_sentence(summary.get("stories") or [], lang),
        "voices": lambda: voices_sentence(now, lang),
        "dialogue": lambda: dialogue_sentence(now, lang),
        "alerts": lambda: alerts_sentence(_alert_counts(summary), lang),
    }
    return [p for k in SENTENCES if k not in skip and (p := parts[k]())]
