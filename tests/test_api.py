"""The analysts' API (koll/): typed frames, SQL filters, streaming, control, classify, corrections."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import nbformat
import numpy as np
import pandas as pd
import pytest

import koll
from koll import frames
from koll.config import ConfigError
from koll.store import Store, StoreError, normalise_url, schema_version
from koll.store.views import control_report
from tests.api_world import build_world
from tests.conftest import REPO

STOCKHOLM_TIME = "datetime64[us, Europe/Stockholm]"


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    return build_world(tmp_path_factory.mktemp("api") / "ws")


@pytest.fixture
def ws(world):
    with koll.open_workspace(world.config) as w:
        yield w


# -- opening -----------------------------------------------------------------------------------


def test_open_from_koll_config_env(world, monkeypatch, tmp_path):
    monkeypatch.setenv("KOLL_CONFIG", str(world.config))
    monkeypatch.delenv("KOLL_DATABASE_URL", raising=False)
    monkeypatch.chdir(tmp_path)  # no ./koll.toml here: the environment must be what is used
    with koll.open_workspace() as w:
        assert w.config_path == world.config.resolve()
        assert w.brand_names == ["Fjällkraft", "Nordvind"]
        assert w.brands[0].key_messages == ("lokal vindkraft",)
        assert w.brand("fjällkraft").name == "Fjällkraft"
        assert "Fjällkraft, Nordvind" in repr(w)


def test_dir_of_koll_lists_the_public_names_once():
    # Once loaded, LABEL, TZ, Workspace and open_workspace were globals too and listed twice,
    # next to the module's own helpers Any and importlib.
    for name in koll.__all__:
        getattr(koll, name)
    names = dir(koll)
    assert len(names) == len(set(names))
    public = [n for n in names if not n.startswith("_")]
    assert public == ["LABEL", "TZ", "Workspace", "classify", "open_workspace"]
    assert "__version__" in names and "__doc__" in names


def test_missing_config_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.delenv("KOLL_CONFIG", raising=False)
    with pytest.raises(
        ConfigError,
        match=r"not found; pass --config PATH \(in Python: open_workspace\(PATH\)\) or set KOLL_CONFIG",
    ):
        koll.open_workspace(tmp_path / "nope.toml")


def test_a_relative_koll_config_names_the_path_tried_and_the_working_folder(tmp_path, monkeypatch):
    # Jupyter starts a kernel in the notebook's folder: KOLL_CONFIG=koll-demo/koll.toml, right
    # in the folder jupyter was started in, misses there, and the message said only the name.
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    monkeypatch.chdir(notebooks)
    monkeypatch.setenv("KOLL_CONFIG", "koll-demo/koll.toml")
    with pytest.raises(ConfigError) as e:
        koll.open_workspace()
    message = str(e.value)
    assert f"not found at {notebooks / 'koll-demo' / 'koll.toml'}" in message
    assert f"KOLL_CONFIG is relative, so it is resolved from the working folder {notebooks}" in (
        message
    )
    with pytest.raises(ConfigError, match=r"the path is relative, so it is resolved from"):
        koll.open_workspace("nope.toml")


def test_the_documented_way_to_open_the_notebooks_gives_an_absolute_koll_config():
    docs = {
        name: (REPO / name).read_text(encoding="utf-8")
        for name in ("docs/api.md", "README.md", "notebooks/01_kom_igang.ipynb")
    }
    for name, text in docs.items():
        assert "KOLL_CONFIG=$PWD/koll-demo/koll.toml" in text, name
        assert not re.search(r"KOLL_CONFIG=koll-demo", text), name
    # jupyterlab is not in koll's extras: the docs say how to get it before running it.
    api = docs["docs/api.md"]
    assert api.index("pip install jupyterlab") < api.index("jupyter lab notebooks/")
    # Notebook 01 told analysts to run `.venv/bin/jupyter lab notebooks/` without installing
    # it ("jupyter-lab not found"): its commands are api.md's, in the same order.
    documented = api.split("```sh\n.venv/bin/pip install jupyterlab", 1)[1].split("```", 1)[0]
    documented = ".venv/bin/pip install jupyterlab" + documented
    intro = nbformat.read(REPO / "notebooks" / "01_kom_igang.ipynb", as_version=4).cells[0].source
    block = intro.split("```\n", 1)[1].split("```", 1)[0]
    assert block.splitlines() == documented.splitlines()
    assert block.splitlines()[0] == ".venv/bin/pip install jupyterlab"


def test_database_url_argument_overrides_config(world, tmp_path):
    url = f"sqlite:///{tmp_path / 'other.db'}"
    Store(url).close()  # an empty database of koll's
    with koll.open_workspace(world.config, database_url=url) as w:
        assert w.store.url == url
        assert w.mentions().empty  # the other database, not the world's


def _foreign_sqlite(path, wal: bool = False) -> bytes:
    """Another application's SQLite database at `path`; returns its bytes."""
    import sqlite3

    con = sqlite3.connect(path)
    if wal:
        con.execute("PRAGMA journal_mode=WAL")
    con.execute("CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT)")
    con.execute("INSERT INTO people (name) VALUES ('Ada')")
    con.commit()
    con.close()
    return path.read_bytes()


@pytest.mark.parametrize("content", ["foreign", "foreign-wal", "empty"])
def test_a_database_that_is_not_koll_s_is_refused_and_left_as_it_was(world, tmp_path, content):
    # open_workspace used to create koll's 32 tables in any database it was pointed at.
    db = tmp_path / "foreign.db"
    before = _foreign_sqlite(db, wal=content == "foreign-wal") if content != "empty" else b""
    if content == "empty":
        db.write_bytes(b"")
    with pytest.raises(StoreError, match="it is not a koll database"):
        koll.open_workspace(world.config, database_url=f"sqlite:///{db}")
    assert db.read_bytes() == before
    assert not list(
        tmp_path.glob("foreign.db-*")
    )  # no -wal or -shm: the file was not opened to write


def test_koll_control_refuses_a_database_that_is_not_koll_s(world, tmp_path, capsys):
    from koll.cli import main

    db = tmp_path / "foreign.db"
    before = _foreign_sqlite(db)
    code = main(
        [
            "control",
            "--config",
            str(world.config),
            "--db",
            f"sqlite:///{db}",
            "--brand",
            "Fjällkraft",
        ]
    )
    assert code != 0
    assert "is not a koll database" in capsys.readouterr().err
    assert db.read_bytes() == before


def test_a_database_without_koll_s_tables_is_refused_on_either_engine(world, database_url):
    import sqlalchemy as sa

    engine = sa.create_engine(normalise_url(database_url))
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT)")
    with pytest.raises(StoreError, match="it is not a koll database"):
        koll.open_workspace(world.config, database_url=database_url)
    assert sa.inspect(engine).get_table_names() == ["people"]
    engine.dispose()


def test_an_older_koll_store_is_still_migrated_when_read(world, tmp_path):
    from sqlalchemy import update

    from koll.store.schema import SCHEMA_VERSION, meta

    url = f"sqlite:///{tmp_path / 'old.db'}"
    with Store(url) as store, store.begin() as conn:  # a new store, koll ingest's way
        conn.execute(update(meta).where(meta.c.key == "schema_version").values(value="15"))
    with koll.open_workspace(world.config, database_url=url) as w:
        with w.store.connect() as conn:
            assert schema_version(conn) == SCHEMA_VERSION
        assert w.mentions().empty


