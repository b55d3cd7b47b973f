"""Bring stored mentions in line with koll.toml: re-match the history of brands whose matching
definition changed since their mentions were found.

A brand's fingerprint covers everything that decides its mentions: its names, aliases,
exclusions, query, people, owned domains, the feeds it owns, and the matching rules' revision
(analysis.brands.MATCH_REVISION). `koll analyse` compares it with the one stored when the brand
was last matched (none for a new brand, or a store from before fingerprints) and, for each brand
that differs, goes through every stored item once: mentions are added and removed, owned flags
set again. New mentions are scored by the rescoring step that follows (an analyst's correction
is put back instead); term counts of the days that changed and the brand's topics are dropped so
the later steps compute them again, and so are the brand's key-message flags when its owned
mentions changed (a mention copying an owned item carries a key message). Each batch of items commits on its own and the fingerprint
is stored last, so an interrupted run simply redoes the brand.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable
from datetime import datetime

from analysis.brands import MATCH_REVISION, Brand
from ingest import feed_sync
from ingest.match import Matchers, brand_mention, item_text
from koll.config import Settings
from koll.store import Store
from koll.store import rematch as sr
from koll.store.records import Item
from koll.store.sentiment_store import latest_corrections, lock_items, mention_row

log = logging.getLogger("koll.rematch")

# Items per transaction: 2,000 keeps a batch's texts to a few MB and its commit short enough
# that an ingest run waiting for the SQLite write lock is held up for well under a second.
BATCH = 2000

Progress = Callable[[int, int, list[str]], None]


def fingerprint(b: Brand, owned_feeds: list[str]) -> str:
    """What the brand's mentions depend on, hashed (order of aliases etc. does not matter)."""
    parts = {
        "revision": MATCH_REVISION,
        "name": b.name,
        "aliases": sorted(b.aliases),
        "exclude": sorted(b.exclude),
        "query": b.query,
        "people": sorted(b.people),
        "owned_domains": sorted(b.owned_domains),
        "owned_feeds": sorted(owned_feeds),
    }
    blob = json.dumps(parts, ensure_ascii=False, sort_keys=True).encode()
    return hashlib.sha256(blob).hexdigest()[:32]


def wanted_fingerprints(settings: Settings) -> dict[str, str]:
    return {
        b.name: fingerprint(b, [f.url for f in settings.feeds if f.owner == b.name])
        for b in settings.brands
    }


def _item(r) -> Item:
    return Item(
        key=r.key,
        url=r.url,
        guid=None,
        title=r.title or "",
        text=r.text or "",
        published=None,
        published_estimated=False,
        author=r.author,
        source=r.source,
        kind=r.kind,
    )


def _changes(
    rows, brands, matchers, owner_of, stored, corrected
) -> tuple[sr.Changes, dict, set[str]]:
    """What to change for one batch of items, {brand: days whose mentions changed}, and the
    brands whose owned mentions changed (an owned item gained or lost)."""
    ch = sr.Changes([], [], [])
    days: dict[str, set[str]] = {b.name: set() for b in brands}
    owned: set[str] = set()
    for r in rows:
        it, text = _item(r), None
        owner = owner_of.get(r.feed_id)
        for b in brands:
            text = text or item_text(it)
            m = brand_mention(it, b, matchers[b.name], text, owner)
            old = stored.get((r.id, b.name))
            if m is not None and old is None:
                fixed = corrected.get((r.id, b.name))
                ch.add.append(mention_row(r.id, b.name, m, r._mapping, corrected=fixed))
            elif m is None and old is not None:
                ch.remove.append(old.id)
            elif m is not None and (old.owned, old.owned_by, old.person) != (
                m.owned,
                m.owned_by,
                m.person,
            ):
                ch.owner.append(
                    {"mid": old.id, "owned": m.owned, "owned_by": m.owned_by, "person": m.person}
                )
            else:
                continue
            days[b.name].add(r.day)
            if (m is not None and m.owned) or (old is not None and old.owned):
                owned.add(b.name)
    return ch, days, owned


