"""`koll discover`: find a blog's or site's feeds (and WordPress comment feeds) from its home page."""

from __future__ import annotations

import json
import re
import sys
from urllib.parse import urlsplit

from koll.cli._common import fail, settings_from_args
from koll.config import ConfigError, FetchSettings

HELP = (
    "find the RSS/Atom feeds of a blog or site (and its comment feeds) as [[feeds]] to paste, "
    "or the [[searches]] entry of a Mastodon, Bluesky or YouTube profile page"
)
EXAMPLE = (
    "koll discover https://blogg.exempel.se/ >> koll.toml\n"
    "  koll discover https://bsky.app/profile/fjallkraft.bsky.social >> koll.toml"
)


def add_arguments(p) -> None:
    p.add_argument("url", help="a home page, blog or feed URL")
    p.add_argument("--no-comments", action="store_true", help="skip comment feeds")
    p.add_argument("--format", choices=["toml", "json"], default="toml")


def _fetch_settings(args) -> FetchSettings:
    """The [fetch] settings of the config when there is one; discovery works without it."""
    try:
        return settings_from_args(args).fetch
    except ConfigError:
        if getattr(args, "config", None):
            raise
        return FetchSettings()


# What TOML allows in neither a basic string nor a comment: control characters other than tab.
_TOML_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")


def _toml_string(value: str) -> str:
    """A TOML basic string: json.dumps' quoting, which the text cannot break out of, without its
    two differences from TOML. Characters outside the BMP are left as they are (JSON's surrogate
    pair escapes are not valid TOML: a link to /flöde/😀.xml printed a file that did not load)
    and DEL, which JSON leaves raw, is escaped."""
    quoted = json.dumps(value, ensure_ascii=False)
    return _TOML_CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def _comment(text: str) -> str:
    """Text for a `# ...` comment on one line: control characters (a page's title may carry
    any) and line breaks become spaces."""
    return " ".join(_TOML_CONTROL.sub(" ", text).split())


def _url_problem(url: str) -> str | None:
    """What makes `url` no http(s) URL with a host, in the config reader's words; None when it is
    one. urlsplit raises for some (a '[' with no ']': 'Invalid IPv6 URL', which ended in a
    traceback), and .port for a port that is no number or out of range."""
    try:
        parts = urlsplit(url)
        ok = parts.scheme in ("http", "https") and bool(parts.hostname)
        parts.port  # noqa: B018 -- raises ValueError
    except ValueError as e:
        return f"expected an http(s) URL, got {url!r} ({e})"
    return None if ok else f"expected an http(s) URL, got {url!r}"


def run(args) -> int:
    from ingest.discover import discover
    from ingest.parse import FeedError

    problem = _url_problem(args.url)
    if problem is not None:
        return fail(problem, 2)
    try:
        found = discover(args.url, _fetch_settings(args), comments=not args.no_comments)
    except FeedError as e:
        return fail(str(e), 1)
    if not found:
        return fail(f"no feed found on {args.url}", 1)
    if args.format == "json":
        rows = [{**f.__dict__, "search": f.search and f.search.describe()} for f in found]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    for f in found:
        title = _comment(f.title)
        note = f"  # {title}" if title else ""
        if f.search is not None:
            keys = "".join(f"{k} = {_toml_string(v)}\n" for k, v in f.search.describe().items())
            sys.stdout.write(f"[[searches]]{note or '  # ' + _comment(f.url)}\n{keys}\n")
            continue
        sys.stdout.write(f'[[feeds]]\nurl = {_toml_string(f.url)}{note}\nkind = "{f.kind}"\n\n')
    return 0