def test_a_sqlite_file_that_does_not_exist_is_a_store_error(world, tmp_path):
    # Reading a mistyped path used to create an empty database and answer with empty frames.
    missing = tmp_path / "nonexist.db"
    with pytest.raises(StoreError, match=f"the file {re.escape(str(missing))} does not exist"):
        koll.open_workspace(world.config, database_url=f"sqlite:///{missing}")
    assert not missing.exists()


# -- mentions ----------------------------------------------------------------------------------


def test_mentions_are_typed_and_in_stockholm_time(ws):
    df = ws.mentions("Fjällkraft")
    assert len(df) == 5
    assert str(df["published"].dtype) == STOCKHOLM_TIME
    assert df["label"].dtype == koll.LABEL
    assert list(df["label"].cat.categories) == ["neg", "neu", "pos"]
    assert df["owned"].dtype == bool
    assert df["story"].dtype == "Int64"
    assert df["item_id"].dtype == "Int64"
    assert str(df["day"].dtype) == "datetime64[us]"
    assert df["owned"].sum() == 2
    assert set(df.loc[df["owned"], "source"]) == {"blogg.fjallkraft.se"}
    # Oldest first.
    assert df["published"].is_monotonic_increasing


def test_day_is_the_stockholm_calendar_day(ws):
    # Published 2026-11-09 23:30 UTC = 00:30 on the 10th in Stockholm.
    row = ws.mentions("Nordvind", columns=["title", "published", "day"]).iloc[0]
    assert row["published"].hour == 0 and row["published"].minute == 30
    assert row["published"].utcoffset() == pd.Timedelta(hours=1)
    assert row["day"] == pd.Timestamp("2026-11-10")
    assert ws.mentions("Nordvind", until="2026-11-09").empty
    assert len(ws.mentions("Nordvind", since="2026-11-10", until="2026-11-10")) == 1


def test_window_accepts_dates_timestamps_and_is_inclusive(ws):
    by_str = ws.mentions("Fjällkraft", "2026-11-02", "2026-11-02")
    by_date = ws.mentions("Fjällkraft", date(2026, 11, 2), date(2026, 11, 2))
    # An aware timestamp counts by its Stockholm day: 23:30 UTC on the 1st is the 2nd.
    by_ts = ws.mentions(
        "Fjällkraft", pd.Timestamp("2026-11-01 23:30", tz="UTC"), pd.Timestamp("2026-11-02")
    )
    assert len(by_str) == 2
    pd.testing.assert_frame_equal(by_str, by_date)
    pd.testing.assert_frame_equal(by_str, by_ts)


def test_bad_dates_name_the_argument(ws):
    with pytest.raises(ValueError, match=r"since: expected a date YYYY-MM-DD, got '2026-13-01'"):
        ws.mentions(since="2026-13-01")
    with pytest.raises(ValueError, match=r"until: expected a date"):
        ws.mentions(until=20261101)


def test_brand_filter_case_insensitive_lists_and_unknown(ws):
    assert len(ws.mentions("FJÄLLKRAFT")) == 5
    both = ws.mentions(["Fjällkraft", "nordvind"])
    assert both.groupby("brand").size().to_dict() == {"Fjällkraft": 5, "Nordvind": 2}
    assert len(ws.mentions()) == 7
    with pytest.raises(KeyError, match=r"no brand called 'Ikea'.*known: Fjällkraft, Nordvind"):
        ws.mentions("Ikea")


def test_filters_run_in_sql(ws):
    assert len(ws.mentions("Fjällkraft", owned=True)) == 2
    assert len(ws.mentions("Fjällkraft", owned=False)) == 3
    assert set(ws.mentions(source="blogg.fjallkraft.se")["title"]) == {
        "Fjällkraft bygger lokal vindkraft i Malå",
        "Därför höjer Fjällkraft priset",
    }
    assert ws.mentions(kind="blog")["owned"].all()
    negative = ws.mentions("Fjällkraft", label="neg")
    assert list(negative["title"]) == ["Arga kunder om Fjällkraft"]


def test_columns_are_selected_in_sql_in_the_given_order(ws):
    df = ws.mentions("Fjällkraft", columns=["published", "label", "source"])
    assert list(df.columns) == ["published", "label", "source"]
    assert str(df["published"].dtype) == STOCKHOLM_TIME
    with pytest.raises(ValueError, match=r"unknown mention column\(s\) 'tone'.*available: item_id"):
        ws.mentions(columns=["label", "tone"])


def test_empty_results_keep_columns_and_types(ws):
    full = ws.mentions("Fjällkraft")
    empty = ws.mentions("Fjällkraft", since="2030-01-01")
    assert empty.empty
    assert list(empty.columns) == list(full.columns)
    assert empty.dtypes.astype(str).to_dict() == full.dtypes.astype(str).to_dict()
    sub = ws.mentions("Fjällkraft", since="2030-01-01", columns=["owned", "published"])
    assert sub.dtypes.astype(str).to_dict() == {"owned": "bool", "published": STOCKHOLM_TIME}


def test_iter_mentions_streams_the_same_rows_in_chunks(ws):
    chunks = list(ws.iter_mentions("Fjällkraft", chunksize=2))
    assert [len(c) for c in chunks] == [2, 2, 1]
    streamed = pd.concat(chunks, ignore_index=True)
    pd.testing.assert_frame_equal(streamed, ws.mentions("Fjällkraft"))
    assert list(ws.iter_mentions("Fjällkraft", since="2030-01-01")) == []
    with pytest.raises(ValueError, match="chunksize"):
        next(ws.iter_mentions(chunksize=0))


def test_daily_counts_in_sql_with_every_calendar_day(ws):
    d = ws.daily()
    assert list(d.columns) == [
        "day", "brand", "mentions", "owned", "earned", "pos", "neu", "neg", "unscored"
    ]  # fmt: skip
    assert len(d) == 19 * 2  # 2026-11-02..2026-11-20 for both brands, zeros included
    assert d["mentions"].sum() == len(ws.mentions()) == 7
    fk = d[d["brand"] == "Fjällkraft"].set_index("day")
    assert fk.loc["2026-11-02", "mentions"] == 2 and fk.loc["2026-11-02", "owned"] == 1
    # n2 (23:30 UTC on the 9th) counts on the 10th, the Stockholm day.
    assert fk.loc["2026-11-09", "mentions"] == 0 and fk.loc["2026-11-10", "mentions"] == 3
    assert fk.loc["2026-11-10", "neg"] == 1
    earned = ws.daily("Fjällkraft", "2026-11-10", "2026-11-10", owned=False)
    assert earned[["mentions", "owned", "earned"]].values.tolist() == [[2, 0, 2]]
    assert (d[["pos", "neu", "neg", "unscored"]].sum(axis=1) == d["mentions"]).all()
    # A quiet month before the data (one after today is refused: tests/test_api_future_until.py).
    none = ws.daily("Nordvind", since="2026-10-01", until="2026-10-31")
    assert len(none) == 31 and none["mentions"].sum() == 0


