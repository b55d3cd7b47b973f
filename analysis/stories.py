"""Stories: cluster items that carry the same news (wire copy, reposts, light rewrites) with MinHash/LSH.

Items are grouped, never deleted. Each item's text becomes a set of word 3-shingles; a MinHash
signature estimates the Jaccard similarity of two sets, and locality-sensitive hashing (bands of
the signature) finds candidate pairs without comparing every pair. Candidates are kept when their
estimated similarity is high enough and they were published within a time window; connected
components of the kept pairs are the stories. Everything after tokenising is numpy-vectorised, and
the cost is O(n log n) (one sort per band), so a million items cluster in minutes.
"""

from __future__ import annotations

import re
import zlib

import numpy as np
import pandas as pd
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

SHINGLE = 3  # words per shingle: long enough to ignore shared vocabulary, short enough for rewrites
NUM_PERM = 60
BANDS, ROWS = 20, 3  # P(candidate) = 1-(1-J^3)^20: 0.94 at J=0.5, 0.998 at J=0.7
THRESHOLD = 0.5  # estimated Jaccard needed to join a story
WINDOW_HOURS = 72  # copies of a story appear within days, not weeks
MIN_TOKENS = 10  # shorter texts ("Bra!", bare headlines) share too few shingles to tell news apart

_WORD = re.compile(r"[^\W_]+", re.U)
# Folding å/ä/ö so "Malmo" and "Malmö" copies still match; done once per distinct token.
_FOLD = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "ü": "u"})
_MASK32 = np.uint64(0xFFFFFFFF)
# Fixed seeds: the same items always give the same stories, run after run.
_RNG = np.random.default_rng(20081105)
_A = _RNG.integers(1, 2**63, NUM_PERM, dtype=np.uint64) | np.uint64(1)
_B = _RNG.integers(0, 2**63, NUM_PERM, dtype=np.uint64)
_BAND_MULT = _RNG.integers(1, 2**63, ROWS, dtype=np.uint64) | np.uint64(1)


def _token_hashes(texts: list[str], cache: dict[str, int]) -> tuple[np.ndarray, np.ndarray]:
    """The texts' token hashes concatenated, plus each text's token count.

    The inner loop is the only per-token Python work, so it is kept to a list comprehension of
    dict lookups; new tokens are folded and hashed once (crc32: stable across processes).
    """
    flat: list[int] = []
    counts = np.zeros(len(texts), dtype=np.int64)
    get, findall = cache.get, _WORD.findall
    for i, t in enumerate(texts):
        toks = findall(t.lower()) if t else []
        hs = [get(w) for w in toks]
        if None in hs:
            for k, w in enumerate(toks):
                if hs[k] is None:
                    hs[k] = cache[w] = zlib.crc32(w.translate(_FOLD).encode("utf-8"))
        counts[i] = len(hs)
        flat.extend(hs)  # type: ignore[arg-type]  # no None is left: filled in above
    return np.asarray(flat, dtype=np.uint64), counts


