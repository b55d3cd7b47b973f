"""Story clustering (MinHash/LSH) and key-message detection on hand-made Swedish texts."""

from __future__ import annotations

import pandas as pd

from analysis.keymessages import carries_key_message, copies_owned
from analysis.stories import cluster_stories, story_table

RELEASE = (
    "Fjällkraft AB har i dag beslutat att bygga tolv nya vindkraftverk utanför Östersund. "
    "Satsningen ska ge hushållen i Jämtland stabilare elpriser redan från nästa vinter, säger "
    "bolagets kommunikationschef. Bygget startar i mars och beräknas vara klart hösten 2028."
)
OTHER = (
    "Regnet öste ner över Göteborg under söndagen och flera gator stängdes av när avloppen inte "
    "klarade vattenmängderna. Räddningstjänsten pumpade källare hela natten."
)


def frame(rows):
    return pd.DataFrame(rows, columns=["item_id", "text", "published"]).assign(
        published=lambda d: pd.to_datetime(d["published"], utc=True)
    )


def test_copies_and_rewrites_join_one_story_unrelated_stay_apart():
    df = frame(
        [
            (10, RELEASE, "2026-10-15T08:00"),
            (11, "(TT) " + RELEASE.replace("i dag", "på onsdagen"), "2026-10-15T11:00"),
            (12, RELEASE + " Kommunen välkomnar beskedet.", "2026-10-15T12:00"),
            (13, OTHER, "2026-10-15T12:00"),
            (14, OTHER.replace("söndagen", "måndagen"), "2026-10-16T12:00"),
            (15, "Bra!", "2026-10-15T13:00"),
            (16, "Bra!", "2026-10-15T13:05"),
        ]
    )
    story = cluster_stories(df)
    assert story.tolist() == [10, 10, 10, 13, 13, 15, 16]  # too short texts stay apart
    table = story_table(df, story)
    assert sorted(table["size"].tolist()) == [2, 3]
    assert table.set_index("story_id").loc[10, "first_item_id"] == 10


def test_time_window_and_stable_ids():
    df = frame(
        [
            (5, RELEASE, "2026-10-01T08:00"),
            (3, RELEASE, "2026-10-20T08:00"),  # the same text weeks later is a new story
            (9, RELEASE, "2026-10-20T09:00"),
        ]
    )
    story = cluster_stories(df)
    assert story.tolist() == [5, 3, 3]
    assert cluster_stories(df).tolist() == story.tolist()  # deterministic across runs
    assert cluster_stories(df, window_hours=24 * 30).tolist() == [3, 3, 3]


def test_many_items_cluster_in_groups():
    rows = []
    for g in range(50):  # 50 distinct stories, 4 copies each, interleaved in time
        base = f"Nyhet nummer {g}: " + " ".join(f"ord{g}x{k}" for k in range(40))
        for c in range(4):
            rows.append((g * 10 + c, base + f" kopia {c}", f"2026-10-{1 + g % 20:02d}T{8 + c}:00"))
    story = cluster_stories(frame(rows))
    assert story.nunique() == 50
    assert (story.groupby(story).size() == 4).all()


def test_key_message_normalisation_and_look_alikes():
    km = ["förnybar el till alla", "lokal vindkraft"]
    assert carries_key_message("Vi lovar FÖRNYBAR EL, till alla!", km)
    assert carries_key_message("Deras löfte om förnybara el till alla", km)  # inflection
    assert carries_key_message("satsningen på Lokal Vindkraft.", km)
    assert not carries_key_message("planerade lokala vindkraftverk", km)  # another word
    assert not carries_key_message("förnybar el åt alla", km)
    assert not carries_key_message("alla till el förnybar", km)  # order matters
    assert not carries_key_message("", km)


def test_copy_of_earlier_owned_item_counts_only_after_it():
    df = pd.DataFrame(
        {
            "story_id": [1, 1, 1, 2, None],
            "owned": [False, True, False, False, False],
            "published": pd.to_datetime(
                [
                    "2026-10-01T07:00",
                    "2026-10-01T08:00",
                    "2026-10-01T09:00",
                    "2026-10-01T09:00",
                    "2026-10-01T09:00",
                ],
                utc=True,
            ),
        }
    )
    assert copies_owned(df).tolist() == [False, False, True, False, False]


def test_short_boilerplate_does_not_chain_into_one_story():
    # Hundreds of short items that differ only in a number: not one giant story.
    df = frame(
        [
            (i, f"Rubrik {i}\nKort text om el och vindkraft.", f"2026-10-01T{i % 24:02d}:00")
            for i in range(1, 201)
        ]
    )
    assert cluster_stories(df).nunique() == 200


def test_copies_owned_when_no_story_has_an_owned_item():
    """All-NaT first-owned times lose their time zone in pandas; the comparison must still work."""
    import pandas as pd

    from analysis.keymessages import copies_owned

    df = pd.DataFrame(
        {
            "owned": [False, False],
            "story_id": pd.array([1, 1], dtype="Int64"),
            "published": pd.to_datetime(["2026-11-01", "2026-11-02"], utc=True),
        }
    )
    assert copies_owned(df).tolist() == [False, False]


def test_stored_agenda_counts_as_agenda_share(database_url):
    """koll.store.stories.stored_agenda counts the stored story firsts in SQL; the same share
    as analysis.control.agenda_share of those rows: a tie (owned and earned first at the same
    second) does not set the agenda, a story without an earned mention does not count, and
    the window cuts by day."""
    from datetime import datetime

    from sqlalchemy import insert

    from analysis.control import agenda_from_firsts, agenda_share
    from koll.store import Store
    from koll.store.schema import story_firsts, story_marks
    from koll.store.stories import stored_agenda

    t = datetime(2026, 10, 15, 8, 0)
    later = datetime(2026, 10, 15, 8, 0, 1)
    rows = [  # (day, story_id, owned, first_published)
        ("2026-10-15", 1, True, t), ("2026-10-15", 1, False, later),  # owned first
        ("2026-10-15", 2, True, later), ("2026-10-15", 2, False, t),  # earned first
        ("2026-10-15", 3, True, t), ("2026-10-15", 3, False, t),  # a tie
        ("2026-10-15", 4, True, t),  # owned only
        ("2026-10-16", 5, True, t), ("2026-10-14", 5, False, later),  # earned before the window
    ]  # fmt: skip
    store = Store(database_url)
    try:
        with store.begin() as conn:
            assert stored_agenda(conn, "Fjällkraft", None, None) is None  # not built yet
            conn.execute(insert(story_marks).values(brand="Fjällkraft", built_at=t))
            conn.execute(
                insert(story_firsts),
                [dict(brand="Fjällkraft", day=d, story_id=s, owned=o, first_published=p)
                 for d, s, o, p in rows],
            )  # fmt: skip
        for since, until in ((None, None), ("2026-10-15", "2026-10-16")):
            frame = pd.DataFrame(
                [(s, o, p) for d, s, o, p in rows if (since or d) <= d <= (until or d)],
                columns=["story_id", "owned", "published"],
            )
            with store.connect() as conn:
                counted = stored_agenda(conn, "Fjällkraft", since, until)
            assert counted is not None
            assert agenda_from_firsts(*counted) == agenda_share(frame)
        assert counted == (3, 1)
    finally:
        store.close()
