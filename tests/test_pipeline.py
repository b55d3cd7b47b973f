"""The whole foundation path: local HTTP server -> koll ingest -> store -> control, export, dashboard."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from koll.cli import COMMANDS, build_parser, main
from koll.config import load_settings
from tests.conftest import FIXTURES

SV_BLOG = "krjoha__pine-grove__sv__index.xml"
SV_PORTAL = "talavis__covid-portal__sv__index.xml"

BRAND_FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Norrlandsposten</title>
<link>https://www.norrlandsposten.se/</link>
<item><title>Fjällkraft höjer elpriset</title><link>https://www.norrlandsposten.se/a1?utm_source=rss</link>
<description>Kunderna är missnöjda och arga på Fjällkrafts besked.</description>
<pubDate>Mon, 09 Nov 2026 08:00:00 +0100</pubDate></item>
<item><title>Nordvind får fina betyg</title><link>https://www.norrlandsposten.se/a2</link>
<description>Nordvinds kundtjänst är fantastisk, säger nöjda kunder.</description>
<pubDate>Tue, 10 Nov 2026 09:00:00 +0100</pubDate></item>
<item><title>Väder: hård nordvind i natt</title><link>https://www.norrlandsposten.se/a3</link>
<description>Det blåser.</description><pubDate>Tue, 10 Nov 2026 10:00:00 +0100</pubDate></item>
</channel></rss>"""

OWNED_FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Fjällkraft bloggen</title>
<item><title>Förnybar el till alla</title><link>https://blogg.fjallkraft.se/2026/11/el</link>
<dc:creator>Anna Berg</dc:creator><description>Vi bygger lokal vindkraft.</description>
<pubDate>Wed, 11 Nov 2026 12:00:00 +0100</pubDate></item>
</channel></rss>"""


@pytest.fixture
def workspace(feed_server, write_config, database_url):
    feed_server.add("/np.xml", BRAND_FEED)
    feed_server.add("/fk.xml", OWNED_FEED)
    feed_server.add_file("/blog.xml", FIXTURES / "feeds" / SV_BLOG)
    feed_server.add_file("/portal.xml", FIXTURES / "feeds" / SV_PORTAL)
    return write_config(f"""
        [storage]
        url = "{database_url}"

        [[brands]]
        name = "Fjällkraft"
        owned_domains = ["fjallkraft.se"]
        people = ["Anna Berg"]
        competitors = ["Nordvind"]

        [[brands]]
        name = "Nordvind"
        exclude = ["hård nordvind"]

        [[feeds]]
        url = "{feed_server.url("/np.xml")}"

        [[feeds]]
        url = "{feed_server.url("/fk.xml")}"
        kind = "blog"
        owner = "Fjällkraft"

        [[feeds]]
        url = "{feed_server.url("/blog.xml")}"
        kind = "blog"

        [[feeds]]
        url = "{feed_server.url("/portal.xml")}"
    """)


def _control(config, brand, capsys) -> dict:
    assert main(["control", "--config", str(config), "--brand", brand, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_ingest_then_control_export_and_rerun(workspace, capsys):
    assert main(["ingest", "--config", str(workspace)]) == 0
    capsys.readouterr()
    fj = _control(workspace, "fjällkraft", capsys)
    assert (fj["mentions"], fj["owned"], fj["earned"]) == (2, 1, 1)
    assert fj["owned_share"] == 0.5
    assert fj["net_sentiment"] == -1.0  # the one earned mention is negative
    for key in ("echo_rate", "agenda_share", "dialogue_rate", "control_index", "components_used"):
        assert key in fj
    nv = _control(workspace, "Nordvind", capsys)
    assert nv["mentions"] == 1  # the weather item with "hård nordvind" is not a mention

    assert main(["export", "items", "--config", str(workspace), "--format", "jsonl"]) == 0
    items = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {"url", "title", "text", "published", "source", "feed", "author", "lang", "kind"} <= set(
        items[0]
    )
    urls = [i["url"] for i in items]
    # The link as published (www. and utm_* kept), not the dedup key (canonical, as ingest keys it).
    assert "https://www.norrlandsposten.se/a1?utm_source=rss" in urls
    assert "https://norrlandsposten.se/a1" not in urls
    assert len(urls) == len(set(urls))
    swedish = [i for i in items if "å" in i["text"] or "ä" in i["text"] or "ö" in i["text"]]
    assert swedish, "Swedish characters survive the round trip"

    # A rerun stores nothing twice.
    assert main(["ingest", "--config", str(workspace), "--all"]) == 0
    capsys.readouterr()
    assert main(["export", "items", "--config", str(workspace), "--format", "jsonl"]) == 0
    again = capsys.readouterr().out.splitlines()
    assert len(again) == len(items)
    assert _control(workspace, "Fjällkraft", capsys)["mentions"] == 2


def test_dry_run_stores_nothing(workspace, capsys):
    assert main(["ingest", "--config", str(workspace), "--dry-run"]) == 0
    url = load_settings(workspace).database_url
    if url.startswith("sqlite:///"):  # not even the database is created
        assert not Path(url.removeprefix("sqlite:///")).exists()
        return
    # Nor on PostgreSQL: the database is left without koll's tables, so a command that reads
    # finds no koll store there (it refuses rather than create one, as for a missing file).
    assert main(["export", "items", "--config", str(workspace), "--format", "jsonl"]) == 1
    out = capsys.readouterr()
    assert out.out == "" and "it is not a koll database" in out.err


def test_feeds_json_contract(workspace, feed_server, write_config, capsys):
    assert main(["ingest", "--config", str(workspace)]) == 0
    capsys.readouterr()
    assert main(["feeds", "--config", str(workspace), "--format", "json"]) == 0
    health = json.loads(capsys.readouterr().out)
    assert len(health) == 4
    for h in health:
        assert {"url", "status", "last_success", "failures", "last_error", "next_due"} <= set(h)
        assert h["status"] == "ok" and h["failures"] == 0


def test_unknown_brand_is_a_clear_error(workspace, capsys):
    assert main(["control", "--config", str(workspace), "--brand", "Volvo", "--json"]) == 2
    err = capsys.readouterr().err
    assert "Volvo" in err and "Fjällkraft" in err


def test_bad_date_is_a_clear_error(workspace, capsys):
    assert (
        main(["control", "--config", str(workspace), "--brand", "Nordvind", "--since", "1 nov"])
        == 2
    )
    assert "--since" in capsys.readouterr().err


def test_every_command_has_help_with_an_example(capsys):
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    assert set(sub.choices) == set(COMMANDS)
    assert {"demo", "ingest", "analyse", "serve", "sentiment", "control", "export", "feeds"} <= set(
        sub.choices
    )
    for name, p in sub.choices.items():
        assert "Example:" in p.format_help(), name
        assert "koll " in p.epilog, name


def test_a_command_module_that_cannot_be_imported_fails_loudly(monkeypatch):
    """Every listed command is built: a missing module is an error, not a command left out."""
    import koll.cli

    monkeypatch.setattr(koll.cli, "COMMANDS", [*COMMANDS, "no_such_command"])
    with pytest.raises(ModuleNotFoundError, match="no_such_command"):
        build_parser()


def test_dashboard_answers_in_process(workspace, capsys):
    from dashboard.app import create_app

    assert main(["ingest", "--config", str(workspace)]) == 0
    app = create_app(load_settings(workspace, env={}))
    client = app.server.test_client()
    resp = client.get("/")
    assert resp.status_code == 200
    assert b"koll" in resp.data
    layout = client.get("/_dash-layout")
    assert layout.status_code == 200
