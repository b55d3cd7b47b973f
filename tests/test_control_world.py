"""The synthetic Swedish world, ingested over HTTP and analysed: every control component as constructed."""

from __future__ import annotations

import json
import math

import pytest
from sqlalchemy import select, update

from ingest.run import ingest_once
from ingest.urls import canonical_url
from koll.cli import main
from koll.config import load_settings
from koll.jobs.analyse import analyse_all
from koll.store import Store
from koll.store.schema import items, mentions
from koll.store.views import alerts_list, control_report, rising_terms, stories_for, topics_for
from tests.feedserver import FeedServer
from tests.world import build


@pytest.fixture(
    scope="module",
    params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)],
)
def world(request, tmp_path_factory):
    """The world served by a real local HTTP server, ingested and analysed once per engine."""
    directory = tmp_path_factory.mktemp("world")
    server = FeedServer().start()
    try:
        for path, body in build.feeds().items():
            server.add(path, body)
        config = directory / "koll.toml"
        text = build.config(server.base)
        if request.param == "postgresql":
            url = request.getfixturevalue("pg_cluster").new_database()
            text = text.replace('url = "sqlite:///koll.db"', f'url = "{url}"')
        config.write_text(text, encoding="utf-8")
        settings = load_settings(config, env={})
        report = ingest_once(settings=settings)
        assert report.feeds_failed == 0, report.errors
        store = Store(settings.database_url)
        # Fix each mention's tone to the tone it was written with, as an analyst's correction
        # would (model 'manual' is never rescored): net_sentiment is then known by construction
        # whatever the sentiment model of the day thinks.
        tones = {canonical_url(p.link): p.tone for p in build.POSTS + build.SOLKRAFT_POSTS}
        tones.update({"guid:" + p.link: p.tone for p in build.COMMENTS})
        with store.begin() as conn:
            for item_id, key in conn.execute(select(items.c.id, items.c.key)).all():
                conn.execute(
                    update(mentions)
                    .where(mentions.c.item_id == item_id)
                    .values(label=tones.get(key, "neu"), model="manual")
                )
        summary = analyse_all(settings=settings, now=build.NOW, deliver=False)
        yield settings, store, summary
        store.close()
    finally:
        server.stop()


def test_every_component_recovered(world):
    settings, store, _ = world
    got = control_report(store, settings, "Fjällkraft", *build.WINDOW)
    for name, expected in build.EXPECTED.items():
        value = got[name]
        if isinstance(expected, float):
            assert value is not None and math.isclose(value, expected, abs_tol=1e-9), name
        else:
            assert value == expected, name
    assert got["components_used"] == [
        "owned_share",
        "echo_rate",
        "agenda_share",
        "dialogue_rate",
        "net_sentiment",
    ]


def test_cli_json_matches_and_weights_apply(world, capsys, tmp_path):
    settings, _, _ = world
    rc = main(
        [
            "control",
            "--config",
            str(settings.config_path),
            "--brand",
            "fjällkraft",
            "--since",
            build.WINDOW[0],
            "--until",
            build.WINDOW[1],
            "--json",
        ]
    )
    assert rc == 0
    out = json.loads(capsys.readouterr().out)
    # `koll control --json` recovers every component as constructed (on each engine).
    for name, expected in build.EXPECTED.items():
        if isinstance(expected, float):
            assert math.isclose(out[name], expected, abs_tol=1e-9), name
        else:
            assert out[name] == expected, name
    # The threads still waiting: others' "app" post and the own "lokal vindkraft" post.
    assert sorted(u["url"] for u in out["unanswered"]) == [
        f"{build.BLOG_BASE}/lokal-vindkraft-jamtland/",
        f"{build.EB}/fjallkrafts-app/",
    ]
    # [control] weights: only owned_share counts -> the index is 100 × owned_share.
    weighted = tmp_path / "koll.toml"
    weighted.write_text(
        settings.config_path.read_text(encoding="utf-8").replace(
            'url = "sqlite:///koll.db"', f'url = "{settings.database_url}"'
        )
        + "\n[control.weights]\nowned_share = 1\necho_rate = 0\nagenda_share = 0\n"
        "dialogue_rate = 0\nnet_sentiment = 0\n",
        encoding="utf-8",
    )
    assert (
        main(
            [
                "control",
                "--config",
                str(weighted),
                "--brand",
                "Fjällkraft",
                "--since",
                build.WINDOW[0],
                "--until",
                build.WINDOW[1],
                "--json",
            ]
        )
        == 0
    )
    out = json.loads(capsys.readouterr().out)
    assert math.isclose(out["control_index"], 100 * build.EXPECTED["owned_share"])
    assert out["components_used"] == ["owned_share"]


