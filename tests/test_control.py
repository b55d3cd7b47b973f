"""The control components as pure functions: definitions, nulls and weights on small frames."""

from __future__ import annotations

import math

import pandas as pd

from analysis.control import control_components, control_index
from koll.store.views import previous_window


def mentions(rows):
    cols = [
        "key",
        "owned",
        "person",
        "label",
        "source",
        "kind",
        "published",
        "story_id",
        "title",
        "text",
    ]
    df = pd.DataFrame(rows, columns=cols)
    df["published"] = pd.to_datetime(df["published"], utc=True)
    return df


ROWS = [
    # key, owned, person, label, source, kind, published, story, title, text
    ("o1", True, "Anna", "pos", "brand.se", "blog", "2026-10-01T08:00", 1, "t", "lokal vindkraft"),
    ("e1", False, None, "pos", "a.se", "news", "2026-10-01T10:00", 1, "t", "kopia"),
    ("e2", False, None, "neg", "a.se", "news", "2026-10-02T10:00", 2, "t", "Lokal vindkraft!"),
    ("o2", True, None, "neu", "brand.se", "blog", "2026-10-02T12:00", 2, "t", "svar"),
    ("e3", False, None, "neu", "b.se", "blog", "2026-10-03T10:00", 3, "t", "inget"),
    ("e3", False, None, "neu", "b.se", "blog", "2026-10-03T10:00", 3, "t", "inget"),  # duplicate
]


def test_components_by_definition():
    threads = pd.DataFrame({"parent_key": ["e1", "e1", "e3"], "brand_voice": [False, True, False]})
    got = control_components(
        mentions(ROWS),
        key_messages=["lokal vindkraft"],
        threads=threads,
        competitor_mentions=5,
        previous_sources={"a.se"},
    )
    assert (got["mentions"], got["owned"], got["earned"]) == (5, 2, 3)
    assert got["owned_share"] == 2 / 5
    assert got["echo_rate"] == 2 / 3  # e1 copies o1 (same story, later); e2 says it
    assert got["agenda_share"] == 1 / 2  # story 1 owned first, story 2 earned first
    assert got["dialogue_rate"] == 1 / 2  # e1 answered, e3 not
    assert got["net_sentiment"] == 0.0
    assert math.isclose(got["hhi"], (2 / 3) ** 2 + (1 / 3) ** 2)
    assert math.isclose(got["effective_voices"], 1 / got["hhi"])
    assert got["share_of_voice"] == 5 / 10
    assert got["personal_share"] == 1 / 2
    assert got["new_voices"] == 1 and got["new_voice_sources"] == ["b.se"]
    expected = 100 * (2 / 5 + 2 / 3 + 1 / 2 + 1 / 2 + 0.5) / 5
    assert math.isclose(got["control_index"], expected)


def test_nulls_never_zero():
    got = control_components(mentions(ROWS[:1]))  # one owned mention, nothing else known
    assert got["owned_share"] == 1.0
    for k in (
        "echo_rate",
        "agenda_share",
        "dialogue_rate",
        "net_sentiment",
        "hhi",
        "effective_voices",
        "share_of_voice",
        "new_voices",
    ):
        assert got[k] is None, k
    assert got["components_used"] == ["owned_share"]
    empty = control_components(mentions([]))
    assert empty["mentions"] == 0 and empty["control_index"] is None
    assert empty["components_used"] == []


def test_weights_and_previous_window():
    comps = {
        "owned_share": 0.2,
        "echo_rate": None,
        "agenda_share": 1.0,
        "dialogue_rate": 0.0,
        "net_sentiment": -1.0,
    }
    assert math.isclose(control_index(comps)["control_index"], 100 * (0.2 + 1 + 0 + 0) / 4)
    w = control_index(comps, {"agenda_share": 3, "dialogue_rate": 0})
    assert math.isclose(w["control_index"], 100 * (0.2 + 3 + 0) / 5)
    assert w["components_used"] == ["owned_share", "agenda_share", "net_sentiment"]
    assert previous_window("2026-10-15", "2026-10-28") == ("2026-10-01", "2026-10-14")
    assert previous_window("2026-03-01", "2026-03-01") == ("2026-02-28", "2026-02-28")


