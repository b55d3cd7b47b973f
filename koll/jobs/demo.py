"""Build the demo workspace: serve the bundled Swedish feeds locally and ingest them the real way."""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import logging
import re
import threading
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime
from importlib.resources import as_file, files
from pathlib import Path

from ingest.run import ingest_once
from koll.config import Settings, load_settings
from koll.config_file import _database_url
from koll.jobs.demo_dates import feeds_as_of
from koll.store import StoreError, sqlite_file
from koll.store.meta import Contents

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


# The mark of a workspace koll demo built: a rebuild may replace what is in that folder (its
# koll.toml and database), and nothing else is ever overwritten.
MARKER = ".koll-demo"
MARKER_TEXT = (
    "Built by `koll demo`: `koll demo --dir` may rebuild this folder's koll.toml and database.\n"
)
BUILT_BY = "koll demo"  # the database's meta mark, for demo databases elsewhere (PostgreSQL)


class DemoRefused(Exception):
    """The demo would overwrite something it did not build; nothing was touched."""


class DemoBusy(Exception):
    """A `koll ingest` or `koll analyse` run holds a lock of the demo's database; nothing was
    touched (`koll demo` exits 75, as those jobs do when busy)."""


def _template() -> str:
    return (DEMO / "koll.toml.template").read_text(encoding="utf-8")


def _made_by_an_older_demo(directory: Path) -> bool:
    """A folder built before the marker existed: its koll.toml is the template, word for word."""
    try:
        text = (directory / "koll.toml").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    pattern = re.escape(_template()).replace(re.escape("{base}"), r"http://127\.0\.0\.1:\d+")
    return re.fullmatch(pattern, text) is not None


def check_folder(directory: Path) -> None:
    """Refuse a folder that is neither new, empty nor built by koll demo (DemoRefused)."""
    if not directory.exists():
        return
    if not directory.is_dir():
        raise DemoRefused(f"{directory} is a file, not a folder")
    if not any(directory.iterdir()) or (directory / MARKER).is_file():
        return
    if _made_by_an_older_demo(directory):
        return
    raise DemoRefused(
        f"{directory} is not empty and was not made by koll demo, so the demo will not write "
        "there (nothing was changed); choose a new or empty folder with --dir"
    )


# The database the template's koll.toml names: a file next to it.
TEMPLATE_DATABASE = "sqlite:///koll.db"


def _inside(url: str, directory: Path) -> bool:
    """Whether `url` is an SQLite file in `directory` (the folder check covers its data)."""
    path = sqlite_file(url)
    return path is not None and Path(path).resolve().parent == directory


def check_database(url: str, *, own_folder: bool = False) -> Contents:
    """What the database at `url` holds, when the demo may build in it; else DemoRefused (a
    file that is no SQLite database, another application's tables, or feeds and items koll demo
    did not put there) or StoreError (it cannot be opened, naming it). Nothing is changed.
    `own_folder`: the database lies in the demo's folder, which check_folder found to be the
    demo's, so its feeds and items are the demo's too (a build from before the mark).

    build_demo asks before it writes to the folder, which a database that fails later would
    have left half-made (a marker and a koll.toml)."""
    from sqlalchemy.exc import SQLAlchemyError

    from koll.store import check_sqlite_path, one_line, safe_url, shown_tables, sqlite_tables
    from koll.store import meta as store_meta

    path = sqlite_file(url)
    if not own_folder or (path is not None and Path(path).parent.is_dir()):
        # A new file is made, but only in a folder that exists (the demo makes its own), and
        # not as one.
        check_sqlite_path(url)
    if sqlite_tables(url) is None:
        raise DemoRefused(
            f"{safe_url(url)} names a file that is not an SQLite database, so the demo will not "
            "use it (nothing was changed); give it a new or empty database"
        )
    try:
        found = store_meta.contents(url)
    except SQLAlchemyError as e:  # "file is not a database" said nothing of which file
        raise StoreError(f"cannot open database {safe_url(url)}: {one_line(e)}") from None
    if found.foreign:
        raise DemoRefused(
            f"the database {safe_url(url)} holds tables koll did not make "
            f"({shown_tables(found.foreign)}), so the demo will not use it (nothing was "
            "changed); give it a new or empty database"
        )
    if found.empty or found.built_by == BUILT_BY or own_folder:
        return found
    raise DemoRefused(
        f"the database {safe_url(url)} already holds feeds and items ({found.rows} rows) that "
        "koll demo did not make, so the demo will not replace them (nothing was changed); give "
        "it an empty database"
    )


def write_config(path: Path, base_url: str, database_url: str | None = None) -> Path:
    """The demo's koll.toml at `path`, from the bundled template, its feed URLs pointing at
    `base_url`; `database_url` replaces the SQLite file next to it."""
    text = _template().replace("{base}", base_url)
    if database_url:
        text = text.replace(
            f"url = {json.dumps(TEMPLATE_DATABASE)}", f"url = {json.dumps(database_url)}", 1
        )
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    return path


