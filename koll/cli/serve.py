"""`koll serve`: the dashboard, on this machine only unless --host says otherwise."""

from __future__ import annotations

import logging
import os
import socket
from typing import TYPE_CHECKING

from koll.cli._common import CommandError, bounded_int, open_store, settings_from_args

if TYPE_CHECKING:
    from koll.config import Settings
    from koll.store import Store

HELP = "serve the dashboard (default http://127.0.0.1:8050)"
EXAMPLE = "koll serve --config koll.toml --port 8050     # then open http://127.0.0.1:8050"


def add_arguments(p) -> None:
    p.add_argument(
        "--host",
        default="127.0.0.1",
        help="interface to bind (default 127.0.0.1: this machine only; 0.0.0.0 for the network, "
        "preferably with [dashboard] basic_auth_user/basic_auth_password set)",
    )
    p.add_argument(
        "--port", type=bounded_int(1, 65535), default=8050, help="TCP port (default 8050)"
    )


def check_listen(host: str, port: int) -> None:
    """A one-line CommandError unless a server can listen on host:port right now.

    Werkzeug reports a bad host or a taken port with a bare line and exit 1 after the
    dashboard has been built; this says what is wrong first. An empty host would mean every
    interface, which must be asked for by name (0.0.0.0).
    """
    if not host.strip():
        raise CommandError("--host: expected an address such as 127.0.0.1 or 0.0.0.0, got ''")
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    except (socket.gaierror, UnicodeError, ValueError) as e:
        raise CommandError(f"--host {host}: not an address of this machine ({e})") from None
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as Werkzeug binds
        try:
            probe.bind(address)
        except OSError as e:
            raise CommandError(f"cannot listen on {host}:{port}: {e.strerror or e}", 1) from None


def existing_store(settings: Settings) -> Store:
    """The workspace's store, which must exist (an older koll's is migrated). Opened with create,
    a mistyped --db or [storage] url became a new, empty database, served as an empty dashboard
    with nothing said: a missing SQLite file is a one-line usage error (exit 2) saying how a
    store is made; a database without koll's tables is the store's error, as for `koll feeds`."""
    from koll.store import sqlite_file

    path = sqlite_file(settings.database_url)
    if path is not None and not os.path.exists(path):  # a folder is the store's to name
        raise CommandError(
            f"the database {path} does not exist: `koll ingest` builds it from the feeds in "
            f"{settings.config_path}, `make demo` builds the demo (or check --db, [storage] url "
            "and KOLL_DATABASE_URL)"
        )
    return open_store(settings, existing=True)


def run(args) -> int:
    from dashboard.app import serve

    settings = settings_from_args(args)
    check_listen(args.host, args.port)
    store = existing_store(settings)  # before the dashboard is built, which takes seconds
    if args.host not in ("127.0.0.1", "localhost", "::1") and not (
        settings.dashboard.basic_auth_user and settings.dashboard.basic_auth_password
    ):
        print(
            f"koll: warning: serving on {args.host} without a password; anyone on the network "
            "can read the dashboard (set [dashboard] basic_auth_user and KOLL_DASHBOARD_PASSWORD)"
        )
    if settings.dashboard.basic_auth_password and not settings.dashboard.basic_auth_user:
        print(
            "koll: warning: KOLL_DASHBOARD_PASSWORD is set but [dashboard] basic_auth_user is "
            "not, so the dashboard asks for no sign-in"
        )
    # Werkzeug logs every request; keep the console quiet unless something goes wrong.
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    print(f"koll: dashboard on http://{args.host}:{args.port}/ (Ctrl-C stops it)", flush=True)
    try:
        serve(settings, host=args.host, port=args.port, store=store)
    finally:
        store.close()
    return 0
