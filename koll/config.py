"""Load koll.toml and the environment into frozen settings, with one clear error per mistake.

Every setting koll has is named here once, with its default and the reason for it. Code deeper
down receives these values as arguments and never reads the environment itself.
"""

from __future__ import annotations

import builtins
import codecs
import importlib
import math
import os
import re
import stat
import tomllib
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Literal, overload
from urllib.parse import urlsplit, urlunsplit

from analysis.brands import Brand, QueryError
from koll import searches as search_values
from koll.config_lines import feed_key as feed_key  # moved there, still importable from here
from koll.config_lines import feed_place as feed_place
from koll.config_lines import key_line
from koll.searches import PLATFORM_HOSTS, HostRule, SearchConfig, host_rule

FEED_KINDS = ("blog", "news", "comments", "forum", "press", "social")

# Feeds are polled every 30 minutes unless they say otherwise: most news and blog feeds we
# looked at change a few times an hour at most, and cron jobs typically run every 5-15 minutes.
DEFAULT_INTERVAL_S = 30 * 60
# A feed is polled at most once a minute: with "0s" a failing feed was retried on every run
# with no backoff at all (the backoff is interval × failures).
MIN_INTERVAL_S = 60


class ConfigError(Exception):
    """A mistake in the configuration: names the file, the key and what was expected."""

    def __init__(self, file: str | Path, key: str, problem: str, line: int | None = None):
        self.file, self.key, self.problem = str(file), key, hide_credentials(problem)
        self.line = line
        # A file name is shown whole unless it is absurd (a pasted 5,000-character --config).
        shown = self.file if len(self.file) <= 300 else f"{self.file[:120]}…"
        where = f"{shown}:{line}" if line is not None else shown
        super().__init__(f"{where}: {key}: {self.problem}")


class UnknownBrand(KeyError):
    """A brand name that koll.toml does not define; the message lists the ones it does."""


@dataclass(frozen=True)
class FeedConfig:
    url: str
    kind: str = "news"
    owner: str | None = None
    interval_s: int = DEFAULT_INTERVAL_S
    # Fetch the linked page of teaser-only items and store its main text (ingest/fulltext.py).
    fulltext: bool = False
    # The [[searches]] entry this feed was built from (ingest/sources.py), None for [[feeds]].
    search: SearchConfig | None = None


@dataclass(frozen=True)
class FetchSettings:
    # 20 s covers the slowest healthy feed servers we saw (large podcast feeds on shared hosting)
    # while keeping one dead host from holding a cron run for minutes.
    timeout_s: float = 20.0
    # The largest real feed in our fixture corpus is 1.6 MB; 10 MB leaves room for big archives
    # and still stops a runaway body long before memory matters.
    max_bytes: int = 10 * 1024 * 1024
    # Gzip bombs expand ~1000x; 50 MB decompressed is far above any real feed.
    max_decompressed_bytes: int = 50 * 1024 * 1024
    # Politeness: at most 2 connections per host and 0.5 s between request starts, whatever the
    # global concurrency, so 200 feeds on one host never hammer it.
    per_host_concurrency: int = 2
    per_host_gap_s: float = 0.5
    concurrency: int = 16
    # A feed gets at most this long in total (retries and redirects included).
    feed_budget_s: float = 60.0
    max_entries: int = 2000
    max_url_length: int = 2048
    # Full text (feeds with `fulltext = true`): article pages fetched per feed per run, at most.
    # A feed's first run may list dozens of teasers (up to max_entries); 20 pages keep that to
    # 10 s of one host's politeness gap and cover the few new items a later run brings.
    fulltext_max_pages: int = 20
    user_agent: str = "koll/0.1 (+https://github.com/koll-project/koll)"


@dataclass(frozen=True)
class WorkerSettings:
    """[workers]: how several `koll ingest` processes share the feeds on PostgreSQL."""

    # A worker owns the feeds it claimed for this long; if it dies, others take them over after
    # it. 10 minutes is well above one batch (fetches are capped at feed_budget_s, 60 s) and
    # still means a crashed worker's feeds are only one or two cron periods late.
    lease_s: int = 10 * 60
    # Feeds claimed per round: about two fetch rounds at the default concurrency, small enough
    # that N workers split a few hundred due feeds evenly.
    batch: int = 32
    # How long a run waits for a database server that went away (a restart, a failover) before
    # it gives up: `pg_ctl restart -m fast` kept the test cluster down 1.6 s and a managed
    # failover takes some 30 s; a minute covers both, and a run against a server that stays
    # down still ends within about a minute more (marked failed, its feeds given back).
    reconnect_s: int = 60


