"""`koll eval --peer vader` without vaderSentiment-swedish (in the dev extra only): one line
naming the package and its install, exit 2, before any text is scored; and the help says the
example needs a source checkout and that extra."""

from __future__ import annotations

import sys

import pytest

from koll.cli import main


def test_a_missing_vader_is_one_line_before_anything_is_scored(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    labelled = tmp_path / "set.csv"
    labelled.write_text("text,label\nGrymt!,pos\n", encoding="utf-8")
    # None in sys.modules makes the import fail as if the package were not installed.
    monkeypatch.setitem(sys.modules, "vaderSentiment", None)
    monkeypatch.setitem(sys.modules, "vaderSentiment.vaderSentiment", None)

    def scored(*args, **kwargs):
        raise AssertionError("scored before the missing package was found")

    monkeypatch.setattr("analysis.sentiment.classify", scored)
    assert main(["eval", "sentiment", str(labelled), "--peer", "vader"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == (
        "koll: --peer vader needs the package vaderSentiment-swedish, which is not installed: "
        "pip install 'koll[dev]'\n"
    )


def test_the_help_says_where_its_example_runs(capsys):
    with pytest.raises(SystemExit) as e:
        main(["eval", "--help"])
    assert e.value.code == 0
    example = capsys.readouterr().out.split("Example:\n", 1)[1]
    assert "koll eval sentiment data/sentiment/dev_sv.csv --peer vader" in example
    assert "source checkout" in example and "pip install 'koll[dev]'" in example
