"""A window whose --since comes after its --until is a usage error in every command (exit 2, one
line) and a ValueError in every API call, instead of an empty answer that looks like "nothing
was said"."""

from __future__ import annotations

import inspect

import pytest

from koll.workspace import Workspace
from tests import cli_args
from tests.api_world import build_world

WINDOWED = sorted(
    name
    for name in cli_args.commands()
    if {o.dest for o in cli_args.value_options(name)} >= {"since", "until"}
)


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    return build_world(tmp_path_factory.mktemp("windows") / "ws")


@pytest.fixture(scope="module")
def ws(world):
    texts = world.config.parent / "texts.csv"
    texts.write_text("text,label\nbra,pos\n", encoding="utf-8")
    return cli_args.Workspace(world.config, "Fjällkraft", world.news_url, texts)


def test_the_commands_with_a_window_are_found():
    assert {"alerts", "control", "export", "topics"} <= set(WINDOWED)


@pytest.mark.parametrize("command", WINDOWED)
def test_since_after_until_is_exit_2_with_one_line(ws, command):
    argv = cli_args.valid_argv(command, ws)
    code, out, err = cli_args.run([*argv, "--since", "2026-11-30", "--until", "2026-11-01"])
    assert code == 2
    assert err.strip() == "koll: --since 2026-11-30 is after --until 2026-11-01"
    # The same window the right way round is fine.
    code, out, err = cli_args.run([*argv, "--since", "2026-11-01", "--until", "2026-11-30"])
    assert code == 0, err


API = sorted(
    name
    for name, fn in inspect.getmembers(Workspace, inspect.isfunction)
    if not name.startswith("_") and {"since", "until"} <= set(inspect.signature(fn).parameters)
)


def test_the_api_calls_with_a_window_are_found():
    assert {"mentions", "items", "daily", "control", "topics", "rising_terms"} <= set(API)


@pytest.mark.parametrize("method", API)
def test_since_after_until_is_a_value_error_in_the_api(world, method):
    import koll

    with koll.open_workspace(world.config) as w:
        fn = getattr(w, method)
        params = inspect.signature(fn).parameters
        args = ["Fjällkraft"] if "brand" in params and list(params)[0] == "brand" else []
        with pytest.raises(ValueError, match="since 2026-11-30 is after until 2026-11-01"):
            result = fn(*args, since="2026-11-30", until="2026-11-01")
            if inspect.isgenerator(result):
                next(result)
        fn(*args, since="2026-11-01", until="2026-11-30")  # the right way round works


@pytest.mark.parametrize("url", ["mongodb://x", "http://x/y", "sqlite://", ""])
def test_the_api_refuses_a_database_url_koll_cannot_use(world, url):
    import koll
    from koll.config import ConfigError

    with pytest.raises(ConfigError, match="database_url"):
        koll.open_workspace(world.config, database_url=url)
