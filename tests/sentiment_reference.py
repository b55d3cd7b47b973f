"""Straightforward reference implementations of koll's scoring path, kept to test the fast one.

These are the functions as they were before they were optimised (tokenizing each text twice,
no prefilters, no memo, the NLTK stemmer). tests/test_sentiment_fast.py checks that the fast
code gives bit-identical labels, scores and confidences. Data (lexicons, the model's weights)
and the unchanged helpers are shared with the real modules.
"""

from __future__ import annotations

import itertools
import math
import re
import unicodedata
from collections.abc import Callable

from analysis import sentiment as S
from analysis import sentiment_brand as B
from analysis import sentiment_clauses as C
from analysis import sentiment_figures as F
from analysis import sentiment_pair as PAIR
from analysis import sentiment_pair_words as WORDS
from analysis import sentiment_respective as R
from analysis import sentiment_score as SC
from analysis import sentiment_switch as SW
from analysis.brands import BrandMatcher
from analysis.sentiment_facts import bad_news
from analysis.sentiment_lexicon import (
    _CEILINGS,
    _CONTRAST,
    _DATE_WORDS,
    _DIGIT,
    _EMPATHY_NEXT,
    _EMPATHY_WORDS,
    _EMPHATIC,
    _IRONY_RE,
    _NEG_CONT,
    _NEGATION,
    _RUNS,
    _SHORT_NEGATIONS,
    _TOKEN,
    CLOSER_WORDS,
    CONTRAST_AFTER,
    CONTRAST_BEFORE,
    EMOJI_FEATURE_CAP,
    EMOJI_NEG,
    EMOJI_POS,
    EMOTICONS,
    IRONY_SYMBOLS,
    NEGATED_FLIP,
    NEGATION_SCOPE,
    POST_NEGATIONS,
    RESOLVED,
    SCOPE_FREE,
    ZERO,
    english,
    kind_of,
    swedish,
)
from analysis.sentiment_model import NAME, TOPIC, TOPIC_NOUNS, Model, _capped, is_emoji, word_grams
from analysis.sentiment_wordings import plain_idioms
from analysis.text import _ABBREV, _ABBREV_LOWER, STOP_WORDS

# Question words and subordinating conjunctions: a negation before one does not reach the
# clause it opens ("förstår inte hur man kan vara så dum").
CLAUSES = [
    "hur", "varför", "vad", "vem", "vilka", "vilken", "vilket", "när", "eftersom", "därför",
    "medan", "innan", "trots", "fastän", "how", "why", "what", "who", "when", "because",
]  # fmt: skip

# --- analysis.text ------------------------------------------------------------------------------
_FOLD = str.maketrans(
    {"å": "a", "ä": "a", "ö": "o", "é": "e", "è": "e", "ü": "u", "æ": "a", "ø": "o"}
)


