"""Load koll.toml and the environment into frozen settings, with one clear error per mistake.

Every setting koll has is named here once, with its default and the reason for it. Code deeper
down receives these values as arguments and never reads the environment itself.
"""

from __future__ import annotations

import importlib
import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from analysis.brands import Brand
from koll import searches as search_values
from koll.searches import PLATFORM_HOSTS, HostRule, SearchConfig, host_rule

FEED_KINDS = ("blog", "news", "comments", "forum", "press", "social")

# Feeds are polled every 30 minutes unless they say otherwise: most news and blog feeds we
# looked at change a few times an hour at most, and cron jobs typically run every 5-15 minutes.
DEFAULT_INTERVAL_S = 30 * 60


class ConfigError(Exception):
    """A mistake in the configuration: names the file, the key and what was expected."""

    def __init__(self, file: str | Path, key: str, problem: str):
        self.file, self.key, self.problem = str(file), key, problem
        super().__init__(f"{file}: {key}: {problem}")


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
        """The brand called `name` (case-insensitive); KeyError names the known brands."""
        for b in self.brands:
            if b.name.casefold() == name.casefold():
                return b
        known = ", ".join(b.name for b in self.brands) or "none"
        raise UnknownBrand(f"no brand called {name!r} in {self.config_path} (known: {known})")


_DURATION = re.compile(r"^\s*(?:(\d+)\s*d)?\s*(?:(\d+)\s*h)?\s*(?:(\d+)\s*m)?\s*(?:(\d+)\s*s)?\s*$")


def parse_duration(text: str) -> int:
    """'30m', '1h', '2h30m', '1d', '45s' -> seconds. ValueError when it is none of those."""
    m = _DURATION.match(text or "")
    if not m or not any(m.groups()):
        raise ValueError(f"expected a duration such as '30m', '2h' or '1d', got {text!r}")
    d, h, mi, s = (int(g or 0) for g in m.groups())
    return d * 86400 + h * 3600 + mi * 60 + s


class _Reader:
    """Checks one table of the TOML document against the keys and types it may have."""

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

    def str(self, name: str, default: str | None = None, required: bool = False) -> str | None:
        if name not in self.table:
            if required:
                raise ConfigError(self.file, self.key(name), "missing (a string is required)")
            return default
        v = self.table[name]
        if not isinstance(v, str) or (required and not v.strip()):
            raise ConfigError(self.file, self.key(name), f"expected a non-empty string, got {v!r}")
        return v

    def strs(self, name: str) -> tuple[str, ...]:
        v = self.table.get(name, [])
        if not isinstance(v, list) or not all(isinstance(x, str) and x.strip() for x in v):
            raise ConfigError(
                self.file, self.key(name), f"expected a list of non-empty strings, got {v!r}"
            )
        return tuple(x.strip() for x in v)

    def fail(self, name: str, problem: str) -> ConfigError:
        """The error for key `name` of this table (for readers of tables outside this module)."""
        return ConfigError(self.file, self.key(name), problem)

    def flag(self, name: str, default: bool = False) -> bool:
        v = self.table.get(name, default)
        if not isinstance(v, bool):
            raise ConfigError(self.file, self.key(name), f"expected true or false, got {v!r}")
        return v

    def num(self, name: str, default: float, *, minimum: float = 0) -> float:
        v = self.table.get(name, default)
        if isinstance(v, bool) or not isinstance(v, int | float) or v < minimum:
            raise ConfigError(
                self.file, self.key(name), f"expected a number >= {minimum}, got {v!r}"
            )
        return v


