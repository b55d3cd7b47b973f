"""Rule-based sentiment over curated lexicons: negation scope, contrast, boosters, compounds, emoji.

The scorer turns one text into a small vector of features (positive and negative mass, negations,
contrast, irony markers, emphasis) plus a single lexicon score in -1..1. The learned model in
analysis/sentiment_model.py uses the features; the English scorer uses the score directly.
Everything is cached per token so that scoring costs a few dictionary look-ups per word.
"""

from __future__ import annotations

import csv
import enum
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Final  # compiled (setup.py), a Final name is a constant, not a look-up

from analysis.resources import data_path
from analysis.text import stem

# Tokens: words (with inner - : ' as in `IKEA:s`, `jätte-bra`), emoticons, runs of clause
# punctuation, and any other single symbol (emoji are looked up, the rest ignored). No groups,
# so findall() returns plain strings; a token's kind follows from its first character.
_TOKEN: Final = re.compile(
    r"[^\W_]+(?:[-:'’][^\W_]+)*"
    r"|(?<!\w)(?:[:;=][-'^o]?[()DPpO/\\|*\]\[@3]+|<3+)(?!\w)"
    r"|[.,!?;…]+"
    r"|[^\w\s]",
    re.U,
)
_PUNCT_START: Final = frozenset(".,!?;…")
# Where lower-casing changes how the emoticon alternative matches (`:D` is one token, `:d` two):
# an upper-case D, O or P after an emoticon's eyes. Only such texts are tokenized twice.
_EMO_UPPER: Final = re.compile(r"[:;=][-'^o]?[()DPpO/\\|*\]\[@3]*[DOP]")


def kind_of(tok: str) -> str:
    """word, emo, punct or sym."""
    c = tok[0]
    if c.isalnum():
        return "word"
    if len(tok) > 1 and c in ":;=<":
        return "emo"
    return "punct" if c in _PUNCT_START else "sym"


EMOTICONS: Final = {
    ":)": 2.0, ":-)": 2.0, "=)": 2.0, ":d": 2.5, ":-d": 2.5, ";)": 1.5, ";-)": 1.5, ":p": 1.0,
    ":-p": 1.0, "<3": 2.5, "xd": 1.5, ":(": -2.0, ":-(": -2.0, ":'(": -2.5, ":/": -1.2,
    ":-/": -1.2, ":\\": -1.2, ":|": -0.8, ":@": -2.5, ":o": -0.3, "=(": -2.0,
}  # fmt: skip

# Irony markers: signs that a positive word is meant the other way. The learned model sees how
# many there are and how much positive mass co-occurs with them; the rule score dampens.
IRONY_SYMBOLS: Final = frozenset("🙄🙃👏😒🤡")
# The most all of a text's emoji and emoticons together may add to the rule score (one
# sentiment word is worth 1.5-3). On collected posts an emoji outvoting the words was the
# largest single cause of errors ("min dator kraschade 🔥🔥🔥🔥" scored positive). Swedish
# texts go to the learned model, which reads the emoji through its own capped channels
# (sentiment_model.EMOJI_CAP): there they add nothing to the rule score (Lexicon.emoji_score_cap 0).
EMOJI_SCORE_CAP = 1.0
# The most the emoji_pos and emoji_neg features may each hold: about one strong emoji (the
# lexicon gives them 1.5-3). Uncapped, four 🔥 (6.0) outvoted a mild complaint in the learned
# model ("appen krånglar lite 🔥🔥🔥🔥" came out positive) even with the rule score capped.
EMOJI_FEATURE_CAP: Final = 2.0
# A clause this short, of praise alone, closing a text after a complaint is said in irony
# ("Tåget är inställt igen. Kul.", "Väntade en timme i kö, underbart."): once the training
# texts said `kul` sincerely, 71 of 136 such texts of my own lost their tone. Three words cover
# "Kul dag.", "Så jäkla kul."; "Tack för hjälpen idag, ni är bäst" is no bare verdict.
CLOSER_WORDS: Final = 3
# Such a clause telling that the trouble is over is relief, not irony ("Appen krånglade i morse.
# Funkar nu!", "Tre veckor på paketet. Äntligen!").
RESOLVED: Final = frozenset(("nu", "äntligen", "numera", "fixat", "fixade", "löst", "löste"))
IRONY_WORDS = frozenset({"såklart", "självklart", "verkligen", "typiskt", "igen", "lol", "not"})
IRONY_PHRASES = (
    "tack för ingenting",
    "tack för inget",
    "som vanligt",
    "vilken service",
    "vilken tur",
    "bra jobbat",
    "snyggt jobbat",
    "grattis till",
    "älskar när",
    "älskar att",
    "precis vad jag behövde",
    "tack så mycket.",
    "tack för det.",
)
_IRONY_RE: Final = re.compile("|".join(re.escape(p) for p in IRONY_PHRASES))
# Each phrase's first word of four letters or more (8 words for 13 phrases: the phrases share
# `tack`, `vilken`, `älskar`): a text without any of them has no irony phrase, and a few
# substring searches say so faster than the regex. Each search costs about as much as a word
# scored, so the fewer the better.
_IRONY_ANCHORS: Final = tuple(
    dict.fromkeys(next(w for w in p.split() if len(w) >= 4) for p in IRONY_PHRASES)
)
# Neutral-news cue: reported speech and numbers; helps the model keep wire copy neutral.
_REPORT_WORDS = frozenset(
    {"enligt", "skriver", "meddelar", "uppger", "rapporterar", "säger", "meddelade"}
)


class Role(enum.IntEnum):
    """What a word does to the words around it (the first field of Lexicon.info())."""

    NONE = 0
    CONTRAST = 1  # men, fast, dock: the clause after it weighs more than the one before
    NEGATION = 2  # inte, aldrig, ingen: flips the values in its scope
    NEG_CONT = 3  # eller after varken: negates again


class Flag(enum.IntFlag):
    """What else a word is (the last field of Lexicon.info())."""

    REPORT = 1  # reported speech: enligt, säger (a cue for neutral news)
    IRONY = 2  # an irony word: såklart, typiskt
    PHRASE_START = 4  # the first word of a two-word entry: ligger (nere)
    EMPATHY = 8  # förstår (att du är besviken): the feeling that follows is someone else's


