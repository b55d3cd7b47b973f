"""`koll export`: the contract's field names in CSV, JSON lines and Parquet, windows, errors."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import datetime

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import koll
from koll.cli import main
from koll.files import shown
from koll.store.excel_csv import write_excel_csv
from koll.store.export import ITEM_FIELDS, MENTION_FIELDS
from tests.api_world import build_world
from tests.feedserver import FeedServer

_ITEMS = ["url", "title", "text", "published", "source", "feed", "author", "lang", "kind"]
# The ids (added last to both): the same name as ws.items()/ws.mentions() give the item's id.
_IDS = ["item_id", "parent_item_id"]
CONTRACT_ITEMS = _ITEMS + ["published_estimated", *_IDS]
_MENTIONS = ["brand", "owned", "label", "score", "story"]
CONTRACT_MENTIONS = _ITEMS + _MENTIONS + ["published_estimated", *_IDS]


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    return build_world(tmp_path_factory.mktemp("export") / "ws")


def export(world, *args) -> int:
    return main(["export", *args, "--config", str(world.config)])


def read_jsonl(path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_field_names_are_the_contract():
    assert ITEM_FIELDS == CONTRACT_ITEMS
    assert MENTION_FIELDS == CONTRACT_MENTIONS


def test_csv_mentions(world, tmp_path):
    out = tmp_path / "m.csv"
    assert export(world, "mentions", "--brand", "fjällkraft", "--output", str(out)) == 0
    with out.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        rows = list(reader)
    assert reader.fieldnames == CONTRACT_MENTIONS
    assert len(rows) == 5
    assert {r["brand"] for r in rows} == {"Fjällkraft"}
    assert sum(r["owned"] == "True" for r in rows) == 2
    # Times are UTC with a Z, oldest first; the item at 00:30 Stockholm is 23:30Z the day before.
    assert [r["published"] for r in rows][:3] == [
        "2026-11-02T08:00:00Z",
        "2026-11-02T12:00:00Z",
        "2026-11-09T23:30:00Z",
    ]
    # Quotes, commas and the line break survive the CSV round trip.
    text = rows[2]["text"]
    assert text.startswith('Två bolag, en marknad: "Nordvind"') and "\n" in text
    assert rows[0]["url"].startswith("https://blogg.fjallkraft.se/2026/11/mal")


def test_jsonl_items_and_types(world, tmp_path):
    out = tmp_path / "i.jsonl"
    assert export(world, "items", "--format", "jsonl", "--output", str(out)) == 0
    rows = read_jsonl(out)
    assert len(rows) == 7
    assert all(list(r) == CONTRACT_ITEMS for r in rows)
    assert {r["kind"] for r in rows} == {"blog", "news"}
    assert rows[-1]["title"] == "Kall helg väntar"
    assert rows[0]["feed"] == world.blog_url and rows[1]["feed"] == world.news_url
    assert rows[0]["author"] == "Anna Berg"

    out = tmp_path / "m.jsonl"
    assert export(world, "mentions", "--format", "jsonl", "--output", str(out)) == 0
    mentions = read_jsonl(out)
    assert len(mentions) == 7  # 5 Fjällkraft + 2 Nordvind
    assert all(list(r) == CONTRACT_MENTIONS for r in mentions)
    assert all(isinstance(r["owned"], bool) for r in mentions)
    assert all(r["label"] in ("pos", "neu", "neg") for r in mentions)
    assert all(isinstance(r["score"], float) for r in mentions)


def test_export_agrees_with_the_api(world, tmp_path):
    out = tmp_path / "m.jsonl"
    assert (
        export(world, "mentions", "--brand", "Nordvind", "--format", "jsonl", "--output", str(out))
        == 0
    )
    rows = read_jsonl(out)
    with koll.open_workspace(world.config) as ws:
        df = ws.mentions("Nordvind")
    assert [r["title"] for r in rows] == list(df["title"])
    assert [r["label"] for r in rows] == list(df["label"].astype(str))
    assert [pd.Timestamp(r["published"]) for r in rows] == list(df["published"])


def test_items_for_a_brand_are_the_items_that_mention_it(world, tmp_path):
    out = tmp_path / "i.jsonl"
    assert (
        export(world, "items", "--brand", "Nordvind", "--format", "jsonl", "--output", str(out))
        == 0
    )
    assert [r["title"] for r in read_jsonl(out)] == [
        'Nordvind och Fjällkraft, "elbolagen i norr"',
        "Nordvind sänker priset",
    ]


def test_window_is_inclusive_stockholm_days(world, tmp_path):
    out = tmp_path / "w.jsonl"
    args = ["mentions", "--brand", "Fjällkraft", "--format", "jsonl", "--output", str(out)]
    assert export(world, *args, "--since", "2026-11-10", "--until", "2026-11-10") == 0
    # 23:30Z on the 9th is the 10th in Stockholm, so it is in; nothing from the 2nd.
    assert [r["published"] for r in read_jsonl(out)] == [
        "2026-11-09T23:30:00Z",
        "2026-11-10T09:00:00Z",
        "2026-11-10T10:00:00Z",
    ]
    assert export(world, *args, "--until", "2026-11-09") == 0
    assert len(read_jsonl(out)) == 2


def test_parquet_round_trip(world, tmp_path):
    pq_out, js_out = tmp_path / "m.parquet", tmp_path / "m.jsonl"
    assert export(world, "mentions", "--format", "parquet", "--output", str(pq_out)) == 0
    assert export(world, "mentions", "--format", "jsonl", "--output", str(js_out)) == 0
    table = pq.read_table(pq_out)
    assert table.schema.names == CONTRACT_MENTIONS
    assert table.schema.field("published").type == pa.timestamp("us", tz="UTC")
    assert table.schema.field("owned").type == pa.bool_()
    assert table.schema.field("score").type == pa.float64()
    assert table.schema.field("story").type == pa.int64()
    assert table.schema.field("item_id").type == pa.int64()
    assert table.schema.field("parent_item_id").type == pa.int64()
    assert table.schema.field("text").type == pa.string()
    from_parquet = table.to_pylist()
    from_jsonl = read_jsonl(js_out)
    assert len(from_parquet) == len(from_jsonl) == 7
    for p, j in zip(from_parquet, from_jsonl, strict=True):
        assert p["published"] == pd.Timestamp(j["published"]).to_pydatetime()
        assert {k: v for k, v in p.items() if k != "published"} == {
            k: v for k, v in j.items() if k != "published"
        }
    # pandas reads it with the published column as UTC times.
    df = pd.read_parquet(pq_out)
    assert str(df["published"].dtype).endswith("UTC]")
    assert df["owned"].dtype == bool


def test_parquet_in_row_groups_and_empty(world, tmp_path, monkeypatch):
    from koll.cli import export as cmd

    monkeypatch.setattr(cmd, "PARQUET_BATCH", 3)
    out = tmp_path / "i.parquet"
    assert export(world, "items", "--format", "parquet", "--output", str(out)) == 0
    meta = pq.ParquetFile(out).metadata
    assert (meta.num_rows, meta.num_row_groups) == (7, 3)

    empty = tmp_path / "empty.parquet"
    args = ["mentions", "--since", "2030-01-01", "--format", "parquet", "--output", str(empty)]
    assert export(world, *args) == 0
    table = pq.read_table(empty)
    assert table.num_rows == 0 and table.schema.names == CONTRACT_MENTIONS


def test_csv_to_stdout(world, capsys):
    assert export(world, "items", "--since", "2026-11-21") == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [r["title"] for r in rows] == ["Kall helg väntar"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["mentions", "--format", "parquet"], "--format parquet needs --output FILE"),
        (["mentions", "--since", "2026-12-01", "--until", "2026-11-01"], "is after --until"),
        (["mentions", "--since", "1/11/2026"], "--since: expected a date YYYY-MM-DD"),
        (["mentions", "--brand", "Ikea"], "no brand called 'Ikea'"),
    ],
)
def test_bad_usage_exits_2_with_one_line(world, capsys, args, message):
    assert export(world, *args) == 2
    err = capsys.readouterr().err.strip()
    assert message in err and len(err.splitlines()) == 1


def test_failed_export_leaves_no_file(world, tmp_path):
    out = tmp_path / "x.csv"
    assert export(world, "mentions", "--brand", "Ikea", "--output", str(out)) == 2
    assert not out.exists()


def test_export_on_each_engine(database_url, tmp_path):
    w = build_world(tmp_path / "ws", database_url=database_url)
    js, pq_out = tmp_path / "m.jsonl", tmp_path / "m.parquet"
    assert export(w, "mentions", "--format", "jsonl", "--output", str(js)) == 0
    assert export(w, "mentions", "--format", "parquet", "--output", str(pq_out)) == 0
    rows = read_jsonl(js)
    assert len(rows) == 7 and all(list(r) == CONTRACT_MENTIONS for r in rows)
    assert rows[2]["published"] == "2026-11-09T23:30:00Z"
    table = pq.read_table(pq_out)
    assert table.schema.names == CONTRACT_MENTIONS and table.num_rows == 7
    assert [r["title"] for r in table.to_pylist()] == [r["title"] for r in rows]


def test_an_export_that_fails_midway_leaves_no_file(world, tmp_path, monkeypatch, capsys):
    from koll.cli import export as cmd

    def broken(fh, rows, fields):
        fh.write(b"PAR1")
        raise OSError("disk full")

    monkeypatch.setattr(cmd, "write_parquet", broken)
    out = tmp_path / "m.parquet"
    assert export(world, "mentions", "--format", "parquet", "--output", str(out)) == 1
    assert list(tmp_path.iterdir()) == []
    err = capsys.readouterr().err.strip()
    assert err.endswith("writing failed (disk full)") and len(err.splitlines()) == 1


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
@pytest.mark.parametrize(
    ("where", "message"),
    [
        ("missing/m.out", "the folder {missing} does not exist"),
        (".", "is a folder; name a file in it"),
        # A file "nd" had been written for "nd/" (QA).
        ("nd/", "names a folder, which does not exist"),
        ("/proc/m.out", "cannot be written"),
        ("/proc", "is a folder"),
    ],
)
def test_an_output_that_cannot_be_a_file_is_one_line_and_exit_2(
    world, tmp_path, capsys, fmt, where, message
):
    slash = "/" if where.endswith("/") else ""  # which tmp_path / where would drop
    target = where if where.startswith("/") else str(tmp_path / where) + slash
    before = sorted(tmp_path.iterdir())
    assert export(world, "mentions", "--format", fmt, "--output", target) == 2
    err = capsys.readouterr().err.strip()
    # The folder as messages show a value, cut at 80 characters: a long tmp path (CI's) is cut.
    missing = shown(str(tmp_path / "missing"))
    assert message.format(missing=missing) in err and len(err.splitlines()) == 1, err
    assert sorted(tmp_path.iterdir()) == before  # no stray .tmp file


# A post and two comments, all about Fjällkraft: one answers the post, one a post koll never
# stored (its parent_key points nowhere).
THREAD = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:thr="http://purl.org/syndication/thread/1.0">
<title>Bloggen</title><id>tag:b</id><updated>2026-11-10T12:00:00Z</updated>
<entry><title>Fjällkraft bygger vindkraft</title><id>tag:b,0</id>
<link rel="alternate" href="https://b.se/inlagg"/><updated>2026-11-10T08:00:00Z</updated>
<content type="text">Fjällkraft bygger tolv nya vindkraftverk i Malå.</content></entry>
<entry><title>Svar</title><id>tag:b,1</id><link rel="alternate" href="https://b.se/inlagg#comment-1"/>
<thr:in-reply-to ref="tag:b,0" href="https://b.se/inlagg"/><updated>2026-11-10T09:00:00Z</updated>
<author><name>Lisa</name></author><content type="text">Bra av Fjällkraft!</content></entry>
<entry><title>Svar</title><id>tag:b,2</id><link rel="alternate" href="https://b.se/borta#comment-2"/>
<thr:in-reply-to ref="tag:b,9" href="https://b.se/borta"/><updated>2026-11-10T10:00:00Z</updated>
<author><name>Olle</name></author><content type="text">Fjällkraft är dyrt.</content></entry>
</feed>"""


