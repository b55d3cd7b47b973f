"""koll.toml's feeds against the stored ones, one way for a run, a dry run and `koll feeds`.

A URL is compared as the file's own "listed twice" check compares it
(koll.config_values.feed_address), so a moved feed written into the file under the address
`koll feeds` shows is the stored feed (koll/store/feed_sync.py), and a URL naming a feed another
entry already has is left out with a warning naming its place in the file instead of failing the
run (a 301 to an address another stored feed has is said the same way, warn_refused). A shorter
interval brings the next due time forward (ingest.schedule.after_shorter_interval).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy.engine import Connection

from ingest.fetch import host_key
from ingest.schedule import shorter_interval_rule
from koll.config import Settings
from koll.config_lines import feed_key, feed_place
from koll.config_values import feed_address
from koll.store import feeds as store_feeds
from koll.store.feed_sync import SameFeed
from koll.store.feeds import FeedRow, RefusedMove

log = logging.getLogger("koll.ingest")


def sync(conn: Connection, settings: Settings, now: datetime) -> None:
    """Write koll.toml's feeds (searches expanded) into the store before a run."""
    same = store_feeds.sync_feeds(
        conn, settings.feeds, now, address=feed_address, reschedule=_reschedule
    )
    warn_same(settings, same)


def as_configured(conn: Connection, settings: Settings, *, quiet: bool = False) -> list[FeedRow]:
    """The configured feeds as sync() would leave them, read only (store_feeds.configured_rows):
    a dry run and `koll feeds` show what the next run would have, warnings included (`quiet`:
    none, for a reader that only needs the match, as `koll analyse`)."""
    rows, same = store_feeds.configured_rows(
        conn, settings.feeds, address=feed_address, reschedule=_reschedule
    )
    if not quiet:
        warn_same(settings, same)
    return rows


def owners(conn: Connection, settings: Settings) -> dict[int, str]:
    """{stored feed id: the brand koll.toml says owns it}, each entry matched to its stored row
    as a run's sync matches it (a moved feed written under its new address is its stored row
    before any run has synced the file). Read only; feeds no longer in koll.toml own nothing."""
    return {
        r.id: r.owner for r in as_configured(conn, settings, quiet=True) if r.id > 0 and r.owner
    }


def _reschedule(rows: Sequence[FeedRow]):
    """A shortened interval's due times, kept out of each host's pause (ingest.schedule)."""
    return shorter_interval_rule(rows, host_key)


def warn_same(settings: Settings, same: Sequence[SameFeed]) -> None:
    # A warning, not a config error: the run goes on with every other feed (a run that stopped
    # on it had left all of them unread until someone edited the file), and the feed itself
    # is read once, under the entry that already had it.
    for s in same:
        log.warning(
            "%s: %s is where the feed configured as %s (%s) is stored (it moved there); it is "
            "read once, as %s: keep one of the two entries",
            feed_place(settings, s.url),
            s.url,
            s.kept,
            feed_key(settings, s.kept),
            s.kept,
        )


def warn_refused(settings: Settings, refused: Sequence[RefusedMove]) -> None:
    """The moves the store refused (a 301 or 308 to the address of another stored feed, which
    keeps it: koll/store/feed_outcomes.py), said with the entries' places in koll.toml as
    warn_same says them. Said on every run: with both listed the same document is read twice."""
    for m in refused:
        key = feed_key(settings, m.taken)
        log.warning(
            "%s: %s moved for good to %s, where the feed configured as %s%s is stored: it keeps "
            "its own address%s",
            feed_place(settings, m.config_url),
            m.url,
            m.new_url,
            m.taken,
            "" if key is None else f" ({key})",
            "; both are read, so keep one of the two entries" if m.taken_in_config else "",
        )
