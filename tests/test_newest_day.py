"""One rule for "the newest day", where a default window ends: the newest day with mentions that
is not after today, read by one store query (koll.store.items.newest_mention_day).

The alerts (and the topics `koll analyse` stores) used it, computed in Python from every daily
count, while the API's and the dashboard's default windows ended at min(newest day with
mentions, today): with an item dated after today (feeds sometimes date items ahead) they ended
today, on a day the alerts had not checked, and the two disagreed.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd
import pytest

from koll import frames
from koll.store import Store
from tests.api_world import build_world

# Nordvind's newest item (n4) is dated 2026-11-20, after this "now"; its newest day with mentions
# up to now is 2026-11-10 (n2), as is Fjällkraft's.
NOW = datetime(2026, 11, 15, 12, tzinfo=UTC)


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    return build_world(tmp_path_factory.mktemp("newest") / "ws")


def test_the_store_reads_the_newest_day_with_mentions_not_after_today(tmp_path, database_url):
    # On both engines: the per-brand max() probes are one statement of UNION ALL.
    from koll.store.items import newest_mention_day

    world = build_world(tmp_path / "ws", database_url)
    both = ["Fjällkraft", "Nordvind"]
    with Store(world.settings.database_url, existing=True) as store, store.connect() as conn:
        assert newest_mention_day(conn, both, "2026-11-15") == "2026-11-10"
        assert newest_mention_day(conn, both, "2026-11-20") == "2026-11-20"
        assert newest_mention_day(conn, both, "2026-12-31") == "2026-11-20"
        assert newest_mention_day(conn, ["Nordvind"], "2026-11-19") == "2026-11-10"
        assert newest_mention_day(conn, ["Fjällkraft"], "2026-11-30") == "2026-11-10"
        assert newest_mention_day(conn, ["Fjällkraft"], "2026-11-09") == "2026-11-02"
        assert newest_mention_day(conn, both, "2026-11-01") is None  # nothing up to that day
        assert newest_mention_day(conn, ["Okänt"], "2026-11-15") is None
        assert newest_mention_day(conn, [], "2026-11-15") is None


def test_alerts_the_api_and_the_dashboard_end_their_default_windows_on_the_same_day(
    world, monkeypatch
):
    import dashboard.data
    import koll.insights
    from dashboard.params import Params
    from koll.jobs.alerts import reference_day

    monkeypatch.setattr(koll.insights, "utcnow", lambda: NOW)
    monkeypatch.setattr(dashboard.data, "utcnow", lambda: NOW)
    with koll.open_workspace(world.config) as ws:
        assert reference_day(ws.store, ws.settings, NOW) == "2026-11-10"
        assert ws.daily()["day"].max() == pd.Timestamp("2026-11-10")
        assert ws.daily("Nordvind")["day"].max() == pd.Timestamp("2026-11-10")
        assert ws.control_over_time("Nordvind", "D")["period"].iloc[-1] == "2026-11-10"
        asked = []
        monkeypatch.setattr(
            ws, "mentions", lambda *a, **k: asked.append(a[1:3]) or frames.empty(frames.MENTIONS)
        )
        ws.rising_terms("Nordvind")
        assert asked[0] == ("2026-11-04", "2026-11-10")
        dashboard.data.configure(ws.settings, ws.store)
        p = dashboard.data.resolve(Params())
        assert (p.since, p.until) == ("2026-10-12", "2026-11-10")
