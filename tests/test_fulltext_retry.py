"""A full-text page that could not be read is asked for again on later runs, within a cap.

Everything is real: `koll ingest` (or ingest_once, where a test needs the clock to move) reads
RSS from tests/feedserver.py on 127.0.0.1, fetches the article pages from the same server,
extracts them with trafilatura and stores into SQLite; the server's request counts say what was
fetched. The teasers name no brand and are neutral; the article names Fjällkraft and is
negative, so the stored mention and tone tell whether the article was read.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from ingest import fulltext
from ingest.run import ingest_once
from koll.cli import main
from koll.config import load_settings
from koll.store import Store, item_edits
from koll.store.schema import feeds, items, mentions, scores
from tests.article_pages import news_page
from tests.conftest import skip_or_fail
from tests.feedserver import FeedServer, rss

HTML = {"Content-Type": "text/html; charset=utf-8"}
DATE = "Mon, 09 Nov 2026 08:00:00 +0000"
ANGRY = (
    "Fjällkraft får hård kritik av kunderna i Åre efter vinterns elavbrott.",
    "Kunderna är rasande över de usla besluten och det katastrofala bemötandet.",
    "Många känner sig lurade och svikna av bolaget, som inte svarar på klagomålen.",
    "Flera hushåll har nu sagt upp sina avtal i protest mot den dåliga servicen.",
)
CALM = (
    "Fjällkraft bygger tolv nya vindkraftverk på kalfjället ovanför Åre.",
    "Kommunens miljöchef säger att tillståndsprövningen tog nästan fyra år.",
    "Bygget väntas börja till våren när tjälen har gått ur marken.",
)


@pytest.fixture(autouse=True)
def needs_extractor():
    if not fulltext.available():
        skip_or_fail("full-text tests need trafilatura: pip install -e '.[dev]'")


def _config(tmp_path: Path, s: FeedServer, extra: str = "", feeds: str = "") -> Path:
    cfg = tmp_path / "koll.toml"
    cfg.write_text(
        f'[fetch]\nper_host_gap_s = 0\ntimeout_s = 1\n{extra}[[brands]]\nname = "Fjällkraft"\n'
        f'[[feeds]]\nurl = "{s.url("/ft.xml")}"\nfulltext = true\n{feeds}',
        encoding="utf-8",
    )
    return cfg


def _feed(s: FeedServer, entries: list[tuple[str, str, str]], path: str = "/ft.xml") -> None:
    """The feed of (page path, title, teaser) entries; with an ETag, so that an unchanged feed
    is answered 304 to a run that sends it back."""
    body = rss([{"title": t, "link": s.url(p), "text": x, "date": DATE} for p, t, x in entries])
    s.add(path, body, etag=f'"{hash(body)}"')


def _article(s: FeedServer, path: str, paragraphs: tuple[str, ...] = ANGRY) -> None:
    s.add(path, news_page(title="Artikeln", paragraphs=paragraphs), headers=HTML)


def _fail(s: FeedServer, path: str, how: str) -> None:
    if how == "timeout":  # the page answers after the run's 1 s timeout
        _article(s, path)
        s.routes[path].delay_s = 4
    else:
        s.add(path, b"fel", status=int(how))


def _rows(tmp_path: Path) -> dict:
    """page path -> (stored item row, its mentions' (brand, label), its tone row)."""
    store = Store(f"sqlite:///{tmp_path / 'koll.db'}", create=False)
    try:
        with store.connect() as conn:
            out = {}
            for r in conn.execute(items.select()):
                ms = conn.execute(mentions.select().where(mentions.c.item_id == r.id)).all()
                tone = conn.execute(scores.select().where(scores.c.item_id == r.id)).one()
                out[urlsplit(r.url).path] = (r, sorted((m.brand, m.label) for m in ms), tone)
            return out
    finally:
        store.close()


def _feed_row(tmp_path: Path):
    store = Store(f"sqlite:///{tmp_path / 'koll.db'}", create=False)
    try:
        with store.connect() as conn:
            return conn.execute(feeds.select().where(feeds.c.url.endswith("/ft.xml"))).one()
    finally:
        store.close()


def _dump(tmp_path: Path) -> list[str]:
    """Every table's rows, read without writing (a read-only connection)."""
    conn = sqlite3.connect(f"file:{tmp_path / 'koll.db'}?mode=ro", uri=True)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


@pytest.mark.parametrize("how", ["500", "timeout", "404"])
def test_a_new_items_page_that_failed_is_read_on_a_later_run(feed_server, tmp_path, how):
    """QA: a new item whose page failed on first sight kept its teaser for good, its page never
    asked for again, even once it was back. A second feed of the site carrying the same teaser
    under another link meanwhile is the same item, not a second one."""
    s = feed_server
    _feed(s, [("/n/1", "Vindkraft i Åre", "Nyhet om vindkraft i Åre …")])
    _fail(s, "/n/1", how)
    other = rss([{"title": "Vindkraft i Åre", "link": s.url("/sv/1"), "text": "Nyhet om vindkraft i Åre …"}])  # fmt: skip
    s.add("/other.xml", other)
    cfg = _config(tmp_path, s)
    assert main(["ingest", "--config", str(cfg)]) == 0
    first, found, tone = _rows(tmp_path)["/n/1"]
    assert first.text == "Nyhet om vindkraft i Åre …" and found == [] and tone.label == "neu"

    cfg = _config(tmp_path, s, feeds=f'[[feeds]]\nurl = "{s.url("/other.xml")}"\n')
    assert main(["ingest", "--config", str(cfg), "--all"]) == 0  # still failing
    assert len(_rows(tmp_path)) == 1  # the other feed's copy is the same item
    _article(s, "/n/1")
    assert main(["ingest", "--config", str(cfg), "--all"]) == 0
    row, found, tone = _rows(tmp_path)["/n/1"]
    assert ANGRY[1] in row.text and row.title == "Vindkraft i Åre"
    assert found == [("Fjällkraft", "neg")] and tone.label == "neg"  # matched and scored anew
    assert row.content_hash == first.content_hash.removesuffix(item_edits.PAGE_PENDING)
    assert s.hits["/n/1"] == 3
    # Read: the page is not asked for again, and the feed is asked conditionally again.
    assert main(["ingest", "--config", str(cfg), "--all"]) == 0
    assert s.hits["/n/1"] == 3 and _feed_row(tmp_path).etag is not None
    assert _rows(tmp_path)["/n/1"][0] == row


def test_an_edited_items_page_that_failed_is_read_on_a_later_run(feed_server, tmp_path):
    """QA: an item its feed edited while its page failed was stored with the new title and the
    old article (or the new teaser) for good: the page was never read again once it was back,
    so the mention kept the old article's text and tone."""
    s = feed_server
    _feed(s, [("/n/1", "Vindkraft i Åre", "Nyhet om vindkraft i Åre …")])
    _article(s, "/n/1", CALM)
    cfg = _config(tmp_path, s)
    assert main(["ingest", "--config", str(cfg)]) == 0
    first, found, tone = _rows(tmp_path)["/n/1"]
    assert CALM[0] in first.text and found == [("Fjällkraft", "neu")]

    _feed(s, [("/n/1", "Kritik mot Fjällkraft", "Kunderna klagar …")])
    _fail(s, "/n/1", "503")
    assert main(["ingest", "--config", str(cfg), "--all"]) == 0
    edited, _, _ = _rows(tmp_path)["/n/1"]
    assert edited.title == "Kritik mot Fjällkraft" and edited.text == first.text  # as before
    assert main(["ingest", "--config", str(cfg), "--all"]) == 0  # still failing: nothing new
    assert _rows(tmp_path)["/n/1"][0] == edited

    _article(s, "/n/1", ANGRY)
    assert main(["ingest", "--config", str(cfg), "--all"]) == 0
    row, found, tone = _rows(tmp_path)["/n/1"]
    assert row.title == "Kritik mot Fjällkraft" and ANGRY[1] in row.text and CALM[0] not in row.text
    assert found == [("Fjällkraft", "neg")] and tone.label == "neg"
    assert s.hits["/n/1"] == 4


def test_pages_over_the_per_feed_cap_are_read_on_later_runs(feed_server, tmp_path):
    """A feed's first run lists more teasers than `fulltext_max_pages`: the rest kept their
    teasers for good. Later runs read them, newest first, the cap at a time."""
    s = feed_server
    entries = []
    for i in range(3):
        _article(s, f"/n/{i}")
        entries.append((f"/n/{i}", f"Nyhet {i}", f"Ingress {i} …"))
    _feed(s, entries)
    cfg = _config(tmp_path, s, extra="fulltext_max_pages = 1\n")
    filled = []
    for _ in range(4):
        assert main(["ingest", "--config", str(cfg), "--all"]) == 0
        filled.append(sum(ANGRY[1] in r.text for r, _, _ in _rows(tmp_path).values()))
    assert filled == [1, 2, 3, 3]
    assert [s.hits[f"/n/{i}"] for i in range(3)] == [1, 1, 1]


def test_a_page_failing_for_good_stops_being_asked_for(feed_server, tmp_path):
    """A page that answers 404 on every run is asked for on the feed's runs for
    PAGE_RETRY_DAYS after its item was first stored, and then no more: the item keeps its
    teaser, is written once more only to drop its mark, and its feed is asked conditionally
    again. A 410 Gone is not asked for again at all; waiting rewrites nothing."""
    s = feed_server
    _feed(s, [("/n/1", "Borta", "Nyhet om vindkraft …"), ("/n/2", "Gone", "Annan nyhet …")])
    _fail(s, "/n/1", "404")
    _fail(s, "/n/2", "410")
    settings = load_settings(_config(tmp_path, s), env={})
    t0 = datetime.now(UTC)

    def run(after: timedelta) -> tuple:
        report = ingest_once(settings=settings, now=t0 + after, all_feeds=True)
        assert report.feeds_failed == 0
        row, _, tone = _rows(tmp_path)["/n/1"]
        return s.hits["/n/1"], s.hits["/n/2"], row.content_hash, tone.scored_at

    hits, gone, pending, scored_at = run(timedelta(0))
    assert (hits, gone) == (1, 1)
    assert run(timedelta(hours=1)) == (2, 1, pending, scored_at)  # asked again, nothing written
    assert pending.endswith(item_edits.PAGE_PENDING)
    days = fulltext.PAGE_RETRY_DAYS
    assert run(timedelta(days=days, minutes=-1)) == (3, 1, pending, scored_at)
    hits, gone, settled, at = run(timedelta(days=days, minutes=1))
    assert (hits, gone) == (3, 1) and settled == pending.removesuffix(item_edits.PAGE_PENDING)
    assert at == scored_at  # the mark dropped alone: nothing matched or scored again
    feed_hits = s.hits["/ft.xml"]
    assert run(timedelta(days=days + 1))[:3] == (3, 1, settled)
    assert _feed_row(tmp_path).etag is not None
    assert [h for p, h, _ in s.requests if p == "/ft.xml"][-1].get("If-None-Match")
    assert s.hits["/ft.xml"] == feed_hits + 1
    row, found, _ = _rows(tmp_path)["/n/1"]
    assert row.text == "Nyhet om vindkraft …" and found == []


def test_a_dry_run_reads_no_page_and_changes_nothing(feed_server, tmp_path):
    s = feed_server
    _feed(s, [("/n/1", "Vindkraft i Åre", "Nyhet om vindkraft i Åre …")])
    _fail(s, "/n/1", "500")
    cfg = _config(tmp_path, s)
    assert main(["ingest", "--config", str(cfg)]) == 0
    _article(s, "/n/1")
    before = _dump(tmp_path)
    assert main(["ingest", "--config", str(cfg), "--all", "--dry-run"]) == 0
    assert s.hits["/n/1"] == 1
    assert _dump(tmp_path) == before
    assert main(["ingest", "--config", str(cfg), "--all"]) == 0
    assert ANGRY[1] in _rows(tmp_path)["/n/1"][0].text and s.hits["/n/1"] == 2


def test_a_store_failure_while_the_page_is_stored_keeps_the_stored_item(
    feed_server, tmp_path, monkeypatch
):
    """The page is read on the retry but storing it fails half-way (after the old mentions
    were deleted): the item is as it was, and the next run stores the article."""
    s = feed_server
    _feed(s, [("/n/1", "Vindkraft i Åre", "Nyhet om vindkraft i Åre …")])
    _fail(s, "/n/1", "500")
    cfg = _config(tmp_path, s)
    assert main(["ingest", "--config", str(cfg)]) == 0
    before = _rows(tmp_path)
    _article(s, "/n/1")

    def broken(*args, **kw):
        raise RuntimeError("disk full")

    with monkeypatch.context() as m:
        m.setattr(item_edits, "_add_mentions", broken)
        main(["ingest", "--config", str(cfg), "--all"])
    assert s.hits["/n/1"] == 2
    assert _rows(tmp_path) == before
    assert main(["ingest", "--config", str(cfg), "--all"]) == 0
    row, found, tone = _rows(tmp_path)["/n/1"]
    assert ANGRY[1] in row.text and found == [("Fjällkraft", "neg")] and tone.label == "neg"


def test_a_page_that_fails_for_good_on_a_retry_is_not_asked_for_again(feed_server, tmp_path):
    """A page answers 500, then 410 Gone on the retry: the item keeps its teaser and tone, loses
    its mark, and the page is asked for no more."""
    s = feed_server
    _feed(s, [("/n/1", "Vindkraft i Åre", "Nyhet om vindkraft i Åre …")])
    _fail(s, "/n/1", "500")
    cfg = _config(tmp_path, s)
    assert main(["ingest", "--config", str(cfg)]) == 0
    _fail(s, "/n/1", "410")
    assert main(["ingest", "--config", str(cfg), "--all"]) == 0
    assert s.hits["/n/1"] == 2
    first, _, tone = _rows(tmp_path)["/n/1"]
    assert not first.content_hash.endswith(item_edits.PAGE_PENDING)
    for _ in range(2):
        assert main(["ingest", "--config", str(cfg), "--all"]) == 0
    row, found, tone_after = _rows(tmp_path)["/n/1"]
    assert s.hits["/n/1"] == 2 and row == first and tone_after == tone and found == []