# The info tuples hold, and the scorer tests, plain ints: `int & Flag` would go through enum's
# Python-level operators on every visited word.
_CONTRAST: Final = int(Role.CONTRAST)
_NEGATION: Final = int(Role.NEGATION)
_NEG_CONT: Final = int(Role.NEG_CONT)
_F_REPORT: Final = int(Flag.REPORT)
_F_IRONY: Final = int(Flag.IRONY)
_F_PHRASE_START: Final = int(Flag.PHRASE_START)
_F_EMPATHY: Final = int(Flag.EMPATHY)
_F_CUES: Final = _F_REPORT | _F_IRONY
# Lexicon.info() of a token: (role, value, exact value, modifier multiplier, flags); _PLAIN is
# that of a word without value, role or flags.
_Info = tuple[int, float | None, float | None, float | None, int]
_PLAIN: Final[_Info] = (0, None, None, None, 0)
POST_NEGATIONS: Final = frozenset({"inte", "ej", "aldrig", "not", "inget", "ingenting"})
# `inget` and `ingenting` after a verb deny it as its object: "ångrar ingenting" is no regret
# (-1.00 before, a probe of real-style posts), "funkar inget" a complaint. Not before a
# comparative, where the verb holds and is emphasised: "älskar inget mer än fredagsmys".
_OBJECT_NEGATIONS: Final = frozenset(("inget", "ingenting"))
_EMPHASIS_AFTER: Final = frozenset(("mer", "mera", "hellre", "bättre", "annat"))
# A negation after the verb (V2) denies the verb: "Jag gillar inte", and with an object or an
# adverb between, "gillar det inte", "rekommenderar verkligen inte" (+1.00 before; the training
# texts had no "gillar inte" or "rekommenderar inte" at all). Not across punctuation: "Snabbt,
# inte krångligt" (-0.57 before) is praise, its `inte` denies what follows.
V2_BETWEEN: Final = frozenset(
    ("det", "den", "dem", "dom", "honom", "henne", "mig", "dig", "oss", "er", "jag", "du", "han",
     "hon", "hen", "vi", "ni", "de", "man", "verkligen", "fortfarande", "ju", "faktiskt",
     # Fillers of spoken Swedish: "funkar typ aldrig" was praise (+0.52), the negation
     # reaching no verb (a fresh two-brand probe, 2026-12-05).
     "typ", "liksom", "nästan", "alltså", "asså", "ba", "bara")
)  # fmt: skip
_NOT_VERBS: Final = frozenset(
    ("att", "som", "och", "om", "när", "men", "eller", "så", "för", "då", "eftersom", "fast",
     "utan")
)  # fmt: skip
_EMPHATIC: Final = frozenset({"mer", "mera", "någonsin", "ever"})
# A question word or a subordinating conjunction opens a clause of its own, which a negation
# before it does not reach: "förstår inte hur man kan ha så dålig kundservice" and "vet inte
# varför de är så dåliga" came out praise (+0.81, +0.37) once `så` no longer ended every negation
# (CODE_REVISION 15). Not `att` ("tror inte att det blir bra" is doubt), `som` ("ingen som är
# nöjd") or `om` ("vet inte om det är bra").
CLAUSE_OPENERS: Final = frozenset(
    ("hur", "varför", "vad", "vem", "vilka", "vilken", "vilket", "när", "eftersom", "därför",
     "medan", "innan", "trots", "fastän", "how", "why", "what", "who", "when", "because")
)  # fmt: skip
_SCOPE_ENDS: Final = _EMPHATIC | CLAUSE_OPENERS
# `så` after a negation of everything (`aldrig`, `ingen`) is emphasis: "aldrig fått så snabb
# hjälp", "ingen är så bra som hon" praise. After `inte` it is a degree that stays denied:
# "inte så bra", "inte alls så krångligt som jag trodde", "inte så himla bra" (which had come
# out praise, with 14 "inte (alls) så krånglig" posts teaching the model that `krånglig` is
# praise). Followed by a subject it is the conjunction "so": "gick inte så jag fick ringa".
SWEEPING_NEGATIONS: Final = frozenset(
    ("aldrig", "ingen", "inget", "inga", "ingenting", "never", "no", "nothing", "nobody")
)
SUBJECTS: Final = frozenset(
    ("jag", "du", "han", "hon", "hen", "vi", "ni", "de", "dom", "man", "det", "den")
)


# A comparative a negation reaches is emphasis, not denial, after a sweeping negation or with
# `kan`/`kunde` near it: "har aldrig mått bättre", "kunde inte vara nöjdare", "det kan inte bli
# sämre" ("aldrig varit bättre" had scored -0.75, "kunde inte vara sämre" neutral). Otherwise
# it stays denied, and after `inte` before `än` too: "det blev inte bättre", "inte snabbare än
# förut".
_COMPARATIVES: Final = frozenset(("bättre", "sämre", "värre"))
_MODALS: Final = frozenset(("kan", "kunde", "kunnat", "kunna"))


def is_comparative(lex: Lexicon, w: str) -> bool:
    """Whether w is a comparative with a tone: one of _COMPARATIVES, or a word of the lexicon
    ending in -are (not `vidare`, `användare`)."""
    return w in _COMPARATIVES or (len(w) > 5 and w.endswith("are") and lex.info(w)[1] is not None)


def comparative_is_emphasis(lex: Lexicon, lows: list[str], neg_at: int, k: int) -> bool:
    """Whether lows[k], reached by the negation lows[neg_at], is a comparative (is_comparative)
    it emphasises."""
    if not is_comparative(lex, lows[k]):
        return False
    if "och" in lows[neg_at:k] or "eller" in lows[neg_at:k]:
        return False  # a predicate of its own: "svarar aldrig och är dyrare"
    if lows[neg_at] in SWEEPING_NEGATIONS:
        return True  # "ingen gör det bättre än de", "aldrig varit sämre än nu"
    if k + 1 < len(lows) and lows[k + 1] == "än":
        return False
    return any(lows[i] in _MODALS for i in range(max(0, neg_at - 2), k))


# A comparative after a modal of what is not so says that it is not: "det hade kunnat vara
# bättre", "borde vara billigare", "trodde det skulle bli bättre" are complaints (+0.84 for the
# first before), "kunde varit värre" is relief. Not `kan` ("nu kan du handla billigare" is an
# offer), and `hade` only before a participle of being or becoming ("vi hade bättre tur idag").
# Not `bort`, the supine of `böra` but far more often "away" ("flyttade bort till något bättre").
IRREALIS: Final = frozenset(("kunde", "kunnat", "borde", "skulle", "hade"))
_IRREALIS_HADE: Final = frozenset(("varit", "blivit", "kunnat", "behövt", "känts"))
IRREALIS_REACH: Final = 3  # words from the modal to the comparative: "hade kunnat vara bättre"


def irrealis_before(lows: list[str], raws: list[str], k: int) -> bool:
    """Whether a modal of IRREALIS comes at most IRREALIS_REACH words before lows[k], in its
    clause."""
    for i in range(k - 1, max(-1, k - 1 - IRREALIS_REACH), -1):
        if not raws[i][0].isalnum():
            return False
        if lows[i] in IRREALIS and (
            lows[i] != "hade" or (i + 1 < len(lows) and lows[i + 1] in _IRREALIS_HADE)
        ):
            return True
    return False


# `inte bara`, `inte enbart`: "not only", no denial ("inte bara snygg utan även praktisk" was
# negative, "inte bara dyrt utan också dåligt" praise).
_NOT_ONLY: Final = frozenset(("bara", "endast", "enbart", "blott", "minst"))
# `utan tvekan`, `utan konkurrens`: emphasis ("utan tvekan bästa köpet i år" came out negative).
_NO_DOUBT: Final = frozenset(("tvekan", "tvivel", "konkurrens", "jämförelse", "överdrift"))


def negation_opens(tok: str, nxt: str, denied: bool) -> bool:
    """Whether negation word `tok`, before `nxt`, denies what follows; `denied`: whether a
    negation came earlier in the sentence. Not `inte bara` ("not only"), `utan tvekan`, nor
    `utan` after a negation: "inte dyrt utan billigt" (but rather) and "ingen dag utan strul"
    (a double negation) both assert what follows. `utan att` stays "without": "står i kö utan
    att få hjälp"."""
    if nxt in _NOT_ONLY and tok in ("inte", "ej", "icke"):
        return False
    return not (tok == "utan" and (nxt in _NO_DOUBT or (denied and nxt != "att")))


def denied_before(lows: list[str], raws: list[str], j: int) -> int:
    """Where the verb is that a negation after it (lows[j], one of POST_NEGATIONS) denies: the
    word before it, or the one before an object or adverb (V2_BETWEEN); -1 when punctuation or
    a conjunction comes first ("Bra, inte dyrt", "lovade att inte höja")."""
    if lows[j] in _OBJECT_NEGATIONS and j + 1 < len(lows) and lows[j + 1] in _EMPHASIS_AFTER:
        return -1
    k = j - 1
    if k >= 1 and lows[k] in V2_BETWEEN:
        k -= 1
    if k < 0 or not raws[k][0].isalnum() or lows[k] in _NOT_VERBS:
        return -1
    return k


