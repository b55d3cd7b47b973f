"""Boolean brand queries: parse `("Fjällkraft" OR @fjallkraft) NOT Fjällkraftverket` and test texts.

Grammar (docs/config.md, "Boolean queries"): terms and "quoted phrases" match as names do
(analysis/names.py: inflection, compounds, capitals, å ä ö); a trailing `*` matches any word
that starts so; `AND` (or nothing: two terms side by side must both occur), `OR`, `NOT` (also
after a term: `a NOT b` is `a AND NOT b`), parentheses, and `a NEAR/n b` (both within n words
of each other, in either order). Operators are written in capitals; `and`, `or`, `not` in lower
case are ordinary words. Binding, tightest first: NEAR, NOT, AND, OR.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from analysis.names import Term, TermSet, Text, as_text

_QUOTES = {'"': '"', "”": "”", "“": "”", "„": "”"}  # Swedish writes ”…” too
_WORD = re.compile(r"[^\W_]+")


class QueryError(ValueError):
    """A query that cannot be parsed: what is wrong and where (0-based character position)."""

    def __init__(self, message: str, position: int):
        self.message, self.position = message, position
        super().__init__(f"at position {position + 1}: {message}")

    def pointed(self, query: str) -> str:
        """The message, then the query with a caret under the position."""
        return f"{self}\n    {query}\n    {' ' * self.position}^"


@dataclass(frozen=True)
class Leaf:
    text: str  # a word or phrase, without quotes and without the trailing *
    position: int
    phrase: bool = False
    wildcard: bool = False


@dataclass(frozen=True)
class Op:
    kind: str  # and | or | not | near
    parts: tuple
    distance: int = 0
    position: int = 0


@dataclass(frozen=True)
class _Token:
    kind: str  # word | phrase | ( | ) | and | or | not | near
    text: str
    position: int
    distance: int = 0


def _tokens(query: str) -> list[_Token]:
    out: list[_Token] = []
    i, n = 0, len(query)
    while i < n:
        c = query[i]
        if c.isspace():
            i += 1
        elif c in "()":
            out.append(_Token(c, c, i))
            i += 1
        elif c in _QUOTES:
            close = query.find(_QUOTES[c], i + 1)
            if close < 0 and c != '"':
                close = query.find('"', i + 1)
            if close < 0:
                raise QueryError("this quote is never closed", i)
            text = " ".join(query[i + 1 : close].split())
            if not text.rstrip("*").strip():
                raise QueryError("empty phrase", i)
            out.append(_Token("phrase", text, i))
            i = close + 1
        else:
            j = i
            while j < n and not query[j].isspace() and query[j] not in "()" + "".join(_QUOTES):
                j += 1
            out.append(_word_token(query[i:j], i))
            i = j
    return out


def _word_token(word: str, pos: int) -> _Token:
    if word in ("AND", "OR", "NOT"):
        return _Token(word.lower(), word, pos)
    if word.startswith("NEAR"):
        m = re.fullmatch(r"NEAR/(\d+)", word)
        if not m or int(m.group(1)) < 1:
            raise QueryError("NEAR needs a distance in words, e.g. NEAR/5", pos)
        return _Token("near", word, pos, int(m.group(1)))
    return _Token("word", word, pos)


def _leaf(tok: _Token) -> Leaf:
    text, wildcard = tok.text, tok.text.endswith("*")
    if wildcard:
        text = text[:-1]
    if "*" in text:
        raise QueryError("* may only end a term (fjällkraft*)", tok.position + tok.text.index("*"))
    if not any(ch.isalnum() for ch in text):
        raise QueryError("a term needs a letter or digit", tok.position)
    return Leaf(text.strip(), tok.position, tok.kind == "phrase", wildcard)


class _Parser:
    def __init__(self, query: str):
        self.query = query
        self.toks = _tokens(query)
        self.i = 0

    def peek(self) -> _Token | None:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def missing(self, what: str) -> QueryError:
        tok = self.peek()
        if tok is None:
            return QueryError(f"the query ends where {what} was expected", len(self.query))
        return QueryError(f"expected {what}, found {tok.text!r}", tok.position)

    def parse(self):
        if not self.toks:
            raise QueryError("the query is empty", 0)
        node = self.or_()
        tok = self.peek()
        if tok is not None:
            raise QueryError(f"unexpected {tok.text!r}", tok.position)
        return node

    def or_(self):
        parts = [self.and_()]
        while (tok := self.peek()) is not None and tok.kind == "or":
            self.i += 1
            parts.append(self.and_())
        return parts[0] if len(parts) == 1 else Op("or", tuple(parts))

    def and_(self):
        parts = [self.unary()]
        while (tok := self.peek()) is not None and tok.kind not in ("or", ")"):
            if tok.kind == "and":
                self.i += 1
            parts.append(self.unary())
        return parts[0] if len(parts) == 1 else Op("and", tuple(parts))

    def unary(self):
        tok = self.peek()
        if tok is not None and tok.kind == "not":
            self.i += 1
            return Op("not", (self.unary(),), position=tok.position)
        return self.near()

    def near(self):
        left = self.atom()
        while (tok := self.peek()) is not None and tok.kind == "near":
            self.i += 1
            right = self.atom()
            for side in (left, right):
                if not _positional(side):
                    raise QueryError(
                        "NEAR joins terms, phrases or (… OR …) of them", _first_position(side)
                    )
            left = Op("near", (left, right), tok.distance, tok.position)
        return left

    def atom(self):
        tok = self.peek()
        if tok is None or tok.kind not in ("word", "phrase", "("):
            raise self.missing('a term, a "phrase" or (')
        self.i += 1
        if tok.kind != "(":
            return _leaf(tok)
        node = self.or_()
        close = self.peek()
        if close is None or close.kind != ")":
            if close is None:
                raise QueryError("this parenthesis is never closed", tok.position)
            raise self.missing(")")
        self.i += 1
        return node


def _positional(node) -> bool:
    """Whether a node has places in the text (terms, phrases, NEAR, OR of those)."""
    if isinstance(node, Leaf):
        return True
    return node.kind in ("or", "near") and all(_positional(p) for p in node.parts)


def _first_position(node) -> int:
    return node.position if isinstance(node, Leaf) else _first_position(node.parts[0])


def leaves(node, positive: bool = True) -> list[tuple[Leaf, bool]]:
    """Every leaf with whether it counts for the brand (not under a NOT)."""
    if isinstance(node, Leaf):
        return [(node, positive)]
    inner = (not positive) if node.kind == "not" else positive
    return [x for p in node.parts for x in leaves(p, inner)]


@dataclass
class _Eval:
    """One text's evaluation: spans per leaf and word positions, each found once."""

    query: Query
    text: Text
    spans: dict = field(default_factory=dict)

    def leaf_spans(self, leaf: Leaf) -> list[tuple[int, int]]:
        got = self.spans.get(id(leaf))
        if got is None:
            found = self.query.sets[id(leaf)].find(self.text)
            got = self.spans[id(leaf)] = [(s, e) for s, e, _ in found]
        return got

    def near(self, first: tuple[int, int], second: tuple[int, int], n: int) -> bool:
        """Whether `second` starts within n words after `first` ends (they may overlap): the
        words in between are counted, and the count stops at n, whatever the text's length."""
        between = _WORD.finditer(self.text.low, first[1], max(first[1], second[0]))
        return sum(1 for _ in zip(range(n), between, strict=False)) < n

    def places(self, node) -> list[tuple[int, int]]:
        if isinstance(node, Leaf):
            return self.leaf_spans(node)
        if node.kind == "or":
            return sorted(s for p in node.parts for s in self.places(p))
        a, b = (self.places(p) for p in node.parts)
        out = []
        for x in a:
            for y in b:
                first, second = (x, y) if x[0] <= y[0] else (y, x)
                if self.near(first, second, node.distance):
                    out.append((first[0], max(x[1], y[1])))
        return out

    def truth(self, node) -> bool:
        if isinstance(node, Leaf):
            return bool(self.leaf_spans(node))
        if node.kind == "and":
            return all(self.truth(p) for p in node.parts)
        if node.kind == "or":
            return any(self.truth(p) for p in node.parts)
        if node.kind == "not":
            return not self.truth(node.parts[0])
        return bool(self.places(node))


class Query:
    """A parsed query with a compiled matcher per term; raises QueryError when it cannot parse."""

    def __init__(self, query: str):
        self.source = query
        self.tree = _Parser(query).parse()
        self.sets = {}
        positive = []
        for leaf, pos in leaves(self.tree):
            term = Term.compile(leaf.text, prefix=leaf.wildcard)
            self.sets[id(leaf)] = TermSet([term])
            if pos:
                positive.append(term)
        # What names the brand in a sentence (brand-targeted tone): the terms not under NOT.
        self.positive = TermSet(positive)
        if self.matches(""):
            raise QueryError("the query needs a term that must occur (it matches an empty text)", 0)

    @property
    def terms(self) -> tuple[str, ...]:
        """The words and phrases that name the brand (those not under NOT)."""
        return tuple(t.text for t in self.positive.terms)

    def matches(self, text: str | Text) -> bool:
        return _Eval(self, as_text(text)).truth(self.tree)
