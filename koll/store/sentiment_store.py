"""Sentiment SQL: analyst corrections, versioned model blobs, and finding/rewriting stale scores."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import and_, bindparam, false, func, or_, select, true, update
from sqlalchemy.engine import Connection, Row

from koll.store import StoreError, insert_ignore, meta, to_db, utcnow
from koll.store.schema import corrections, items, mentions, models, scores

if TYPE_CHECKING:  # pandas is imported where a frame is built: the ingest path never loads it
    import pandas as pd

    from koll.store.items import Score
    from koll.store.records import Mention

MANUAL = "manual"  # mentions.model of an analyst's correction; rescoring never touches these
LABEL_SCORE = {"pos": 1.0, "neu": 0.0, "neg": -1.0}


# --- marks on mentions -------------------------------------------------------------------------
_LOCK = (
    select(items.c.id)
    .where(items.c.id.in_(bindparam("ids", expanding=True)))
    .order_by(items.c.id)  # always in one order: two lockers of several items cannot deadlock
    .with_for_update(key_share=True)  # FOR NO KEY UPDATE: new rows referring to them still go in
)


def lock_items(conn: Connection, item_ids: Sequence[int]) -> None:
    """Hold these items for the rest of the caller's transaction, before their mentions, marks
    and corrections are read: an analyst's mark (add_correction, triage.set_triage) and an edit
    that makes the item's mentions anew (item_edits.apply_edits) then go one after the other.

    Without it a correction made while the ingest writer applied an edit or a page read on a
    retry was reported saved and lost: the writer read the item's corrections, the correction
    set the old mention and committed, and the writer deleted that mention and made a new one
    without it. PostgreSQL locks the items' rows (read committed: what is read after the lock
    includes what the other committed). SQLite has one writer per file, and pysqlite begins a
    transaction only at its first write, so reads before it see the file between others'
    commits: a write that changes nothing takes the file's lock now (waiting, as any write,
    up to the busy timeout)."""
    if not item_ids:
        return
    if conn.dialect.name == "postgresql":
        ids = sorted(set(item_ids))
        for k in range(0, len(ids), 500):
            conn.execute(_LOCK, {"ids": ids[k : k + 500]})
    else:
        conn.execute(update(items).where(false()).values(page_tries=items.c.page_tries))


def set_mention(conn: Connection, item_id: int, brand: str, values: Mapping, *columns) -> Row:
    """Set `values` on the mention of `brand` in the item, the item held (lock_items); the row
    as it was before (its id and `columns`). KeyError when the item has no such mention."""
    lock_items(conn, [item_id])
    q = select(mentions.c.id, *columns).where(
        mentions.c.item_id == item_id, mentions.c.brand == brand
    )
    for _ in range(3):
        row = conn.execute(q).first()
        if row is None:
            raise KeyError(f"item {item_id} has no mention of brand {brand!r}")
        # Counted: a writer that makes mentions anew without holding the item (re-matching)
        # may delete the row after it was read, and the mark then set no row while reported
        # saved. Read again, the new row is the mention now.
        done = conn.execute(update(mentions).where(mentions.c.id == row.id).values(**values))
        if done.rowcount == 1:
            return row
    raise StoreError(
        f"the mention of {brand!r} in item {item_id} kept being made anew while it was marked "
        "(its item re-matched); nothing saved, try again"
    )


# --- corrections ------------------------------------------------------------------------------
def latest_corrections(
    conn: Connection,
    brands: Sequence[str] | None = None,
    item_ids: Sequence[int] | None = None,
) -> dict[tuple[int, str], str]:
    """{(item id, brand): label} of the analysts' latest correction of each mention (of these
    brands, of these items): a mention made again (re-matched, or its item edited) gets its
    corrected tone back."""
    latest = select(func.max(corrections.c.id)).group_by(corrections.c.item_id, corrections.c.brand)
    if brands is not None:
        latest = latest.where(corrections.c.brand.in_(list(brands)))
    if item_ids is not None:
        latest = latest.where(corrections.c.item_id.in_(list(item_ids)))
    q = select(corrections.c.item_id, corrections.c.brand, corrections.c.label).where(
        corrections.c.id.in_(latest)
    )
    return {(i, b): label for i, b, label in conn.execute(q)}


def score_row(item_id: int, s: Score) -> dict:
    """A scores row of an item (without scored_at) as `s` gives its tone and language."""
    return dict(
        item_id=item_id,
        lang=s.lang,
        label=s.label,
        score=s.score,
        confidence=s.confidence,
        model=s.model,
    )


def mention_row(
    item_id: int,
    brand: str,
    m: Mention,
    item: Mapping,
    score: Score | None = None,
    corrected: str | None = None,
    triage: str | None = None,
) -> dict:
    """A new mentions row of `brand` in the item (`item`: its day, published, source and kind),
    matched as `m` says (owned, owned_by, person): its tone the analyst's correction, else
    `score` (None: not scored yet), and its team triage mark."""
    if corrected is not None:
        tone = dict(label=corrected, score=LABEL_SCORE[corrected], confidence=1.0, model=MANUAL)
    elif score is not None:
        tone = dict(
            label=score.label, score=score.score, confidence=score.confidence, model=score.model
        )
    else:
        tone = dict(label=None, score=None, confidence=None, model=None)
    return dict(
        item_id=item_id,
        brand=brand,
        owned=m.owned,
        owned_by=m.owned_by,
        person=m.person,
        day=item["day"],
        published=item["published"],
        source=item["source"],
        kind=item["kind"],
        triage=triage,
        **tone,
    )


def add_correction(
    conn: Connection, item_id: int, brand: str, label: str, author: str | None = None
) -> int:
    """Record an analyst's label for (item, brand) and set the mention to it; returns the row id.

    The row's previous_label is what the model said, also when the mention was corrected before.

    `label` is pos, neu or neg in any case (stored lower case), as the API's label filter
    takes it: correct(..., "POS") was refused where mentions(label="POS") was not. Raises
    ValueError for another label, in the API's wording for a bad choice, and KeyError when
    the item has no mention of that brand (the message names both). Called inside
    Store.writing("correction"), a database that cannot take it (read-only for this user, busy
    with another writer) is one StoreError line instead of the driver's error. The item is held
    first (set_mention), so an edit the ingest writer applies meanwhile either carries the
    correction over or is followed by it, never loses it.
    """
    tone = label.strip().lower() if isinstance(label, str) else ""
    if tone not in LABEL_SCORE:
        raise ValueError(f"label: expected one of {', '.join(LABEL_SCORE)}, got {label!r}")
    label = tone
    manual = dict(label=label, score=LABEL_SCORE[label], confidence=1.0, model=MANUAL)
    row = set_mention(conn, item_id, brand, manual, mentions.c.label, mentions.c.model)
    previous = row.label
    if row.model == MANUAL:
        # Corrected before: the mention holds that human's label. What the model said is what
        # the first correction recorded (rescoring never touches a corrected mention since).
        previous = conn.execute(
            select(corrections.c.previous_label)
            .where(corrections.c.item_id == item_id, corrections.c.brand == brand)
            .order_by(corrections.c.id)
            .limit(1)
        ).scalar()
    now = to_db(utcnow())
    res = conn.execute(
        corrections.insert().values(
            item_id=item_id,
            brand=brand,
            label=label,
            previous_label=previous,
            created_at=now,
            author=author,
        )
    )
    return int(res.inserted_primary_key[0])  # type: ignore[index]  # set after a one-row INSERT


def corrections_frame(conn: Connection, latest_only: bool = True) -> pd.DataFrame:
    """Corrections with their item's title and text; by default the latest per (item, brand)."""
    import pandas as pd

    q = (
        select(
            corrections.c.id,
            corrections.c.item_id,
            corrections.c.brand,
            corrections.c.label,
            corrections.c.previous_label,
            corrections.c.created_at,
            corrections.c.author,
            items.c.title,
            items.c.text,
            items.c.lang,
        )
        .join(items, items.c.id == corrections.c.item_id)
        .order_by(corrections.c.id)
    )
    if latest_only:
        latest = (
            select(func.max(corrections.c.id))
            .group_by(corrections.c.item_id, corrections.c.brand)
            .scalar_subquery()
        )
        q = q.where(corrections.c.id.in_(latest))
    rows = conn.execute(q).mappings().all()
    cols = ["id", "item_id", "brand", "label", "previous_label", "created_at", "author"]
    cols += ["title", "text", "lang"]
    return pd.DataFrame([dict(r) for r in rows], columns=cols)


