"""The topics and alerts steps of `koll analyse`: read mentions, run analysis/, store the results."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, timedelta

import numpy as np
import pandas as pd

from analysis.alerts import BASELINE_DAYS, explain, rising_alerts, spikes
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
    """The newest day with mentions, not after today: 'today' for a store that stopped growing.
    The day every default window ends on (koll.store.items.newest_mention_day), so the topics
    and alerts `koll analyse` stores are of the days the API and the dashboard show."""
    with store.connect() as conn:
        # Every mention counts, undated and backfilled ones too: a store of undated items still
        # has a newest day.
        return store_items.newest_mention_day(
            conn, [b.name for b in settings.brands], local_day(now)
        )


def update_topics(store: Store, settings: Settings, now: datetime, *, full: bool = False) -> dict:
    """Topics per brand for the last TOPIC_PERIOD_DAYS, and for all history once a day."""
    ref = reference_day(store, settings, now)
    out: dict = {}
    if ref is None:
        return out
    since = _day(date.fromisoformat(ref) - timedelta(days=TOPIC_PERIOD_DAYS - 1))
    for b in settings.brands:
        counts: dict[str, str | int] = {}
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
    """Volume, negative-tone, rising-term and rising-topic alerts up to the reference day; the
    ones not stored yet come with their explanation (analysis.alerts.explain)."""
    found: list[dict] = []
    for b in settings.brands:
        found += _brand_alerts(store, b, ref)
    return found


def _brand_alerts(store: Store, b, ref: str) -> list[dict]:
    ref_d = date.fromisoformat(ref)
    days = [_day(ref_d - timedelta(days=i)) for i in range(ALERT_DAYS - 1, -1, -1)]
    base_start = _day(ref_d - timedelta(days=BASELINE_DAYS))
    with store.connect() as conn:
        daily = store_alerts.daily_counts(conn, b.name)
        recent = store_items.load_mentions(conn, b.name, base_start, ref)
        left_out = store_alerts.not_in_spikes(conn, b.name, base_start, ref)
    found = spikes(b.name, daily, [d for d in days if d in set(daily["day"])])
    if left_out:  # rising terms, topics and explanations count as spikes do (NOT_IN_SPIKES)
        recent = recent[~recent["key"].isin(left_out)]
    words = brand_words((*b.terms, *b.people))
    topic_masks: dict[str, object] = {}
    if not recent.empty:
        recent = recent.drop_duplicates("key").reset_index(drop=True)
        found += _rising(b.name, ref, recent, words, topic_masks)
        if any(a["kind"] == "topic" for a in found):
            with store.connect() as conn:
                alerted = store_alerts.topic_alerts(conn, b.name, ref)
            found = [a for a in found if not _alerted_before(a, alerted, recent, topic_masks)]
    return _explained(store, b.name, ref, found, recent, words, topic_masks)


def _topic_key(label: str) -> str:
    """A topic alert's key part: its label's words in sorted order. The QA pass saw
    'dubbelfakturering · kundtjänsten · besviken' come back as 'kundtjänsten ·
    dubbelfakturering · besviken' (the same 9 mentions) after unrelated posts were ingested:
    the label's word order follows the words' weights, which move when topics are recomputed."""
    return " · ".join(sorted(label.split(" · ")))


def _alerted_before(a: dict, alerted: list[dict], recent, topic_masks: dict) -> bool:
    """Whether topic alert `a` (not stored under its key) is a topic alerted already on its day
    under another label: the labels share at least two words and the earlier alert's example
    mentions are among this topic's mentions. The QA pass saw 'dubbla · fakturor · skandalöst'
    come back as 'dubbla · fakturor · oacceptabelt' with the same examples; sharing two words is
    not enough alone ('elmätare · krånglar · fungerar' and 'elbil · krånglar · fungerar' were
    two topics of the same day, with different mentions)."""
    if a["kind"] != "topic" or a["key"] in {s["key"] for s in alerted}:
        return False
    mask = topic_masks.get(a["key"])
    if mask is None:
        return False
    urls = set(recent.loc[mask, "url"].dropna())
    words = set(str(a["subject"]).split(" · "))
    for s in alerted:
        shown = {e.get("url") for e in s["details"].get("examples") or ()} - {None}
        same_words = len(words & set(str(s["subject"]).split(" · "))) >= 2
        if same_words and shown and shown <= urls:
            return True
    return False


def _rising(brand: str, ref: str, recent, words: list[str], topic_masks: dict) -> list[dict]:
    """Rising-term and rising-topic alerts of the reference day against the days before it;
    `topic_masks` gets each topic alert's mentions (a mask over `recent`)."""
    texts = doc_texts(recent)
    is_cur = (recent["day"] == ref).to_numpy()
    if not is_cur.any() or is_cur.all():
        return []
    # An alert interrupts someone: a term must be in at least 5 of today's mentions.
    terms = rising_terms(texts[is_cur].tolist(), texts[~is_cur].tolist(), drop=words, min_count=5)
    found = rising_alerts(brand, ref, "term", terms)
    res = find_topics(recent, drop_words=words)
    if res.topics:
        labels = {t["topic_no"]: t["label"] for t in res.topics}
        a = res.assignment
        cur = Counter(int(x) for x in a[is_cur] if x >= 0)
        base = Counter(int(x) for x in a[~is_cur] if x >= 0)
        table = rising(cur, base, int(is_cur.sum()), int((~is_cur).sum()))
        if not table.empty:
            table["term"] = table["key"].map(labels)
            for no, label in zip(table["key"], table["term"], strict=True):
                topic_masks[f"{brand}|topic|{ref}|{_topic_key(label)}"] = (a == no) & is_cur
            # The label's words, in any order, identify the topic in the alert key.
            table["key"] = table["term"].map(_topic_key)
        found += rising_alerts(brand, ref, "topic", table)
    return found