# `långt ifrån` (far from) denies what follows, `ifrån` alone is "from": "långt ifrån bra" had
# come out praise (+0.99, 2026-12-04 probe). The rules list `ifrån` as a negation for this pair.
_FAR: Final = "långt"
_FROM: Final = "ifrån"


def is_negation(lows: list[str], j: int) -> bool:
    """Whether lows[j], a word the rules list as a negation, negates here (`ifrån` only after
    `långt`)."""
    return lows[j] != _FROM or (j > 0 and lows[j - 1] == _FAR)


# A superlative in a question that asks for the best of something is no praise: "vilken är den
# bästa pizzerian i möllan?", "bästa sättet att ta sig från Arlanda?" came out +0.83 and +0.95
# (2026-12-04 probe). Asked with a question word, or opening the question.
_BEST: Final = frozenset(("bäst", "bästa"))
# Not `var`: in a question it is mostly "was" ("Det var den bästa servicen jag fått, eller hur?").
_ASKING: Final = frozenset(
    ("vilken", "vilket", "vilka", "vem", "vad", "vart", "hur", "när", "nån", "någon",
     "tips", "rekommendera", "rekommenderar", "which", "what", "who", "where")
)  # fmt: skip
_SENTENCE_ENDS: Final = frozenset((".", "!", "?", "…"))


def asks_for_best(lows: list[str], j: int) -> bool:
    """Whether superlative lows[j] is asked about: its sentence ends in `?` and has a question
    word before it, or opens with it and has no comma before the `?` (a tag question after praise
    is no asking: "Bästa dagen någonsin, vem mer håller med?")."""
    end, comma = j + 1, False
    while end < len(lows) and lows[end][:1] not in _SENTENCE_ENDS:
        comma = comma or lows[end] == ","
        end += 1
    if end == len(lows) or lows[end][:1] != "?":
        return False
    k = j - 1
    while k >= 0 and lows[k][:1] not in _SENTENCE_ENDS:
        if lows[k] in _ASKING:
            return True
        k -= 1
    return k == j - 1 and not comma


# `så` a few words after a sweeping negation makes it emphasis, not denial: "har aldrig skrattat
# så mkt" (-0.97 before, a probe of real-style posts) and "aldrig hatat något så mycket" are
# superlatives, but the words before `så` had been denied. Not `så` as "so" before a subject
# ("fick ingen hjälp så jag ringde"), nor a comparison of `så … som` ("blir aldrig så bra som
# man hoppas"). Four words reach "ingen har gjort mig så glad".
_SO_REACH: Final = 4


def so_emphasis_ahead(lows: list[str], raws: list[str], j: int) -> bool:
    """Whether sweeping negation lows[j] is emphasis: `så` follows within _SO_REACH words of its
    clause, not before a subject nor in `så … som`."""
    if lows[j] not in SWEEPING_NEGATIONS:
        return False
    n = len(lows)
    for k in range(j + 1, min(j + 1 + _SO_REACH, n)):
        if not raws[k][0].isalnum():
            return False
        if lows[k] == "så":
            if k + 1 < n and lows[k + 1] in SUBJECTS:
                return False
            return "som" not in lows[k + 1 : k + 4]
    return False


def so_ends_negation(negation: str, nxt: str) -> bool:
    """Whether `så` after negation word `negation` (with `nxt` the token after it) ends the
    negation's scope: emphasis after a sweeping negation, a conjunction before a subject."""
    return negation in SWEEPING_NEGATIONS or nxt in SUBJECTS


# `långt ifrån` is short too: "Flyttade långt ifrån familjen och är lycklig nu" (a distance) had
# its negation reach `lycklig` (-0.96).
_SHORT_NEGATIONS: Final = frozenset(
    {"utan", "saknar", "slipper", "sluta", "slutade", "slutat", "slutar", "ifrån", "långtifrån",
     "without"}
)  # fmt: skip
# `noll` is a word of its own (-0.8: "noll koll", "noll service", "noll stjärnor"), but before a
# word with a value within two words it negates it: "noll fel", "noll förseningar" had come out
# negative, "noll respekt" stays negative as respekt has no value.
ZERO: Final = frozenset({"noll"})
# Empathy that quotes the reader's feeling: "jag förstår att du är besviken", "vi har full
# förståelse för er frustration". The feeling is the customer's, not the writer's: in the
# demo the company's own patient replies came out negative on "besviken" and "arga". Only when
# one of _EMPATHY_NEXT follows, so "förstår inte hur ni tänker" stays the writer's complaint.
_EMPATHY_WORDS: Final = frozenset({"förstår", "förstod", "förståelse"})
_EMPATHY_NEXT: Final = frozenset({"att", "om", "hur", "din", "er", "ert", "dina", "era", "för"})
_DEGREE_WORDS = frozenset({"mycket", "mkt", "många", "länge", "ofta", "fort", "lite"})
_DIGIT: Final = re.compile(r"\d")
# A rating written as a fraction of 5 or 10 ("10/10", "1/5 stjärnor", "8/10 would buy again"). The
# tokenizer splits it at the slash into plain numbers, so nothing read it: "0/10" and "5/5" were
# neutral, "10/10" +0.64 from the few training posts with it. A date is written the same way
# ("ses den 3/10", "3/10/2026") and a fraction of something too ("1/10 av priset"): a word of
# date before it, a slash or `av` after it, and it is not read as a rating.
_RATING_SCALES: Final = frozenset({"5", "10"})
_DATE_WORDS: Final = frozenset(
    (
        "den", "från", "fr", "fom", "tom", "till", "t", "mellan", "senast", "före", "innan", "efter",
        "sedan", "datum", "dag", "må", "mån", "ti", "tis", "on", "ons", "to", "tor", "tors",
        "fre", "lö", "lör", "sö", "sön", "måndag", "tisdag", "onsdag", "torsdag", "fredag",
        "lördag", "söndag", "måndagen", "tisdagen", "onsdagen", "torsdagen", "fredagen",
        "lördagen", "söndagen", "kl", "v", "vecka", "nr", "from", "until", "by",
    )
)  # fmt: skip
_RATING_NOT_AFTER: Final = frozenset(("/", "av", "of", "-", ":"))
# "ger den 9/10" is a rating, "ses den 9/10" a date: `den` after a verb of giving one is no date.
_RATING_VERBS: Final = frozenset(
    ("ger", "gav", "ge", "får", "fick", "sätter", "satte", "give", "gave")
)
_RUNS: Final = re.compile(r"[!?]{2,}")
# Weights of the clauses before and after `men`/`fast`.
CONTRAST_BEFORE: Final = 0.5
CONTRAST_AFTER: Final = 1.5
NEGATED_FLIP: Final = -0.75  # "inte bra" is negative, but less than "dålig"
NEGATION_SCOPE: Final = 8  # words a negation reaches, until punctuation or a contrast word
# Determiners and quantifiers between a negation and its word do not use up its reach: "3 år
# utan ett enda avbrott" and "100 mil utan ett enda problem" were complaints (-0.89, -0.47; two
# probes of two-brand posts, 2026-12-05), `utan` reaching two words and `ett enda` taking both.
SCOPE_FREE: Final = frozenset(
    ("en", "ett", "enda", "endaste", "enstaka", "någon", "något", "några", "minsta", "helst")
)


