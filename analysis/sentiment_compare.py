"""Comparisons between a brand and another party: which side of "än", "jämfört med", ">" or
a preference the brand is on, and whether it gets the tone of what is said or its opposite.

Part of the brand rules (analysis/sentiment_brand.py, docs/sentiment_brand.md).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from analysis.sentiment_clauses import (
    _NEGATION,
    NAME,
    Reading,
    _clauses,
    _names_other,
    _other_side,
    name_at_start,
)
from analysis.sentiment_lexicon import (
    SWEEPING_NEGATIONS,
    comparative_is_emphasis,
    irrealis_before,
    is_comparative,
    lexicon_score,
    swedish,
    tokenize,
)

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
# is _elliptic's. The party may be named as the owner of what is compared: "Jämfört med ICA:s
# hemleverans är de klart bäst nu" (a fresh two-brand probe, 2026-12-05: +0.98 for ICA).
_FRONT = re.compile(
    r"(?:^|,\s*|\s(?i:men)\s+)(?P<mark>(?i:till skillnad från|i motsats till|jämfört med|"
    r"i jämförelse med))"
    r"\s+(?P<other>" + NAME + r")(?::s\s+[a-zåäö][\w-]*)?\s*,?\s+(?P<rest>\w.*)",
    re.U,
)

# "Max > Burger King" (fight me): better than, written as in maths; "<" worse than.
_BETTER = re.compile(r"\s(>+|<+)\s", re.U)
# ... or than everything: "Max pommes > allt." (a fresh two-brand probe, 2026-12-06: −0.91, the
# model reads ">" as a complaint).
_EVERYTHING = re.compile(
    r"\s*(?:typ\s+)?(?:allt|alla|resten|everything|all)\b(?!\s+\w)", re.I | re.U
)

# A preference verb carries the stance the model misses on its own ("hellre A" reads neutral);
# "gillar" says the same to the model. RATHER is "hellre" alone, which the brand's own clause
# may say outside a comparison ("betalar hellre lite mer för SAS"). Not "valde att", "väljer
# bort" ("Fjällkraft väljer Vestas" is a choice of supplier, "Vd:n valde att avgå" no liking).
_RATHER = (
    r"\b(?:(?:tar|väljer|köper|handlar|åker|kör|går|betalar|flyger|beställer|väntar)\s+)?hellre\b"
)
RATHER = re.compile(_RATHER, re.I | re.U)
_PREFER = re.compile(
    _RATHER + r"|\b(?:föredr\w+|väljer|valde)\b(?!\s+(?:att|bort|ut|om|in)\b)", re.I | re.U
)

# A comparison conceded before the verdict ("Visst är Webhallen lite dyrare än Komplett men
# supporten är värd varenda krona"): what follows "men" is the verdict, clause by clause.
_CONCEDE = re.compile(r"\b(?:visst|visserligen|förvisso|iofs|i och för sig)\b", re.I | re.U)

_BUT = re.compile(r"\b(?:men|but)\b", re.I | re.U)

# A price conceded before "men": "Voi är dyrare än Bolt men åtminstone står deras scootrar inte
# slängda …", "Mio-soffan var dyrare än den från IKEA men kvaliteten är inte ens i samma liga"
# (fresh two-brand probes, 2026-12-05: the dearer side came out negative, the price read as
# the verdict). What follows "men" is the verdict and it is set against the price: the dearer
# side leans to praise, the cheaper one conceded ("ICA är billigare än Coop men …") to complaint.
_PRICE_CONCEDED = re.compile(r"\b(?:(?P<dear>dyrare)|billigare)\s*$", re.I | re.U)

# The side before "än" ends in a comparative a sweeping negation reaches: the tone model reads
# "Ingen av bankerna har bättre app" and "Telia har aldrig varit bättre" as praise
# (sentiment_lexicon.comparative_is_emphasis), but of the party after "än", so the sides swap:
# that party takes the tone unflipped, a party named before it the opposite.
_SWEPT_TAIL = 3  # the comparative is among the side's last words ("bättre app", "bättre")


def _swept(side: str) -> bool:
    """Whether the last sweeping negation of `side` reaches, within its clause, a comparative
    among the side's last _SWEPT_TAIL words that it makes emphasis."""
    lows = tokenize(side).lows
    at = next((i for i in range(len(lows) - 1, -1, -1) if lows[i] in SWEEPING_NEGATIONS), -1)
    if at < 0:
        return False
    lex = swedish()
    for k in range(max(at + 1, len(lows) - _SWEPT_TAIL), len(lows)):
        if not all(w[0].isalnum() for w in lows[at:k]):
            return False  # punctuation ends the negation's reach
        if comparative_is_emphasis(lex, lows, at, k):
            return True
    return False


