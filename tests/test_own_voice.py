"""A brand's own voice (an owned mention: its feed, its domain, its spokesperson) is no opinion
of itself: what the model reads as negative there is stored neutral (rules revision 21,
docs/sentiment_brand.md "The brand's own voice"), at ingestion and when `koll analyse` finds
a mention has become owned or earned, on SQLite and PostgreSQL (local HTTP server -> koll
ingest -> koll analyse)."""

from __future__ import annotations

import re

from sqlalchemy import select

from analysis.sentiment_brand import classify_for_brand
from koll.cli import main
from koll.config import load_settings
from koll.store import Store
from koll.store.schema import items, mentions
from tests.feedserver import rss
from tests.test_rematch import HEAD
from tests.test_sentiment_brand import _shipped_model  # noqa: F401 (an autouse fixture)

APOLOGY = (
    "Vi ber om ursäkt för de långa köerna till Fjällkrafts kundservice. Det har inte fungerat "
    "och det är inte okej."
)


def _fjallkraft(s: str) -> bool:
    return re.search(r"(?<!\w)Fjällkraft", s) is not None


def test_the_own_voice_is_not_negative_about_itself():
    assert classify_for_brand(APOLOGY, _fjallkraft, lang="sv").label == "neg"
    own = classify_for_brand(APOLOGY, _fjallkraft, lang="sv", own=True)
    assert own.label == "neu" and own.score is not None and own.score >= 0
    # Its praise of itself stays praise.
    proud = "Vi är stolta: Fjällkraft bygger tolv nya vindkraftverk."
    assert classify_for_brand(proud, _fjallkraft, lang="sv", own=True).label == "pos"


NEWS = rss(
    [
        {
            "title": "Till våra kunder",
            "link": "https://fjallkraft.se/blogg/koerna",
            "text": APOLOGY,
            "date": "Mon, 09 Nov 2026 08:00:00 +0100",
        },
        {
            "title": "Insändare",
            "link": "https://tidning.example.se/insandare",
            "text": APOLOGY,
            "date": "Mon, 09 Nov 2026 09:00:00 +0100",
        },
    ]
)
CONFIG = HEAD + '\n[[brands]]\nname = "Fjällkraft"\n'


def _tones(config) -> dict[str, tuple[bool, str]]:
    """{item link: (owned, label)} of the stored mentions."""
    settings = load_settings(config, env={})
    with Store(settings.database_url) as store, store.connect() as conn:
        q = select(items.c.url, mentions.c.owned, mentions.c.label).join(
            items, items.c.id == mentions.c.item_id
        )
        return {u: (bool(o), label) for u, o, label in conn.execute(q)}


def test_an_owned_apology_is_stored_neutral(feed_server, write_config, database_url):
    feed_server.add("/news.xml", NEWS)
    owned = CONFIG + 'owned_domains = ["fjallkraft.se"]\n'
    config = write_config(owned.format(db=database_url, feed=feed_server.url("/news.xml")))
    assert main(["ingest", "--config", str(config)]) == 0
    assert _tones(config) == {
        "https://fjallkraft.se/blogg/koerna": (True, "neu"),
        "https://tidning.example.se/insandare": (False, "neg"),
    }


def test_a_mention_that_becomes_owned_is_scored_again(
    feed_server, write_config, database_url, capsys
):
    feed_server.add("/news.xml", NEWS)
    url = feed_server.url("/news.xml")
    config = write_config(CONFIG.format(db=database_url, feed=url))
    assert main(["ingest", "--config", str(config)]) == 0
    assert main(["analyse", "--config", str(config)]) == 0
    assert set(_tones(config).values()) == {(False, "neg")}
    owned = CONFIG + 'owned_domains = ["fjallkraft.se"]\n'
    config = write_config(owned.format(db=database_url, feed=url))
    assert main(["analyse", "--config", str(config)]) == 0
    assert _tones(config)["https://fjallkraft.se/blogg/koerna"] == (True, "neu")
    # And back: earned again, the apology reads as the complaint it says.
    config = write_config(CONFIG.format(db=database_url, feed=url))
    assert main(["analyse", "--config", str(config)]) == 0
    assert _tones(config)["https://fjallkraft.se/blogg/koerna"] == (False, "neg")
    capsys.readouterr()
