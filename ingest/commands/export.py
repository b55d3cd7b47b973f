"""`koll export`: stored items or a brand's mentions as CSV, JSON lines or Parquet."""

from __future__ import annotations

import csv
import json

from ingest.commands._common import fail, iso_day, open_store, output, settings_from_args
from ingest.store.export import ITEM_FIELDS, MENTION_FIELDS, export_rows

HELP = "export stored items, or a brand's mentions with their scores"
EXAMPLE = "koll export mentions --brand Fjällkraft --since 2026-11-01 --format parquet --output m.parquet"


def add_arguments(p) -> None:
    p.add_argument("what", choices=["items", "mentions"])
    p.add_argument("--brand", help="only this brand's mentions")
    p.add_argument("--since", help="first day, YYYY-MM-DD (inclusive)")
    p.add_argument("--until", help="last day, YYYY-MM-DD (inclusive)")
    p.add_argument("--format", choices=["csv", "jsonl", "parquet"], default="csv")
    p.add_argument("--output", metavar="FILE", help="write here instead of standard output")


def run(args) -> int:
    settings = settings_from_args(args)
    since, until = iso_day(args.since, "--since"), iso_day(args.until, "--until")
    if args.brand:
        args.brand = settings.brand(args.brand).name
    if args.format == "parquet" and not args.output:
        return fail("--format parquet needs --output FILE (Parquet is binary)", 2)
    fields = MENTION_FIELDS if args.what == "mentions" else ITEM_FIELDS
    store = open_store(settings)
    with store.connect() as conn:
        rows = export_rows(conn, args.what, brand=args.brand, since=since, until=until)
        if args.format == "parquet":
            import pyarrow as pa
            import pyarrow.parquet as pq

            with output(args.output, binary=True) as fh:
                writer = None
                batch: list[dict] = []
                for row in rows:
                    batch.append(row)
                    if len(batch) == 10000:
                        writer = _write_batch(pa, pq, fh, writer, batch, fields)
                        batch = []
                writer = _write_batch(pa, pq, fh, writer, batch, fields, final=True)
                writer.close()
            return 0
        with output(args.output) as fh:
            if args.format == "csv":
                w = csv.DictWriter(fh, fieldnames=fields, lineterminator="\n")
                w.writeheader()
                for row in rows:
                    w.writerow(row)
            else:
                for row in rows:
                    fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return 0


def _schema(pa, fields):
    types = {"owned": pa.bool_(), "score": pa.float64(), "story": pa.int64()}
    return pa.schema([(f, types.get(f, pa.string())) for f in fields])


def _write_batch(pa, pq, fh, writer, batch, fields, final=False):
    schema = _schema(pa, fields)
    if writer is None:
        writer = pq.ParquetWriter(fh, schema)
    if batch or (final and writer is not None):
        table = pa.Table.from_pylist(batch, schema=schema) if batch else None
        if table is not None:
            writer.write_table(table)
    return writer
