"""`koll digest` against a real SMTP server (aiosmtpd on 127.0.0.1): STARTTLS and implicit TLS
with a login, both parts, links into the dashboard, Swedish in the subject (RFC 2047) and body,
once per period, nothing recorded when the server refuses; and when digests are due."""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from koll.config import load_settings
from koll.jobs.digest import latest_period
from koll.jobs.digest import run as digest
from koll.store import Store
from koll.store.schema import digests
from tests.browser.workspace import make_workspace
from tests.conftest import REPO
from tests.smtpserver import CERT, SMTPServer, trust_test_cert  # noqa: F401 (a fixture)
from tests.threads import OTHER_QUESTION, OWN_QUESTION, add_threads

# The test server's certificate is trusted the way an in-house CA is (SSL_CERT_FILE).
pytestmark = pytest.mark.usefixtures("trust_test_cert")

STHLM = ZoneInfo("Europe/Stockholm")
# The workspace's newest day is 2026-11-20: the daily digest of the 21st at 07:00 is about it.
MORNING = datetime(2026, 11, 21, 7, 5, tzinfo=STHLM)
DASH = "https://koll.example.se"


def notify_config(smtp_url: str, every: str = "day") -> str:
    return f"""
[notify]
smtp_url = "{smtp_url}"
from = "koll <koll@example.se>"
dashboard_url = "{DASH}/"

[[notify.digests]]
to = ["Kommunikation <kommunikation@example.se>", "vd@example.se"]
brands = ["Fjällkraft"]
every = "{every}"
"""


def workspace(tmp_path, smtp_url: str, database_url=None, every="day", language="sv"):
    settings = make_workspace(tmp_path, notify_config(smtp_url, every), database_url=database_url)
    if language != "sv":  # the workspace's [dashboard] table gets the language
        path = settings.config_path
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace('refresh = "1h"', f'refresh = "1h"\nlanguage = "{language}"'))
        settings = replace(load_settings(path, env={}), database_url=settings.database_url)
    return settings


def sent_rows(settings) -> int:
    with Store(settings.database_url) as store, store.connect() as conn:
        q = select(func.count()).select_from(digests).where(digests.c.status == "sent")
        return conn.execute(q).scalar()


@pytest.mark.parametrize(
    ("now", "every", "period", "since", "until"),
    [
        (
            datetime(2026, 11, 21, 7, 0, tzinfo=STHLM),
            "day",
            "2026-11-21",
            "2026-11-20",
            "2026-11-20",
        ),
        (
            datetime(2026, 11, 21, 6, 59, tzinfo=STHLM),
            "day",
            "2026-11-20",
            "2026-11-19",
            "2026-11-19",
        ),
        (
            datetime(2026, 11, 23, 7, 30, tzinfo=STHLM),
            "week",
            "2026-11-23",
            "2026-11-16",
            "2026-11-22",
        ),
        (
            datetime(2026, 11, 23, 6, 30, tzinfo=STHLM),
            "week",
            "2026-11-16",
            "2026-11-09",
            "2026-11-15",
        ),
        (
            datetime(2026, 11, 29, 23, 0, tzinfo=STHLM),
            "week",
            "2026-11-23",
            "2026-11-16",
            "2026-11-22",
        ),
        # The night summer time ends (Oct 25): 07:00 is still 07:00 local.
        (
            datetime(2026, 10, 25, 6, 30, tzinfo=ZoneInfo("UTC")),
            "day",
            "2026-10-25",
            "2026-10-24",
            "2026-10-24",
        ),
    ],
)
def test_latest_period(now, every, period, since, until):
    p = latest_period(every, now)
    assert (p.key, p.since, p.until) == (period, since, until)
    assert p.due.astimezone(STHLM).hour == 7


