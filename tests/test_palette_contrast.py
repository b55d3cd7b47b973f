"""The dashboard's colours meet WCAG 2.1 contrast against the background they are drawn on, and
stay apart for colour-blind readers. QA: the error text #D55E00 was 3.9:1 on white (text needs
4.5:1), the neutral tone's bars #BBBBBB 1.9:1 and "Andras röster" #E69F00 2.2:1 (graphics 3:1)."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from dashboard import figures

CSS = (Path(__file__).resolve().parents[1] / "dashboard/assets/koll.css").read_text()
TEXT, GRAPHIC = 4.5, 3.0  # WCAG 1.4.3 (text) and 1.4.11 (non-text contrast)


def _rgb(hex_colour: str) -> tuple[float, float, float]:
    h = hex_colour.lstrip("#")
    r, g, b = (int(h[i : i + 2], 16) / 255 for i in (0, 2, 4))
    return r, g, b


def _linear(c: float) -> float:
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(hex_colour: str) -> float:
    """WCAG's relative luminance."""
    r, g, b = (_linear(c) for c in _rgb(hex_colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_the_contrast_formula():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)  # the known AA grey


def _css_var(name: str) -> str:
    m = re.search(rf"--{name}:\s*(#[0-9a-fA-F]{{6}})", CSS)
    assert m, name
    return m[1]


# koll.css's colours and what they draw: text needs 4.5:1, a mark (the owned thread's border,
# the focus ring in --earned) 3:1. Pages lie on --bg, sections and tables on --card.
CSS_USES = {"ink": TEXT, "muted": TEXT, "accent": TEXT, "neg": TEXT,
            "owned": GRAPHIC, "earned": GRAPHIC, "neu": GRAPHIC}  # fmt: skip


@pytest.mark.parametrize("name", sorted(CSS_USES))
def test_css_colours_against_the_page_and_the_cards(name):
    colour = _css_var(name)
    for background in (_css_var("bg"), _css_var("card")):
        assert contrast(colour, background) >= CSS_USES[name], (name, colour, background)
    assert re.search(r"\.error\s*\{\s*color:\s*var\(--neg\)", CSS)  # the error text is --neg


def _chart_colours() -> dict[str, str]:
    out = {f"tone.{k}": v for k, v in figures.TONE_COLOURS.items()}
    out |= {"owned": figures.OWNED_COLOUR, "earned": figures.EARNED_COLOUR}
    return out | {f"series.{i}": c for i, c in enumerate(figures.SERIES)}


def test_chart_colours_against_the_chart_background():
    layout = figures._layout("", "sv")
    assert layout["plot_bgcolor"] == layout["paper_bgcolor"]
    low = {
        name: round(contrast(c, layout["plot_bgcolor"]), 2)
        for name, c in _chart_colours().items()
        if contrast(c, layout["plot_bgcolor"]) < GRAPHIC
    }
    assert low == {}


# Machado, Oliveira & Fernandes (2009), severity 1.0, on linear RGB: what a protanope, a
# deuteranope and a tritanope see of a colour.
_CVD = {
    "protan": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216),
               (-0.003882, -0.048116, 1.051998)),
    "deutan": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413),
               (-0.011820, 0.042940, 0.968881)),
    "tritan": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602),
               (0.004733, 0.691367, 0.303900)),
    "none": ((1, 0, 0), (0, 1, 0), (0, 0, 1)),
}  # fmt: skip


def _lab(hex_colour: str, vision: str) -> tuple[float, float, float]:
    """CIELAB (D65) of the colour as seen with `vision`."""
    lin = [_linear(c) for c in _rgb(hex_colour)]
    seen = [sum(m * v for m, v in zip(row, lin, strict=True)) for row in _CVD[vision]]
    r, g, b = (min(1.0, max(0.0, c)) for c in seen)
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def _closest(colours: list[str]) -> float:
    """The smallest colour difference (CIE76 ΔE) between two of `colours`, for any vision."""
    return min(
        sum((p - q) ** 2 for p, q in zip(_lab(a, v), _lab(b, v), strict=True)) ** 0.5
        for a, b in itertools.combinations(colours, 2)
        for v in _CVD
    )


def test_darker_colours_stay_apart_for_colour_blind_readers():
    """Darkened Okabe–Ito colours lose some of the lightness steps that kept them apart: tone's
    three and owned/earned stay far apart (ΔE ≥ 20), the compared brands' lines at least as far
    as 12 (the original eight's closest pair was 16, its yellow and orange under deuteranopia)."""
    tone = figures.TONE_COLOURS
    assert _closest([tone["pos"], tone["neu"], tone["neg"]]) >= 20
    assert _closest([figures.OWNED_COLOUR, figures.EARNED_COLOUR]) >= 20
    assert len(figures.SERIES) >= 6 and _closest(figures.SERIES) >= 12
