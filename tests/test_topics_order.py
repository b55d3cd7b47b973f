"""Topics depend on the mentions, not on the order a store holds them in.

Two mentions published at the same second came out of the store in the order of their row ids,
which follow the order they were stored in (one ingesting process or three), and the topics
followed that order: the QA pass saw Nordvind's "ringa · kundtjänst · aldrig" with 23 mentions
in the demo and 22 in a store of the same feeds ingested by three workers, and two topics
swapped numbers.
"""

from __future__ import annotations

import shutil
import sqlite3
from datetime import UTC, datetime

import koll
from koll.jobs.alerts import update_topics
from koll.store.views import TOPIC_INPUT, brand_topics

# A window holding every demo mention that `koll analyse` stores no topics for: computed now.
WINDOW = ("2026-11-05", "2026-12-03")


def _assigned(ids, assignment) -> dict[int, int]:
    return dict(zip(map(int, ids), map(int, assignment), strict=True))


def test_the_same_mentions_in_another_order_give_the_same_topics(demo_workspace):
    with koll.open_workspace(demo_workspace) as ws:
        for brand in ws.brand_names:
            b = ws.brand(brand)
            rows = ws.mentions(brand, columns=TOPIC_INPUT)
            first = brand_topics(rows, b, brand)
            assert first.topics  # else the comparison would prove nothing
            for seed in range(4):
                other = rows.sample(frac=1, random_state=seed)
                res = brand_topics(other, b, brand)
                assert res.topics == first.topics, (brand, seed)
                # Each mention keeps its topic, given back on the caller's rows.
                assert res.assignment.index.equals(other.index)
                assert _assigned(other["item_id"], res.assignment) == _assigned(
                    rows["item_id"], first.assignment
                )


def _copy(demo_workspace, folder, renumber: bool):
    """A copy of the demo in `folder`; with `renumber`, its mentions have other ids, in the
    reverse order: the same mentions as an ingest that met them the other way round stores."""
    folder.mkdir()
    target = folder / "koll.db"
    with sqlite3.connect(demo_workspace.parent / "koll.db") as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    if renumber:
        with sqlite3.connect(target) as db:
            # Nothing refers to a mention's id; ties in `published` now come out reversed.
            db.execute("UPDATE mentions SET id = 1000000 - id")
    shutil.copy(demo_workspace, folder / "koll.toml")
    return folder / "koll.toml"


def _topics(ws: koll.Workspace, brand: str, since=None, until=None):
    return ws.topics(brand, since, until).to_dict("records")


def _mention_topics(ws: koll.Workspace, brand: str) -> dict[int, object]:
    m = ws.mentions(brand, *WINDOW, with_topics=True)
    return dict(zip(m["item_id"].astype(int), m["topic_label"], strict=True))


def test_a_store_holding_the_same_mentions_under_other_ids_gives_the_same_topics(
    demo_workspace, tmp_path
):
    first = _copy(demo_workspace, tmp_path / "a", renumber=False)  # analyse writes: not the demo
    second = _copy(demo_workspace, tmp_path / "b", renumber=True)
    with koll.open_workspace(first) as a, koll.open_workspace(second) as b:
        for brand in a.brand_names:
            # Computed now (topics() of an unstored window) and per mention (with_topics).
            assert _topics(a, brand, *WINDOW) == _topics(b, brand, *WINDOW), brand
            assert _mention_topics(a, brand) == _mention_topics(b, brand), brand
        # Stored by `koll analyse`, read by `koll topics`, the dashboard and topics().
        now = datetime(2026, 12, 3, 12, tzinfo=UTC)
        for ws in (a, b):
            update_topics(ws.store, ws.settings, now, full=True)
        for brand in a.brand_names:
            assert _topics(a, brand) == _topics(b, brand), brand
