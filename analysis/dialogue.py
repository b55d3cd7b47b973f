"""The dialogue components: whether a brand answers in the comment threads about it, how fast,
and which threads still wait for an answer (docs/control.md, `dialogue_rate`).

A *thread* is a post about the brand in the window (owned or earned, not a comment) whose
stored comments include at least one from someone other than the brand (an *outside* comment).
The brand *answered* when one of its comments is in the thread.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.text import fold

SUMMARY_COLUMNS = [
    "key",
    "owned",
    "outside",
    "answered",
    "first_outside",
    "last_outside",
    "last_outside_id",
    "first_reply",
]
DIALOGUE_KEYS = (
    "dialogue_rate",
    "dialogue_own",
    "dialogue_others",
    "dialogue_threads",
    "dialogue_answered",
    "response_hours",
)


def brand_voice(comments: pd.DataFrame, names: Iterable[str]) -> pd.Series:
    """Per comment: written by the brand (its own account or one of its people).

    `comments` has `author` and, when known, `owned` and `owned_by` (the comment's mention of
    the brand). `names` are the brand's name, aliases and people. A comment is the brand's when
    its author is one of those ("Anna Berg", also "Anna Berg, presschef" or "Anna Berg (…)"),
    or when it is an owned mention for a reason other than its feed: a comment feed that
    `owner` marks as the brand's carries its readers' comments too, which are not its voice.
    """
    if comments.empty:
        return pd.Series([], index=comments.index, dtype=bool)
    folded = sorted({fold(n.strip()) for n in names if n and n.strip()}, key=len, reverse=True)
    # The name alone, or followed by ", title" or " (…)".
    pattern = re.compile("(?:" + "|".join(map(re.escape, folded)) + r")(?:\Z|,| \()")
    # Each author once: a thread's regulars write many comments.
    authors = comments["author"].tolist()
    voiced = {
        a for a in set(authors) if folded and isinstance(a, str) and pattern.match(fold(a.strip()))
    }
    voice = pd.Series([a in voiced for a in authors], index=comments.index, dtype=bool)
    if "owned" in comments.columns:
        owned = comments["owned"].astype("boolean").fillna(False).astype(bool)
        if "owned_by" in comments.columns:
            owned &= comments["owned_by"].astype(object).ne("feed").to_numpy()
        voice |= owned
    return voice


def _posts(posts: pd.DataFrame) -> dict:
    """{key: owned} of the posts (a post counted under two spellings is owned if either says so)."""
    kinds = posts["kind"].tolist() if "kind" in posts.columns else [None] * len(posts)
    owned = posts["owned"].astype("boolean").fillna(False).astype(bool).tolist()
    out: dict = {}
    for key, kind, o in zip(posts["key"].tolist(), kinds, owned, strict=True):
        if kind != "comments":
            out[key] = out.get(key, False) or o
    return out


def thread_summary(posts: pd.DataFrame, comments: pd.DataFrame | None) -> pd.DataFrame:
    """One row per thread with an outside comment (columns SUMMARY_COLUMNS), in key order.

    `posts`: key, owned (and kind: comments are dropped) of the window's posts about the brand;
    at least those with a thread. `comments`: one row per stored comment under them with
    parent_key and brand_voice, and, when known, item_id and published (aware UTC); comments
    whose parent is not in `posts` are ignored. Without `published` the times are NaT.
    """
    empty = pd.DataFrame({c: pd.Series([], dtype=object) for c in SUMMARY_COLUMNS})
    if comments is None or comments.empty or posts.empty:
        return empty
    owned = _posts(posts)
    # Plain Python sets and integer codes: pandas' string columns make isin and groupby by
    # key several times slower than the rest of the report (profiled on 15,000 comments).
    keys = comments["parent_key"].tolist()
    keep = np.fromiter((k in owned for k in keys), dtype=bool, count=len(keys))
    if not keep.any():
        return empty
    c = comments[keep]
    codes, uniq = pd.factorize(np.asarray(c["parent_key"].tolist(), dtype=object), sort=True)
    n = len(uniq)
    voice = c["brand_voice"].astype(bool).to_numpy()
    outside = ~voice
    # Times as int64 nanoseconds (NaT is the smallest int64), grouped with numpy.
    if "published" in c.columns:
        pub = pd.to_datetime(c["published"], utc=True).dt.tz_convert(None)
        t = pub.to_numpy(dtype="datetime64[ns]").view("int64")
    else:
        t = np.full(len(c), _NAT)
    timed = t != _NAT
    ids = c["item_id"].to_numpy() if "item_id" in c.columns else np.zeros(len(c), dtype=int)
    first_out = _group(np.minimum, codes, t, outside & timed, n, _MAX)
    # The brand's first comment at or after the first outside one: its reply. A note the brand
    # left before anyone else wrote answers nobody.
    reply = voice & timed & (first_out[codes] != _MAX) & (t >= first_out[codes])
    # The latest outside comment (ties: the later stored one): the last of its thread's
    # outside comments ordered by time, then id.
    o = np.flatnonzero(outside)
    o = o[np.lexsort((ids[o], t[o], codes[o]))]
    last = o[np.r_[codes[o][1:] != codes[o][:-1], True]] if len(o) else o
    last_id = np.full(n, None, dtype=object)
    last_id[codes[last]] = ids[last]
    s = pd.DataFrame(
        {
            "key": uniq,
            "owned": [owned[k] for k in uniq],
            "outside": np.bincount(codes, weights=outside, minlength=n).astype(int),
            "answered": np.bincount(codes, weights=voice, minlength=n) > 0,
            "first_outside": _times(first_out),
            "last_outside": _times(_group(np.maximum, codes, t, outside & timed, n, _NAT)),
            "last_outside_id": last_id,
            "first_reply": _times(_group(np.minimum, codes, t, reply, n, _MAX)),
        }
    )
    return s[s["outside"] > 0].reset_index(drop=True)[SUMMARY_COLUMNS]


_NAT = np.iinfo(np.int64).min  # NaT as int64 nanoseconds
_MAX = np.iinfo(np.int64).max


def _group(ufunc, codes: np.ndarray, t: np.ndarray, mask: np.ndarray, n: int, start: int):
    """ufunc (minimum or maximum) of t per group code over the masked rows; `start` where none."""
    out = np.full(n, start, dtype="int64")
    ufunc.at(out, codes[mask], t[mask])
    return out


def _times(ns: np.ndarray) -> pd.Series:
    """int64 nanoseconds (either sentinel = none) as aware UTC times."""
    clean = np.where(ns == _MAX, _NAT, ns).view("datetime64[ns]")
    return pd.Series(pd.to_datetime(clean).tz_localize("UTC"))


@dataclass(frozen=True)
class DialogueCounts:
    """What the dialogue components are made of: threads and answered ones (all, and on the
    brand's own channels), and each answered thread's hours from the first outside comment to
    the brand's reply. Counts of two sets of threads add up (`+`)."""

    threads: int = 0
    answered: int = 0
    own: int = 0
    own_answered: int = 0
    hours: tuple[float, ...] = ()

    def __add__(self, other: DialogueCounts) -> DialogueCounts:
        return DialogueCounts(
            self.threads + other.threads,
            self.answered + other.answered,
            self.own + other.own,
            self.own_answered + other.own_answered,
            self.hours + other.hours,
        )


def response_hours(first_outside, first_reply) -> tuple[float, ...]:
    """Hours from the first outside comment to the brand's reply, per thread that has both
    (two sequences of times, naive UTC or aware)."""
    waited = pd.to_datetime(pd.Series(first_reply), utc=True) - pd.to_datetime(
        pd.Series(first_outside), utc=True
    )
    return tuple((waited.dt.total_seconds() / 3600).dropna().tolist())


def dialogue_counts(summary: pd.DataFrame) -> DialogueCounts:
    """DialogueCounts of thread_summary's rows."""
    owned = summary["owned"].astype(bool).to_numpy()
    answered = summary["answered"].astype(bool).to_numpy()
    return DialogueCounts(
        threads=len(summary),
        answered=int(answered.sum()),
        own=int(owned.sum()),
        own_answered=int((owned & answered).sum()),
        hours=response_hours(summary["first_outside"].tolist(), summary["first_reply"].tolist()),
    )


def _rate(answered: int, threads: int) -> float | None:
    return answered / threads if threads else None


def dialogue_from_counts(c: DialogueCounts) -> dict:
    """dialogue_rate, dialogue_own, dialogue_others, dialogue_threads, dialogue_answered and
    response_hours (the median) from DialogueCounts (rates None when there are no threads)."""
    return {
        "dialogue_rate": _rate(c.answered, c.threads),
        "dialogue_own": _rate(c.own_answered, c.own),
        "dialogue_others": _rate(c.answered - c.own_answered, c.threads - c.own),
        "dialogue_threads": c.threads,
        "dialogue_answered": c.answered,
        "response_hours": float(np.median(c.hours)) if c.hours else None,
    }


def dialogue(summary: pd.DataFrame) -> dict:
    """dialogue_from_counts of thread_summary's rows."""
    return dialogue_from_counts(dialogue_counts(summary))


def unanswered(
    summary: pd.DataFrame, limit: int | None = None, *, owned_first: bool = False
) -> pd.DataFrame:
    """The threads the brand has not answered, newest outside comment first (thread_summary's
    columns); threads without comment times come last, in key order. With `owned_first`, the
    threads under the brand's own posts come before the others (the Dialog page's order)."""
    s = summary[~summary["answered"].astype(bool).to_numpy()]
    # A stable sort of plain tuples: pandas' multi-column sort cost ~100 ms on a few dozen rows
    # (string columns), most of the Dialog page's time once the rows came from SQL.
    times = pd.to_datetime(s["last_outside"], utc=True).tolist()
    other = (~s["owned"].astype(bool)).tolist()
    keys = s["key"].tolist()

    def order(i: int) -> tuple:
        t = times[i]
        newest = (1, 0) if t is pd.NaT else (0, -t.value)  # newest first, untimed last
        return (other[i], *newest, keys[i]) if owned_first else (*newest, keys[i])

    picked = sorted(range(len(s)), key=order)
    s = s.iloc[picked if limit is None else picked[:limit]]
    return s.reset_index(drop=True)


# A digest line and a dashboard row show about two lines of a comment: enough to see what it
# asks without opening it (comments in the demo and the real feeds run 60-400 characters).
SNIPPET_CHARS = 160


def snippet(text: str | None, limit: int = SNIPPET_CHARS) -> str:
    """The text on one line, cut at a word boundary near `limit` characters with an ellipsis."""
    flat = " ".join((text or "").split())
    if len(flat) <= limit:
        return flat
    cut = flat[:limit].rsplit(" ", 1)[0] if " " in flat[:limit] else flat[:limit]
    return cut.rstrip(" ,.;:–-") + "…"
