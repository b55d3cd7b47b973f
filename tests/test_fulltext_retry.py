"""A full-text page that failed in a way that may pass is asked for again on the feed's later runs.

Everything is real: `koll ingest` (or ingest_once, where a test moves the clock) reads RSS from
tests/feedserver.py on 127.0.0.1, fetches the article pages from the same server, extracts them
with trafilatura and stores into SQLite or PostgreSQL (database_url); the server's request
counts say what was fetched. The teaser names Fjällkraft and is neutral; the article names it
too and is negative, so the stored text, tone and mention tell whether the article was read.
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
from koll.store import Store, item_edits, sentiment_store
from koll.store.schema import alerts, feeds, mention_days, mentions, scores
from koll.store.triage import set_triage
from tests.article_pages import news_page
from tests.conftest import skip_or_fail
from tests.feedserver import FeedServer, rss

HTML = {"Content-Type": "text/html; charset=utf-8"}
DATE = "Mon, 09 Nov 2026 08:00:00 +0000"
TEASER = ("Vindkraft i Åre", "Fjällkraft bygger vindkraft i Åre …")
ANGRY = (
    "Fjällkraft får hård kritik av kunderna i Åre efter vinterns elavbrott.",
    "Kunderna är rasande över Fjällkrafts usla beslut och det katastrofala bemötandet.",
    "Många känner sig lurade och svikna av Fjällkraft, som inte svarar på klagomålen.",
    "Flera hushåll har nu sagt upp sina avtal i protest mot den dåliga servicen.",
)
CALM = (
    "Fjällkraft bygger tolv nya vindkraftverk på kalfjället ovanför Åre.",
    "Kommunens miljöchef säger att Fjällkrafts tillståndsprövning tog nästan fyra år.",
    "Bygget väntas börja till våren när tjälen har gått ur marken.",
)
# The days a page waits (koll/store/page_retries.py PAGE_RETRY_DAYS), written out so that this
# file tells the same on code without the waits.
RETRY_DAYS = 2


@pytest.fixture(autouse=True)
def needs_extractor():
    if not fulltext.available():
        skip_or_fail("full-text tests need trafilatura: pip install -e '.[dev]'")


def _config(tmp_path: Path, s: FeedServer, db: str, extra: str = "") -> Path:
    cfg = tmp_path / "koll.toml"
    cfg.write_text(
        f'[storage]\nurl = "{db}"\n[fetch]\nper_host_gap_s = 0\ntimeout_s = 1\n{extra}'
        f'[[brands]]\nname = "Fjällkraft"\n'
        f'[[feeds]]\nurl = "{s.url("/ft.xml")}"\nfulltext = true\n',
        encoding="utf-8",
    )
    return cfg


def _feed(s: FeedServer, entries: list[tuple[str, str, str]], date: str = DATE) -> None:
    """The feed of (page url, title, teaser) entries, with an ETag: an unchanged feed is
    answered 304 to a run that sends it back."""
    body = rss([{"title": t, "link": u, "text": x, "date": date} for u, t, x in entries])
    s.add("/ft.xml", body, etag=f'"{hash(body)}"')


def _article(s: FeedServer, path: str, paragraphs: tuple[str, ...] = ANGRY) -> None:
    s.add(path, news_page(title="Artikeln", paragraphs=paragraphs), headers=HTML)


def _fail(s: FeedServer, path: str, how: str) -> None:
    if how == "timeout":  # the page answers after the run's timeout (3 x timeout_s per request)
        _article(s, path)
        s.routes[path].delay_s = 4
    else:
        s.add(path, b"fel", status=int(how))


def _later(cfg: Path, hours: float, check: bool = True) -> None:
    """A run of every feed `hours` from now: a page that failed is asked for again once its time
    has come (koll/store/page_retries.py next_try_gap: 30 minutes after a first try, then twice
    as long), so a test moves the clock on between runs, each later than the one before."""
    now = datetime.now(UTC) + timedelta(hours=hours)
    report = ingest_once(settings=load_settings(cfg, env={}), now=now, all_feeds=True)
    assert report.exit_code == 0 or not check


def _rows(db: str) -> dict:
    """page path -> (stored item row, its mentions' (brand, label), its tone row). The item's
    every column as stored, its wait's too (`SELECT *`: on code without them, a test fails on
    what was fetched and stored, not on a column missing here)."""
    with Store(db, create=False) as store, store.connect() as conn:
        out = {}
        for r in conn.exec_driver_sql("SELECT * FROM items"):
            ms = conn.execute(mentions.select().where(mentions.c.item_id == r.id)).all()
            tone = conn.execute(scores.select().where(scores.c.item_id == r.id)).one()
            out[urlsplit(r.url).path] = (r, sorted((m.brand, m.label) for m in ms), tone)
        return out


def _waits(db: str) -> dict:
    """page path -> (page_retry_until, page_tries) of every item."""
    return {p: (r.page_retry_until, r.page_tries) for p, (r, _, _) in _rows(db).items()}


def _dump(tmp_path: Path) -> list[str]:
    """Every table's rows, read without writing (a read-only connection)."""
    conn = sqlite3.connect(f"file:{tmp_path / 'koll.db'}?mode=ro", uri=True)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


