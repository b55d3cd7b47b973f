"""The demo workspace has a digest and a dashboard address: `koll digest --output` and
`koll report` work on it as the README says."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta
from urllib.parse import quote

import pytest
from sqlalchemy import func, select

from analysis.what_changed import INDEX_STEADY
from koll.cli import main
from koll.config import load_settings
from koll.jobs.digest import run as digest
from koll.jobs.digest_mail import brand_section
from koll.store import Store
from koll.store.schema import digests, items
from koll.store.views import alerts_list, control_report
from tests.smtpserver import SMTPServer, trust_test_cert  # noqa: F401 (a fixture)


def test_the_demo_has_a_digest_and_writes_it(demo_workspace, tmp_path, capsys):
    settings = load_settings(demo_workspace, env={})
    (digest,) = settings.notify.digests
    assert digest.brands == ("Fjällkraft", "Nordvind") and digest.every == "day"
    assert settings.notify.dashboard_url == "http://127.0.0.1:8050"
    out = tmp_path / "d.html"
    assert main(["digest", "--config", str(demo_workspace), "--output", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    assert "Fjällkraft" in html and "Nordvind" in html
    assert 'href="http://127.0.0.1:8050/?brand=Fj%C3%A4llkraft' in html
    # Sending needs a mail server the demo does not have: a config error, not a traceback.
    assert main(["digest", "--config", str(demo_workspace)]) == 2
    assert "needs [notify] smtp_url and from" in capsys.readouterr().err


def test_the_demo_report(demo_workspace, tmp_path):
    out = tmp_path / "r.html"
    argv = ["report", "--config", str(demo_workspace), "--brand", "Fjällkraft"]
    assert main([*argv, "--output", str(out)]) == 0
    assert "Plotly.newPlot" in out.read_text(encoding="utf-8")
    # The week of the demo's price hike (its first volume alert; the demo's dates may move).
    with Store(load_settings(demo_workspace, env={}).database_url) as store:
        alerts = alerts_list(store, "Fjällkraft")
    since = date.fromisoformat(min(alerts.loc[alerts["kind"] == "volume", "day"]))
    window = ["--since", since.isoformat(), "--until", (since + timedelta(days=6)).isoformat()]
    assert main([*argv, *window, "--output", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    assert "Fjällkraft: ovanligt många omnämnanden" in html


def test_the_demo_report_lists_the_threads_left_unanswered(demo_workspace, tmp_path):
    """The two newspaper threads Fjällkraft left alone (tests/test_demo.py) are in the report of
    the whole demo, elsewhere, with their latest comment; its own blog's threads were answered."""
    settings = load_settings(demo_workspace, env={})
    with Store(settings.database_url) as store, store.connect() as conn:
        first, last = conn.execute(
            select(func.min(items.c.published), func.max(items.c.published))
        ).one()
    out = tmp_path / "r.html"
    argv = ["report", "--config", str(demo_workspace), "--brand", "Fjällkraft", "--output", str(out),
            "--since", first.date().isoformat(), "--until", last.date().isoformat()]  # fmt: skip
    assert main(argv) == 0
    html = out.read_text(encoding="utf-8")
    section = re.search(r'<section id="unanswered">(.*?)</section>', html, re.S).group(1)
    assert "2 väntar på svar, ingen i egna kanaler." in section
    rows = re.findall(r"<tr><td>(.*?)</td></tr>", section, re.S)
    assert len(rows) == 2 and "dagbladetnorr.se" in rows[0] and "norrlandsposten.se" in rows[1]
    assert "Greta L, " in rows[0] and "Ersättningen" in rows[0] and "hos andra" in rows[0]


BRANDS = ("Fjällkraft", "Nordvind")


def _week_before(since: str) -> tuple[str, str]:
    start = date.fromisoformat(since)
    return (start - timedelta(days=7)).isoformat(), (start - timedelta(days=1)).isoformat()


