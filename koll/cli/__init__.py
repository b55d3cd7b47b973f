"""The `koll` command line: a thin shell that parses arguments and calls one library function per command.

Argument parsing imports no heavy library (pandas, scikit-learn, SQLAlchemy, Dash): every command
module imports what it needs inside its `run`, so `koll --help` answers at once.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from collections.abc import Sequence

from koll.config import ConfigError, UnknownBrand

# One module per command under koll/cli/; each defines HELP, EXAMPLE, add_arguments(p)
# and run(args) -> int.
COMMANDS = [
    "demo",
    "ingest",
    "analyse",
    "serve",
    "sentiment",
    "eval",
    "train",
    "control",
    "export",
    "feeds",
    "copy",
    "discover",
    "alerts",
    "topics",
    "digest",
    "report",
]

EXIT_OK, EXIT_FAIL, EXIT_USAGE, EXIT_LOCKED = 0, 1, 2, 75


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # exit code 2 with a one-line message, as for bad config
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"koll: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="koll",
        description="koll: Swedish brand monitoring. Fetch feeds, score tone, measure control.",
        epilog="Example: koll demo --dir ./koll-demo   (then open http://127.0.0.1:8050)",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug messages")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMANDS:
        mod = importlib.import_module(f"koll.cli.{name}")
        p = sub.add_parser(
            name,
            help=mod.HELP,
            description=mod.HELP,
            epilog="Example:\n  " + mod.EXAMPLE,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        p.add_argument(
            "--config", metavar="PATH", help="koll.toml (default: $KOLL_CONFIG or ./koll.toml)"
        )
        p.add_argument(
            "--db",
            metavar="URL",
            help="database URL, overrides [storage] url and $KOLL_DATABASE_URL",
        )
        mod.add_arguments(p)
        p.set_defaults(_run=mod.run)
    return parser


def setup_logging(verbose: bool) -> None:
    level = (
        logging.DEBUG
        if verbose
        else getattr(logging, os.environ.get("KOLL_LOG_LEVEL", "INFO").upper(), logging.INFO)
    )
    logging.basicConfig(
        level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s", stream=sys.stderr
    )
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # one line per dashboard request


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "_run", None):
        parser.print_help()
        return EXIT_USAGE
    setup_logging(args.verbose)
    from koll.store import StoreError  # SQLAlchemy: only once a command runs

    try:
        return int(args._run(args) or 0)
    except ConfigError as e:
        print(f"koll: config error: {e}", file=sys.stderr)
        return EXIT_USAGE
    except StoreError as e:
        print(f"koll: database error: {e}", file=sys.stderr)
        return EXIT_FAIL
    except UnknownBrand as e:  # the message names the brands that exist
        print(f"koll: {e.args[0] if e.args else e}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        return EXIT_OK
    except KeyboardInterrupt:
        print("koll: interrupted", file=sys.stderr)
        return 130