def test_a_window_with_only_since_ends_today_in_daily_and_control_over_time(ws, monkeypatch):
    # daily(since=today) and control_over_time(since=today) ended at the last day with mentions
    # and returned nothing, while control(since=today) covers today.
    from datetime import UTC, datetime

    import koll.insights
    import koll.store.views
    from analysis.windows import WindowError

    assert ws.day_range("Fjällkraft")[1] == date(2026, 11, 10)
    now = datetime(2026, 11, 15, 12, tzinfo=UTC)
    monkeypatch.setattr(koll.insights, "utcnow", lambda: now, raising=False)
    monkeypatch.setattr(koll.store.views, "utcnow", lambda: now, raising=False)
    d = ws.daily("Fjällkraft", since="2026-11-10")
    assert d["day"].dt.strftime("%Y-%m-%d").tolist() == [f"2026-11-{n}" for n in range(10, 16)]
    assert d["mentions"].tolist() == [3, 0, 0, 0, 0, 0]
    today = ws.daily("Fjällkraft", since="2026-11-15")
    assert len(today) == 1 and today["mentions"].sum() == 0
    c = ws.control_over_time("Fjällkraft", "D", since="2026-11-14")
    assert c["period"].tolist() == ["2026-11-14", "2026-11-15"]
    assert c["mentions"].tolist() == [0, 0]
    # The same window as control()'s.
    assert ws.control("Fjällkraft", since="2026-11-14")["until"] == "2026-11-15"
    for call in (ws.daily, lambda b, since: ws.control_over_time(b, "D", since=since)):
        with pytest.raises(WindowError, match="since 2026-11-16 is after today 2026-11-15"):
            call("Fjällkraft", since="2026-11-16")
    # Without since, a missing bound is still the data's.
    assert len(ws.daily("Fjällkraft", until="2026-11-03")) == 2


# -- items -------------------------------------------------------------------------------------


def test_items_include_items_without_a_brand(ws):
    df = ws.items()
    assert len(df) == 7
    assert "Kall helg väntar" in set(df["title"])
    assert str(df["published"].dtype) == STOCKHOLM_TIME
    assert str(df["first_seen"].dtype) == STOCKHOLM_TIME
    assert df["label"].dtype == koll.LABEL
    assert df["feed"].str.endswith(("/blogg.xml", "/nyheter.xml")).all()
    # The text keeps its quotes, commas and line break.
    n2 = df.loc[df["title"].str.startswith("Nordvind och"), "text"].iloc[0]
    assert '"Nordvind"' in n2 and "\n" in n2
    assert len(ws.items(since="2026-11-20")) == 2
    assert len(ws.items(kind="blog")) == 2
    chunks = list(ws.iter_items(chunksize=3, columns=["title"]))
    assert [len(c) for c in chunks] == [3, 3, 1]
    assert list(pd.concat(chunks)["title"]) == list(df["title"])


def test_day_range(ws):
    assert ws.day_range() == (date(2026, 11, 2), date(2026, 11, 20))
    assert ws.day_range("Nordvind") == (date(2026, 11, 10), date(2026, 11, 20))


# -- control -----------------------------------------------------------------------------------


def test_control_is_the_same_function_as_the_cli(ws, world):
    got = ws.control("fjällkraft", "2026-11-01", date(2026, 11, 30))
    want = control_report(ws.store, world.settings, "Fjällkraft", "2026-11-01", "2026-11-30")
    assert got == want
    assert (got["mentions"], got["owned"], got["earned"]) == (5, 2, 3)
    assert got["owned_share"] == pytest.approx(2 / 5)
    assert got["share_of_voice"] == pytest.approx(5 / 7)


def test_control_over_time_weekly(ws):
    # The default window ends on the newest day of any brand (Nordvind's 2026-11-20), as the
    # dashboard's default period does: Fjällkraft's quiet third week is a row of its own. It
    # ended on Fjällkraft's own newest day (11-10), so that week went unseen.
    df = ws.control_over_time("Fjällkraft", freq="W")
    assert list(df["period"]) == ["2026-W45", "2026-W46", "2026-W47"]
    assert list(df["start"]) == [
        pd.Timestamp(d) for d in ("2026-11-02", "2026-11-09", "2026-11-16")
    ]
    assert list(df["end"]) == [pd.Timestamp(d) for d in ("2026-11-08", "2026-11-15", "2026-11-22")]
    assert list(df["mentions"]) == [2, 3, 0]
    assert list(df.columns[:4]) == ["period", "start", "end", "brand"]
    # Each row is exactly control() for its window.
    again = ws.control("Fjällkraft", "2026-11-09", "2026-11-15")
    row = df.iloc[1]
    for key in ("mentions", "owned", "owned_share", "net_sentiment", "control_index"):
        assert row[key] == pytest.approx(again[key], nan_ok=True) or (
            again[key] is None and pd.isna(row[key])
        )


def test_a_default_window_ends_where_the_dashboard_s_does(ws, world):
    """Without `until`, daily(), control_over_time() and rising_terms() end on the newest day
    of any brand, the dashboard's default period's last day (dashboard.data.newest_day). They
    ended on the brand's own newest day: Fjällkraft's 11-10 here, not Nordvind's 11-20."""
    from dashboard import data
    from koll.config import load_settings

    data.configure(load_settings(world.config, env={}))
    try:
        shown = data.newest_day("2026-12-07")
    finally:
        data.store().close()
    assert shown == "2026-11-20"
    assert ws.day_range("Fjällkraft")[1] == date(2026, 11, 10)  # the brand's own days
    assert str(ws.daily("Fjällkraft")["day"].max().date()) == shown
    assert str(ws.control_over_time("Fjällkraft", freq="D")["end"].max().date()) == shown


def test_control_over_time_months_for_several_brands(ws):
    df = ws.control_over_time(freq="M")
    assert list(zip(df["period"], df["brand"], df["mentions"], strict=True)) == [
        ("2026-11", "Fjällkraft", 5),
        ("2026-11", "Nordvind", 2),
    ]
    assert df.loc[0, "start"] == pd.Timestamp("2026-11-01")
    assert df.loc[0, "end"] == pd.Timestamp("2026-11-30")
    with pytest.raises(
        ValueError, match=r"freq: expected one of D, W, M, Q, Y \(or pandas' .*\), got 'fortnight'"
    ):
        ws.control_over_time("Fjällkraft", freq="fortnight")
    with pytest.raises(ValueError, match="since 2031-01-01 is after until 2030-01-01"):
        ws.control_over_time("Fjällkraft", since="2031-01-01", until="2030-01-01")


def test_control_over_time_takes_the_pandas_spellings_api_md_lists(ws):
    # api.md said "the pandas spellings ME/MS/… are also accepted", and W-MON was refused with
    # "expected one of D, W, M, Q, Y": it names every one now, and says why W-MON is not one.
    text = (REPO / "docs" / "api.md").read_text(encoding="utf-8")
    section = text.split("### `ws.control_over_time(", 1)[1].split("###", 1)[0]
    listed = section.split("the\npandas spellings", 1)[1].split("are also accepted", 1)[0]
    spellings = re.findall(r"`([A-Z-]+)`", listed)
    assert spellings == ["W-SUN", "ME", "MS", "QE", "QS", "YE", "YS", "A"]
    short = {"W": "W", "M": "M", "Q": "Q", "Y": "Y", "A": "Y"}
    for freq in spellings:
        got = ws.control_over_time("Fjällkraft", freq, "2026-11-02", "2026-11-02")
        want = ws.control_over_time("Fjällkraft", short[freq[0]], "2026-11-02", "2026-11-02")
        assert got.equals(want), freq
    with pytest.raises(ValueError, match=r"^freq: weeks are ISO weeks, Monday to Sunday: 'W'"):
        ws.control_over_time("Fjällkraft", "W-MON")


