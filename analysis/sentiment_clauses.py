"""Clauses of a sentence and the parties they name: which part of a sentence is about a brand.

analysis/sentiment_brand.py (the tone towards a brand) reads a sentence through these; the
rules for comparisons and switches (analysis/sentiment_compare.py, analysis/sentiment_switch.py)
use them to find each side's party.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from analysis.sentiment_lexicon import swedish
from analysis.text import STOP_WORDS
from analysis.words import is_word

# Clause boundaries inside a sentence: semicolons, dashes, commas, and "och" or a contrast
# conjunction ("Älskar Elgiganten, hatar Netonnet"; "Bolt levererar och Voi strular").
# An emoji run ends a clause when a name follows ("Lidl 👍 Citygross 👎", natural development set).
# No match begins inside a run of whitespace, (?!(?<=\s)\s): a boundary takes a run whole from
# its first character, and where none begins there, none begins at any later character of the
# run either. Tried from each of them anyway, a sentence with a run of 20,000 spaces took 11 s
# (a review: quadratic in the length of the run).
# An emoji run may end in a variation selector: "❤️" is U+2764 U+FE0F, and "tryggare ❤️ Hämtade
# …" had stayed one sentence (a fresh two-brand probe, 2026-12-05).
# "efter att" opens the occasion, which may be another party's doing: "tack till killen i
# Telia-butiken som löste mitt esim på 10 min efter att porteringen från Tele2 strulat i tre
# veckor" (a fresh two-brand probe, 2026-12-05: +0.89 for Tele2).
_CLAUSE = re.compile(
    r"(?!(?<=\s)\s)"
    # "trots att", "samtidigt som": "Personalen där är helt fantastisk trots att Region
    # Stockholm skär ner överallt" (a fresh two-brand probe, 2026-12-06: +0.92 for the region).
    r"(?:\s*[;–—]\s*|\s*,\s*|,?\s+(?=(?:men|fast|medan|däremot|but|while|whereas|"
    r"trots\s+att|samtidigt\s+som)\s)"
    r"|\s+(?=efter\s+att\s)|\s+och\s+"
    r"|(?<=[\u2600-\u27bf\U0001f000-\U0001faff\ufe0f])(?P<emoji>\s+)(?=[@#]?(?-i:[A-ZÅÄÖ])))",
    re.I | re.U,
)

_EMOJI = re.compile(r"[\u2600-\u27bf\U0001f000-\U0001faff]", re.U)

# A sentence set against the one before: "Nordea har skärpt till kundtjänsten. SEB däremot… 45
# min i telefonkö" (a fresh two-brand probe, 2026-12-05: five of 100 contrast labels, the
# brand's own words weak and read as praise).
# Words saying the same goes for this party too ("Nordnet har också …"): no contrast with the one
# before (sentiment_brand, sentiment_counterfactual, sentiment_switch add their own words).
ALSO = r"också|oxå|även|likaså"
CONTRASTED = re.compile(r"\b(?:däremot|dock|tvärtom|å andra sidan)\b", re.I | re.U)
# A text opening with "men"/"fast" sets itself against what came before: a switch's verdict
# ("…, men allt krymper", sentiment_switch), the second of two verdicts (sentiment_respective).
BUT_FIRST = re.compile(r"\W*(?:men|fast)\b", re.I | re.U)

# A party's name as the rules find it: a capitalised word, handle or hashtag and up to two more
# capitalised words ("Apotek Hjärtat", "@SAS"). Case matters: use it outside (?i:...) parts.
NAME = r"[@#]?[A-ZÅÄÖ][\w&.'-]*(?:\s+[A-ZÅÄÖ][\w&.'-]*){0,2}"

# A piece that is only a name, perhaps after "både"/"varken" ("Både Avanza och Nordnet är grymma",
# "Clas Ohlson och Jula"), is the subject the next piece shares, not a clause of its own.
_NAME_ONLY = re.compile(r"(?:(?i:både|varken|antingen)\s+)?" + NAME, re.U)

# Two names joined by "och" in one phrase: after "både", or after thanks or a greeting addressing
# both. A fresh two-brand probe (2026-12-05) had cut "Sjukt nöjd med både Elgiganten | och Bosch
# efter att tvättmaskinen pajade" (Bosch negative, −0.90) and "Tack Hemköp | och Coop för att ni
# sponsrar knattefotbollen" (Hemköp read from "Tack Hemköp" alone, negative).
_BOTH_NAMED = re.compile(
    r"(?:(?<!\w)(?i:både)|^\W*(?i:(?:stort\s+|tusen\s+)?tack|grattis|heja)(?:\s+(?i:till))?)\s+"
    + NAME
    + r"$",
    re.U,
)
_NAME_FIRST = re.compile(NAME + r"(?!\w)", re.U)

_LEADING = ("men", "fast", "medan", "däremot", "but")

# "däremot" and "dock" may follow the subject they contrast ("Telenor däremot strular").
_POSTPOSITIVE = re.compile(r"(?:däremot|dock)\b", re.I | re.U)

# A capitalised word, perhaps a handle or hashtag, not inside another word. Written to start with
# a character set (the look-behinds then check the character before it) so that the regex
# engine skips ahead to candidates; same matches as (?<![\w@#])[@#]?[A-ZÅÄÖ][\w&.-]*.
_CAP_WORD = re.compile(r"[@#A-ZÅÄÖ](?<![\w@#].)(?:(?<=[@#])[A-ZÅÄÖ]|(?<=[A-ZÅÄÖ]))[\w&.-]*", re.U)

_NEGATION = re.compile(r"\b(?:inte|ej|icke|aldrig|knappast|not)\b", re.I | re.U)

# A capitalised word right after these is a place: "… som pendeln står still vid Karlberg 👏👏"
# had made the ironic clause another party's, so SL kept only "Snyggt jobbat SL" (natural
# development set).
# Not after "i": "det strular i BankID" names a party as often as "i Kista" a place.
_AT_PLACE = re.compile(r"\b(?:vid|utanför|nära)\s+$", re.I | re.U)
# Countries and regions are no parties: "ångrar mig redan, servicen i Sverige är obefintlig"
# had taken the verdict after a switch from BYD as another party's (two fresh two-brand probes,
# 2026-12-05: "Sverige" in 10 of their 800 labels).
_COUNTRIES = frozenset((
    "sverige", "norge", "danmark", "finland", "island", "tyskland", "spanien", "italien",
    "frankrike", "grekland", "portugal", "england", "storbritannien", "uk", "usa", "kina", "japan",
    "thailand", "polen", "estland", "europa", "norden", "skandinavien",
))  # fmt: skip


@dataclass(frozen=True, slots=True)
class Reading:
    """What to score for the brand in one sentence, and whether the brand gets the opposite tone
    of it (the other side of a comparison, the party left behind)."""

    text: str
    flip: bool = False
    # A switch of supplier: with no opinion stated, the switch itself is the choice (the one
    # joined is preferred, the one left is churn), so a neutral reading leans that way.
    choice: bool = False
    # The switch's verdict is a contrast after it ("…, men allt krymper i tvätten"): read as the
    # model reads it, a neutral one staying neutral rather than leaning to the one joined.
    but: bool = False
    # The other party's side of a sentence set against the brand's (_foil): when the brand's
    # own side says little, the tone of the other side, turned round, is the brand's.
    foil: str | None = None
    # The foil is the sentence before, which the brand's sets itself against ("däremot", "dock"):
    # the brand's own words may lean more and still give way to it (sentiment_brand.MARKED_OWN_MAX).
    marked: bool = False
    # The brand is named only aside (analysis/sentiment_aside.py): neutral for it.
    aside: bool = False
    # The brand is only asked about beside another party ("SJ eller Flixbus?"): neutral for it,
    # as if aside, but an answer after it may still speak of it ("Båda har varit usla").
    asked: bool = False
    # The way a comparative on the brand's side leans (+1 "billigare", -1 "dyrare", 0 none),
    # which the model reads weakly alone (sentiment_compare.lean_of).
    lean: int = 0
    # A complaint told as a plain fact (-1: analysis/sentiment_facts.py, or a party's words in
    # scare quotes, sentiment_reported.scare_quoted), or good news so told (+1: a rise denied,
    # sentiment_facts.rise): the side leans that way as a comparative's would, but is no side of
    # a comparison.
    fact: int = 0
    # The sentence is set against a counterfactual of the other side ("Coop bar upp allt. Mathem
    # hade aldrig"; analysis/sentiment_counterfactual.py): unless the text read is a sure
    # complaint (sentiment_brand.CONTRARY_MIN), it is read as praise, the counterfactual's party
    # getting it turned round (flip).
    contrary: bool = False


def _names_other(
    clause: str, others: Callable[[str], bool] | None, sentence_case: bool = False
) -> bool:
    """Does this clause (which does not mention the brand) speak about some other named party?

    A configured other brand (`others`, which also knows lower-case handles such as @nordvind)
    or any capitalised name that is not a word koll knows: "Fjällkraft är bra men Vattenfall är
    usel" is positive towards Fjällkraft whether or not Vattenfall is configured. With
    `sentence_case`, the clause is a whole sentence whose first word is capitalised as such
    ("Personalen var supertrevlig"), not taken for a name, as the model does (model_tokens).
    """
    if others is not None and others(clause):
        return True
    lex = swedish()
    skip = len(clause) - len(clause.lstrip()) if sentence_case else -1
    for m in _CAP_WORD.finditer(clause):
        if m.start() == skip:
            continue
        w = m.group().lstrip("@#").lower()
        if w[-1] != "s" and _AT_PLACE.search(clause, 0, m.start()):
            continue  # a place ("står still vid Karlberg"); "vid Telias kassa" names a party
        if w in STOP_WORDS or lex.value(w) is not None or w in lex.contrasts:
            continue
        if w in _COUNTRIES:
            continue
        return True
    return False


def _sentence_after_emoji(sentence: str, cut: re.Match) -> bool:
    """An emoji cut before a capitalised dictionary word with a small word after it: a new
    sentence begun without a full stop ("Tack Telia 🙏 Fakturan var fel igen"), not another
    party ("Lidl 👍 Citygross 👎", "… 😍 Burger King …")."""
    if cut.group("emoji") is None:
        return False
    words = sentence[cut.end() :].split(None, 2)
    return is_word(words[0]) and not (len(words) > 1 and words[1][:1].isupper())


# A slash or bar between spaces sets one party's list against another's: "Nordnet: smidig app,
# låga avgifter / Avanza: appen nere HELA morgonen", "Hallon: billigt | Comviq: lycka till att
# nå en människa" (a fresh two-brand probe, 2026-12-05: read as one sentence, the complaint
# was both parties').
_LIST_CUT = re.compile(r"\s[/|]\s+", re.U)
# Posts written in lower case begin a sentence after "!" or "?" or an emoji run without a
# capital: "instabox skåpet vid pendeln är så smidigt!! postnord ombudet har 25 pers i kö",
# "… det är riktigt nice 👌 hemköp på hörnet har bara tomma hyllor" (a fresh two-brand probe,
# 2026-12-05: read as one sentence, the praise was both parties').
_LOWER_MIN_WORDS = 3
_WORDS = re.compile(r"\s*\S+" + r"\s+\S+" * (_LOWER_MIN_WORDS - 1), re.U)
_LOWER_CUT = re.compile(r"(?<=[!?\u2600-\u27bf\U0001f000-\U0001faff\ufe0f])\s+(?=[a-zåäö])", re.U)


def sentences_within(sentence: str) -> list[str]:
    """The sentences within one that analysis.text.sentences gives, for the brand rules: cut
    where a new one begins after an emoji run without a full stop (_sentence_after_emoji): "Wow Nordea, ni har överträffat er själva 👏👏 Ska kolla vad
    Länsförsäkringar har" is two sentences, and the complaint is Nordea's alone; at a word in
    lower case after "!", "?" or an emoji run (_lower_parts); and at a slash or bar between
    spaces (_LIST_CUT)."""
    if _LIST_CUT.search(sentence) is not None:
        return [
            p for part in _LIST_CUT.split(sentence) if part.strip() for p in sentences_within(part)
        ]
    if _LOWER_CUT.search(sentence) is not None:
        parts = _lower_parts(sentence)
        if len(parts) > 1:
            return [p for part in parts for p in sentences_within(part)]
    if _EMOJI.search(sentence) is None:
        return [sentence]  # most sentences: no emoji, no cut to look for
    out, at = [], 0
    for m in _CLAUSE.finditer(sentence):
        if _sentence_after_emoji(sentence, m):
            out.append(sentence[at : m.start()])
            at = m.end()
    return [*out, sentence[at:]] if out else [sentence]


def _lower_parts(sentence: str) -> list[str]:
    """`sentence` cut at _LOWER_CUT, a part of fewer than _LOWER_MIN_WORDS words left with the
    one before it (or after it, first): "Ryanair? nej tack, betalar hellre …" and "49 kr för
    en kaffe på Pressbyrån 🙃🙃 nej tack" are one sentence each (the natural development set:
    cut, "Ryanair?" and "nej tack" stood alone and the verdict was nobody's)."""
    out: list[str] = []
    at = 0
    for m in _LOWER_CUT.finditer(sentence):
        # Counted by a search that stops at the third word: slicing and splitting the rest at
        # each cut was quadratic ("!! a " 20,000 times took 3.4 s).
        if _WORDS.match(sentence, m.end()) and _WORDS.search(sentence, at, m.start()):
            out.append(sentence[at : m.start()])
            at = m.end()
    return [*out, sentence[at:]]


