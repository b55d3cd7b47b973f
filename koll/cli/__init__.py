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

from koll.cli._stdout import Watched
from koll.config import ConfigError, UnknownBrand
from koll.config_values import hide_credentials

# A reader that closed the pipe (`koll export items | head -1`, or --output /dev/stdout's) wants
# no more: the command ends without a word and with the status a Unix tool killed by SIGPIPE has
# (128 + 13), so a script with `set -o pipefail` sees the output was cut, as it does for
# `seq 1 100000 | head -1`. Defined in koll.files, whose ClosedPipe carries it from --output.
from koll.files import EXIT_CLOSED_PIPE

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
    "match",
]

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # exit code 2 with a one-line message, as for bad config
        # One line, no usage block: cron mails and scripts read the first line, and --help
        # is one command away.
        from koll.cli._common import error_line

        self.exit(EXIT_USAGE, error_line(f"error: {message} (see {self.prog} --help)") + "\n")


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


class _CredentialsHidden(logging.Formatter):
    """Log lines (tracebacks included) with user:password in any URL masked: feed URLs may carry
    them, and logs end up in cron mails and issue reports."""

    def format(self, record: logging.LogRecord) -> str:
        return hide_credentials(super().format(record))


def setup_logging(verbose: bool) -> None:
    level = (
        logging.DEBUG
        if verbose
        else getattr(logging, os.environ.get("KOLL_LOG_LEVEL", "INFO").upper(), logging.INFO)
    )
    root = logging.getLogger()
    if not root.handlers:  # as logging.basicConfig: a host that set up logging keeps its own
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(_CredentialsHidden("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
        root.setLevel(level)
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # one line per dashboard request


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "_run", None):
        parser.print_help()
        return EXIT_USAGE
    setup_logging(args.verbose)
    with Watched() as stdout:
        try:
            code = _run(args)
            sys.stdout.flush()  # what is still buffered fails here, not at exit as a traceback
        except OSError as e:
            # Standard output's own errors only (a full disk, /dev/full, a closed pipe); any
            # other OSError here is a bug, whose traceback is worth more than a line.
            if e is stdout.failed or (stdout.raw is None and isinstance(e, BrokenPipeError)):
                return _output_failed(e)
            raise
        if stdout.failed is not None:  # a command that caught the error itself said nothing
            return _output_failed(stdout.failed)
        return code


def _run(args: argparse.Namespace) -> int:
    """The command, its mistakes and failures as one line each, as the exit code says."""
    from sqlalchemy.exc import SQLAlchemyError  # SQLAlchemy: only once a command runs

    from koll.cli._common import CommandError, check_shared_options, fail
    from koll.files import ClosedPipe, OutputError
    from koll.store import StoreError, one_line, write_refused

    try:
        check_shared_options(args)
        return int(args._run(args) or 0)
    except ClosedPipe:  # --output's reader closed the pipe: quiet, as for standard output
        return EXIT_CLOSED_PIPE
    except (CommandError, OutputError) as e:
        return fail(str(e), e.code)
    except ConfigError as e:
        return fail(f"config error: {e}", EXIT_USAGE)
    except StoreError as e:
        return fail(f"database error: {e}", EXIT_FAIL)
    except SQLAlchemyError as e:  # the database failed mid-command: a full disk, a lost server
        if write_refused(e):
            return fail(
                "database error: this command changes the database, which this user may only "
                f"read ({one_line(e)}); run it as the user that writes the workspace",
                EXIT_FAIL,
            )
        return fail(f"database error: {one_line(e)}", EXIT_FAIL)
    except UnknownBrand as e:  # the message names the brands that exist
        return fail(str(e.args[0] if e.args else e), EXIT_USAGE)
    except KeyboardInterrupt:
        print("koll: interrupted", file=sys.stderr)
        return 130


def _output_failed(e: OSError) -> int:
    if isinstance(e, BrokenPipeError):
        return EXIT_CLOSED_PIPE
    from koll.cli._common import fail

    return fail(f"writing to standard output failed ({e.strerror or e})", EXIT_FAIL)