def test_control_over_time_types_do_not_depend_on_the_data(ws):
    # A quiet period's unmeasurable components are NaN in float64 columns, not None in object
    # ones, so code written against a busy month works on a quiet one.
    quiet = ws.control_over_time("Fjällkraft", since="2026-10-01", until="2026-10-02", freq="D")
    busy = ws.control_over_time("Fjällkraft", since="2026-11-02", until="2026-11-03", freq="D")
    assert quiet["mentions"].tolist() == [0, 0] and busy["mentions"].sum() > 0
    pd.testing.assert_series_equal(quiet.dtypes, busy.dtypes)
    for name in ("owned_share", "echo_rate", "agenda_share", "response_hours", "control_index"):
        assert quiet[name].dtype == "float64" and quiet[name].isna().all(), name
    assert list(quiet.columns) == [*frames.CONTROL, "partial"]
    assert quiet["partial"].dtype == "bool" and not quiet["partial"].any()


def test_control_over_time_marks_the_running_period_and_counts_it_up_to_today(ws, monkeypatch):
    # The current month ran to its calendar end, after today: its figures were a window
    # control() refuses, and its new voices its few days against a whole month before them.
    from datetime import UTC, datetime

    import koll.insights
    import koll.store.views

    now = datetime(2026, 11, 20, 12, tzinfo=UTC)  # the day of the newest mention (Nordvind's)
    monkeypatch.setattr(koll.insights, "utcnow", lambda: now, raising=False)
    monkeypatch.setattr(koll.store.views, "utcnow", lambda: now, raising=False)
    weekly = ws.control_over_time(freq="W")
    assert weekly["period"].unique().tolist() == ["2026-W45", "2026-W46", "2026-W47"]
    assert weekly["partial"].dtype == "bool"
    assert weekly.groupby("period")["partial"].all().tolist() == [False, False, True]
    assert weekly.groupby("period")["partial"].any().tolist() == [False, False, True]
    # `end` stays the calendar period's end; the figures are control() up to today.
    last = weekly[weekly["brand"] == "Nordvind"].iloc[-1]
    assert last["end"] == pd.Timestamp("2026-11-22")
    want = ws.control("Nordvind", "2026-11-16", "2026-11-20")
    for key in ("mentions", "owned", "earned", "new_voices", "owned_share", "control_index"):
        assert last[key] == pytest.approx(want[key], nan_ok=True) or (
            want[key] is None and pd.isna(last[key])
        ), key
    monthly = ws.control_over_time("Nordvind", "M")
    assert monthly["partial"].tolist() == [True]
    # A period ending today is not marked: `partial` says its end is after today.
    daily = ws.control_over_time("Nordvind", "D")
    assert daily["period"].iloc[-1] == "2026-11-20" and not daily["partial"].any()


# -- classify and corrections -----------------------------------------------------------------


def test_classify_texts():
    df = koll.classify(["Det här är fantastiskt bra!", "Helt värdelöst och uselt.", "Det snöar."])
    assert list(df.columns) == ["text", "label", "score", "confidence", "lang", "model"]
    assert df["label"].dtype == koll.LABEL
    assert list(df["label"].astype(str))[:2] == ["pos", "neg"]
    assert df["score"].between(-1, 1).all()
    one = koll.classify("Grymt bra service")
    assert len(one) == 1 and one.loc[0, "label"] == "pos"


def test_classify_keeps_a_series_index_and_handles_empty():
    s = pd.Series(["Usel kundtjänst", None], index=["a", "b"])
    df = koll.classify(s)
    assert list(df.index) == ["a", "b"]
    assert df.loc["a", "label"] == "neg"
    assert df.loc["b", "text"] == ""
    empty = koll.classify([])
    assert empty.empty and empty["label"].dtype == koll.LABEL


def test_corrections_show_up_in_mentions_and_corrections(world, tmp_path):
    # A copy of the world, so the correction does not leak into other tests.
    from tests.api_world import build_world as build

    w2 = build(tmp_path / "ws")
    with koll.open_workspace(w2.config) as w:
        target = w.mentions("Fjällkraft", label="neg").iloc[0]
        assert w.corrections().empty
        assert w.correct(target["item_id"], "fjällkraft", "neu", author="Eva") >= 1
        fixed = w.mentions("Fjällkraft", columns=["item_id", "label", "model", "confidence"])
        row = fixed[fixed["item_id"] == target["item_id"]].iloc[0]
        assert (row["label"], row["model"], row["confidence"]) == ("neu", "manual", 1.0)
        c = w.corrections("Fjällkraft")
        assert len(c) == 1
        assert (c.loc[0, "label"], c.loc[0, "previous_label"], c.loc[0, "author"]) == (
            "neu",
            "neg",
            "Eva",
        )
        assert c.loc[0, "title"] == "Arga kunder om Fjällkraft"
        assert str(c["created_at"].dtype) == STOCKHOLM_TIME
        assert w.corrections("Nordvind").empty
        with pytest.raises(
            ValueError, match="^label: expected one of pos, neu, neg, got 'positive'$"
        ):
            w.correct(target["item_id"], "Fjällkraft", "positive")
        with pytest.raises(KeyError, match="has no mention of brand 'Nordvind'"):
            w.correct(target["item_id"], "Nordvind", "pos")


def test_correct_refuses_an_item_id_that_is_no_whole_number_and_an_author_that_is_no_text(
    tmp_path,
):
    # int(item_id) made 12.7 item 12 and True item 1; "abc" and pd.NA gave bare int() errors.
    from tests.api_world import build_world as build

    w2 = build(tmp_path / "ws")
    with koll.open_workspace(w2.config) as w:
        item = int(w.mentions("Fjällkraft", label="neg").iloc[0]["item_id"])
        for bad in (item + 0.7, float("nan")):
            with pytest.raises(ValueError, match=r"^item_id: expected a whole number"):
                w.correct(bad, "Fjällkraft", "neu")
        for bad in (True, np.True_, "abc", str(item), pd.NA, None, [item]):
            with pytest.raises(TypeError, match=r"^item_id: expected a whole number"):
                w.correct(bad, "Fjällkraft", "neu")
        for bad in (5, b"Eva", ["Eva"]):
            with pytest.raises(TypeError, match=r"^author: expected a str or None, got"):
                w.correct(item, "Fjällkraft", "neu", author=bad)
        # SQLite kept any length, PostgreSQL refused the correction (QA, 2026-12-07).
        with pytest.raises(ValueError, match=r"^author: at most 200 characters, got 201$"):
            w.correct(item, "Fjällkraft", "neu", author="x" * 201)
        assert w.corrections().empty  # nothing was written
        # Ids as a frame gives them: numpy integers, or whole floats from a column with NaN.
        assert w.correct(np.int64(item), "Fjällkraft", "neu") >= 1
        assert w.correct(float(item), "Fjällkraft", "pos", author="Eva") >= 1
        c = w.corrections()
        assert c["item_id"].tolist() == [item, item]
        assert c["author"].tolist()[1] == "Eva"


