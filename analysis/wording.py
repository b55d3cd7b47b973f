"""Numbers, dates and the control components in words, in Swedish or English, for the texts koll
writes itself (alerts, digests, reports): pure functions, numbers in and sentences out.

Swedish writes a decimal comma, a (no-break) space between thousands and before "%", and
percentage points as "procentenheter"; a change in a share is always given in points, never as
a percentage of the share (20 % -> 25 % is +5 points, not +25 %).
"""

from __future__ import annotations

import math
from datetime import date

NBSP = "\u00a0"
MINUS = "\u2212"  # a real minus sign reads better than a hyphen in running text

_MONTHS = {
    "sv": "januari februari mars april maj juni juli augusti september oktober november december",
    "en": "January February March April May June July August September October November December",
}


def month_names(lang: str) -> list[str]:
    """The twelve months' names in `lang` (Swedish unless 'en'), January first."""
    return _MONTHS["en" if lang == "en" else "sv"].split()


def _missing(x) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


def num(x, decimals: int = 0, lang: str = "sv") -> str:
    """12345.6 -> '12 345,6' (sv) or '12,345.6' (en); None -> '–'."""
    if _missing(x):
        return "–"
    r = round(float(x), decimals)
    text = f"{abs(r):,.{decimals}f}"
    if lang != "en":
        text = text.replace(",", NBSP).replace(".", ",")
    return (MINUS if r < 0 else "") + text


def signed(x, decimals: int = 0, lang: str = "sv") -> str:
    """+3 / −2 / ±0 (a change)."""
    if _missing(x):
        return "–"
    text = num(x, decimals, lang)
    if text.startswith(MINUS):
        return text
    return ("±" if round(float(x), decimals) == 0 else "+") + text


def pct(share, decimals: int = 0, lang: str = "sv") -> str:
    """0.534 -> '53 %' (sv) or '53%' (en)."""
    if _missing(share):
        return "–"
    return num(100 * share, decimals, lang) + (f"{NBSP}%" if lang != "en" else "%")


def points(delta, lang: str = "sv") -> str:
    """A change of a share in percentage points: +5 procentenheter / +5 points."""
    if _missing(delta):
        return "–"
    unit = "procentenheter" if lang != "en" else "points"
    if round(abs(100 * delta)) == 1:
        unit = "procentenhet" if lang != "en" else "point"
    return f"{signed(100 * delta, 0, lang)} {unit}"


def day_text(day: str, lang: str = "sv") -> str:
    """'2026-11-17' -> '17 november' (sv) / 'November 17' (en)."""
    d = date.fromisoformat(day)
    month = month_names(lang)[d.month - 1]
    return f"{month} {d.day}" if lang == "en" else f"{d.day} {month}"


def _dated(day: str, lang: str) -> str:
    """'2025-12-20' -> '20 december 2025' (sv) / 'December 20, 2025' (en)."""
    return f"{day_text(day, lang)}{',' if lang == 'en' else ''} {day[:4]}"


def window_text(since: str, until: str, lang: str = "sv", year: bool = False) -> str:
    """'17 november' for one day, else '10–16 november' / '28 oktober–3 november'; with `year`,
    '10–16 november 2026', and a window across a new year with both its years ('20 december
    2025–10 januari 2026': a report headed "1 november–5 december 2026" had covered 400
    days)."""
    if year:
        s, u = date.fromisoformat(since), date.fromisoformat(until)
        if s.year != u.year:
            return f"{_dated(since, lang)}–{_dated(until, lang)}"
        return f"{window_text(since, until, lang)}{',' if lang == 'en' else ''} {u.year}"
    if since == until:
        return day_text(since, lang)
    s, u = date.fromisoformat(since), date.fromisoformat(until)
    if (s.year, s.month) == (u.year, u.month):
        if lang == "en":
            return f"{day_text(since, lang)}–{u.day}"
        return f"{s.day}–{day_text(until, lang)}"
    return f"{day_text(since, lang)}–{day_text(until, lang)}"


def quoted(text: str, lang: str = "sv") -> str:
    """”Först ute” (sv) / “Agenda setting” (en): a name used inside a sentence."""
    return f"“{text}”" if lang == "en" else f"”{text}”"


def plural(n: int, one: str, many: str) -> str:
    return f"{num(n)} {one if n == 1 else many}"


