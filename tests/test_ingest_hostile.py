"""`koll ingest` against a second round of hostile feeds (a QA tester's fault-injecting server):
over-long links, what a failed feed's last_error holds, and the like, over real HTTP and a real
database on both engines."""

from __future__ import annotations

import json
import logging
import math
from datetime import UTC, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.exc import DataError

from ingest.parse import parse
from ingest.run import ingest_once
from ingest.schedule import RETRY_AFTER_CAP, after_failure
from ingest.urls import canonical_url
from koll.cli import main
from koll.config import load_settings
from koll.store import Store, utcnow
from koll.store import items as store_items
from koll.store.schema import feeds, items, mentions
from tests.feedserver import rss

FETCH = """
[fetch]
timeout_s = 5
feed_budget_s = 10
per_host_gap_s = 0
per_host_concurrency = 8
"""


def _settings(write_config, database_url: str, urls: list[str]):
    text = f'[storage]\nurl = "{database_url}"\n[[brands]]\nname = "Fjällkraft"\n{FETCH}'
    text += "".join(f'[[feeds]]\nurl = "{u}"\n' for u in urls)
    return load_settings(write_config(text))


def _feed_rows(database_url: str) -> dict[str, tuple[str, str | None]]:
    with Store(database_url) as store, store.connect() as conn:
        return {
            r.url: (r.status, r.last_error)
            for r in conn.execute(select(feeds.c.url, feeds.c.status, feeds.c.last_error))
        }


def _stored(database_url: str) -> dict[str, tuple[str, str | None, str | None]]:
    """title -> (key, url, guid) of every stored item."""
    with Store(database_url) as store, store.connect() as conn:
        rows = conn.execute(select(items.c.title, items.c.key, items.c.url, items.c.guid))
        return {r.title: (r.key, r.url, r.guid) for r in rows}


# -- links longer than the key column ----------------------------------------------------------

LONG_A = "https://exempel.se/" + "a" * 100_000
LONG_B = "https://exempel.se/" + "a" * 99_999 + "b"  # the same first 100,000 characters


def test_an_item_with_a_link_longer_than_its_column_is_stored_alike_on_both_engines(
    feed_server, write_config, database_url
):
    """On PostgreSQL such an item failed its whole feed on every run (the key is VARCHAR(2048));
    on SQLite it was stored with a 100,018-character key. Now both store a 2048-character key:
    the link's start and a hash of the whole, so two long links stay two items."""
    entries = [
        {"title": "Lång A", "link": LONG_A, "text": "Fjällkraft är bra."},
        {"title": "Lång B", "link": LONG_B, "text": "Fjällkraft är dålig."},
        {
            "title": "Lång guid",
            "link": "https://exempel.se/g",
            "guid": "g" * 200_000,
            "text": "Fjällkraft säger något.",
        },
        {"title": "Kort", "link": "https://exempel.se/kort", "text": "Fjällkraft."},
    ]
    url = feed_server.add("/lang.xml", rss(entries))
    settings = _settings(write_config, database_url, [url])
    report = ingest_once(settings=settings)
    assert report.feeds_failed == 0 and report.new_items == 4, report
    stored = _stored(database_url)
    assert _feed_rows(database_url)[url] == ("ok", None)
    assert stored["Kort"][0] == "https://exempel.se/kort"
    keys = {t: k for t, (k, _u, _g) in stored.items()}
    assert keys["Lång A"] == store_items.fit_key(canonical_url(LONG_A))
    assert len({keys["Lång A"], keys["Lång B"]}) == 2
    assert len(keys["Lång A"]) == len(keys["Lång B"]) == 2048
    assert len(stored["Lång guid"][2] or "") == 2048  # the guid column is clipped, as before
    assert keys["Lång A"].startswith("https://exempel.se/aaa")
    # The next run finds them by their stored keys: nothing is new, nothing stored twice.
    entries.append({"title": "Ny", "link": "https://exempel.se/ny", "text": "Ny text."})
    feed_server.add("/lang.xml", rss(entries))
    again = ingest_once(settings=settings, all_feeds=True)
    assert again.feeds_failed == 0 and again.new_items == 1, again
    assert len(_stored(database_url)) == 5


def test_a_comment_on_a_post_with_a_long_link_hangs_under_its_stored_key():
    doc = rss([{"title": "Svar", "link": LONG_A + "#comment-5", "guid": "c-5", "text": "Ja."}])
    (comment,) = parse(doc, feed_url="https://exempel.se/comments/feed", kind="comments").items
    assert comment.parent_key == store_items.fit_key(canonical_url(LONG_A))