@dataclass
class Lexicon:
    """Word values (-3..3) and modifier tables for one language."""

    words: dict[str, float]
    phrases: dict[tuple[str, str], float]
    stems: dict[str, float]
    negations: frozenset[str]
    negation_cont: frozenset[str]
    boosters: dict[str, float]
    dampeners: dict[str, float]
    prefixes: dict[str, float]
    contrasts: frozenset[str]
    emoji: dict[str, float] = field(default_factory=dict)
    compounds: bool = True  # Swedish closed compounds and prefixes; off for English
    tails: dict[str, float] = field(default_factory=dict)  # forms that may end a compound
    emoji_score_cap: float = EMOJI_SCORE_CAP  # the most all emoji may add to the rule score
    neutral: frozenset[str] = frozenset()  # words with no value, whatever stems or tails say
    _cache: dict[str, float | None] = field(default_factory=dict, repr=False)
    _longest_tail: int = field(default=-1, repr=False)
    _info: dict[str, _Info] = field(default_factory=dict, repr=False)

    def longest_tail(self) -> int:
        """The length of the longest compound tail or neutral word: no longer tail can match."""
        if self._longest_tail < 0:
            self._longest_tail = max((len(t) for t in (*self.tails, *self.neutral)), default=0)
        return self._longest_tail

    def info(self, tok: str) -> _Info:
        """(role, value, exact value, modifier multiplier, flags) of a lower-cased token.

        role: a Role, flags: a Flag, both as plain ints. Memoised, so the scorer does one
        look-up per token.
        """
        try:
            return self._info[tok]
        except KeyError:
            pass
        role = (
            Role.CONTRAST if tok in self.contrasts
            else Role.NEGATION if tok in self.negations
            else Role.NEG_CONT if tok in self.negation_cont
            else Role.NONE
        )  # fmt: skip
        bm = self.boosters.get(tok) or self.dampeners.get(tok)
        flags = Flag(0)
        if tok in _REPORT_WORDS:
            flags |= Flag.REPORT
        if tok in IRONY_WORDS:
            flags |= Flag.IRONY
        if tok in self._phrase_first:
            flags |= Flag.PHRASE_START
        if tok in _EMPATHY_WORDS:
            flags |= Flag.EMPATHY
        if len(self._info) > 500_000:
            self._info.clear()
        e = (int(role), self.value(tok), self.words.get(tok), bm, int(flags))
        if e == _PLAIN and tok[:1].isalnum():
            # One shared object for plain words, so that analyse() can tell them by identity
            # (and skip them); only words, so that no other token is ever taken for one.
            e = _PLAIN
        self._info[tok] = e
        return e

    def __post_init__(self) -> None:
        self._phrase_first = frozenset(a for a, _ in self.phrases)

    def value(self, tok: str) -> float | None:
        """The value of a lower-cased token, or None; memoised (vocabularies are small)."""
        try:
            return self._cache[tok]
        except KeyError:
            if len(self._cache) > 500_000:
                self._cache.clear()
            v = self._cache[tok] = _token_value(self, tok)
            return v


# Generated inflections: Swedish adjectives (-t, -a, -e, comparatives), -en participles,
# verbs (-r, -de, -t, -s), nouns (-en, -et, -er, -na). Over-generation is harmless: these are
# looked up only for tokens that really occur.
def _inflect(word: str, pos: str) -> list[str]:
    forms = [word]
    if pos.startswith("av"):
        if word.endswith("en") and len(word) > 4:  # besviken -> besviket, besvikna
            forms += [word[:-1] + "t", word[:-2] + "na"]
        elif word.endswith("d") and not word.endswith("dd"):  # nöjd -> nöjt, nöjda
            forms += [word[:-1] + "t", word + "a", word + "e"]
        else:
            forms += [word + "t", word + "a", word + "e"]
        forms += [word + "are", word + "ast", word + "aste"]
        if word[-2:] in ("el", "er") and len(word) >= 4 and word[-3] not in "aeiouyåäö":
            # usel -> usla, uslare; vacker -> vackra: "lika usla som" read as neutral.
            short = word[:-2] + word[-1]
            forms += [short + "a", short + "e", short + "are", short + "ast", short + "aste"]
        if word.endswith("ig"):
            forms += [word + "t", word + "a"]
    elif pos.startswith("vb"):
        if word.endswith("a"):
            forms += [word + "r", word + "de", word + "t", word + "s", word + "des", word + "nde"]
        else:
            forms += [word + "r", word + "dde", word + "tt"]
    else:
        forms += [word + "en", word + "et", word + "er", word + "erna", word + "na", word + "ar"]
    return forms


def _read_rows(name: str) -> Iterable[dict[str, str]]:
    with data_path("lexicons", name).open(encoding="utf-8") as fh:
        lines = (line for line in fh if not line.startswith("#"))
        yield from csv.DictReader(lines)


def _load_emoji() -> dict[str, float]:
    # Sentiment score as in Kralj Novak et al.: (pos - neg) / occurrences, with a Laplace prior
    # so that rare emoji stay near zero; scaled to the -3..3 word range.
    out: dict[str, float] = {}
    for row in _read_rows("emoji_sentiment_ranking.csv"):
        n = int(row["Occurrences"])
        if n < 5:
            continue
        pos, neg = int(row["Positive"]), int(row["Negative"])
        s = (pos - neg) / (n + 3)
        # Objects and food (🍕 ☕ ✅) co-occur with cheerful tweets but say little about tone;
        # faces and hearts carry it.
        if row["Unicode block"] != "Emoticons" and "HEART" not in row["Unicode name"]:
            s *= 0.4
        if abs(s) >= 0.1:
            out[row["Emoji"]] = round(3 * s, 3)
    # Corrections for social use the tweet corpus gets wrong or misses.
    out.update({"💩": -2.0, "🤮": -3.0, "🤬": -3.0, "😡": -2.5, "😤": -1.5, "🙄": -1.5,
                "👍": 2.0, "👎": -2.5, "🔥": 1.5, "💪": 1.5, "🥰": 3.0, "😍": 3.0, "🤩": 2.5,
                "😢": -2.0, "😭": -1.5, "😩": -2.0, "😞": -2.0, "🥲": -0.5, "👏": 0.8,
                "🙏": 1.0, "❤️": 2.5, "💔": -2.5, "😠": -2.5, "🤦": -2.0})  # fmt: skip
    return out


_CONFIDENCE = {"1.0": 1.1, "0.75": 1.0, "0.5": 0.7}


@lru_cache(maxsize=1)
def swedish() -> Lexicon:
    """SentimentLex's words and their inflections, under koll's curated entries and rules."""
    ignore = {r["entry"] for r in _read_rows("koll_sv_rules.csv") if r["kind"] == "ignore"}
    words, tails, phrases, lemmas = _sentimentlex(ignore)
    tables = _rule_tables()
    # An ignored entry is no word even when it is an inflection of one (`vara` of `var`).
    for e in tables.get("ignore", {}):
        words.pop(e, None)
        tails.pop(e, None)
    _add_curated(tables.get("word", {}), words, tails, phrases, lemmas)
    # A price or fee raised or lowered ("höjer avgiften", "sänkte priserna", "inte höjt priset"):
    # news that read as neutral ("Fjällkraft höjer avgiften med över 50 procent" -0.01) is
    # what customers complain or cheer about. Each verb form's value, over each cost noun.
    for kind in ("raise", "lower"):
        for verb, v in tables.get(kind, {}).items():
            for noun in tables.get("cost", {}):
                phrases.setdefault((verb, noun), v)
    # Stems of lemmas only: stemming inflected forms as well maps too much onto short stems.
    stems: dict[str, float] = {}
    for w, v in lemmas.items():
        if len(w) >= 4:
            stems.setdefault(stem(w), v)
    # Neutral words (koll_sv_rules.csv) had a value by accident: a verb's stem (`avgiften` of
    # `avgifta`, detoxify), a compound's tail (`matkassen` of `kass`), a homograph (`lagar`).
    # Their own stems go too, so that their other forms (`grannar`, `avgifterna`) lose it.
    neutral = frozenset(tables.get("neutral", {}))
    for e in neutral:
        words.pop(e, None)
        tails.pop(e, None)
        stems.pop(stem(e), None)
    return Lexicon(
        words=words,
        phrases=phrases,
        stems=stems,
        negations=frozenset(tables.get("negation", {})),
        negation_cont=frozenset(tables.get("negation_cont", {})),
        boosters=tables.get("booster", {}),
        dampeners=tables.get("dampener", {}),
        prefixes=tables.get("prefix", {}),
        contrasts=frozenset(tables.get("contrast", {})),
        emoji=_load_emoji(),
        tails=tails,
        # A single 🔥 after a plain complaint (no lexicon word) made the rule score its
        # verdict, on top of the model's emoji channels: "Bussen var sen idag 🔥" was positive.
        emoji_score_cap=0.0,
        neutral=neutral,
    )