def hours(h: float, lang: str) -> str:
    """A response time: "40 minuter" / "3,5 timmar" / "2,5 dygn" (en: minutes, hours, days), as
    the Dialog page, the report and the digest say it."""
    if h < 1:
        m = max(1, round(h * 60))
        return (
            f"{m} {'minute' if m == 1 else 'minutes'}"
            if lang == "en"
            else f"{m} minut{'' if m == 1 else 'er'}"
        )
    if h < 48:
        r = round(h, 1) if h < 10 else round(h)
        n = num(r, 0 if r == int(r) else 1, lang)
        return (
            f"{n} {'hour' if r == 1 else 'hours'}"
            if lang == "en"
            else f"{n} timm{'e' if r == 1 else 'ar'}"
        )
    # Days as hours are said: a tenth below ten. The report said "4 dygn" where the Dialog
    # page said "3,6 dygn" for the same 85.5 hours (QA, 2026-12-07); the page uses this now.
    days = h / 24
    r = round(days, 1) if days < 10 else round(days)
    d = num(r, 0 if r == int(r) else 1, lang)
    return f"{d} days" if lang == "en" else f"{d} dygn"  # never one: days begin at two


def shown_change(now: float, before: float, decimals: int, scale: float = 1.0) -> float:
    """The change between two values as they are written (each rounded first), so that it agrees
    with the figures beside it: 27.41 and 13.79 are written 27 and 14, a change of −13 (the
    change of the raw values, −13.62, was written −14 beside them)."""
    return round(scale * now, decimals) - round(scale * before, decimals)


# --- the control components ----------------------------------------------------------------------

#: How each component is written: a share (0..1), a tone (−1..1), a count or a decimal number.
KIND = {
    "control_index": "index",
    "owned_share": "share",
    "echo_rate": "share",
    "agenda_share": "share",
    "dialogue_rate": "share",
    "dialogue_own": "share",
    "dialogue_others": "share",
    "net_sentiment": "tone",
    "share_of_voice": "share",
    "personal_share": "share",
    "effective_voices": "decimal",
    "new_voices": "count",
    "mentions": "count",
    "response_hours": "decimal",
}

# The components' names wherever koll shows them: the dashboard (dashboard/i18n.py), the
# report, digests and alerts (the report had said "Sätter dagordningen" and "Röstandel" for the
# dashboard's "Först ute" and "Andel av rösterna").
NAMES = {
    "control_index": ("Kontrollindex", "Control index"),
    "owned_share": ("Egen andel", "Owned share"),
    "echo_rate": ("Eko av budskap", "Key-message echo"),
    "agenda_share": ("Först ute", "Agenda setting"),
    "dialogue_rate": ("Dialog", "Dialogue"),
    "dialogue_own": ("Dialog i egna kanaler", "Dialogue on own channels"),
    "dialogue_others": ("Dialog hos andra", "Dialogue elsewhere"),
    "net_sentiment": ("Nettoton", "Net tone"),
    "share_of_voice": ("Andel av rösterna", "Share of voice"),
    "personal_share": ("Personlig röst", "Personal voice"),
    "effective_voices": ("Antal röster", "Effective voices"),
    "new_voices": ("Nya röster", "New voices"),
    "mentions": ("Omnämnanden", "Mentions"),
    "response_hours": ("Svarstid (timmar)", "Response time (hours)"),
}

