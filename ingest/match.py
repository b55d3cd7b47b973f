"""Which brands an item mentions, and whether it is owned (feed owner, owned domain, spokesperson)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from analysis.brands import Brand, BrandMatcher, Text
from analysis.text import fold
from ingest.urls import on_domains
from koll.store.records import Item, Mention


@dataclass(frozen=True)
class Matchers:
    brands: tuple[Brand, ...]
    matchers: dict[str, BrandMatcher]

    @classmethod
    def build(cls, brands: Sequence[Brand]) -> Matchers:
        return cls(tuple(brands), {b.name: BrandMatcher.for_brand(b) for b in brands})


def others_of(matchers: Mapping[str, BrandMatcher], brand: str) -> Callable[[str], bool] | None:
    """Whether a piece of text names one of the other configured brands (None: there are none).

    Brand-targeted tone drops clauses about another party; with other brands configured, those
    are the parties that count (sentiment_brand.classify_for_brand's `others`), at ingestion and when
    `koll analyse` rescores alike.
    """
    rest = [m for name, m in matchers.items() if name != brand]
    return (lambda s: any(m.mentions(s) for m in rest)) if rest else None


def _person(author: str | None, people: tuple[str, ...]) -> str | None:
    """The one of `people` (or of a brand's names) who wrote it: the author is that name, or
    contains it ("Anna Berg, Fjällkraft")."""
    if not author:
        return None
    a = fold(author)
    for p in people:
        fp = fold(p)
        if a == fp or a.startswith(fp + " ") or a.startswith(fp + ",") or f"({fp})" in a:
            return p
    return None


def brand_mention(
    item: Item, b: Brand, matcher: BrandMatcher, text: Text, feed_owner: str | None = None
) -> Mention | None:
    """The item's mention of one brand: it names the brand, or the brand published it."""
    owned_by = None
    person = _person(item.author, b.people)
    if feed_owner == b.name:
        owned_by = "feed"
    elif item.kind != "comments" and (
        on_domains(item.url, b.owned_domains)
        # the source is the link's site, except where a platform names the publisher
        # (Google News links all point to news.google.com): the publisher decides
        or on_domains(f"https://{item.source}", b.owned_domains)
    ):
        # A comment's link points into the post it answers, so the domain says nothing
        # about who wrote the comment; only its author does.
        owned_by = "domain"
    elif person:
        owned_by = "person"
    elif _person(item.author, (b.name, *b.aliases)):
        # Its own account ("@fjallkraft", "Fjällkraft Kundservice"), as dialogue reads it: a
        # reply under it was the brand answering and yet an earned mention, whose apology
        # ("det är helt vårt fel") lowered the net tone of what others say (QA, 2026-12-07).
        owned_by = "account"
    if owned_by or matcher.matches(text):
        return Mention(
            item_key=item.key,
            brand=b.name,
            owned=owned_by is not None,
            owned_by=owned_by,
            person=person,
        )
    return None


def item_text(item: Item) -> Text:
    """What brands are looked for in: title and text, prepared once for every brand."""
    return Text(f"{item.title}\n{item.text}")


def match_item(item: Item, m: Matchers, feed_owner: str | None = None) -> list[Mention]:
    """Mentions of each brand in an item: it names the brand, or the brand published it."""
    text = item_text(item)
    found = (brand_mention(item, b, m.matchers[b.name], text, feed_owner) for b in m.brands)
    return [x for x in found if x is not None]
