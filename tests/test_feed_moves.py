"""A feed that moved for good (301) and koll.toml edited to match: the stored feed is recognised
under its new address, history and state kept, and no edit of the file stops the other feeds.

Real HTTP (tests/feedserver.py) and a real database on both engines; each run is `koll ingest`
as cron runs it (koll.cli.main), so a database error would show as its exit code 1.
"""

from __future__ import annotations

import json
import logging
from dataclasses import replace

import pytest
from sqlalchemy import func, select

from koll.cli import main
from koll.config import FeedConfig
from koll.config_values import feed_address
from koll.store import Store, utcnow
from koll.store import feeds as store_feeds
from koll.store.feed_outcomes import Success, record_outcomes
from koll.store.feed_sync import plan_sync
from koll.store.feeds import FeedRow
from koll.store.schema import feeds, item_feeds, items, mentions, runs
from tests.feedserver import rss

ENTRIES = [
    {"title": "Fjällkraft bygger vindkraft", "link": "https://exempel.se/a", "guid": "a"},
    {"title": "Fjällkraft svarar", "link": "https://exempel.se/b", "guid": "b"},
]


def _write(write_config, database_url: str, urls: list[str]):
    text = f'[storage]\nurl = "{database_url}"\n\n[[brands]]\nname = "Fjällkraft"\n'
    text += "".join(f'\n[[feeds]]\nurl = "{u}"\n' for u in urls)
    return write_config(text)


def _ingest(config, *more: str) -> int:
    return main(["ingest", "--config", str(config), *more])


def _feeds(database_url: str) -> list:
    with Store(database_url) as store, store.connect() as conn:
        return conn.execute(select(feeds).order_by(feeds.c.id)).all()


def _count(database_url: str, table) -> int:
    with Store(database_url) as store, store.connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


@pytest.fixture
def moved(feed_server, write_config, database_url):
    """A feed configured at /old that answers 301 to /new, ingested once (its stored address is
    /new); returns (old URL, new URL, an unrelated feed's URL)."""
    new = feed_server.add("/new", rss(ENTRIES), etag='"v1"')
    old = feed_server.redirect("/old", new, 301)
    other = feed_server.add("/other", rss([{"title": "Nordvind", "link": "https://ex.se/n"}]))
    assert _ingest(_write(write_config, database_url, [old])) == 0
    (row,) = _feeds(database_url)
    assert (row.config_url, row.url, row.status) == (old, new, "ok")
    return old, new, other


@pytest.mark.parametrize("spelling", ["as shown", "other case"])
def test_the_new_address_in_koll_toml_is_the_stored_feed(
    moved, feed_server, write_config, database_url, spelling
):
    old, new, other = moved
    (before,) = _feeds(database_url)
    stored = _count(database_url, items)
    # `koll feeds` shows /new; the admin writes it into the file and adds another feed. The
    # scheme and host in capitals are the same address to koll.toml's own duplicate check.
    written = new if spelling == "as shown" else new.replace("http://", "HTTP://")
    config = _write(write_config, database_url, [written, other])
    feed_server.requests.clear()

    assert _ingest(config, "--all") == 0
    assert _ingest(config, "--all") == 0  # and every run after it

    rows = _feeds(database_url)
    assert [(r.id, r.config_url, r.url) for r in rows] == [
        (before.id, written, new),  # the same row, now configured under the new address
        (before.id + 1, other, other),
    ]
    kept = rows[0]
    assert (kept.status, kept.failures, kept.created) == ("ok", 0, before.created)
    assert kept.last_success >= before.last_success and kept.etag == '"v1"'
    assert rows[1].status == "ok"  # the unrelated feed is read too
    # Its state carried on: the stored ETag was sent, nothing was stored twice.
    sent = [h for p, h, _ in feed_server.requests if p == "/new"]
    assert sent and all(h.get("If-None-Match") == '"v1"' for h in sent)
    assert _count(database_url, items) == stored + 1
    with Store(database_url) as store, store.connect() as conn:
        linked = conn.execute(
            select(func.count()).select_from(item_feeds).where(item_feeds.c.feed_id == kept.id)
        ).scalar_one()
        statuses = [s for (s,) in conn.execute(select(runs.c.status).order_by(runs.c.id))]
    assert linked == len(ENTRIES) and statuses == ["ok", "ok", "ok"]


