"""`koll sentiment`: classify the texts of a CSV; the same rows come out with label and score."""

from __future__ import annotations

import csv

from koll.cli._common import fail, output
from koll.cli._sentiment_io import InputError, read_table, require_column, use_configured_model

HELP = "classify texts: a CSV in, the same rows plus label, score, confidence and lang out"
EXAMPLE = "koll sentiment posts.csv --text-column body --output scored.csv"


def add_arguments(p) -> None:
    p.add_argument("file", nargs="?", default="-", metavar="FILE", help="CSV file, or - for stdin")
    p.add_argument("--text-column", default="text", metavar="NAME", help="column with the text")
    p.add_argument("--output", metavar="FILE", help="write here instead of standard output")


def run(args) -> int:
    from analysis import sentiment
    from koll.store.export import spreadsheet_row

    try:
        name, columns, rows, _lines = read_table(args.file)
        require_column(name, columns, args.text_column, "--text-column")
    except InputError as e:
        return fail(str(e), 2)
    use_configured_model(args)
    added = [c for c in ("label", "score", "confidence", "lang") if c not in columns]
    with output(args.output) as fh:
        # CRLF (RFC 4180): the csv module quotes a field only for the characters of its line
        # ending, so with "\n" a text holding a carriage return went out unquoted, splitting rows.
        w = csv.DictWriter(fh, fieldnames=columns + added, lineterminator="\r\n")
        w.writeheader()
        for row in rows:
            s = sentiment.classify(row.get(args.text_column) or "")
            row.update(
                label=s.label or "",
                score="" if s.score is None else f"{s.score:.4f}",
                confidence="" if s.confidence is None else f"{s.confidence:.4f}",
                lang=s.lang,
            )
            w.writerow(spreadsheet_row(row))
    return 0
