"""Canonical URLs and site names, so the same article reached by different links is stored once."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Query parameters that only track the click; seen on Swedish news and blog feeds (utm_*, fbclid,
# gclid, mc_*, Mailchimp; `at_*` from Adobe; `ref`/`src` feed markers).
TRACKING_PREFIXES = ("utm_", "mc_", "at_", "pk_", "_hs", "ga_")
TRACKING_PARAMS = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "yclid",
        "msclkid",
        "igshid",
        "ref",
        "ref_src",
        "src",
        "cmpid",
        "wt_mc",
        "ncid",
        "spm",
        "sr_share",
        "s_cid",
        "guccounter",
        "rss",
        "feed",
    }
)
# Mobile and www. hosts serve the same pages as the bare host.
HOST_PREFIXES = ("www.", "m.", "mobil.", "mobile.")


# Fragments that name one comment on a page: WordPress `#comment-123`, Blogger `#c123` (with
# ?showComment=), Disqus-style `#comment_123`, `#li-comment-123` and `#comments-123`. A comment is
# its own item, so its anchor stays in its key; every other fragment is a place on the page.
_COMMENT_ANCHOR = re.compile(r"^(li-)?comments?[-_]?\d+$", re.I)
_BLOGGER_ANCHOR = re.compile(r"^c\d+$")


def is_comment_anchor(url: str) -> bool:
    """The URL points at one comment on its page (see _COMMENT_ANCHOR; Blogger's short `#c123`
    only with its showComment parameter, since `#c2` may be any section of a page)."""
    rest, _, fragment = url.partition("#")
    if not fragment:
        return False
    if _COMMENT_ANCHOR.match(fragment):
        return True
    return bool(_BLOGGER_ANCHOR.match(fragment)) and "showcomment=" in rest.lower()


def site(url: str) -> str:
    """The site a URL belongs to: lower-case host without www./m. and port."""
    return _bare_host(urlsplit(url).hostname)


def _bare_host(hostname: str | None) -> str:
    host = (hostname or "").lower().rstrip(".")
    for p in HOST_PREFIXES:
        if host.startswith(p) and host.count(".") >= 2:
            host = host[len(p) :]
            break
    return host


def canonical_url(url: str) -> str:
    """https, lower-case bare host, no default port, tracking parameters or trailing slash, and
    no fragment unless it is a comment anchor (`#comment-12`: the comment is not its page)."""
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return url
    host = _bare_host(parts.hostname)
    port = parts.port
    netloc = host if port in (None, 80, 443) else f"{host}:{port}"
    path = parts.path or "/"
    if len(path) > 1:
        path = path.rstrip("/") or "/"
    query = [
        (k, v)
        for k, v in (parse_qsl(parts.query, keep_blank_values=True) if parts.query else ())
        if not k.lower().startswith(TRACKING_PREFIXES) and k.lower() not in TRACKING_PARAMS
    ]
    fragment = parts.fragment if is_comment_anchor(url) else ""
    return urlunsplit(("https", netloc, path, urlencode(sorted(query)), fragment))


def on_domains(url: str | None, domains: tuple[str, ...]) -> bool:
    """True when the URL's host is one of `domains` or a subdomain of one."""
    if not url or not domains:
        return False
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    return any(host == d or host.endswith("." + d) for d in domains)
