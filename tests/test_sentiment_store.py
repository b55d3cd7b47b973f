"""Corrections, model versions and rescoring against a real database; `koll sentiment/train` CLI."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime

import pytest

from analysis import sentiment, sentiment_brand
from koll.cli import main
from koll.config import FeedConfig, load_settings
from koll.jobs.rescore import activate_model, rescore_stale
from koll.jobs.retrain import train_and_store
from koll.store import Store
from koll.store import feeds as store_feeds
from koll.store import items as store_items
from koll.store import sentiment_store as ss
from koll.store.records import Item, Mention

CONFIG = """
[storage]
url = "{url}"

[[brands]]
name = "Fjällkraft"
competitors = ["Nordvind"]

[[brands]]
name = "Nordvind"
"""

TEXTS = {
    "a": ("Fjällkraft och Nordvind", "Fjällkraft är bra men Nordvind är usel."),
    "b": ("Nytt elavtal", "Fjällkraft skickar ut nya avtal i december."),
    "c": ("Kundtjänst", "Nordvind svarade snabbt och var supertrevliga."),
}


@pytest.fixture
def ws(write_config, database_url):
    """A store with three items and their mentions, scored by an 'old' model."""
    path = write_config(CONFIG.format(url=database_url))
    settings = load_settings(path)
    store = Store(settings.database_url)
    now = datetime(2026, 11, 20, 12, tzinfo=UTC)
    batch, mentions_of, mscores = [], {}, {}
    for key, (title, text) in TEXTS.items():
        batch.append(
            Item(
                key=f"https://ex.se/{key}",
                url=f"https://ex.se/{key}",
                guid=None,
                title=title,
                text=text,
                published=now,
                published_estimated=False,
                author=None,
                source="ex.se",
                kind="news",
                content_hash=key,
                lang="sv",
            )
        )
        brands = [b for b in ("Fjällkraft", "Nordvind") if b in title + text]
        mentions_of[batch[-1].key] = [Mention(batch[-1].key, b, False, None, None) for b in brands]
        for b in brands:
            mscores[(batch[-1].key, b)] = store_items.Score("neu", 0.0, 0.5, "sv", "old-model")
    with store.begin() as conn:
        store_feeds.sync_feeds(conn, [FeedConfig("https://ex.se/feed")])
        fid = store_feeds.feed_ids_by_url(conn)["https://ex.se/feed"]
        store_items.save_items(
            conn, fid, batch, now=now, mentions_of=mentions_of, mention_scores=mscores
        )
    yield path, settings, store
    store.close()
    sentiment.set_model(None)


def _mentions(store) -> dict[tuple[str, str], dict]:
    from sqlalchemy import select

    from koll.store.schema import items, mentions

    with store.connect() as conn:
        q = select(
            items.c.key, mentions.c.brand, mentions.c.label, mentions.c.model, mentions.c.item_id
        )
        rows = conn.execute(q.join(items, items.c.id == mentions.c.item_id)).mappings().all()
    return {(r["key"].rsplit("/", 1)[1], r["brand"]): dict(r) for r in rows}


def test_rescore_updates_old_scores_and_brand_targets(ws):
    _, settings, store = ws
    n = rescore_stale(store, settings)
    m = _mentions(store)
    assert n == 4 + 3  # four mentions, three item scores
    assert m[("a", "Fjällkraft")]["label"] == "pos"
    assert m[("a", "Nordvind")]["label"] == "neg"
    assert m[("c", "Nordvind")]["label"] == "pos"
    assert {r["model"] for r in m.values()} == {sentiment.MODEL_VERSION}
    assert rescore_stale(store, settings) == 0  # nothing stale any more


def test_a_rescore_detects_the_language_again(ws):
    # Stored by a koll whose language detection took "Ja ja." for Finnish: left unscored then,
    # scored and stored as Swedish by the rescore that follows a new model or rules.
    from sqlalchemy import select

    from koll.store.schema import items

    _, settings, store = ws
    now = datetime(2026, 11, 21, 12, tzinfo=UTC)
    item = Item(
        key="https://ex.se/d",
        url="https://ex.se/d",
        guid=None,
        title="",
        text="Ja ja. Fjällkraft-appen suger, kraschar igen",
        published=now,
        published_estimated=False,
        author=None,
        source="ex.se",
        kind="news",
        content_hash="d",
        lang="fi",
    )
    old = store_items.Score(None, None, None, "fi", "old-model")
    with store.begin() as conn:
        fid = store_feeds.feed_ids_by_url(conn)["https://ex.se/feed"]
        mention = Mention(item.key, "Fjällkraft", False, None, None)
        store_items.save_items(
            conn,
            fid,
            [item],
            now=now,
            mentions_of={item.key: [mention]},
            mention_scores={(item.key, "Fjällkraft"): old},
        )
    rescore_stale(store, settings)
    assert _mentions(store)[("d", "Fjällkraft")]["label"] == "neg"
    with store.connect() as conn:
        lang = conn.execute(select(items.c.lang).where(items.c.key == item.key)).scalar_one()
    assert lang == "sv"


def test_a_rescore_leaves_the_language_of_an_item_edited_meanwhile(ws):
    # The rescore reads a text, detects its language and writes it back; an edit stored in
    # between (new text, its own language) must not be overwritten (a review of a181eb3).
    from sqlalchemy import select

    from koll.store.schema import items

    _, _, store = ws

    def lang_of() -> str:
        with store.connect() as conn:
            return conn.execute(select(items.c.lang).where(items.c.content_hash == "a")).scalar()

    with store.connect() as conn:
        item_id = conn.execute(select(items.c.id).where(items.c.content_hash == "a")).scalar()
    row = {"item_id": item_id, "lang": "en", "label": "neu", "score": 0.0, "confidence": 0.5}
    with store.begin() as conn:  # read before an edit changed the text: refused
        ss.upsert_item_scores(conn, [{**row, "model": "m", "content_hash": "edited-since"}])
    assert lang_of() == "sv"
    with store.begin() as conn:  # read from the text the item has: stored
        ss.upsert_item_scores(conn, [{**row, "model": "m", "content_hash": "a"}])
    assert lang_of() == "en"


def _analyse(path, capsys) -> dict:
    assert main(["analyse", "--config", str(path), "--json"]) == 0
    return json.loads(capsys.readouterr().out.strip().splitlines()[-1])


def _item_models(store) -> set[str]:
    from sqlalchemy import select

    from koll.store.schema import scores

    with store.connect() as conn:
        return set(conn.execute(select(scores.c.model)).scalars())


def test_koll_analyse_rescores_an_older_models_scores_once(ws, capsys):
    path, _settings, store = ws
    first = _analyse(path, capsys)
    assert first["rescore"] == 4 + 3  # four mentions and three items, scored by "old-model"
    assert {r["model"] for r in _mentions(store).values()} == {sentiment.MODEL_VERSION}
    assert _item_models(store) == {sentiment.MODEL_VERSION}
    assert _mentions(store)[("a", "Nordvind")]["label"] == "neg"  # the brand-targeted tone
    assert _analyse(path, capsys)["rescore"] == 0  # and not again


def _rules_revision(store) -> int:
    with store.connect() as conn:
        return ss.brand_rules_revision(conn)


def test_new_brand_rules_rescore_the_mentions_once(ws, capsys, monkeypatch):
    path, _settings, store = ws
    assert _rules_revision(store) == sentiment_brand.RULES_REVISION  # a new store records it
    assert _analyse(path, capsys)["rescore"] == 7
    monkeypatch.setattr(sentiment_brand, "RULES_REVISION", sentiment_brand.RULES_REVISION + 1)
    # Same model: the four mentions are scored again, once, and the three items' own tone too
    # (the rules' revision also covers which words are scored: analysis.item_text).
    assert _analyse(path, capsys)["rescore"] == 4 + 3
    assert _item_models(store) == {sentiment.MODEL_VERSION}
    assert _rules_revision(store) == sentiment_brand.RULES_REVISION
    assert {r["model"] for r in _mentions(store).values()} == {sentiment.MODEL_VERSION}
    assert _analyse(path, capsys)["rescore"] == 0


def test_a_store_from_before_the_rules_were_recorded_is_rescored_once(ws, capsys):
    from sqlalchemy import delete

    from koll.store.schema import meta

    path, settings, store = ws
    rescore_stale(store, settings)  # everything current...
    item_id = _mentions(store)[("b", "Fjällkraft")]["item_id"]
    with store.begin() as conn:
        conn.execute(delete(meta).where(meta.c.key == ss.BRAND_RULES_KEY))  # ...but unrecorded
        ss.add_correction(conn, item_id, "Fjällkraft", "pos", author="analytiker")
    assert _rules_revision(store) == 1
    # The corrected mention stays as it is; the other three and the three items are rescored.
    assert _analyse(path, capsys)["rescore"] == 3 + 3
    assert _mentions(store)[("b", "Fjällkraft")]["model"] == ss.MANUAL
    assert _analyse(path, capsys)["rescore"] == 0


# Trains the full model (~1-2 min on 2 cores), so once: storing a model version and rescoring
# with it are engine-specific, and test_model_versions_round_trip_and_fallback and the rescoring
# tests below run those on both engines without training.
@pytest.mark.slow
@pytest.mark.engines("postgresql")
def test_correction_is_kept_through_rescoring_and_retraining(ws):
    _, settings, store = ws
    item_id = _mentions(store)[("b", "Fjällkraft")]["item_id"]
    with store.begin() as conn:
        cid = ss.add_correction(conn, item_id, "Fjällkraft", "neg", author="analytiker")
        ss.add_correction(conn, item_id, "Fjällkraft", "pos", author="analytiker")  # changes mind
    assert cid > 0
    with store.connect() as conn:
        frame = ss.corrections_frame(conn)
        history = ss.corrections_frame(conn, latest_only=False)
    assert list(frame["label"]) == ["pos"] and len(history) == 2
    assert history["previous_label"].tolist() == ["neu", "neu"]  # what the model said, twice
    rescore_stale(store, settings)
    m = _mentions(store)[("b", "Fjällkraft")]
    assert (m["label"], m["model"]) == ("pos", ss.MANUAL)

    # A version trained earlier today exists: the new one gets the next number.
    day = datetime.now(UTC).strftime("%Y.%m.%d")
    with store.begin() as conn:
        ss.save_model(conn, f"sv-{day}-1", b"older blob")
        ss.use_model(conn, ss.SHIPPED)  # `koll train --use shipped` before: training uses its own
    res = train_and_store(store, settings)
    assert res.corrections == 1 and res.stored
    assert res.version == f"sv-{day}-2"
    assert res.dev["macro_f1"] > 0.5
    # The new version becomes current; everything not manual is rescored by it.
    assert rescore_stale(store, settings) == 3 + 3
    after = _mentions(store)
    assert after[("b", "Fjällkraft")]["model"] == ss.MANUAL
    assert after[("a", "Nordvind")]["model"] == res.version


def test_a_second_correction_records_what_the_model_said(ws):
    _, _, store = ws
    item_id = _mentions(store)[("b", "Fjällkraft")]["item_id"]  # the model said neu
    with store.begin() as conn:
        ss.add_correction(conn, item_id, "Fjällkraft", "neg", author="Eva")
        ss.add_correction(conn, item_id, "Fjällkraft", "pos", author="Eva")  # changes her mind
        ss.add_correction(conn, item_id, "Fjällkraft", "neg", author="Olle")
    with store.connect() as conn:
        history = ss.corrections_frame(conn, latest_only=False)
    assert history["label"].tolist() == ["neg", "pos", "neg"]
    assert history["previous_label"].tolist() == ["neu", "neu", "neu"]


def _tiny(version: str) -> sentiment.Model:
    """A model trained in milliseconds on three words, named `version`."""
    return sentiment.Model.train(
        ["underbart", "katastrof", "tisdag"] * 4, ["pos", "neg", "neu"] * 4, version=version
    )


def test_cli_train_without_corrections_stores_nothing(ws, capsys):
    path, _, store = ws
    assert main(["train", "--config", str(path), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out == {"version": None, "corrections": 0, "dev": None, "stored": False}
    assert main(["train", "--config", str(path)]) == 0
    assert capsys.readouterr().out.startswith("no corrections stored")
    with store.connect() as conn:
        assert ss.model_versions(conn) == []
    assert _analyse(path, capsys)["rescore"] == 4 + 3  # the fixture's old scores, once
    assert _analyse(path, capsys)["rescore"] == 0


def test_cli_train_use_goes_back_to_the_shipped_model_or_an_earlier_one(ws, capsys):
    path, _, store = ws
    with store.begin() as conn:
        ss.save_model(conn, "sv-tiny-1", _tiny("sv-tiny-1").dumps())
    assert _analyse(path, capsys)["rescore"] == 4 + 3
    assert {m["model"] for m in _mentions(store).values()} == {"sv-tiny-1"}

    assert main(["train", "--config", str(path), "--use", "shipped", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {
        "in_use": sentiment.MODEL_VERSION,
        "stored": False,
    }
    with store.connect() as conn:
        assert ss.load_model(conn) is None  # ingestion scores new items with the shipped model
        assert ss.model_versions(conn) == ["sv-tiny-1"]  # kept, to go back to
    assert _analyse(path, capsys)["rescore"] == 4 + 3  # rescored once with the shipped model
    assert {m["model"] for m in _mentions(store).values()} == {sentiment.MODEL_VERSION}
    assert _analyse(path, capsys)["rescore"] == 0

    assert main(["train", "--config", str(path), "--use", "sv-tiny-1"]) == 0
    assert capsys.readouterr().out.startswith("model in use: sv-tiny-1;")
    assert _analyse(path, capsys)["rescore"] == 4 + 3
    assert main(["train", "--config", str(path), "--use", "sv-nope"]) == 2
    err = capsys.readouterr().err
    assert "no stored model 'sv-nope'" in err and "sv-tiny-1" in err and "'shipped'" in err


def test_train_stores_a_model_that_is_then_used(ws, capsys, monkeypatch):
    path, settings, store = ws
    # The full model trains for a minute or two (the slow test above); a tiny one shows the
    # bookkeeping: a new version is used even after --use chose the shipped model.
    monkeypatch.setattr(sentiment, "train_model", lambda texts, labels, version: _tiny(version))
    item_id = _mentions(store)[("b", "Fjällkraft")]["item_id"]
    with store.begin() as conn:
        ss.add_correction(conn, item_id, "Fjällkraft", "pos")
    assert main(["train", "--config", str(path), "--use", "shipped"]) == 0
    res = train_and_store(store, settings)
    assert res.stored and res.corrections == 1 and res.version.startswith("sv-")
    assert sentiment.current_version() == sentiment.MODEL_VERSION  # stored, not installed here
    with store.connect() as conn:
        assert ss.load_model(conn).version == res.version
    assert _analyse(path, capsys)["rescore"] == 3 + 3
    assert _mentions(store)[("a", "Nordvind")]["model"] == res.version


def test_correction_input_errors(ws):
    _, _, store = ws
    item_id = _mentions(store)[("b", "Fjällkraft")]["item_id"]
    with store.begin() as conn, pytest.raises(ValueError, match="pos, neu, neg"):
        ss.add_correction(conn, item_id, "Fjällkraft", "positive")
    with store.begin() as conn, pytest.raises(KeyError, match="no mention of brand 'Nordvind'"):
        ss.add_correction(conn, item_id, "Nordvind", "pos")


def test_model_versions_round_trip_and_fallback(ws):
    _, _, store = ws
    assert activate_model(store) == sentiment.MODEL_VERSION  # nothing stored: the shipped model
    blob = sentiment.current_model().dumps()
    with store.begin() as conn:
        ss.save_model(conn, "sv-test-1", blob, {"dev": {"macro_f1": 0.8}})
        with pytest.raises(ValueError, match="already exists"):
            ss.save_model(conn, "sv-test-1", blob)
    with store.connect() as conn:
        stored = ss.load_model(conn)
        assert ss.model_versions(conn) == ["sv-test-1"]
    assert stored.blob == blob and stored.metrics == {"dev": {"macro_f1": 0.8}}
    # The blob keeps the version it was trained under; activation installs that model.
    assert activate_model(store) == sentiment.MODEL_VERSION
    with store.begin() as conn:
        ss.save_model(conn, "sv-broken-2", b"not a model")
    assert activate_model(store) == sentiment.MODEL_VERSION  # unusable blob: shipped model


@pytest.mark.slow  # trains the full model: on one engine, as the test above
@pytest.mark.engines("sqlite")
def test_cli_train_dry_run_stores_nothing(ws, capsys):
    path, _, store = ws
    item_id = _mentions(store)[("b", "Fjällkraft")]["item_id"]
    with store.begin() as conn:
        ss.add_correction(conn, item_id, "Fjällkraft", "pos")
    assert main(["train", "--config", str(path), "--dry-run", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["stored"] is False and out["corrections"] == 1
    assert out["dev"]["macro_f1"] > 0.5
    with store.connect() as conn:
        assert ss.model_versions(conn) == []


# --- koll sentiment ---------------------------------------------------------------------------
def test_cli_sentiment_keeps_rows_in_order(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("KOLL_CONFIG", raising=False)
    src = tmp_path / "in.csv"
    src.write_text(
        'id,body\n1,Grymt bra!\n2,Usel service.\n3,"Bussen går 10.15, spår 2."\n'
        "4,Das ist nicht gut\n",
        encoding="utf-8",
    )
    assert main(["sentiment", str(src), "--text-column", "body"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [r["id"] for r in rows] == ["1", "2", "3", "4"]
    assert [r["label"] for r in rows] == ["pos", "neg", "neu", ""]
    assert rows[3]["lang"] == "de" and rows[3]["score"] == ""
    assert float(rows[0]["score"]) > 0 > float(rows[1]["score"])
    assert set(rows[0]) == {"id", "body", "label", "score", "confidence", "lang"}
    out = tmp_path / "out.csv"
    assert main(["sentiment", str(src), "--text-column", "body", "--output", str(out)]) == 0
    assert out.read_text(encoding="utf-8").splitlines()[0] == "id,body,label,score,confidence,lang"


def test_cli_sentiment_stdin(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"text\nkass app\n")))
    assert main(["sentiment", "-"]) == 0
    assert capsys.readouterr().out.splitlines()[1].startswith("kass app,neg,")


def test_cli_sentiment_missing_column_names_file_and_columns(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    src = tmp_path / "posts.csv"
    src.write_text("id,body\n1,hej\n", encoding="utf-8")
    assert main(["sentiment", str(src)]) == 2
    err = capsys.readouterr().err
    assert "posts.csv" in err and "'text'" in err and "id, body" in err and "--text-column" in err
    assert main(["sentiment", str(tmp_path / "nope.csv")]) == 2
    assert "nope.csv: file not found" in capsys.readouterr().err


def test_cli_sentiment_uses_the_workspace_model(ws, capsys, tmp_path):
    path, settings, store = ws
    tiny = sentiment.Model.train(
        ["underbart", "katastrof", "tisdag"] * 4, ["pos", "neg", "neu"] * 4, version="sv-tiny-1"
    )
    with store.begin() as conn:
        ss.save_model(conn, "sv-tiny-1", tiny.dumps())
    src = tmp_path / "t.csv"
    src.write_text("text\nunderbart\n", encoding="utf-8")
    assert main(["sentiment", str(src), "--config", str(path)]) == 0
    assert sentiment.current_version() == "sv-tiny-1"
