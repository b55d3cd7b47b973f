"""`koll eval sentiment`: metrics computed by hand, ABSAbank TSV input, the VADER peer, errors."""

from __future__ import annotations

import json

import pytest

from analysis.sentiment_eval import absa_label, report, spearman, vader_label
from koll.cli import main


def test_report_matches_hand_computed_metrics():
    gold = ["pos", "pos", "pos", "neu", "neu", "neg", "neg", "neg"]
    pred = ["pos", "pos", "neg", "neu", "pos", "neg", "neg", None]
    r = report(gold, pred)
    assert r["accuracy"] == 5 / 8
    # pos: tp 2, fp 1, fn 1 -> P 2/3, R 2/3, F1 2/3; neu: tp 1, fp 0, fn 1 -> F1 2/3;
    # neg: tp 2, fp 1, fn 1 -> F1 2/3.
    assert r["per_class"]["pos"]["f1"] == pytest.approx(2 / 3, abs=1e-4)
    assert r["per_class"]["neu"]["f1"] == pytest.approx(2 / 3, abs=1e-4)
    assert r["per_class"]["neg"]["f1"] == pytest.approx(2 / 3, abs=1e-4)
    assert r["macro_f1"] == pytest.approx(2 / 3, abs=1e-4)
    assert r["confusion"]["neg"] == {"pos": 0, "neu": 0, "neg": 2, "none": 1}
    assert r["confusion"]["pos"]["neg"] == 1


def test_spearman_with_ties_and_degenerate_input():
    assert spearman([1, 2, 3, 4], [10, 20, 30, 40]) == 1.0
    assert spearman([1, 2, 3, 4], [4, 3, 2, 1]) == -1.0
    assert spearman([1, 1, 2, 3], [1, 2, 3, 4]) == pytest.approx(0.9487, abs=1e-4)
    assert spearman([1, 1, 1], [1, 2, 3]) is None
    assert spearman([1], [2]) is None


def test_label_mappings():
    assert [absa_label(x) for x in (1.0, 2.5, 2.6, 3.4, 3.5, 5.0)] == [
        "neg", "neg", "neu", "neu", "pos", "pos",
    ]  # fmt: skip
    assert [vader_label(x) for x in (0.05, 0.0499, -0.05, -0.5)] == ["pos", "neu", "neg", "neg"]


@pytest.fixture
def labelled(tmp_path):
    path = tmp_path / "set.csv"
    path.write_text(
        "id,text,label\n1,Grymt!,pos\n2,Usel app som kraschar hela tiden,neg\n"
        "3,Bussen går klockan tio.,neu\n4,Inte nöjd alls.,neg\n",
        encoding="utf-8",
    )
    return path


