"""The shipped realistic social-media sets (data/sentiment/SOCIAL.md): the test set is kept apart
from everything the model trains or tunes on, and each set has the shape the docs promise."""

from __future__ import annotations

import csv
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from analysis import sentiment
from analysis.resources import data_path
from analysis.sentiment_eval import leaking


def _rows(*parts: str, delimiter: str = ",") -> list[dict]:
    with data_path(*parts).open(encoding="utf-8", newline="") as fh:
        if delimiter == "\t":
            return list(csv.DictReader(fh, **sentiment.TSV))
        return list(csv.DictReader(fh, delimiter=delimiter))


def test_leaking_finds_shared_word_runs_and_whole_texts():
    train = ["Jag älskar verkligen den nya appen från banken", "hahaha"]
    test = ["lol jag älskar verkligen den nya appen", "HAHAHA!!", "helt annan text här"]
    assert leaking(train, test, 5) == [0, 1]


def test_social_test_set_does_not_leak_into_training_or_dev():
    # Not checked against the hand-written dev_sv.csv: neither training nor calibration reads it,
    # and author B's filler lines ("först trodde jag att det var mitt fel") occur there too.
    seen = [r["text"] for r in _rows("sentiment", "train_sv.csv")]
    seen += [r["text"] for r in _rows("sentiment", "social_train_sv.csv")]
    seen += [r["text"] for r in _rows("sentiment", "social_dev_sv.csv")]
    seen += [r["text"] for r in _rows("eval", "absabank-imm_train.tsv", delimiter="\t")]
    test = [r["text"] for r in _rows("eval", "social_test_sv.csv")]
    assert len(test) >= 1500
    assert leaking(seen, test, 5) == []


def test_social_sets_are_about_half_neutral():
    for parts in (("sentiment", "social_train_sv.csv"), ("eval", "social_test_sv.csv")):
        c = Counter(r["label"] for r in _rows(*parts))
        assert set(c) == {"pos", "neu", "neg"}
        assert 0.4 <= c["neu"] / sum(c.values()) <= 0.6, (parts, c)


def test_brand_and_counterfactual_sets_have_the_promised_size():
    brands = _rows("eval", "brand_targets_sv.csv")
    assert len({r["group"] for r in brands}) >= 150
    assert all(r["label"] in ("pos", "neu", "neg") for r in brands)
    cf = _rows("eval", "counterfactual_sv.csv")
    assert sum(not r["swapped"] for r in cf) >= 200
    assert {r["swapped"] for r in cf} >= {"", "place", "person", "topic"}


def test_natural_brand_development_set_has_the_promised_shape():
    # data/sentiment/SOCIAL.md: hand-written, each sentence with a label for every brand it
    # names, about a quarter of the labels neutral, most sentences naming two brands.
    rows = _rows("sentiment", "brand_targets_natural_dev_sv.csv")
    groups: dict[str, list[dict]] = {}
    for r in rows:
        groups.setdefault(r["group"], []).append(r)
    assert len(groups) >= 150 and len(rows) >= 250
    assert sum(len(g) == 2 for g in groups.values()) >= 90
    for g in groups.values():
        assert len({r["text"] for r in g}) == 1 and len({r["brand"] for r in g}) == len(g)
        assert all(r["brands"] == str(len(g)) and r["brand"] in r["text"] for r in g), g
        assert all(r["label"] in ("pos", "neu", "neg") and r["pattern"] for r in g), g
    share = Counter(r["label"] for r in rows)["neu"] / len(rows)
    assert 0.2 <= share <= 0.35, share