# A comparative decides a comparison's tone when it is among the last LEAN_TAIL words of the
# brand's side ("Hallon är typ 100 kr billigare i månaden än Telia"). The model reads
# comparatives weakly alone: "Hallon är billigare" +0.09, "Tradera känns tryggare" -0.07,
# "Västtrafik är fan bättre" +0.08, where the lexicon says billigare 1.2, tryggare 1.5; in a
# probe of fresh two-brand posts (2026-12-04) such comparisons were neutral for both parties.
LEAN_TAIL = 4
# A comparative with no "än" leans only right after a verb saying what a party is or seems
# ("Lidl känns billigare för varje vecka som går", after Coop's price rise), perhaps with one
# word between ("är fan bättre", "blev mycket dyrare"), or what it has or offers ("If erbjöd mig
# 1200 kr billigare för samma skydd" after another insurer's rise: a fresh two-brand probe,
# 2026-12-05, neutral before).
_BARE_VERBS = frozenset(
    ("är", "var", "känns", "kändes", "verkar", "verkade", "blir", "blev", "blivit", "funkar",
     "har", "hade", "erbjöd", "erbjuder", "erbjudit", "ger", "gav", "säljer", "sålde")
)  # fmt: skip


# An amount between the verb and the comparative does not count as the word between: "blir 30%
# dyrare", "blev 200 kr dyrare" (a fresh two-brand probe, 2026-12-05: a price rise told as news
# was neutral for the party raising it).
_AMOUNT = re.compile(r"\d[\d,.]*|%|kr|kronor|procent|spänn|öre|typ|ca|cirka|nästan")


def _verb_before(lows: list[str], k: int) -> bool:
    """Whether a verb of _BARE_VERBS stands within two words before lows[k], an amount not
    counted."""
    j, words = k - 1, 0
    while j >= 0 and words < 2:
        if lows[j] in _BARE_VERBS:
            return True
        if _AMOUNT.fullmatch(lows[j]) is None:
            words += 1
        j -= 1
    return False


def lean_of(side: str, bare: bool = False) -> int:
    """+1 or -1 when a comparative with a value ends `side` (within LEAN_TAIL words), the other
    way after a negation ("inte billigare"), 0 when there is none, a modal makes it a wish
    ("borde bli bättre") or a sweeping negation makes it emphasis (_swept). `bare`: a
    comparative with no "än" after it, which leans only after a verb of _BARE_VERBS."""
    toks = tokenize(side)
    lows, raws = toks.lows, toks.raws
    lex = swedish()
    first = 0 if bare else max(0, len(lows) - LEAN_TAIL)
    for k in range(len(lows) - 1, first - 1, -1):
        w = lows[k]
        if not is_comparative(lex, w):
            continue
        if bare and not _verb_before(lows, k):
            continue
        v = lex.value(w)
        if not v or irrealis_before(lows, raws, k) or _swept(side):
            return 0
        if bare and ("än" in lows[k + 1 : k + 3] or any(x in lex.contrasts for x in lows[k:])):
            return 0  # a comparison of its own, or a verdict after "men"
        sign = 1 if v > 0 else -1
        denied = _denied(lex, lows, k)
        if denied is None:
            return (
                0  # a negation further off ("Ingen av Lidl och Coop har godare bröd"): the model's
            )
        return -sign if denied else sign
    return 0


# A comparison asked about, supposed or reported is no verdict ("Är Hallon billigare än Telia?",
# "Om Hallon vore billigare …", "Hallon påstår att de är billigare …"; a review).
_UNASSERTED = re.compile(
    r"\b(?:om|ifall|påstår|påstod|hävdar|hävdade|säger|sa|sägs|lovar|lovade)\b", re.I | re.U
)


