"""Load koll.toml and the environment into frozen settings, with one clear error per mistake.

Every setting koll has is named here once, with its default and the reason for it. Code deeper
down receives these values as arguments and never reads the environment itself. Reading the file
is in koll/config_file.py, the checks of one value in koll/config_values.py, the [[brands]]
tables in koll/config_brands.py and where a key stands in the file in koll/config_lines.py.
"""

from __future__ import annotations

import importlib
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from analysis.brands import Brand
from koll import searches as search_values
from koll.config_brands import _brands, brand_key
from koll.config_file import (
    _database_url,
    _decoded,
    _not_found,
    _read_file,
    _syntax_error,
    default_config_path,
)
from koll.config_lines import feed_key as feed_key  # moved there, still importable from here
from koll.config_lines import feed_place as feed_place
from koll.config_lines import key_line
from koll.config_values import (
    MAX_COUNT,
    MAX_NUMBER,
    MAX_URL_LENGTH,
    _address,
    _check_smtp_url,
    _check_url,
    _Reader,
    check_database_url,
    feed_address,
)
from koll.config_values import ConfigError as ConfigError  # users catch it from here
from koll.searches import PLATFORM_HOSTS, HostRule, SearchConfig, host_rule

FEED_KINDS = ("blog", "news", "comments", "forum", "press", "social")

# Feeds are polled every 30 minutes unless they say otherwise: most news and blog feeds we
# looked at change a few times an hour at most, and cron jobs typically run every 5-15 minutes.
DEFAULT_INTERVAL_S = 30 * 60
# A feed is polled at most once a minute: with "0s" a failing feed was retried on every run
# with no backoff at all (the backoff is interval × failures).
MIN_INTERVAL_S = 60


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
        problem, line = _syntax_error(str(e), text)
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
    feeds = _feeds(file, doc.get("feeds", []), brands)
    fetch = _fetch_settings(file, doc.get("fetch", {}))
    for i, f in enumerate(feeds):
        # Else fetched never: every run failed it as too long to ask for.
        if len(f.url) > fetch.max_url_length:
            raise ConfigError(
                file,
                f"feeds[{i}].url",
                f"is {len(f.url)} characters, longer than [fetch] max_url_length "
                f"({fetch.max_url_length}), so it would never be fetched",
            )
    return Settings(
        config_path=file,
        database_url=_storage(file, doc.get("storage", {}), env),
        brands=brands,
        feeds=feeds,
        searches=_searches(file, doc.get("searches", []), brands),
        fetch=fetch,
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


def _feed(file: Path, i: int, table: Any, brands: tuple[Brand, ...]) -> FeedConfig:
    r = _Reader(file, f"feeds[{i}]", table)
    r.only({"url", "kind", "owner", "interval", "fulltext"})
    # The URL's own limit (the database column's), not MAX_TEXT's 2,000, which docs/config.md
    # did not name: a URL of 2,001 to 2,048 characters was refused with it.
    url = r.str("url", required=True, max_length=MAX_URL_LENGTH).strip()
    url = _check_url(file, r.key("url"), url)
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
    # The name is stored with each tone correction and triage mark, in columns of 200
    # characters (koll/store/schema.py): a longer one failed every correction on PostgreSQL.
    user = dr.str("basic_auth_user", max_length=200)
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


def _webhook(file: Path, nr: _Reader, alerts: AlertSettings) -> tuple[str | None, str | None]:
    """[notify]'s webhook URL (or [alerts]' old name for it) and its format, checked."""
    webhook = nr.str("webhook_url", max_length=MAX_URL_LENGTH)
    if webhook:
        _check_url(file, "notify.webhook_url", webhook, secret_path=True)
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
    return webhook or alerts.webhook, fmt


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
    webhook, fmt = _webhook(file, nr, alerts)
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
        webhook_url=webhook,
        webhook_format=fmt,
        dashboard_url=dashboard_url.rstrip("/") if dashboard_url else None,
        smtp_timeout_s=float(nr.num("smtp_timeout_s", NotifySettings.smtp_timeout_s, minimum=1)),
        cooldown_s=cooldown,
        webhook_budget_s=budget,
        digests=tuple(_digest(file, i, t, brands) for i, t in enumerate(tables)),
    )
