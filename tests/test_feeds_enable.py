"""`koll feeds --enable URL`: a healthy feed keeps its status, a disabled one comes back as
`failing` (fetched before, not `never`), and the URL is taken in any form koll.toml takes.

Real HTTP (tests/feedserver.py), a real database on both engines, the commands through main().
"""

from __future__ import annotations

import json
from datetime import timedelta

from sqlalchemy import update

from ingest import schedule
from ingest.run import ingest_once
from koll.cli import main
from koll.config import load_settings
from koll.store import Store, utcnow
from koll.store import feeds as store_feeds
from koll.store.schema import feeds
from tests.feedserver import rss


def _settings(write_config, database_url: str, url: str):
    return load_settings(
        write_config(
            f'[storage]\nurl = "{database_url}"\n\n[[brands]]\nname = "Fjällkraft"\n\n'
            f'[[feeds]]\nurl = "{url}"\n'
        ),
        env={},
    )


def _health(settings, capsys) -> dict:
    capsys.readouterr()
    assert main(["feeds", "--config", str(settings.config_path), "--format", "json"]) == 0
    (health,) = json.loads(capsys.readouterr().out)
    return health


def _enable(settings, url: str, capsys) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["feeds", "--config", str(settings.config_path), "--enable", url])
    return code, capsys.readouterr().out.strip()


def test_enabling_a_healthy_feed_keeps_its_status(feed_server, write_config, database_url, capsys):
    url = feed_server.add("/f", rss([{"title": "Fjällkraft", "link": "https://exempel.se/a"}]))
    settings = _settings(write_config, database_url, url)
    ingest_once(settings=settings)
    before = _health(settings, capsys)
    assert before["status"] == "ok"

    code, said = _enable(settings, url, capsys)
    assert (code, said) == (0, f"{url} was not disabled (ok); it is polled on the next run")
    after = _health(settings, capsys)
    assert (after["status"], after["last_success"]) == ("ok", before["last_success"])
    assert after["next_due"] < before["next_due"]  # due now, as the message says

    # The forms koll.toml takes as this feed: scheme and host in capitals (a default port too).
    shouted = url.replace("http://127.0.0.1", "HTTP://127.0.0.1")
    assert _enable(settings, shouted, capsys)[0] == 0
    assert main(["feeds", "--config", str(settings.config_path), "--enable", url + "x"]) == 2


def test_a_disabled_feed_comes_back_failing_with_a_fresh_count(
    feed_server, write_config, database_url, capsys, monkeypatch
):
    monkeypatch.setattr(schedule, "DISABLE_AFTER", 2)
    url = feed_server.add("/down", b"", status=503)
    settings = _settings(write_config, database_url, url)
    now = utcnow()
    for day in range(2):
        ingest_once(settings=settings, now=now + timedelta(days=day))
    assert _health(settings, capsys)["status"] == "disabled"

    code, said = _enable(settings, url, capsys)
    assert (code, said) == (0, f"enabled {url} (it was disabled); it is polled on the next run")
    health = _health(settings, capsys)
    # Fetched before and failed: `failing` until the next run, its reason kept, counted afresh.
    assert (health["status"], health["failures"]) == ("failing", 0)
    assert "503" in health["last_error"]
    feed_server.add("/down", rss([{"title": "Fjällkraft åter", "link": "https://exempel.se/y"}]))
    assert ingest_once(settings=settings, now=now + timedelta(days=3)).new_items == 1
    assert _health(settings, capsys)["status"] == "ok"


def test_a_feed_no_longer_in_koll_toml_is_said_not_to_be_polled(
    feed_server, write_config, database_url, capsys, monkeypatch
):
    monkeypatch.setattr(schedule, "DISABLE_AFTER", 1)
    url = feed_server.add("/down", b"", status=503)
    other = feed_server.add("/f", rss([{"title": "Fjällkraft", "link": "https://exempel.se/a"}]))
    ingest_once(settings=_settings(write_config, database_url, url))
    settings = _settings(write_config, database_url, other)  # /down taken out of the file
    ingest_once(settings=settings)

    code, said = _enable(settings, url, capsys)
    assert (code, said) == (
        0,
        f"enabled {url} (it was disabled); it is not in koll.toml ({settings.config_path}), "
        "so no run polls it until it is listed there again",
    )


def test_enabling_decides_on_the_row_as_it_is_then(
    feed_server, write_config, database_url, capsys, monkeypatch
):
    """A run recorded the feed's 30th failure after --enable read it as failing: it comes back
    all the same (the statement decides from the row, not from the earlier read)."""
    url = feed_server.add("/down", b"", status=503)
    settings = _settings(write_config, database_url, url)
    ingest_once(settings=settings)
    with Store(database_url) as store:
        with store.connect() as conn:
            read = store_feeds.all_feeds(conn, configured_only=False)
        assert read[0].status == "failing"
        with store.begin() as conn:
            conn.execute(update(feeds).values(status="disabled", failures=30))
        monkeypatch.setattr(store_feeds, "all_feeds", lambda conn, **kw: read)
        with store.begin() as conn:
            store_feeds.enable_feed(conn, url, utcnow())
        monkeypatch.undo()
        with store.connect() as conn:
            (row,) = store_feeds.all_feeds(conn)
    assert (row.status, row.failures) == ("failing", 0)


def test_the_url_of_a_listed_entry_names_its_stored_feed_only(write_config, database_url, capsys):
    """After a site swapped its feeds, /a is the listed feed (configured as /b, now at /a) and
    also the URL a retired row was once configured under (now at /archive, disabled). Enabling
    /a is the listed feed, as a run's sync matches it; the retired row had been brought back
    and reported as "it was disabled" (a review)."""
    now = utcnow()
    base = "https://ex.se"
    settings = _settings(write_config, database_url, f"{base}/a")
    common = dict(kind="news", interval_s=600, failures=30, created=now.replace(tzinfo=None))
    with Store(settings.database_url) as store, store.begin() as conn:
        retired = conn.execute(
            feeds.insert().values(
                url=f"{base}/archive",
                config_url=f"{base}/a",
                status="disabled",
                in_config=False,
                **common,
            )
        ).inserted_primary_key[0]
        conn.execute(
            feeds.insert().values(
                url=f"{base}/a",
                config_url=f"{base}/b",
                status="ok",
                in_config=True,
                last_attempt=now.replace(tzinfo=None),
                **{**common, "failures": 0},
            )
        )
    code, out = _enable(settings, f"{base}/a", capsys)
    assert code == 0
    assert "was disabled" not in out and "polled on the next run" in out
    with Store(settings.database_url) as store, store.connect() as conn:
        rows = {r.id: r for r in store_feeds.all_feeds(conn, configured_only=False)}
    assert rows[retired].status == "disabled" and rows[retired].failures == 30
