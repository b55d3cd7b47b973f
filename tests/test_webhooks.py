"""Alerts in Slack, Teams and plain JSON, posted to local receivers that check every message
against its format's documented shape; retries with backoff; the cooldown per brand and kind."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pandas as pd
import pytest

from analysis.alerts import explain, spikes
from analysis.topics import doc_texts
from koll.jobs.notify import deliver_alerts, post_with_retries
from koll.jobs.webhook_formats import guess_format
from koll.store import Store
from koll.store import alerts as store_alerts
from tests.webhook_receiver import Receiver, problems

NOW = datetime(2026, 11, 17, 20, tzinfo=UTC)
SPIKE = "2026-11-17"
DASH = "https://koll.example.se"
HOSTILE = "Fjällkraft <b>&</b> [länk](javascript:x) | *fet* _kursiv_"


def _mentions() -> pd.DataFrame:
    """14 quiet days, then a storm day: outage posts, most negative, one with a hostile title."""
    rows = []
    d0 = date.fromisoformat(SPIKE)
    for i in range(1, 15):
        day = (d0 - timedelta(days=i)).isoformat()
        rows.append((day, f"Fjällkraft bygger vindkraft {i}", "Vanlig dag", "blogg", "pos"))
        rows.append(
            (day, f"Elpris och Fjällkraft {i}", "Vanlig dag i forumet", "energiforum.se", "neu")
        )
    for j in range(14):
        src = ("energiforum.se", "norrlandsposten.se", "dagbladetnorr.se")[j % 3]
        title = HOSTILE if j == 0 else f"Strömavbrott i Malå, Fjällkraft kritiseras {j}"
        text = f"Strömavbrottet i Malå drabbar tusentals kunder. Fjällkraft svarar inte {j}. " * 6
        rows.append((SPIKE, title, text, src, "neg" if j % 4 else "neu"))
    df = pd.DataFrame(rows, columns=["day", "title", "text", "source", "label"])
    df["key"] = [f"https://{s}/{i}" for i, s in enumerate(df["source"])]
    df["url"] = df["key"]
    df["owned"] = df["source"] == "blogg"
    df["kind"] = "news"
    df["published"] = pd.to_datetime(df["day"]).dt.tz_localize(UTC) + pd.Timedelta(hours=9)
    return df


def explained_alerts(brand: str = "Fjällkraft") -> list[dict]:
    df = _mentions()
    daily = (
        df.assign(earned=~df["owned"], negative=(~df["owned"]) & (df["label"] == "neg"))
        .groupby("day")
        .agg(mentions=("key", "size"), earned=("earned", "sum"), negative=("negative", "sum"))
        .reset_index()
    )
    found = spikes(brand, daily, [SPIKE])
    assert {a["kind"] for a in found} == {"volume", "negative"}
    texts = doc_texts(df)
    on, before = (df["day"] == SPIKE).to_numpy(), (df["day"] < SPIKE).to_numpy()
    return [explain(a, df[on], texts[on], texts[before].tolist(), ["fjällkraft"]) for a in found]


def store_with(database_url: str, alerts: list[dict]) -> Store:
    store = Store(database_url)
    with store.begin() as conn:
        store_alerts.insert_alerts(conn, alerts, NOW)
    return store


def test_explanations_say_why_in_plain_swedish():
    vol, neg = sorted(explained_alerts(), key=lambda a: a["kind"] != "volume")
    d = vol["details"]
    assert d["size"]["mentions"] == 14 and "gånger så många" in vol["reason"]
    assert "strömavbrottet" in d["terms"] or "malå" in [t.lower() for t in d["terms"]]
    assert [s for s, _ in d["sources"]][:1] == ["energiforum.se"]
    assert d["tone"]["neg"] == 10 and len(d["examples"]) == 2
    assert all(len(e["snippet"]) <= 201 for e in d["examples"])  # a teaser, never the article
    assert len({e["source"] for e in d["examples"]}) == 2  # two sources when there are two
    assert neg["details"]["examples"][0]["label"] == "neg"  # tone alerts show the tone
    assert "från andra var negativa" in neg["reason"] and "p =" not in neg["reason"]


@pytest.mark.parametrize("fmt", ["slack", "teams", "json"])
def test_each_format_is_accepted_by_its_receiver(database_url, fmt):
    store = store_with(database_url, explained_alerts())
    with Receiver(fmt) as hook:
        res = deliver_alerts(store, hook.url, now=NOW, min_day="2026-11-15", fmt=fmt,
                             dashboard_url=DASH, delays=())  # fmt: skip
    assert hook.invalid == [] and res == {"sent": 2, "failed": 0, "held": 0}
    assert len(hook.posts) == 2  # volume and negative: two kinds, two messages
    text = str(hook.posts)
    assert (
        "Fjällkraft: ovanligt många omnämnanden" in text and "Fjällkraft: negativ ton ökar" in text
    )
    assert "https://energiforum.se/" in text  # the examples link to the mentions
    assert f"{DASH}/mentions?brand=Fj%C3%A4llkraft&since={SPIKE}&until={SPIKE}" in text
    shown = [p.get("text", "") for p in hook.posts] if fmt == "json" else [text]
    assert all("p = " not in t and "e-0" not in t for t in shown)  # no test statistics
    assert hook.headers[0]["Content-Type"] == "application/json"
    store.close()


def test_slack_blocks_are_what_slack_shows():
    vol = explained_alerts()[0]
    with Receiver("slack") as hook:
        from koll.jobs.webhook_formats import slack

        body = slack([vol, {**vol, "day": "2026-11-16"}], [f"{DASH}/x", None], "sv")
        assert problems("slack", body) == []
    types = [b["type"] for b in body["blocks"]]
    assert types[0] == "header" and types[-1] == "actions"
    assert body["blocks"][-1]["elements"][0]["url"] == f"{DASH}/x"
    assert "Också (1 larm till av samma slag)" in str(body)
    # The hostile title is escaped, not markup: Slack would otherwise render or break on it.
    assert "&lt;b&gt;&amp;&lt;/b&gt;" in str(body) and "<b>" not in str(body)
    assert hook.posts == []


def test_teams_card_in_english():
    from koll.jobs.webhook_formats import teams

    vol = explained_alerts()[0]
    body = teams([vol], [f"{DASH}/mentions"], "en")
    assert problems("teams", body) == []
    card = body["attachments"][0]["content"]
    assert card["body"][0]["text"] == "Fjällkraft: unusually many mentions"
    assert card["actions"][0] == {
        "type": "Action.OpenUrl",
        "title": "Open in koll",
        "url": f"{DASH}/mentions",
    }
    facts = {f["title"]: f["value"] for f in card["body"][2]["facts"]}
    assert set(facts) == {"Words", "Sources", "Tone"} and facts["Tone"].startswith(
        "mostly negative"
    )
    assert "[länk]" not in str(card)  # brackets in a title cannot become a link


def test_a_malformed_message_is_refused_by_the_receivers():
    # The receivers are strict enough to fail koll: the shapes really are checked.
    assert problems("slack", {"text": "x", "blocks": [{"type": "header", "text": "x"}]})
    assert problems(
        "slack",
        {"text": "x", "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": "a < b"}}]},
    )
    card = {"type": "AdaptiveCard", "version": "1.4", "body": [{"type": "TextBlock", "txt": "x"}]}
    assert problems(
        "teams",
        {
            "type": "message",
            "attachments": [
                {"contentType": "application/vnd.microsoft.card.adaptive", "content": card}
            ],
        },
    )
    assert problems("json", {"brand": "B"})


def test_format_is_guessed_from_the_url():
    assert guess_format("https://hooks.slack.com/services/T0/B0/X") == "slack"
    assert guess_format("https://contoso.webhook.office.com/webhookb2/abc") == "teams"
    assert guess_format("https://prod-12.westeurope.logic.azure.com:443/workflows/x") == "teams"
    assert (
        guess_format("https://default1.environment.api.powerplatform.com/powerautomate/x")
        == "teams"
    )
    assert guess_format("https://example.se/hooks/slack.com") == "json"
    assert guess_format("http://127.0.0.1:9/hook") == "json"


def test_retries_back_off_and_honour_retry_after():
    slept: list[float] = []
    with Receiver("json") as hook:
        body = {"x": 1}
        hook.fmt = "raw"
        hook.script = [(503, {}), (429, {"Retry-After": "3"})]
        answer = post_with_retries(hook.url, body, 5, delays=(0.5, 1.0), sleep=slept.append)
        assert answer.ok and slept == [0.5, 3.0]  # Retry-After wins over the shorter backoff
        hook.script = [(400, {})]  # a final answer: no second try
        answer = post_with_retries(hook.url, body, 5, delays=(0.5, 1.0), sleep=slept.append)
        assert not answer.ok and answer.reason == "HTTP 400" and slept == [0.5, 3.0]
        hook.script = [(429, {"Retry-After": "3600"})]  # too long for a cron run: next run
        answer = post_with_retries(hook.url, body, 5, delays=(0.5,), sleep=slept.append)
        assert not answer.ok and slept == [0.5, 3.0]
        assert len(hook.posts) == 5  # 3 + 1 + 1 tries


def test_cooldown_gives_one_message_per_hour_per_brand_and_kind(database_url):
    vol = next(a for a in explained_alerts() if a["kind"] == "volume")
    store = store_with(database_url, [vol])
    with Receiver("json") as hook:
        args = dict(min_day="2026-11-10", fmt="json", delays=())
        assert deliver_alerts(store, hook.url, now=NOW, **args)["sent"] == 1
        # The storm goes on: two more volume alerts (other days) and one rising term.
        more = [{**vol, "key": f"v{i}", "day": f"2026-11-1{i}"} for i in (5, 6)]
        size = {"current": 9, "baseline": 1, "expected": 0.6, "days": 14}
        term = {**vol, "key": "t", "kind": "term", "subject": "avbrott", "details": {"size": size}}
        with store.begin() as conn:
            store_alerts.insert_alerts(conn, [*more, term], NOW)
        later = NOW + timedelta(minutes=20)
        assert deliver_alerts(store, hook.url, now=later, **args) == {
            "sent": 1,
            "failed": 0,
            "held": 2,
        }
        assert [p["kind"] for p in hook.posts] == ["volume", "term"]
        an_hour = NOW + timedelta(minutes=61)
        assert deliver_alerts(store, hook.url, now=an_hour, **args) == {
            "sent": 2,
            "failed": 0,
            "held": 0,
        }
        last = hook.posts[-1]
        assert last["day"] == "2026-11-16" and [a["day"] for a in last["also"]] == ["2026-11-15"]
        assert deliver_alerts(store, hook.url, now=an_hour, **args)["sent"] == 0
        assert hook.invalid == []
    store.close()