@pytest.mark.parametrize("how", ["500", "timeout"])
def test_a_new_items_page_that_failed_is_read_on_a_later_run(
    feed_server, tmp_path, how, database_url
):
    """QA: a new item whose page failed on first sight kept its teaser for good, its page never
    asked for again once it was back. Now the next run reads it: the article is the text, the
    tone and the mention are scored on it, and the item keeps its one mention and its hash."""
    s, db = feed_server, database_url
    _feed(s, [(s.url("/n/1"), *TEASER)])
    _fail(s, "/n/1", how)
    cfg = _config(tmp_path, s, db)
    assert main(["ingest", "--config", str(cfg)]) == 0
    first, found, tone = _rows(db)["/n/1"]
    assert first.text == TEASER[1] and found == [("Fjällkraft", "neu")] and tone.label == "neu"

    _article(s, "/n/1")
    _article(s, "/n/2", CALM)  # the feed moves on meanwhile: the retry comes beside a new item
    _feed(s, [(s.url("/n/2"), "Nytt", "Annan nyhet om Fjällkraft …"), (s.url("/n/1"), *TEASER)])
    _later(cfg, 1)
    rows = _rows(db)
    row, found, tone = rows["/n/1"]
    assert ANGRY[1] in row.text and row.title == TEASER[0]
    assert found == [("Fjällkraft", "neg")] and tone.label == "neg"
    assert (row.content_hash, row.first_seen, row.id) == (
        first.content_hash,
        first.first_seen,
        first.id,
    )
    assert CALM[1] in rows["/n/2"][0].text and len(rows) == 2
    assert s.hits["/n/1"] == 2
    assert first.page_retry_until is not None and _waits(db)["/n/1"] == (None, 1)
    # Read: not asked for again.
    _later(cfg, 2)
    assert s.hits["/n/1"] == 2 and _rows(db)["/n/1"][0] == row


def test_a_waiting_page_is_read_when_the_feed_answers_304(feed_server, tmp_path, database_url):
    """The feed has not changed and answers 304 to the conditional request, which the run
    still sends (the feed's ETag is kept while a page waits): the page is asked for all the
    same, from the store."""
    s, db = feed_server, database_url
    _feed(s, [(s.url("/n/1"), *TEASER)])
    _fail(s, "/n/1", "503")
    cfg = _config(tmp_path, s, db)
    assert main(["ingest", "--config", str(cfg)]) == 0
    with Store(db, create=False) as store, store.connect() as conn:
        assert conn.execute(feeds.select()).one().etag == s.routes["/ft.xml"].etag
    _article(s, "/n/1")
    n = len(s.requests)
    _later(cfg, 1)
    asked = [h for p, h, _ in s.requests[n:] if p == "/ft.xml"]
    assert [h.get("If-None-Match") for h in asked] == [s.routes["/ft.xml"].etag]  # a 304
    row, found, tone = _rows(db)["/n/1"]
    assert ANGRY[1] in row.text and found == [("Fjällkraft", "neg")] and tone.label == "neg"
    assert row.page_retry_until is None and s.hits["/n/1"] == 2


def test_an_item_that_left_the_feed_is_still_retried(feed_server, tmp_path, database_url):
    """A busy front page: the item whose page failed is no longer listed on the next run. Its
    page is asked for from the store, not the feed's document."""
    s, db = feed_server, database_url
    _feed(s, [(s.url("/n/1"), *TEASER)])
    _fail(s, "/n/1", "502")
    cfg = _config(tmp_path, s, db)
    assert main(["ingest", "--config", str(cfg)]) == 0
    _article(s, "/n/1")
    _article(s, "/n/2", CALM)
    _feed(s, [(s.url("/n/2"), "Annan", "Annan nyhet om Fjällkraft …")])
    _later(cfg, 1)
    rows = _rows(db)
    assert ANGRY[1] in rows["/n/1"][0].text and rows["/n/1"][1] == [("Fjällkraft", "neg")]
    assert CALM[1] in rows["/n/2"][0].text
    assert [s.hits[p] for p in ("/n/1", "/n/2")] == [2, 1]


