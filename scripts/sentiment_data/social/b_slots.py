"""Author B (test set): slot vocabularies, disjoint from author A's (a_slots.py).

build.py refuses to build when any entry here also occurs in a_slots.py, so every name, place,
product and hashtag in the test set is one the model never saw in the generated training posts.
"""

BRANDS = [
    "Hemköp", "City Gross", "Tre", "Comviq", "Bredbandsbolaget", "Eon", "Ellevio", "Norwegian",
    "SAS", "MTR", "Mekonomen", "Clas Ohlson", "Biltema", "Jula", "Åhléns", "Lindex", "KappAhl",
    "Stadium", "Apotek Hjärtat", "Kronans Apotek", "Swedbank", "Nordea", "Handelsbanken", "SEB",
    "Länsförsäkringar", "Folksam", "Zalando", "Boozt", "CDON", "Webhallen", "Inet", "Circle K",
    "Preem", "Espresso House", "Waynes", "Bolt", "Voi", "Uber", "Tibber", "Greenely", "Budbee",
    "Instabox", "DHL", "Bring", "Airmee", "Hallon", "Vimla", "Fello", "Hemglass", "Filmstaden",
    "Dalarnas Elnät", "Granlunds Glas", "Fjällbo Camping", "Bagarstugan Sol", "Västkust Fiber",
]  # fmt: skip
HANDLES = [
    "@hemkop", "@comviq", "@swedbank", "@nordea_sverige", "@sas", "@mtrx", "@claso",
    "@stadium_se", "@budbee", "@instabox", "@circlek_se", "@filmstaden", "@tibber_sverige",
    "@jossan_h", "@mange_b", "@petra87", "@danne", "@lillemor", "@kicki_s", "@tompa",
    "@zeynep", "@bosse_k", "@vendela", "@isak_o", "@nettan", "@rickard_w", "@fia_m",
]  # fmt: skip
PLACES = [
    "Stockholm", "Kiruna", "Skellefteå", "Piteå", "Kristianstad", "Ystad", "Karlskrona",
    "Varberg", "Uddevalla", "Motala", "Mora", "Sala", "Enköping", "Nyköping", "Katrineholm",
    "Arvika", "Strömstad", "Lysekil", "Örnsköldsvik", "Härnösand", "Hudiksvall", "Sandviken",
    "Borlänge", "Ludvika", "Kungsbacka", "Alingsås", "Lerum", "Landskrona", "Trelleborg",
    "Ängelholm", "Vimmerby", "Västervik", "Oskarshamn", "Ronneby", "Kumla", "Lidköping",
    "Mariestad", "Vasastan", "Frölunda", "Rosengård", "Husby", "Hammarby sjöstad",
]  # fmt: skip
PEOPLE = [
    "Astrid", "Gustav", "Ebba", "Axel", "Klara", "Leo", "Agnes", "William", "Saga", "Olle",
    "Stina", "Kalle", "Pernilla", "Tomas", "Yasmin", "Omar", "Leila", "Björn", "Ingrid", "Sven",
    "Malin", "Petra", "Jesper", "Rasmus", "Tove", "Moa", "Linus", "Dragan", "Aisha", "Noah",
    "svärmor", "min kusin", "gubben", "frugan", "lillebror", "storasyster", "kollegan",
]  # fmt: skip
# Topic nouns (services, bills, objects) of no polarity of their own.
TOPICS = [
    "nätavgiften", "elavtalet", "månadsavgiften", "försäkringen", "ordern", "försändelsen",
    "mobilabonnemanget", "bredbandet", "lånet", "räkningen", "hyran", "beställningen",
    "medlemskortet", "parkeringen", "bokningsbekräftelsen", "självincheckningen", "chatten",
    "sortimentet", "öppettiderna", "menyn", "personalen", "butiken", "lagret", "frakten",
    "tvättmaskinen", "värmepumpen", "vinterdäcken", "glasögonen", "kontoutdraget", "pantmaskinen",
]  # fmt: skip
PRODUCTS = [
    "nya samsungen", "pixeln", "kindlen", "espressomaskinen", "stavmixern", "våffeljärnet",
    "elcykeln", "regnjackan", "vandringskängorna", "soundbaren", "torktumlaren", "bilbarnstolen",
    "sovsäcken", "gymkortet", "smartklockan", "padelracket", "skrivbordsstolen", "projektorn",
]  # fmt: skip
FOODS = [
    "kroppkakor", "ärtsoppa", "pannbiff", "poké bowl", "nachos", "wienerbröd", "räkmacka",
    "halloumiburgare", "kåldolmar", "raggmunk", "bibimbap", "carbonara", "smörgåstårta",
    "prinsesstårta", "surströmming",
]  # fmt: skip
EVENTS = [
    "högskoleprovet", "uppsägningssamtalet", "läkarbesöket", "redovisningen", "studenten",
    "examen", "konserten på fredag", "bilbesiktningen", "körlektionen", "lönesamtalet",
    "mammas sextioårsdag", "dopet", "maratonloppet", "nationella proven", "vaccinationen",
    "anställningsintervjun", "skilsmässoförhandlingen", "utvecklingssamtalet",
]  # fmt: skip
SHOWS = [
    "Let's Dance", "Mästarnas mästare", "Så mycket bättre", "Fångarna på fortet",
    "Robinson", "Idol", "Kalla fakta", "Uppdrag granskning", "Babel", "Go'kväll",
]  # fmt: skip
WHEN = [
    "i morse",
    "nu i eftermiddag",
    "i förrgår",
    "förra tisdagen",
    "i går kväll",
    "nu på torsdag",
    "efter lunch",
    "i jul",
]
VEHICLES = [
    "regionaltåget",
    "nattåget",
    "tvärbanan",
    "expressbussen",
    "flyget hem",
    "skärgårdsbåten",
    "taxin",
]
JOBS = ["undersköterskor", "elektriker", "lärare", "barista", "truckförare", "ekonomiassistent"]
CATEGORIES = [
    "glasögon",
    "cyklar",
    "sängkläder",
    "kaffemaskiner",
    "barnkläder",
    "gymkläder",
    "solglasögon",
]
HASHTAGS = [
    "#lördag", "#söndag", "#tisdag", "#stockholm", "#kiruna", "#norrland", "#västkusten",
    "#pendlarliv", "#föräldraliv", "#vab", "#hösten", "#våren", "#jul", "#letsdance",
    "#allsvenskan", "#shl", "#kaffe", "#bakning", "#löpning", "#ekonomi", "#elpris", "#skola",
]  # fmt: skip
NUMBERS = ["6", "7", "8", "11", "12", "14", "18", "35", "60", "75", "99", "150", "200", "300"]
TIMES = ["vid sju", "vid tio", "klockan 13", "klockan 16.30", "strax efter fem", "vid midnatt"]
URLS = [
    "https://youtu.be/k2Lm9Qz",
    "https://www.instagram.com/p/Cx81",
    "https://t.co/Zk91mP",
    "https://flashback.org/t3418",
]

SLOTS: dict[str, list[str]] = {
    "brand": BRANDS,
    "handle": HANDLES,
    "place": PLACES,
    "person": PEOPLE,
    "topic": TOPICS,
    "product": PRODUCTS,
    "food": FOODS,
    "event": EVENTS,
    "show": SHOWS,
    "when": WHEN,
    "vehicle": VEHICLES,
    "job": JOBS,
    "category": CATEGORIES,
    "hashtag": HASHTAGS,
    "n": NUMBERS,
    "time": TIMES,
    "url": URLS,
}