def test_the_digest_names_what_moved_the_index(demo_workspace):
    """Of the demo's weeks around the storm, the one whose index moved most: the digest names
    the component that moved it, with its points in the direction the index went, or says that
    it could not be measured (it had been blamed with points for leaving the average)."""
    settings = load_settings(demo_workspace, env={})
    first, _ = _first_storm_week(settings)
    moves = {}
    with Store(settings.database_url) as store:
        for days in range(-10, 11):
            since = (date.fromisoformat(first) + timedelta(days=days)).isoformat()
            until = (date.fromisoformat(since) + timedelta(days=6)).isoformat()
            now = control_report(store, settings, "Fjällkraft", since, until)["control_index"]
            before = control_report(store, settings, "Fjällkraft", *_week_before(since))
            moves[since, until] = now - before["control_index"]
        (since, until), change = max(moves.items(), key=lambda kv: abs(kv[1]))
        assert abs(change) >= 5 * INDEX_STEADY  # the storm does move it in some week
        section = brand_section(store, settings, "Fjällkraft", since, until, "sv")
    gone = re.fullmatch(r"mest för att (.+) inte kunde mätas", section["moved_by"] or "")
    if gone:  # it moved the index by leaving the average: no points to blame on it
        assert change < 0, section["moved_by"]
        return
    m = re.fullmatch(
        r"mest genom ([^(]+) \(([+−])[\d,]+ poäng\)(, som inte kunde mätas perioden innan)?",
        section["moved_by"] or "",
    )
    assert m, section["moved_by"]
    assert (m.group(2) == "+") == (change > 0)


def _first_storm_week(settings) -> tuple[str, str]:
    """The week from the demo's first volume alert (the price hike; the demo's dates move)."""
    with Store(settings.database_url) as store:
        alerts = alerts_list(store, "Fjällkraft")
    since = date.fromisoformat(min(alerts.loc[alerts["kind"] == "volume", "day"]))
    return since.isoformat(), (since + timedelta(days=6)).isoformat()


@pytest.mark.usefixtures("trust_test_cert")
def test_the_demo_digest_over_smtp_has_everything_the_issue_lists(demo_workspace):
    """The week of the price hike, both brands, sent through a real SMTP server: the index with
    its change and what moved it, volume and tone with theirs, the three largest stories, the
    alerts with why they fired, the unanswered thread, new voices; headlines, links and short
    snippets only; every number a dashboard link with the filter set."""
    since, until = _first_storm_week(load_settings(demo_workspace, env={}))
    with SMTPServer("starttls") as smtp:
        plain = load_settings(demo_workspace, env={})
        settings = replace(plain, notify=replace(plain.notify, smtp_url=smtp.url(),
                                                 sender="koll <koll@example.se>"))  # fmt: skip
        assert digest(settings=settings, since=since, until=until, to=("pr@example.se",)) == 0
        (m,) = smtp.messages
    assert m.rcpt_tos == ["pr@example.se"]
    # The demo's dates move with the day it is built: one day in seven the week starts on a
    # Monday and is named ("koll vecka 48, 23–29 november: …"; a CI run on 2026-12-05).
    assert re.match(r"koll (?:vecka \d+, )?\d+–\d+ \w+: Fjällkraft kontrollindex \d+ "
                    r"\([+−±]\d+\), Nordvind ", m.msg["Subject"])  # fmt: skip
    text, html = m.part("plain"), m.part("html")
    fj = text[: text.index("== Nordvind ==")]
    for label in ("Kontrollindex: ", "Omnämnanden: ", "Nettoton: "):
        assert re.search(label + r"\S+ \([+−±][\d,]+\) http://127\.0\.0\.1:8050/", fj), label
    # What moved the index is named when the index moved (INDEX_STEADY). In this week it
    # hardly does (the week before had the queue crisis): +1.5 with one model, +0.95 with the
    # next; test_the_digest_names_what_moved_the_index checks the week it moved most.
    with Store(settings.database_url) as store:
        now = control_report(store, settings, "Fjällkraft", since, until)["control_index"]
        before = control_report(store, settings, "Fjällkraft", *_week_before(since))
    moved = abs(now - before["control_index"]) >= INDEX_STEADY
    assert (
        bool(re.search(r"Kontrollindex rörde sig mest genom [^(\n]+ \([+−][\d,]+ poäng\)", fj))
        == moved
    )
    stories = fj[fj.index("Största nyheterna:") : fj.index("Larm:")].strip().splitlines()[1:]
    assert len(stories) == 3 and all(" https://" in s for s in stories)
    assert "Fjällkraft: ovanligt många omnämnanden" in fj and "Fjällkraft: negativ ton ökar" in fj
    for why in ("omnämnanden mot normalt", "  Ord: ", "  Källor: ", "  Ton: mest negativ"):
        assert why in fj
    assert "&tone=neg" in fj  # the negative alert opens the negative mentions
    assert "Obesvarade trådar hos andra:" in fj and "norrlandsposten.se, 14 kommentarer" in fj
    # New voices: each brand's, as koll control counts them (the demo has some for both).
    with Store(settings.database_url) as store:
        voices = {b: control_report(store, settings, b, since, until) for b in BRANDS}
    for r in voices.values():
        assert r["new_voices"] > 0
        assert f"Nya röster ({r['new_voices']}): {', '.join(r['new_voice_sources'])}" in text
    # In the HTML every figure is a link with the window set: index, volume, tone, each story's
    # count, each alert, the dialogue line and each new voice.
    window = f"since={since}&amp;until={until}"
    base = "http://127.0.0.1:8050"
    assert html.count(f'href="{base}/mentions?brand=Fj%C3%A4llkraft&amp;{window}&amp;story=') == 3
    for b, r in voices.items():
        brand = quote(b)
        for src in r["new_voice_sources"]:
            assert f'href="{base}/mentions?brand={brand}&amp;{window}&amp;src={src}"' in html
    assert f'href="{base}/mentions?brand=Fj%C3%A4llkraft&amp;{window}&amp;owned=earned"' in html
    # A digest quotes no article: no stored text of the window longer than a snippet is in it.
    with Store(settings.database_url) as store, store.connect() as conn:
        texts = [r[0] for r in conn.execute(select(items.c.text).where(
            items.c.published >= since, func.length(items.c.text) > 300))]  # fmt: skip
        assert conn.execute(select(func.count()).select_from(digests)).scalar() == 0  # ad hoc
    assert len(texts) > 20
    for t in texts:
        assert t not in text and t[:250] not in text


