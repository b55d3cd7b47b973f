"""The demo built on PostgreSQL gives exactly the control figures and exports it gives on SQLite."""

from __future__ import annotations

import json
import re

import pytest

from koll.cli import main
from koll.config import load_settings

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

# Each build serves the demo feeds on its own free port, which ends up in the `feed` column.
_PORT = re.compile(r"http://127\.0\.0\.1:\d+")


@pytest.fixture(scope="module")
def pg_demo(tmp_path_factory, pg_cluster, demo_now):
    """The demo workspace built into a fresh PostgreSQL database: (koll.toml, database URL)."""
    from koll.jobs.demo import build_demo

    url = pg_cluster.new_database("demo")
    settings = build_demo(tmp_path_factory.mktemp("pgdemo"), database_url=url, now=demo_now)
    return settings.config_path, url


def _run(capsys, *argv: str) -> str:
    assert main(list(argv)) == 0
    return capsys.readouterr().out


def test_control_figures_are_identical_on_both_engines(demo_workspace, pg_demo, capsys):
    pg_config, pg_url = pg_demo
    brands = [b.name for b in load_settings(demo_workspace, env={}).brands]
    assert brands
    for brand in brands:
        for window in ([], ["--since", "2026-11-01", "--until", "2026-11-15"]):
            args = ["control", "--brand", brand, "--json", *window]
            sqlite = json.loads(_run(capsys, *args, "--config", str(demo_workspace)))
            pg = json.loads(_run(capsys, *args, "--config", str(pg_config), "--db", pg_url))
            assert pg == sqlite, (brand, window)
        assert sqlite["mentions"] > 0


@pytest.mark.parametrize("what", ["mentions", "items"])
def test_exports_are_identical_on_both_engines(demo_workspace, pg_demo, capsys, what):
    pg_config, pg_url = pg_demo
    args = ["export", what, "--format", "jsonl"]
    sqlite = _PORT.sub(
        "http://127.0.0.1:PORT", _run(capsys, *args, "--config", str(demo_workspace))
    )
    pg = _PORT.sub(
        "http://127.0.0.1:PORT", _run(capsys, *args, "--config", str(pg_config), "--db", pg_url)
    )
    assert len(sqlite.splitlines()) > 100
    if pg != sqlite:  # show the first differing row, not two walls of JSON
        for a, b in zip(sqlite.splitlines(), pg.splitlines(), strict=False):
            assert json.loads(b) == json.loads(a)
    assert pg == sqlite


def test_koll_copy_moves_the_sqlite_demo_into_postgresql(demo_workspace, pg_cluster, capsys):
    """`koll copy --to URL`: the copied store answers exactly like the original."""
    url = pg_cluster.new_database("copy")
    out = _run(capsys, "copy", "--config", str(demo_workspace), "--to", url)
    assert "rows copied to postgresql+psycopg://" in out
    for brand in [b.name for b in load_settings(demo_workspace, env={}).brands]:
        args = ["control", "--brand", brand, "--json", "--config", str(demo_workspace)]
        assert _run(capsys, *args, "--db", url) == _run(capsys, *args)
    args = ["export", "mentions", "--format", "jsonl", "--config", str(demo_workspace)]
    assert _run(capsys, *args, "--db", url) == _run(capsys, *args)
    # A second copy into the same database is refused instead of doubling every row: a usage
    # mistake (exit 2), with advice for a PostgreSQL database, not an SQLite file.
    assert main(["copy", "--config", str(demo_workspace), "--to", url]) == 2
    err = capsys.readouterr().err
    assert "is not empty" in err and "drop and re-create the database" in err
    assert "SQLite" not in err


def _pages(settings) -> dict:
    """Every dashboard page's render callback for the default filter, as plotly/Dash JSON."""
    import plotly.io as pio
    from dash.development.base_component import Component

    from dashboard import data
    from dashboard.pages import compare, mentions, overview, sources, topics
    from dashboard.params import Params

    data.configure(settings)
    try:
        p = data.resolve(Params()).as_dict()
        out = {
            "overview": overview.render(p, None),
            "control": overview.render_control(p, None),
            "sources": sources.render(p, None),
            "authors": sources.render_authors(p, None),
            "compare": compare.render(p, None),
            "topics": topics.render(p, None),
            "mentions": mentions.table(Params.from_dict(p), 0),
        }
    finally:
        data.store().close()
    enc = pio.json.to_json_plotly  # components and figures alike

    def plain(v):
        if isinstance(v, Component):
            return json.loads(enc(v.to_plotly_json()))
        return json.loads(enc(v))

    return {k: plain(v) for k, v in out.items()}


def test_dashboard_pages_are_identical_on_both_engines(demo_workspace, pg_demo, monkeypatch):
    """`koll serve` on PostgreSQL shows what it shows on SQLite (every page's callbacks)."""
    from dataclasses import replace
    from datetime import UTC, datetime

    from dashboard.pages import overview

    # The overview says when it was rendered ("Uppdaterad ..."): the two renders below may fall
    # in different minutes (CI once saw 23:41 against 23:42), so both read one fixed clock.
    monkeypatch.setattr(overview, "_now", lambda: datetime(2026, 11, 20, 12, 0, tzinfo=UTC))
    pg_config, pg_url = pg_demo
    sqlite = _pages(load_settings(demo_workspace, env={}))
    pg = _pages(replace(load_settings(pg_config, env={}), database_url=pg_url))
    assert sqlite["mentions"] and pg["topics"]
    # Known difference: a topic's example posts come from the search, which is SQLite's FTS5
    # word index there and a substring ILIKE on PostgreSQL, so they may pick other posts.
    for page in set(sqlite) - {"topics"}:
        assert _PORT.sub("P", json.dumps(pg[page])) == _PORT.sub("P", json.dumps(sqlite[page])), (
            page
        )


def test_koll_demo_honours_koll_database_url_and_spares_real_data(
    tmp_path, pg_cluster, capsys, monkeypatch
):
    """`koll demo` builds into $KOLL_DATABASE_URL (it always built SQLite), and a PostgreSQL
    database holding someone's data is refused without a row touched."""
    from sqlalchemy import func, select

    from koll.store import Store, schema
    from tests.test_store_engines import _seed

    url = pg_cluster.new_database("envdemo")
    monkeypatch.setenv("KOLL_DATABASE_URL", url)
    assert main(["demo", "--no-serve", "--dir", str(tmp_path / "d")]) == 0
    capsys.readouterr()
    assert not (tmp_path / "d" / "koll.db").exists()
    with Store(url) as store, store.connect() as conn:
        assert conn.execute(select(func.count()).select_from(schema.items)).scalar_one() > 100
    real = pg_cluster.new_database("real")
    with Store(real) as store:
        _seed(store, n_feeds=2, n_items=5)
    monkeypatch.setenv("KOLL_DATABASE_URL", real)
    assert main(["demo", "--no-serve", "--dir", str(tmp_path / "e")]) == 2
    assert "already holds feeds and items (7 rows)" in capsys.readouterr().err
    with Store(real) as store, store.connect() as conn:
        assert conn.execute(select(func.count()).select_from(schema.items)).scalar_one() == 5
