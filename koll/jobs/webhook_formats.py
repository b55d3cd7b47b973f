"""One alert message in the receiving chat's own format: Slack (Block Kit), Microsoft Teams (an
Adaptive Card) or plain JSON, chosen by `[notify] webhook_format` or guessed from the URL.

A message is about one alert (the lead) and may carry others of the same brand and kind that the
cooldown gathered (`also`): the lead in full, the others as one line each.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from urllib.parse import quote, urlsplit

from analysis import alert_text
from analysis.wording import day_text

# Teams' incoming webhooks and Workflows URLs live on these hosts (and their subdomains).
TEAMS_HOSTS = ("webhook.office.com", "outlook.office.com", "logic.azure.com", "powerplatform.com")
# Slack's documented limits (Block Kit): header text 150 characters, section text 3000, a
# section's fields 10 of 2000 each, a button's text 75. Longer text is cut, never refused.
SLACK_HEADER, SLACK_TEXT, SLACK_FIELD = 150, 3000, 2000
ALSO_SHOWN = 5  # more gathered alerts than this become "och N till"


def guess_format(url: str) -> str:
    """slack for hooks.slack.com, teams for Microsoft's webhook hosts, json otherwise."""
    host = (urlsplit(url).hostname or "").lower()
    if host == "hooks.slack.com" or host.endswith(".slack.com"):
        return "slack"
    if any(host == h or host.endswith("." + h) for h in TEAMS_HOSTS):
        return "teams"
    return "json"


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _open_label(lang: str) -> str:
    return "Open in koll" if lang == "en" else "Öppna i koll"


def _also_lines(also: Sequence[dict], lang: str) -> list[str]:
    lines = [f"{day_text(a['day'], lang)}: {alert_text.reason(a, lang)}" for a in also[:ALSO_SHOWN]]
    if len(also) > ALSO_SHOWN:
        n = len(also) - ALSO_SHOWN
        lines.append(f"… and {n} more" if lang == "en" else f"… och {n} till")
    return lines


def _also_title(n: int, lang: str) -> str:
    if lang == "en":
        return f"Also ({n} more of the same kind)"
    return f"Också ({n} larm till av samma slag)"


# --- Slack ----------------------------------------------------------------------------------------


def _mrkdwn(text: str) -> str:
    """Slack's three control characters escaped, as its formatting guide asks."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _slack_link(url: str | None, text: str) -> str:
    if not url:
        return _mrkdwn(text)
    return f"<{quote(url, safe=':/?&=%#;,+@!$~*()[]')}|{_mrkdwn(text).replace('|', '¦')}>"


def slack(alerts: Sequence[dict], links: Sequence[str | None], lang: str = "sv") -> dict:
    """A Block Kit message: header, size, drivers as fields, examples, button, gathered alerts."""
    lead, also, link = alerts[0], list(alerts[1:]), links[0]
    blocks: list[dict] = [
        {
            "type": "header",
            "text": {
                "type": "plain_text",
                "text": _cut(alert_text.headline(lead, lang), SLACK_HEADER),
            },
        },
        {
            "type": "section",
            "text": {"type": "mrkdwn", "text": _mrkdwn(alert_text.size(lead, lang))},
        },
    ]
    fields = [
        {"type": "mrkdwn", "text": _cut(f"*{_mrkdwn(k)}*\n{_mrkdwn(v)}", SLACK_FIELD)}
        for k, v in alert_text.drivers(lead, lang)
    ]
    if fields:
        blocks.append({"type": "section", "fields": fields[:10]})
    examples = alert_text.examples(lead)
    if examples:
        lines = [f"*{'Examples' if lang == 'en' else 'Exempel'}*"]
        for e in examples:
            lines.append(f"• {_slack_link(e.get('url'), e['title'])} – {_mrkdwn(e['source'])}")
            if e.get("snippet"):
                lines.append(f"   _{_mrkdwn(e['snippet'])}_")
        blocks.append(
            {
                "type": "section",
                "text": {"type": "mrkdwn", "text": _cut("\n".join(lines), SLACK_TEXT)},
            }
        )
    if also:
        text = f"*{_also_title(len(also), lang)}*\n" + "\n".join(
            _mrkdwn(x) for x in _also_lines(also, lang)
        )
        blocks.append(
            {"type": "section", "text": {"type": "mrkdwn", "text": _cut(text, SLACK_TEXT)}}
        )
    blocks.append(
        {
            "type": "context",
            "elements": [{"type": "mrkdwn", "text": f"koll · {day_text(lead['day'], lang)}"}],
        }
    )
    if link:
        blocks.append(
            {
                "type": "actions",
                "elements": [
                    {
                        "type": "button",
                        "text": {"type": "plain_text", "text": _open_label(lang)},
                        "url": link,
                    }
                ],
            }
        )
    fallback = f"{alert_text.headline(lead, lang)}: {alert_text.size(lead, lang)}"
    return {"text": _cut(fallback, SLACK_TEXT), "blocks": blocks}


# --- Teams ----------------------------------------------------------------------------------------


def _md_text(text: str) -> str:
    """Text safe inside an Adaptive Card's markdown: brackets would start a link."""
    return str(text).replace("[", "(").replace("]", ")").replace("*", "∗").replace("_", " ")


