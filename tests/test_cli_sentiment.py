"""`koll sentiment` returns the same rows, cell by cell, plus its own columns, and refuses a file
it would misread (a quote left open, a repeated text column, another encoding) in one line."""

from __future__ import annotations

import csv
import io

import pytest

from koll.cli import main

ADDED = ["label", "score", "confidence", "lang"]


def sentiment(tmp_path, monkeypatch, content: bytes | str, *args: str) -> tuple[int, list, str]:
    """(exit code, the output's rows as lists, the file's name) for `content` as in.csv."""
    monkeypatch.chdir(tmp_path)  # no koll.toml: the shipped model
    src = tmp_path / "in.csv"
    if isinstance(content, str):
        content = content.encode("utf-8")
    src.write_bytes(content)
    out = tmp_path / "out.csv"
    rc = main(["sentiment", str(src), "--output", str(out), *args])
    rows = (
        list(csv.reader(io.StringIO(out.read_text(encoding="utf-8"), newline="")))
        if rc == 0
        else []
    )
    return rc, rows, str(src)


def one_line(capsys) -> str:
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1, err
    return err


def test_a_quote_never_closed_is_refused_with_its_line(tmp_path, monkeypatch, capsys):
    rc, _, name = sentiment(tmp_path, monkeypatch, 'id,text\n1,"unterminated\n2,bra\n')
    assert rc == 2
    assert one_line(capsys) == f"koll: {name}: line 2: a quote is never closed"
    assert not (tmp_path / "out.csv").exists()


def test_text_after_a_closing_quote_names_the_line_and_the_row(tmp_path, monkeypatch, capsys):
    rc, _, name = sentiment(tmp_path, monkeypatch, 'id,text\n1,bra\n2,"två\nrader" sa hon\n')
    assert rc == 2
    assert one_line(capsys).startswith(
        f"koll: {name}: line 4 (in the row from line 3): text after a closing quote"
    )


def test_a_quoted_text_over_several_lines_is_still_one_cell(tmp_path, monkeypatch):
    rc, rows, _ = sentiment(tmp_path, monkeypatch, 'id,text\n1,"bra\npå två rader"\n2,dålig\n')
    assert rc == 0 and [r[:2] for r in rows[1:]] == [["1", "bra\npå två rader"], ["2", "dålig"]]


@pytest.mark.parametrize(
    ("content", "header", "cells"),
    [
        ("a,text,a\n1,bra,2\n", ["a", "text", "a"], ["1", "bra", "2"]),
        # Excel's exports often end the header with blank cells.
        ("id,text,,\n1,bra,x,y\n", ["id", "text", "", ""], ["1", "bra", "x", "y"]),
    ],
)
def test_repeated_column_names_keep_every_cell_in_place(
    tmp_path, monkeypatch, content, header, cells
):
    rc, rows, _ = sentiment(tmp_path, monkeypatch, content)
    assert rc == 0
    assert rows[0] == header + ADDED
    assert rows[1][: len(cells)] == cells and rows[1][len(cells)] == "pos"


def test_a_text_column_chosen_by_name_and_a_short_row(tmp_path, monkeypatch):
    rc, rows, _ = sentiment(
        tmp_path, monkeypatch, "body,x,x\nusel service\n", "--text-column", "body"
    )
    assert rc == 0 and rows[0] == ["body", "x", "x", *ADDED]
    assert rows[1][:4] == ["usel service", "", "", "neg"]


def test_a_repeated_text_column_is_refused(tmp_path, monkeypatch, capsys):
    rc, _, name = sentiment(
        tmp_path, monkeypatch, "id,body,body\n1,bra,dålig\n", "--text-column", "body"
    )
    assert rc == 2
    assert one_line(capsys).startswith(
        f"koll: {name}: the header names column 'body' 2 times (columns 2, 3)"
    )


