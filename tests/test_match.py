"""Brand matching in Swedish text, and owned vs earned."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from analysis.brands import Brand, BrandMatcher
from ingest.match import Matchers, match_item
from koll.store.records import Item

FJ = BrandMatcher.build(
    "Fjällkraft",
    ["Fjällkraft", "Fjällkraft AB", "@fjallkraft", "#fjällkraft"],
    ["Fjällkraftverket"],
)
IKEA = BrandMatcher.build("IKEA", ["IKEA"])
NV = BrandMatcher.build("Nordvind", ["Nordvind", "@nordvind"], ["nordvinden", "hård nordvind"])
SJ = BrandMatcher.build("SJ", ["SJ"])


@pytest.mark.parametrize(
    ("matcher", "text", "expected"),
    [
        (FJ, "Fjällkraft höjer priset", True),
        (FJ, "FJÄLLKRAFT suger", True),  # case
        (FJ, "Fjällkrafts kunder är nöjda", True),  # genitive -s
        (FJ, "Fjällkraft:s nya app", True),  # genitive :s
        (FJ, "alla Fjällkraftkunder fick mejl", True),  # closed compound
        (FJ, "Fjällkraft-anställda strejkar", True),  # hyphenated compound
        (FJ, "grymt jobbat @fjällkraft", True),  # å ä ö folded in handles
        (FJ, "#fjallkraft", True),
        (FJ, "Besök Fjällkraftverket i sommar", False),  # look-alike excluded
        (FJ, "OmFjällkraft", False),  # inside another word
        (IKEA, "IKEA:s nya katalog", True),
        (IKEA, "IKEA-möbler överallt", True),
        (IKEA, "Ikeas varuhus", True),
        (IKEA, "ikeamöbler", False),  # short names need a hyphen to compound
        (NV, "Hård nordvind i natt", False),
        (NV, "Nordvinden tar i", False),
        (NV, "Nordvinds kundtjänst svarar aldrig", True),
        (SJ, "sjukt bra", False),
        (SJ, "SJ:s tåg var sena", True),
    ],
)
def test_swedish_morphology(matcher, text, expected):
    assert matcher.mentions(text) is expected


def _item(**kw) -> Item:
    base = dict(
        key="https://news.se/a",
        url="https://news.se/a",
        guid=None,
        title="",
        text="",
        published=datetime(2026, 11, 1, tzinfo=UTC),
        published_estimated=False,
        author=None,
        source="news.se",
        kind="news",
    )
    base.update(kw)
    return Item(**base)


BRANDS = (
    Brand(
        "Fjällkraft",
        aliases=("@fjallkraft",),
        owned_domains=("fjallkraft.se",),
        people=("Anna Berg",),
    ),
    Brand("Nordvind"),
)
M = Matchers.build(BRANDS)


def test_earned_mention_of_one_brand():
    ms = match_item(_item(title="Fjällkraft är bra men Nordvind är usel"), M)
    assert {(m.brand, m.owned) for m in ms} == {("Fjällkraft", False), ("Nordvind", False)}


def test_owned_by_feed_domain_and_person():
    by_feed = match_item(_item(title="Vår vecka"), M, feed_owner="Fjällkraft")
    assert [(m.brand, m.owned_by) for m in by_feed] == [("Fjällkraft", "feed")]
    by_domain = match_item(_item(url="https://blogg.fjallkraft.se/x", key="k", title="Nyheter"), M)
    assert [(m.brand, m.owned_by) for m in by_domain] == [("Fjällkraft", "domain")]
    by_person = match_item(_item(author="Anna Berg, Fjällkraft", title="Svar"), M)
    assert [(m.brand, m.owned_by, m.person) for m in by_person] == [
        ("Fjällkraft", "person", "Anna Berg")
    ]


def test_the_brand_s_own_account_is_owned():
    """A reply under the brand's name or an alias is the brand answering (as dialogue reads it),
    not others talking about it: it had counted as earned, its apology lowering the net tone
    (QA, 2026-12-07)."""
    reply = dict(kind="comments", url="https://forum.se/t#c2", text="Förlåt, det är vårt fel.")
    for author in ("@fjallkraft", "Fjällkraft", "fjällkraft", "Fjällkraft, kundservice"):
        ms = match_item(_item(author=author, **reply), M)
        assert [(m.brand, m.owned, m.owned_by, m.person) for m in ms] == [
            ("Fjällkraft", True, "account", None)
        ], author
    # Another author naming the brand is earned; a person is still a person.
    ms = match_item(_item(author="@fjallkraftfan", title="Fjällkraft svarar aldrig"), M)
    assert [(m.brand, m.owned) for m in ms] == [("Fjällkraft", False)]
    ms = match_item(_item(author="Anna Berg", **reply), M)
    assert [(m.owned_by, m.person) for m in ms] == [("person", "Anna Berg")]


def test_comment_on_owned_domain_is_not_owned_unless_by_a_person():
    c = _item(
        kind="comments",
        url="https://blogg.fjallkraft.se/p#comment-1",
        title="Kommentar",
        text="Bra!",
    )
    assert match_item(c, M) == []
    c2 = _item(
        kind="comments", url="https://blogg.fjallkraft.se/p", text="Fjällkraft svarar aldrig"
    )
    assert [(m.brand, m.owned) for m in match_item(c2, M)] == [("Fjällkraft", False)]


def test_no_mention():
    assert match_item(_item(title="Vädret i Umeå"), M) == []


@pytest.mark.parametrize(
    ("exclude", "text", "mentions"),
    [
        # an exclusion removes its look-alike in every form, not only as written
        ("Fjällkraftverket", "Fjällkraftverken i Storuman byggs ut", False),
        ("Fjällkraftverket", "Fjällkraftverk byggs i Storuman", False),
        ("Fjällkraftverket", "Fjällkraftverkets vd avgår", False),
        ("fjällkraftverk", "Fjällkraftverket stod still", False),
        ("fjällkraftverk", "Fjällkraftverken", False),
        # and never the name itself, nor its genitive or compounds
        ("Fjällkraftverket", "Fjällkrafts vd avgår", True),
        ("Fjällkraftverket", "Fjällkraftkunder rasar", True),
        ("Fjällkraften", "Fjällkraft höjer priset", True),
        ("Fjällkraften", "Fjällkrafts vd avgår", True),
        ("Fjällkraften", "Fjällkraftens kunder", False),
    ],
)
def test_an_exclusion_covers_its_inflected_forms(exclude, text, mentions):
    m = BrandMatcher.build("Fjällkraft", ["Fjällkraft"], [exclude])
    assert m.mentions(text) is mentions


def test_a_domain_alias_is_not_the_start_of_a_longer_host():
    m = BrandMatcher.build("Fjällkraft", ["Fjällkraft", "fjallkraft.se"])
    assert not m.mentions("fjallkraft.se.example.com är en bluff")
    assert m.mentions("Läs mer på fjallkraft.se.") and m.mentions("https://blogg.fjallkraft.se/a")


@pytest.mark.parametrize(
    ("name", "text", "mentions"),
    [
        # two dictionary words joined inside the name are a word of their own, which the
        # dictionary does not list: folk + samling, nord + vinden
        ("Folksam", "Folksamling på torget", False),
        ("Folksam", "folksamlingen växte", False),
        ("Nordvind", "nordvinden blåser kallt i dag", False),
        ("Folksam", "Folksamkunder rasar", True),
        ("Nordvind", "Nordvindkunder får vänta", True),
        ("Volvo", "Volvon står på gården", True),
        ("Fjällkraft", "Fjällkraftkunder rasar", True),
    ],
)
def test_a_compound_of_two_other_words_is_not_the_name(name, text, mentions):
    assert BrandMatcher.build(name, [name]).mentions(text) is mentions


def test_accents_other_than_a_ring_and_umlauts_may_be_left_out():
    """Åhléns is mostly written "Åhlens"; å ä ö stay letters of their own (not skånska)."""
    m = BrandMatcher.build("Åhléns", ["Åhléns"])
    assert m.mentions("Åhlens stänger i Uppsala") and m.mentions("ÅHLÉNS rea")
    assert not m.mentions("Ahlens stänger")
    assert not BrandMatcher.build("Skanska", ["Skanska"]).mentions("skånska ord")
