"""One row of the mentions table: the mention, its tone (correctable) and its triage mark.

On a phone each row is laid out as a card (koll.css); the cells carry a data-label so the
card can name what a value is.
"""

from __future__ import annotations

from dash import dcc, html

from dashboard.components import excerpt, ext_link, present, text
from dashboard.i18n import kind_name, local_time, t

TRIAGE_OPTIONS = ("todo", "handled", "none")
# Below this confidence a tone is marked "osäker". `koll eval sentiment` on the realistic social
# test set (2026-12-03): labels at confidence 0.4-0.5 were right 43 % of the time, 0.5-0.6 56 %,
# 0.6-0.7 61 %, 0.7-0.8 74 %, 0.9-1 96 % (the written test set: 39/43/58/53/92 %). Under 0.7 a
# label is wrong about four times in ten; that is 20 % of the social posts.
UNSURE_BELOW = 0.7


def unsure(r) -> bool:
    """Is the row's tone one the model was unsure of (an analyst's correction never is)?"""
    if r.model == "manual":
        return False
    return unsure_tone(r.label, getattr(r, "confidence", None))


def unsure_tone(label, confidence) -> bool:
    """Is a tone with this confidence one the model was unsure of (under UNSURE_BELOW)? An
    analyst's correction has confidence 1."""
    if confidence is None or not present(label) or not present(confidence):
        return False
    return float(confidence) < UNSURE_BELOW


def unsure_note(lang: str) -> html.Span:
    """The word "osäker", with what it means on hover, beside a tone the model was unsure of."""
    return html.Span(t("tone.unsure", lang), className="unsure", title=t("tone.unsure.help", lang))


def tone_picker(r, lang: str) -> list:
    """The row's tone as three choices, and where a deliberate choice lands (`m-tone-chosen`,
    which pages/mentions stores): a click, or Enter, Space or leaving the picker after arrow
    keys, which only move the choice (see pages/mentions._DELIBERATE)."""
    corrected = r.model == "manual"
    row = {"item": int(r.item_id), "brand": r.brand}
    return [
        dcc.RadioItems(
            id={"type": "m-tone", **row},
            options=[
                {"label": t(f"tone.{x}", lang)[:3], "value": x, "title": t(f"tone.{x}", lang)}
                for x in ("pos", "neu", "neg")
            ],
            value=r.label if present(r.label) else None,
            inline=True,
            className="segmented tone-pick" + (" corrected" if corrected else ""),
        ),
        dcc.Store(id={"type": "m-tone-chosen", **row}),
    ]


def triage_picker(r, lang: str) -> list:
    """ "Behöver åtgärd", "Hanterad" or neither, stored once chosen as a tone is (tone_picker;
    see pages/mentions.triage)."""
    current = r.triage if present(getattr(r, "triage", None)) else "none"
    row = {"item": int(r.item_id), "brand": r.brand}
    return [
        dcc.RadioItems(
            id={"type": "m-triage", **row},
            options=[{"label": t(f"triage.{x}", lang), "value": x} for x in TRIAGE_OPTIONS],
            value=current,
            inline=True,
            className=f"segmented triage-pick triage-{current}",
        ),
        dcc.Store(id={"type": "m-triage-chosen", **row}),
    ]


def _cell(children, label: str, cls: str | None = None) -> html.Td:
    # data-* is a wildcard property: Dash passes it on but its stubs do not list it
    return html.Td(children, className=cls, **{"data-label": label})  # type: ignore[arg-type]


def mention_row(r, lang: str) -> html.Tr:
    title = text(r.title) or t("m.untitled", lang)
    voice = "owned" if r.owned else "earned"
    corrected = r.model == "manual"
    note = unsure_note(lang)
    marker = html.Div(
        t("corrected", lang) if corrected else (note if unsure(r) else ""),
        id={"type": "m-corrected", "item": int(r.item_id), "brand": r.brand},
        className="muted corrected-marker",
    )
    when: list = [local_time(r.published, lang)]
    if str(getattr(r, "published_estimated", None)) in ("True", "1"):  # bool, 1 or NA
        # The feed gave no date (stored as first seen): say so, it is not the day it was written.
        when.append(
            html.Div(
                t("m.estimated", lang),
                className="muted estimated",
                title=t("m.estimated.help", lang),
            )
        )
    return html.Tr(
        [
            _cell(when, t("col.date", lang), "nowrap m-date"),
            _cell(
                [html.Div(r.source), html.Div(text(r.author), className="muted")],
                t("col.source", lang),
                "m-source",
            ),  # fmt: skip
            _cell(kind_name(r.kind, lang), t("col.kind", lang), "m-kind"),
            _cell(
                [
                    ext_link(title, r.url, className="title", title=t("m.open", lang)),
                    html.Div(excerpt(r.snippet), className="snippet"),
                ],
                t("col.title", lang),
                "m-title",
            ),
            _cell(t(f"voice.{voice}", lang), t("col.voice", lang), f"voice voice-{voice}"),
            _cell([*tone_picker(r, lang), marker], t("col.tone", lang), "m-tone"),
            _cell(triage_picker(r, lang), t("col.triage", lang), "m-triage"),
        ],
        className="mention-row",
    )


HEADS = ("col.date", "col.source", "col.kind", "col.title", "col.voice", "col.tone", "col.triage")


def mention_table(rows, lang: str, divider: tuple[int, str] | None = None) -> html.Table:
    """The rows as a table; `divider` (position, text): a full-width line before that row (where
    "Mest negativa" runs out of negative mentions)."""
    body = [mention_row(r, lang) for r in rows.itertuples(index=False)]
    if divider is not None:
        at, words = divider
        line = html.Td(words, colSpan=len(HEADS), className="m-divider")
        body.insert(at, html.Tr(line, className="divider-row", id="m-tone-end"))
    return html.Table(
        [
            html.Thead(html.Tr([html.Th(t(h, lang), scope="col") for h in HEADS])),
            html.Tbody(body),
        ],
        className="table mentions-table",
        id="m-table",
    )
