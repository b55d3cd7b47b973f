"""Boolean brand queries: what they match (Swedish inflection inside phrases, NEAR, wildcards,
the precision rules of names), their parse errors with positions, the config key and `koll match`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from analysis.brands import Brand, BrandMatcher
from analysis.query import Query, QueryError
from ingest.match import Matchers
from koll.cli import main
from koll.config import ConfigError, settings_from_dict

FJ = '("Fjällkraft" OR @fjallkraft) NOT Fjällkraftverket'

CASES = [
    # terms and phrases, with Swedish inflection and compounds as for names
    (FJ, "Fjällkraft höjer priset", True),
    (FJ, "Fjällkrafts kunder är nöjda", True),
    (FJ, "alla Fjällkraftkunder fick mejl", True),
    (FJ, "tack @fjällkraft!", True),
    (FJ, "Besök Fjällkraftverket i sommar", False),
    (FJ, "Fjällkraft bygger, Fjällkraftverket står kvar", False),  # NOT: the item as a whole
    ('"lokal vindkraft"', "Vi vill ha lokala vindkraften tillbaka", True),  # inside a phrase
    ('"lokal vindkraft"', "Lokalt vindkraftsbolag satsar", True),
    ('"lokal vindkraft"', "vindkraft som är lokal", False),  # a phrase keeps its order
    ('"Röda Korset"', "Röda Korsets insamling slog rekord", True),
    ('"Röda Korset"', "ett rött kors på flaggan", False),
    ('"Fjällkraft AB"', "Fjällkraft AB:s styrelse", True),
    ('"Fjällkraft AB"', "Fjällkraft och AB Volvo", False),
    # the precision rules apply inside queries
    ("Vattenfall", "Vattenfall höjer priset", True),
    ("Vattenfall", "vi badade under vattenfallet", False),
    ("vattenfall", "vi badade under vattenfallet", True),  # lower case: the word is meant
    ("Skanska", "hon talar skånska", False),
    ("DN", "felet låg i DNS", False),
    ("DN", "enligt DN:s granskning", True),
    ("Klarna AND betalning", "Det klarnade, betalningen gick igenom", False),
    ("Apple", "picking apples", False),
    # AND, implicit AND, OR, NOT, parentheses
    ("Fjällkraft AND vindkraft", "Fjällkraft bygger vindkraft", True),
    ("Fjällkraft AND vindkraft", "Fjällkraft bygger solkraft", False),
    ("Fjällkraft vindkraft", "vindkraft från Fjällkraft", True),
    ("Fjällkraft OR Nordvind", "Nordvind vinner", True),
    ("Fjällkraft OR Nordvind", "Sydvind vinner", False),
    ("Fjällkraft NOT Nordvind", "Fjällkraft och Nordvind", False),
    ("Fjällkraft AND NOT Nordvind", "Fjällkraft ensam", True),
    ("(Fjällkraft OR Nordvind) AND elpris", "Nordvind sänker elpriset", True),
    ("Fjällkraft OR Nordvind AND elpris", "Fjällkraft utan pris", True),  # AND binds tighter
    ("(Fjällkraft OR Nordvind) AND elpris", "Fjällkraft utan pris", False),
    ("Fjällkraft AND (elpris OR elräkning) NOT reklam", "Fjällkrafts elräkning chockar", True),
    ("Fjällkraft AND (elpris OR elräkning) NOT reklam", "Fjällkraft reklam elpris", False),
    # NEAR/n: within n words, in either order
    ('"Fjällkraft" NEAR/3 vd', "Fjällkrafts nya vd avgår", True),
    ('"Fjällkraft" NEAR/3 vd', "vd:n för Fjällkraft avgår", True),
    ('"Fjällkraft" NEAR/3 vd', "Fjällkraft har i dag efter långa samtal en ny vd", False),
    ("Fjällkraft NEAR/1 AB", "Fjällkraft AB", True),
    ('"Fjällkraft AB" NEAR/2 vd', "Fjällkraft AB:s vd slutar", True),
    ("(Fjällkraft OR Nordvind) NEAR/2 kritik", "Hård kritik mot Nordvind", True),
    ("(Fjällkraft OR Nordvind) NEAR/2 kritik", "Nordvind fick i går mycket hård kritik", False),
    ('"lokal vindkraft" NEAR/4 Fjällkraft', "Fjällkraft satsar på lokala vindkraftverk", True),
    # trailing wildcard
    ("fjällkraft*", "Fjällkraftverket öppnar", True),
    ("fjällkraft*", "fjallkraftverket öppnar", False),  # å ä ö stay letters
    ("vind* AND Fjällkraft", "Fjällkraft och vindarna", True),
    ('"lokal vind*"', "lokal vindpark", True),
    # Swedish quotation marks work as quotes
    ("”Fjällkraft AB”", "Fjällkraft AB växer", True),
]


def test_the_table_has_at_least_40_cases():
    assert len(CASES) >= 40
    assert sum(1 for _, _, want in CASES if want) >= 15
    assert sum(1 for _, _, want in CASES if not want) >= 15


@pytest.mark.parametrize(("query", "text", "expected"), CASES)
def test_query_matches(query, text, expected):
    assert Query(query).matches(text) is expected


ERRORS = [
    ("Fjällkraft AND", 14, "ends where"),
    ("(Fjällkraft OR Nordvind", 0, "never closed"),
    ("Fjällkraft)", 10, "unexpected ')'"),
    ('"Fjällkraft', 0, "never closed"),
    ("Fjällkraft NEAR vd", 11, "NEAR needs a distance"),
    ("Fjällkraft NEAR/0 vd", 11, "NEAR needs a distance"),
    ("fjäll*kraft", 5, "* may only end a term"),
    ("(a AND b) NEAR/3 c", 1, "NEAR joins"),
    ("NOT Fjällkraftverket", 0, "must occur"),
    ("", 0, "empty"),
    ('Fjällkraft OR ""', 14, "empty phrase"),
    ("Fjällkraft OR OR Nordvind", 14, "found 'OR'"),
]


@pytest.mark.parametrize(("query", "position", "words"), ERRORS)
def test_parse_errors_name_the_position(query, position, words):
    with pytest.raises(QueryError) as e:
        Query(query)
    assert e.value.position == position and words in str(e.value)
    caret = e.value.pointed(query).splitlines()[-1]
    assert caret == "    " + " " * position + "^"


def test_brand_with_a_query_matches_items_by_it_and_names_by_its_terms():
    b = Brand("Fjällkraft", query='"Fjällkraft" AND (vindkraft OR elpris)')
    m = BrandMatcher.for_brand(b)
    assert not m.matches("Fjällkraft har nytt logotyp")
    assert m.matches("Fjällkraft och vindkraft")
    # Tone per sentence: every term not under NOT names the brand.
    assert m.mentions("Vindkraft är bra") and not m.mentions("Nordvind är bra")
    assert b.terms == ("Fjällkraft", "Fjällkraft", "vindkraft", "elpris")
    ms = Matchers.build([b])
    assert set(ms.matchers) == {"Fjällkraft"}


def _config(brand: dict) -> dict:
    return {"brands": [brand]}


def test_config_accepts_a_query_and_refuses_a_bad_one_with_a_caret():
    s = settings_from_dict(_config({"name": "Fjällkraft", "query": FJ}), Path("k.toml"), env={})
    assert s.brands[0].query == FJ
    with pytest.raises(ConfigError) as e:
        settings_from_dict(
            _config({"name": "Fjällkraft", "query": "Fjällkraft AND (vind"}), Path("k.toml"), env={}
        )
    assert e.value.key == "brands[0].query"
    first, shown, caret = str(e.value).splitlines()
    assert "brand 'Fjällkraft'" in first and "position 16" in first
    assert caret.index("^") == shown.index("(vind")
    with pytest.raises(ConfigError, match="replaces aliases and exclude"):
        settings_from_dict(
            _config({"name": "F", "query": "F", "aliases": ["G"]}), Path("k.toml"), env={}
        )


def test_koll_match_prints_the_matching_lines(tmp_path, capsys):
    f = tmp_path / "t.txt"
    f.write_text(
        "Fjällkrafts vd avgår\nBesök Fjällkraftverket\nNordvind vinner\n@fjällkraft svarar inte\n",
        encoding="utf-8",
    )
    assert main(["match", FJ, str(f)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "1:Fjällkrafts vd avgår",
        "4:@fjällkraft svarar inte",
    ]
    assert main(["match", "-c", FJ, str(f)]) == 0
    assert capsys.readouterr().out.strip() == "2 of 4 lines match"
    assert main(["match", "Sydvind", str(f)]) == 1
    assert main(["match", "Fjällkraft AND", str(f)]) == 2
    err = capsys.readouterr().err
    assert "position 15" in err and err.splitlines()[-1].endswith("^")
    assert main(["match", "Fjällkraft", str(tmp_path / "missing.txt")]) == 2


def test_koll_match_refuses_a_file_that_is_not_utf8(tmp_path, capsys):
    """Read with replacement characters, a Latin-1 "Fjällkraft höjer" matched nothing, exit 1,
    as if the brand's terms were wrong; `koll eval` refuses such a file (QA, 2026-12-07)."""
    f = tmp_path / "latin1.txt"
    f.write_bytes("Bra dag\nFjällkraft höjer priset\n".encode("latin-1"))
    assert main(["match", FJ, str(f)]) == 2
    assert f"{f}: line 2: not UTF-8 (byte 0xe4)" in capsys.readouterr().err
    f.write_bytes("\ufeffFjällkraft höjer\n".encode())  # a byte order mark is no text
    assert main(["match", FJ, str(f)]) == 0
    assert capsys.readouterr().out == "1:Fjällkraft höjer\n"


