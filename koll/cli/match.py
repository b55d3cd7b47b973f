"""`koll match`: try a brand query on lines of text before putting it in koll.toml."""

from __future__ import annotations

import sys

from koll.cli._common import fail

HELP = "print the lines of a file (or standard input) that a brand query matches"
EXAMPLE = (
    "koll match '(\"Fjällkraft\" OR @fjallkraft) NOT Fjällkraftverket' kommentarer.txt\n"
    "  echo 'Fjällkrafts vd avgår' | koll match '\"Fjällkraft\" NEAR/3 vd' -"
)


def add_arguments(p) -> None:
    p.add_argument(
        "query", metavar="QUERY", help="a query as in a brand's `query` (docs/config.md)"
    )
    p.add_argument(
        "file", metavar="FILE", help="a UTF-8 text file, one text per line; - reads stdin"
    )
    p.add_argument(
        "-c", "--count", action="store_true", help="print only how many lines match, of how many"
    )


def run(args) -> int:
    from analysis.query import Query, QueryError

    if not args.query.strip():
        return fail("query error: the query is empty", 2)  # no position worth a caret
    try:
        query = Query(args.query)
    except QueryError as e:
        return fail(f"query error: {e.pointed(args.query)}", 2)
    try:
        if args.file == "-":
            lines = sys.stdin.buffer.read().decode("utf-8", errors="replace").splitlines()
        else:
            with open(args.file, "rb") as fh:
                lines = fh.read().decode("utf-8", errors="replace").splitlines()
    except OSError as e:
        return fail(f"cannot read {args.file}: {e.strerror}", 2)
    hits = [(n, line) for n, line in enumerate(lines, 1) if query.matches(line)]
    if args.count:
        print(f"{len(hits)} of {len(lines)} lines match")
    else:
        for n, line in hits:
            print(f"{n}:{line}")
    return 0 if hits else 1
