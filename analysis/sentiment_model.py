"""The learned part of Swedish sentiment: logistic regression over n-grams and lexicon features.

analysis/sentiment_train.py fits the model; scoring then runs in plain Python over a dictionary
of per-n-gram weights, which for short texts is an order of magnitude faster than calling sklearn
per text. Emoji and emoticons are evidence, not verdict: their summed pull on the class scores
is capped (EMOJI_CAP), so a 😭 or 😂 cannot outvote the words (a text of emoji alone, with no
words to outvote, is not capped). The probabilities are calibrated
on held-out texts (a temperature and class offsets, folded into the weights), so that a
confidence of 0.8 is right about 80 % of the time. A model serialises to compressed JSON bytes
(no pickle), so the blob in the store's `models` table can be read back safely by any koll
version that knows its format.
"""

from __future__ import annotations

import json
import math
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Final, final  # compiled (setup.py), a Final name is a constant, not a look-up

from analysis.sentiment_lexicon import (
    CLAUSE_OPENERS,
    EMOJI_NEG,
    EMOJI_POS,
    FEATURES,
    IRREALIS,
    IRREALIS_REACH,
    POST_NEGATIONS,
    ZERO,
    Lexicon,
    Tokens,
    analyse,
    comparative_is_emphasis,
    denied_before,
    irrealis_before,
    is_comparative,
    is_negation,
    negation_opens,
    so_emphasis_ahead,
    so_ends_negation,
    swedish,
    tokenize,
    valued_ahead,
)

LABELS = ("neg", "neu", "pos")
FORMAT = 2  # 2: calibrated weights, emoji cap
# The most the emoji and emoticons of a text may move the class scores apart (logit units,
# after calibration), through their grams and the emoji_pos/emoji_neg features together. Real
# posts use 😭 for "so cute" and 😂 after a complaint; on collected posts an emoji outvoting the
# words was the largest single cause of errors. With the grams alone capped (1.5) and the
# features not, one 🔥 still turned "Bussen var sen idag" positive.
EMOJI_CAP: Final = 2.5
_NOT_EMOJI: Final = frozenset(".,!?;…")
# Stands for a proper name in the model's tokens (upper case: no lower-cased token can equal it).
NAME: Final = "NAME"
TOPIC: Final = "TOPIC"
# Service, product and topic nouns in the definite form (the app, the delivery, the bus being
# talked about) read as one token TOPIC, as names read as NAME, and TOPIC has no gram of its own:
# only its bigrams tell ("TOPIC kraschar"). Each noun occurs mostly in complaints in the training
# texts and had learnt a tone of its own: "appen" alone scored -0.84, "Jag läste om kundservice
# idag" +0.74, and swapping one for another flipped 11 to 12 of the counterfactual set's 480 labels
# (0 with TOPIC). Indefinite forms stay words: they sit in verdicts ("vilket hotell", "bra
# service"), and masking them cost the written dev set 0.014 macro-F1. Nouns with a tone of
# their own (förseningen) are not listed.
TOPIC_NOUNS: Final = frozenset(
    (
        "appen", "leveransen", "fakturan", "kundtjänsten", "kundservice", "hemsidan", "bokningen",
        "försäkringen", "elavtalet", "avtalet", "abonnemanget", "supporten", "uppdateringen",
        "installationen", "returen", "frakten", "uppkopplingen", "parkeringen", "informationen",
        "elräkningen", "funktionen", "servicen", "incheckningen", "nätavgiften", "anslutningen",
        "inloggningen", "täckningen", "designen", "butiken", "priset", "paketet", "kortet",
        "bolånet", "kontoret", "hotellet", "gymmet", "rummet", "bussen", "tåget", "vädret",
        "beställningen", "produkten", "tjänsten", "kontot", "räkningen", "mobilen", "hastigheten",
    )
)  # fmt: skip
# Unicode variation selectors and the zero-width joiner inside emoji (❤️ is ❤ + U+FE0F): the
# tokenizer gives them tokens of their own, which had learnt a tone of their own across all the
# emoji that carry them, and split "❤️❤️" into bigrams with them. The model does not read them.
_JOINERS: Final = ("\ufe0f", "\ufe0e", "\u200d")
_SENTENCE_END: Final = frozenset((".", "!", "?", "…", ":", "\n"))
# Quotation marks had learnt tones of their own, and opposite ones: the straight " leaned
# negative (quoted complaints), the curly ” positive; a neutral news item with a quoted phrase
# ('Andra stycket, med komma; och citat "så här".') came out negative from its quotes. Like TOPIC
# they have no gram of their own: only the word pairs they are in tell (scare quotes).
_QUOTES: Final = frozenset(('"', "”", "“", "«", "»", "„"))


