"""Topics: what a brand's conversation is about, via Swedish TF-IDF and NMF, labelled by top terms.

Words are tokenised, stop words and the brand's own names dropped, and stemmed (Snowball, no
download); each stem is shown as its most frequent spelling so labels read as Swedish words.
NMF with a deterministic start (NNDSVD) gives the same topics for the same mentions, and topics
are ordered by size, so a rerun over slightly more data keeps them recognisable. Large periods
are fitted on a fixed-seed sample and every mention is then assigned to its strongest topic.
"""

from __future__ import annotations

import contextlib
import itertools
import operator
import re
import warnings
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.decomposition import NMF
from sklearn.exceptions import ConvergenceWarning
from sklearn.feature_extraction.text import TfidfVectorizer

from analysis.item_text import joined_texts
from analysis.stoplists import BY_LANG, CALENDAR
from analysis.text import STOP_WORDS, fold, stem

# Words that carry no topic in brand monitoring (feed boilerplate and reporting verbs).
EXTRA_STOP = (
    frozenset(
        [
            "läs",
            "mer",
            "kommentar",
            "kommentarer",
            "inlägg",
            "tråd",
            "skriver",
            "uppger",
            "meddelar",
            "enligt",
            "säger",
            "tt",
            "procent",
            "kronor",
            "miljoner",
            "dagen",
            "veckan",
            "året",
            "också",
            "samt",
            "http",
            "https",
            "www",
            "helt",
            "sitt",
            "sin",
            "hos",
            "väldigt",
            "lite",
            "både",
            # Spoken forms in forum posts and comments ("dom höjer igen, typ sjukt"): they led
            # topic labels ("dom · nätavgiften · höjer") where the written forms are stop words.
            "dom",
            "sen",
            "typ",
            "nån",
            "nåt",
            "nåra",
            "alltså",
            "asså",
            "liksom",
            "iaf",
            "ba",
            "ändå",
            "fan",
            # Fillers and counts that led the demo's topic labels ("borde · nätavgiften · talat",
            # "bytt · minuter · klart", "två, fem"; a QA pass of the dashboard). Not "tre": a telecom.
            "borde",
            "ärligt",
            "talat",
            "precis",
            "faktiskt",
            "verkligen",
            "vet",
            "tills",
            "klart",
            "bra",
            "två",
            "fyra",
            "fem",
            "sex",
            "sju",
            "åtta",
            "nio",
            "tio",
        ]
    )
    | CALENDAR
)
_WORD = re.compile(r"[^\W\d_]{3,}", re.U)
# Web addresses in a text: their slugs ("miljo-och-klimat") became topic terms beside the real
# word ("miljö"), and the host beside the source's name. Also written without a scheme or www,
# as press releases do ("Läs mer på kustel.se/vinterkampanjen-norrsken": both slug words rose
# as terms, QA 2026-12-07); such a host is in lower case, so "bra.Nu" typed without a space
# after the full stop is no address.
_URL = re.compile(
    r"(?i:\b(?:https?://|www\.)\S+)"
    r"|\b(?:[\w-]+\.)+(?:se|nu|com|org|net|eu|io|fi|no|dk|de|info)\b(?:/\S*)?"
)


class LangText(str):
    """A document's text with its detected language (`lang`), which picks its stop list."""

    lang: str | None = None

    def __new__(cls, text: str, lang: str | None) -> LangText:
        self = super().__new__(cls, text)
        self.lang = lang
        return self


MAX_FIT_DOCS = 5_000  # NMF cost grows with documents; a sample this size finds the same topics
MAX_ASSIGN_DOCS = 20_000  # beyond this, sizes are estimated from a sample of this many


