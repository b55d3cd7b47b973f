"""`koll serve`: the dashboard."""

from __future__ import annotations

from ingest.commands._common import open_store, settings_from_args

HELP = "serve the dashboard (default http://127.0.0.1:8050)"
EXAMPLE = "koll serve --config koll.toml --port 8050     # then open http://127.0.0.1:8050"


def add_arguments(p) -> None:
    p.add_argument("--host", default="127.0.0.1", help="interface to bind (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=int, default=8050)


def run(args) -> int:
    from dashboard.app import serve

    settings = settings_from_args(args)
    open_store(settings).close()  # create/migrate the schema and fail early on a bad database
    print(f"koll: dashboard on http://{args.host}:{args.port}/ (Ctrl-C stops it)")
    serve(settings, host=args.host, port=args.port)
    return 0