# Negation in the model's tokens: a word a negation reaches is read as another word, "¬" + it,
# with grams of its own. Without it the grams of `krångel` learnt praise from the 128 "utan
# krångel" of the training texts, and "appen krånglar" scored +0.44 (2026-12-03). A negation
# reaches the next NEGATED_WORDS words, until punctuation, a contrast word, an emphatic word
# ("aldrig mer nöjd" is praise, not denial) or a clause of its own (CLAUSE_OPENERS); `inte
# bara`, `utan`, `så`, comparatives and the verb before a negation as the lexicon reads them
# (negation_opens, so_ends_negation, comparative_is_emphasis, denied_before). A comparative
# after a modal of what is not so ("hade kunnat vara bättre": irrealis_before) is marked as a
# negated word too.
NEGATED: Final = "¬"
NEGATED_WORDS: Final = 3
# "ingen av dem", "inget av bolagen": the negation reaches two words further (CODE_REVISION 24:
# "Ingen av dem har levererat i tid" was +0.94, the praise of "levererat i tid" out of reach).
_NOBODY: Final = frozenset(("ingen", "inget", "inga"))
# A clause before "men" (and dock, däremot) is read as other words, "‹" + each, as a negated word
# is: the writer's verdict follows the contrast ("SJ har varit okej i år, men idag stod tåget
# still vid Flemingsberg i två timmar" was neutral from `okej`), so what comes before it weighs
# only as much as training shows it does.
BEFORE_CONTRAST: Final = "‹"
_CONTRASTS: Final = frozenset(("men", "dock", "däremot", "but"))
_NEGATORS: Final = frozenset(
    ("inte", "ej", "icke", "aldrig", "ingen", "inget", "inga", "ingenting", "knappast", "utan",
     "varken", "saknar", "slipper", "ifrån", "långtifrån", "not", "no", "never", "without")
)  # fmt: skip
_NEGATION_ENDS: Final = (
    frozenset(("men", "fast", "dock", "däremot", "ändå", "tyvärr", "mer", "mera", "någonsin",
               "ever", "but"))
    | CLAUSE_OPENERS  # "förstår inte hur man kan vara så dum": a clause of its own
)  # fmt: skip


def word_grams(tok: str) -> list[str]:
    """Sparse features of one lower-cased token: the word itself and its character 3–5-grams.

    Character n-grams inside word boundaries carry inflection and compounds (`kundtjänstkaoset`
    shares `kaos`). A negated word (NEGATED + word) or one before a contrast (BEFORE_CONTRAST +
    word) has the grams of the word, each marked.
    """
    if tok == TOPIC or tok in _QUOTES:
        return []  # moves nothing by itself; only its bigrams tell ("TOPIC kraschar", scare quotes)
    if (tok[0] == NEGATED or tok[0] == BEFORE_CONTRAST) and len(tok) > 1:
        return [tok[0] + g for g in word_grams(tok[1:])]
    out = ["w:" + tok]
    if len(tok) >= 3 and not tok.isdigit() and tok[0].isalnum():
        w = " " + tok + " "
        n = len(w)
        for k in (3, 4, 5):
            out += [w[i : i + k] for i in range(n - k + 1)]
    return out