# One line per component saying what its value means ({v} is the value as written).
READINGS = {
    "control_index": (
        "{v} av 100: medelvärdet av de mätbara delarna nedan.",
        "{v} of 100: the mean of the measurable parts below.",
    ),
    "owned_share": (
        "{v} av omnämnandena kom från varumärkets egna kanaler och personer.",
        "{v} of the mentions came from the brand's own channels and people.",
    ),
    "echo_rate": (
        "{v} av andras omnämnanden bar med sig ett av nyckelbudskapen.",
        "{v} of others' mentions carried one of the key messages.",
    ),
    "agenda_share": (
        "I {v} av de gemensamma nyheterna var varumärket först ute.",
        "The brand spoke first in {v} of the shared stories.",
    ),
    "dialogue_rate": (
        "Varumärket svarade i {v} av trådarna där andra kommenterade.",
        "The brand answered in {v} of the threads where others commented.",
    ),
    "dialogue_own": (
        "Svar i {v} av trådarna i egna kanaler.",
        "Answered in {v} of the threads on its own channels.",
    ),
    "dialogue_others": (
        "Svar i {v} av trådarna i andras kanaler.",
        "Answered in {v} of the threads on others' channels.",
    ),
    "net_sentiment": (
        "Andelen positiva minus negativa bland andras omnämnanden: {v}.",
        "Positive minus negative share of others' mentions: {v}.",
    ),
    "share_of_voice": (
        "{v} av omnämnandena av varumärket och dess konkurrenter.",
        "{v} of the mentions of the brand and its competitors.",
    ),
    "personal_share": (
        "{v} av det egna innehållet kom från namngivna personer, inte logotypen.",
        "{v} of the own content came from named people, not the logo.",
    ),
    "effective_voices": (
        "Samtalet fördes av motsvarande {v} lika stora källor.",
        "The conversation was carried by the equivalent of {v} equally large sources.",
    ),
    "new_voices": (
        "{v} källor skrev om varumärket utan att ha gjort det perioden innan.",
        "{v} sources wrote about the brand without having done so the period before.",
    ),
    "mentions": ("{v} omnämnanden i perioden.", "{v} mentions in the period."),
    # {v} as hours() says it: "12 minuter", "3,5 timmar", "2,5 dygn".
    "response_hours": (
        "Mediantid från första kommentar till varumärkets svar: {v}.",
        "Median time from the first comment to the brand's answer: {v}.",
    ),
}
#: The readings of a count of one ("1 källor" read wrong in a report).
READINGS_ONE = {
    "new_voices": (
        "{v} källa skrev om varumärket utan att ha gjort det perioden innan.",
        "{v} source wrote about the brand without having done so the period before.",
    ),
    "mentions": ("{v} omnämnande i perioden.", "{v} mention in the period."),
}

NOT_MEASURABLE = ("Kan inte mätas i perioden.", "Cannot be measured in the period.")


def _i(lang: str) -> int:
    return 1 if lang == "en" else 0


def name(component: str, lang: str = "sv") -> str:
    return NAMES.get(component, (component, component))[_i(lang)]


def value(component: str, v, lang: str = "sv") -> str:
    """A component's value as written: '53 %', '+0,12', '41', '5,3'."""
    kind = KIND.get(component, "decimal")
    if _missing(v):
        return "–"
    if kind == "share":
        return pct(v, 0, lang)
    if kind == "tone":
        return signed(v, 2, lang)
    if kind == "index" or kind == "count":
        return num(v, 0, lang)
    return num(v, 1, lang)


def change(component: str, now, before, lang: str = "sv") -> str | None:
    """The change from `before` to `now` as written ('+5 procentenheter', '−0,08', '+3');
    None when either is missing."""
    if _missing(now) or _missing(before):
        return None
    kind = KIND.get(component, "decimal")
    if kind == "share":
        return points(shown_change(now, before, 0, 100) / 100, lang)
    if kind == "tone":
        return signed(shown_change(now, before, 2), 2, lang)
    if kind in ("index", "count"):
        return signed(shown_change(now, before, 0), 0, lang)
    return signed(shown_change(now, before, 1), 1, lang)


def reading(component: str, v, lang: str = "sv") -> str:
    """One line saying what the value means, or that it cannot be measured."""
    if _missing(v):
        return NOT_MEASURABLE[_i(lang)]
    one = READINGS_ONE.get(component) if round(float(v)) == 1 else None
    template = (one or READINGS.get(component, ("{v}", "{v}")))[_i(lang)]
    if component == "response_hours":
        return template.format(v=hours(float(v), lang))
    return template.format(v=value(component, v, lang))


def index_reading(v, used: list[str], weighted: bool, lang: str = "sv") -> str:
    """The control index's reading naming the parts it is the mean of (`used`, its
    components_used), and that the mean is weighted when [control.weights] weighs them: "the
    mean of the measurable parts below" was read over parts it had left out (QA, 2026-12-07)."""
    if _missing(v) or not used:
        return reading("control_index", v, lang)
    names = [quoted(name(c, lang), lang) for c in used]
    joined = (
        names[0]
        if len(names) == 1
        else ", ".join(names[:-1]) + (" and " if lang == "en" else " och ") + names[-1]
    )
    if lang == "en":
        mean = "the weighted mean (as configured)" if weighted else "the mean"
        return f"{value('control_index', v, lang)} of 100: {mean} of {joined}."
    mean = "det vägda medelvärdet (enligt inställningarna)" if weighted else "medelvärdet"
    return f"{value('control_index', v, lang)} av 100: {mean} av {joined}."
