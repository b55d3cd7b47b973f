"""HTTP fetching of feeds: conditional GET, timeouts, size caps and per-host politeness (aiohttp, async)."""

from __future__ import annotations

import asyncio
import contextlib
import email.utils
import errno
import functools
import re
import ssl
import time
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import quote, urljoin, urlsplit
from urllib.request import proxy_bypass

import aiohttp
from aiohttp.helpers import proxies_from_env
from yarl import URL

from ingest.schedule import RETRY_AFTER_CAP
from koll.config import FetchSettings
from koll.searches import PLATFORM_HOSTS, HostRule, host_rule

# Redirect chains longer than this are loops or traps; real feeds we saw use at most 3 hops.
MAX_REDIRECTS = 5
# A redirect or error page up to this size is read to its end so that its connection can be
# reused (keep-alive); a larger one is not worth the bytes and its connection is closed instead.
DRAIN_MAX_BYTES = 64 * 1024
DRAIN_TIMEOUT_S = 2.0
# aiohttp refuses header lines over 8 KB; real servers send long Link and CSP headers, and a few
# bytes more per connection cost nothing.
MAX_HEADER_BYTES = 64 * 1024
ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5"

# A URL that is plain ASCII made only of characters RFC 3986 allows, with every "%" starting an
# escape, is sent byte for byte as configured; anything else gets those characters escaped.
_NOT_URL_CHAR = re.compile(r"%(?![0-9A-Fa-f]{2})|[^A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]")


@dataclass(frozen=True)
class FetchRequest:
    feed_id: int
    url: str
    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True)
class FetchResult:
    feed_id: int
    url: str
    outcome: str  # ok | not_modified | error | gone | deferred (the host's turn is too far off)
    body: bytes = b""
    status: int | None = None
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    permanent_url: str | None = None  # set when a 301/308 chain moved the feed
    # Where the last request went, after every redirect (302s too): what the body's relative
    # links are relative to.
    final_url: str | None = None
    error: str | None = None
    soft: bool = True  # error is transient (retry with backoff) rather than permanent
    retry_after_s: float | None = None
    elapsed_s: float = 0.0


class _TooLarge(Exception):
    pass


class _BadUrl(Exception):
    pass


class _Deferred(Exception):
    """The host's turn for this feed is too far off (or it asked us to wait): not now."""

    def __init__(self, wait_s: float):
        super().__init__(f"the host's turn comes in {wait_s:.0f} s")
        self.wait_s = wait_s


# A platform that answers 429 without Retry-After is left alone this long: Reddit counts its
# limits in windows of 10 minutes (its X-Ratelimit-Reset counts down from 600 s).
HOLD_WITHOUT_RETRY_AFTER_S = 600.0


def _retry_after(value: str | None) -> float | None:
    """Seconds to wait, at most RETRY_AFTER_CAP: `Retry-After: 99999999999999999999` had
    overflowed timedelta when the feed's next due time was worked out (a traceback, and the
    feed's last_error an OverflowError)."""
    if not value:
        return None
    value = value.strip()
    if value.isascii() and value.isdigit():  # "²" is a digit to str.isdigit, not to float()
        return min(float(value), RETRY_AFTER_CAP.total_seconds())
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, OverflowError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    wait = (when - datetime.now(UTC)).total_seconds()
    return min(max(0.0, wait), RETRY_AFTER_CAP.total_seconds())