def test_an_edited_items_page_that_failed_is_read_on_a_later_run(
    feed_server, tmp_path, database_url
):
    """QA: an item its feed edited while its page failed kept the new title with the old
    article for good: the page was not read again once it was back."""
    s, db = feed_server, database_url
    _feed(s, [(s.url("/n/1"), *TEASER)])
    _article(s, "/n/1", CALM)
    cfg = _config(tmp_path, s, db)
    assert main(["ingest", "--config", str(cfg)]) == 0
    first, found, _ = _rows(db)["/n/1"]
    assert CALM[1] in first.text and found == [("Fjällkraft", "neu")]

    _feed(s, [(s.url("/n/1"), "Kritik mot Fjällkraft", "Kunderna klagar på Fjällkraft …")])
    _fail(s, "/n/1", "503")
    assert main(["ingest", "--config", str(cfg), "--all"]) == 0
    edited, _, _ = _rows(db)["/n/1"]
    assert edited.title == "Kritik mot Fjällkraft" and CALM[1] in edited.text  # as before
    _later(cfg, 1)  # still failing: a try more
    assert _rows(db)["/n/1"][0].text == edited.text and s.hits["/n/1"] == 3

    _article(s, "/n/1", ANGRY)
    _later(cfg, 3)
    row, found, tone = _rows(db)["/n/1"]
    assert row.title == "Kritik mot Fjällkraft" and ANGRY[1] in row.text
    assert CALM[1] not in row.text and row.content_hash == edited.content_hash
    assert found == [("Fjällkraft", "neg")] and tone.label == "neg"
    assert s.hits["/n/1"] == 4 and row.page_retry_until is None


def test_a_page_failing_on_every_run_does_not_starve_an_older_one(feed_server, tmp_path):
    """fulltext_max_pages = 1: the newest item's page is asked for first and fails (an outage
    that lasts); the older item's page, over the cap, waits. The next run asks for the page never
    asked for before the one that failed, so the older one is read; then the failing one has
    its turn again."""
    s, db = feed_server, f"sqlite:///{tmp_path / 'koll.db'}"
    new = {"title": "Ny", "link": s.url("/new"), "text": "Nyhet om Fjällkraft …"}
    old = {"title": "Gammal", "link": s.url("/old"), "text": "Äldre nyhet om Fjällkraft …"}
    new["date"], old["date"] = "Tue, 10 Nov 2026 08:00:00 +0000", DATE
    s.add("/ft.xml", rss([new, old]))
    s.add("/new", b"fel", status=503)
    _article(s, "/old")
    settings = load_settings(_config(tmp_path, s, db, "fulltext_max_pages = 1\n"), env={})
    t0 = datetime.now(UTC)
    hits = []
    for hours in (0, 1, 2):
        ingest_once(settings=settings, now=t0 + timedelta(hours=hours), all_feeds=True)
        hits.append((s.hits["/new"], s.hits["/old"]))
    assert hits == [(1, 0), (1, 1), (2, 1)]
    rows = _rows(db)
    assert ANGRY[1] in rows["/old"][0].text and rows["/new"][0].text == new["text"]
    waits = _waits(db)
    assert waits["/new"][0] is not None and waits["/new"][1] == 2 and waits["/old"] == (None, 0)


def test_a_robots_txt_refusing_koll_is_not_asked_again(feed_server, tmp_path):
    """Two sites' pages in one feed: one site's robots.txt answers 403 (a bot wall: its answer,
    not asked again), the other's 503 (an outage: its pages wait). Once both answer, only the
    second site's page is fetched."""
    s, db = feed_server, f"sqlite:///{tmp_path / 'koll.db'}"
    other = FeedServer().start()
    try:
        s.add("/robots.txt", b"nej", status=403)
        other.add("/robots.txt", b"fel", status=503)
        _article(s, "/a/1")
        _article(other, "/b/1")
        _feed(
            s, [(s.url("/a/1"), "Nyhet A", "Nyhet A om Fjällkraft …"), (other.url("/b/1"), *TEASER)]
        )
        cfg = _config(tmp_path, s, db)
        assert main(["ingest", "--config", str(cfg)]) == 0
        waits = _rows(db)
        s.add("/robots.txt", "User-agent: *\nAllow: /\n")
        other.add("/robots.txt", "User-agent: *\nAllow: /\n")
        _later(cfg, 1)
        rows = _rows(db)
        assert (
            ANGRY[1] in rows["/b/1"][0].text and rows["/a/1"][0].text == "Nyhet A om Fjällkraft …"
        )
        assert (s.hits["/a/1"], other.hits["/b/1"]) == (0, 1)
        assert waits["/a/1"][0].page_retry_until is None
        assert waits["/b/1"][0].page_retry_until is not None
    finally:
        other.stop()