@pytest.fixture(scope="module")
def thread_world(tmp_path_factory):
    server = FeedServer()
    url = server.add("/blogg.xml", THREAD)
    server.start()
    try:
        config = tmp_path_factory.mktemp("thread") / "koll.toml"
        config.write_text(
            'storage.url = "sqlite:///koll.db"\n[[brands]]\nname = "Fjällkraft"\n'
            f'[[feeds]]\nurl = "{url}"\nkind = "blog"\n',
            encoding="utf-8",
        )
        from ingest.run import ingest_once
        from koll.config import load_settings

        assert ingest_once(settings=load_settings(config, env={})).feeds_failed == 0
    finally:
        server.stop()
    return config


def _exported(config, what: str, fmt: str, tmp_path) -> list[dict]:
    """`koll export <what>` in `fmt`, read back as dicts (CSV cells as strings, ids as ints)."""
    out = tmp_path / f"{what}.{fmt}"
    args = ["export", what, "--format", fmt, "--output", str(out), "--config", str(config)]
    assert main(args) == 0
    if fmt == "parquet":
        return pq.read_table(out).to_pylist()
    if fmt == "jsonl":
        return read_jsonl(out)
    with out.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    # CSV has no types: an id is its digits, a missing parent an empty cell.
    for r in rows:
        r["item_id"] = int(r["item_id"])
        r["parent_item_id"] = int(r["parent_item_id"]) if r["parent_item_id"] else None
    return rows


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_a_comment_names_its_post_and_a_mention_its_item(thread_world, tmp_path, fmt):
    rows = _exported(thread_world, "items", fmt, tmp_path)
    assert [(r["kind"], r["author"]) for r in rows] == [
        ("blog", None if fmt != "csv" else ""),
        ("comments", "Lisa"),
        ("comments", "Olle"),
    ]
    post, answer, orphan = rows
    assert all(isinstance(r["item_id"], int) for r in rows)
    assert len({r["item_id"] for r in rows}) == 3
    assert post["parent_item_id"] is None  # answers nothing
    assert answer["parent_item_id"] == post["item_id"]
    assert orphan["parent_item_id"] is None  # its post was never stored

    mentions = _exported(thread_world, "mentions", fmt, tmp_path)
    assert [m["url"] for m in mentions] == [r["url"] for r in rows]
    # The same ids as the items export, so the two join on item_id.
    assert [(m["item_id"], m["parent_item_id"]) for m in mentions] == [
        (r["item_id"], r["parent_item_id"]) for r in rows
    ]