def wire_url(url: str) -> URL:
    """The URL as requested: byte for byte when it is already valid, else escaped as browsers do.

    yarl would otherwise re-quote every URL (%7E becomes ~, %2f becomes %2F), and some servers
    answer a differently spelt path with a 404. Non-ASCII paths are sent as UTF-8 escapes and
    non-ASCII host names in IDNA form; existing %XX escapes are kept; the fragment is not sent.
    """
    if any(c in url for c in "\t\r\n"):
        raise _BadUrl("control character in URL")
    p = urlsplit(url)
    if p.scheme not in ("http", "https"):
        raise _BadUrl(f"not an http(s) URL: {url[:200]}")
    if not p.hostname:
        raise _BadUrl(f"no host in URL: {url[:200]}")
    if not _NOT_URL_CHAR.search(url):
        return _checked(URL(url, encoded=True))
    user, at, hostport = p.netloc.rpartition("@")
    host, colon, port = hostport.partition(":")
    if not host.isascii():
        try:
            host = URL.build(scheme=p.scheme, host=host).raw_host or host
        except (UnicodeError, ValueError) as e:
            raise _BadUrl(f"invalid host name {host!r}: {e}") from None
    rest = url[url.index("//") + 2 + len(p.netloc) :]
    netloc = f"{_escape(user)}{at}{host}{colon}{port}"
    return _checked(URL(f"{p.scheme}://{netloc}{_escape(rest)}", encoded=True))


def _host_key(target: URL) -> str:
    return (target.raw_host or "").lower()


def host_key(url: str) -> str | None:
    """The host whose politeness gate a request for `url` goes through (None: not fetchable)."""
    try:
        return _host_key(wire_url(url))
    except (_BadUrl, ValueError):
        return None


def _escape(part: str) -> str:
    """Percent-encode (as UTF-8) what may not stand in a URL; existing %XX escapes stay as they are."""
    return _NOT_URL_CHAR.sub(lambda m: quote(m.group(), safe="", errors="surrogateescape"), part)


def _checked(url: URL) -> URL:
    """yarl checks the host and port only when they are first read: read them now."""
    if not url.raw_host:
        raise _BadUrl(f"no host in URL: {str(url)[:200]}")
    url.port  # noqa: B018 -- raises ValueError for a port out of range
    return url


class _HostGate:
    """At most N requests at once per host and a minimum gap between their starts.

    With `max_wait_s` (a platform's rule, koll/searches.py) a request whose turn is further off
    than that raises _Deferred instead of waiting. Every request raises it while the host has
    asked us to wait (`hold`: a platform's 429, or any host's 429 or 503 with Retry-After).
    """

    def __init__(self, concurrency: int, gap_s: float, max_wait_s: float | None = None):
        self.sem = asyncio.Semaphore(concurrency)
        self.gap_s = gap_s
        self.lock = asyncio.Lock()
        self.next_start = 0.0
        self.max_wait_s = max_wait_s
        self.queued = 0  # requests between arriving and starting
        self.held_until = 0.0

    def hold(self, seconds: float) -> None:
        """The host asked for a pause (429 + Retry-After): defer its requests until then."""
        self.held_until = max(self.held_until, time.monotonic() + seconds)

    def _turn_in(self) -> float:
        """Roughly when a request arriving now would start: after the queue ahead of it."""
        now = time.monotonic()
        if self.held_until > now:
            return self.held_until - now
        return max(0.0, self.next_start - now) + self.queued * self.gap_s

    def held_for(self) -> float:
        """Seconds the host has left of its pause (0: not held)."""
        return max(0.0, self.held_until - time.monotonic())

    async def __aenter__(self):
        self._not_held()
        if self.max_wait_s is not None:
            wait = self._turn_in()
            if wait > self.max_wait_s:
                raise _Deferred(wait)
        self.queued += 1
        try:
            await self.sem.acquire()
        finally:
            self.queued -= 1
        try:
            # Checked again once it is this request's turn: requests queued behind the one that
            # was told to pause would otherwise go ahead as soon as it finished (a 429 and two
            # other sections of one newspaper: both were fetched right after the 429).
            self._not_held()
            async with self.lock:
                now = time.monotonic()
                wait = self.next_start - now
                self.next_start = max(now, self.next_start) + self.gap_s
            if wait > 0:
                await asyncio.sleep(wait)
                self._not_held()  # the pause may have come while this one waited for its gap
        except BaseException:
            self.sem.release()
            raise
        return self

    def _not_held(self) -> None:
        if self.held_until > time.monotonic():
            raise _Deferred(self.held_for())

    async def __aexit__(self, *exc):
        self.sem.release()


