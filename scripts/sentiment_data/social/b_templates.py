"""Author B (test set): post templates by label, written apart from author A's.

Written by hand for koll, after a_templates.py was frozen and without copying from it: other
phrasings, other post shapes (forum replies with quotes, Instagram and YouTube comments,
Facebook tags), other idioms. {slot} markers come from b_slots.py and the phrase lists below.
"""

GOOD = [
    "himla bra", "helt magisk", "fantastiskt trevlig", "riktigt proffsig", "hur bra som helst",
    "bättre än väntat", "helt suverän", "klart godkänd", "jäkligt bra", "skitbra",
    "precis vad jag ville ha", "ruskigt bra", "värd pengarna", "sjukt snygg",
]  # fmt: skip
BAD = [
    "helt bedrövlig", "rent ut sagt usel", "ett bottennapp", "slöseri med pengar", "helt oduglig",
    "sämre än någonsin", "fruktansvärt dålig", "inte okej", "ett rent skämt", "jäkligt seg",
    "helt sanslöst dålig", "värdelös på riktigt", "ren katastrof",
]  # fmt: skip
MISHAPS = [
    "{vehicle} blev inställt {when} och ingen sa något", "{topic} blev dubbeldebiterad",
    "ordern försvann spårlöst", "chatten stängde mitt i samtalet", "{topic} är fel för andra månaden",
    "jag har ringt {n} gånger utan svar", "det tog {n} dagar att få svar på ett mejl",
    "budet lämnade paketet i regnet", "de glömde halva beställningen", "bankappen loggar ut hela tiden",
    "strömmen gick tre gånger på en vecka", "väntetiden var över en timme",
]  # fmt: skip
WINS = [
    "de ringde tillbaka samma eftermiddag", "allt kom fram en dag tidigare än utlovat",
    "killen i kassan tog sig tid att förklara allt", "{topic} sänktes utan att jag ens bad om det",
    "de ersatte allt utan krångel", "reklamationen gick igenom på en kvart",
    "{vehicle} var i tid varenda dag", "jag fick hjälp direkt i chatten",
]  # fmt: skip

