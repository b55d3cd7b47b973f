"""Reading labelled or unlabelled text tables for `koll sentiment` and `koll eval` (and `koll match`'s
text file, as UTF-8), with clear errors."""

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


class Grid(NamedTuple):
    name: str  # the file's name, or <stdin>
    columns: list[str]
    rows: list[list[str]]  # each as long as the header: cells by position, as in the file
    lines: list[int]  # the line each row starts on (a quoted field may span lines)
    sep: str = ","  # the separator the file was read with
    bom: bool = False  # it began with a UTF-8 byte order mark (Excel's "CSV UTF-8" does)


class Table(NamedTuple):
    name: str
    columns: list[str]
    rows: list[dict[str, str]]  # by column name; see require_column for repeated names
    lines: list[int]


_SEPARATOR_NAMES = {",": "commas", ";": "semicolons", "\t": "tabs"}


def decode_utf8(name: str, raw: bytes) -> str:
    """A file's text, or an InputError naming the line of its first byte that is not UTF-8."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = raw.count(b"\n", 0, e.start) + 1
        raise InputError(
            f"{name}: line {line}: not UTF-8 (byte 0x{raw[e.start]:02x}); save it as UTF-8 "
            '("CSV UTF-8" in Excel)'
        ) from None


def _separator(name: str, text: str) -> str:
    """Tab for .tsv or a header with tabs and no commas; a semicolon for a header with semicolons
    and no commas (what Excel saves as CSV where the decimal mark is a comma, as in Sweden)."""
    first = text.split("\n", 1)[0]
    if name.endswith(".tsv") or ("\t" in first and "," not in first):
        return "\t"
    return ";" if ";" in first and "," not in first else ","


def read_grid(source: str | None) -> Grid:
    """The rows of a CSV or TSV file, or of standard input for None or '-', cell by cell.

    A row with more fields than the header is refused (naming its line): its extra fields
    belong to no column, so writing the row back out would lose or misplace them. A shorter
    row gets empty fields, as spreadsheets write them. A quote left open is refused too: it
    would make the rest of the file one cell, silently merging rows.
    """
    name = "<stdin>" if source in (None, "-") else source
    try:
        raw = sys.stdin.buffer.read() if name == "<stdin>" else Path(name).read_bytes()
    except FileNotFoundError:
        raise InputError(f"{name}: file not found") from None
    except OSError as e:
        raise InputError(f"{name}: cannot be read: {e.strerror}") from None
    text = decode_utf8(name, raw)
    sep = _separator(name, text)
    if sep != "\t":
        columns, rows, lines = _cells(name, text, sep, quoted=True)
    else:
        try:
            # A spreadsheet's TSV quotes a cell holding a line break or a quote mark.
            columns, rows, lines = _cells(name, text, sep, quoted=True)
        except InputError:
            # The labelled sets' TSV (ABSAbank-Imm's, analysis.sentiment.TSV) writes quotes as
            # text, `"Grön politik" är …`, which quoted reading refuses: one row per line.
            columns, rows, lines = _cells(name, text, sep, quoted=False)
    if not columns:
        raise InputError(f"{name}: empty file, expected a header line")
    return Grid(name, columns, rows, lines, sep, raw.startswith(b"\xef\xbb\xbf"))


def _cells(
    name: str, text: str, sep: str, *, quoted: bool
) -> tuple[list[str], list[list[str]], list[int]]:
    """(header, rows padded to it, the line each row starts on). Quoted reading is strict: a
    quote left open would make the rest of the file one cell, silently merging rows."""
    reader = csv.reader(
        io.StringIO(text, newline=""),
        delimiter=sep,
        strict=quoted,
        quoting=csv.QUOTE_MINIMAL if quoted else csv.QUOTE_NONE,
    )
    columns: list[str] = []
    rows: list[list[str]] = []
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
                    f"{_SEPARATOR_NAMES[sep]}"
                )
            rows.append(fields + [""] * (len(columns) - len(fields)))
            lines.append(line)
    except csv.Error as e:
        raise InputError(f"{name}: {_csv_error(str(e), start, reader.line_num)}") from None
    return columns, rows, lines


def _csv_error(message: str, start: int, line: int) -> str:
    """'line N: what is wrong', in words that say what to do, for a csv.Error met in the row
    that starts on line `start` (`line` is where the reader stopped)."""
    if message == "unexpected end of data":  # the end of the file, inside a quoted field
        return f"line {start}: a quote is never closed"
    if message.startswith("field larger than field limit"):
        return (
            f"line {start}: a cell longer than {csv.field_size_limit():,} characters, more than "
            "koll reads in one cell (a quote left open makes the rest of the file one cell)"
        )
    where = f"line {line}" if line == start else f"line {line} (in the row from line {start})"
    if message.endswith("expected after '\"'"):
        return f'{where}: text after a closing quote (a quote inside a quoted text is written "")'
    return f"{where}: {message}"


def read_table(source: str | None) -> Table:
    """read_grid's rows as dicts by column name, for reading columns chosen by name."""
    grid = read_grid(source)
    rows = [dict(zip(grid.columns, row, strict=True)) for row in grid.rows]
    return Table(grid.name, grid.columns, rows, grid.lines)