def test_digest_is_sent_once_per_period(tmp_path, database_url):
    with SMTPServer("starttls") as smtp:
        settings = workspace(tmp_path, smtp.url(), database_url)
        assert digest(settings=settings, now=MORNING) == 0
        assert len(smtp.messages) == 1
        m = smtp.messages[0]
        assert sorted(m.rcpt_tos) == ["kommunikation@example.se", "vd@example.se"]
        assert smtp.logins == ["koll@example.se"]
        # Swedish in the subject travels as RFC 2047 encoded words and decodes back.
        raw_subject = re.search(rb"^Subject: (.*(?:\r\n[ \t].*)*)", m.raw, re.M).group(1)
        assert b"=?utf-8?" in raw_subject and "ä".encode() not in raw_subject
        assert m.msg["Subject"].startswith("koll i går, 20 november: Fjällkraft kontrollindex ")
        assert m.msg.get_content_type() == "multipart/alternative"
        text, html = m.part("plain"), m.part("html")
        for part in (text, html):
            assert "Fjällkraft" in part and "Omnämnanden" in part
        # Mail clients' rules: inline styles in tables, no scripts, style sheets or images.
        for tag in ("<script", "<link", "<style", "<img"):
            assert tag not in html.lower()
        for subtype in ("plain", "html"):
            assert m.msg.get_body((subtype,)).get_content_charset() == "utf-8"
        # Every number links into the dashboard with the brand and the day set.
        window = "brand=Fj%C3%A4llkraft&amp;since=2026-11-20&amp;until=2026-11-20"
        assert f'href="{DASH}/?{window}"' in html
        assert f'href="{DASH}/mentions?{window}"' in html
        assert f"{DASH}/mentions?brand=Fj%C3%A4llkraft&since=2026-11-20" in text
        # The hostile title is text, never markup.
        assert "<img src=x" not in html
        # Ten minutes later, the same period: nothing more.
        assert digest(settings=settings, now=MORNING + timedelta(minutes=10)) == 0
        assert len(smtp.messages) == 1 and sent_rows(settings) == 1
        # The next morning's digest is a new period.
        assert digest(settings=settings, now=MORNING + timedelta(days=1)) == 0
        assert len(smtp.messages) == 2 and sent_rows(settings) == 2


def test_unanswered_threads_on_own_channels_and_elsewhere(tmp_path):
    with SMTPServer("starttls") as smtp:
        settings = workspace(tmp_path, smtp.url())
        add_threads(settings)
        assert digest(settings=settings, now=MORNING) == 0
        text, html = smtp.messages[0].part("plain"), smtp.messages[0].part("html")
    line = (
        "Varumärket svarade i 1 av 3 kommentarstrådar (mediansvarstid 1 timme); "
        "2 väntar på svar, 1 av dem i egna kanaler."
    )
    for part in (text, html):
        # Own channels first, then elsewhere, each thread with its latest comment in
        # Stockholm time (11:00 UTC is 12:00 in November) and its tone.
        own, others = (
            part.index("Obesvarade trådar i egna kanaler"),
            part.index("Obesvarade trådar hos andra"),
        )
        assert part.index(line) < own < part.index(OWN_QUESTION) < others
        assert others < part.index(OTHER_QUESTION)
        assert "Birgitta Östlund, 20 november 12:00" in part and "1 kommentar" in part
        assert "Ingen har svarat" in part and "Ja, från 1 december" not in part  # answered
    # The count opens the Dialog page for the day; each thread, the post to answer.
    window = "brand=Fj%C3%A4llkraft&amp;since=2026-11-20&amp;until=2026-11-20"
    assert re.search(
        f'<a href="{re.escape(DASH)}/dialogue\\?{window}"[^>]*>Varumärket svarade', html
    )
    assert '<a href="https://blogg.fjallkraft.se/0"' in html and "negativ" in html
    # A thread whose post has a javascript: link is listed, but its title is no link.
    assert "Länk med javascript Fjällkraft" in html and "javascript:" not in html
    assert "https://blogg.fjallkraft.se/0" in text


