"""What topics are made of: no web addresses or their slugs, no months, weekdays or source
names, no function words of the mention's own language; and languages koll does not score
(Portuguese, in real news feeds) are detected as such and left unscored."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd

from analysis import sentiment
from analysis.lang import detect
from analysis.topics import doc_texts, find_topics, source_words
from ingest.parse import parse
from tests.conftest import FIXTURES
from tests.test_topics import THEMES

NOISE = [
    "Publicerad måndag 3 november, läs på https://www.norrlandsposten.se/miljo-och-klimat/elnatet-123",
    "Norrlandsposten fredagen den 14 oktober: se www.norrlandsposten.se/nyheter/solceller-bidrag",
    "Uppdaterad tisdag i december, http://np.se/2026/12/strommen-tillbaka",
]


def _docs(lang: str, filler: list[str], noise: list[str], seed: int = 3) -> pd.DataFrame:
    """Theme documents with calendar words, the paper's name and links in every one."""
    rng = np.random.default_rng(seed)
    rows = []
    for theme, words in THEMES.items():
        for _ in range(20):
            text = " ".join([*rng.choice(words, 7), *rng.choice(filler, 4)])
            rows.append(
                {
                    "item_id": len(rows) + 1,
                    "title": "",
                    "text": f"{text}. {rng.choice(noise)}",
                    "source": "norrlandsposten.se",
                    "lang": lang,
                    "theme": theme,
                }
            )
    return pd.DataFrame(rows)


def _terms(df: pd.DataFrame) -> set[str]:
    res = find_topics(df, n_topics=3, top_terms=12)
    assert len(res.topics) == 3
    return {t for topic in res.topics for t in topic["terms"]}


def test_links_slugs_calendar_and_source_names_are_no_topic_terms():
    terms = _terms(_docs("sv", ["kunderna", "tycker"], NOISE))
    leaked = terms & {
        "https", "http", "www", "miljo", "klimat", "elnatet", "nyheter", "strommen", "tillbaka",
        "måndag", "fredagen", "tisdag", "november", "oktober", "december", "norrlandsposten",
        "publicerad", "uppdaterad",
    }  # fmt: skip
    # "publicerad"/"uppdaterad" are real words and may rank; the rest must not.
    assert leaked <= {"publicerad", "uppdaterad"}, leaked
    assert {"strömavbrott", "solceller", "elpriset"} & terms


def _mixed(lang: str | None, content: list[str], function: list[str]) -> pd.DataFrame:
    """Swedish theme documents, and 20 in another language about charging stations."""
    rng = np.random.default_rng(5)
    sv = _docs("sv", ["kunderna", "tycker"], ["."])
    sv = sv[sv["theme"] != "solceller"]
    rows = [
        {
            "item_id": 1000 + i,
            "title": "",
            "text": " ".join([*rng.choice(content, 4), *rng.choice(function, 5)]),
            "source": "example.com",
            "lang": lang,
            "theme": "other",
        }
        for i in range(20)
    ]
    return pd.concat([sv, pd.DataFrame(rows)], ignore_index=True)


EN = ["the", "and", "with", "from", "they", "their", "which"]
DE = ["und", "der", "die", "mit", "nicht", "auch", "sich"]


def test_english_and_german_function_words_are_no_topic_terms():
    en_words = ["charging", "station", "battery", "network", "cables", "drivers"]
    de_words = ["ladestation", "batterie", "netzwerk", "kabel", "fahrer", "strom"]
    assert not _terms(_mixed("en", en_words, EN)) & set(EN)
    assert not _terms(_mixed("de", de_words, DE)) & set(DE)
    # The same documents without their language fill a topic with function words, as before.
    assert _terms(_mixed(None, en_words, EN)) & set(EN)
    assert _terms(_mixed(None, de_words, DE)) & set(DE)


def test_source_words_are_the_sites_names():
    assert source_words(["www.norrlandsposten.se", "blogg.fjallkraft.se", "svt.se", None]) == [
        "fjallkraft",
        "norrlandsposten",
        "svt",
    ]