def test_fit_key_keeps_short_keys_and_is_stable():
    assert store_items.fit_key("https://exempel.se/x") == "https://exempel.se/x"
    key = "guid:" + "x" * 5000
    assert store_items.fit_key(key) == store_items.fit_key(key)
    assert len(store_items.fit_key(key)) == store_items.KEY_WIDTH
    assert store_items.fit_key(store_items.fit_key(key)) == store_items.fit_key(key)


class StringDataRightTruncation(Exception):
    """Stands in for the driver's error (psycopg's), whose class names what was refused."""


def test_a_feed_the_database_refuses_fails_with_one_line(
    feed_server, write_config, database_url, monkeypatch, caplog
):
    """The feed's last_error had been the driver's whole message (the INSERT statement and its
    parameters, thousands of characters over several lines), with two chained tracebacks in the
    log. Now one line names the error; the other feed is stored as usual."""
    bad = feed_server.add("/bad.xml", rss([{"title": "TRASIG", "link": "https://exempel.se/t"}]))
    good = feed_server.add("/good.xml", rss([{"title": "Hel", "link": "https://exempel.se/h"}]))
    save = store_items.save_feeds

    def refusing(conn, batch, **kw):
        if any(it.title == "TRASIG" for f in batch for it in f.items):
            orig = StringDataRightTruncation(
                "value too long for type character varying(2048)\nCONTEXT: unnamed portal"
            )
            params = {"key__0": "https://exempel.se/" + "a" * 5000}
            raise DataError("INSERT INTO items (key, url)\nVALUES (%(key__0)s)", params, orig)
        return save(conn, batch, **kw)

    monkeypatch.setattr(store_items, "save_feeds", refusing)
    caplog.set_level(logging.INFO, logger="koll.ingest")
    report = ingest_once(settings=_settings(write_config, database_url, [bad, good]))
    assert report.feeds_ok == 1 and report.feeds_failed == 1, report
    rows = _feed_rows(database_url)
    assert rows[good] == ("ok", None)
    assert rows[bad] == (
        "failing",
        "storing failed: StringDataRightTruncation: value too long for type character varying(2048)",
    )
    assert not [r for r in caplog.records if r.exc_info], "a traceback was logged"
    logged = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert logged == [f"{bad}: {rows[bad][1]}"], logged


# -- Retry-After beyond any date -----------------------------------------------------------------


@pytest.mark.parametrize(
    "retry_after", ["99999999999999999999", "9" * 400, "Fri, 31 Dec 9999 23:59:59 GMT"]
)
def test_a_retry_after_beyond_any_date_waits_the_cap(
    feed_server, write_config, database_url, caplog, retry_after
):
    """`Retry-After: 99999999999999999999` on a 429 had ended in an OverflowError traceback and
    the feed's last_error "internal error: OverflowError ...": it waits the 24-hour cap."""
    url = feed_server.add("/429", b"", status=429, headers={"Retry-After": retry_after})
    other = feed_server.add("/ok.xml", rss([{"title": "Hel", "link": "https://exempel.se/h"}]))
    caplog.set_level(logging.INFO, logger="koll.ingest")
    before = utcnow()
    report = ingest_once(settings=_settings(write_config, database_url, [url, other]))
    assert report.feeds_failed == 1 and report.feeds_ok == 1, report
    assert report.errors[url] == "HTTP 429 Too Many Requests"
    assert not [r for r in caplog.records if r.exc_info], "a traceback was logged"
    with Store(database_url) as store, store.connect() as conn:
        due = dict(conn.execute(select(feeds.c.url, feeds.c.next_due)).all())
    # The host's pause holds its other feed as long (ingest/batch._keep_holds).
    for u in (url, other):
        wait = due[u].replace(tzinfo=UTC) - before
        assert RETRY_AFTER_CAP <= wait <= RETRY_AFTER_CAP + timedelta(minutes=1), (u, wait)


def test_after_failure_caps_a_retry_after_before_it_becomes_a_timedelta():
    now = utcnow()
    for seconds in (1e20, math.inf):
        status, due = after_failure(now, 600, 1, soft=True, retry_after_s=seconds)
        assert (status, due) == ("failing", now + RETRY_AFTER_CAP)


# -- entity attacks past the first check ---------------------------------------------------------