# Words that address the party named after them (sentiment_clauses._clauses).
_ADDRESS = re.compile(
    r"(?:stort |tusen )?tack|grattis|hej|hejsan|tjena|hallå|heja|bravo|kudos|shoutout", re.I | re.U
)
# What is not a letter, a digit or a space: an emoji run.
_LETTERS_ONLY = re.compile(r"[^\w\s]", re.U)


def _clauses(sentence: str) -> list[str]:
    """The sentence cut at clause boundaries; a piece of one word ("ICA, Coop och Willys är
    dyra") is no clause of its own and stays with its neighbours."""
    cuts = [m for m in _CLAUSE.finditer(sentence) if not _sentence_after_emoji(sentence, m)]
    starts = [0] + [m.end() for m in cuts]
    ends = [m.start() for m in cuts] + [len(sentence)]
    pieces = [(b, e) for b, e in zip(starts, ends, strict=True) if sentence[b:e].strip()]
    out: list[list] = []  # [start, end, short]
    for j, (b, e) in enumerate(pieces):
        n_words = len(sentence[b:e].split())
        nxt = pieces[j + 1][0] if j + 1 < len(pieces) else -1
        # Thanks or a greeting and an emoji run go with the clause after them, the party they
        # address: "Tack ❤️ Folksam för hjälpen, …" had put "Tack ❤️" into the clause of the
        # party named last (a review, 2026-12-05). Not before a piece of one word ("Grattis 🥳
        # Lidl och ICA"), nor another word ("Skandal 😡 Tele2 hade rätt, Telia ljög" is both's).
        short = n_words < 2 or (
            _ADDRESS.fullmatch(_LETTERS_ONLY.sub("", sentence[b:e]).strip()) is not None
            and nxt > 0
            and len(sentence[nxt : pieces[j + 1][1]].split()) > 1
        )
        if (
            not short
            and nxt > 0
            and _shares_subject(sentence[b:e].strip(), sentence[e:nxt], j, sentence[nxt:])
        ):
            out.append([b, e, True])  # joined to the next piece, which shares the subject
            continue
        if nxt > 0 and n_words <= 2 and _POSTPOSITIVE.match(sentence, nxt):
            # "…, Telenor däremot 🙄", "men Voi däremot …": the words before a postpositive
            # "däremot" begin its clause (they were left with the clause before, naming
            # Telenor in Bahnhof's praise).
            out.append([b, e, True])
            continue
        if out and (short or out[-1][2]):
            out[-1][1] = e
            out[-1][2] = out[-1][2] and short
        else:
            out.append([b, e, short])
    return [sentence[b:e] for b, e, _ in out]


