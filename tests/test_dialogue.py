"""The dialogue components by definition, on small frames: own and others' threads, outside
comments, the brand's voice, response time and the unanswered threads."""

from __future__ import annotations

import math

import pandas as pd

from analysis.control import control_components
from analysis.dialogue import brand_voice, dialogue, thread_summary, unanswered

BRAND_NAMES = ("Fjällkraft", "@fjallkraft", "Anna Berg")


def _posts(rows):
    return pd.DataFrame(rows, columns=["key", "owned", "kind"])


def _comments(rows):
    df = pd.DataFrame(rows, columns=["parent_key", "item_id", "published", "author"])
    df["published"] = pd.to_datetime(df["published"], utc=True)
    df["brand_voice"] = brand_voice(df, BRAND_NAMES)
    return df


POSTS = _posts(
    [
        ("own1", True, "blog"),  # the brand's blog post: readers ask, Anna Berg answers
        ("own2", True, "blog"),  # the brand's blog post: only the brand's own note -> no thread
        ("own3", True, "blog"),  # the brand's blog post: a reader asks, nobody answers
        ("oth1", False, "news"),  # a newspaper: a reader, then the brand's account 5 h later
        ("oth2", False, "blog"),  # another blog: two readers, no answer
        ("oth3", False, "blog"),  # another blog: the brand wrote first, a reader later
        ("c1", False, "comments"),  # a comment is never a post with a thread
    ]
)
COMMENTS = _comments(
    [
        ("own1", 1, "2026-11-10T17:00", "Birgitta"),
        ("own1", 2, "2026-11-10T18:00", "Anna Berg"),
        ("own1", 3, "2026-11-10T19:00", "Mikael"),
        ("own1", 4, "2026-11-10T19:30", "Anna Berg, presschef"),
        ("own2", 5, "2026-11-11T08:00", "Fjällkraft"),
        ("own3", 6, "2026-11-12T09:00", "Ulla"),
        ("oth1", 7, "2026-11-09T10:00", "Per"),
        ("oth1", 8, "2026-11-09T15:00", "@fjallkraft"),
        ("oth2", 9, "2026-11-13T10:00", "Lisa"),
        ("oth2", 10, "2026-11-13T10:00", "Eva"),  # same second as Lisa: the later stored wins
        ("oth3", 11, "2026-11-08T10:00", "Anna Berg (Fjällkraft)"),
        ("oth3", 12, "2026-11-08T12:00", "Kalle"),
        ("c1", 13, "2026-11-08T12:00", "Kalle"),
        ("elsewhere", 14, "2026-11-08T12:00", "Kalle"),  # its post is not about the brand
    ]
)


def test_brand_voice_is_its_accounts_and_people_not_its_comment_feed():
    df = pd.DataFrame(
        {
            "author": ["Anna Berg", "anna berg, presschef", "Annabel", None, "Läsare", "Läsare"],
            "owned": [None, None, None, True, True, False],
            "owned_by": [None, None, None, "person", "feed", None],
        }
    )
    got = brand_voice(df, BRAND_NAMES).tolist()
    # An owned comment by a person is the brand's; one owned only because the comment feed is
    # the brand's (its readers write there) is not.
    assert got == [True, True, False, True, False, False]


def test_threads_need_an_outside_comment_and_count_own_and_others():
    s = thread_summary(POSTS, COMMENTS)
    assert s["key"].tolist() == ["oth1", "oth2", "oth3", "own1", "own3"]  # not own2, c1
    by = s.set_index("key")
    assert by.loc["own1", "outside"] == 2 and by.loc["oth2", "outside"] == 2
    got = dialogue(s)
    assert got["dialogue_threads"] == 5 and got["dialogue_answered"] == 3
    assert got["dialogue_rate"] == 3 / 5
    assert got["dialogue_own"] == 1 / 2  # own1 answered, own3 not
    assert got["dialogue_others"] == 2 / 3  # oth1 and oth3 answered, oth2 not
    # own1: first outside 17:00, first reply 18:00 -> 1 h; oth1: 5 h; oth3: the brand wrote
    # before anyone else and never after, so it has no response time. Median of 1 and 5.
    assert got["response_hours"] == 3.0


