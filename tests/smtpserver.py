"""A real SMTP server on 127.0.0.1 for tests (aiosmtpd): STARTTLS or implicit TLS with the test
certificate (tests/fixtures/smtp), a login, and the messages it accepted, parsed."""

from __future__ import annotations

import socket
import ssl
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

CERTS = Path(__file__).parent / "fixtures" / "smtp"
CERT, KEY = CERTS / "cert.pem", CERTS / "key.pem"
USER, PASSWORD = "koll@example.se", "hemligt lösen"


@pytest.fixture
def trust_test_cert(monkeypatch):
    """The test server's certificate trusted the way an in-house CA is: SSL_CERT_FILE."""
    from ingest.fetch import _ssl_context

    monkeypatch.setenv("SSL_CERT_FILE", str(CERT))
    _ssl_context.cache_clear()
    yield
    _ssl_context.cache_clear()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Received:
    """One accepted message: the envelope and the parsed message."""

    def __init__(self, envelope):
        self.sender = envelope.mail_from
        self.rcpt_tos = list(envelope.rcpt_tos)
        self.raw: bytes = envelope.original_content or envelope.content
        self.msg: EmailMessage = message_from_bytes(self.raw, policy=policy.default)

    def part(self, subtype: str) -> str:
        body = self.msg.get_body(preferencelist=(subtype,))
        assert body is not None, f"no text/{subtype} part"
        return body.get_content()


class SMTPServer:
    """Use as a context manager. `tls`: "starttls" (required before login) or "implicit";
    `refuse`: an SMTP reply to give to every message instead of accepting it."""

    def __init__(self, tls: str = "starttls", *, login: bool = True):
        self.messages: list[Received] = []
        self.refuse: str | None = None
        self.logins: list[str] = []
        self.port = _free_port()
        ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ctx.load_cert_chain(CERT, KEY)
        me = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):
                if me.refuse:
                    return me.refuse
                me.messages.append(Received(envelope))
                return "250 2.0.0 OK"

        def authenticate(server, session, envelope, mechanism, data):
            ok = isinstance(data, LoginPassword) and (data.login, data.password) == (
                USER.encode(),
                PASSWORD.encode(),
            )
            if isinstance(data, LoginPassword):
                me.logins.append(data.login.decode())
            return AuthResult(success=ok, handled=False)

        kw: dict = {"authenticator": authenticate} if login else {}
        if tls == "implicit":
            kw.update(ssl_context=ctx, auth_require_tls=False)
        elif tls == "starttls":
            kw.update(tls_context=ctx, require_starttls=True, auth_require_tls=True)
        else:  # "none": a plain server that offers no STARTTLS
            kw.update(auth_require_tls=False)
        self.controller = Controller(
            Handler(), hostname="127.0.0.1", port=self.port, server_hostname="localhost", **kw
        )
        self.scheme = "smtps" if tls == "implicit" else "smtp"

    def url(self, user: str = USER, password: str = PASSWORD) -> str:
        from urllib.parse import quote

        return f"{self.scheme}://{quote(user, safe='')}:{quote(password, safe='')}@127.0.0.1:{self.port}"

    def __enter__(self) -> SMTPServer:
        self.controller.start()
        return self

    def __exit__(self, *exc) -> None:
        self.controller.stop()
