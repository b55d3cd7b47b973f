"""The dashboard's counted texts agree with a count of one. QA: "Alla 1 flöden hämtas utan fel."
on the Källor page of a workspace with one feed."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from dashboard import data
from dashboard.i18n import WORDS, counted_by, dropdown_labels, t, tn
from dashboard.pages import dialogue, sources
from dashboard.params import Params


def _texts(component) -> list[str]:
    """Every string in a component tree, in document order."""
    if component is None:
        return []
    if isinstance(component, str | int | float):
        return [str(component)]
    if isinstance(component, list | tuple):
        return [s for c in component for s in _texts(c)]
    return _texts(getattr(component, "children", None))


def _feeds(statuses: list[str]) -> pd.DataFrame:
    """data.feed_health()'s frame: one row per configured feed."""
    return pd.DataFrame(
        {
            "title": [f"Flöde {i}" for i in range(len(statuses))],
            "url": [f"https://example.se/{i}.xml" for i in range(len(statuses))],
            "kind": ["news"] * len(statuses),
            "status": statuses,
            "failures": [0 if s == "ok" else 3 for s in statuses],
            "last_error": [None if s == "ok" else "HTTP 500" for s in statuses],
            "last_success": [None] * len(statuses),
        }
    )


@pytest.mark.parametrize(
    ("statuses", "ui", "headline"),
    [
        (["ok"], "sv", "Flödet hämtas utan fel."),
        (["ok"], "en", "The feed is fetched without errors."),
        (["failing"], "sv", "Flödet har problem."),
        (["failing"], "en", "The feed has problems."),
        (["ok", "ok"], "sv", "Alla 2 flöden hämtas utan fel."),
        (["ok", "failing", "ok"], "sv", "1 av 3 flöden har problem."),
        (["ok", "failing", "ok"], "en", "Problems with 1 of 3 feeds."),
    ],
)
def test_the_feeds_headline_of_one_feed_is_singular(monkeypatch, statuses, ui, headline):
    monkeypatch.setattr(data, "feed_health", lambda: _feeds(statuses))
    shown = _texts(sources.feed_health(Params(ui=ui)))
    assert headline in shown, shown


def test_the_dialogue_summary_of_one_thread_is_singular():
    """As the report and digest say it (analysis.dialogue_text): "0 av 1 kommentarstråd"."""
    report = {"dialogue_answered": 0, "dialogue_threads": 1, "dialogue_rate": 0.0}
    sv = _texts(dialogue.summary(report, "sv"))
    assert "Ni svarade i 0 av 1 kommentarstråd (0\u00a0%)." in sv
    assert "You answered in 0 of 1 comment thread (0%)." in _texts(dialogue.summary(report, "en"))
    many = {"dialogue_answered": 2, "dialogue_threads": 4, "dialogue_rate": 0.5}
    assert "Ni svarade i 2 av 4 kommentarstrådar (50\u00a0%)." in " ".join(
        _texts(dialogue.summary(many, "sv"))
    )


def test_one_more_owned_channel_and_one_index_point():
    assert t("s.owned.more", "en", n="1").endswith("1 more is under Mentions (Owned).")
    assert t("s.owned.more", "en", n="2").endswith("2 more are under Mentions (Owned).")
    assert t("driver.sentence", "en", main="X", points="+1").endswith("(+1 index point).")
    assert t("driver.sentence", "en", main="X", points="\u22121").endswith("(\u22121 index point).")
    assert t("driver.sentence", "en", main="X", points="+3").endswith("(+3 index points).")


def test_the_dropdown_count_reads_for_one_as_for_many():
    """dcc.Dropdown fills in the number itself, so the text cannot pick a form: "1 valda"."""
    label = dropdown_labels("sv")["selected_count"]
    assert label.format(num_selected=1) == "Valda: 1"


def test_t_and_tn_pick_the_singular_for_exactly_one():
    assert t("m.count", n="1") == tn("m.count", 1) == "1 omnämnande"
    assert t("m.count", n=1) == "1 omnämnande"
    assert t("m.count", n="1\u202f001") == tn("m.count", 1001) == "1\u202f001 omnämnanden"
    assert tn("m.count", 0) == "0 omnämnanden"
    # A decimal one is plural, as Swedish says it ("1,0 röster i praktiken").
    assert t("s.voices", n="1,0").startswith("1,0 röster")


# Counted texts that need no singular: a unit ("(1 d)"), a decimal ("1,0 röster i praktiken"),
# or a count that is never one (the search's 10 000 cap, a topic sample of thousands).
NO_SINGULAR = {"week.partial", "s.voices", "m.count_more", "t.sampled"}


def test_every_counted_noun_has_a_singular():
    """A count right before a word ("{n} flöden", "{threads} kommentarstrådar") needs a `.one`
    text, so that t() can say "1 flöde"; new texts are held to it too."""
    missing = []
    for key, (sv, _en) in WORDS.items():
        if key.endswith(".one") or key in NO_SINGULAR:
            continue
        if re.search(r"\{" + counted_by(key) + r"\} \w", sv) and f"{key}.one" not in WORDS:
            missing.append(key)
    assert missing == []
