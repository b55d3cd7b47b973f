"""Every command's arguments, read from koll's own parser, and a valid command line for each.

The hostile-input tests (tests/test_fuzz.py, tests/test_windows.py) take their commands and
options from here, so a command or option added to koll is covered without touching them.
"""

from __future__ import annotations

import argparse
import contextlib
import io
from dataclasses import dataclass
from pathlib import Path

from koll.cli import build_parser, main


@dataclass(frozen=True)
class Option:
    command: str
    dest: str
    flag: str | None  # None for a positional argument
    required: bool
    choices: tuple | None


def commands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(sub.choices)


def value_options(command: str) -> list[Option]:
    """The arguments of `command` that take a value (flags such as --json take none)."""
    out = []
    for a in commands()[command]._actions:
        if isinstance(a, argparse._HelpAction) or a.nargs == 0:
            continue
        flag = max(a.option_strings, key=len) if a.option_strings else None
        choices = tuple(a.choices) if a.choices else None
        out.append(Option(command, a.dest, flag, bool(a.required or flag is None), choices))
    return out


@dataclass(frozen=True)
class Workspace:
    config: Path
    brand: str
    feed_url: str
    texts_csv: Path  # a CSV with `text` and `label` columns (koll sentiment, koll eval)


# Values for required arguments that have no choices, by their dest. A new command with a
# required argument not listed here fails test_every_required_argument_has_a_sample.
SAMPLES = {
    "brand": lambda ws: ws.brand,
    "file": lambda ws: str(ws.texts_csv),
    "url": lambda ws: ws.feed_url,
    "to": lambda ws: f"sqlite:///{ws.config.parent / 'copy.db'}",
    "output": lambda ws: str(ws.config.parent / "out.html"),
    "query": lambda ws: "bra OR dålig",  # the texts CSV's line "bra,pos" matches
}

# Optional arguments a command's valid line gives all the same, by command and dest: without
# them the command needs a service the tests do not configure (digest: a mail server).
NEEDED = {"digest": {"output"}}

# Commands whose valid line needs a flag to stay short (they would otherwise serve for ever).
EXTRA = {"demo": ["--no-serve"]}


def valid_argv(
    command: str,
    ws: Workspace,
    *,
    without: str | None = None,
    values: dict[str, str] | None = None,
) -> list[str]:
    """A command line of `command` that koll accepts in `ws`, leaving out argument `without`
    and giving the arguments in `values` ({dest: text}) those texts instead (in their place,
    for positionals)."""
    values = values or {}
    argv = [command] + ([] if "config" in values else ["--config", str(ws.config)])
    positionals = []
    for o in value_options(command):
        needed = o.dest in NEEDED.get(command, ())
        if o.dest == without or not (o.required or o.dest in values or needed):
            continue
        if o.dest in values:
            value = values[o.dest]
        else:
            value = o.choices[0] if o.choices else SAMPLES[o.dest](ws)
        if o.flag:
            argv += [o.flag, str(value)]
        else:
            positionals.append(str(value))
    return [*argv[:1], *positionals, *argv[1:], *EXTRA.get(command, [])]


def run(argv: list[str], stdin: str = "") -> tuple[int, str, str]:
    """koll `argv` in this process: (exit code, stdout, stderr); argparse's exits included."""
    out, err = io.StringIO(), io.StringIO()
    import sys

    old_stdin = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(stdin.encode("utf-8")), encoding="utf-8")
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(argv)
            except SystemExit as e:
                code = e.code
    finally:
        sys.stdin = old_stdin
    return code, out.getvalue(), err.getvalue()
