"""Numbers and "what changed" in words: Swedish formats, points for shares, and sentences that say
only what the numbers say."""

from __future__ import annotations

from analysis import wording as w
from analysis.index_change import index_drivers
from analysis.what_changed import volume_sentence, what_changed

NBSP = "\u00a0"


def test_swedish_and_english_numbers():
    assert w.num(12345.6, 1) == f"12{NBSP}345,6" and w.num(12345.6, 1, "en") == "12,345.6"
    assert w.num(-0.004, 2) == "0,00"  # rounds to zero: no minus sign
    assert w.signed(-0.35, 2) == "−0,35" and w.signed(0.0, 2) == "±0,00" and w.signed(3) == "+3"
    assert w.pct(0.534) == f"53{NBSP}%" and w.pct(0.534, lang="en") == "53%"
    # A share's change is in percentage points, never percent of the share.
    assert w.points(0.05) == "+5 procentenheter" and w.points(-0.01, "en") == "−1 point"
    assert w.value("net_sentiment", 0.12) == "+0,12" and w.value("echo_rate", None) == "–"
    assert w.change("owned_share", 0.25, 0.20) == "+5 procentenheter"
    assert w.change("mentions", 51, 4) == "+47" and w.change("mentions", 5, None) is None
    assert w.window_text("2026-11-10", "2026-11-16") == "10–16 november"
    assert w.window_text("2026-10-28", "2026-11-03", "en") == "October 28–November 3"
    assert w.reading("dialogue_rate", None) == "Kan inte mätas i perioden."
    assert w.reading("owned_share", 0.16).startswith(f"16{NBSP}% av omnämnandena")


def _summary(now: dict, before: dict, **extra) -> dict:
    return {"control": now, "before": before, "drivers": [
        {"component": d.component, "before": d.before, "after": d.after, "points": d.points}
        for d in index_drivers(now, before)
    ], **extra}  # fmt: skip


USED = ["owned_share", "echo_rate", "net_sentiment"]


def test_what_changed_names_what_moved_the_index_its_way():
    before = {"control_index": 50.0, "owned_share": 0.3, "echo_rate": 0.2, "net_sentiment": 0.3,
              "mentions": 20, "components_used": USED}  # fmt: skip
    now = {"control_index": 40.0, "owned_share": 0.4, "echo_rate": 0.2, "net_sentiment": -0.3,
           "mentions": 50, "components_used": USED, "new_voices": 2,
           "new_voice_sources": ["a.se", "b.se"]}  # fmt: skip
    stories = [{"title": "Stormen", "mentions": 7}]
    text = what_changed(_summary(now, before, stories=stories))
    # Tone pulled the index down; owned share pulled the other way and is not "why".
    assert (
        text[0] == "Kontrollindex sjönk från 50 till 40 (−10), mest genom ”Nettoton” (−10,0 poäng)."
    )
    assert text[1] == "Omnämnandena ökade från 20 till 50 (+150\u00a0%)."
    assert text[2] == "Nettoton sjönk från +0,30 till −0,30."
    assert "Egen andel steg från 30 % till 40 %.".replace(" %", f"{NBSP}%") in text
    assert "Största nyheten, ”Stormen”, hade 7 omnämnanden." in text
    assert "2 nya källor skrev om varumärket: a.se, b.se." in text
    en = what_changed(_summary(now, before, stories=stories), "en")
    assert (
        en[0] == "Control index fell from 50 to 40 (−10), mostly through “Net tone” (−10.0 points)."
    )
    short = what_changed(_summary(now, before), skip=("index", "volume", "tone"))
    assert short[0].startswith("Egen andel")


def test_what_changed_without_a_previous_period_or_mentions():
    now = {"control_index": 42.0, "mentions": 3, "net_sentiment": 0.1, "components_used": USED}
    text = what_changed(_summary(now, {"mentions": 0}))
    assert text[0] == "Kontrollindex var 42; för perioden innan finns inget värde att jämföra med."
    assert text[1] == "3 omnämnanden; inga perioden innan."
    assert what_changed(_summary({"mentions": 0}, {})) == ["Inga omnämnanden i perioden."]


def test_a_change_agrees_with_the_values_written_beside_it():
    """27.41 -> 13.79 is written "från 27 till 14": the change said beside it was −14, the
    change of the raw values (QA, 2026-12-07: the report and the overview's card disagreed)."""
    assert w.change("control_index", 13.79, 27.41) == f"{w.MINUS}13"
    assert w.change("net_sentiment", -0.324, 0.094) == f"{w.MINUS}0,41"  # +0,09 -> −0,32
    assert w.change("owned_share", 0.174, 0.125) == "+5 procentenheter"  # 12 % -> 17 %
    assert w.change("effective_voices", 6.14, 5.96) == "+0,1"  # 6,0 -> 6,1
    assert w.change("mentions", 10, 8) == "+2"