def _teams_link(url: str | None, text: str) -> str:
    if not url:
        return _md_text(text)
    return f"[{_md_text(text)}]({quote(url, safe=':/?&=%#;,+@!$~*')})"


def teams(alerts: Sequence[dict], links: Sequence[str | None], lang: str = "sv") -> dict:
    """A Teams message with one Adaptive Card (1.4, which incoming webhooks and Workflows show)."""
    lead, also, link = alerts[0], list(alerts[1:]), links[0]
    body: list[dict] = [
        {
            "type": "TextBlock",
            "text": _md_text(alert_text.headline(lead, lang)),
            "size": "Large",
            "weight": "Bolder",
            "wrap": True,
        },
        {"type": "TextBlock", "text": _md_text(alert_text.size(lead, lang)), "wrap": True},
    ]
    facts = [{"title": k, "value": _md_text(v)} for k, v in alert_text.drivers(lead, lang)]
    if facts:
        body.append({"type": "FactSet", "facts": facts})
    examples = alert_text.examples(lead)
    if examples:
        body.append(
            {
                "type": "TextBlock",
                "text": "Examples" if lang == "en" else "Exempel",
                "weight": "Bolder",
                "wrap": True,
            }
        )
        for e in examples:
            body.append(
                {
                    "type": "TextBlock",
                    "text": f"{_teams_link(e.get('url'), e['title'])} – {_md_text(e['source'])}",
                    "wrap": True,
                }
            )
            if e.get("snippet"):
                body.append(
                    {
                        "type": "TextBlock",
                        "text": _md_text(e["snippet"]),
                        "isSubtle": True,
                        "wrap": True,
                        "spacing": "None",
                    }
                )
    if also:
        body.append(
            {
                "type": "TextBlock",
                "text": _also_title(len(also), lang),
                "weight": "Bolder",
                "wrap": True,
            }
        )
        body += [
            {"type": "TextBlock", "text": _md_text(x), "wrap": True, "spacing": "Small"}
            for x in _also_lines(also, lang)
        ]
    card: dict = {
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "type": "AdaptiveCard",
        "version": "1.4",
        "body": body,
        "msteams": {"width": "Full"},
    }
    if link:
        card["actions"] = [{"type": "Action.OpenUrl", "title": _open_label(lang), "url": link}]
    return {
        "type": "message",
        "attachments": [
            {
                "contentType": "application/vnd.microsoft.card.adaptive",
                "contentUrl": None,
                "content": card,
            }
        ],
    }


# --- plain JSON -----------------------------------------------------------------------------------

FIELDS = ("id", "brand", "kind", "day", "subject", "reason", "value", "baseline", "p_value")


def _json_alert(a: dict, link: str | None, lang: str) -> dict:
    out = {k: a.get(k) for k in FIELDS}
    out["text"] = alert_text.plain_text(a, link, lang)
    out["details"] = a.get("details") or {}
    out["link"] = link
    return out


def json_body(alerts: Sequence[dict], links: Sequence[str | None], lang: str = "sv") -> dict:
    """The lead alert's fields, `text`, `details` and `link`, and the gathered ones in `also`."""
    out = _json_alert(alerts[0], links[0], lang)
    out["also"] = [_json_alert(a, lk, lang) for a, lk in zip(alerts[1:], links[1:], strict=False)]
    return out


FORMATS: dict[str, Callable[..., dict]] = {"slack": slack, "teams": teams, "json": json_body}