@dataclass(frozen=True)
class DashboardSettings:
    # A quiet auto-refresh every 5 minutes picks up new ingests without hammering the database.
    refresh_s: int = 300
    # Swedish: koll's users are Swedish communication teams. Digests, chat alerts and reports
    # are written in this language too.
    language: str = "sv"
    basic_auth_user: str | None = None
    basic_auth_password: str | None = None


@dataclass(frozen=True)
class AlertSettings:
    """[alerts]: kept so old files still load; `webhook` is a deprecated alias of
    [notify] webhook_url (NotifySettings.webhook_url already holds it)."""

    webhook: str | None = None


DIGEST_EVERY = ("day", "week")
WEBHOOK_FORMATS = ("slack", "teams", "json")


@dataclass(frozen=True)
class DigestSettings:
    """One [[notify.digests]] entry: who gets which brands' digest, how often."""

    to: tuple[str, ...]
    brands: tuple[str, ...]  # resolved to the [[brands]] names; all brands when left out
    # day: every day at 07:00 Europe/Stockholm (about yesterday); week: Monday 07:00 (last week).
    every: str = "day"

    @property
    def key(self) -> str:
        """Names the entry in the store's record of sent digests: the same recipients, brands
        and rhythm are the same digest, whatever their order in the file."""
        return f"{self.every}|{','.join(sorted(b.casefold() for b in self.brands))}|" + ",".join(
            sorted(a.casefold() for a in self.to)
        )


@dataclass(frozen=True)
class NotifySettings:
    """[notify]: e-mail digests, alert webhooks and the dashboard address their links open."""

    smtp_url: str | None = None  # smtp://user:pw@host:587 (STARTTLS) or smtps://…:465
    sender: str | None = None  # the `from` key
    webhook_url: str | None = None
    webhook_format: str | None = None  # slack | teams | json; None: guessed from the URL
    dashboard_url: str | None = None
    # 30 s: a healthy submission server answers each step within a few seconds; a dead one must
    # not hold the cron run that also ingests for longer than this per step.
    smtp_timeout_s: float = 30.0
    # One storm, one message: an alert of the same brand and kind waits at least this long after
    # the last one posted (the "one alert per hour per brand and kind").
    cooldown_s: int = 60 * 60
    # One run's whole webhook delivery (every message, its tries and waits) ends within this:
    # a webhook answering after 30 s held `koll analyse` 2 min 44 s for one brand's four
    # messages. Slack and Teams answer a healthy POST within a second, so a minute still sends
    # dozens of messages, or one message's three tries with their waits (2 + 8 s).
    webhook_budget_s: int = 60
    digests: tuple[DigestSettings, ...] = ()


@dataclass(frozen=True)
class Settings:
    config_path: Path
    database_url: str
    brands: tuple[Brand, ...] = ()
    feeds: tuple[FeedConfig, ...] = ()
    searches: tuple[SearchConfig, ...] = ()
    # Where each search type's platform is reached, over ingest/sources.py's real addresses:
    # tests and benchmarks serve the platforms locally. Not a koll.toml key.
    search_bases: Mapping[str, str] = field(default_factory=dict)
    # Platforms' own politeness (koll/searches.py), by host; tests give local hosts rules.
    host_rules: Mapping[str, HostRule] = field(default_factory=lambda: dict(PLATFORM_HOSTS))
    fetch: FetchSettings = field(default_factory=FetchSettings)
    dashboard: DashboardSettings = field(default_factory=DashboardSettings)
    alerts: AlertSettings = field(default_factory=AlertSettings)
    notify: NotifySettings = field(default_factory=NotifySettings)
    workers: WorkerSettings = field(default_factory=WorkerSettings)
    control_weights: Mapping[str, float] = field(default_factory=dict)

    @cached_property
    def fulltext_feeds(self) -> frozenset[str]:
        """The configured URLs (FeedRow.config_url) of feeds with `fulltext = true`."""
        return frozenset(f.url for f in self.feeds if f.fulltext)

    def brand(self, name: str) -> Brand:
        """The brand called `name` (case-insensitive, spaces around it and Unicode composition
        ignored: "ä" pasted from macOS as "a" and a combining diaeresis is "ä"); KeyError names
        the known brands."""
        wanted = brand_key(name)
        for b in self.brands:
            if brand_key(b.name) == wanted:
                return b
        known = ", ".join(b.name for b in self.brands) or "none"
        raise UnknownBrand(f"no brand called {name!r} in {self.config_path} (known: {known})")


def brand_key(name: str) -> str:
    """A brand name as it is looked up: NFC, stripped, case-folded."""
    return unicodedata.normalize("NFC", name.strip()).casefold()


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
    """A value as the error message shows it: repr, cut short (a 100 kB string is not echoed)."""
    text = repr(v)
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