def _header(resp: aiohttp.ClientResponse, name: str) -> str | None:
    """A header's text; bytes that are not UTF-8 read as Latin-1 (as httpx did).

    aiohttp keeps such bytes as lone surrogates, which no database column accepts.
    """
    value = resp.headers.get(name)
    if value is None or value.isascii():
        return value
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return value.encode("utf-8", "surrogateescape").decode("latin-1")
    return value


def _one_line(message: str) -> str:
    """aiohttp's parser errors span lines (the bad bytes, then a caret under them): one line."""
    parts = [p.strip() for p in str(message).splitlines()]
    return " ".join(p for p in parts if p and p.strip("^ ")).strip()[:300]


def _declared_length(resp: aiohttp.ClientResponse) -> int | None:
    declared = resp.headers.get("content-length", "").strip()
    return int(declared) if declared.isdigit() else None


async def _read_capped(resp: aiohttp.ClientResponse, settings: FetchSettings) -> bytes:
    """Read the body, refusing more than max_bytes on the wire or max_decompressed_bytes inflated.

    The session does not decompress (auto_decompress=False): inflating here, in bounded steps,
    is what stops a gzip bomb before it is in memory.
    """
    declared = _declared_length(resp)
    if declared is not None and declared > settings.max_bytes:
        raise _TooLarge(
            f"response too large: Content-Length {declared:,} bytes > cap {settings.max_bytes:,}"
        )
    encoding = resp.headers.get("content-encoding", "").lower().strip()
    if encoding in ("gzip", "deflate", "x-gzip"):
        body = await _inflated(resp, settings, raw_deflate=encoding == "deflate")
    else:
        chunks: list[bytes] = []
        raw_total = 0
        async for raw in resp.content.iter_any():
            raw_total += len(raw)
            if raw_total > settings.max_bytes:
                raise _TooLarge(f"response too large: over {settings.max_bytes:,} bytes")
            chunks.append(raw)
        body = b"".join(chunks)
    if body.startswith(b"\x1f\x8b"):
        # A gzip file served as-is (no Content-Encoding), as some static hosts do, or gzipped
        # once more inside Content-Encoding: gzip (a server compressing a stored .gz again):
        # unpacked once, under the same cap. It had been "not a readable feed: SAXParseException
        # ... invalid token".
        body = gunzip_capped(body, settings.max_decompressed_bytes)
    return body


async def _inflated(
    resp: aiohttp.ClientResponse, settings: FetchSettings, *, raw_deflate: bool
) -> bytes:
    """A gzip or deflate body inflated in bounded steps. "deflate" (`raw_deflate`) is sent with
    a zlib header or, as some servers do, as a raw deflate stream, which browsers, curl and
    urllib3 read too ("incorrect header check" had failed the feed): its first bytes tell."""
    chunks: list[bytes] = []
    raw_total = out_total = 0
    inflater = None
    head = b""
    async for raw in resp.content.iter_any():
        raw_total += len(raw)
        if raw_total > settings.max_bytes:
            raise _TooLarge(f"response too large: over {settings.max_bytes:,} bytes")
        if inflater is None:
            head += raw
            if len(head) < 2:
                continue
            # MAX_WBITS | 32 accepts both gzip and zlib headers (either may come as "gzip").
            raw_stream = raw_deflate and not _zlib_or_gzip(head)
            inflater = zlib.decompressobj(-zlib.MAX_WBITS if raw_stream else zlib.MAX_WBITS | 32)
            raw = head
        # Bounded inflate: never let one chunk expand past the remaining allowance.
        data = inflater.decompress(raw, settings.max_decompressed_bytes - out_total + 1)
        out_total += len(data)
        if out_total > settings.max_decompressed_bytes or inflater.unconsumed_tail:
            raise _TooLarge(
                f"decompressed body over {settings.max_decompressed_bytes:,} bytes (compression bomb?)"
            )
        chunks.append(data)
    if inflater is None:  # not even a header
        raise zlib.error("the compressed body ends before its end (a transfer cut short)")
    _whole(inflater)
    return b"".join(chunks)


