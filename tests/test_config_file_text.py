"""koll.toml's text: a UTF-8 byte order mark (Windows editors save one) is skipped, and a syntax
or encoding mistake is named as every other config error is, with the absolute path and line."""

from __future__ import annotations

import codecs
import sqlite3

import pytest

from koll.cli import main
from koll.config import ConfigError, load_settings

TEXT = '[storage]\nurl = "sqlite:///k.db"\n\n[[brands]]\nname = "Fjällkraft"\n'


def test_a_byte_order_mark_is_skipped(tmp_path):
    config = tmp_path / "koll.toml"
    config.write_bytes(codecs.BOM_UTF8 + TEXT.encode("utf-8"))
    settings = load_settings(config, env={})
    assert [b.name for b in settings.brands] == ["Fjällkraft"]
    assert settings.database_url == f"sqlite:///{tmp_path / 'k.db'}"


def test_a_mistake_after_a_byte_order_mark_keeps_its_line(tmp_path):
    config = tmp_path / "koll.toml"
    config.write_bytes(codecs.BOM_UTF8 + (TEXT + 'aliases = "x"\n').encode("utf-8"))
    with pytest.raises(ConfigError, match=r"koll\.toml:6: brands\[0\]\.aliases: "):
        load_settings(config, env={})


def test_a_syntax_error_names_the_absolute_path_and_line(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "koll.toml").write_text(TEXT + "name = \n", encoding="utf-8")
    assert main(["feeds", "--config", "koll.toml"]) == 2
    assert capsys.readouterr().err == (
        f"koll: config error: {tmp_path / 'koll.toml'}:6: (syntax): Invalid value (column 8)\n"
    )


def test_a_file_that_is_not_utf8_names_the_byte_and_line(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    raw = TEXT.encode("utf-8") + "# Åsa\n".encode("latin-1")
    (tmp_path / "koll.toml").write_bytes(raw)
    assert main(["feeds", "--config", "koll.toml"]) == 2
    assert capsys.readouterr().err == (
        f"koll: config error: {tmp_path / 'koll.toml'}:6: (file): is not UTF-8 "
        f"(byte {raw.index(0xC5)}); save it as UTF-8\n"
    )


def test_the_workspace_database_given_for_its_config_is_named_as_such(tmp_path, capsys):
    # The database lies beside koll.toml; given instead, it was "not UTF-8 (byte 31)".
    (tmp_path / "koll.toml").write_text(TEXT, encoding="utf-8")
    db = tmp_path / "koll.db"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    said = (
        f"{db}: (file): is an SQLite database, not a koll.toml; pass the workspace's koll.toml "
        f"({tmp_path / 'koll.toml'} is beside it)"
    )
    with pytest.raises(ConfigError) as e:
        load_settings(db, env={})
    assert str(e.value) == said
    assert main(["feeds", "--config", str(db)]) == 2
    assert capsys.readouterr().err == f"koll: config error: {said}\n"
