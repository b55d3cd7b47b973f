"""Combine hand-written Swedish clause fragments into extra training rows.

All fragments below were written by hand for koll by its developers. The
combinations are grammatical by construction (subject/predicate pairs, agreed
adjective forms) and contradictory pairs are avoided (same aspect is never
paired with itself). build.py caps these rows at 30 % of the training file and
never puts them in dev.
"""

from __future__ import annotations

import random

SEED = 20261126

# ---------------------------------------------------------------------------
# A. Contrast: (aspect, subject, predicate). Pronoun subjects cannot take "däremot".
CONTRAST = {
    "restaurant": {
        "mild": [
            ("wait", "vi", "fick vänta en stund på bordet"),
            ("room", "det", "var lite trångt"),
            ("price", "det", "är inte det billigaste stället"),
            ("menu", "menyn", "var lite kort"),
        ],
        "intro": [
            "Åt lunch på {b} idag.",
            "Var på {b} i lördags.",
            "Middag på {b} igår.",
            "Testade äntligen {b}.",
            "",
        ],
        "brands": [
            "Pizzeria Roma",
            "Bistro Lind",
            "Krogen Ankaret",
            "Thai Garden",
            "Hamnkrogen",
            "Café Solstrålen",
            "Grill 21",
        ],
        "kind": "review",
        "pos": [
            ("food", "maten", "var riktigt god"),
            ("staff", "personalen", "var supertrevlig"),
            ("portion", "portionerna", "var generösa"),
            ("room", "lokalen", "var jättemysig"),
            ("dessert", "efterrätten", "var helt fantastisk"),
            ("price", "priset", "var rimligt"),
        ],
        "neg": [
            ("wait", "vi", "fick vänta över en timme på maten"),
            ("staff", "servitören", "var direkt otrevlig"),
            ("food", "köttet", "var segt och kallt"),
            ("room", "ljudnivån", "var så hög att vi inte kunde prata"),
            ("booking", "de", "hade glömt vår bokning"),
            ("price", "notan", "var helt orimlig för det vi fick"),
        ],
    },
    "hotel": {
        "mild": [
            ("room", "rummet", "var lite litet"),
            ("price", "det", "var inte billigt"),
            ("checkin", "incheckningen", "tog en stund"),
            ("loc", "det", "var en bit att gå till centrum"),
        ],
        "intro": [
            "Bodde på {b} i helgen.",
            "Två nätter på {b}.",
            "Övernattade på {b} i veckan.",
            "",
        ],
        "brands": [
            "Hotell Kusten",
            "Stadshotellet",
            "Fjällgården",
            "Hotel Nordic Star",
            "Pensionat Ljung",
        ],
        "kind": "review",
        "pos": [
            ("loc", "läget", "var perfekt"),
            ("bed", "sängarna", "var sköna"),
            ("breakfast", "frukosten", "var fantastisk"),
            ("staff", "personalen", "var otroligt hjälpsam"),
            ("clean", "rummet", "var skinande rent"),
            ("view", "utsikten", "var magisk"),
        ],
        "neg": [
            ("clean", "rummet", "var smutsigt och luktade rök"),
            ("noise", "väggarna", "var så tunna att vi hörde allt från grannrummet"),
            ("breakfast", "frukosten", "var slut redan klockan nio"),
            ("staff", "receptionen", "var helt ointresserad"),
            ("wifi", "wifi:t", "fungerade inte alls"),
            ("price", "parkeringen", "kostade 350 kr per natt"),
        ],
    },
    "train": {
        "mild": [
            ("time", "tåget", "var tio minuter sent"),
            ("seat", "det", "var lite trångt i vagnen"),
            ("price", "biljetten", "var inte billig"),
            ("cafe", "bistron", "hade slut på smörgåsar"),
        ],
        "intro": [
            "Åkte {b} till Göteborg idag.",
            "Pendlade med {b} hela veckan.",
            "Resa med {b} i helgen.",
            "",
        ],
        "brands": ["SJ", "Mälartåg", "Snälltåget", "Norrtåg", "Västtågen", "Krösatågen"],
        "kind": "tweet",
        "pos": [
            ("staff", "konduktören", "var jättetrevlig"),
            ("seat", "sätena", "var bekväma"),
            ("wifi", "wifi:t", "fungerade hela vägen"),
            ("clean", "vagnen", "var ren och fräsch"),
            ("price", "biljetten", "var billig"),
            ("info", "informationen", "var tydlig"),
        ],
        "neg": [
            ("time", "tåget", "var över en timme försenat"),
            ("seat", "vi", "fick stå hela vägen"),
            ("wifi", "wifi:t", "dog redan i Södertälje"),
            ("clean", "toaletterna", "var äckliga"),
            ("info", "ingen", "sa ett ord om varför vi stod still"),
            ("conn", "jag", "missade anslutningen och fick vänta två timmar"),
        ],
    },
    "telecom": {
        "mild": [
            ("price", "det", "är lite dyrare än konkurrenterna"),
            ("install", "installationen", "tog lite längre tid än utlovat"),
            ("app", "appen", "är lite rörig"),
            ("router", "routern", "är ful"),
        ],
        "intro": ["Har haft {b} i ett år nu.", "Bytte till {b} i våras.", "Om {b}:", ""],
        "brands": ["Telia", "Tele2", "Telenor", "Tre", "Comviq", "Bergström Bredband", "Vimla"],
        "kind": "comment",
        "pos": [
            ("price", "priset", "är bra"),
            ("coverage", "täckningen", "är utmärkt"),
            ("speed", "hastigheten", "är riktigt bra"),
            ("support", "supporten", "svarar snabbt"),
            ("app", "appen", "är smidig"),
            ("install", "installationen", "gick snabbt"),
        ],
        "neg": [
            ("coverage", "täckningen", "är usel här ute"),
            ("speed", "uppkopplingen", "dör varje kväll"),
            ("support", "kundtjänsten", "är omöjlig att nå"),
            ("bill", "fakturan", "har varit fel tre månader i rad"),
            ("price", "priset", "höjdes med 30 procent utan förvarning"),
            ("app", "appen", "kraschar hela tiden"),
        ],
    },
    "bank": {
        "mild": [
            ("app", "appen", "ser lite gammaldags ut"),
            ("rate", "räntan", "är inte den allra lägsta"),
            ("office", "kontoret", "har korta öppettider"),
        ],
        "intro": ["Har varit kund hos {b} i fem år.", "Om {b}:", "Bytte till {b} förra året.", ""],
        "brands": [
            "Swedbank",
            "Nordea",
            "SEB",
            "Handelsbanken",
            "ICA Banken",
            "Skandiabanken",
            "Sparbanken Nord",
        ],
        "kind": "forum",
        "pos": [
            ("rate", "räntan", "är konkurrenskraftig"),
            ("app", "appen", "är lätt att använda"),
            ("advisor", "rådgivaren", "var kunnig och lyhörd"),
            ("support", "kundtjänsten", "svarar direkt"),
            ("fees", "avgifterna", "är låga"),
        ],
        "neg": [
            ("rate", "bolåneräntan", "är högre än hos alla andra"),
            ("app", "appen", "ligger nere var och varannan vecka"),
            ("advisor", "rådgivaren", "försökte bara sälja dyra fonder"),
            ("support", "det", "tar en timme att komma fram i telefon"),
            ("fees", "avgifterna", "har fördubblats på två år"),
            ("fraud", "de", "vägrade hjälpa mig när jag blev lurad"),
        ],
    },
    "delivery": {
        "mild": [
            ("price", "frakten", "var lite dyr"),
            ("speed", "leveransen", "tog en dag extra"),
            ("pack", "kartongen", "var lite tilltufsad"),
        ],
        "intro": [
            "Beställde från {b} i måndags.",
            "Handlade på {b} igen.",
            "Om min order från {b}:",
            "",
        ],
        "brands": ["Zalando", "CDON", "Apotea", "Adlibris", "Boozt", "Stegvis", "Vildmark Outdoor"],
        "kind": "review",
        "pos": [
            ("speed", "leveransen", "var supersnabb"),
            ("quality", "kvaliteten", "var toppen"),
            ("fit", "storleken", "stämde perfekt"),
            ("pack", "paketet", "var snyggt packat"),
            ("price", "priset", "var bra"),
            ("return", "returen", "var enkel"),
        ],
        "neg": [
            ("speed", "paketet", "kom en vecka för sent"),
            ("quality", "materialet", "kändes billigt"),
            ("fit", "storleken", "var helt fel"),
            ("pack", "kartongen", "var helt mosad"),
            ("price", "frakten", "kostade nästan lika mycket som varan"),
            ("return", "återbetalningen", "har dröjt i fem veckor"),
        ],
    },
    "app": {
        "mild": [
            ("design", "designen", "tar lite tid att vänja sig vid"),
            ("login", "inloggningen", "är lite omständlig"),
            ("price", "den", "kostar en slant"),
        ],
        "intro": [
            "Har testat nya {b}-appen.",
            "Om senaste uppdateringen av {b}:",
            "Laddade ner {b} igår.",
            "",
        ],
        "brands": [
            "Kivra",
            "Spotify",
            "Skånetrafiken",
            "Foodora",
            "Tibber",
            "Vinted",
            "Min Doktor",
        ],
        "kind": "tweet",
        "pos": [
            ("design", "designen", "är snygg"),
            ("speed", "appen", "startar snabbt"),
            ("feature", "nya funktionen", "är jättesmart"),
            ("support", "supporten", "var snabb"),
            ("ease", "det", "är lätt att hitta allt"),
        ],
        "neg": [
            ("design", "menyerna", "är helt obegripliga"),
            ("speed", "allt", "laddar i evigheter"),
            ("feature", "den enda funktion jag använde", "är borttagen"),
            ("support", "supporten", "svarar med standardfraser"),
            ("crash", "appen", "kraschar varje gång jag ska betala"),
            ("login", "jag", "blir utloggad hela tiden"),
        ],
    },
    "product": {
        "mild": [
            ("price", "den", "var inte billig"),
            ("manual", "manualen", "är lite otydlig"),
            ("weight", "den", "är lite tung"),
            ("color", "färgen", "var lite mörkare än på bilden"),
        ],
        "intro": ["Köpte {b} förra månaden.", "Om {b}:", "Har haft {b} ett tag nu.", ""],
        "brands": [
            "nya hörlurarna",
            "soffan från Mio",
            "robotdammsugaren",
            "elcykeln",
            "kaffemaskinen",
            "vinterjackan",
        ],
        "kind": "review",
        "pos": [
            ("design", "designen", "är snygg"),
            ("quality", "kvaliteten", "känns gedigen"),
            ("use", "den", "är enkel att använda"),
            ("price", "priset", "var bra"),
            ("perf", "den", "gör exakt det den ska"),
        ],
        "neg": [
            ("broken", "den", "gick sönder efter tre veckor"),
            ("quality", "materialet", "känns billigt"),
            ("use", "den", "är krånglig att använda"),
            ("price", "den", "är alldeles för dyr för vad man får"),
            ("support", "reklamationen", "avslogs utan förklaring"),
        ],
    },
    "energy": {
        "mild": [
            ("app", "appen", "är lite rörig"),
            ("price", "priset", "var lite högre förra månaden"),
            ("bill", "fakturan", "kom några dagar sent"),
        ],
        "intro": ["Har {b} som elbolag.", "Om {b}:", "Bytte till {b} i höstas.", ""],
        "brands": ["Vattenfall", "Eon", "Fortum", "Nordvik Energi", "Tibber", "Göteborg Energi"],
        "kind": "forum",
        "pos": [
            ("app", "appen", "är tydlig"),
            ("price", "priset", "är rimligt"),
            ("support", "kundtjänsten", "var väldigt hjälpsam"),
            ("outage", "strömmen", "kom tillbaka snabbt efter stormen"),
            ("bill", "fakturan", "är lätt att förstå"),
        ],
        "neg": [
            ("bill", "fakturan", "stämmer aldrig"),
            ("price", "nätavgiften", "har höjts igen"),
            ("support", "ingen", "svarar på mejl"),
            ("outage", "vi", "var utan ström i två dygn"),
            ("contract", "de", "förlängde avtalet utan att fråga"),
        ],
    },
    "gym": {
        "mild": [
            ("crowd", "det", "är lite trångt på måndagar"),
            ("parking", "parkeringen", "är liten"),
            ("price", "det", "är inte det billigaste gymmet"),
        ],
        "intro": ["Tränar på {b} sedan i höstas.", "Om {b}:", ""],
        "brands": ["FriskHuset", "Styrkefabriken", "Gymmet på hörnet", "Motionsverket"],
        "kind": "comment",
        "pos": [
            ("equip", "maskinerna", "är nya"),
            ("staff", "personalen", "är kunnig"),
            ("clean", "omklädningsrummen", "är rena"),
            ("price", "priset", "är okej"),
            ("hours", "öppettiderna", "är generösa"),
        ],
        "neg": [
            ("equip", "hälften av maskinerna", "är trasiga"),
            ("crowd", "det", "är alldeles för trångt på kvällarna"),
            ("clean", "duscharna", "är äckliga"),
            ("contract", "de", "gör det nästan omöjligt att säga upp kortet"),
            ("price", "priset", "höjs varje år"),
        ],
    },
}
PRONOUNS = {"vi", "de", "den", "det", "jag", "ingen", "allt"}
NEG_CLOSE = [
    "",
    " Tyvärr.",
    " Synd.",
    " Besviken.",
    " Blir inget mer.",
    " 😕",
    " Aldrig igen.",
    " Tråkigt.",
    " 👎",
]
POS_CLOSE = [
    " Nöjd ändå!",
    " Rekommenderas.",
    " 😊",
    " Helt klart värt det.",
    " 👍",
    " Toppen totalt sett.",
]


def cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def clause(c) -> str:
    return f"{c[1]} {c[2]}"


def contrast_rows(rng: random.Random) -> list[dict]:
    out = []
    for d in CONTRAST.values():
        # pos-first + serious negative -> neg; mild negative first + positive -> pos.
        pairs = [(p, n, "neg") for p in d["pos"] for n in d["neg"] if p[0] != n[0]]
        pairs += [(n, p, "pos") for p in d["pos"] for n in d["mild"] if p[0] != n[0]]
        if True:
            for first, second, label in pairs:
                close = NEG_CLOSE if label == "neg" else POS_CLOSE
                forms = [
                    ("contrast_men", f"{cap(clause(first))} men {clause(second)}."),
                    ("contrast_men", f"{cap(clause(first))}, men {clause(second)}."),
                    ("contrast_fast", f"{cap(clause(first))}, fast {clause(second)}."),
                ]
                if label == "neg":
                    forms.append(
                        (
                            "contrast_men",
                            f"Visserligen {first[2].split(' ', 1)[0]} {first[1]} "
                            f"{first[2].split(' ', 1)[1]}, men {clause(second)}.",
                        )
                    )
                if second[1] not in PRONOUNS:
                    verb, rest = second[2].split(" ", 1)
                    forms.append(
                        (
                            "contrast_daremot",
                            f"{cap(clause(first))}. {cap(second[1])} däremot {verb} {rest}.",
                        )
                    )
                phen, body = rng.choice(forms)
                intro = rng.choice(d["intro"])
                if intro:
                    intro = intro.format(b=rng.choice(d["brands"])) + " "
                if intro.endswith(": "):
                    body = body[:1].lower() + body[1:]
                out.append(
                    {
                        "text": intro + body + rng.choice(close),
                        "label": label,
                        "kind": d["kind"],
                        "phenomenon": phen,
                    }
                )
    return out