def test_portuguese_news_is_detected_and_left_unscored():
    """Two real Portuguese feeds (Brazilian and Portuguese news, tests/fixtures/feeds/real): no
    item may be taken for Swedish or English, which koll would score."""
    langs: Counter = Counter()
    for name in ("rbren__rss-parser__test__input__uolNoticias.rss",
                 "rbren__rss-parser__test__input__encoding.rss"):  # fmt: skip
        feed = parse((FIXTURES / "feeds" / "real" / name).read_bytes(), feed_url="https://x.br/")
        for it in feed.items:
            text = f"{it.title}. {it.text}"
            lang = detect(text)
            langs[lang] += 1
            assert lang not in ("sv", "en", "und"), (lang, text[:80])
            assert sentiment.classify(text).label is None
    assert langs["pt"] >= 50 and sum(langs.values()) == 55, langs
    # Swedish and English stay themselves.
    assert detect("Det är inte bra att elpriset höjs igen, tycker kunderna.") == "sv"
    assert detect("The price is going up again and the customers are not happy.") == "en"


def test_a_posts_first_line_that_titles_it_is_counted_once():
    """Mastodon and Bluesky posts have no title: ingestion titles them with their first line
    (ingest.platforms.title_from_text). Topics, rising terms, stories and key messages read
    title and body together (analysis.item_text.joined_text), and that opening was read twice:
    it weighed double in a post's topic and in the spelling a term is shown in."""
    from analysis.item_text import joined_texts
    from analysis.topics import doc_texts
    from analysis.trends import day_counts
    from tests.helpers import first_line_titled_posts

    for name, posts in first_line_titled_posts().items():
        docs = pd.DataFrame(
            {"title": [it.title for it in posts], "text": [it.text for it in posts]}
        )
        assert joined_texts(docs["title"], docs["text"]) == docs["text"].tolist(), name
    text = "Fjällkraft höjer elpriset igen. Någon som har bytt och vill tipsa?"
    docs = pd.DataFrame(
        {
            "title": ["Fjällkraft höjer elpriset igen. Någon som har bytt och…", "Höjt", None],
            "text": [text, "Elpriset höjs", "Elpriset sänks"],
            "kind": ["social", "posts", "posts"],
        }
    )
    assert doc_texts(docs).tolist() == [text, "Höjt\nElpriset höjs", "\nElpriset sänks"]
    # A title of its own stays: "Höjt" was counted, and "höjer" once per occurrence.
    _, spellings = day_counts(doc_texts(docs))
    n = dict(zip(spellings["word"], spellings["n"], strict=True))
    assert n["höjer"] == 1 and n["höjt"] == 1
    # A body whose opening has long runs of spaces is compared in full, not by its prefix.
    spaced = "Fjällkraft" + " " * 200 + "höjer elpriset igen."
    assert joined_texts(["Fjällkraft höjer"], [spaced]) == [spaced]
    assert joined_texts(["Fjällkraft höj"], [spaced]) == [f"Fjällkraft höj\n{spaced}"]


def test_an_address_without_a_scheme_is_no_topic_word():
    """ "Läs mer på kustel.se/vinterkampanjen-norrsken": both slug words rose as terms and stood in
    topic labels (docs/api.md says addresses and their slugs are removed first) (QA, 2026-12-07).
    A full stop typed without its space ("bra.Nu") is no address."""
    docs = pd.DataFrame(
        {"title": ["Kustel ändrar"], "text": ["Läs mer på kustel.se/vinterkampanjen-norrsken. "
                                              "Det var bra.Nu kör vi, se Fjällkraft.se"]}
    )  # fmt: skip
    (text,) = doc_texts(docs).tolist()
    assert "vinterkampanjen" not in text and "norrsken" not in text and "Fjällkraft" not in text
    assert "bra.Nu kör vi" in text and text.startswith("Kustel ändrar\nLäs mer på")