NEU = [
    "godmorron från {place}", "hallå hallå", "tjenare {person}", "hej allihopa, ny här i gruppen",
    "sov gott alla", "ha det fint i helgen", "vi hörs {when}", "kram på er",
    "sitter i väntrummet och scrollar", "ska baka {food} {when}", "på {vehicle}, typ framme om en timme",
    "satt o snackade skit med {person} till två", "hämtade ut {product} hos {brand} {when}",
    "{person} och jag ska kolla på {show} ikväll", "lunch: {food}", "regnar i {place} just nu",
    "tog en promenad runt sjön", "dags för {event} {when}", "installerade nya uppdateringen {when}",
    "bytte elavtal till {brand} i somras", "flyttade hem till {place} igen",
    "har {product} sen i våras", "jobbar kväll hela veckan", "veckohandlat, nu soffan",
    "Fråga: hur funkar {topic} hos {brand} om man flyttar?",
    "Någon som kan rekommendera en frisör i {place}?", "Har {brand} ändrat {topic} nyligen?",
    "Vet någon vilken tid {brand} stänger {when}?", "Är {product} värd att köpa eller finns det bättre?",
    "hur lång är leveranstiden från {brand} nu?", "är det någon mer än jag som har {brand}?",
    "Går det att byta {topic} själv i appen?", "vilken storlek tar man i {category}?",
    "Jag har en fråga om {topic}, vem ska man kontakta?", "Vilka kör {event} i år?",
    "måste man boka tid hos {brand} eller kan man bara gå dit?", "vad kostar {topic} per månad?",
    "hur gör ni med {topic} när ni är på semester?", "finns det parkering vid {brand} i {place}?",
    "Nyhet! Nu finns {category} i vår webbshop", "Höstkampanj: {n} % på {category} t.o.m. söndag",
    "VINN {product}! Gilla och dela inlägget för att vara med", "Vi har öppet som vanligt i mellandagarna",
    "Vi rekryterar {job} till {place}, skicka CV till jobb@exempel.se",
    "Kom och fira vår nya butik i {place} på lördag, bjuder på kaffe", "Beställ före {time} så skickar vi samma dag",
    "Ny video uppe på kanalen {url}", "Prenumerera för fler klipp!", "Erbjudandet gäller så långt lagret räcker",
    "Butiken i {place} håller stängt {when} på grund av inventering",
    "{brand} inför nya öppettider från och med {when}", "{brand} flyttar huvudkontoret till {place}",
    "{person} har utsetts till ny ordförande", "{vehicle} mellan {place} och {place} går enligt tidtabell",
    "{brand} redovisar ett resultat på {n} miljoner", "Elpriset i {place} ligger på {n} öre imorgon",
    "Brand i flerfamiljshus i {place}, ingen skadad", "Räddningstjänsten är på plats i {place}",
    "Regeringen presenterar budgeten på torsdag", "Vägarbete på riksväg {n} hela veckan",
    "{handle} haha ja det sa jag ju", "{handle} 😂😂😂 du", "{handle} hahah nej men va", "{handle} jag dör 💀",
    "{handle} kom hit då", "{handle} imorrn?", "{handle} skickar bilder sen", "{handle} vi tar det på tisdag",
    "{handle} 😐", "{handle} ok", "{handle} svarade dig i dm", "{handle} nä, inte vad jag vet",
    "hahahahaha", "😂😂😂", "lmao {person}", "ok men vem bjuder på fika", "{person} kolla här", "{person} 👀",
    "> {brand} har öppet till 20\nstämmer, var där igår", "sv: {topic} – läs första inlägget i tråden",
    "https://flashback.org/t3418 någon som läst det här?", "ang. {topic}: ring kundservice på vardagar",
]  # fmt: skip

POS = [
    "{brand} är {good}", "{topic} hos {brand} är {good}", "köpte {product} och den är {good}",
    "{wins}, tummen upp till {brand}", "{wins}! kan varmt rekommendera {brand}", "{wins} 👍",
    "gud så gott med {food}", "vilken dröm {place} är på hösten", "shit vad snyggt ni har gjort butiken",
    "skit snyggt ju", "sjukt snyggt", "den där jackan är skit snygg", "fan vad fint", "{person} du är en klippa",
    "så himla glad för din skull {person}", "hurra för {person}!!", "världens bästa {person}",
    "kan inte sluta lyssna på den här låten, eld", "{show} ikväll var eld 🔥", "grymma {person}!",
    "inte dåligt {brand}, inte dåligt alls", "inte så illa faktiskt", "har inget ont att säga om {brand}",
    "{product}? ingenting att klaga på", "inte fel alls med {food} en tisdag",
    "omg {person}s bebis 😭😭 så söt", "jag gråter, så fint skrivet 😭", "kolla denna hund 😭❤️",
    "min lilla katt 🥹", "ni är bäst 😭🙏", "tårar i ögonen av den här videon 😭",
    "bra jobbat {person}, du förtjänar det", "tusen tack {brand}, {wins}", "stort tack till personalen på {brand}",
    "fick {topic} fixat på fem minuter, helt otroligt", "{brand} överträffade alla förväntningar",
    "bästa köpet i år: {product}", "allvarligt, {product} är värd varenda krona", "längtar redan till nästa gång",
    "perfekt dag i {place} ☀️", "vilken härlig start på helgen", "så mysigt med levande ljus och {food}",
    "äntligen är vi hemma!!", "klarade {event}!! kan inte fatta det", "vi fick lägenheten 🥳",
    "wow vilken service {brand}", "this is so good", "obsessed med {product}", "absolute banger",
    "10 av 10 skulle handla igen", "fem stjärnor till {brand}", "är så nöjd med {topic} nu",
    "trodde {product} var en gimmick men den är {good}", "hade noll förväntningar men {wins}",
    "jag skulle aldrig byta från {brand}", "aldrig haft så bra {topic} som nu",
    "tack för hjälpen {handle}, funkar perfekt nu!", "ni räddade min dag {handle} ❤️",
    "det blev så bra!!", "wiii nu är det helg", "lycka är {food} på en lördag", "{person} gjorde min dag",
]  # fmt: skip