# -- stories, topics, alerts ------------------------------------------------------------------


def test_analysis_frames_are_typed_even_before_analysis(ws):
    stories = ws.stories("Fjällkraft")
    assert "story" in stories.columns and stories.empty
    # Topics are computed on the fly when none are stored; two mentions are too few for any.
    assert list(ws.topics().columns) == list(frames.TOPICS)
    topics = ws.topics("Nordvind")
    assert topics.empty and list(topics.columns) == list(frames.TOPICS)
    alerts = ws.alerts("Nordvind")
    assert alerts.empty and list(alerts.columns) == list(frames.ALERTS)
    assert str(alerts["day"].dtype) == "datetime64[us]"


def test_stories_topics_alerts_after_analyse(tmp_path):
    from koll.jobs.analyse import analyse_all

    w2 = build_world(tmp_path / "ws")
    analyse_all(settings=w2.settings)
    with koll.open_workspace(w2.config) as w:
        m = w.mentions("Fjällkraft", columns=["item_id", "title", "owned", "story"])
        # The owned blog post and the news copy a few hours later are one story.
        copies = m[m["title"] == "Fjällkraft bygger lokal vindkraft i Malå"]
        assert copies["story"].nunique() == 1 and copies["story"].notna().all()
        stories = w.stories("Fjällkraft")
        assert list(stories.columns) == list(frames.STORIES) == _documented_stories_columns()
        story = stories[stories["story"] == copies["story"].iloc[0]].iloc[0]
        assert (story["size"], story["mentions"], story["owned"]) == (2, 2, 1)
        assert str(stories["first_published"].dtype) == STOCKHOLM_TIME
        topics = w.topics("Fjällkraft")
        assert list(topics.columns) == list(frames.TOPICS)
        alerts = w.alerts()
        assert list(alerts.columns) == list(frames.ALERTS)


@pytest.fixture(scope="module")
def alerted(tmp_path_factory):
    """A copy of the world with stored alerts: (brand, day) pairs, ids in this order."""
    from datetime import UTC, datetime

    from koll.store import alerts as store_alerts

    w2 = build_world(tmp_path_factory.mktemp("alerts") / "ws")
    fired = [
        ("Fjällkraft", "2026-11-01"),
        ("Nordvind", "2026-11-02"),
        ("Fjällkraft", "2026-11-03"),
        ("Nordvind", "2026-11-04"),
    ]
    rows = [
        {"key": f"volume:{b}:{d}", "brand": b, "kind": "volume", "day": d, "reason": "test"}
        for b, d in fired
    ]
    with Store(w2.settings.database_url) as store, store.begin() as conn:
        store_alerts.insert_alerts(conn, rows, datetime(2026, 11, 5, tzinfo=UTC))
    with koll.open_workspace(w2.config) as w:
        yield w


def test_alerts_limit_zero_is_no_rows(alerted):
    # `if limit:` made limit=0 every alert, where stories(limit=0) and unanswered(limit=0) give none.
    assert len(alerted.alerts()) == 4
    for brand in (None, "Fjällkraft", ["Fjällkraft", "Nordvind"]):
        none = alerted.alerts(brand, limit=0)
        assert none.empty and list(none.columns) == list(frames.ALERTS)


def test_alerts_limit_is_for_all_the_brands_together_newest_first(alerted):
    # The limit was applied per brand and the parts joined: 2 rows for limit=1 and two brands.
    both = ["Fjällkraft", "Nordvind"]
    one = alerted.alerts(both, limit=1)
    assert one[["brand", "day"]].astype(str).values.tolist() == [["Nordvind", "2026-11-04"]]
    three = alerted.alerts(both, limit=3)
    assert three["day"].dt.strftime("%Y-%m-%d").tolist() == [
        "2026-11-04",
        "2026-11-03",
        "2026-11-02",
    ]
    assert three.equals(alerted.alerts(limit=3))  # as `koll alerts --limit 3`, every brand
    assert len(alerted.alerts(both, limit=10)) == 4


def test_a_brand_named_twice_in_a_list_is_counted_once(alerted):
    # ["Fjällkraft", "fjällkraft"] returned every row twice (daily, control_over_time, topics,
    # alerts, mentions).
    twice = ["Fjällkraft", "fjällkraft", "FJÄLLKRAFT"]
    w = alerted
    pairs = [
        (w.daily(twice), w.daily("Fjällkraft")),
        (w.control_over_time(twice, "M"), w.control_over_time("Fjällkraft", "M")),
        (w.topics(twice), w.topics("Fjällkraft")),
        (w.alerts(twice), w.alerts("Fjällkraft")),
        (w.mentions(twice), w.mentions("Fjällkraft")),
        (w.corrections(twice), w.corrections("Fjällkraft")),
    ]
    for got, once in pairs:
        assert len(got) == len(once) and got.equals(once)
    assert len(w.alerts(twice)) == 2 and not w.daily(twice).empty
    both = w.daily(["Nordvind", "Fjällkraft", "nordvind"])
    assert both["brand"].unique().tolist() == ["Nordvind", "Fjällkraft"]


def test_api_md_says_when_story_is_null_and_how_parquet_reads_it(world, tmp_path):
    # api.md said only "null before koll analyse": comments never get a story (koll analyse
    # clusters posts), and in Parquet the nullable column reads as float64.
    from koll.cli import main
    from koll.store import stories as store_stories

    text = (REPO / "docs" / "api.md").read_text(encoding="utf-8")
    row = next(ln for ln in text.splitlines() if ln.startswith("| `story` |"))
    assert "always null for comments" in row
    parquet = text.split("Parquet has typed columns:", 1)[1].split("\n- ", 1)[0]
    assert "`story` and `parent_item_id`\n  nullable" in parquet
    assert "`story` is null for comments" in parquet and "float64" in parquet
    # What it says: the clustering leaves comments out, and a null story reads as float64.
    assert 'items.c.kind != "comments"' in Path(store_stories.__file__).read_text(encoding="utf-8")
    out = tmp_path / "m.parquet"
    assert main(["export", "mentions", "--config", str(world.config), "--format", "parquet",
                 "--output", str(out)]) == 0  # fmt: skip
    assert pd.read_parquet(out)["story"].dtype == "float64"  # null before koll analyse
    assert pd.read_parquet(out, dtype_backend="numpy_nullable")["story"].dtype == "Int64"


def _documented_stories_columns() -> list[str]:
    """The columns docs/api.md's ws.stories section lists, in its order."""
    text = (REPO / "docs" / "api.md").read_text(encoding="utf-8")
    section = text.split("### `ws.stories(", 1)[1].split("###", 1)[0]
    listed = section.split("Columns:", 1)[1].split("It is empty", 1)[0]
    return re.findall(r"`(\w+)`", listed)


def test_workspace_classify_uses_the_model_that_scored_the_mentions(ws):
    df = ws.classify(["Usel service", "Toppen!"])
    assert list(df["label"].astype(str)) == ["neg", "pos"]
    assert set(df["model"]) == set(ws.mentions(columns=["model"])["model"])


