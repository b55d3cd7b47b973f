"""scripts/sentiment_data/agreement.py: a second reader's agreement with a probe's writer (and
Cohen's kappa), koll's against each, and bad files named by file and line."""

from __future__ import annotations

import json

import pytest

from koll.cli._sentiment_io import InputError
from tests.helpers import script
from tests.test_sentiment_brand import _shipped_model  # noqa: F401

HEAD = "group,text,brand,label,brands,pattern\n"


def _mod():
    return script("scripts/sentiment_data/agreement.py")


def test_kappa_and_the_counts():
    mod = _mod()
    writer = ["pos", "neg", "neu", "neu"]
    second = ["pos", "neg", "neu", "pos"]
    koll = ["pos", "neu", "neu", None]
    got = mod.agreement(writer, second, koll)
    assert (got["rows"], got["readers_agree"], got["readers_share"]) == (4, 3, 0.75)
    # seen 0.75; chance (1*2 + 1*1 + 2*1) / 16 = 0.3125; (0.75 - 0.3125) / 0.6875
    assert got["readers_kappa"] == pytest.approx(0.6364, abs=1e-4)
    assert (got["koll_writer"], got["koll_second"], got["koll_on_agreed"]) == (2, 2, 2)
    assert mod.kappa(writer, writer) == 1.0


def test_measure_reads_the_probe_and_its_second_reading(tmp_path, capsys):
    mod = _mod()
    (tmp_path / "probe7_sv.csv").write_text(
        HEAD + "1,Fjällkraft är fantastiska och Nordvind usla,Fjällkraft,pos,2,x\n"
        "1,Fjällkraft är fantastiska och Nordvind usla,Nordvind,neg,2,x\n",
        encoding="utf-8",
    )
    (tmp_path / "second7_sv.csv").write_text(
        "group,brand,label\n1,Fjällkraft,pos\n1,Nordvind,neu\n", encoding="utf-8"
    )
    got = mod.measure([7], tmp_path)
    assert got["rows"] == 2 and got["readers_agree"] == 1 and got["koll_writer"] == 2
    assert got["koll_second"] == 1 and got["koll_on_agreed"] == 1


def test_bad_files_are_named_by_file_and_line(tmp_path, monkeypatch, capsys):
    mod = _mod()
    (tmp_path / "probe7_sv.csv").write_text(
        HEAD + "1,Fjällkraft är bra,Fjällkraft,pos,1,x\n", encoding="utf-8"
    )
    (tmp_path / "second7_sv.csv").write_text(
        "group,brand,label\n1,Nordvind,pos\n", encoding="utf-8"
    )
    with pytest.raises(ValueError, match=r"second7_sv\.csv, line 2: 1,Nordvind where"):
        mod.measure([7], tmp_path)
    (tmp_path / "second7_sv.csv").write_text(
        "group,brand,label\n1,Fjällkraft,bra\n", encoding="utf-8"
    )
    with pytest.raises(
        InputError, match=r"second7_sv\.csv: line 2: field 'label' must be pos/neu/neg, got 'bra'"
    ):
        mod.measure([7], tmp_path)
    (tmp_path / "second7_sv.csv").write_text("group,brand,label\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"second7_sv\.csv: 0 rows, the probe 1"):
        mod.measure([7], tmp_path)
    monkeypatch.setattr(mod, "PROBES", tmp_path)
    assert mod.main(["8"]) == 1
    assert "probe8_sv.csv" in capsys.readouterr().err


def test_an_empty_probe_is_named(tmp_path):
    mod = _mod()
    (tmp_path / "probe7_sv.csv").write_text(HEAD, encoding="utf-8")
    (tmp_path / "second7_sv.csv").write_text("group,brand,label\n", encoding="utf-8")
    with pytest.raises(ValueError, match="no rows in the probes 7"):
        mod.measure([7], tmp_path)


@pytest.mark.parametrize("number", [48, 49, 50, 51])
def test_the_shipped_second_readings_match_their_probes(number, capsys):
    mod = _mod()
    assert mod.main([str(number)]) == 0
    got = json.loads(capsys.readouterr().out)
    assert got["rows"] == 360 and got["readers_agree"] >= 340