def test_the_export_ids_are_the_apis(thread_world, tmp_path):
    rows = _exported(thread_world, "items", "jsonl", tmp_path)
    with koll.open_workspace(thread_world) as ws:
        df = ws.items()
    assert [r["item_id"] for r in rows] == list(df["item_id"])
    by_key = dict(zip(df["key"], df["item_id"], strict=True))
    # parent_item_id is the id of the item whose key is the comment's parent_key.
    assert [r["parent_item_id"] for r in rows] == [
        by_key.get(k) if isinstance(k, str) else None for k in df["parent_key"]
    ]


def test_parquet_ids_are_typed_and_nullable(thread_world, tmp_path):
    out = tmp_path / "m.parquet"
    args = ["export", "mentions", "--format", "parquet", "--output", str(out)]
    assert main([*args, "--config", str(thread_world)]) == 0
    df = pd.read_parquet(out)
    assert str(df["item_id"].dtype) == "int64"
    # pandas reads the nullable int64 column as float with NaN for the rows without a parent.
    assert df["parent_item_id"].isna().tolist() == [True, False, True]


def test_excel_format_is_csv_for_swedish_excel(world, tmp_path):
    """`--format excel`: a byte order mark (else Excel reads UTF-8 as Windows-1252), semicolons,
    the same fields and rows as `csv`, written by koll's one Excel writer (the dashboard's
    download's): the bytes are koll.store.excel_csv's for the rows `jsonl` exports. Its own copy
    wrote full precision (-0,0161), owned as True/False and `published` as UTC text
    (2026-11-10T10:00:00Z), which Swedish Excel reads as neither truth values nor times. The
    plain `csv` keeps no mark (test_csv_mentions reads its header as the contract's)."""
    plain, excel, lines = tmp_path / "m.csv", tmp_path / "m_excel.csv", tmp_path / "m.jsonl"
    assert export(world, "mentions", "--output", str(plain)) == 0
    assert export(world, "mentions", "--format", "excel", "--output", str(excel)) == 0
    assert export(world, "mentions", "--format", "jsonl", "--output", str(lines)) == 0
    assert not plain.read_bytes().startswith(b"\xef\xbb\xbf")
    raw = excel.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfurl;title;text;published;")
    typed = [
        [datetime.fromisoformat(r[f]) if f == "published" else r[f] for f in MENTION_FIELDS]
        for r in read_jsonl(lines)
    ]
    expected = io.StringIO(newline="")
    write_excel_csv(expected, MENTION_FIELDS, typed)
    assert raw == expected.getvalue().encode("utf-8")
    with excel.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh, delimiter=";")
        rows = list(reader)
    assert reader.fieldnames == CONTRACT_MENTIONS and len(rows) == len(typed) > 0
    assert any("å" in r["text"] or "ä" in r["text"] or "ö" in r["text"] for r in rows)
    assert {r["owned"] for r in rows} == {"0", "1"}
    # The first mention, 2026-11-02T08:00:00Z in `csv`, at Stockholm's 09:00.
    assert rows[0]["published"] == "2026-11-02 09:00", [r["published"] for r in rows]
    scores = [r["score"] for r in rows if r["score"]]
    assert scores and all(re.fullmatch(r"-?\d,\d{3}", s) for s in scores), scores