def test_cli_eval_json_and_vader_peer(labelled, capsys, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    assert main(["eval", "sentiment", str(labelled), "--json", "--peer", "vader"]) == 0
    res = json.loads(capsys.readouterr().out)
    koll, vader = res["systems"]["koll"], res["systems"]["vader"]
    assert res["n"] == 4 and koll["accuracy"] == 1.0 and koll["macro_f1"] == 1.0
    # VADER's Swedish port reads `grymt` as negative, so it cannot get everything right here.
    assert vader["accuracy"] < 1.0
    assert sum(sum(row.values()) for row in vader["confusion"].values()) == 4


def test_cli_eval_table_output(labelled, capsys, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    assert main(["eval", "sentiment", str(labelled)]) == 0
    out = capsys.readouterr().out
    assert "macro-F1" in out and "F1 neu" in out and "confusion" in out


def test_cli_eval_absabank_tsv_reports_spearman(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "absa.tsv"
    rows = [
        ("a", "Det här är en fantastisk och underbar reform som alla tjänar på.", "4.5"),
        ("b", "Ett katastrofalt och skamligt beslut som förstör allt.", "1.2"),
        ("c", "Regeringen lämnade förslaget till riksdagen på tisdagen.", "3.0"),
        ("d", "Reformen är dålig och orättvis.", "2.0"),
    ]
    path.write_text(
        "id\ttext\tlabel\n" + "".join("\t".join(r) + "\n" for r in rows), encoding="utf-8"
    )
    assert main(["eval", "sentiment", str(path), "--json"]) == 0
    koll = json.loads(capsys.readouterr().out)["systems"]["koll"]
    assert koll["per_class"]["neg"]["support"] == 2 and koll["per_class"]["pos"]["support"] == 1
    assert koll["spearman"] > 0.5


def test_cli_eval_errors_name_file_line_and_field(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    bad = tmp_path / "bad.csv"
    bad.write_text("text,label\nbra,pos\ndålig,negative\n", encoding="utf-8")
    assert main(["eval", "sentiment", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "bad.csv: line 3: field 'label'" in err and "'negative'" in err
    assert main(["eval", "sentiment", str(bad), "--label-column", "gold"]) == 2
    assert "no column 'gold' (columns: text, label)" in capsys.readouterr().err


def test_cli_eval_of_a_header_only_file_is_an_error(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    empty = tmp_path / "tom.csv"
    empty.write_text("text,label\n", encoding="utf-8")
    assert main(["eval", "sentiment", str(empty)]) == 2
    err = capsys.readouterr().err.strip()
    assert err == f"koll: {empty}: no rows to evaluate, only a header"


def test_cli_eval_names_the_line_a_row_starts_on(tmp_path, capsys, monkeypatch):
    # A quoted text over two lines and a blank line come before the bad row, on line 5.
    monkeypatch.chdir(tmp_path)
    bad = tmp_path / "bad.csv"
    bad.write_text('text,label\n"bra\npå två rader",pos\n\ndålig,negative\n', encoding="utf-8")
    assert main(["eval", "sentiment", str(bad)]) == 2
    assert "bad.csv: line 5: field 'label'" in capsys.readouterr().err


def test_cli_sentiment_refuses_a_row_wider_than_its_header(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    wide = tmp_path / "wide.csv"
    wide.write_text("id,text\n1,bra\n2,dålig, men billig\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    assert main(["sentiment", str(wide), "--output", str(out)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"koll: {wide}: line 3: 3 fields, but the header has 2 (id, text)")
    assert len(err.splitlines()) == 1 and not out.exists()


@pytest.mark.parametrize("where", ["missing/out.csv", ".", "/proc/out.csv"])
def test_cli_sentiment_output_that_cannot_be_a_file_is_one_line(
    tmp_path, capsys, monkeypatch, where
):
    monkeypatch.chdir(tmp_path)
    src = tmp_path / "in.csv"
    src.write_text("text\nbra\n", encoding="utf-8")
    before = sorted(tmp_path.iterdir())
    assert main(["sentiment", str(src), "--output", where]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"koll: --output {where}: ") and len(err.splitlines()) == 1
    assert sorted(tmp_path.iterdir()) == before


@pytest.mark.parametrize("label", ["7", "-3", "0.5", "5.01", "nan", "NaN", "inf", "-inf"])
def test_cli_eval_refuses_a_number_outside_one_to_five(tmp_path, capsys, monkeypatch, label):
    # 7 had been gold pos, -3 neg, nan neu and inf pos, silently.
    monkeypatch.chdir(tmp_path)
    bad = tmp_path / "bad.csv"
    bad.write_text(f"text,label\nbra,4\ndålig,{label}\n", encoding="utf-8")
    assert main(["eval", "sentiment", str(bad)]) == 2
    err = capsys.readouterr().err.strip()
    assert err == (
        f"koll: {bad}: line 3: field 'label' must be pos/neu/neg or a 1..5 mean, got {label!r}"
    )


def test_cli_eval_tells_a_minus_one_to_one_file_to_write_words(tmp_path, capsys, monkeypatch):
    # A -1/0/1 file is a common convention; its labels had all become gold neg.
    monkeypatch.chdir(tmp_path)
    bad = tmp_path / "bad.csv"
    bad.write_text("text,label\nbra,1\nsådär,0\ndålig,-1\n", encoding="utf-8")
    assert main(["eval", "sentiment", str(bad)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert err.startswith(f"koll: {bad}: line 3: field 'label' must be pos/neu/neg or a 1..5")
    assert err.endswith("got '0'; koll reads a number as a 1..5 mean (ABSAbank), so for -1/0/1 "
                        "labels write neg/neu/pos")  # fmt: skip


@pytest.mark.parametrize(
    ("sep", "pos", "neg", "neu"),
    [
        (",", "5", "1", "3.0"),  # the ends of 1..5
        (",", "POS", "Neg", "neu"),  # labels in any case
        # A mean as Swedish Excel saves a semicolon file (koll sentiment answers such a file
        # so); "4,5" had been refused as "not pos/neu/neg or a 1..5 mean".
        (";", "4,5", "1,5", "3"),
    ],
)
def test_cli_eval_reads_each_form_of_label_as_its_class(
    tmp_path, capsys, monkeypatch, sep, pos, neg, neu
):
    monkeypatch.chdir(tmp_path)
    ok = tmp_path / "ok.csv"
    rows = [("Grymt bra!", pos), ("Usel app.", neg), ("Bussen går klockan tio.", neu)]
    ok.write_text("".join(f"{t}{sep}{lab}\n" for t, lab in [("text", "label"), *rows]))
    assert main(["eval", "sentiment", str(ok), "--json"]) == 0
    koll = json.loads(capsys.readouterr().out)["systems"]["koll"]
    # Each gold label in its own class (the three texts are plain to score): a form read as
    # the wrong class would leave the diagonal.
    assert {g: koll["confusion"][g][g] for g in ("pos", "neu", "neg")} == dict.fromkeys(
        ("pos", "neu", "neg"), 1
    )


@pytest.mark.parametrize("mean", [0.0, 5.5, float("nan"), float("inf"), -1.0])
def test_absa_label_refuses_what_is_not_a_one_to_five_mean(mean):
    with pytest.raises(ValueError, match="expected a 1..5 mean"):
        absa_label(mean)


@pytest.mark.parametrize("text", ['""', "   "])
def test_cli_eval_refuses_a_blank_text(tmp_path, capsys, monkeypatch, text):
    # It had been scored neu (lang und), counting as right against a neu label.
    monkeypatch.chdir(tmp_path)
    bad = tmp_path / "bad.csv"
    bad.write_text(f"id,text,label\n1,bra,pos\n2,{text},neu\n", encoding="utf-8")
    assert main(["eval", "sentiment", str(bad)]) == 2
    assert capsys.readouterr().err.strip() == (
        f"koll: {bad}: line 3: field 'text' is blank; there is no tone to compare with the label "
        "(remove the row)"
    )


def test_macro_f1_leaves_out_a_class_in_neither_gold_nor_predictions():
    # All right, no neutral anywhere: macro-F1 had been 0.667, neu counted as F1 0.
    r = report(["pos", "neg", "pos"], ["pos", "neg", "pos"])
    assert r["accuracy"] == 1.0 and r["macro_f1"] == 1.0
    assert r["macro_f1_classes"] == ["pos", "neg"]
    # A class only predicted counts (its F1 is 0); an unscored text (None) is no class.
    r = report(["pos", "neg", "pos", "neg"], ["pos", "neg", "neu", None])
    assert r["macro_f1_classes"] == ["pos", "neu", "neg"]
    # pos: P 1, R 1/2 -> 2/3; neg: P 1, R 1/2 -> 2/3; neu: 0.
    assert r["macro_f1"] == pytest.approx((2 / 3 + 2 / 3 + 0) / 3, abs=1e-4)
    r = report(["pos", "neg"], ["pos", None])
    assert r["macro_f1_classes"] == ["pos", "neg"] and r["macro_f1"] == pytest.approx(0.5)


def test_cli_eval_says_which_classes_macro_f1_is_over(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    two = tmp_path / "two.csv"
    two.write_text("text,label\nGrymt bra!,pos\nUsel app som kraschar hela tiden,neg\n", "utf-8")
    assert main(["eval", "sentiment", str(two), "--json"]) == 0
    koll = json.loads(capsys.readouterr().out)["systems"]["koll"]
    assert koll["accuracy"] == 1.0 and koll["macro_f1"] == 1.0
    assert main(["eval", "sentiment", str(two)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert "F1 neu" in out[5] and out[5].split()[-1] == "-"
    assert (
        "koll's macro-F1 is the mean over pos, neg, the classes in the labels or its predictions"
        in out
    )


def test_cli_eval_with_all_three_classes_prints_no_such_note(
    labelled, capsys, monkeypatch, tmp_path
):
    monkeypatch.chdir(tmp_path)
    assert main(["eval", "sentiment", str(labelled)]) == 0
    assert "mean over" not in capsys.readouterr().out