# ---------------------------------------------------------------------------
# B. Negation of agreed adjectives: (subject, positive forms, "dålig" form, negative forms)
NEG_SUBJ = [
    ("Maten", ["god", "varm", "prisvärd"], "dålig", ["dyr", "kryddig"]),
    ("Kundtjänsten", ["hjälpsam", "snabb", "trevlig"], "dålig", ["långsam", "krånglig"]),
    ("Hotellet", ["rent", "fräscht", "prisvärt"], "dåligt", ["dyrt", "slitet"]),
    ("Leveransen", ["snabb", "smidig"], "dålig", ["långsam", "krånglig"]),
    ("Nya appen", ["användarvänlig", "stabil", "snabb"], "dålig", ["krånglig", "seg"]),
    ("Soffan", ["bekväm", "stabil", "prisvärd"], "dålig", ["hård", "obekväm"]),
    ("Bemötandet", ["trevligt", "professionellt", "personligt"], "dåligt", ["stelt", "otrevligt"]),
    ("Tågresan", ["bekväm", "smidig"], "dålig", ["jobbig", "lång"]),
    ("Uppkopplingen", ["stabil", "snabb"], "dålig", ["seg", "instabil"]),
    ("Monteringen", ["enkel", "smidig"], "dålig", ["krånglig", "svår"]),
    ("Portionerna", ["stora", "mättande"], "dåliga", ["små", "snåla"]),
    ("Personalen", ["trevlig", "hjälpsam", "kunnig"], "dålig", ["otrevlig", "stressad"]),
    ("Priserna", ["rimliga", "bra"], "dåliga", ["höga", "saftiga"]),
    ("Kaffet", ["gott", "varmt"], "dåligt", ["beskt", "dyrt"]),
    ("Wifi:t på tåget", ["stabilt", "snabbt"], "dåligt", ["segt", "ostabilt"]),
    ("Filmen", ["spännande", "rolig"], "dålig", ["lång", "seg"]),
    ("Konserten", ["bra", "minnesvärd"], "dålig", ["kort", "rörig"]),
    ("Frisyren", ["snygg", "lyckad"], "dålig", ["kort", "konstig"]),
    ("Jackan", ["varm", "vattentät"], "dålig", ["tung", "dyr"]),
    ("Supporten hos Telia", ["hjälpsam", "snabb"], "dålig", ["långsam", "krånglig"]),
    ("Bussresan", ["bekväm", "smidig"], "dålig", ["trång", "lång"]),
    ("Rådgivningen på banken", ["bra", "tydlig"], "dålig", ["krånglig", "säljig"]),
]
NEG_TMPL = [
    ("negation", "{s} var inte {a}."),
    ("negation_scope", "{s} var inte särskilt {a}."),
    ("negation_scope", "{s} var inte direkt {a}."),
    ("negation_scope", "{s} var knappast {a}."),
    ("negation_scope", "{s} var inte alls {a}."),
    ("negation_scope", "{s} var verkligen inte {a}."),
    ("negation_scope", "{s} var tyvärr inte så {a} som utlovat."),
    ("negation", "{s} var aldrig {a}, inte en enda gång."),
]
POS_TMPL = [
    ("negation_scope", "{s} var inte alls så {n} som jag hade trott."),
    ("negation_scope", "{s} var inte så {n} som folk säger, tvärtom."),
    ("negation", "{s} var faktiskt inte {d}."),
    ("negation", "{s} var inte {d} alls."),
    ("negation_scope", "{s} var inte ett dugg {n}."),
]
NEG_SUFFIX = ["", " Tyvärr.", " Synd.", " 😕", " Besviken.", " Tråkigt.", " Nej tack."]
POS_SUFFIX = [
    "",
    " Positivt överraskad!",
    " 👍",
    " Nöjd!",
    " Skönt!",
    " :)",
    " Helt klart godkänt.",
]


