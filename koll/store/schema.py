"""The database schema (SQLAlchemy Core): every table, index, search table and trigger, and the
versioned migrations that bring an older database up to it, for SQLite and PostgreSQL.

Times are naive UTC datetimes in every table (both engines store them the same way); `day`
columns hold the Europe/Stockholm calendar date as 'YYYY-MM-DD' so that per-day aggregates and
inclusive date windows are plain indexed comparisons on either engine.
"""

from __future__ import annotations

from sqlalchemy import (
    DDL,
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
    column,
    event,
    false,
    table,
    text,
)
from sqlalchemy.schema import CreateIndex

from koll.store.words import SEPARATORS

metadata = MetaData()

#: Bump when a migration is added to MIGRATIONS below.
SCHEMA_VERSION = 18

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
    # When the feed (a search's too) was first configured: a search's items published before
    # it are backfill (version 4; NULL for feeds older than that).
    Column("created", DateTime),
    # Entries past [fetch] max_entries in the last document read (version 8): a cut feed is
    # shown by `koll feeds` instead of passing for complete.
    Column("dropped_entries", Integer),
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
    # Published before the search that found it was added (version 4): it counts in history,
    # not in recent days' spikes (koll/store/alerts.py).
    Column("backfill", Boolean, nullable=False, default=False, server_default=false()),
    # A full-text page (ingest/fulltext.py) that failed in a way that may pass (version 18): it
    # is asked for again on its feed's runs until page_retry_until (UTC), NULL once read, given
    # up or never pending. page_tries counts the failed attempts and page_tried_at is the last,
    # so the pages never tried (over the per-run cap) go first and then the longest untried.
    Column("page_retry_until", DateTime),
    Column("page_tries", Integer, nullable=False, default=0, server_default=text("0")),
    Column("page_tried_at", DateTime),
    Index("ix_items_published", "published"),
    # Only the few backfill items: alerts subtract them from a brand's daily counts.
    Index(
        "ix_items_backfill",
        "id",
        sqlite_where=column("backfill"),
        postgresql_where=column("backfill"),
    ),
    # Only the few items whose page waits, by feed: each run of a full-text feed selects and
    # expires its own (koll/store/page_retries.py) without reading the feed's other items.
    Index(
        "ix_items_page_retry",
        "feed_id",
        "page_retry_until",
        sqlite_where=column("page_retry_until").is_not(None),
        postgresql_where=column("page_retry_until").is_not(None),
    ),
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

