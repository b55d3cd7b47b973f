"""Words that name no topic: calendar words in Swedish and English, and each language's function
words, so that topics of English or German mentions are not "the · and · und"."""

from __future__ import annotations

from analysis.lang import FUNCTION_WORDS

# Months and weekdays (with the Swedish definite and genitive forms a dateline uses: "i
# måndags", "måndagen den 3"): every news item names one, so they ranked as topic terms. "jul"
# (Christmas) and "mars" as a planet are rarer than the month, which is what feeds mean.
_SV_CALENDAR = (
    "januari februari mars april maj juni juli augusti september oktober november december "
    "jan feb apr aug sept okt nov dec "
    "måndag tisdag onsdag torsdag fredag lördag söndag "
    "måndagen tisdagen onsdagen torsdagen fredagen lördagen söndagen "
    "måndags tisdags onsdags torsdags fredags lördags söndags"
)
_EN_CALENDAR = (
    "january february march may june july august october december "
    "monday tuesday wednesday thursday friday saturday sunday oct"
)
CALENDAR = frozenset((_SV_CALENDAR + " " + _EN_CALENDAR).split())

# More function words than language detection needs (it keeps only distinctive ones).
_MORE = {
    "en": "its his her she he them than then also into over after new one two said says had "
    "them these those other such any some most only own same too can't won't it's i'm we're "
    "you're they're here where while through during before because being between both each "
    "few further once under until again against does doing having him himself herself itself "
    "myself ourselves themselves yours",
    "de": "dass den des im zum zur ins vom am um aus über unter vor durch gegen ohne sein seine "
    "ihr ihre ihren einer einem einen eines dieser diese dieses jetzt nur schon hat haben war "
    "waren wird werden wurde kann können muss soll man kein keine mehr",
    "no": "det var har ble blitt skulle kunne denne dette disse der her også alle mange",
    "da": "det var har blev blevet skulle kunne denne dette disse der her også alle mange",
}
# Stop words per detected language (lang codes as analysis.lang gives them). Swedish's own list
# (analysis.text.STOP_WORDS) applies to every text: Swedish words quoted in other languages are
# no topic either.
BY_LANG: dict[str, frozenset[str]] = {
    lang: frozenset(words.split()) | frozenset(_MORE.get(lang, "").split())
    for lang, words in FUNCTION_WORDS.items()
    if lang != "sv"
}
