"""The overview's alerts speak the page's language.

An alert's `reason` is stored in Swedish (analysis.alerts); the English overview showed it as it
was ("Ovanligt många omnämnanden: 28 omnämnanden mot normalt 8,0 …") under English headings
(QA in headless Chromium, 2026-12-07). It is written anew from the alert's details.
"""

from __future__ import annotations

import pytest

from koll.config import load_settings


@pytest.fixture(scope="module")
def demo_data(demo_workspace):
    from dashboard import data

    data.configure(load_settings(demo_workspace, env={}))
    yield data
    data.store().close()


def _reasons(data, ui: str) -> list[str]:
    from dashboard.pages import overview
    from dashboard.params import Params
    from tests.test_dashboard import find, texts

    p = data.resolve(Params(brand="Fjällkraft", since="2000-01-01", ui=ui))
    section = overview.alerts_list(p)
    spans = find(section, lambda c: getattr(c, "className", None) == "alert-reason")
    return [" ".join(texts(s)) for s in spans]


def test_the_english_overview_gives_alerts_in_english(demo_data):
    swedish, english = _reasons(demo_data, "sv"), _reasons(demo_data, "en")
    assert swedish and len(english) == len(swedish)
    stored = demo_data.alerts("Fjällkraft", "2000-01-01", None)["reason"].head(len(swedish))
    assert swedish == list(stored)  # the Swedish page shows what was stored
    assert any(r.startswith("Unusually many mentions: ") for r in english), english
    for r in english:
        assert not any(w in r for w in ("omnämnanden", "normalt", "gånger", "negativa")), r
