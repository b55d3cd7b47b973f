"""Configuration changes reach the stored history: `koll analyse` re-matches a brand whose names,
aliases, exclusions, query, people, owned domains or owned feeds changed (or that is new), on
SQLite and PostgreSQL, through the real path (local HTTP server -> koll ingest -> koll analyse)."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from koll.cli import main
from koll.config import load_settings
from koll.store import Store
from koll.store import sentiment_store as ss
from koll.store import topics as store_topics
from koll.store.schema import brand_matching, items, mention_days, mentions, term_days, topics
from tests.helpers import read_terminal

NEWS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Nyheter</title>
<item><title>Fjällkraft höjer elpriset</title><link>https://nyheter.example.se/1</link>
<description>Kunderna är arga på Fjällkrafts besked.</description>
<pubDate>Mon, 09 Nov 2026 08:00:00 +0100</pubDate></item>
<item><title>Fjällkraft AB ökar vinsten</title><link>https://nyheter.example.se/2</link>
<description>Styrelsen är nöjd.</description><pubDate>Mon, 09 Nov 2026 09:00:00 +0100</pubDate></item>
<item><title>@fjallkraft svarar inte på frågor</title><link>https://nyheter.example.se/3</link>
<description>Kundtjänsten är stängd.</description><pubDate>Tue, 10 Nov 2026 08:00:00 +0100</pubDate></item>
<item><title>Besök Fjällkraftverket i sommar</title><link>https://nyheter.example.se/4</link>
<description>Fjällkraft visar upp sitt kraftverk.</description>
<pubDate>Tue, 10 Nov 2026 09:00:00 +0100</pubDate></item>
<item><title>Nordvind sänker priset</title><link>https://nyheter.example.se/5</link>
<description>Nordvinds kunder jublar.</description><pubDate>Wed, 11 Nov 2026 08:00:00 +0100</pubDate></item>
<item><title>Vår syn på elpriset</title><link>https://nyheter.example.se/6</link>
<dc:creator>Anna Berg</dc:creator><description>En krönika.</description>
<pubDate>Wed, 11 Nov 2026 09:00:00 +0100</pubDate></item>
<item><title>Sommarens bästa utflykter</title><link>https://fjallkraft.se/utflykter</link>
<description>Vandring i fjällen.</description><pubDate>Thu, 12 Nov 2026 09:00:00 +0100</pubDate></item>
</channel></rss>"""

HEAD = """
[storage]
url = "{db}"

[[feeds]]
url = "{feed}"
"""


def _config(write_config, feed_server, db, brands: str):
    return write_config(HEAD.format(db=db, feed=feed_server.url("/news.xml")) + brands)


def _mentions(config) -> dict[tuple[str, str], tuple]:
    """{(brand, item title): (owned, owned_by, label, model)} of every stored mention."""
    settings = load_settings(config, env={})
    with Store(settings.database_url) as store, store.connect() as conn:
        q = select(
            mentions.c.brand,
            items.c.title,
            mentions.c.owned,
            mentions.c.owned_by,
            mentions.c.label,
            mentions.c.model,
        ).join(items, items.c.id == mentions.c.item_id)
        return {(r[0], r[1]): (bool(r[2]), r[3], r[4], r[5]) for r in conn.execute(q)}


def _topic(label: str) -> dict:
    return {"topic_no": 0, "label": label, "terms": [label], "size": 3, "share": 1.0}