def negation_rows(rng: random.Random) -> list[dict]:
    out = []
    kinds = ["tweet", "comment", "review", "forum"]
    for s, pos, d, neg in NEG_SUBJ:
        for a in rng.sample(pos, 2):
            for phen, t in rng.sample(NEG_TMPL, 1):
                out.append(
                    {
                        "text": t.format(s=s, a=a) + rng.choice(NEG_SUFFIX),
                        "label": "neg",
                        "kind": rng.choice(kinds),
                        "phenomenon": phen,
                    }
                )
        for n in rng.sample(neg, min(2, len(neg))):
            for phen, t in rng.sample(POS_TMPL, 1):
                out.append(
                    {
                        "text": t.format(s=s, n=n, d=d) + rng.choice(POS_SUFFIX),
                        "label": "pos",
                        "kind": rng.choice(kinds),
                        "phenomenon": phen,
                    }
                )
    return out


# ---------------------------------------------------------------------------
# C. Ironic thanks: brand group -> events (noun phrases)
IRONY = {
    ("SJ", "SL", "Skånetrafiken", "Västtrafik", "Mälartåg", "Östgötatrafiken", "UL"): [
        "ännu en inställd avgång",
        "40 minuter i kylan på perrongen",
        "att tåget stod still i en timme utan information",
        "den fullsatta ersättningsbussen",
        "att jag missade anslutningen igen",
        "den tredje förseningen den här veckan",
    ],
    ("Telia", "Tele2", "Telenor", "Tre", "Comviq"): [
        "ett helt dygn utan internet",
        "den tredje prishöjningen i år",
        "en timme i telefonkö",
        "att fibern dog mitt i mötet",
        "fakturan som var dubbelt så hög som den skulle",
    ],
    ("Postnord", "DHL", "Bring"): [
        "paketet som aldrig kom",
        "att ni lämnade paketet i regnet",
        "avin om ett paket som inte finns",
        "att paketet åkte tillbaka till avsändaren utan att ni ens försökt",
    ],
    ("Vattenfall", "Eon", "Ellevio", "Fortum"): [
        "elräkningen på 5 000 kr",
        "strömavbrottet mitt i middagen",
        "ännu en höjd nätavgift",
        "att ni förlängde mitt avtal utan att fråga",
    ],
    ("Swedbank", "Nordea", "SEB", "Klarna"): [
        "att appen låg nere på lönedagen",
        "den nya avgiften",
        "det spärrade kortet mitt på semestern",
        "inkassokravet på en faktura jag redan betalat",
    ],
}
IRONY_OPEN = [
    "Tack {b} för {e}.",
    "Stort tack {b} för {e}.",
    "Tusen tack {b} för {e}.",
    "Vill bara tacka {b} för {e}.",
    "Tack så mycket {b} för {e}.",
]
IRONY_CLOSE = [
    " Verkligen.",
    " 🙄",
    " Toppen.",
    " Vilken service.",
    " 👏👏",
    " Ni är bäst.",
    " Helt fantastiskt.",
    " 🙃",
    " Mycket uppskattat.",
    " Vad skulle vi göra utan er?",
]


