"""Reading labelled or unlabelled text tables for `koll sentiment` and `koll eval`, with clear errors."""

from __future__ import annotations

import csv
import io
import os
import sys
from argparse import Namespace
from pathlib import Path
from typing import NamedTuple

from koll.cli._common import open_store, settings_from_args
from koll.config import ConfigError


class InputError(Exception):
    """A table cannot be used; the message names the file and, where it applies, line and field."""


class Table(NamedTuple):
    name: str  # the file's name, or <stdin>
    columns: list[str]
    rows: list[dict[str, str]]
    lines: list[int]  # the line each row starts on (a quoted field may span lines)


def read_table(source: str | None) -> Table:
    """The rows of a CSV or TSV file, or of standard input for None or '-'.

    A row with more fields than the header is refused (naming its line): its extra fields
    belong to no column, so writing the row back out would lose or misplace them. A shorter
    row gets empty fields, as spreadsheets write them.
    """
    name = "<stdin>" if source in (None, "-") else source
    try:
        raw = sys.stdin.buffer.read() if name == "<stdin>" else Path(name).read_bytes()
    except FileNotFoundError:
        raise InputError(f"{name}: file not found") from None
    except OSError as e:
        raise InputError(f"{name}: cannot be read: {e.strerror}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError(f"{name}: not UTF-8 (byte {e.start})") from None
    first = text.split("\n", 1)[0]
    tsv = name.endswith(".tsv") or ("\t" in first and "," not in first)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter="\t" if tsv else ",")
    columns: list[str] = []
    rows: list[dict[str, str]] = []
    lines: list[int] = []
    start = 1
    try:
        for fields in reader:
            line, start = start, reader.line_num + 1
            if not fields:  # a blank line
                continue
            if not columns:
                columns = fields
                continue
            if len(fields) > len(columns):
                raise InputError(
                    f"{name}: line {line}: {len(fields)} fields, but the header has "
                    f"{len(columns)} ({', '.join(columns)}); quote fields that contain "
                    f"{'tabs' if tsv else 'commas'}"
                )
            rows.append(
                dict(zip(columns, fields + [""] * (len(columns) - len(fields)), strict=True))
            )
            lines.append(line)
    except csv.Error as e:
        raise InputError(f"{name}: line {reader.line_num}: {e}") from None
    if not columns:
        raise InputError(f"{name}: empty file, expected a header line")
    return Table(name, columns, rows, lines)


def require_column(name: str, columns: list[str], column: str, flag: str) -> None:
    if column not in columns:
        raise InputError(
            f"{name}: no column {column!r} (columns: {', '.join(columns)}); choose one with {flag}"
        )


def use_configured_model(args: Namespace) -> str:
    """With a koll.toml (--config, --db, $KOLL_CONFIG or ./koll.toml) use the newest stored model.

    Without one the shipped model is used, so that the commands also work outside a workspace.
    """
    from analysis import sentiment

    explicit = args.config or args.db or os.environ.get("KOLL_CONFIG")
    if not explicit and not Path("koll.toml").exists():
        return sentiment.current_version()
    try:
        settings = settings_from_args(args)
    except ConfigError:
        if args.config or os.environ.get("KOLL_CONFIG"):
            raise
        return sentiment.current_version()
    from koll.jobs.rescore import activate_model

    store = open_store(settings)
    try:
        return activate_model(store)
    finally:
        store.close()
