"""The view's parameters as they travel in the URL query string, so any view can be bookmarked."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace
from functools import cache
from typing import Any
from urllib.parse import parse_qs, urlencode

from analysis.lang import FUNCTION_WORDS
from analysis.windows import iso_date
from dashboard.i18n import LANGUAGE_NAMES, LANGUAGES, kind_name, language_name, t
from koll.config import FEED_KINDS

OWNED = ("all", "owned", "earned")
TONES = ("pos", "neu", "neg", "none")
SORTS = ("new", "old", "source", "neg", "pos")
TRIAGE = ("todo", "handled", "none")
KINDS = FEED_KINDS
# The language codes an item can carry: those the detector names (analysis.lang), "und" for a
# text it could not place, the ones the dashboard names, and "none" for an item never detected.
MLANGS = tuple(dict.fromkeys((*FUNCTION_WORDS, "und", *LANGUAGE_NAMES, "none")))
# The filters of fixed values: each URL key, the Params field and the values it may hold. The
# sources (`src`) are the store's, checked where it is read (data.resolve).
FIXED = (("kind", KINDS), ("tone", TONES), ("mlang", MLANGS), ("triage", TRIAGE))
# A source is a host, perhaps with a path: Reddit's are "reddit.com/r/sweden" (ingest/platforms.py).
_TOKEN = re.compile(r"^[\w.\-:@/~åäöÅÄÖ]{1,100}$")


# The parameters that hold one value. A URL may repeat them (?since=A&since=B, a link pasted
# onto another); the first is used and the page says so (repeated). The others (src, kind, tone,
# mlang, triage) hold several values, which may come as one list.
SINGLE = ("brand", "since", "until", "owned", "ui", "q", "sort", "story", "page")


def first_values(query: dict | None) -> dict[str, Any]:
    """The query with each one-value parameter's first value, and a list of one as its value."""
    return {
        k: (v[0] if isinstance(v, list | tuple) and v and (len(v) == 1 or k in SINGLE) else v)
        for k, v in (query or {}).items()
    }


def repeated(query: dict | None) -> list[tuple[str, list[str]]]:
    """(name, values as written) of each one-value parameter the URL gives different values."""
    out = []
    for key in SINGLE:
        v = (query or {}).get(key)
        if isinstance(v, list | tuple) and len({str(x) for x in v}) > 1:
            out.append((key, [str(x)[:40] for x in v]))
    return out


def _day(v) -> str | None:
    """A day the command line accepts (analysis.windows.iso_date: YYYY-MM-DD, 1900-2999), else
    None: a hand-edited URL with a bad date falls back to the default period (refused_days)."""
    try:
        return iso_date(str(v)) if v else None
    except ValueError:
        return None


def refused_days(query: dict | None) -> list[tuple[str, str]]:
    """(since or until, the value as written) for each end of the period a URL gives and
    Params refuses, so the page can say it shows another period than the one asked for."""
    out = []
    for end in ("since", "until"):
        v = first_values(query).get(end)
        if v and _day(v) is None:
            out.append((end, str(v)[:40]))
    return out


def _int(v) -> int | None:
    """A small positive whole number from the URL, else None (a hand-edited URL falls back)."""
    try:
        n = int(str(v))
    except (TypeError, ValueError):
        return None
    return n if 0 < n < 10**9 else None


def tokens(v) -> tuple[str, ...]:
    """'a,b' or ['a', 'b'] -> ('a', 'b'): a many-value parameter's values as written, once each."""
    if not v:
        return ()
    parts = v if isinstance(v, list | tuple) else str(v).split(",")
    return tuple(dict.fromkeys(x for x in (str(p).strip() for p in parts) if x))


def _many(v) -> tuple[str, ...]:
    """tokens(v) without odd tokens (a source filter's)."""
    return tuple(x for x in tokens(v) if _TOKEN.match(x))


def value_name(key: str, value: str, lang: str = "sv") -> str:
    """A fixed filter's value (`key` a URL key of FIXED) as the dashboard shows it in the
    filter: kind=comments is "kommentarer", tone=neg "Negativ", mlang=sv "svenska"."""
    if key == "kind":
        return kind_name(value, lang)
    if key == "mlang":
        return language_name(value, lang)
    return t(f"{key}.{value}", lang)


@cache
def _names(key: str) -> dict[str, str]:
    """Every way a fixed filter's value may be written in a URL, any case, to the value: the
    value, or the word the dashboard shows for it in Swedish or English. A hand-typed
    kind=kommentarer is the filter the page names "kommentarer" (it was refused as unknown
    while the note listed "kommentarer" among the valid values)."""
    allowed = dict(FIXED)[key]
    out = {value_name(key, v, ui).casefold(): v for v in allowed for ui in LANGUAGES}
    return out | {v.casefold(): v for v in allowed}