def test_workspace_classify_does_not_change_which_model_others_use(world, tmp_path):
    from analysis import sentiment
    from koll.store import sentiment_store as ss

    trained = build_world(tmp_path / "trained")
    tiny = sentiment.Model.train(
        ["underbart", "katastrof", "tisdag"] * 4, ["pos", "neg", "neu"] * 4, version="sv-tiny-1"
    )
    with Store(trained.settings.database_url) as store, store.begin() as conn:
        ss.save_model(conn, "sv-tiny-1", tiny.dumps())
    shipped = sentiment.MODEL_VERSION
    assert koll.classify("bra").loc[0, "model"] == shipped
    with koll.open_workspace(trained.config) as w, koll.open_workspace(world.config) as other:
        assert w.classify("bra").loc[0, "model"] == "sv-tiny-1"
        # The workspace's model is its own: not koll.classify's, not another workspace's, and
        # not installed for the process (koll sentiment, ingestion).
        assert koll.classify("bra").loc[0, "model"] == shipped
        assert other.classify("bra").loc[0, "model"] == shipped
        assert w.classify(["bra"]).loc[0, "model"] == "sv-tiny-1"
        assert sentiment.current_version() == shipped


def test_key_messages_that_travel(ws):
    carried = ws.key_messages("Fjällkraft", owned=False)
    # Only the news copy repeats "lokal vindkraft"; the owned blog post is filtered out.
    assert list(carried["key_message"]) == ["lokal vindkraft"]
    assert list(carried["source"]) == ["norrlandsposten.se"]
    assert not carried["owned"].any()
    everyone = ws.key_messages("Fjällkraft")
    assert sorted(everyone["source"]) == ["blogg.fjallkraft.se", "norrlandsposten.se"]
    assert ws.key_messages("Nordvind").empty  # Nordvind has no key messages configured


def test_mentions_with_topics(ws):
    df = ws.mentions(columns=["title", "owned"], with_topics=True)
    assert list(df.columns) == ["title", "owned", "topic", "topic_label"]
    assert df["topic"].dtype == "Int64"
    # A label exactly where there is a topic.
    assert (df["topic"].isna() == df["topic_label"].isna()).all()


def test_rising_terms_against_the_days_before(ws):
    # Too few documents for anything to be significant: an empty, typed table, not an error.
    table = ws.rising_terms("Fjällkraft", "2026-11-10", "2026-11-10", baseline_days=14)
    assert list(table.columns) == ["term", "current", "baseline", "expected", "ratio", "p_value"]
    assert table.empty


def test_rising_terms_default_window_does_not_end_after_today(ws, monkeypatch):
    """Its default window ended at the brand's last day with mentions, a day still to come when
    an item had been stored with a future date. It ends on the newest day with mentions up to
    today (2026-11-02 here), as the alerts' reference day does (tests/test_newest_day.py)."""
    from datetime import UTC, datetime, timedelta

    import koll.insights

    last = ws.day_range("Fjällkraft")[1]
    assert last == date(2026, 11, 10)
    now = datetime.combine(last - timedelta(days=1), datetime.min.time(), UTC)
    monkeypatch.setattr(koll.insights, "utcnow", lambda: now, raising=False)
    asked = []
    monkeypatch.setattr(ws, "mentions", lambda *a, **k: asked.append(a[1:3]) or _no_mentions())
    ws.rising_terms("Fjällkraft")
    assert asked[0] == ("2026-10-27", "2026-11-02")


def test_daily_without_an_end_does_not_end_after_today(ws, monkeypatch):
    """daily() and control_over_time() without `until` ended at the last day with mentions,
    a day still to come when an item had a future date. They end on the newest day with
    mentions up to today (2026-11-02 here), as rising_terms(), the dashboard's default period
    and the alerts do (one rule: koll.store.items.newest_mention_day)."""
    from datetime import UTC, datetime, timedelta

    import koll.insights

    last = ws.day_range("Fjällkraft")[1]
    assert last == date(2026, 11, 10)
    now = datetime.combine(last - timedelta(days=1), datetime.min.time(), UTC)
    monkeypatch.setattr(koll.insights, "utcnow", lambda: now, raising=False)
    d = ws.daily("Fjällkraft", until=None)
    assert d["day"].max().date() == date(2026, 11, 2)
    c = ws.control_over_time("Fjällkraft", "D")
    assert c["period"].iloc[-1] == "2026-11-02"


def test_rising_terms_with_since_only_ends_today_as_control_does(ws, monkeypatch):
    """With `since` alone the window ended at the brand's last day with mentions: a `since`
    after it raised "since … is after until …", an `until` never given."""
    from datetime import UTC, datetime

    import koll.insights
    from analysis.windows import WindowError

    assert ws.day_range("Fjällkraft")[1] == date(2026, 11, 10)
    now = datetime(2026, 11, 15, 12, tzinfo=UTC)
    monkeypatch.setattr(koll.insights, "utcnow", lambda: now, raising=False)
    asked = []
    monkeypatch.setattr(ws, "mentions", lambda *a, **k: asked.append(a[1:3]) or _no_mentions())
    ws.rising_terms("Fjällkraft", since="2026-11-12")
    assert asked[0] == ("2026-11-12", "2026-11-15")
    assert asked[1] == ("2026-11-08", "2026-11-11")  # the baseline: as long, just before
    with pytest.raises(WindowError, match="since 2026-11-16 is after today 2026-11-15"):
        ws.rising_terms("Fjällkraft", since="2026-11-16")


def _no_mentions() -> pd.DataFrame:
    return frames.empty(frames.MENTIONS)


