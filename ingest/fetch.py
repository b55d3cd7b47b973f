"""HTTP fetching of feeds: conditional GET, timeouts, size caps and per-host politeness (httpx, async)."""

from __future__ import annotations

import asyncio
import email.utils
import time
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit

import httpx

from ingest.config import FetchSettings

# Redirect chains longer than this are loops or traps; real feeds we saw use at most 3 hops.
MAX_REDIRECTS = 5


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
    outcome: str  # ok | not_modified | error | gone
    body: bytes = b""
    status: int | None = None
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    permanent_url: str | None = None  # set when a 301/308 chain moved the feed
    error: str | None = None
    soft: bool = True  # error is transient (retry with backoff) rather than permanent
    retry_after_s: float | None = None
    elapsed_s: float = 0.0


class _TooLarge(Exception):
    pass


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


class _HostGate:
    """At most N requests at once per host and a minimum gap between their starts."""

    def __init__(self, concurrency: int, gap_s: float):
        self.sem = asyncio.Semaphore(concurrency)
        self.gap_s = gap_s
        self.lock = asyncio.Lock()
        self.next_start = 0.0

    async def __aenter__(self):
        await self.sem.acquire()
        async with self.lock:
            now = time.monotonic()
            wait = self.next_start - now
            self.next_start = max(now, self.next_start) + self.gap_s
        if wait > 0:
            await asyncio.sleep(wait)
        return self

    async def __aexit__(self, *exc):
        self.sem.release()


async def _read_capped(resp: httpx.Response, settings: FetchSettings) -> bytes:
    """Read the body, refusing more than max_bytes on the wire or max_decompressed_bytes inflated."""
    declared = resp.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > settings.max_bytes:
        raise _TooLarge(
            f"response too large: Content-Length {int(declared):,} bytes > cap {settings.max_bytes:,}"
        )
    encoding = resp.headers.get("content-encoding", "").lower().strip()
    chunks: list[bytes] = []
    raw_total = 0
    if encoding in ("gzip", "deflate", "x-gzip"):
        # MAX_WBITS | 32 accepts both gzip and zlib headers ("deflate" is sent either way).
        inflater = zlib.decompressobj(zlib.MAX_WBITS | 32)
        out_total = 0
        async for raw in resp.aiter_raw():
            raw_total += len(raw)
            if raw_total > settings.max_bytes:
                raise _TooLarge(f"response too large: over {settings.max_bytes:,} bytes")
            # Bounded inflate: never let one chunk expand past the remaining allowance.
            data = inflater.decompress(raw, settings.max_decompressed_bytes - out_total + 1)
            out_total += len(data)
            if out_total > settings.max_decompressed_bytes or inflater.unconsumed_tail:
                raise _TooLarge(
                    f"decompressed body over {settings.max_decompressed_bytes:,} bytes (compression bomb?)"
                )
            chunks.append(data)
        return b"".join(chunks)
    async for raw in resp.aiter_raw():
        raw_total += len(raw)
        if raw_total > settings.max_bytes:
            raise _TooLarge(f"response too large: over {settings.max_bytes:,} bytes")
        chunks.append(raw)
    body = b"".join(chunks)
    if body.startswith(b"\x1f\x8b"):
        # A gzip file served as-is (no Content-Encoding), as some static hosts do.
        body = gunzip_capped(body, settings.max_decompressed_bytes)
    return body


