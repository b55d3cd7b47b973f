"""README says how many lines a mistake is: one, except an unparsable brand query, which is
three (message, query, caret; docs/config.md). It had said "one line" of every mistake."""

from __future__ import annotations

from koll.cli import main
from tests.conftest import REPO


def _err_lines(capsys) -> list[str]:
    return capsys.readouterr().err.rstrip("\n").split("\n")


def test_a_query_error_is_three_lines_as_readme_says(tmp_path, capsys):
    config = tmp_path / "koll.toml"
    config.write_text(
        '[[brands]]\nname = "Fjällkraft"\nquery = \'("Fjällkraft" OR fk\'\n', encoding="utf-8"
    )
    assert main(["control", "--config", str(config), "--brand", "Fjällkraft"]) == 2
    message, query, caret = _err_lines(capsys)
    assert "brands[0].query" in message and "position" in message
    assert query.strip() == '("Fjällkraft" OR fk' and caret.strip() == "^"
    assert main(["match", '("a" OR b', "-"]) == 2
    assert len(_err_lines(capsys)) == 3
    readme = " ".join((REPO / "README.md").read_text(encoding="utf-8").split())
    assert "Mistakes are one line on standard error" in readme
    assert (
        "cannot be parsed is three lines, the message with its position, the query, and a caret"
        in readme
    )
