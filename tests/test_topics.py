"""Topics from Swedish texts: known themes recovered, labelled, stable, brand names left out."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.topics import brand_words, find_topics

THEMES = {
    "pris": [
        "elpriset",
        "höjning",
        "fakturan",
        "avgiften",
        "dyrt",
        "kostnaden",
        "elräkningen",
        "fastpris",
        "avtalet",
    ],
    "avbrott": [
        "strömavbrott",
        "elnätet",
        "stormen",
        "reparation",
        "timmar",
        "kvarteret",
        "ledningar",
    ],
    "solceller": [
        "solceller",
        "villataket",
        "installation",
        "paneler",
        "bidrag",
        "växelriktare",
        "taket",
    ],
}
FILLER = ["kunderna", "tycker", "verkligen", "Fjällkraft", "veckan"]


def docs(repeat=5, seed=1):
    """Documents of 7 theme words and 2 filler words each, drawn with a fixed seed."""
    rng = np.random.default_rng(seed)
    rows = []
    for theme, words in THEMES.items():
        for _ in range(repeat * 4):
            w = list(rng.choice(words, 7)) + list(rng.choice(FILLER, 2))
            rows.append(
                {
                    "item_id": len(rows) + 1,
                    "title": " ".join(w[:3]).capitalize(),
                    "text": " ".join(w[3:]) + ".",
                    "theme": theme,
                }
            )
    return pd.DataFrame(rows)


def test_known_themes_recovered_with_labels_and_representatives():
    df = docs()
    res = find_topics(df, drop_words=brand_words(["Fjällkraft", "Fjällkraft AB"]), n_topics=3)
    assert len(res.topics) == 3
    firsts = {t["terms"][0] for t in res.topics}
    leading = {w for t in res.topics for w in t["terms"][:3]}
    assert len(firsts) == 3 and leading & set(THEMES["pris"]) and leading & set(THEMES["avbrott"])
    # Each theme's documents share one topic, and each topic is one theme.
    pairs = pd.crosstab(df["theme"], res.assignment)
    assert (pairs.gt(0).sum(axis=1) == 1).all() and (pairs.gt(0).sum(axis=0) == 1).all()
    for t in res.topics:
        rep = df.set_index("item_id").loc[t["representative_item_id"]]
        assert res.assignment[df["item_id"] == t["representative_item_id"]].iloc[0] == t["topic_no"]
        assert rep["title"]
        assert " · " in t["label"]
    assert all("fjällkraft" not in w for t in res.topics for w in t["terms"])
    assert [t["size"] for t in res.topics] == sorted((t["size"] for t in res.topics), reverse=True)


def test_stable_between_runs_and_with_more_data():
    df = docs()
    a = find_topics(df, n_topics=3)
    b = find_topics(df, n_topics=3)
    assert a.topics == b.topics
    more = pd.concat(
        [df, docs(1, seed=2).assign(item_id=lambda d: d["item_id"] + 1000)], ignore_index=True
    )
    c = find_topics(more, n_topics=3)
    # More of the same conversation: the same topics, recognisable by their leading terms.
    for t in a.topics:
        best = max(len(set(t["terms"][:4]) & set(u["terms"][:4])) for u in c.topics)
        assert best >= 2, t["terms"]


def test_sampled_fit_assigns_every_document():
    df = docs(20)
    res = find_topics(df, n_topics=3, max_fit_docs=60)
    assert (res.assignment >= 0).all()
    assert sum(t["size"] for t in res.topics) == len(df)
    # Beyond max_assign_docs a sample is assigned and sizes are scaled to the whole.
    part = find_topics(df, n_topics=3, max_fit_docs=60, max_assign_docs=120)
    assert (part.assignment >= 0).sum() == 120
    assert abs(sum(t["size"] for t in part.topics) - len(df)) <= 3


def test_too_few_documents_give_no_topics():
    assert find_topics(docs(1).head(3)).topics == []
    assert (
        find_topics(
            pd.DataFrame({"item_id": [1, 2, 3, 4, 5], "title": ["a"] * 5, "text": ["ok"] * 5})
        ).topics
        == []
    )


def _topic_words(posts: list[str]) -> set[str]:
    """The terms of two topics found in forum posts about Fjällkraft."""
    df = pd.DataFrame(
        {
            "item_id": range(len(posts)),
            "title": "",
            "text": posts,
            "kind": "forum",
            "source": "forum.se",
            "lang": "sv",
        }
    )
    res = find_topics(df, drop_words=brand_words(["Fjällkraft"]), n_topics=2)
    return {w for t in res.topics for w in t["terms"]}


def test_spoken_forms_are_no_topic_words():
    """Forum posts write `dom`, `sen`, `typ`, `nån`: they led a label ("dom · nätavgiften ·
    höjer") where the written forms (de, sedan, någon) are stop words."""
    posts = [
        "Fjällkraft höjer priset igen, dom är ju helt galna. Typ dubbelt så dyrt nu",
        "Varför höjer Fjällkraft nätavgiften? Dom tjänar ju redan massor, sen klagar dom",
        "Nätavgiften från Fjällkraft har blivit dyrare, fattar inte hur dom tänker",
        "Har nån annan fått ny faktura från Fjällkraft? Nätavgiften är ju sjukt hög nu",
        "Fjällkrafts nätavgift är skandal, nåt måste göras. Hur kan dom höja så mycket",
        "Dom på Fjällkraft borde skämmas, nätavgiften dubblas ju typ",
        "Jag ringde Fjällkraft om nätavgiften men dom svarade inte, sen la dom på",
        "Fjällkraft:s nätavgift höjs med 50 procent, alltså helt sjukt",
    ] + [
        f"Fjällkraft bygger vindkraft i Storuman, vindkraftparken nummer {i} ska ge el"
        for i in range(8)
    ]
    words = _topic_words(posts)
    assert "nätavgiften" in words
    assert not words & {"dom", "sen", "typ", "nån", "nåt", "alltså"}


def test_fillers_and_counts_are_no_topic_words():
    """The demo's labels were "borde · nätavgiften · talat", "bytt · minuter · klart", with
    terms "två, fem" (a QA pass of the dashboard)."""
    posts = [
        "Fjällkraft borde ärligt talat sänka nätavgiften, den är precis dubbelt så hög nu",
        "Nätavgiften hos Fjällkraft är faktiskt två gånger högre än förra året, verkligen bra jobbat",
        "Ärligt talat vet jag inte varför nätavgiften höjs igen, fem gånger på tre år",
        "Fjällkraft borde faktiskt förklara nätavgiften, klart att folk blir arga",
        "Nätavgiften är precis det alla pratar om, vet inte tills när det håller",
        "Två grannar har redan klagat på nätavgiften, borde Fjällkraft inte lyssna",
    ] + [
        f"Fjällkraft bygger vindkraft i Storuman, vindkraftparken nummer {i} ska ge el"
        for i in range(6)
    ]
    words = _topic_words(posts)
    assert "nätavgiften" in words
    assert not words & {"borde", "ärligt", "talat", "precis", "faktiskt", "vet", "två", "fem"}
