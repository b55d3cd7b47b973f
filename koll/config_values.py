"""Checking one value of koll.toml: its type and range, characters, duration, URL or address.

ConfigError, the error every mistake in the configuration raises, lives here so that the
modules reading the file (koll.config, koll.config_file) share it; users catch it as
koll.config.ConfigError.
"""

from __future__ import annotations

import builtins
import math
import re
import unicodedata
from datetime import date, time
from pathlib import Path
from typing import Any, Literal, overload
from urllib.parse import urlsplit, urlunsplit


class ConfigError(Exception):
    """A mistake in the configuration: names the file, the key and what was expected."""

    def __init__(self, file: str | Path, key: str, problem: str, line: int | None = None):
        self.file, self.key, self.problem = str(file), key, hide_credentials(problem)
        self.line = line
        # A file name is shown whole unless it is absurd (a pasted 5,000-character --config).
        shown = self.file if len(self.file) <= 300 else f"{self.file[:120]}…"
        where = f"{shown}:{line}" if line is not None else shown
        super().__init__(f"{where}: {key}: {self.problem}")


_DURATION = re.compile(r"^\s*(?:(\d+)\s*d)?\s*(?:(\d+)\s*h)?\s*(?:(\d+)\s*m)?\s*(?:(\d+)\s*s)?\s*$")


def parse_duration(text: str) -> int:
    """'30m', '1h', '2h30m', '1d', '45s' -> seconds. ValueError when it is none of those."""
    m = _DURATION.match(text or "")
    if not m or not any(m.groups()):
        raise ValueError(f"expected a duration such as '30m', '2h' or '1d', got {_shown(text)}")
    d, h, mi, s = (int(g or 0) for g in m.groups())
    return d * 86400 + h * 3600 + mi * 60 + s


# Limits every key of its kind gets unless it names its own. Values beyond them were accepted
# and then failed far from the file: 10**30 overflowed a database integer or zlib's size
# argument, a 10-year duration overflowed datetime arithmetic, a 1 MB string a header line.
MAX_COUNT = 2**31 - 1  # a PostgreSQL integer
MAX_NUMBER = 1e6
MAX_DURATION_S = 366 * 86400
MAX_TEXT = 2000
MAX_NAME = 200  # brand and person names: the database's name columns


def _shown(v: Any) -> str:
    """A value as the error message shows it: repr, cut short (a 100 kB string is not echoed);
    a TOML date or time as written (`name = 1979-05-27` had shown `datetime.date(1979, 5, 27)`)."""
    text = f"{v.isoformat()} (a date or time)" if isinstance(v, date | time) else repr(v)
    return text if len(text) <= 80 else f"{text[:60]}… ({len(text)} characters)"


def _invisible_format(c: str) -> bool:
    """A character that changes how text around it is shown, or nothing at all (Unicode
    category Cf: zero-width spaces and joiners, direction marks and overrides, the BOM, soft
    hyphens), or a line or paragraph separator (U+2028, U+2029)."""
    return unicodedata.category(c) == "Cf" or c in "\u2028\u2029"


def _emoji_joiner(v: str, i: int) -> bool:
    """Whether v[i] is a zero-width joiner inside an emoji sequence (👩‍💻, 🏳️‍🌈), or a tag of a
    subdivision flag (U+1F3F4 and tag letters: Scotland's, Wales'), written as part of the emoji. A joiner stands between a
    symbol (after its skin tone or presentation selector) and the next symbol, where it is part
    of what is written. Anywhere else it is an invisible paste mistake."""
    if "\U000e0020" <= v[i] <= "\U000e007f":
        # The tags of a subdivision flag (🏴 + "gbsct" + cancel tag: Scotland's) are visible.
        k = i
        while k > 0 and "\U000e0020" <= v[k - 1] <= "\U000e007f":
            k -= 1
        return k > 0 and v[k - 1] == "\U0001f3f4"
    if v[i] != "\u200d" or not 0 < i < len(v) - 1:
        return False
    before, after = unicodedata.category(v[i - 1]), unicodedata.category(v[i + 1])
    return after == "So" and before in ("So", "Sk", "Mn")


