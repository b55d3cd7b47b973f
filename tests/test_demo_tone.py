"""The demo's tone against hand labels: how much of "Mest negativa" a reader would call negative.

Issue 15 asks that the demo's "Mest negativa" list hold only negative posts. koll's own labels
cannot tell (the list is, by its filter, what koll calls negative), so every demo mention has a
label written by hand (tests/fixtures/demo_tone_gold.md says how), and the share of the list
that the hand labels call negative is pinned in data/sentiment/QUALITY.json (`demo_negative`),
over the whole list and, since rules revision 35, over the rows its reader was sure of.
"""

from __future__ import annotations

import csv
import functools
import json
from pathlib import Path

import pytest

from analysis.resources import data_path
from koll.config import load_settings

GOLD = Path(__file__).parent / "fixtures" / "demo_tone_gold.csv"
PAGE = 25  # the dashboard's page of mentions (dashboard.data.mention_page)


@functools.cache
def _gold() -> dict[tuple[str, str], tuple[str, bool]]:
    """Each mention's hand label and whether its reader was sure of it."""
    with GOLD.open(encoding="utf-8", newline="") as fh:
        return {
            (r["key"], r["brand"]): (r["label"], r["sure"] == "yes") for r in csv.DictReader(fh)
        }


def _floors() -> dict:
    quality = data_path("sentiment", "QUALITY.json").read_text(encoding="utf-8")
    return json.loads(quality)["demo_negative"]


@pytest.fixture(scope="module")
def demo_data(demo_workspace):
    from dashboard import data

    data.configure(load_settings(demo_workspace, env={}))
    yield data
    data.store().close()


def _keys(data, item_ids) -> dict[int, str]:
    from sqlalchemy import select

    from koll.store.schema import items

    q = select(items.c.id, items.c.key).where(items.c.id.in_([int(i) for i in item_ids]))
    with data.store().connect() as conn:
        return dict(conn.execute(q).all())


def _negative_list(data, brand: str) -> list[tuple[str, bool]]:
    """The hand labels of the brand's "Mest negativa" list, in its order, each with whether its
    reader was sure of it: over the whole demo,
    which is the default window's list too (on 2026-12-05), but does not move with the hour the
    demo was built at (docs/control.md)."""
    from dashboard.params import Params

    p = data.resolve(Params(brand=brand, sort="neg", since="2000-01-01"))
    n = data.tone_first_count(p)
    rows, _ = data.mention_page(p, 0, per_page=n)
    assert set(rows["label"]) == {"neg"}, brand
    keys = _keys(data, rows["item_id"])
    gold = _gold()
    return [gold[(keys[int(i)], brand)] for i in rows["item_id"]]


def test_every_demo_mention_has_a_hand_label(demo_data):
    from sqlalchemy import select

    from koll.store.schema import items, mentions

    q = select(items.c.key, mentions.c.brand).join(items, items.c.id == mentions.c.item_id)
    with demo_data.store().connect() as conn:
        found = {(k, b) for k, b in conn.execute(q).all()}
    gold = _gold()
    missing = sorted(found - set(gold))
    assert not missing, f"label these demo mentions by hand in {GOLD.name}: {missing[:5]}"
    assert {label for label, _ in gold.values()} <= {"pos", "neu", "neg"}


@pytest.mark.parametrize("brand", ["Fjällkraft", "Nordvind"])
def test_the_most_negative_list_is_negative_to_a_reader(demo_data, brand):
    floors = _floors()[brand]
    labels = [label for label, _ in _negative_list(demo_data, brand)]
    first = labels[:PAGE]
    assert len(labels) > PAGE
    assert first.count("neg") / len(first) >= floors["first_page_min"], first
    assert labels.count("neg") / len(labels) >= floors["list_min"], labels
    # The opposite tone at most once on the first page (measured: once for each brand, a
    # reading the labels mark unsure: "Vad hade ni väntat er? Elpriset har stigit för alla.").
    assert first.count("pos") <= 1, first


@pytest.mark.parametrize("brand", ["Fjällkraft", "Nordvind"])
def test_the_most_negative_list_holds_what_a_sure_reader_calls_negative(demo_data, brand):
    # Issue 15's "only negative posts", on the rows the reader did not mark as readable two ways
    # (measured with rules revision 35: Fjällkraft 46 of 47, the one left an outage told as a
    # plain fact, "Var utan el 15 timmar", which the probes' convention calls negative;
    # Nordvind 29 of 29).
    sure = [label for label, is_sure in _negative_list(demo_data, brand) if is_sure]
    assert len(sure) > PAGE
    assert sure.count("neg") / len(sure) >= _floors()[brand]["sure_list_min"], sure