def _check_url(file: Path, key: str, url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(file, key, f"expected an http(s) URL, got {url!r}")
    return url


def _database_url(file: Path, url: str) -> str:
    """A relative SQLite path is relative to the config file's folder."""
    if url.startswith("sqlite:///") and not url.startswith("sqlite:////"):
        rest = url[len("sqlite:///") :]
        if rest and rest != ":memory:" and not Path(rest).is_absolute():
            return "sqlite:///" + str((file.parent / rest).resolve())
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


def load_settings(path: str | Path | None = None, env: Mapping[str, str] | None = None) -> Settings:
    """Read `path` (or KOLL_CONFIG, or ./koll.toml); KOLL_DATABASE_URL overrides [storage] url."""
    env = os.environ if env is None else env
    file = Path(path) if path else default_config_path(env)
    try:
        raw = file.read_bytes()
    except FileNotFoundError:
        raise ConfigError(
            file, "(file)", "not found; pass --config PATH or set KOLL_CONFIG"
        ) from None
    except OSError as e:
        raise ConfigError(file, "(file)", f"cannot be read: {e.strerror}") from None
    try:
        doc = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as e:
        raise ConfigError(file, "(file)", f"is not UTF-8 (byte {e.start})") from None
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(file, "(syntax)", str(e)) from None
    return settings_from_dict(doc, file.resolve(), env)


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
    db_url = env.get("KOLL_DATABASE_URL") or storage.str("url", "sqlite:///koll.db")
    if "://" not in db_url:
        raise ConfigError(
            file,
            "storage.url",
            f"expected a database URL such as sqlite:///koll.db, got {db_url!r}",
        )
    return _database_url(file, db_url)


def _brand(file: Path, i: int, table: Any) -> Brand:
    r = _Reader(file, f"brands[{i}]", table)
    r.only({"name", "aliases", "exclude", "owned_domains", "people", "key_messages", "competitors"})
    domains = r.strs("owned_domains")
    for d in domains:
        if "/" in d or " " in d or "." not in d:
            raise ConfigError(
                file,
                r.key("owned_domains"),
                f"expected host names such as 'example.se', got {d!r}",
            )
    return Brand(
        name=r.str("name", required=True).strip(),
        aliases=r.strs("aliases"),
        exclude=r.strs("exclude"),
        owned_domains=tuple(d.lower().removeprefix("www.") for d in domains),
        people=r.strs("people"),
        key_messages=r.strs("key_messages"),
        competitors=r.strs("competitors"),
    )


def _brands(file: Path, tables: Any) -> tuple[Brand, ...]:
    if not isinstance(tables, list):
        raise ConfigError(file, "brands", "expected [[brands]] tables")
    brands = [_brand(file, i, b) for i, b in enumerate(tables)]
    names = [b.name.casefold() for b in brands]
    for i, b in enumerate(brands):
        if names.count(b.name.casefold()) > 1:
            raise ConfigError(file, f"brands[{i}].name", f"brand {b.name!r} is defined twice")
        for c in b.competitors:
            if c.casefold() not in names:
                raise ConfigError(
                    file, f"brands[{i}].competitors", f"{c!r} names no [[brands]] entry"
                )
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
    interval = DEFAULT_INTERVAL_S
    if "interval" in r.table:
        interval = _duration(r, "interval")
    interval = polite_interval(url, interval)
    fulltext = r.flag("fulltext")
    if fulltext:
        _check_fulltext(file, r.key("fulltext"), kind)
    return FeedConfig(url=url, kind=kind, owner=owner, interval_s=interval, fulltext=fulltext)


def _feeds(file: Path, tables: Any, brands: tuple[Brand, ...]) -> tuple[FeedConfig, ...]:
    if not isinstance(tables, list):
        raise ConfigError(file, "feeds", "expected [[feeds]] tables")
    feeds: list[FeedConfig] = []
    seen: set[str] = set()
    for i, table in enumerate(tables):
        f = _feed(file, i, table, brands)
        if f.url in seen:
            raise ConfigError(file, f"feeds[{i}].url", f"feed {f.url} is listed twice")
        seen.add(f.url)
        feeds.append(f)
    return tuple(feeds)


def _brand_name(r: _Reader, name: str, brands: tuple[Brand, ...]) -> str | None:
    """A key naming a [[brands]] entry (any case), as that entry spells it."""
    value = r.str(name)
    if value is None:
        return None
    match = [b.name for b in brands if b.name.casefold() == value.casefold()]
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
    """A duration key ('30m', '2h', '1d') of the table `r` reads, in seconds."""
    try:
        return parse_duration(r.str(name))
    except ValueError as e:
        raise ConfigError(r.file, r.key(name), str(e)) from None


def _fetch_settings(file: Path, table: Any) -> FetchSettings:
    fr = _Reader(file, "fetch", table)
    defaults = FetchSettings()
    fr.only(set(defaults.__dataclass_fields__))
    return FetchSettings(
        **{
            k: (
                fr.str(k, getattr(defaults, k))
                if isinstance(getattr(defaults, k), str)
                else type(getattr(defaults, k))(fr.num(k, getattr(defaults, k)))
            )
            for k in defaults.__dataclass_fields__
        }
    )


def _dashboard(file: Path, table: Any, env: Mapping[str, str]) -> DashboardSettings:
    dr = _Reader(file, "dashboard", table)
    dr.only({"refresh", "language", "basic_auth_user", "basic_auth_password"})
    refresh = _duration(dr, "refresh") if "refresh" in dr.table else DashboardSettings.refresh_s
    lang = dr.str("language", "sv")
    if lang not in ("sv", "en"):
        raise ConfigError(file, "dashboard.language", f"expected 'sv' or 'en', got {lang!r}")
    return DashboardSettings(
        refresh_s=refresh,
        language=lang,
        basic_auth_user=dr.str("basic_auth_user"),
        basic_auth_password=env.get("KOLL_DASHBOARD_PASSWORD") or dr.str("basic_auth_password"),
    )


def _workers(file: Path, table: Any) -> WorkerSettings:
    wk = _Reader(file, "workers", table)
    wk.only({"lease", "batch"})
    lease_s = WorkerSettings.lease_s
    if "lease" in wk.table:
        lease_s = _duration(wk, "lease")
        if lease_s < 1:
            raise ConfigError(file, "workers.lease", "expected at least '1s'")
    return WorkerSettings(
        lease_s=lease_s, batch=int(wk.num("batch", WorkerSettings.batch, minimum=1))
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
    return {k: float(wr.num(k, 1.0)) for k in wr.table}


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


def _address(file: Path, key: str, text: str) -> str:
    """An e-mail address, alone or with a display name ("koll <koll@example.se>")."""
    from email.utils import parseaddr

    _, addr = parseaddr(text)
    local, _, domain = addr.rpartition("@")
    if not local or "." not in domain or any(c.isspace() for c in addr):
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
        match = [b.name for b in brands if b.name.casefold() == name.casefold()]
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
        digests=tuple(_digest(file, i, t, brands) for i, t in enumerate(tables)),
    )
