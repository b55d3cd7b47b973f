"""[notify] and [[notify.digests]]: what they accept, their defaults, and the old [alerts] name."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from koll.config import ConfigError, NotifySettings, settings_from_dict

BRANDS = """
[[brands]]
name = "Fjällkraft"

[[brands]]
name = "Nordvind"
"""


def load(text: str, env: dict | None = None):
    return settings_from_dict(tomllib.loads(BRANDS + text), Path("koll.toml"), env=env or {})


def test_defaults_send_nothing():
    n = load("").notify
    assert n == NotifySettings()
    assert (n.smtp_url, n.webhook_url, n.dashboard_url, n.digests) == (None, None, None, ())
    assert n.cooldown_s == 3600 and n.smtp_timeout_s == 30


def test_a_full_notify_table():
    n = load(
        """
        [notify]
        smtp_url = "smtps://koll%40example.se:hemligt@mail.example.se"
        from = "koll <koll@example.se>"
        webhook_url = "https://example.webhook.office.com/webhookb2/x"
        webhook_format = "teams"
        dashboard_url = "https://koll.example.se/"
        cooldown = "30m"

        [[notify.digests]]
        to = ["Kommunikation <kommunikation@example.se>"]
        brands = ["fjällkraft"]

        [[notify.digests]]
        to = ["ledning@example.se"]
        every = "week"
        """
    ).notify
    assert n.sender == "koll <koll@example.se>" and n.webhook_format == "teams"
    assert n.dashboard_url == "https://koll.example.se"  # links append paths to it
    assert n.cooldown_s == 1800
    day, week = n.digests
    assert day.brands == ("Fjällkraft",) and day.every == "day"  # the configured spelling
    assert week.brands == ("Fjällkraft", "Nordvind") and week.every == "week"  # all by default
    assert day.key != week.key


def test_the_smtp_url_may_come_from_the_environment():
    env = {"KOLL_SMTP_URL": "smtp://x:y@h"}
    n = load('[notify]\nsmtp_url = "smtp://mail.example.se"', env).notify
    assert n.smtp_url == "smtp://x:y@h"


def test_alerts_webhook_is_the_old_name_of_notify_webhook_url():
    assert load('[alerts]\nwebhook = "https://hooks.example.se/a"').notify.webhook_url == (
        "https://hooks.example.se/a"
    )
    both = '[alerts]\nwebhook = "https://a.example.se/"\n[notify]\nwebhook_url = "https://a.example.se/"'
    assert load(both).notify.webhook_url == "https://a.example.se/"
    with pytest.raises(ConfigError, match=r"alerts\.webhook: is the old name"):
        load(both.replace('https://a.example.se/"\n[notify]', 'https://b.example.se/"\n[notify]'))


@pytest.mark.parametrize(
    ("text", "key", "problem"),
    [
        ('[notify]\nsmtp_url = "http://mail.example.se"', "notify.smtp_url", "smtp://"),
        ('[notify]\nsmtp_url = "smtp://mail.example.se:tjugofem"', "notify.smtp_url", "port"),
        ('[notify]\nfrom = "koll"', "notify.from", "e-mail address"),
        ('[notify]\nwebhook_format = "discord"', "notify.webhook_format", "slack, teams, json"),
        ('[notify]\ndashboard_url = "koll.example.se"', "notify.dashboard_url", "http(s) URL"),
        ('[notify]\ncooldown = "en timme"', "notify.cooldown", "duration"),
        ("[notify]\nsmtp_timeout_s = 0", "notify.smtp_timeout_s", "from 1 to"),
        ('[notify]\ndigests = "alla"', "notify.digests", "[[notify.digests]]"),
        ("[[notify.digests]]\nto = []", "notify.digests[0].to", "at least one"),
        ('[[notify.digests]]\nto = ["ingen adress"]', "notify.digests[0].to", "e-mail"),
        (
            '[[notify.digests]]\nto = ["a@example.se"]\nbrands = ["Ikea"]',
            "notify.digests[0].brands",
            "names no [[brands]] entry",
        ),
        (
            '[[notify.digests]]\nto = ["a@example.se"]\nevery = "month"',
            "notify.digests[0].every",
            "day, week",
        ),
        ('[[notify.digests]]\nto = ["a@example.se"]\ncc = ["b@example.se"]', "digests[0].cc", ""),
        ('[notify]\nwebhook_budget = "5s"', "notify.webhook_budget", "from '10s' to '1h'"),
    ],
)
def test_mistakes_name_the_key(text, key, problem):
    with pytest.raises(ConfigError) as e:
        load(text)
    assert e.value.key.endswith(key) and problem in e.value.problem


@pytest.mark.parametrize(
    "to",
    [
        "a@example.se\nBcc: evil@example.com",  # a header of its own (had failed with a traceback)
        "a@example.se, b@example.se",  # two addresses read as the first (the mail went to both)
        "a@example.se; b@example.se",
    ],
)
def test_digest_to_is_one_address_on_one_line(to, tmp_path, capsys):
    from koll.cli import main

    config = tmp_path / "koll.toml"
    config.write_text('[[brands]]\nname = "Fjällkraft"\n', encoding="utf-8")
    out = tmp_path / "d.html"
    argv = ["digest", "--config", str(config), "--brand", "Fjällkraft", "--output", str(out)]
    assert main([*argv, "--to", to]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "expected an e-mail address" in err
    assert not out.exists()


def test_the_webhook_budget_is_a_setting():
    assert load("").notify.webhook_budget_s == 60
    assert load('[notify]\nwebhook_budget = "2m"').notify.webhook_budget_s == 120


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("ftp://hooks.slack.com/services/T0/B0/TOPSECRET", "'ftp://hooks.slack.com/…'"),
        ("https://hooks.slack.com/services/T0/B0 TOPSECRET", "'https://hooks.slack.com/…'"),
    ],
)
def test_a_refused_webhook_url_is_shown_without_its_token(url, shown):
    # A Slack or Teams webhook's secret is its path: the config error printed it whole, into
    # the cron log (QA, 2026-12-07).
    with pytest.raises(ConfigError) as e:
        load(f'[notify]\nwebhook_url = "{url}"\n')
    assert "TOPSECRET" not in str(e.value) and shown in str(e.value), str(e.value)


def test_a_refused_feed_url_is_shown_without_its_password():
    with pytest.raises(ConfigError) as e:
        load('[[feeds]]\nurl = "https://anna:hemligt@exempel.se/min feed"\n')
    assert "hemligt" not in str(e.value) and "anna:***@exempel.se" in str(e.value), str(e.value)
