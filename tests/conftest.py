"""Shared fixtures: a real local feed server, workspaces with koll.toml, and the CI switch for skips."""

from __future__ import annotations

import os
import textwrap
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.feedserver import FeedServer

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).resolve().parent.parent

# CI sets KOLL_REQUIRE_ALL=1: a test that would skip for a missing part (browser, PostgreSQL)
# fails instead, so a green CI run means everything really ran.
REQUIRE_ALL = os.environ.get("KOLL_REQUIRE_ALL") == "1"


def skip_or_fail(reason: str) -> None:
    if REQUIRE_ALL:
        pytest.fail(f"{reason} (KOLL_REQUIRE_ALL=1 makes this a failure)")
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def _shipped_model_after_each_test():
    """A command run in-process installs its workspace's sentiment model for the process, as it
    does in a process of its own (koll.jobs.rescore.activate_model); the next test in the same
    worker starts from the shipped model again, whichever tests xdist put before it."""
    yield
    from analysis import sentiment

    sentiment.set_model(None)


@pytest.fixture
def feed_server():
    server = FeedServer().start()
    yield server
    server.stop()


@pytest.fixture
def write_config(tmp_path):
    """write_config(toml_text) -> path of a koll.toml in a fresh folder (SQLite next to it)."""

    def write(text: str, name: str = "koll.toml") -> Path:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return write


@pytest.fixture
def dashboard_ws(tmp_path):
    """The small browser-test workspace (tests/browser/workspace.py) on SQLite, ending on
    LAST_DAY (2026-11-20 10:00 UTC), configured as the dashboard's data source."""
    from dashboard import data
    from tests.browser.workspace import make_workspace

    settings = make_workspace(tmp_path)
    data.configure(settings)
    yield settings
    data.store().close()


ENGINES = ["sqlite", "postgresql"]


def pytest_generate_tests(metafunc):
    # Every test that takes `database_url` runs once per engine; the PostgreSQL run carries the
    # `postgres` marker so `-m "not postgres"` leaves it out. `@pytest.mark.engines("sqlite")`
    # keeps a test whose costly part (training a model) has nothing to do with the engine to one.
    if "database_url" in metafunc.fixturenames:
        marker = metafunc.definition.get_closest_marker("engines")
        engines = marker.args if marker else ENGINES
        metafunc.parametrize(
            "database_url",
            [
                pytest.param(e, marks=[pytest.mark.postgres] if e == "postgresql" else [])
                for e in engines
            ],
            indirect=True,
        )


@pytest.fixture(scope="session")
def pg_cluster():
    """A throwaway PostgreSQL cluster for the whole session (tests/pg.py), started on first use."""
    from tests.pg import start_cluster

    try:
        cluster = start_cluster()
    except RuntimeError as e:
        skip_or_fail(f"PostgreSQL tests skipped: {e}")
    yield cluster
    cluster.stop()


@pytest.fixture
def pg_url(pg_cluster) -> str:
    """A fresh, empty PostgreSQL database for one test."""
    return pg_cluster.new_database()


@pytest.fixture
def database_url(request, tmp_path) -> str:
    """The database for a test: an SQLite file in tmp_path, or a fresh PostgreSQL database.

    Store and ingest tests take this fixture instead of building their own URL, so that they run
    on both engines (see pytest_generate_tests above).
    """
    if getattr(request, "param", "sqlite") == "postgresql":
        return request.getfixturevalue("pg_url")
    return f"sqlite:///{tmp_path / 'koll.db'}"


@pytest.fixture(scope="session")
def demo_now() -> datetime:
    """The one moment every demo of the session moves its dates up to (koll.jobs.demo_dates).

    Builds compared with each other (SQLite and PostgreSQL) must agree on it: a CI run once built
    them minutes apart across the newest post's time of day, and every date of one came out a
    day later.
    """
    return datetime.now(UTC)


@pytest.fixture(scope="session")
def demo_workspace(tmp_path_factory, demo_now):
    """The demo workspace (koll demo --no-serve), built once per session on SQLite; read-only for tests.

    Returns the path of its koll.toml.
    """
    from koll.jobs.demo import build_demo

    directory = tmp_path_factory.mktemp("demo")
    settings = build_demo(directory, now=demo_now)
    return settings.config_path