def _unasserted(sentence: str, left: str) -> bool:
    """Whether a comparison is a question (its clause ends in "?": not "Hallon är 100 kr
    billigare än Telia, varför betalar folk ens för Telia??"), or supposed or reported before
    its comparative."""
    rest = sentence[len(left) :].rstrip()
    asked = rest.endswith("?") and not any(c in rest for c in ",;–—")
    return asked or _UNASSERTED.search(left) is not None


def _denied(lex, lows: list[str], k: int) -> bool | None:
    """Whether a negation is at most three words before lows[k], in its clause ("är inte
    billigare"); None when one is anywhere else before it, whose reach the model reads
    ("svarar aldrig och är dyrare", "Ingen av Lidl och Coop har godare bröd")."""
    for j in range(k - 1, max(-1, k - 4), -1):
        if lows[j] in ("och", "men", "utan") or not lows[j][0].isalnum():
            break
        if lows[j] in lex.negations:
            return True
    return None if any(x in lex.negations for x in lows[:k]) else False


# Envy: "Varför kan inte alla banker ha en app som Länsförsäkringar?" praises the one named.
_ENVY = re.compile(
    r"\b(?i:varför (?:kan|är|har) (?:inte alla|inte fler|alla inte)|önskar att alla|om bara alla)\b"
    r"[^?.!]*?\b(?i:som)\s+(?P<name>" + NAME + r")",
    re.U,
)

# A clause that only names the brand against, or alongside, the rest of the sentence: "Bolt är
# bra, men inte Voi", "... till skillnad från Voi", "... liksom Voi".
_ELLIPSIS = re.compile(
    r"(?:men\s+|och\s+)?(?:(?P<neg>inte|ej|aldrig|till skillnad från|i motsats till|utom|"
    r"förutom)|liksom|precis som|även|också|likaså)\b",
    re.I | re.U,
)


def _compared(sentence: str, mentions: Callable[[str], bool], others) -> Reading | None:
    """The brand's side of a comparison with another party, or None when there is none.

    The side before the comparison word carries the evaluation ("Coop är dyrare"); the brand
    on it gets that tone, a brand after "än"/"framför" the opposite ("... än ICA" is praise of
    ICA), the sides swapped when a sweeping negation reaches the comparative (_swept), after
    "lika ... som" the same unless negated ("inte lika bra som ICA").
    """
    m = _BETTER.search(sentence)
    if m is not None:
        left, right = sentence[: m.start()], sentence[m.end() :]
        better = m.group(1)[0] == ">"
        said = left.strip() + (" är bättre" if better else " är sämre")
        # The sign is the verdict, whatever the words beside it: "Max pommes är bättre" the
        # model reads as 0.60 negative.
        lean = 1 if better else -1
        if mentions(left) and (_other_side(right, mentions, others) or _EVERYTHING.match(right)):
            return Reading(said, lean=lean)
        if mentions(right) and _other_side(left, mentions, others, at_start=True):
            return Reading(said, flip=True, lean=lean)
    m = _COMPARE.search(sentence)
    if m is None:
        return None
    cut = m.start(1) if m.group(1) else m.start(2)
    left, right = _from_a_party(sentence[:cut].rstrip(), mentions, others), sentence[m.end() :]
    conceded = _price_conceded(left, right, mentions, others)
    if conceded is not None:
        return conceded
    if (_CONCEDE.search(left) or _PRICE_CONCEDED.search(left)) and _BUT.search(right):
        return None  # a concession whose verdict names the brand: read clause by clause
    said = _PREFER.sub("gillar", left)
    # "A istället för B" is a choice, as a switch is.
    instead = (m.group(1) or "").lower().endswith(" för")
    equal = m.group(2) is not None
    swept = not equal and _swept(left)
    lean = _then_unequal(right) if equal else 0 if _unasserted(sentence, left) else lean_of(left)
    if mentions(left) and _other_side(right, mentions, others):
        return Reading(said, flip=swept, choice=instead, lean=lean)
    if mentions(right) and (
        _other_side(left, mentions, others, at_start=True)
        or (lean and (_PRONOUN_SIDE.match(left) or _PRONOUN_LAST.search(left)))
    ):
        flip = bool(_NEGATION.search(left)) if equal and not lean else not swept
        return Reading(said, flip=flip, choice=instead, lean=lean)
    after = _clauses(right)  # empty when only punctuation follows ("Telia tar jag hellre än ,")
    if after and mentions(after[0]) and not mentions(left) and _PREFER.search(left):
        # "Hellre går jag till jobbet än tar Flixbus igen": anything rather than the brand
        # (neutral in the natural development set); the brand in the first clause after "än"
        # ("Jag tar hellre bussen än kör bil, SL funkar fint" says nothing against SL). What is
        # preferred says nothing of the brand: read from it, "till jobbet" made the liking
        # borderline and "på en ölback i tio timmar" turned it round, so the liking alone is read.
        return Reading("gillar", flip=True)
    return None