def test_a_count_of_one_is_written_in_the_singular():
    assert w.reading("new_voices", 1) == (
        "1 källa skrev om varumärket utan att ha gjort det perioden innan."
    )
    assert w.reading("new_voices", 1, "en").startswith("1 source wrote")
    assert w.reading("mentions", 1) == "1 omnämnande i perioden."
    assert w.reading("mentions", 1, "en") == "1 mention in the period."
    assert w.reading("mentions", 2) == "2 omnämnanden i perioden."
    assert w.reading("new_voices", 0) == (
        "0 källor skrev om varumärket utan att ha gjort det perioden innan."
    )
    assert volume_sentence({"mentions": 1}, {"mentions": 0}, "sv") == (
        "1 omnämnande; inga perioden innan."
    )


def test_the_cards_change_agrees_with_the_values_they_show():
    from dashboard.cards import delta_text, value_text

    assert (value_text(27.41, "count", "sv"), value_text(13.79, "count", "sv")) == ("27", "14")
    assert delta_text(13.79, 27.41, "count", "sv") == f"{w.MINUS}13"
    assert delta_text(-0.324, 0.094, "tone", "sv") == f"{w.MINUS}0,41"
    assert delta_text(0.174, 0.125, "share", "sv") == "+5 procentenheter"


def test_a_window_with_its_year_names_both_years_across_a_new_year():
    """A report of 400 days was headed "1 november–5 december 2026", compared with "27
    september–31 oktober" (of 2024–2025) (QA, 2026-12-07)."""
    assert w.window_text("2025-11-01", "2026-12-05", year=True) == (
        "1 november 2025–5 december 2026"
    )
    assert w.window_text("2026-12-01", "2026-12-05", year=True) == "1–5 december 2026"
    assert w.window_text("2025-12-20", "2026-01-10", "en", year=True) == (
        "December 20, 2025–January 10, 2026"
    )
    assert w.window_text("2026-12-05", "2026-12-05", "en", year=True) == "December 5, 2026"


def test_the_largest_story_is_the_one_with_most_of_the_period_s_mentions():
    """Stories come ordered by their whole size; the first, grown before the period, was named
    the largest with 1 mention beside one of 2 (QA, 2026-12-07)."""
    from analysis.what_changed import story_sentence

    stories = [
        {"title": "Kappa Kraft inför kundprogram", "mentions": 1, "size": 2},
        {"title": "Kappa Kraft bygger solparker", "mentions": 2, "size": 2},
        {"title": "Tredje", "mentions": 2, "size": 2},
    ]
    assert story_sentence(stories, "sv") == (
        "Största nyheten, ”Kappa Kraft bygger solparker”, hade 2 omnämnanden."
    )


def test_the_index_reading_names_the_parts_it_is_the_mean_of():
    """With [control.weights] leaving echo out, a report said "the mean of the measurable parts
    below" over a list that showed echo, measured (QA, 2026-12-07)."""
    used = ["owned_share", "agenda_share", "dialogue_rate", "net_sentiment"]
    assert w.index_reading(48.65, used, True) == (
        "49 av 100: det vägda medelvärdet (enligt inställningarna) av ”Egen andel”, ”Först ute”, "
        "”Dialog” och ”Nettoton”."
    )
    assert w.index_reading(48.65, used[:1], False, "en") == (
        "49 of 100: the mean of “Owned share”."
    )
    assert w.index_reading(None, [], False) == w.NOT_MEASURABLE[0]


def test_the_index_sentence_agrees_with_the_change_written_beside_it():
    """45.42 -> 46.29 is written 45 -> 46, "+1" in the table, yet the sentence said "låg kvar
    på 46"; and 45.5 -> 46.5 "steg från 46 till 46 (±0)" (QA, 2026-12-07)."""
    from analysis.what_changed import index_sentence

    assert index_sentence({"control_index": 46.29}, {"control_index": 45.42}, [], "sv") == (
        "Kontrollindex steg från 45 till 46 (+1)."
    )
    assert index_sentence({"control_index": 46.5}, {"control_index": 45.5}, [], "sv") == (
        "Kontrollindex låg kvar på 46."
    )


def test_the_response_time_has_a_reading_at_every_value():
    """Only a value rounding to one had its sentence; the report's row read "0,2" beside
    "mediansvarstid 12 minuter" (QA, 2026-12-07)."""
    assert w.reading("response_hours", 0.2) == (
        "Mediantid från första kommentar till varumärkets svar: 12 minuter."
    )
    assert w.reading("response_hours", 85.5, "en").endswith("answer: 3.6 days.")