def test_unanswered_newest_first_with_the_latest_outside_comment():
    s = unanswered(thread_summary(POSTS, COMMENTS))
    assert s["key"].tolist() == ["oth2", "own3"]
    assert s["last_outside_id"].tolist() == [10, 6]
    assert s["outside"].tolist() == [2, 1]
    assert s["owned"].tolist() == [False, True]
    assert unanswered(thread_summary(POSTS, COMMENTS), limit=1)["key"].tolist() == ["oth2"]


def test_nothing_to_measure_is_null_and_counts_are_zero():
    none = dialogue(thread_summary(POSTS, COMMENTS.iloc[0:0]))
    assert none == {
        "dialogue_rate": None,
        "dialogue_own": None,
        "dialogue_others": None,
        "dialogue_threads": 0,
        "dialogue_answered": 0,
        "response_hours": None,
    }
    only_brand = COMMENTS[COMMENTS["parent_key"] == "own2"]
    assert dialogue(thread_summary(POSTS, only_brand))["dialogue_rate"] is None
    # Without comment times the rates are still known; the response time is not.
    untimed = dialogue(thread_summary(POSTS, COMMENTS.drop(columns=["published", "item_id"])))
    assert untimed["dialogue_rate"] == 3 / 5 and untimed["response_hours"] is None


def test_control_components_count_owned_posts_threads():
    """In the components: a thread under the brand's own post counts (it did not before)."""
    rows = [
        ("own1", True, "Anna", "neu", "fjallkraft.se", "blog", "2026-11-10T08:00"),
        ("oth1", False, None, "neg", "a.se", "news", "2026-11-09T08:00"),
    ]
    df = pd.DataFrame(
        rows, columns=["key", "owned", "person", "label", "source", "kind", "published"]
    )
    df["published"] = pd.to_datetime(df["published"], utc=True)
    got = control_components(df, threads=COMMENTS)
    assert got["dialogue_threads"] == 2 and got["dialogue_rate"] == 1.0
    assert got["dialogue_own"] == 1.0 and got["dialogue_others"] == 1.0
    assert math.isclose(got["response_hours"], 3.0)
    assert "dialogue_rate" in got["components_used"]


def _unanswered_oracle(summary, limit=None, owned_first=False):
    """Frozen: unanswered() as it was written with pandas' multi-column stable sort."""
    s = summary[~summary["answered"].astype(bool)]
    s = s.assign(_t=pd.to_datetime(s["last_outside"], utc=True), _other=~s["owned"].astype(bool))
    by = ["_other", "_t", "key"] if owned_first else ["_t", "key"]
    up = [True, False, True] if owned_first else [False, True]
    s = s.sort_values(by, ascending=up, na_position="last", kind="stable")
    s = s.drop(columns=["_t", "_other"]).reset_index(drop=True)
    return s if limit is None else s.head(limit)


def test_unanswered_orders_as_the_pandas_sort_did():
    """unanswered sorts plain tuples; the rows and their order equal the pandas sort it replaced,
    with tied times, untimed threads, repeated keys, limits and owned first."""
    import random

    rng = random.Random(1)
    start = pd.Timestamp("2026-01-01", tz="UTC")
    for _ in range(60):
        n = rng.randint(0, 30)
        times = [pd.NaT if rng.random() < 0.15 else start + pd.Timedelta(minutes=rng.randint(0, 4))
                 for _ in range(n)]  # fmt: skip
        df = pd.DataFrame(
            {
                "key": [f"k{rng.randint(0, 20)}" for _ in range(n)],
                "owned": [rng.random() < 0.3 for _ in range(n)],
                "answered": [rng.random() < 0.4 for _ in range(n)],
                "last_outside": pd.Series(times, dtype="datetime64[ns, UTC]"),
                "row": range(n),
            }
        )
        for limit in (None, 0, 1, 5):
            for owned_first in (False, True):
                pd.testing.assert_frame_equal(
                    unanswered(df, limit, owned_first=owned_first),
                    _unanswered_oracle(df, limit, owned_first),
                )
