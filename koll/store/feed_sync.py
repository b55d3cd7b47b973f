"""Which stored feed each feed of koll.toml is, moved feeds included, and what a sync changes.

A feed row keeps two addresses: `config_url`, as koll.toml wrote it, and `url`, where the feed
is now (a 301/308 moves it). After a move `koll feeds` shows the new address, and an admin
naturally writes that into koll.toml: the configured URL then names no row's `config_url` but
one row's `url`. Looked up by `config_url` alone it was inserted as a new feed and collided
with that row on the unique `url`, failing every later run before any feed was read. Here it
is recognised as the stored feed (history, state and items kept) and the row takes the new
`config_url`; a URL that names a feed another entry of the file already claimed is left out and
reported, so that no change to the file can make a sync fail.

Pure Python over rows already read: koll/store/feeds.py writes the plan (sync_feeds) or shows it
without writing (configured_rows, for a dry run and `koll feeds`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from koll.store.feeds import FeedRow


class FeedSpec(Protocol):
    """A configured feed as the store needs it (koll.config.FeedConfig is one)."""

    @property
    def url(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def owner(self) -> str | None: ...
    @property
    def interval_s(self) -> int: ...


# How two URLs are compared: by default as written. The commands pass koll.config_values'
# feed_address (scheme, host case and a default port are one address), so the store agrees
# with the file's own "listed twice" check without importing the config layer.
Address = Callable[[str], str]


# Given every stored feed, the rule for a stored feed's next due time once its configured
# interval becomes the given (shorter) one, or None to keep it (ingest/schedule.py decides,
# its host's pause read from the other rows; the store knows no schedule).
Reschedule = Callable[[Sequence["FeedRow"]], Callable[["FeedRow", int], datetime | None]]


def as_written(url: str) -> str:
    return url


@dataclass(frozen=True)
class SameFeed:
    """A configured URL left out of a sync: it names the feed another configured URL already
    has (one moved to the other's address), so that feed is read once, as `kept`."""

    url: str
    kept: str


@dataclass(frozen=True)
class SyncPlan:
    """What syncing koll.toml's feeds changes in the stored ones."""

    # (stored row, the row as the sync leaves it), for rows whose config_url, kind, owner,
    # interval, in_config flag or next due time (a shorter interval) changes, in the order
    # they are to be written (a retired row giving up its config_url comes first).
    updates: list[tuple[FeedRow, FeedRow]]
    # The stored rows koll.toml lists, as the sync leaves them, in the store's order.
    kept: list[FeedRow]
    # Configured feeds no row is: (their place in `configured`, the spec), in the file's order.
    new: list[tuple[int, FeedSpec]]
    # Rows the file no longer lists (in_config becomes false; their history stays).
    leaving: list[FeedRow]
    same: list[SameFeed]


def _match(
    rows: Sequence[FeedRow], urls: Sequence[str], address: Address
) -> tuple[dict[str, FeedRow], list[SameFeed]]:
    """({configured URL: its stored row}, URLs left out as another's feed).

    The rows koll.toml lists (as of the last sync) first, then the retired ones, each in order
    of certainty: the row configured under exactly this URL; the row configured under the same
    address spelt otherwise; the row whose current address it is (a moved feed). A retired row
    configured under the URL loses to a listed row that is there now: a feed that moved away
    and was taken out of the file had been revived at its new address, and the listed feed
    that moved to the URL left out. A row goes to one URL only: a later URL that finds a taken
    row is the same feed.
    """
    claimed: dict[str, FeedRow] = {}
    owner: dict[int, str] = {}
    same: list[SameFeed] = []
    left_out: set[str] = set()
    for listed in (True, False):
        # The oldest first: the one a second spelling most likely means.
        part = [r for r in rows if r.in_config == listed]
        by_config = {r.config_url: r for r in part}
        for u in urls:
            if u not in claimed and u not in left_out and u in by_config:
                claimed[u], owner[by_config[u].id] = by_config[u], u
        for key in (lambda r: r.config_url, lambda r: r.url):
            index: dict[str, FeedRow] = {}
            for r in sorted(part, key=lambda r: r.id):
                index.setdefault(address(key(r)), r)
            for u in urls:
                if u in claimed or u in left_out:
                    continue
                found = index.get(address(u))
                if found is None:
                    continue
                if found.id in owner:
                    same.append(SameFeed(u, owner[found.id]))
                    left_out.add(u)
                else:
                    claimed[u], owner[found.id] = found, u
    return claimed, same


def _released(rows: Sequence[FeedRow], after: dict[int, FeedRow]) -> list[tuple[FeedRow, FeedRow]]:
    """The retired rows that must give up their config_url (unique) to a listed row that takes
    it (_match: a listed feed now at that address), each with the one it gets instead: its
    current address, or that with its id as a fragment when that is taken too (a fragment is
    never sent, and the file's own address comparison drops it)."""
    taking = {a.config_url for a in after.values()}
    held = {r.config_url for r in rows if r.id not in after} | taking
    out = []
    for r in rows:
        if r.id in after or r.config_url not in taking:
            continue
        instead = r.url if r.url not in held else f"{r.url}#retired-{r.id}"
        held.add(instead)
        out.append((r, replace(r, config_url=instead)))
    return out


def plan_sync(
    rows: Sequence[FeedRow],
    configured: Sequence[FeedSpec],
    *,
    address: Address = as_written,
    reschedule: Reschedule | None = None,
) -> SyncPlan:
    """The plan for syncing `configured` (koll.toml's feeds, searches expanded) into `rows`
    (every stored feed, configured or not, in the store's order); `reschedule` gives the due
    time of a feed whose interval became shorter."""
    claimed, same = _match(rows, [f.url for f in configured], address)
    left_out = {s.url for s in same}
    rule: Callable[[FeedRow, int], datetime | None] | None = None
    after: dict[int, FeedRow] = {}
    new: list[tuple[int, FeedSpec]] = []
    for i, f in enumerate(configured):
        if f.url in left_out:
            continue
        r = claimed.get(f.url)
        if r is None:
            new.append((i, f))
            continue
        next_due = r.next_due
        if reschedule is not None and f.interval_s < r.interval_s:
            # A shorter interval counts from the last fetch, not after the old wait: a team
            # that polls a feed every minute in a crisis should not wait out last week's turn.
            rule = rule or reschedule(rows)  # built once, and only when needed
            sooner = rule(r, f.interval_s)
            if sooner is not None and (next_due is None or sooner < next_due):
                next_due = sooner
        after[r.id] = replace(
            r,
            config_url=f.url,
            kind=f.kind,
            owner=f.owner,
            interval_s=f.interval_s,
            in_config=True,
            next_due=next_due,
        )
    return SyncPlan(
        # Released config_urls first: the rows taking them are written after.
        updates=_released(rows, after)
        + [(r, after[r.id]) for r in rows if r.id in after and after[r.id] != r],
        kept=[after[r.id] for r in rows if r.id in after],
        new=new,
        leaving=[r for r in rows if r.in_config and r.id not in after],
        same=same,
    )
