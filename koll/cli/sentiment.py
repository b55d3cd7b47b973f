"""`koll sentiment`: classify the texts of a CSV; the same rows come out with label and score."""

from __future__ import annotations

import csv
import sys

from koll.cli._common import error_line, fail
from koll.cli._sentiment_io import (
    Grid,
    InputError,
    read_grid,
    require_column,
    use_configured_model,
)
from koll.files import output

HELP = "classify texts: a CSV in, the same rows plus label, score, confidence and lang out"
EXAMPLE = "koll sentiment posts.csv --text-column body --output scored.csv"


def add_arguments(p) -> None:
    p.add_argument("file", nargs="?", default="-", metavar="FILE", help="CSV file, or - for stdin")
    p.add_argument("--text-column", default="text", metavar="NAME", help="column with the text")
    p.add_argument("--output", metavar="FILE", help="write here instead of standard output")
    p.add_argument(
        "--bom",
        action="store_true",
        help="start the output with a UTF-8 byte order mark, which Excel needs to show å ä ö",
    )


ADDED = ("label", "score", "confidence", "lang")


def run(args) -> int:
    try:
        grid = read_grid(args.file)
        require_column(grid.name, grid.columns, args.text_column, "--text-column")
    except InputError as e:
        return fail(str(e), 2)
    twice = [c for c in ADDED if grid.columns.count(c) > 1]
    if twice:  # kept apart from the column koll adds, which of the two is whose?
        where = [i + 1 for i, c in enumerate(grid.columns) if c == twice[0]]
        return fail(
            f"{grid.name}: the header names column {twice[0]!r} {len(where)} times (columns "
            f"{', '.join(map(str, where))}), and koll sentiment adds its own {twice[0]}; "
            "rename them",
            2,
        )
    use_configured_model(args)
    with output(args.output) as fh:
        renamed = write_scored(fh, grid, args.text_column, bom=args.bom)
    if grid.bom and not args.bom:
        # The output is a plain CSV unless asked (other tools read its first column's name);
        # a file saved by Excel goes back to Excel, which without the mark garbles å ä ö.
        print(
            error_line(
                f"note: {grid.name} begins with a byte order mark, as Excel saves CSV; "
                "--bom writes one too, so that Excel shows å ä ö in the output"
            ),
            file=sys.stderr,
        )
    if renamed:  # after the write, so that a refused --output stays its one line
        print(
            error_line(
                f"{grid.name}: koll sentiment adds its own {', '.join(ADDED)}; the file's "
                + ", ".join(f"{old!r} comes out as {new!r}" for old, new in renamed)
            ),
            file=sys.stderr,
        )
    return 0


def output_columns(columns: list[str]) -> tuple[list[str], list[tuple[str, str]]]:
    """The header written out and the (old, new) names of renamed columns.

    koll's own columns always carry the names label, score, confidence and lang: other tools
    read them by those names (the contract: "the same rows plus label, score, confidence,
    lang"). A column of the file with one of those names (gold labels, say) used to be
    overwritten with koll's values, silently losing it; it now keeps its cells and its place
    as `<name>_input` (`<name>_input2`, … if that name is taken as well).
    """
    out = list(columns)
    renamed = []
    for i, name in enumerate(columns):
        if name not in ADDED:
            continue
        new, n = f"{name}_input", 1
        while new in out or new in ADDED:
            n += 1
            new = f"{name}_input{n}"
        out[i] = new
        renamed.append((name, new))
    return out + list(ADDED), renamed


def write_scored(fh, grid: Grid, text_column: str, *, bom: bool = False) -> list[tuple[str, str]]:
    """Each row as read, cell by cell (a repeated or blank column name loses nothing), with
    koll's label, score, confidence and lang added at the end; the file's own columns renamed
    (see output_columns), which it returns.

    Out goes a CSV; a semicolon-separated one comes back separated by semicolons, with
    decimal commas. That is what Excel saves where the decimal mark is a comma, as in Sweden,
    and the same Excel reads "0.2500" there as text or a date. Before, such a file came back
    comma-separated: opened by double-click, each row was one cell. `bom` starts it with a
    UTF-8 byte order mark, without which Excel reads it as Windows-1252."""
    from analysis import sentiment
    from koll.sentiment import blank
    from koll.store.export import spreadsheet_safe

    columns, renamed = output_columns(grid.columns)
    text_at = grid.columns.index(text_column)  # by the name read: it may be renamed on output
    # CRLF (RFC 4180): the csv module quotes a field only for the characters of its line
    # ending, so with "\n" a text holding a carriage return went out unquoted, splitting rows.
    sep, mark = (";", ",") if grid.sep == ";" else (",", ".")
    if bom:
        fh.write("\ufeff")
    w = csv.writer(fh, delimiter=sep, lineterminator="\r\n")
    w.writerow(columns)
    for row in grid.rows:
        text = row[text_at]  # read_grid pads short rows to the header's length
        # Unscored, with empty cells, as koll.classify leaves it (NaN).
        if blank(text):
            w.writerow(row + [""] * len(ADDED))
            continue
        s = sentiment.classify(text)
        values = [
            s.label or "",
            "" if s.score is None else f"{s.score:.4f}".replace(".", mark),
            "" if s.confidence is None else f"{s.confidence:.4f}".replace(".", mark),
            s.lang,
        ]
        # Only what koll adds is guarded against spreadsheet formulas: the file's own cells
        # come back exactly as read ("the same rows"), a post opening with @nordvind included.
        w.writerow(row + [spreadsheet_safe(v) for v in values])
    return renamed