def test_a_page_is_asked_for_until_its_wait_is_over(feed_server, tmp_path, database_url):
    """A page answering 404 on every run is asked for on the feed's runs for RETRY_DAYS after
    its item was stored, then no more, and its wait is NULL; once back it is not fetched. A 410
    Gone is not asked for again at all."""
    s, db = feed_server, database_url
    _feed(s, [(s.url("/n/1"), *TEASER), (s.url("/n/2"), "Borta", "Annan nyhet om Fjällkraft …")])
    _fail(s, "/n/1", "404")
    _fail(s, "/n/2", "410")
    settings = load_settings(_config(tmp_path, s, db), env={})
    t0 = datetime.now(UTC)

    def run(after: timedelta) -> tuple:
        report = ingest_once(settings=settings, now=t0 + after, all_feeds=True)
        assert report.feeds_failed == 0
        return s.hits["/n/1"], s.hits["/n/2"]

    waits = []
    for after in (timedelta(0), timedelta(hours=1), timedelta(days=RETRY_DAYS, minutes=-1)):
        waits.append(run(after))
    assert waits == [(1, 1), (2, 1), (3, 1)]
    (until, tries) = _waits(db)["/n/1"]
    assert tries == 3 and until is not None and _waits(db)["/n/2"] == (None, 0)
    _article(s, "/n/1")
    assert run(timedelta(days=RETRY_DAYS, minutes=1)) == (3, 1)
    assert _waits(db)["/n/1"] == (None, 3)
    assert run(timedelta(days=RETRY_DAYS + 1)) == (3, 1)
    row, found, _ = _rows(db)["/n/1"]
    assert row.text == TEASER[1] and found == [("Fjällkraft", "neu")]


def test_a_dry_run_asks_for_no_page_and_changes_nothing(feed_server, tmp_path):
    s, db = feed_server, f"sqlite:///{tmp_path / 'koll.db'}"
    _feed(s, [(s.url("/n/1"), *TEASER)])
    _fail(s, "/n/1", "500")
    cfg = _config(tmp_path, s, db)
    assert main(["ingest", "--config", str(cfg)]) == 0
    _article(s, "/n/1")
    before = _dump(tmp_path)
    assert main(["ingest", "--config", str(cfg), "--all", "--dry-run"]) == 0
    assert s.hits["/n/1"] == 1
    assert _dump(tmp_path) == before
    _later(cfg, 1)
    assert ANGRY[1] in _rows(db)["/n/1"][0].text and s.hits["/n/1"] == 2


def test_a_failure_while_a_read_page_is_stored_keeps_the_stored_item(
    feed_server, tmp_path, monkeypatch, database_url
):
    """The page is read on the retry but storing it fails half-way (the old mentions deleted):
    the item, its mention, tone and wait are as they were, and the next run stores the article."""
    s, db = feed_server, database_url
    _feed(s, [(s.url("/n/1"), *TEASER)])
    _fail(s, "/n/1", "500")
    cfg = _config(tmp_path, s, db)
    assert main(["ingest", "--config", str(cfg)]) == 0
    before = _rows(db)  # the items' rows whole: the wait's columns too
    _article(s, "/n/1")

    def broken(*args, **kw):
        raise RuntimeError("disk full")

    with monkeypatch.context() as m:
        m.setattr(item_edits, "_add_mentions", broken)
        _later(cfg, 1, check=False)
    assert s.hits["/n/1"] == 2
    assert _rows(db) == before
    _later(cfg, 2)
    row, found, tone = _rows(db)["/n/1"]
    assert ANGRY[1] in row.text and found == [("Fjällkraft", "neg")] and tone.label == "neg"


def test_a_page_read_later_counts_once_and_sends_no_alert_again(feed_server, tmp_path):
    """`koll analyse` before and after the retry: the day's stored count of the brand stays one
    mention (counted again at once when the page is read, as an edit's days are), and the alerts
    stored are the same rows, keyed by brand, kind and day."""
    s, db = feed_server, f"sqlite:///{tmp_path / 'koll.db'}"
    today = datetime.now(UTC).strftime("%a, %d %b %Y 06:00:00 +0000")
    _feed(s, [(s.url("/n/1"), *TEASER)], date=today)
    _fail(s, "/n/1", "500")
    cfg = _config(tmp_path, s, db)
    assert main(["ingest", "--config", str(cfg)]) == 0
    assert main(["analyse", "--config", str(cfg)]) == 0

    def counts() -> tuple:
        with Store(db, create=False) as store, store.connect() as conn:
            days = conn.execute(mention_days.select()).all()
            return sum(d.n for d in days), sorted(conn.execute(alerts.select()).all())

    (n, sent) = counts()
    assert n == 1
    _article(s, "/n/1")
    _later(cfg, 1)
    assert counts()[0] == 1
    assert main(["analyse", "--config", str(cfg)]) == 0
    assert counts() == (1, sent)
    assert _rows(db)["/n/1"][1] == [("Fjällkraft", "neg")]