def _shares_subject(piece: str, cut: str, j: int, rest: str = "") -> bool:
    """Is this piece only a name joined by "och" to the next (_NAME_ONLY)? The first piece's
    capital may be the sentence's ("Testade Budbee och Wolt, båda var usla"): a word of the
    dictionary there is no name. Also a piece ending in "både" or an address and a name, the
    next piece (`rest`) beginning with a name: "Sjukt nöjd med både Elgiganten och Bosch efter
    …", "Tack Hemköp och Coop för att ni sponsrar …" name both in one phrase (_BOTH_NAMED)."""
    if cut.strip().lower() != "och":
        return False
    if _BOTH_NAMED.search(piece) is not None and _NAME_FIRST.match(rest) is not None:
        return True
    if not _NAME_ONLY.fullmatch(piece):
        return False
    words = piece.split()
    first = words[0].lower()
    if j > 0 or first in ("både", "varken", "antingen") or not is_word(first):
        return True
    # A name of dictionary words, each capitalised, and another name after "och": "Min Doktor
    # och Kry är samma skit", "Svenska Spel och ATG tjänar miljarder …" (a fresh two-brand
    # probe, 2026-12-06: the first party had been a clause of its own, neutral). "Testade
    # Budbee och Wolt" stays cut: "Budbee" is no dictionary word.
    return len(words) > 1 and all(is_word(w) for w in words) and _NAME_FIRST.match(rest) is not None


