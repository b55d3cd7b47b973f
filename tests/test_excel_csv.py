"""koll's one writer of CSV for Excel with Swedish settings (koll.store.excel_csv), and the
dashboard's download going through it: the same cells as `koll export --format excel`."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

from koll.cli import main
from koll.store.excel_csv import AsRead, excel_csv_chunks, write_excel_csv


def test_the_writer_writes_what_swedish_excel_reads():
    """The mark, semicolons, CRLF; numbers to three decimals with a comma, truth values 1/0,
    times in Stockholm (11:00 in December for 10:00 UTC, naive = the database's UTC), nothing
    for None and NaN, text guarded against formulas unless it is a file's own cell as read."""
    rows = [
        ["Fjällkraft; bra", -0.0161, True, datetime(2026, 12, 4, 10, 0, tzinfo=UTC), None, 7],
        ["=HYPERLINK(1)", 0.5, False, datetime(2026, 7, 1, 22, 30), float("nan"), AsRead("=x")],
    ]
    out = io.StringIO(newline="")
    write_excel_csv(out, ["text", "score", "owned", "published", "none", "n"], rows)
    assert out.getvalue() == (
        "\ufefftext;score;owned;published;none;n\r\n"
        '"Fjällkraft; bra";-0,016;1;2026-12-04 11:00;;7\r\n'
        "'=HYPERLINK(1);0,500;0;2026-07-02 00:30;;=x\r\n"
    )
    # Streamed in chunks (the dashboard's download), the same text.
    chunks = list(excel_csv_chunks(["a"], ([i] for i in range(5)), every=2))
    assert len(chunks) == 4 and "".join(chunks) == "\ufeffa\r\n0\r\n1\r\n2\r\n3\r\n4\r\n"


def test_the_dashboards_download_has_the_cells_of_koll_export_excel(dashboard_ws, tmp_path):
    """The same mentions give the same cells in both files, field by field (the download in
    English has `koll export`'s field names): scores -0,500 (not -0.500), owned 0/1 and
    Stockholm times, where the dashboard's copy wrote decimal points and UTC text in English
    and `export` its own full-precision, True/False, UTC variant."""
    from dashboard.app import create_app

    query = "?brand=Nordvind&since=2026-11-10&until=2026-11-20&ui=en"
    res = create_app(dashboard_ws).server.test_client().get("/export/mentions.csv" + query)
    assert res.status_code == 200
    body = res.get_data(as_text=True)
    assert body.startswith("\ufeffurl;title;")
    download = list(csv.DictReader(io.StringIO(body[1:], newline=""), delimiter=";"))
    out = tmp_path / "m.csv"
    args = ["export", "mentions", "--brand", "Nordvind", "--since", "2026-11-10"]
    args += ["--until", "2026-11-20", "--format", "excel", "--output", str(out)]
    assert main([*args, "--config", str(dashboard_ws.config_path)]) == 0
    exported = list(
        csv.DictReader(io.StringIO(out.read_text("utf-8-sig"), newline=""), delimiter=";")
    )
    by_url = {r["url"]: r for r in exported}
    assert download and len(download) == len(exported)
    common = [f for f in download[0] if f in exported[0]]
    assert common == ["url", "title", "text", "published", "source", "author", "lang", "kind",
                      "brand", "owned", "label", "score"]  # fmt: skip
    for row in download:
        assert {f: row[f] for f in common} == {f: by_url[row["url"]][f] for f in common}
    assert "2026-11-20 11:00" in [r["published"] for r in download]
    assert {r["score"] for r in download} >= {"-0,500"}
