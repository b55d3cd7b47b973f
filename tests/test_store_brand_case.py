"""A brand is found in the store by its stored names, whatever letters they hold: Åhléns gets
the alerts, stories, topics and control Ahléns gets from the same posts, on SQLite and
PostgreSQL, and a brand with nothing stored gets nothing (not every other brand's mentions).

SQL's lower() cannot be trusted with such names: SQLite's lowers ASCII only (lower('Åhléns') is
'Åhléns', Python's 'åhléns'), and PostgreSQL's follows the database's ctype (ASCII only under
C). Store queries that compared lower(brand) with the Python-lowered name found nothing for
Åhléns: `koll alerts`, `koll topics`, the stories and the report's alerts, stories and topics
were empty (7 alerts, 5 topics and 6 stories for Ahléns), as `koll analyse` found no day to
analyse.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from itertools import count

import pytest

from koll.cli import main
from koll.config import load_settings
from koll.store import Store, mention_pages
from koll.store import items as store_items
from koll.store import topics as store_topics
from koll.store.export import export_rows
from koll.store.filters import Filter
from koll.store.report import report_data
from koll.store.views import alerts_list, stories_for, topics_for

# Feeds are dated back from now, so `koll analyse` (which works on the last days of its clock)
# treats them as recent whenever the test runs.
NOW = datetime.now(UTC).replace(hour=10, minute=0, second=0, microsecond=0)
SINCE = (NOW - timedelta(days=20)).date().isoformat()
UNTIL = (NOW - timedelta(days=1)).date().isoformat()
# The yardstick differs from the Swedish name in its capital alone, which SQLite's lower()
# folds: tone scores depend on every letter of a name, so "Ahlens" would be scored otherwise.
PLAIN, SWEDISH = "Ahléns", "Åhléns"
ENGINES = [
    pytest.param("sqlite"),
    pytest.param("postgresql", marks=pytest.mark.postgres),
    # PostgreSQL's lower() folds only ASCII under the C ctype (a common server default).
    pytest.param("postgresql-c", marks=pytest.mark.postgres),
]

BASELINE = [
    "{b} öppnar en ny butik i {city} med ett stort sortiment av kläder och skor.",
    "Rea hos {b} i {city}: kläder och skor till halva priset hela helgen.",
    "{b} satsar på hållbart mode för alla, säger vd:n vid invigningen i {city}.",
    "Leveransen från {b} till {city} kom sent men kundtjänsten hjälpte till direkt.",
]
CITIES = ["Malmö", "Lund", "Umeå", "Luleå", "Gävle", "Borås", "Växjö", "Kalmar", "Falun", "Visby"]
PAPERS = ["sydsvenskan", "corren", "unt", "nt", "gp", "vk", "nwt", "hd", "barometern", "na"]


def _item(title: str, link: str, text: str, when: datetime) -> str:
    return (
        f"<item><title>{title}</title><link>{link}</link><guid>{link}</guid>"
        f"<pubDate>{format_datetime(when)}</pubDate><description>{text}</description></item>"
    )


def feed(brand: str) -> str:
    """Three weeks of ordinary posts about `brand`, a spike of angry near-copies yesterday and
    the brand's own posts (its domain) carrying its key message. Only the name differs."""
    entries = []
    for d in range(20, 1, -1):
        for k in range(2):
            n = d * 2 + k
            text = BASELINE[n % 4].format(b=brand, city=CITIES[n % 10])
            link = f"https://www.{PAPERS[n % 10]}.se/artikel/{n}"
            when = NOW - timedelta(days=d, hours=k)
            entries.append(_item(f"{brand} i {CITIES[n % 10]} ({n})", link, text, when))
    for k in range(12):
        text = (
            f"{brand} höjer priserna kraftigt från första december. Kunderna är arga och "
            f"besvikna på beskedet, och många säger upp sina medlemskort i {CITIES[k % 10]}."
        )
        link = f"https://www.{PAPERS[k % 10]}.se/nyheter/prishojning-{k}"
        when = NOW - timedelta(days=1, minutes=30 * k)
        entries.append(_item(f"{brand} höjer priserna", link, text, when))
    for d in (15, 8, 3):
        text = f"Hållbart mode för alla: därför öppnar vi fler butiker i år. Hälsningar {brand}."
        link = f"https://www.ahlens.se/blogg/{d}"
        entries.append(_item("Hållbart mode för alla", link, text, NOW - timedelta(days=d)))
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Nyheter</title>'
        f"{''.join(entries)}</channel></rss>"
    )


