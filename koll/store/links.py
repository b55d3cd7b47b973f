"""Links into the dashboard with a filter set, for the texts koll sends or writes (digests, alerts,
reports), so every number there opens the mentions it counts.

The query parameters are the dashboard's own (dashboard/params.py: brand, since, until, owned,
tone, src, kind, q, story, ui); tests/test_links.py checks that the dashboard reads back what is
written here. This module cannot import the dashboard (the layout's imports go downwards).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from urllib.parse import urlencode

PAGES = {
    "overview": "/",
    "mentions": "/mentions",
    "dialogue": "/dialogue",
    "topics": "/topics",
    "sources": "/sources",
    "compare": "/compare",
}


def dashboard_link(
    base: str | None,
    page: str = "overview",
    *,
    brand: str | None = None,
    since: str | None = None,
    until: str | None = None,
    owned: str | None = None,
    tones: Iterable[str] = (),
    sources: Iterable[str] = (),
    q: str | None = None,
    story: int | None = None,
    ui: str | None = None,
) -> str | None:
    """`base` + the page + its filters; None without a base (no `[notify] dashboard_url`)."""
    if not base:
        return None
    pairs: list[tuple[str, str]] = []
    for name, v in (("brand", brand), ("since", since), ("until", until)):
        if v:
            pairs.append((name, v))
    if owned and owned != "all":
        pairs.append(("owned", owned))
    if ui:
        pairs.append(("ui", ui))
    for name, values in (("src", tuple(sources)), ("tone", tuple(tones))):
        if values:
            pairs.append((name, ",".join(values)))
    if q:
        pairs.append(("q", q))
    if story is not None:
        pairs.append(("story", str(int(story))))
    return base.rstrip("/") + PAGES[page] + ("?" + urlencode(pairs) if pairs else "")


def alert_link(base: str | None, alert: Mapping, ui: str | None = None) -> str | None:
    """The mentions an alert is about: its brand and day, and its tone, word or topic."""
    details = alert.get("details") or {}
    kw: dict = {"brand": alert["brand"], "since": alert["day"], "until": alert["day"], "ui": ui}
    if alert["kind"] == "negative":
        kw.update(tones=("neg",), owned="earned")
    elif alert["kind"] == "term" and alert.get("subject"):
        kw["q"] = alert["subject"]
    elif alert["kind"] == "topic" and details.get("terms"):
        kw["q"] = details["terms"][0]
    return dashboard_link(base, "mentions", **kw)
