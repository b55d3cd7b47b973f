"""The text of an item that sentiment is scored on: its author's own words, title and body.

A reply's or a comment's title is not its author's: forums title a reply "Re: <the thread's
title>" and blogs title a comment "Kommentar till <the post> av <the commenter>". Scored as a
sentence of the comment, that quoted title named the brand and so counted as the sentence about
it, and its tone (a thread called "Storm i natt", "Nordvind kundtjänst haveri") diluted or
outvoted what the comment itself said (issue 15: the demo's "Mest negativa"). A post without a
title of its own is titled with its first line at ingestion, which is not scored twice.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# Reply prefixes (Re, Sv, Svar, Aw, Vs, Ang, with an optional count as in "Re[2]:") and the
# comment titles of WordPress in Swedish and English ("Kommentar till X av Y", "Comment on X by
# Y"), the ones the demo's and real blog comment feeds use.
_QUOTED = re.compile(
    r"^\s*(?:(?:re|sv|svar|aw|vs|ang|fw|fwd)\s*(?:\[\d+\])?\s*:"
    r"|kommentar till\s.+\sav\s|comment on\s.+\sby\s)",
    re.I | re.U,
)


def quoted_title(title: str | None) -> bool:
    """Is this title a reply's or a comment's, which quotes the thread it belongs to?"""
    return bool(title) and _QUOTED.match(title or "") is not None


# A title cut off with an ellipsis: ingestion titles a post that has none (Mastodon's, Bluesky's)
# with its first line, cut at a word with "…" when long (ingest.platforms.title_from_text).
_CUT = re.compile(r"\s*(?:…|\.\.\.)\s*$")


def opens_text(title: str | None, text: str | None) -> bool:
    """Is the title the body's own beginning? A post without a title of its own (Mastodon's,
    Bluesky's) is titled with its first line at ingestion: scored as "Title. Body", the post's
    opening was read twice, and a brand named there counted twice ("Dags att byta elbolag?
    Fjällkraft höjer, Nordvind står still …" negative for Nordvind, neutral read once). Spaces
    are compared as one; a title cut with "…" may end inside a word, any other at a word's
    end."""
    if not title or not text:
        return False
    head = _CUT.sub("", title)
    cut = head != title
    head = " ".join(head.split())
    # Only the body's opening is compared: for 20,000 posts of 300 words, collapsing each whole
    # body's spaces took 0.37 s against 0.11 s, beside 3.1 s for counting their words
    # (trends.day_counts; timed on a 2-core machine, 2026-12-07). Twice the title's length and
    # a margin covers any ordinary spacing; a shorter result (long runs of spaces) reads it all.
    body = " ".join(text[: 2 * len(title) + 64].split())
    if len(body) <= len(head):
        body = " ".join(text.split())
    if not head or not body.startswith(head):
        return False
    rest = body[len(head) :]
    return cut or not rest or not rest[0].isalnum()


def scored_text(title: str | None, text: str | None) -> str:
    """Title and body as one text ("Title. Body"), without a quoted title or one that is the
    body's own beginning when there is a body (a reply with no body of its own keeps its title:
    it is all there is)."""
    title, text = title or "", text or ""
    if text and (quoted_title(title) or opens_text(title, text)):
        return text
    return f"{title}. {text}" if title and text else (title or text)


def joined_text(title: str | None, text: str | None) -> str:
    """Title and body as one text ("Title\nBody") for what counts an item's words (topics,
    rising terms, stories, key messages), without a title that is the body's own beginning:
    read twice, a Mastodon or Bluesky post's first line weighed double in its topic and in the
    spelling a term is shown in. A quoted title stays: it names the thread a reply belongs to,
    which is what these group by (topics leave comments' titles out themselves)."""
    title, text = title or "", text or ""
    if text and opens_text(title, text):
        return text
    return f"{title}\n{text}"


def joined_texts(titles: Iterable[object], texts: Iterable[object]) -> list[str]:
    """`joined_text` of each (title, text) pair; missing values (None, NaN) read as empty."""
    return [
        joined_text(t if isinstance(t, str) else "", x if isinstance(x, str) else "")
        for t, x in zip(titles, texts, strict=True)
    ]
