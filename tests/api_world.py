"""A tiny Swedish world for the API and export tests, ingested the real way over a local server.

Known by construction (Fjällkraft's blog is owned; everything else is earned):
- 7 items; Fjällkraft is mentioned in 5 (2 owned), Nordvind in 2, one weather item in none.
- n2 is published 2026-11-09 23:30 UTC, i.e. 00:30 on 2026-11-10 in Stockholm: its day is 11-10.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from pathlib import Path

from ingest.run import ingest_once
from koll.config import Settings, load_settings
from tests.feedserver import FeedServer

BLOG = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Fjällkraft-bloggen</title>
<link>https://blogg.fjallkraft.se/</link>
<item><title>Fjällkraft bygger lokal vindkraft i Malå</title>
<link>https://blogg.fjallkraft.se/2026/11/malå</link><guid>https://blogg.fjallkraft.se/?p=1</guid>
<dc:creator>Anna Berg</dc:creator>
<description>Fjällkraft bygger lokal vindkraft i Malå med tolv nya verk som ger förnybar el till fyratusen hushåll från nästa höst, säger Anna Berg.</description>
<pubDate>Mon, 02 Nov 2026 08:00:00 +0000</pubDate></item>
<item><title>Därför höjer Fjällkraft priset</title>
<link>https://blogg.fjallkraft.se/2026/11/priset</link><guid>https://blogg.fjallkraft.se/?p=2</guid>
<dc:creator>Fjällkraft</dc:creator>
<description>Vi förklarar varför månadsavgiften höjs i december.</description>
<pubDate>Tue, 10 Nov 2026 09:00:00 +0000</pubDate></item>
</channel></rss>"""

NEWS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Norrlandsposten</title>
<link>https://www.norrlandsposten.se/</link>
<item><title>Fjällkraft bygger lokal vindkraft i Malå</title>
<link>https://www.norrlandsposten.se/n1</link><dc:creator>TT</dc:creator>
<description>Fjällkraft bygger lokal vindkraft i Malå med tolv nya verk som ger förnybar el till fyratusen hushåll från nästa höst, säger Anna Berg till TT.</description>
<pubDate>Mon, 02 Nov 2026 12:00:00 +0000</pubDate></item>
<item><title>Nordvind och Fjällkraft, "elbolagen i norr"</title>
<link>https://www.norrlandsposten.se/n2</link><dc:creator>Per Wallin</dc:creator>
<description><![CDATA[Två bolag, en marknad: "Nordvind" och Fjällkraft jämförs.
Andra stycket, med komma; och citat "så här".]]></description>
<pubDate>Mon, 09 Nov 2026 23:30:00 +0000</pubDate></item>
<item><title>Arga kunder om Fjällkraft</title>
<link>https://www.norrlandsposten.se/n3</link>
<description>Fjällkraft är helt värdelöst, usel kundtjänst och katastrofala köer. Kunderna är rasande.</description>
<pubDate>Tue, 10 Nov 2026 10:00:00 +0000</pubDate></item>
<item><title>Nordvind sänker priset</title>
<link>https://www.norrlandsposten.se/n4</link>
<description>Nordvind sänker sitt påslag för nya kunder.</description>
<pubDate>Fri, 20 Nov 2026 10:00:00 +0000</pubDate></item>
<item><title>Kall helg väntar</title>
<link>https://www.norrlandsposten.se/n5</link>
<description>Det blir minusgrader och snö i hela länet.</description>
<pubDate>Sat, 21 Nov 2026 10:00:00 +0000</pubDate></item>
</channel></rss>"""

CONFIG = """\
[storage]
url = "{database_url}"

[[brands]]
name = "Fjällkraft"
aliases = ["Fjällkraft AB"]
owned_domains = ["fjallkraft.se"]
people = ["Anna Berg"]
key_messages = ["lokal vindkraft"]
competitors = ["Nordvind"]

[[brands]]
name = "Nordvind"
competitors = ["Fjällkraft"]

[[feeds]]
url = "{blog}"
kind = "blog"
owner = "Fjällkraft"

[[feeds]]
url = "{news}"
kind = "news"
"""


@dataclass
class World:
    config: Path
    settings: Settings
    blog_url: str
    news_url: str


def build_world(directory: Path, database_url: str = "sqlite:///koll.db") -> World:
    """Serve the two feeds, write koll.toml in `directory`, ingest once; returns the world.

    The database is an SQLite file next to the config unless `database_url` says otherwise.
    """
    server = FeedServer()
    server.add("/blogg.xml", BLOG)
    server.add("/nyheter.xml", NEWS)
    server.start()
    try:
        blog, news = server.url("/blogg.xml"), server.url("/nyheter.xml")
        directory.mkdir(parents=True, exist_ok=True)
        config = directory / "koll.toml"
        config.write_text(
            textwrap.dedent(CONFIG.format(blog=blog, news=news, database_url=database_url)),
            encoding="utf-8",
        )
        settings = load_settings(config, env={})
        report = ingest_once(settings=settings)
        assert report.feeds_failed == 0, report
    finally:
        server.stop()
    return World(config, settings, blog, news)