# The same thing, but at another price or quality: "Jula har exakt samma sladdvinda som Clas
# Ohlson fast 100 kr billigare" (a fresh two-brand probe, 2026-12-05: neutral for both).
_UNEQUAL = re.compile(r"\b(?:fast|men)\s+(?P<rest>[^,;.!?]+)", re.I | re.U)


def _then_unequal(right: str) -> int:
    """The lean (lean_of) of a comparative after "fast" or "men" in what follows "samma … som"
    or "lika … som": +1 for the side before "som" when it is cheaper or better, -1 dearer or
    worse, else 0."""
    m = _UNEQUAL.search(right)
    return 0 if m is None else lean_of(m.group("rest"))


def _from_a_party(left: str, mentions: Callable[[str], bool], others) -> str:
    """The side before a comparison word from its first clause that names a party: a clause
    before it is the writer's aside, not the comparison's side ("Jag skiter i vad folk säger,
    Burger King har bättre pommes än McDonald's" had given Burger King the oath and, from
    "säger", no lean: reversed for both; a fresh two-brand probe, 2026-12-05)."""
    at = 0
    for m in _ASIDE_CUT.finditer(left):
        if mentions(left[at : m.start()]) or _names_other(left[at : m.start()], others):
            break
        at = m.end()
    return left[at:] if at and (mentions(left[at:]) or _names_other(left[at:], others)) else left


# A side that is a pronoun for a party named before, with a comparative that leans: "Ryanair tar
# 60 euro för att checka in en väska … Och det är ÄNDÅ billigare än SAS lol" (a fresh two-brand
# probe, 2026-12-05: read as a plain sentence, SAS had the praise of "billigare"). Not "Det är
# mer än Nordvind någonsin gjort" (the demo: a complaint of Nordvind, no side).
_PRONOUN_SIDE = re.compile(r"\s*(?:(?:och|men|fast|så)\s+)?(?:det|den|de|dom|dessa)\s", re.I | re.U)
# ... also as the last clause of the side: "köpte en kontinentalsäng där för 7k och den är
# bättre än den jag hade från Mio" (a fresh two-brand probe, 2026-12-06: +0.95 for Mio).
_PRONOUN_LAST = re.compile(
    r"(?:[,;]|\b(?:och|men|fast|så))\s+(?:det|den|de|dom|dessa)\s+(?:\w+\s+){0,3}?\w+\s*$",
    re.I | re.U,
)
# Where an aside before the comparison's side ends: a comma, semicolon or colon (not "och" or
# "men": "hellre betalar jag 500 spänn extra och flyger SAS än …" keeps its preference).
_ASIDE_CUT = re.compile(r"[,;:]\s+", re.U)


def _price_conceded(left: str, right: str, mentions, others) -> Reading | None:
    """The verdict after "men" for a side of a price conceded before it (_PRICE_CONCEDED),
    the brand after "än" getting its opposite; None when the verdict names the brand itself
    (read clause by clause) or no price is conceded."""
    price = _PRICE_CONCEDED.search(left)
    but = _BUT.search(right) if price is not None else None
    if price is None or but is None or mentions(right[but.end() :]):
        return None
    than, verdict = right[: but.start()], right[but.end() :]
    lean = 1 if price.group("dear") else -1
    if lexicon_score(verdict) * lean < 0:
        lean = 0  # the verdict says the price was not worth it ("men täckningen är lika dålig")
    if mentions(left) and _other_side(than, mentions, others):
        return Reading(verdict, lean=lean)
    if mentions(than) and _other_side(left, mentions, others, at_start=True):
        return Reading(verdict, flip=True, lean=lean)
    return None