ERROR_PAGE = b"<html><body><p>Artikeln kunde inte hittas.</p></body></html>"


def _read_corrected_edited_then_waiting(
    s: FeedServer, tmp_path: Path, db: str, first: tuple[str, ...] = ANGRY
) -> tuple:
    """The review's sequence up to the retry: the article read, corrected to pos and triaged
    handled by an analyst, then the feed edits the teaser while the page answers 503 (the item
    keeps its article and waits). (config, the item as it waits, its mentions' rows)"""
    _feed(s, [(s.url("/n/1"), *TEASER)])
    _article(s, "/n/1", first)
    cfg = _config(tmp_path, s, db)
    assert main(["ingest", "--config", str(cfg)]) == 0
    iid = _rows(db)["/n/1"][0].id
    with Store(db, create=False) as store, store.begin() as conn:
        sentiment_store.add_correction(conn, iid, "Fjällkraft", "pos", author="anna")
        set_triage(conn, iid, "Fjällkraft", "handled", author="anna")
    _feed(s, [(s.url("/n/1"), "Kritik mot Fjällkraft", "Kunderna klagar på Fjällkraft …")])
    _fail(s, "/n/1", "503")
    assert main(["ingest", "--config", str(cfg), "--all"]) == 0
    row = _rows(db)["/n/1"][0]
    assert ANGRY[1] in row.text and row.page_retry_until is not None
    return cfg, row, _mention_rows(db)


def _mention_rows(db: str) -> list:
    with Store(db, create=False) as store, store.connect() as conn:
        return [
            (m.item_id, m.brand, m.label, m.model, m.triage)
            for m in conn.execute(mentions.select().order_by(mentions.c.id))
        ]


def test_an_error_page_answering_200_on_a_retry_keeps_the_stored_article(
    feed_server, tmp_path, database_url
):
    """Review: the retry of an edited item's page took any page over its stored article, where a
    first read takes only a page longer than the teaser. A 200 with "Artikeln kunde inte
    hittas." became the text and the corrected (pos), triaged (handled) mention was deleted, its
    correction pointing at no mention. Now such a page is refused: article, mention, correction
    and triage stay, and the wait ends (a refused page is not asked for again)."""
    s, db = feed_server, database_url
    cfg, waiting, marked = _read_corrected_edited_then_waiting(s, tmp_path, db)
    assert [m[2:] for m in marked] == [("pos", "manual", "handled")]
    s.add("/n/1", ERROR_PAGE, headers=HTML)
    _later(cfg, 1)
    row, _, _ = _rows(db)["/n/1"]
    assert row.text == waiting.text and row.title == "Kritik mot Fjällkraft"
    assert _mention_rows(db) == marked
    assert row.page_retry_until is None and s.hits["/n/1"] == 3
    _later(cfg, 2)
    assert s.hits["/n/1"] == 3 and _rows(db)["/n/1"][0].text == waiting.text


def test_a_revised_article_somewhat_shorter_replaces_the_stored_one_on_a_retry(
    feed_server, tmp_path, database_url
):
    """The same, but the page comes back with the article revised and cut by a paragraph
    (more than half of it kept, and longer than a teaser): it is the edited article, and
    replaces the stored one; the analyst's correction and triage are carried over to the new
    mention."""
    s, db = feed_server, database_url
    more = (
        "Projektet har fått stöd av flera lokala företag som hoppas på nya jobb i bygden.",
        "Samtidigt oroar sig renskötarna för hur verken påverkar betesmarkerna på fjället.",
    )
    cfg, waiting, _ = _read_corrected_edited_then_waiting(s, tmp_path, db, ANGRY + CALM + more)
    _article(s, "/n/1", ANGRY + CALM + more[:1])
    _later(cfg, 1)
    row, _, _ = _rows(db)["/n/1"]
    assert ANGRY[1] in row.text and more[1] not in row.text and row.text != waiting.text
    assert [m[2:] for m in _mention_rows(db)] == [("pos", "manual", "handled")]
    assert row.page_retry_until is None


def _runs(s: FeedServer, settings, hours: list[float], pages: str = "/n/") -> list[int]:
    """The page requests each run at these hours from now made (robots.txt and feed aside)."""
    t0, out = datetime.now(UTC), []
    for h in hours:
        n = len(s.requests)
        report = ingest_once(settings=settings, now=t0 + timedelta(hours=h), all_feeds=True)
        assert report.feeds_failed == 0
        out.append(sum(p.startswith(pages) for p, _, _ in s.requests[n:]))
    return out


