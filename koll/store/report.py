"""What a digest or a report says about one brand and window, read once for every front end: the
control components now and in the window before, what moved the index, the largest stories, the
alerts; and for the report the days, competitors, sources and topics behind them.

The numbers come from the same views as `koll control` and the dashboard (koll.store.views,
koll.store.aggregates), so a digest, a report and the browser never disagree.
"""

from __future__ import annotations

from dataclasses import asdict

from analysis.index_change import index_drivers
from analysis.windows import WindowError
from koll.store import Store, aggregates
from koll.store import items as store_items
from koll.store import stories as store_stories
from koll.store.filters import Filter
from koll.store.views import (
    Settings,
    alerts_list,
    control_report,
    previous_window,
    topics_for,
)

DIGEST_STORIES = 3
REPORT_STORIES = 8
REPORT_SOURCES = 10
# A report or digest lists this many alerts with their explanation; a day of many rising words
# and topics would otherwise bury the rest. The sentence on alerts counts every one.
ALERTS_SHOWN = 20
# Which alerts are listed when there are more: a volume spike or a turn to negative tone says
# more about the brand than one more rising word or topic (unknown kinds come last).
ALERT_IMPORTANCE = ("volume", "negative", "term", "topic")


def _stories(store: Store, brand: str, since: str, until: str, limit: int) -> list[dict]:
    """The window's largest stories about the brand, each with its first item's title and link."""
    with store.connect() as conn:
        df = store_stories.load_stories(conn, brand, since, until, limit)
        heads = store_stories.story_heads(conn, df["id"].tolist()) if len(df) else {}
    out = []
    for r in df.itertuples(index=False):
        head = heads.get(int(r.id), {})
        url = head.get("url")
        out.append(
            {
                "id": int(r.id),
                "title": r.title or head.get("title") or "",
                "url": url
                if isinstance(url, str) and url.startswith(("http:", "https:"))
                else None,
                "source": head.get("source"),
                "size": int(r.size),
                "mentions": int(r.mentions),
                "owned": int(r.owned or 0),
            }
        )
    return out


def _alerts(store: Store, brand: str, since: str, until: str) -> tuple[list[dict], dict]:
    """The window's alerts to list (at most ALERTS_SHOWN, the most important kinds first, then
    the newest and strongest), in the order of their days; and every alert's count by kind, in
    order of importance."""
    df = alerts_list(store, brand, since, until, limit=None)
    if not len(df):
        return [], {}
    rank = {k: i for i, k in enumerate(ALERT_IMPORTANCE)}
    df["rank"] = df["kind"].map(lambda k: rank.get(k, len(rank)))
    counts = df["kind"].value_counts()
    kept = df.sort_values(
        ["rank", "day", "p_value", "id"], ascending=[True, False, True, False], na_position="last"
    ).head(ALERTS_SHOWN)
    shown = kept.sort_values(["day", "rank", "id"]).drop(columns="rank")
    kinds = sorted(counts.index, key=lambda k: (rank.get(k, len(rank)), str(k)))
    return shown.to_dict("records"), {str(k): int(counts[k]) for k in kinds}


def summary(
    store: Store,
    settings: Settings,
    brand: str,
    since: str,
    until: str,
    *,
    stories: int = DIGEST_STORIES,
) -> dict:
    """One brand and window: `control` (koll control's object) and `before` (the window of equal
    length just before), `drivers` (each component's part in the index's change, largest
    first), `stories`, `unanswered` (the threads waiting for an answer), `alerts` (the ones to
    list, with their details), `alert_counts` (every alert of the window by kind) and the
    windows' days."""
    b = settings.brand(brand)
    before_days = previous_window(since, until)
    if before_days is None:  # days from 1900 (koll.args, the dashboard's URL) always have one
        raise WindowError("{since} " + since + " leaves no window before it to compare with")
    ps, pu = before_days
    now = control_report(store, settings, b.name, since, until)
    before = control_report(store, settings, b.name, ps, pu)
    drivers = [asdict(d) for d in index_drivers(now, before, settings.control_weights)]
    alerts, alert_counts = _alerts(store, b.name, since, until)
    return {
        "brand": b.name,
        "since": since,
        "until": until,
        "previous": [ps, pu],
        "control": now,
        "before": before,
        "drivers": drivers,
        "stories": _stories(store, b.name, since, until, stories),
        # The threads waiting for an answer, newest first (koll control's `unanswered`).
        "unanswered": list(now.get("unanswered") or []),
        "alerts": alerts,
        "alert_counts": alert_counts,
        # The index is a weighted mean when [control.weights] weighs a part other than 1.
        "weighted": any(v != 1 for v in settings.control_weights.values()),
    }


def report_data(store: Store, settings: Settings, brand: str, since: str, until: str) -> dict:
    """The summary plus what the report draws: `daily` (per day and brand: mentions, owned,
    earned, pos, neu, neg; the brand and its competitors), `sources` (the top sources and the
    HHI summary) and `topics`."""
    out = summary(store, settings, brand, since, until, stories=REPORT_STORIES)
    b = settings.brand(brand)
    with store.connect() as conn:
        stored = store_items.stored_brands(conn)
        names = store_items.spellings(stored, b.name)
        rivals = [n for c in b.competitors for n in store_items.spellings(stored, c)]
        daily = aggregates.daily(conn, Filter(brands=(*names, *rivals), since=since, until=until))
        top, totals = aggregates.sources(
            conn, Filter(brands=tuple(names), since=since, until=until), REPORT_SOURCES
        )
    # Stored spellings of a name (case) are one brand in every chart.
    canon = {c.casefold(): c for c in (b.name, *b.competitors)}
    daily["brand"] = daily["brand"].map(lambda n: canon.get(str(n).casefold(), n))
    daily = daily.groupby(["day", "brand"], as_index=False).sum(numeric_only=True)
    topics = topics_for(store, b.name, since, until, settings)
    out.update(
        competitors=list(b.competitors),
        daily=daily.to_dict("records"),
        sources=top.to_dict("records"),
        source_totals=totals,
        topics=topics.head(8).to_dict("records"),
    )
    return out