def _zlib_or_gzip(head: bytes) -> bool:
    """Whether a stream starts with a gzip header or a zlib one (method deflate, and a first
    pair of bytes that is a multiple of 31: RFC 1950)."""
    return head.startswith(b"\x1f\x8b") or (
        head[0] & 0x0F == 8 and (head[0] << 8 | head[1]) % 31 == 0
    )


async def _drain(resp: aiohttp.ClientResponse) -> None:
    """Read a small unwanted body (a 304, a redirect or error page) to its end.

    An unread body makes aiohttp close the connection on release; a second run answered by
    304s and the odd 404 would then open one connection per feed instead of reusing a few.
    Bodies that are large, end only when the connection closes, or fail are simply left.
    """
    declared = _declared_length(resp)
    chunked = "chunked" in resp.headers.get("transfer-encoding", "").lower()
    if declared is None and not chunked or declared is not None and declared > DRAIN_MAX_BYTES:
        return
    with contextlib.suppress(aiohttp.ClientError, OSError):  # TimeoutError is an OSError
        async with asyncio.timeout(DRAIN_TIMEOUT_S):
            total = 0
            while total <= DRAIN_MAX_BYTES:
                chunk = await resp.content.readany()
                if not chunk:
                    return
                total += len(chunk)


def gunzip_capped(data: bytes, cap: int) -> bytes:
    """Inflate gzip bytes, refusing to produce more than `cap` bytes (gzip bombs)."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    out = inflater.decompress(data, cap + 1)
    if len(out) > cap or inflater.unconsumed_tail:
        raise _TooLarge(f"decompressed body over {cap:,} bytes (compression bomb?)")
    _whole(inflater)
    return out


def _whole(inflater) -> None:
    """Refuse a compressed stream that stops before its end: what inflated is a document cut
    short, whose last entry would be stored half-read (a soft error: the next fetch retries)."""
    if not inflater.eof:
        raise zlib.error("the compressed body ends before its end (a transfer cut short)")


def _connect_error(e: aiohttp.ClientConnectorError, https: bool = False) -> str:
    """'cannot connect to host:port: reason' from aiohttp's wrapped DNS, TCP or TLS error."""
    cause = getattr(e, "certificate_error", None) or e.os_error
    reason = getattr(cause, "strerror", None) or str(cause) or cause.__class__.__name__
    if isinstance(cause, ssl.SSLError):
        reason = f"TLS: {reason}"
    # An https address of a server that speaks plain http: OpenSSL's "wrong version number",
    # or a reset (it was "ConnectionResetError" alone; QA, 2026-12-07).
    if https and ("WRONG_VERSION_NUMBER" in reason or isinstance(cause, ConnectionResetError)):
        reason += "; the server does not answer TLS there: is the feed's address http://?"
    return f"cannot connect to {e.host}:{e.port}: {reason}"


@functools.cache
def _ssl_context() -> ssl.SSLContext:
    """certifi's bundle (what httpx trusted) plus the system's CA store, built once per process.

    Building a context reads certificate files, so it is done on first use, not at import.
    SSL_CERT_FILE / SSL_CERT_DIR in the environment take effect through OpenSSL's defaults.
    """
    ctx = ssl.create_default_context()
    try:
        import certifi

        ctx.load_verify_locations(certifi.where())
    except (ImportError, OSError):
        pass
    return ctx


