"""Config errors name the line of keys under dotted tables and arrays of tables.

QA: `notify.digests[1].every` in a file with [notify] at line 4 and the bad value at line 14
was reported at line 4; without a [notify] header, and for any `control.weights.*` key, there
was no line at all: koll/config_lines.py looked up only the key's first part as a header.
"""

from __future__ import annotations

import pytest

from koll.config import ConfigError, load_settings
from koll.config_lines import key_line

DIGESTS = """[[brands]]
name = "Fjällkraft"

[notify]
smtp_url = "smtp://localhost:25"
from = "koll@example.se"

[[notify.digests]]
to = ["a@example.se"]
every = "day"

[[notify.digests]]
to = ["b@example.se"]
every = "fortnight"
"""


@pytest.mark.parametrize(
    ("text", "line", "key"),
    [
        (DIGESTS, 14, "notify.digests[1].every"),  # the second [[notify.digests]], not [notify]
        (  # no [notify] header written at all
            '[[brands]]\nname = "Fjällkraft"\n\n[[notify.digests]]\nto = ["a@example.se"]\n'
            'brands = ["Nobody"]\n',
            6,
            "notify.digests[0].brands",
        ),
        (
            '[[brands]]\nname = "F"\n\n[control.weights]\nowned_share = 1\necho_rate = "high"\n',
            6,
            "control.weights.echo_rate",
        ),  # fmt: skip
        (
            '[[brands]]\nname = "F"\n\n[[feeds]]\nurl = "http://x.se/c.xml"\n\n'
            "[control.weights]\nowned_share = -1\n",
            8,
            "control.weights.owned_share",
        ),  # fmt: skip
        (
            '[[brands]]\nname = "F"\n\n[control.weights]\nownedshare = 1\n',
            5,
            "control.weights.ownedshare",
        ),  # fmt: skip
        # QA: a misspelt array of tables had no line, one under the wrong table its parent's.
        (
            '[[brands]]\nname = "Fjällkraft"\n\n[[feed]]\nurl = "http://x.se/f.xml"\n',
            4,
            "feed",
        ),  # fmt: skip
        (
            '[fetch]\n  timeout_s = 5\n  [[fetch.feeds]]\n  url = "http://x.se/f"\n'
            '[[brands]]\nname = "A"\n',
            3,
            "fetch.feeds",
        ),  # fmt: skip
    ],
)
def test_keys_in_dotted_tables_name_their_line(write_config, text, line, key):
    path = write_config(text)
    with pytest.raises(ConfigError) as err:
        load_settings(path, env={})
    assert (err.value.key, err.value.line) == (key, line)
    assert str(err.value).startswith(f"{path}:{line}: {key}: ")


def test_an_array_entry_holds_only_its_own_sub_tables():
    """brands[1].feeds is the [[brands.feeds]] under the second [[brands]], not the second
    [[brands.feeds]] of the file; a sub-table the entry lacks gives the entry's own key line."""
    text = (
        '[[brands]]\nname = "A"\n[[brands.feeds]]\nurl = "a"\n'
        '[[brands]]\nname = "B"\n[[brands.feeds]]\nurl = "b"\n'
    )
    assert key_line(text, "brands[1].feeds[0].url") == 8
    assert key_line(text, "brands[0].feeds[0].url") == 4
    assert key_line(text, "brands[1].name") == 6


def test_a_table_written_inline_gives_its_key_line():
    assert (
        key_line('[control]\nweights = { echo_rate = "high" }\n', "control.weights.echo_rate") == 2
    )
    assert key_line('brands = [{name = "F", aliass = ["x"]}]\n', "brands[0].aliass") == 1
    assert key_line('[[brands]]\nname = "F"\n', "KOLL_DATABASE_URL") is None
