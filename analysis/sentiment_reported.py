"""Words the writer only reports: opinions split between others ("Hälften ska byta till
Nordvind, andra hälften tycker att Fjällkraft är värt pengarna") and the voices a news item
quotes after them, no verdict of the writer's on the parties; and a party's own words in scare
quotes ("lovade 'bästa räntan'"), mocked.

Part of the brand rules (analysis/sentiment_brand.py, docs/sentiment_brand.md): a fresh probe of
180 two-brand posts (2026-12-05) had four such labels, all neutral and all read as the side the
model heard loudest ("svär över SL" against "skitsmidigt": +0.87), and the demo's parents'
meeting was on Fjällkraft's "Mest negativa".
"""

from __future__ import annotations

import re

from analysis.sentiment_clauses import Reading

# Half against the other half, some against others, or opinions said to be divided. "andra"
# must follow a comma, so "vissa andra bolag" is no split.
_SPLIT = re.compile(
    r"\b(?:hälften|halva)\b[^.!?]{0,120}?\b(?:den\s+)?andra\s+(?:hälften|halvan)\b"
    r"|\b(?:vissa|en\s+del)\b[^.!?]{0,120}?,\s*(?:medan\s+)?andra\b"
    r"|\båsikterna\s+(?:är\s+|går\s+)?(?:delade|isär)\b",
    re.I | re.U,
)


def split_opinions(sentence: str) -> Reading | None:
    """A neutral reading when `sentence` reports opinions split between others, else None."""
    low = sentence.lower()
    if "andra" not in low and "åsikterna" not in low:  # a cheap test first
        return None
    return Reading("", aside=True) if _SPLIT.search(sentence) else None


# A voice quoted in the news way, a dash or a quotation mark first and the speaker after a
# comma or the closing mark ("- Fjällkraft lovar pengar till bygden, men ingen kan köpa tillbaka
# utsikten, säger Gunnar Åström."); not the writer's own ("…, sa jag."), which is a verdict.
_VOICE = re.compile(
    r"^\s*[-–—”“\"]\s*\S.*?[,”“\"]\s*(?:säger|sa|menar|berättar)\b(?!\s+(?:jag|vi)\b)",
    re.I | re.U,
)


def split_voice(sents: list[str], i: int) -> Reading | None:
    """A neutral reading when sentence i quotes a voice after an earlier sentence of the text
    reported opinions split: one of the sides the writer reports. The demo's "Storberget delar
    byn" ("… är åsikterna delade. En del ser nya jobb, andra fruktar buller …" and a voice of
    each side) was −0.78 for Fjällkraft from the first voice's "men ingen kan köpa tillbaka
    utsikten"; its reader calls it neutral, sure."""
    if not _VOICE.search(sents[i]):
        return None
    return Reading("", aside=True) if any(split_opinions(s) for s in sents[:i]) else None


# A party's own words in quotation marks, as the writer mocks them: "Lendo lovade 'bästa
# räntan' och gav mig 12%", "fick 'gratis kaffe' som inte gick att lösa in", "pga
# 'personalbrist'", "Telia säger att det blir fiber 'inom kort'". In the development sets and
# probes read (2026-12-05) the party a phrase so quoted was said of was negative in all 16
# labels, of which koll had read 9 as neutral or positive. A quote is a few words, beside at
# least two words of a sentence (_TOLD), not a lone capitalised name (a product's: "köpte
# 'Billy' på IKEA"), and not in a question; nor the
# words a speaker is given after a colon, ending the sentence, as in a headline: "Fjällkrafts
# vd: ”Jag förstår att många är arga”" (the demo) reports, "PostNord: 'Vi har försökt
# leverera ditt paket' nej det har ni inte" mocks.
_QUOTED = re.compile(
    r"(?:(?<=[\s(:=])|^)['\"”“‘’«»](?P<said>[^'\"”“‘’«»\n]{2,100}?)['\"”“‘’«»](?=[\s.,!?;:)]|$)",
    re.U,
)
# Twelve words: a company's reply is quoted whole ("SJ svarar mig att de 'beklagar olägenheten
# och ständigt arbetar med att förbättra punktligheten'", nine words; a fresh probe), a
# headline's quote of a speaker is left out by the colon test above.
_QUOTED_MAX_WORDS = 12
_QUOTE_MARK = re.compile("['\"”“‘’«»]")
# Words of the sentence beside the quote, in lower case: a headline of names and a quote,
# "Nordvind och Fjällkraft, "elbolagen i norr"", quotes an epithet (the API tests' neutral item
# had turned negative).
_TOLD = re.compile(r"\b(?!(?:och|eller|samt)\b)[a-zåäö]\w*", re.U)


def scare_quoted(part: str) -> bool:
    """Whether the brand's clause `part` quotes a party's words to mock them (_QUOTED)."""
    if _QUOTE_MARK.search(part) is None or part.rstrip().endswith("?"):
        return False  # a cheap test first: most clauses quote nothing
    for m in _QUOTED.finditer(part):
        words = m.group("said").split()
        if len(words) > _QUOTED_MAX_WORDS:
            continue
        if len(words) == 1 and words[0][:1].isupper():
            continue
        if part[: m.start()].rstrip().endswith(":") and not part[m.end() :].strip(" .!"):
            continue
        if len(_TOLD.findall(part[: m.start()] + " " + part[m.end() :])) < 2:
            continue  # names and a quote: a headline's epithet
        return True
    return False
