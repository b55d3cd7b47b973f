"""An author written with an e-mail address is stored as the name. QA: RSS 2.0's
`<author>test@example.se (Testa Testsson)</author>` showed as "test@example.se (Testa Testsson)"
under Skribenter and in the CSV, as feedparser (and the fast path, which replays it) gives it."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from analysis.text import author_name
from ingest.parse import parse
from koll.store.items import _author as compared_author

REAL = Path(__file__).parent / "fixtures" / "feeds" / "real"
NOW = datetime(2026, 11, 20, tzinfo=UTC)

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Exempelbloggen</title><link>https://exempel.se/</link>
<item><title>Ett</title><link>https://exempel.se/1</link>
  <author>test@example.se (Testa Testsson)</author></item>
<item><title>Två</title><link>https://exempel.se/2</link>
  <author>redaktionen@example.se</author></item>
<item><title>Tre</title><link>https://exempel.se/3</link>
  <author>Testa Testsson &lt;test@example.se&gt;</author></item>
<item><title>Fyra</title><link>https://exempel.se/4</link>
  <dc:creator>Anna Berg (Fjällkraft)</dc:creator></item>
<item><title>Fem</title><link>https://exempel.se/5</link>
  <dc:creator>@anna@mastodon.social</dc:creator></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Exempel</title><id>urn:exempel</id>
<updated>2026-11-19T08:00:00Z</updated>
<entry><title>Ett</title><id>urn:1</id><link href="https://exempel.se/a"/>
  <updated>2026-11-19T08:00:00Z</updated>
  <author><name>Testa Testsson</name><email>test@example.se</email></author></entry>
</feed>"""


def _authors(body: bytes, fast: bool) -> list[str | None]:
    feed = parse(body, feed_url="https://exempel.se/feed", now=NOW, fast=fast)
    assert feed.parser == ("fast" if fast else "feedparser")
    return [it.author for it in feed.items]


@pytest.mark.parametrize("fast", [True, False])
def test_an_rss_author_with_an_address_is_stored_as_the_name(fast):
    assert _authors(RSS.encode(), fast) == [
        "Testa Testsson",
        "redaktionen@example.se",  # the address is the only name there is: kept whole
        "Testa Testsson",
        "Anna Berg (Fjällkraft)",  # brackets without an address are part of the name
        "@anna@mastodon.social",  # an account, not an address
    ]


@pytest.mark.parametrize("fast", [True, False])
def test_an_atom_author_with_name_and_email_is_stored_as_the_name(fast):
    """feedparser joins Atom's <name> and <email> as "name (email)"."""
    assert _authors(ATOM.encode(), fast) == ["Testa Testsson"]


@pytest.mark.parametrize(
    ("name", "author"),
    [
        ("feed-rs__feed-rs__feed-rs__fixture__rss2__rss_2.0_relurl_1.xml", "Jonas Große Sundrup"),
        ("feed-rs__feed-rs__feed-rs__fixture__rss2__rss_2.0_ilgiornale.xml", "Angela Leucci"),
        ("rbren__rss-parser__test__input__feedburner.atom", "Google Ads Developer Advisor"),
        (
            "Ranchero-Software__RSParser__Tests__RSParserTests__Resources__phpxml.rss",
            "webmaster@fcutrecht.net",
        ),
    ],
)
@pytest.mark.parametrize("fast", [True, False])
def test_real_feeds_authors(name, author, fast):
    assert set(_authors((REAL / name).read_bytes(), fast)) == {author}


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("test@example.se (Testa Testsson)", "Testa Testsson"),
        ("Testa Testsson (test@example.se)", "Testa Testsson"),
        ("Testa Testsson <test@example.se>", "Testa Testsson"),
        ('"Testa Testsson" <mailto:test@example.se>', "Testa Testsson"),
        ("test@example.se ( )", "test@example.se ( )"),
        ("Testa Testsson", "Testa Testsson"),
        ("Anna Berg, presschef", "Anna Berg, presschef"),
        (None, None),
    ],
)
def test_author_name(written, name):
    assert author_name(written) == name


def test_a_post_stored_before_is_the_same_author_to_the_repost_check():
    """Stored rows keep the form they were stored in; koll/store/items.py compares authors by
    name, so a post reached again under another address is still the same writer's post."""
    # The Atom form feedparser writes (name, then the address in brackets) too: Blogger's feeds
    # write it for every post, and it had been left whole in the comparison.
    for old in (
        "test@example.se (Testa Testsson)",
        "Testa Testsson <test@example.se>",
        "Testa Testsson (noreply@blogger.com)",
    ):
        assert compared_author(old) == compared_author(author_name(old))
