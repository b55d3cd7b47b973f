"""A brand named only aside: the outlet a piece of news was read or heard in, or the shop or
service a product was bought or fetched through, when what the sentence says is about the
news or the product ("Läste i Aftonbladet att …", "Köpte en Fjällräven-jacka på Stadium, den är
varm som fan"), or a party said to gain from what another does ("Telia vinner på att Tele2
höjer priset"). Neutral for that brand.

Part of the brand rules (analysis/sentiment_brand.py, docs/sentiment_brand.md). Found in a
probe of fresh two-brand posts (2026-12-04): a quarter of its wrong labels were such a brand
given the tone meant for the news or the product.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from analysis.sentiment_clauses import Reading, _clauses, _names_other, genitive
from analysis.sentiment_lexicon import SCORE, analyse, swedish

# A name's words: a word (brands may be written in lower case: "willys") or "&" ("Jack & Jones").
_NAME_WORD = re.compile(r"\s*([@#]?\w[\w&.'-]*|&)", re.U)
_NAME_MAX_WORDS = 3  # "Sveriges Radio", "Jack & Jones", "Kjell & Company"

# Where news was read, seen or heard: "Läste i Aftonbladet att …", "såg på SVT om …", "Såg
# Uppdrag granskning på SVT igår om …" (the programme and a word of time between: a fresh
# two-brand probe, 2026-12-05).
_SOURCE = re.compile(
    r"\b(?:läste|läser|läst|såg|ser|sett|hörde|hör|hört)\s+(?:\w+\s+){0,3}?(?:i|på)\s+",
    re.I | re.U,
)
_SOURCE_AFTER = re.compile(r"(?:\s+\w+)?\s+(?:att|om)\b", re.I | re.U)
# "Enligt Aftonbladet har Northvolt varslat …", "…, enligt Sydsvenskan berörs 200 anställda".
_ACCORDING = re.compile(r"\benligt\s+", re.I | re.U)

# A party said to gain from what another does: "Telia vinner på att Tele2 höjer priset". The
# news is the other's doing, and gaining from it is no praise (sentiment_wordings reads "vinner
# på att" as no win at something); the pair model's words read "tgt vinner" as praise, as the
# probes' "Circle K är ok men Preem vinner" is (0.87 positive fitted on 109 probes).
_GAINS = re.compile(
    r"\bvinner\s+(?:(?:nog|ju|väl|ändå|stort|mest|mycket|klart)\s+){0,2}på\s+(?:att|det)\b",
    re.I | re.U,
)

# A shop or service something came through: "på Stadium", "hos ICA Nära", "från Netonnet".
_CHANNEL = re.compile(r"\b(?:på|hos|från|via|genom)\s+", re.I | re.U)
_NAME_END = re.compile(r"[\s,.!?;]|$")

# The clause after it speaks of the product, not of the shop: "…, den är varm som fan".
_OF_THE_THING = re.compile(r"\s*(?:och\s+)?(?:den|det|de|dom|dem)\b", re.I | re.U)


# A brand's thing used on the way, another party's doing the rest: "Kollade Avanza-appen:
# Evolution ner 8 %", "Tog SL-bussen ut till IKEA", "Streamade matchen på Viaplay via
# Telia-boxen" (a probe of fresh two-brand posts, 2026-12-04: five of 320 labels), right after
# a word of taking or using it (_USED). Not when the thing opens its clause, as the subject of
# what is said ("SAS-planet var 3 timmar sent"), nor where the writer is in it ("Sitter på
# SJ-tåget och försöker streama Netflix men wifin är obefintlig" is SJ's wifi).
# Not "använder"/"öppnar": "Använder Telia-boxen för Viaplay och den kraschar hela tiden" is
# about Telia's box (a review).
_USED = frozenset(
    ("tog", "tar", "ta", "åkte", "åker", "innan", "efter", "via", "genom", "kollade", "kollar")
)  # fmt: skip
_THING = re.compile(
    r"-(?:appen|boxen|bussen|tåget|flyget|planet|resan|kortet|sajten|hemsidan|kontot)\b",
    re.I | re.U,
)


def _thing_used(sentence: str, mentions: Callable[[str], bool], others) -> bool:
    """The brand is named only in a compound for a thing used on the way (_THING), right after
    a word of _USED, and the sentence names another party elsewhere."""
    for m in _THING.finditer(sentence):
        start = max(sentence.rfind(" ", 0, m.start()), sentence.rfind("(", 0, m.start())) + 1
        if not mentions(sentence[start : m.start()]):
            continue
        if not _only_there(sentence, start, m.end(), mentions):
            return False
        before = sentence[:start].split()
        if not before or before[-1].lower() not in _USED:
            return False
        rest = sentence[:start] + " " + sentence[m.end() :]
        return _names_other(rest, others, sentence_case=start > 0)
    return False


# A service a thing came through, was paid with or was seen on, another party's doing the rest:
# "Paketet från Boozt kom med Budbee igår och allt satt perfekt", "Betalade med Swish men
# säljaren var en bedragare", "Fick en faktura via Kivra från Ellevio", "ett meddelande på
# LinkedIn från en rekryterare på Ericsson" (a fresh two-brand probe, 2026-12-05: the service
# took the tone meant for the shop, the seller or the sender).
_MEANS = re.compile(
    r"\b(?:(?:kom|kommer|levererades|levereras|levererad|levererade|skickades|skickas|skickad|"
    r"betalade|betalar|betala|betalat|swishade)\s+(?:\w+\s+)?(?:med|via)|via|"
    r"(?:meddelande|dm|annons|annonsen|inlägg|inlägget)\s+på)\s+",
    re.I | re.U,
)
# What follows the service speaks of it after all: "kom med Budbee, de var supersnabba",
# "Betalade med Klarna. Dom skickade inkasso …" (the natural development set).
_BACK_TO_IT = re.compile(
    r"\W*(?:och\s+|men\s+)?(?:de|dom|dem|budet|chauffören|föraren)\b", re.I | re.U
)
# The sentence after may tell how the order came, its subject left out: "så beställde från
# Apotea istället. kom dagen efter" (a fresh two-brand probe, 2026-12-05: positive for Apotea,
# and "kom dagen efter" had gone to the party that failed). Only the sentence after: "via
# Budbee (kom i tisdags)" is the parcel's day.
_CAME = re.compile(r"\W*(?:kom|levererades|anlände)\b", re.I | re.U)


def _means(sentence: str, after: str, mentions: Callable[[str], bool], others) -> bool:
    """The brand is named only as a service used on the way (_MEANS), the sentence names another
    party, and neither the rest of its clause nor the sentence after goes back to it."""
    for m in _MEANS.finditer(sentence):
        end = _name_end(sentence, m.end(), mentions)
        if end is None:
            continue
        # Named here and elsewhere too, it is named elsewhere for every later match as well:
        # scanning the sentence again for each took 16 s on 40,000 characters of "via Telia "
        # (a review).
        if not _only_there(sentence, m.end(), end, mentions):
            return False
        rest = sentence[: m.start()] + " " + sentence[end:]
        if _BACK_TO_IT.match(sentence, end) or _BACK_TO_IT.match(after) or _CAME.match(after):
            return False
        return _names_other(rest, others, sentence_case=True)
    return False


# A party taken as a way out when another failed: "Gav upp och tog en Uber för 240 kr" after
# SL's broken gates, "Fick ta en Bolt hem från Lund", "fick ta det via Klarna istället 🙄" (a
# fresh two-brand probe, 2026-12-05: its writer neutral for all three, koll negative from the
# failure and the irony after it). Not "Tog en Uber hem": only a choice forced is aside.
_FALLBACK = re.compile(
    r"\b(?:fick|fått|får|(?:var|blev)\s+tvungen\s+att|tvingades|gav\s+upp\s+och)\s+"
    r"(?:ta|tog|åka|åkte|köra|beställa|beställde|boka|bokade|betala|betalade|ringa|ringde)\s+"
    r"(?:(?:det|den|dem|en|ett|bara|taxi|bil|buss|bussen|tåg|tåget|flyg|flyget)\s+){0,2}"
    r"(?:(?:med|via|hos|på|från)\s+)?",
    re.I | re.U,
)
# A choice forced, the word the way out needs (and sentiment_switch.instead, where it is no
# choice): looked for first, since _FALLBACK alone had been 3 % of scoring real posts.
FORCED = re.compile(r"\b(?:fick|fått|får|tvungen|tvingades|gav\s+upp)\b", re.I | re.U)


def _fallback(sentence: str, after: str, mentions: Callable[[str], bool]) -> bool:
    """The brand is named only as the way out taken when something else failed (_FALLBACK),
    and neither the rest of its clause nor the sentence after goes back to it."""
    if FORCED.search(sentence) is None:
        return False
    for m in _FALLBACK.finditer(sentence):
        end = _name_end(sentence, m.end(), mentions)
        if end is None:
            continue
        if not _only_there(sentence, m.end(), end, mentions):
            return False
        return not (
            _BACK_TO_IT.match(sentence, end)
            or _BACK_TO_IT_LATER.search(sentence, end)
            or _BACK_TO_IT.match(after)
            or _CAME.match(after)
        )
    return False


# The clause after the way out speaks of it: "Fick ta en Bolt hem, chauffören var jättetrevlig".
_BACK_TO_IT_LATER = re.compile(
    r"[,;]\s*(?:och\s+|men\s+)?(?:de|dom|dem|budet|chauffören|föraren)\b", re.I | re.U
)


# The shop a product was bought at, named last, after another party's product: "Testade nya
# havredrycken från Oatly i morse, köpt på City Gross. Den skummar ju perfekt!", "Har haft
# Husqvarna robotgräsklipparen i tre säsonger nu, köpte den på Bauhaus." (a fresh two-brand
# probe, 2026-12-05: the shop took the praise of the product). Not "Köpte en Dyson hos
# Elgiganten. Fick vänta 40 minuter …": with the product as the verb's object, what follows
# spoke of the shop in 15 of a review's 16 such posts (written to test this rule).
_BOUGHT = re.compile(
    r"\b(?:köpt|köpte|köpta|köper|handlade|handlat|beställde|beställt|beställd|hämtade|hämtat)"
    r"\s+(?:(?:den|det|dem|dom|de|hem)\s+)?(?:på|hos|från|via)\s+",
    re.I | re.U,
)
# What the shop did, which the sentence after may speak of: "Köpte en Samsung på Elgiganten.
# Supertrevlig personal!" is the shop's, as is "Sjukt långa köer idag". Not `kass` (bad:
# "Kass bild") nor `prisvärd` (the product's; a review).
_SHOP = re.compile(
    r"\b(?:personal\w*|butik\w*|kassa\w*|kassor\w*|kö|kön|köer\w*|service|bemötande\w*|"
    r"expedit\w*|säljare\w*|leverans\w*|frakt\w*|retur\w*|pris|priset|priser|priserna|"
    r"reklamation\w*|kundtjänst\w*)\b",
    re.I | re.U,
)
_SHOP_TAIL_WORDS = 3  # "köpt på City Gross i morse": a time or place, no more


def _bought_at(sentence: str, after: str, mentions: Callable[[str], bool], others) -> bool:
    """The brand is named only as where another party's product was bought (_BOUGHT), last in
    the sentence, and neither the sentence nor the one after speaks of the shop (_SHOP)."""
    m = _BOUGHT.search(sentence)
    if m is None:
        return False
    end = _name_end(sentence, m.end(), mentions)
    if end is None or not _only_there(sentence, m.end(), end, mentions):
        return False
    tail = sentence[end:]
    if len(tail.split()) > _SHOP_TAIL_WORDS or analyse(tail, swedish())[SCORE]:
        return False
    if (
        _SHOP.search(sentence)
        or _SHOP.search(after)
        or _BACK_TO_IT.match(after)
        or _CAME.match(after)
    ):
        return False
    return _names_other(sentence[: m.start()], others, sentence_case=True)


def _name_end(text: str, start: int, mentions: Callable[[str], bool]) -> int | None:
    """Where the brand's name that begins at `start` ends: the fewest of one to three words
    that name it ("ICA" does not name ICA Nära, "ICA Nära" does), or None when they do not."""
    ends, pos = [], start
    for _ in range(_NAME_MAX_WORDS):
        m = _NAME_WORD.match(text, pos)
        if m is None:
            break
        ends.append(pos := m.end())
    for end in ends:
        if mentions(text[start:end]):
            # The name must begin there: "Enligt Aftonbladet har Northvolt" names Northvolt
            # two words on, not after "enligt" (it had made Northvolt the source, neutral).
            return end if end == ends[0] or not mentions(text[ends[0] : end]) else None
    return None


# A word of tone in brackets right after the name judges the brand, named aside or not:
# "Beställde en borrmaskin från Clas Ohlson via Instabox (supersmidigt btw), men …" (a fresh
# two-brand probe, 2026-12-05: Instabox's praise had been set aside). A few words at most: a
# bracket with a clause of its own speaks of something else ("(regnade som fan hela vägen)").
_BRACKETED = re.compile(r"\s*\(([^()]{1,80})\)", re.U)
BRACKET_MAX_WORDS = 4
# The brackets alone, to look for them anywhere: with the leading \s* tried from every space of
# a long run of white space, each try ran to the run's end (quadratic).
_BRACKETS = re.compile(r"\(([^()]{1,80})\)", re.U)


_NAME_BEFORE = re.compile(r"(?:[@#]?\w[\w&.'-]*\s+){0,2}[@#]?\w[\w&.'-]*$", re.U)


def bracketed_verdict(
    sentence: str, mentions: Callable[[str], bool], others, after: str = ""
) -> Reading | None:
    """The brand's verdict in brackets right after its name (_BRACKETED), when the rest of the
    sentence names the brand only aside: "via Instabox (supersmidigt btw), men skorna var
    trasiga". Only a short bracket (a few words, no clause of its own: "(regnade som fan hela
    vägen)" speaks of the weather), naming no other party ("Köpte en Samsung (inte Apple, de är
    dyrare)"); where the brand is not aside, the bracket is read with the sentence, as a
    concession ("Vi har Telia (lite dyra) men täckningen är klockren") or irony ("Fick stå i kö
    hos Telia (kul) i två timmar") is (a review)."""
    for m in _BRACKETS.finditer(sentence):
        said = m.group(1)
        if len(said.split()) > BRACKET_MAX_WORDS or not analyse(said, swedish())[SCORE]:
            continue
        stop = m.start()
        while stop and sentence[stop - 1].isspace():  # at most the spaces before the bracket
            stop -= 1
        name = _NAME_BEFORE.search(sentence, max(0, stop - 60), stop)
        if name is None or not _ends_with_name(name.group().split(), mentions) or mentions(said):
            continue
        if _names_other(said, others):
            continue
        rest = sentence[: m.start()] + sentence[m.end() :]
        return Reading(said) if aside(rest, mentions, others, None, after) is not None else None
    return None


def _ends_with_name(words: list[str], mentions: Callable[[str], bool]) -> bool:
    """Whether the brand's name ends at the last of `words` ("via Instabox", not "från Telia
    igår": the brackets after that speak of the day)."""
    return any(
        mentions(" ".join(words[-k:])) and not mentions(" ".join(words[-k:-1]))
        for k in range(1, len(words) + 1)
    )


def _judges(said: str) -> bool:
    """Whether a bracket after a name is a verdict: a few words with tone, naming no party
    ("via Budbee (Zalando hade 50 % rea, fynd!)" speaks of Zalando; a review)."""
    return (
        len(said.split()) <= BRACKET_MAX_WORDS
        and bool(analyse(said, swedish())[SCORE])
        and not _names_other(said, None)
    )


def _only_there(sentence: str, start: int, end: int, mentions: Callable[[str], bool]) -> bool:
    """The brand is named at sentence[start:end] and nowhere else in the sentence, and not
    judged in brackets right after (_BRACKETED)."""
    judged = _BRACKETED.match(sentence, end)
    if judged is not None and _judges(judged.group(1)):
        return False
    return not mentions(sentence[:start] + " " + sentence[end:])


# A place named after another party, as where that party is: "på Elgiganten i Mall of
# Scandinavia", "satt på Espresso House i Nordstan", "hos Apoteket i Emporia" (a fresh two-brand
# probe, 2026-12-05: four of 70 labels, the shopping centre given the shop's tone). Only after a
# word of where (på, hos, vid, från) and the other party's name: "Vimla går i Telenors nät",
# "Spotify i Volvon" name no place (a review).
_IN = re.compile(r"(?<=\S)\s+i\s+", re.I | re.U)
_WORDS_BEFORE = re.compile(
    r"\b(?i:på|hos|vid|från)\s+(?P<party>(?:[@#]?\w[\w&.'-]*\s+){0,2}[@#]?\w[\w&.'-]*)$", re.U
)


def _place_of_other(sentence: str, mentions: Callable[[str], bool], others) -> bool:
    """The brand is named only right after "i" that follows a word of where and another
    configured party's name (_IN, _WORDS_BEFORE), as a bare name (not "i Telenors nät")."""
    if others is None:
        return False
    for m in _IN.finditer(sentence):
        before = _WORDS_BEFORE.search(sentence, max(0, m.start() - 80), m.start())
        # Another configured party only: any capitalised word would take in first names
        # ("hos Anna i Telia-butiken" is Telia's shop).
        if before is None or not others(before.group("party")):
            continue
        end = _name_end(sentence, m.end(), mentions)
        if end is None or not _NAME_END.match(sentence, end):
            continue
        name = sentence[m.end() : end]
        if genitive(name, mentions):  # "i Tres nät"
            continue
        # Checked once, for the first such place: a sentence of many would otherwise scan the
        # whole sentence for each (a review: 40,000 characters of "Telia i " took 27 s).
        return _only_there(sentence, m.end(), end, mentions)
    return False


def _gains(sentence: str, mentions: Callable[[str], bool], others) -> bool:
    """Whether the brand, named right before "vinner på att/det" (_GAINS), gains from what
    another party named after it does (the brand not named again there)."""
    for m in _GAINS.finditer(sentence):
        before, rest = sentence[: m.start()], sentence[m.end() :]
        if (
            mentions(" ".join(before.split()[-_NAME_MAX_WORDS:]))
            and not mentions(rest)
            and _names_other(rest, others, True)
        ):
            return True
    return False


def aside(
    sentence: str,
    mentions: Callable[[str], bool],
    others,
    clauses: list[str] | None = None,
    after: str = "",
) -> Reading | None:
    """A neutral reading when the brand is named only aside in `sentence` (see the module),
    else None. `clauses`: _clauses(sentence), when the caller has them already; `after`: the
    sentence after it."""
    for m in _SOURCE.finditer(sentence):
        end = _name_end(sentence, m.end(), mentions)
        if (
            end is not None
            and _SOURCE_AFTER.match(sentence, end)
            and _only_there(sentence, m.end(), end, mentions)
        ):
            return Reading("", aside=True)
    for m in _ACCORDING.finditer(sentence):
        end = _name_end(sentence, m.end(), mentions)
        if (
            end is not None
            and _only_there(sentence, m.end(), end, mentions)
            and _names_other(sentence[: m.start()] + " " + sentence[end:], others, True)
        ):
            return Reading("", aside=True)
    clauses = _clauses(sentence) if clauses is None else clauses
    if (
        _gains(sentence, mentions, others)
        or _thing_used(sentence, mentions, others)
        or _means(sentence, after, mentions, others)
        or _bought_at(sentence, after, mentions, others)
        or _place_of_other(sentence, mentions, others)
        or _fallback(sentence, after, mentions)
    ):
        return Reading("", aside=True)
    at = 0
    for j, clause in enumerate(clauses):
        at = sentence.find(clause, at)
        if j + 1 == len(clauses) or not _OF_THE_THING.match(clauses[j + 1]):
            continue
        for m in _CHANNEL.finditer(clause):
            end = _name_end(clause, m.end(), mentions)
            if end is None or not _NAME_END.match(clause, end):
                continue
            if not _only_there(sentence, at + m.end(), at + end, mentions):
                continue
            # The product is another party's, named before the shop in the same clause.
            if _names_other(clause[: m.start()], others, sentence_case=j == 0):
                return Reading("", aside=True)
    return None