def _explained(store, brand, ref, found, recent, words, topic_masks) -> list[dict]:
    """`found` with the alerts not stored yet explained from their day's mentions (stored ones
    keep the explanation they were stored with)."""
    with store.connect() as conn:
        new = {a["key"] for a in found} - store_alerts.stored_keys(conn, [a["key"] for a in found])
        start = min((a["day"] for a in found if a["key"] in new), default=ref)
        start = _day(date.fromisoformat(start) - timedelta(days=BASELINE_DAYS))
        first = (
            recent["day"].min()
            if not recent.empty
            else _day(date.fromisoformat(ref) + timedelta(days=1))
        )
        if new and start < first:
            # An older spike: its own baseline days come after the frame read for detection
            # (appended, so the topic masks over the first rows stay where they are).
            before = _day(date.fromisoformat(first) - timedelta(days=1))
            older = store_items.load_mentions(conn, brand, start, before).drop_duplicates("key")
            recent = pd.concat([recent, older], ignore_index=True)
    if not new or recent.empty:
        return found
    texts = doc_texts(recent)
    out = []
    for a in found:
        if a["key"] not in new:
            out.append(a)
            continue
        d = date.fromisoformat(a["day"])
        on_day = (recent["day"] == a["day"]).to_numpy()
        before = (
            (recent["day"] < a["day"]) & (recent["day"] >= _day(d - timedelta(days=BASELINE_DAYS)))
        ).to_numpy()
        mask = topic_masks.get(a["key"])
        out.append(
            explain(
                a,
                recent[on_day],
                texts[on_day],
                texts[before].tolist(),
                words,
                mask=None if mask is None else _padded(mask, len(recent))[on_day],
            )
        )
    return out


def _padded(mask, n: int):
    out = np.zeros(n, dtype=bool)
    out[: len(mask)] = mask
    return out


def update_alerts(store: Store, settings: Settings, now: datetime, *, deliver: bool = True) -> dict:
    """Detect and store alerts; post new ones to the configured webhook once each."""
    ref = reference_day(store, settings, now)
    if ref is None:
        return {"new": 0}
    found = detect_alerts(store, settings, ref)
    with store.begin() as conn:
        new = store_alerts.insert_alerts(conn, found, now)
    out: dict = {"new": new, "checked_until": ref}
    n = settings.notify
    if deliver and n.webhook_url:
        from koll.jobs.notify import deliver_alerts

        min_day = _day(date.fromisoformat(ref) - timedelta(days=DELIVER_DAYS))
        out["webhook"] = deliver_alerts(
            store,
            n.webhook_url,
            now=now,
            min_day=min_day,
            fmt=n.webhook_format,
            dashboard_url=n.dashboard_url,
            cooldown=timedelta(seconds=n.cooldown_s),
            lang=settings.dashboard.language,
            budget_s=n.webhook_budget_s,
        )
    return out