def read_labels(source: str, columns: tuple[str, ...]) -> list[dict[str, str]]:
    """The rows of a table of gold tones (a brand-targeted set, a fresh probe, a second reading
    of one; the development scripts of scripts/sentiment_data/): read_table's, with `columns`
    required and the `label` column pos/neu/neg on every row."""
    name, header, rows, lines = read_table(source)
    missing = [c for c in columns if c not in header]
    if missing:
        raise InputError(f"{name}: no column {', '.join(map(repr, missing))}")
    for lineno, row in zip(lines, rows, strict=True):
        if row.get("label") not in ("pos", "neu", "neg"):
            raise InputError(
                f"{name}: line {lineno}: field 'label' must be pos/neu/neg, got {row.get('label')!r}"
            )
    return rows


def require_column(name: str, columns: list[str], column: str, flag: str) -> None:
    """Refuse a column that is missing, or named twice (which of the two would be read?)."""
    if column not in columns:
        raise InputError(
            f"{name}: no column {column!r} (columns: {', '.join(columns)}); choose one with {flag}"
        )
    if columns.count(column) > 1:
        where = [i + 1 for i, c in enumerate(columns) if c == column]
        raise InputError(
            f"{name}: the header names column {column!r} {len(where)} times (columns "
            f"{', '.join(map(str, where))}); rename all but one, or choose another with {flag}"
        )


def use_configured_model(args: Namespace) -> str:
    """With a koll.toml (--config, --db, $KOLL_CONFIG or ./koll.toml) use the model the workspace uses (`koll train`, `--use`).

    Without one the shipped model is used, so that the commands also work outside a workspace.
    A mistake in the workspace's koll.toml or in --db stops the command, as it stops every other:
    a broken ./koll.toml had left the workspace's trained model unused without a word (QA).
    """
    from analysis import sentiment
    from koll.config_values import check_database_url

    if args.db is not None:
        check_database_url("(command line)", "--db", args.db)
    workspace = args.config or os.environ.get("KOLL_CONFIG") or Path("koll.toml").exists()
    if not workspace and not args.db:
        return sentiment.current_version()
    try:
        settings = settings_from_args(args)
    except ConfigError:
        if workspace:
            raise
        return sentiment.current_version()  # --db with no koll.toml to read it with
    from koll.jobs.rescore import activate_model
    from koll.store import NotKoll, StoreError, require_existing

    try:
        require_existing(settings.database_url)
    except StoreError:  # no store yet, so no model trained for it: the shipped one
        return sentiment.current_version()
    try:  # only read: an empty file or database had been given koll's tables
        store = open_store(settings, existing=True)
    except NotKoll:  # no koll store there either
        return sentiment.current_version()
    try:
        return activate_model(store)
    finally:
        store.close()