# The party no other is like: "Varför är ingen annan mataffär lika trevlig som ICA Kvantum?",
# "Inget annat bolag är lika dåligt som Telia" (a fresh two-brand probe, 2026-12-05: the
# model read the praise as a complaint, from "Varför" and "ingen").
_UNMATCHED = re.compile(
    r"\b(?i:ingen|inget|inga)\s+(?i:annan|annat|andra)\b[^?.!]{0,80}?\b(?i:lika)\s+"
    r"(?P<what>[^?.!]{1,40}?)\s+(?i:som)\s+(?P<name>" + NAME + r")",
    re.U,
)


# One party asked why it cannot be like another: "Varför kan inte ICA Banken ha en lika smidig
# app som Lunar?" (a fresh two-brand probe, 2026-12-05: Lunar came out negative, from "Varför"
# and "inte").
_ENVY_OF = re.compile(
    r"\b(?i:varför\s+(?:kan|är|har|får)\s+inte)\s+(?P<first>" + NAME + r")"
    r"[^?.!]{0,80}?\b(?i:som)\s+(?P<name>" + NAME + r")",  # bounded: one look per question
    re.U,
)


def _envied(sentence: str, mentions: Callable[[str], bool]) -> Reading | None:
    """The party others should be like (_ENVY, _ENVY_OF): praise, which the model read as
    neutral or, from the rhetorical question's "inte", as a complaint, and the party asked why
    it is not like it worse; the party no other is like (_UNMATCHED): what the others are not
    ("X är trevlig")."""
    m = _ENVY.search(sentence)
    if m is not None and mentions(m.group("name")):
        return Reading("Gillar " + m.group("name"))
    m = _UNMATCHED.search(sentence)
    if m is not None and mentions(m.group("name")):
        return Reading(m.group("name") + " är " + m.group("what"))
    m = _ENVY_OF.search(sentence)
    if m is not None and not mentions(m.group("first")) and mentions(m.group("name")):
        return Reading("Gillar " + m.group("name"))
    if m is not None and mentions(m.group("first")) and not mentions(m.group("name")):
        return Reading(m.group("first") + " är sämre")
    return None


# A relative clause right after the party a fronted comparison names speaks of that party:
# "Till skillnad från If, där grannen väntat i två månader" (a fresh two-brand probe: If had
# been given the opposite of its own wait, positive).
_OF_THE_OTHER = re.compile(r"(?i:där|som|vars|dit)\b", re.U)


def _fronted(sentence: str, mentions: Callable[[str], bool], others) -> Reading | None:
    """A comparison opening its sentence or clause (_FRONT): the party it names first gets
    the opposite of what the rest says, the brand in the rest (or before it) the rest's tone;
    a rest that is a relative clause of the party named first is that party's own."""
    m = _FRONT.search(sentence)
    if m is None:
        return None
    other, rest = m.group("other"), m.group("rest")
    if _OF_THE_OTHER.match(rest):
        return Reading(rest) if mentions(other) else None
    if mentions(other):
        return Reading(rest, flip=True)
    said = (sentence[: m.start("mark")] + rest).strip()
    if mentions(said) and _names_other(other, others):
        return Reading(said)
    return None


# A comparative opening the sentence, its subject left out: "… fräscht och välsorterat nu 🙌
# Bättre än Coop Konsum bredvid", "Mycket godare än Pizza Hut." (a fresh two-brand probe,
# 2026-12-05: the party after "än" had taken the praise, +0.99). Also with what is compared
# and "alla": "Mycket bättre stämning än på Actic där jag gick förut", "Bättre än alla Pizza
# Hut i världen" (a fresh two-brand probe, 2026-12-05: +0.91 and +0.98), or the thing bought
# there: "Bättre än den från Mio som kostade dubbelt" (another: +0.77), after "fortfarande" or
# "ändå", or the writer's visit: "Fortfarande bättre än McDonald's", "Mycket bättre än när jag
# var på Euromaster" (another: +0.80).
_THAN_FRONTED = re.compile(
    r"^\W*(?:\w+\s+och\s+)?(?:(?:fortfarande|ändå|alltid|mycket|mkt|långt|betydligt|klart|"
    r"ännu|typ|så|sjukt|fan|helt)\s+){0,2}"
    r"(?P<cmp>\w+)\s+(?:\w+\s+)?än\s+(?:när\s+(?:jag|vi)\s+(?:var|handlade|åkte)\s+)?"
    r"(?:(?:nåt|något|allt|det)\s+(?:som\s+)?(?:jag|vi|man)\s+(?:har\s+)?\w+\s+"
    r"|att\s+\w+(?:\s+\w+)?\s+)?"
    r"(?:(?:hos|på|i|med)\s+)?(?:alla\s+|varenda\s+)?"
    r"(?:(?:den|det|de|dom)\s+(?:från|hos|på)\s+)?(?P<rest>.+)",
    re.I | re.U,
)