def test_a_site_answering_503_is_asked_for_one_waiting_page_per_run(feed_server, tmp_path):
    """Review: a site whose 60 waiting pages answered 503 was asked for 20 of them on every run
    for two days (about 1,900 requests per feed). Now a run asks a site for no more waiting
    pages once one answered 5xx (or timed out, ...) on that run, a new item's page too: the
    others keep their place, their tries not counted, and go first on the next runs. Another
    site's waiting page in the same feed is asked for as before."""
    s, db = feed_server, f"sqlite:///{tmp_path / 'koll.db'}"
    other = FeedServer().start()
    try:
        entries = [
            (s.url(f"/n/{i}"), f"Nyhet {i}", f"Fjällkraft nyhet nummer {i} …") for i in range(6)
        ]
        _feed(s, [*entries, (other.url("/o/1"), *TEASER)])
        for i in range(6):
            _fail(s, f"/n/{i}", "503")
        _fail(other, "/o/1", "500")
        settings = load_settings(_config(tmp_path, s, db), env={})
        # The first run asks for the six new pages (a first read, each once); each later run
        # for one of the waiting ones, the one tried fewest times and longest ago.
        assert _runs(s, settings, [0]) == [6] and other.hits["/o/1"] == 1
        _article(other, "/o/1")
        assert _runs(s, settings, [1, 2, 3]) == [1, 1, 1]
        assert other.hits["/o/1"] == 2 and ANGRY[1] in _rows(db)["/o/1"][0].text
        tries = sorted(t for p, (_, t) in _waits(db).items() if p.startswith("/n/"))
        assert tries == [1, 1, 1, 2, 2, 2]
        # Back: the next run reads every page due (all are), one site's pages one by one.
        for i in range(6):
            _article(s, f"/n/{i}")
        assert _runs(s, settings, [4]) == [6]
        assert all(until is None for until, _ in _waits(db).values())
    finally:
        other.stop()


@pytest.mark.parametrize("back", [None, 5.0])
def test_a_failing_page_is_asked_for_less_often_as_its_tries_grow(
    feed_server, tmp_path, database_url, back
):
    """Runs every 30 minutes for the two days of a page's wait: it is asked for 30 minutes after
    its first try, then twice as long after each (1, 2, 4, 8, 16 hours: at 0, 0.5, 1.5, 3.5,
    7.5, 15.5 and 31.5 hours), 7 requests where it was asked on each of the 96 runs. A page back
    after 5 hours is read at its next try, 7.5 hours in."""
    s, db = feed_server, database_url
    _feed(s, [(s.url("/n/1"), *TEASER)])
    _fail(s, "/n/1", "503")
    settings = load_settings(_config(tmp_path, s, db), env={})
    hours = [h / 2 for h in range(0, 2 * 24 * RETRY_DAYS + 2)]
    t0, asked = datetime.now(UTC), []
    for h in hours:
        if h == back:
            _article(s, "/n/1")
        n = s.hits["/n/1"]
        ingest_once(settings=settings, now=t0 + timedelta(hours=h), all_feeds=True)
        if s.hits["/n/1"] > n:
            asked.append(h)
    if back is None:
        assert asked == [0, 0.5, 1.5, 3.5, 7.5, 15.5, 31.5]
        assert _waits(db)["/n/1"] == (None, 7)
    else:
        assert asked == [0, 0.5, 1.5, 3.5, 7.5]
        assert ANGRY[1] in _rows(db)["/n/1"][0].text


@pytest.mark.parametrize("change", ["fulltext off", "feed removed", "unchanged"])
def test_a_feed_no_longer_full_text_ends_its_items_waits(
    feed_server, tmp_path, database_url, change
):
    """Review: an item waiting for its page kept page_retry_until for good once its feed lost
    `fulltext = true` or left koll.toml (no run of it asks for or expires its pages), against
    the schema's "NULL once read, given up or never pending". The next `koll ingest` run ends
    those waits at its start, its pages not asked for; a feed still full text keeps its own."""
    s, db = feed_server, database_url
    _feed(s, [(s.url("/n/1"), *TEASER)])
    _fail(s, "/n/1", "503")
    cfg = _config(tmp_path, s, db)
    assert main(["ingest", "--config", str(cfg)]) == 0
    assert _waits(db)["/n/1"][0] is not None
    _article(s, "/n/1")
    s.add("/other.xml", rss([{"title": "Annat", "link": s.url("/o/1"), "text": "Annat …"}]))
    other = f'[[feeds]]\nurl = "{s.url("/other.xml")}"\n'
    text = cfg.read_text(encoding="utf-8")
    if change == "fulltext off":
        text = text.replace("fulltext = true\n", "")
    elif change == "feed removed":
        text = text[: text.index("[[feeds]]")] + other
    cfg.write_text(text, encoding="utf-8")
    _later(cfg, 1)
    (until, _) = _waits(db)["/n/1"]
    if change == "unchanged":
        assert until is None and s.hits["/n/1"] == 2  # read
    else:
        assert until is None and s.hits["/n/1"] == 1  # not asked for
        assert _rows(db)["/n/1"][0].text == TEASER[1]


