"""Downloads: the mentions table's current filter as CSV, streamed so size does not matter."""

from __future__ import annotations

from collections.abc import Iterator

from flask import Response, request, stream_with_context

from dashboard import data
from dashboard.i18n import kind_name, t
from dashboard.params import Params
from koll.config import Settings
from koll.store import from_db
from koll.store.excel_csv import excel_csv_chunks

# The `koll export mentions` field names, so a download and a CLI export line up.
FIELDS = ["url", "title", "text", "published", "source", "author", "lang", "kind", "brand",
          "owned", "label", "score", "corrected", "triage"]  # fmt: skip
# What a Swedish reader sees in Excel: the same columns, named and valued in Swedish. The time
# is Stockholm's in both languages, as the table shows it (koll.store.excel_csv writes it).
HEADERS_SV = ["länk", "rubrik", "text", "publicerad (svensk tid)", "källa", "skribent", "språk",
              "typ", "varumärke", "röst", "ton", "poäng", "rättad", "åtgärd"]  # fmt: skip


def csv_lines(p: Params) -> Iterator[str]:
    """The filtered mentions as CSV for Excel with Swedish settings, in chunks: koll's one
    writer for it (koll.store.excel_csv), as `koll export --format excel` writes."""
    sv = p.ui != "en"
    return excel_csv_chunks(
        HEADERS_SV if sv else FIELDS, (_row(r, p.ui) for r in data.mention_rows(p))
    )


def _row(r, ui: str) -> list:
    """A mention's cells: in Swedish the words the table shows, in English the stored values."""
    manual = r.model == "manual"
    if ui == "en":
        return [r.url, r.title, r.text, from_db(r.published), r.source, r.author, r.lang, r.kind,
                r.brand, bool(r.owned), r.label, r.score, manual, r.triage]  # fmt: skip
    return [
        r.url,
        r.title,
        r.text,
        from_db(r.published),
        r.source,
        r.author,
        r.lang,
        kind_name(r.kind, ui),
        r.brand,
        "egen" if r.owned else "andras",
        t(f"tone.{r.label}", ui).lower() if r.label else None,
        r.score,
        "ja" if manual else "nej",
        t(f"triage.{r.triage}", ui) if r.triage else None,
    ]


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
