"""CSV for Excel with Swedish settings: the one writer behind the dashboard's download,
`koll export --format excel` and `koll sentiment`'s Excel answer (a semicolon file, or --bom).

Excel opens such a file by double-click only when it has a UTF-8 byte order mark (else it reads
the bytes as Windows-1252: "FjÃ¤llkraft"), semicolons between fields (with commas each row is
one cell where the decimal mark is a comma) and decimal commas ("0.250" is text or a date
there). Cells are written by their type, so every caller's file reads the same in Excel:
numbers with three decimals (the dashboard's rounding), truth values as 1 and 0, times in
Europe/Stockholm as `YYYY-MM-DD HH:MM` (a date Excel reads; the table shows that clock), text
guarded against formulas (spreadsheet_safe).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime

from koll.store import local_minute
from koll.store.export import spreadsheet_safe

BOM = "\ufeff"


class AsRead(str):
    """A cell written exactly as given, unguarded: a file's own cell coming back from
    `koll sentiment` ("the same rows"); what koll adds is still guarded."""


def excel_cell(value) -> str:
    """One cell as Excel with Swedish settings reads it (see the module's text)."""
    if value is None:
        return ""
    if isinstance(value, AsRead):
        return str(value)
    # 1/0 rather than TRUE/FALSE or SANT/FALSKT: Excel reads a truth value's word only in its
    # own language, while 1 and 0 are numbers in every language, which a sum counts.
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        return "" if value != value else f"{value:.3f}".replace(".", ",")  # NaN: no value
    if isinstance(value, datetime):
        return local_minute(value) or ""
    if isinstance(value, str):
        return spreadsheet_safe(value)
    return str(value)


def excel_csv_chunks(
    header: Sequence[str], rows: Iterable[Sequence], every: int = 500
) -> Iterator[str]:
    """The file as text, the mark and header first, then `every` rows at a time (a download
    streams however many rows there are). The header is written as given."""
    buf = io.StringIO()
    # CRLF (RFC 4180): the csv module quotes a field only for the characters of its line
    # ending, so with "\n" a text holding a carriage return went out unquoted, splitting rows.
    writer = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    yield BOM + buf.getvalue()
    buf.seek(0)
    buf.truncate()
    for n, row in enumerate(rows, 1):
        writer.writerow([excel_cell(v) for v in row])
        if n % every == 0:
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
    yield buf.getvalue()


def write_excel_csv(fh, header: Sequence[str], rows: Iterable[Sequence]) -> None:
    """Write the file to the text file `fh` (opened with newline="")."""
    for chunk in excel_csv_chunks(header, rows):
        fh.write(chunk)