def fold(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    low = text.lower()
    if len(low) != len(text) or "Σ" in text:
        low = "".join(c if len(lc := c.lower()) != 1 else lc for c in text)
    return low.translate(_FOLD)


_SENT_END = re.compile(r"(?<=[.!?…])[\"”»')\]]*\s+(?=[\"“«(\[]?[A-ZÅÄÖÉ0-9@#])|\n+")
# The same, before a word in lower case: a sentence ends there unless after a full stop of an
# abbreviation, a single letter or a number.
_SENT_END_LOWER = re.compile(r"(?<=[.!?…])[\"”»')\]]*[^\S\n]+(?=[\"“«(\[]?[a-zåäöé])")


def _split_before_lower(chunk: str) -> bool:
    if not chunk.endswith(".") or chunk.endswith(".."):
        return False
    last = chunk.split()[-1].lower()
    word = last.rstrip(".")
    return last not in _ABBREV_LOWER and len(word) > 1 and not word.isdigit()


def sentences(text: str) -> list[str]:
    out: list[str] = []
    start = 0
    ends = sorted(
        [(m, False) for m in _SENT_END.finditer(text)]
        + [(m, True) for m in _SENT_END_LOWER.finditer(text)],
        key=lambda e: e[0].start(),
    )
    for m, lower in ends:
        if m.start() < start:
            continue
        chunk = text[start : m.start()].strip()
        last = chunk.rsplit(None, 1)[-1].lower() if chunk else ""
        if last in _ABBREV or (lower and chunk and not _split_before_lower(chunk)):
            continue
        if chunk:
            out.append(chunk)
        start = m.end()
    tail = text[start:].strip()
    if tail:
        out.append(tail)
    return out


def stem(word: str) -> str:
    from nltk.stem.snowball import SwedishStemmer

    return SwedishStemmer().stem(word.lower())


# --- analysis.lang ------------------------------------------------------------------------------
_WORD = re.compile(r"[^\W\d_]+(?:'[a-z]+)?", re.U)
_FI = re.compile(r"(?:ssa|ssä|llä|stä|ltä|nut|nyt|ää|yy|uu|ii)$|^(?:hyvä|tämä|että)$")


def detect(text: str, words: list[str] | None = None) -> str:
    from analysis import lang as L

    if words is None:
        words = _WORD.findall(text.lower())
    if not words:
        return "und"
    scores = [0.0] * len(L._LANGS)
    sv_only = nordic_only = 0
    for w in words:
        hit = [i for i, lg in enumerate(L._LANGS) if w in L._VOCAB[lg]]
        if hit:
            for i in hit:
                scores[i] += 1
            if w in L._SV_ONLY:
                sv_only += 1
            elif w in L._NORDIC_ONLY:
                nordic_only += 1
    sv_letters = text.count("ä") + text.count("ö") + text.count("Ä") + text.count("Ö")
    if scores[L._SV] < 2 and (sv_letters or "y" in text) and "å" not in text:
        fi_words = [w for w in words if _FI.search(w)]
        if fi_words:
            scores[L._FI_I] += 1.5 * len(fi_words)
            sv_letters = sum(c in "äö" for w in words if w not in fi_words for c in w)
    no_letters = sum(text.count(c) for c in "æøÆØ")
    scores[L._SV] += 1.5 * min(sv_letters, 3) + 2 * sv_only
    nordic = 1.5 * min(no_letters, 3) + 2 * nordic_only
    scores[L._NO] += nordic
    scores[L._DA] += nordic
    if "ß" in text or "ü" in text:
        scores[L._DE] += 1.5
    pt_letters = text.count("ã") + text.count("õ")
    if pt_letters:
        scores[L._PT] += 1.5 * min(pt_letters, 3)
    top = max(scores)
    if top == 0:
        return "sv" if sv_letters else "und"
    if scores[L._SV] == top:
        return "sv"
    best = L._LANGS[scores.index(top)]
    if best != "sv" and top < 2 and scores[L._SV] > 0:
        return "sv"
    if best not in ("sv", "en") and top < 2:
        return "und"
    return best


# --- analysis.brands ----------------------------------------------------------------------------
def unfiltered(m: BrandMatcher) -> Callable[[str], bool]:
    """m.mentions without the prefix prefilter: every position of the text searched."""

    def mentions(text: str) -> bool:
        return bool(m.spans(text, prefilter=False))

    return mentions


# --- analysis.sentiment_lexicon -----------------------------------------------------------------
class Tokens:
    __slots__ = ("lows", "raws", "low")

    def __init__(self, text: str):
        raws = _TOKEN.findall(text)
        self.low = text.lower()
        lows = _TOKEN.findall(self.low)
        if len(lows) != len(raws):
            lows = [r.lower() for r in raws]
        self.raws = raws
        self.lows = lows

    def words(self) -> list[str]:
        return [w for w in self.lows if w[0].isalnum()]


def tokenize(text: str) -> Tokens:
    return Tokens(text)


_QUOTES = ('"', "”", "“", "«", "»", "„")


# `så` ends a negation after one of these (emphasis: "aldrig fått så snabb hjälp") or before a
# subject (the conjunction: "gick inte så jag fick ringa"); after `inte` it stays denied.
SWEEPING = ["aldrig", "ingen", "inget", "inga", "ingenting", "never", "no", "nothing", "nobody"]
SUBJECTS = ["jag", "du", "han", "hon", "hen", "vi", "ni", "de", "dom", "man", "det", "den"]


# A negation after the verb denies the verb, over an object or adverb between ("gillar det inte",
# "rekommenderar verkligen inte"), not over punctuation ("Snabbt, inte krångligt") or from a
# conjunction ("att inte").
V2_BETWEEN = [
    "det", "den", "dem", "dom", "honom", "henne", "mig", "dig", "oss", "er", "jag", "du", "han",
    "hon", "hen", "vi", "ni", "de", "man", "verkligen", "fortfarande", "ju", "faktiskt",
    "typ", "liksom", "nästan", "alltså", "asså", "ba", "bara",
]  # fmt: skip
NOT_VERBS = [
    "att", "som", "och", "om", "när", "men", "eller", "så", "för", "då", "eftersom", "fast", "utan"
]  # fmt: skip


def modal_before(lows: list[str], raws: list[str], k: int) -> bool:
    """Whether a modal of what is not so (kunde, kunnat, borde, skulle; hade before
    varit/blivit/kunnat/behövt/känts) is among the three words before lows[k], no punctuation
    between: "hade kunnat vara bättre"."""
    for i in (k - 1, k - 2, k - 3):
        if i < 0 or not raws[i][0].isalnum():
            return False
        w = lows[i]
        if w in ("kunde", "kunnat", "borde", "skulle"):
            return True
        if w == "hade" and lows[i + 1] in ("varit", "blivit", "kunnat", "behövt", "känts"):
            return True
    return False


def is_comparative(w: str, lex=None) -> bool:
    return w in ("bättre", "sämre", "värre") or (
        w.endswith("are") and len(w) > 5 and (lex or swedish()).info(w)[1] is not None
    )


def emphasised(lows: list[str], negator_at: int, k: int, lex=None) -> bool:
    """A comparative a sweeping negation, or `kan inte`, reaches (not over `och`/`eller`, nor
    `inte` before `än`): `kunde inte vara nöjdare`, `har aldrig mått bättre` are the most there
    is."""
    return (
        is_comparative(lows[k], lex)
        and "och" not in lows[negator_at:k]
        and "eller" not in lows[negator_at:k]
        and (
            lows[negator_at] in SWEEPING
            or lows[k + 1 : k + 2] != ["än"]
            and any(
                w in ("kan", "kunde", "kunnat", "kunna") for w in lows[max(0, negator_at - 2) : k]
            )
        )
    )


def so_emphasis(lows: list[str], raws: list[str], at: int) -> bool:
    """Whether sweeping negation lows[at] is emphasis: `så` within four words of its clause, not
    before a subject and with no `som` in the three words after it ("aldrig skrattat så mkt")."""
    if lows[at] not in SWEEPING:
        return False
    for k in range(at + 1, min(at + 5, len(lows))):
        if not raws[k][0].isalnum():
            return False
        if lows[k] == "så":
            return (
                lows[k + 1 : k + 2] not in [[s] for s in SUBJECTS]
                and "som" not in lows[k + 1 : k + 4]
            )
    return False


def denies(t: str, nxt: str, denied: bool) -> bool:
    """Whether negation word t denies what follows: not `inte bara` ("not only"), nor `utan`
    after a negation in the sentence ("inte dyrt utan billigt", "ingen dag utan strul"; `utan
    att` excepted) or before `tvekan`."""
    if nxt in ("bara", "endast", "enbart", "blott", "minst") and t in ("inte", "ej", "icke"):
        return False
    return not (
        t == "utan"
        and (
            nxt in ("tvekan", "tvivel", "konkurrens", "jämförelse", "överdrift")
            or denied
            and nxt != "att"
        )
    )


def verb_before(lows: list[str], raws: list[str], j: int) -> int:
    if lows[j] in ("inget", "ingenting") and lows[j + 1 : j + 2] in (
        ["mer"],
        ["mera"],
        ["hellre"],
        ["bättre"],
        ["annat"],
    ):
        return -1
    k = j - 1
    if k >= 1 and lows[k] in V2_BETWEEN:
        k -= 1
    if k < 0 or not raws[k][0].isalnum() or lows[k] in NOT_VERBS:
        return -1
    return k


def asked(lows: list[str], at: int) -> bool:
    """Whether lows[at] is in a sentence ending in `?` that has a question word before it, or
    that it opens with no comma before the `?`."""
    ends = (".", "!", "?", "…")
    start = max([k + 1 for k in range(at) if lows[k][0] in ends], default=0)
    after = [k for k in range(at + 1, len(lows)) if lows[k][0] in ends]
    if not after or lows[after[0]][0] != "?":
        return False
    words = "vilken vilket vilka vem vad vart hur när nån någon tips rekommendera"
    words += " rekommenderar which what who where"
    if any(w in words.split() for w in lows[start:at]):
        return True
    return start == at and "," not in lows[at : after[0]]


def model_tokens(toks: Tokens) -> list[str]:
    """analysis.sentiment_model.model_tokens() as it was (the compiled one takes only the real
    Tokens): a capitalised word inside a sentence, not opening a quotation, becomes NAME, a topic
    noun TOPIC; emoji joiners go."""
    out = [TOPIC if t in TOPIC_NOUNS else t for t in toks.lows]
    for i in range(1, len(toks.raws)):
        r = toks.raws[i]
        prev = toks.raws[i - 1]
        if r[0].isupper() and not r.isupper() and prev[-1] not in ".!?…:\n" and prev not in _QUOTES:
            out[i] = NAME
    # A negation marks the next three words (¬ + word), up to punctuation, a contrast or an
    # emphatic word; names and topic nouns stay as they are but use up a word.
    negators = [
        "inte",
        "ej",
        "icke",
        "aldrig",
        "ingen",
        "inget",
        "inga",
        "ingenting",
        "knappast",
        "utan",
        "varken",
        "saknar",
        "slipper",
        "ifrån",
        "långtifrån",
        "not",
        "no",
        "never",
        "without",
    ]
    ends = [
        "men",
        "fast",
        "dock",
        "däremot",
        "ändå",
        "tyvärr",
        "mer",
        "mera",
        "någonsin",
        "ever",
        "but",
    ] + CLAUSES
    left = 0
    negator, negator_at = "", 0
    denied = False
    for i, t in enumerate(toks.lows):
        nxt = toks.lows[i + 1] if i + 1 < len(toks.lows) else ""
        if t in ("inte", "ej", "aldrig", "not", "inget", "ingenting"):
            k = verb_before(toks.lows, toks.raws, i)
            if k >= 0 and out[k] == toks.lows[k] and swedish().info(toks.lows[k])[1] is not None:
                out[k] = "¬" + out[k]
        if t in negators and (t != "ifrån" or toks.lows[i - 1 : i] == ["långt"]):
            if denies(t, nxt, denied) and not so_emphasis(toks.lows, toks.raws, i):
                left = 5 if t in ("ingen", "inget", "inga") and nxt == "av" else 3
                negator, negator_at = t, i
            else:
                left = 0
            denied = True
        elif t == "noll" and any(
            swedish().info(w)[1] is not None
            for r, w in itertools.takewhile(
                lambda rw: rw[0][0].isalnum(),
                zip(toks.raws[i + 1 : i + 3], toks.lows[i + 1 : i + 3], strict=True),
            )
        ):
            left = 2  # "noll fel": none of a nuisance, as the rules read it (CODE_REVISION 25)
            negator, negator_at = t, i
        elif left and (
            not toks.raws[i][0].isalnum()
            or t in ends
            or (t == "så" and (negator in SWEEPING or nxt in SUBJECTS))
            or emphasised(toks.lows, negator_at, i)
        ):
            left = 0
        elif left:
            left -= 1
            if out[i] not in (NAME, TOPIC):
                out[i] = "¬" + out[i]
        elif out[i] == t and is_comparative(t) and modal_before(toks.lows, toks.raws, i):
            out[i] = "¬" + t  # "hade kunnat vara bättre": it is not
        if toks.raws[i][-1] in ".!?…:\n" or t in ("men", "dock", "däremot", "but"):
            denied = False  # a contrast too (CODE_REVISION 23): "inte …, men … utan krångel"
    # Words before a contrast (men, dock, däremot, but) in the same sentence are marked ‹ + word
    # (names, topic nouns and symbols stay as they are).
    start = 0
    for i, t in enumerate(toks.lows):
        if toks.raws[i][-1] in ".!?…:\n":
            start = i + 1
        elif t in ("men", "dock", "däremot", "but") and i > start:
            for k in range(start, i):
                if out[k] not in (NAME, TOPIC) and toks.raws[k][0].isalnum():
                    out[k] = "‹" + out[k]
            start = i + 1
    return [t for t in out if t not in ("\ufe0f", "\ufe0e", "\u200d")]


def _rating_of(lows: list[str], k: int) -> float | None:
    """A rating out of 5 or 10 whose slash is lows[k], as a word value; dates are none."""
    if k == 0 or k + 1 >= len(lows):
        return None
    num, scale = lows[k - 1], lows[k + 1]
    before = lows[k - 2] if k >= 2 else ""
    after = lows[k + 2] if k + 2 < len(lows) else ""
    if not re.fullmatch(r"[0-9]{1,2}", num) or scale not in ("5", "10"):
        return None
    given = k >= 3 and lows[k - 3] in (
        "ger",
        "gav",
        "ge",
        "får",
        "fick",
        "sätter",
        "satte",
        "give",
        "gave",
    )
    if (
        before in _DATE_WORDS
        and not (before == "den" and given)
        or after in ("/", "av", "of", "-", ":")
    ):
        return None
    share = int(num) / int(scale)
    for least, value in ((1.0001, None), (0.9, 3.0), (0.7, 2.0), (0.5, None), (0.3, -1.5)):
        if share >= least:
            return value
    return -2.5


def analyse(text: str, lex, toks=None, clauses_out: list | None = None) -> list[float]:
    """analysis.sentiment_lexicon.analyse() as it was: every token takes the general path."""
    if toks is None:
        toks = tokenize(text)
    info = lex.info
    lows, raws = toks.lows, toks.raws
    low = toks.low
    pos = neg = 0.0
    n_pos = n_neg = negated = 0
    emoji_pos = emoji_neg = emoji_sum = 0.0
    irony = caps = 0
    exclaim = text.count("!")
    question = text.count("?")
    contrast = 0
    before = after = 0.0
    neg_left = 0  # remaining scope of an active negation
    negator, negator_at = "", 0  # the word that opened it, and where
    denied = False  # a negation came earlier in the sentence
    varken = False
    mult = 1.0  # pending booster/dampener
    mult_left = 0
    quoted = False  # in a quoted feeling ("förstår att du är besviken") until the clause ends
    words = 0
    report = 0
    n = len(raws)
    i = 0
    segment = 0.0  # score of the current clause since the last contrast word
    last_at, last_v = -1, 0.0  # position and value of the last sentiment word
    opener = False
    # Clauses between punctuation: [value, words, mixed] of the one being read, the last one
    # with words and the one before that (a short praise closing after a complaint is irony).
    clause = [0.0, 0, False]
    clauses: list[list] = []
    clause_start = 0  # the token the clause begins at

    def close(end: int) -> None:
        if clause[1]:
            # A short clause saying the trouble is over ("Funkar nu!") is relief, not irony.
            if clause[1] <= CLOSER_WORDS and any(t in RESOLVED for t in lows[clause_start:end]):
                clause[2] = True
            clauses.append(clause)

    caps_words = 0
    info_cache = lex._info
    while i < n:
        tok, raw = lows[i], raws[i]
        at = i
        i += 1
        if not raw[0].isalnum():
            kind = kind_of(raw)
            if raw == "/" and (v := _rating_of(lows, i - 1)) is not None:
                v *= mult  # a rating ("8/10") counts as a word of that value
                mult, mult_left = 1.0, 0
                if neg_left:
                    v *= NEGATED_FLIP
                    neg_left -= 1
                last_at, last_v = words, v
                segment += v
                clause[0] += v
                clause[2] = clause[2] or v < 0
                if v > 0:
                    pos += v
                    n_pos += 1
                else:
                    neg -= v
                    n_neg += 1
                continue
            if kind == "punct":
                close(at)
                clause, clause_start = [0.0, 0, False], at + 1
                if raw[0] not in ",;":
                    denied = False
                neg_left = 0
                varken = False
                quoted = False
                mult, mult_left = 1.0, 0
                continue
            if kind == "emo":
                v = EMOTICONS.get(tok)
            else:
                if raw in IRONY_SYMBOLS:
                    irony += 1
                v = lex.emoji.get(raw)
                if v is None and i < n and raws[i] == "\ufe0f":
                    v = lex.emoji.get(raw + "\ufe0f")
            if v is not None:
                cap = lex.emoji_score_cap
                capped = max(-cap, min(cap, emoji_sum + v))
                segment += capped - emoji_sum
                emoji_sum = capped
                if v > 0:
                    emoji_pos += v
                else:
                    emoji_neg -= v
            continue
        words += 1
        clause[1] += 1
        upper = len(raw) > 2 and raw.isupper()
        if upper:
            caps_words += 1
        role, val, exact, bm, flags = info_cache.get(tok) or info(tok)
        if flags:
            if flags & 1:
                report += 1
            if flags & 2:
                irony += 1
        if role == _CONTRAST and words > 1:
            # Clause after men/fast/dock weighs more than the one before it.
            clause[2] = True  # and a turned clause is no bare praise
            contrast += 1
            before += segment
            segment = 0.0
            neg_left = 0
            quoted = False
            denied = False  # CODE_REVISION 23: "inte …, men … utan krångel" is "without"
            continue
        if quoted or tok in _EMPATHY_WORDS and i < n and lows[i] in _EMPATHY_NEXT:
            quoted = True
            continue
        # Two-word entries (`ligger nere`, `aldrig mer`, `gå bra`).
        v = None
        if flags & 4 and i < n and raws[i][0].isalnum():
            v = lex.phrases.get((tok, lows[i]))
            if v is not None:
                i += 1
        if v is None:
            ahead = []  # the (at most two) words after it, up to punctuation
            for k in range(i, min(i + 2, n)):
                if not raws[k][0].isalnum():
                    break
                ahead.append(lows[k])
            if tok in ZERO and any(lex.info(w)[1] is not None for w in ahead):
                negated += 1
                neg_left = 2
                negator, negator_at = tok, at
                continue
            if role == _NEGATION and (tok != "ifrån" or lows[at - 1 : at] == ["långt"]):
                if not denies(tok, lows[i] if i < n else "", denied) or so_emphasis(lows, raws, at):
                    denied = True
                    neg_left = 0
                    continue
                denied = True
                negated += 1
                k = verb_before(lows, raws, at)
                if last_v and tok in POST_NEGATIONS and k >= 0 and last_at == words - (at - k):
                    # Negation after the verb (V2): `ångrar inte`, `funkar inte`, `gillar inte`.
                    segment += last_v * (NEGATED_FLIP - 1)
                    if last_v > 0:
                        pos -= last_v
                        neg -= last_v * NEGATED_FLIP
                    else:
                        neg += last_v
                        pos += last_v * NEGATED_FLIP
                    last_v = 0.0
                    continue
                neg_left = 2 if tok in _SHORT_NEGATIONS else NEGATION_SCOPE
                varken = varken or tok == "varken"
                negator, negator_at = tok, at
                continue
            if (
                tok == "så"
                and neg_left
                and (negator in SWEEPING or (ahead[:1] or [""])[0] in SUBJECTS)
            ):
                neg_left = 0  # it still boosts what follows
            if role == _NEG_CONT and varken:
                neg_left = NEGATION_SCOPE
                negator, negator_at = tok, at
                continue
            if bm is not None and i < n and raws[i][0].isalnum():
                nxt = info(lows[i])
                if nxt[1] is not None or (nxt[3] is not None and nxt[3] > 1):
                    mult, mult_left = mult * bm, 2
                    continue
            # Capitalised words are often names (Klarna, Nordvind): exact matches only.
            v = exact if words > 1 and raw[:1].isupper() else val
            if tok in ("bäst", "bästa") and asked(lows, at):
                v = None
        if not v:  # an entry of value 0 too (`bäst före`): no word of tone (CODE_REVISION 22)
            if mult_left:
                mult_left -= 1
            if neg_left:
                # `aldrig varit mer nöjd`, `aldrig fått så snabb hjälp`: emphasis, not denial;
                # `förstår inte hur …`: a clause of its own.
                if tok in _EMPHATIC or tok in CLAUSES:
                    neg_left = 0
                elif tok not in SCOPE_FREE:  # `utan ett enda avbrott`: the quantifier is free
                    neg_left -= 1
            continue
        if upper:
            caps += 1
            v *= 1.3
        if neg_left and emphasised(lows, negator_at, at, lex):
            mult *= 1.2  # `kunde inte vara nöjdare`, `kunde inte vara sämre`: the most there is
            neg_left = 0
        elif not neg_left and is_comparative(tok, lex) and modal_before(lows, raws, at):
            negated += 1  # "hade kunnat vara bättre", "kunde varit värre": it is not so
            neg_left = 1
        v *= mult
        mult, mult_left = 1.0, 0
        if neg_left:
            # "gör inte ett skit": nothing at all, not praise (CODE_REVISION 24)
            if not (tok in ("skit", "piss", "skvatt") and lows[at - 1 : at] == ["ett"]):
                v *= NEGATED_FLIP
            neg_left -= 1
        elif words <= 2 and v > 0 and i < n and lows[i][0] in ",!":
            opener = True  # `Toppen, …` / `Härligt! …`: ironic when negative words follow
        last_at, last_v = words, v
        segment += v
        clause[0] += v
        clause[2] = clause[2] or v < 0
        if v > 0:
            pos += v
            n_pos += 1
        else:
            neg -= v
            n_neg += 1
    close(n)
    if clauses_out is not None:
        clauses_out.extend(clauses)  # [value, words, mixed] of each clause with words
    if contrast:
        after = segment
        raw_score = before * CONTRAST_BEFORE + after * CONTRAST_AFTER
    else:
        raw_score = segment
    irony += len(_IRONY_RE.findall(low))
    if opener and neg > 0:
        irony += 1
    if len(clauses) >= 2:
        (before_v, _, _), (close_v, close_words, close_mixed) = clauses[-2], clauses[-1]
        if close_words <= CLOSER_WORDS and close_v > 0 and not close_mixed and before_v < 0:
            irony += 1  # "Bussen kom aldrig. Kul."
    # Irony guard: a positive text carrying irony markers and some negative mass is not praise.
    if irony and pos > 0 and neg > 0 and raw_score > 0:
        raw_score = -0.5 * raw_score
    if exclaim:
        raw_score *= 1 + 0.08 * min(exclaim, 4)
    score = raw_score / math.sqrt(raw_score * raw_score + 15)  # VADER-style squashing
    feats = [
        score,
        pos,
        neg,
        float(n_pos),
        float(n_neg),
        float(negated),
        float(contrast),
        after / 3.0,
        float(irony),
        irony * pos / 3.0,
        float(min(exclaim, 5)),
        float(min(question, 3)),
        float(caps),
        min(emoji_pos, EMOJI_FEATURE_CAP),
        min(emoji_neg, EMOJI_FEATURE_CAP),
        float(report),
        float(_DIGIT.search(text) is not None),
        math.log1p(words),
        caps_words / words if words else 0.0,
        float(min(len(_RUNS.findall(text)), 3)),
    ]
    for i, ceiling in _CEILINGS:
        feats[i] = max(-ceiling, min(feats[i], ceiling))
    return feats


# --- analysis.sentiment_model -------------------------------------------------------------------
def proba_tokens(model: Model, toks: list[str], feats: list[float]) -> tuple[float, float, float]:
    """Model.proba_tokens() as it was (two look-ups per token)."""
    if model._fast is None:
        model._prepare()
    bias, dense, _ = model._fast
    s0, s1, s2 = bias
    n0 = n1 = n2 = norm = 0.0
    e0 = e1 = e2 = 0.0  # the part of n0..n2 from emoji grams and bigrams touching an emoji
    prev_tok = None
    for t in toks:
        c0 = c1 = c2 = q = 0.0
        for g in word_grams(t):
            v = model.vocab.get(g)
            if v is not None:
                c0 += v[0] * v[1]
                c1 += v[0] * v[2]
                c2 += v[0] * v[3]
                q += v[0] * v[0]
        n0 += c0
        n1 += c1
        n2 += c2
        norm += q
        if is_emoji(t):
            e0, e1, e2 = e0 + c0, e1 + c1, e2 + c2
        if prev_tok is not None:
            # The bigram's weights from the vocabulary itself, not the model's bigram index.
            b = model.vocab.get("\tb:" + prev_tok + " " + t)
            if b is not None:
                v = (b[0] * b[1], b[0] * b[2], b[0] * b[3], b[0] * b[0])
                n0 += v[0]
                n1 += v[1]
                n2 += v[2]
                norm += v[3]
                if is_emoji(t) or is_emoji(prev_tok):
                    e0, e1, e2 = e0 + v[0], e1 + v[1], e2 + v[2]
        prev_tok = t
    if norm:
        inv = 1.0 / math.sqrt(norm)
        s0 += n0 * inv
        s1 += n1 * inv
        s2 += n2 * inv
        e0, e1, e2 = e0 * inv, e1 * inv, e2 * inv
    for k, f in enumerate(feats):
        if f:
            w = dense[k]
            s0 += f * w[0]
            s1 += f * w[1]
            s2 += f * w[2]
            if k in (EMOJI_POS, EMOJI_NEG):
                e0, e1, e2 = e0 + f * w[0], e1 + f * w[1], e2 + f * w[2]
    # Emoji alone (no word to outvote) are not capped.
    if (e0 or e1 or e2) and any(t[:1].isalnum() for t in toks):
        s0, s1, s2 = _capped(s0, s1, s2, e0, e1, e2)
    top = max(s0, s1, s2)
    e0, e1, e2 = math.exp(s0 - top), math.exp(s1 - top), math.exp(s2 - top)
    t = e0 + e1 + e2
    return e0 / t, e1 / t, e2 / t


# --- analysis.sentiment -------------------------------------------------------------------------
def _result(p, lang: str, version: str) -> S.Sentiment:
    k = max(range(3), key=p.__getitem__)
    score = round(p[2] - p[0], 4) + 0.0  # never -0.0 (the engines store it differently)
    return S.Sentiment(S.LABELS[k], score, round(p[k], 4), lang, version)


def _probs(text: str, lang: str, model: Model, toks=None):
    toks = toks if toks is not None else tokenize(text)
    if lang != "en":
        return proba_tokens(model, model_tokens(toks), analyse(text, swedish(), toks))
    s = analyse(text, english(), toks)[0]
    a = abs(s)
    polar, neu = (0.5 + a / 2, 0.5 - a / 2) if a >= SC.EN_THRESHOLD else (a, 1 - a)
    return (polar, neu, 0.0) if s < 0 else (0.0, neu, polar)


def _text_probs(text: str, lang: str, model: Model, toks=None):
    if len(text) <= SC.SENTENCE_SPLIT_CHARS:
        return _probs(text, lang, model, toks)
    sents = sentences(text)
    if len(sents) < 2:
        return _probs(text, lang, model)
    agg = SC.aggregate((_probs(s, lang, model), 1.0) for s in sents)
    return agg or _probs(text, lang, model)


def classify(text: str, lang: str | None = None) -> S.Sentiment:
    model = S.current_model()
    toks = tokenize(text) if len(text) <= SC.SENTENCE_SPLIT_CHARS else None
    if not lang:
        lang = detect(text, toks.words() if toks is not None else None)
    if not SC.scored(lang):
        return S.Sentiment(None, None, None, lang, model.version)
    return _result(_text_probs(text, lang, model, toks), lang, model.version)


_CAP_WORD = re.compile(r"(?<![\w@#])[@#]?[A-ZÅÄÖ][\w&.-]*", re.U)


def _names_other(clause: str, others, sentence_case: bool = False) -> bool:
    if others is not None and others(clause):
        return True
    lex = swedish()
    first = True
    for m in _CAP_WORD.finditer(clause):
        at_start = first and not clause[: m.start()].strip()
        first = False
        if sentence_case and at_start:
            continue
        w = m.group().lstrip("@#").lower()
        if w in STOP_WORDS or lex.value(w) is not None or w in lex.contrasts:
            continue
        before = clause[: m.start()].split()
        if w[-1] != "s" and before and before[-1].lower() in ("vid", "utanför", "nära"):
            continue  # a place, not a party
        if w in C._COUNTRIES:
            continue  # a country or region, not a party
        return True
    return False


# The clause rules (which text to score for the brand, flipped or not: B.reading) are
# analysis.sentiment_brand's own; this reference checks the scoring around them (sentences,
# weights, memo, aggregation).


def _unnamed(sents: list[str], others, lang: str, model: Model):
    """The brand unnamed (a reply under its thread): another brand's sentences, and the one
    after each, are hers; switching to her ("Byter till Nordvind.") is leaving the brand."""
    named = [others(s) for s in sents]
    if not any(named):
        return None
    parts = []

    def score(t: str):
        # Every sentence with its idioms in plain words (rules revision 25).
        return _probs(plain_idioms(t), lang, model)

    for i, s in enumerate(sents):
        # Choosing her (a switch, or next time) is leaving the brand (a clause rule).
        left = B._leaves_for(s, others, score) if named[i] else None
        if left is not None:
            parts.append((left, 1.0))
        elif named[i] or (i and named[i - 1]):
            parts.append((score(s), B.OTHER_PARTY_WEIGHT))
        else:
            parts.append((score(s), 1.0))
    return SC.aggregate(parts, _margin(parts))


def _praise_mocks(before, verdict: str, told: bool = False) -> bool:
    """A verdict of at most CLOSER_WORDS words after a complaint (p(neg) >= COMPLAINT_MIN)
    whose last clause is praise alone: no negative word, no contrast, no word of relief."""
    # Praise marked as irony by an emoji is irony after any sentence leaning negative (rules
    # revision 23), up to MARKED_CLOSER_WORDS words.
    if any(c in "🙃🙄😒🤡" for c in verdict) and before[0] > before[2]:
        return len(re.findall(r"\w+", verdict)) <= B.MARKED_CLOSER_WORDS
    # A complaint told as a plain fact is one however weakly it leans (rules revision 24).
    complaint = before[0] >= B.COMPLAINT_MIN or (told and before[0] > before[2])
    if len(re.findall(r"\w+", verdict)) > CLOSER_WORDS or not complaint:
        return False
    clauses: list = []
    analyse(verdict, swedish(), clauses_out=clauses)
    if not clauses:
        return False
    value, words, mixed = clauses[-1]
    return 0 < words <= CLOSER_WORDS and value > 0 and not mixed


def classify_for_brand(text: str, mentions, lang: str | None = None, others=None) -> S.Sentiment:
    model = S.current_model()
    lang = lang or detect(text)
    if not SC.scored(lang):
        return S.Sentiment(None, None, None, lang, model.version)
    # A sentence begun after an emoji run without a full stop is one of its own (revision 13).
    sents = [p for s in sentences(text) for p in B.sentences_within(s)]
    own = [s for s in sents if mentions(s)]

    # A defence against other people's complaints is no complaint (rules revision 23): the
    # negative part of the tone is neutral, as in a brand's own voice.
    # Critics told they have never tried the alternative (rules revision 24): the negative part
    # is the writer's praise.
    def defended(p):
        if B.vindicated(text, mentions):
            return max((0.0, p[1], p[2] + p[0]), B.LEANED, key=lambda q: q[2])
        return (0.0, p[1] + p[0], p[2]) if B.defended(text, mentions) else p

    if not own:
        agg = _unnamed(sents, others, lang, model) if others is not None else None
        return _result(defended(agg or _text_probs(text, lang, model)), lang, model.version)
    ruled: set = set()
    agg = _rules(sents, mentions, others, lang, model, ruled) or _probs(text, lang, model)
    if B.vindicated(text, mentions) or B.defended(text, mentions):
        return _result(defended(agg), lang, model.version)
    # The pair model (rules revision 27): a brand named beside another configured party and
    # read by no rule of its own is read again by the model fitted on the read probes; since
    # revision 29 also one a rule read, unless the text is shorter than ten words; since
    # revision 34 the rule's own construction (0.7 sure; 0.72 since revision 36, 0.75 since
    # 38) and "också" (0.6) too, in a text of fifteen words or more, where a reading the rules
    # are 0.95 sure of no longer stands.
    theirs_hits = [bool(others(s)) for s in sents] if others is not None and lang == "sv" else []
    alike = any(re.search(r"\b(?:också|oxå|även|likaså|båda|både)\b", s, re.I) for s in own)
    if alike:
        ruled.add("alike")
    n_words = len(text.split())
    short, clear = n_words < 10, n_words < 15
    standing = "structure" in ruled or alike
    sure = max(agg) >= 0.95 and clear
    if any(theirs_hits) and (not ruled or not (short or (standing and clear))) and not sure:
        their_ruled: set = set()
        theirs = _rules(sents, others, mentions, lang, model, their_ruled) or agg
        whole = _text_probs(" ".join(" ".join(sents).split()), lang, model)
        hits = [bool(mentions(s)) for s in sents]
        # Rules revision 28: the words around the brand, names masked (the production model).
        words = WORDS.probs(WORDS.masked(sents, mentions, others))
        x = PAIR.features(
            sents, hits, theirs_hits, (agg, theirs, whole), bool(their_ruled), mentions,
            others, words, ruled,
        )  # fmt: skip
        # Since revision 30 a short text's reading, as a rule's, is overruled only 0.6 sure.
        # Since revision 34 a construction of the rules' only 0.7 sure (0.72 since revision 36,
        # 0.75 since 38); since revision 38 any other reading only 0.55 sure.
        least = 0.75 if "structure" in ruled else 0.6 if ruled or short else 0.55
        agg = PAIR.reread(agg, x, least=least)
    return _result(agg, lang, model.version)


def _rules(sents: list[str], mentions, others, lang: str, model: Model, ruled: set):
    """The rules' probabilities for the brand (None when nothing is read); `ruled` collects the
    rules that read it their own way."""
    own = [s for s in sents if mentions(s)]
    share = min(1.0, len(own) / max(1, len(sents) - len(own)))

    def _p(t: str):
        # Every sentence is scored with its idioms in plain words (rules revision 25).
        return _probs(plain_idioms(t), lang, model)

    def brands_opinion(i: int) -> bool:
        """Sentence i follows one naming the brand, names it not, and is an opinion."""
        if i == 0 or i >= len(sents) or mentions(sents[i]) or not mentions(sents[i - 1]):
            return False
        p = _p(sents[i])
        return (
            p[1] < max(p[0], p[2])  # an opinion
            and max(p[0], p[2]) >= R.OPINION_MIN  # leaning to it at least so much
            and not _names_other(sents[i], others, sentence_case=True)
            # not the asker's wishes after a question naming another brand too
            and not (
                sents[i - 1].rstrip().endswith("?") and others is not None and others(sents[i - 1])
            )
            # nor what follows asking others about the brand (rules revision 26)
            and not (B._asks_about(sents[i - 1]) and B._THEY.search(sents[i]) is None)
            # nor a wish ("Hoppas det räcker")
            and B._HOPE_OR_CONSENT.match(sents[i]) is None
        )

    parts = []
    of_others: list = []  # context naming other parties, summed after the rest
    verdict_flipped = False
    alone = False  # and left with nobody joined named
    said = None  # the brand's sentence before, as read for it, unless a switch
    told = False  # and whether it told a complaint as a plain fact
    # The opinion after the brand's sentence may be hers: not when it named her only aside, nor
    # when it named another party last (B._named_last, a clause rule).
    follows = False
    hits = [bool(mentions(s)) for s in sents]
    ordered: dict = {}  # sentences told in the order named (sentiment_respective.plan)
    # A post addressed to the brand says the rest to it (rules revision 23).
    addressed = B.addressed_to(sents[0], mentions)
    for i, s in enumerate(sents):
        if mentions(s):
            r = B.reading(sents, i, mentions, others)
            if r.text.strip() != s.strip() or r.flip or r.choice or r.but or r.foil or r.marked:
                ruled.add("reading")
            if r.aside or r.asked or r.lean or r.fact or r.contrary:
                ruled.add("reading")
            # The rules' own constructions, which the pair model leaves alone (revision 29):
            # a reading of that kind, a word the writer wrote neither in the brand's sentence
            # nor in the one before, or figures that lean cancelled by "ingen skillnad" & co.
            near = " ".join(sents[max(0, i - 1) : i + 1]).lower()
            coined = set(re.findall(r"\w+", r.text.lower())) - set(re.findall(r"\w+", near))
            cancelled = (
                r.foil is not None
                and B._figures_said(r.text, r.foil, sents, i, mentions, others) != 0
                and any(F.no_verdict(t) for t in sents)
            )
            kind = r.lean or r.flip or r.choice or r.aside or r.asked
            if kind or coined or cancelled:
                ruled.add("structure")
            if r.choice and not r.flip:  # choosing the brand (rules revision 25): what was
                of_others = []  # said of other parties before is theirs, why they were left
            neg, neu, pos = B.ASIDE if r.aside or r.asked else _p(r.text)
            if r.contrary and neg < B.CONTRARY_MIN:  # set against a counterfactual (rev. 26)
                neg, neu, pos = B._leaned((neg, neu, pos), 1)
            if r.foil is not None:  # a side stated as fact takes the other's opinion, turned
                neg, neu, pos = B._set_against((neg, neu, pos), _p(r.foil))
            if r.lean or r.fact:  # a comparative, figures or a fact lean the side their way
                neg, neu, pos = B._leaned((neg, neu, pos), r.lean or r.fact)
            if r.choice and neu > max(neg, pos):
                neu, pos = pos, neu
            if said is not None and pos > neg and not r.flip and not r.choice:
                # Short praise naming the brand after its complaint mocks it (revision 25).
                rest = " ".join(w for w in s.split() if not mentions(w))
                if _praise_mocks(said, rest, told):
                    neg, pos = pos, neg
                    ruled.add("mocked")
            # An opinion after a switch is the verdict on it and outweighs the switch; a
            # verdict on leaving the brand is the opposite of the brand's.
            ordered = R.plan(sents, hits, i, mentions, others, _p)
            follows = not ordered and (
                not r.aside
                and (r.choice or not r.flip)
                and r.lean >= 0  # after the dearer side, what follows is the other's
                and B._named_last(s, mentions, others)
            )
            if follows and not r.choice and i + 1 < len(sents) and (r.lean or B._compares(s)):
                # After a comparison an opinion of the other tone is about the side that loses.
                mine = (pos, neu, neg) if r.flip else (neg, neu, pos)
                follows = R.polar(mine) * R.polar(_p(sents[i + 1])) != -1
            verdict = r.choice and follows and brands_opinion(i + 1)
            weight = B.SWITCH_BEFORE_VERDICT if verdict else 1.0
            parts.append(((pos, neu, neg) if r.flip else (neg, neu, pos), weight))
            verdict_flipped = verdict and r.flip
            # Left with nobody joined named, a long complaint after it is the reason for
            # leaving (rules revision 15); after a switch, a complaint that is no regret is not
            # turned round either (rules revision 24): the brand's own, or the one joined's.
            alone = verdict_flipped and not SW.joins_another(s) and not (others and others(s))
            said = None if r.choice else parts[-1][0]
            told = r.fact < 0 or bad_news(s)  # bad news told as a fact (rules revision 26)
        elif i in ordered:
            ruled.add("respective")
            mine, theirs = ordered[i]
            parts.extend((_p(t), 1.0) for t in mine)
            parts.extend((_p(t), share * B.OTHER_PARTY_WEIGHT) for t in theirs)
        elif follows and brands_opinion(i):
            ruled.add("follows")
            p = _p(s)
            # Unless the model hears the irony itself ("Tack för inget.").
            if said is not None and p[2] > p[0] and _praise_mocks(said, s, told):
                p = (p[2], p[1], p[0])  # "Väntade en timme i kön. Kul."
            turned = verdict_flipped and not B._reason(s, p, alone)
            parts.append(((p[2], p[1], p[0]) if turned else p, 1.0))
        elif addressed and not B.names_other_beyond_channel(s, others):
            ruled.add("addressed")
            parts.append((_p(s), 1.0))
        elif others is not None and any(hits[:i]) and (left := B._leaves_for(s, others, _p)):
            ruled.add("left")
            parts.append((left, 1.0))  # choosing another party is leaving (revision 24)
        elif (
            B._HOPE_OR_CONSENT.match(s) is None
        ):  # a wish or a cost accepted is no context (revision 23)
            if _names_other(s, others):
                of_others.append((_p(s), share * B.OTHER_PARTY_WEIGHT))
            else:
                parts.append((_p(s), share * B.CONTEXT_WEIGHT))
    parts += of_others
    return SC.aggregate(parts, _margin(parts))


def _margin(parts: list) -> float:
    """Several sentences' opinions of a brand do not cancel out (revision 25); one's may."""
    return B.BRAND_MARGIN if len(parts) > 1 else SC.AGG_MIN_MARGIN
