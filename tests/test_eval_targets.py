"""`koll eval sentiment` on a brand-targeted file (the tone towards each row's brand) and on a
counterfactual file (label flips when a name or topic noun is swapped)."""

from __future__ import annotations

import json

from koll.cli import main

# The whole text's tone is one label for both brands; towards each brand it is not.
BRAND_ROWS = (
    "group,text,brand,label,brands,pattern\n"
    '1,"Älskar Elgiganten, hatar Netonnet",Elgiganten,pos,2,comma\n'
    '1,"Älskar Elgiganten, hatar Netonnet",Netonnet,neg,2,comma\n'
    "2,Bytte från Telia till Tele2 och ångrar inget,Telia,neg,2,switch\n"
    "2,Bytte från Telia till Tele2 och ångrar inget,Tele2,pos,2,switch\n"
    "3,Coop har öppnat en ny butik i Umeå.,Coop,neu,1,plain\n"
)


def _run(capsys, *args: str) -> dict:
    assert main(["eval", "sentiment", *args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_a_brand_file_is_scored_towards_each_rows_brand(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "brands.csv"
    path.write_text(BRAND_ROWS, encoding="utf-8")
    koll = _run(capsys, str(path))["systems"]["koll"]
    # Scored as whole texts (before), each pair got one label: at most 3 of 5 right.
    assert koll["accuracy"] == 1.0
    assert koll["targets"] == {
        "accuracy": 1.0,
        "two_brand_accuracy": 1.0,
        "patterns": {"comma": 1.0, "plain": 1.0, "switch": 1.0},
        "wrong": [],
    }
    assert koll["per_class"]["neg"]["support"] == 2 and "ece" in koll["calibration"]
    assert main(["eval", "sentiment", str(path)]) == 0
    out = capsys.readouterr().out
    assert "towards each row's brand: 1.000 right, 1.000 on texts naming two brands" in out


def test_a_brand_file_without_its_optional_columns(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "brands.csv"
    path.write_text(
        'text,brand,label\n"Älskar Elgiganten, hatar Netonnet",Netonnet,neg\n', encoding="utf-8"
    )
    targets = _run(capsys, str(path))["systems"]["koll"]["targets"]
    assert targets == {"accuracy": 1.0, "two_brand_accuracy": None, "patterns": {}, "wrong": []}


def test_a_brand_file_with_other_column_names_lists_what_it_got_wrong(
    tmp_path, capsys, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "brands.csv"
    path.write_text(
        "inlägg;brand;ton\n"
        '"Älskar Elgiganten, hatar Netonnet";Netonnet;neg\n'
        '"Älskar Elgiganten, hatar Netonnet";Elgiganten;neg\n',
        encoding="utf-8",
    )
    args = [str(path), "--text-column", "inlägg", "--label-column", "ton"]
    targets = _run(capsys, *args)["systems"]["koll"]["targets"]
    assert targets["accuracy"] == 0.5
    assert targets["wrong"] == [
        {
            "line": 3,
            "text": "Älskar Elgiganten, hatar Netonnet",
            "brand": "Elgiganten",
            "label": "neg",
            "got": "pos",
        }
    ]


def test_a_brand_not_named_in_its_text_is_refused_with_its_line(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "brands.csv"
    path.write_text(
        "text,brand,label\nTelia är bäst,Telia,pos\nTele2 är sämst,tele2,neg\n", encoding="utf-8"
    )
    assert main(["eval", "sentiment", str(path)]) == 2
    err = capsys.readouterr().err
    assert "brands.csv: line 3: field 'brand' 'tele2' is not named in field 'text'" in err
    path.write_text("text,brand,label\nTelia är bäst,,pos\n", encoding="utf-8")
    assert main(["eval", "sentiment", str(path)]) == 2
    assert "brands.csv: line 2: field 'brand' is empty" in capsys.readouterr().err


def test_a_counterfactual_file_reports_its_flips(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "cf.csv"
    path.write_text(
        "group,text,label,swapped\n"
        "1,Personalen i Luleå var fantastiska.,pos,\n"
        "1,Personalen i Malmö var fantastiska.,pos,place\n"
        # Not a name swapped but the verdict: the label changes, and is counted.
        "1,Personalen i Luleå var otrevliga.,neg,topic\n"
        "2,Tåget från Umeå var försenat igen.,neg,\n"
        "2,Tåget från Kiruna var försenat igen.,neg,place\n",
        encoding="utf-8",
    )
    res = _run(capsys, str(path))
    assert res["counterfactual"] == {
        "groups": 2,
        "variants": 3,
        "flips": 1,
        "flip_rate": 0.3333,
        "flipped": ["Personalen i Luleå var otrevliga."],
    }
    assert main(["eval", "sentiment", str(path)]) == 0
    assert "counterfactual: 1 of 3 variants (33.3 %)" in capsys.readouterr().out


def test_a_counterfactual_variant_without_its_base_is_refused(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "cf.csv"
    path.write_text(
        "group,text,label,swapped\n1,Personalen i Malmö var fantastiska.,pos,place\n",
        encoding="utf-8",
    )
    assert main(["eval", "sentiment", str(path)]) == 2
    assert "cf.csv: group '1' has variants but no base sentence" in capsys.readouterr().err