_numbers = count(1)


def database(engine: str, request, folder) -> str:
    """A new database of `engine` (postgresql-c: PostgreSQL with the C ctype)."""
    if engine == "sqlite":
        return f"sqlite:///{folder / 'koll.db'}"
    cluster = request.getfixturevalue("pg_cluster")
    if engine == "postgresql":
        return cluster.new_database()
    name = f"c_{next(_numbers)}"
    cluster.admin(
        f"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'"
    )
    return cluster.url(name)


def write_config(path, url: str, feed_url: str, brand: str, extra: str = "", feed_extra=""):
    """koll.toml at `path`: `brand` (Åhléns' domain and key message) over a store at `url`,
    reading the news feed at `feed_url`."""
    path.write_text(
        f"""
[storage]
url = "{url}"

[[brands]]
name = "{brand}"
owned_domains = ["ahlens.se"]
key_messages = ["hållbart mode för alla"]
{extra}
[[feeds]]
url = "{feed_url}"
kind = "news"
{feed_extra}""",
        encoding="utf-8",
    )


def workspace(brand: str, url: str, folder, feed_server, extra: str = "") -> str:
    """koll.toml for `brand` over a store at `url`, ingested and analysed; returns its path."""
    path = f"/{folder.name}/news.xml"
    feed_server.add(path, feed(brand))
    config = folder / "koll.toml"
    write_config(config, url, feed_server.url(path), brand, extra)
    assert main(["ingest", "--config", str(config)]) == 0
    assert main(["analyse", "--config", str(config)]) == 0
    return str(config)


@pytest.fixture(params=ENGINES)
def pair(request, tmp_path, feed_server) -> dict[str, str]:
    """{brand: its koll.toml} for Ahléns and Åhléns: the same posts in two stores of one engine."""
    out = {}
    for brand, name in ((PLAIN, "plain"), (SWEDISH, "swedish")):
        folder = tmp_path / name
        folder.mkdir()
        out[brand] = workspace(brand, database(request.param, request, folder), folder, feed_server)
    return out


# When rows were written: all that differs between two stores of the same posts.
WRITTEN = ("created_at", "delivered_at", "updated_at")


def same(value) -> str:
    """`value` as JSON text with the Swedish name spelled as the plain one, and without the
    times rows were written: equal for the two stores when they answer alike."""

    def clean(v):
        if isinstance(v, dict):
            return {k: clean(x) for k, x in v.items() if k not in WRITTEN}
        if isinstance(v, list):
            return [clean(x) for x in v]
        return v

    text = json.dumps(clean(value), ensure_ascii=False, sort_keys=True, default=str)
    for spell in (str, str.lower, str.upper):
        text = text.replace(spell(SWEDISH), spell(PLAIN))
    return text


def _cli(capsys, *argv: str):
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


def answers(config: str, brand: str, capsys) -> dict:
    """What a user sees of `brand`: koll alerts, topics and control, the stories and the report."""
    capsys.readouterr()
    settings = load_settings(config)
    window = ["--since", SINCE, "--until", UNTIL]
    with Store(settings.database_url) as store:
        with store.connect() as conn:
            stored = store_items.stored_brands(conn)
        return {
            "stored": stored,
            "alerts": _cli(capsys, "alerts", "--config", config, "--format", "json"),
            "topics": _cli(capsys, "topics", "--config", config, "--brand", brand, "--json"),
            "control": _cli(
                capsys, "control", "--config", config, "--brand", brand, "--json", *window
            ),  # fmt: skip
            "stories": stories_for(store, brand, SINCE, UNTIL).to_dict("records"),
            "report": report_data(store, settings, brand, SINCE, UNTIL),
        }