def _brand_part(
    sentence: str, mentions: Callable[[str], bool], others, clauses: list[str] | None = None
) -> str:
    """The part of a sentence that is about the brand: drop clauses about another party.
    `clauses`: _clauses(sentence), when the caller has them already."""
    clauses = _clauses(sentence) if clauses is None else clauses
    if len(clauses) < 2:
        return sentence
    # A clause naming nobody goes with the party of the clause before it ("Biltema hade slut på
    # allt, Jula hade precis det jag letade efter | och billigare dessutom" is Jula's); before
    # any party is named, with every party.
    keep, mine, joined, at = [], True, False, 0
    for c in clauses:
        if mentions(c):
            mine = True
        elif _names_other(c, others):
            mine = joined
        if mine:
            keep.append(c)
        at = sentence.find(c, at) + len(c)
        joined = _joins_name(c, sentence, at, mentions)
    if not keep or len(keep) == len(clauses):
        return sentence  # nothing about another party: the sentence as written
    first = keep[0].split(None, 1)
    if len(first) == 2 and first[0].lower() in _LEADING:
        keep[0] = first[1]
    return " ".join(c.strip() for c in keep)


# "och" between the brand's name and another name: "Espresso House och Waynes Coffee har båda
# …", "Jämförde SBAB och Skandiabanken … och båda hade schysta räntor" ("Parkerade utanför Willys
# och sprang in på Systembolaget" joins no names).
_AND_NEXT = re.compile(r"\s+(?i:och)\s+[@#]?[A-ZÅÄÖ]", re.U)
# ... and only when what follows speaks of both: "har båda", "och båda hade", "de är värda".
_BOTH_WORDS = re.compile(r"\b(?:båda|bägge|de|dom|dem|två)\b", re.I | re.U)


