"""Sending one e-mail through the configured mail server: STARTTLS or implicit TLS, login,
timeouts, and one readable line when the server refuses."""

from __future__ import annotations

import base64
import contextlib
import smtplib
import ssl
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from urllib.parse import unquote, urlsplit

DEFAULT_PORTS = {"smtp": 587, "smtps": 465}  # submission with STARTTLS; submission over TLS


class MailError(Exception):
    """The message was not sent; the text says why in one line (never with the password)."""


@dataclass(frozen=True)
class Server:
    host: str
    port: int
    implicit_tls: bool
    user: str | None
    password: str | None

    @classmethod
    def from_url(cls, url: str) -> Server:
        p = urlsplit(url)
        return cls(
            host=p.hostname or "",
            port=p.port or DEFAULT_PORTS[p.scheme],
            implicit_tls=p.scheme == "smtps",
            user=unquote(p.username) if p.username else None,
            password=unquote(p.password) if p.password else None,
        )

    def __str__(self) -> str:
        return f"{'smtps' if self.implicit_tls else 'smtp'}://{self.host}:{self.port}"


def message(
    *,
    sender: str,
    to: Sequence[str],
    subject: str,
    text: str,
    html: str,
    now: datetime | None = None,
) -> EmailMessage:
    """A multipart/alternative message: the plain-text part first, the HTML part preferred.

    The default policy writes a non-ASCII subject and addresses as RFC 2047 encoded words and
    the parts as UTF-8, so å, ä and ö survive every mail server and client. Its Date is `now`
    (default: the present) in Stockholm time with its offset, "+0100" or "+0200": formatdate's
    "-0000" says the sender does not know its zone (RFC 5322), and some clients show it so.
    """
    from koll.store import STOCKHOLM

    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = ", ".join(to)
    msg["Subject"] = subject
    msg["Date"] = format_datetime((now or datetime.now(UTC)).astimezone(STOCKHOLM))
    msg["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2].strip("> ") or None)
    msg.set_content(text, charset="utf-8")
    msg.add_alternative(html, subtype="html", charset="utf-8")
    return msg


def _connect(server: Server, timeout_s: float, context: ssl.SSLContext) -> smtplib.SMTP:
    if server.implicit_tls:
        return smtplib.SMTP_SSL(server.host, server.port, timeout=timeout_s, context=context)
    smtp = smtplib.SMTP(server.host, server.port, timeout=timeout_s)
    smtp.ehlo()
    if smtp.has_extn("starttls"):
        smtp.starttls(context=context)
        smtp.ehlo()
    elif server.user:
        smtp.quit()
        # A password never goes over a plain connection, whatever the server offers.
        raise MailError(f"{server} offers no STARTTLS; koll will not send the password in clear")
    return smtp


def _login(smtp: smtplib.SMTP, user: str, password: str) -> None:
    """Log in; a user name or password with å, ä, ö goes as UTF-8 in AUTH PLAIN (RFC 4616),
    which smtplib's login cannot send (it encodes ASCII only)."""
    if (user + password).isascii():
        smtp.login(user, password)
        return
    smtp.ehlo_or_helo_if_needed()
    if "plain" not in smtp.esmtp_features.get("auth", "").lower().split():
        raise MailError(
            "the server offers no AUTH PLAIN for a user name or password with non-ASCII letters"
        )
    token = base64.b64encode(b"\0" + user.encode() + b"\0" + password.encode()).decode("ascii")
    code, reply = smtp.docmd("AUTH", "PLAIN " + token)
    if code != 235:
        raise smtplib.SMTPAuthenticationError(code, reply)


def send(
    msg: EmailMessage,
    smtp_url: str,
    *,
    timeout_s: float,
    context: ssl.SSLContext | None = None,
) -> None:
    """Send `msg` to its To addresses; MailError with one line on any failure."""
    server = Server.from_url(smtp_url)
    if context is None:
        from ingest.fetch import _ssl_context  # the certificates every HTTPS request trusts

        context = _ssl_context()
    try:
        smtp = _connect(server, timeout_s, context)
        try:
            if server.user:
                _login(smtp, server.user, server.password or "")
            refused = smtp.send_message(msg)
        finally:
            with contextlib.suppress(smtplib.SMTPException, OSError):
                smtp.quit()
    except smtplib.SMTPAuthenticationError as e:
        raise MailError(f"{server} refused the login for {server.user}: {_reply(e)}") from None
    except smtplib.SMTPRecipientsRefused as e:
        who = ", ".join(f"{a} ({_reply_of(*r)})" for a, r in e.recipients.items())
        raise MailError(f"{server} refused every recipient: {who}") from None
    except smtplib.SMTPResponseException as e:
        raise MailError(f"{server} refused the message: {_reply(e)}") from None
    except (TimeoutError, smtplib.SMTPServerDisconnected) as e:
        # smtplib reports a reply that never came as a disconnect "…: timed out".
        if not isinstance(e, TimeoutError) and "timed out" not in str(e):
            raise MailError(f"{server} closed the connection: {e}") from None
        raise MailError(
            f"{server} did not answer within {timeout_s:g} s ([notify] smtp_timeout_s)"
        ) from None
    except (smtplib.SMTPException, ssl.SSLError, OSError) as e:
        raise MailError(f"cannot send through {server}: {e.__class__.__name__}: {e}") from None
    if refused:
        # Some recipients got it: it counts as sent, and the log says who did not.
        who = ", ".join(f"{a} ({_reply_of(*r)})" for a, r in refused.items())
        raise PartlySent(f"{server} refused some recipients: {who}", tuple(refused))


class PartlySent(MailError):
    """Sent, but the server refused some recipients: `refused`, the bare addresses as smtplib
    sent them (also named in the text)."""

    def __init__(self, message: str, refused: tuple[str, ...] = ()):
        super().__init__(message)
        self.refused = refused


def _reply_of(code: int, text: bytes | str) -> str:
    t = text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
    return f"{code} {' '.join(t.split())}"


def _reply(e: smtplib.SMTPResponseException) -> str:
    return _reply_of(e.smtp_code, e.smtp_error)