# -- bad arguments ----------------------------------------------------------------------------
# Each used to be accepted quietly (an empty or wrong answer) or to fail deep inside with an
# AttributeError or an SQL error; each is now an error naming the argument and the bad value.


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (
            lambda w: w.mentions(label="positive"),
            ValueError,
            "label: expected one of neg, neu, pos, none, got 'positive'",
        ),
        (
            lambda w: w.mentions(kind="rss"),
            ValueError,
            "kind: expected one of blog, news, comments, forum, press, social, got 'rss'",
        ),
        (lambda w: w.items(kind=["news", "rss"]), ValueError, "kind: expected one of .*got 'rss'"),
        (
            lambda w: w.mentions(owned="False"),
            TypeError,
            "owned: expected True, False or None, got 'False'",
        ),
        (lambda w: w.daily(owned=0), TypeError, "owned: expected True, False or None, got 0"),
        (
            lambda w: w.mentions(brand=[]),
            ValueError,
            "brand: expected a name or a list of names, got an empty list",
        ),
        (
            lambda w: w.mentions(source=[]),
            ValueError,
            "source: expected a name or a list of names, got an empty list",
        ),
        (lambda w: w.mentions(5), TypeError, "brand: expected a name or a list of names, got 5"),
        (lambda w: w.mentions([5]), TypeError, r"brand: expected names \(str\), got 5"),
        (
            lambda w: w.control(["Fjällkraft"]),
            TypeError,
            r"brand: expected one name \(str\), got \['Fjällkraft'\]",
        ),
        (lambda w: w.control(None), TypeError, r"brand: expected one name \(str\), got None"),
        (lambda w: w.unanswered(None), TypeError, "brand: expected one name"),
        (
            lambda w: w.mentions(columns=[]),
            ValueError,
            "columns: expected a name or a list of names, got an empty list",
        ),
        (
            lambda w: list(w.iter_mentions(chunksize="10")),
            TypeError,
            "chunksize: expected a whole number, got '10'",
        ),
        (
            lambda w: list(w.iter_items(chunksize=2.5)),
            TypeError,
            "chunksize: expected a whole number, got 2.5",
        ),
        (
            lambda w: list(w.iter_mentions(chunksize=0)),
            ValueError,
            "chunksize: expected a whole number of at least 1, got 0",
        ),
        (
            lambda w: w.rising_terms("Fjällkraft", baseline_days=0),
            ValueError,
            "baseline_days: expected a whole number of at least 1, got 0",
        ),
        (
            lambda w: w.rising_terms("Fjällkraft", baseline_days=-5),
            ValueError,
            "baseline_days: .* got -5",
        ),
        (
            lambda w: w.rising_terms("Fjällkraft", alpha=2),
            ValueError,
            "alpha: expected a number between 0 and 1, got 2",
        ),
        (
            lambda w: w.rising_terms("Fjällkraft", alpha="0.05"),
            TypeError,
            "alpha: expected a number",
        ),
        (
            lambda w: w.unanswered("Fjällkraft", limit=-1),
            ValueError,
            "limit: expected a whole number of at least 0, got -1",
        ),
        (lambda w: w.stories("Fjällkraft", limit=-1), ValueError, "limit: .* got -1"),
        # A raw OverflowError, and a baseline day before 1900 the user never gave.
        (
            lambda w: w.rising_terms("Fjällkraft", "2026-11-10", baseline_days=10**9),
            ValueError,
            r"baseline_days: expected at most 46334 \(the days from 1900-01-01 to the window's "
            r"first day 2026-11-10\), got 1000000000",
        ),
        (
            lambda w: w.rising_terms("Fjällkraft", "2026-11-10", baseline_days=400_000),
            ValueError,
            "baseline_days: expected at most 46334 .* got 400000",
        ),
        # "yes" and "False" were true.
        (
            lambda w: w.mentions(with_topics="False"),
            TypeError,
            "with_topics: expected True or False, got 'False'",
        ),
        (lambda w: w.mentions(with_topics="yes"), TypeError, "with_topics: .* got 'yes'"),
        (lambda w: w.mentions(with_topics=None), TypeError, "with_topics: .* got None"),
        (lambda w: w.alerts(limit=-1), ValueError, "limit: .* got -1"),
    ],
)
def test_bad_arguments_are_clear_errors(ws, call, error, message):
    with pytest.raises(error, match=f"^{message}"):
        call(ws)


def test_the_valid_spellings_of_those_arguments_still_work(ws):
    assert len(ws.mentions(label=["neg", "neu", "pos", "none"])) == len(ws.mentions())
    assert ws.mentions(kind="blog")["owned"].all()
    assert len(ws.mentions(owned=np.bool_(True))) == 2
    # A single column name is one column, not its letters.
    assert list(ws.mentions(columns="title").columns) == ["title"]
    assert list(ws.mentions(columns="title", with_topics=True).columns) == [
        "title",
        "topic",
        "topic_label",
    ]
    assert [len(c) for c in ws.iter_mentions("Fjällkraft", chunksize=np.int64(3))] == [3, 2]
    # A mistake is raised by the call, not at the first chunk (an API QA pass).
    with pytest.raises(KeyError):
        ws.iter_mentions("Nope")
    with pytest.raises(ValueError):
        ws.iter_items(since="bad")
    assert ws.unanswered("Fjällkraft", limit=0).empty
    assert ws.stories("Fjällkraft", limit=0).empty and ws.alerts(limit=0).empty


def test_names_pasted_with_another_composition_case_or_spaces_are_found(ws):
    # A decomposed "ä" (macOS copy-paste) and spaces around a name raised "no brand called …";
    # "Norrlandsposten.se" and lang="SV" quietly selected nothing while kind="News" raised.
    decomposed = "Fja\u0308llkraft"
    assert decomposed != "Fjällkraft"
    for name in (decomposed, " Fjällkraft ", "\tFJA\u0308LLKRAFT\n"):
        assert ws.brand(name).name == "Fjällkraft"
        assert ws.mentions(name).equals(ws.mentions("Fjällkraft"))
        assert ws.control(name)["brand"] == "Fjällkraft"
    assert ws.daily([decomposed, "Fjällkraft"]).equals(ws.daily("Fjällkraft"))
    news = ws.mentions(source="norrlandsposten.se")
    assert len(news) == 5
    assert ws.mentions(source=["Norrlandsposten.se "]).equals(news)
    assert ws.items(source="NORRLANDSPOSTEN.SE").equals(ws.items(source="norrlandsposten.se"))
    assert len(ws.items(lang="SV")) == len(ws.items(lang="sv")) == 7
    assert ws.mentions(kind="News").equals(ws.mentions(kind="news"))
    assert ws.mentions(label=" NEG").equals(ws.mentions(label="neg"))
    # A site given as its address and a language with its region selected nothing, quietly,
    # and a language that is no code too (an API QA pass).
    for address in ("www.norrlandsposten.se", "https://www.norrlandsposten.se/"):
        assert ws.mentions(source=address).equals(news)
    assert ws.items(lang="sv-SE").equals(ws.items(lang="sv"))
    with pytest.raises(ValueError, match="lang: expected a language code such as 'sv'"):
        ws.items(lang="swedish")
    with pytest.raises(KeyError, match="no brand called 'Fjällkraft AB'"):
        ws.brand("Fjällkraft AB")


@pytest.mark.parametrize(
    ("texts", "message"),
    [
        (
            pd.DataFrame({"text": ["bra"]}),
            "texts: expected a str, a list of str or a Series, got a DataFrame; pass one column, e.g. df['text']",
        ),
        (b"bra", "texts: expected a str, a list of str or a Series, got b'bra'"),
        ([b"bra"], "texts: expected str (or None for no text), got b'bra' at position 0"),
        (5, "texts: expected a str, a list of str or a Series, got 5"),
    ],
)
def test_classify_refuses_what_is_not_text(texts, message):
    with pytest.raises(TypeError, match=f"^{re.escape(message)}$"):
        koll.classify(texts)


def test_classify_leaves_empty_and_missing_texts_unscored():
    df = koll.classify(pd.Series([None, float("nan"), "", "  ", "Toppen!"], index=list("abcde")))
    assert df["label"].isna().tolist() == [True, True, True, True, False]
    assert df[["score", "confidence"]].iloc[:4].isna().all().all()
    assert df.loc["e", "label"] == "pos"
    assert list(df.index) == list("abcde") and df["label"].dtype == koll.LABEL