def irony_rows(rng: random.Random) -> list[dict]:
    out = []
    for brands, events in IRONY.items():
        for e in events:
            for b in rng.sample(list(brands), 2):
                t = rng.choice(IRONY_OPEN).format(b=b, e=e) + rng.choice(IRONY_CLOSE)
                out.append({"text": t, "label": "neg", "kind": "tweet", "phenomenon": "irony"})
    return out


# ---------------------------------------------------------------------------
# D. Neutral questions and news-style announcements
STORES = [
    "ICA Maxi i Västerås",
    "Coop i Luleå",
    "Willys i Sundsvall",
    "Ikea i Kållered",
    "Clas Ohlson i Borås",
    "Systembolaget på Drottninggatan",
    "Apoteket vid Centralen",
    "Lidl i Gävle",
    "Elgiganten i Jönköping",
    "Hemköp i Lund",
    "Biltema i Umeå",
    "Jula i Karlstad",
]
WHEN = [
    "på nyårsdagen",
    "på annandag påsk",
    "på midsommarafton",
    "på långfredagen",
    "på trettondagen",
    "efter 20 på söndagar",
    "på julafton",
    "på Kristi himmelfärdsdag",
    "på nationaldagen",
]
SERVICES = [
    "BankID",
    "Swish",
    "Telias mobilnät i Malmö",
    "pendeltågen till Södertälje",
    "Skånetrafikens app",
    "Kivra",
    "1177",
    "Vattenfalls kundportal",
    "Tele2:s bredband i Uppsala",
    "Spotify",
    "Västtrafiks biljettapp",
    "Swedbanks internetbank",
]
HOWTO = [
    ("byta elavtal", ["Vattenfall", "Eon", "Fortum", "Tibber"]),
    ("säga upp abonnemanget", ["Telia", "Tele2", "Tre", "Comviq", "Spotify"]),
    ("flytta bolånet", ["SEB", "Nordea", "Handelsbanken", "Swedbank"]),
    ("returnera en vara", ["Zalando", "CDON", "Ikea", "Elgiganten"]),
    ("ändra leveransadress", ["Postnord", "DHL", "Budbee"]),
    ("ansöka om förseningsersättning", ["SJ", "SL", "Västtrafik", "Skånetrafiken"]),
    ("byta e-postadress", ["Klarna", "Kivra", "Spotify"]),
]
OPEN_CO = [
    ("ICA", "en ny butik"),
    ("Lidl", "en ny butik"),
    ("Ikea", "ett nytt varuhus"),
    ("Clas Ohlson", "en ny butik"),
    ("Apoteket", "ett nytt apotek"),
    ("Max", "en ny restaurang"),
    ("Systembolaget", "en ny butik"),
    ("Elgiganten", "ett nytt varuhus"),
    ("Willys", "en ny butik"),
    ("Jula", "ett nytt varuhus"),
    ("Espresso House", "ett nytt café"),
]
CITIES = [
    "Kiruna",
    "Ystad",
    "Visby",
    "Falun",
    "Karlstad",
    "Växjö",
    "Skövde",
    "Härnösand",
    "Motala",
    "Kalmar",
    "Östersund",
    "Trollhättan",
    "Norrtälje",
    "Piteå",
]
TIMES = [
    "i mars",
    "under hösten",
    "nästa år",
    "den 1 juni",
    "i slutet av året",
    "i vår",
    "efter sommaren",
]
CO_NEWS = [
    (
        "SJ",
        [
            "inför nya avgångar mellan Stockholm och Oslo",
            "publicerar sommartidtabellen",
            "byter biljettsystem",
        ],
    ),
    (
        "Telia",
        [
            "presenterar sin kvartalsrapport",
            "stänger kopparnätet i ytterligare tolv kommuner",
            "lanserar ett nytt familjeabonnemang",
        ],
    ),
    (
        "Postnord",
        [
            "ändrar utdelningsdagarna i Norrbotten",
            "inför nya portotaxor",
            "flyttar sitt paketombud i centrum",
        ],
    ),
    (
        "Vattenfall",
        [
            "presenterar sitt bokslut",
            "inleder underhållsarbete på Forsmark 2",
            "byter faktureringssystem",
        ],
    ),
    ("Klarna", ["presenterar sin delårsrapport", "lanserar en ny app för företagskunder"]),
    (
        "Skånetrafiken",
        ["inför ny tidtabell för Pågatågen", "byter operatör för stadsbussarna i Lund"],
    ),
    ("Spotify", ["släpper en ny version av appen", "presenterar sina siffror för kvartalet"]),
    ("Volvo Cars", ["presenterar en ny elbilsmodell", "redovisar försäljningssiffror för månaden"]),
    ("Swedbank", ["uppdaterar sina villkor för sparkonton", "flyttar sitt kontor i Umeå"]),
    ("Ikea", ["uppdaterar sitt sortiment av köksluckor", "presenterar sin årsredovisning"]),
]
NEWS_TIMES = [
    "på tisdag",
    "i morgon",
    "nästa vecka",
    "den 15 januari",
    "under våren",
    "i höst",
    "på torsdag",
    "i början av nästa månad",
]