def _sentimentlex(ignore: set[str]) -> tuple[dict, dict, dict, dict]:
    """(words, tails, phrases, lemmas) of SentimentLex: word forms, the forms that may end a
    closed compound, two-word entries and the lemmas, each with its value."""
    words: dict[str, float] = {}
    phrases: dict[tuple[str, str], float] = {}
    lemmas: dict[str, float] = {}
    # Word forms that may end a closed compound: nouns and adjectives, not verbs (`bokhylla`
    # ends in the verb `hylla`, praise, but is a bookshelf).
    tails: dict[str, float] = {}
    for row in _read_rows("sentimentlex.csv"):
        w = row["word"].strip().lower()
        # Entries with the lowest confidence are mostly noise (`vara` negative, `ny` positive);
        # very common neutral verbs and adjectives are listed as `ignore` in koll_sv_rules.csv.
        conf = _CONFIDENCE.get(row["confidence"], 0.0)
        if not conf or w in ignore:
            continue
        v = float(row["strength"]) * conf  # strength is ±2 for most words, ±3 for strong ones
        lemmas[w] = v
        if " " in w:
            parts = w.split()
            if len(parts) == 2:
                phrases[(parts[0], parts[1])] = v
            continue
        for f in _inflect(w, row["part_of_speech"]):
            words.setdefault(f, v)
            if not row["part_of_speech"].startswith("vb"):
                tails.setdefault(f, v)
    return words, tails, phrases, lemmas


def _rule_tables() -> dict[str, dict[str, float]]:
    """koll's own Swedish entries (koll_sv.csv, koll_sv_rules.csv) by kind: word, negation,
    negation_cont, booster, dampener, prefix, contrast, ignore, neutral, raise, lower, cost;
    entry -> value, in file order."""
    tables: dict[str, dict[str, float]] = {}
    for name in ("koll_sv.csv", "koll_sv_rules.csv"):
        for row in _read_rows(name):
            e, kind, val = row["entry"].strip().lower(), row["kind"], float(row["value"])
            tables.setdefault(kind, {})[e] = val
    return tables


_DOUBLED = ("a", "e", "are", "ast", "aste")


def _add_curated(curated: dict[str, float], words, tails, phrases, lemmas) -> None:
    """Put koll's curated words over the corpus lexicon (e.g. `grym` is praise in current
    usage), with their inflections."""
    for e, v in curated.items():
        if " " in e:
            parts = e.split()
            if len(parts) != 2:
                # A longer entry would load and never match ("pengarna i sjön" did).
                raise ValueError(f"koll_sv.csv: entry {e!r} has {len(parts)} words; one or two")
            phrases[(parts[0], parts[1])] = v
            continue
        # The doubled consonant: grym -> grymma, grymmare; långsam -> långsammare.
        forms = _inflect(e, "av") + _inflect(e, "nn") + [e + e[-1] + x for x in _DOUBLED]
        for f in forms:
            words[f] = v if f == e else words.get(f, v)
            tails[f] = words[f]
        words[e] = v
        tails[e] = v
        lemmas[e] = v


def _token_value(lex: Lexicon, tok: str) -> float | None:
    v = lex.words.get(tok)
    if v is not None:
        return v
    if tok in lex.neutral:
        return None
    if len(tok) < 4 or not lex.compounds or not tok.isalpha() and "-" not in tok:
        return None
    # Hyphenated compounds: the head (last part) carries the meaning (`IKEA-kaos`).
    if "-" in tok:
        head = tok.rsplit("-", 1)[1]
        return _token_value(lex, head) if len(head) >= 3 else None
    st = stem(tok)
    v = lex.stems.get(st) if len(st) >= 5 else None  # short stems collide (tiden ~ tidig)
    if v is not None:
        return v
    # Intensifying prefixes: jättebra, asdåligt, skitsnyggt, superseg.
    for p, mult in lex.prefixes.items():
        if tok.startswith(p) and len(tok) - len(p) >= 3:
            v = _prefixed(lex, p, mult, tok[len(p) :])
            if v is not None:
                return v  # else a compound's tail may still tell (asylbedrägerier)
    # o- negates adjectives: ostabil, opålitlig, obekvämt (otrevlig etc. are listed themselves).
    if tok[0] == "o" and len(tok) >= 6:
        rv = lex.words.get(tok[1:])
        if rv is not None and rv > 0:
            return -0.8 * rv
    # Closed compounds: the longest known tail of at least 4 letters (kvalitetsproblemen,
    # kundtjänstkaos); a tail of a long word is weaker evidence than the word itself.
    # A neutral tail ends the search: `kommunfullmäktige` is the council, not `mäktige`.
    # Tails longer than any known one are skipped: each look-up hashes the whole tail, so a
    # "word" of 640,000 letters in a feed took a minute to score (QA, 2026-12-04).
    for i in range(max(3, len(tok) - lex.longest_tail()), len(tok) - 4):
        tail = tok[i:]
        tv = lex.tails.get(tail)
        if tv is not None:
            return tv * 0.8
        if tail in lex.neutral:
            return None
    return None


def _prefixed(lex: Lexicon, prefix: str, mult: float, rest: str) -> float | None:
    """The value of `prefix` + `rest` (jättebra, skitsnyggt, toppenjobb, skitväder)."""
    rv = lex.words.get(rest)
    if rv is None:
        st = stem(rest)
        # The main branch's guard: short stems collide. Without it "toppenjobb" took the
        # stem of "jobbig" and scored -2.7.
        rv = lex.stems.get(st) if len(st) >= 5 else None
    if rv is not None:
        return max(-3.5, min(3.5, rv * mult))
    # A prefix that is an evaluative word itself, on a word without value, says the same of
    # it: toppenjobb and kanonväder are praise, skitväder is not (jätte-, super- are mere
    # intensifiers and have no value of their own; sjukt's -0.5 is too weak to count).
    # Degree words take the prefix as an intensifier only: "skitmycket folk" is no complaint.
    pv = lex.words.get(prefix)
    if pv is not None and abs(pv) >= 2.0 and rest not in _DEGREE_WORDS:
        return pv * 0.8  # as a compound's tail: weaker evidence than the word alone
    return None


