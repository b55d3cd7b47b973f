"""A workspace: one koll.toml and its database, read as typed pandas DataFrames."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path

import pandas as pd

from analysis.brands import Brand
from koll import analyses, frames
from koll.args import (
    DateLike,
    Names,
    bool_arg,
    choices_arg,
    columns_arg,
    flag_arg,
    id_arg,
    names_arg,
    one_name,
    optional_str,
    rows_arg,
    window_arg,
)
from koll.config import FEED_KINDS, Settings, load_settings
from koll.insights import Insights
from koll.store import Store, local_day, utcnow
from koll.store import api_queries as q
from koll.store import items as store_items
from koll.store.schema import AUTHOR_LENGTH
from koll.store.views import TOPIC_INPUT

# The mention filter's labels: the tones, and "none" for the mentions not scored.
LABELS = ("neg", "neu", "pos", "none")


def open_workspace(
    config: str | Path | None = None, *, database_url: str | None = None
) -> Workspace:
    """Open the workspace described by `config` (a koll.toml path).

    Without `config`, `$KOLL_CONFIG` is used, then `./koll.toml`. The database is the config's
    `[storage] url` unless `$KOLL_DATABASE_URL` or `database_url` says otherwise. Raises
    `koll.config.ConfigError` (naming file and key) for a missing or invalid config and
    `koll.store.StoreError` when the database cannot be opened, is an SQLite file that does
    not exist or is not a koll database (nothing is created or written). A `config` that is no
    path (a number, bytes) is a TypeError naming `config`; `~` is the home folder.
    """
    if config is not None and not isinstance(config, (str, os.PathLike)):
        # pathlib's own TypeError ("expected str, bytes or os.PathLike object, not int") named
        # neither the argument nor what it takes, and bytes it would not take at all.
        raise TypeError(
            f"config: expected the path of a koll.toml (str or pathlib.Path) or None, "
            f"got {config!r}"
        )
    settings = load_settings(config)
    if database_url is not None:
        from dataclasses import replace

        from koll.config_file import _database_url
        from koll.config_values import check_database_url

        check_database_url("(argument)", "database_url", database_url)
        url = _database_url(settings.config_path, database_url)
        settings = replace(settings, database_url=url)
    return Workspace(settings)


def _existing_store(url: str) -> Store:
    """The store at `url`, which must exist and be koll's. Analysts read; a mistyped SQLite
    path would otherwise become a new, empty database whose empty frames look like a quiet
    week, and another application's database would get koll's tables."""
    return Store(url, existing=True)


# A language as koll stores it: ISO 639 ("sv", "en"; "und" when none is clear).
_LANG_CODE = re.compile(r"[a-z]{2,3}")


def _lower(names: list[str] | None) -> list[str] | None:
    """Language codes as stored: lower case ("SV" selected nothing, quietly), a region left off
    ("sv-SE"); ValueError for what is no code ("swedish" had selected nothing, quietly)."""
    if names is None:
        return None
    codes = [re.split(r"[-_]", n.strip().lower(), maxsplit=1)[0] for n in names]
    for name, code in zip(names, codes, strict=True):
        if not _LANG_CODE.fullmatch(code):
            raise ValueError(f"lang: expected a language code such as 'sv' or 'en', got {name!r}")
    return codes


def _sites(names: list[str] | None) -> list[str] | None:
    """Sources as stored: the host as ingest.urls.site gives it, lower case and without `www.`
    or a scheme ("Norrlandsposten.se", "www.norrlandsposten.se" and "https://norrlandsposten.se"
    had selected nothing, quietly), a path after it as the site writes it (Reddit's
    `reddit.com/r/Stockholm`: a source returned by mentions() must select its own rows)."""
    from ingest.urls import site

    if names is None:
        return None
    out = []
    for n in names:
        host, _, path = n.strip().split("://", 1)[-1].partition("/")
        path = path.rstrip("/")
        out.append((site(f"https://{host}") or host.lower()) + (f"/{path}" if path else ""))
    return out


class Workspace(Insights):
    """One koll configuration and its store. Use as a context manager or call `close()`.

    Every method that returns mentions or items filters in SQL; windows are inclusive
    Europe/Stockholm days; times in results are tz-aware Europe/Stockholm.
    """

    def __init__(self, settings: Settings, store: Store | None = None):
        self.settings = settings
        self.store = store or _existing_store(settings.database_url)

    # -- configuration ------------------------------------------------------------------------

    @property
    def config_path(self) -> Path:
        return self.settings.config_path

    @property
    def brands(self) -> tuple[Brand, ...]:
        """The configured brands (name, aliases, exclude, owned_domains, people, key_messages,
        competitors, query), a competitor with no [[brands]] table as a brand of its name alone."""
        return self.settings.brands

    @property
    def brand_names(self) -> list[str]:
        return [b.name for b in self.settings.brands]

    def brand(self, name: str) -> Brand:
        """The brand called `name` (case-insensitive); KeyError lists the known brands."""
        return self.settings.brand(one_name(name, "brand"))

    def _brands(self, brand: Names) -> list[str] | None:
        """The configured names of `brand`, each once: ["Fjällkraft", "fjällkraft"] is one
        brand, and counted twice it doubled every count and row."""
        names = names_arg(brand, "brand")
        if names is None:
            return None
        return list(dict.fromkeys(self.settings.brand(n).name for n in names))

    # -- mentions and items -------------------------------------------------------------------

    def mentions(
        self,
        brand: Names = None,
        since: DateLike = None,
        until: DateLike = None,
        *,
        owned: bool | None = None,
        source: Names = None,
        kind: Names = None,
        label: Names = None,
        columns: str | Sequence[str] | None = None,
        with_topics: bool = False,
    ) -> pd.DataFrame:
        """Mentions of `brand` (a name, a list, or None for all) in the inclusive day window.

        One row per (item, brand), oldest first. Columns (pass `columns=` for fewer; they are
        selected in SQL): item_id, key, url, title, text, published (Europe/Stockholm), day,
        brand, owned (bool), owned_by, person, source, kind, lang, author, label (category
        neg < neu < pos; NaN when not scored), score (-1..1), confidence, model ('manual' after
        an analyst's correction), key_message, story (null until stories are computed),
        parent_key (comments), feed. `owned`, `source`, `kind` and `label` filter in SQL.

        `with_topics=True` adds `topic` (Int64; NA when the text has no topic words) and
        `topic_label`, found per brand over exactly the returned rows with the method
        `koll analyse` uses (for the same brand and window the topics match `topics()`).
        """
        wanted = columns = columns_arg(columns)
        with_topics = bool_arg(with_topics, "with_topics")
        if with_topics and columns is not None:
            columns = list(dict.fromkeys([*columns, "brand", *TOPIC_INPUT]))
        query = self._mentions_query(brand, since, until, owned, source, kind, label, columns)
        with self.store.connect() as conn:
            df = frames.typed(q.read_frame(conn, query), frames.MENTIONS)
        if not with_topics:
            return df
        df = analyses.assign_topics(df, {b.name: b for b in self.brands})
        if wanted is not None:
            df = df[list(dict.fromkeys(wanted)) + ["topic", "topic_label"]]
        return df

    def daily(
        self,
        brand: Names = None,
        since: DateLike = None,
        until: DateLike = None,
        *,
        owned: bool | None = None,
    ) -> pd.DataFrame:
        """Counts per day and brand, aggregated in the database (cheap on millions of mentions).

        Columns: day, brand, mentions, owned, earned, pos, neu, neg, unscored (tone counts over
        the selected mentions: pass `owned=False` for the tone of others' mentions, as the
        dashboard shows it). Every calendar day of the window appears for every selected brand,
        with zeros on days without mentions. With `since` and no `until` the window ends today,
        as `control()`'s; otherwise a missing bound is the brand's first day with data or the
        newest day with mentions of any brand not after today (the dashboard's default period's
        last day). An `until` after today is a WindowError, as in control().
        """
        names = self._brands(brand) or self.brand_names
        owned = flag_arg(owned, "owned")
        first, last = self._span(names, since, until)
        query = q.daily_select(brands=names, since=first, until=last, owned=owned)
        with self.store.connect() as conn:
            df = q.read_frame(conn, query)
        counts = ["mentions", "owned", "earned", "pos", "neu", "neg", "unscored"]
        if first is None or last is None or first > last:
            return frames.empty(
                {"day": "datetime64[us]", "brand": "str"} | dict.fromkeys(counts, "int64")
            )
        days = pd.date_range(first, last, freq="D").astype("datetime64[us]")
        grid = pd.MultiIndex.from_product([days, names], names=["day", "brand"])
        df["day"] = pd.to_datetime(df["day"], format="%Y-%m-%d").astype("datetime64[us]")
        df = df.set_index(["day", "brand"])[counts].reindex(grid, fill_value=0)
        return df.astype("int64").reset_index().astype({"brand": "str"})

    def iter_mentions(
        self,
        brand: Names = None,
        since: DateLike = None,
        until: DateLike = None,
        *,
        owned: bool | None = None,
        source: Names = None,
        kind: Names = None,
        label: Names = None,
        columns: str | Sequence[str] | None = None,
        chunksize: int = 10_000,
    ) -> Iterator[pd.DataFrame]:
        """Like `mentions()`, streamed as typed DataFrames of at most `chunksize` rows.

        For loads that do not fit in memory: the database cursor is read chunk by chunk.
        A mistake in the arguments is raised here, not at the first chunk.
        """
        chunksize = rows_arg(chunksize, "chunksize", 1)
        query = self._mentions_query(brand, since, until, owned, source, kind, label, columns)
        return self._chunks(query, chunksize, frames.MENTIONS)

    def _mentions_query(self, brand, since, until, owned, source, kind, label, columns):
        since, until = window_arg(since, until)
        return q.mentions_select(
            brands=self._brands(brand),
            since=since,
            until=until,
            owned=flag_arg(owned, "owned"),
            sources=_sites(names_arg(source, "source")),
            kinds=choices_arg(kind, "kind", FEED_KINDS),
            labels=choices_arg(label, "label", LABELS),
            columns=columns_arg(columns),
        )

    def items(
        self,
        since: DateLike = None,
        until: DateLike = None,
        *,
        source: Names = None,
        kind: Names = None,
        lang: Names = None,
        columns: str | Sequence[str] | None = None,
    ) -> pd.DataFrame:
        """Every stored item (mentioning a brand or not) in the inclusive day window.

        Columns: item_id, key, url, title, text, published, day, first_seen, source, kind, lang,
        author, label/score/confidence/model (tone of the whole text, not towards a brand),
        story, parent_key, feed.
        """
        query = self._items_query(since, until, source, kind, lang, columns)
        with self.store.connect() as conn:
            df = q.read_frame(conn, query)
        return frames.typed(df, frames.ITEMS)

    def iter_items(
        self,
        since: DateLike = None,
        until: DateLike = None,
        *,
        source: Names = None,
        kind: Names = None,
        lang: Names = None,
        columns: str | Sequence[str] | None = None,
        chunksize: int = 10_000,
    ) -> Iterator[pd.DataFrame]:
        """Like `items()`, streamed as typed DataFrames of at most `chunksize` rows."""
        chunksize = rows_arg(chunksize, "chunksize", 1)
        query = self._items_query(since, until, source, kind, lang, columns)
        return self._chunks(query, chunksize, frames.ITEMS)

    def _chunks(self, query, chunksize: int, kinds) -> Iterator[pd.DataFrame]:
        """The rows of `query`, typed, chunk by chunk: a generator of its own, so that the
        methods above check their arguments when called (`ws.iter_mentions("Nope")` had
        returned a generator and raised only at its first chunk)."""
        with self.store.connect() as conn:
            for chunk in q.read_chunks(conn, query, chunksize):
                yield frames.typed(chunk, kinds)

    def _items_query(self, since, until, source, kind, lang, columns):
        since, until = window_arg(since, until)
        return q.items_select(
            since=since,
            until=until,
            sources=_sites(names_arg(source, "source")),
            kinds=choices_arg(kind, "kind", FEED_KINDS),
            langs=_lower(names_arg(lang, "lang")),
            columns=columns_arg(columns),
        )

    def corrections(self, brand: Names = None) -> pd.DataFrame:
        """Analysts' tone corrections (label, previous_label, author, created_at) with the item."""
        with self.store.connect() as conn:
            df = q.read_frame(conn, q.corrections_select(self._brands(brand)))
        return frames.typed(df, frames.CORRECTIONS)

    def correct(self, item_id: int, brand: str, label: str, *, author: str | None = None) -> int:
        """Record a human's tone for one mention, as the dashboard's correction does.

        The only API call that writes: the mention gets `label` ('pos', 'neu' or 'neg', in any
        case, stored lower case) with model 'manual', which rescoring never overwrites, and
        `corrections()` lists it with the model's previous label. Returns the correction's id. `item_id` is a whole number (a
        float only with a whole value: 12.7 is refused, not made item 12) and `author` a str of
        at most 200 characters or None (TypeError otherwise, ValueError when longer); ValueError for another label, KeyError when the item has no
        mention of the brand; StoreError, in one line naming the database, when it cannot take
        the correction (read-only for this user; busy with another writer, which SQLite waits
        30 s for first).
        """
        from koll.store.sentiment_store import add_correction

        item = id_arg(item_id, "item_id")
        author = optional_str(author, "author")
        if author is not None and len(author) > AUTHOR_LENGTH:
            # The column's size: SQLite kept a longer name, PostgreSQL refused the correction.
            raise ValueError(f"author: at most {AUTHOR_LENGTH} characters, got {len(author)}")
        name = self.brand(brand).name
        with self.store.writing("correction") as conn:
            return add_correction(conn, item, name, label, author=author)

    def day_range(self, brand: Names = None) -> tuple[date | None, date | None]:
        """First and last day with a mention (of `brand`, or of any brand), today at the latest:
        an item a feed dated ahead would end `ws.control(b, *ws.day_range(b))` on a day to come,
        which control() refuses. A brand's own days: daily() and the dashboard end a default
        window on the newest day of any brand (Insights._newest_day), which may be later."""
        names, today = self._brands(brand), local_day(utcnow())
        with self.store.connect() as conn:
            first, last = q.mention_day_range(conn, names, until=today)
            if names and first is not None:  # configured names, stored in any case
                last = store_items.newest_mention_day(conn, names, today)
        return (
            date.fromisoformat(first) if first else None,
            date.fromisoformat(last) if last else None,
        )

    # -- lifecycle ----------------------------------------------------------------------------

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        from koll.store import safe_url

        brands = ", ".join(self.brand_names) or "no brands"
        return f"<koll.Workspace {self.config_path} ({brands}) {safe_url(self.store.url)}>"
