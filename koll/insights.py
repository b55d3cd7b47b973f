"""The Workspace's analysis views: control, key messages, rising terms, stories, topics, alerts.

A mixin so that `Workspace` stays one object for analysts while its data loading
(koll/workspace.py) and its analyses (here) can each be read in one sitting. Every view calls
the library function the CLI and the dashboard use, so the numbers agree.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING

import pandas as pd

from analysis.windows import FIRST_DAY, until_not_after, window_end
from koll import analyses, frames, periods
from koll.args import MAX_ROWS, DateLike, Names, count_arg, rows_arg, window_arg
from koll.store import items as store_items
from koll.store import local_day, utcnow
from koll.store import views as report
from koll.store.views import control_report

if TYPE_CHECKING:
    from analysis.brands import Brand
    from analysis.sentiment_model import Model
    from koll.config import Settings
    from koll.store import Store


class Insights:
    """Mixed into `koll.Workspace`; relies on its settings, store, mentions() and day_range()."""

    _sentiment_model: Model | None = None  # classify()'s, kept while its version is in use

    if TYPE_CHECKING:  # what Workspace provides, declared for the type checker
        settings: Settings
        store: Store

        @property
        def brand_names(self) -> list[str]: ...

        _brands: Callable[[Names], list[str] | None]
        brand: Callable[[str], Brand]
        mentions: Callable[..., pd.DataFrame]
        day_range: Callable[[Names], tuple[date | None, date | None]]

    def _span(
        self, names: list[str], since: DateLike, until: DateLike
    ) -> tuple[str | None, str | None]:
        """The days of a calendar (daily(), control_over_time()): with `since` and no `until`
        up to today (Europe/Stockholm), as control()'s window; a missing bound is the first or
        last day with mentions of `names`, today at the latest."""
        first, last = _window(since, until)
        today = local_day(utcnow())
        last = window_end(first, last, today)
        if first is None:
            lo = self.day_range(names)[0]
            first = lo.isoformat() if lo else None
        if last is None and first is not None:  # no mention of `names`: no days to show
            last = self._newest_day(today)
        return first, last

    def _newest_day(self, today: str) -> str | None:
        """The newest day with mentions of any configured brand, not after today: where a
        default window ends, as the dashboard's default period and the day `koll analyse`'s
        alerts refer to (one rule). Not the asked brand's own newest day: a brand quiet for the
        last days while others were not ended its window before them, so its quiet days went
        unseen, and the window was not the dashboard's."""
        with self.store.connect() as conn:
            names = [b.name for b in self.settings.brands]
            return store_items.newest_mention_day(conn, names, today)

    # -- control ------------------------------------------------------------------------------

    def control(self, brand: str, since: DateLike = None, until: DateLike = None) -> dict:
        """The control components and index for one brand and inclusive window.

        The same function as `koll control --json` and the dashboard use; a component that
        cannot be measured is None. Without since/until: all history. A `since` or `until`
        after today (Europe/Stockholm) is a WindowError, as on the command line.
        """
        name = self.brand(brand).name
        return control_report(self.store, self.settings, name, *_window(since, until))

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
        range. With `since` and no `until` the range ends today, as control()'s window;
        otherwise a missing bound is the first or last day with mentions of the brand(s).
        `brand` may be a name, a list of names, or None for every configured brand.
        The last column, `partial`, is True for the period still running (its `end` after
        today, Europe/Stockholm): its figures are control(brand, start, today), its days so far.
        """
        names = self._brands(brand) or self.brand_names
        first, last = self._span(names, since, until)
        today = local_day(utcnow())
        rows = []
        for label, start, end in periods.calendar_periods(first, last, freq):
            # The running period is counted up to today, as control() counts (it refuses later
            # days): its days to come were quiet days that had not happened, and its new voices
            # were its few days against a whole period before them.
            partial = end > today
            for name in names:
                report = control_report(
                    self.store,
                    self.settings,
                    name,
                    start,
                    today if partial else end,
                    unanswered_limit=0,
                )
                report.pop("since", None)
                report.pop("until", None)
                report.pop("unanswered", None)  # a list of threads: see unanswered()
                rows.append(
                    {"period": label, "start": start, "end": end, **report, "partial": partial}
                )
        if not rows:
            return frames.empty(_CONTROL)
        df = frames.typed(pd.DataFrame(rows), _CONTROL)
        front = ["period", "start", "end", "brand"]
        return df[front + [c for c in df.columns if c not in front]]

    def unanswered(
        self,
        brand: str,
        since: DateLike = None,
        until: DateLike = None,
        *,
        limit: int | None = None,
    ) -> pd.DataFrame:
        """The comment threads the brand has not answered in the window, newest outside comment
        first: `control()["unanswered"]` as a DataFrame, all of them unless `limit` is given.

        Columns: item_id, title, url, source, owned (the post is on the brand's own channel),
        outside_comments, and the latest outside comment's latest_item_id, latest_author,
        latest_at (Europe/Stockholm), latest_snippet, latest_label, latest_score,
        latest_confidence, latest_url.
        """
        name = self.brand(brand).name
        report = control_report(
            self.store,
            self.settings,
            name,
            *_window(since, until),
            unanswered_limit=None if limit is None else rows_arg(limit, "limit", 0),
        )
        rows = report["unanswered"]
        if not rows:
            return frames.empty(frames.UNANSWERED)
        return frames.typed(pd.DataFrame(rows, columns=list(frames.UNANSWERED)), frames.UNANSWERED)

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
        b = self.brand(brand)
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
        days; the default one starts on 1900-01-01 at the earliest (none before a window from
        that day). With `since` and no `until` the window ends today (Europe/Stockholm), as in
        `control()`. Without either: `until` = the newest day with mentions of any brand (today
        at the latest; the dashboard's default period ends there too), `since` = 6 days earlier;
        for a brand without mentions, an empty table.
        A one-sided binomial test with a Bonferroni correction (analysis/trends.py), as the
        rising-term alerts use. Columns: term, current, baseline (documents), expected,
        ratio (current / max(expected, 0.5): analysis.trends.RATIO_FLOOR), p_value.
        """
        b = self.brand(brand)
        since, until = _window(since, until)
        if baseline_days is not None:
            baseline_days = count_arg(baseline_days, "baseline_days", 1)
        alpha = _alpha(alpha)
        # With a first day only, the window ends today, as control()'s does (a last day with
        # mentions before `since` made an error about an `until` never given).
        today = local_day(utcnow())
        until = window_end(since, until, today)
        last = until
        if last is None:
            last = self._newest_day(today) if self.day_range(b.name)[1] else None
        if last is None:
            return analyses.rising_terms_between(
                frames.empty(frames.MENTIONS), frames.empty(frames.MENTIONS), b, alpha=alpha
            )
        # Windows start in 1900 at the earliest (analysis.windows.FIRST_DAY), the default one
        # and the baseline too: a day before it was refused as a `since` never given.
        floor = FIRST_DAY.isoformat()
        first = since or max((date.fromisoformat(last) - timedelta(days=6)).isoformat(), floor)
        if baseline_days is None:
            before = report.previous_window(first, last)
            assert before is not None  # from 1900 on, more days lie before than any window has
            # Shorter where the window before would start before 1900; none for a window
            # from 1900-01-01.
            base_first, base_last = max(before[0], floor), before[1]
        else:
            start = date.fromisoformat(first)
            base_first = _baseline_start(start, baseline_days)
            base_last = (start - timedelta(days=1)).isoformat()
        cols = ["item_id", "title", "text", "kind"]
        current = self.mentions(b.name, first, last, columns=cols)
        baseline = (
            self.mentions(b.name, base_first, base_last, columns=cols)
            if base_last >= floor
            else frames.empty(frames.MENTIONS, cols)
        )
        return analyses.rising_terms_between(current, baseline, b, alpha=alpha)

    def classify(self, texts: str | Iterable[str]) -> pd.DataFrame:
        """`koll.classify` with this workspace's sentiment model (the one `koll train` stored
        last or chose with --use, else the shipped one), i.e. the model that scored its
        mentions. Only this call uses it: `koll.classify` and other workspaces keep theirs."""
        from koll.jobs.rescore import workspace_model
        from koll.sentiment import classify_with

        # Read per call (a `koll train` meanwhile counts), the blob only when the version moved.
        self._sentiment_model = workspace_model(self.store, self._sentiment_model)
        return classify_with(texts, self._sentiment_model)

    # -- stories, topics, alerts (computed by `koll analyse`) -----------------------------------

    def stories(
        self,
        brand: str,
        since: DateLike = None,
        until: DateLike = None,
        *,
        limit: int | None = 50,
    ) -> pd.DataFrame:
        """The brand's multi-item stories in the window, largest first (`koll.store.views.stories_for`),
        at most `limit` of them (None: all, as in unanswered() and alerts()).

        Columns: story (joins `mentions()["story"]`), size (items in the whole story), first/
        last_published, first_item_id, title, mentions and owned (the brand's, in the window),
        first_mention, updated_at. Empty (same columns) until `koll analyse` has run.
        """
        name = self.brand(brand).name
        # None as the most rows a table holds (args.MAX_ROWS) is no limit.
        limit = MAX_ROWS if limit is None else rows_arg(limit, "limit", 0)
        df = report.stories_for(self.store, name, *window_arg(since, until), limit=limit)
        # The store gives the story's own columns first (updated_at among them): the documented
        # order puts the brand's counts before the bookkeeping.
        df = df.rename(columns={"id": "story"})[list(frames.STORIES)]
        return frames.typed(df, frames.STORIES)

    def topics(
        self, brand: Names = None, since: DateLike = None, until: DateLike = None
    ) -> pd.DataFrame:
        """Topics per brand, as the dashboard shows them (`koll.store.views.topics_for`).

        With since/until: the topics `koll analyse` stored for exactly that period, else
        computed now for it (not stored). With `since` and no `until` the window ends today, as
        control()'s (WindowError for a `since` after today). Without either: the latest period
        `koll analyse` stored (its last 30 days). Columns: brand, topic_no (0 = largest), label, terms (list of
        str), size (mentions), share, representative_item_id, representative_title. Empty,
        same columns, when a brand has too few mentions. For each mention's topic see
        `mentions(with_topics=True)`.
        """
        s, u = _window(since, until)
        # As control()'s window: a first day after today was a silent empty frame, which read
        # as a quiet period.
        u = window_end(s, u, local_day(utcnow()))
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
        p_value, created_at, delivered_at (NaT until the webhook got it), details (a dict: why
        it fired).
        """
        names: Sequence[str | None] = self._brands(brand) or [None]  # None: every brand
        limit = None if limit is None else rows_arg(limit, "limit", 0)
        parts = [report.alerts_list(self.store, n, *window_arg(since, until), limit) for n in names]
        parts = [p for p in parts if not p.empty]
        if not parts:
            return frames.empty(frames.ALERTS)
        df = pd.concat(parts, ignore_index=True).sort_values(
            ["day", "id"], ascending=False, ignore_index=True
        )
        # Each brand's newest `limit` hold the newest `limit` of them all: the limit is for the
        # whole frame, as `koll alerts --limit`, not for each brand.
        return frames.typed(df if limit is None else df.head(limit), frames.ALERTS)


# control_over_time()'s columns: the documented ones (frames.CONTROL), then `partial`, last so
# that code reading the columns by position keeps working.
_CONTROL = {**frames.CONTROL, "partial": "bool"}


def _window(since: DateLike, until: DateLike) -> tuple[str | None, str | None]:
    """window_arg's days, and a WindowError naming `until` and today when `until` is after today
    (Europe/Stockholm), as the command line's windows (analysis.windows.until_not_after): the
    days to come have no mentions yet, and counted as zeros they read as quiet days.

    For the views that count over a window; mentions() and the other row readers return what is
    stored, an item a feed dated ahead included."""
    first, last = window_arg(since, until)
    until_not_after(last, local_day(utcnow()))
    return first, last


def _baseline_start(start: date, days: int) -> str:
    """The first day of the `days` days before `start`; ValueError naming baseline_days when
    that is before 1900-01-01, the first day windows take (10**9 days overflowed the date)."""
    most = (start - FIRST_DAY).days
    if days > most:
        raise ValueError(
            f"baseline_days: expected at most {most} (the days from {FIRST_DAY} to the window's "
            f"first day {start}), got {days}"
        )
    return (start - timedelta(days=days)).isoformat()


def _alpha(value: object) -> float:
    """A significance level, above 0 and below 1 (at 1 every term would be rising)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"alpha: expected a number between 0 and 1, got {value!r}")
    if not 0 < value < 1:
        raise ValueError(f"alpha: expected a number between 0 and 1, got {value!r}")
    return float(value)