def fronted_comparison(sentence: str) -> re.Match | None:
    """The match of a sentence that opens with a comparative with a value and "än"
    (_THAN_FRONTED: groups `cmp`, the comparative, and `rest`, the side after "än"), not a
    question."""
    m = _THAN_FRONTED.match(sentence)
    if m is None or sentence.rstrip().endswith("?"):
        return None
    cmp = m.group("cmp").lower()
    lex = swedish()
    return m if is_comparative(lex, cmp) and lex.value(cmp) else None


def than_fronted(sentence: str, mentions: Callable[[str], bool]) -> Reading | None:
    """The party after "än" in a sentence that opens with a comparative (fronted_comparison):
    the opposite of the comparative ("Bättre" turned round)."""
    m = fronted_comparison(sentence)
    if m is None or not name_at_start(m.group("rest"), mentions):
        return None
    return Reading(m.group("cmp").capitalize(), flip=True)


# A rhetorical question setting one party against another: "Hur kan Postnord ta 9 dagar när
# Instabox fixar samma sträcka över dagen?", "Varför tar CSN 6 veckor när Försäkringskassan
# fixade min på 5 dagar?", "Hur kommer det sig att Klarna fixar det på 3 sekunder men Swedbank
# behöver 5 bankdagar?". In a fresh two-brand probe (2026-12-05) 13 of 320 labels were such
# questions, read as neutral (a question) or the wrong way round.
# Also addressed to a party or asking to be told ("hallå @PostNord varför tar ni 6 dagar när
# Budbee …", "snälla nån förklara varför …", "hur är det möjligt att Apotea …": a fresh
# two-brand probe, 2026-12-05, where each had been read as a plain sentence, both parties one
# tone). Not "hej", which opens questions to customer service ("Hej, varför får man inte …").
# An oath after "hur" ("hur fan kan Kry ta 300 kr … när Min Doktor tar 0 kr??", a fresh
# two-brand probe, 2026-12-05: Min Doktor −1.00) is the same question.
_RHETORICAL = re.compile(
    r"\W*(?:(?:ärligt|asså|alltså|men|och|seriöst|sorry|hallå|snälla\s+(?:nån|någon)\s+"
    r"(?:förklara|berätta)(?:\s+för\s+mig)?|@\w[\w.-]*)[,:\s]+){0,3}(?:hur(?:\s+(?:fan|i\s+helvete))?\s+(?:kan|kommer\s+det\s+sig|"
    r"svårt\s+kan|många\s+gånger|i\s+hela\s+friden|"
    # "hur är det möjligt att Apotea levererar …", not "… att flytta numret …", a how-to.
    r"är\s+det\s+möjligt\s+att\s+(?=[@#]?(?-i:[A-ZÅÄÖ])|(?:de|dom|ni|man|vi|det)\b))|varför|"
    r"vem\s+(?:orkar|fan|bestämde|behöver)|vad\s+är\s+(?:ens\s+)?poängen)\b",
    re.I | re.U,
)
# Where the party held up as the better one begins ("när", "medan"), or the one complained of
# ("men").
# It begins where a run of white space or a comma does, and takes the run whole (possessive):
# tried from each space of a run, with `\s+` and `\s*` both able to take it, 4,000 spaces took
# a minute (as sentiment_clauses._CLAUSE had).
_AGAINST = re.compile(
    r"(?<![\s,])(?:\s*+,\s*+|\s++)(?:(?P<better>när|medan)|(?P<worse>men))\s++", re.I | re.U
)