def bad_character(v: str) -> str | None:
    """What is wrong with `v` as a name, key or header, as a message's end ("a control
    character ('\\r' at position 4)"), or None: control characters (C0, DEL, C1 such as NEL),
    line and paragraph separators, and invisible format characters other than an emoji's
    joiner. Each looks like nothing, or like a line break, where it is shown."""
    for i, c in enumerate(v):
        code = ord(c)
        if code < 0x20 or 0x7F <= code <= 0x9F:
            return f"a control character ({c!r} at position {i})"
        if _invisible_format(c) and not _emoji_joiner(v, i):
            what = "a line break" if c in "\u2028\u2029" else "an invisible character"
            name = unicodedata.name(c, "")
            return f"{what} (U+{code:04X} {name} at position {i}); retype the text around it"
    return None


def _duration_text(seconds: int) -> str:
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds >= size and seconds % size == 0:
            return f"'{seconds // size}{unit}'"
    return f"'{seconds}s'"


class _Reader:
    """Checks one table of the TOML document against the keys and types it may have.

    Every kind of value has one method that checks its type and range (str, strs, flag, num,
    count, duration), so a new key gets the same checks by using them.
    """

    def __init__(self, file: Path, prefix: str, table: Any):
        self.file, self.prefix = file, prefix
        if not isinstance(table, dict):
            raise ConfigError(file, prefix, f"expected a table, got {type(table).__name__}")
        self.table = table

    def key(self, name: str) -> str:
        return f"{self.prefix}.{name}" if self.prefix else name

    def only(self, allowed: set[str]) -> None:
        for k in self.table:
            if k not in allowed:
                raise ConfigError(
                    self.file,
                    self.key(k),
                    f"unknown key (expected one of: {', '.join(sorted(allowed))})",
                )

    def fail(self, name: builtins.str, problem: builtins.str) -> ConfigError:
        """The ConfigError for key `name` of this table (raise it)."""
        return ConfigError(self.file, self.key(name), problem)

    # Inside this class `str` is the method below, so the later annotations say builtins.str.
    @overload
    def str(
        self, name: str, default: str, required: bool = False, *, max_length: int = MAX_TEXT
    ) -> str: ...
    @overload
    def str(
        self,
        name: str,
        default: None = None,
        *,
        required: Literal[True],
        max_length: int = MAX_TEXT,
    ) -> str: ...
    @overload
    def str(
        self,
        name: str,
        default: None = None,
        required: bool = False,
        *,
        max_length: int = MAX_TEXT,
    ) -> str | None: ...
    def str(
        self,
        name: str,
        default: str | None = None,
        required: bool = False,
        *,
        max_length: int = MAX_TEXT,
    ) -> str | None:
        """A string; empty (or blank) is refused: a key given without a value is a mistake."""
        if name not in self.table:
            if required:
                raise self.fail(name, "missing (a string is required)")
            return default
        v = self.table[name]
        if not isinstance(v, str) or not v.strip():
            raise self.fail(name, f"expected a non-empty string, got {_shown(v)}")
        if len(v) > max_length:
            raise self.fail(name, f"expected at most {max_length} characters, got {len(v)}")
        self._no_control(name, v)
        return v

    def _no_control(self, name: builtins.str, v: builtins.str) -> None:
        """A line break or other control character in a name, URL or header is a paste
        mistake, and a late one: a user agent with "\\r\\n" loaded and then failed every feed.
        So is an invisible one (bad_character): a brand name with a zero-width space loaded as
        another brand that matched nothing."""
        bad = bad_character(v)
        if bad is not None:
            raise self.fail(name, f"{_shown(v)} holds {bad}")

    def strs(self, name: builtins.str, *, max_length: int = MAX_TEXT) -> tuple[builtins.str, ...]:
        v = self.table.get(name, [])
        if not isinstance(v, list) or not all(isinstance(x, str) and x.strip() for x in v):
            raise self.fail(name, f"expected a list of non-empty strings, got {_shown(v)}")
        for x in v:
            if len(x.strip()) > max_length:
                raise self.fail(name, f"expected at most {max_length} characters, got {_shown(x)}")
            self._no_control(name, x.strip())
        return tuple(x.strip() for x in v)

    def flag(self, name: builtins.str, default: bool = False) -> bool:
        v = self.table.get(name, default)
        if not isinstance(v, bool):
            raise self.fail(name, f"expected true or false, got {_shown(v)}")
        return v

    def num(
        self, name: builtins.str, default: float, *, minimum: float = 0, maximum: float = MAX_NUMBER
    ) -> float:
        """A finite number from `minimum` to `maximum` (inf and nan are refused: a timeout of
        inf overflowed, nan compares false with every limit and so slipped past them)."""
        v = self.table.get(name, default)
        ok = not isinstance(v, bool) and isinstance(v, int | float) and math.isfinite(v)
        if not ok or not minimum <= v <= maximum:
            raise self.fail(
                name, f"expected a number from {minimum:g} to {maximum:g}, got {_shown(v)}"
            )
        return v

    def count(
        self, name: builtins.str, default: int, *, minimum: int = 1, maximum: int = MAX_COUNT
    ) -> int:
        """A whole number from `minimum` (default 1: a concurrency or cap of 0 hangs or stores
        nothing) to `maximum`."""
        v = self.table.get(name, default)
        if isinstance(v, bool) or not isinstance(v, int) or not minimum <= v <= maximum:
            raise self.fail(
                name, f"expected a whole number from {minimum} to {maximum}, got {_shown(v)}"
            )
        return v

    def duration(
        self,
        name: builtins.str,
        default_s: int,
        *,
        minimum_s: int = 1,
        maximum_s: int = MAX_DURATION_S,
    ) -> int:
        """A duration ('30m', '2h', '1d') in seconds, from `minimum_s` to `maximum_s`."""
        if name not in self.table:
            return default_s
        v = self.table[name]
        if not isinstance(v, str):
            raise self.fail(
                name, f"expected a duration such as '30m', '2h' or '1d', got {_shown(v)}"
            )
        try:
            seconds = parse_duration(v)
        except ValueError as e:
            raise self.fail(name, str(e)) from None
        if not minimum_s <= seconds <= maximum_s:
            raise self.fail(
                name,
                f"expected from {_duration_text(minimum_s)} to {_duration_text(maximum_s)}, "
                f"got {_shown(v)}",
            )
        return seconds