def test_a_swedish_name_gets_what_a_plain_name_gets(pair, capsys):
    plain = answers(pair[PLAIN], PLAIN, capsys)
    swedish = answers(pair[SWEDISH], SWEDISH, capsys)
    # The yardstick has what the test is about.
    assert {a["kind"] for a in plain["alerts"]} >= {"volume", "term", "topic"}
    assert plain["topics"]["topics"] and plain["stories"] and plain["report"]["stories"]
    assert plain["control"]["echo_rate"] > 0
    assert swedish["stored"] == [SWEDISH]
    assert len(swedish["alerts"]) == len(plain["alerts"])
    assert len(swedish["topics"]["topics"]) == len(plain["topics"]["topics"])
    assert len(swedish["stories"]) == len(plain["stories"])
    for part in ("alerts", "topics", "control", "stories", "report"):
        assert same(swedish[part]) == same(plain[part]), part


def test_any_case_of_the_name_finds_the_stored_one(pair):
    """The store's readers take the name in any case: 'åhléns' and 'ÅHLÉNS' read Åhléns."""
    settings = load_settings(pair[SWEDISH])

    def read(brand: str) -> list:
        return [
            f(store, brand, SINCE, UNTIL).to_dict("records")
            for f in (alerts_list, topics_for, stories_for)
        ]

    def exported(conn, brand: str) -> list:  # koll export's rows
        return [list(export_rows(conn, what, brand=brand)) for what in ("mentions", "items")]

    with Store(settings.database_url) as store:
        stored = read(SWEDISH)
        assert all(stored)
        with store.connect() as conn:
            rows = exported(conn, SWEDISH)
            assert [len(r) for r in rows] == [49, 49]
            for spelled in (SWEDISH.lower(), SWEDISH.upper()):
                assert same(read(spelled)) == same(stored), spelled
                assert exported(conn, spelled) == rows, spelled


@pytest.fixture(params=ENGINES[:2])
def with_newcomer(request, tmp_path, feed_server) -> str:
    """koll.toml of a store with Åhléns' posts and Lindex, a brand nothing is stored for (just
    added, or not written about yet) that has Åhléns as its competitor."""
    extra = '\n[[brands]]\nname = "Lindex"\ncompetitors = ["Åhléns"]\n'
    url = database(request.param, request, tmp_path)
    return workspace(SWEDISH, url, tmp_path, feed_server, extra)


def test_a_brand_with_nothing_stored_shows_nothing(with_newcomer, capsys):
    """Its stored names were an empty list, and a Filter with no brands selects every brand:
    Lindex was shown Åhléns' 49 mentions, 11 sources and control index (29.8) as its own, half
    the share of voice against Åhléns, and the topics of Åhléns' posts on the dashboard."""
    config = with_newcomer
    capsys.readouterr()
    control = _cli(capsys, "control", "--config", config, "--brand", "Lindex", "--json",
                   "--since", SINCE, "--until", UNTIL)  # fmt: skip
    assert control["mentions"] == 0 and control["control_index"] is None
    assert control["share_of_voice"] == 0.0  # Åhléns, its competitor, has every mention
    settings = load_settings(config)
    with Store(settings.database_url) as store:
        report = report_data(store, settings, "Lindex", SINCE, UNTIL)
        assert report["sources"] == [] and report["source_totals"]["mentions"] == 0
        assert {d["brand"] for d in report["daily"]} == {SWEDISH}
        assert report["stories"] == [] and report["topics"] == [] and report["alerts"] == []
        with store.connect() as conn:  # what the dashboard's topics page reads
            names = store_items.brand_names(conn, "Lindex")
            assert store_topics.sample_texts(conn, names, SINCE, UNTIL, 400)[1] == 0
        # Åhléns is counted as before.
        assert report_data(store, settings, SWEDISH, SINCE, UNTIL)["source_totals"]["mentions"]


def test_a_search_finds_a_swedish_word_in_any_case(pair):
    """The dashboard's search folds case beyond ASCII: SQLite's search table does, and
    PostgreSQL's word column folds as the database's ctype does (ASCII only under C), so the
    search asks for the word as typed lower-case, capitalised and in capitals too."""
    settings = load_settings(pair[SWEDISH])
    with Store(settings.database_url) as store, store.connect() as conn:
        names = store_items.brand_names(conn, SWEDISH)
        every = mention_pages.mention_count(conn, Filter(brands=names))
        assert every == 49
        for typed in ("åhléns", "Åhléns", "ÅHLÉNS", "åhl", "ÅHL"):
            f = Filter(brands=names, text=typed)
            assert mention_pages.mention_count(conn, f) == every, typed
            assert len(mention_pages.mention_page(conn, f, limit=100)) == every, typed