#: Names of the features analyse() returns, in order; the constants below are their positions.
FEATURES = (
    "score",
    "pos",
    "neg",
    "n_pos",
    "n_neg",
    "negated",
    "contrast",
    "after_contrast",
    "irony",
    "irony_x_pos",
    "exclaim",
    "question",
    "caps",
    "emoji_pos",
    "emoji_neg",
    "report",
    "digits",
    "log_len",
    "caps_ratio",
    "punct_runs",
)
(
    SCORE, POS, NEG, N_POS, N_NEG, NEGATED, CONTRAST, AFTER_CONTRAST, IRONY, IRONY_X_POS, EXCLAIM,
    QUESTION, CAPS, EMOJI_POS, EMOJI_NEG, REPORT, DIGITS, LOG_LEN, CAPS_RATIO, PUNCT_RUNS,
) = range(len(FEATURES))  # fmt: skip
# The counts' ceilings: just above the largest value each takes in the model's 38,000 training
# and calibration texts (2026-12-07; tests/test_sentiment.py checks), so the fit is unchanged.
# The model is linear in the counts, and past what it saw it extrapolates: beside the bounded
# score they are corrections (`neg` even leans towards pos once the score has spoken), and a
# sentence of ten complaints (neg 24, n_neg 10) or a rant in capitals (caps 7) read as praise.
_CEILINGS: Final = (
    (POS, 14.0), (NEG, 15.0), (N_POS, 9.0), (N_NEG, 10.0), (NEGATED, 9.0), (CONTRAST, 6.0),
    (AFTER_CONTRAST, 3.6), (IRONY, 5.0), (IRONY_X_POS, 6.5), (CAPS, 5.0), (REPORT, 4.0),
    (LOG_LEN, 6.0),
)  # fmt: skip


_KINDS = ("emo", "word", "punct", "sym")


# str.lower called as a function, not as a method: compiled (setup.py), `text.lower()` becomes
# mypyc's own lower-casing, which on Python before 3.13 misses the final sigma ("ΟΔΟΣ" gave
# "οδοσ", Python "οδος"; tests/test_sentiment_fast.py's fuzz texts found it).
_lower = str.lower


class Tokens:
    """A text's tokens as three parallel lists: kind (emo/word/punct/sym), lower-cased, original."""

    __slots__ = ("lows", "raws", "low")
    lows: list[str]
    raws: list[str]
    low: str

    def __init__(self, text: str):
        self.low = low = _lower(text)
        if (
            len(low) != len(text)
            or "Σ" in text
            or (":" in text or ";" in text or "=" in text)
            and _EMO_UPPER.search(text)
        ):
            # Lower-casing may change tokens here: tokenize the lower-cased text itself.
            raws = _TOKEN.findall(text)
            lows = _TOKEN.findall(low)
            if len(lows) != len(raws):  # lower-casing changed a length (rare letters): per token
                lows = [_lower(r) for r in raws]
        else:
            # Lower-casing maps each character to one of the same kind, so the lower-cased
            # text has the lower-cased tokens. No token spans white space, so each
            # white-space-separated chunk is tokenized alone, and most chunks are one word,
            # perhaps with a full stop or comma: no regex needed for those.
            raws, lows = [], []
            for chunk, lchunk in zip(text.split(), low.split(), strict=True):
                if chunk.isalnum():
                    raws.append(chunk)
                    lows.append(lchunk)
                elif chunk[-1] in ".,!?" and chunk[:-1].isalnum():
                    raws += (chunk[:-1], chunk[-1])
                    lows += (lchunk[:-1], lchunk[-1])
                else:
                    found = _TOKEN.findall(chunk)
                    raws += found
                    lows += [_lower(r) for r in found]
        self.raws = raws
        self.lows = lows

    @property
    def kinds(self) -> list[str]:
        return [kind_of(r) for r in self.raws]


def tokenize(text: str) -> Tokens:
    """The tokens of a text (see Tokens)."""
    return Tokens(text)


def analyse(text: str, lex: Lexicon, toks: Tokens | None = None) -> list[float]:
    """The feature vector of one text (see FEATURES); `score` is the rule-based tone in -1..1.

    `toks` may pass tokenize(text) when the caller already has it.
    """
    if toks is None:
        toks = tokenize(text)
    tally = _Tally()
    words, caps_words = tally.scan(lex, toks.lows, toks.raws)
    return tally.features(text, toks.low, words, caps_words)


def praise_only(text: str, lex: Lexicon) -> bool:
    """Whether text ends in a clause of a few words of praise alone, which after a complaint is
    irony (CLOSER_WORDS): "Kul.", "Så kul!", not "Funkar nu!" """
    toks = tokenize(text)
    tally = _Tally()
    tally.scan(lex, toks.lows, toks.raws)
    return tally.praise_closes()