def _joins_name(clause: str, sentence: str, end: int, mentions: Callable[[str], bool]) -> bool:
    """Does this clause end in the brand's name, joined by "och" to the next one? Then the next
    clause's party is named with the brand ("Har både Netflix och Viaplay just nu och de är
    värda varenda krona"), and what it says is said of both: in a probe of fresh two-brand
    posts (2026-12-04) five of five such brands had kept only their name, neutral."""
    if not mentions(clause) or not _AND_NEXT.match(sentence, end):
        return False
    if _BOTH_WORDS.search(sentence, end) is None:
        return False  # "Jag gillar Telia och Tele2 är sämst": a clause of Tele2's own (a review)
    words = clause.split()
    return not mentions(" ".join(words[:-1]))


def _other_side(side: str, mentions: Callable[[str], bool], others, at_start=False) -> bool:
    """Does this side of a sentence name another party and not the brand? `at_start`: it begins
    the sentence, so its first word is capitalised as such ("Leveransen tog längre tid än
    Postnord lovade" compares nobody with Postnord)."""
    return not mentions(side) and _names_other(side, others, sentence_case=at_start)


# A side set against another begins with its party: its first word, or its second after a
# preposition or a possessive ("Elgiganten tog 800 kr", "Hos Kjell & Company fick jag hjälp", "på
# Elgiganten vandrade jag runt"), a name perhaps running on in capitalised words. "Beställde
# från Zalando, Postnord lyckades krossa kartongen" names the shop as where, not as one side of
# a contrast (a probe of fresh two-brand posts, 2026-12-04).
_BEFORE_PARTY = frozenset(
    [
        "hos",
        "på",
        "i",
        "med",
        "via",
        "vid",
        "för",
        "mot",
        "min",
        "mitt",
        "mina",
        "vår",
        "vårt",
        "våra",
        "nya",
        "gamla",
    ]
)
_CONTRAST_CUT = re.compile(r"\s*(?:[,;–—]\s*)?(?:(?:men|fast|medan|däremot)\s+)?", re.I | re.U)