class Analyzer:
    """Callable for TfidfVectorizer: stems of content words, remembering each stem's spellings.

    Each distinct token is examined once (memo), so analysing a million texts costs a regex and
    a dict lookup per token; spellings are counted only while `counting` (during the fit).
    """

    def __init__(self, drop: Iterable[str] = ()):
        self.drop = {fold(w) for w in drop}
        self.memo: dict[str, str | None] = {}
        self.seen: Counter = Counter()
        self.counting = True

    def _stem(self, w: str) -> str | None:
        if w in STOP_WORDS or w in EXTRA_STOP or fold(w) in self.drop:
            return None
        s = stem(w)
        return None if fold(s) in self.drop else s

    def _miss(self, w: str) -> str | None:
        s = self.memo[w] = self._stem(w)
        return s

    def __call__(self, text: str) -> list[str]:
        memo = self.memo
        words = _WORD.findall(text.lower())
        other = BY_LANG.get(getattr(text, "lang", None) or "")
        if other:  # an English or German text: its own function words are no topic either
            words = [w for w in words if w not in other]
        stems_ = [memo[w] if w in memo else self._miss(w) for w in words]
        out = [s for s in stems_ if s is not None]
        if self.counting:
            self.seen.update(words)
        return out

    def display(self, s: str) -> str:
        """The most frequent spelling of a stem in the fitted texts."""
        if not hasattr(self, "_display"):
            best: dict[str, tuple[int, str]] = {}
            for w, c in self.seen.items():
                st = self.memo.get(w)
                if st is not None and (st not in best or c > best[st][0]):
                    best[st] = (c, w)
            self._display = {st: w for st, (c, w) in best.items()}
        return self._display.get(s, s)


def doc_texts(docs: pd.DataFrame) -> pd.Series:
    """Title and text of each mention, without web addresses; comments without their title.

    A comment's title is boilerplate ("Kommentar till <post> av <name>"): names, not topics.
    """
    titles = docs["title"].fillna("")
    if "kind" in docs.columns:
        titles = titles.where(docs["kind"] != "comments", "")
    texts = joined_texts(titles, docs["text"])
    # A text without a full stop has no address: a substring test (in C) spares it the regex.
    plain = [_URL.sub(" ", t) if "." in t else t for t in texts]
    if "lang" in docs.columns:
        plain = with_langs(plain, docs["lang"].tolist())
    return pd.Series(plain, index=docs.index, dtype=object)


def with_langs(texts: list[str], langs: list) -> list[str]:
    """Each text as a LangText when its language has a stop list of its own (BY_LANG), so that
    its function words are no topic and no rising term: six English posts made "have", "you",
    "will" and "from" term alerts, pushing Swedish terms out (QA, 2026-12-07). Most texts are
    Swedish and stay plain strings."""
    return [
        LangText(t, lang) if lang in BY_LANG else t for t, lang in zip(texts, langs, strict=True)
    ]


def source_words(sources: Iterable[str]) -> list[str]:
    """The name in each source's host (`norrlandsposten` of `www.norrlandsposten.se`): items
    name their own paper or blog in bylines and footers, which is no topic."""
    out = set()
    for s in sources:
        labels = [x for x in str(s or "").lower().split(".") if x]
        if len(labels) >= 2:
            out.update(_WORD.findall(labels[-2]))
    return sorted(out)


def brand_words(terms: Iterable[str]) -> list[str]:
    """Words of a brand's names: dropped from its topics, since every mention contains them."""
    return [w for t in terms for w in _WORD.findall(t.lower())]


@dataclass(frozen=True)
class TopicResult:
    topics: list[dict]  # topic_no, label, terms, size, share, representative_item_id/title
    assignment: pd.Series  # topic_no per input row (-1: no topic words)


def default_k(n_docs: int) -> int:
    """Number of topics: about √(n/2), between 2 and 12; readable on one dashboard panel."""
    return int(min(12, max(2, round((n_docs / 2) ** 0.5))))


def find_topics(
    docs: pd.DataFrame,
    *,
    drop_words: Sequence[str] = (),
    n_topics: int | None = None,
    top_terms: int = 8,
    max_fit_docs: int = MAX_FIT_DOCS,
    max_assign_docs: int = MAX_ASSIGN_DOCS,
    seed: int = 0,
) -> TopicResult:
    """Topics of `docs` (columns item_id, title, text) and each document's topic.

    Beyond `max_assign_docs` documents, a fixed-seed sample is assigned and topic sizes are
    scaled up from it; the other documents' assignment is -1. The rows' order does not matter:
    they are put in an order of their content first (see _content_order).
    """
    empty = TopicResult([], pd.Series(-1, index=docs.index, dtype="int64"))
    n = len(docs)
    if n < 4:
        return empty
    texts = doc_texts(docs)
    order = _content_order(docs, texts, drop_words)
    docs, texts = docs.iloc[order], texts.iloc[order]
    res = _find_ordered(docs, texts.tolist(), drop_words, n_topics, top_terms,
                        max_fit_docs, max_assign_docs, seed)  # fmt: skip
    if res is None:
        return empty
    topics, ordered = res
    full = np.empty(n, dtype=np.int64)
    full[order] = ordered  # back to the caller's rows
    return TopicResult(topics, pd.Series(full, index=empty.assignment.index, dtype="int64"))


