"""A chat webhook on 127.0.0.1 for tests: it checks every POST against the documented shape of its
format (tests/fixtures/webhooks/*.schema.json) and answers as the real service does: 400 with
the reason for a malformed message, else the status the test sets (scripted answers first)."""

from __future__ import annotations

import http.server
import json
import re
import threading
from pathlib import Path

from jsonschema import Draft202012Validator

SCHEMAS = Path(__file__).parent / "fixtures" / "webhooks"
FILES = {"slack": "slack_message", "teams": "teams_message", "json": "json_alert"}
# Slack mrkdwn: after removing <url|text> links, no raw < or > may remain and every & is an
# entity (Slack's formatting guide: escape &, < and >).
_SLACK_LINK = re.compile(r"<https?://[^|>\s]+\|[^>]*>")
_ENTITY = re.compile(r"&(?!amp;|lt;|gt;)")


def validator(fmt: str) -> Draft202012Validator:
    schema = json.loads((SCHEMAS / f"{FILES[fmt]}.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def _mrkdwn_texts(node):
    if isinstance(node, dict):
        if node.get("type") == "mrkdwn":
            yield node["text"]
        for v in node.values():
            yield from _mrkdwn_texts(v)
    elif isinstance(node, list):
        for v in node:
            yield from _mrkdwn_texts(v)


def problems(fmt: str, body) -> list[str]:
    """Why `body` is not a valid message of `fmt` (empty when it is; any format not in FILES
    accepts everything)."""
    if fmt not in FILES:
        return []
    found = [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in validator(fmt).iter_errors(body)
    ]
    if fmt == "slack" and not found:
        for text in _mrkdwn_texts(body):
            rest = _SLACK_LINK.sub("", text)
            if "<" in rest or ">" in rest or _ENTITY.search(rest):
                found.append(f"unescaped mrkdwn: {text[:80]!r}")
    return found


class Receiver:
    """Use as a context manager; `posts` holds every valid body, `invalid` the refused ones."""

    def __init__(self, fmt: str):
        self.fmt = fmt
        self.posts: list = []
        self.invalid: list[tuple] = []
        self.headers: list[dict] = []
        self.status = 200
        self.script: list[tuple[int, dict]] = []  # answers to give first: (status, headers)
        me = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *a):
                pass

            def do_POST(self):
                raw = self.rfile.read(int(self.headers["Content-Length"]))
                me.headers.append(dict(self.headers))
                try:
                    body = json.loads(raw.decode("utf-8"))
                    errors = problems(me.fmt, body)
                except ValueError as e:
                    body, errors = raw, [f"not JSON: {e}"]
                status, extra = me.script.pop(0) if me.script else (me.status, {})
                if errors:
                    me.invalid.append((body, errors))
                    status, extra = 400, {}
                else:
                    me.posts.append(body)
                payload = ("; ".join(errors) or "ok").encode()
                self.send_response(status)
                for k, v in extra.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/hook"

    def __enter__(self) -> Receiver:
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
