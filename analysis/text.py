"""Swedish text handling shared by matching, sentiment and topics: folding, tokens, sentences, stems."""

from __future__ import annotations

import hashlib
import html
import re
import unicodedata
from functools import lru_cache

from analysis.stem_sv import stem as _stem_sv

# str.replace per letter: each is one C scan, many times faster than str.translate with a table.
_FOLD = (
    ("å", "a"),
    ("ä", "a"),
    ("ö", "o"),
    ("é", "e"),
    ("è", "e"),
    ("ü", "u"),
    ("æ", "a"),
    ("ø", "o"),
)


def fold(text: str) -> str:
    """Lower-case and fold å/ä/ö to a/a/o, keeping every character's position.

    Handles and domains drop the dots (`@fjallkraft`, `fjallkraft.se`), so matching compares
    folded forms; position-preserving folding lets matches point back into the original text.
    """
    if text.isascii():  # nothing to normalise or fold
        return text.lower()
    text = unicodedata.normalize("NFC", text)
    low = text.lower()
    # Fast path (C speed): when no character lower-cases to more than one (İ) and no capital
    # sigma gets its context-dependent final form, whole-string lower() equals the per-character
    # loop below.
    if len(low) != len(text) or "Σ" in text:
        low = "".join(c if len(lc := c.lower()) != 1 else lc for c in text)
    for letter, plain in _FOLD:
        if letter in low:
            low = low.replace(letter, plain)
    return low


_TAG = re.compile(r"<(script|style)\b.*?</\1\s*>|<[^>]+>", re.S | re.I)
# Tags that end a line of text. Table cells and definition lists too: `<td>Pris</td><td>Billig
# </td>` had read "PrisBillig", one word that neither brand names nor tone words match.
_BLOCK = re.compile(
    r"</?(p|div|br|li|h[1-6]|blockquote|tr|td|th|dt|dd|section|article)\b[^>]*>", re.I
)
_WS = re.compile(r"[ \t\r\f\v\u00a0]+")


# Characters that show nothing: the soft hyphen Swedish news sites put into long headline words
# (`Fjäll&shy;kraft`: no brand matched), zero-width spaces and word joiners, a stray BOM. The
# zero-width (non-)joiners stay: emoji sequences (👨‍👩‍👧) are made with them.
_INVISIBLE = re.compile("[\u00ad\u200b\u2060\ufeff]")


def plain(text: str) -> str:
    """NFC (an "ö" written as o and a combining diaeresis is one letter), invisibles dropped."""
    if text.isascii():
        return text
    return _INVISIBLE.sub("", unicodedata.normalize("NFC", text))


