"""A mention's topic and the brand's topics come from one computation: for the same brand and
window, `mentions(with_topics=True)` and `topics()` agree, computed now or stored by analyse."""

from __future__ import annotations

import pandas as pd
import pytest

import koll
from ingest.run import ingest_once
from koll.config import load_settings
from koll.store import Store
from koll.store import topics as store_topics
from tests.feedserver import FeedServer
from tests.world import build


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """The synthetic Swedish world of test_control_world, ingested over a local server."""
    directory = tmp_path_factory.mktemp("topic_paths")
    server = FeedServer().start()
    try:
        for path, body in build.feeds().items():
            server.add(path, body)
        config = directory / "koll.toml"
        config.write_text(build.config(server.base), encoding="utf-8")
        settings = load_settings(config, env={})
        assert ingest_once(settings=settings).feeds_failed == 0
    finally:
        server.stop()
    return config


def _sizes(topics: pd.DataFrame) -> list[tuple[str, int]]:
    return sorted(zip(topics["label"], topics["size"].astype(int), strict=True))


def _assigned(mentions: pd.DataFrame) -> list[tuple[str, int]]:
    return sorted((str(k), int(v)) for k, v in mentions["topic_label"].value_counts().items())


def _agree(ws: koll.Workspace, brand: str, since: str | None, until: str | None) -> None:
    topics = ws.topics(brand, since, until)
    assert not topics.empty  # else the comparison would prove nothing
    mentions = ws.mentions(brand, since, until, with_topics=True)
    assert _assigned(mentions) == _sizes(topics)
    # Each mention's label is its topic's: the same numbering on both sides.
    labels = dict(zip(topics["topic_no"], topics["label"], strict=True))
    shown = mentions.dropna(subset=["topic"])
    assert (shown["topic"].map(labels) == shown["topic_label"]).all()
    # The brand's people are left out of both (as its names are), not only of topics().
    b = ws.brand(brand)
    people = {w.casefold() for p in b.people for w in p.split()}
    assert not people & {w for t in topics["terms"] for w in t}
    assert not any(w in people for t in shown["topic_label"] for w in t.split(" · "))


def test_mentions_topics_match_topics_computed_now(world):
    with koll.open_workspace(world) as ws:
        # A window no analyse stored: topics() computes them, as mentions() does.
        _agree(ws, "Fjällkraft", *build.WINDOW)
        _agree(ws, "Fjällkraft", build.PREVIOUS[0], build.WINDOW[1])
        # Selected columns still carry what the topics are found from.
        few = ws.mentions("Fjällkraft", *build.WINDOW, columns=["title"], with_topics=True)
        full = ws.mentions("Fjällkraft", *build.WINDOW, with_topics=True)
        assert list(few.columns) == ["title", "topic", "topic_label"]
        assert few["topic_label"].tolist() == full["topic_label"].tolist()


def test_mentions_topics_match_topics_stored_by_analyse(world):
    from koll.jobs.analyse import analyse_all

    with koll.open_workspace(world) as ws:
        analyse_all(settings=ws.settings, now=build.NOW, deliver=False)
        with Store(ws.settings.database_url).connect() as conn:
            periods = [p for p in store_topics.topic_periods(conn, "Fjällkraft") if p[0]]
        assert periods
        for since, until in periods:
            _agree(ws, "Fjällkraft", since, until)


def test_the_dashboards_topics_of_a_period_match_topics(world):
    """The dashboard finds a period's topics from a sample of its mentions; with every mention
    in the sample they are topics()'s. It had read only title and text, so comment titles and
    site names became topic words there and nowhere else."""
    from dashboard import data

    with koll.open_workspace(world) as ws:
        expected = ws.topics("Fjällkraft", *build.WINDOW)
        assert not expected.empty
        data.configure(ws.settings)
        try:
            found, sample = None, 0
            for _ in range(600):  # the search runs in the background: up to a minute
                found, sample = data.period_topics("Fjällkraft", *build.WINDOW)
                if found is not None:
                    break
                data.settle(timeout=60)
        finally:
            data.configure(load_settings(world, env={}))
        assert found is not None and sample == 0  # the whole window, no sampling
        assert _sizes(found) == _sizes(expected)
