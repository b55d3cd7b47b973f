"""`koll match`: try a brand query, or a configured brand's names, on lines of text."""

from __future__ import annotations

import sys

from koll.cli._common import fail, settings_from_args

HELP = (
    "print the lines of a file (or standard input) that a brand query matches, or that koll"
    " counts as mentions of a configured brand (--brand); koll.toml (--config) is read only"
    " with --brand, and --db is not used"
)
EXAMPLE = (
    "koll match '(\"Fjällkraft\" OR @fjallkraft) NOT Fjällkraftverket' kommentarer.txt\n"
    "  echo 'Fjällkrafts vd avgår' | koll match '\"Fjällkraft\" NEAR/3 vd' -\n"
    "  koll match --config koll.toml --brand Fjällkraft kommentarer.txt   # as koll.toml says"
)


def add_arguments(p) -> None:
    p.add_argument(
        "query",
        metavar="QUERY",
        nargs="?",
        help="a query as in a brand's `query` (docs/config.md); left out with --brand",
    )
    p.add_argument(
        "file",
        metavar="FILE",
        nargs="?",
        help="a UTF-8 text file, one text per line; - reads stdin",
    )
    p.add_argument(
        "--brand",
        help="match as koll matches this brand of koll.toml (its names, aliases and exclude, or"
        " its query) instead of a QUERY",
    )
    p.add_argument(
        "-c", "--count", action="store_true", help="print only how many lines match, of how many"
    )


def run(args) -> int:
    from analysis.brands import BrandMatcher
    from analysis.query import Query, QueryError

    if args.brand is not None:
        # The brand's matcher as ingestion builds it (ingest.match.Matchers); an unknown brand
        # is named before the arguments are counted.
        matches = BrandMatcher.for_brand(settings_from_args(args).brand(args.brand)).matches
        if args.file is not None:
            return fail("give a QUERY or --brand, not both", 2)
        path = args.query
        if path is None:
            return fail("koll match --brand NAME needs a FILE (- reads standard input)", 2)
    else:
        if args.query is None or args.file is None:
            return fail("koll match needs a QUERY and a FILE, or --brand NAME and a FILE", 2)
        if not args.query.strip():
            return fail("query error: the query is empty", 2)  # no position worth a caret
        try:
            matches = Query(args.query).matches
        except QueryError as e:
            return fail(f"query error: {e.pointed(args.query)}", 2)
        path = args.file
    from koll.cli._sentiment_io import InputError, decode_utf8

    try:
        if path == "-":
            raw = sys.stdin.buffer.read()
        else:
            with open(path, "rb") as fh:
                raw = fh.read()
        # Refused, as `koll eval` and `koll sentiment` refuse it: read with replacement
        # characters, "Fjällkraft" saved as Latin-1 matched nothing, and the brand's terms
        # looked wrong (QA, 2026-12-07).
        lines = decode_utf8("standard input" if path == "-" else path, raw).splitlines()
    except OSError as e:
        return fail(f"cannot read {path}: {e.strerror}", 2)
    except InputError as e:
        return fail(str(e), 2)
    hits = [(n, line) for n, line in enumerate(lines, 1) if matches(line)]
    if args.count:
        print(f"{len(hits)} of {len(lines)} lines match")
    else:
        for n, line in hits:
            print(f"{n}:{line}")
    return 0 if hits else 1
