"""An alert in words, Swedish or English: its headline, how large it is against the baseline, what
drives it (terms, sources, tone) and its examples, written from the alert's stored details.

Plain language instead of test statistics: "ungefär 11 gånger så många som normalt", never
"p = 2.9e-08" (the p-value stays in the alert's own field for whoever wants it).
"""

from __future__ import annotations

from collections.abc import Mapping

from analysis.trends import RATIO_FLOOR
from analysis.wording import day_text, num, pct

# What happened, by kind (lower case: it follows "Brand: " in a headline).
_WHAT = {
    "volume": ("ovanligt många omnämnanden", "unusually many mentions"),
    "negative": ("negativ ton ökar", "negative tone rising"),
    "term": ("ordet ”{subject}” ökar", "the word “{subject}” rising"),
    "topic": ("ämnet ”{subject}” ökar", "the topic “{subject}” rising"),
}
_TONE_WORDS = {
    "pos": (("positiv", "positiva"), ("positive", "positive")),
    "neu": (("neutral", "neutrala"), ("neutral", "neutral")),
    "neg": (("negativ", "negativa"), ("negative", "negative")),
}


def _en(lang: str) -> bool:
    return lang == "en"


def what(alert: Mapping, lang: str = "sv") -> str:
    """'ovanligt många omnämnanden', 'ordet ”avbrott” ökar': the kind in words."""
    sv, en = _WHAT.get(alert["kind"], ("larm", "alert"))
    return (en if _en(lang) else sv).format(subject=alert.get("subject"))


def headline(alert: Mapping, lang: str = "sv") -> str:
    """'Fjällkraft: ovanligt många omnämnanden'."""
    return f"{alert['brand']}: {what(alert, lang)}"


def _times(ratio: float, lang: str, at_least: bool = False) -> str:
    """How many times the usual, in words: 'ungefär 11 gånger så många' / '60 % fler'; with
    `at_least`, 'mer än 11 gånger så många' (a lower bound)."""
    if ratio >= 1.95:
        # A tenth below ten: 28 against 8,0 said "ungefär 4 gånger" of 3,5 (QA, 2026-12-07).
        n = num(ratio, 1 if ratio < 9.95 else 0, lang).removesuffix(",0").removesuffix(".0")
        if at_least:
            return f"more than {n} times as many" if _en(lang) else f"mer än {n} gånger så många"
        return f"about {n} times as many" if _en(lang) else f"ungefär {n} gånger så många"
    more = pct(ratio - 1, 0, lang)
    return f"{more} more" if _en(lang) else f"{more} fler"


def _against(x: float, expected: float, lang: str) -> str:
    """x against what was expected, in words: a ratio, or, when next to nothing was expected
    (shown as 0,0), that it is new. A ratio over the 0.5 floor said 'ungefär 80 gånger så
    många' of 40 mentions against 'väntat 0,0'. Between 0.05 and the floor the ratio over the
    floor is a lower bound ('mer än'): 'väntat 0,1: ungefär 12 gånger' of 6 was a sixth of it."""
    if expected < 0.05:
        return "new, none were expected" if _en(lang) else "nytt, inga var väntade"
    return _times(x / max(expected, RATIO_FLOOR), lang, at_least=expected < RATIO_FLOOR)


def _volume_basis(s: Mapping) -> str:
    """Which number a volume alert's test compared the day with, its `expected` (the alert's
    baseline; analysis.alerts._volume): the daily mean ('mean'), the same weekday's mean
    ('weekday') or the floor of half a mention a day ('floor')."""
    usual, expected = s["usual"], s["expected"]
    if expected <= usual:
        return "mean"
    weekday = s.get("weekday")
    if weekday is None:  # stored before the weekday mean was: the floor is known by its value
        # (analysis.alerts.MIN_EXPECTED, not imported: that module imports this one)
        return "floor" if expected == 0.5 else "weekday"
    return "weekday" if expected <= weekday else "floor"


# What a volume alert's day was compared with, by _volume_basis: {e} is the number compared with
# (the alert's baseline), {u} the daily mean. A floor is said after the days ("räknat som").
_VOLUME = {
    "mean": ("normalt {e} per dag", "a usual {e} a day"),
    "weekday": (
        "normalt {e} på samma veckodag ({u} per dag i snitt)",
        "a usual {e} on the same weekday ({u} a day on average)",
    ),
    "floor": ("normalt {u} per dag", "a usual {u} a day"),
}


def _volume_size(s: Mapping, lang: str) -> str:
    """A volume alert's size. It calls normal the number the test compared with (the alert's
    baseline), with the daily mean beside it when that was not the one: the text said
    "normalt 4,7 per dag" of a day compared with its weekday's 11,0, and "normalt 7,6" of one
    compared with 8,0. After days without any, it says there were none."""
    x, usual, expected, days = s["mentions"], s["usual"], s["expected"], s["days"]
    en = _en(lang)
    if not usual:
        # The days before had no mentions at all: "normalt 0,0" beside a ratio over the floor
        # ("ungefär 12 gånger så många") contradicted itself, and there is no usual to compare.
        if en:
            return f"{num(x)} mentions; none in the previous {days} days."
        return f"{num(x)} omnämnanden; inga de {days} dagarna innan."
    basis = _volume_basis(s)
    e, u = num(expected, 1, lang), num(usual, 1, lang)
    against = _VOLUME[basis][1 if en else 0].format(e=e, u=u)
    floor = ""
    if basis == "floor":
        floor = f", counted as {e} a day" if en else f", räknat som {e} per dag"
    times = _against(x, expected, lang)
    if en:
        return f"{num(x)} mentions against {against} over the previous {days} days{floor}: {times}."
    return f"{num(x)} omnämnanden mot {against} de {days} dagarna innan{floor}: {times}."


