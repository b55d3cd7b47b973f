"""koll.toml: the contract's format loads; every mistake names file, key and problem, exit code 2."""

from __future__ import annotations

import pytest

from koll.cli import main
from koll.config import ConfigError, load_settings, parse_duration

GOOD = """
[storage]
url = "sqlite:///data/koll.db"

[[brands]]
name = "Fjällkraft"
aliases = ["Fjällkraft AB", "@fjallkraft"]
exclude = ["Fjällkraftverket"]
owned_domains = ["www.fjallkraft.se"]
people = ["Anna Berg"]
key_messages = ["förnybar el till alla", "lokal vindkraft"]
competitors = ["Nordvind"]

[[brands]]
name = "Nordvind"

[[feeds]]
url = "https://blogg.fjallkraft.se/feed/"
kind = "blog"
owner = "fjällkraft"
interval = "1h30m"

[[feeds]]
url = "https://news.example.se/rss"

[control.weights]
owned_share = 2
"""


def test_contract_format_loads(write_config):
    path = write_config(GOOD)
    s = load_settings(path, env={})
    assert [b.name for b in s.brands] == ["Fjällkraft", "Nordvind"]
    f = s.brand("fjällkraft")
    assert f.terms == ("Fjällkraft", "Fjällkraft AB", "@fjallkraft")
    assert f.owned_domains == ("fjallkraft.se",)
    assert s.feeds[0].owner == "Fjällkraft" and s.feeds[0].interval_s == 5400
    assert s.feeds[1].kind == "news" and s.feeds[1].interval_s == 1800
    # a relative SQLite path is relative to the config file's folder
    assert s.database_url == f"sqlite:///{path.parent / 'data' / 'koll.db'}"
    assert s.control_weights == {"owned_share": 2.0}


def test_environment_overrides_database_url(write_config):
    s = load_settings(write_config(GOOD), env={"KOLL_DATABASE_URL": "postgresql+psycopg://u@h/db"})
    assert s.database_url == "postgresql+psycopg://u@h/db"


def test_koll_config_env_names_the_file(write_config):
    path = write_config(GOOD)
    assert load_settings(None, env={"KOLL_CONFIG": str(path)}).config_path == path.resolve()


@pytest.mark.parametrize(
    ("snippet", "key", "problem"),
    [
        ('[[brands]]\nname = "A"\nalias = ["x"]\n', "brands[0].alias", "unknown key"),
        (
            '[[brands]]\nname = "A"\naliases = "x"\n',
            "brands[0].aliases",
            "expected a list of non-empty strings",
        ),
        (
            '[[brands]]\nname = "A"\ncompetitors = ["B"]\n',
            "brands[0].competitors",
            "'B' names no [[brands]] entry",
        ),
        ('[[feeds]]\nurl = "ftp://x.se/feed"\n', "feeds[0].url", "expected an http(s) URL"),
        (
            '[[feeds]]\nurl = "https://x.se/feed"\nowner = "Nobody"\n',
            "feeds[0].owner",
            "names no [[brands]] entry",
        ),
        (
            '[[feeds]]\nurl = "https://x.se/feed"\nkind = "tv"\n',
            "feeds[0].kind",
            "expected one of blog, news",
        ),
        (
            '[[feeds]]\nurl = "https://x.se/feed"\ninterval = "often"\n',
            "feeds[0].interval",
            "expected a duration",
        ),
        (
            '[[feeds]]\nurl = "https://x.se/feed"\ninterval = 5\n',
            "feeds[0].interval",
            "expected a non-empty string",
        ),
        ("[storag]\n", "storag", "unknown key"),
        ('[fetch]\ntimeout_s = "fast"\n', "fetch.timeout_s", "expected a number"),
        ("[[brands]]\naliases = []\n", "brands[0].name", "missing"),
        ("[control.weights]\nfoo = 1\n", "control.weights.foo", "unknown key"),
    ],
)
def test_each_mistake_is_named(write_config, snippet, key, problem):
    path = write_config(snippet)
    with pytest.raises(ConfigError) as err:
        load_settings(path, env={})
    assert err.value.key == key
    assert problem in err.value.problem
    assert str(path) in str(err.value)


def test_toml_syntax_error_is_reported(write_config):
    with pytest.raises(ConfigError, match="koll.toml: \\(syntax\\)"):
        load_settings(write_config('[[brands]]\nname = "A\n'), env={})


def test_cli_prints_one_line_and_exits_2(write_config, capsys):
    path = write_config('[[brands]]\nname = "A"\nowned_domains = ["not a domain"]\n')
    code = main(["control", "--config", str(path), "--brand", "A", "--json"])
    err = capsys.readouterr().err.strip()
    assert code == 2
    assert len(err.splitlines()) == 1
    assert str(path) in err and "brands[0].owned_domains" in err and "expected host names" in err


def test_missing_config_file_is_exit_2(tmp_path, capsys):
    assert main(["feeds", "--config", str(tmp_path / "nope.toml")]) == 2
    assert "not found" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("text", "seconds"), [("30m", 1800), ("2h", 7200), ("1d", 86400), ("45s", 45)]
)
def test_durations(text, seconds):
    assert parse_duration(text) == seconds


def test_bad_duration():
    with pytest.raises(ValueError):
        parse_duration("soon")