class _Tally:
    """What analyse() counts in one text's tokens: sentiment mass per clause, irony, emphasis.

    scan() walks the tokens and keeps what is pending (a negation's scope, a booster) in local
    variables, since it touches them at almost every token; the rarer events (a sentiment word,
    a negation after its verb, an emoji, a contrast word) are methods that update the tallies.
    """

    __slots__ = (
        "pos", "neg", "n_pos", "n_neg", "negated", "emoji_pos", "emoji_neg", "irony", "caps",
        "report", "contrast", "before", "segment", "last_at", "last_v", "opener", "emoji_sum",
        "clause_at", "clause_j", "clause_v", "clause_mixed", "closed_v", "closed_words", "closed_mixed",
        "before_closed_v",
    )  # fmt: skip

    def __init__(self) -> None:
        self.pos = self.neg = self.emoji_pos = self.emoji_neg = 0.0
        self.emoji_sum = 0.0  # the emoji's part of the score so far, within ±emoji_score_cap
        # Counts are kept as floats (whole numbers all the same): the feature vector takes them
        # as they are, where a float() call each cost about as much as scoring a word.
        self.n_pos = self.n_neg = self.negated = self.irony = self.caps = self.report = 0.0
        self.contrast = 0.0
        self.before = 0.0  # score of the clauses before the last contrast word
        self.segment = 0.0  # score of the current clause since the last contrast word
        self.last_at, self.last_v = -1, 0.0  # position and value of the last sentiment word
        self.opener = False
        # The clause being read (since punctuation): where it began, its value, whether it had
        # a negative word or a contrast; the last clause with words, and the one before it.
        self.clause_at, self.clause_j, self.clause_v, self.clause_mixed = 0, 0, 0.0, False
        self.closed_v, self.closed_words, self.closed_mixed = 0.0, 0, False
        self.before_closed_v = 0.0

    def scan(self, lex: Lexicon, lows: list[str], raws: list[str]) -> tuple[int, int]:
        """Visit each token that is not a known plain word (Lexicon.info); plain words between
        only count and use up the scope of what is pending. Returns (words, words in capitals)."""
        n, get, info, phrases = len(raws), lex._info.get, lex.info, lex.phrases
        caps_words = _caps_words(raws)
        neg_left, negation, neg_at = 0, "", 0  # an active negation's scope, its word and place
        # `varken` awaits `eller`; a negation came in the sentence; in a quoted (_EMPATHY_WORDS)
        varken, denied, quoted = False, False, False
        mult, mult_left = 1.0, 0  # pending booster/dampener and its remaining scope
        words, done = 0, -1  # done: the last token handled (visited, or a phrase's second word)
        for j, t in enumerate(lows):
            # One look-up skips a plain word (most are); a phrase's second word is done.
            if j <= done or (e := get(t)) is _PLAIN:
                continue
            if gap := j - done - 1:  # plain words since the last visited token
                words += gap
                mult_left = mult_left - gap if mult_left > gap else 0
                if neg_left:
                    neg_left = _scope_after(lows, done + 1, j, neg_left)
            done, tok, raw, nxt = j, lows[j], raws[j], lows[j + 1] if j + 1 < n else ""
            if not (c := raw[0]).isalnum():
                if c in _PUNCT_START and (len(raw) == 1 or c not in ":;=<"):  # not an emoticon
                    self.end_clause(words, lows, j)
                    neg_left, varken, mult, mult_left, quoted = 0, False, 1.0, 0, False
                    denied = denied and c in ",;"  # not past a sentence
                elif c == "/" and (r := _rating(lows, j)) is not None:
                    self.add(r, tok, raw, words, mult, neg_left > 0, "")
                    mult, mult_left, neg_left = 1.0, 0, max(neg_left - 1, 0)
                else:
                    self.symbol(raw, tok, raws[j + 1] if j + 1 < n else "", lex)
                continue
            words += 1
            role, val, exact, bm, flags = e or info(tok)
            if flags & _F_CUES:
                self.cue(flags)
            if role == _CONTRAST and words > 1:
                self.new_clause()
                neg_left, quoted, denied = 0, False, False  # "inte …, men … utan" is "without"
                continue
            if quoted or flags & _F_EMPATHY and nxt in _EMPATHY_NEXT:
                quoted = True  # someone else's feeling: no value, no role (clause end resets)
                continue
            v = None
            if flags & _F_PHRASE_START and j + 1 < n and raws[j + 1][0].isalnum():
                v = phrases.get((tok, nxt))  # a two-word entry: `ligger nere`, `gå bra`
                if v is not None:
                    done = j + 1  # the second word is part of the entry, not a word of its own
                    caps_words -= len(raws[done]) > 2 and raws[done].isupper()
            if v is None:
                if tok in ZERO and valued_ahead(lex, lows, raws, j + 1):
                    self.negated += 1
                    neg_left, negation, neg_at = 2, tok, j  # `noll fel`: none of a nuisance
                    continue
                if role == _NEGATION and is_negation(lows, j):
                    denied, reach = True, self.negation(lows, raws, j, words, denied)
                    if reach >= 0:  # the negation's own scope, or none (-1: it flipped a word)
                        neg_left, negation, neg_at = reach, tok, j
                        varken = varken or (reach > 0 and tok == "varken")
                    continue
                if tok == "så" and neg_left and so_ends_negation(negation, nxt):
                    neg_left = 0  # and it still boosts: "aldrig fått så snabb hjälp"
                if role == _NEG_CONT and varken:
                    neg_left, negation, neg_at = NEGATION_SCOPE, tok, j
                    continue
                if bm is not None and j + 1 < n and _modifies(lex, nxt, raws[j + 1]):
                    mult, mult_left = mult * bm, 2
                    continue
                v = exact if words > 1 and raw[:1].isupper() else val  # names: exact only
                v = None if tok in _BEST and asks_for_best(lows, j) else v
            if not v:  # no value (nor an entry of 0: `bäst före`) uses up what is pending
                mult_left = mult_left - 1 if mult_left else 0
                neg_left = _scope_left(tok, neg_left) if neg_left else 0
                continue
            if is_comparative(lex, tok):
                neg_left, mult = self.comparative(lex, lows, raws, j, neg_left, neg_at, mult)
            after = lows[done + 1] if done + 1 < n else ""
            self.add(v, tok, raw, words, mult, neg_left > 0 and not _nothing(lows, j), after)
            mult, mult_left, neg_left = 1.0, 0, neg_left - 1 if neg_left else 0
        return self.end_clause(words + n - done - 1, lows, n), caps_words  # + trailing plain words

    def comparative(
        self,
        lex: Lexicon,
        lows: list[str],
        raws: list[str],
        j: int,
        neg_left: int,
        neg_at: int,
        mult: float,
    ) -> tuple[int, float]:
        """The scope left of the negation at neg_at, and the booster, at comparative lows[j]:
        a negation that emphasises it ends (`kunde inte vara nöjdare`: the most there is), a
        modal of what is not so denies it (`hade kunnat vara bättre`)."""
        if neg_left and comparative_is_emphasis(lex, lows, neg_at, j):
            return 0, mult * 1.2
        if not neg_left and irrealis_before(lows, raws, j):
            self.negated += 1
            return 1, mult
        return neg_left, mult

    def end_clause(self, words: int, lows: list[str], j: int) -> int:
        """Punctuation at lows[j] (or the text's end, j = len(lows)) after the words-th word:
        a clause with words becomes the last one. Returns words."""
        if n := words - self.clause_at:
            self.before_closed_v = self.closed_v
            self.closed_v, self.closed_words = self.clause_v, n
            # Relief is looked for only in a short praise, where it matters.
            self.closed_mixed = self.clause_mixed or (
                n <= CLOSER_WORDS
                and self.clause_v > 0
                and any(t in RESOLVED for t in lows[self.clause_j : j])
            )
        self.clause_at, self.clause_j, self.clause_v, self.clause_mixed = words, j + 1, 0.0, False
        return words

    def praise_closes(self) -> bool:
        """Whether the text (scanned) ends in a short clause of praise alone (CLOSER_WORDS)."""
        return 0 < self.closed_words <= CLOSER_WORDS and self.closed_v > 0 and not self.closed_mixed

    def cue(self, flags: int) -> None:
        """A reported-speech or irony word."""
        if flags & _F_REPORT:
            self.report += 1
        if flags & _F_IRONY:
            self.irony += 1

    def new_clause(self) -> None:
        """A contrast word (men, fast, dock): the clause after it weighs more than the one before."""
        self.contrast += 1
        self.before += self.segment
        self.segment = 0.0
        self.clause_mixed = True  # "Sen buss. Men trevlig personal." is no irony

    def symbol(self, raw: str, tok: str, nxt: str, lex: Lexicon) -> None:
        """An emoticon, emoji or other symbol (nxt: the token after it)."""
        if len(raw) > 1 and raw[0] in ":;=<":
            v = EMOTICONS.get(tok)
        else:
            if raw in IRONY_SYMBOLS:
                self.irony += 1
            v = lex.emoji.get(raw)
            if v is None and nxt == "\ufe0f":
                v = lex.emoji.get(raw + "\ufe0f")
        if v is not None:
            cap = lex.emoji_score_cap
            capped = max(-cap, min(cap, self.emoji_sum + v))
            self.segment += capped - self.emoji_sum
            self.emoji_sum = capped
            if v > 0:
                self.emoji_pos += v
            else:
                self.emoji_neg -= v

    def negation(self, lows: list[str], raws: list[str], j: int, words: int, denied: bool) -> int:
        """The scope (in words) negation word lows[j], the words-th word, opens (`denied`: a
        negation came earlier in the sentence): 0 when it denies nothing (negation_opens), -1
        when it turned the verb before it (flip_previous)."""
        tok = lows[j]
        if not negation_opens(tok, lows[j + 1] if j + 1 < len(lows) else "", denied):
            return 0
        if so_emphasis_ahead(lows, raws, j):
            return 0
        if self.flip_previous(lows, raws, j, words):
            return -1
        return 2 if tok in _SHORT_NEGATIONS else NEGATION_SCOPE

    def flip_previous(self, lows: list[str], raws: list[str], j: int, words: int) -> bool:
        """Whether negation lows[j] turns the sentiment word it follows (denied_before), and
        has done so."""
        self.negated += 1
        last_v, tok = self.last_v, lows[j]
        if (
            last_v
            and tok in POST_NEGATIONS
            and (k := denied_before(lows, raws, j)) >= 0
            and self.last_at == words - (j - k)
        ):
            # Negation after the verb (V2): `ångrar inte`, `funkar inte`, `gillar inte`.
            self.segment += last_v * (NEGATED_FLIP - 1)
            if last_v > 0:
                self.pos -= last_v
                self.neg -= last_v * NEGATED_FLIP
            else:
                self.neg += last_v
                self.pos += last_v * NEGATED_FLIP
            self.last_v = 0.0
            return True
        return False

    def add(self, v: float, tok: str, raw: str, words: int, mult: float, negated: bool, nxt: str):
        """Sentiment word `tok` (the words-th word; nxt: the next token) of value v, under a
        pending booster `mult` and maybe a negation."""
        if len(raw) > 2 and raw.isupper():
            self.caps += 1
            v *= 1.3
        v *= mult
        if negated:
            v *= NEGATED_FLIP
        elif words <= 2 and v > 0 and nxt[:1] in (",", "!"):
            self.opener = True  # `Toppen, …` / `Härligt! …`: ironic when negative words follow
        self.last_at, self.last_v = words, v
        self.segment += v
        self.clause_v += v
        if v < 0:
            self.clause_mixed = True
        if v > 0:
            self.pos += v
            self.n_pos += 1
        else:
            self.neg -= v
            self.n_neg += 1

    def features(self, text: str, low: str, words: int, caps_words: int) -> list[float]:
        """The feature vector, in FEATURES order (a list display, as index assignments by name
        cost a tenth of analyse() on a short text)."""
        exclaim, question = text.count("!"), text.count("?")
        irony = self.irony
        for anchor in _IRONY_ANCHORS:  # a few substring searches rule most texts out
            if anchor in low:
                irony += len(_IRONY_RE.findall(low))
                break
        if self.opener and self.neg > 0:
            irony += 1
        if self.praise_closes() and self.before_closed_v < 0:
            irony += 1  # "Bussen kom aldrig. Kul."
        pos, neg, segment = self.pos, self.neg, self.segment
        if self.contrast:
            raw_score = self.before * CONTRAST_BEFORE + segment * CONTRAST_AFTER
        else:
            raw_score = segment
        # Irony guard: a positive text carrying irony markers and some negative mass is not praise.
        if irony and pos > 0 and neg > 0 and raw_score > 0:
            raw_score = -0.5 * raw_score
        if exclaim:
            raw_score *= 1 + 0.08 * min(exclaim, 4)
        runs = float(min(len(_RUNS.findall(text)), 3)) if exclaim + question > 1 else 0.0
        feats = [
            raw_score / math.sqrt(raw_score * raw_score + 15),  # SCORE: VADER-style squashing
            pos,  # POS
            neg,  # NEG
            self.n_pos,  # N_POS
            self.n_neg,  # N_NEG
            self.negated,  # NEGATED
            self.contrast,  # CONTRAST
            segment / 3.0 if self.contrast else 0.0,  # AFTER_CONTRAST
            irony,  # IRONY
            irony * pos / 3.0,  # IRONY_X_POS
            float(min(exclaim, 5)),  # EXCLAIM
            float(min(question, 3)),  # QUESTION
            self.caps,  # CAPS
            min(self.emoji_pos, EMOJI_FEATURE_CAP),  # EMOJI_POS
            min(self.emoji_neg, EMOJI_FEATURE_CAP),  # EMOJI_NEG
            self.report,  # REPORT
            float(_DIGIT.search(text) is not None),  # DIGITS
            math.log1p(words),  # LOG_LEN
            caps_words / words if words else 0.0,  # CAPS_RATIO
            runs,  # PUNCT_RUNS
        ]
        for i, ceiling in _CEILINGS:
            f = feats[i]
            if f > ceiling:
                feats[i] = ceiling
            elif f < -ceiling:  # after_contrast is signed
                feats[i] = -ceiling
        return feats


