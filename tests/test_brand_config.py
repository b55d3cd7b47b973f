"""Brand keys in koll.toml that matching depends on: one alias on two brands is refused."""

from __future__ import annotations

import pytest

from koll.cli import main
from koll.store import Store


def _with_store(config):
    """The config, with the (empty) store `koll feeds` reads beside it: it creates none."""
    Store(f"sqlite:///{config.parent / 'koll.db'}").close()
    return config


@pytest.mark.parametrize(
    ("first", "second", "shown"),
    [
        ('aliases = ["SJ AB"]', 'aliases = ["sj ab"]', "'sj ab'"),  # case does not matter
        ('aliases = ["@fjallkraft"]', 'aliases = ["@fjällkraft"]', "'@fjallkraft'"),  # handles fold
        ("", 'aliases = ["Fjällkraft"]', "'fjällkraft'"),  # another brand's name
    ],
)
def test_one_alias_on_two_brands_is_a_config_error(write_config, capsys, first, second, shown):
    config = write_config(f"""
        [[brands]]
        name = "Fjällkraft"
        {first}

        [[brands]]
        name = "Nordvind"
        {second}
    """)
    assert main(["analyse", "--config", str(config)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "brands[1].aliases" in err
    assert f"{shown} names both brand 'Fjällkraft' and brand 'Nordvind'" in err


def test_the_same_alias_on_one_brand_twice_is_fine(write_config):
    config = write_config("""
        [[brands]]
        name = "Fjällkraft"
        aliases = ["@fjallkraft", "@fjällkraft", "FJÄLLKRAFT"]
    """)
    assert main(["feeds", "--config", str(_with_store(config))]) == 0


def test_a_brand_defined_twice_points_at_the_second(write_config, capsys):
    """With many brands the user looks for the repeat: the message had named the first."""
    config = write_config("""
        [[brands]]
        name = "Kvarnbo"

        [[brands]]
        name = "Mjölnaren"

        [[brands]]
        name = "KVARNBO"
    """)
    assert main(["feeds", "--config", str(config)]) == 2
    err = capsys.readouterr().err.strip()
    assert "brands[2].name: brand 'KVARNBO' is defined twice (also as brands[0])" in err


def test_a_brands_name_used_as_an_earlier_brands_alias_points_at_that_alias(write_config, capsys):
    # The alias is the mistake, on line 4: it had been reported at brands[1], which has none.
    config = write_config("""
[[brands]]
name = "Fjällkraft"
aliases = ["Nordvind"]

[[brands]]
name = "Nordvind"
""")
    assert main(["analyse", "--config", str(config)]) == 2
    err = capsys.readouterr().err.strip()
    assert ":4: brands[0].aliases: 'nordvind' names both brand 'Fjällkraft' and brand" in err


def test_config_finds_a_brand_in_any_unicode_form_as_the_commands_do(write_config, capsys):
    # The commands and the API find "Fja\u0308llkraft" (macOS's decomposed ä); the config's own
    # look-ups had compared case only: a feed's owner so written "named no [[brands]] entry",
    # and a brand written twice in the two forms passed as two brands.
    decomposed = "Fja\u0308llkraft"
    config = write_config(f"""
[[brands]]
name = "Fjällkraft"

[[feeds]]
url = "https://blogg.fjallkraft.se/feed"
owner = "{decomposed}"
""")
    assert main(["feeds", "--config", str(_with_store(config))]) == 0
    capsys.readouterr()
    config = write_config(f"""
[[brands]]
name = "Fjällkraft"

[[brands]]
name = "{decomposed}"
""")
    assert main(["feeds", "--config", str(config)]) == 2
    assert "brands[1].name: brand" in capsys.readouterr().err