class Fetcher:
    """One HTTP session and one politeness gate per host, shared by every fetch of a run.

    Use as `async with Fetcher(settings) as f:` inside the event loop: the aiohttp session (and
    its connection pool) belongs to the loop that creates it and is closed on exit. A Fetcher
    used without `async with` opens its session on the first fetch and needs `await aclose()`.
    """

    def __init__(self, settings: FetchSettings, host_rules: Mapping[str, HostRule] | None = None):
        self.settings = settings
        # Platforms' own politeness over [fetch]'s (koll/searches.py: Reddit, Google News).
        self.host_rules = PLATFORM_HOSTS if host_rules is None else host_rules
        self.gates: dict[str, _HostGate] = {}
        self.sem = asyncio.Semaphore(settings.concurrency)
        self.session: aiohttp.ClientSession | None = None
        self.proxies: dict = {}

    def _open(self) -> aiohttp.ClientSession:
        if self.session is None:
            s = self.settings
            self.session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(
                    limit=s.concurrency, limit_per_host=0, ssl=_ssl_context(), ttl_dns_cache=60
                ),
                timeout=aiohttp.ClientTimeout(
                    total=None, connect=s.timeout_s, sock_connect=s.timeout_s, sock_read=s.timeout_s
                ),
                headers={
                    "User-Agent": s.user_agent,
                    "Accept-Encoding": "gzip, deflate",  # what _read_capped can inflate, no more
                    "Accept": ACCEPT,
                },
                cookie_jar=aiohttp.DummyCookieJar(),  # a feed poll has no session to keep
                auto_decompress=False,  # _read_capped inflates with caps
                # Proxies come from the environment (HTTP_PROXY, NO_PROXY...), read once below:
                # aiohttp's trust_env re-reads them, and ~/.netrc, in a thread for every request.
                trust_env=False,
                max_line_size=MAX_HEADER_BYTES,
                max_field_size=MAX_HEADER_BYTES,
            )
            self.proxies = proxies_from_env()
        return self.session

    def _proxy(self, url: URL) -> tuple[URL | None, aiohttp.BasicAuth | None]:
        info = self.proxies.get(url.scheme)
        if info is None or proxy_bypass(url.raw_host or ""):
            return None, None
        return info.proxy, info.proxy_auth

    async def fetch(self, req: FetchRequest) -> FetchResult:
        session = self._open()
        async with self.sem:
            return await self._fetch(session, req)

    async def aclose(self) -> None:
        if self.session is not None:
            session, self.session = self.session, None
            await session.close()

    async def __aenter__(self) -> Fetcher:
        self._open()
        return self

    async def __aexit__(self, *exc) -> None:
        await self.aclose()

    async def _fetch(self, session: aiohttp.ClientSession, req: FetchRequest) -> FetchResult:
        """Fetch one feed, following redirects by hand (loops, 301/308 vs the others)."""
        settings = self.settings
        a = _Attempt(req)
        for _hop in range(MAX_REDIRECTS + 1):
            if len(a.url) > settings.max_url_length:
                return a.result(
                    outcome="error",
                    error=f"URL longer than {settings.max_url_length} characters",
                    soft=False,
                )
            try:
                target = wire_url(a.url)
            except (_BadUrl, ValueError) as e:
                return a.result(outcome="error", error=f"invalid URL: {e}", soft=False)
            gate = self._gate(_host_key(target))
            remaining = settings.feed_budget_s - a.spent
            if remaining <= 0:
                return a.result(
                    outcome="error",
                    error=f"gave up after the {settings.feed_budget_s:.0f} s budget per feed",
                )
            proxy, proxy_auth = self._proxy(target) if self.proxies else (None, None)
            try:
                async with gate:
                    a.hop_start = time.monotonic()
                    async with asyncio.timeout(min(remaining, settings.timeout_s * 3)):
                        async with session.get(
                            target,
                            headers=a.headers,
                            allow_redirects=False,  # followed by hand: loops, 301 vs 302
                            proxy=proxy,
                            proxy_auth=proxy_auth,
                        ) as resp:
                            res = await self._answer(a, resp, gate)
            except _FETCH_ERRORS as e:
                return a.failure(e)
            if res is not None:
                return res
        return a.result(outcome="error", error=f"more than {MAX_REDIRECTS} redirects", soft=False)

    def holds(self) -> dict[str, float]:
        """The hosts that asked for a pause (429/503 with Retry-After, a platform's 429) and the
        seconds each has left of it, for the run to keep beyond this process (ingest/batch.py)."""
        return {host: g.held_for() for host, g in self.gates.items() if g.held_for() > 0}

    def _gate(self, host: str) -> _HostGate:
        gate = self.gates.get(host)
        if gate is None:
            s, rule = self.settings, host_rule(host, self.host_rules) or HostRule()
            gate = self.gates[host] = _HostGate(
                rule.concurrency or s.per_host_concurrency,
                s.per_host_gap_s if rule.gap_s is None else rule.gap_s,
                rule.max_wait_s,
            )
        return gate

    async def _answer(
        self, a: _Attempt, resp: aiohttp.ClientResponse, gate: _HostGate
    ) -> FetchResult | None:
        """The result of one response, or None when it redirects `a` to the URL to fetch next."""
        code = resp.status
        if code in (301, 302, 303, 307, 308):
            loc = _header(resp, "location")
            if not loc:
                return a.result(outcome="error", status=code, error=f"HTTP {code} without Location")
            await _drain(resp)
            return a.redirect(code, urljoin(a.url, loc.strip()))
        if code == 304:
            await _drain(resp)
            if not (a.headers.get("If-None-Match") or a.headers.get("If-Modified-Since")):
                # A 304 to a request that named no version is a broken cache: taken as "not
                # modified", a feed that had never been read looked healthy for ever, with the
                # server's ETag stored (QA, 2026-12-07).
                return a.result(
                    outcome="error",
                    status=304,
                    error="HTTP 304 Not Modified to a request without If-None-Match or "
                    "If-Modified-Since (a broken cache)",
                )
            return a.result(
                outcome="not_modified",
                status=304,
                etag=_header(resp, "etag") or a.req.etag,
                last_modified=_header(resp, "last-modified") or a.req.last_modified,
                permanent_url=a.permanent,
            )
        if code == 410:
            await _drain(resp)
            return a.result(
                outcome="gone", status=410, error="HTTP 410 Gone: the feed was removed", soft=False
            )
        if code >= 400:
            await _drain(resp)
            wait = _retry_after(_header(resp, "retry-after"))
            if code == 429 and gate.max_wait_s is not None:
                # a platform that throttles (Reddit): the whole host waits
                gate.hold(wait or HOLD_WITHOUT_RETRY_AFTER_S)
            elif code in (429, 503) and wait:
                # Any host that names its pause: its other feeds (a newspaper's sections) wait
                # too, instead of each asking once more in the same run. Capped as a feed's own
                # wait is, in _retry_after (a Retry-After of a year would hold the host for a year).
                gate.hold(wait)
            return a.result(
                outcome="error",
                status=code,
                error=f"HTTP {code} {_one_line(resp.reason or '')}".strip(),
                soft=code in (404, 408, 425, 429) or code >= 500,
                retry_after_s=wait,
                permanent_url=a.permanent,
            )
        body = await _read_capped(resp, self.settings)
        return a.result(
            outcome="ok",
            status=code,
            body=body,
            content_type=_header(resp, "content-type"),
            etag=_header(resp, "etag"),
            last_modified=_header(resp, "last-modified"),
            permanent_url=a.permanent,
        )


