"""Typed records of ingestion: a document's raw entries, the parsed feed (feedparser's dicts stop at parse.py), a run's tally."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from koll.store.records import Item


@dataclass
class RawEntry:
    """The feedparser fields koll uses, as strings (None when absent); both parsers fill these."""

    title: str | None = None
    link: str | None = None
    id: str | None = None
    published: time.struct_time | None = None  # UTC, as feedparser's *_parsed
    updated: time.struct_time | None = None
    created: time.struct_time | None = None
    summary: str | None = None
    content: str | None = None
    author: str | None = None
    in_reply_to: str | None = None
    commentrss: str | None = None
    # RSS 2.0 <source url="...">name</source>: the publisher of an aggregated item (Google News)
    source_href: str | None = None
    source_title: str | None = None


@dataclass
class RawFeed:
    title: str | None = None
    link: str | None = None
    entries: list[RawEntry] = field(default_factory=list)
    version: str = ""
    dropped: int = 0  # entries past max_entries, not read


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    title: str
    link: str | None
    items: list[Item]
    # feedparser's bozo reason when the document was broken but something was recovered
    warning: str | None = None
    # links to comment feeds announced by entries (wfw:commentRss), for discovery
    comment_feeds: list[str] = field(default_factory=list)
    # which parser read it: "fast" (ingest/fastparse.py) or "feedparser"
    parser: str = "feedparser"
    # entries the document had beyond max_entries, which were not read (0: none)
    dropped_entries: int = 0


# `koll ingest` exit codes the tally decides (75, another run holds the lock, is run.py's).
EXIT_OK, EXIT_NOTHING = 0, 1


@dataclass
class RunReport:
    feeds_due: int = 0
    feeds_ok: int = 0
    feeds_failed: int = 0
    not_modified: int = 0
    unchanged: int = 0
    new_items: int = 0
    seen_items: int = 0
    parsed_fast: int = 0
    deferred: int = 0  # not fetched: their host's turn was too far off (they did not fail)
    errors: dict[str, str] = field(default_factory=dict)  # url -> reason
    # Searches whose platform window (YouTube's 15 latest) came back all new: items may be lost.
    windows_full: list[str] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        if self.feeds_due > self.deferred and not self.feeds_ok:
            return EXIT_NOTHING
        return EXIT_OK
