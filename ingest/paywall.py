"""Whether an article page is a subscriber-only stub (lead plus paywall box) rather than the article.

Swedish news sites (DN, SvD, GP, Sydsvenskan, Expressen Premium, the Bonnier, Stampen, NTM and
Mittmedia local papers) serve a crawler the first paragraph or two of a locked article and a box
("Det här är en låst artikel", "Bli prenumerant", "Redan prenumerant? Logga in"). Stored as the
item's full text, that stub would replace the feed's summary and have its tone and topics scored
on the box's words, so ingest/fulltext.py keeps the feed's text for such a page. `signal` looks,
most reliable first, at schema.org markup, then paywall containers, then the box's phrases at the
end of the extracted text; each signal alone decides, and a word like "prenumerant" or "premium"
in an article's own text is not one. Pure and CPU-only: it runs where the extraction runs.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable

# 1. schema.org markup. Google asks paywalled news sites to publish `"isAccessibleForFree":
# false` on the NewsArticle (JSON-LD, or microdata `<meta itemprop="isAccessibleForFree"
# content="false">`) with a `hasPart` naming the locked section; its documented values are the
# booleans and the strings "True"/"False". It is the publisher's own statement, so it decides
# both ways: an explicit true makes the page free without looking further.
_LD_BLOCK = re.compile(
    r"""<script[^>]*type\s*=\s*["']?application/ld\+json["']?[^>]*>(.*?)</script>""", re.I | re.S
)
_LD_LOOSE = re.compile(r""""isAccessibleForFree"\s*:\s*"?(true|false)\b""", re.I)
_META_TAG = re.compile(r"<meta\b[^>]*>", re.I)
_META_ITEMPROP = re.compile(r"""itemprop\s*=\s*["']?isAccessibleForFree\b""", re.I)
_META_CONTENT = re.compile(r"""content\s*=\s*["']?\s*(true|false)\b""", re.I)

# 2. Paywall containers: the box's class or id. Google's own paywall example marks the locked
# part `class="paywall"`; the others are the names the subscription boxes of news sites commonly
# use. Whole class tokens only ("no-paywall", "paywall-free" are not one), outside scripts and
# styles, and only around text: an empty placeholder a script fills when a meter runs out is
# present on free pages too.
_PAYWALL_CLASSES = frozenset(
    {
        "paywall",
        "paywall-box",
        "paywall-container",
        "paywall-wrapper",
        "paywall-content",
        "article-paywall",
        "premium-lock",
        "premium-locked",
        "article-locked",
        "article--locked",
        "locked-article",
        "locked-content",
        "content-locked",
    }
)
_CODE = re.compile(r"<(script|style|template|noscript)\b.*?</\1\s*>", re.I | re.S)
_CLASS_ATTR = re.compile(r"""\b(?:class|id)\s*=\s*["']([^"']+)["']""", re.I)
_TAG = re.compile(r"<[^>]*>")
# The box's text is read up to the first block's end: enough for its heading, and an empty
# placeholder (`<div class="paywall"><div id="mount"></div></div>`) has none before it.
_BLOCK_END = re.compile(r"</(?:div|section|aside|article|main|body)\s*>", re.I)
_BOX_TEXT_CHARS = 20  # a box says at least "Logga in för att läsa"; a placeholder says nothing
_BOX_LOOKAHEAD = 4000

# 3. The box's words at the end of the extracted text, for sites with neither markup nor a known
# class. The phrases are those of Swedish subscription boxes ("Det här är en låst artikel",
# "För att läsa vidare behöver du …", "Logga in för att läsa hela artikeln"). "Bli
# prenumerant" / "Logga in" also end free articles as an offer, and "premium" or "prenumerant"
# is an ordinary word in articles about subscriptions, so it takes a phrase saying the article
# is locked plus one more phrase of the box, both within its last characters. trafilatura kept
# such a box after a lead of two paragraphs but left it out after five: a page found by neither
# markup nor class whose box the extractor drops is stored as its lead, without the box's words.
_LOCKED = (
    re.compile(r"\blåst(?:a)? (?:artikel|artiklar|innehåll)", re.I),
    re.compile(r"\bartikeln är låst", re.I),
    re.compile(r"\blogga in för att (?:läsa|fortsätta)", re.I),
    re.compile(r"\bför att (?:läsa|fortsätta läsa) (?:vidare|hela|resten)", re.I),
    re.compile(r"\b(?:endast|bara) för (?:prenumeranter|premiumkunder|plusprenumeranter)", re.I),
)
_OFFER = (
    re.compile(r"\bbli prenumerant", re.I),
    re.compile(r"\bredan prenumerant", re.I),
    re.compile(r"\blogga in\b", re.I),
    re.compile(r"\bprenumerera\b", re.I),
    re.compile(r"\b\d+ kr (?:i|för) (?:\d+|en|två|tre) (?:månader|månad|mån|veckor)", re.I),
    re.compile(r"\b(?:plus|premium)-?artikel", re.I),
)
TAIL_CHARS = 800  # a subscription box's text runs to a few hundred characters


