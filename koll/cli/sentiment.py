"""`koll sentiment`: classify the texts of a CSV; the same rows come out with label and score."""

from __future__ import annotations

import csv

from koll.cli._common import fail
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


ADDED = ("label", "score", "confidence", "lang")


def run(args) -> int:
    try:
        grid = read_grid(args.file)
        require_column(grid.name, grid.columns, args.text_column, "--text-column")
    except InputError as e:
        return fail(str(e), 2)
    twice = [c for c in ADDED if grid.columns.count(c) > 1]
    if twice:  # koll's value replaces that column's: which of the two?
        return fail(
            f"{grid.name}: the header names column {twice[0]!r} "
            f"{grid.columns.count(twice[0])} times, and koll sentiment writes its {twice[0]} "
            "there; rename them",
            2,
        )
    use_configured_model(args)
    with output(args.output) as fh:
        write_scored(fh, grid, args.text_column)
    return 0


def write_scored(fh, grid: Grid, text_column: str) -> None:
    """Each row as read, cell by cell (a repeated or blank column name loses nothing), with
    koll's label, score, confidence and lang in their columns, added at the end if missing.

    Out goes a CSV; a semicolon-separated one comes back separated by semicolons, with
    decimal commas. That is what Excel saves where the decimal mark is a comma, as in Sweden,
    and the same Excel reads "0.2500" there as text or a date. Before, such a file came back
    comma-separated: opened by double-click, each row was one cell."""
    from analysis import sentiment
    from koll.store.export import spreadsheet_safe

    columns = grid.columns + [c for c in ADDED if c not in grid.columns]
    at = {c: columns.index(c) for c in ADDED}
    text_at = columns.index(text_column)
    # CRLF (RFC 4180): the csv module quotes a field only for the characters of its line
    # ending, so with "\n" a text holding a carriage return went out unquoted, splitting rows.
    sep, mark = (";", ",") if grid.sep == ";" else (",", ".")
    w = csv.writer(fh, delimiter=sep, lineterminator="\r\n")
    w.writerow(columns)
    for row in grid.rows:
        cells = row + [""] * (len(columns) - len(row))
        s = sentiment.classify(cells[text_at])
        values = {
            "label": s.label or "",
            "score": "" if s.score is None else f"{s.score:.4f}".replace(".", mark),
            "confidence": "" if s.confidence is None else f"{s.confidence:.4f}".replace(".", mark),
            "lang": s.lang,
        }
        # Only what koll adds is guarded against spreadsheet formulas: the file's own cells
        # come back exactly as read ("the same rows"), a post opening with @nordvind included.
        for column, value in values.items():
            cells[at[column]] = spreadsheet_safe(value)
        w.writerow(cells)