def rematch_changed(
    store: Store,
    settings: Settings,
    now: datetime,
    *,
    full: bool = False,
    progress: Progress | None = None,
) -> dict:
    """Re-match the stored items of every brand whose fingerprint changed (all with `full`).

    Returns {brand: {"added": n, "removed": n, "owner_changed": n}} for the brands re-matched.
    """
    wanted = wanted_fingerprints(settings)
    renamed = _adopt_spellings(store, list(wanted))
    with store.connect() as conn:
        stored_fp = sr.fingerprints(conn)
        # Which stored feed each koll.toml entry is, as the sync matches them: a moved feed
        # written into the file under its new address is its row before the next ingest has
        # synced the file (by config_url, its owned mentions had been dropped for good).
        owner_of = feed_sync.owners(conn, settings)
        total = sr.count_items(conn)
    brands = [
        b
        for b in settings.brands
        if full or b.name in renamed or stored_fp.get(b.name) != wanted[b.name]
    ]
    if not brands:
        return {}
    names = [b.name for b in brands]
    log.info("re-matching %s over %d stored items", ", ".join(names), total)
    matchers = Matchers.build(brands).matchers
    out = {n: {"added": 0, "removed": 0, "owner_changed": 0} for n in names}
    days: dict[str, set[str]] = {n: set() for n in names}
    owned: set[str] = set()
    after, done = 0, 0
    while True:
        with store.begin() as conn:
            rows = sr.item_batch(conn, after, BATCH)
            if not rows:
                break
            # The batch's items held before their mentions and corrections are read, as an edit
            # holds its items (lock_items): a correction committed between a read made once at
            # the start and this batch's delete of its mention had been lost.
            ids = [r.id for r in rows]
            lock_items(conn, ids)
            corrected = latest_corrections(conn, names, ids)
            stored = sr.mentions_between(conn, names, rows[0].id, rows[-1].id)
            ch, touched, moved = _changes(rows, brands, matchers, owner_of, stored, corrected)
            sr.apply(conn, ch)
        _count(out, ch, stored)
        for n, d in touched.items():
            days[n] |= d
        owned |= moved
        after, done = rows[-1].id, done + len(rows)
        if progress:
            progress(done, max(total, done), names)
    with store.begin() as conn:
        for b in brands:
            sr.forget_derived(conn, b.name, days[b.name], flags=b.name in owned)
            sr.save_fingerprint(conn, b.name, wanted[b.name], now)
    log.info("re-matched: %s", out)
    return out


def _adopt_spellings(store: Store, names: list[str]) -> dict[str, list[str]]:
    """The configured brands whose stored rows were renamed to their spelling (store.rematch
    .adopt_spellings), with the old spellings.

    A brand renamed by case alone (ÅHLÉNS -> Åhléns) is the same brand: its stored rows take the
    new spelling first, in one transaction, or the re-match would add every mention again
    beside the old rows. It is then re-matched, finding the renamed mentions: what a name
    matches may depend on its case (ICA, in capitals, matches only capitals; Ica any case), and
    after a run that stored both spellings (its fingerprint already the new one) the topics,
    threads and story firsts it made from both spellings' rows are made again.
    """
    with store.begin() as conn:
        renamed = sr.adopt_spellings(conn, names)
    if renamed:
        log.info("renamed by case: %s", renamed)
    return renamed


def _count(out: dict, ch: sr.Changes, stored: dict) -> None:
    for row in ch.add:
        out[row["brand"]]["added"] += 1
    by_id = {s.id: brand for (_i, brand), s in stored.items()}
    for mid in ch.remove:
        out[by_id[mid]]["removed"] += 1
    for u in ch.owner:
        out[by_id[u["mid"]]]["owner_changed"] += 1
