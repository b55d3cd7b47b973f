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
        help="write the output for Excel with Swedish settings, as `koll export --format excel`: "
        "a UTF-8 byte order mark (which Excel needs to show å ä ö), semicolons, decimal commas "
        "(a semicolon-separated file is answered so without it)",
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
    # A semicolon-separated file is what Swedish Excel saves: it goes back to Excel.
    excel = args.bom or grid.sep == ";"
    with output(args.output) as fh:
        renamed = write_scored(fh, grid, args.text_column, excel=excel)
    if grid.bom and not excel:
        # A comma file stays a plain CSV unless asked (other tools read its first column's
        # name); one saved by Excel may go back to Excel, which without the mark garbles å ä ö.
        print(
            error_line(
                f"note: {grid.name} begins with a byte order mark, as Excel saves CSV; --bom "
                "writes the output for Excel (a byte order mark, semicolons, decimal commas), "
                "so that it shows å ä ö"
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


def write_scored(fh, grid: Grid, text_column: str, *, excel: bool = False) -> list[tuple[str, str]]:
    """Each row as read, cell by cell (a repeated or blank column name loses nothing), with
    koll's label, score, confidence and lang added at the end; the file's own columns renamed
    (see output_columns), which it returns.

    With `excel` it is the CSV for Excel with Swedish settings, by the writer of `koll export
    --format excel` and the dashboard's download (koll.store.excel_csv: a byte order mark,
    semicolons, decimal commas, three decimals). Else it is a plain CSV: commas, decimal points,
    four decimals, no mark."""
    from koll.store.excel_csv import AsRead, write_excel_csv
    from koll.store.export import spreadsheet_safe

    columns, renamed = output_columns(grid.columns)
    text_at = grid.columns.index(text_column)  # by the name read: it may be renamed on output
    if excel:
        # The file's own cells come back exactly as read ("the same rows"), a post opening
        # with @nordvind included; the writer guards what koll adds against formulas.
        write_excel_csv(
            fh,
            columns,
            ([AsRead(c) for c in row] + _scores(row[text_at]) for row in grid.rows),
        )
        return renamed
    # CRLF (RFC 4180): the csv module quotes a field only for the characters of its line
    # ending, so with "\n" a text holding a carriage return went out unquoted, splitting rows.
    w = csv.writer(fh, lineterminator="\r\n")
    w.writerow(columns)
    for row in grid.rows:
        values = [
            "" if v is None else f"{v:.4f}" if isinstance(v, float) else spreadsheet_safe(v)
            for v in _scores(row[text_at])
        ]
        w.writerow(row + values)  # only what koll adds is guarded, as above
    return renamed


def _scores(text: str) -> list:
    """label, score, confidence, lang for one text; None for each when it is blank (unscored,
    as koll.classify leaves it)."""
    from analysis import sentiment
    from koll.sentiment import blank

    if blank(text):
        return [None] * len(ADDED)
    s = sentiment.classify(text)
    return [s.label, s.score, s.confidence, s.lang]