@pytest.mark.parametrize("feed", ["502", "not a feed"])
def test_a_run_whose_feed_fails_asks_for_no_waiting_page(feed_server, tmp_path, feed):
    """As docs/config.md now says (it said "whatever the feed answers"): a run whose feed fails
    (a 502, a document that cannot be read) asks for no waiting page, and the wait goes on; the
    next run that reads the feed asks for it."""
    s, db = feed_server, f"sqlite:///{tmp_path / 'koll.db'}"
    _feed(s, [(s.url("/n/1"), *TEASER)])
    _fail(s, "/n/1", "500")
    cfg = _config(tmp_path, s, db)
    assert main(["ingest", "--config", str(cfg)]) == 0
    waiting = _waits(db)["/n/1"]
    _article(s, "/n/1")
    body = s.routes["/ft.xml"].body
    s.add(
        "/ft.xml",
        b"fel" if feed == "502" else b"<html>inget flode</html>",
        status=int(feed) if feed == "502" else 200,
    )
    _later(cfg, 1, check=False)
    assert s.hits["/n/1"] == 1 and _waits(db)["/n/1"] == waiting
    s.add("/ft.xml", body)
    _later(cfg, 2)
    assert s.hits["/n/1"] == 2 and ANGRY[1] in _rows(db)["/n/1"][0].text


@pytest.mark.parametrize(
    ("article", "page", "taken"),
    [
        (3000, 1400, False),  # under half: an error or consent page, not the article revised
        (3000, 1600, True),  # a revision that cut a paragraph or more
        (500, 300, False),  # over half, but teaser length and shorter than the article
        (500, 390, False),
        (500, 600, True),
        (300, 350, True),
    ],
)
def test_a_page_read_again_replaces_a_stored_article_by_the_rules(article, page, taken):
    """The rule of fulltext._replaces_article: at least half the stored article, and a page of
    teaser length (under 400 characters) only when longer than it, as on the edit's own read."""
    words = "Fjällkraft bygger vindkraft i Åre och kommunen säger ja till planerna. "
    text = (words * 100)[:page].strip() + "."
    assert fulltext._replaces_article(text, (words * 100)[:article]) is taken


# A consent wall answering 200: 500 characters of text, more than a teaser, far less than an
# article. Written as a page of paragraphs, as such walls are, so the extractor takes it whole.
CONSENT = (
    "Vi värnar om din integritet. Vi och våra partner använder kakor och liknande tekniker "
    "för att lagra och läsa information på din enhet, för att visa anpassade annonser och "
    "innehåll, för att mäta annonsernas och innehållets effekt och för att utveckla tjänsterna.",
    "Du kan när som helst ändra dina val under Inställningar för kakor längst ned på sidan. "
    "Genom att klicka på Godkänn alla samtycker du till att vi behandlar dina personuppgifter "
    "för dessa ändamål. Läs mer i vår integritetspolicy och i listan över våra partner här.",
)
LONG = (
    ANGRY
    + CALM
    + (
        "Projektet har fått stöd av flera lokala företag som hoppas på nya jobb i bygden.",
        "Samtidigt oroar sig renskötarna för hur verken påverkar betesmarkerna på fjället.",
        "Länsstyrelsen ska pröva om bygget kräver en ny miljökonsekvensbeskrivning i vår.",
        "Fjällkraft säger i ett pressmeddelande att bolaget vill föra en dialog med samebyn.",
        "Kritikerna menar att dialogen kommer för sent och att besluten redan är fattade.",
        "Kommunfullmäktige i Åre väntas ta upp frågan om markupplåtelse på sitt möte i juni.",
        "Bolagets vd har tidigare lovat att en del av vinsten ska gå tillbaka till orten.",
        "Turistföretagen i dalen är kluvna: några ser fler besökare, andra ett förstört fjäll.",
        "Byggstarten kan skjutas upp om länsstyrelsen kräver kompletteringar av ansökan.",
    )
)