# What fetching one feed may raise that becomes an error result (see _Attempt.failure).
_FETCH_ERRORS = (
    _Deferred,
    _TooLarge,
    TimeoutError,
    zlib.error,
    aiohttp.ClientError,
    OSError,
    ValueError,
)


class _Attempt:
    """One feed's fetch across its redirect hops: where it is, what it has spent, its results."""

    def __init__(self, req: FetchRequest):
        self.req = req
        self.started = time.monotonic()
        self.url = req.url
        self.seen = {req.url}
        self.permanent: str | None = None  # where a chain of 301/308 redirects only has led
        self.all_permanent = True
        # The budget counts time on the wire only: waiting for the host's politeness gate (200
        # feeds on one host queue for minutes) must not use it up.
        self.spent = 0.0
        self.hop_start = time.monotonic()
        self.headers = {}
        # A validator with non-ASCII text (a Latin-1 ETag) cannot be sent back as the server
        # wrote it; without it the feed costs a 200 and a body-hash comparison, nothing more.
        if req.etag and req.etag.isascii():
            self.headers["If-None-Match"] = req.etag
        if req.last_modified and req.last_modified.isascii():
            self.headers["If-Modified-Since"] = req.last_modified

    def result(self, **kw) -> FetchResult:
        return FetchResult(
            feed_id=self.req.feed_id,
            url=self.req.url,
            final_url=self.url,
            elapsed_s=time.monotonic() - self.started,
            **kw,
        )

    def redirect(self, code: int, nxt: str) -> FetchResult | None:
        """Go on to `nxt`; a result instead when that would be a loop."""
        if nxt in self.seen:
            return self.result(
                outcome="error", status=code, error=f"redirect loop at {nxt}", soft=False
            )
        self.seen.add(nxt)
        self.all_permanent = self.all_permanent and code in (301, 308)
        if self.all_permanent:
            self.permanent = nxt
        self.url = nxt
        self.spent += time.monotonic() - self.hop_start
        return None

    def failure(self, e: Exception) -> FetchResult:
        """The result for one of _FETCH_ERRORS, in a readable line."""
        if isinstance(e, _Deferred):
            return self.result(outcome="deferred", error=str(e), retry_after_s=e.wait_s)
        if isinstance(e, _TooLarge):
            return self.result(outcome="error", error=str(e), soft=False)
        if isinstance(e, TimeoutError):  # asyncio.timeout's and aiohttp's connect/read timeouts
            error = f"timed out after {self.spent + time.monotonic() - self.hop_start:.0f} s"
        elif isinstance(e, aiohttp.ClientConnectorError):  # DNS, refused, unreachable, TLS
            error = _connect_error(e, https=self.url.startswith("https://"))
        elif isinstance(e, aiohttp.ClientOSError) and e.errno == errno.ECONNRESET:
            # A server that speaks only TLS resets a plain request: "ClientOSError: [Errno
            # 104] Connection reset by peer" named neither (QA, 2026-12-07).
            error = "the server reset the connection"
            if self.url.startswith("http://"):
                error += " (a TLS-only server resets http: is the feed's address https://?)"
        elif isinstance(e, aiohttp.ClientResponseError):  # the server's bytes are not HTTP
            error = f"malformed HTTP response: {_one_line(e.message)}"
        elif isinstance(e, aiohttp.ServerDisconnectedError):
            error = "the server closed the connection before a complete response"
        elif isinstance(e, aiohttp.ClientPayloadError):
            # aiohttp wraps the parser's words: "...not completed: <Err: 400, message='...'>"
            why = re.search(r"message='(.*?)'", str(e))
            error = f"incomplete response body: {_one_line(why[1] if why else str(e))}"
        elif isinstance(e, zlib.error):
            error = f"cannot decompress the body: {e}"
        else:
            error = _one_line(f"{e.__class__.__name__}: {e}")
        return self.result(outcome="error", error=error)


async def fetch_all(
    requests: Sequence[FetchRequest], settings: FetchSettings, on_result=None
) -> list[FetchResult]:
    """Fetch many feeds concurrently; `on_result(result)` is called as each one finishes."""
    async with Fetcher(settings) as fetcher:

        async def one(req: FetchRequest) -> FetchResult:
            res = await fetcher.fetch(req)
            if on_result is not None:
                on_result(res)
            return res

        return await asyncio.gather(*(one(r) for r in requests))
