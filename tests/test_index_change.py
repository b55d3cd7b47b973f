"""Why the control index moved: the components' contributions add up to the change, the biggest
is named in a sentence, and each change is judged good or bad for control (issue 18)."""

from __future__ import annotations

import pytest

from analysis.control import control_index
from analysis.index_change import index_drivers, judgement
from dashboard.cards import Comparison, control_cards, driver_sentence
from tests.test_dashboard import find, texts


def report(**values) -> dict:
    out = {"mentions": 10, **values}
    out.update(control_index(out, {}))
    return out


def test_contributions_add_up_to_the_change_of_the_index():
    before = report(owned_share=0.2, echo_rate=0.1, dialogue_rate=0.5, net_sentiment=0.0)
    after = report(owned_share=0.25, echo_rate=0.1, dialogue_rate=0.0, net_sentiment=-0.2)
    drivers = index_drivers(after, before)
    assert sum(d.points for d in drivers) == pytest.approx(
        after["control_index"] - before["control_index"]
    )
    assert drivers[0].component == "dialogue_rate"  # 50 % -> 0 % moved it most
    assert drivers[0].points == pytest.approx(-100 * 0.5 / 4)


def test_contributions_add_up_when_a_component_enters_the_index():
    before = report(owned_share=0.2, net_sentiment=0.1)
    after = report(owned_share=0.2, net_sentiment=0.1, agenda_share=1.0)
    weights = {"agenda_share": 2.0}
    after.update(control_index(after, weights))
    before.update(control_index(before, weights))
    drivers = index_drivers(after, before, weights)
    assert sum(d.points for d in drivers) == pytest.approx(
        after["control_index"] - before["control_index"]
    )
    assert drivers[0].component == "agenda_share" and drivers[0].before is None


def test_judgement_knows_which_way_is_good_for_control():
    assert judgement("owned_share", 0.2, 0.3) == "good"
    assert judgement("dialogue_rate", 0.5, 0.0) == "bad"
    assert judgement("net_sentiment", 0.1, -0.2) == "bad"
    assert judgement("mentions", 10, 50) == "neutral"  # more talk is neither
    assert judgement("owned_share", None, 0.3) == "neutral"


def test_driver_sentence_names_the_component_and_the_unanswered_threads():
    before = report(owned_share=0.2, dialogue_rate=0.5)
    # 60 threads wait; the report lists only the newest 50: the sentence gives the count.
    after = report(owned_share=0.2, dialogue_rate=0.0, dialogue_threads=60, dialogue_answered=0,
                   unanswered=[{}] * 50)  # fmt: skip
    text = driver_sentence(after, before, Comparison(), "sv")
    assert (
        text
        == "Störst påverkan: Dialogen föll från 50\u00a0% till 0\u00a0%: 60 obesvarade trådar (\u221225 poäng i indexet)."
    )
    one = report(owned_share=0.2, dialogue_rate=0.0, dialogue_threads=1, dialogue_answered=0)
    assert ": 1 obesvarad tråd (" in driver_sentence(one, before, Comparison(), "sv")
    en = driver_sentence(after, before, Comparison(), "en")
    assert "The dialogue rate fell from 50% to 0%" in en


def test_cards_colour_changes_by_what_they_mean_and_show_the_previous_dates():
    before = report(owned_share=0.2, dialogue_rate=0.5, net_sentiment=0.0, effective_voices=3.0)
    after = report(owned_share=0.3, dialogue_rate=0.0, net_sentiment=0.0, effective_voices=5.0)
    cmp = Comparison(since="2026-09-22", until="2026-10-21")
    cards = control_cards(after, before, "sv", cmp)
    trends = {
        c.className for c in find(cards, lambda c: "trend" in str(getattr(c, "className", "")))
    }
    assert "trend up good" in trends  # owned share rose: good for control
    assert "trend down bad" in trends  # dialogue fell: bad
    assert "trend up neutral" in trends  # more voices: neither
    shown = " ".join(texts(cards))
    assert "mot 2026-09-22 – 2026-10-21" in shown
    assert "Störst påverkan: Dialogen föll" in shown
    top = find(cards, lambda c: "top-change" in str(getattr(c, "className", "")))
    # The components that moved the index (a phone shows them first); net tone did not move.
    assert {c.id for c in top} == {"kpi-dialogue_rate", "kpi-owned_share"}


def test_an_empty_previous_window_is_said_once_not_on_every_card():
    after = report(owned_share=0.3, dialogue_rate=0.0)
    empty = {"mentions": 0, "control_index": None}
    cmp = Comparison(since="2026-09-22", until="2026-10-21", first_day="2026-10-26")
    shown = texts(control_cards(after, empty, "sv", cmp))
    joined = " ".join(shown)
    assert "ingen jämförelse" not in joined
    assert joined.count("Ingen jämförelse") == 1
    assert "data finns från 2026-10-26" in joined and "(2026-09-22 – 2026-10-21)" in joined