def test_stored_key_message_flags_win_and_gaps_are_computed():
    df = mentions(ROWS)
    df["key_message"] = [None, None, False, None, True, True]  # as `koll analyse` stored them
    got = control_components(df, key_messages=["lokal vindkraft"])
    # e1: computed (copy of o1) -> True; e2: stored False despite its text; e3: stored True.
    assert got["echo_rate"] == 2 / 3
    df["key_message"] = [False] * 6
    assert control_components(df, key_messages=["lokal vindkraft"])["echo_rate"] == 0.0


def test_rows_are_counted_then_assembled_as_the_frozen_row_path_did():
    """control_components counts its rows and shares control_from_counts; the answers are the
    ones the separate row computation gave (tests/control_oracle.py), except the dialogue
    components, whose definition changed after the oracle was frozen (issue 13: own threads
    count, a thread needs an outside comment; tested by definition below)."""
    from analysis.dialogue import DIALOGUE_KEYS
    from tests import control_oracle as oracle

    threads = pd.DataFrame({"parent_key": ["e1", "e1", "e3"], "brand_voice": [False, True, False]})
    flagged = mentions(ROWS).assign(key_message=[None, None, False, None, True, True])
    frames = [
        mentions(ROWS),
        mentions(ROWS[:1]),
        mentions(ROWS[1:3]),  # earned only
        mentions([]),
        mentions(ROWS).drop(columns=["person"]),  # no person: personal_share unknown
        mentions(ROWS).drop(columns=["story_id"]),  # no stories: agenda_share unknown
        flagged,
    ]
    for df in frames:
        for msgs in ([], ["lokal vindkraft"]):
            kw = dict(key_messages=msgs, threads=threads, competitor_mentions=3,
                      previous_sources={"a.se"})  # fmt: skip
            got, want = control_components(df, **kw), oracle.control_components(df, **kw)
            got = {k: v for k, v in got.items() if k not in DIALOGUE_KEYS}
            want = {k: v for k, v in want.items() if k != "dialogue_rate"}
            assert got.keys() == want.keys()
            for k, v in want.items():
                if isinstance(v, float):
                    assert math.isclose(got[k], v, abs_tol=1e-12), k
                else:
                    assert got[k] == v, k


def test_complete_stored_flags_need_no_texts():
    """After `koll analyse` every mention carries its flag: the echo rate is known without the
    texts (it was None when the texts were not read); partial flags still need them."""
    df = mentions(ROWS).drop(columns=["title", "text"])
    assert control_components(df, key_messages=["lokal vindkraft"])["echo_rate"] is None
    df["key_message"] = [False, True, True, False, False, False]
    assert control_components(df, key_messages=["lokal vindkraft"])["echo_rate"] == 2 / 3
    df["key_message"] = [None, True, True, False, False, False]
    assert control_components(df, key_messages=["lokal vindkraft"])["echo_rate"] is None


def test_hhi_from_counts_is_pandas_to_the_last_bit():
    """control_from_counts sums the source shares in plain Python/numpy; the float equals the
    pandas expression it replaced (groupby, sort_values descending, pairwise sum), ties and
    more than eight sources included, where the summation order shows in the last bits."""
    import random

    from analysis.control import control_from_counts

    rng = random.Random(5)
    for _ in range(200):
        k = rng.randint(1, 300)
        rows = [(f"s{rng.randint(0, k)}", False, rng.choice([1, 2, 3, rng.randint(1, 9999)]))
                for _ in range(k)] + [("egen.se", True, 7)]  # fmt: skip
        sources = pd.DataFrame(rows, columns=["source", "owned", "n"])
        counts = pd.DataFrame({"owned": [False], "label": ["neu"], "n": [sources["n"].sum()]})
        got = control_from_counts(counts, stories=None, posts=None, sources=sources)["hhi"]
        earned = sources[~sources["owned"]]
        per = earned.groupby("source")["n"].sum().astype(int).sort_values(ascending=False)
        assert got == float(((per / per.sum()) ** 2).sum())