def test_refused_digest_is_not_recorded_and_goes_out_next_run(tmp_path, capsys):
    with SMTPServer("starttls") as smtp:
        settings = workspace(tmp_path, smtp.url(password="fel"))
        assert digest(settings=settings, now=MORNING) == 1
        err = capsys.readouterr().err.strip()
        assert err.startswith("koll: digest not sent: smtp://127.0.0.1:") and "\n" not in err
        assert "refused the login for koll@example.se: 535" in err and "fel" not in err
        assert smtp.messages == [] and sent_rows(settings) == 0
        smtp.refuse = "554 5.7.1 Rejected as spam"
        settings = workspace(tmp_path, smtp.url())
        assert digest(settings=settings, now=MORNING) == 1
        assert "refused the message: 554 5.7.1 Rejected as spam" in capsys.readouterr().err
        assert sent_rows(settings) == 0
        smtp.refuse = None
        assert digest(settings=settings, now=MORNING + timedelta(minutes=10)) == 0
        assert len(smtp.messages) == 1 and sent_rows(settings) == 1


def test_implicit_tls_and_english(tmp_path):
    with SMTPServer("implicit") as smtp:
        settings = workspace(tmp_path, smtp.url(), every="week", language="en")
        add_threads(settings)
        monday = datetime(2026, 11, 23, 7, 1, tzinfo=STHLM)
        assert digest(settings=settings, now=monday) == 0
        (m,) = smtp.messages
    assert m.msg["Subject"].startswith("koll week 47, November 16–22: Fjällkraft control index ")
    for part in (m.part("plain"), m.part("html")):
        assert "Mentions" in part and "Control index" in part and "Net tone" in part
        assert "Unanswered threads on own channels" in part and "Open in koll" in part
        assert "2 wait for an answer, 1 of them on its own channels" in part
        assert "Birgitta Östlund, November 20 12:00" in part and "1 comment" in part
        # Nothing of the Swedish template is left.
        for swedish in (
            "Omnämnanden",
            "Kontrollindex",
            "Obesvarade",
            "Öppna i koll",
            "väntar på svar",
        ):
            assert swedish not in part


def test_a_server_that_never_answers_times_out(tmp_path, capsys):
    """A mail server that accepts the connection and says nothing: the run gives up after
    [notify] smtp_timeout_s with one line and exit 1, and records nothing."""
    import socket

    with socket.create_server(("127.0.0.1", 0)) as silent:
        url = f"smtp://127.0.0.1:{silent.getsockname()[1]}"
        settings = workspace(tmp_path, url)
        settings = replace(settings, notify=replace(settings.notify, smtp_timeout_s=1.0))
        assert digest(settings=settings, now=MORNING) == 1
    err = capsys.readouterr().err.strip()
    assert (
        err == f"koll: digest not sent: {url} did not answer within 1 s ([notify] smtp_timeout_s)"
    )
    assert sent_rows(settings) == 0


def test_no_password_over_a_plain_connection(tmp_path, capsys):
    with SMTPServer("none") as smtp:
        settings = workspace(tmp_path, smtp.url())
        assert digest(settings=settings, now=MORNING) == 1
        assert (
            "offers no STARTTLS; koll will not send the password in clear"
            in capsys.readouterr().err
        )
        assert smtp.messages == [] and smtp.logins == []


def test_a_missed_morning_is_sent_late_but_not_a_day_late(tmp_path):
    with SMTPServer("starttls") as smtp:
        settings = workspace(tmp_path, smtp.url())
        assert digest(settings=settings, now=MORNING + timedelta(hours=13)) == 0  # 20:05: skipped
        assert smtp.messages == []
        assert digest(settings=settings, now=MORNING + timedelta(hours=11)) == 0  # 18:05: sent
        assert len(smtp.messages) == 1


def test_output_writes_the_digest_and_sends_nothing(tmp_path):
    with SMTPServer("starttls") as smtp:
        settings = workspace(tmp_path, smtp.url())
        out = tmp_path / "d.html"
        assert digest(settings=settings, now=MORNING, output=str(out)) == 0
        html = out.read_text(encoding="utf-8")
        assert html.startswith("<!DOCTYPE html>") and "Fjällkraft" in html
        assert smtp.messages == [] and sent_rows(settings) == 0