# --- model versions ---------------------------------------------------------------------------
@dataclass(frozen=True)
class StoredModel:
    version: str
    created_at: datetime
    blob: bytes
    metrics: dict | None


def save_model(conn: Connection, version: str, blob: bytes, metrics: dict | None = None) -> None:
    """Store a trained model under a new version (an existing version is never overwritten)."""
    if conn.execute(select(models.c.version).where(models.c.version == version)).first():
        raise ValueError(f"model version {version!r} already exists")
    conn.execute(
        models.insert().values(
            version=version,
            created_at=to_db(utcnow()),
            blob=blob,
            metrics=json.dumps(metrics, ensure_ascii=False) if metrics is not None else None,
        )
    )


# meta key: the stored model version the workspace scores with, or SHIPPED for the model koll
# ships (`koll train --use`; `koll train` sets it to the version it stores). Without it, as in a
# store made before the key, the newest stored version is the one in use.
MODEL_IN_USE_KEY = "sentiment_model"
SHIPPED = "shipped"


def use_model(conn: Connection, version: str) -> None:
    """Score with the stored `version` from now on, or with the shipped model (SHIPPED);
    KeyError, listing the stored versions, for a version not stored."""
    stored = model_versions(conn)
    if version != SHIPPED and version not in stored:
        known = ", ".join(stored) or "none yet"
        raise KeyError(f"no stored model {version!r} (stored: {known}; or {SHIPPED!r})")
    meta.put(conn, MODEL_IN_USE_KEY, version)