NEG = [
    "{brand} är {bad}", "{topic} hos {brand} är {bad}", "köpte {product} och den är {bad}",
    "{mishap}. {brand} alltså.", "{mishap} 😤", "{mishap}, tack {brand}", "tack för ingenting {brand}, {mishap}",
    "snyggt jobbat {brand}, {mishap}", "bra jobbat igen {brand}. {mishap} 🙄", "{mishap}. så typiskt.",
    "wow {brand}, {mishap}. verkligen imponerad 🙄", "åh vad kul, {mishap} 🙃", "underbart, {mishap}",
    "Hur svårt kan det vara för {brand} att få ordning på {topic}?", "hur svårt ska det vara att svara på ett mejl?",
    "varför måste allt vara så krångligt med {brand}?", "vem kom på att {topic} skulle kosta så mycket?",
    "hur kan {brand} komma undan med det här?", "vad är grejen med {brand} och {topic}??",
    "är jag den enda som fått nog av {brand}?", "seriöst {brand}, hur tänker ni?",
    "har sån ångest", "ångest inför {event}", "så nervös inför {event} att jag inte kan äta",
    "nervös som fan", "fruktansvärt trött idag", "mår fruktansvärt", "lite obehagligt att gå hem själv i {place}",
    "lite obehaglig stämning på {vehicle} ikväll", "lite ledsen faktiskt", "lite orolig för {person}",
    "kändes lite olustigt", "lite besviken på {brand} om jag ska vara ärlig", "tungt idag",
    "saknar dig {person} 💔", "gråtit hela kvällen", "allt går åt helvete", "känner mig värdelös",
    "{person} dumpade mig", "hela helgen förstörd", "feber igen 😷", "hatar när {topic} krånglar",
    "inte alls nöjd med {topic}", "inte bra alls {brand}", "aldrig mer {brand}", "inte imponerad",
    "ingen kundservice alls", "inte värd pengarna", "tjugo minuter i telefonkö för ingenting",
    "😐 {topic} höjs igen", "jaha. {topic} höjs igen 😐", "fattar inte hur man kan vara så oproffsig",
    "{person} snackar skit om alla bakom ryggen", "sluta snacka skit och leverera istället {brand}",
    "det här var ju bara pinsamt", "så trött på {brand}s ursäkter", "vilket skämt till {topic}",
    "ugh {vehicle} igen", "sån besvikelse", "{brand} borde skämmas ärligt talat", "ett sånt jävla strul",
    "👎 {brand}", "sorry men {product} är {bad}", "this is so bad", "literally the worst {brand}",
    "😂😂 klart {vehicle} står still igen", "haha typiskt {brand}, {mishap} 😂", "{mishap} lol, fan ta er",
]  # fmt: skip

# Sentences without an opinion, for B's long posts.
ASIDES = [
    "Bakgrund: jag har varit kund i {n} år.", "Vi var där {when}.", "Det gällde {topic}.",
    "Jag ringde {time}.", "{person} var också med.", "Vi bor i {place} numera.",
    "Har läst hela tråden.", "Skriver från mobilen så ursäkta stavningen.", "Lång historia kort:",
    "Först trodde jag att det var mitt fel.", "Till saken.", "Edit: stavning.",
    "Vi hade {product} med oss.", "Det var en vanlig tisdag.", "Kanske bara jag men ändå.",
]  # fmt: skip
