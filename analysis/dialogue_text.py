"""The dialogue in words, Swedish or English, for the digest and the report: how many comment
threads the brand answered and how fast, and each unanswered thread as a line to act on (the post,
where it is, how many outside comments, the latest one's author, time, tone and a snippet).

Pure: the numbers and threads come from `koll control` (docs/control.md, `dialogue_threads`,
`dialogue_answered`, `response_hours`, `unanswered`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from analysis import wording as w

STOCKHOLM = ZoneInfo("Europe/Stockholm")

_TONE = {
    "pos": ("positiv", "positive"),
    "neu": ("neutral", "neutral"),
    "neg": ("negativ", "negative"),
}


def _en(lang: str) -> bool:
    return lang == "en"


def web_url(url) -> str | None:
    """The URL when it is a web page; a `javascript:` or other scheme a feed gave is no link."""
    return url if isinstance(url, str) and url.startswith(("http://", "https://")) else None


def waiting(control: Mapping) -> int:
    """How many threads wait for an answer (all of them, not only those listed)."""
    return max(
        0, int(control.get("dialogue_threads") or 0) - int(control.get("dialogue_answered") or 0)
    )


def summary_line(control: Mapping, lang: str = "sv") -> str | None:
    """'Varumärket svarade i 1 av 3 kommentarstrådar (mediansvarstid 1 timme); 2 väntar på svar,
    1 av dem i egna kanaler.' None when the window has no thread with an outside comment."""
    threads = int(control.get("dialogue_threads") or 0)
    if not threads:
        return None
    answered = int(control.get("dialogue_answered") or 0)
    left = waiting(control)
    listed = list(control.get("unanswered") or [])
    own = sum(1 for t in listed if t.get("owned"))
    rh = control.get("response_hours")
    if _en(lang):
        text = f"The brand answered in {answered} of {w.plural(threads, 'comment thread', 'comment threads')}"
        text += f" (median response time {w.hours(rh, lang)})" if rh is not None else ""
        if left:
            text += f"; {left} {'waits' if left == 1 else 'wait'} for an answer"
            text += _own_part(own, left, len(listed), lang)
    else:
        text = f"Varumärket svarade i {answered} av {w.plural(threads, 'kommentarstråd', 'kommentarstrådar')}"
        text += f" (mediansvarstid {w.hours(rh, lang)})" if rh is not None else ""
        if left:
            text += f"; {left} väntar på svar" + _own_part(own, left, len(listed), lang)
    return text + "."


def _own_part(own: int, left: int, listed: int, lang: str) -> str:
    """', 1 of them on its own channels' — counted among the listed threads, and said so when
    the list holds only the newest of them (koll control lists at most 50)."""
    if listed >= left:
        if not own:
            return ", none on its own channels" if _en(lang) else ", ingen i egna kanaler"
        return (
            f", {own} of them on its own channels"
            if _en(lang)
            else f", {own} av dem i egna kanaler"
        )
    if _en(lang):
        return f", {own} of the {listed} newest on its own channels"
    return f", {own} av de {listed} senaste i egna kanaler"


def when(iso: str | None, lang: str = "sv") -> str | None:
    """'2026-11-20T13:00:00Z' -> '20 november 14:00' (Europe/Stockholm)."""
    if not iso:
        return None
    t = datetime.fromisoformat(iso.replace("Z", "+00:00")).astimezone(STOCKHOLM)
    return f"{w.day_text(t.date().isoformat(), lang)} {t:%H:%M}"


def thread(t: Mapping, lang: str = "sv") -> dict:
    """One unanswered thread as the digest and the report show it."""
    en = _en(lang)
    n = int(t.get("outside_comments") or 0)
    latest = [x for x in (t.get("latest_author"), when(t.get("latest_at"), lang)) if x]
    tone = _TONE.get(t.get("latest_label") or "")
    return {
        "title": t.get("title") or t.get("url") or "",
        "url": web_url(t.get("url")),
        "source": t.get("source") or "",
        "own": bool(t.get("owned")),
        "where": ("own channel" if en else "egen kanal")
        if t.get("owned")
        else ("elsewhere" if en else "hos andra"),
        "comments": w.plural(n, "comment", "comments")
        if en
        else w.plural(n, "kommentar", "kommentarer"),
        "latest": ", ".join(latest),
        "tone": tone[1 if en else 0] if tone else None,
        "negative": t.get("latest_label") == "neg",
        "snippet": t.get("latest_snippet") or "",
    }


def threads(
    listed: Sequence[Mapping], own: bool | None, limit: int | None, lang: str = "sv"
) -> list[dict]:
    """The listed threads (newest first) on the brand's own channels (own=True), elsewhere
    (False) or all (None), at most `limit`."""
    chosen = [t for t in listed if own is None or bool(t.get("owned")) == own]
    return [thread(t, lang) for t in chosen[:limit]]