def test_the_files_own_label_and_score_are_kept_under_other_names(tmp_path, monkeypatch, capsys):
    # Gold labels in `label` were overwritten with koll's: the user's labels were lost. koll's
    # columns keep their names (other tools read them so); the file's keep their cells and place.
    rc, rows, name = sentiment(
        tmp_path, monkeypatch, "text,label,score\nBra!,neg,5\nDåligt,pos,1\n"
    )
    assert rc == 0
    assert rows[0] == ["text", "label_input", "score_input", *ADDED]
    assert [r[:3] for r in rows[1:]] == [["Bra!", "neg", "5"], ["Dåligt", "pos", "1"]]
    assert [r[3] for r in rows[1:]] == ["pos", "neg"]
    assert one_line(capsys) == (
        f"koll: {name}: koll sentiment adds its own label, score, confidence, lang; the file's "
        "'label' comes out as 'label_input', 'score' comes out as 'score_input'"
    )


def test_a_renamed_column_takes_the_next_free_name(tmp_path, monkeypatch, capsys):
    content = "lang,text,lang_input,lang_input2\nsv,bra,a,b\n"
    rc, rows, _ = sentiment(tmp_path, monkeypatch, content)
    assert rc == 0 and rows[0] == ["lang_input3", "text", "lang_input", "lang_input2", *ADDED]
    assert rows[1][:5] == ["sv", "bra", "a", "b", "pos"]
    assert "'lang' comes out as 'lang_input3'" in one_line(capsys)


def test_a_text_column_named_label_is_read_and_kept(tmp_path, monkeypatch, capsys):
    rc, rows, _ = sentiment(
        tmp_path, monkeypatch, "id,label\n1,usel service\n", "--text-column", "label"
    )
    assert rc == 0 and rows[0] == ["id", "label_input", *ADDED]
    assert rows[1][:3] == ["1", "usel service", "neg"]


def test_a_column_named_like_kolls_twice_is_refused(tmp_path, monkeypatch, capsys):
    rc, _, name = sentiment(tmp_path, monkeypatch, "text,label,label\nbra,neg,neg\n")
    assert rc == 2 and not (tmp_path / "out.csv").exists()
    assert one_line(capsys).startswith(
        f"koll: {name}: the header names column 'label' 2 times (columns 2, 3)"
    )


def test_no_note_without_a_renamed_column(tmp_path, monkeypatch, capsys):
    rc, rows, _ = sentiment(tmp_path, monkeypatch, "id,text,labels\n1,bra,x\n")
    assert rc == 0 and rows[0] == ["id", "text", "labels", *ADDED]
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize("text", ["", "   ", "\t"])
def test_a_blank_text_is_left_unscored(tmp_path, monkeypatch, text):
    # As koll.classify leaves it (NaN); the model had called nothing neutral, lang und.
    rc, rows, _ = sentiment(tmp_path, monkeypatch, f'id,text\n1,"{text}"\n2,bra\n')
    assert rc == 0
    assert rows[1] == ["1", text, "", "", "", ""]
    assert rows[2][2] == "pos"


def test_koll_sentiment_leaves_unscored_the_texts_koll_classify_does(tmp_path, monkeypatch):
    import koll

    texts = ["", "   ", "\t", "\u00a0", "\u3000 ", "bra", " inte bra "]
    content = "id,text\n" + "".join(f'{i},"{t}"\n' for i, t in enumerate(texts))
    rc, rows, _ = sentiment(tmp_path, monkeypatch, content)
    assert rc == 0
    unscored = [row[2] == "" for row in rows[1:]]
    assert unscored == koll.classify(texts)["label"].isna().tolist()
    assert unscored == [True] * 5 + [False] * 2


def test_the_files_own_cells_come_back_exactly_as_read(tmp_path, monkeypatch):
    # The spreadsheet guard is for what koll adds; a post opening with @handle is the user's.
    content = "id,text,note\n1,@nordvind bra jobbat,=SUM(1)\n2,-dålig service,+46 8 123\n"
    rc, rows, _ = sentiment(tmp_path, monkeypatch, content)
    assert rc == 0
    assert [r[:3] for r in rows[1:]] == [
        ["1", "@nordvind bra jobbat", "=SUM(1)"],
        ["2", "-dålig service", "+46 8 123"],
    ]
    assert rows[2][3] == "neg" and float(rows[2][4]) < 0  # a negative score stays a number


def test_a_windows_1252_file_names_its_line_and_how_to_save_it(tmp_path, monkeypatch, capsys):
    content = "id,text\n1,bra\n2,dålig kundtjänst\n".encode("cp1252")
    rc, _, name = sentiment(tmp_path, monkeypatch, content)
    assert rc == 2
    assert one_line(capsys) == (
        f'koll: {name}: line 3: not UTF-8 (byte 0xe5); save it as UTF-8 ("CSV UTF-8" in Excel)'
    )