def model_tokens(toks: Tokens) -> list[str]:
    """The lower-cased tokens the model reads: a capitalised word inside a sentence (a place,
    person or brand name) becomes NAME, so that names cannot carry polarity learnt from the
    training texts ("Kunderna i Kiruna hyllar ..." was negative, with Borås positive), and a
    noun of TOPIC_NOUNS becomes TOPIC, for the same reason. A quotation opens with a capital as a
    sentence does ("“Bästa köpet” enligt tidningen" had lost its praise to NAME). Words a
    negation reaches are marked NEGATED, and so is an evaluative verb a negation follows
    ("gillar det inte"); words before a contrast BEFORE_CONTRAST. Emoji joiners are left out."""
    lows, raws = toks.lows, toks.raws
    out = list(lows)
    left = 0  # words the last negation still reaches
    negation, neg_at = "", 0  # the word that opened it, and where
    denied = False  # whether a negation came earlier in the sentence
    start = 0  # where the current sentence (or the clause after the last contrast) began
    modal_at = -IRREALIS_REACH - 1  # where the last modal of IRREALIS was
    for i in range(len(raws)):
        r, t = raws[i], lows[i]
        if (
            i
            and r[0].isupper()
            and not r.isupper()
            and raws[i - 1][-1] not in _SENTENCE_END
            and raws[i - 1] not in _QUOTES
        ):
            out[i] = NAME
        elif t in TOPIC_NOUNS:
            out[i] = TOPIC
        if t in _NEGATORS and is_negation(lows, i):
            _deny_verb_before(out, lows, raws, i)
            nxt = lows[i + 1] if i + 1 < len(lows) else ""
            if negation_opens(t, nxt, denied) and not so_emphasis_ahead(lows, raws, i):
                # "Ingen av dem har levererat i tid": the words after "av dem" are denied.
                left, negation, neg_at = NEGATED_WORDS + 2 * (nxt == "av" and t in _NOBODY), t, i
            else:
                left = 0
            denied = True
        elif t in ZERO and valued_ahead(swedish(), lows, raws, i + 1):
            left, negation, neg_at = 2, t, i  # "noll fel": none of a nuisance, as the rules read it
        elif left:
            if _ends_negation(lows, raws, i, negation, neg_at):
                left = 0
            else:
                left -= 1
                if out[i] == t:  # not NAME or TOPIC
                    out[i] = NEGATED + t
        elif (
            i - modal_at <= IRREALIS_REACH
            and out[i] == t
            and is_comparative(swedish(), t)
            and irrealis_before(lows, raws, i)
        ):
            out[i] = NEGATED + t  # "hade kunnat vara bättre": it is not, as the rules read it
        if t in IRREALIS:
            modal_at = i
        if r[-1] in _SENTENCE_END:
            start = i + 1
            denied = False
        elif t in _CONTRASTS and i > start:
            for k in range(start, i):
                o = out[k]
                if o != NAME and o != TOPIC and raws[k][0].isalnum():
                    out[k] = BEFORE_CONTRAST + o
            start = i + 1
            denied = False  # as the rule scan: "inte …, men … utan krångel" is "without"
    low = toks.low
    if _JOINERS[0] in low or _JOINERS[1] in low or _JOINERS[2] in low:
        out = [t for t in out if t not in _JOINERS]
    return out


def _deny_verb_before(out: list[str], lows: list[str], raws: list[str], i: int) -> None:
    """Mark the evaluative verb negation lows[i] follows: "gillar (det) inte". Not any verb:
    with "det går inte att byta" marked, a plain statement read as a complaint."""
    if (
        lows[i] in POST_NEGATIONS
        and (k := denied_before(lows, raws, i)) >= 0
        and out[k] == lows[k]
        and swedish().info(lows[k])[1] is not None
    ):
        out[k] = NEGATED + out[k]


def _ends_negation(lows: list[str], raws: list[str], i: int, negation: str, neg_at: int) -> bool:
    """Whether lows[i] ends the scope of negation word `negation` (at neg_at): punctuation, a
    contrast, emphatic or clause-opening word, `så` as the rules read it, an emphasised
    comparative."""
    t = lows[i]
    return (
        not raws[i][0].isalnum()
        or t in _NEGATION_ENDS
        or (t == "så" and so_ends_negation(negation, lows[i + 1] if i + 1 < len(lows) else ""))
        or comparative_is_emphasis(swedish(), lows, neg_at, i)
    )


def tokens(text: str) -> list[str]:
    """The model's tokens of a text (see model_tokens)."""
    return model_tokens(tokenize(text))


def is_emoji(tok: str) -> bool:
    """An emoji, emoticon or other symbol (not a word, not clause punctuation)."""
    return not tok[0].isalnum() and tok[0] not in _NOT_EMOJI


