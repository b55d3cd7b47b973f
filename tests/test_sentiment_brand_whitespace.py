"""Runs of whitespace in a sentence naming brands (HTML whitespace, copied layouts): the brand
rules read them as one space, in time linear in their length (analysis/sentiment_clauses.py,
analysis/sentiment_switch.py)."""

from __future__ import annotations

import pytest

from analysis.sentiment_brand import _clauses, classify_for_brand
from analysis.sentiment_clauses import _CLAUSE
from analysis.sentiment_compare import _AGAINST
from analysis.sentiment_switch import _INSTEAD, _OCCASION
from tests.test_sentiment_brand import _finder, _shipped_model  # noqa: F401 (an autouse fixture)


def _tone(text: str, brand: str, other: str) -> tuple[str | None, float | None]:
    s = classify_for_brand(text, _finder(brand), lang="sv", others=_finder(other))
    return s.label, s.score


# Sentences of two parties with "{}" where the run goes: at each kind of clause boundary
# (_CLAUSE's comma, dash, "och", contrast and emoji cuts), in a switch before its occasion
# and within its party joined (_OCCASION), and where there is no boundary at all (the shape the
# review timed).
SENTENCES = [
    ("Telia är bra{}Tele2 är dålig", "Telia", "Tele2"),
    ("Telia har usel kundtjänst,{}Tele2 levererade på en dag", "Telia", "Tele2"),
    ("Telia har usel kundtjänst{}, Tele2 levererade på en dag", "Telia", "Tele2"),
    ("Elgiganten tog 800 kr för installation{}– Power gjorde det gratis", "Elgiganten", "Power"),
    ("Bolt levererar{}och Voi strular", "Bolt", "Voi"),
    ("Bolt är bra{}men Voi är kass", "Bolt", "Voi"),
    ("Lidl 👍{}Citygross 👎", "Lidl", "Citygross"),
    ("Bytte från Telia till Tele2{}efter prishöjningen", "Telia", "Tele2"),
    ("Bytte från Telia till Tele2{}i våras efter prishöjningen", "Telia", "Tele2"),
    ("Gick tillbaka till Lidl{}efter en månad på Citygross", "Lidl", "Citygross"),
    ("Hur kan Telia ta tio dagar{}när Tele2 fixar det över dagen?", "Telia", "Tele2"),
    (
        "Hur kommer det sig att Telia fixar det direkt{}men Tele2 behöver en vecka?",
        "Telia",
        "Tele2",
    ),
    # A party chosen instead of another (rules revision 22): 20,000 spaces had taken 2 s.
    ("Köpte en Hyundai{}istället, Toyota tog för lång tid", "Hyundai", "Toyota"),
    # Advice (rules revision 23): between its clause's start and the imperative, and after it.
    ("Hemköp är dyrt,{}handla på Lidl", "Lidl", "Hemköp"),
    ("Hemköp är dyrt, handla{}på Lidl", "Lidl", "Hemköp"),
    # A way out forced by another's failure (rules revision 23).
    ("SL stod still, fick ta{}en Bolt hem", "Bolt", "SL"),
    # A post addressed to a party, the other named where the order came from (revision 23).
    ("Hej{}Wolt, maten från Max kom kall", "Wolt", "Max"),
    ("Hej Wolt, maten från{}Max kom kall", "Wolt", "Max"),
    # A long queue told as a fact (rules revision 24): between the figure and its unit, and
    # between the figure and the queue.
    ("Ringde Telia, 70{}min i kö. Tele2 svarade direkt", "Telia", "Tele2"),
    ("Telia hade mig i kö{}i 55 min, Tele2 svarade direkt", "Telia", "Tele2"),
    # The occasion "efter att" opens, another party's doing (rules revision 24).
    ("Tack Telia som löste det{}efter att Tele2 strulat i veckor", "Telia", "Tele2"),
    # A subscription cancelled, and a decision in a few words (rules revision 24).
    ("Tele2 är billigast. Sa upp{}Telia igår", "Telia", "Tele2"),
    ("Jämförde Telia och Tele2. Det blev{}Tele2 till slut", "Tele2", "Telia"),
]