def model_in_use(conn: Connection) -> str | None:
    """The version of the stored model the workspace scores with; None for the shipped one."""
    chosen = meta.get(conn, MODEL_IN_USE_KEY)
    if chosen == SHIPPED:
        return None
    if chosen:
        return chosen
    q = select(models.c.version).order_by(models.c.created_at.desc(), models.c.version.desc())
    return conn.execute(q.limit(1)).scalar()


def load_model(conn: Connection, version: str | None = None) -> StoredModel | None:
    """The named model version, or the one in use (model_in_use); None for none stored or the
    shipped model chosen."""
    version = version or model_in_use(conn)
    if version is None:
        return None
    row = conn.execute(select(models).where(models.c.version == version)).mappings().first()
    if row is None:
        return None
    return StoredModel(
        row["version"],
        row["created_at"],
        bytes(row["blob"]),
        json.loads(row["metrics"]) if row["metrics"] else None,
    )


def model_versions(conn: Connection) -> list[str]:
    """Stored model versions, oldest first."""
    q = select(models.c.version).order_by(models.c.created_at, models.c.version)
    return [r[0] for r in conn.execute(q)]


def versions_today(conn: Connection, prefix: str) -> int:
    """How many stored versions start with `prefix` (to number a day's retrainings)."""
    q = select(func.count()).select_from(models).where(models.c.version.like(prefix + "%"))
    return int(conn.execute(q).scalar_one())


# --- stale scores -----------------------------------------------------------------------------
# meta key: the revision of the brand-targeted rules (analysis.sentiment_brand.RULES_REVISION)
# the stored mentions were scored with. A store made before it was recorded was scored with
# revision 1; a new store records the current one when it is created (koll.store.migrate).
BRAND_RULES_KEY = "brand_rules_revision"


def brand_rules_revision(conn: Connection) -> int:
    value = meta.get(conn, BRAND_RULES_KEY)
    return int(value) if value else 1