def _shingles(tok: np.ndarray, counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Word 3-shingle hashes per text (flat) and the number of shingles per text."""
    n_sh = np.where(counts >= MIN_TOKENS, counts - SHINGLE + 1, 0)
    if tok.size < SHINGLE or n_sh.sum() == 0:
        return np.zeros(0, dtype=np.uint64), np.zeros_like(counts)
    # Shingle starting at every token position; then keep only those inside one text.
    m = tok.size - SHINGLE + 1
    h = tok[:m] * np.uint64(0x9E3779B1)
    h = (h ^ tok[1 : m + 1]) * np.uint64(0x85EBCA77)
    h = (h ^ tok[2 : m + 2]) & _MASK32
    starts = np.concatenate(([0], np.cumsum(counts)[:-1]))
    keep = np.zeros(m, dtype=bool)
    owner = np.repeat(np.arange(len(counts)), n_sh)
    offsets = np.arange(n_sh.sum()) - np.repeat(np.cumsum(n_sh) - n_sh, n_sh)
    keep[starts[owner] + offsets] = True
    return h[keep], n_sh


def _signatures(sh: np.ndarray, n_sh: np.ndarray) -> np.ndarray:
    """MinHash rows for texts with shingles `sh` (flat), `n_sh` per text (all > 0)."""
    bounds = np.concatenate(([0], np.cumsum(n_sh)[:-1]))
    sig = np.empty((len(n_sh), NUM_PERM), dtype=np.uint32)
    for p in range(NUM_PERM):
        # Multiply-shift hashing: one random odd multiplier and offset per permutation.
        v = ((sh * _A[p] + _B[p]) >> np.uint64(32)).astype(np.uint32)
        sig[:, p] = np.minimum.reduceat(v, bounds)
    return sig


def minhash(texts: list[str], chunk: int = 50_000) -> tuple[np.ndarray, np.ndarray]:
    """MinHash signatures (n × NUM_PERM uint32) and a mask of texts long enough to have one.

    Texts are processed `chunk` at a time, so memory beyond the signatures stays bounded.
    """
    n = len(texts)
    sig = np.full((n, NUM_PERM), 0xFFFFFFFF, dtype=np.uint32)
    has = np.zeros(n, dtype=bool)
    cache: dict[str, int] = {}
    for lo in range(0, n, chunk):
        tok, counts = _token_hashes(texts[lo : lo + chunk], cache)
        if len(cache) > 2_000_000:  # a runaway vocabulary (ids, numbers): start afresh
            cache.clear()
        sh, n_sh = _shingles(tok, counts)
        ok = n_sh > 0
        if ok.any():
            rows = lo + np.flatnonzero(ok)
            sig[rows] = _signatures(sh, n_sh[ok])
            has[rows] = True
    return sig, has


def _epoch_seconds(published: pd.Series) -> np.ndarray:
    # pandas 3 may hold microseconds or nanoseconds; converting the unit makes it explicit.
    ts = pd.to_datetime(published, utc=True)
    return ts.dt.as_unit("s").astype("int64").to_numpy()


def _candidate_pairs(sig: np.ndarray, idx: np.ndarray, order_key: np.ndarray) -> np.ndarray:
    """Pairs of rows sharing a band, linking neighbours in (band hash, time) order."""
    pairs = []
    for b in range(BANDS):
        cols = sig[idx, b * ROWS : (b + 1) * ROWS].astype(np.uint64)
        key = np.zeros(len(idx), dtype=np.uint64)
        for r in range(ROWS):
            key = (key ^ cols[:, r]) * _BAND_MULT[r]
        order = np.lexsort((order_key, key))
        ks = key[order]
        same = np.flatnonzero(ks[1:] == ks[:-1])
        if same.size:
            pairs.append(np.stack([idx[order[same]], idx[order[same + 1]]], axis=1))
    if not pairs:
        return np.zeros((0, 2), dtype=np.int64)
    both = np.concatenate(pairs)
    # One int64 per pair makes deduplication a plain 1-D sort (unique over rows is far slower).
    n = np.int64(sig.shape[0])
    code = np.unique(both[:, 0].astype(np.int64) * n + both[:, 1])
    return np.stack([code // n, code % n], axis=1)


def cluster_stories(
    items: pd.DataFrame,
    *,
    threshold: float = THRESHOLD,
    window_hours: float = WINDOW_HOURS,
) -> pd.Series:
    """Story id for each item (index-aligned): the smallest `item_id` in its story.

    `items` needs `item_id`, `text` (title and body together) and `published` (datetime).
    Items too short to compare are their own story.
    """
    n = len(items)
    if n == 0:
        return pd.Series([], index=items.index, dtype="int64")
    ids = items["item_id"].to_numpy(dtype=np.int64)
    sig, has = minhash(items["text"].fillna("").astype(str).tolist())
    t = _epoch_seconds(items["published"])
    idx = np.flatnonzero(has)
    pairs = _candidate_pairs(sig, idx, t[idx])
    if len(pairs):
        a, b = pairs[:, 0], pairs[:, 1]
        ok = np.abs(t[a] - t[b]) <= window_hours * 3600
        a, b = a[ok], b[ok]
        sim = np.empty(len(a))
        for s in range(0, len(a), 500_000):  # bounded memory for the n × NUM_PERM compare
            sim[s : s + 500_000] = (sig[a[s : s + 500_000]] == sig[b[s : s + 500_000]]).mean(1)
        keep = sim >= threshold
        a, b = a[keep], b[keep]
    else:
        a = b = np.zeros(0, dtype=np.int64)
    graph = coo_matrix((np.ones(len(a), dtype=np.int8), (a, b)), shape=(n, n))
    _, label = connected_components(graph, directed=False)
    # Name each component by its smallest item id, so ids stay stable when stories grow.
    story = pd.Series(ids).groupby(label).transform("min").to_numpy()
    return pd.Series(story, index=items.index, dtype="int64")


def story_table(items: pd.DataFrame, story: pd.Series) -> pd.DataFrame:
    """One row per story of two or more items: id, size, first/last published, first title."""
    df = items.assign(story_id=story.to_numpy())
    multi = df[df.duplicated("story_id", keep=False)]
    if multi.empty:
        return pd.DataFrame(
            columns=[
                "story_id",
                "size",
                "first_published",
                "last_published",
                "first_item_id",
                "title",
            ]
        )
    multi = multi.sort_values(["published", "item_id"])
    g = multi.groupby("story_id", sort=False)
    out = g.agg(
        size=("item_id", "size"),
        first_published=("published", "min"),
        last_published=("published", "max"),
        first_item_id=("item_id", "first"),
    ).reset_index()
    title_col = "title" if "title" in multi.columns else "text"
    out["title"] = g[title_col].first().to_numpy()
    return out


def window_stories(df: pd.DataFrame, fixed: pd.DataFrame) -> pd.Series:
    """Story ids for the window's items `df`, clustered together with the older items `fixed`.

    The older items keep their story ids (a closed period's figures must not change with the day
    they are asked for), so a window item that joins one takes its story id; one bridging two
    older stories takes the smaller id rather than merge them.
    """
    if fixed.empty:
        return cluster_stories(df)
    n = len(df)
    label = cluster_stories(pd.concat([df, fixed], ignore_index=True)).to_numpy()
    kept = pd.Series(fixed["story_id"].astype("int64").to_numpy()).groupby(label[n:]).min()
    own = pd.Series(label[:n], index=df.index)
    return own.map(kept).fillna(own).astype("int64")