def test_all_history_has_no_previous_window(world):
    settings, store, _ = world
    got = control_report(store, settings, "Fjällkraft")
    assert got["new_voices"] is None  # all history: no window before it, so not measurable
    assert got["mentions"] == build.EXPECTED["mentions"] + 3  # plus the three from early October


def test_unmeasurable_components_are_null(world):
    settings, store, _ = world
    # Nordvind: no owned items in the window except the press item, no key messages, no threads.
    got = control_report(store, settings, "Nordvind", *build.WINDOW)
    assert got["mentions"] == 3 and got["owned"] == 1
    assert got["dialogue_rate"] is None
    assert got["agenda_share"] is None
    assert got["share_of_voice"] is None  # no competitors configured
    assert got["personal_share"] == 0.0  # owned exists, none by a person: measurable, 0
    # A window with nothing in it: counts are 0, every ratio is null.
    empty = control_report(store, settings, "Fjällkraft", "2026-09-01", "2026-09-10")
    assert empty["mentions"] == 0
    assert all(
        empty[k] is None
        for k in ("owned_share", "echo_rate", "net_sentiment", "hhi", "control_index")
    )


def test_stories_group_copies_and_keep_items(world):
    settings, store, summary = world
    st = stories_for(store, "Fjällkraft", *build.WINDOW)
    sizes = sorted(st["size"].tolist(), reverse=True)
    assert sizes[:3] == [4, 3, 2]  # press release + 3 copies; critique + TT + reply; solceller
    with store.connect() as conn:
        n_items = conn.execute(select(items.c.id)).all()
    assert len(n_items) == summary["stories"]["items"] + len(build.COMMENTS)  # none deleted


def test_key_message_flags_stored(world):
    settings, store, _ = world
    with store.connect() as conn:
        rows = conn.execute(
            select(items.c.key, mentions.c.key_message, mentions.c.owned)
            .select_from(mentions.join(items, items.c.id == mentions.c.item_id))
            .where(mentions.c.brand == "Fjällkraft")
        ).all()
    flags = {url: km for url, km, owned in rows if not owned}
    assert flags["https://lokaltidningen.example.se/lokalt/vindkraft-lanet"] is True  # a copy
    assert flags["https://elbloggen.example.se/2026/10/elbolag-som-lyssnar"] is True  # inflected
    assert flags["https://elbloggen.example.se/2026/10/lokala-vindkraftverk"] is False  # look-alike
    assert flags["https://dagbladet.example.se/nyheter/fjallkraft-kritik"] is False
    assert not any(u and "fjallkraftverket" in u for u in flags)  # excluded look-alike brand


def test_topics_and_alerts_visible(world, capsys):
    settings, store, _ = world
    sol = topics_for(store, "Solkraft")
    assert not sol.empty
    assert sol.iloc[0]["terms"][0] == "strömavbrott"  # the burst is the largest topic
    assert "Solkraft" not in " ".join(sum(sol["terms"], []))  # the brand's own name is no topic
    al = alerts_list(store, "Solkraft")
    kinds = set(al["kind"])
    assert {"volume", "negative", "term", "topic"} <= kinds
    assert set(al["day"]) == {"2026-10-28"}
    assert "strömavbrott" in set(al.loc[al["kind"] == "term", "subject"])
    # Fjällkraft's days are small: no volume alert for them.
    assert alerts_list(store, "Fjällkraft").query("kind == 'volume'").empty
    rt = rising_terms(store, "Solkraft", "2026-10-28", "2026-10-28", settings=settings)
    assert rt.iloc[0]["term"] == "strömavbrott" and rt.iloc[0]["baseline"] == 0
    assert "solkraft" not in set(rt["term"])
    cfg = str(settings.config_path)
    assert main(["alerts", "--config", cfg, "--brand", "Solkraft"]) == 0
    out = capsys.readouterr().out
    assert "Ovanligt många omnämnanden" in out and "Negativ ton" in out
    assert main(["topics", "--config", cfg, "--brand", "Solkraft", "--json"]) == 0
    topics = json.loads(capsys.readouterr().out)
    assert topics["topics"][0]["terms"][0] == "strömavbrott"


