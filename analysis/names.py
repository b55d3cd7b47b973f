"""Where one configured name, alias or query term occurs in a text: its kind, pattern and checks.

How a term is written decides how it matches (docs/config.md, "How names match"):
- handle `@fjallkraft`, `#fjällkraft` and domain `fjallkraft.se`: å ä ö count as a a o, since
  handles and host names drop the dots;
- caps `DN`, `SJ`, `ICA`: capitals of up to three letters (or whose lower case is a word) match
  only in capitals, with `:s`, `:n`, `-tåg` or a genitive `s`, never as the start of a longer
  word (`DNS`, `SJU`);
- word `Vattenfall`, `Posten`, `Apple`: a capitalised name that is also a common word
  (analysis/words.py) matches only capitalised, and not as the word's own inflections
  (`Vattenfallet`, `Klarnade`);
- name `Volvo`, `Fjällkraft`: any case, with genitives and compounds (`Volvos`, `Volvo:s`,
  `Volvoägare`), but not a compound that is itself a dictionary word (`folksamling`);
- plain `invandring` (written in lower case): any case, genitives and compounds;
- prefix `fjällkraft*` (queries): any word that starts so.
Everywhere else å ä ö are letters (Skanska is not "skånska"), and ’ ‘ ´ ` ʼ are all the
apostrophe ' (McDonald’s).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from analysis.text import fold
from analysis.words import common_words, is_word

# Closed compounds (`Volvoägare`) only for terms of at least this many letters: shorter names
# such as `SJ` or `ICA` would otherwise match `sjukt` or `icarus`.
MIN_COMPOUND_LEN = 5
# Capitals of up to three letters are acronyms (DN, SJ, SEB, ICA): in lower case or as the start
# of a word they are mostly something else ("dns", "sjukt", "Seb" for Sebastian). Longer ones
# (IKEA, SAAB) are written as names too ("Ikea", "Saab"), as Swedish newspapers do.
MAX_ACRONYM = 3
# Endings that turn a word-name into the word itself: Vattenfall-et, Klarna-de, Klarna-r,
# Post-en-s... A genitive `s` stays the name's (Vattenfalls vd), as does a compound that is not
# a dictionary word (Vattenfallsaktien).
_ENDINGS = "a e t n r en et na ar er or ad at de te ts ns ens ets nas ars ers ors are ade ande ende"
INFLECTIONS = frozenset((_ENDINGS + " arna erna orna arnas ernas ornas ades ats ast aste").split())
# Inflection a word of a multi-word name or phrase may carry before the next word (Röda Korsets,
# "lokala vindkraften").
_INNER = r"(?:arna|erna|orna|ens|ets|ns|en|et|na|ar|er|or|a|e|t|s|n)?"
_APOSTROPHES = ("’", "‘", "ʼ", "´", "`")
_DOMAIN = re.compile(r"[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}")


# Accents a Swedish writer leaves out (Åhléns is written "Åhlens", Café Opera "Cafe Opera");
# å ä ö are letters of their own and stay. One letter for one, so positions are kept.
_ACCENTS = tuple(zip("éèêëáàâãüûùúóòôõíìîïçñ", "eeeeaaaauuuuooooiiiicn", strict=True))


class Text:
    """One text in the forms terms are matched in, position for position with `raw`.

    raw: NFC, every apostrophe as '; low: raw in lower case, accents other than å ä ö dropped
    (_ACCENTS); folded: low with å ä ö as a a o (handles and domains), made only when a term
    needs it.
    """

    __slots__ = ("_folded", "low", "raw")

    def __init__(self, text: str):
        raw = text if text.isascii() else unicodedata.normalize("NFC", text)
        for a in _APOSTROPHES:
            if a in raw:
                raw = raw.replace(a, "'")
        self.raw = raw
        low = raw.lower()
        # Keep positions: a few characters lower-case to two (İ), and a capital sigma's lower
        # case depends on its neighbours; then lower each character on its own.
        if len(low) != len(raw) or "Σ" in raw:
            low = "".join(c if len(lc := c.lower()) != 1 else lc for c in raw)
        if not low.isascii():
            # str.replace per accent present, in C: str.translate took 37 us for 800 characters
            # and a regex character class 17 us to scan 5,000; 22 `in` take 1 us
            for accented, plain in _ACCENTS:
                if accented in low:
                    low = low.replace(accented, plain)
        self.low = low
        self._folded: str | None = None

    @property
    def folded(self) -> str:
        if self._folded is None:
            self._folded = fold(self.low)
        return self._folded

    def form(self, name: str) -> str:
        return self.raw if name == "raw" else self.low if name == "low" else self.folded


def as_text(text: str | Text) -> Text:
    return text if isinstance(text, Text) else Text(text)


def clean(term: str) -> str:
    """A term as matched: outer spaces gone, apostrophes as ', NFC."""
    t = unicodedata.normalize("NFC", " ".join(term.split()))
    for a in _APOSTROPHES:
        t = t.replace(a, "'")
    return t