def _remove_database(url: str, *, made_by_demo: bool) -> None:
    """Clear the demo's database before a build. Only a file the demo made (its mark, or its
    own folder's) is deleted; any other database keeps its file and loses koll's tables only,
    all it holds (check_database): an empty database someone gave the demo stays theirs."""
    path = sqlite_file(url)
    if path is None or not made_by_demo:  # a server database (PostgreSQL), a file given to it
        from koll.store import drop_schema

        drop_schema(url)
        return
    db = Path(path)
    # Not the run locks' files (koll/run_lock.py LOCK_SUFFIXES): the build holds them (see
    # _runs_held_off), and a run that came after a new file was made would lock that one.
    for suffix in ("", "-wal", "-shm"):
        p = db.with_name(db.name + suffix)
        if p.exists():
            p.unlink()


@contextlib.contextmanager
def _runs_held_off(url: str, config: Path) -> Iterator[bool]:
    """Hold the ingest and analyse locks of the demo's SQLite database for the whole rebuild;
    DemoBusy at once when a run holds one. Yields whether they are held (a server database,
    PostgreSQL, has no lock files: its runs coordinate in the database).

    A cron `koll ingest` or `koll analyse` may run on the demo database. The rebuild deletes that
    database and makes it again, so a run inside it would write into a deleted file or read half
    a demo, and the demo's own ingest would fail on the held lock after the old data was gone.
    Refused rather than waited for: a run can take minutes, a command that hangs without a word
    looks broken, and exit 75 with "try again" is what `koll ingest` and `koll analyse` already
    answer when busy. The files stay where they are (they were unlinked: the next run then
    locked a new file while the old run still held the old one, and the two overlapped)."""
    from koll.run_lock import LOCK_SUFFIXES, LockHeld, RunLock, lock_path_for

    if sqlite_file(url) is None:
        yield False
        return
    with contextlib.ExitStack() as held:
        for job in LOCK_SUFFIXES:
            path = lock_path_for(url, config, job)
            try:
                held.enter_context(RunLock(path))
            except LockHeld:
                raise DemoBusy(
                    f"another koll {job} run holds {path}, so the demo was not rebuilt "
                    "(nothing was changed); try again when it has ended"
                ) from None
        yield True


def _mark(directory: Path, url: str) -> None:
    """Mark folder and database as the demo's before anything else goes in, so that a build cut
    short can be rebuilt."""
    from koll.store import Store
    from koll.store import meta as store_meta

    (directory / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
    with Store(url) as store, store.begin() as conn:
        store_meta.put(conn, "built_by", BUILT_BY)


def build_demo(
    directory: str | Path,
    *,
    analyse: bool = True,
    database_url: str | None = None,
    config_name: str = "koll.toml",
    write_database_url: bool = False,
    now: datetime | None = None,
) -> Settings:
    """Create or refresh the demo workspace in `directory`; returns its settings.

    Only a new or empty folder, or one koll demo built (its marker file), is written to, and
    only an empty database or one koll demo built is replaced: anything else raises
    DemoRefused before a file or row is touched. The feeds are fetched over a local HTTP
    server so the real ingest path runs. A refresh rebuilds the demo database from scratch,
    because the local server's port (and so every feed URL) changes from one build to the next.
    `database_url` builds it in another database (a PostgreSQL one, say) instead of the SQLite
    file next to the config; `write_database_url` also names it in the config's [storage] url.
    `now` is the moment the feeds' dates are moved up to (demo_dates; the clock by default):
    two builds meant to be compared pass the same one, or a day boundary between them moves
    every date of one of them.
    """
    directory = Path(directory).resolve()
    check_folder(directory)
    config = directory / config_name
    url = _database_url(config, database_url or TEMPLATE_DATABASE)
    own_folder = _inside(url, directory)
    found = check_database(url, own_folder=own_folder)
    directory.mkdir(parents=True, exist_ok=True)
    with _runs_held_off(url, config) as held:
        # as_file: the HTTP server needs a real folder (an installed wheel already gives one).
        # The feeds' dates are moved so that the newest post is from the last 24 hours
        # (demo_dates).
        with (
            as_file(DEMO / "feeds") as bundled,
            feeds_as_of(bundled, now) as feeds,
            serve_directory(feeds) as base,
        ):
            write_config(config, base, database_url if write_database_url else None)
            settings = replace(load_settings(config, env={}), database_url=url)
            _remove_database(url, made_by_demo=own_folder or found.built_by == BUILT_BY)
            _mark(directory, url)
            # In due order: the same demo, ids and all, on every build and engine (its local
            # feeds are never slow; `koll ingest` stores feeds as they finish, see writer.Order).
            report = ingest_once(settings=settings, due_order=True, lock_held=held)
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

            analyse_all(settings=settings, lock_held=held)
    return settings