def test_a_bomb_nested_by_character_references_fails_its_feed(
    feed_server, write_config, database_url
):
    """It had been stored 'ok' with an item titled '&a9;' (expat breached its amplification
    limit and the loose parser recovered); an external entity in UTF-16LE without a byte-order
    mark had never been looked at."""
    ents = '<!ENTITY a0 "lollollollollollollollollollol">' + "".join(
        f'<!ENTITY a{i} "{f"&#38;a{i - 1};" * 10}">' for i in range(1, 10)
    )
    laughs = feed_server.add(
        "/laughs.xml",
        f'<?xml version="1.0"?><!DOCTYPE rss [{ents}]><rss version="2.0"><channel><title>t'
        "</title><item><title>&a9;</title><link>https://exempel.se/a</link></item></channel></rss>",
    )
    xxe = feed_server.add(
        "/xxe16.xml",
        '<?xml version="1.0" encoding="UTF-16LE"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM '
        '"file:///etc/passwd">]><rss version="2.0"><channel><title>t</title><item><title>x'
        "</title><description>&xxe;</description><link>https://exempel.se/x</link></item>"
        "</channel></rss>".encode("utf-16-le"),
    )
    report = ingest_once(settings=_settings(write_config, database_url, [laughs, xxe]))
    assert report.feeds_failed == 2 and report.new_items == 0, report
    rows = _feed_rows(database_url)
    assert rows[laughs] == (
        "failing",
        "XML entity expansion refused (nested entities: a 'billion laughs' bomb?)",
    )
    assert rows[xxe] == ("failing", "XML external or parameter entity refused")
    assert _stored(database_url) == {}


# -- GUIDs that are no web address ---------------------------------------------------------------


def test_an_item_whose_guid_is_no_address_is_stored_without_a_link(
    feed_server, write_config, database_url, tmp_path
):
    """`<guid>miss-2</guid>` and no <link> had been stored with url http://HOST/i/miss-2, an
    address the feed never gave; exports and the dashboard linked to it."""
    url = feed_server.add(
        "/i/missing",
        rss(
            [
                {"title": "Utan länk", "guid": "miss-2", "text": "Fjällkraft höjer priset."},
                {"title": "Med länk", "link": "https://exempel.se/m", "text": "Fjällkraft."},
            ]
        ),
    )
    settings = _settings(write_config, database_url, [url])
    assert ingest_once(settings=settings).new_items == 2
    stored = _stored(database_url)
    host = url.removesuffix("/i/missing")
    assert stored["Utan länk"] == (f"guid:{host}/i/miss-2", None, f"{host}/i/miss-2")
    assert stored["Med länk"][1] == "https://exempel.se/m"
    # Read again, it is the same item; and `koll export` writes it with an empty url.
    assert ingest_once(settings=settings, all_feeds=True).new_items == 0
    out = tmp_path / "items.jsonl"
    config = str(settings.config_path)
    assert (
        main(["export", "items", "--config", config, "--format", "jsonl", "--output", str(out)])
        == 0
    )
    rows = {r["title"]: r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    assert rows["Utan länk"]["url"] in (None, "") and rows["Med länk"]["url"]


# -- a document cut short ------------------------------------------------------------------------


def test_a_document_cut_short_is_stored_with_a_warning_naming_the_feed(
    feed_server, write_config, database_url, caplog
):
    """docs/config.md: a plain body cut short "gives what it holds whole, with a warning"; the
    line had been logged at INFO, which a cron run's log (WARNING and up) never shows."""
    entries = [
        {"title": f"Trunk {i}", "link": f"https://exempel.se/t/{i}", "text": "Fjällkraft."}
        for i in range(6)
    ]
    body = rss(entries)
    url = feed_server.add("/n/truncated", body[: int(len(body) * 0.7)])
    caplog.set_level(logging.INFO, logger="koll.ingest")
    report = ingest_once(settings=_settings(write_config, database_url, [url]))
    assert report.feeds_ok == 1 and 0 < report.new_items < 6, report
    warned = [
        r.getMessage()
        for r in caplog.records
        if r.levelno == logging.WARNING and "recovered from a malformed document" in r.getMessage()
    ]
    assert len(warned) == 1 and warned[0].startswith(f"{url}: "), warned


# -- control characters --------------------------------------------------------------------------


def test_a_nul_in_a_title_keeps_the_mention(feed_server, write_config, database_url):
    """The QA feed: the loose parser's recovery had stored the title 'Noll' (SQLite) and lost
    the mention of Fjällkraft after the NUL."""
    url = feed_server.add(
        "/n/nul",
        rss(
            [
                {
                    "title": "Noll\x00byte Fjällkraft",
                    "link": "https://exempel.se/nul/1",
                    "guid": "nul-1",
                    "text": "text\x00med nul",
                }
            ]
        ),
    )
    report = ingest_once(settings=_settings(write_config, database_url, [url]))
    assert report.feeds_ok == 1 and report.new_items == 1, report
    with Store(database_url) as store, store.connect() as conn:
        row = conn.execute(select(items.c.title, items.c.text)).one()
        brands = [b for (b,) in conn.execute(select(mentions.c.brand))]
    assert tuple(row) == ("Noll byte Fjällkraft", "text med nul")
    assert brands == ["Fjällkraft"]