def _check_url(file: Path, key: str, url: str) -> str:
    """An http(s) URL with a host; spaces and control characters are refused rather than
    guessed at (a space is either a typo or must be written %20)."""
    if len(url) > MAX_URL_LENGTH:
        raise ConfigError(file, key, f"expected a URL of at most {MAX_URL_LENGTH} characters")
    bad = next((c for c in url if c.isspace() or ord(c) < 32 or ord(c) == 127), None)
    if bad is not None:
        what = "a space" if bad == " " else f"the control character {bad!r}"
        raise ConfigError(file, key, f"{url!r} contains {what}; write a space in a URL as %20")
    invisible = bad_character(url)  # C1 controls, a zero-width space pasted with the URL
    if invisible is not None:
        raise ConfigError(file, key, f"{url!r} holds {invisible}")
    try:
        parts = urlsplit(url)
        ok = parts.scheme in ("http", "https") and bool(parts.hostname)
        parts.port  # noqa: B018 -- raises ValueError for a port that is no number or out of range
    except ValueError as e:
        raise ConfigError(file, key, f"expected an http(s) URL, got {url!r} ({e})") from None
    if not ok:
        raise ConfigError(file, key, f"expected an http(s) URL, got {url!r}")
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
    if scheme.split("+")[0].lower() == "sqlite":
        path = rest[1:] if rest.startswith("/") else rest
        if not path or path == ":memory:" or "mode=memory" in path:
            raise ConfigError(
                file,
                key,
                "an in-memory SQLite database keeps nothing between commands (and every worker "
                "would get its own); name a file, e.g. sqlite:///koll.db",
            )
    return url


def config_folder(file: Path) -> Path:
    """The folder a relative path in the config `file` is relative to: the file's own folder,
    or the working folder for a config read from a pipe (`--config <(sops -d koll.toml)`,
    `--config /dev/stdin`) or a device, whose folder (/dev/fd, /proc/<pid>/fd) means nothing
    to the user. A path that is not there (yet: koll demo names its config before writing it)
    is taken for a file's."""
    try:
        mode = os.stat(file).st_mode
    except OSError:
        return file.parent
    return file.parent if stat.S_ISREG(mode) else Path.cwd()


def _database_url(file: Path, url: str) -> str:
    """A relative SQLite path is relative to the config's folder (config_folder)."""
    if url.startswith("sqlite:///") and not url.startswith("sqlite:////"):
        rest = url[len("sqlite:///") :]
        if rest and rest != ":memory:" and not Path(rest).is_absolute():
            return "sqlite:///" + str((config_folder(file) / rest).resolve())
    return url


def _check_fulltext(file: Path, key: str, kind: str) -> None:
    """`fulltext = true` needs the optional extractor; say so at load time, not once per item.

    A missing extractor is a config error rather than a warning because an item stored with its
    teaser is never fetched again: carrying on would lose the full text for good.
    """
    if kind == "comments":
        raise ConfigError(
            file, key, "not for comment feeds (a comment's link is the post, not the comment)"
        )
    for module in ("trafilatura", "lxml_html_clean"):
        try:
            importlib.import_module(module)
        except ImportError:
            raise ConfigError(
                file,
                key,
                f"needs the optional extraction library ({module} is not installed): "
                "pip install 'koll[fulltext]'",
            ) from None


def default_config_path(env: Mapping[str, str] | None = None) -> Path:
    env = os.environ if env is None else env
    return Path(env.get("KOLL_CONFIG") or "koll.toml")


def _not_found(file: Path, source: str | None) -> str:
    """Why a config file was not found: the absolute path tried and, for a relative path, the
    working folder it was resolved from (Jupyter starts a kernel in the notebook's folder, so a
    KOLL_CONFIG relative to the folder jupyter was started in misses there)."""
    hint = "pass --config PATH or set KOLL_CONFIG"
    if file.is_absolute():
        return f"not found; {hint}"
    why = f"{source} is relative, so it is" if source else "it is"
    return (
        f"not found at {os.path.abspath(file)} ({why} resolved from the working folder "
        f"{os.getcwd()}; an absolute path works from any folder); {hint}"
    )


_FILE_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


# A pipe (`--config <(sops -d koll.toml)`, `--config /dev/stdin`) is read when its writer
# writes within this time and at most this much: a decrypting writer starts within a second, a
# koll.toml is a few kilobytes.
PIPE_WAIT_S = 10.0
PIPE_MAX_BYTES = 1024 * 1024