def _fixed(v, key: str) -> tuple[str, ...]:
    """A fixed filter's values in a URL (tokens(v)), each as the value it names; a value it
    does not name is left out (unknown_values() names it)."""
    names = _names(key)
    return tuple(dict.fromkeys(names[x.casefold()] for x in tokens(v) if x.casefold() in names))


def unknown_values(query: dict | None) -> list[tuple[str, list[str]]]:
    """(URL key, values as written) of the fixed-value filters' values Params drops: a
    hand-edited `kind=video` would otherwise look like a selection that finds nothing."""
    out = []
    for key, _allowed in FIXED:
        names = _names(key)
        dropped = [x[:40] for x in tokens((query or {}).get(key)) if x.casefold() not in names]
        if dropped:
            out.append((key, dropped))
    return out


@dataclass(frozen=True)
class Params:
    """Shared filters (brand, period, owned) plus the mentions page's own filters and the UI language."""

    brand: str | None = None
    since: str | None = None
    until: str | None = None
    owned: str = "all"
    ui: str = "sv"
    sources: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    tones: tuple[str, ...] = ()
    mlangs: tuple[str, ...] = ()
    q: str = ""
    sort: str = "new"
    story: int | None = None  # the mentions of one story (stories.id)
    triage: tuple[str, ...] = ()
    page: int = 0  # the mentions table's page, counted from 0 (shown from 1 in the URL)

    def replace(self, **kw) -> Params:
        return replace(self, **kw)

    @classmethod
    def from_query(cls, query: dict | None, default_ui: str = "sv") -> Params:
        """From Dash's parsed query kwargs (or parse_qs output); unknown or bad values fall back,
        and a one-value parameter given twice takes its first value (repeated() says so)."""
        q = first_values(query)
        ui = q["ui"] if q.get("ui") in ("sv", "en") else default_ui
        owned = q["owned"] if q.get("owned") in OWNED else "all"
        sort = q["sort"] if q.get("sort") in SORTS else "new"
        brand = q.get("brand") if isinstance(q.get("brand"), str) else None
        text = q["q"] if isinstance(q.get("q"), str) else ""
        page = _int(q.get("page"))
        return cls(
            brand=brand or None,
            since=_day(q.get("since")),
            until=_day(q.get("until")),
            owned=owned,
            ui=ui,
            sources=_many(q.get("src")),
            kinds=_fixed(q.get("kind"), "kind"),
            tones=_fixed(q.get("tone"), "tone"),
            mlangs=_fixed(q.get("mlang"), "mlang"),
            q=text[:200],
            sort=sort,
            story=_int(q.get("story")),
            triage=_fixed(q.get("triage"), "triage"),
            page=max(0, page - 1) if page else 0,
        )

    @classmethod
    def from_search(cls, search: str | None, default_ui: str = "sv") -> Params:
        return cls.from_query(parse_qs((search or "").lstrip("?")), default_ui)

    def query(self, *, shared_only: bool = False, default_ui: str = "sv") -> str:
        """The query string ('?brand=…&since=…') with defaults left out, so URLs stay short."""
        pairs: list[tuple[str, str]] = []
        if self.brand:
            pairs.append(("brand", self.brand))
        if self.since:
            pairs.append(("since", self.since))
        if self.until:
            pairs.append(("until", self.until))
        if self.owned != "all":
            pairs.append(("owned", self.owned))
        if self.ui != default_ui:
            pairs.append(("ui", self.ui))
        if not shared_only:
            for key, values in (
                ("src", self.sources),
                ("kind", self.kinds),
                ("tone", self.tones),
                ("mlang", self.mlangs),
            ):
                if values:
                    pairs.append((key, ",".join(values)))
            if self.q:
                pairs.append(("q", self.q))
            if self.sort != "new":
                pairs.append(("sort", self.sort))
            if self.story is not None:
                pairs.append(("story", str(self.story)))
            if self.triage:
                pairs.append(("triage", ",".join(self.triage)))
            if self.page:
                pairs.append(("page", str(self.page + 1)))
        return ("?" + urlencode(pairs)) if pairs else ""

    def as_dict(self) -> dict:
        return {
            f.name: (list(v) if isinstance(v := getattr(self, f.name), tuple) else v)
            for f in fields(self)
        }

    @classmethod
    def from_dict(cls, d: dict) -> Params:
        kw: dict[str, Any] = {}
        for f in fields(cls):
            if f.name in d:
                v = d[f.name]
                kw[f.name] = tuple(v) if isinstance(v, list) else v
        return cls(**kw)