# user:password@ right after a URL's scheme. ":" and "@" inside a password must be
# percent-encoded in a valid URL, but people paste them raw, so the match runs to the last "@"
# before the next "/", "?", "#", space or quote.
_USERINFO = re.compile(
    r"(?P<scheme>\b[a-zA-Z][a-zA-Z0-9+.-]*://)(?P<user>[^/?#\s\"'<>:@]*):(?P<secret>[^/?#\s\"'<>]*)@"
)


def _mask(m: re.Match) -> str:
    # As database URLs are shown: the user stays, the password goes.
    return f"{m.group('scheme')}{m.group('user')}:***@"


@overload
def hide_credentials(text: str) -> str: ...
@overload
def hide_credentials(text: None) -> None: ...
def hide_credentials(text: str | None) -> str | None:
    """`text` with the credentials in every URL in it masked (http://anna:***@host/feed).

    Feed and database URLs may carry a password: wherever koll shows one (logs, `koll feeds`,
    exports, the API's `feed` column, error messages), it goes through here.
    """
    if not text or "@" not in text:
        return text
    return _USERINFO.sub(_mask, text)


# The database keeps feed URLs in columns of this size.
MAX_URL_LENGTH = 2048


def _url_shown(url: str, secret_path: bool) -> str:
    """`url` for an error message: its password masked, and with `secret_path` (a Slack or
    Teams webhook, whose token is its path) only its scheme and host, as a cron log keeps it."""
    if not secret_path:
        return hide_credentials(url)
    scheme, sep, rest = url.partition("://")
    host = re.split(r"[/?#\s]", rest, maxsplit=1)[0].rpartition("@")[2]  # no user, no path
    return f"{scheme}{sep}{host}/…" if sep else "…"


def _check_url(file: Path, key: str, url: str, *, secret_path: bool = False) -> str:
    """An http(s) URL with a host; spaces and control characters are refused rather than
    guessed at (a space is either a typo or must be written %20). Messages show the URL with
    its password masked, and a `secret_path` URL (a webhook's) without its path."""
    shown = _url_shown(url, secret_path)
    if len(url) > MAX_URL_LENGTH:
        raise ConfigError(file, key, f"expected a URL of at most {MAX_URL_LENGTH} characters")
    bad = next((c for c in url if c.isspace() or ord(c) < 32 or ord(c) == 127), None)
    if bad is not None:
        what = "a space" if bad == " " else f"the control character {bad!r}"
        raise ConfigError(file, key, f"{shown!r} contains {what}; write a space in a URL as %20")
    invisible = bad_character(url)  # C1 controls, a zero-width space pasted with the URL
    if invisible is not None:
        raise ConfigError(file, key, f"{shown!r} holds {invisible}")
    try:
        parts = urlsplit(url)
        ok = parts.scheme in ("http", "https") and bool(parts.hostname)
        parts.port  # noqa: B018 -- raises ValueError for a port that is no number or out of range
    except ValueError as e:
        raise ConfigError(file, key, f"expected an http(s) URL, got {shown!r} ({e})") from None
    if not ok:
        raise ConfigError(file, key, f"expected an http(s) URL, got {shown!r}")
    return url