def kind_of(term: str, *, exclude: bool = False, prefix: bool = False) -> str:
    """handle, domain, caps, word, name, plain or prefix: see the module's docstring.

    Exclusions match in any case (they remove look-alikes however they are written).
    """
    t = clean(term)
    if t[:1] in ("@", "#"):
        return "handle"
    if " " not in t and _DOMAIN.fullmatch(t):
        return "domain"
    if prefix:
        return "prefix"
    if exclude:
        return "plain"
    letters = [c for c in t if c.isalpha()]
    if len(letters) >= 2 and all(c.isupper() for c in letters):
        return "caps" if len(letters) <= MAX_ACRONYM or is_word(t) else "name"
    if letters and letters[0].isupper():
        return "word" if is_word(t) else "name"
    return "plain"


def _core(text: str, inner: bool) -> str:
    """The term's words as a pattern: white space of any length between words, a hyphen may be
    a space or nothing (Trygg-Hansa, Trygg Hansa), an apostrophe may be left out (McDonalds)."""
    words = []
    for w in text.split(" "):
        words.append(re.escape(w).replace(r"\-", r"[-\s]?").replace("'", "'?"))
    return ((_INNER if inner else "") + r"\s+").join(words)


def _literal_start(text: str) -> str:
    """What every match starts with literally: the first word up to a hyphen or apostrophe."""
    return re.split(r"[\s'-]", text, maxsplit=1)[0]


_TAIL = {
    "handle": r"(?:[:'][^\W_]+)?",
    "domain": "",
    "caps": r"(?::[^\W_]+|'s|-[^\W_]+|s)?",
    "prefix": r"[^\W_]*",
}
_COMPOUND_TAIL = r"(?:[:'\-][^\W_]+|[^\W\d_]*)"
_SHORT_TAIL = r"(?:[:'\-][^\W_]+|s)?"


# A look-alike excluded in one form is excluded in all: `exclude = ["Fjällkraftverket"]` had
# left "Fjällkraftverken" and "Fjällkraftverk" counted as Fjällkraft. An exclusion is its stem
# (one noun ending taken off its last word) with any ending of these.
_NOUN_ENDING = re.compile(r"(?:arnas|ernas|ornas|arna|erna|orna|ens|ets|nas|en|et|na)$")
_NOUN_ENDINGS = r"arnas|ernas|ornas|arna|erna|orna|ens|ets|nas|ars|ers|ors|ns|en|et|na|ar|er|or"


def _exclusion(body: str, names: frozenset[str]) -> tuple[str, str]:
    """(core text, tail pattern) of an exclusion: its stem, with an ending; the bare stem too,
    unless that is one of the brand's own names (`Vattenfallet` must not exclude Vattenfall,
    nor `nordvinden` the genitive Nordvinds)."""
    if body in names:
        return body, _SHORT_TAIL
    m = _NOUN_ENDING.search(body)
    if m is None or m.start() < 4 or " " in body[m.start() - 1 : m.start()]:
        stem = body  # written bare (`fjällkraftverk`): its inflected forms too
    else:
        stem = body[: m.start()]
    if stem in names:  # an ending it must have; a genitive `s` stays the name's
        return stem, rf"(?:{_NOUN_ENDINGS})(?:[:'\-][^\W_]+)?"
    return stem, rf"(?:{_NOUN_ENDINGS}|s)?(?:[:'\-][^\W_]+)?"


@dataclass(frozen=True)
class Term:
    """One compiled term: `pattern` (with its core in group `group`) runs on text.form(form)."""

    text: str
    kind: str
    form: str  # raw | low | folded
    core: str
    tail: str
    start: str  # literal start in that form ("" when there is none: no prefilter)
    compounds: bool

    @classmethod
    def compile(
        cls,
        term: str,
        *,
        exclude: bool = False,
        prefix: bool = False,
        names: frozenset[str] = frozenset(),
    ) -> Term:
        """`names`: an exclusion's brand names, lower-cased (see _exclusion)."""
        t = clean(term)
        kind = kind_of(t, exclude=exclude, prefix=prefix)
        if kind in ("handle", "domain"):
            form, body = "folded", fold(t)
        elif kind == "caps":
            form, body = "raw", t
        else:
            form, body = "low", Text(t).low
        compounds = len(t.strip("@#")) >= MIN_COMPOUND_LEN and not exclude
        tail = _TAIL.get(kind, _COMPOUND_TAIL if compounds else _SHORT_TAIL)
        if kind == "plain" and exclude:
            body, tail = _exclusion(body, names)
        inner = kind not in ("handle", "domain", "caps")
        return cls(t, kind, form, _core(body, inner), tail, _literal_start(body), compounds)

    def pattern(self, group: str) -> str:
        if self.kind == "domain":
            # subdomains too (blogg.fjallkraft.se), not a longer host (fjallkraft.se.example.com)
            return rf"(?<![\w-])(?P<{group}>{self.core})(?![\w-]|\.[^\W_])"
        left = r"(?<![\w@#])" if self.text[:1].isalnum() else r"(?<!\w)"
        return rf"{left}(?P<{group}>{self.core}){self.tail}(?!\w)"

    def accept(self, text: Text, start: int, core_end: int, end: int) -> bool:
        """The checks a pattern cannot make: capitals and dictionary words."""
        if self.kind == "word" and not text.raw[start].isupper():
            return False
        if self.kind not in ("word", "name"):
            return True
        tail = text.low[core_end:end]
        if not tail or tail == "s" or tail[0] in ":'-":
            return True
        # The whole word it made: `getingen` (the wasp) is a word, not Getinge inflected.
        word = text.low[start:end].split()[-1]
        if word in common_words() or _other_compound(word, len(word) - len(tail)):
            return False
        if tail in INFLECTIONS:  # Volvon, Volvor: the name's; Vattenfallet: the word's
            return self.kind == "name"
        return len(tail) >= 3  # no compound adds one or two letters: Volvox is an alga