def test_ad_hoc_digest_to_an_address_is_not_the_periods(tmp_path):
    with SMTPServer("starttls") as smtp:
        settings = workspace(tmp_path, smtp.url())
        rc = digest(settings=settings, now=MORNING, brand="Nordvind", since="2026-11-14",
                    until="2026-11-20", to=("analys@example.se",))  # fmt: skip
        assert rc == 0 and smtp.messages[0].rcpt_tos == ["analys@example.se"]
        assert "Nordvind" in smtp.messages[0].msg["Subject"]
        assert sent_rows(settings) == 0
        assert digest(settings=settings, now=MORNING) == 0  # the scheduled one still goes out
        assert len(smtp.messages) == 2


def test_sending_needs_a_mail_server(tmp_path, capsys):
    settings = make_workspace(tmp_path, '[[notify.digests]]\nto = ["a@example.se"]\n')
    assert digest(settings=settings, now=MORNING) == 2
    assert "notify.smtp_url: sending a digest needs [notify] smtp_url and from" in (
        capsys.readouterr().err
    )
    plain = make_workspace(tmp_path / "x" if (tmp_path / "x").mkdir() is None else tmp_path)
    assert digest(settings=plain, now=MORNING) == 2
    assert "no [[notify.digests]]" in capsys.readouterr().err


def test_a_missing_mail_setting_names_the_line_of_its_table(tmp_path, capsys):
    # The message had named the file alone (a contracts audit).
    settings = make_workspace(
        tmp_path,
        '[notify]\nfrom = "koll <koll@example.se>"\n\n[[notify.digests]]\nto = ["a@x.se"]\n',
    )
    line = settings.config_path.read_text(encoding="utf-8").splitlines().index("[notify]") + 1
    assert digest(settings=settings, now=MORNING) == 2
    assert f"koll.toml:{line}: notify.smtp_url: sending a digest needs" in capsys.readouterr().err


def test_the_command_exits_1_with_one_line_when_refused(tmp_path):
    with SMTPServer("starttls") as smtp:
        settings = workspace(tmp_path, smtp.url(password="fel"))
        env = {"SSL_CERT_FILE": str(CERT), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
        cmd = [sys.executable, "-m", "koll.cli", "digest", "--config", str(settings.config_path),
               "--brand", "Fjällkraft", "--since", "2026-11-20"]  # fmt: skip
        p = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True, timeout=120)
        assert p.returncode == 1, p.stderr
        lines = [ln for ln in p.stderr.splitlines() if ln.startswith("koll:")]
        assert len(lines) == 1 and "refused the login" in lines[0] and "Traceback" not in p.stderr
        assert sent_rows(settings) == 0


def test_a_database_that_is_not_there_is_not_made_and_nothing_is_sent(tmp_path, capsys):
    # A mistyped database URL (cron's KOLL_DATABASE_URL) had made an empty database, and the
    # due digest went out saying "Inga omnämnanden i perioden", recorded as sent in that one.
    from koll.cli import main

    with SMTPServer("starttls") as smtp:
        settings = workspace(tmp_path, smtp.url())
        missing = tmp_path / "stavfel.db"
        argv = ["digest", "--config", str(settings.config_path), "--db", f"sqlite:///{missing}"]
        assert main(argv) == 1
        assert main([*argv, "--brand", "Fjällkraft", "--output", str(tmp_path / "d.html")]) == 1
        assert "does not exist" in capsys.readouterr().err
        assert not missing.exists() and not (tmp_path / "d.html").exists()
        assert smtp.messages == []


def _refuse(smtp, prefix: str) -> None:
    """The test server refuses the recipients whose address starts with `prefix`."""

    async def handle_RCPT(server, session, envelope, address, options):
        if address.startswith(prefix):
            return "550 5.1.1 No such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    smtp.controller.handler.handle_RCPT = handle_RCPT


def test_a_partly_refused_digest_names_only_whom_it_reached(tmp_path, capsys, caplog):
    """A server that refuses one recipient: the digest reached the other, exit 0, and the
    success line names only the address that got it (a QA pass found the refused one named)."""
    with SMTPServer("starttls") as smtp:
        _refuse(smtp, "bad@")
        settings = workspace(tmp_path, smtp.url())
        to = ("Anna <a@example.se>", "bad@example.se")
        rc = digest(settings=settings, now=MORNING, brand="Fjällkraft", since="2026-11-20", to=to)
        assert rc == 0 and smtp.messages[0].rcpt_tos == ["a@example.se"]
    assert "refused some recipients: bad@example.se (550 5.1.1 No such user)" in caplog.text
    err = capsys.readouterr().err
    sent = [ln for ln in err.splitlines() if ln.startswith("koll: digest sent to ")]
    assert sent == ["koll: digest sent to Anna <a@example.se> (2026-11-20..2026-11-20)"]


