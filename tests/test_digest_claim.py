"""A digest claimed by a run that was killed mid-send: the next run says so in one line, with
the Stockholm time the claim lapses, instead of exiting 0 silently (QA: a killed run blocked
the digest for 10 minutes and nothing said why)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from koll.jobs.digest import CLAIM_TIMEOUT, latest_period
from koll.jobs.digest import run as digest
from koll.store import Store
from koll.store import digests as store_digests
from tests.smtpserver import SMTPServer, trust_test_cert  # noqa: F401 (a fixture)
from tests.test_digest import MORNING, workspace

pytestmark = pytest.mark.usefixtures("trust_test_cert")


def test_a_digest_claimed_by_a_dead_run_is_named_with_when_it_goes(tmp_path, capsys):
    with SMTPServer("starttls") as smtp:
        settings = workspace(tmp_path, smtp.url())
        (d,) = settings.notify.digests
        period = latest_period(d.every, MORNING)
        with Store(settings.database_url) as store, store.begin() as conn:
            assert store_digests.claim(conn, d.key, period.key, "killed-run", now=MORNING,
                                       stale_before=MORNING - CLAIM_TIMEOUT, recipients="x")  # fmt: skip
        capsys.readouterr()
        assert digest(settings=settings, now=MORNING + timedelta(minutes=3)) == 0
        assert smtp.messages == []
        err = capsys.readouterr().err.strip().splitlines()
        assert err == [
            "koll: digest to Kommunikation <kommunikation@example.se>, vd@example.se "
            "(2026-11-20..2026-11-20) is claimed by another run until 2026-11-21 07:15 "
            "(Stockholm time); if that run died, a run after then sends it"
        ]
        assert digest(settings=settings, now=MORNING + timedelta(minutes=11)) == 0
        assert len(smtp.messages) == 1  # the claim lapsed: taken over and sent
        capsys.readouterr()
        assert digest(settings=settings, now=MORNING + timedelta(minutes=20)) == 0
        assert capsys.readouterr().err == "" and len(smtp.messages) == 1  # sent: quiet