def _content_order(
    docs: pd.DataFrame, texts: pd.Series, drop_words: Sequence[str] = ()
) -> np.ndarray:
    """Positions of `docs` sorted by what they say: the text analysed, without `drop_words`
    (the brand's own names, which the topics leave out too), then (for equal texts, such as
    syndicated copies) its language, title, kind and source (those present).

    The same mentions come in another order from another store (ties in `published` go by row
    id, which follows the order they were stored in), and NMF's float sums, the fitted sample
    and the tie between two spellings of a stem follow the rows' order: a store ingested by
    three workers had a topic of 22 mentions where a sequential one had 23 of the same
    mentions, and two topics swapped numbers. Only columns every caller passes are used, so
    that `koll analyse`, topics computed now and the dashboard's sample agree; rows equal in
    all of them (a copy's only difference is its id) keep their given order, which can only
    change which of them is a topic's representative.
    """
    # Python's sort of the texts alone: a pandas sort of the columns, or a key joining them,
    # cost several times what the rest of find_topics does for 300,000 mentions. Without the
    # brand's names: the same posts about "Ahlens" and about "Åhléns" sorted apart where a
    # text opens with the name, and their topics differed (tests/test_store_brand_case.py).
    text = texts.tolist()
    if drop_words:
        names = re.compile(
            r"(?<!\w)(?:" + "|".join(map(re.escape, sorted(set(drop_words)))) + r")(?!\w)",
            re.IGNORECASE,
        )
        text = [names.sub("", t) for t in text]
    order = sorted(range(len(text)), key=text.__getitem__)
    ordered = [text[i] for i in order]
    same = np.fromiter(
        map(operator.eq, ordered, itertools.islice(ordered, 1, None)),
        dtype=bool,
        count=max(len(order) - 1, 0),
    )
    extra = [c for c in ("lang", "title", "kind", "source") if c in docs.columns]
    if extra and same.any():
        cols = [docs[c].fillna("").astype(str).tolist() for c in extra]

        def rest(i: int) -> tuple[str, ...]:
            return tuple(col[i] for col in cols)

        # Only the runs of equal texts (syndicated copies) are sorted by the other columns.
        edges = np.diff(np.concatenate([[0], same.astype(np.int8), [0]]))
        starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1) + 1
        for start, end in zip(starts.tolist(), ends.tolist(), strict=True):
            order[start:end] = sorted(order[start:end], key=rest)
    return np.array(order, dtype=np.intp)


def _find_ordered(
    docs: pd.DataFrame,
    texts: list[str],
    drop_words: Sequence[str],
    n_topics: int | None,
    top_terms: int,
    max_fit_docs: int,
    max_assign_docs: int,
    seed: int,
) -> tuple[list[dict], np.ndarray] | None:
    """find_topics over rows already in content order: (topics, each row's topic), or None
    when the texts share too few words for topics."""
    n = len(docs)
    if "lang" in docs.columns:
        texts = with_langs(texts, docs["lang"].tolist())
    if "source" in docs.columns:
        drop_words = [*drop_words, *source_words(docs["source"].dropna().unique())]
    analyzer = Analyzer(drop_words)
    fitted = _fit(texts, analyzer, n_topics, max_fit_docs, seed)
    if fitted is None:
        return None
    vec, nmf, fit_idx, x_fit = fitted
    analyzer.counting = False
    assign_idx = np.arange(n)
    if n > max_assign_docs:
        rng = np.random.default_rng(seed + 1)
        assign_idx = np.sort(rng.choice(n, max_assign_docs, replace=False))
    x_all = (x_fit if len(fit_idx) == n
             else vec.transform([texts[i] for i in assign_idx]))  # fmt: skip
    with _quiet_nmf():
        w = nmf.transform(x_all)
    has = w.sum(axis=1) > 0
    best = np.where(has, w.argmax(axis=1), -1)
    scale = n / len(assign_idx)
    sizes = np.round(np.bincount(best[has], minlength=nmf.n_components) * scale).astype(int)
    order = np.argsort(-sizes, kind="stable")  # topic 0 is the largest
    renumber = {int(old): new for new, old in enumerate(order)}
    topics = _describe(docs, analyzer, vec, nmf, w, best, sizes, order, assign_idx, top_terms)
    full = np.full(n, -1, dtype=np.int64)
    full[assign_idx] = [renumber.get(int(b), -1) if b >= 0 else -1 for b in best]
    return topics, full