def _asked_against(sentence: str, mentions: Callable[[str], bool], others) -> Reading | None:
    """The brand's side of a rhetorical question set against another party (_RHETORICAL): the
    side after "när"/"medan" is held up as better (its lean +1), the main clause is the one
    complained of (-1); after "men" the side is the one complained of, the side before keeps
    its own tone ("Systembolaget har öppet till 19" says nothing good or bad)."""
    if not _RHETORICAL.match(sentence):
        return None
    m = _AGAINST.search(sentence)
    if m is None:
        return None
    first, second = sentence[: m.start()], sentence[m.end() :]
    if mentions(first) and not mentions(second) and _other_side(second, mentions, others):
        return Reading(first, lean=-1 if m.group("better") else 0)
    if mentions(second) and not mentions(first) and _other_side(first, mentions, others):
        return Reading(second, lean=1 if m.group("better") else -1)
    return None


_OR = re.compile(r"\s(?i:eller)\s", re.U)


def _either_or(sentence: str, mentions: Callable[[str], bool], others) -> Reading | None:
    """A question between the brand and another party ("Pressbyrån eller 7-Eleven om man vill
    ha bästa kaffet?", "Är Peak Performance värt pengarna eller räcker Stadiums egna märke?"):
    asked, not said, so neutral for both; the model read the praise asked about as the
    brand's (a fresh two-brand probe, 2026-12-05: six labels)."""
    if not sentence.rstrip().endswith("?"):
        return None
    m = _OR.search(sentence)
    if m is None:
        return None
    first, second = sentence[: m.start()], sentence[m.end() :]
    if (mentions(first) and _other_side(second, mentions, others)) or (
        mentions(second) and _other_side(first, mentions, others, at_start=True)
    ):
        return Reading("", asked=True)
    return None


# A question opening with its verb, the brand its subject right after it and a comparative in
# the same clause: "Är Hallon bättre?", "Funkar SEB bättre?", "Har Tre bättre täckning där
# uppe?" (a fresh two-brand probe, 2026-12-05: asked after a complaint of another party, it had
# been read as praise, from the comparative with no "än"). One "?" and then anything but a word:
# `\?+\W*$` took 9 s on a run of 40,000 question marks (a review).
_ASKED_COMPARISON = re.compile(
    r"^\W*(?:(?:och|eller|men|så)\s+)?(?:är|var|blir|har|hade|funkar|fungerar|kör|går|tar|"
    r"levererar|kostar|känns|verkar|ger|finns)\s+(?P<rest>[^?]{1,80})\?\W*$",
    re.I | re.U,
)
_COMPARATIVE_WORD = re.compile(
    r"\b(?:bättre|sämre|värre|billigare|dyrare|snabbare|långsammare|smidigare|stabilare|"
    r"pålitligare|trevligare|enklare|krångligare)\b",
    re.I | re.U,
)
# What makes such a question say what it asks (a review): "Har Telia blivit sämre eller är det
# bara jag?", "… på sistone eller?", "Känns Telia sämre för alla andra också?", "Blir Telia
# någonsin bättre?"; a suggestion ("Är väl/inte Hallon bättre?"); the comparative in a clause
# of its own ("Har Telia någon förklaring till varför fakturan blev dyrare?"); and "än" ("Är
# Willys verkligen billigare än ICA?": read as asked, a blind probe lost a label).
_SAYS_WHAT_IT_ASKS = re.compile(
    r"\b(?:det\s+bara\s+jag|eller\W*$|också|oxå|hela\s+tiden|för\s+varje|någonsin|aldrig|"
    r"alls|än|att|som|när|varför|om)\b|\beller\s*$",
    re.I | re.U,
)
_SUGGESTING = re.compile(r"\s*(?:inte|väl|ju)\b", re.I | re.U)


def _asked_comparison(clauses: list[str], mentions: Callable[[str], bool]) -> Reading | None:
    """The brand's clause asks whether it is better or worse (_ASKED_COMPARISON): asked, not
    said, neutral; not a question that says what it asks (_SAYS_WHAT_IT_ASKS, _SUGGESTING)."""
    for clause in clauses:
        m = _ASKED_COMPARISON.match(clause)
        if m is None or not mentions(clause):
            continue
        rest = m.group("rest")
        if _SUGGESTING.match(rest) or not name_at_start(" ".join(rest.split()[:3]), mentions):
            continue
        if _COMPARATIVE_WORD.search(rest) is None or _SAYS_WHAT_IT_ASKS.search(rest):
            continue
        return Reading("", asked=True)
    return None


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