def signal(html: str, text: Callable[[], str | None]) -> tuple[str | None, str | None]:
    """(which signal says the page is paywalled: "schema.org isAccessibleForFree", "paywall
    container", "paywall text", or None for an article page to use; the page's main text).

    `text()` extracts the main text. It is called only when the markup and the page's classes
    have not decided: extracting took 4-141 ms a page where these checks took under 3 ms (a
    160 KB page, 2026-12-04), and most pages of a
    paywalled site's feed carry the markup. The text is then None when a signal decided.
    """
    free = markup_free(html)
    if free is False:
        return "schema.org isAccessibleForFree", None
    if free is None and has_paywall_box(html):
        return "paywall container", None
    found = text()
    if free is None and found and ends_in_paywall_text(found):
        return "paywall text", found
    return None, found


def markup_free(html: str) -> bool | None:
    """The page's schema.org isAccessibleForFree (False when any of its statements is false),
    or None when it makes none."""
    found: list[bool] = []
    for block in _LD_BLOCK.findall(html):
        try:
            found += _ld_values(json.loads(block))
        except (ValueError, RecursionError):  # broken JSON (trailing commas, raw newlines)
            found += [v.lower() == "true" for v in _LD_LOOSE.findall(block)]
    for tag in _META_TAG.findall(html):
        if _META_ITEMPROP.search(tag) and (m := _META_CONTENT.search(tag)):
            found.append(m.group(1).lower() == "true")
    return all(found) if found else None


def _ld_values(doc: object) -> list[bool]:
    """isAccessibleForFree of the JSON-LD's own objects (top level or @graph) and their hasPart;
    not of objects nested elsewhere, such as a list of related articles, some of them locked."""
    top: list = doc if isinstance(doc, list) else [doc]
    nodes: list = [n for n in top if isinstance(n, dict)]
    nodes += [g for n in nodes if isinstance(gs := n.get("@graph"), list) for g in gs]
    parts = [n.get("hasPart") for n in nodes if isinstance(n, dict)]
    nodes += [p for ps in parts for p in (ps if isinstance(ps, list) else [ps])]
    out: list[bool] = []
    for n in nodes:
        v = n.get("isAccessibleForFree") if isinstance(n, dict) else None
        if isinstance(v, bool):
            out.append(v)
        elif isinstance(v, str) and v.strip().lower() in ("true", "false"):
            out.append(v.strip().lower() == "true")
    return out


def has_paywall_box(html: str) -> bool:
    """Whether an element with a paywall class or id, and text in it, is on the page."""
    page = _CODE.sub("", html)
    for m in _CLASS_ATTR.finditer(page):
        if _PAYWALL_CLASSES.isdisjoint(m.group(1).lower().split()):
            continue
        after = page[m.end() : m.end() + _BOX_LOOKAHEAD]
        inner = after[after.find(">") + 1 :]
        end = _BLOCK_END.search(inner)
        inner = inner[: end.start()] if end else inner
        if len("".join(_TAG.sub(" ", inner).split())) >= _BOX_TEXT_CHARS:
            return True
    return False


def ends_in_paywall_text(text: str) -> bool:
    """Whether the text ends in a subscription box: a locked-article phrase and one more."""
    tail = text[-TAIL_CHARS:]
    locked = sum(1 for p in _LOCKED if p.search(tail))
    return locked >= 1 and locked + sum(1 for p in _OFFER if p.search(tail)) >= 2
