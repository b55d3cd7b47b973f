"""`koll demo`: build the demo workspace from the bundled Swedish feeds and serve its dashboard."""

from __future__ import annotations

from koll.cli import serve as serve_command

HELP = "create (or refresh) a demo workspace from bundled Swedish feeds, then serve the dashboard"
EXAMPLE = "koll demo --dir ./koll-demo --port 8050      # or --no-serve to only build it"


def add_arguments(p) -> None:
    p.add_argument("--dir", default="koll-demo", help="workspace folder (default ./koll-demo)")
    p.add_argument("--no-serve", action="store_true", help="build the workspace and exit")
    p.add_argument("--port", type=int, default=8050)
    p.add_argument("--host", default="127.0.0.1")


def run(args) -> int:
    from koll.jobs.demo import build_demo

    settings = build_demo(args.dir)
    print(f"koll: demo workspace ready: {settings.config_path}")
    for b in settings.brands:
        print(f"  koll control --config {settings.config_path} --brand {b.name} --json")
    if args.no_serve:
        return 0
    args.config, args.db = str(settings.config_path), None
    return serve_command.run(args)
