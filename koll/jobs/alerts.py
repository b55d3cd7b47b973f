"""The topics and alerts steps of `koll analyse`: read mentions, run analysis/, store the results."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, timedelta

from analysis.alerts import BASELINE_DAYS, rising_alerts, spikes
from analysis.topics import brand_words, doc_texts, find_topics
from analysis.trends import rising, rising_terms
from koll.config import Settings
from koll.store import Store, local_day, to_db
from koll.store import alerts as store_alerts
from koll.store import items as store_items
from koll.store import topics as store_topics

TOPIC_PERIOD_DAYS = 30  # "the last month" is what communication staff look at
ALERT_DAYS = 14  # spikes are (re)checked for this many recent days
DELIVER_DAYS = 2  # older undelivered alerts are shown but not pushed to the webhook
ALL_HISTORY_EVERY = timedelta(hours=20)  # all-history topics: recomputed about once a day


def _day(d: date) -> str:
    return d.isoformat()


def reference_day(store: Store, settings: Settings, now: datetime) -> str | None:
    """The latest day with mentions, not after today: 'today' for a store that stopped growing."""
    today = local_day(now)
    best = None
    with store.connect() as conn:
        for b in settings.brands:
            df = store_alerts.daily_counts(conn, b.name)
            days = [d for d in df["day"] if d <= today]
            if days and (best is None or days[-1] > best):
                best = days[-1]
    return best


def update_topics(store: Store, settings: Settings, now: datetime, *, full: bool = False) -> dict:
    """Topics per brand for the last TOPIC_PERIOD_DAYS, and for all history once a day."""
    ref = reference_day(store, settings, now)
    out: dict = {}
    if ref is None:
        return out
    since = _day(date.fromisoformat(ref) - timedelta(days=TOPIC_PERIOD_DAYS - 1))
    for b in settings.brands:
        counts = {}
        for s, u in ((since, ref), (None, None)):
            with store.connect() as conn:
                if s is None and not full:
                    # All history barely moves between runs; reading it all is the costly part.
                    made = store_topics.topics_created(conn, b.name, s, u)
                    if made is not None and to_db(now) - made < ALL_HISTORY_EVERY:
                        counts[".."] = "kept"
                        continue
                df = store_items.load_mentions(conn, b.name, s, u)
            res = (
                find_topics(df, drop_words=brand_words((*b.terms, *b.people)))
                if not df.empty
                else None
            )
            rows = res.topics if res else []
            with store.begin() as conn:
                store_topics.replace_topics(conn, b.name, s, u, rows, now)
            counts[f"{s or ''}..{u or ''}"] = len(rows)
        out[b.name] = counts
    return out


def detect_alerts(store: Store, settings: Settings, ref: str) -> list[dict]:
    """Volume, negative-tone, rising-term and rising-topic alerts up to the reference day."""
    ref_d = date.fromisoformat(ref)
    days = [_day(ref_d - timedelta(days=i)) for i in range(ALERT_DAYS - 1, -1, -1)]
    base_start = _day(ref_d - timedelta(days=BASELINE_DAYS))
    found: list[dict] = []
    for b in settings.brands:
        with store.connect() as conn:
            daily = store_alerts.daily_counts(conn, b.name)
            recent = store_items.load_mentions(conn, b.name, base_start, ref)
            left_out = store_alerts.not_in_spikes(conn, b.name, base_start, ref)
        found += spikes(b.name, daily, [d for d in days if d in set(daily["day"])])
        if left_out:  # rising terms and topics are spikes too (store_alerts.NOT_IN_SPIKES)
            recent = recent[~recent["key"].isin(left_out)]
        if recent.empty:
            continue
        recent = recent.drop_duplicates("key")
        texts = doc_texts(recent)
        is_cur = (recent["day"] == ref).to_numpy()
        if not is_cur.any() or is_cur.all():
            continue
        words = brand_words((*b.terms, *b.people))
        # An alert interrupts someone: a term must be in at least 5 of today's mentions.
        terms = rising_terms(
            texts[is_cur].tolist(), texts[~is_cur].tolist(), drop=words, min_count=5
        )
        found += rising_alerts(b.name, ref, "term", terms)
        res = find_topics(recent, drop_words=words)
        if res.topics:
            labels = {t["topic_no"]: t["label"] for t in res.topics}
            a = res.assignment
            cur = Counter(int(x) for x in a[is_cur] if x >= 0)
            base = Counter(int(x) for x in a[~is_cur] if x >= 0)
            table = rising(cur, base, int(is_cur.sum()), int((~is_cur).sum()))
            if not table.empty:
                table["term"] = table["key"].map(labels)
                table["key"] = table["term"]  # the label identifies the topic in the alert key
            found += rising_alerts(b.name, ref, "topic", table)
    return found


def update_alerts(store: Store, settings: Settings, now: datetime, *, deliver: bool = True) -> dict:
    """Detect and store alerts; POST new ones to the configured webhook once each."""
    ref = reference_day(store, settings, now)
    if ref is None:
        return {"new": 0}
    found = detect_alerts(store, settings, ref)
    with store.begin() as conn:
        new = store_alerts.insert_alerts(conn, found, now)
    out: dict = {"new": new, "checked_until": ref}
    if deliver and settings.alerts.webhook:
        from koll.jobs.notify import deliver_alerts

        min_day = _day(date.fromisoformat(ref) - timedelta(days=DELIVER_DAYS))
        out["webhook"] = deliver_alerts(store, settings.alerts.webhook, now=now, min_day=min_day)
    return out