def neutral_rows(rng: random.Random) -> list[dict]:
    out = []
    for s in STORES:
        for w in rng.sample(WHEN, 2):
            q = rng.choice(
                [
                    "Vet någon om {s} har öppet {w}?",
                    "Har {s} öppet {w}?",
                    "Någon som vet om {s} håller öppet {w}?",
                ]
            )
            out.append(
                {
                    "text": q.format(s=s, w=w),
                    "label": "neu",
                    "kind": rng.choice(["tweet", "forum", "comment"]),
                    "phenomenon": "question",
                }
            )
    for svc in SERVICES:
        for q in rng.sample(
            [
                "Någon som vet om {x} fungerar som vanligt idag?",
                "Är det driftstörning på {x} just nu?",
                "Vet någon om det är problem med {x} idag?",
                "Funkar {x} för er andra just nu?",
            ],
            2,
        ):
            out.append(
                {"text": q.format(x=svc), "label": "neu", "kind": "tweet", "phenomenon": "question"}
            )
    for act, brands in HOWTO:
        for b in brands:
            q = rng.choice(
                [
                    "Hur gör man för att {a} hos {b}?",
                    "Hur lång tid tar det att {a} hos {b}?",
                    "Går det att {a} hos {b} via appen?",
                ]
            )
            out.append(
                {
                    "text": q.format(a=act, b=b),
                    "label": "neu",
                    "kind": rng.choice(["tweet", "forum", "comment"]),
                    "phenomenon": "question",
                }
            )
    for co, fac in OPEN_CO:
        for c in rng.sample(CITIES, 3):
            t = rng.choice(
                [
                    "{co} öppnar {f} i {c} {t}.",
                    "{co} planerar att öppna {f} i {c} {t}.",
                    "Enligt kommunen öppnar {co} {f} i {c} {t}.",
                ]
            )
            out.append(
                {
                    "text": t.format(co=co, f=fac, c=c, t=rng.choice(TIMES)),
                    "label": "neu",
                    "kind": "news",
                    "phenomenon": "news_neutral",
                }
            )
    for co, acts in CO_NEWS:
        for a in acts:
            for t in rng.sample(NEWS_TIMES, 1):
                out.append(
                    {
                        "text": f"{co} {a} {t}.",
                        "label": "neu",
                        "kind": "news",
                        "phenomenon": "news_neutral",
                    }
                )
    return out


def generate() -> list[dict]:
    rng = random.Random(SEED)
    contrast = contrast_rows(rng)
    rng.shuffle(contrast)
    negs = negation_rows(rng)
    rng.shuffle(negs)
    iron = irony_rows(rng)
    rng.shuffle(iron)
    neu = neutral_rows(rng)
    rng.shuffle(neu)
    # Quotas keep the combined part small and the class balance near 35/30/35.
    pos_c = [r for r in contrast if r["label"] == "pos"][:160]
    neg_c = [r for r in contrast if r["label"] == "neg"][:135]
    pos_n = [r for r in negs if r["label"] == "pos"][:90]
    neg_n = [r for r in negs if r["label"] == "neg"][:70]
    rows = pos_c + neg_c + pos_n + neg_n + iron[:40] + neu[:245]
    rng.shuffle(rows)
    return rows