def gunzip_capped(data: bytes, cap: int) -> bytes:
    """Inflate gzip bytes, refusing to produce more than `cap` bytes (gzip bombs)."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    out = inflater.decompress(data, cap + 1)
    if len(out) > cap or inflater.unconsumed_tail:
        raise _TooLarge(f"decompressed body over {cap:,} bytes (compression bomb?)")
    return out


async def fetch_one(
    client: httpx.AsyncClient, req: FetchRequest, settings: FetchSettings, gates: dict
) -> FetchResult:
    started = time.monotonic()
    url = req.url
    permanent: str | None = None
    all_permanent = True
    headers = {}
    if req.etag:
        headers["If-None-Match"] = req.etag
    if req.last_modified:
        headers["If-Modified-Since"] = req.last_modified

    def result(**kw) -> FetchResult:
        return FetchResult(
            feed_id=req.feed_id, url=req.url, elapsed_s=time.monotonic() - started, **kw
        )

    seen = {url}
    # The budget counts time on the wire only: waiting for the host's politeness gate (200 feeds
    # on one host queue for minutes) must not use it up.
    spent = 0.0
    hop_start = time.monotonic()
    for _hop in range(MAX_REDIRECTS + 1):
        if len(url) > settings.max_url_length:
            return result(
                outcome="error",
                error=f"URL longer than {settings.max_url_length} characters",
                soft=False,
            )
        host = (urlsplit(url).hostname or "").lower()
        gate = gates.setdefault(
            host, _HostGate(settings.per_host_concurrency, settings.per_host_gap_s)
        )
        remaining = settings.feed_budget_s - spent
        if remaining <= 0:
            return result(
                outcome="error",
                error=f"gave up after the {settings.feed_budget_s:.0f} s budget per feed",
            )
        try:
            async with gate:
                hop_start = time.monotonic()
                async with asyncio.timeout(min(remaining, settings.timeout_s * 3)):
                    async with client.stream("GET", url, headers=headers) as resp:
                        if resp.status_code in (301, 302, 303, 307, 308):
                            loc = resp.headers.get("location")
                            if not loc:
                                return result(
                                    outcome="error",
                                    status=resp.status_code,
                                    error=f"HTTP {resp.status_code} without Location",
                                )
                            nxt = urljoin(url, loc)
                            if nxt in seen:
                                return result(
                                    outcome="error",
                                    status=resp.status_code,
                                    error=f"redirect loop at {nxt}",
                                    soft=False,
                                )
                            seen.add(nxt)
                            all_permanent = all_permanent and resp.status_code in (301, 308)
                            if all_permanent:
                                permanent = nxt
                            url = nxt
                            spent += time.monotonic() - hop_start
                            continue
                        code = resp.status_code
                        if code == 304:
                            return result(
                                outcome="not_modified",
                                status=304,
                                etag=resp.headers.get("etag") or req.etag,
                                last_modified=resp.headers.get("last-modified")
                                or req.last_modified,
                                permanent_url=permanent,
                            )
                        if code == 410:
                            return result(
                                outcome="gone",
                                status=410,
                                error="HTTP 410 Gone: the feed was removed",
                                soft=False,
                            )
                        if code >= 400:
                            return result(
                                outcome="error",
                                status=code,
                                error=f"HTTP {code} {resp.reason_phrase}".strip(),
                                soft=code in (404, 408, 425, 429) or code >= 500,
                                retry_after_s=_retry_after(resp.headers.get("retry-after")),
                                permanent_url=permanent,
                            )
                        body = await _read_capped(resp, settings)
                        return result(
                            outcome="ok",
                            status=code,
                            body=body,
                            content_type=resp.headers.get("content-type"),
                            etag=resp.headers.get("etag"),
                            last_modified=resp.headers.get("last-modified"),
                            permanent_url=permanent,
                        )
        except _TooLarge as e:
            return result(outcome="error", error=str(e), soft=False)
        except TimeoutError:
            return result(
                outcome="error",
                error=f"timed out after {spent + time.monotonic() - hop_start:.0f} s",
            )
        except httpx.TimeoutException:
            return result(
                outcome="error",
                error=f"timed out after {spent + time.monotonic() - hop_start:.0f} s",
            )
        except httpx.ConnectError as e:
            return result(
                outcome="error", error=f"cannot connect: {e}" if str(e) else "cannot connect"
            )
        except (httpx.HTTPError, zlib.error, OSError) as e:
            return result(outcome="error", error=f"{e.__class__.__name__}: {e}")
    return result(outcome="error", error=f"more than {MAX_REDIRECTS} redirects", soft=False)


class Fetcher:
    """One HTTP client and one politeness gate per host, shared by every fetch of a run."""

    def __init__(self, settings: FetchSettings):
        self.settings = settings
        self.gates: dict[str, _HostGate] = {}
        self.sem = asyncio.Semaphore(settings.concurrency)
        self.client = httpx.AsyncClient(
            limits=httpx.Limits(
                max_connections=settings.concurrency,
                max_keepalive_connections=settings.concurrency,
            ),
            timeout=httpx.Timeout(settings.timeout_s),
            follow_redirects=False,  # redirects are followed by hand: loops, 301 vs 302
            headers={
                "User-Agent": settings.user_agent,
                "Accept-Encoding": "gzip, deflate",
                "Accept": "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5",
            },
        )

    async def fetch(self, req: FetchRequest) -> FetchResult:
        async with self.sem:
            return await fetch_one(self.client, req, self.settings, self.gates)

    async def __aenter__(self) -> Fetcher:
        return self

    async def __aexit__(self, *exc) -> None:
        await self.client.aclose()


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