def html_to_text(markup: str) -> str:
    """Plain text from feed HTML: block tags become line breaks, entities are decoded."""
    if "<" not in markup and "&" not in markup:
        return _WS.sub(" ", plain(markup)).strip()
    text = _BLOCK.sub("\n", markup)
    text = _TAG.sub("", text)
    text = plain(html.unescape(text))
    lines = (_WS.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


# Inline formatting some feeds put in titles; anything else that looks like a tag in a title is
# kept as literal text (a forum title "<img src=x onerror=...>" is what its author typed, and the
# dashboard shows it as text rather than silently dropping it).
_FORMAT_TAG = re.compile(
    r"</?(?:b|i|u|s|em|strong|span|a|small|sup|sub|code|mark|abbr|font|cite|q|br)\b[^>]*>", re.I
)


def title_text(markup: str) -> str:
    """Plain text of a feed title: formatting tags dropped, entities decoded, other markup kept as text."""
    text = plain(html.unescape(_FORMAT_TAG.sub("", markup)))
    return " ".join(text.split())


# White space a name can hold by accident; not str.split()'s C1 controls (U+0085 is a byte of a
# mis-decoded "Å" that feedparser leaves in authors, tests/test_parse_fastpath.py).
_AUTHOR_WS = re.compile(r"[ \t\n\r\f\v\u00a0\u2028\u2029]+")


def author_text(raw: str | None) -> str | None:
    """An author as readers see the name: entities decoded (WordPress escapes a pingback's
    author twice, `Late Night Linux &#8211; …`), runs of white space (a template's tabs and line
    breaks between two names) one space; None when nothing is left. Tags are text here: an
    address in angle brackets (`Anna <anna@exempel.se>`) is part of what was written."""
    text = _AUTHOR_WS.sub(" ", plain(html.unescape(raw or ""))).strip()
    return text or None


# An e-mail address as feeds write one beside a name (no "@" before it: "@anna@mastodon.social"
# is an account, which is the name).
_ADDRESS = r"[^\s@()<>\"]+@[^\s@()<>\"]+\.[^\s@()<>\"]+"
# The forms an author takes with an address: RSS 2.0's <author> is the address with the name in
# brackets, feedparser joins Atom's <name> and <email> as the name with the address in brackets,
# and an e-mail header's form is the name with the address in angles (in either, entities read).
_NAMED_ADDRESS = tuple(
    re.compile(form)
    for form in (
        rf"{_ADDRESS}\s*\((?P<name>[^()]+)\)",
        rf"(?P<name>[^()<>]+?)\s*\({_ADDRESS}\)",
        rf"(?P<name>[^<>]+?)\s*<{_ADDRESS}>",
    )
)


def author_name(raw: str | None) -> str | None:
    """An entry's author as stored: as readers see it (analysis.text.author_text), and the name
    alone where an address is written beside it. "test@example.se (Testa Testsson)" showed under
    Skribenter and in the CSV as written. An address alone stays whole: it is the only name there
    is, and its local part would make one writer of every site's info@ or redaktionen@.

    Rows stored before keep their form. koll/store/items.py compares authors for reposts through
    this function too; the Skribenter list counts stored strings, so one writer stored both ways
    is two rows there for a period across the change."""
    text = author_text(raw)
    if text is None:
        return None
    for form in _NAMED_ADDRESS:
        if m := form.fullmatch(text):
            name = m["name"].strip()
            if len(name) > 1 and name[0] == name[-1] == '"':
                name = name[1:-1].strip()
            return name or text
    return text


_WORD = re.compile(r"[^\W_]+(?:[-:'’][^\W_]+)*", re.U)


def tokens(text: str) -> list[str]:
    """Lower-cased word tokens; keeps `IKEA:s` and `IKEA-möbler` as one token."""
    return [t.lower() for t in _WORD.findall(text)]


# Swedish abbreviations that end in a full stop but do not end a sentence.
_ABBREV = (
    "t.ex.",
    "bl.a.",
    "m.m.",
    "d.v.s.",
    "dvs.",
    "ca.",
    "kl.",
    "resp.",
    "s.k.",
    "o.s.v.",
    "osv.",
    "p.g.a.",
    "pga.",
    "fr.o.m.",
    "t.o.m.",
    "f.d.",
    "nr.",
    "tel.",
    "jfr.",
    "st.",
    "mfl.",
    "m.fl.",
)
# Words that end in a full stop before a word in lower case without ending a sentence, beside
# _ABBREV: units, months, days ("efter 5 min. sen kom den", "kostar 45 kr. st").
_ABBREV_LOWER = frozenset((
    "min.", "tim.", "sek.", "kr.", "st.", "ev.", "inkl.", "exkl.", "obs.", "etc.", "mm.", "kap.",
    "avd.", "tfn.", "ang.", "enl.", "forts.", "ex.", "tex.", "el.", "ung.", "dr.", "prof.",
    "jan.", "feb.", "mar.", "apr.", "jun.", "jul.", "aug.", "sep.", "sept.", "okt.", "nov.",
    "dec.", "mån.", "tis.", "ons.", "tors.", "fre.", "lör.", "sön.", "vs.",
))  # fmt: skip
# A sentence ends after . ! ? … (and any closing quotes) where white space and a capital, digit,
# @ or # follow, or at line breaks. Written to start with a character set so that the regex
# engine skips ahead to candidates, which a leading look-behind prevents; group 1 starts right
# after the end mark (-1 at line breaks). Group 2 is a lower-case letter beginning the next
# sentence: posts written in lower case ("stod still i 2 timmar. tog MTR Express hem och de var
# i tid") had been one sentence, so a brand's sentence carried the complaint about the other.
# Not across a line break, which ends a sentence itself.
_SENT_END = re.compile(
    r"[.!?…\n](?:(?<=\n)\n*|([\"”»')\]]*(?:\s+(?=[\"“«(\[]?[A-ZÅÄÖÉ0-9@#])"
    r"|[^\S\n]+(?=[\"“«(\[]?([a-zåäöé])))))"
)


def _ends_before_lower(chunk: str, last: str) -> bool:
    """Whether `chunk`, followed by a word in lower case, ends a sentence: after a full stop,
    not after an abbreviation, a single letter ("a. b.") or a number ("den 3. maj"). Not after
    ? or !, where a word in lower case is mostly the answer in the same breath ("Ryanair? nej
    tack, betalar hellre lite mer för SAS"), nor after an ellipsis, mostly a pause ("KappAhl
    däremot… samma trista grejer som 2009")."""
    if chunk[-1] != "." or chunk.endswith(".."):
        return False
    word = last.rstrip(".")
    return last not in _ABBREV_LOWER and len(word) > 1 and not word.isdigit()


def sentences(text: str) -> list[str]:
    """Split into sentences on . ! ? … and line breaks, not after common Swedish abbreviations."""
    out: list[str] = []
    start = 0
    for m in _SENT_END.finditer(text):
        end = m.start(1)
        chunk = text[start : end if end >= 0 else m.start()].strip()
        last = chunk.rsplit(None, 1)[-1].lower() if chunk else ""
        if last in _ABBREV or (m.start(2) >= 0 and chunk and not _ends_before_lower(chunk, last)):
            continue
        if chunk:
            out.append(chunk)
        start = m.end()
    tail = text[start:].strip()
    if tail:
        out.append(tail)
    return out


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Snowball Swedish stem, as NLTK's SwedishStemmer gives it (see analysis/stem_sv.py)."""
    return _stem_sv(word.lower())


_PUNCT = re.compile(r"[^\w\s]+", re.U)


def normalize(text: str) -> str:
    """Lower-case, NFC, punctuation removed, whitespace collapsed: for comparing texts."""
    text = unicodedata.normalize("NFC", text).lower()
    return " ".join(_PUNCT.sub(" ", text).split())


def content_hash(title: str, text: str) -> str:
    """An item's content hash (items.content_hash), of its feed's title and text, normalised:
    what tells the same text in two feeds, and an edit (koll/store/item_edits.py)."""
    return hashlib.sha1(normalize(f"{title} {text}").encode("utf-8")).hexdigest()


def stems(text: str) -> list[str]:
    """Stemmed tokens, with genitive `:s` and hyphens split off first."""
    out = []
    for t in tokens(text):
        for part in re.split(r"[-:'’]", t):
            if part:
                out.append(stem(part))
    return out


# A compact Swedish stop-word list (function words, pronouns, auxiliaries), written for koll so
# that nothing has to be downloaded at run time (NLTK's stopwords corpus is a download).
STOP_WORDS = frozenset(
    [
        "alla",
        "allt",
        "att",
        "av",
        "bara",
        "bli",
        "blev",
        "blir",
        "de",
        "dem",
        "den",
        "denna",
        "deras",
        "dess",
        "dessa",
        "det",
        "detta",
        "dig",
        "din",
        "dina",
        "ditt",
        "du",
        "där",
        "då",
        "efter",
        "ej",
        "eller",
        "en",
        "er",
        "era",
        "ert",
        "ett",
        "från",
        "för",
        "ha",
        "hade",
        "han",
        "hans",
        "har",
        "har",
        "hela",
        "henne",
        "hennes",
        "hon",
        "honom",
        "hur",
        "här",
        "i",
        "icke",
        "ingen",
        "inom",
        "inte",
        "jag",
        "ju",
        "kan",
        "kunde",
        "man",
        "med",
        "mellan",
        "men",
        "mig",
        "min",
        "mina",
        "mitt",
        "mot",
        "mycket",
        "ni",
        "nu",
        "när",
        "någon",
        "något",
        "några",
        "och",
        "om",
        "oss",
        "på",
        "samma",
        "sedan",
        "sig",
        "sin",
        "sina",
        "sitta",
        "själv",
        "skulle",
        "som",
        "så",
        "sådan",
        "sådana",
        "sådant",
        "till",
        "under",
        "upp",
        "ut",
        "utan",
        "vad",
        "var",
        "vara",
        "varför",
        "varit",
        "varje",
        "vars",
        "vart",
        "vem",
        "vi",
        "vid",
        "vilka",
        "vilken",
        "vilket",
        "vår",
        "våra",
        "vårt",
        "än",
        "är",
        "åt",
        "över",
        "också",
        "även",
        "bland",
        "enligt",
        "just",
        "kommer",
        "ska",
        "får",
        "fick",
        "finns",
        "går",
        "gick",
        "gör",
        "gjorde",
        "sa",
        "säger",
        "tar",
        "tog",
        "ge",
        "ger",
        "gav",
        "nog",
        "redan",
        "ännu",
        "väl",
        "ju",
        "ju",
        "då",
        "dock",
        "dess",
        "dessutom",
        "igen",
        "ingenting",
        "inget",
        "inga",
        "kanske",
        "mer",
        "mest",
        "mindre",
        "många",
        "nya",
        "ny",
        "nytt",
        "andra",
        "annat",
        "annan",
        "första",
        "sista",
        "år",
        "dag",
        "dagar",
        "idag",
        "igår",
        "imorgon",
        "vill",
        "ville",
        "måste",
        "kunna",
        "behöver",
        "se",
        "ser",
        "sett",
        "the",
        "of",
        "and",
        "to",
        "in",
        "a",
        "is",
        "for",
        "on",
        "it",
        "this",
        "that",
        "with",
        "as",
    ]
)