def test_a_boundary_is_tried_only_from_the_first_character_of_a_whitespace_run():
    """Where no boundary begins at a run's first character, none begins later in it, so the
    regexes do not try: tried from every character, a run of n spaces took n² steps (a
    sentence with 20,000 spaces, 11 s). The old regexes matched from inside a run too."""
    text = "Telia är bra   , Tele2 är dålig"
    first = text.index(" ", len("Telia är bra"))
    assert _CLAUSE.match(text, first).group() == "   , "
    assert _CLAUSE.match(text, first + 1) is None
    assert _CLAUSE.match(text, first + 2) is None
    text = "Bytte till Tele2   efter prishöjningen"
    first = text.index("   ")
    assert _OCCASION.match(text, first).group() == "   efter prishöjningen"
    assert _OCCASION.match(text, first + 1) is None
    # The rhetorical question's cut (rules revision 14): 4,000 spaces had taken a minute.
    text = "Hur kan Telia ta tio dagar   när Tele2 fixar det?"
    first = text.index("   ")
    assert _AGAINST.match(text, first).group() == "   när "
    assert _AGAINST.match(text, first + 1) is None
    text = "Köpte en Hyundai   istället"
    first = text.index("   ")
    assert _INSTEAD.match(text, first).group() == "   istället"
    assert _INSTEAD.match(text, first + 1) is None


def test_a_question_comparing_parties_is_looked_for_within_one_stretch():
    # "Varför kan inte A … som B?" and "ingen annan … lika … som B" look at most 80 characters
    # ahead: unbounded, a text of many such openings was read in time quadratic in its length.
    from analysis.sentiment_compare import _ENVY_OF, _UNMATCHED

    assert _ENVY_OF.search("Varför kan inte Telia ha en lika bra app som Tele2?")
    assert _ENVY_OF.search("Varför kan inte Telia " + "x" * 100 + " som Tele2?") is None
    assert _UNMATCHED.search("Ingen annan operatör är lika bra som Tele2")
    assert _UNMATCHED.search("Ingen annan " + "x" * 100 + " lika bra som Tele2") is None


@pytest.mark.parametrize("run", ["  ", " " * 1000, "\t" * 1000, " \t\xa0" * 300, "\u3000" * 50])
def test_a_run_of_whitespace_reads_as_one_space(run):
    for template, a, b in SENTENCES:
        one, many = template.format(" "), template.format(run)
        assert [" ".join(c.split()) for c in _clauses(many)] == [
            " ".join(c.split()) for c in _clauses(one)
        ], template
        assert _tone(many, a, b) == _tone(one, a, b), template
        assert _tone(many, b, a) == _tone(one, b, a), template


def test_a_run_of_line_breaks_ends_a_sentence_as_one_does():
    for template, a, b in SENTENCES:
        one, many = template.format("\n"), template.format(" \n\t\n " * 1000)
        assert _tone(many, a, b) == _tone(one, a, b), template
        assert _tone(many, b, a) == _tone(one, b, a), template


@pytest.mark.parametrize("run", [" " * 200_000, " \t\xa0" * 70_000])
def test_a_very_long_run_of_whitespace_is_read_in_linear_time(run):
    """No time is asserted: this takes well under a second, but on the regexes before the fix
    (each boundary tried from every character of a run, quadratic) one such sentence took half
    an hour or more (20,000 spaces took 11 s), and pyproject.toml's pytest timeout of 300 s
    fails the test."""
    for template, a, b in (SENTENCES[0], SENTENCES[8], SENTENCES[-1]):
        assert _tone(template.format(run), a, b) == _tone(template.format(" "), a, b), template