def _other_compound(word: str, name_end: int) -> bool:
    """Whether `word` is two dictionary words joined inside the name: `folksamling` is folk +
    samling, not Folksam + ling, and `nordvinden` nord + vinden (the dictionary lists few
    compounds, so `folksamling` itself is not in it)."""
    known = common_words()
    return any(
        word[:i] in known and word[i:] in known for i in range(4, min(name_end, len(word) - 3))
    )


class TermSet:
    """Terms compiled together: `find(text)` lists (start, end, term index), checks applied.

    Each form's terms are one alternation (longest first), tried only where one of their
    literal starts occurs: the patterns begin with a look-behind, which makes the regex engine
    try every position of the text, while str.find skips to the few candidates in C.
    """

    def __init__(self, terms: Sequence[Term]):
        self.terms = tuple(terms)
        order = sorted(range(len(self.terms)), key=lambda i: -len(self.terms[i].text))
        self.forms: dict[str, tuple[re.Pattern, tuple[str, ...] | None]] = {}
        for form in ("raw", "low", "folded"):
            mine = [i for i in order if self.terms[i].form == form]
            if not mine:
                continue
            alt = "|".join(self.terms[i].pattern(f"t{i}") for i in mine)
            starts = [self.terms[i].start for i in mine]
            prefixes = None if "" in starts else tuple(dict.fromkeys(starts))
            self.forms[form] = (re.compile(alt), prefixes)
        folded = [t for t in self.terms if t.form == "folded"]
        self.handles_only = bool(folded) and all(t.kind == "handle" for t in folded)
        # Each term alone, for the rare place where the alternation's pick fails its checks
        # but another term would pass them.
        self.alone = [re.compile(t.pattern("t")) for t in self.terms]

    def __bool__(self) -> bool:
        return bool(self.terms)

    def find(self, text: str | Text, *, prefilter: bool = True) -> list[tuple[int, int, int]]:
        t = as_text(text)
        out: list[tuple[int, int, int]] = []
        for form, (pattern, prefixes) in self.forms.items():
            if form == "folded" and self.handles_only and "@" not in t.raw and "#" not in t.raw:
                continue  # folding the text is the cost; no handle can be there
            s = t.form(form)
            if prefilter and prefixes is not None:
                out += self._at_candidates(t, s, pattern, prefixes)
            else:
                out += self._searching(t, s, pattern)
        if len(self.forms) > 1:
            out.sort()
        return out

    def _hit(self, t: Text, s: str, m: re.Match, i: int) -> tuple[int, int, int] | None:
        """The accepted match at position i: the alternation's, else the first term's alone."""
        group = m.lastgroup
        assert group is not None  # the pattern is an alternation of named groups
        k = int(group[1:])
        if self.terms[k].accept(t, i, m.end(group), m.end()):
            return (i, m.end(), k)
        form = self.terms[k].form
        for j, term in enumerate(self.terms):
            if j != k and term.form == form:
                mm = self.alone[j].match(s, i)
                if mm and term.accept(t, i, mm.end("t"), mm.end()):
                    return (i, mm.end(), j)
        return None

    def _at_candidates(self, t: Text, s: str, pattern: re.Pattern, prefixes) -> list:
        starts: list[int] = []
        for p in prefixes:
            i = s.find(p)
            while i >= 0:
                starts.append(i)
                i = s.find(p, i + 1)
        if not starts:
            return []
        if len(prefixes) > 1:
            starts = sorted(set(starts))
        out, end = [], 0
        for i in starts:
            if i >= end:
                m = pattern.match(s, i)
                if m is not None and (hit := self._hit(t, s, m, i)) is not None:
                    out.append(hit)
                    end = hit[1]
        return out

    def _searching(self, t: Text, s: str, pattern: re.Pattern) -> list:
        """The same matches as _at_candidates, by searching every position (the plain way)."""
        out, pos = [], 0
        while (m := pattern.search(s, pos)) is not None:
            i = m.start()
            hit = self._hit(t, s, m, i)
            if hit is not None:
                out.append(hit)
                pos = hit[1]
            else:
                pos = i + 1
        return out
