"""SIGTERM (systemd stopping the unit, `kill`) ends `koll analyse` as Ctrl-C does: exit 130 with
one line. It died silently by the signal (143), where `koll ingest` beside it in the same unit
ends as interrupted (QA, 2026-12-07)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from tests.browser.workspace import make_workspace
from tests.conftest import REPO


def test_sigterm_ends_koll_analyse_as_an_interrupt(tmp_path):
    settings = make_workspace(tmp_path)
    # The signal arrives while analyse works (the work replaced by a wait, so that the signal
    # cannot come after it ended).
    script = textwrap.dedent(
        f"""
        import os, signal, sys, time
        import koll.jobs.analyse as analyse

        def busy(**_kw):
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(30)

        analyse.analyse_all = busy
        from koll.cli import main
        sys.exit(main(["analyse", "--config", {str(settings.config_path)!r}]))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 130, (done.returncode, done.stderr)
    assert done.stderr.strip().splitlines()[-1] == "koll: interrupted", done.stderr