def size(alert: Mapping, lang: str = "sv") -> str:
    """The alert's size against its baseline, as one sentence."""
    s = (alert.get("details") or {}).get("size") or {}
    kind = alert["kind"]
    if kind == "volume" and "mentions" in s:
        return _volume_size(s, lang)
    if kind == "negative" and "negative" in s:
        neg, n, usual = s["negative"], s["earned"], s["usual_share"]
        share = pct(neg / n if n else 0, 0, lang)
        if _en(lang):
            return (
                f"{num(neg)} of {num(n)} mentions by others were negative ({share}) against a "
                f"usual {pct(usual, 0, lang)}."
            )
        return (
            f"{num(neg)} av {num(n)} omnämnanden från andra var negativa ({share}) mot normalt "
            f"{pct(usual, 0, lang)}."
        )
    if kind in ("term", "topic") and "current" in s:
        cur, before, expected, days = s["current"], s["baseline"], s["expected"], s["days"]
        what = f"“{alert.get('subject')}”" if _en(lang) else f"”{alert.get('subject')}”"
        times = _against(cur, expected, lang)
        # "(väntat 0,0)" says nothing the words after it (that it is new) do not.
        shown = "" if expected < 0.05 else num(expected, 1, lang)
        if _en(lang):
            return (
                f"{what} in {num(cur)} mentions against {num(before)} in the previous {days} "
                f"days{f' (expected {shown})' if shown else ''}: {times}."
            )
        return (
            f"{what} i {num(cur)} omnämnanden mot {num(before)} de {days} dagarna innan"
            f"{f' (väntat {shown})' if shown else ''}: {times}."
        )
    return str(alert.get("reason") or "")


def reason(alert: Mapping, lang: str = "sv") -> str:
    """The one-line reason stored with the alert: what happened and how large it is."""
    w = what(alert, lang)
    return f"{w[:1].upper()}{w[1:]}: {size(alert, lang)}"


def tone(counts: Mapping[str, int], lang: str = "sv") -> str:
    """'mest negativ (23 negativa, 15 neutrala, 5 positiva)'; '' without scored mentions."""
    scored = {k: int(counts.get(k, 0)) for k in ("neg", "neu", "pos")}
    total = sum(scored.values())
    if not total:
        return ""
    i = 1 if _en(lang) else 0
    parts = [
        f"{num(n)} {_TONE_WORDS[k][i][0 if n == 1 and not _en(lang) else 1]}"
        for k, n in scored.items()
        if n
    ]
    top = max(scored, key=lambda k: scored[k])
    if scored[top] * 2 > total:
        word = _TONE_WORDS[top][i][0]
        lead = f"mostly {word}" if _en(lang) else f"mest {word}"
    else:
        lead = "mixed" if _en(lang) else "blandad"
    return f"{lead} ({', '.join(parts)})"


def drivers(alert: Mapping, lang: str = "sv") -> list[tuple[str, str]]:
    """(label, text) for the terms, sources and tone behind the alert; empty parts left out."""
    d = alert.get("details") or {}
    out = []
    en = _en(lang)
    if d.get("terms"):
        out.append(("Words" if en else "Ord", ", ".join(d["terms"])))
    if d.get("sources"):
        out.append(
            ("Sources" if en else "Källor", ", ".join(f"{s} ({num(n)})" for s, n in d["sources"]))
        )
    t = tone(d.get("tone") or {}, lang)
    if t:
        out.append(("Tone" if en else "Ton", t))
    return out


def examples(alert: Mapping) -> list[dict]:
    """Up to two example mentions: title, url, source, snippet."""
    return list((alert.get("details") or {}).get("examples") or [])[:2]


def plain_text(alert: Mapping, link: str | None, lang: str = "sv") -> str:
    """The whole alert as plain text (chat fallbacks, JSON `text`, the e-mail's text part)."""
    en = _en(lang)
    lines = [f"{headline(alert, lang)} ({day_text(alert['day'], lang)})", size(alert, lang)]
    lines += [f"{label}: {text}" for label, text in drivers(alert, lang)]
    ex = examples(alert)
    if ex:
        lines.append("Examples:" if en else "Exempel:")
        lines += [f"- {e['title']} ({e['source']}) {e.get('url') or ''}".rstrip() for e in ex]
    if link:
        lines.append(f"{'Open in koll' if en else 'Öppna i koll'}: {link}")
    return "\n".join(lines)


def shown(a: Mapping, lang: str, link: str | None) -> dict:
    """What a digest or a report shows of an alert: its headline, day, size, drivers and two
    examples, with `link` (the dashboard filtered to it)."""
    return {
        "headline": headline(a, lang),
        "day": day_text(a["day"], lang),
        "size": size(a, lang),
        "drivers": drivers(a, lang),
        "examples": examples(a),
        "link": link,
    }
