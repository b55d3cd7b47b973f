"""The database schema (SQLAlchemy Core) and its versioned migrations, for SQLite and PostgreSQL.

Times are naive UTC datetimes in every table (both engines store them the same way); `day`
columns hold the Europe/Stockholm calendar date as 'YYYY-MM-DD' so that per-day aggregates and
inclusive date windows are plain indexed comparisons on either engine.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

#: Bump when a migration is added to MIGRATIONS below.
SCHEMA_VERSION = 2

meta = Table(
    "meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

feeds = Table(
    "feeds",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("url", String(2048), nullable=False, unique=True),  # current URL (301/308 update it)
    Column("config_url", String(2048), nullable=False, unique=True),  # as written in koll.toml
    Column("kind", String(16), nullable=False),
    Column("owner", String(200)),
    Column("interval_s", Integer, nullable=False),
    Column("in_config", Boolean, nullable=False, default=True),
    Column("title", Text),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("body_hash", String(64)),
    Column("status", String(16), nullable=False, default="never"),  # never ok failing disabled gone
    Column("failures", Integer, nullable=False, default=0),
    Column("last_error", Text),
    Column("last_attempt", DateTime),
    Column("last_success", DateTime),
    Column("next_due", DateTime),
    # Several workers share the feeds through leases (koll/store/leases.py): a worker owns a
    # feed until lease_until; an expired lease means the worker died and the feed is free again.
    Column("lease_owner", String(200)),
    Column("lease_until", DateTime),
    # Workers claim due feeds by next_due (version 2).
    Index("ix_feeds_next_due", "next_due"),
)

items = Table(
    "items",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("key", String(2048), nullable=False, unique=True),  # canonical URL or guid:<guid>
    Column("url", String(2048)),
    Column("guid", String(2048)),
    Column("title", Text, nullable=False, default=""),
    Column("text", Text, nullable=False, default=""),
    Column("published", DateTime, nullable=False),
    Column("published_estimated", Boolean, nullable=False, default=False),
    Column("day", String(10), nullable=False),
    Column("first_seen", DateTime, nullable=False),
    Column("author", String(500)),
    Column("source", String(255), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("lang", String(8)),
    Column("parent_key", String(2048)),
    Column("content_hash", String(64), nullable=False),
    Column("story_id", Integer),
    Column("feed_id", Integer, ForeignKey("feeds.id")),  # the feed it was first seen in
    Index("ix_items_published", "published"),
    Index("ix_items_source_hash", "source", "content_hash"),
    Index("ix_items_parent", "parent_key"),
    Index("ix_items_story", "story_id"),
)

item_feeds = Table(
    "item_feeds",
    metadata,
    Column("item_id", Integer, ForeignKey("items.id"), primary_key=True),
    Column("feed_id", Integer, ForeignKey("feeds.id"), primary_key=True),
)

# One row per (item, brand). Source, kind and day are copied from the item so that the
# dashboard's aggregates run on one indexed table. `label`/`score` hold the brand-targeted tone;
# an analyst's correction sets them with model = 'manual', which rescoring never overwrites.
mentions = Table(
    "mentions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("item_id", Integer, ForeignKey("items.id"), nullable=False),
    Column("brand", String(200), nullable=False),
    Column("owned", Boolean, nullable=False),
    Column("owned_by", String(16)),  # feed | domain | person
    Column("person", String(200)),
    Column("day", String(10), nullable=False),
    Column("published", DateTime, nullable=False),
    Column("source", String(255), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("label", String(8)),  # pos | neu | neg | None (not scored, e.g. other language)
    Column("score", Float),
    Column("confidence", Float),
    Column("model", String(64)),
    Column("key_message", Boolean),
    UniqueConstraint("item_id", "brand", name="uq_mentions_item_brand"),
    Index("ix_mentions_brand_day", "brand", "day"),
    Index("ix_mentions_brand_source", "brand", "source"),
)

# Whole-text sentiment of an item (the contract's `scores`), brand-independent.
scores = Table(
    "scores",
    metadata,
    Column("item_id", Integer, ForeignKey("items.id"), primary_key=True),
    Column("lang", String(8)),
    Column("label", String(8)),
    Column("score", Float),
    Column("confidence", Float),
    Column("model", String(64), nullable=False),
    Column("scored_at", DateTime, nullable=False),
)

corrections = Table(
    "corrections",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("item_id", Integer, ForeignKey("items.id"), nullable=False),
    Column("brand", String(200), nullable=False),
    Column("label", String(8), nullable=False),
    Column("previous_label", String(8)),
    Column("created_at", DateTime, nullable=False),
    Column("author", String(200)),
    Index("ix_corrections_item", "item_id", "brand"),
)

# Trained sentiment models, versioned; the newest active one scores new mentions.
models = Table(
    "models",
    metadata,
    Column("version", String(64), primary_key=True),
    Column("created_at", DateTime, nullable=False),
    Column("blob", LargeBinary, nullable=False),
    Column("metrics", Text),
)

runs = Table(
    "runs",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("started", DateTime, nullable=False),
    Column("finished", DateTime),
    Column("status", String(16), nullable=False),  # running ok failed dry-run
    Column("feeds_ok", Integer, nullable=False, default=0),
    Column("feeds_failed", Integer, nullable=False, default=0),
    Column("new_items", Integer, nullable=False, default=0),
    Column("worker", String(200)),
    Column("message", Text),
)


def _v2_feeds_next_due(conn) -> None:
    """Version 2: an index for claiming due feeds, which teams with thousands of feeds need."""
    # The Index defined on the table above; a new Index object would attach a second copy to it.
    index = next(i for i in feeds.indexes if i.name == "ix_feeds_next_due")
    index.create(conn, checkfirst=True)


# Later schema versions: {version: function(connection)}; each runs once, in order, inside the
# transaction that records the new version, so a failed migration changes nothing (both engines
# have transactional DDL). A fresh database gets the current tables directly and skips them.
MIGRATIONS: dict = {2: _v2_feeds_next_due}