def test_koll_match_reads_standard_input():
    out = subprocess.run(
        [sys.executable, "-m", "koll.cli", "match", '"Fjällkraft" NEAR/3 vd', "-"],
        input="Fjällkrafts nya vd avgår\nvd:n är ny\n".encode(),
        capture_output=True,
        check=False,
    )
    assert out.returncode == 0 and out.stdout.decode().splitlines() == [
        "1:Fjällkrafts nya vd avgår"
    ]


def test_koll_match_brand_matches_as_koll_toml_says(tmp_path, capsys):
    # The names, aliases and exclusions of a configured brand, or its query: what ingestion
    # counts as a mention, tried on lines before a run stores anything.
    config = tmp_path / "koll.toml"
    config.write_text(
        '[[brands]]\nname = "Fjällkraft"\naliases = ["@fjallkraft"]\nexclude = ["Fjällkraftverket"]\n'
        '[[brands]]\nname = "Nordvind"\nquery = \'"Nordvind" NEAR/3 el\'\n',
        encoding="utf-8",
    )
    f = tmp_path / "t.txt"
    f.write_text(
        "Fjällkrafts vd avgår\nBesök Fjällkraftverket\n@fjallkraft svarar inte\n"
        "Nordvind säljer el billigt\nNordvind vann matchen\n",
        encoding="utf-8",
    )
    at = ["--config", str(config)]
    assert (
        main(["match", *at, "--brand", "fjällkraft", str(f)]) == 0
    )  # any case, as --brand elsewhere
    assert capsys.readouterr().out.splitlines() == [
        "1:Fjällkrafts vd avgår",
        "3:@fjallkraft svarar inte",
    ]
    assert main(["match", *at, "--brand", "Nordvind", "-c", str(f)]) == 0
    assert capsys.readouterr().out.strip() == "1 of 5 lines match"
    assert main(["match", *at, "--brand", "Sydvind", str(f)]) == 2
    assert "no brand called 'Sydvind'" in capsys.readouterr().err
    assert main(["match", *at, "--brand", "Nordvind", "el", str(f)]) == 2
    assert "not both" in capsys.readouterr().err
    assert main(["match", *at, "--brand", "Nordvind"]) == 2
    assert "needs a FILE" in capsys.readouterr().err
    assert main(["match", str(f)]) == 2
    assert "needs a QUERY and a FILE" in capsys.readouterr().err