def mark_mentions_stale(conn: Connection, revision: int) -> int:
    """Every mention a model scored becomes due for rescoring (the brand-targeted rules are now
    `revision`, which is recorded); analysts' corrections stay. How many were marked.

    The items' own tones are due too: the rules' revision also covers which words of an item
    are scored (analysis.item_text: revision 3 stopped scoring a reply's quoted title).
    """
    done = conn.execute(
        update(mentions)
        .where(mentions.c.model.is_not(None), mentions.c.model != MANUAL)
        .values(model=None)
    )
    conn.execute(update(scores).values(model=""))  # never a model's version: stale_items finds it
    meta.put(conn, BRAND_RULES_KEY, str(revision))
    return done.rowcount or 0


def stale_mentions(conn: Connection, version: str, limit: int = 1000) -> list[dict]:
    """Mentions scored by another model (or not at all), never analyst corrections.

    Each row has the mention id, brand, whether it is owned, and its item's title, text and
    lang.
    """
    q = (
        select(
            mentions.c.id,
            mentions.c.brand,
            mentions.c.owned,
            items.c.title,
            items.c.text,
            items.c.lang,
        )
        .join(items, items.c.id == mentions.c.item_id)
        .where(
            or_(mentions.c.model.is_(None), mentions.c.model != version),
            or_(mentions.c.model.is_(None), mentions.c.model != MANUAL),
        )
        .order_by(mentions.c.id)
        .limit(limit)
    )
    return [dict(r) for r in conn.execute(q).mappings()]


def stale_items(conn: Connection, version: str, limit: int = 1000) -> list[dict]:
    """Items without a whole-text score, or scored by another model: id, title, text, lang and
    content_hash (which upsert_item_scores checks before it changes the item's language)."""
    q = (
        select(items.c.id, items.c.title, items.c.text, items.c.lang, items.c.content_hash)
        .outerjoin(scores, scores.c.item_id == items.c.id)
        .where(or_(scores.c.item_id.is_(None), scores.c.model != version))
        .order_by(items.c.id)
        .limit(limit)
    )
    return [dict(r) for r in conn.execute(q).mappings()]


def update_mention_scores(conn: Connection, rows: Sequence[dict]) -> None:
    """rows: dicts with id, label, score, confidence, model (an analyst's label stays)."""
    for r in rows:
        conn.execute(
            update(mentions)
            .where(
                and_(
                    mentions.c.id == r["id"],
                    or_(mentions.c.model.is_(None), mentions.c.model != MANUAL),
                )
            )
            .values(
                label=r["label"], score=r["score"], confidence=r["confidence"], model=r["model"]
            )
        )


def upsert_item_scores(conn: Connection, rows: Sequence[dict]) -> None:
    """rows: dicts with item_id, lang, label, score, confidence, model; also sets items.lang
    (a rescore detects the language again: koll/jobs/rescore.py). A row with the content_hash
    its text was read with changes the language only while the item still has that text: an
    edit stored meanwhile (new text, its own language) is not overwritten."""
    now = to_db(utcnow())
    for r in rows:
        vals = {k: r[k] for k in ("lang", "label", "score", "confidence", "model")}
        done = conn.execute(
            update(scores).where(scores.c.item_id == r["item_id"]).values(scored_at=now, **vals)
        )
        if not done.rowcount:
            insert_ignore(
                conn, scores, [{"item_id": r["item_id"], "scored_at": now, **vals}], ["item_id"]
            )
        same_text = items.c.content_hash == r["content_hash"] if r.get("content_hash") else true()
        conn.execute(
            update(items)
            .where(
                items.c.id == r["item_id"],
                or_(items.c.lang.is_(None), items.c.lang != r["lang"]),
                same_text,
            )
            .values(lang=r["lang"])
        )


def count_by_model(conn: Connection) -> dict[str | None, int]:
    """How many mentions each model scored (for `koll train` and status output)."""
    q = select(mentions.c.model, func.count()).group_by(mentions.c.model)
    return {m: int(n) for m, n in conn.execute(q)}
