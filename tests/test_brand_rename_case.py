"""A brand renamed in koll.toml by case alone (`ÅHLÉNS` -> `Åhléns`) keeps one set of rows:
`koll analyse` renames the stored rows to the configured spelling in every table keyed by brand,
on SQLite and PostgreSQL, and where an earlier run had already stored both spellings it keeps
the configured one's rows.

Before, the re-match added every mention again under the new spelling and kept the old rows,
and the readers that take a brand in any case read both: `koll export mentions --brand Åhléns`
gave each mention twice, the topics showed the old spelling's beside the new, and the alerts
job read every mention twice; before the next analyse, `ws.mentions` and `ws.daily` (the exact
configured name) showed 0 where `ws.control` showed every mention.
"""

from __future__ import annotations

import csv
import io

import pytest
from sqlalchemy import func, select

from koll.cli import main
from koll.store import Store
from koll.store import items as store_items
from koll.store import rematch as store_rematch
from koll.store.schema import alerts, feeds, metadata
from koll.workspace import open_workspace
from tests.test_store_brand_case import database, feed, write_config

OLD, NEW = "ÅHLÉNS", "Åhléns"
ENGINES = [pytest.param("sqlite"), pytest.param("postgresql", marks=pytest.mark.postgres)]


def _config(path, url: str, feed_url: str, brand: str) -> None:
    write_config(path, url, feed_url, brand, feed_extra=f'owner = "{brand}"\n')


@pytest.fixture(params=ENGINES)
def renamed(request, tmp_path, feed_server):
    """(koll.toml, what was stored) of a store ingested and analysed under ÅHLÉNS, whose
    koll.toml now calls the brand Åhléns (nothing analysed since)."""
    url = database(request.param, request, tmp_path)
    feed_server.add(f"/{tmp_path.name}/news.xml", feed(OLD))  # the posts write ÅHLÉNS
    feed_url = feed_server.url(f"/{tmp_path.name}/news.xml")
    config = tmp_path / "koll.toml"
    _config(config, url, feed_url, OLD)
    assert main(["ingest", "--config", str(config)]) == 0
    assert main(["analyse", "--config", str(config)]) == 0
    with open_workspace(config) as ws:
        stored = {
            "mentions": len(ws.mentions(OLD)),
            "topics": len(ws.topics(OLD)),
            "alerts": len(ws.alerts(OLD)),
        }
    assert stored["mentions"] > 20 and stored["topics"] and stored["alerts"]  # what it is about
    _config(config, url, feed_url, NEW)
    return str(config), stored


def exported(config: str, capsys) -> list[str]:
    """The URLs of `koll export mentions --brand Åhléns`, one per row."""
    capsys.readouterr()
    assert main(["export", "mentions", "--config", config, "--brand", NEW]) == 0
    return [r["url"] for r in csv.DictReader(io.StringIO(capsys.readouterr().out))]


def old_rows(conn) -> dict[str, int]:
    """{table: rows still naming ÅHLÉNS} over every table with a brand column, the alerts' keys
    (which start with the brand) and the feeds' owners."""
    out = {}
    for t in metadata.tables.values():
        if "brand" in t.c:
            out[t.name] = conn.execute(
                select(func.count()).select_from(t).where(t.c.brand == OLD)
            ).scalar_one()
    out["alerts.key"] = conn.execute(
        select(func.count()).select_from(alerts).where(alerts.c.key.like(f"{OLD}|%"))
    ).scalar_one()
    out["feeds.owner"] = conn.execute(
        select(func.count()).select_from(feeds).where(feeds.c.owner == OLD)
    ).scalar_one()
    return {k: n for k, n in out.items() if n}


def check_one_set(config: str, stored: dict, capsys) -> None:
    n = stored["mentions"]
    urls = exported(config, capsys)
    assert len(urls) == n and len(set(urls)) == n
    with open_workspace(config) as ws:
        assert len(ws.mentions(NEW)) == n
        assert int(ws.daily(NEW)["mentions"].sum()) == n
        assert ws.control(NEW)["mentions"] == n
        topics = ws.topics(NEW)
        assert len(topics) == stored["topics"]
        assert topics["topic_no"].is_unique
        assert len(ws.alerts(NEW)) == len(ws.alerts()) == stored["alerts"]
        with Store(ws.settings.database_url) as store, store.connect() as conn:
            assert store_items.stored_brands(conn) == [NEW]
            assert len(store_items.load_mentions(conn, NEW)) == n  # what the alerts job reads
            assert old_rows(conn) == {}


def test_the_next_analyse_takes_over_a_change_of_case(renamed, capsys):
    config, stored = renamed
    assert main(["analyse", "--config", config]) == 0
    check_one_set(config, stored, capsys)


def test_rows_doubled_by_an_earlier_analyse_are_made_one(renamed, capsys, monkeypatch):
    """An analyse that did not rename (the code before) stored every mention under both
    spellings; the next keeps the configured spelling's rows and drops the old ones."""
    config, stored = renamed
    with monkeypatch.context() as m:
        m.setattr(store_rematch, "adopt_spellings", lambda conn, names: {})
        assert main(["analyse", "--config", config]) == 0
    assert len(exported(config, capsys)) == 2 * stored["mentions"]  # the doubled store
    assert main(["analyse", "--config", config]) == 0
    check_one_set(config, stored, capsys)
