"""Items without a usable date are dated when koll first sees them ("datum uppskattat"): they are
flagged in exports and the mentions table's rows, and never counted as news of that day by the
volume alerts, so a first ingest of undated feeds raises no false spike."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

from koll.cli import main
from koll.store import Store, aggregates
from koll.store import alerts as store_alerts
from koll.store.filters import Filter
from koll.store.mention_pages import mention_page


def _rss(items: list[str]) -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Norrlandsposten</title><link>https://np.example.se/</link>{''.join(items)}"
        "</channel></rss>"
    )


def _item(n: int, when: datetime | None) -> str:
    date = f"<pubDate>{format_datetime(when)}</pubDate>" if when else ""
    return (
        f"<item><title>Fjällkraft nyhet {n}</title><link>https://np.example.se/{n}</link>{date}"
        f"<description>Fjällkraft bygger ut elnätet i Norrland, del {n}.</description></item>"
    )


def test_first_ingest_of_undated_items_is_no_spike(feed_server, write_config, database_url, capsys):
    now = datetime.now(UTC).replace(hour=12, minute=0, second=0, microsecond=0)
    # One dated mention a day for three weeks: the brand's normal volume.
    dated = [_item(n, now - timedelta(days=n)) for n in range(1, 22)]
    # Seven items without a date, first seen today: estimated dates, not seven news of today.
    undated = [_item(100 + n, None) for n in range(7)]
    urls = [
        feed_server.add("/dated.xml", _rss(dated)),
        feed_server.add("/undated.xml", _rss(undated)),
    ]
    feeds = "".join(f'\n[[feeds]]\nurl = "{u}"\n' for u in urls)
    config = write_config(
        f'[storage]\nurl = "{database_url}"\n\n[[brands]]\nname = "Fjällkraft"\n{feeds}'
    )
    assert main(["ingest", "--config", str(config)]) == 0
    assert main(["analyse", "--config", str(config)]) == 0
    store = Store(database_url)
    try:
        with store.connect() as conn:
            alerts = store_alerts.list_alerts(conn, "Fjällkraft")
            daily = store_alerts.daily_counts(conn, "Fjällkraft")
            everything = aggregates.daily(conn, Filter(brands=["Fjällkraft"]))  # every mention
            page = mention_page(conn, Filter(brands=["Fjällkraft"]), limit=100)
    finally:
        store.close()
    assert "volume" not in set(alerts["kind"]), alerts["reason"].tolist()
    assert daily["mentions"].sum() == 21 and everything["mentions"].sum() == 28
    assert everything["mentions"].max() == 7  # the undated items share the day they were seen
    assert sorted(page["published_estimated"].astype(bool).tolist()).count(True) == 7

    capsys.readouterr()
    assert main(["export", "mentions", "--config", str(config), "--format", "jsonl"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    flagged = {r["url"] for r in rows if r["published_estimated"]}
    assert flagged == {f"https://np.example.se/{100 + n}" for n in range(7)}
    assert all(r["published_estimated"] is False for r in rows if r["url"] not in flagged)