def test_classify_reads_text_as_ingestion_stores_it():
    """QA, 2026-12-07: a decomposed "ä" or a soft hyphen turned a complaint into praise, a text of
    a zero-width space alone was scored, and half an emoji's surrogate pair lost the batch."""
    import unicodedata

    complaint = "Väldigt dålig service"
    df = koll.classify([complaint, unicodedata.normalize("NFD", complaint),
                        "Väldigt då\u00adlig service", "\u200b", "\ufeff \u2060",
                        "Toppen \ud83d"])  # fmt: skip
    assert df["label"].iloc[:3].tolist() == ["neg"] * 3
    assert df["score"].iloc[1] == df["score"].iloc[2] == df["score"].iloc[0]
    assert df["label"].iloc[3:5].isna().all() and df["score"].iloc[3:5].isna().all()
    assert df["text"].iloc[5] == "Toppen \ufffd" and df["label"].iloc[5] == "pos"
    from analysis.sentiment_brand import classify_for_brand

    said = "Fjällkraft är så dålig, värdelös kundtjänst"
    for text in (said, unicodedata.normalize("NFD", said)):
        assert classify_for_brand(text, lambda s: "Fjällkraft" in s).label == "neg"


# -- documentation ----------------------------------------------------------------------------

API_DOC = REPO / "docs" / "api.md"


def test_the_documented_example_runs(world, monkeypatch):
    text = API_DOC.read_text(encoding="utf-8")
    example = text.split("```python\n", 1)[1].split("```", 1)[0]
    lines = [line for line in example.splitlines() if line.strip()]
    assert len(lines) == 5  # the README shows it as "five lines"
    code = example.replace('"koll-demo/koll.toml"', repr(str(world.config)))
    scope: dict = {}
    exec(compile(code, "docs/api.md", "exec"), scope)
    assert len(scope["df"]) == 5 and scope["df"]["brand"].eq("Fjällkraft").all()
    scope["ws"].close()


def test_every_public_name_is_documented():
    text = API_DOC.read_text(encoding="utf-8")
    public = [n for n in dir(koll.Workspace) if not n.startswith("_") and n != "close"]
    missing = [n for n in public if f"ws.{n}" not in text]
    missing += [n for n in koll.__all__ if f"koll.{n}" not in text and n != "__version__"]
    assert not missing, f"not in docs/api.md: {missing}"


# -- both engines -----------------------------------------------------------------------------


def test_the_api_on_each_engine(database_url, tmp_path):
    w = build_world(tmp_path / "ws", database_url=database_url)
    with koll.open_workspace(w.config) as ws:
        assert ws.store.url == database_url
        df = ws.mentions("Fjällkraft")
        assert len(df) == 5 and df["owned"].sum() == 2
        assert str(df["published"].dtype) == STOCKHOLM_TIME
        assert df.loc[df["title"].str.startswith("Nordvind och"), "day"].iloc[0] == pd.Timestamp(
            "2026-11-10"
        )
        # Streamed (a server-side cursor on PostgreSQL) and whole loads agree.
        chunks = list(ws.iter_mentions("Fjällkraft", chunksize=2))
        assert [len(c) for c in chunks] == [2, 2, 1]
        pd.testing.assert_frame_equal(pd.concat(chunks, ignore_index=True), df)
        assert len(ws.items()) == 7
        assert ws.control("Fjällkraft", "2026-11-01", "2026-11-30")["mentions"] == 5
        assert list(ws.control_over_time("Fjällkraft", freq="M")["mentions"]) == [5]
        assert ws.correct(df.loc[0, "item_id"], "Fjällkraft", "pos") >= 1
        assert list(ws.corrections()["label"].astype(str)) == ["pos"]


def test_a_source_with_a_path_selects_its_own_rows(tmp_path):
    # Lower-casing the whole source (for "Norrlandsposten.se") had made Reddit's
    # "reddit.com/r/Stockholm", as mentions() returns it, select nothing.
    from datetime import UTC, datetime

    from koll.config import load_settings
    from koll.store import feeds as store_feeds
    from koll.store import items as store_items
    from koll.store.records import Item, Mention

    config = tmp_path / "koll.toml"
    config.write_text(
        f'[storage]\nurl = "sqlite:///{tmp_path / "koll.db"}"\n\n[[brands]]\nname = "Ikea"\n\n'
        '[[feeds]]\nurl = "https://www.reddit.com/r/Stockholm/.rss"\nkind = "social"\n',
        encoding="utf-8",
    )
    settings = load_settings(config, env={})
    now = datetime(2026, 12, 3, 9, tzinfo=UTC)
    key = "https://reddit.com/r/Stockholm/comments/abc/ikea"
    item = Item(key=key, url=key, guid=None, title="Ikea höjer", text="Ikea höjer priserna",
                published=now, published_estimated=False, author="kalle",
                source="reddit.com/r/Stockholm", kind="social", content_hash="h")  # fmt: skip
    with Store(settings.database_url) as store, store.begin() as conn:
        store_feeds.sync_feeds(conn, settings.feeds)
        feed = store_feeds.feed_ids_by_url(conn)[settings.feeds[0].url]
        mention = Mention(key, "Ikea", False, None, None)
        score = store_items.Score("neu", 0.0, 0.5, "sv", "t")
        batch = store_items.FeedItems(feed, [item], {key: [mention]}, {key: score}, {})
        store_items.save_feeds(conn, [batch], now=now)
    with koll.open_workspace(config) as w:
        window = {"since": "2026-12-01", "until": "2026-12-04"}
        found = w.mentions("Ikea", **window)
        assert found["source"].tolist() == ["reddit.com/r/Stockholm"]
        assert len(w.mentions("Ikea", source="reddit.com/r/Stockholm", **window)) == 1
        assert len(w.mentions("Ikea", source="Reddit.com/r/Stockholm", **window)) == 1
        assert len(w.items(source="reddit.com/r/Stockholm", **window)) == 1


def test_a_missing_absolute_koll_config_says_koll_config_named_it(tmp_path, monkeypatch):
    # "not found; pass --config PATH … or set KOLL_CONFIG" did not say the path came from
    # KOLL_CONFIG, which was set (QA, 2026-12-07).
    monkeypatch.setenv("KOLL_CONFIG", str(tmp_path / "nope.toml"))
    with pytest.raises(ConfigError, match=r"nope.toml.*not found \(the path KOLL_CONFIG names\)"):
        koll.open_workspace()


def test_topics_without_a_window_are_the_last_period_analyse_stored(tmp_path):
    """`koll topics --brand X` and ws.topics(X) gave the all-history topics, rebuilt only every
    20 hours, instead of the last 30 days the docs and the dashboard give (QA, 2026-12-07)."""
    from datetime import UTC, datetime

    from koll.store import Store
    from koll.store.topics import replace_topics
    from koll.store.views import topics_for

    store = Store(f"sqlite:///{tmp_path / 'koll.db'}")
    now = datetime(2026, 12, 7, 12, tzinfo=UTC)

    def topic(label: str) -> dict:
        return {"topic_no": 0, "label": label, "terms": [label], "size": 5, "share": 1.0}

    with store.begin() as conn:
        replace_topics(conn, "Kustel", None, None, [topic("gammalt")], now)
        replace_topics(conn, "Kustel", "2026-10-08", "2026-11-06", [topic("förra")], now)
        replace_topics(conn, "Kustel", "2026-11-08", "2026-12-07", [topic("villkoren")], now)
    assert topics_for(store, "Kustel")["label"].tolist() == ["villkoren"]
    assert topics_for(store, "Kustel", "2026-10-08", "2026-11-06")["label"].tolist() == ["förra"]
    store.close()