# The scoring tables _prepare() derives: (bias, per-feature weights, first word -> next word ->
# bigram weights with idf folded in).
class _Pair:
    """A bigram's part of the class scores, (Σ idf·w_neg, Σ idf·w_neu, Σ idf·w_pos, idf²): a
    compiled class for the reason _Word is one (a tuple's floats are type-checked on each read;
    bigrams are read at about every other token)."""

    __slots__ = ("c0", "c1", "c2", "q")

    def __init__(self, c0: float, c1: float, c2: float, q: float) -> None:
        self.c0 = c0
        self.c1 = c1
        self.c2 = c2
        self.q = q


_Bigrams = dict[str, _Pair]
_Fast = tuple[
    tuple[float, ...],
    tuple[tuple[float, float, float], ...],
    dict[str, _Bigrams],
]


@final
class _Word:
    """A token's memoised part of the class scores (see Model._word).

    A class, not a tuple: compiled (setup.py), its floats are stored unboxed and read without
    the per-item type checks a tuple taken out of a dict needs (they had been a twelfth of a
    short post's time).
    """

    __slots__ = ("c0", "c1", "c2", "q", "nxt", "emo")

    def __init__(
        self, c0: float, c1: float, c2: float, q: float, nxt: _Bigrams | None, emo: bool
    ) -> None:
        self.c0 = c0
        self.c1 = c1
        self.c2 = c2
        self.q = q
        self.nxt = nxt
        self.emo = emo


