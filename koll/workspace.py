"""A workspace: one koll.toml and its database, read as typed pandas DataFrames."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime, timedelta
from pathlib import Path

import pandas as pd

from ingest import report
from ingest.config import Brand, Settings, load_settings
from ingest.report import control_report
from ingest.store import Store
from ingest.store import api_queries as q
from koll import analyses, frames, periods

DateLike = str | date | datetime | pd.Timestamp | None
Names = str | Iterable[str] | None


def open_workspace(
    config: str | Path | None = None, *, database_url: str | None = None
) -> Workspace:
    """Open the workspace described by `config` (a koll.toml path).

    Without `config`, `$KOLL_CONFIG` is used, then `./koll.toml`. The database is the config's
    `[storage] url` unless `$KOLL_DATABASE_URL` or `database_url` says otherwise. Raises
    `ingest.config.ConfigError` (naming file and key) for a missing or invalid config and
    `ingest.store.StoreError` when the database cannot be opened.
    """
    settings = load_settings(config)
    if database_url:
        from dataclasses import replace

        settings = replace(settings, database_url=database_url)
    return Workspace(settings)


def _day(value: DateLike, name: str) -> str | None:
    """since/until as an inclusive Europe/Stockholm day, 'YYYY-MM-DD'."""
    if value is None:
        return None
    if isinstance(value, datetime):  # includes pd.Timestamp: its calendar day in Stockholm
        if value.tzinfo is not None:
            value = pd.Timestamp(value).tz_convert(frames.TZ)
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip()).isoformat()
        except ValueError:
            pass
    raise ValueError(f"{name}: expected a date YYYY-MM-DD, got {value!r}")


def _names(value: Names) -> list[str] | None:
    if value is None:
        return None
    return [value] if isinstance(value, str) else list(value)


class Workspace:
    """One koll configuration and its store. Use as a context manager or call `close()`.

    Every method that returns mentions or items filters in SQL; windows are inclusive
    Europe/Stockholm days; times in results are tz-aware Europe/Stockholm.
    """

    def __init__(self, settings: Settings, store: Store | None = None):
        self.settings = settings
        self.store = store or Store(settings.database_url)

    # -- configuration ------------------------------------------------------------------------

    @property
    def config_path(self) -> Path:
        return self.settings.config_path

    @property
    def brands(self) -> tuple[Brand, ...]:
        """The configured brands (name, aliases, owned_domains, people, key_messages, competitors)."""
        return self.settings.brands

    @property
    def brand_names(self) -> list[str]:
        return [b.name for b in self.settings.brands]

    def brand(self, name: str) -> Brand:
        """The brand called `name` (case-insensitive); KeyError lists the known brands."""
        return self.settings.brand(name)

    def _brands(self, brand: Names) -> list[str] | None:
        names = _names(brand)
        return None if names is None else [self.settings.brand(n).name for n in names]

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
        columns: Sequence[str] | None = None,
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
        wanted = columns
        if with_topics and columns is not None:
            columns = list(dict.fromkeys([*columns, "item_id", "brand", "title", "text"]))
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
        with zeros on days without mentions; the window defaults to the days with data.
        """
        names = self._brands(brand) or self.brand_names
        first, last = _day(since, "since"), _day(until, "until")
        query = q.daily_select(brands=names, since=first, until=last, owned=owned)
        with self.store.connect() as conn:
            df = q.read_frame(conn, query)
        counts = ["mentions", "owned", "earned", "pos", "neu", "neg", "unscored"]
        if first is None or last is None:
            lo, hi = self.day_range(names)
            first = first or (lo.isoformat() if lo else None)
            last = last or (hi.isoformat() if hi else None)
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
        columns: Sequence[str] | None = None,
        chunksize: int = 10_000,
    ) -> Iterator[pd.DataFrame]:
        """Like `mentions()`, streamed as typed DataFrames of at most `chunksize` rows.

        For loads that do not fit in memory: the database cursor is read chunk by chunk.
        """
        if chunksize < 1:
            raise ValueError(f"chunksize: expected a positive number of rows, got {chunksize!r}")
        query = self._mentions_query(brand, since, until, owned, source, kind, label, columns)
        with self.store.connect() as conn:
            for chunk in q.read_chunks(conn, query, chunksize):
                yield frames.typed(chunk, frames.MENTIONS)

    def _mentions_query(self, brand, since, until, owned, source, kind, label, columns):
        return q.mentions_select(
            brands=self._brands(brand),
            since=_day(since, "since"),
            until=_day(until, "until"),
            owned=owned,
            sources=_names(source),
            kinds=_names(kind),
            labels=_names(label),
            columns=columns,
        )

    def items(
        self,
        since: DateLike = None,
        until: DateLike = None,
        *,
        source: Names = None,
        kind: Names = None,
        lang: Names = None,
        columns: Sequence[str] | None = None,
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
        columns: Sequence[str] | None = None,
        chunksize: int = 10_000,
    ) -> Iterator[pd.DataFrame]:
        """Like `items()`, streamed as typed DataFrames of at most `chunksize` rows."""
        if chunksize < 1:
            raise ValueError(f"chunksize: expected a positive number of rows, got {chunksize!r}")
        query = self._items_query(since, until, source, kind, lang, columns)
        with self.store.connect() as conn:
            for chunk in q.read_chunks(conn, query, chunksize):
                yield frames.typed(chunk, frames.ITEMS)

    def _items_query(self, since, until, source, kind, lang, columns):
        return q.items_select(
            since=_day(since, "since"),
            until=_day(until, "until"),
            sources=_names(source),
            kinds=_names(kind),
            langs=_names(lang),
            columns=columns,
        )

    def corrections(self, brand: Names = None) -> pd.DataFrame:
        """Analysts' tone corrections (label, previous_label, author, created_at) with the item."""
        with self.store.connect() as conn:
            df = q.read_frame(conn, q.corrections_select(self._brands(brand)))
        return frames.typed(df, frames.CORRECTIONS)

    def correct(self, item_id: int, brand: str, label: str, *, author: str | None = None) -> int:
        """Record a human's tone for one mention, as the dashboard's correction does.

        The only API call that writes: the mention gets `label` ('pos', 'neu' or 'neg') with
        model 'manual', which rescoring never overwrites, and `corrections()` lists it with the
        model's previous label. Returns the correction's id. ValueError for another label,
        KeyError when the item has no mention of the brand.
        """
        from ingest.store.sentiment_store import add_correction

        name = self.settings.brand(brand).name
        with self.store.begin() as conn:
            return add_correction(conn, int(item_id), name, label, author=author)

    def day_range(self, brand: Names = None) -> tuple[date | None, date | None]:
        """First and last day with a mention (of `brand`, or of any brand)."""
        with self.store.connect() as conn:
            first, last = q.mention_day_range(conn, self._brands(brand))
        return (
            date.fromisoformat(first) if first else None,
            date.fromisoformat(last) if last else None,
        )

    # -- control ------------------------------------------------------------------------------

    def control(self, brand: str, since: DateLike = None, until: DateLike = None) -> dict:
        """The control components and index for one brand and inclusive window.

        The same function as `koll control --json` and the dashboard use; a component that
        cannot be measured is None. Without since/until: all history.
        """
        name = self.settings.brand(brand).name
        return control_report(
            self.store, self.settings, name, _day(since, "since"), _day(until, "until")
        )

    def control_over_time(
        self,
        brand: Names = None,
        freq: str = "W",
        since: DateLike = None,
        until: DateLike = None,
    ) -> pd.DataFrame:
        """`control()` per calendar period: one row per brand and period, oldest first.

        `freq`: "D", "W" (ISO weeks, Monday–Sunday), "M", "Q" or "Y". Each row covers the
        whole calendar period (columns `period`, `start`, `end`), also at the edges of the
        range. The range defaults to the first and last day with mentions of the brand(s).
        `brand` may be a name, a list of names, or None for every configured brand.
        """
        names = self._brands(brand) or self.brand_names
        first = _day(since, "since")
        last = _day(until, "until")
        if first is None or last is None:
            lo, hi = self.day_range(names)
            first = first or (lo.isoformat() if lo else None)
            last = last or (hi.isoformat() if hi else None)
        rows = []
        for label, start, end in periods.calendar_periods(first, last, freq):
            for name in names:
                report = control_report(self.store, self.settings, name, start, end)
                report.pop("since", None)
                report.pop("until", None)
                rows.append({"period": label, "start": start, "end": end, **report})
        if not rows:
            return pd.DataFrame(
                {
                    "period": pd.Series([], dtype="str"),
                    "start": pd.Series([], dtype="datetime64[us]"),
                    "end": pd.Series([], dtype="datetime64[us]"),
                    "brand": pd.Series([], dtype="str"),
                }
            )
        df = pd.DataFrame(rows)
        df["start"] = pd.to_datetime(df["start"]).astype("datetime64[us]")
        df["end"] = pd.to_datetime(df["end"]).astype("datetime64[us]")
        front = ["period", "start", "end", "brand"]
        return df[front + [c for c in df.columns if c not in front]]

    def key_messages(
        self,
        brand: str,
        since: DateLike = None,
        until: DateLike = None,
        *,
        owned: bool | None = None,
    ) -> pd.DataFrame:
        """Which of the brand's key messages its mentions carry: one row per (mention, message).

        Columns: the mention's columns plus `key_message` (the phrase as configured). Matching
        is the echo rate's (case, punctuation and inflection do not matter). `owned=False` keeps
        others' mentions only: the messages that travelled.
        """
        b = self.settings.brand(brand)
        df = self.mentions(
            b.name,
            since,
            until,
            owned=owned,
            columns=[
                "item_id",
                "published",
                "day",
                "source",
                "kind",
                "author",
                "owned",
                "title",
                "text",
                "label",
                "story",
            ],
        )
        return analyses.key_message_carriers(df, b)

    def rising_terms(
        self,
        brand: str,
        since: DateLike = None,
        until: DateLike = None,
        *,
        baseline_days: int | None = None,
        alpha: float = 0.01,
    ) -> pd.DataFrame:
        """Terms in the brand's mentions rising in [since, until] against the days before.

        The baseline is the window of equal length just before `since`, or `baseline_days`
        days. Defaults: `until` = the brand's last day with mentions, `since` = 6 days earlier.
        A one-sided binomial test with a Bonferroni correction (analysis/trends.py), as the
        rising-term alerts use. Columns: term, current, baseline (documents), expected,
        ratio, p_value.
        """
        b = self.settings.brand(brand)
        last = _day(until, "until") or (
            self.day_range(b.name)[1].isoformat() if self.day_range(b.name)[1] else None
        )
        if last is None:
            return analyses.rising_terms_between(
                frames.empty(frames.MENTIONS), frames.empty(frames.MENTIONS), b, alpha=alpha
            )
        first = _day(since, "since") or (date.fromisoformat(last) - timedelta(days=6)).isoformat()
        if baseline_days is None:
            base_first, base_last = report.previous_window(first, last)
        else:
            start = date.fromisoformat(first)
            base_first = (start - timedelta(days=baseline_days)).isoformat()
            base_last = (start - timedelta(days=1)).isoformat()
        cols = ["item_id", "title", "text"]
        current = self.mentions(b.name, first, last, columns=cols)
        baseline = self.mentions(b.name, base_first, base_last, columns=cols)
        return analyses.rising_terms_between(current, baseline, b, alpha=alpha)

    def classify(self, texts: str | Iterable[str]) -> pd.DataFrame:
        """`koll.classify` with this workspace's sentiment model (the newest `koll train` stored,
        else the shipped one), i.e. the model that scored its mentions."""
        from ingest.rescore import activate_model
        from koll.sentiment import classify

        activate_model(self.store)
        return classify(texts)

    # -- stories, topics, alerts (computed by `koll analyse`) -----------------------------------

    def stories(
        self, brand: str, since: DateLike = None, until: DateLike = None, *, limit: int = 50
    ) -> pd.DataFrame:
        """The brand's multi-item stories in the window, largest first (`ingest.report.stories_for`).

        Columns: story (joins `mentions()["story"]`), size (items in the whole story), first/
        last_published, first_item_id, title, mentions and owned (the brand's, in the window),
        first_mention, updated_at. Empty (same columns) until `koll analyse` has run.
        """
        name = self.settings.brand(brand).name
        df = report.stories_for(
            self.store, name, _day(since, "since"), _day(until, "until"), limit=limit
        )
        return frames.typed(df.rename(columns={"id": "story"}), frames.STORIES)

    def topics(
        self, brand: Names = None, since: DateLike = None, until: DateLike = None
    ) -> pd.DataFrame:
        """Topics per brand, as the dashboard shows them (`ingest.report.topics_for`).

        With since/until: the topics `koll analyse` stored for exactly that period, else
        computed now for it (not stored). Without: the latest period `koll analyse` stored
        (its last 30 days). Columns: brand, topic_no (0 = largest), label, terms (list of
        str), size (mentions), share, representative_item_id, representative_title. Empty,
        same columns, when a brand has too few mentions. For each mention's topic see
        `mentions(with_topics=True)`.
        """
        s, u = _day(since, "since"), _day(until, "until")
        parts = []
        for name in self._brands(brand) or self.brand_names:
            df = report.topics_for(self.store, name, s, u, settings=self.settings)
            if not df.empty:
                parts.append(df.drop(columns=["id"], errors="ignore").assign(brand=name))
        if not parts:
            return frames.empty(frames.TOPICS)
        # Stored and freshly computed topics carry different bookkeeping columns: keep one shape.
        df = pd.concat(parts, ignore_index=True).reindex(columns=list(frames.TOPICS))
        return frames.typed(df, frames.TOPICS)

    def alerts(
        self,
        brand: Names = None,
        since: DateLike = None,
        until: DateLike = None,
        *,
        limit: int | None = None,
    ) -> pd.DataFrame:
        """Stored alerts (volume and tone spikes, rising terms), newest day first.

        Columns: id, brand, kind, day, subject, reason (readable, Swedish), value, baseline,
        p_value, created_at, delivered_at (NaT until the webhook got it).
        """
        names = self._brands(brand) or [None]
        parts = [
            report.alerts_list(self.store, n, _day(since, "since"), _day(until, "until"), limit)
            for n in names
        ]
        parts = [p for p in parts if not p.empty]
        if not parts:
            return frames.empty(frames.ALERTS)
        df = pd.concat(parts, ignore_index=True).sort_values(
            ["day", "id"], ascending=False, ignore_index=True
        )
        return frames.typed(df, frames.ALERTS)

    # -- lifecycle ----------------------------------------------------------------------------

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        from ingest.store import safe_url

        brands = ", ".join(self.brand_names) or "no brands"
        return f"<koll.Workspace {self.config_path} ({brands}) {safe_url(self.store.url)}>"