def test_koll_feeds_and_a_dry_run_show_the_moved_feed_as_the_stored_one(
    moved, feed_server, write_config, database_url, capsys
):
    old, new, other = moved
    config = _write(write_config, database_url, [new, other])
    capsys.readouterr()
    assert main(["feeds", "--config", str(config), "--format", "json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(f["url"], f["status"], f["last_success"] is not None) for f in listed] == [
        (new, "ok", True),  # not `never`: the history is the stored feed's
        (other, "never", False),
    ]
    feed_server.requests.clear()
    assert _ingest(config, "--dry-run", "--all") == 0
    sent = [h for p, h, _ in feed_server.requests if p == "/new"]
    assert len(sent) == 1 and sent[0].get("If-None-Match") == '"v1"'  # read as the stored feed
    assert [r.config_url for r in _feeds(database_url)] == [old]  # a dry run writes nothing


def test_both_addresses_listed_is_one_feed_and_one_warning(
    moved, write_config, database_url, caplog
):
    """The reverse: the old and the new address both in the file name one stored feed. It is
    read once, under the entry that has it, the other feeds are read, and a warning names the
    line of the entry left out."""
    old, new, other = moved
    config = _write(write_config, database_url, [old, other, new])
    with caplog.at_level(logging.WARNING):
        assert _ingest(config, "--all") == 0
    rows = _feeds(database_url)
    assert [(r.config_url, r.url, r.status) for r in rows] == [
        (old, new, "ok"),
        (other, other, "ok"),
    ]
    said = [r.getMessage() for r in caplog.records if "keep one of the two" in r.getMessage()]
    assert len(said) == 1, said
    assert said[0].startswith(f"{config}:14: feeds[2].url: {new} is where the feed configured as")
    assert f"{old} (feeds[0].url)" in said[0]

    # Taking the old entry out afterwards leaves the feed under the new one, history kept.
    assert _ingest(_write(write_config, database_url, [other, new]), "--all") == 0
    assert [(r.id, r.config_url, r.url) for r in _feeds(database_url)] == [
        (rows[0].id, new, new),
        (rows[1].id, other, other),
    ]


def test_two_feeds_moving_to_one_address_are_said_once_per_run(
    feed_server, write_config, database_url, caplog
):
    """Two configured URLs that both answer 301 to one address: the first stored takes it, the
    second keeps its own (the unique url) and the run says which entry to drop, naming both
    entries' places in koll.toml as the other feed warnings do (file, line and key)."""
    target = feed_server.add("/target", rss(ENTRIES))
    first = feed_server.redirect("/first", target, 301)
    second = feed_server.redirect("/second", target, 301)
    config = _write(write_config, database_url, [first, second])
    with caplog.at_level(logging.WARNING):
        assert _ingest(config) == 0
    rows = {r.config_url: r for r in _feeds(database_url)}
    assert {r.status for r in rows.values()} == {"ok"}
    # Fetched at once, either may be stored first and take the address.
    took, kept = (first, second) if rows[first].url == target else (second, first)
    assert (rows[took].url, rows[kept].url) == (target, kept)
    place = {first: f"{config}:8: feeds[0].url", second: f"{config}:11: feeds[1].url"}
    said = [r.getMessage() for r in caplog.records if "moved for good" in r.getMessage()]
    assert said == [
        f"{place[kept]}: {kept} moved for good to {target}, where the feed configured as "
        f"{took} ({place[took].split(': ')[1]}) is stored: it keeps its own address; both are "
        "read, so keep one of the two entries"
    ]
    assert _count(database_url, items) == len(ENTRIES)


def test_a_move_onto_a_feed_no_longer_listed_names_the_moved_entry(
    feed_server, write_config, database_url, caplog
):
    """The address taken by a feed taken out of koll.toml: the warning names the moved feed's
    entry (file, line, key) and the other feed without a key, as it has none to keep or drop."""
    target = feed_server.add("/target", rss(ENTRIES))
    assert _ingest(_write(write_config, database_url, [target])) == 0
    moving = feed_server.redirect("/moving", target, 301)
    config = _write(write_config, database_url, [moving])
    with caplog.at_level(logging.WARNING):
        assert _ingest(config, "--all") == 0
    said = [r.getMessage() for r in caplog.records if "moved for good" in r.getMessage()]
    assert said == [
        f"{config}:8: feeds[0].url: {moving} moved for good to {target}, where the feed "
        f"configured as {target} is stored: it keeps its own address"
    ]


def test_analyse_before_the_next_ingest_keeps_the_moved_feeds_owned_mentions(
    feed_server, write_config, database_url
):
    """The new address written into koll.toml and `koll analyse` run before the next ingest (its
    timer came first): the brand's owned feed is the stored one, matched as the sync matches
    it, so its owned mentions stay. Looked up by the stored config_url it owned nothing: the
    item only the feed's owner made a mention lost it, and the stored fingerprint (the new
    address) kept it lost after the ingest that synced the file."""
    new = feed_server.add(
        "/new",
        rss(
            [
                {"title": "Vi på Fjällkraft bygger", "link": "https://b.se/a"},
                {"title": "Nyheter från oss", "link": "https://b.se/b"},  # owned alone
            ]
        ),
    )
    old = feed_server.redirect("/old", new, 301)

    def write(url: str):
        return write_config(
            f'[storage]\nurl = "{database_url}"\n\n[[brands]]\nname = "Fjällkraft"\n'
            f'\n[[feeds]]\nurl = "{url}"\nowner = "Fjällkraft"\n'
        )

    def owned() -> list[tuple[str, bool, str | None]]:
        with Store(database_url) as store, store.connect() as conn:
            q = select(items.c.url, mentions.c.owned, mentions.c.owned_by).join(
                items, items.c.id == mentions.c.item_id
            )
            return sorted((u, bool(o), by) for u, o, by in conn.execute(q))

    config = write(old)
    assert _ingest(config) == 0
    assert main(["analyse", "--config", str(config)]) == 0
    before = owned()
    assert before == [
        ("https://b.se/a", True, "feed"),
        ("https://b.se/b", True, "feed"),
    ]
    config = write(new)  # as `koll feeds` shows it
    assert main(["analyse", "--config", str(config)]) == 0
    assert owned() == before
    assert _ingest(config, "--all") == 0
    assert main(["analyse", "--config", str(config)]) == 0
    assert owned() == before
    assert [(r.config_url, r.url) for r in _feeds(database_url)] == [(new, new)]


def test_swapped_feeds_listed_as_koll_feeds_shows_them_are_no_database_error(
    feed_server, write_config, database_url
):
    """As the test below, but /b was listed first (its row has the lower id, so it is written
    first) and the admin lists both /a (the listed feed now there) and /archive (the retired
    one, wanted back): the listed row took /a while the retired row still held it, and every
    run failed on the unique configured URL (a review of the fix below)."""
    archive = feed_server.add("/archive", rss(ENTRIES[:1]))
    a = feed_server.redirect("/a", archive, 301)
    b = feed_server.add("/b", rss(ENTRIES[1:]), etag='"b1"')
    assert _ingest(_write(write_config, database_url, [b, a])) == 0
    assert _ingest(_write(write_config, database_url, [b]), "--all") == 0  # /a taken out
    feed_server.add("/a", rss(ENTRIES[1:]), etag='"b1"')
    feed_server.redirect("/b", a, 301)
    assert _ingest(_write(write_config, database_url, [b]), "--all") == 0
    listed, retired = _feeds(database_url)
    assert (listed.config_url, listed.url, listed.in_config) == (b, a, True)
    assert (retired.config_url, retired.url, retired.in_config) == (a, archive, False)
    assert _ingest(_write(write_config, database_url, [a, archive]), "--all") == 0
    rows = _feeds(database_url)
    assert [(r.id, r.config_url, r.url, r.in_config) for r in rows] == [
        (listed.id, a, a, True),
        (retired.id, archive, archive, True),  # back in the file, with its history
    ]


def test_a_listed_feed_now_at_the_address_beats_a_retired_one_configured_there(
    feed_server, write_config, database_url
):
    """The site swapped its feeds: /a moved to /archive and was taken out of koll.toml, then /b
    moved to /a. `koll feeds` shows /b's feed at /a and the admin writes /a into the file: that
    is the listed feed now at /a, not the retired row once configured as /a (which had been
    revived at /archive, and /b's feed with its history left out). The retired row gives up
    its configured URL (unique) and keeps its history."""
    archive = feed_server.add("/archive", rss(ENTRIES[:1]))
    a = feed_server.redirect("/a", archive, 301)
    b = feed_server.add("/b", rss(ENTRIES[1:]), etag='"b1"')
    assert _ingest(_write(write_config, database_url, [a, b])) == 0
    assert _ingest(_write(write_config, database_url, [b]), "--all") == 0  # /a taken out
    feed_server.add("/a", rss(ENTRIES[1:]), etag='"b1"')
    feed_server.redirect("/b", a, 301)
    assert _ingest(_write(write_config, database_url, [b]), "--all") == 0
    retired, listed = _feeds(database_url)
    assert (retired.config_url, retired.url, retired.in_config) == (a, archive, False)
    assert (listed.config_url, listed.url, listed.in_config) == (b, a, True)

    feed_server.requests.clear()
    assert _ingest(_write(write_config, database_url, [a]), "--all") == 0
    assert _ingest(_write(write_config, database_url, [a]), "--all") == 0
    rows = _feeds(database_url)
    assert [(r.id, r.config_url, r.url, r.in_config) for r in rows] == [
        (retired.id, archive, archive, False),  # its configured URL released to where it is
        (listed.id, a, a, True),
    ]
    assert rows[1].status == "ok" and rows[1].last_success >= listed.last_success
    asked = [(p, h.get("If-None-Match")) for p, h, _ in feed_server.requests]
    assert asked == [("/a", '"b1"'), ("/a", '"b1"')]  # as the listed feed, never /archive


def test_a_retired_row_gives_up_its_configured_url_to_the_listed_feed_there():
    """The plan on rows alone (koll/store/feed_sync.py): the listed row at the URL's address is
    the feed; the retired row configured under it is released first, to its own address or,
    when that is the same address spelt otherwise, to that with its id as a fragment."""
    retired = FeedRow(
        id=1,
        url="http://exempel.se/a",
        config_url="http://exempel.se/a",
        kind="news",
        owner=None,
        interval_s=600,
        etag=None,
        last_modified=None,
        body_hash=None,
        status="ok",
        failures=0,
        last_error=None,
        last_success=None,
        next_due=None,
        in_config=False,
    )
    listed = replace(
        retired, id=2, url="HTTP://EXEMPEL.se/a", config_url="http://exempel.se/b", in_config=True
    )
    spec = FeedConfig(url="http://exempel.se/a", interval_s=600)
    plan = plan_sync([retired, listed], [spec], address=feed_address)
    assert [(r.id, r.config_url, r.in_config) for r in plan.kept] == [(2, spec.url, True)]
    assert [(b.id, a.config_url) for b, a in plan.updates] == [
        (1, "http://exempel.se/a#retired-1"),  # its own address is the one taken
        (2, "http://exempel.se/a"),
    ]
    assert (plan.new, plan.same, plan.leaving) == ([], [], [])


def test_a_move_recorded_while_the_sync_plans_is_no_database_error(
    feed_server, write_config, database_url, monkeypatch
):
    """Leased workers on PostgreSQL: another worker records /old's 301 to /new (it does not wait
    for the sync's lock) after the sync read the feeds and before it inserts /new, just written
    into koll.toml. The insert is left out instead of failing on the unique url, and planned
    again /new is the moved feed (the sync plans from rows read before the move here)."""
    new = feed_server.add("/new", rss(ENTRIES))
    old = feed_server.add("/old", rss(ENTRIES))
    assert _ingest(_write(write_config, database_url, [old])) == 0
    (row,) = _feeds(database_url)
    with Store(database_url) as store:
        with store.connect() as conn:
            read = store_feeds.all_feeds(conn, configured_only=False)
        with store.begin() as conn:  # the other worker's outcome: moved for good to /new
            moved = Success(row.id, utcnow(), None, None, None, new_url=new)
            record_outcomes(conn, now=utcnow(), successes=[moved])
        stale = [read]
        real = store_feeds.all_feeds
        monkeypatch.setattr(
            store_feeds, "all_feeds", lambda conn, **kw: stale.pop() if stale else real(conn, **kw)
        )
        with store.begin() as conn:
            same = store_feeds.sync_feeds(conn, [FeedConfig(url=new)], address=feed_address)
    assert same == []
    assert [(r.id, r.config_url, r.url, r.in_config) for r in _feeds(database_url)] == [
        (row.id, new, new, True)
    ]
