"""`koll demo`: build the demo workspace from the bundled Swedish feeds and serve its dashboard."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from koll.cli import serve as serve_command
from koll.cli._common import CommandError

HELP = (
    "create (or refresh) a demo workspace from bundled Swedish feeds, then serve the dashboard; "
    "only a new or empty folder, or one koll demo built, is written to; exit 75 (nothing "
    "changed) while a koll ingest or koll analyse run holds the demo database's lock"
)
EXAMPLE = "koll demo --dir ./koll-demo --port 8050      # or --no-serve to only build it"


def add_arguments(p) -> None:
    p.add_argument("--dir", help="workspace folder (default ./koll-demo, or the --config file's)")
    p.add_argument("--no-serve", action="store_true", help="build the workspace and exit")
    serve_command.add_arguments(p)
    # --config names the demo's koll.toml (written there); --db and $KOLL_DATABASE_URL the
    # database it is built in, which must be empty or a demo's.


def _where(args) -> tuple[Path, str]:
    """(folder, config file name) from --dir and --config."""
    if args.dir is not None and not args.dir.strip():  # "" used to mean ./koll-demo
        raise CommandError(f"--dir: expected a folder for the demo, got {args.dir!r}")
    if args.config is None:
        return Path(args.dir or "koll-demo"), "koll.toml"
    config = Path(args.config)
    try:
        folder = not config.name or config.is_dir()
    except OSError as e:  # a name too long for the file system
        raise CommandError(f"--config {args.config}: cannot be a file ({e.strerror})") from None
    if folder:
        raise CommandError(f"--config {args.config}: expected the path of a koll.toml to write")
    if args.dir is not None and Path(args.dir).resolve() != config.parent.resolve():
        raise CommandError("--dir and --config name different folders; give one of them")
    return config.parent, config.name


def _database(args) -> str | None:
    """--db, else $KOLL_DATABASE_URL (checked like any database URL), else None: SQLite."""
    from koll.config_values import check_database_url

    if args.db is not None:
        return check_database_url("(command line)", "--db", args.db)
    env = os.environ.get("KOLL_DATABASE_URL")
    return check_database_url("(environment)", "KOLL_DATABASE_URL", env) if env else None


def run(args) -> int:
    from koll.jobs.demo import DemoBusy, DemoRefused, build_demo
    from koll.run_lock import EXIT_LOCKED

    folder, name = _where(args)
    database = _database(args)
    if not args.no_serve:
        serve_command.check_listen(args.host, args.port)  # before minutes of building
    # A URL given with --db goes into the demo's koll.toml, so later commands find the data,
    # unless it carries a password (that stays out of files; pass --db again).
    secret = database is not None and args.db is not None and ":" in _userinfo(database)
    try:
        settings = build_demo(
            folder,
            database_url=database,
            config_name=name,
            write_database_url=args.db is not None and not secret,
        )
    except DemoRefused as e:
        raise CommandError(str(e)) from None
    except DemoBusy as e:  # 75, as the busy jobs exit: a scheduler may simply try again
        print(f"koll: {e}", file=sys.stderr)
        return EXIT_LOCKED
    except OSError as e:  # a folder name too long, a read-only disk
        raise CommandError(f"cannot build the demo in {folder}: {e.strerror or e}") from None
    print(f"koll: demo workspace ready: {settings.config_path}")
    for line in next_steps(settings, " --db URL" if secret else ""):
        print(f"  {line}")
    if secret:
        print("  (the database URL has a password, so koll.toml does not name it: pass --db)")
    if args.no_serve:
        return 0
    args.config = str(settings.config_path)
    args.db = database if args.db is not None else None
    return serve_command.run(args)


def next_steps(settings, extra: str = "") -> list[str]:
    """The commands `koll demo` suggests once it is built. The digest's is of the seven days up
    to yesterday, not the default yesterday alone: the demo's newest brand mentions can be from
    the day before yesterday (its newest post is from the last 24 hours), so that digest said
    "Inga omnämnanden i perioden"."""
    from datetime import date, timedelta

    from koll.store import local_day, utcnow

    since = date.fromisoformat(local_day(utcnow())) - timedelta(days=7)
    config = f"--config {settings.config_path}{extra}"
    return [
        *(f"koll control {config} --brand {b.name} --json" for b in settings.brands),
        f"koll digest {config} --since {since.isoformat()} --output digest.html",
    ]


def _userinfo(url: str) -> str:
    rest = url.partition("://")[2].split("/", 1)[0]
    return rest.rpartition("@")[0]
