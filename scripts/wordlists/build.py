"""Build data/lexicons/words_sv.txt.gz and words_en.txt.gz: the lower-case common words that tell
brand matching when a name is also a word ("Vattenfall"/"vattenfall", "Apple"/"apples").

Inputs are Debian's word-list packages, fetched with `apt-get download aspell-sv wamerican
wbritish` and unpacked with `dpkg-deb -x PKG.deb DIR`:
- aspell-sv (Swedish, LGPL-2.1, (c) Martin Norbäck and the Skåne Sjælland Linux User Group):
  usr/share/aspell/sv.cwl.gz, a prefix-compressed list of 119,591 word forms;
- wamerican and wbritish (SCOWL, (c) Kevin Atkinson, permissive licence; see data/LICENSES.md):
  usr/share/dict/american-english and british-english.
Only entries written entirely in lower case are kept: a dictionary writes names with a capital
("Volvo", "Ikea"), so a lower-case entry is a common word. Run from the repository root:

    python scripts/wordlists/build.py UNPACKED_DIR
"""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

OUT = Path("data/lexicons")


def aspell_words(path: Path) -> list[str]:
    """Decode aspell's .cwl: each word is a byte (1 + letters shared with the previous word)
    followed by the rest of the word, in ISO-8859-1."""
    raw = gzip.decompress(path.read_bytes())
    words, prev, i = [], b"", 0
    while i < len(raw):
        shared = raw[i] - 1
        j = i + 1
        while j < len(raw) and raw[j] >= 32:
            j += 1
        prev = prev[:shared] + raw[i + 1 : j]
        words.append(prev.decode("latin-1"))
        i = j
    return words


def lower_only(words) -> list[str]:
    return sorted({w for w in words if w and w == w.lower() and "'" not in w and w[0].isalpha()})


def write(name: str, words: list[str]) -> None:
    data = ("\n".join(words) + "\n").encode("utf-8")
    # mtime=0: the same input gives byte-identical output (a rebuild changes nothing in git).
    (OUT / name).write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
    print(f"{name}: {len(words)} words")


def main(root: str) -> None:
    base = Path(root)
    write("words_sv.txt.gz", lower_only(aspell_words(base / "usr/share/aspell/sv.cwl.gz")))
    en: list[str] = []
    for f in ("american-english", "british-english"):
        en += (base / "usr/share/dict" / f).read_text(encoding="utf-8").split("\n")
    write("words_en.txt.gz", lower_only(en))


if __name__ == "__main__":
    main(sys.argv[1])
