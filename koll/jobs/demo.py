"""Build the demo workspace: serve the bundled Swedish feeds locally and ingest them the real way."""

from __future__ import annotations

import contextlib
import functools
import http.server
import logging
import threading
from collections.abc import Iterator
from importlib.resources import as_file, files
from pathlib import Path

from ingest.run import ingest_once
from koll.config import Settings, load_settings
from koll.jobs.demo_dates import feeds_as_of

log = logging.getLogger("koll.demo")

# The bundled demo feeds and config template: package data of `data` (see data/__init__.py).
DEMO = files("data") / "demo"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".xml": "application/xml",
    }

    def log_message(self, *args) -> None:  # the demo's own log says what matters
        pass


@contextlib.contextmanager
def serve_directory(directory: Path, port: int = 0) -> Iterator[str]:
    """A static HTTP server on 127.0.0.1 in a background thread; yields its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def write_config(directory: Path, base_url: str) -> Path:
    """D/koll.toml from the bundled template, its feed URLs pointing at `base_url`."""
    directory.mkdir(parents=True, exist_ok=True)
    text = (DEMO / "koll.toml.template").read_text(encoding="utf-8").replace("{base}", base_url)
    path = directory / "koll.toml"
    tmp = path.with_suffix(".toml.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    return path


def _remove_database(settings: Settings) -> None:
    url = settings.database_url
    if not url.startswith("sqlite"):  # a server database (PostgreSQL): drop koll's tables
        from koll.store import drop_schema

        drop_schema(url)
    elif url.startswith("sqlite:///"):
        db = Path(url[len("sqlite:///") :])
        for suffix in ("", "-wal", "-shm", ".lock"):
            p = db.with_name(db.name + suffix)
            if p.exists():
                p.unlink()


def build_demo(
    directory: str | Path, *, analyse: bool = True, database_url: str | None = None
) -> Settings:
    """Create or refresh the demo workspace in `directory`; returns its settings.

    The feeds are fetched over a local HTTP server so the real ingest path runs. A refresh
    rebuilds the demo database from scratch, because the local server's port (and so every feed
    URL) changes from one build to the next. `database_url` builds it in another database (a
    PostgreSQL one, say) instead of the SQLite file next to D/koll.toml.
    """
    directory = Path(directory).resolve()
    # as_file: the HTTP server needs a real folder (an installed wheel already gives one).
    # The feeds' dates are moved so that the newest post is from the last 24 hours (demo_dates).
    with (
        as_file(DEMO / "feeds") as bundled,
        feeds_as_of(bundled) as feeds,
        serve_directory(feeds) as base,
    ):
        config = write_config(directory, base)
        settings = load_settings(config, env={})
        if database_url:
            from dataclasses import replace

            settings = replace(settings, database_url=database_url)
        _remove_database(settings)
        report = ingest_once(settings=settings)
    if report.feeds_failed:
        raise RuntimeError(f"demo feeds failed to ingest: {report.errors}")
    log.info(
        "demo: %d feeds, %d items stored in %s",
        report.feeds_ok,
        report.new_items,
        settings.database_url,
    )
    if analyse:
        from koll.jobs.analyse import analyse_all

        analyse_all(settings=settings)
    return settings
