"""The dialogue in the digest's and the report's words: answered and waiting threads counted from
koll control's numbers (own channels among them), response times, and each unanswered thread
as a line (its link only when it is a web page, the latest comment in Stockholm time)."""

from __future__ import annotations

from analysis.dialogue_text import summary_line, thread, threads, waiting
from analysis.what_changed import what_changed
from analysis.wording import hours


def _thread(n: int, owned: bool, url="https://forum.example.se/1", label="neu") -> dict:
    return {
        "item_id": n,
        "title": f"Tråd {n}",
        "url": url,
        "source": "forum.example.se",
        "owned": owned,
        "outside_comments": 2,
        "latest_author": "Åsa",
        "latest_at": "2026-07-01T10:30:00Z",
        "latest_snippet": "Varför svarar ingen?",
        "latest_label": label,
    }


def control(threads_, answered, listed, rh=2.5):
    return {
        "dialogue_threads": threads_,
        "dialogue_answered": answered,
        "response_hours": rh,
        "unanswered": listed,
    }


def test_counts_come_from_the_components_and_own_from_the_list():
    c = control(5, 3, [_thread(1, True), _thread(2, False)])
    assert waiting(c) == 2
    assert summary_line(c) == (
        "Varumärket svarade i 3 av 5 kommentarstrådar (mediansvarstid 2,5 timmar); "
        "2 väntar på svar, 1 av dem i egna kanaler."
    )
    assert summary_line(c, "en") == (
        "The brand answered in 3 of 5 comment threads (median response time 2.5 hours); "
        "2 wait for an answer, 1 of them on its own channels."
    )


def test_a_capped_list_says_it_counts_own_among_the_newest():
    # 120 wait, koll control listed the 50 newest: the own count is of those, and says so.
    listed = [_thread(i, i < 7) for i in range(50)]
    line = summary_line(control(130, 10, listed))
    assert "120 väntar på svar, 7 av de 50 senaste i egna kanaler." in line


def test_all_answered_and_no_threads():
    assert summary_line(control(2, 2, [], rh=0.5)) == (
        "Varumärket svarade i 2 av 2 kommentarstrådar (mediansvarstid 30 minuter)."
    )
    assert summary_line(control(0, 0, [], rh=None)) is None
    assert summary_line(control(1, 0, [_thread(1, False)], rh=None)) == (
        "Varumärket svarade i 0 av 1 kommentarstråd; 1 väntar på svar, ingen i egna kanaler."
    )


def test_response_times_in_words():
    assert hours(1.0, "sv") == "1 timme" and hours(1.0, "en") == "1 hour"
    assert hours(0.25, "sv") == "15 minuter" and hours(13.4, "sv") == "13 timmar"
    assert hours(72, "sv") == "3 dygn" and hours(72, "en") == "3 days"


def test_a_thread_line():
    t = thread(_thread(1, True, label="neg"))
    assert t["where"] == "egen kanal" and t["comments"] == "2 kommentarer"
    assert t["latest"] == "Åsa, 1 juli 12:30"  # summer time in Stockholm: UTC+2
    assert t["tone"] == "negativ" and t["negative"] and t["url"] == "https://forum.example.se/1"
    en = thread(_thread(1, False, url="javascript:alert(1)"), "en")
    assert en["url"] is None and en["where"] == "elsewhere" and en["latest"] == "Åsa, July 1 12:30"
    listed = [_thread(1, True), _thread(2, False), _thread(3, True)]
    assert [x["title"] for x in threads(listed, True, 5)] == ["Tråd 1", "Tråd 3"]
    assert [x["title"] for x in threads(listed, None, 2)] == ["Tråd 1", "Tråd 2"]


def test_what_changed_says_how_many_threads_wait():
    now = {"mentions": 10, **control(3, 1, [_thread(1, True), _thread(2, False)])}
    text = " ".join(what_changed({"control": now, "before": {}, "drivers": []}))
    assert "2 väntar på svar, 1 av dem i egna kanaler." in text
    skipped = what_changed({"control": now, "before": {}}, skip=("dialogue",))
    assert not any("väntar" in s for s in skipped)