def test_analyse_is_stable_on_rerun(world, capsys):
    settings, store, _ = world
    before = topics_for(store, "Fjällkraft")[["label", "size"]].to_dict("records")
    again = analyse_all(settings=settings, now=build.NOW, deliver=False)
    assert again["stories"]["changed"] == 0
    assert again["alerts"]["new"] == 0  # detection is idempotent
    assert topics_for(store, "Fjällkraft")[["label", "size"]].to_dict("records") == before
    # The command, reworking all history at today's date: the same stories, no new alerts.
    capsys.readouterr()
    assert main(["analyse", "--config", str(settings.config_path), "--full", "--json"]) == 0
    full = json.loads(capsys.readouterr().out)
    assert full["stories"]["changed"] == 0 and full["alerts"]["new"] == 0
    assert full["topics"]["Fjällkraft"][".."] == 3
    assert control_report(store, settings, "Fjällkraft", *build.WINDOW)["echo_rate"] == 5 / 14


def test_alerts_posted_to_webhook_once(world, tmp_path):
    import http.server
    import threading

    settings, store, _ = world
    posts = []

    class Hook(http.server.BaseHTTPRequestHandler):
        def log_message(self, *a):
            pass

        def do_POST(self):
            posts.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
            self.send_response(204)
            self.end_headers()

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Hook)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        cfg = tmp_path / "koll.toml"
        cfg.write_text(
            settings.config_path.read_text(encoding="utf-8").replace(
                'url = "sqlite:///koll.db"', f'url = "{settings.database_url}"'
            )
            + f'\n[alerts]\nwebhook = "http://127.0.0.1:{httpd.server_address[1]}/hook"\n',
            encoding="utf-8",
        )
        hooked = load_settings(cfg, env={})
        first = analyse_all(settings=hooked, now=build.NOW)
        stored = alerts_list(store, since="2026-10-26")
        n = len(stored)
        assert n >= 4 and first["alerts"]["webhook"] == {"sent": n, "failed": 0, "held": 0}
        # One message per brand and kind ([notify] cooldown), carrying the rest in `also`.
        assert len(posts) == len(set(zip(stored["brand"], stored["kind"], strict=True)))
        assert sum(1 + len(p["also"]) for p in posts) == n
        assert {p["brand"] for p in posts} == {"Solkraft"}
        every = [a for p in posts for a in (p, *p["also"])]
        assert all(a["reason"] and a["day"] == "2026-10-28" for a in every)
        assert all(a["details"]["examples"] for a in every)  # each explains itself
        again = analyse_all(settings=hooked, now=build.NOW)
        assert again["alerts"]["webhook"] == {"sent": 0, "failed": 0, "held": 0}
        assert len(posts) == len(set(zip(stored["brand"], stored["kind"], strict=True)))
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_alerts_reach_teams_in_english_as_koll_toml_says(world, tmp_path):
    """[notify] webhook_url with webhook_format = "teams" (a workflow URL koll cannot guess) and
    [dashboard] language = "en": `koll analyse` posts Adaptive Cards in English, each checked
    against the card's documented shape, with links into the dashboard filtered to the alert."""
    import sqlite3

    from koll.store.schema import alerts
    from tests.webhook_receiver import Receiver

    settings, _, _ = world
    if not settings.database_url.startswith("sqlite:///"):
        pytest.skip("a copy of the SQLite store; delivery on PostgreSQL: the test above")
    # A copy (the WAL too), so the alerts are undelivered whichever test ran first.
    src = sqlite3.connect(settings.database_url.removeprefix("sqlite:///"))
    dst = sqlite3.connect(tmp_path / "koll.db")
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()
    with Store(f"sqlite:///{tmp_path / 'koll.db'}") as copy, copy.begin() as conn:
        conn.execute(update(alerts).values(delivered_at=None, claim=None, claimed_at=None))
    with Receiver("teams") as hook:
        cfg = tmp_path / "koll.toml"
        cfg.write_text(
            settings.config_path.read_text(encoding="utf-8")
            + f'\n[notify]\nwebhook_url = "{hook.url}"\nwebhook_format = "teams"\n'
            + 'dashboard_url = "https://koll.example.se"\n\n[dashboard]\nlanguage = "en"\n',
            encoding="utf-8",
        )
        analyse_all(settings=load_settings(cfg, env={}), now=build.NOW)
    assert hook.invalid == [] and len(hook.posts) >= 4
    cards = [p["attachments"][0]["content"] for p in hook.posts]
    heads = {c["body"][0]["text"] for c in cards}
    assert {"Solkraft: unusually many mentions", "Solkraft: negative tone rising"} <= heads
    assert "Solkraft: the word “strömavbrott” rising" in heads
    negative = next(c for c in cards if c["body"][0]["text"].endswith("negative tone rising"))
    link = negative["actions"][0]["url"]
    assert link == (
        "https://koll.example.se/mentions?brand=Solkraft&since=2026-10-28&until=2026-10-28"
        "&owned=earned&tone=neg"
    )
    assert "ovanligt" not in str(cards) and "Öppna" not in str(cards)  # no Swedish template