def _read_file(file: Path) -> tuple[bytes, bool]:
    """The bytes of koll.toml, a regular file (or a link to one) or a pipe with a writer, and
    whether it was a pipe: a named pipe without a writer waited for one for ever, a device
    could give bytes without end. Opened without blocking and checked on the open file, so
    nothing can be swapped in between."""
    fd = os.open(file, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISFIFO(mode):
            return _read_pipe(file, fd), True
        if not stat.S_ISREG(mode):
            kind = next((k for test, k in _FILE_KINDS if test(mode)), "something else")
            raise ConfigError(
                file.resolve(), "(file)", f"is {kind}, not a regular file; give a koll.toml file"
            )
        with os.fdopen(os.dup(fd), "rb") as f:
            return f.read(), False
    finally:
        os.close(fd)


def _read_pipe(file: Path, fd: int) -> bytes:
    """What a pipe's writer writes, to its end: ConfigError when the pipe has no writer (a read
    ends at once, empty), when nothing comes within PIPE_WAIT_S, or beyond PIPE_MAX_BYTES."""
    import select
    import time

    chunks: list[bytes] = []
    size, deadline = 0, time.monotonic() + PIPE_WAIT_S
    while True:
        if not select.select([fd], [], [], max(0.0, deadline - time.monotonic()))[0]:
            raise ConfigError(
                file.resolve(), "(file)", f"is a pipe nothing was written to in {PIPE_WAIT_S:g} s"
            )
        try:
            data = os.read(fd, 65536)
        except BlockingIOError:
            continue
        if not data:
            if not chunks:
                raise ConfigError(
                    file.resolve(), "(file)", "is a named pipe (FIFO) with nothing written to it"
                )
            return b"".join(chunks)
        chunks.append(data)
        size += len(data)
        if size > PIPE_MAX_BYTES:
            raise ConfigError(file.resolve(), "(file)", f"holds over {PIPE_MAX_BYTES} bytes")


# The first 16 bytes of every SQLite database file (sqlite.org/fileformat.html).
SQLITE_HEADER = b"SQLite format 3\x00"


def _not_a_database(file: Path, raw: bytes) -> None:
    """ConfigError for the workspace's database given where its koll.toml belongs (the two lie
    side by side): the decoder had said only "is not UTF-8 (byte 31)"."""
    if not raw.startswith(SQLITE_HEADER):
        return
    beside = file.parent / "koll.toml"
    hint = f" ({beside} is beside it)" if beside != file and beside.is_file() else ""
    raise ConfigError(
        file,
        "(file)",
        f"is an SQLite database, not a koll.toml; pass the workspace's koll.toml{hint}",
    )


def _decoded(file: Path, raw: bytes) -> str:
    """The text of koll.toml's bytes: UTF-8, after a byte order mark if it starts with one
    (Windows editors save one; TOML's reader took it for a statement). ConfigError naming the
    byte and its line, in `file` (an absolute path), for anything else."""
    _not_a_database(file, raw)
    bom = codecs.BOM_UTF8 if raw.startswith(codecs.BOM_UTF8) else b""
    body = raw[len(bom) :]
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as e:
        line = body[: e.start].count(b"\n") + 1
        raise ConfigError(
            file,
            "(file)",
            f"is not UTF-8 (byte {len(bom) + e.start}); save it as UTF-8",
            line,
        ) from None


_AT_LINE = re.compile(r" \(at line (\d+), column (\d+)\)$")


def _syntax_error(message: str) -> tuple[str, int | None]:
    """TOML's reader's message, its "(at line L, column C)" as the error's line and a column."""
    m = _AT_LINE.search(message)
    if m is None:
        return message, None
    return f"{message[: m.start()]} (column {m[2]})", int(m[1])


def load_settings(path: str | Path | None = None, env: Mapping[str, str] | None = None) -> Settings:
    """Read `path` (or KOLL_CONFIG, or ./koll.toml; `~` is the home folder); KOLL_DATABASE_URL
    overrides [storage] url."""
    env = os.environ if env is None else env
    # `~` as the shell would (and pandas does): a notebook's "~/koll-demo/koll.toml" was
    # looked for in a folder named "~" under the working folder.
    file = (Path(path) if path else default_config_path(env)).expanduser()
    try:
        raw, pipe = _read_file(file)
    except FileNotFoundError:
        source = "the path" if path else ("KOLL_CONFIG" if env.get("KOLL_CONFIG") else None)
        raise ConfigError(file, "(file)", _not_found(file, source)) from None
    except OSError as e:
        raise ConfigError(file, "(file)", f"cannot be read: {e.strerror}") from None
    # A pipe keeps the name it was given (/dev/stdin, /dev/fd/63): resolved, it became
    # /proc/<pid>/fd/pipe:[…], which names nothing and which config_folder could not tell
    # from a file, so its relative paths went to /proc/<pid>/fd.
    named = Path(os.path.abspath(file)) if pipe else file.resolve()
    text = _decoded(named, raw)
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        # Named as every other config error is: the absolute path and the line.
        problem, line = _syntax_error(str(e))
        raise ConfigError(named, "(syntax)", problem, line) from None
    try:
        return settings_from_dict(doc, named, env)
    except ConfigError as e:
        # The reader checks values, not text: the line is looked up once a mistake is found.
        line = key_line(text, e.key) if e.file == str(named) else None
        if line is None:
            raise
        raise ConfigError(e.file, e.key, e.problem, line) from None


def settings_from_dict(doc: dict, file: Path, env: Mapping[str, str] | None = None) -> Settings:
    """The checked Settings of a parsed koll.toml; the first mistake raises ConfigError."""
    env = os.environ if env is None else env
    top = _Reader(file, "", doc)
    top.only(
        {
            "storage",
            "brands",
            "feeds",
            "searches",
            "control",
            "fetch",
            "dashboard",
            "alerts",
            "notify",
            "workers",
        }
    )
    brands = _brands(file, doc.get("brands", []))
    alerts = _alerts(file, doc.get("alerts", {}))
    return Settings(
        config_path=file,
        database_url=_storage(file, doc.get("storage", {}), env),
        brands=brands,
        feeds=_feeds(file, doc.get("feeds", []), brands),
        searches=_searches(file, doc.get("searches", []), brands),
        fetch=_fetch_settings(file, doc.get("fetch", {})),
        dashboard=_dashboard(file, doc.get("dashboard", {}), env),
        alerts=alerts,
        notify=_notify(file, doc.get("notify", {}), brands, alerts, env),
        workers=_workers(file, doc.get("workers", {})),
        control_weights=_control_weights(file, doc.get("control", {})),
    )


def _storage(file: Path, table: Any, env: Mapping[str, str]) -> str:
    storage = _Reader(file, "storage", table)
    storage.only({"url"})
    from_env = env.get("KOLL_DATABASE_URL")
    db_url = from_env or storage.str("url", "sqlite:///koll.db")
    check_database_url(file, "KOLL_DATABASE_URL" if from_env else "storage.url", db_url)
    return _database_url(file, db_url)


def _brand(file: Path, i: int, table: Any) -> Brand:
    r = _Reader(file, f"brands[{i}]", table)
    r.only(
        {
            "name", "aliases", "exclude", "query", "owned_domains", "people", "key_messages",
            "competitors",
        }
    )  # fmt: skip
    domains = r.strs("owned_domains")
    for d in domains:
        if "/" in d or " " in d or "." not in d:
            raise ConfigError(
                file,
                r.key("owned_domains"),
                f"expected host names such as 'example.se', got {d!r}",
            )
    # Brand and person names are stored with every mention, in columns of this size.
    name = r.str("name", required=True, max_length=MAX_NAME).strip()
    return Brand(
        name=name,
        aliases=r.strs("aliases"),
        exclude=r.strs("exclude"),
        owned_domains=tuple(d.lower().removeprefix("www.") for d in domains),
        people=r.strs("people", max_length=MAX_NAME),
        key_messages=r.strs("key_messages"),
        competitors=r.strs("competitors"),
        query=_query(r, name),
    )


def _query(r: _Reader, name: str) -> str | None:
    """A brand's boolean query, parsed now so that a mistake stops every command with a caret
    under its position; it replaces aliases and exclude, so it may not stand beside them."""
    query = r.str("query")
    if query is None:
        return None
    if r.table.get("aliases") or r.table.get("exclude"):
        raise ConfigError(
            r.file,
            r.key("query"),
            f"brand {name!r}: a query replaces aliases and exclude; "
            "write them into the query (OR for aliases, NOT for exclusions)",
        )
    from analysis.query import Query

    try:
        Query(query)
    except QueryError as e:
        raise ConfigError(r.file, r.key("query"), f"brand {name!r}: {e.pointed(query)}") from None
    return query


def _term_key(term: str) -> str:
    """When two names are the same one: case and spacing aside (å ä ö too in handles)."""
    from analysis.names import clean, kind_of
    from analysis.text import fold

    t = clean(term)
    return fold(t) if kind_of(t) in ("handle", "domain") else t.casefold()


def _check_aliases(file: Path, brands: list[Brand]) -> None:
    """One name or alias on two brands would count each of its mentions for both."""
    seen: dict[str, tuple[int, bool]] = {}  # term -> (brand, whether it is that brand's name)
    for i, b in enumerate(brands):
        own = _term_key(b.name)
        for term in dict.fromkeys(_term_key(t) for t in (b.name, *b.aliases) if t.strip()):
            j, named = seen.setdefault(term, (i, term == own))
            if j != i:
                # Point at the alias, not at a name: when this brand's own name is another
                # brand's alias, the mistake is in that brand's aliases (it had pointed here).
                at = j if term == own and not named else i
                raise ConfigError(
                    file,
                    f"brands[{at}].aliases",
                    f"{term!r} names both brand {brands[j].name!r} and brand {b.name!r}; "
                    "give it to one of them",
                )


def _brands(file: Path, tables: Any) -> tuple[Brand, ...]:
    if not isinstance(tables, list):
        raise ConfigError(file, "brands", "expected [[brands]] tables")
    brands = [_brand(file, i, b) for i, b in enumerate(tables)]
    names = [brand_key(b.name) for b in brands]
    for i, b in enumerate(brands):
        first = names.index(brand_key(b.name))
        if first < i:  # the second of the two is the one to point at (it repeats the first)
            raise ConfigError(
                file,
                f"brands[{i}].name",
                f"brand {b.name!r} is defined twice (also as brands[{first}])",
            )
        for c in b.competitors:
            if brand_key(c) not in names:
                raise ConfigError(
                    file, f"brands[{i}].competitors", f"{c!r} names no [[brands]] entry"
                )
            if brand_key(c) == brand_key(b.name):
                raise ConfigError(
                    file, f"brands[{i}].competitors", f"{c!r} is the brand itself; name others"
                )
        own = {_term_key(t) for t in (b.name, *b.aliases)}
        for x in b.exclude:
            if _term_key(x) in own:
                # it would remove every mention: exclude is for look-alikes of the name
                raise ConfigError(
                    file,
                    f"brands[{i}].exclude",
                    f"{x!r} is the brand's own name or alias, so nothing would match; "
                    "exclude look-alikes such as 'Fjällkraftverket'",
                )
    _check_aliases(file, brands)
    return tuple(brands)


def _feed(file: Path, i: int, table: Any, brands: tuple[Brand, ...]) -> FeedConfig:
    r = _Reader(file, f"feeds[{i}]", table)
    r.only({"url", "kind", "owner", "interval", "fulltext"})
    url = _check_url(file, r.key("url"), r.str("url", required=True).strip())
    kind = r.str("kind", "news")
    if kind not in FEED_KINDS:
        raise ConfigError(
            file, r.key("kind"), f"expected one of {', '.join(FEED_KINDS)}, got {kind!r}"
        )
    owner = _brand_name(r, "owner", brands)
    # An interval under a minute polled (and, failing, retried) a feed on every run.
    interval = r.duration("interval", DEFAULT_INTERVAL_S, minimum_s=MIN_INTERVAL_S)
    interval = polite_interval(url, interval)
    fulltext = r.flag("fulltext")
    if fulltext:
        _check_fulltext(file, r.key("fulltext"), kind)
    return FeedConfig(url=url, kind=kind, owner=owner, interval_s=interval, fulltext=fulltext)


def _feeds(file: Path, tables: Any, brands: tuple[Brand, ...]) -> tuple[FeedConfig, ...]:
    if not isinstance(tables, list):
        raise ConfigError(file, "feeds", "expected [[feeds]] tables")
    feeds: list[FeedConfig] = []
    seen: dict[str, str] = {}
    for i, table in enumerate(tables):
        f = _feed(file, i, table, brands)
        same = seen.get(feed_address(f.url))
        if same is not None:
            also = "" if same == f.url else f" (as {same})"
            raise ConfigError(file, f"feeds[{i}].url", f"feed {f.url} is listed twice{also}")
        seen[feed_address(f.url)] = f.url
        feeds.append(f)
    return tuple(feeds)


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


# The [fetch] keys' ranges; a key not named here gets its kind's defaults (whole numbers from 1,
# seconds from 0, see _Reader). concurrency or per_host_concurrency 0 hung a run holding the
# lock; a timeout of 0.01 s failed every feed; max_entries 0 kept nothing.
FETCH_LIMITS: dict[str, tuple[float, float]] = {
    "timeout_s": (1, 3600),
    "feed_budget_s": (1, 24 * 3600),
    "per_host_gap_s": (0, 3600),
    "concurrency": (1, 10_000),
    "per_host_concurrency": (1, 1000),
    "max_entries": (1, 1_000_000),
    "max_bytes": (1024, MAX_COUNT),
    "max_decompressed_bytes": (1024, MAX_COUNT),
    "max_url_length": (64, 100_000),
    "fulltext_max_pages": (0, 10_000),
}


def _brand_name(r: _Reader, name: str, brands: tuple[Brand, ...]) -> str | None:
    """A key naming a [[brands]] entry (any case), as that entry spells it."""
    value = r.str(name)
    if value is None:
        return None
    match = [b.name for b in brands if brand_key(b.name) == brand_key(value)]
    if not match:
        raise ConfigError(r.file, r.key(name), f"{value!r} names no [[brands]] entry")
    return match[0]


def polite_interval(url: str, interval_s: int) -> int:
    """The interval, raised to what the URL's platform allows (Google News: 15 minutes)."""
    rule = host_rule(urlsplit(url).hostname or "")
    if rule is not None and rule.min_interval_s:
        return max(interval_s, rule.min_interval_s)
    return interval_s


def _search(file: Path, i: int, table: Any, brands: tuple[Brand, ...]) -> SearchConfig:
    r = _Reader(file, f"searches[{i}]", table)
    return search_values.read(
        r,
        brand=_brand_name(r, "brand", brands),
        interval_s=_duration(r, "interval") if "interval" in r.table else None,
    )


def _searches(file: Path, tables: Any, brands: tuple[Brand, ...]) -> tuple[SearchConfig, ...]:
    if not isinstance(tables, list):
        raise ConfigError(file, "searches", "expected [[searches]] tables")
    found: list[SearchConfig] = []
    for i, table in enumerate(tables):
        s = _search(file, i, table, brands)
        for j, earlier in enumerate(found):
            if earlier.identity() == s.identity():
                raise ConfigError(
                    file, f"searches[{i}]", f"the same search as searches[{j}] (one feed)"
                )
        found.append(s)
    return tuple(found)


def _duration(r: _Reader, name: str) -> int:
    """A duration key ('30m', '2h', '1d') of the table `r` reads, in seconds (present: the
    default is never used), within the same range as a feed's interval."""
    return r.duration(name, DEFAULT_INTERVAL_S, minimum_s=MIN_INTERVAL_S)


def _fetch_settings(file: Path, table: Any) -> FetchSettings:
    fr = _Reader(file, "fetch", table)
    defaults = FetchSettings()
    fr.only(set(defaults.__dataclass_fields__))
    values: dict[str, Any] = {}
    for k in defaults.__dataclass_fields__:
        default = getattr(defaults, k)
        if isinstance(default, str):
            values[k] = fr.str(k, default)
        elif isinstance(default, int):
            low, high = FETCH_LIMITS.get(k, (1, MAX_COUNT))
            values[k] = fr.count(k, default, minimum=int(low), maximum=int(high))
        else:
            low, high = FETCH_LIMITS.get(k, (0, MAX_NUMBER))
            values[k] = float(fr.num(k, default, minimum=low, maximum=high))
    return FetchSettings(**values)


def _dashboard(file: Path, table: Any, env: Mapping[str, str]) -> DashboardSettings:
    dr = _Reader(file, "dashboard", table)
    dr.only({"refresh", "language", "basic_auth_user", "basic_auth_password"})
    # The dashboard redraws at most every 10 s whatever is set (dashboard/app.py).
    refresh = dr.duration("refresh", DashboardSettings.refresh_s, minimum_s=10)
    lang = dr.str("language", "sv")
    if lang not in ("sv", "en"):
        raise ConfigError(file, "dashboard.language", f"expected 'sv' or 'en', got {lang!r}")
    user = dr.str("basic_auth_user")
    password = env.get("KOLL_DASHBOARD_PASSWORD") or dr.str("basic_auth_password")
    # Half a login served the dashboard with no sign-in at all, and without a word.
    if user and not password:
        raise ConfigError(
            file,
            "dashboard.basic_auth_user",
            "is set but no password is: set basic_auth_password or KOLL_DASHBOARD_PASSWORD "
            "too (or leave both out for no sign-in)",
        )
    # A password in the file without a user is the same mistake. KOLL_DASHBOARD_PASSWORD alone
    # is not: the environment may serve several workspaces (`koll serve` warns instead).
    if "basic_auth_password" in dr.table and not user:
        raise ConfigError(
            file,
            "dashboard.basic_auth_password",
            "a password is set but basic_auth_user is not: set both, or neither for no sign-in",
        )
    return DashboardSettings(
        refresh_s=refresh, language=lang, basic_auth_user=user, basic_auth_password=password
    )


def _workers(file: Path, table: Any) -> WorkerSettings:
    wk = _Reader(file, "workers", table)
    wk.only({"lease", "batch", "reconnect"})
    return WorkerSettings(
        lease_s=wk.duration("lease", WorkerSettings.lease_s, minimum_s=1),
        batch=wk.count("batch", WorkerSettings.batch, maximum=100_000),
        reconnect_s=wk.duration("reconnect", WorkerSettings.reconnect_s, maximum_s=3600),
    )


def _alerts(file: Path, table: Any) -> AlertSettings:
    ar = _Reader(file, "alerts", table)
    ar.only({"webhook"})
    webhook = ar.str("webhook")
    if webhook:
        _check_url(file, "alerts.webhook", webhook)
    return AlertSettings(webhook=webhook)


def _control_weights(file: Path, table: Any) -> dict[str, float]:
    cr = _Reader(file, "control", table)
    cr.only({"weights"})
    wr = _Reader(file, "control.weights", cr.table.get("weights", {}))
    components = {"owned_share", "echo_rate", "agenda_share", "dialogue_rate", "net_sentiment"}
    wr.only(components)
    # Up to 100: a weight is relative to the others, and 1e308 made the weighted sum inf.
    return {k: float(wr.num(k, 1.0, maximum=100)) for k in wr.table}


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


def _digest(file: Path, i: int, table: Any, brands: tuple[Brand, ...]) -> DigestSettings:
    r = _Reader(file, f"notify.digests[{i}]", table)
    r.only({"to", "brands", "every"})
    to = tuple(_address(file, r.key("to"), a) for a in r.strs("to"))
    if not to:
        raise ConfigError(file, r.key("to"), "expected at least one e-mail address")
    names = []
    for name in r.strs("brands"):
        match = [b.name for b in brands if brand_key(b.name) == brand_key(name)]
        if not match:
            raise ConfigError(file, r.key("brands"), f"{name!r} names no [[brands]] entry")
        names.append(match[0])
    every = r.str("every", "day")
    if every not in DIGEST_EVERY:
        raise ConfigError(
            file, r.key("every"), f"expected one of {', '.join(DIGEST_EVERY)}, got {every!r}"
        )
    return DigestSettings(to=to, brands=tuple(names) or tuple(b.name for b in brands), every=every)


def _notify(
    file: Path, table: Any, brands: tuple[Brand, ...], alerts: AlertSettings, env: Mapping
) -> NotifySettings:
    nr = _Reader(file, "notify", table)
    nr.only(
        {
            "smtp_url",
            "from",
            "webhook_url",
            "webhook_format",
            "dashboard_url",
            "smtp_timeout_s",
            "cooldown",
            "webhook_budget",
            "digests",
        }
    )
    smtp_url = env.get("KOLL_SMTP_URL") or nr.str("smtp_url")
    if smtp_url:
        _check_smtp_url(file, "notify.smtp_url", smtp_url)
    sender = nr.str("from")
    if sender is not None:
        _address(file, "notify.from", sender)
    webhook = nr.str("webhook_url")
    if webhook:
        _check_url(file, "notify.webhook_url", webhook)
        if alerts.webhook and alerts.webhook != webhook:
            raise ConfigError(
                file,
                "alerts.webhook",
                "is the old name of [notify] webhook_url, which is set to another URL: "
                "keep only [notify] webhook_url",
            )
    fmt = nr.str("webhook_format")
    if fmt is not None and fmt not in WEBHOOK_FORMATS:
        raise ConfigError(
            file,
            "notify.webhook_format",
            f"expected one of {', '.join(WEBHOOK_FORMATS)}, got {fmt!r}",
        )
    dashboard_url = nr.str("dashboard_url")
    if dashboard_url:
        _check_url(file, "notify.dashboard_url", dashboard_url)
    cooldown = _duration(nr, "cooldown") if "cooldown" in nr.table else NotifySettings.cooldown_s
    # At least one try's timeout (10 s), at most an hour: a cron run every 5-15 minutes.
    budget = nr.duration(
        "webhook_budget", NotifySettings.webhook_budget_s, minimum_s=10, maximum_s=3600
    )
    tables = nr.table.get("digests", [])
    if not isinstance(tables, list):
        raise ConfigError(file, "notify.digests", "expected [[notify.digests]] tables")
    return NotifySettings(
        smtp_url=smtp_url,
        sender=sender,
        webhook_url=webhook or alerts.webhook,
        webhook_format=fmt,
        dashboard_url=dashboard_url.rstrip("/") if dashboard_url else None,
        smtp_timeout_s=float(nr.num("smtp_timeout_s", NotifySettings.smtp_timeout_s, minimum=1)),
        cooldown_s=cooldown,
        webhook_budget_s=budget,
        digests=tuple(_digest(file, i, t, brands) for i, t in enumerate(tables)),
    )