# "gör inte ett skit", "bryr sig inte ett piss": nothing at all, which a negation does not
# turn into praise ("De gör inte ett skit åt det" was +0.95; CODE_REVISION 24).
_NOTHING: Final = frozenset(("skit", "piss", "skvatt"))


def _nothing(lows: list[str], j: int) -> bool:
    """Whether lows[j] is "skit" said for "nothing" ("ett skit"), which keeps its value."""
    return lows[j] in _NOTHING and j > 0 and lows[j - 1] == "ett"


def _rating(lows: list[str], j: int) -> float | None:
    """The value of a rating whose slash is token j ("8/10"), or None when it is none."""
    if j < 1 or j + 1 >= len(lows):
        return None
    num, scale = lows[j - 1], lows[j + 1]
    if scale not in _RATING_SCALES or not (num.isascii() and num.isdigit()) or len(num) > 2:
        return None
    if j + 2 < len(lows) and lows[j + 2] in _RATING_NOT_AFTER:
        return None
    before = lows[j - 2] if j >= 2 else ""
    if before in _DATE_WORDS and not (before == "den" and j >= 3 and lows[j - 3] in _RATING_VERBS):
        return None
    share = int(num) / int(scale)
    # As strong as the strongest words at the ends (fantastisk 3.0, usel -2.8), as `bra` (2.0)
    # at 7 or 8 of 10; the middle of the scale says "so-so", which carries no value here.
    if share > 1:
        return None
    if share >= 0.9:
        return 3.0
    if share >= 0.7:
        return 2.0
    if share >= 0.5:
        return None
    return -1.5 if share >= 0.3 else -2.5


def _caps_words(raws: list[str]) -> int:
    """How many tokens are words in all capitals (three letters or more)."""
    if not any(map(str.isupper, raws)):  # most texts have none: one pass in C says so
        return 0
    return sum(len(r) > 2 and r[0].isalnum() for r in raws if r.isupper())


def valued_ahead(lex: Lexicon, lows: list[str], raws: list[str], start: int) -> bool:
    """Whether one of the two words from lows[start] (before any punctuation) has a value."""
    for k in range(start, min(start + 2, len(raws))):
        if not raws[k][0].isalnum():
            return False
        if lex.info(lows[k])[1] is not None:
            return True
    return False


def _scope_after(lows: list[str], start: int, end: int, neg_left: int) -> int:
    """What is left of a negation's scope after the plain words lows[start:end]."""
    for k in range(start, end):
        neg_left = _scope_left(lows[k], neg_left)
        if not neg_left:
            break
    return neg_left


def _scope_left(tok: str, neg_left: int) -> int:
    """What is left of a negation's scope after a word without a value: nothing after `aldrig
    mer` (emphasis, not denial) or `inte hur …` (a clause of its own), all of it after a
    quantifier (SCOPE_FREE), else a word less."""
    if tok in _SCOPE_ENDS:
        return 0
    return neg_left if tok in SCOPE_FREE else neg_left - 1


def _modifies(lex: Lexicon, tok: str, raw: str) -> bool:
    """Whether a booster or dampener before this token applies to it: it is a word with a
    value, or a booster itself (`väldigt extremt bra`)."""
    if not raw[0].isalnum():
        return False
    _, value, _, modifier, _ = lex.info(tok)
    return value is not None or (modifier is not None and modifier > 1)


def lexicon_score(text: str, lex: Lexicon | None = None) -> float:
    """The rule-based tone alone, -1..1."""
    return analyse(text, lex or swedish())[SCORE]


@lru_cache(maxsize=1)
def english() -> Lexicon:
    """The compact English lexicon (data/lexicons/koll_en.csv) with English modifiers."""
    words: dict[str, float] = {}
    phrases: dict[tuple[str, str], float] = {}
    tables: dict[str, dict[str, float]] = {}
    for row in _read_rows("koll_en.csv"):
        e, kind, val = row["entry"].strip().lower(), row["kind"], float(row["value"])
        if kind == "word" and " " in e:
            a, b = e.split(None, 1)
            phrases[(a, b)] = val
        elif kind == "word":
            words[e] = val
        else:
            tables.setdefault(kind, {})[e] = val
    return Lexicon(
        words=words,
        phrases=phrases,
        stems={},
        negations=frozenset(tables.get("negation", {})),
        negation_cont=frozenset(),
        boosters=tables.get("booster", {}),
        dampeners=tables.get("dampener", {}),
        prefixes={},
        contrasts=frozenset(tables.get("contrast", {})),
        emoji=swedish().emoji,
        compounds=False,
    )