@dataclass
class Model:
    """A fitted model: n-gram weights (idf folded in), dense weights with scaling, biases."""

    version: str
    vocab: dict[str, tuple[float, float, float, float]]  # gram -> (idf, w_neg, w_neu, w_pos)
    dense_mean: list[float]
    dense_scale: list[float]
    dense_w: list[tuple[float, float, float]]
    bias: tuple[float, float, float]
    metrics: dict | None = None
    _cache: dict[str, _Word] = field(default_factory=dict, repr=False, compare=False)
    _fast: _Fast | None = field(default=None, repr=False, compare=False)

    # --- training -------------------------------------------------------------------------
    @classmethod
    def train(
        cls,
        texts: Sequence[str],
        labels: Sequence[str],
        version: str,
        c: float = 4.0,
        lex: Lexicon | None = None,
        weights: Sequence[float] | None = None,
        dense_boost: float = 1.0,
    ) -> Model:
        """Fit on labelled texts (labels pos/neu/neg); deterministic for the same input."""
        import numpy as np
        from scipy import sparse

        from analysis import sentiment_train as st

        lex = lex or swedish()
        xs, names, idf, dense = st.design(texts, lex, word_grams, model_tokens)
        mean = dense.mean(axis=0)
        scale = dense.std(axis=0)
        scale[scale == 0] = 1.0
        # A larger dense_boost lets the lexicon features carry more weight under the same
        # regularisation; it is folded into the stored scale, so scoring is unchanged.
        scale = scale / dense_boost
        x = sparse.hstack([xs, sparse.csr_matrix((dense - mean) / scale)]).tocsr()
        y = np.array([LABELS.index(lb) for lb in labels])
        clf = st.fit(x, y, None if weights is None else np.asarray(weights), c)
        coef = clf.coef_  # (3, n_features), classes in LABELS order (0, 1, 2)
        n_sparse = xs.shape[1]
        vocab = {
            g: (float(idf[j]), float(coef[0, j]), float(coef[1, j]), float(coef[2, j]))
            for j, g in enumerate(names)
        }
        dense_w = [
            (
                float(coef[0, n_sparse + f]),
                float(coef[1, n_sparse + f]),
                float(coef[2, n_sparse + f]),
            )
            for f in range(len(FEATURES))
        ]
        b = clf.intercept_
        return cls(
            version=version,
            vocab=vocab,
            dense_mean=[float(v) for v in mean],
            dense_scale=[float(v) for v in scale],
            dense_w=dense_w,
            bias=(float(b[0]), float(b[1]), float(b[2])),
        )

    def calibrated(
        self,
        texts: Sequence[str],
        labels: Sequence[str],
        lex=None,
        weights: Sequence[float] | None = None,
    ) -> Model:
        """This model with a temperature and class offsets fitted on held-out texts (weighed by
        `weights`) folded in."""
        from analysis import sentiment_train as st

        lex = lex or swedish()
        logits = [self.scores(tokens(t), analyse(t, lex)) for t in texts]
        t, offsets = st.temperature(logits, [LABELS.index(lb) for lb in labels], weights)
        return Model(
            version=self.version,
            vocab={g: (e[0], e[1] / t, e[2] / t, e[3] / t) for g, e in self.vocab.items()},
            dense_mean=self.dense_mean,
            dense_scale=self.dense_scale,
            dense_w=[(w[0] / t, w[1] / t, w[2] / t) for w in self.dense_w],
            bias=(
                self.bias[0] / t + offsets[0],
                self.bias[1] / t + offsets[1],
                self.bias[2] / t + offsets[2],
            ),
            metrics={**(self.metrics or {}), "temperature": round(t, 4), "offsets": offsets},
        )

    # --- scoring --------------------------------------------------------------------------
    def _word(self, tok: str) -> _Word:
        """(Σ idf·w_neg, Σ idf·w_neu, Σ idf·w_pos, Σ idf², bigrams starting with it, emoji?)
        for a token.

        Sums run over the token's grams; the fifth item maps a next word to its bigram's
        weights (None when no bigram starts with the token). Memoised, so scoring costs one
        look-up per token.
        """
        cache = self._cache
        e = cache.get(tok)
        if e is None:
            fast = self._fast or self._prepare()
            c0 = c1 = c2 = q = 0.0
            vocab = self.vocab
            for g in word_grams(tok):
                v = vocab.get(g)
                if v is not None:
                    c0 += v[0] * v[1]
                    c1 += v[0] * v[2]
                    c2 += v[0] * v[3]
                    q += v[0] * v[0]
            if len(cache) > 300_000:
                cache.clear()
            e = cache[tok] = _Word(c0, c1, c2, q, fast[2].get(tok), is_emoji(tok))
        return e

    def proba(self, text: str, lex: Lexicon | None = None) -> tuple[float, float, float]:
        """(p_neg, p_neu, p_pos) for one text."""
        return self.proba_features(text, analyse(text, lex or swedish()))

    def proba_features(self, text: str, feats: list[float]) -> tuple[float, float, float]:
        return self.proba_tokens(tokens(text), feats)

    def _prepare(self) -> _Fast:
        """Fold the dense scaling into weights and bias, and index bigrams by their first word."""
        bias = list(self.bias)
        dense = []
        for m, sc, w in zip(self.dense_mean, self.dense_scale, self.dense_w, strict=True):
            ws = (w[0] / sc, w[1] / sc, w[2] / sc)
            dense.append(ws)
            bias = [bias[k] - m * ws[k] for k in range(3)]
        bigrams: dict[str, _Bigrams] = {}
        for g, (idf, w0, w1, w2) in self.vocab.items():
            if g.startswith("\tb:"):
                a, b = g[3:].split(" ", 1)
                bigrams.setdefault(a, {})[b] = _Pair(idf * w0, idf * w1, idf * w2, idf * idf)
        self._fast = (tuple(bias), tuple(dense), bigrams)
        return self._fast

    def scores(self, toks: list[str], feats: list[float]) -> tuple[float, float, float]:
        """The class scores (logits) from lower-cased tokens and the lexicon features."""
        bias, dense, _ = self._fast or self._prepare()
        cache = self._cache
        word = self._word
        s0, s1, s2 = bias
        n0 = n1 = n2 = norm = 0.0
        e0 = e1 = e2 = 0.0  # the emoji's share of n0..n2
        prev = None
        prev_emo = False
        for t in toks:
            tw = cache.get(t) or word(t)
            c0 = tw.c0
            c1 = tw.c1
            c2 = tw.c2
            n0 += c0
            n1 += c1
            n2 += c2
            norm += tw.q
            emo = tw.emo
            if emo:
                e0 += c0
                e1 += c1
                e2 += c2
            if prev is not None:
                v = prev.get(t)
                if v is not None:
                    n0 += v.c0
                    n1 += v.c1
                    n2 += v.c2
                    norm += v.q
                    if emo or prev_emo:
                        e0 += v.c0
                        e1 += v.c1
                        e2 += v.c2
            prev = tw.nxt
            prev_emo = emo
        if norm:
            inv = 1.0 / math.sqrt(norm)
            s0 += n0 * inv
            s1 += n1 * inv
            s2 += n2 * inv
            e0 *= inv
            e1 *= inv
            e2 *= inv
        # By index, so that a feature at 0 (most of them, in a short post) costs no look-up.
        for i in range(len(feats)):
            f = feats[i]
            if f:
                w = dense[i]
                s0 += f * w[0]
                s1 += f * w[1]
                s2 += f * w[2]
        fp, fn = feats[EMOJI_POS], feats[EMOJI_NEG]
        # The cap keeps emoji from outvoting words; a text of emoji alone has none to outvote,
        # and its emoji are all there is to go by ("❤️" alone had come out neutral).
        if (e0 or e1 or e2 or fp or fn) and not _wordless(toks):
            wp, wn = dense[EMOJI_POS], dense[EMOJI_NEG]
            # Added in the order the reference scorer adds them (tests/sentiment_reference.py).
            e0 = e0 + fp * wp[0] + fn * wn[0]
            e1 = e1 + fp * wp[1] + fn * wn[1]
            e2 = e2 + fp * wp[2] + fn * wn[2]
            return _capped(s0, s1, s2, e0, e1, e2)
        return s0, s1, s2

    def proba_tokens(self, toks: list[str], feats: list[float]) -> tuple[float, float, float]:
        """(p_neg, p_neu, p_pos) from lower-cased tokens and the lexicon features."""
        s0, s1, s2 = self.scores(toks, feats)
        top = max(s0, s1, s2)
        e0, e1, e2 = math.exp(s0 - top), math.exp(s1 - top), math.exp(s2 - top)
        t = e0 + e1 + e2
        return e0 / t, e1 / t, e2 / t

    # --- serialisation --------------------------------------------------------------------
    def dumps(self) -> bytes:
        doc = {
            "format": FORMAT,
            "version": self.version,
            "features": list(FEATURES),
            "vocab": {g: [round(v, 6) for v in e] for g, e in self.vocab.items()},
            "dense_mean": self.dense_mean,
            "dense_scale": self.dense_scale,
            "dense_w": self.dense_w,
            "bias": self.bias,
            "metrics": self.metrics,
        }
        return zlib.compress(json.dumps(doc, ensure_ascii=False).encode("utf-8"), 6)

    @classmethod
    def loads(cls, blob: bytes) -> Model:
        """Read a blob written by dumps(); a blob from an incompatible koll raises ValueError."""
        try:
            doc = json.loads(zlib.decompress(blob).decode("utf-8"))
        except (zlib.error, UnicodeDecodeError, json.JSONDecodeError) as e:
            raise ValueError(f"not a koll sentiment model blob: {e}") from None
        if doc.get("format") != FORMAT or doc.get("features") != list(FEATURES):
            raise ValueError(
                f"sentiment model {doc.get('version')!r} was written by another koll version "
                "(its features differ); retrain it with `koll train`"
            )
        return cls(
            version=doc["version"],
            vocab={g: tuple(e) for g, e in doc["vocab"].items()},
            dense_mean=doc["dense_mean"],
            dense_scale=doc["dense_scale"],
            dense_w=[tuple(w) for w in doc["dense_w"]],
            bias=tuple(doc["bias"]),
            metrics=doc.get("metrics"),
        )


def _wordless(toks: list[str]) -> bool:
    """Whether no token is a word (emoji, emoticons and punctuation only)."""
    return not any(t[0].isalnum() for t in toks)


def _capped(s0, s1, s2, e0, e1, e2):
    """The class scores with the emoji's part (e0..e2: their grams and bigrams, and the
    emoji_pos/emoji_neg features) shrunk so that it spreads the classes by at most EMOJI_CAP."""
    spread = max(e0, e1, e2) - min(e0, e1, e2)
    if spread <= EMOJI_CAP:
        return s0, s1, s2
    k = EMOJI_CAP / spread - 1.0  # remove this fraction of the emoji's part
    return s0 + k * e0, s1 + k * e1, s2 + k * e2
