"""A writer defending companies against other people's complaints ("Vad hade ni väntat er?",
"Skäll inte på tjejen i kassan", "Alla skäller på PostNord men …"): not complaining of them.

Part of the brand rules (analysis/sentiment_brand.py, docs/sentiment_brand.md): in a fresh probe
of 180 two-brand posts (2026-12-05) the model read such defences as complaints ("vad hade ni
väntat er" −0.9, "Skäll inte på …" −0.85), 4 of 32 labels right; the demo's "Vad hade ni väntat
er? Elpriset har stigit för alla." was on the first page of "Mest negativa".
"""

from __future__ import annotations

import re
from collections.abc import Callable

# A writer defending companies against other people's complaints is not complaining of them
# ("Vad hade ni väntat er?", "Skäll inte på tjejen i kassan", "det är inte butikens fel att …",
# "klaga på rätt ställe"). _DEFENCE defends every party the text names, _DEFENDED_PARTY the one
# it names ("Alla skäller på PostNord men …": not DHL, in "DHL är inte bättre" after it).
_DEFENCE = re.compile(
    r"\bvad\s+(?:hade|har)\s+(?:ni|du)\s+(?:för)?väntat\s+(?:er|dig)\b"
    r"|\b(?:skäll|klaga|gnäll)a?\s+inte\s+på\b"
    r"|\bsluta\s+(?:gnäll|klag|skäll|stressa|bråka|hata)\w*"
    r"|\b(?:klaga|skäll|skäll\w*)\s+på\s+rätt\s+(?:ställe|person|instans)"
    r"|\binte\s+(?:deras|dom(?:s)?|butikens|bolagets|personalens|mackens|affärens|kassörskans)\s+fel\b"
    r"|\bdet\s+är\s+inte\s+(?:butiken|macken|affären|personalen|kassörskan|killen|tjejen)\s+som\b"
    r"|\bfolk\s+(?:bråkar|tjafsar|grälar|gnäller)\s+om\s+(?:det|detta|sånt)\b"
    r"|\blugna\s+ner\s+er\b"
    # A shrug that the real problem is elsewhere: "Ärligt talat, 20 kr i månaden. Folk borde
    # oroa sig mer över nätavgiften." (the demo: −0.54, a reader's "neutral").
    r"|\bborde\s+oroa\s+sig\s+(?:mer|mycket\s+mer)\s+(?:över|för|om)\b"
    # Complainers said to have been unlucky: "alla i gruppen som säger att de är kassa har nog
    # bara otur" (a fresh two-brand probe, 2026-12-05).
    r"|\bhar\s+(?:nog|väl|säkert)\s+bara\s+(?:haft\s+)?otur\b",
    re.I | re.U,
)
# Others complaining, and the writer answering with "men" ("… och de har rätt" agrees), or
# addressed ("Till alla som klagar på Circle K i tråden: …").
_DEFENDED_PARTY = re.compile(
    r"\b(?:alla|folk|många)\s+(?:som\s+)?(?:verkar\s+|tycks\s+)?"
    r"(?:(?:skäller|klagar|gnäller|bråkar)\s+(?:på|över)"
    # "Jag vet att alla älskar att hata Comviq men för 149 kr …" (a fresh two-brand probe,
    # 2026-12-05: −0.63).
    r"|(?:älskar\s+att\s+)?hata[r]?(?:\s+(?:på|över))?)\s+"
    r"(?P<party>[^,.;:!?]{1,40}?)(?:,?\s+men\b"
    # Or the next sentence calling it unfair: "Alla verkar hata Fjällkraft just nu. Jag tycker
    # att det är orättvist." (the demo: −0.07 and in "Mest negativa", a reader's "positive").
    r"|(?:\s+just)?(?:\s+nu)?\s*[.!]\s+[^.!?]{0,40}?\b(?:orättvis|oförtjänt|överdrivet)\w*)"
    r"|\btill\s+alla\s+som\s+(?:skäller|klagar|gnäller|bråkar|hatar)\s+(?:på|över)\s+"
    r"(?P<addressed>[^,.;:!?]{1,40}?)(?=\s+i\s+tråden|\s*[:,.;!?]|$)"
    # A party's fault denied by name: "Det är inte Postnords fel att folk inte är hemma …" (a
    # fresh two-brand probe, 2026-12-06: −0.35, a defence to its writer).
    r"|\binte\s+(?P<owner>(?-i:[@#]?[A-ZÅÄÖ])[\w&.-]*(?:\s+(?-i:[A-ZÅÄÖ])[\w&.-]*){0,2}?)"
    r"(?::s|s)\s+fel\b",
    re.I | re.U,
)
# The party named right after "det är (ju)", with a capital: "det är likadant på ICA som …" blames nobody.
_BLAME = re.compile(
    r"\bdet\s+är\s+(?:ju\s+|faktiskt\s+)?(?P<party>(?-i:[@#]?[A-ZÅÄÖ])[^,.;!?]{0,40}?)\s+som\b",
    re.I | re.U,
)


# Words one of the defences needs: the two regexes, run on every text, had made scoring real
# posts 6 % slower (python -m bench.sentiment); the words are looked for in a tenth of the time.
_DEFENCE_WORDS = (
    "väntat", "skäll", "klag", "gnäll", "sluta", "s fel", "dom fel", "lugna", "bråka", "tjafs",
    "gräla", "inte butiken", "inte macken", "inte affären", "inte personalen", "inte kassörskan",
    "inte killen", "inte tjejen", "oroa sig", "hata", "otur",
)  # fmt: skip


def defended(text: str, mentions: Callable[[str], bool]) -> bool:
    """Whether the text defends the brand against other people's complaints, and does not
    turn the blame on it ("det är ju MTR som kör tunnelbanan")."""
    low = text.lower()
    if not any(w in low for w in _DEFENCE_WORDS):
        return False
    if _DEFENCE.search(text) is None and not any(
        mentions(m.group("party") or m.group("addressed") or m.group("owner"))
        for m in _DEFENDED_PARTY.finditer(text)
    ):
        return False
    return not any(mentions(m.group("party")) for m in _BLAME.finditer(text))


# Complainers told they have never tried the alternative: the writer holds the party better than
# its name ("Ni som klagar på Västtrafik har aldrig åkt med Länstrafiken Kronoberg", "Folk som
# gnäller på Systembolaget har aldrig varit i Finland …"; a fresh two-brand probe, 2026-12-05:
# positive for the party, three labels of three, read from −0.96 to +0.06).
_NEVER_TRIED = re.compile(
    r"\b(?:ni|de|dom|folk|alla|många)\s+som\s+(?:\w+\s+){0,2}?"
    r"(?:klagar|gnäller|skäller|hatar|svär|skriver|säger|tycker)\s+(?:(?:på|över|om|att)\s+)?"
    r"(?P<party>[^,.;:!?]{1,60}?)\s+har\s+(?:\w+\s+){0,2}?aldrig\s+(?:\w+\s+){0,2}?"
    r"(?:åkt|varit|provat|testat|prövat|bott|handlat|haft|använt|sett|försökt|ringt|flugit)\b",
    re.I | re.U,
)


def vindicated(text: str, mentions: Callable[[str], bool]) -> bool:
    """Whether the text tells the brand's critics they have never tried the alternative
    (_NEVER_TRIED): a defence that holds the brand the better, not only blameless."""
    low = text.lower()
    if "aldrig" not in low or " som " not in low:  # a cheap test first
        return False
    return any(mentions(m.group("party")) for m in _NEVER_TRIED.finditer(text))
