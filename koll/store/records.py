"""The typed records ingestion hands to the store: an item and a brand's mention of it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class Item:
    """One entry of a feed, normalised.

    `key` identifies the item across feeds: its canonical URL, or `guid:<guid>` when it has no
    link (comments are keyed by GUID, per the design).
    """

    key: str
    url: str | None
    guid: str | None
    title: str
    text: str
    published: datetime | None  # aware, UTC
    published_estimated: bool  # True when the feed gave no usable date (first-seen time used)
    author: str | None
    source: str  # the site (host without www.) the item lives on
    kind: str  # the feed's kind
    parent_key: str | None = None  # for comments: the key of the item they answer
    content_hash: str = ""
    lang: str | None = None
    # The entry's link as the feed gave it (absolute): where the page is fetched from (full text),
    # since `url` is canonical (https, no www.) and may not be served as such.
    link: str | None = None
    # Published before the search that found it was added: history, not today's spikes.
    backfill: bool = False


@dataclass(frozen=True, slots=True)
class Mention:
    item_key: str
    brand: str
    owned: bool
    owned_by: str | None  # 'feed', 'domain', 'person', 'account' or None for earned
    person: str | None  # the brand's spokesperson who wrote it, if any
