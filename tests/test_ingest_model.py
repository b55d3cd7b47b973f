"""New items are scored with the model `koll train` stored last, in every worker process."""

from __future__ import annotations

import json

from analysis import sentiment
from analysis.sentiment_model import Model
from koll.cli import main
from koll.store import Store, sentiment_store

FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Forum</title>
{items}
</channel></rss>"""
ITEM = """<item><title>Inlägg {i}</title><link>https://forum.example.se/t/{i}</link>
<description>Fjällkraft har grym kundtjänst, tråd nummer {i}.</description>
<pubDate>Mon, 09 Nov 2026 08:{i:02d}:00 +0100</pubDate></item>"""


def test_ingest_scores_with_the_stored_model(feed_server, write_config, database_url, capsys):
    # Enough feeds that the run starts its worker pool (see ingest.work.Workers).
    urls = []
    for f in range(6):
        body = FEED.format(items="\n".join(ITEM.format(i=f * 10 + i) for i in range(5)))
        urls.append(feed_server.add(f"/f{f}.xml", body))
    feeds = "\n".join(f'[[feeds]]\nurl = "{u}"\nkind = "forum"\n' for u in urls)
    config = write_config(
        f'[storage]\nurl = "{database_url}"\n\n[[brands]]\nname = "Fjällkraft"\n\n{feeds}'
    )
    texts = ["bra", "dåligt", "okej"] * 4
    labels = ["pos", "neg", "neu"] * 4
    model = Model.train(texts, labels, version="sv-test-1")
    store = Store(database_url)
    with store.begin() as conn:
        sentiment_store.save_model(conn, "sv-test-1", model.dumps())
    store.close()

    assert sentiment.installed_model() is None
    assert main(["ingest", "--config", str(config)]) == 0
    # The run scored with the stored model and left this process's as it was: it had stayed
    # installed, and tests run after this one in the same process scored with it.
    assert sentiment.installed_model() is None
    capsys.readouterr()
    assert main(["export", "mentions", "--config", str(config), "--format", "jsonl"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(rows) == 30
    store = Store(database_url)
    from sqlalchemy import select

    from koll.store.schema import mentions, scores

    with store.connect() as conn:
        assert {r[0] for r in conn.execute(select(mentions.c.model))} == {"sv-test-1"}
        assert {r[0] for r in conn.execute(select(scores.c.model))} == {"sv-test-1"}
    store.close()


def test_ingest_and_rescoring_take_the_same_other_parties():
    """Brand tone at ingestion treats other configured brands (handles too) as other parties,
    as `koll analyse` does when it rescores, and unconfigured companies as well."""
    from datetime import UTC, datetime

    from analysis.brands import Brand
    from ingest import work
    from koll.store.records import Item

    installed = sentiment._model
    brands = (Brand("Fjällkraft"), Brand("Nordvind", aliases=("@nordvind",)))
    texts = [
        "Fjällkraft är bra men @nordvind är usel.",
        "Fjällkraft är bra men Vattenfall är usel.",
    ]
    items = [
        Item(
            key=f"k{i}",
            url=None,
            guid=None,
            title="",
            text=t,
            published=datetime.now(UTC),
            published_estimated=False,
            author=None,
            source="forum.example.se",
            kind="forum",
            content_hash=f"h{i}",
        )
        for i, t in enumerate(texts)
    ]
    try:
        work.init(brands, None)
        _, mentions_of, _, mention_scores = work.score_job(items, None)
    finally:
        sentiment.set_model(installed)
    assert [m.brand for m in mentions_of["k0"]] == ["Fjällkraft", "Nordvind"]
    assert mention_scores[("k0", "Fjällkraft")].label == "pos"
    assert mention_scores[("k0", "Nordvind")].label == "neg"
    assert mention_scores[("k1", "Fjällkraft")].label == "pos"


def test_a_run_without_a_stored_model_scores_with_the_shipped_one_whatever_is_installed(
    feed_server, write_config, tmp_path
):
    """In a longer process (a notebook that ran koll analyse on another workspace) the model
    installed before scored the run's items in this process, the shipped one in the workers:
    two models in one run."""
    urls = []
    for f in range(6):
        body = FEED.format(items="\n".join(ITEM.format(i=f * 10 + i) for i in range(5)))
        urls.append(feed_server.add(f"/g{f}.xml", body))
    feeds = "\n".join(f'[[feeds]]\nurl = "{u}"\nkind = "forum"\n' for u in urls)
    db = tmp_path / "k.db"
    config = write_config(
        f'[storage]\nurl = "sqlite:///{db}"\n[[brands]]\nname = "Fjällkraft"\n{feeds}'
    )
    other = Model.train(["bra", "dåligt", "okej"] * 4, ["pos", "neg", "neu"] * 4, version="sv-x")
    sentiment.set_model(other)
    try:
        assert main(["ingest", "--config", str(config)]) == 0
        assert sentiment.installed_model() is other  # put back after the run
    finally:
        sentiment.set_model(None)
    from sqlalchemy import select

    from koll.store.schema import mentions

    with Store(f"sqlite:///{db}") as store, store.connect() as conn:
        models = {r[0] for r in conn.execute(select(mentions.c.model))}
    assert models == {sentiment.MODEL_VERSION}
