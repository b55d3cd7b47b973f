"""Strings in koll.toml may not hold control characters (docs/config.md), and that includes
those outside ASCII and the invisible ones: a brand name with a zero-width space had loaded as a
brand of its own (matching nothing), a user agent with NEL or a right-to-left override was
accepted. Each is one line naming file:line and key; an emoji's zero-width joiner is allowed."""

from __future__ import annotations

import pytest

from koll.cli import main
from koll.config import ConfigError, load_settings

FJ = "Fjällkraft"


@pytest.mark.parametrize(
    ("text", "line", "key", "shown"),
    [
        ('[[brands]]\nname = "Fjäll\u200bkraft"\n', 2, "brands[0].name", "U+200B ZERO WIDTH"),
        (f'[[brands]]\nname = "{FJ}"\naliases = ["\u202efk"]\n', 3, "brands[0].aliases", "U+202E"),
        ('[fetch]\nuser_agent = "koll/1.0\u0085X-Evil: 1"\n', 2, "fetch.user_agent", "'\\x85'"),
        ('[fetch]\nuser_agent = "koll/1.0 \u009b31m"\n', 2, "fetch.user_agent", "'\\x9b'"),
        (
            f'[[brands]]\nname = "{FJ}"\nkey_messages = ["lokal\u2028vindkraft"]\n',
            3,
            "brands[0].key_messages",
            "a line break (U+2028 LINE SEPARATOR",
        ),
        (
            f'[[brands]]\nname = "{FJ}"\npeople = ["Anna\u2029Berg"]\n',
            3,
            "brands[0].people",
            "U+2029",
        ),
        ('[[brands]]\nname = "Fjäll\u00adkraft"\n', 2, "brands[0].name", "U+00AD SOFT HYPHEN"),
        (f'[[brands]]\nname = "\ufeff{FJ}"\n', 2, "brands[0].name", "U+FEFF"),
        ('[[brands]]\nname = "Fjäll\u200dkraft"\n', 2, "brands[0].name", "U+200D"),  # no emoji
        ('[[feeds]]\nurl = "https://x.se/f\u200beed/"\n', 2, "feeds[0].url", "U+200B"),
    ],
)
def test_an_invisible_or_control_character_is_refused(tmp_path, text, line, key, shown):
    config = tmp_path / "koll.toml"
    config.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as e:
        load_settings(config, env={})
    message = str(e.value)
    assert message.startswith(f"{config.resolve()}:{line}: {key}: "), message
    assert shown in message and "\n" not in message


def test_the_command_says_it_in_one_line_with_exit_2(tmp_path, capsys):
    config = tmp_path / "koll.toml"
    config.write_text('[fetch]\nuser_agent = "koll\u2028X"\n', encoding="utf-8")
    assert main(["control", "--brand", FJ, "--config", str(config)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "\u2028" not in err and "fetch.user_agent" in err


def test_an_emojis_zero_width_joiner_is_part_of_it(tmp_path):
    config = tmp_path / "koll.toml"
    config.write_text(
        f'[[brands]]\nname = "{FJ}"\n'
        'key_messages = ["vi \U0001f469\U0001f3fd\u200d\U0001f4bb kodar", "\U0001f3f3\ufe0f\u200d\U0001f308"]\n',
        encoding="utf-8",
    )
    (brand,) = load_settings(config, env={}).brands
    assert brand.key_messages[1] == "\U0001f3f3\ufe0f\u200d\U0001f308"


def test_a_subdivision_flags_tags_are_part_of_it_and_addresses_refuse_invisibles(tmp_path):
    # Scotland's flag is U+1F3F4 and tag letters (format characters): visible, so kept; an
    # e-mail address still took NEL and zero-width spaces, which every other string refuses.
    from koll.config_values import is_address

    flag = "\U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f"
    config = tmp_path / "koll.toml"
    config.write_text(
        f'[[brands]]\nname = "{FJ}"\nkey_messages = ["{flag} hemma"]\n', encoding="utf-8"
    )
    (brand,) = load_settings(config, env={}).brands
    assert list(brand.key_messages) == [f"{flag} hemma"]
    assert not any(map(is_address, ("koll\u0085@x.se", "ko\u200bll@x.se", "a@x.se\u2028")))
    assert is_address("koll <koll@example.se>")


@pytest.mark.parametrize(
    ("line", "named"),
    [
        ("kind = \u201cblog\u201d", "a curly quote “"),
        ('kind\u00a0= "blog"', "a no-break space (U+00A0)"),
        ('\ufeffkind = "blog"', "a byte order mark (U+FEFF)"),
        ('kind\u200b = "blog"', "zero-width space (U+200B)"),
    ],
)
def test_a_syntax_error_names_what_looks_right_on_its_line(tmp_path, line, named):
    """Pasted from a word processor or a web page, the line looked right and TOML's message
    ("Invalid value", "Expected '=' after a key") did not say why (QA, 2026-12-07)."""
    path = tmp_path / "koll.toml"
    path.write_text(f'[[brands]]\nname = "X"\n[[feeds]]\nurl = "https://a.se/f"\n{line}\n')
    with pytest.raises(ConfigError) as e:
        load_settings(path, env={})
    assert e.value.line == 5 and "(syntax)" in str(e.value) and named in str(e.value)
