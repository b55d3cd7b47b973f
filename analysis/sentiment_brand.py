"""Tone towards one brand in a text that may name several: which sentences and clauses are about it.

The public entry is classify_for_brand(); analysis/sentiment.py scores the pieces it picks out.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from analysis import lang as langid
from analysis.sentiment import (
    Memo,
    Probs,
    Sentiment,
    _aggregate,
    _probs,
    _result,
    _scored,
    _sentences,
    _text_probs,
    current_model,
)
from analysis.sentiment_lexicon import EMOJI_NEG, EMOJI_POS, IRONY, NEG, POS, analyse, swedish
from analysis.sentiment_wordings import plain_comparison, plain_idioms
from analysis.text import STOP_WORDS, sentences
from analysis.words import is_word

#: Bump when these rules change the tone towards a brand for the same text and model: the store
#: records the revision its mentions were scored with, and `koll analyse` rescores them once
#: when it differs, as it does after a change of model (koll/jobs/rescore.py).
# 2 (issue 15): comparisons, switches, "och"/comma clauses, ellipsis. 3: a reply's quoted title
# is not scored (analysis.item_text), and with the brand unnamed, another brand's sentences are
# that brand's. 4 (i15-lex): fleeing ("flyr till") is switching, a switch's occasion ("efter
# prishöjningen") and its switching words are not its verdict, a switch stating no opinion is
# the choice; the model's revision 6 reads "toppenjobb" itself. 5: "står inte ut med" is an idiom.
# 6: leaving with nobody joined is churn (negated: loyalty), a broken promise of time, a
# postpositive "däremot" begins its clause, "A > B". 7 (natural development set): comparisons
# said with a verb or idiom (analysis/sentiment_wordings.py) or opening the sentence, a conceded
# comparison, envy, more switching wordings, a name-only subject shared over "och", a clause
# naming nobody goes with the party before it, places are no parties, emoji runs end clauses.
RULES_REVISION = 7
# Sentences that do not mention the brand still count, less than those that do, and hardly at all
# when they name some other party.
CONTEXT_WEIGHT, OTHER_PARTY_WEIGHT = 0.5, 0.1
# Clause boundaries inside a sentence: semicolons, dashes, commas, and "och" or a contrast
# conjunction ("Älskar Elgiganten, hatar Netonnet"; "Bolt levererar och Voi strular").
# An emoji run ends a clause when a name follows ("Lidl 👍 Citygross 👎", natural development set).
_CLAUSE = re.compile(
    r"\s*[;–—]\s*|\s*,\s*|,?\s+(?=(?:men|fast|medan|däremot|but|while|whereas)\s)|\s+och\s+"
    r"|(?<=[\u2600-\u27bf\U0001f000-\U0001faff])\s+(?=[@#]?[A-ZÅÄÖ])",
    re.I | re.U,
)
# A piece that is only a name, perhaps after "både"/"varken" ("Både Avanza och Nordnet är grymma",
# "Clas Ohlson och Jula"), is the subject the next piece shares, not a clause of its own.
_NAME_ONLY = re.compile(
    r"(?:(?i:både|varken|antingen)\s+)?[@#]?[A-ZÅÄÖ][\w&.'-]*(?:\s+[A-ZÅÄÖ][\w&.'-]*){0,2}", re.U
)
_LEADING = ("men", "fast", "medan", "däremot", "but")
# "däremot" and "dock" may follow the subject they contrast ("Telenor däremot strular").
_POSTPOSITIVE = re.compile(r"(?:däremot|dock)\b", re.I | re.U)
# A capitalised word, perhaps a handle or hashtag, not inside another word. Written to start with
# a character set (the look-behinds then check the character before it) so that the regex
# engine skips ahead to candidates; same matches as (?<![\w@#])[@#]?[A-ZÅÄÖ][\w&.-]*.
_CAP_WORD = re.compile(r"[@#A-ZÅÄÖ](?<![\w@#].)(?:(?<=[@#])[A-ZÅÄÖ]|(?<=[A-ZÅÄÖ]))[\w&.-]*", re.U)
# Comparisons: "A är dyrare än B", "hellre A än B", "föredrar A framför B", "A är (inte) lika
# bra som B". The group marks where the other side begins.
_COMPARE = re.compile(
    r"\s(än|framför|i ?stället för|jämfört med|i jämförelse med)\s"
    r"|\b(?:lika|så|samma)\s+\w+(?:\s+\w+)?\s+(som)\s",
    re.I | re.U,
)
# A comparison that opens its sentence or clause ("Till skillnad från Trygg-Hansa betalade
# Folksam ut ersättningen", "SL är inte perfekt men jämfört med Västtrafik är det rena lyxen"):
# the party named first is the other side of what the rest says. Only the opening words ignore
# case. The natural development set's misses; "..., till skillnad från Voi" closing a sentence
# is _elliptic's.
_FRONT = re.compile(
    r"(?:^|,\s*|\s(?i:men)\s+)(?P<mark>(?i:till skillnad från|i motsats till|jämfört med|"
    r"i jämförelse med))"
    r"\s+(?P<other>[@#]?[A-ZÅÄÖ][\w&.'-]*(?:\s+[A-ZÅÄÖ][\w&.'-]*){0,2})\s*,?\s+(?P<rest>\w.*)",
    re.U,
)
# "Max > Burger King" (fight me): better than, written as in maths; "<" worse than.
_BETTER = re.compile(r"\s(>+|<+)\s", re.U)
# A preference verb carries the stance the model misses on its own ("hellre A" reads neutral);
# "gillar" says the same to the model.
_PREFER = re.compile(
    r"\b(?:(?:tar|väljer|köper|handlar|åker|kör|går|betalar|flyger|beställer|väntar)\s+)?hellre\b"
    r"|\b(?:föredr\w+|väljer|valde)\b",
    re.I | re.U,
)
# A comparison conceded before the verdict ("Visst är Webhallen lite dyrare än Komplett men
# supporten är värd varenda krona"): what follows "men" is the verdict, clause by clause.
_CONCEDE = re.compile(r"\b(?:visst|visserligen|förvisso|iofs|i och för sig)\b", re.I | re.U)
_BUT = re.compile(r"\b(?:men|but)\b", re.I | re.U)
# Envy: "Varför kan inte alla banker ha en app som Länsförsäkringar?" praises the one named.
_ENVY = re.compile(
    r"\b(?i:varför (?:kan|är|har) (?:inte alla|inte fler|alla inte)|önskar att alla|om bara alla)\b"
    r"[^?.!]*?\b(?i:som)\s+(?P<name>[@#]?[A-ZÅÄÖ][\w&.'-]*(?:\s+[A-ZÅÄÖ][\w&.'-]*){0,2})",
    re.U,
)
_NEGATION = re.compile(r"\b(?:inte|ej|icke|aldrig|knappast|not)\b", re.I | re.U)
# Switching: "bytte från A till B", "gick över till B från A", "lämnade A för B", "bytte ut A
# mot B", "kunder flyr från A till B". src is the party left, dst the one joined.
_SWITCH = re.compile(
    r"\b(?:byt|bytt|bytte|byter|byta|gå|gått|gick|går|flytt\w*|lämna\w*|fly|flyr|flydde|port\w*|"
    r"återv[äe]nd\w*|teckna\w*)\b",
    re.I,
)
# The switching words themselves ("bytte ut", "gick över", "lämnade", "flyr"): the model reads
# them as a customer's complaint, so they are left out of what it scores for a switch (the demo's
# "Kunder flyr till Nordvind efter prishöjningen" was negative for Nordvind).
_SWITCH_WORDS = re.compile(
    r"\b(?:byt\w*|gå|går|gått|gick|flytt\w*|lämna\w*|fly|flyr|flydde|port\w*|återv[äe]nd\w*)"
    r"(?:\s+(?:ut|över|tillbaka)\b)?\s*",
    re.I | re.U,
)
# The occasion of a switch ("efter prishöjningen", "på grund av strulet") is what the party left
# did: it is no verdict on the one joined.
_OCCASION = re.compile(r"\s+(?:efter|på grund av|pga\.?|p\.g\.a\.?)\s+[^,;.!?]+", re.I | re.U)
_SWITCH_SHAPES = (
    re.compile(r"\b(?:i)?från\s+(?P<src>.+?)\s+till\s+(?P<dst>.+)", re.I | re.U),
    re.compile(r"\btill\s+(?P<dst>.+?)\s+(?:i)?från\s+(?P<src>.+)", re.I | re.U),
    re.compile(r"\blämna\w*\s+(?P<src>.+?)\s+för\s+(?P<dst>.+)", re.I | re.U),
    re.compile(r"\bbyt\w*\s+(?:ut\s+)?(?P<src>.+?)\s+mot\s+(?P<dst>.+)", re.I | re.U),
    # "Sa upp försäkringen hos Trygg-Hansa och tecknade ny hos Folksam" (natural development set).
    re.compile(
        r"\bs(?:a|ade|äger|agt)\s+upp\s+(?:\w+\s+){0,2}?(?:hos|på|med)\s+(?P<src>.+?)\s+och\s+"
        r"(?:tecknade|tecknat|tog|skaffade|gick)\s+(?:\w+\s+){0,2}?(?:hos|på|med|till)\s+(?P<dst>.+)",
        re.I | re.U,
    ),
)
# Switching to a party with no party left named in the same clause: "Har bytt till Coop, ICA
# var för dyra" (ICA's own clause speaks for ICA).
# A few words may come between the verb and "till" ("Flyttade hela sparandet till Avanza",
# "bytte elbolag till ..."); coming back is switching too ("Gick tillbaka till Lidl",
# "Återvände till Telia"), all from the natural development set.
_SWITCH_TO = re.compile(
    r"\b(?:(?:byt\w*|gå\w* över|gick över|fly|flyr|flydde|flytt\w*|port\w*|återv[äe]nd\w*)"
    r"(?:\s+(?!till\b)\w+){0,3}?|(?:gå|går|gick|gått|kom|kommer|kommit)\s+tillbaka)"
    r"\s+(?:tillbaka\s+)?till\s+(?P<dst>[^,;.!?]+)",
    re.I | re.U,
)
# Leaving a party, named right after the verb (a capitalised name, handle or hashtag, up to
# three words; only the verb ignores case), perhaps after a negation: "lämnar Fjällkraft",
# "flydde från Telia", "sa upp mitt abonnemang hos SJ", "lämnar inte Telia".
_LEAVE = re.compile(
    r"\b(?i:lämna(?:r|de|t)?|fly(?:r|dde)?(?:\s+från)?|byt(?:er|te|t|a)?\s+från|"
    r"s(?:äger|äga|agt|ade|a)\s+upp\s+"
    r"(?:mig|oss|(?:mitt|vårt|min|vår|mina|våra)\s+\w+)\s+(?:hos|på|från|med))\s+"
    r"(?P<neg>(?i:inte|aldrig|ej)\s+)?(?P<src>[@#]?[A-ZÅÄÖ][\w&.-]*(?:\s+[A-ZÅÄÖ][\w&.-]*){0,2})",
    re.U,
)
# A capitalised word right after these is a place: "… som pendeln står still vid Karlberg 👏👏"
# had made the ironic clause another party's, so SL kept only "Snyggt jobbat SL" (natural
# development set).
_AT_PLACE = re.compile(r"\b(?:i|vid|utanför|nära)\s+$", re.I | re.U)
_NOBODY = re.compile(r"\b(?:ingen|inga|ingenting|inget)\b", re.I | re.U)
# A switch only thought of or asked about ("Funderar på att byta till ...", "Ska man byta ...?").
_HEDGE = re.compile(
    r"\b(?:funder\w*|överväg\w*|kanske|ska man|borde|bör|om|ifall|tänker på|vill)\b", re.I | re.U
)
# No regret is the verdict on a switch ("... och ångrar inget"); the model reads "ångrar" as a
# complaint, so the verdict is put in words it reads as such.
_NO_REGRET = re.compile(
    r"\bångra\w*\s+(?:inte|inget|ingenting|aldrig)\b|\b(?:inte|aldrig)\s+ångra\w*", re.I | re.U
)
# "Kan inte säga detsamma om B": B gets the previous sentence's tone, the opposite if negated.
_SAME = re.compile(r"\b(?:detsamma|samma sak|samma sak gäller|likadant|likadana)\b", re.I | re.U)


# A clause that only names the brand against, or alongside, the rest of the sentence: "Bolt är
# bra, men inte Voi", "... till skillnad från Voi", "... liksom Voi".
_ELLIPSIS = re.compile(
    r"(?:men\s+|och\s+)?(?:(?P<neg>inte|ej|aldrig|till skillnad från|i motsats till|utom|"
    r"förutom)|liksom|precis som|även|också|likaså)\b",
    re.I | re.U,
)


@dataclass(frozen=True, slots=True)
class Reading:
    """What to score for the brand in one sentence, and whether the brand gets the opposite tone
    of it (the other side of a comparison, the party left behind)."""

    text: str
    flip: bool = False
    # A switch of supplier: with no opinion stated, the switch itself is the choice (the one
    # joined is preferred, the one left is churn), so a neutral reading leans that way.
    choice: bool = False


def _names_other(
    clause: str, others: Callable[[str], bool] | None, sentence_case: bool = False
) -> bool:
    """Does this clause (which does not mention the brand) speak about some other named party?

    A configured other brand (`others`, which also knows lower-case handles such as @nordvind)
    or any capitalised name that is not a word koll knows: "Fjällkraft är bra men Vattenfall är
    usel" is positive towards Fjällkraft whether or not Vattenfall is configured. With
    `sentence_case`, the clause is a whole sentence whose first word is capitalised as such
    ("Personalen var supertrevlig"), not taken for a name, as the model does (model_tokens).
    """
    if others is not None and others(clause):
        return True
    lex = swedish()
    skip = len(clause) - len(clause.lstrip()) if sentence_case else -1
    for m in _CAP_WORD.finditer(clause):
        if m.start() == skip:
            continue
        w = m.group().lstrip("@#").lower()
        if w[-1] != "s" and _AT_PLACE.search(clause, 0, m.start()):
            continue  # a place ("står still vid Karlberg"), not a party; "i Telias app" is one
        if w in STOP_WORDS or lex.value(w) is not None or w in lex.contrasts:
            continue
        return True
    return False


def _clauses(sentence: str) -> list[str]:
    """The sentence cut at clause boundaries; a piece of one word ("ICA, Coop och Willys är
    dyra") is no clause of its own and stays with its neighbours."""
    cuts = list(_CLAUSE.finditer(sentence))
    starts = [0] + [m.end() for m in cuts]
    ends = [m.start() for m in cuts] + [len(sentence)]
    pieces = [(b, e) for b, e in zip(starts, ends, strict=True) if sentence[b:e].strip()]
    out: list[list] = []  # [start, end, short]
    for j, (b, e) in enumerate(pieces):
        n_words = len(sentence[b:e].split())
        short = n_words < 2
        nxt = pieces[j + 1][0] if j + 1 < len(pieces) else -1
        if not short and nxt > 0 and _shares_subject(sentence[b:e].strip(), sentence[e:nxt], j):
            out.append([b, e, True])  # joined to the next piece, which shares the subject
            continue
        if nxt > 0 and n_words <= 2 and _POSTPOSITIVE.match(sentence, nxt):
            # "…, Telenor däremot 🙄", "men Voi däremot …": the words before a postpositive
            # "däremot" begin its clause (they were left with the clause before, naming
            # Telenor in Bahnhof's praise).
            out.append([b, e, True])
            continue
        if out and (short or out[-1][2]):
            out[-1][1] = e
            out[-1][2] = out[-1][2] and short
        else:
            out.append([b, e, short])
    return [sentence[b:e] for b, e, _ in out]


def _shares_subject(piece: str, cut: str, j: int) -> bool:
    """Is this piece only a name joined by "och" to the next (_NAME_ONLY)? The first piece's
    capital may be the sentence's ("Testade Budbee och Wolt, båda var usla"): a word of the
    dictionary there is no name."""
    if cut.strip().lower() != "och" or not _NAME_ONLY.fullmatch(piece):
        return False
    first = piece.split(None, 1)[0].lower()
    return j > 0 or first in ("både", "varken", "antingen") or not is_word(first)


def _brand_part(
    sentence: str, mentions: Callable[[str], bool], others, clauses: list[str] | None = None
) -> str:
    """The part of a sentence that is about the brand: drop clauses about another party.
    `clauses`: _clauses(sentence), when the caller has them already."""
    clauses = _clauses(sentence) if clauses is None else clauses
    if len(clauses) < 2:
        return sentence
    # A clause naming nobody goes with the party of the clause before it ("Biltema hade slut på
    # allt, Jula hade precis det jag letade efter | och billigare dessutom" is Jula's); before
    # any party is named, with every party.
    keep, mine = [], True
    for c in clauses:
        if mentions(c):
            mine = True
        elif _names_other(c, others):
            mine = False
        if mine:
            keep.append(c)
    if not keep or len(keep) == len(clauses):
        return sentence  # nothing about another party: the sentence as written
    first = keep[0].split(None, 1)
    if len(first) == 2 and first[0].lower() in _LEADING:
        keep[0] = first[1]
    return " ".join(c.strip() for c in keep)


def _other_side(side: str, mentions: Callable[[str], bool], others, at_start=False) -> bool:
    """Does this side of a sentence name another party and not the brand? `at_start`: it begins
    the sentence, so its first word is capitalised as such ("Leveransen tog längre tid än
    Postnord lovade" compares nobody with Postnord)."""
    return not mentions(side) and _names_other(side, others, sentence_case=at_start)


def _compared(sentence: str, mentions: Callable[[str], bool], others) -> Reading | None:
    """The brand's side of a comparison with another party, or None when there is none.

    The side before the comparison word carries the evaluation ("Coop är dyrare"); the brand
    on it gets that tone, a brand after "än"/"framför" the opposite ("... än ICA" is praise of
    ICA), after "lika ... som" the same unless negated ("inte lika bra som ICA").
    """
    m = _BETTER.search(sentence)
    if m is not None:
        left, right = sentence[: m.start()], sentence[m.end() :]
        said = left.strip() + (" är bättre" if m.group(1)[0] == ">" else " är sämre")
        if mentions(left) and _other_side(right, mentions, others):
            return Reading(said)
        if mentions(right) and _other_side(left, mentions, others, at_start=True):
            return Reading(said, flip=True)
    m = _COMPARE.search(sentence)
    if m is None:
        return None
    cut = m.start(1) if m.group(1) else m.start(2)
    left, right = sentence[:cut].rstrip(), sentence[m.end() :]
    if _CONCEDE.search(left) and _BUT.search(right):
        return None
    said = _PREFER.sub("gillar", left)
    # "A istället för B" is a choice, as a switch is.
    instead = (m.group(1) or "").lower().endswith(" för")
    if mentions(left) and _other_side(right, mentions, others):
        return Reading(said, choice=instead)
    if mentions(right) and _other_side(left, mentions, others, at_start=True):
        equal = m.group(2) is not None
        return Reading(said, flip=not equal or bool(_NEGATION.search(left)), choice=instead)
    if mentions(right) and not mentions(left) and _PREFER.search(left):
        # "Hellre går jag till jobbet än tar Flixbus igen": anything rather than the brand
        # (neutral in the natural development set).
        return Reading(said, flip=True)
    return None


def _envied(sentence: str, mentions: Callable[[str], bool]) -> Reading | None:
    """The party others should be like (_ENVY): praise, which the model read as neutral or, from
    the rhetorical question's "inte", as a complaint."""
    m = _ENVY.search(sentence)
    if m is None or not mentions(m.group("name")):
        return None
    return Reading("Gillar " + m.group("name"))


def _fronted(sentence: str, mentions: Callable[[str], bool], others) -> Reading | None:
    """A comparison opening its sentence or clause (_FRONT): the party it names first gets
    the opposite of what the rest says, the brand in the rest (or before it) the rest's tone."""
    m = _FRONT.search(sentence)
    if m is None:
        return None
    other, rest = m.group("other"), m.group("rest")
    if mentions(other):
        return Reading(rest, flip=True)
    said = (sentence[: m.start("mark")] + rest).strip()
    if mentions(said) and _names_other(other, others):
        return Reading(said)
    return None


def _verdict(sentence: str) -> str:
    """What a switching sentence says of the switch: the clauses after the one that switches
    ("bytte från Telia till Tele2 | och ångrar mig bittert"), else the whole sentence. The
    model reads "bytte från ... till ..." itself as a customer's complaint or praise."""
    clauses = _clauses(sentence)
    if len(clauses) > 1 and _SWITCH.search(clauses[0]):
        return " ".join(c.strip() for c in clauses[1:])
    return _unswitched(sentence)


def _unswitched(text: str) -> str:
    """A switching sentence without its switching words and occasion ("Jag lämnade Fjällkraft
    för Nordvind efter prishöjningen" -> "Jag Fjällkraft för Nordvind"): what is left says
    what the writer thinks of it, if anything."""
    return _OCCASION.sub("", _SWITCH_WORDS.sub("", text))


def _switched(sentence: str, mentions: Callable[[str], bool], others) -> Reading | None:
    """Switching from one party to another: the one joined gets the sentence's tone ("bytte
    från ICA till Coop och ångrar inget"), the one left the opposite."""
    if not _SWITCH.search(sentence):
        return None
    for shape in _SWITCH_SHAPES:
        m = shape.search(sentence)
        if m is None:
            continue
        src, dst = m.group("src"), m.group("dst")
        said = _NO_REGRET.sub("är supernöjd", _verdict(sentence))
        # Only thought of ("Funderar på att byta från A till B"): no choice made yet.
        chosen = _HEDGE.search(sentence[: m.start()]) is None
        if chosen:
            said = _stated(said, dst)
        if mentions(src) and _other_side(dst, mentions, others):
            return Reading(said, flip=True, choice=chosen)
        if mentions(dst) and _other_side(src, mentions, others):
            return Reading(said, choice=chosen)
    m = _SWITCH_TO.search(sentence)
    if m is None or not mentions(m.group("dst")):
        return None
    joined = _OCCASION.sub("", m.group("dst"))
    if not mentions(joined) and _names_other(joined, others):
        # The brand only in the occasion: "Gick tillbaka till Lidl efter en månad på
        # Citygross" leaves Citygross (it had been Citygross's choice).
        return Reading("Gillar " + joined.strip(), flip=True, choice=True)
    # The party left is named in a clause of its own ("..., ICA var för dyra").
    if any(
        _other_side(c, mentions, others, at_start=not i) for i, c in enumerate(_clauses(sentence))
    ):
        return Reading(
            _NO_REGRET.sub("är supernöjd", _brand_part(sentence, mentions, others)), choice=True
        )
    return _joined(sentence, m)


def _left(sentence: str, mentions: Callable[[str], bool]) -> Reading | None:
    """Leaving the brand with no party joined named ("Hundratals kunder lämnar Fjällkraft",
    "Sa upp mitt abonnemang hos Telia"): churn, bad for the brand whatever else the sentence
    says ("..., bästa beslutet" is a verdict on leaving). The model read the demo's "Hundratals
    kunder lämnar Fjällkraft" as neutral. Negated, it is loyalty ("Skulle aldrig byta från
    Bahnhof"). Only thought of ("Funderar på att lämna ...") or nobody leaving ("Ingen lämnar
    ...") is left to the model, as is the brand leaving something ("Fjällkraft lämnar Kiruna")
    or something left with it ("lämnade paketet hos Postnord")."""
    m = _LEAVE.search(sentence)
    if m is None or not mentions(m.group("src")):
        return None
    before = sentence[: m.start()]
    if _HEDGE.search(before) or _NOBODY.search(before):
        return None
    # "Skulle aldrig byta från Bahnhof", "Jag lämnar inte Telia": loyalty (it was negative).
    loyal = m.group("neg") is not None or _NEGATION.search(before) is not None
    return Reading("Gillar " + m.group("src"), flip=not loyal, choice=True)


def _joined(sentence: str, m: re.Match) -> Reading:
    """Switching to the brand with no party left named ("Bytte till Nordvind igår.", "Funderar
    på att byta tillbaka till Fjällkraft"): the switch is the choice of the brand, the opposite
    when negated ("byter aldrig till ..."). The model reads "bytte till" itself as a customer's
    complaint (the demo's "Bytte till Nordvind igår. Tog två minuter." was Nordvind's most
    negative mention), so the switching words are left out of what it scores."""
    before = sentence[: m.start()]
    dst = _OCCASION.sub("", sentence[m.start("dst") :])
    said = _NO_REGRET.sub("är supernöjd", before + dst)
    before = sentence[
        : m.start("dst")
    ]  # with the words between verb and "till": "byter aldrig till"
    # Thinking of switching is no choice made yet: the development set's author called
    # "Funderar på att byta till Zalando" neutral.
    hedged = _HEDGE.search(before) is not None
    if not hedged:
        said = _stated(said, dst)
    # "Ingen flyr till Nordvind": nobody chooses her.
    negated = _NEGATION.search(before) is not None or _NOBODY.search(before) is not None
    return Reading(said, flip=negated, choice=not hedged)


def _stated(said: str, dst: str) -> str:
    """What a switch says of itself, or, when it says nothing the lexicon knows ("Kunder flyr
    till Nordvind": "Kunder Nordvind"), the choice in words the model reads ("Gillar
    Nordvind"): the model read the bare subject "Kunder" as a complaint, so the one joined
    came out negative and the one left positive."""
    f = analyse(said, swedish())
    if f[POS] or f[NEG] or f[EMOJI_POS] or f[EMOJI_NEG] or f[IRONY]:
        return said
    return "Gillar " + _OCCASION.sub("", dst).strip()


def _elliptic(clauses: list[str], mentions: Callable[[str], bool], others) -> Reading | None:
    """A short clause naming the brand with nothing said of it but "inte", "till skillnad
    från" (the opposite of the rest) or "liksom" (the same), after another party's clause."""
    mine = [c for c in clauses if mentions(c)]
    if len(clauses) < 2 or len(mine) != 1 or len(mine[0].split()) > 5:
        return None
    m = _ELLIPSIS.match(mine[0].strip())
    rest = [c for c in clauses if c is not mine[0]]
    if m is None or not any(_names_other(c, others, sentence_case=c is clauses[0]) for c in rest):
        return None
    return Reading(" ".join(c.strip() for c in rest), flip=m.group("neg") is not None)


def reading(sents: list[str], i: int, mentions: Callable[[str], bool], others) -> Reading:
    """What to score for the brand in sentence i (which mentions it), idioms in plain words."""
    r = _reading(sents, i, mentions, others)
    plain = plain_idioms(r.text)
    return r if plain == r.text else Reading(plain, r.flip, r.choice)


def _reading(sents: list[str], i: int, mentions: Callable[[str], bool], others) -> Reading:
    s = plain_comparison(sents[i])
    clauses = _clauses(s)
    found = (
        _envied(s, mentions)
        or _fronted(s, mentions, others)
        or _compared(s, mentions, others)
        or _switched(s, mentions, others)
        or _left(s, mentions)
        or _elliptic(clauses, mentions, others)
    )
    if found is not None:
        return found
    if i and _SAME.search(s) and not mentions(sents[i - 1]):
        # "Kan inte säga detsamma om Ikea." takes its tone from the sentence before.
        return Reading(sents[i - 1], flip=bool(_NEGATION.search(s)))
    # "betalar hellre lite mer för SAS": a preference, which the model reads as neutral or, from
    # "betalar mer", as a complaint (the natural development set).
    return Reading(_PREFER.sub("gillar", _brand_part(s, mentions, others, clauses)))


def brand_text(
    text: str, mentions: Callable[[str], bool], others: Callable[[str], bool] | None = None
) -> str:
    """The part of a text about the brand (its sentences and clauses), or the whole text."""
    own = [_brand_part(s, mentions, others) for s in sentences(text) if mentions(s)]
    return " ".join(own) if own else text


def classify_for_brand(
    text: str,
    mentions: Callable[[str], bool],
    lang: str | None = None,
    others: Callable[[str], bool] | None = None,
    memo: Memo | None = None,
) -> Sentiment:
    """Tone towards a brand: sentences (and clauses) that mention it weigh most.

    `mentions(s)` tells whether a piece of text mentions the brand (e.g. BrandMatcher.mentions);
    `others(s)`, when given, whether it mentions another configured brand; a clause naming one,
    or naming some other capitalised party, is taken to be about that party. With no sentence
    mentioning the brand (it is named only in the title of the thread a reply belongs to, or the
    brand published it), the whole text's tone is used, less what it says of another configured
    brand ("Nordvind svarade inte mig på tre veckor." under a post about Fjällkraft is Nordvind's).
    `memo` is as for classify(): with the same one, the sentences classify() scored are not
    scored again.
    """
    model = current_model()
    if memo is not None:
        memo.use(model)
    version = model.version
    lang = lang or langid.detect(text)
    if not _scored(lang):
        return Sentiment(None, None, None, lang, version)
    sents = _sentences(text, memo)
    hits = [mentions(s) for s in sents]
    if not any(hits):
        score = lambda t: _probs(t, lang, model, None, memo)  # noqa: E731
        agg = _unnamed(sents, others, score) if others is not None else None
        return _result(agg or _text_probs(text, lang, model, None, memo), lang, version)
    parts = _weighted(sents, hits, mentions, others, lambda t: _probs(t, lang, model, None, memo))
    agg = _aggregate(parts) or _probs(text, lang, model, None, memo)
    return _result(agg, lang, version)


def _unnamed(
    sents: list[str], others: Callable[[str], bool], score: Callable[[str], Probs]
) -> Probs | None:
    """Tone towards a brand no sentence names (a reply under its thread), when some sentence
    names another configured brand; else None (the whole text's tone). A sentence about the
    other brand is hers ("Nordvind svarade inte mig på tre veckor." under a post about
    Fjällkraft), but switching to her is leaving this one ("Byter till Nordvind.")."""
    if not any(others(s) for s in sents):
        return None
    parts: list[tuple[Probs, float]] = []
    for i, s in enumerate(sents):
        if not others(s):
            # The sentence after one about her is hers as well ("Byter till Nordvind. De är
            # billigast i norr."), as the sentence after the brand's is the brand's.
            parts.append((score(s), OTHER_PARTY_WEIGHT if i and others(sents[i - 1]) else 1.0))
            continue
        m = _SWITCH_TO.search(s)
        r = _joined(s, m) if m is not None and others(m.group("dst")) else None
        if r is None or not r.choice or r.flip:
            parts.append((score(s), OTHER_PARTY_WEIGHT))
            continue
        p = score(r.text)
        p = (p[0], p[2], p[1]) if p[1] > max(p[0], p[2]) else p
        parts.append((_flipped(p), 1.0))
    return _aggregate(parts)


def _asks_between(sentence: str, others) -> bool:
    """A question naming another configured brand too ("SJ eller Flixbus?"): the next sentence
    is the asker's wishes ("Inget bråttom, vill bara ha det billigaste" had made both positive,
    natural development set), not a verdict on either."""
    return sentence.rstrip().endswith("?") and others is not None and others(sentence)


def _flipped(p: Probs) -> Probs:
    return p[2], p[1], p[0]


def _weighted(
    sents: list[str],
    hits: list[bool],
    mentions: Callable[[str], bool],
    others,
    score: Callable[[str], Probs],
) -> list[tuple[Probs, float]]:
    """(probabilities, weight) of each sentence, for the brand: its own sentences weigh 1, as
    does the sentence right after one that names no other party ("Var på Elgiganten igår. Helt
    fantastisk service!"); the rest is context."""
    n_own = sum(hits)
    # Together the context sentences weigh at most CONTEXT_WEIGHT per brand sentence, so a long
    # post does not drown the sentences about the brand.
    share = min(1.0, n_own / max(1, len(sents) - n_own))
    parts: list[tuple[Probs, float]] = []
    for i, s in enumerate(sents):
        if hits[i]:
            r = reading(sents, i, mentions, others)
            p = score(r.text)
            if r.choice and p[1] > max(p[0], p[2]):
                p = (p[0], p[2], p[1])  # the switch is the opinion: neutral mass to "chosen"
            parts.append((_flipped(p) if r.flip else p, 1.0))
            continue
        other = _names_other(s, others)
        p = score(s)
        # Only an opinion in the next sentence is the brand's: a neutral one at full weight
        # still carried its leaning into the aggregate, and a neutral news item ("Andra
        # stycket, med komma; …" after the sentence naming two companies) came out negative.
        if (
            i
            and hits[i - 1]
            and p[1] < max(p[0], p[2])
            and not _names_other(s, others, sentence_case=True)
            and not _asks_between(sents[i - 1], others)
        ):
            parts.append((p, 1.0))
        else:
            parts.append((p, share * (OTHER_PARTY_WEIGHT if other else CONTEXT_WEIGHT)))
    return parts