# Keys under which a stored item is known besides its own (version 17): a post another feed
# carries under another link, with the same text on the same site, is linked to the stored item
# by (source, content_hash) and its key kept here, so later runs find it by key whatever the
# item's text has become since (an edit in its first feed changes the hash: the copy was then
# stored again as a new item).
item_keys = Table(
    "item_keys",
    metadata,
    Column("key", String(2048), primary_key=True),
    Column("item_id", Integer, ForeignKey("items.id"), nullable=False),
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
    Column("owned_by", String(16)),  # feed | domain | person | account
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
    # A team's triage of the mention (version 5): handled | todo ("behöver åtgärd") | None. The
    # current mark; every mark made is kept in `triage_marks`, as corrections are.
    Column("triage", String(16)),
    UniqueConstraint("item_id", "brand", name="uq_mentions_item_brand"),
    Index("ix_mentions_brand_day", "brand", "day"),
    # PostgreSQL's also holds day and tone (version 14), so a source's count under a tone filter
    # is read from it alone (a year of one source's negative mentions: 0.2-0.3 s through ~10,000
    # table pages or half a million entries of the other indexes).
    Index("ix_mentions_brand_source", "brand", "source", postgresql_include=["day", "label"]),
    # Covering the dashboard's aggregates and the mentions table's paging (version 3): SQLite
    # answers them from the index alone (no table lookups), which keeps a 30-day window over a
    # million mentions in milliseconds. Published, score and confidence serve the table's sort
    # orders (confidence since version 11: "Mest negativa" goes by score × confidence), item_id
    # the search and the joins to items. SQLite's indexes hold the row id; PostgreSQL's has it
    # included (version 14), or every mention a page's sort ranks is looked up for its id ("Mest
    # negativa" for a year: ~100,000 row lookups, 0.4-1.0 s).
    Index(
        "ix_mentions_dashboard",
        "brand",
        "day",
        "owned",
        "label",
        "source",
        "kind",
        "published",
        "score",
        "confidence",
        "item_id",
        postgresql_include=["id"],
    ),  # fmt: skip
    # Covering the control report's counts (koll/store/control_inputs.py, version 3): owned,
    # tone, source, key-message flag and person per mention of a brand and window.
    Index(
        "ix_mentions_control",
        "brand",
        "day",
        "owned",
        "key_message",
        "label",
        "source",
        "person",
        "item_id",
    ),  # fmt: skip
    # The brand's own channels (dashboard Källor, aggregates.owned_activity, version 12): owned
    # before day, so a year reads the ~8 % owned mentions instead of all of them (1.2 s for a
    # year at a million mentions with the indexes above, which put day first).
    Index("ix_mentions_owned", "brand", "owned", "day", "source", "kind", "published"),
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

# Who made a tone correction or a triage mark (the dashboard's sign-in name, or the API's
# `author`): longer names are refused where they are given, as PostgreSQL would refuse them.
AUTHOR_LENGTH = 200


corrections = Table(
    "corrections",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("item_id", Integer, ForeignKey("items.id"), nullable=False),
    Column("brand", String(200), nullable=False),
    Column("label", String(8), nullable=False),
    Column("previous_label", String(8)),
    Column("created_at", DateTime, nullable=False),
    Column("author", String(AUTHOR_LENGTH)),
    Index("ix_corrections_item", "item_id", "brand"),
)

# Every triage mark set in the dashboard, newest last (mentions.triage holds the current one).
triage_marks = Table(
    "triage_marks",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("item_id", Integer, ForeignKey("items.id"), nullable=False),
    Column("brand", String(200), nullable=False),
    Column("status", String(16)),  # handled | todo | None (mark removed)
    Column("previous_status", String(16)),
    Column("created_at", DateTime, nullable=False),
    Column("author", String(AUTHOR_LENGTH)),
    Index("ix_triage_marks_item", "item_id", "brand"),
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


# A story of two or more items; its id is the smallest item id in it (items.story_id points here;
# single items carry their own id as story_id and get no row).
stories = Table(
    "stories",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("size", Integer, nullable=False),
    Column("first_published", DateTime, nullable=False),
    Column("last_published", DateTime, nullable=False),
    Column("first_item_id", Integer, nullable=False),
    Column("title", Text),
    Column("updated_at", DateTime, nullable=False),
)
# The dashboard's largest stories of a window, in the order it shows them (version 5).
Index("ix_stories_size", stories.c.size.desc(), stories.c.first_published)

# Topics per brand and period (since/until '' = open end), replaced as a whole on recompute.
topics = Table(
    "topics",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("brand", String(200), nullable=False),
    Column("since", String(10), nullable=False),
    Column("until", String(10), nullable=False),
    Column("topic_no", Integer, nullable=False),
    Column("label", Text, nullable=False),
    Column("terms", Text, nullable=False),  # JSON list of top terms
    Column("size", Integer, nullable=False),
    Column("share", Float, nullable=False),
    Column("representative_item_id", Integer),
    Column("representative_title", Text),
    Column("created_at", DateTime, nullable=False),
    UniqueConstraint("brand", "since", "until", "topic_no", name="uq_topics_period_no"),
)

# One row per alert; `key` makes detection idempotent, `delivered_at` makes delivery once-only.
alerts = Table(
    "alerts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("key", String(512), nullable=False, unique=True),
    Column("brand", String(200), nullable=False),
    Column("kind", String(16), nullable=False),  # volume | negative | term | topic
    Column("day", String(10), nullable=False),
    Column("subject", Text),
    Column("reason", Text, nullable=False),
    Column("value", Float),
    Column("baseline", Float),
    Column("p_value", Float),
    Column("created_at", DateTime, nullable=False),
    Column("delivered_at", DateTime),
    Column("claim", String(64)),
    Column("claimed_at", DateTime),
    Column("attempts", Integer, nullable=False, default=0),
    Column("last_error", Text),
    # Why the alert fired, as JSON (version 6): size against the baseline, the terms and sources
    # driving it, its tone and two example mentions (analysis.alerts.explain). Messages in any
    # language are written from it; NULL for alerts stored before version 6.
    Column("details", Text),
    Index("ix_alerts_brand_day", "brand", "day"),
)

# One row per e-mail digest and period (version 6), so a digest goes out once per period however
# often `koll digest` runs: a run claims the row (status 'sending'), sends, then marks it 'sent';
# a refused send deletes its claim, so nothing is recorded as sent that was not.
digests = Table(
    "digests",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("digest", String(64), nullable=False),  # sha256 of config.DigestSettings.key
    Column("period", String(10), nullable=False),  # the Stockholm day it was due (07:00)
    Column("status", String(16), nullable=False),  # sending | sent
    Column("claim", String(64), nullable=False),
    Column("claimed_at", DateTime, nullable=False),
    Column("sent_at", DateTime),
    Column("recipients", Text, nullable=False),
    Column("description", Text, nullable=False),  # the readable DigestSettings.key
    UniqueConstraint("digest", "period", name="uq_digests_digest_period"),
)

# Per-day term counts `koll analyse` stores (koll/store/term_store.py), so rising terms need no texts
# at view time. term_days: how many mentions a brand-day had when it was counted (a day whose
# count changed since, or counted with other dropped words, is stale).
term_days = Table(
    "term_days",
    metadata,
    Column("brand", String(200), primary_key=True),
    Column("day", String(10), primary_key=True),
    Column("docs", Integer, nullable=False),
    Column("signature", String(64), nullable=False),  # analysis.trends.count_signature
    Column("updated_at", DateTime, nullable=False),
)

# How many of a brand-day's mentions contain each content-word stem.
term_counts = Table(
    "term_counts",
    metadata,
    Column("brand", String(200), nullable=False),
    Column("day", String(10), nullable=False),
    Column("term", Text, nullable=False),
    Column("docs", Integer, nullable=False),
    # Covering: a window's counts are read from the index alone.
    Index("ix_term_counts_brand_day", "brand", "day", "term", "docs"),
)

# How often each spelling of a stem occurs and where it first occurred (picks the shown word).
term_words = Table(
    "term_words",
    metadata,
    Column("brand", String(200), nullable=False),
    Column("day", String(10), nullable=False),
    Column("term", Text, nullable=False),
    Column("word", Text, nullable=False),
    Column("n", Integer, nullable=False),
    Column("first", Integer, nullable=False),
    Index("ix_term_words_brand_term_day", "brand", "term", "day"),  # the shown spellings
    Index("ix_term_words_brand_day", "brand", "day"),  # replacing a day
)


# Counts `koll analyse` stores so the dashboard reads a year of a million mentions as a few
# thousand rows (koll/store/rollups.py; version 5). Each holds the grouped rows of one query over
# `mentions` per brand and day; `rollup_marks` says up to which mention and correction they are
# complete, so the days changed since are counted live and the rest read from here.
# mention_days: per brand and day, by owned, tone (label '' = not scored), key-message flag
# (NULL = not flagged yet) and personal (authored by one of the brand's people).
mention_days = Table(
    "mention_days",
    metadata,
    Column("brand", String(200), nullable=False),
    Column("day", String(10), nullable=False),
    Column("owned", Boolean, nullable=False),
    Column("label", String(8), nullable=False),
    Column("key_message", Boolean),
    Column("personal", Boolean, nullable=False),
    Column("n", Integer, nullable=False),
    Index("ix_mention_days", "brand", "day", "owned", "label", "key_message", "personal", "n"),
)

# Per source and per named author: `period` is a day ('YYYY-MM-DD') or a whole month ('YYYY-MM',
# the sum of its days), so a year is about eleven month rows per source and the days at its ends.
source_periods = Table(
    "source_periods",
    metadata,
    Column("brand", String(200), nullable=False),
    Column("period", String(10), nullable=False),
    Column("source", String(255), nullable=False),
    Column("owned", Boolean, nullable=False),
    Column("n", Integer, nullable=False),
    Index("ix_source_periods", "brand", "period", "source", "owned", "n"),
)

author_periods = Table(
    "author_periods",
    metadata,
    Column("brand", String(200), nullable=False),
    Column("period", String(10), nullable=False),
    Column("author", String(500), nullable=False),
    Column("owned", Boolean, nullable=False),
    Column("source", String(255), nullable=False),  # the first source (min) it wrote in
    Column("n", Integer, nullable=False),
    Index("ix_author_periods", "brand", "period", "author", "owned", "source", "n"),
)

# name -> value: 'mention_id', 'correction_id' (the rollups include every row up to these ids).
rollup_marks = Table(
    "rollup_marks",
    metadata,
    Column("name", String(32), primary_key=True),
    Column("value", Integer, nullable=False),
)

# One row per brand and post with a comment thread (docs/control.md, dialogue_rate), as
# analysis.dialogue.thread_summary makes it from all of the post's stored comments, so the
# control cards and the Dialog page read a year's threads as rows instead of every comment
# (koll/store/thread_store.py). `brand` is the configured name; `day` the post's mention day.
thread_summaries = Table(
    "thread_summaries",
    metadata,
    Column("brand", String(200), primary_key=True),
    Column("post_id", Integer, primary_key=True),
    Column("day", String(10), nullable=False),
    Column("key", String(2048), nullable=False),
    Column("owned", Boolean, nullable=False),
    Column("outside", Integer, nullable=False),
    Column("answered", Boolean, nullable=False),
    Column("first_outside", DateTime),
    Column("last_outside", DateTime),
    Column("last_outside_id", Integer),
    Column("first_reply", DateTime),
    Index("ix_thread_summaries_brand_day", "brand", "day"),
    # What the dialogue counts and the choice of the unanswered threads to list read, so a
    # year's ~9,000 rows are read from the index alone (thread_store.window_dialogue).
    Index(
        "ix_thread_summaries_window",
        "brand",
        "day",
        "answered",
        "owned",
        "last_outside",
        "first_outside",
        "first_reply",
        "post_id",
    ),
)

# Per brand: the stored summaries include every item and mention up to these ids, made with
# the brand's voice names whose fingerprint is `signature` (thread_store.voice_signature).
thread_marks = Table(
    "thread_marks",
    metadata,
    Column("brand", String(200), primary_key=True),
    Column("signature", String(64), nullable=False),
    Column("item_id", Integer, nullable=False),
    Column("mention_id", Integer, nullable=False),
)

# Per brand, story (of two or more items, with an owned mention of the brand), mention day and
# owned: the earliest such mention's time. Agenda setting (docs/control.md, agenda_share) and
# key-message copies need only these minima, so a year is read as rows of one narrow index
# instead of a lookup per owned mention (koll/store/stories.py). `koll analyse` rebuilds them
# after clustering; story_marks says for which brands they are current.
story_firsts = Table(
    "story_firsts",
    metadata,
    Column("brand", String(200), nullable=False),
    Column("day", String(10), nullable=False),
    Column("story_id", Integer, nullable=False),
    Column("owned", Boolean, nullable=False),
    Column("first_published", DateTime, nullable=False),
    Index("ix_story_firsts", "brand", "day", "story_id", "owned", "first_published"),
)

story_marks = Table(
    "story_marks",
    metadata,
    Column("brand", String(200), primary_key=True),
    Column("built_at", DateTime, nullable=False),
)

# What each brand's mentions were last matched with (koll/store/rematch.py): a fingerprint of
# its names, aliases, exclusions, query, people, owned domains and owned feeds. `koll analyse`
# re-matches the stored items of a brand whose fingerprint differs from koll.toml's.
brand_matching = Table(
    "brand_matching",
    metadata,
    Column("brand", String(200), primary_key=True),
    Column("fingerprint", String(64), nullable=False),
    Column("matched_at", DateTime, nullable=False),
)


# --- free-text search -------------------------------------------------------------------------

# On SQLite an FTS5 index over items' title, text and author, kept in step with `items` by
# triggers, so a search over a million items is an index lookup instead of a LIKE scan.
# PostgreSQL has its stored word column instead (below). Not a Table in `metadata`: copying a store
# (koll/store/copy.py) moves items, and the triggers fill the target's index.
#
# It also indexes each item's day as one word, SEARCH_DAY_MARK + YYYYMMDD, so a search in a few
# weeks' window asks the index for the word AND those days instead of walking every hit of the
# word: a word in 90 % of a million items has ~938,000 hits, a week of them ~17,000 (see
# koll/store/common_search.py). The mark is a private-use character: the index keeps it in a
# word, but a search's words never hold one (filters.search_phrases takes it out), so no search
# finds a day word. The words come from items.search_day, a virtual column, so a 'rebuild' reads
# them.
SEARCH_DAY_MARK = "\ue000"
SEARCH_DAY_COLUMN = (
    "ALTER TABLE items ADD COLUMN search_day TEXT "
    "GENERATED ALWAYS AS (char(57344) || replace(day, '-', '')) VIRTUAL"
)
_FTS_COLUMNS = "title, text, author, search_day"
_FTS_NEW = "new.id, new.title, new.text, new.author, new.search_day"
_FTS_OLD = "old.id, old.title, old.text, old.author, old.search_day"
SEARCH_DDL = [
    f"CREATE VIRTUAL TABLE IF NOT EXISTS items_fts USING fts5({_FTS_COLUMNS}, "
    "content='items', content_rowid='id', tokenize='unicode61 remove_diacritics 0')",
    "CREATE TRIGGER IF NOT EXISTS items_fts_ai AFTER INSERT ON items BEGIN "
    f"INSERT INTO items_fts(rowid, {_FTS_COLUMNS}) VALUES ({_FTS_NEW}); END",
    "CREATE TRIGGER IF NOT EXISTS items_fts_ad AFTER DELETE ON items BEGIN "
    f"INSERT INTO items_fts(items_fts, rowid, {_FTS_COLUMNS}) VALUES ('delete', {_FTS_OLD}); END",
    "CREATE TRIGGER IF NOT EXISTS items_fts_au AFTER UPDATE OF title, text, author, day ON items "
    f"BEGIN INSERT INTO items_fts(items_fts, rowid, {_FTS_COLUMNS}) VALUES ('delete', {_FTS_OLD}); "
    f"INSERT INTO items_fts(rowid, {_FTS_COLUMNS}) VALUES ({_FTS_NEW}); END",
]


def create_search_index(conn) -> None:
    """The search table, its triggers and items.search_day on an SQLite store that may lack
    any of them (each step is skipped when done, so a cut-short run can run again)."""
    have = {r[1] for r in conn.exec_driver_sql("PRAGMA table_xinfo(items)")}
    if "search_day" not in have:
        conn.exec_driver_sql(SEARCH_DAY_COLUMN)
    for ddl in SEARCH_DDL:
        conn.exec_driver_sql(ddl)


#: The search table, for queries (`items_fts MATCH :q`, its rowid is the item id).
items_fts = table("items_fts", column("rowid"))


def has_search_index(dialect: str) -> bool:
    """Whether a database of this dialect has the items_fts search table (SQLite does)."""
    return dialect == "sqlite"


# On PostgreSQL each mention carries the words of its item's title, text and author ("simple":
# lower case, no stemming, as the SQLite index keeps them) in a stored column,
# `mentions.search_words`, with a GIN index over it, so a search is an index lookup instead of
# an ILIKE over every item (4.5-5.3 s for a rare word on the 1 M bench store). On the mentions,
# not the items: a search always selects a brand's mentions in a window, and PostgreSQL's index
# hands back rows, so words on the items meant visiting each hit's item row to learn its id
# (a year's "kundtjänst": 38,000 heap pages of items, 1.4 s; a 90 % word: every item, its text
# parsed again). On the mentions the word index and the (brand, day) index are combined before
# any row is read: 30-150 ms for both words at every window. Triggers keep the column in step:
# a new mention takes its item's words, an edited title, text or author updates its mentions.
# Not a Column of `mentions`: SQLite has none, and no insert names it. A query says PG_WORDS.
PG_WORDS = "mentions.search_words"
# The words are split where SQLite's search table splits them (koll/store/words.py: "_", ".", "@",
# "/", "-" and every other character that is neither letter nor digit), before PostgreSQL's parser
# sees the text: that parser kept "sokbolaget.se", "kundservice@sokbolaget.se" and URL paths as one
# token each, and none of their words was found (version 16). Each field's words are read apart
# and a lexeme '_' (which no split text holds) is put between them and taken out again, so a
# field's first word does not follow the previous field's last: SQLite's search table keeps its
# columns apart too.
# Positions are kept (version 16; stripped before): a query word holding "_" such as
# "Kalle_i_Kalix" is its words in a row on SQLite (an FTS5 phrase), and only a phrase query over
# positions finds the same mentions here; every word anywhere would also find "Kalle bor i Kalix".
# They make the column about a third larger (bench posts: 374 bytes against 262); the GIN index
# holds no positions, and a query without a phrase reads none.
_FIELD_WORDS = (
    "to_tsvector('simple'::regconfig, "
    f"regexp_replace(coalesce(field, ''), '[{SEPARATORS}]+', ' ', 'g'))"
)
PG_WORDS_FUNCTIONS = [
    "CREATE OR REPLACE FUNCTION koll_field_words(field text) RETURNS tsvector "
    f"LANGUAGE sql IMMUTABLE AS $$ SELECT {_FIELD_WORDS} $$",
    "CREATE OR REPLACE FUNCTION koll_words(title text, body text, author text) RETURNS tsvector "
    "LANGUAGE sql IMMUTABLE AS $$ SELECT ts_delete(koll_field_words(title) || '_:1'::tsvector "
    "|| koll_field_words(body) || '_:1'::tsvector || koll_field_words(author), '_'::text) $$",
]
PG_SEARCH_DDL = [
    "ALTER TABLE mentions ADD COLUMN IF NOT EXISTS search_words tsvector",
    *PG_WORDS_FUNCTIONS,
    "CREATE OR REPLACE FUNCTION koll_mention_words() RETURNS trigger LANGUAGE plpgsql AS $$ "
    "BEGIN NEW.search_words := (SELECT koll_words(i.title, i.text, i.author) FROM items i "
    "WHERE i.id = NEW.item_id); RETURN NEW; END $$",
    "DROP TRIGGER IF EXISTS mentions_words ON mentions",
    "CREATE TRIGGER mentions_words BEFORE INSERT OR UPDATE OF item_id ON mentions "
    "FOR EACH ROW EXECUTE FUNCTION koll_mention_words()",
    "CREATE OR REPLACE FUNCTION koll_item_words() RETURNS trigger LANGUAGE plpgsql AS $$ "
    "BEGIN UPDATE mentions SET search_words = koll_words(NEW.title, NEW.text, NEW.author) "
    "WHERE item_id = NEW.id; RETURN NULL; END $$",
    "DROP TRIGGER IF EXISTS items_words ON items",
    "CREATE TRIGGER items_words AFTER UPDATE OF title, text, author ON items "
    "FOR EACH ROW EXECUTE FUNCTION koll_item_words()",
    "CREATE INDEX IF NOT EXISTS ix_mentions_words ON mentions USING gin (search_words)",
]


# PostgreSQL only: "Mest negativa" / "Mest positiva" in their own order (mention_pages.SORTS:
# strength = score x confidence, then newest), one partial index per tone, so a page is the
# first 25 entries whose day is in the window instead of a sort of every such mention of the
# window (a year: ~100,000 mentions, 0.15-0.45 s under load; ix_mentions_dashboard puts `owned`
# before the tone, so it even read all 500,000 of the year). SQLite sorts its covering index
# fast enough (bench.dashboard) and does without.
_STRENGTH_SQL = "(coalesce(score, 0) * coalesce(confidence, 1))"
PG_TONE_INDEXES = [
    f"CREATE INDEX IF NOT EXISTS ix_mentions_{tone} ON mentions "
    f"(brand, {_STRENGTH_SQL} {way}, published DESC, id DESC) "
    f"INCLUDE (day, owned, source, kind) WHERE label = '{tone}'"
    for tone, way in (("neg", "ASC"), ("pos", "DESC"))
]


def has_word_index(dialect: str) -> bool:
    """Whether a database of this dialect searches mentions through the PG_WORDS column."""
    return dialect == "postgresql"


# Created with `items` on a fresh database, dropped with it (the triggers go with the table).
for _ddl in [SEARCH_DAY_COLUMN, *SEARCH_DDL]:
    event.listen(items, "after_create", DDL(_ddl).execute_if(dialect="sqlite"))
for _ddl in [*PG_SEARCH_DDL, *PG_TONE_INDEXES]:  # `mentions` comes after `items`, which it reads
    event.listen(mentions, "after_create", DDL(_ddl).execute_if(dialect="postgresql"))
event.listen(
    items, "before_drop", DDL("DROP TABLE IF EXISTS items_fts").execute_if(dialect="sqlite")
)


# --- migrations ----------------------------------------------------------------------------------


def _index(t: Table, name: str) -> Index:
    # The Index defined on the table above; a new Index object would attach a second copy to it.
    return next(i for i in t.indexes if i.name == name)


def _v2_feeds_next_due(conn) -> None:
    """Version 2: an index for claiming due feeds, which teams with thousands of feeds need."""
    _index(feeds, "ix_feeds_next_due").create(conn, checkfirst=True)


def _v3_dashboard_indexes_and_search(conn) -> None:
    """Version 3: the mentions' covering indexes and SQLite's search table, which only a
    dashboard start used to create (a cron + CLI + API deployment never had them).

    Safe to run twice: a store a dashboard had opened has them already, and on SQLite a step
    cut short (its CREATEs committed, its version not) runs again.
    """
    for name in ("ix_mentions_dashboard", "ix_mentions_control"):
        conn.execute(CreateIndex(_index(mentions, name), if_not_exists=True))
    if has_search_index(conn.dialect.name):
        create_search_index(conn)
        # Index every stored item (about a minute per million items, once). Always rebuilt
        # here: a table created by a cut-short run, or by an older dashboard, may be incomplete.
        conn.exec_driver_sql("INSERT INTO items_fts(items_fts) VALUES ('rebuild')")


def _v4_search_backfill(conn) -> None:
    """Version 4: feeds.created and items.backfill (items a new search found that were published
    before it was added), with an index over the backfill items. Safe to run twice."""
    from sqlalchemy import inspect

    have = {t: {c["name"] for c in inspect(conn).get_columns(t)} for t in ("feeds", "items")}
    if "created" not in have["feeds"]:
        created = DateTime().compile(dialect=conn.dialect)
        conn.exec_driver_sql(f"ALTER TABLE feeds ADD COLUMN created {created}")
    if "backfill" not in have["items"]:
        default = "false" if conn.dialect.name == "postgresql" else "0"
        conn.exec_driver_sql(
            f"ALTER TABLE items ADD COLUMN backfill BOOLEAN NOT NULL DEFAULT {default}"
        )
    conn.execute(CreateIndex(_index(items, "ix_items_backfill"), if_not_exists=True))


def _v5_triage_and_rollups(conn) -> None:
    """Version 5: mentions.triage (the dashboard's "hanterad" / "behöver åtgärd" mark) and an
    index for the largest stories; the triage log and the rollup tables are new tables, which
    create_all has made already."""
    from sqlalchemy import inspect

    if "triage" not in {c["name"] for c in inspect(conn).get_columns("mentions")}:
        conn.exec_driver_sql("ALTER TABLE mentions ADD COLUMN triage VARCHAR(16)")
    conn.execute(CreateIndex(_index(stories, "ix_stories_size"), if_not_exists=True))


def _v6_notify(conn) -> None:
    """Version 6: alerts.details (why an alert fired); the digests table is new, and
    create_all has made it already. Safe to run twice (the column is looked for first)."""
    from sqlalchemy import inspect

    if "details" not in {c["name"] for c in inspect(conn).get_columns("alerts")}:
        conn.exec_driver_sql("ALTER TABLE alerts ADD COLUMN details TEXT")


def _v7_brand_matching(conn) -> None:
    """Version 7: brand_matching, the fingerprints of what each brand was matched with. A new
    table (create_all made it before this runs); no brand has one yet, so the first
    `koll analyse` re-matches every brand's history once with the current matching rules."""
    brand_matching.create(conn, checkfirst=True)


def _v8_feeds_dropped_entries(conn) -> None:
    """Version 8: feeds.dropped_entries, entries past max_entries in the last document read."""
    from sqlalchemy import inspect

    if "dropped_entries" not in {c["name"] for c in inspect(conn).get_columns("feeds")}:
        conn.exec_driver_sql("ALTER TABLE feeds ADD COLUMN dropped_entries INTEGER")


def _v9_thread_summaries(conn) -> None:
    """Version 9: thread_summaries, thread_marks, story_firsts and story_marks, new tables
    create_all has made already; until `koll analyse` fills them the control report reads
    threads and stories as before."""
    for t in (thread_summaries, thread_marks, story_firsts, story_marks):
        t.create(conn, checkfirst=True)


def _v10_pg_search_index(conn) -> None:
    """Version 10 built PostgreSQL's first word index for searches (over the items). Version 14
    replaced it (PG_SEARCH_DDL), and every store upgrading past 10 runs 14 too, so this step
    no longer builds an index only to have 14 drop it."""


def _v11_dashboard_index_confidence(conn) -> None:
    """Version 11: the mentions table's covering index also holds `confidence`, which the "Mest
    negativa" order reads (score × confidence). Without it SQLite looked up every row of the
    window: 0.36-0.42 s for a 30-day window of 40,000 mentions (of 1M) against 0.05 s with it,
    the same as sorting by score alone (bench.dashboard's store). Rebuilding the index takes
    about 13 s per million mentions, once. Safe to run twice."""
    conn.exec_driver_sql("DROP INDEX IF EXISTS ix_mentions_dashboard")
    conn.execute(CreateIndex(_index(mentions, "ix_mentions_dashboard"), if_not_exists=True))


def _v12_owned_channels_index(conn) -> None:
    """Version 12: an index for the brand's own channels (owned before day): a year's owned
    activity read every mention of the year. Safe to run twice."""
    conn.execute(CreateIndex(_index(mentions, "ix_mentions_owned"), if_not_exists=True))


def _v13_thread_summaries_window(conn) -> None:
    """Version 13: ix_thread_summaries_window, so the control cards count a year's stored
    threads (~9,000 rows in bench.dashboard's 1M store) from the index instead of looking up
    every row: 50-60 ms per statement against 10-20 ms. Safe to run twice."""
    conn.execute(
        CreateIndex(_index(thread_summaries, "ix_thread_summaries_window"), if_not_exists=True)
    )


def _v14_pg_search_words(conn) -> None:
    """Version 14: on PostgreSQL the mentions' stored words, their triggers and their index
    (PG_SEARCH_DDL) replace the index over the items' words (versions 10-13), and the mentions'
    covering index is built again with the mention id included (ix_mentions_dashboard), the
    source index with day and tone, and an index per tone is added (PG_TONE_INDEXES). The column
    is filled and its index built by version 16 (every store upgrading past 14 runs it too), so
    the words are not made twice. Safe to run twice."""
    if not has_word_index(conn.dialect.name):
        return
    conn.exec_driver_sql("DROP INDEX IF EXISTS ix_items_search")
    for statement in PG_SEARCH_DDL[:-1]:
        conn.exec_driver_sql(statement)
    # The column is filled and its index built by version 16, which runs in the same upgrade.
    _v11_dashboard_index_confidence(conn)  # now with the mention id included
    conn.exec_driver_sql("DROP INDEX IF EXISTS ix_mentions_brand_source")  # now with day, tone
    conn.execute(CreateIndex(_index(mentions, "ix_mentions_brand_source")))
    for tone_index in PG_TONE_INDEXES:
        conn.exec_driver_sql(tone_index)


def _v15_search_days(conn) -> None:
    """Version 15: SQLite's search table also indexes each item's day (SEARCH_DAY_MARK), which
    the search table of version 3 cannot take in place: it is made again and every item indexed
    (about 80 s per million items, once). Safe to run twice. PostgreSQL: nothing to do."""
    if not has_search_index(conn.dialect.name):
        return
    for trigger in ("ai", "ad", "au"):
        conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS items_fts_{trigger}")
    conn.exec_driver_sql("DROP TABLE IF EXISTS items_fts")
    create_search_index(conn)
    conn.exec_driver_sql("INSERT INTO items_fts(items_fts) VALUES ('rebuild')")


def _v16_pg_words_split_as_sqlite(conn) -> None:
    """Version 16: PostgreSQL splits the mentions' words where SQLite's search table does and
    keeps their positions (PG_SEARCH_DDL, koll/store/words.py), so every stored mention's words
    are made again: about 6.5 s per 100,000 mentions (bench.dashboard's posts on a loaded
    2-core machine; making the words is 2.0 s of it, 0.8 s with the parser alone before).
    One UPDATE in the migration's transaction: a failure leaves version 15 with its words as
    they were, nothing half made. The word index is kept and updated: dropping it and building
    it again over the new words was no faster (6.6 against 6.4 s per 100,000) and would lock
    the dashboard's reads of `mentions` out until the end, where now they go on with the old
    words. Until autovacuum has passed over the rewritten table (or VACUUM ANALYZE mentions)
    index-only reads are slower, as after version 14. SQLite: nothing to do, its search table
    is the yardstick."""
    if not has_word_index(conn.dialect.name):
        return
    for statement in PG_WORDS_FUNCTIONS:
        conn.exec_driver_sql(statement)
    conn.exec_driver_sql(
        "UPDATE mentions m SET search_words = koll_words(i.title, i.text, i.author) "
        "FROM items i WHERE i.id = m.item_id"
    )
    conn.exec_driver_sql(PG_SEARCH_DDL[-1])  # IF NOT EXISTS: a store from before version 14
    conn.exec_driver_sql("ANALYZE mentions")  # the words' frequencies, for the planner


def _v17_item_keys(conn) -> None:
    """Version 17: item_keys, the other keys of stored items (a new table, which create_all has
    made already). Copies linked by text before it have no row yet: each is found by its text
    on its next run and its key kept then."""
    item_keys.create(conn, checkfirst=True)


def _v18_page_retries(conn) -> None:
    """Version 18: items.page_retry_until, page_tries and page_tried_at, the full-text pages
    asked for again (koll/store/page_retries.py), and their index. Every stored item gets NULL,
    0 and NULL: nothing waits, as before the upgrade. Adding a nullable column, or one with a
    constant default, rewrites no row on either engine. Safe to run twice."""
    from sqlalchemy import inspect

    have = {c["name"] for c in inspect(conn).get_columns("items")}
    stamp = DateTime().compile(dialect=conn.dialect)
    for name, ddl in (
        ("page_retry_until", stamp),
        ("page_tries", "INTEGER NOT NULL DEFAULT 0"),
        ("page_tried_at", stamp),
    ):
        if name not in have:
            conn.exec_driver_sql(f"ALTER TABLE items ADD COLUMN {name} {ddl}")
    conn.execute(CreateIndex(_index(items, "ix_items_page_retry"), if_not_exists=True))


# Later schema versions: {version: function(connection)}; each runs once, in order, inside the
# transaction that records the new version. On PostgreSQL that transaction includes the DDL, so
# a failed step changes nothing; SQLite's driver commits each CREATE at once, so every step must
# be safe to run again. A fresh database gets the current schema directly (metadata.create_all,
# the search table with `items`) and skips them; tables added since a database was made are
# created by create_all before these run.
MIGRATIONS: dict = {
    2: _v2_feeds_next_due,
    3: _v3_dashboard_indexes_and_search,
    4: _v4_search_backfill,
    5: _v5_triage_and_rollups,
    6: _v6_notify,
    7: _v7_brand_matching,
    8: _v8_feeds_dropped_entries,
    9: _v9_thread_summaries,
    10: _v10_pg_search_index,
    11: _v11_dashboard_index_confidence,
    12: _v12_owned_channels_index,
    13: _v13_thread_summaries_window,
    14: _v14_pg_search_words,
    15: _v15_search_days,
    16: _v16_pg_words_split_as_sqlite,
    17: _v17_item_keys,
    18: _v18_page_retries,
}