def _fit(
    texts: list[str], analyzer: Analyzer, n_topics: int | None, max_fit_docs: int, seed: int
) -> tuple[TfidfVectorizer, NMF, np.ndarray, object] | None:
    """(vectorizer, NMF, the documents fitted on, their TF-IDF matrix); None when the texts
    share too few words for topics."""
    n = len(texts)
    fit_idx = np.arange(n)
    if n > max_fit_docs:
        fit_idx = np.sort(np.random.default_rng(seed).choice(n, max_fit_docs, replace=False))
    vec = TfidfVectorizer(
        analyzer=analyzer,
        min_df=2,
        max_df=0.6 if len(fit_idx) >= 20 else 1.0,
        sublinear_tf=True,
        max_features=5_000,
    )
    try:
        x_fit = vec.fit_transform([texts[i] for i in fit_idx])
    except ValueError:  # no term occurs in two documents
        return None
    k = min(n_topics or default_k(len(fit_idx)), x_fit.shape[1], len(fit_idx) - 1)
    if k < 1:
        return None
    nmf = NMF(n_components=k, init="nndsvd", random_state=seed, max_iter=200, tol=1e-3)
    with _quiet_nmf():
        nmf.fit(x_fit)
    return vec, nmf, fit_idx, x_fit


@contextlib.contextmanager
def _quiet_nmf() -> Iterator[None]:
    with warnings.catch_warnings():
        # Topics are read by people: a few hundred iterations are plenty even if not converged.
        warnings.simplefilter("ignore", ConvergenceWarning)
        # sklearn's loss report takes sqrt of a rounding-error negative on tiny inputs.
        warnings.filterwarnings("ignore", "invalid value encountered in sqrt", RuntimeWarning)
        yield


def _describe(
    docs: pd.DataFrame,
    analyzer: Analyzer,
    vec: TfidfVectorizer,
    nmf: NMF,
    w: np.ndarray,
    best: np.ndarray,
    sizes: np.ndarray,
    order: np.ndarray,
    assign_idx: np.ndarray,
    top_terms: int,
) -> list[dict]:
    """The topics, largest first: label, terms, size, share and a representative document (the
    one that belongs to the topic most strongly). `w`: document-topic weights of the assigned
    documents, `best`: their topic (-1: none), `order`: topics by size."""
    vocab = vec.get_feature_names_out()
    ids = docs["item_id"].to_numpy()
    titles = docs["title"].fillna("").to_numpy()
    bodies = docs["text"].fillna("").to_numpy()
    topics = []
    for new, old in enumerate(order):
        if sizes[old] == 0:
            continue
        terms = [
            analyzer.display(vocab[j])
            for j in np.argsort(-nmf.components_[old])[:top_terms]
            if nmf.components_[old, j] > 0
        ]
        members = np.flatnonzero(best == old)
        rep = assign_idx[members[np.argmax(w[members, old])]]
        title = str(titles[rep]).strip() or " ".join(str(bodies[rep]).split()[:20])
        topics.append(
            {
                "topic_no": new,
                "label": " · ".join(terms[:3]),
                "terms": terms,
                "size": int(sizes[old]),
                "share": float(sizes[old] / len(docs)),
                "representative_item_id": int(ids[rep]),
                "representative_title": title[:300],
            }
        )
    return topics
