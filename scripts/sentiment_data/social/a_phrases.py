"""Author A (training set): phrase lists that the templates in a_posts.py combine.

Written by hand for koll. Labels follow data/sentiment/SOCIAL.md: an opinion or feeling is polar,
everything else (greetings, plans, questions for information, ads, news, banter) is neutral.
"""

# --- evaluative pieces ---------------------------------------------------------------------
POS_ADJ = [
    "grym", "asbra", "sjukt bra", "helt fantastisk", "klockren", "riktigt bra", "fett nice",
    "så jäkla bra", "najs", "superbra", "värd varenda krona", "bäst", "helt underbar",
    "skit snygg", "as nice", "mysig", "smidig", "kanon", "toppen", "gött", "kalas", "ball",
]  # fmt: skip
POS_ADJ_T = [
    "grymt", "asbra", "sjukt bra", "helt fantastiskt", "klockrent", "riktigt bra", "fett nice",
    "så jäkla bra", "najs", "superbra", "skit snyggt", "mysigt", "smidigt", "kanon", "toppen",
    "gött", "kalas", "ballt", "hur bra som helst", "över förväntan", "on point", "eld",
]  # fmt: skip
NEG_ADJ = [
    "kass", "värdelös", "helt sjukt dålig", "usel", "skit", "sunkig", "seg", "hopplös",
    "oanvändbar", "ett skämt", "under all kritik", "bedrövlig", "keff", "trash", "dålig",
    "skitdålig", "asdålig", "pinsam", "katastrofal", "helt ärligt botten",
]  # fmt: skip
NEG_ADJ_T = [
    "kasst", "värdelöst", "helt sjukt dåligt", "uselt", "sunkigt", "segt", "hopplöst",
    "ett skämt", "under all kritik", "bedrövligt", "keft", "trash", "dåligt", "skitdåligt",
    "asdåligt", "pinsamt", "katastrofalt", "botten", "mög", "kaos",
]  # fmt: skip
FAILURES = [
    "appen har legat nere hela morgonen", "paketet kom aldrig fram", "fakturan var fel igen",
    "{transport} är {n} minuter sent", "ingen svarar i telefon", "de tappade min bokning",
    "jag fick vänta i kö i {n} minuter", "{thing} funkar inte för tredje dagen i rad",
    "priset höjdes utan att någon sa nåt", "de skickade fel storlek", "mitt kort spärrades igen",
    "internet har varit borta sen i fredags", "{transport} ställdes in utan förklaring",
    "returen har tagit sex veckor", "de drog pengar två gånger", "hemsidan kraschar vid kassan",
]  # fmt: skip
SUCCESSES = [
    "paketet kom dagen efter", "de löste det på fem minuter", "jag fick pengarna tillbaka direkt",
    "{transport} var i tid hela veckan", "kundtjänsten ringde upp inom en timme",
    "de bytte ut {thing} utan krångel", "allt funkade på första försöket",
    "tjejen i kassan hjälpte mig jättemycket", "de fixade det samma dag",
    "uppdateringen gjorde allt snabbare", "jag fick en rabatt för besväret",
]  # fmt: skip
POS_FEEL = [
    "så glad", "sjukt peppad", "så tacksam", "lycklig", "helt lyrisk", "så stolt", "jätteglad",
    "supernöjd", "rörd", "lättad", "taggad", "på topp",
]  # fmt: skip
NEG_FEEL = [
    "så trött på allt", "ledsen", "arg", "sur", "besviken", "nervös", "orolig", "stressad",
    "lite nere", "helt slut", "deppig", "less", "irriterad", "förbannad", "ensam", "rädd",
    "uppgiven", "sönderstressad",
]  # fmt: skip
NEG_STATE = [
    "har sån ångest inför {event}", "lite nervös inför {event}", "mår skit idag",
    "fruktansvärt trött på {thing}", "pallar inte {event}", "orkar inte mer idag",
    "känner mig så ensam ikväll", "kan inte sova, oroar mig för {event}",
    "har ont i magen av stress", "panik inför {event}", "gråter på bussen hem",
    "ångest ångest ångest", "rädd att {event} ska gå åt skogen", "hatar måndagar",
]  # fmt: skip
MILD_NEG = [
    "lite obehagligt", "lite tråkigt", "lite synd", "lite jobbigt", "lite snålt", "lite segt",
    "lite dyrt", "lite småtråkigt", "lite läskigt", "lite irriterande", "lite besviken",
    "lite orolig",
]  # fmt: skip
LITOTES_POS = [
    "inte dåligt alls", "inte illa", "kan inte klaga", "inte helt fel", "inte så pjåkigt",
    "inga problem alls", "inget att klaga på", "inte dumt alls", "inte sämst",
]  # fmt: skip
RHETORICAL = [
    "hur svårt kan det vara för {brand} att svara i telefon?",
    "hur svårt ska det vara att leverera ett paket i tid?",
    "vem på {brand} tyckte att det här var en bra idé?",
    "varför ska allt med {brand} vara så krångligt?",
    "är det bara jag som tycker att {thing} blivit sämre?",
    "hur kan man ens ta betalt för det här?",
    "vad håller ni på med {brand}?",
    "hur tänkte ni nu egentligen?",
    "på riktigt, vem godkände det här?",
    "ska det verkligen behöva vara så här varje gång?",
]  # fmt: skip
IRONY = [
    "tack för inget {brand}",
    "snyggt jobbat {brand}, {failure} 🙄",
    "bra jobbat {brand}. {failure}",
    "älskar när {failure} 🙃",
    "toppen, {failure}",
    "klassiskt {brand}, {failure}",
    "kul att {failure}. verkligen.",
    "vilken service. {failure}",
    "grattis {brand}, {failure} igen",
    "underbart. {failure}. precis vad jag behövde",
    "wow {brand}, {failure}. imponerande 👏",
]  # fmt: skip
