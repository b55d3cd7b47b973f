"""Small helpers several test files share: a database's tables, what a program wrote to a
terminal, a workspace of one brand and an empty store for the command line, a script of
scripts/ loaded as a module, the posts of real feeds that titled them with their first line,
and the rows of the fresh two-brand probes a swap test reads."""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parent.parent


def table_names(url: str) -> set[str]:
    """The tables of the database at `url` (its default schema), read without koll's Store."""
    from sqlalchemy import create_engine, inspect

    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return set(inspect(conn).get_table_names())
    finally:
        engine.dispose()


def read_terminal(main_fd: int) -> bytes:
    """All a program wrote to a pseudo-terminal whose other end it has closed (pty.openpty)."""
    shown = b""
    while True:
        try:
            chunk = os.read(main_fd, 4096)
        except OSError:  # the terminal's other end is closed: all was read
            break
        if not chunk:
            break
        shown += chunk
    return shown


def one_brand_config(tmp_path: Path) -> str:
    """A koll.toml naming one brand (Fjällkraft) beside an empty SQLite store; its path."""
    from koll.store import Store

    path = tmp_path / "koll.toml"
    path.write_text('[[brands]]\nname = "Fjällkraft"\n', encoding="utf-8")
    Store(f"sqlite:///{tmp_path / 'koll.db'}").close()
    return str(path)


def script(relpath: str) -> ModuleType:
    """A script of the repository (e.g. "scripts/sentiment_data/fit_pair.py") loaded as a
    module, for tests of its functions."""
    path = REPO / relpath
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None, path
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def first_line_titled_posts() -> dict[str, list]:
    """The posts of the real Bluesky and Mastodon feeds (tests/fixtures/feeds/social), by file,
    as ingest.parse gives them: each has no title of its own and is titled with its first line
    (ingest.platforms.title_from_text)."""
    from ingest.parse import parse

    social = REPO / "tests" / "fixtures" / "feeds" / "social"
    out = {}
    for name in (
        "bluesky__serrebidev__BlindRSS__test_bluesky_parsing_xml_content.xml",
        "mastodon__Lissy93__feeds__mastodon.xml",
    ):
        feed = parse((social / name).read_bytes(), feed_url="https://example.org/feed")
        out[name] = [it for it in feed.items if it.title and it.text]
        assert out[name], name
    return out


PROBES = REPO / "scripts" / "sentiment_data" / "probes"


def probe_rows(numbers: range, keep: Callable[[str, list[str]], bool]) -> list[dict]:
    """The rows of the probes `numbers` whose post `keep(text, brands)` keeps (brands: the
    post's brands as written). A swap test reads probes written after those the pair models are
    fitted on (sentiment_pair.FITTED_ON): a fitted probe's words are known to the models, so a
    refit on them fails here instead of measuring what it was fitted on."""
    from analysis.sentiment_pair import FITTED_ON
    from koll.cli._sentiment_io import read_labels

    assert min(numbers) > max(FITTED_ON), "the swap tests must read probes the models never saw"
    rows = []
    for n in numbers:
        found = read_labels(str(PROBES / f"probe{n}_sv.csv"), ("group", "text", "brand", "label"))
        brands: dict[str, list[str]] = {}
        for r in found:
            brands.setdefault(r["group"], []).append(r["brand"])
        rows += [r for r in found if keep(r["text"], brands[r["group"]])]
    return rows


def labels_changed(rows: list[dict], swap: Callable[[str], str]) -> int:
    """How many of the rows' tones towards their brand change when each text is swap(text)."""
    from analysis.sentiment_brand_eval import classify_targets

    before = classify_targets(rows)
    after = classify_targets([dict(r, text=swap(r["text"])) for r in rows])
    return sum(a.label != b.label for a, b in zip(before, after, strict=True))