def _front(clause: str) -> str:
    """A clause's first word (its second after a word of _BEFORE_PARTY), after a leading
    conjunction, with the capitalised words or "&" that run on after it (the rest of a name)."""
    words = clause.split()
    if words and words[0].lower() in _LEADING:
        words = words[1:]
    k = 2 if len(words) > 1 and words[0].lower() in _BEFORE_PARTY else 1
    while k < len(words) and k < 5 and (words[k][:1].isupper() or words[k] == "&"):
        k += 1
    return " ".join(words[:k])


def _foil(
    sentence: str, mentions: Callable[[str], bool], others, clauses: list[str] | None = None
) -> str | None:
    """The other party's side of a sentence of two sides set against each other, one about the
    brand and one about another party, each beginning with its party, cut by a comma, dash,
    semicolon or a contrast (`men`, `medan`, `däremot`), not `och`: "Elgiganten tog 800 kr för
    installation, Power gjorde det gratis" (probe of fresh two-brand posts, 2026-12-04). None
    for any other sentence."""
    clauses = _clauses(sentence) if clauses is None else clauses
    if len(clauses) < 2:
        return None
    sides: list[list] = []  # [owner, first clause, last clause]: owner True = the brand's
    for c in clauses:
        owner = True if mentions(c) else (False if _names_other(c, others) else None)
        if owner is None or (sides and sides[-1][0] == owner):
            if not sides:
                return None  # words before any party: not two sides
            sides[-1][2] = c
            continue
        sides.append([owner, c, c])
    if len(sides) != 2:
        return None
    first_end = sentence.find(sides[0][2]) + len(sides[0][2])
    second_start = sentence.find(sides[1][1], first_end)
    cut = sentence[first_end:second_start]
    if "och" in cut.lower().split() or not _CONTRAST_CUT.fullmatch(cut):
        return None
    if not (cut.strip() or sides[1][1].split(None, 1)[0].lower() in _LEADING):
        return None
    mine, theirs = (sides[0], sides[1]) if sides[0][0] else (sides[1], sides[0])
    if not mentions(_front(mine[1])):
        return None
    if not _names_other(_front(theirs[1]), others, sentence_case=theirs is sides[0]):
        return None
    start = sentence.find(theirs[1])
    return sentence[start : sentence.find(theirs[2], start) + len(theirs[2])]


NAME_WORDS = 4  # "Kjell & Company", "Friskis & Svettis", and one word of slack


def name_at_start(words: str, mentions: Callable[[str], bool]) -> str:
    """The brand's name when it begins at the first of `words` (up to NAME_WORDS), else ""."""
    # Only the first words: a caller may pass the rest of a long sentence, and trying every
    # length of it was quadratic (40,000 characters of "kör bara …" took 0.6 s).
    parts = words.split(None, NAME_WORDS)[:NAME_WORDS]
    for k in range(1, len(parts) + 1):
        if mentions(" ".join(parts[:k])):
            return "" if mentions(" ".join(parts[1:k])) else " ".join(parts[:k])
    return ""


def genitive(name: str, mentions: Callable[[str], bool]) -> bool:
    """Whether a found name is the brand's genitive ("Tres nät", "Hemköps chark-disk"): a thing
    of the brand's, not the brand."""
    return name.endswith("s") and mentions(name[:-1])
