"""Downloads: the mentions table's current filter as CSV, streamed so size does not matter."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from flask import Response, request, stream_with_context

from dashboard import data
from dashboard.i18n import kind_name, local_time, t
from dashboard.params import Params
from koll.config import Settings
from koll.store import from_db
from koll.store.export import spreadsheet_safe

# The `koll export mentions` field names, so a download and a CLI export line up.
FIELDS = ["url", "title", "text", "published", "source", "author", "lang", "kind", "brand",
          "owned", "label", "score", "corrected", "triage"]  # fmt: skip
# What a Swedish reader sees in Excel: the same columns, named and valued in Swedish. The time
# is Stockholm's, as the table shows it, in a form Swedish Excel reads as a date (the English
# file keeps the `koll export` contract's UTC).
HEADERS_SV = ["länk", "rubrik", "text", "publicerad (svensk tid)", "källa", "skribent", "språk",
              "typ", "varumärke", "röst", "ton", "poäng", "rättad", "åtgärd"]  # fmt: skip


def csv_lines(p: Params) -> Iterator[str]:
    """CSV text in chunks: a BOM and semicolons, which Excel with Swedish settings opens as columns."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    sv = p.ui != "en"
    writer.writerow(HEADERS_SV if sv else FIELDS)
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
                _published(published, sv),
                r.source,
                r.author or "",
                r.lang or "",
                kind_name(r.kind, p.ui) if sv else r.kind,
                r.brand,
                _yes_no(r.owned, "egen", "andras") if sv else ("1" if r.owned else "0"),
                _label(r.label, p.ui) if sv else r.label or "",
                "" if r.score is None else _score(r.score, sv),
                _yes_no(r.model == "manual", "ja", "nej") if sv else _yes_no(r.model == "manual"),
                _triage(r.triage, p.ui) if sv else r.triage or "",
            ]
        )
        if n % 500 == 0:
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
    yield buf.getvalue()


def _published(published, sv: bool) -> str:
    if not published:
        return ""
    return local_time(published) if sv else published.isoformat().replace("+00:00", "Z")


def _yes_no(flag, yes: str = "1", no: str = "0") -> str:
    return yes if flag else no


def _label(label: str | None, lang: str) -> str:
    return t(f"tone.{label}", lang).lower() if label else ""


def _triage(status: str | None, lang: str) -> str:
    return t(f"triage.{status}", lang) if status else ""


def _score(score: float, sv: bool) -> str:
    # Excel with Swedish settings reads 0,500 as a number and 0.500 as text.
    return f"{score:.3f}".replace(".", ",") if sv else f"{score:.3f}"


def install(server, settings: Settings) -> None:
    """Add /export/mentions.csv?<the page's query string> to the Flask server."""

    @server.route("/export/mentions.csv")
    def _export_mentions():
        query = {k: v if len(v) > 1 else v[0] for k, v in request.args.lists()}
        p = data.resolve(Params.from_query(query, settings.dashboard.language))
        name = f"koll-{p.brand or 'alla'}-{p.since or ''}-{p.until or ''}.csv".replace(" ", "_")
        return Response(
            stream_with_context(csv_lines(p)),
            # content_type, not mimetype: Flask adds "; charset=utf-8" to a mimetype itself.
            content_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f"attachment; filename*=UTF-8''{_quote(name)}"},
        )


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name, safe="")