@pytest.mark.parametrize(
    "name, n", [("social_natural_dev_sv.csv", 320), ("social_natural_dev2_sv.csv", 400)]
)
def test_natural_social_development_sets_have_the_promised_shape_and_are_not_trained_on(name, n):
    # data/sentiment/SOCIAL.md (authors F and G): hand-written posts, half neutral, never a
    # training text (they judge changes; training on them would make their figures meaningless).
    rows = _rows("sentiment", name)
    assert len(rows) == n and len({r["text"] for r in rows}) == len(rows)
    c = Counter(r["label"] for r in rows)
    assert set(c) == {"pos", "neu", "neg"} and 0.45 <= c["neu"] / len(rows) <= 0.55, c
    assert {r["kind"] for r in rows} <= {"tweet", "comment", "forum"}
    trained = {r["text"].strip().lower() for r in _rows("sentiment", "train_sv.csv")}
    trained |= {r["text"].strip().lower() for r in _rows("sentiment", "social_train_sv.csv")}
    trained |= {r["text"].strip().lower() for r in _rows("sentiment", "natural_train_sv.csv")}
    assert not [r["text"] for r in rows if r["text"].strip().lower() in trained]


# Every set koll is judged on, and the natural development sets.
_JUDGED = (
    ("eval", "social_test_sv.csv"),
    ("eval", "social_natural_test_sv.csv"),
    ("eval", "sentiment_sv_test.csv"),
    ("eval", "brand_targets_sv.csv"),
    ("eval", "counterfactual_sv.csv"),
    ("sentiment", "social_natural_dev_sv.csv"),
    ("sentiment", "social_natural_dev2_sv.csv"),
    ("sentiment", "brand_targets_dev_sv.csv"),
    ("sentiment", "brand_targets_natural_dev_sv.csv"),
)


def _natural_hand_posts() -> list[str]:
    hand = Path(__file__).resolve().parents[1] / "scripts" / "sentiment_data" / "hand"
    posts = []
    for path in sorted(hand.glob("3[1-9]_natural_*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if line and not line.startswith(("#", "@@")):
                posts.append(line)
    return posts


@pytest.mark.parametrize("parts", _JUDGED, ids=lambda p: p[1])
def test_natural_training_posts_share_no_run_of_five_words_with_a_judged_set(parts):
    # The natural posts (hand files 31-39) were written by helper sessions much like the ones
    # that wrote the natural sets koll is judged on, and two writers given similar briefs
    # converge ("första jordgubbarna från egna landet" stood in a training post and in a
    # development post): such posts were taken out of training (data/sentiment/SOCIAL.md).
    posts = _natural_hand_posts()
    assert len(posts) > 3000
    judged = [r["text"] for r in _rows(*parts)]
    # Sharing a run and equal words are symmetric: asked this way round, a failure names the
    # training posts to reword or take out, not the judged set's rows.
    assert [posts[i] for i in leaking(judged, posts, 5)] == []


def test_the_builds_give_the_shipped_sets(tmp_path):
    # The social training set copies the hand-written texts with their topic nouns swapped, so it
    # goes stale when a hand file changes and only the hand build is run again: the shipped file
    # was (hand files 23-28 were missing from its copies until 2026-12-03). Both builds are
    # deterministic; run into a temporary directory, they must give the shipped files byte for
    # byte.
    root = Path(__file__).resolve().parents[1]
    scripts = root / "scripts" / "sentiment_data"
    hand, social = tmp_path / "hand", tmp_path / "social"
    for script, out in ((scripts / "build.py", hand), (scripts / "social" / "build.py", social)):
        run = subprocess.run(
            [sys.executable, str(script), "--out", str(out)],
            cwd=root,
            capture_output=True,
            text=True,
        )
        assert run.returncode == 0, run.stderr
    built = {
        ("sentiment", "train_sv.csv"): hand / "train_sv.csv",
        ("sentiment", "dev_sv.csv"): hand / "dev_sv.csv",
        ("sentiment", "natural_train_sv.csv"): hand / "natural_train_sv.csv",
    }
    for parts in (
        ("sentiment", "social_train_sv.csv"),
        ("sentiment", "social_dev_sv.csv"),
        ("eval", "social_test_sv.csv"),
        ("eval", "brand_targets_sv.csv"),
        ("eval", "counterfactual_sv.csv"),
    ):
        built[parts] = social / parts[0] / parts[1]
    for parts, path in built.items():
        assert path.read_bytes() == data_path(*parts).read_bytes(), f"{'/'.join(parts)} is stale"
