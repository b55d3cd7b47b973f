"""Downloads: the mentions table's current filter as CSV, streamed so size does not matter."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from flask import Response, request, stream_with_context

from dashboard import data
from dashboard.params import Params
from koll.config import Settings
from koll.store import from_db
from koll.store.export import spreadsheet_safe

# The `koll export mentions` field names, so a download and a CLI export line up.
FIELDS = ["url", "title", "text", "published", "source", "author", "lang", "kind", "brand",
          "owned", "label", "score", "corrected"]  # fmt: skip


def csv_lines(p: Params) -> Iterator[str]:
    """CSV text in chunks: a BOM and semicolons, which Excel with Swedish settings opens as columns."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    writer.writerow(FIELDS)
    yield "\ufeff" + buf.getvalue()
    buf.seek(0)
    buf.truncate()
    for n, r in enumerate(data.mention_rows(p), 1):
        published = from_db(r.published)
        writer.writerow(
            spreadsheet_safe(cell)
            for cell in [
                r.url or "",
                r.title or "",
                r.text or "",
                published.isoformat().replace("+00:00", "Z") if published else "",
                r.source,
                r.author or "",
                r.lang or "",
                r.kind,
                r.brand,
                "1" if r.owned else "0",
                r.label or "",
                "" if r.score is None else f"{r.score:.3f}",
                "1" if r.model == "manual" else "0",
            ]
        )
        if n % 500 == 0:
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
    yield buf.getvalue()


def install(server, settings: Settings) -> None:
    """Add /export/mentions.csv?<the page's query string> to the Flask server."""

    @server.route("/export/mentions.csv")
    def _export_mentions():
        query = {k: v if len(v) > 1 else v[0] for k, v in request.args.lists()}
        p = data.resolve(Params.from_query(query, settings.dashboard.language))
        name = f"koll-{p.brand or 'alla'}-{p.since or ''}-{p.until or ''}.csv".replace(" ", "_")
        return Response(
            stream_with_context(csv_lines(p)),
            mimetype="text/csv; charset=utf-8",
            headers={"Content-Disposition": f"attachment; filename*=UTF-8''{_quote(name)}"},
        )


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name, safe="")