def _analyse(config, capsys) -> dict:
    assert main(["analyse", "--config", str(config), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.slow
def test_changes_in_koll_toml_reach_stored_mentions(
    feed_server, write_config, database_url, capsys
):
    feed_server.add("/news.xml", NEWS)
    first = '[[brands]]\nname = "Fjällkraft"\n'
    config = _config(write_config, feed_server, database_url, first)
    assert main(["ingest", "--config", str(config)]) == 0
    summary = _analyse(config, capsys)
    # A store without fingerprints is matched once with the current rules; nothing changes here
    # because ingest matched with them too.
    assert summary["rematch"] == {"Fjällkraft": {"added": 0, "removed": 0, "owner_changed": 0}}
    before = _mentions(config)
    assert {t for b, t in before} == {
        "Fjällkraft höjer elpriset",
        "Fjällkraft AB ökar vinsten",
        "Besök Fjällkraftverket i sommar",  # its text names Fjällkraft
    }
    assert _analyse(config, capsys)["rematch"] == {}  # nothing changed, nothing to do

    # An analyst corrects the tone of one mention; it must survive every re-match below.
    settings = load_settings(config, env={})
    with Store(settings.database_url) as store, store.begin() as conn:
        item_id = conn.execute(
            select(items.c.id).where(items.c.title == "Fjällkraft höjer elpriset")
        ).scalar_one()
        ss.add_correction(conn, item_id, "Fjällkraft", "pos")
        # All-history topics found from the old mentions (analyse keeps them for a day).
        store_topics.replace_topics(
            conn, "Fjällkraft", None, None, [_topic("gammalt")], datetime.now(UTC)
        )

    # An alias, a person, an owned domain and a new brand; an exclusion that removes one mention.
    second = """
[[brands]]
name = "Fjällkraft"
aliases = ["@fjallkraft"]
exclude = ["Fjällkraftverket", "kraftverk"]
people = ["Anna Berg"]
owned_domains = ["fjallkraft.se"]

[[brands]]
name = "Nordvind"
"""
    config = _config(write_config, feed_server, database_url, second)
    summary = _analyse(config, capsys)
    assert summary["rematch"] == {
        "Fjällkraft": {"added": 3, "removed": 0, "owner_changed": 0},
        "Nordvind": {"added": 1, "removed": 0, "owner_changed": 0},
    }
    after = _mentions(config)
    fj = {t: v for (b, t), v in after.items() if b == "Fjällkraft"}
    assert set(fj) == {
        "Fjällkraft höjer elpriset",
        "Fjällkraft AB ökar vinsten",
        "Besök Fjällkraftverket i sommar",  # "Fjällkraft visar upp sitt kraftverk" still names it
        "@fjallkraft svarar inte på frågor",  # the new alias
        "Vår syn på elpriset",  # the new person
        "Sommarens bästa utflykter",  # the new owned domain
    }
    assert fj["Vår syn på elpriset"][:2] == (True, "person")
    assert fj["Sommarens bästa utflykter"][:2] == (True, "domain")
    assert fj["Fjällkraft höjer elpriset"][2:] == ("pos", ss.MANUAL)
    # New mentions were scored by the rescoring step that followed.
    assert all(v[2] is not None for v in fj.values())
    assert {t for b, t in after if b == "Nordvind"} == {"Nordvind sänker priset"}

    # Narrower: the exclusion now covers the whole sentence; the person leaves. Mentions go,
    # owned flags follow, and the corrected mention keeps its label.
    third = """
[[brands]]
name = "Fjällkraft"
aliases = ["@fjallkraft"]
exclude = ["Fjällkraftverket", "Fjällkraft visar"]
owned_domains = ["fjallkraft.se"]

[[brands]]
name = "Nordvind"
"""
    config = _config(write_config, feed_server, database_url, third)
    summary = _analyse(config, capsys)
    assert summary["rematch"] == {"Fjällkraft": {"added": 0, "removed": 2, "owner_changed": 0}}
    fj = {t: v for (b, t), v in _mentions(config).items() if b == "Fjällkraft"}
    assert "Besök Fjällkraftverket i sommar" not in fj and "Vår syn på elpriset" not in fj
    assert fj["Fjällkraft höjer elpriset"][2:] == ("pos", ss.MANUAL)

    # A query that drops the corrected mention, then the names again: it comes back corrected.
    fourth = """
[[brands]]
name = "Fjällkraft"
query = '"Fjällkraft AB" OR @fjallkraft'

[[brands]]
name = "Nordvind"
"""
    config = _config(write_config, feed_server, database_url, fourth)
    _analyse(config, capsys)
    fj = {t for b, t in _mentions(config) if b == "Fjällkraft"}
    assert fj == {"Fjällkraft AB ökar vinsten", "@fjallkraft svarar inte på frågor"}
    config = _config(write_config, feed_server, database_url, third)
    _analyse(config, capsys)
    fj = {t: v for (b, t), v in _mentions(config).items() if b == "Fjällkraft"}
    assert fj["Fjällkraft höjer elpriset"][2:] == ("pos", ss.MANUAL)

    settings = load_settings(config, env={})
    with Store(settings.database_url) as store, store.connect() as conn:
        stored = dict(
            conn.execute(select(brand_matching.c.brand, brand_matching.c.fingerprint)).all()
        )
        assert set(stored) == {"Fjällkraft", "Nordvind"}
        # What depends on the mentions was computed again from them.
        days = dict(
            conn.execute(
                select(term_days.c.day, term_days.c.docs).where(term_days.c.brand == "Fjällkraft")
            ).all()
        )
        assert sum(days.values()) == len(fj)
        # Topics of all history are normally kept for a day; those of the old mentions went.
        assert not conn.execute(select(topics.c.id).where(topics.c.label == "gammalt")).first()


def test_owned_feed_change_is_a_change(feed_server, write_config, database_url, capsys):
    """`owner` on a feed decides owned mentions too: setting it re-matches the brand."""
    feed_server.add("/news.xml", NEWS)
    brands = '[[brands]]\nname = "Nordvind"\n'
    config = _config(write_config, feed_server, database_url, brands)
    assert main(["ingest", "--config", str(config)]) == 0
    _analyse(config, capsys)
    assert len(_mentions(config)) == 1
    text = config.read_text(encoding="utf-8").replace(
        'url = "' + feed_server.url("/news.xml") + '"',
        'url = "' + feed_server.url("/news.xml") + '"\nowner = "Nordvind"',
    )
    config.write_text(text, encoding="utf-8")
    summary = _analyse(config, capsys)
    assert summary["rematch"] == {"Nordvind": {"added": 6, "removed": 0, "owner_changed": 1}}
    assert all(v[:2] == (True, "feed") for v in _mentions(config).values())


COPY = (
    "Fjällkraft bygger tolv nya vindkraftverk i Jämtland under nästa år och anställer femtio "
    "montörer från trakten, säger vd Karin Ek i ett pressmeddelande om satsningen."
)
OLD_STORY = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Nyheter</title>
<item><title>Tolv nya vindkraftverk</title><link>https://fjallkraft.se/press/tolv</link>
<description>{COPY}</description><pubDate>Mon, 03 Mar 2025 08:00:00 +0100</pubDate></item>
<item><title>Tolv nya vindkraftverk i Jämtland</title><link>https://tidning.example.se/tolv</link>
<description>{COPY}</description><pubDate>Mon, 03 Mar 2025 11:00:00 +0100</pubDate></item>
</channel></rss>"""


def _flags(config) -> dict[str, bool | None]:
    settings = load_settings(config, env={})
    with Store(settings.database_url) as store, store.connect() as conn:
        q = select(items.c.url, mentions.c.key_message).join(
            items, items.c.id == mentions.c.item_id
        )
        return {u: k for u, k in conn.execute(q)}


def test_a_new_owned_domain_flags_old_copies_of_its_posts(
    feed_server, write_config, database_url, capsys
):
    """A story older than analyse's 30-day window: once the brand owns the press release, the
    newspaper's copy of it carries a key message, though its day is never rechecked otherwise."""
    feed_server.add("/news.xml", OLD_STORY)
    config = _config(write_config, feed_server, database_url, '[[brands]]\nname = "Fjällkraft"\n')
    assert main(["ingest", "--config", str(config)]) == 0
    _analyse(config, capsys)
    assert _analyse(config, capsys)["rematch"] == {}
    assert set(_flags(config).values()) == {False}
    owned = '[[brands]]\nname = "Fjällkraft"\nowned_domains = ["fjallkraft.se"]\n'
    config = _config(write_config, feed_server, database_url, owned)
    summary = _analyse(config, capsys)
    assert summary["rematch"] == {"Fjällkraft": {"added": 0, "removed": 0, "owner_changed": 1}}
    assert _flags(config) == {
        "https://fjallkraft.se/press/tolv": False,
        "https://tidning.example.se/tolv": True,
    }
    # The dashboard's per-day counts of that old day follow (owned and key-message flags).
    settings = load_settings(config, env={})
    with Store(settings.database_url) as store, store.connect() as conn:
        q = select(mention_days.c.owned, mention_days.c.key_message, mention_days.c.n).where(
            mention_days.c.brand == "Fjällkraft"
        )
        assert sorted((bool(o), k, n) for o, k, n in conn.execute(q)) == [
            (False, True, 1),
            (True, False, 1),
        ]


def test_an_interrupted_rematch_is_redone(feed_server, write_config, database_url, monkeypatch):
    """Each batch commits on its own and the fingerprint comes last: a run stopped half-way
    leaves the brand to be re-matched by the next one, which ends where a whole run would."""
    from koll.jobs import rematch
    from koll.jobs.analyse import analyse_all

    feed_server.add("/news.xml", NEWS)
    config = _config(write_config, feed_server, database_url, '[[brands]]\nname = "Nordvind"\n')
    assert main(["ingest", "--config", str(config)]) == 0
    analyse_all(settings=load_settings(config, env={}), deliver=False)
    monkeypatch.setattr(rematch, "BATCH", 2)
    second = '[[brands]]\nname = "Nordvind"\n\n[[brands]]\nname = "Fjällkraft"\n'
    config = _config(write_config, feed_server, database_url, second)
    seen: list[tuple[int, int, list[str]]] = []

    def stop_after_two_batches(done: int, total: int, brands: list[str]) -> None:
        seen.append((done, total, brands))
        if len(seen) == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        analyse_all(
            settings=load_settings(config, env={}), deliver=False, progress=stop_after_two_batches
        )
    assert seen == [(2, 7, ["Fjällkraft"]), (4, 7, ["Fjällkraft"])]
    full = {
        "Fjällkraft höjer elpriset",
        "Fjällkraft AB ökar vinsten",
        "Besök Fjällkraftverket i sommar",
    }
    partial = {t for b, t in _mentions(config) if b == "Fjällkraft"}
    settings = load_settings(config, env={})
    with Store(settings.database_url) as store, store.connect() as conn:
        first_four = set(
            conn.execute(select(items.c.title).order_by(items.c.id).limit(4)).scalars()
        )
    assert partial == full & first_four  # the first two batches were committed
    # Run to its end, the same re-match finds the rest (its fingerprint was not stored).

    summary = analyse_all(settings=load_settings(config, env={}), deliver=False)
    added = len(full) - len(partial)
    assert summary["rematch"] == {"Fjällkraft": {"added": added, "removed": 0, "owner_changed": 0}}
    assert {t for b, t in _mentions(config) if b == "Fjällkraft"} == full
    assert analyse_all(settings=load_settings(config, env={}), deliver=False)["rematch"] == {}


def test_progress_is_shown_on_a_terminal(feed_server, write_config, tmp_path):
    """`koll analyse` with its error stream on a terminal counts the items it re-matches."""
    import os
    import pty
    import subprocess
    import sys

    feed_server.add("/news.xml", NEWS)
    db = f"sqlite:///{tmp_path / 'k.db'}"
    config = _config(write_config, feed_server, db, '[[brands]]\nname = "Nordvind"\n')
    assert main(["ingest", "--config", str(config)]) == 0
    main_fd, term = pty.openpty()
    try:
        run = subprocess.run(
            # -v: the summary is printed when stdout, here a pipe, is no terminal only if asked
            [sys.executable, "-m", "koll.cli", "analyse", "-v", "--config", str(config)],
            stdout=subprocess.PIPE,
            stderr=term,
            check=False,
            timeout=300,
        )
        os.close(term)
        shown = read_terminal(main_fd)
    finally:
        os.close(main_fd)
    assert run.returncode == 0
    assert "re-matching Nordvind: 7 of 7 items (100%)" in shown.decode()
    assert "rematch: {'Nordvind'" in run.stdout.decode()
