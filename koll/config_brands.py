"""Reading koll.toml's [[brands]] tables: each brand's keys and query, and checks across brands.

A brand is analysis.brands.Brand; this module refuses what would make its mentions wrong: a
name defined twice, one alias on two brands, a brand its own competitor, an exclusion of the
brand's own name. A competitor with no [[brands]] table of its own is followed by its name.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

from analysis.brands import Brand, QueryError
from koll.config_values import MAX_NAME, ConfigError, _Reader


def brand_key(name: str) -> str:
    """A brand name as it is looked up: NFC, stripped, case-folded."""
    return unicodedata.normalize("NFC", name.strip()).casefold()


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
        competitors=r.strs("competitors", max_length=MAX_NAME),  # may become brand names
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
    brands += _unlisted_competitors(brands)
    _check_aliases(file, brands)
    return tuple(brands)


def _unlisted_competitors(brands: list[Brand]) -> list[Brand]:
    """A brand of its name alone for each competitor with no [[brands]] table, once each: the
    contract's own example names "Nordvind" so, and was refused ("names no [[brands]] entry");
    it is followed as `[[brands]] name = "Nordvind"` would be."""
    listed = {brand_key(b.name) for b in brands}
    unlisted: dict[str, str] = {}  # key -> the name as first written
    for b in brands:
        for c in b.competitors:
            if brand_key(c) not in listed:
                unlisted.setdefault(brand_key(c), c.strip())
    return [Brand(name=name) for name in unlisted.values()]
