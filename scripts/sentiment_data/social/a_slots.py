"""Author A (training set): slot vocabularies. Disjoint from author B's (b_slots.py) by design.

Every name, place, product and hashtag here fills templates of every label alike, so none of them
can carry polarity into the model; build.py checks that no entry is shared with author B.
"""

BRANDS = [
    "SJ", "SL", "Telia", "Tele2", "Telenor", "Postnord", "Ikea", "Klarna", "Swish", "Spotify",
    "Vattenfall", "Fortum", "Skånetrafiken", "Västtrafik", "Systembolaget", "Apoteket",
    "Elgiganten", "H&M", "Lidl", "Netflix", "Volvo", "Scania", "Max", "Pressbyrån", "Bauhaus",
    "Mathem", "Foodora", "Wolt", "Vy", "Flygbussarna", "Arlanda", "Skatteverket",
    "Försäkringskassan", "1177", "Nordvik Energi", "Bergström Bredband", "Kaffekompaniet Ljus",
    "Solgläntan", "Ekblads Cykel", "Torgets Pizzeria", "Norrsken Fiber", "Lindgrens Bageri",
]  # fmt: skip
HANDLES = [
    "@sj_ab", "@sl_press", "@teliasverige", "@postnord_se", "@ikeasverige", "@klarna",
    "@spotifysverige", "@vattenfall", "@skanetrafiken", "@systemet", "@elgiganten",
    "@kalle_92", "@annaberg", "@mickeee", "@frida_l", "@jonte", "@saraah", "@nisse_p",
    "@ellinor_k", "@hugoo", "@majsan", "@tobbe_r", "@lisalisa", "@amiiir", "@villevalp",
]  # fmt: skip
PLACES = [
    "Göteborg", "Malmö", "Uppsala", "Umeå", "Luleå", "Västerås", "Örebro", "Linköping",
    "Norrköping", "Jönköping", "Helsingborg", "Lund", "Gävle", "Sundsvall", "Karlstad", "Växjö",
    "Halmstad", "Borås", "Eskilstuna", "Södertälje", "Visby", "Östersund", "Falun", "Skövde",
    "Kalmar", "Trollhättan", "Nacka", "Solna", "Täby", "Hässleholm", "Gamla stan", "Majorna",
    "Möllan", "Hisingen", "Rinkeby", "Tensta", "Södermalm", "Flemingsberg",
]  # fmt: skip
PEOPLE = [
    "Anna", "Erik", "Johan", "Sara", "Emma", "Oscar", "Lisa", "Maja", "Karin", "Lars",
    "Mikael", "Elin", "Hanna", "Jonas", "Frida", "Niklas", "Linnea", "Alexander", "Ida",
    "Viktor", "Amir", "Fatima", "Ali", "Mohammed", "Sofia", "Wilma", "Hugo", "Elsa", "Nils",
    "mamma", "pappa", "farmor", "morfar", "min bror", "min syster", "sambon", "grannen",
]  # fmt: skip
# Things people write about, of no polarity of their own.
THINGS = [
    "appen", "fakturan", "abonnemanget", "leveransen", "paketet", "tåget", "bussen",
    "kundtjänsten", "kortet", "hemsidan", "elräkningen", "mobilen", "laddaren", "jackan",
    "skorna", "soffan", "routern", "bokningen", "returen", "kvittot", "biljetten", "lägenheten",
    "cykeln", "bilen", "kaffet", "pizzan", "hämtmaten", "uppdateringen", "kassan", "disken",
]  # fmt: skip
PRODUCTS = [
    "iphonen", "airpodsen", "nya macbooken", "kaffebryggaren", "dammsugaren", "robotgräsklipparen",
    "elsparkcykeln", "vinterjackan", "löparskorna", "hörlurarna", "tv:n", "diskmaskinen",
    "barnvagnen", "tältet", "ryggsäcken", "surfplattan", "spelkonsolen", "airfryern",
]  # fmt: skip
FOODS = [
    "tacos", "pannkakor", "köttbullar", "sushi", "kebab", "falafel", "lasagne", "pytt i panna",
    "fiskgratäng", "korv med bröd", "räksmörgås", "kanelbullar", "semlor", "pho", "ramen",
]  # fmt: skip
EVENTS = [
    "tentan", "intervjun", "tandläkaren", "mötet med chefen", "uppkörningen", "flytten",
    "bröllopet", "löpningen på lördag", "föreläsningen", "operationen", "julafton",
    "skolstarten", "midsommar", "festivalen", "matchen ikväll", "första dagen på nya jobbet",
]  # fmt: skip
SHOWS = [
    "Melodifestivalen", "Skavlan", "På spåret", "Bonde söker fru", "Allsång på Skansen",
    "Rapport", "nya säsongen av Wednesday", "Vinterstudion", "Svenska Hollywoodfruar",
]  # fmt: skip
DAYS = [
    "idag",
    "imorgon",
    "på lördag",
    "på söndag",
    "i helgen",
    "ikväll",
    "på måndag",
    "nästa vecka",
]
TRANSPORT = ["tåget", "bussen", "pendeln", "tunnelbanan", "spårvagnen", "färjan", "flyget"]
JOBS = ["lagerarbetare", "butikssäljare", "sjuksköterskor", "utvecklare", "kockar", "chaufförer"]
CATEGORIES = ["jackor", "skor", "möbler", "leksaker", "kaffe", "hudvård", "trädgård", "verktyg"]
HASHTAGS = [
    "#fredag", "#måndag", "#vardag", "#sverige", "#göteborg", "#malmö", "#pendling", "#jobb",
    "#träning", "#mat", "#helg", "#höst", "#vinter", "#sommar", "#melfest", "#svpol", "#fika",
    "#hemmakväll", "#foodie", "#student", "#fotboll", "#hockey", "#barnfamilj",
]  # fmt: skip
NUMBERS = ["2", "3", "4", "5", "10", "15", "20", "25", "30", "40", "45", "50", "90", "120"]
TIMES = ["kl 7", "kl 9", "kl 12", "kl 15", "kl 18", "kl 20", "halv åtta", "kvart över fyra"]
URLS = ["https://t.co/aB3kQ9", "https://t.co/x7Yp2L", "https://bit.ly/3kLmN", "https://t.co/Qw8rT1"]


SLOTS: dict[str, list[str]] = {
    "brand": BRANDS,
    "handle": HANDLES,
    "place": PLACES,
    "person": PEOPLE,
    "thing": THINGS,
    "product": PRODUCTS,
    "food": FOODS,
    "event": EVENTS,
    "show": SHOWS,
    "day": DAYS,
    "transport": TRANSPORT,
    "job": JOBS,
    "category": CATEGORIES,
    "hashtag": HASHTAGS,
    "n": NUMBERS,
    "time": TIMES,
    "url": URLS,
}