# The engines koll supports: SQLAlchemy knows more, but koll's SQL is written and tested for these.
DATABASE_SCHEMES = ("sqlite", "postgresql", "postgres")


def check_database_url(file: str | Path, key: str, url: str) -> str:
    """A database URL koll can use: an SQLite file or PostgreSQL (any driver suffix)."""
    example = "sqlite:///koll.db or postgresql://user@host/db"
    scheme, sep, rest = url.partition("://")
    if not sep or scheme.split("+")[0].lower() not in DATABASE_SCHEMES:
        raise ConfigError(
            file, key, f"expected a database URL such as {example}, got {hide_credentials(url)!r}"
        )
    if scheme != scheme.lower():  # SQLAlchemy looks its dialect up by the scheme as written
        raise ConfigError(
            file,
            key,
            f"write the URL's scheme in lower case ({scheme.lower()}://…), got "
            f"{hide_credentials(url)!r}",
        )
    if scheme.split("+")[0] == "sqlite":
        path = rest[1:] if rest.startswith("/") else rest
        if not path or path == ":memory:" or "mode=memory" in path:
            raise ConfigError(
                file,
                key,
                "an in-memory SQLite database keeps nothing between commands (and every worker "
                "would get its own); name a file, e.g. sqlite:///koll.db",
            )
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:  # a port that is no number, an unclosed [ of an IPv6 host: a traceback otherwise
        make_url(url)
    except (ValueError, ArgumentError) as e:
        reason = hide_credentials(str(e)) if str(e) else e.__class__.__name__
        raise ConfigError(
            file, key, f"cannot read {hide_credentials(url)!r} as a database URL ({reason})"
        ) from None
    return url


def feed_address(url: str) -> str:
    """The address a feed URL fetches: scheme and host in any case and a default port are one
    address (`HTTP://Example.se:80/feed` is `http://example.se/feed`); path and query are kept
    as written, as a server may tell them apart. Two spellings of one feed had both been
    fetched on every run, past the per-host limits. The store compares stored feeds' addresses
    with the file's the same way (koll/store/feed_sync.py)."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    try:
        port = parts.port
    except ValueError:
        return url
    host = (parts.hostname or "").rstrip(".")
    if ":" in host:
        host = f"[{host}]"
    default = {"http": 80, "https": 443}.get(scheme)
    netloc = host if port in (None, default) else f"{host}:{port}"
    if parts.username or parts.password:
        netloc = f"{parts.username or ''}:{parts.password or ''}@{netloc}"
    return urlunsplit((scheme, netloc, parts.path or "/", parts.query, ""))


def _check_smtp_url(file: Path, key: str, url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
        raise ConfigError(
            file, key, f"expected smtp://host:587 (STARTTLS) or smtps://host:465, got {url!r}"
        )
    try:
        parts.port  # noqa: B018 (urlsplit checks the port only when asked)
    except ValueError:
        raise ConfigError(file, key, f"the port is not a number in {url!r}") from None
    return url


def is_address(text: str) -> bool:
    """Whether `text` is an e-mail address, alone or with a display name ("koll <koll@example.se>")."""
    from email.utils import parseaddr

    # One address only: parseaddr reads the first of "a@x.se, b@x.se" and the mail went to both;
    # a line break ("a@x.se\nBcc: …") would be a header of its own, and failed with a traceback.
    if any(c in text for c in ",;") or bad_character(text) is not None:
        return False
    _, addr = parseaddr(text)
    local, _, domain = addr.rpartition("@")
    return bool(local) and "." in domain and not any(c.isspace() for c in addr)


def _address(file: Path, key: str, text: str) -> str:
    if not is_address(text):
        raise ConfigError(file, key, f"expected an e-mail address, got {text!r}")
    return text.strip()
