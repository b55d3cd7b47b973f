"""A table wider than a phone shows that it goes on: a shadow at the edge where it is cut,
read from the pixels Chromium paints (a phone hides the scroll bar until one scrolls)."""

from __future__ import annotations

import struct
import zlib

import pytest

from tests.browser.test_dashboard_browser import (  # noqa: F401 (fixtures)
    browser,
    css,
    open_page,
    server,
    wait_for,
)

pytestmark = pytest.mark.browser

# test_answers_browser's phone at scale 1: its screenshots are decoded pixel by pixel in Python.
PHONE = {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True}
# Only the cards' background is read: their contents are made invisible (they keep their width,
# so a card still scrolls).
HIDE = "document.querySelectorAll('.card > *').forEach(e => e.style.visibility = 'hidden')"


def _pixels(png: bytes) -> list[list[tuple[int, int, int]]]:
    """Rows of RGB pixels of an 8-bit, non-interlaced RGB or RGBA PNG (what Chromium writes)."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, header = 8, b"", None
    while pos < len(png):
        (length,), kind = struct.unpack(">I", png[pos : pos + 4]), png[pos + 4 : pos + 8]
        body = png[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    assert header is not None
    width, height, depth, colour, _, _, interlace = header
    assert depth == 8 and colour in (2, 6) and interlace == 0, header
    step = 3 if colour == 2 else 4
    raw, stride = zlib.decompress(idat), width * step
    rows: list[bytearray] = []
    for y in range(height):
        kind, line = (
            raw[y * (stride + 1)],
            bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)]),
        )
        prev = rows[-1] if rows else bytearray(stride)
        for i in range(stride):
            a = line[i - step] if i >= step else 0
            b, c = prev[i], prev[i - step] if i >= step else 0
            if kind == 1:
                line[i] = (line[i] + a) & 255
            elif kind == 2:
                line[i] = (line[i] + b) & 255
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(line)
    return [[tuple(r[x * step : x * step + 3]) for x in range(width)] for r in rows]


def _edges(element) -> tuple[float, float]:
    """Mean brightness (0-255) of the card's left and right edge, 3 px inside its border, over
    the middle of its height (the rounded corners left out)."""
    rows = _pixels(element.screenshot_as_png)
    height, width = len(rows), len(rows[0])
    middle = rows[height // 5 : height - height // 5]

    def mean(x: int) -> float:
        return sum(sum(r[x]) / 3 for r in middle) / len(middle)

    return mean(3), mean(width - 4)


def _scrolls(browser, card) -> bool:  # noqa: F811
    return browser.execute_script(
        "return arguments[0].scrollWidth > arguments[0].clientWidth + 8", card
    )


def test_a_table_wider_than_a_phone_has_a_shadow_where_it_goes_on(server, browser):  # noqa: F811
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", PHONE)
    try:
        open_page(browser, server["base"] + "/sources", "sources")
        wait_for(browser, lambda d: css(d, "section.card table"), what="the tables")
        browser.execute_script(HIDE)
        cards = css(browser, "section.card")
        wide = [c for c in cards if _scrolls(browser, c)]
        assert wide  # the Källor page's tables are wider than 390 px
        card = wide[0]
        browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", card)
        left, right = _edges(card)
        assert left > 250 and right < left - 15, (left, right)  # more to the right
        browser.execute_script("arguments[0].scrollLeft = arguments[0].scrollWidth", card)
        left, right = _edges(card)
        assert right > 250 and left < right - 15, (left, right)  # more to the left
        browser.execute_script("arguments[0].scrollLeft = 20", card)
        left, right = _edges(card)
        assert left < 240 and right < 240, (left, right)  # in the middle: both ways

        open_page(browser, server["base"] + "/", "overview")
        browser.execute_script(HIDE)
        narrow = [c for c in css(browser, ".card") if not _scrolls(browser, c)]
        assert narrow
        browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", narrow[0])
        left, right = _edges(narrow[0])
        assert left > 250 and right > 250, (left, right)  # a card that fits has no shadow
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