def test_a_semicolon_separated_file_is_read_by_its_separator(tmp_path, monkeypatch):
    # What Swedish Excel saves as CSV; the texts hold commas.
    content = 'id;text\n1;bra, men dyr\n2;"dålig; tycker jag"\n'
    rc, _, _ = sentiment(tmp_path, monkeypatch, content)
    text = (tmp_path / "out.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    assert rc == 0 and rows[0] == ["id", "text", *ADDED]
    assert [r[:2] for r in rows[1:]] == [["1", "bra, men dyr"], ["2", "dålig; tycker jag"]]


def test_a_semicolon_file_comes_back_with_semicolons_and_decimal_commas(tmp_path, monkeypatch):
    # Swedish Excel opens it by double-click only so; with commas each row was one cell.
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in.csv").write_text('id;text\n1;"bra, men dyr; tycker jag"\n', encoding="utf-8")
    assert main(["sentiment", "in.csv", "--output", "out.csv"]) == 0
    rows = list(
        csv.reader(io.StringIO((tmp_path / "out.csv").read_text("utf-8-sig")), delimiter=";")
    )
    assert rows[0] == ["id", "text", *ADDED]
    assert rows[1][:2] == ["1", "bra, men dyr; tycker jag"]
    score, confidence = rows[1][3], rows[1][4]
    assert "," in score and "." not in score and float(score.replace(",", ".")) <= 1
    assert "," in confidence and 0 < float(confidence.replace(",", ".")) <= 1


def test_a_wide_row_in_a_semicolon_file_says_semicolons(tmp_path, monkeypatch, capsys):
    rc, _, name = sentiment(tmp_path, monkeypatch, "id;text\n1;bra; men dyr\n")
    assert rc == 2
    assert one_line(capsys).endswith("quote fields that contain semicolons")


def test_a_cell_over_the_limit_is_named_in_kolls_words(tmp_path, monkeypatch, capsys):
    limit = csv.field_size_limit()
    rc, _, name = sentiment(tmp_path, monkeypatch, f"id,text\n1,bra\n2,{'a' * (limit + 1)}\n")
    assert rc == 2
    err = one_line(capsys)
    assert err.startswith(f"koll: {name}: line 3: a cell longer than {limit:,} characters")
    assert "field limit" not in err


def test_a_tsv_writes_quotes_as_text(tmp_path, monkeypatch):
    """Labelled TSV sets (ABSAbank-Imm's) quote a phrase at a cell's start; strict CSV reading
    refused the whole file ("text after a closing quote"), and `koll eval` with it, and CSV
    quoting ran such a cell on into the next line's."""
    monkeypatch.chdir(tmp_path)
    src = tmp_path / "in.tsv"
    src.write_text('id\ttext\n1\t"Grön politik" är ett skämt\n2\tbra\n', encoding="utf-8")
    out = tmp_path / "out.csv"
    assert main(["sentiment", str(src), "--output", str(out)]) == 0
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8"), newline="")))
    assert [r[:2] for r in rows] == [
        ["id", "text"],
        ["1", '"Grön politik" är ett skämt'],
        ["2", "bra"],
    ]


def test_a_spreadsheets_tsv_with_quoted_cells_is_read_by_its_quotes(tmp_path, monkeypatch):
    """Excel and Google Sheets quote a TSV cell holding a line break or a quote mark: read with
    quotes as text (as the labelled sets need), the second line became a row of its own."""
    monkeypatch.chdir(tmp_path)
    src = tmp_path / "in.tsv"
    src.write_text('id\ttext\n1\t"Grym service!\nverkligen"\n2\t"Han sa ""bra"""\n', "utf-8")
    assert main(["sentiment", str(src), "--output", "out.csv"]) == 0
    rows = list(csv.reader(io.StringIO((tmp_path / "out.csv").read_text("utf-8"), newline="")))
    assert [r[:2] for r in rows[1:]] == [["1", "Grym service!\nverkligen"], ["2", 'Han sa "bra"']]


# Excel's "CSV UTF-8" as Swedish Excel saves it: a byte order mark and semicolons.
EXCEL_CSV = "\ufefftext;källa\nFjällkraft är värdelöst;a\nBra service, tack!;c\n".encode()


def _excel_file(rows: list[list[str]]) -> bytes:
    """koll's one Excel writer's bytes for these input rows (header first) and koll's scores."""
    from analysis import sentiment as model
    from koll.store.excel_csv import AsRead, write_excel_csv

    def scored(text: str) -> list:
        s = model.classify(text)
        return [s.label, s.score, s.confidence, s.lang]

    out = io.StringIO(newline="")
    write_excel_csv(out, rows[0] + ADDED, ([AsRead(c) for c in r] + scored(r[0]) for r in rows[1:]))
    return out.getvalue().encode("utf-8")


def test_a_semicolon_file_is_answered_by_the_excel_writer(tmp_path, monkeypatch, capsys):
    """A semicolon file (what Swedish Excel saves) comes back as the file `koll export --format
    excel` and the dashboard write for Excel, byte for byte: the mark, decimal commas to three
    decimals. Its own copy wrote four decimals and a mark only with --bom, without which Excel
    shows å ä ö garbled; the file's own cells still come back as read (@nordvind unguarded)."""
    content = "text;källa\nFjällkraft är värdelöst;@nordvind\nBra service, tack!;c\n"
    for given in (content.encode(), EXCEL_CSV):
        rc, _, _ = sentiment(tmp_path, monkeypatch, given)
        written = (tmp_path / "out.csv").read_bytes()
        cells = [r.split(";") for r in given.decode("utf-8-sig").splitlines()]
        assert rc == 0 and written == _excel_file(cells)
        assert written.startswith(b"\xef\xbb\xbftext;k\xc3\xa4lla;label;score;confidence;lang\r\n")
    assert capsys.readouterr().err == ""  # the mark is there: no note


def test_bom_asks_for_the_excel_file_from_a_comma_file(tmp_path, monkeypatch, capsys):
    rc, _, _ = sentiment(tmp_path, monkeypatch, "text,källa\nBra service!,a\n", "--bom")
    assert rc == 0
    assert (tmp_path / "out.csv").read_bytes() == _excel_file(
        [["text", "källa"], ["Bra service!", "a"]]
    )
    # Without it a comma file stays the plain CSV: commas, decimal points, four decimals.
    rc, rows, _ = sentiment(tmp_path, monkeypatch, "text,källa\nBra service!,a\n")
    assert rc == 0 and rows[0] == ["text", "källa", *ADDED] and len(rows[1][3].split(".")[1]) == 4
    assert not (tmp_path / "out.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_a_comma_file_with_a_byte_order_mark_gets_a_note_naming_the_option(
    tmp_path, monkeypatch, capsys
):
    marked = "\ufefftext,källa\nBra service!,a\n".encode()
    capsys.readouterr()
    rc, _, name = sentiment(tmp_path, monkeypatch, marked)
    assert rc == 0
    assert one_line(capsys) == (
        f"koll: note: {name} begins with a byte order mark, as Excel saves CSV; --bom writes "
        "the output for Excel (a byte order mark, semicolons, decimal commas), so that it "
        "shows å ä ö"
    )
    assert sentiment(tmp_path, monkeypatch, marked, "--bom")[0] == 0
    assert capsys.readouterr().err == ""


def test_a_mistake_in_the_workspaces_config_or_in_db_stops_it(tmp_path, monkeypatch, capsys):
    # Both had been passed over: the shipped model scored the file, not the workspace's own
    # (`koll train`), and nothing said so.
    monkeypatch.delenv("KOLL_CONFIG", raising=False)
    (tmp_path / "koll.toml").write_text('[[feeds]]\nurl = "x"\n', encoding="utf-8")
    rc, _, _ = sentiment(tmp_path, monkeypatch, "text\nbra\n")
    assert rc == 2 and "koll.toml:2: feeds[0].url" in one_line(capsys)
    (tmp_path / "koll.toml").unlink()
    rc, _, _ = sentiment(tmp_path, monkeypatch, "text\nbra\n", "--db", "inte en adress")
    assert rc == 2 and "--db: expected a database URL" in one_line(capsys)
    assert sentiment(tmp_path, monkeypatch, "text\nbra\n")[0] == 0  # no workspace: shipped model
