"""The mentions table's "Mest negativa" / "Mest positiva" orders (koll/store/mention_pages.py)
and its confidence column, on SQLite and PostgreSQL: the mentions labelled with the tone come
first, the surest first by score × confidence, not by score alone (issue 15)."""

from __future__ import annotations

import pytest

from koll.store import Store, mention_pages
from koll.store.filters import Filter
from koll.store.schema import mentions
from tests.browser.test_tone_browser import TONED, add_toned
from tests.browser.workspace import make_workspace


@pytest.fixture
def store(tmp_path, database_url):
    settings = make_workspace(tmp_path, database_url=database_url)
    add_toned(settings)
    s = Store(settings.database_url)
    yield s
    s.close()


def _page(store, sort: str):
    with store.connect() as conn:
        return mention_pages.mention_page(
            conn, Filter(brands=("Fjällkraft",)), sort=sort, limit=200
        )


def test_most_negative_goes_by_label_then_score_times_confidence(store):
    df = _page(store, "neg")
    labels = list(df["label"])
    n_neg = labels.count("neg")
    assert labels[:n_neg] == ["neg"] * n_neg  # every negative one before any other
    strength = (df["score"].fillna(0) * df["confidence"].fillna(1)).tolist()
    assert strength[:n_neg] == sorted(strength[:n_neg])
    titles = list(df["title"])
    # By score alone the unsure one (−0.62 at 0.45) would lead; the sure one (−0.55 at 0.92) does.
    assert titles[:2] == ["Säker kritik av Fjällkraft", "Tveksam kritik av Fjällkraft"]
    assert titles.index("Neutral men lutar negativt om Fjällkraft") >= n_neg


def test_most_positive_mirrors_it(store):
    df = _page(store, "pos")
    labels = list(df["label"])
    n_pos = labels.count("pos")
    assert n_pos and labels[:n_pos] == ["pos"] * n_pos
    strength = (df["score"].fillna(0) * df["confidence"].fillna(1)).tolist()
    assert strength[:n_pos] == sorted(strength[:n_pos], reverse=True)


def test_the_page_carries_the_confidence(store):
    df = _page(store, "new")
    got = dict(zip(df["title"], df["confidence"], strict=True))
    for title, _label, _score, conf in TONED:
        assert got[title] == pytest.approx(conf)


def test_only_a_model_tone_below_the_threshold_is_unsure():
    from types import SimpleNamespace as Row

    from dashboard.mention_rows import UNSURE_BELOW, unsure

    below = UNSURE_BELOW - 0.01
    assert unsure(Row(label="neg", confidence=below, model="sv-builtin-x"))
    assert not unsure(Row(label="neg", confidence=UNSURE_BELOW, model="sv-builtin-x"))
    assert not unsure(Row(label="neg", confidence=below, model="manual"))  # an analyst's
    assert not unsure(Row(label=None, confidence=None, model=None))  # not scored
    assert not unsure(Row(label="neu", confidence=float("nan"), model="old"))


def test_a_version_10_store_gets_confidence_into_the_covering_index(database_url):
    from sqlalchemy import inspect, update

    from koll.store import schema_version
    from koll.store.schema import SCHEMA_VERSION, meta

    def columns(store) -> list[str]:
        found = inspect(store.engine).get_indexes("mentions")
        return next(ix["column_names"] for ix in found if ix["name"] == "ix_mentions_dashboard")

    with Store(database_url) as store:
        with store.begin() as conn:  # the index as version 10 had it
            conn.exec_driver_sql("DROP INDEX ix_mentions_dashboard")
            conn.exec_driver_sql(
                "CREATE INDEX ix_mentions_dashboard ON mentions "
                "(brand, day, owned, label, source, kind, published, score, item_id)"
            )
            conn.execute(update(meta).where(meta.c.key == "schema_version").values(value="10"))
        assert "confidence" not in columns(store)
    with Store(database_url) as store:
        with store.connect() as conn:
            assert schema_version(conn) == SCHEMA_VERSION
        assert columns(store)[7:9] == ["score", "confidence"]


def test_most_negative_reads_the_covering_index_alone(tmp_path):
    settings = make_workspace(tmp_path)
    with Store(settings.database_url) as store, store.connect() as conn:
        src, cond = Filter(brands=("Fjällkraft",)).scope(conn.dialect.name)
        q = (
            mention_pages.select(mentions.c.id)
            .select_from(src)
            .where(*cond)
            .order_by(*mention_pages.SORTS["neg"])
        )
        sql = str(q.compile(conn, compile_kwargs={"literal_binds": True}))
        plan = " ".join(str(r[-1]) for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql))
    assert "COVERING INDEX ix_mentions_dashboard" in plan, plan
