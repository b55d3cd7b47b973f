"""Long runs of name characters ("AAAA…", "AaAa…", "A-A-…": a base64 blob or data URI left in a
feed's text, ASCII art, shouting) after a wording of the brand rules: the NAME regexes of
analysis/sentiment_wordings.py find the regexes' own matches, in time linear in the run's
length (sentiment_wordings._FromName)."""

from __future__ import annotations

import itertools
import random

import pytest

from analysis import sentiment_wordings as wordings
from analysis.sentiment_brand import classify_for_brand
from analysis.sentiment_clauses import NAME
from analysis.sentiment_wordings import _FromName
from tests.test_sentiment_brand import _finder, _shipped_model  # noqa: F401 (an autouse fixture)

NAMED = [
    (rx, words) for rx, words in wordings.COMPARISONS + wordings.HINTS if isinstance(rx, _FromName)
]


def _corpus() -> list[str]:
    """Short strings of capitals, small letters, digits, &.'-, @#, spaces and the wordings' words,
    with matches inside runs, after runs and one after another in a run ("något.Tele2")."""
    chars = ["A", "Å", "a", "n", "N", "I", "D", "1", "&", ".", "'", "-", " ", "@", "#", ","]
    tails = [
        " kan lära sig något",
        " KAN LÄRA SIG",
        " slår Tele2",
        " inte ens i närheten",
        " kunde lära sig av X",
        " kan ta efter.",
    ]
    out = [
        p + t + q
        for n in range(3)
        for p in map("".join, itertools.product(chars, repeat=n))
        for t in tails
        for q in ("", p, ".Tele2" + t)
    ]
    words = chars + ["Telia", "iPhone", "ni", "De", "dom", "kan", "lära sig", "något", "av"]
    words += [
        "slår",
        "vinner över",
        "är",
        "inte ens i närheten",
        "Apotek Hjärtat",
        "H&M",
        "e-Handel",
    ]
    rnd = random.Random(7)
    for _ in range(4000):
        out.append(
            "".join(rnd.choice(words) + rnd.choice(["", " "]) for _ in range(rnd.randint(1, 12)))
        )
    return out


def test_the_name_regexes_have_the_shape_their_search_relies_on():
    """_FromName skips the rest of a run of name characters after a failure at a capital: right
    for a regex that begins with NAME (or "ni"/"de"/"dom") with whitespace after it, and does
    not look back at what comes before."""
    assert len(NAMED) == 4
    for named, _ in NAMED:
        p = named.rx.pattern
        assert p.startswith("(?P<who>" + NAME + ")\\s+") or p.startswith(
            "(?P<who>" + NAME + "|\\b(?i:ni|de|dom))\\s+"
        ), p
        assert "(?<" not in p and "(?P=" not in p and "(?(" not in p, p


def test_the_name_regexes_find_their_own_matches():
    """The oracle is each regex's own finditer() and sub(), which try a match from every
    character."""
    for text in _corpus():
        for named, words in NAMED:
            got = [(m.span(), m.groups()) for m in named.finditer(text)]
            assert got == [(m.span(), m.groups()) for m in named.rx.finditer(text)], text
            assert named.sub(words, text) == named.rx.sub(words, text), text


RUNS = ["A" * 200_000, "Aa" * 100_000, "A-" * 100_000, "A." * 100_000, "@A" * 100_000]


@pytest.mark.parametrize("run", RUNS, ids=["A", "Aa", "A-", "A.", "@A"])
def test_a_very_long_run_of_name_characters_is_read_in_linear_time(run):
    """No time is asserted: each takes a few seconds at most, but on the regexes before the fix
    (a match tried from every capital of the run, each taking the rest of the run: quadratic)
    a run of 200,000 characters would take the better part of an hour ("Telia kan lära sig
    något " and 10,000 capitals took 7.8 s), and pyproject.toml's pytest timeout of 300 s fails
    the test. "@A…" was not slow before (its runs are one capital long); it is here as the run
    where _FromName tries the most matches."""
    assert wordings.plain_idioms("Telia kan lära sig något " + run) == "Telia är sämre " + run
    assert wordings.plain_idioms("Telia är inte ens i närheten " + run) == (
        "Telia är mycket sämre " + run
    )
    assert wordings.plain_comparison("Telia slår Tele2 " + run) == "Telia är bättre än Tele2 " + run
    assert wordings.plain_comparison("Telia kunde lära sig av Tele2 " + run) == (
        "Telia är sämre än Tele2 " + run
    )
    for named, _ in NAMED:  # a match tried from the run and failing at its end
        assert list(named.finditer(run + " och sen")) == [], named.rx.pattern
    for text in ("Telia kan lära sig något " + run, "Telia slår Tele2 " + run):
        s = classify_for_brand(text, _finder("Telia"), lang="sv", others=_finder("Tele2"))
        assert s.label is not None