def test_the_record_of_a_partly_refused_digest_names_whom_it_reached(tmp_path):
    with SMTPServer("starttls") as smtp:
        _refuse(smtp, "vd@")
        settings = workspace(tmp_path, smtp.url())
        assert digest(settings=settings, now=MORNING) == 0
    with Store(settings.database_url) as store, store.connect() as conn:
        rows = conn.execute(select(digests.c.status, digests.c.recipients)).all()
    assert [tuple(r) for r in rows] == [("sent", "Kommunikation <kommunikation@example.se>")]


def _built(settings, since: str, until: str):
    from koll.config import DigestSettings
    from koll.jobs.digest import window_period
    from koll.jobs.digest_mail import build

    to = DigestSettings(to=("a@example.se",), brands=("Fjällkraft", "Nordvind"))
    with Store(settings.database_url) as store:
        return build(store, settings, to, window_period(since, until, MORNING))


def test_a_value_that_cannot_be_measured_is_not_one_without_a_comparison(tmp_path):
    """'inget att jämföra med' only when the value exists and the period before has none; a
    value that cannot be measured says so, in the figures and the subject (a QA pass found
    'Kontrollindex – (inget att jämföra med)' and a subject ending in 'Nordvind –')."""
    settings = make_workspace(tmp_path)
    empty = _built(settings, "2025-01-01", "2025-01-01")
    assert empty.subject == (
        "koll 1 januari: Fjällkraft kontrollindex kan inte mätas, Nordvind kan inte mätas"
    )
    assert "Kontrollindex: – (kan inte mätas i perioden)" in empty.text
    assert "Nettoton: – (kan inte mätas i perioden)" in empty.text
    for part in (empty.text, empty.html):
        assert "inget att jämföra med" not in part
    assert "kan inte mätas i perioden</div>" in empty.html
    # The workspace's first mentions are on 12 October: nothing before them to compare with.
    first = _built(settings, "2026-10-12", "2026-10-12")
    assert re.search(r"Kontrollindex: \d+ \(inget att jämföra med\)", first.text)
    assert "kan inte mätas" not in first.subject and "–" not in first.subject


def test_a_component_that_left_the_index_is_not_blamed_with_points():
    """The digest said "Mest påverkat av: Först ute (−25,0 poäng)" while the component could
    not be measured: it moved the index by leaving the average. It says what moved the index in
    the words of the report's index sentence (analysis.what_changed.driver_clause), which had
    been mended the same way on its own; one that came back says so there as well."""
    from analysis.what_changed import driver_clause

    gone = {"component": "agenda_share", "after": None, "before": 0.5, "points": -25.0}
    assert driver_clause(gone, "sv") == "mest för att ”Först ute” inte kunde mätas"
    moved = {**gone, "after": 0.25}
    assert driver_clause(moved, "sv") == "mest genom ”Först ute” (−25,0 poäng)"
    back = {**moved, "before": None, "points": 25.0}
    assert driver_clause(back, "sv") == (
        "mest genom ”Först ute” (+25,0 poäng), som inte kunde mätas perioden innan"
    )


@pytest.mark.parametrize(
    "since, until, label",
    [
        ("2026-11-09", "2026-11-15", "vecka 46, 9–15 november"),
        ("2026-11-09", "2026-11-11", "9–11 november"),  # an ad hoc Monday to Wednesday
        ("2026-11-10", "2026-11-16", "10–16 november"),  # seven days, not a calendar week
    ],
)
def test_only_a_whole_calendar_week_is_called_a_week(since, until, label):
    from koll.jobs.digest_mail import period_label

    assert period_label(since, until, "week", "sv") == label