def test_the_readme_cron_line_ingests_analyses_and_sends_digests():
    from koll.cli import build_parser
    from tests.conftest import REPO

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    (line,) = [ln for ln in readme.splitlines() if ln.startswith("*/10 * * * * ")]
    commands = re.findall(r"/opt/koll/\.venv/bin/koll (\w+ --config /etc/koll/koll\.toml)", line)
    assert [c.split()[0] for c in commands] == ["ingest", "analyse", "digest"]
    for c in commands:
        build_parser().parse_args(c.split())


@pytest.mark.parametrize(
    ("ingest_exit", "ran"),
    [
        (0, ["ingest", "analyse", "digest"]),
        # QA: one due feed answering 500 made ingest exit 1 and cron skipped analyse and digest,
        # which work on what is stored, not on this run's fetches.
        (1, ["ingest", "analyse", "digest"]),
        (2, ["ingest"]),  # a config mistake stops the others as well
        (75, ["ingest"]),  # the run holding the lock analyses when it ends
        (130, ["ingest"]),
    ],
)
def test_the_readme_cron_line_analyses_after_a_failed_feed(tmp_path, ingest_exit, ran):
    """The README's cron line run by sh, with a stand-in koll that records its commands."""
    import subprocess

    from tests.conftest import REPO

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    (line,) = [ln for ln in readme.splitlines() if ln.startswith("*/10 * * * * ")]
    stub, log = tmp_path / "koll", tmp_path / "ran.txt"
    stub.write_text(
        f'#!/bin/sh\necho "$1" >>{log}\n[ "$1" = ingest ] && exit {ingest_exit}\nexit 0\n',
        encoding="utf-8",
    )
    stub.chmod(0o755)
    command = line.removeprefix("*/10 * * * * ").replace("/opt/koll/.venv/bin/koll", str(stub))
    command = command.replace("/var/log/koll/ingest.log", str(tmp_path / "ingest.log"))
    subprocess.run(["sh", "-c", command], check=False, timeout=30)
    assert log.read_text(encoding="utf-8").split() == ran


def test_the_demo_digest_the_readme_and_koll_demo_show_has_mentions(demo_workspace, tmp_path):
    """QA: README's `koll digest --config koll-demo/koll.toml --output d.html` gave an empty
    digest ("kan inte mätas", "Inga omnämnanden i perioden"): it is yesterday's, and the demo's
    newest brand mentions can be a day older. The README and `koll demo`'s closing lines now
    give the seven days up to yesterday."""
    import shlex

    from koll.cli.demo import next_steps
    from tests.conftest import REPO

    readme = " ".join((REPO / "README.md").read_text(encoding="utf-8").split())
    assert "`koll digest --config koll-demo/koll.toml --since D --output d.html`" in readme
    settings = load_settings(demo_workspace, env={})
    (line,) = [ln for ln in next_steps(settings) if ln.startswith("koll digest ")]
    argv = shlex.split(line)[1:]
    week_ago = (date.fromisoformat(settings_today()) - timedelta(days=7)).isoformat()
    assert argv[argv.index("--since") + 1] == week_ago
    out = tmp_path / "d.html"
    argv[argv.index("--output") + 1] = str(out)
    assert main(argv) == 0
    html = out.read_text(encoding="utf-8")
    assert "Inga omnämnanden i perioden" not in html and "kan inte mätas" not in html
    assert "Fjällkraft" in html and "Nordvind" in html


def settings_today() -> str:
    from koll.store import local_day, utcnow

    return local_day(utcnow())
