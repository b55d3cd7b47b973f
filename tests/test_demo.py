"""`koll demo`: the bundled Swedish world builds through the real ingest path and is served."""

from __future__ import annotations

import json
import threading
import time
import urllib.request

import pytest

from koll.cli import main
from koll.config import load_settings


def test_demo_workspace_has_mentions_for_every_brand(demo_workspace, capsys):
    settings = load_settings(demo_workspace, env={})
    assert demo_workspace.name == "koll.toml"
    assert [b.name for b in settings.brands] == ["Fjällkraft", "Nordvind"]
    assert len(settings.feeds) >= 10
    total = 0
    for brand in settings.brands:
        assert (
            main(["control", "--config", str(demo_workspace), "--brand", brand.name, "--json"]) == 0
        )
        report = json.loads(capsys.readouterr().out)
        assert report["mentions"] > 50, brand.name
        assert report["owned"] > 0 and report["earned"] > 0
        assert report["net_sentiment"] is not None
        total += report["mentions"]
    assert total >= 200  # the issue asks for at least 200 mentions in all


def test_demo_feeds_are_all_healthy(demo_workspace, capsys):
    assert main(["feeds", "--config", str(demo_workspace), "--format", "json"]) == 0
    health = json.loads(capsys.readouterr().out)
    assert health and all(h["status"] == "ok" for h in health)


def test_demo_swedish_text_intact(demo_workspace, capsys):
    assert main(["export", "items", "--config", str(demo_workspace), "--format", "jsonl"]) == 0
    items = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    text = " ".join(i["title"] + " " + i["text"] for i in items)
    for word in ("Fjällkraft", "vindkraft", "kundtjänst", "höjer"):
        assert word in text
    assert "Ã" not in text  # no mojibake from the ISO-8859-1 feed


def test_serve_answers_on_root(demo_workspace):
    """`koll serve --config D/koll.toml` answers on / (a real server on a free port)."""
    from werkzeug.serving import make_server

    from dashboard.app import create_app

    app = create_app(load_settings(demo_workspace, env={}))
    # Port 0: the system picks a free port at bind time (no probe that a parallel test could race).
    server = make_server("127.0.0.1", 0, app.server, threaded=True)
    port = server.server_port
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        deadline = time.time() + 10
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as resp:
                    assert resp.status == 200
                    assert b"koll" in resp.read()
                break
            except OSError:
                if time.time() > deadline:
                    raise
                time.sleep(0.2)
    finally:
        server.shutdown()


@pytest.mark.slow
def test_demo_refresh_rebuilds_without_duplicates(tmp_path, capsys):
    assert main(["demo", "--no-serve", "--dir", str(tmp_path / "d")]) == 0
    capsys.readouterr()
    cfg = tmp_path / "d" / "koll.toml"
    assert main(["export", "items", "--config", str(cfg), "--format", "jsonl"]) == 0
    first = len(capsys.readouterr().out.splitlines())
    assert main(["demo", "--no-serve", "--dir", str(tmp_path / "d")]) == 0
    capsys.readouterr()
    assert main(["export", "items", "--config", str(cfg), "--format", "jsonl"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == first
