"""`koll export`: stored items or a brand's mentions as CSV, CSV for Excel, JSON lines or Parquet."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator

from koll.cli._common import fail, iso_day, open_store, refuse_future_until, settings_from_args
from koll.config_values import hide_credentials
from koll.files import output

HELP = "export stored items, or a brand's mentions with their scores"
EXAMPLE = (
    "koll export mentions --brand Fjällkraft --since 2026-11-01 --format parquet --output m.parquet"
)

# Parquet files are written in row groups of this many rows, so memory stays flat however
# large the export is.
PARQUET_BATCH = 10_000


def add_arguments(p) -> None:
    p.add_argument("what", choices=["items", "mentions"])
    p.add_argument(
        "--brand",
        help="only this brand's mentions, or the items that mention it (default: all)",
    )
    p.add_argument("--since", help="first day, YYYY-MM-DD (inclusive)")
    p.add_argument("--until", help="last day, YYYY-MM-DD (inclusive; not after today)")
    p.add_argument(
        "--format",
        choices=["csv", "excel", "jsonl", "parquet"],
        default="csv",
        help="csv (default), excel (CSV for Excel with Swedish settings: a UTF-8 byte order "
        "mark, semicolons, decimal commas, 1/0, Stockholm time), jsonl (one JSON object per "
        "line) or parquet (typed columns)",
    )
    p.add_argument("--output", metavar="FILE", help="write here instead of standard output")


def run(args) -> int:
    from koll.store.export import ITEM_FIELDS, MENTION_FIELDS, export_rows

    settings = settings_from_args(args)
    since, until = iso_day(args.since, "--since"), iso_day(args.until, "--until")
    if since and until and since > until:
        return fail(f"--since {since} is after --until {until}", 2)
    # As koll control's windows. A --since alone stays open-ended: an item a feed dated ahead is
    # stored, and an export is of what is stored.
    refuse_future_until(until)
    brand = settings.brand(args.brand).name if args.brand is not None else None
    if args.format == "parquet" and not args.output:
        return fail("--format parquet needs --output FILE (Parquet is binary)", 2)
    fields = MENTION_FIELDS if args.what == "mentions" else ITEM_FIELDS
    store = open_store(settings, existing=True)
    try:
        with store.connect() as conn:
            rows = _feed_masked(
                export_rows(
                    conn,
                    args.what,
                    brand=brand,
                    since=since,
                    until=until,
                    # Times as datetimes for the typed formats: Parquet's UTC timestamps, and
                    # Excel's Stockholm time (koll.store.excel_csv).
                    iso_times=args.format not in ("parquet", "excel"),
                )
            )
            if args.format == "parquet":
                with output(args.output, binary=True) as fh:
                    write_parquet(fh, rows, fields)
            else:
                with output(args.output) as fh:
                    write_text(fh, rows, fields, args.format)
    finally:
        store.close()
    return 0


def _feed_masked(rows: Iterable[dict]) -> Iterator[dict]:
    """Rows whose `feed` URL shows no password (a members' feed's user:password@)."""
    for row in rows:
        row["feed"] = hide_credentials(row["feed"])
        yield row


def write_text(fh, rows: Iterable[dict], fields: list[str], fmt: str) -> None:
    if fmt == "excel":
        # The file for a double-click in Swedish Excel, written by the dashboard's download's
        # writer (koll.store.excel_csv): the same fields as `csv`, with `published` in
        # Stockholm time (export_rows' datetimes).
        from koll.store.excel_csv import write_excel_csv

        write_excel_csv(fh, fields, ([r[f] for f in fields] for r in rows))
    elif fmt == "csv":
        from koll.store.export import spreadsheet_row

        # `csv` stays the contract's plain file: scripts read its first field as `url`, which a
        # byte order mark would make "\ufeffurl" for Python's csv module.
        # CRLF (RFC 4180): the csv module quotes a field only for the characters of its line
        # ending, so with "\n" a text holding a carriage return went out unquoted, splitting rows.
        w = csv.DictWriter(fh, fieldnames=fields, lineterminator="\r\n")
        w.writeheader()
        w.writerows(spreadsheet_row(r) for r in rows)
    else:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def parquet_schema(fields: list[str]):
    """Typed columns for analysts: `published` is a UTC timestamp, `owned` a bool, `story` and
    the ids ints (`parent_item_id` null for an item that answers nothing)."""
    import pyarrow as pa

    types = {
        "published": pa.timestamp("us", tz="UTC"),
        "owned": pa.bool_(),
        "published_estimated": pa.bool_(),
        "score": pa.float64(),
        "story": pa.int64(),
        "item_id": pa.int64(),
        # Nullable like every pyarrow field: None where the item answers no stored item.
        "parent_item_id": pa.int64(),
    }
    return pa.schema([(f, types.get(f, pa.string())) for f in fields])


def write_parquet(fh, rows: Iterable[dict], fields: list[str]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = parquet_schema(fields)
    # The writer exists before the first row, so an empty export is still a valid file with
    # the full schema.
    with pq.ParquetWriter(fh, schema) as writer:
        batch: list[dict] = []
        for row in rows:
            batch.append(row)
            if len(batch) >= PARQUET_BATCH:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                batch = []
        if batch:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