def test_a_consent_page_answering_200_on_an_edit_keeps_the_stored_article(
    feed_server, tmp_path, database_url
):
    """Review: a page read on the edit itself (not a retry) was taken whenever longer than the
    new teaser, so a consent wall answering 200 with 500 characters replaced a stored article
    of more than twice that and remade its mentions from the wall's text: the analyst's
    corrected, triaged mention of the article was deleted. Now the edit's page passes the
    retry's rule (_replaces_article): the article, the mention and its correction and triage
    stay, the new title is taken, and the page does not wait (it answered)."""
    s, db = feed_server, database_url
    _feed(s, [(s.url("/n/1"), *TEASER)])
    _article(s, "/n/1", LONG)
    cfg = _config(tmp_path, s, db)
    assert main(["ingest", "--config", str(cfg)]) == 0
    stored = _rows(db)["/n/1"][0]
    iid = stored.id
    with Store(db, create=False) as store, store.begin() as conn:
        sentiment_store.add_correction(conn, iid, "Fjällkraft", "pos", author="anna")
        set_triage(conn, iid, "Fjällkraft", "handled", author="anna")
    marked = _mention_rows(db)
    assert [m[1:] for m in marked] == [("Fjällkraft", "pos", "manual", "handled")]
    consent = fulltext.page_text(news_page(title="Kakor", paragraphs=CONSENT), "x")[0]
    assert consent and 450 <= len(consent) <= 550 and len(stored.text) > 2 * len(consent)

    s.add("/n/1", news_page(title="Kakor", paragraphs=CONSENT), headers=HTML)
    _feed(s, [(s.url("/n/1"), "Kritik mot Fjällkraft", "Kunderna klagar på Fjällkraft …")])
    _later(cfg, 1)
    row, _, _ = _rows(db)["/n/1"]
    assert row.text == stored.text and row.title == "Kritik mot Fjällkraft"
    assert [m[1:] for m in _mention_rows(db)] == [("Fjällkraft", "pos", "manual", "handled")]
    assert row.page_retry_until is None and s.hits["/n/1"] == 2


def test_a_busy_feed_keeps_a_slot_of_the_cap_for_a_waiting_page(feed_server, tmp_path):
    """Review: with fulltext_max_pages = 2 and two new items on every run, the new items took
    the whole cap, so a page that failed once and came back was never asked for in its two days
    (and each run's items all read, the feed had no page over the cap to wait). Now one slot is
    held for the longest-waiting page when any waits: failing once more, then back, it is read
    on the first run after its next try is due, ahead of a new page left over the held slot
    (never asked for, so first in the usual turn); a run with no waiting page reads both new
    items."""
    s, db = feed_server, f"sqlite:///{tmp_path / 'koll.db'}"
    entries = [(s.url("/n/0"), *TEASER)]
    _fail(s, "/n/0", "503")
    _feed(s, entries)
    cfg = _config(tmp_path, s, db, "fulltext_max_pages = 2\n")
    _later(cfg, 0)
    assert _waits(db)["/n/0"][1] == 1
    k = 1
    for hours in (1, 2, 3, 4):
        for _ in range(2):
            _article(s, f"/m/{k}", CALM)
            entries.insert(0, (s.url(f"/m/{k}"), f"Nyhet {k}", f"Fjällkraft nyhet {k} …"))
            k += 1
        _feed(s, entries[:10])
        _later(cfg, hours)
        if hours == 1:  # it failed again, a new page left over the held slot waits too
            assert s.hits["/n/0"] == 2 and _waits(db)["/n/0"][1] == 2
            _article(s, "/n/0")  # back; it waits longest, the other never asked for
        elif s.hits["/n/0"] == 3:
            break
    row, found, _ = _rows(db)["/n/0"]
    assert hours == 2, "read on the first run after its next try is due"
    assert s.hits["/n/0"] == 3 and ANGRY[1] in row.text and found == [("Fjällkraft", "neg")]
    assert row.page_retry_until is None
    # A run of the unchanged feed reads the new pages left over the held slot (they waited), and
    # then nothing waits: both of a run's new items are read, as before.
    assert sum(r.page_retry_until is not None for r, _, _ in _rows(db).values()) == 2
    _later(cfg, 4)
    assert all(r.page_retry_until is None for r, _, _ in _rows(db).values())
    for _ in range(2):
        _article(s, f"/m/{k}", CALM)
        entries.insert(0, (s.url(f"/m/{k}"), f"Nyhet {k}", f"Fjällkraft nyhet {k} …"))
        k += 1
    _feed(s, entries[:10])
    _later(cfg, 5)
    assert s.hits[f"/m/{k - 1}"] == 1 and s.hits[f"/m/{k - 2}"] == 1
    assert all(r.page_retry_until is None for r, _, _ in _rows(db).values())
