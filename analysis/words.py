"""Common Swedish and English words, so that brand matching knows when a name is also a word.

A brand called Vattenfall, Klarna, Posten, Stadium or Apple shares its name with a word
("vattenfallet", "klarnade", "posten", "i ett tidigt stadium", "picking apples"). koll tells the
two apart with dictionaries: data/lexicons/words_sv.txt.gz (the lower-case entries of the Swedish
aspell dictionary, LGPL-2.1) and words_en.txt.gz (of the SCOWL English lists), built by
scripts/wordlists/build.py; see data/LICENSES.md. A dictionary writes names with a capital
("Volvo", "Ikea"), so only lower-case entries are kept: a name found there is also a word.
"""

from __future__ import annotations

import gzip
from functools import lru_cache

from analysis.resources import data_path

FILES = (("lexicons", "words_sv.txt.gz"), ("lexicons", "words_en.txt.gz"))


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Every lower-case word form of both dictionaries (about 180,000; read once per process)."""
    out: set[str] = set()
    for parts in FILES:
        out.update(gzip.decompress(data_path(*parts).read_bytes()).decode("utf-8").split())
    return frozenset(out)


def is_word(text: str) -> bool:
    """Whether `text` (any case; several words: each of them) is a common word, not only a name."""
    words = text.lower().split()
    known = common_words()
    return bool(words) and all(w in known for w in words)
