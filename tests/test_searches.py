"""[[searches]]: each entry is checked, expands to its platform's feed and shows in `koll feeds`."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from ingest.sources import with_searches
from koll.cli import main
from koll.config import ConfigError, load_settings, settings_from_dict

FIVE = """
[[brands]]
name = "Fjällkraft"

[[searches]]
type = "google_news"
query = "Fjällkraft"
brand = "Fjällkraft"

[[searches]]
type = "reddit"
query = "Fjällkraft vindkraft"
subreddit = "sweden"

[[searches]]
type = "reddit"
query = "Fjällkraft"

[[searches]]
type = "mastodon"
query = "fjällkraft"
instance = "mastodon.nu"

[[searches]]
type = "mastodon"
handle = "fjallkraft@mastodon.nu"
brand = "fjällkraft"
owned = true

[[searches]]
type = "bluesky"
handle = "fjallkraft.bsky.social"
brand = "Fjällkraft"
owned = true

[[searches]]
type = "youtube"
channel_id = "UCY_XiFwLImCn3arzomg8eRA"
"""

EXPECTED = [
    (
        "https://news.google.com/rss/search?q=Fj%C3%A4llkraft&hl=sv&gl=SE&ceid=SE:sv",
        {"type": "google_news", "query": "Fjällkraft", "brand": "Fjällkraft"},
    ),
    (
        "https://www.reddit.com/r/sweden/search.rss?q=Fj%C3%A4llkraft+vindkraft"
        "&restrict_sr=on&sort=new",
        {"type": "reddit", "query": "Fjällkraft vindkraft", "subreddit": "sweden"},
    ),
    (
        "https://www.reddit.com/search.rss?q=Fj%C3%A4llkraft&sort=new",
        {"type": "reddit", "query": "Fjällkraft"},
    ),
    (
        "https://mastodon.nu/tags/fj%C3%A4llkraft.rss",
        {"type": "mastodon", "query": "fjällkraft", "instance": "mastodon.nu"},
    ),
    (
        "https://mastodon.nu/@fjallkraft.rss",
        {
            "type": "mastodon",
            "handle": "fjallkraft@mastodon.nu",
            "brand": "Fjällkraft",
            "owned": True,
        },
    ),
    (
        "https://bsky.app/profile/fjallkraft.bsky.social/rss",
        {
            "type": "bluesky",
            "handle": "fjallkraft.bsky.social",
            "brand": "Fjällkraft",
            "owned": True,
        },
    ),
    (
        "https://www.youtube.com/feeds/videos.xml?channel_id=UCY_XiFwLImCn3arzomg8eRA",
        {"type": "youtube", "channel_id": "UCY_XiFwLImCn3arzomg8eRA"},
    ),
]


def _config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "koll.toml"
    path.write_text('[storage]\nurl = "sqlite:///koll.db"\n' + text, encoding="utf-8")
    return path


def test_one_search_of_each_type_expands_to_its_platforms_feed(tmp_path, capsys):
    config = _config(tmp_path, FIVE + '\n[[feeds]]\nurl = "https://blogg.exempel.se/feed/"\n')
    assert main(["feeds", "--config", str(config), "--format", "json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    # the contract's fields stay; each search's feed names the search it came from
    assert all(
        {"url", "status", "last_success", "failures", "last_error", "next_due"} <= set(f)
        for f in listed
    )
    assert listed[0]["url"] == "https://blogg.exempel.se/feed/"
    assert listed[0]["search"] is None
    assert [(f["url"], f["search"]) for f in listed[1:]] == EXPECTED
    assert [f["kind"] for f in listed[1:]] == ["news"] + ["social"] * 6
    assert [f["owner"] for f in listed[1:]] == [None] * 4 + ["Fjällkraft"] * 2 + [None]
    assert {f["status"] for f in listed} == {"never"}


def test_the_table_shows_each_search_and_google_news_terms(tmp_path, capsys):
    config = _config(tmp_path, FIVE)
    assert main(["feeds", "--config", str(config)]) == 0
    out = capsys.readouterr().out
    assert 'search: type="reddit" query="Fjällkraft vindkraft" subreddit="sweden"' in out
    assert "personal, non-commercial use" in out


def test_google_news_is_polled_at_most_every_15_minutes(tmp_path):
    settings = load_settings(
        _config(
            tmp_path,
            '[[searches]]\ntype = "google_news"\nquery = "x"\ninterval = "5m"\n'
            '[[searches]]\ntype = "reddit"\nquery = "x"\ninterval = "5m"\n'
            '[[feeds]]\nurl = "https://news.google.com/rss/search?q=y"\ninterval = "1m"\n',
        ),
        env={},
    )
    intervals = [f.interval_s for f in with_searches(settings).feeds]
    assert intervals == [15 * 60, 15 * 60, 5 * 60]


def test_with_searches_twice_is_once(tmp_path):
    settings = with_searches(load_settings(_config(tmp_path, FIVE), env={}))
    assert with_searches(settings) == settings


def test_a_search_listed_as_a_feed_too_is_refused(tmp_path, capsys):
    config = _config(
        tmp_path,
        '[[searches]]\ntype = "bluesky"\nhandle = "a.bsky.social"\n'
        '[[feeds]]\nurl = "https://bsky.app/profile/a.bsky.social/rss"\n',
    )
    assert main(["feeds", "--config", str(config)]) == 2
    err = capsys.readouterr().err
    assert "searches[0]: its feed https://bsky.app/profile/a.bsky.social/rss" in err
    assert "feeds[0]" in err and "Traceback" not in err


BAD = [
    ('type = "twitter"\nquery = "x"', "searches[0].type", "expected one of google_news, reddit"),
    ('query = "x"', "searches[0].type", "missing"),
    ('type = "google_news"', "searches[0].query", "missing (a google_news search needs it)"),
    ('type = "google_news"\nquery = "  "', "searches[0].query", "non-empty string"),
    ('type = "google_news"\nquery = "x"\nhandle = "a"', "searches[0].handle", "not used by"),
    ('type = "reddit"\nquery = "x"\nsubreddit = "a b"', "searches[0].subreddit", "subreddit"),
    ('type = "reddit"\nquery = "x"\nchannel_id = "UC"', "searches[0].channel_id", "not used"),
    ('type = "mastodon"\nquery = "x"', "searches[0].instance", "missing"),
    ('type = "mastodon"\ninstance = "mastodon.nu"', "searches[0].query", "one of the two"),
    (
        'type = "mastodon"\nquery = "x"\nhandle = "a@b.se"\ninstance = "b.se"',
        "searches[0].query",
        "one of the two",
    ),
    ('type = "mastodon"\nhandle = "a@b.se"\ninstance = "b.se"', "searches[0].instance", "not used"),
    ('type = "mastodon"\nquery = "två ord"\ninstance = "b.se"', "searches[0].query", "hashtag"),
    ('type = "mastodon"\nquery = "x"\ninstance = "https://"', "searches[0].instance", "host"),
    ('type = "mastodon"\nhandle = "fjallkraft"', "searches[0].handle", "user@instance"),
    ('type = "bluesky"\nhandle = "a b"', "searches[0].handle", "expected a handle"),
    ('type = "bluesky"\nquery = "x"', "searches[0].query", "not used by bluesky"),
    ('type = "youtube"\nchannel_id = "@fjallkraft"', "searches[0].channel_id", "channel id"),
    ('type = "youtube"', "searches[0].channel_id", "missing"),
    ('type = "reddit"\nquery = "x"\nbrand = "Okänd"', "searches[0].brand", "names no [[brands]]"),
    ('type = "reddit"\nquery = "x"\nowned = true', "searches[0].owned", "needs brand"),
    ('type = "reddit"\nquery = "x"\nowned = "ja"', "searches[0].owned", "true or false"),
    ('type = "reddit"\nquery = "x"\ninterval = "ofta"', "searches[0].interval", "duration"),
    ('type = "reddit"\nquery = "x"\nqeury = "y"', "searches[0].qeury", "unknown key"),
]


@pytest.mark.parametrize(("table", "key", "problem"), BAD, ids=[b[1] + ":" + b[2] for b in BAD])
def test_mistakes_in_a_search_are_one_line_config_errors(tmp_path, table, key, problem):
    doc = tomllib.loads(f'[[brands]]\nname = "Fjällkraft"\n[[searches]]\n{table}\n')
    with pytest.raises(ConfigError) as e:
        settings_from_dict(doc, tmp_path / "koll.toml", env={})
    assert e.value.key == key
    assert problem in e.value.problem
    assert "\n" not in str(e.value)


def test_the_same_search_twice_is_refused(tmp_path):
    doc = tomllib.loads(
        '[[searches]]\ntype = "mastodon"\nquery = "#Fjällkraft"\ninstance = "Mastodon.nu"\n'
        '[[searches]]\ntype = "mastodon"\nquery = "Fjällkraft"\ninstance = "https://mastodon.nu/"\n'
    )
    with pytest.raises(ConfigError, match=r"searches\[1\]: the same search as searches\[0\]"):
        settings_from_dict(doc, tmp_path / "koll.toml", env={})


def test_pasted_forms_are_normalised(tmp_path):
    doc = tomllib.loads(
        '[[searches]]\ntype = "mastodon"\nhandle = "@Anna@Mastodon.NU"\n'
        '[[searches]]\ntype = "bluesky"\nhandle = "@Fjallkraft.bsky.social"\n'
        '[[searches]]\ntype = "reddit"\nquery = " Fjällkraft  AB "\nsubreddit = "r/sweden"\n'
    )
    found = [s.describe() for s in settings_from_dict(doc, tmp_path / "k.toml", env={}).searches]
    assert found == [
        {"type": "mastodon", "handle": "Anna@mastodon.nu"},
        {"type": "bluesky", "handle": "fjallkraft.bsky.social"},
        {"type": "reddit", "query": "Fjällkraft AB", "subreddit": "sweden"},
    ]
