"""The digest e-mail's Date header carries Stockholm's offset. QA: it was written "-0000"
(formatdate without localtime), which RFC 5322 reserves for "the sender's zone is unknown"."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

import pytest

from koll.jobs.digest import run as digest
from koll.jobs.mail import message
from tests.smtpserver import SMTPServer, trust_test_cert  # noqa: F401 (a fixture)
from tests.test_digest import MORNING, workspace


def _date(now=None) -> str:
    msg = message(sender="koll@example.se", to=["a@example.se"], subject="s", text="t",
                  html="<p>t</p>", now=now)  # fmt: skip
    return str(msg["Date"])


def test_the_date_has_stockholms_offset_winter_and_summer():
    assert _date(datetime(2026, 11, 21, 6, 5, tzinfo=UTC)) == "Sat, 21 Nov 2026 07:05:00 +0100"
    assert _date(datetime(2026, 6, 1, 5, 0, tzinfo=UTC)) == "Mon, 01 Jun 2026 07:00:00 +0200"


def test_the_default_date_is_now_and_aware():
    header = _date()
    assert not header.endswith("-0000")
    parsed = parsedate_to_datetime(header)
    assert parsed.utcoffset() in (timedelta(hours=1), timedelta(hours=2))
    assert abs(parsed - datetime.now(UTC)) < timedelta(minutes=1)


@pytest.mark.usefixtures("trust_test_cert")
def test_a_sent_digest_carries_it(tmp_path):
    with SMTPServer("starttls") as smtp:
        settings = workspace(tmp_path, smtp.url())
        assert digest(settings=settings, now=MORNING) == 0
        assert smtp.messages[0].msg["Date"] == "Sat, 21 Nov 2026 07:05:00 +0100"
