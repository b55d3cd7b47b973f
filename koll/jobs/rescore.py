"""Keep stored sentiment current: install the workspace's model and rescore what others scored.

`koll analyse` calls rescore_stale(); `koll ingest` may call activate_model() before scoring new
items so that both use the same model. Analyst corrections (model = 'manual') are never touched.
"""

from __future__ import annotations

import logging

from analysis import lang as langid
from analysis import sentiment, sentiment_brand
from analysis.item_text import scored_text
from analysis.sentiment_model import Model
from ingest.match import Matchers, others_of
from koll.config import Settings
from koll.store import Store
from koll.store import sentiment_store as ss

log = logging.getLogger("koll.sentiment")

BATCH = 500


def workspace_model(store: Store, cached: Model | None = None) -> Model:
    """The model the workspace scores with (the stored one in use, else the shipped one), not
    installed: `cached` is returned when it is that model, so a caller need not read the blob.
    """
    with store.connect() as conn:
        version = ss.model_in_use(conn)
        if version is None:
            return sentiment.builtin_model()
        if cached is not None and cached.version == version:
            return cached
        stored = ss.load_model(conn, version)
    if stored is None:
        return sentiment.builtin_model()
    try:
        return Model.loads(stored.blob)
    except ValueError as e:
        log.warning("stored model unusable, using the shipped one: %s", e)
        return sentiment.builtin_model()


def activate_model(store: Store) -> str:
    """Install the workspace's model (workspace_model) for this process; its version.

    For the commands, which score a workspace's texts in a process of their own. A caller that
    may open several workspaces (the API) passes workspace_model() to classify instead.
    """
    model = workspace_model(store, sentiment.current_model())
    sentiment.set_model(model)
    return model.version


def _scored(s: sentiment.Sentiment, version: str) -> dict:
    """The score columns of a mention or item row."""
    return {"label": s.label, "score": s.score, "confidence": s.confidence, "model": version}


def rescore_stale(store: Store, settings: Settings) -> int:
    """Rescore mentions and item scores from models other than the current one; returns how many.

    Mentions of brands no longer configured are scored on the whole text.
    """
    version = activate_model(store)
    with store.begin() as conn:
        # A mention's tone also depends on the brand-targeted rules: when they changed since the
        # store's mentions were scored, every mention is due once, as after a new model.
        if ss.brand_rules_revision(conn) != sentiment_brand.RULES_REVISION:
            ss.mark_mentions_stale(conn, sentiment_brand.RULES_REVISION)
    matchers = Matchers.build(settings.brands).matchers  # as ingestion matches
    done = _rescore_mentions(store, version, matchers) + _rescore_items(store, version)
    if done:
        log.info("rescored %d mentions and items with sentiment model %s", done, version)
    return done


def _rescore_mentions(store: Store, version: str, matchers: dict) -> int:
    """Rescore the stale mentions in batches, each towards its brand; returns how many."""
    others = {name: others_of(matchers, name) for name in matchers}
    done = 0
    while True:
        with store.begin() as conn:
            rows = ss.stale_mentions(conn, version, limit=BATCH)
            if not rows:
                return done
            out = []
            for r in rows:
                text = scored_text(r["title"], r["text"])
                # Detected again, not read from the item: a rescore follows a new model or new
                # rules, and language detection may have changed with them ("Ja ja. ryggsäcken
                # suger" had been Finnish, left unscored). _rescore_items stores it.
                lang = langid.detect(text)
                bm = matchers.get(r["brand"])
                s = (
                    sentiment_brand.classify_for_brand(
                        text,
                        bm.mentions,
                        lang=lang,
                        others=others[r["brand"]],
                        own=bool(r["owned"]),
                    )
                    if bm
                    else sentiment.classify(text, lang=lang)
                )
                out.append({"id": r["id"], **_scored(s, version)})
            ss.update_mention_scores(conn, out)
            done += len(out)


def _rescore_items(store: Store, version: str) -> int:
    """Rescore the stale whole-text item scores in batches, and their language; returns how
    many."""
    done = 0
    while True:
        with store.begin() as conn:
            rows = ss.stale_items(conn, version, limit=BATCH)
            if not rows:
                return done
            out = []
            for r in rows:
                text = scored_text(r["title"], r["text"])
                lang = langid.detect(text)  # as for the mentions
                s = sentiment.classify(text, lang=lang)
                out.append(
                    {
                        "item_id": r["id"],
                        "lang": lang,
                        "content_hash": r["content_hash"],
                        **_scored(s, version),
                    }
                )
            ss.upsert_item_scores(conn, out)
            done += len(out)
