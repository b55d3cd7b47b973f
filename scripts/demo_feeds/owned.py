"""Owned channels: Fjällkraft's blog and press room, Nordvind's news page.

All text written for koll's demo (CC BY 4.0). Times are local Stockholm time (CET, +01:00).
Item tuples: (local time, author, title, body[, extra]); paragraphs separated by blank lines.
"""

FJALLKRAFT_BLOG = [
    (
        "2026-10-26 09:30",
        "Fjällkraft",
        "Välkommen till nya Fjällkraft-bloggen",
        """Hej och välkommen! Här på bloggen berättar vi som jobbar på Fjällkraft om vindkraften, elpriset och vardagen i ett regionalt elbolag.

Vi tror på förnybar el till alla, och vi tror att man ska kunna fråga oss om allt. Skriv en kommentar så svarar vi så fort vi kan.

Första veckan handlar om Storberget, vår nya vindpark i Västerbotten.""",
        {"comments": 3},
    ),
    (
        "2026-10-27 10:05",
        "Johan Lind",
        "Storberget: lokal vindkraft som stannar i bygden",
        """I dag berättade vi att vi bygger tolv nya verk vid Storberget utanför Lycksele. Det är den största satsningen i Fjällkrafts historia.

För mig handlar lokal vindkraft om mer än megawatt. En procent av intäkterna går tillbaka till byarna runt parken, och vi anställer servicetekniker som bor i Lycksele.

Jag vet att alla inte är förtjusta i vindkraft. Därför håller vi öppet hus i Lycksele den 14 november. Kom och ställ svåra frågor till mig.""",
        {"comments": 7},
    ),
    (
        "2026-10-29 13:15",
        "Anna Berg",
        "Fem frågor om fast pris",
        """Vi får många frågor om fast elpris, så här kommer de vanligaste.

Vad betyder fast pris? Du betalar samma pris per kilowattimme under hela avtalstiden, oavsett vad som händer på elbörsen. Det är vad vi menar med fast pris utan överraskningar.

Kan jag byta mitt i? Ja, men då kan det bli en brytavgift. Vi visar alltid den innan du bestämmer dig.

Är fast pris alltid billigast? Nej, och det säger vi rakt ut. Ett fast pris är en försäkring mot toppar, inte en garanti för lägsta pris.""",
        {"comments": 4},
    ),
    (
        "2026-10-30 08:45",
        "Fjällkraft",
        "Så funkar vår vindprognos",
        """Varje morgon klockan sex räknar våra meteorologer fram hur mycket våra verk kommer att producera de närmaste tre dygnen.

Prognosen bygger på vindmätningar från masterna i parkerna och på SMHI:s modeller. När det blåser mycket kan vi sälja mer lokal vindkraft direkt till våra kunder i stället för att köpa in el från andra.

I appen kan du snart se prognosen själv.""",
        {"comments": 1},
    ),
    (
        "2026-11-02 09:00",
        "Anna Berg",
        "Nu finns Fjällkraft-appen",
        """Äntligen! I dag släpper vi vår nya app för iPhone och Android.

I appen ser du din förbrukning timme för timme, ditt avtal och dina fakturor. Du kan också se hur stor del av din el som kom från våra egna vindparker just i dag.

Vi har testat appen med hundra kunder i Skellefteå under hösten. Tack till er alla för alla synpunkter! Hittar du något som inte fungerar vill vi gärna veta det.""",
        {"comments": 12},
    ),
    (
        "2026-11-04 15:30",
        "Anna Berg",
        "Om kötiderna i vår kundtjänst",
        """Den senaste veckan har många av er fått vänta alldeles för länge när ni ringt oss. Vissa dagar har kötiden varit över en timme. Det är inte okej och vi ber om ursäkt.

Orsaken är en kombination av appsläppet, fakturaomläggningen och att flera i teamet varit sjuka samtidigt.

Från och med i morgon har vi öppet till klockan 20 på vardagar, och vi tar in extra personal. Du kan också boka att vi ringer upp dig i appen i stället för att sitta i kö.""",
        {"comments": 9},
    ),
    (
        "2026-11-05 10:10",
        "Johan Lind",
        "Förnybar el – till alla!",
        """När jag började på Fjällkraft för tjugo år sedan var vindkraft något som fanns på broschyrer. I dag kommer över hälften av elen vi säljer från våra egna verk i Norrland.

Vårt mål är enkelt: förnybar el till alla våra kunder, varje timme på året. Vi är inte där än, men med Storberget kommer vi närmare.

Det viktigaste är att det ska gå att lita på oss. Därför anställer vi nu 25 personer till i kundservice.""",
        {"comments": 2},
    ),
    (
        "2026-11-06 09:20",
        "Fjällkraft",
        "Veckans vindkraftsfakta: is på rotorbladen",
        """När det är kallt och fuktigt kan det bildas is på rotorbladen. Isen gör att verken producerar mindre och den kan vara farlig om den lossnar.

Våra verk vid Storberget får avisning som värmer bladen. Vi stänger också av verk när det finns risk för iskast, och sätter upp skyltar vid stigarna.""",
        {"comments": 0},
    ),
    (
        "2026-11-09 11:00",
        "Anna Berg",
        "Tack för ert tålamod – kötiden är nu nere på fyra minuter",
        """I fredags var den genomsnittliga kötiden till vår kundtjänst fyra minuter. För två veckor sedan var den 48 minuter.

Tack till alla som väntat, och tack till kollegorna som jobbat kvällar. Vi fortsätter att följa kötiden varje dag och redovisar den här på bloggen.""",
        {"comments": 5},
    ),
    (
        "2026-11-10 16:45",
        "Johan Lind",
        "Därför höjer vi priset från den 1 december",
        """I morse meddelade vi att vi höjer månadsavgiften och priset på våra nya fastprisavtal från den 1 december. Jag förstår att många är arga, och jag vill förklara varför.

Kostnaden för att köpa in el de timmar våra egna verk inte räcker till har stigit kraftigt. Samtidigt bygger vi ut Storberget, och den lokala vindkraften kostar pengar innan den ger pengar.

Har du redan ett fast pris påverkas du inte förrän avtalet löper ut. Det är precis vad fast pris utan överraskningar betyder.

Jag svarar gärna på frågor här i kommentarerna.""",
        {"comments": 14, "key": "prishojning"},
    ),
    (
        "2026-11-11 14:00",
        "Anna Berg",
        "Era frågor om prisändringen – våra svar",
        """Vi har fått hundratals frågor sedan i går. Här svarar vi på de vanligaste.

Varför höjer ni månadsavgiften? Avgiften ska täcka kundtjänst, app och fakturor. Den har inte ändrats sedan 2022.

Kan jag säga upp mitt avtal? Ja. Har du rörligt pris kan du säga upp det med en månads varsel.

Höjer Nordvind också? Det kan vi inte svara för. Jämför gärna själv på Elpriskollen.""",
        {"comments": 6},
    ),
    (
        "2026-11-12 09:30",
        "Fjällkraft",
        "Så sänker du din elkostnad i vinter",
        """Tre enkla råd från våra energirådgivare: sänk inomhustemperaturen en grad, flytta tvätt och disk till natten och se över ventilationen.

I Fjällkraft-appen kan du se vilka timmar som är dyrast. Många kunder sparar flera hundra kronor i månaden på att flytta förbrukningen.""",
        {"comments": 3},
    ),
    (
        "2026-11-16 17:00",
        "Fjällkraft",
        "Stormvarning: så förbereder vi oss",
        """SMHI varnar för storm i norra Norrland i natt. Vi har extra montörer i beredskap i Skellefteå, Lycksele och Arvidsjaur.

Om strömmen går: ring inte kundtjänst för att anmäla, vi ser avbrottet direkt. Följ läget i appen eller här på bloggen.""",
        {"comments": 2},
    ),
    (
        "2026-11-17 07:40",
        "Anna Berg",
        "Strömavbrott efter stormen – löpande uppdateringar",
        """Klockan 07.30: Cirka 14 000 av våra kunder i Västerbotten och Norrbotten är utan ström efter nattens storm. Flest avbrott finns runt Arvidsjaur och Malå.

Alla våra montörer är ute. Många vägar är blockerade av nedfallna träd, så det kommer att ta tid.

Vi uppdaterar här varje timme. Om du har någon i hemmet som är beroende av el för sin hälsa, ring vårt nödnummer 0910-12 34 56.""",
        {"comments": 21, "key": "storm"},
    ),
    (
        "2026-11-17 19:30",
        "Johan Lind",
        "Till er som fortfarande är utan ström",
        """Ikväll är fortfarande ungefär 3 000 hushåll utan ström. Jag vet att det är kallt och mörkt, och jag är ledsen att det tar så lång tid.

Våra montörer har jobbat sedan klockan tre i natt. Vi har också fått hjälp av lag från Jämtland.

Alla som varit utan ström i mer än tolv timmar får ersättning automatiskt. Du behöver inte ansöka.""",
        {"comments": 8},
    ),
    (
        "2026-11-18 12:00",
        "Anna Berg",
        "Alla har ström igen – så fungerar ersättningen",
        """Klockan 11.20 fick de sista hushållen i Malå tillbaka strömmen. Tack för ert tålamod och tack till alla som hjälpt grannar.

Ersättningen betalas ut automatiskt på decemberfakturan. Den som varit utan ström i 12–24 timmar får 12,5 procent av årskostnaden för nätet, och mer ju längre avbrottet varade.""",
        {"comments": 4},
    ),
    (
        "2026-11-19 10:00",
        "Johan Lind",
        "Vad stormen lärde oss",
        """Stormen i måndags var den värsta i vårt område på tio år. Det mesta fungerade: montörerna kom ut snabbt och appen visade avbrotten rätt.

Men vi var för långsamma med information de första timmarna, och telefonkön blev lång igen. Det tar vi med oss.

Vi ska gräva ner ytterligare 40 mil ledning de kommande tre åren, så att nästa storm drabbar färre.""",
        {"comments": 3},
    ),
    (
        "2026-11-20 09:00",
        "Fjällkraft",
        "Vinterns energitips från våra montörer",
        """Våra montörer ser många hem varje vinter. Deras bästa tips: ha en ficklampa och en powerbank laddad, och vet var din elcentral sitter.

Och glöm inte att registrera dig för sms om avbrott i Fjällkraft-appen.""",
        {"comments": 0},
    ),
    (
        "2026-11-20 14:30",
        "Anna Berg",
        "Lokala vindkraften i siffror: oktober",
        """I oktober producerade våra vindparker 61 gigawattimmar. Det räcker till ungefär 30 000 villor med elvärme under en månad.

Den lokala vindkraften stod för 58 procent av elen vi sålde. Resten köptes på elbörsen, främst vattenkraft.

Förnybar el till alla är målet, och vi redovisar varje månad hur nära vi är.""",
        {"comments": 1},
    ),
    (
        "2026-11-21 10:30",
        "Fjällkraft",
        "Helgläsning: en dag med våra servicetekniker",
        """Klockan sex på morgonen kliver Sara och Mikael in i servicebilen i Lycksele. I dag ska de upp i ett av verken vid Storberget och byta en sensor i navet, 120 meter upp.

"Det är världens bästa jobb när det är vindstilla", säger Sara och skrattar.

Läs hela reportaget om hur lokal vindkraft blir el i ditt uttag.""",
        {"comments": 2},
    ),
]

FJALLKRAFT_PRESS = [
    (
        "2026-10-27 08:00",
        "Fjällkraft Press",
        "Fjällkraft bygger ut lokal vindkraft vid Storberget",
        """Fjällkraft AB investerar 1,4 miljarder kronor i tolv nya vindkraftverk vid Storberget utanför Lycksele. Parken beräknas vara i drift hösten 2028 och producera el motsvarande 25 000 villors årsbehov.

– Lokal vindkraft ger både förnybar el och jobb i bygden. Med Storberget tar vi ett stort steg mot förnybar el till alla våra kunder, säger Johan Lind, vd för Fjällkraft.

En procent av intäkterna från parken går till en bygdefond som förvaltas av byarna runt Storberget.""",
        {"key": "P1"},
    ),
    (
        "2026-11-02 08:00",
        "Fjällkraft Press",
        "Ny app ger Fjällkrafts kunder koll på elen timme för timme",
        """Fjällkraft lanserar i dag en app där kunderna kan följa sin förbrukning, sitt elpris och andelen lokal vindkraft i sin el, timme för timme.

– Våra kunder ska aldrig behöva gissa. Appen är en del av vårt löfte om fast pris utan överraskningar, säger Anna Berg, presschef på Fjällkraft.

Appen finns för iPhone och Android.""",
        {"key": "P2"},
    ),
    (
        "2026-11-05 08:30",
        "Fjällkraft Press",
        "Fjällkraft anställer 25 nya medarbetare i kundservice",
        """Fjällkraft förstärker kundservice med 25 nya medarbetare i Skellefteå och Lycksele och förlänger öppettiderna till klockan 20 på vardagar.

– Kötiderna har varit för långa den senaste tiden. Det tar vi på största allvar, säger Johan Lind, vd för Fjällkraft.""",
        {"key": "P3"},
    ),
    (
        "2026-11-10 07:30",
        "Fjällkraft Press",
        "Fjällkraft justerar priserna från den 1 december",
        """Fjällkraft höjer från den 1 december månadsavgiften från 39 till 59 kronor och priset för nya fastprisavtal med i genomsnitt 9 öre per kilowattimme. Kunder med befintliga fastprisavtal påverkas inte under avtalstiden.

– Kostnaden för inköpt el har ökat kraftigt. Samtidigt fortsätter vi att bygga lokal vindkraft som ska ge stabilare priser på sikt, säger Johan Lind, vd för Fjällkraft.""",
        {"key": "P4"},
    ),
    (
        "2026-11-13 10:00",
        "Fjällkraft Press",
        "Umeå kommun väljer förnybar el från Fjällkraft till alla skolor",
        """Umeå kommun har tecknat ett femårigt avtal med Fjällkraft om el till kommunens 60 skolor och förskolor. All el kommer från vindkraft i Norrland.

– Förnybar el till alla, också till våra barn. Det här är lokal vindkraft i praktiken, säger Anna Berg, presschef på Fjällkraft.""",
        {"key": "P5"},
    ),
    (
        "2026-11-17 06:45",
        "Fjällkraft Press",
        "Driftstörning: cirka 14 000 kunder utan ström efter stormen",
        """Natten till tisdag orsakade stormen omfattande skador på Fjällkrafts elnät i Västerbotten och Norrbotten. Cirka 14 000 kunder är utan ström, flest i Arvidsjaur och Malå.

Samtliga montörer är i arbete. Fjällkraft uppdaterar läget löpande på blogg.fjallkraft.se och i appen.""",
        {"key": "P6"},
    ),
    (
        "2026-11-18 15:00",
        "Fjällkraft Press",
        "Fjällkraft ersätter alla kunder som drabbades av stormen",
        """Alla Fjällkrafts kunder har sedan tisdag förmiddag ström igen. Kunder som varit utan ström i mer än tolv timmar får ersättning automatiskt på decemberfakturan.

– Vi vill att det ska vara enkelt. Ingen ska behöva ansöka om det man har rätt till, säger Johan Lind, vd för Fjällkraft.

Fjällkraft ska under de kommande tre åren gräva ner 40 mil luftledning.""",
        {"key": "P7"},
    ),
    (
        "2026-11-20 08:00",
        "Fjällkraft Press",
        "Fjällkraft delar ut 500 000 kronor till föreningar i Norrland",
        """Fjällkrafts bygdefond delar i år ut 500 000 kronor till 31 föreningar i Västerbotten och Norrbotten, bland annat skidklubbar, hembygdsföreningar och en fritidsgård i Malå.

– Lokal vindkraft ska märkas lokalt. Föreningarna håller ihop bygderna, säger Anna Berg, presschef på Fjällkraft.""",
        {"key": "P8"},
    ),
]

NORDVIND_NEWS = [
    (
        "2026-10-26 08:00",
        "Nordvind",
        "Nordvind – billigast i norr även i vinter",
        """Nordvind Energi sänker sitt rörliga påslag till 2,9 öre per kilowattimme för nya kunder i Norrland. Därmed är Nordvind billigast i norr enligt Elpriskollens jämförelse i oktober.

– Vi har låga kostnader och vill dela med oss av dem. Billigast i norr är inte en kampanj, det är vår affärsidé, säger Karin Ek, kommunikationschef på Nordvind.""",
        {"key": "N1"},
    ),
    (
        "2026-10-28 09:00",
        "Karin Ek",
        "Vind från Norrland till hela Sverige: ny park i Jämtland",
        """Nordvind har fått tillstånd för åtta nya vindkraftverk vid Hållsjön i Jämtland. Byggstart blir våren 2027.

– Vind från Norrland är framtiden för hela landets elförsörjning, säger Karin Ek, kommunikationschef på Nordvind Energi.""",
        {"key": "N2"},
    ),
    (
        "2026-11-02 10:00",
        "Nordvind",
        "Nordvind lanserar elavtal för elbilsägare",
        """Nu kan Nordvinds kunder teckna Nordvind Laddavtal, med extra lågt pris på natten när de flesta laddar bilen.

Avtalet kräver en smart elmätare, vilket alla kunder i Norrland redan har.""",
    ),
    (
        "2026-11-06 13:00",
        "Karin Ek",
        "Om vår kundservice under hösten",
        """Vi har fått kritik för att det tar lång tid att få svar på mejl till vår kundservice. Kritiken är befogad.

Vi har byggt om vårt ärendesystem och det har tagit längre tid än planerat. Nu arbetar vi i kapp, och målet är att alla mejl ska besvaras inom två arbetsdagar före jul.""",
    ),
    (
        "2026-11-10 14:00",
        "Nordvind",
        "Nordvind behåller sina priser i vinter",
        """Nordvind Energi höjer inte sina avgifter i vinter. Månadsavgiften ligger kvar på 35 kronor.

– Vi märker att många jämför just nu. Vi vill vara tydliga: vi är fortfarande billigast i norr, säger Karin Ek, kommunikationschef på Nordvind.""",
    ),
    (
        "2026-11-12 09:00",
        "Nordvind",
        "Nordvind passerar 100 000 kunder",
        """I går tecknade Nordvind Energi avtal med sin kund nummer 100 000, ett hushåll i Östersund.

– Vi har fått 4 000 nya kunder bara i november. Vind från Norrland lockar, säger Karin Ek.""",
    ),
    (
        "2026-11-17 09:30",
        "Nordvind",
        "Stormen: så påverkas Nordvinds kunder",
        """Nordvind säljer el men äger inget elnät. Om du är utan ström efter nattens storm ska du kontakta ditt nätbolag.

Nordvinds vindkraftverk i Jämtland stängdes av under natten av säkerhetsskäl och är nu i drift igen.""",
    ),
    (
        "2026-11-18 16:00",
        "Karin Ek",
        "Uppdatering: väntetider i vår kundservice",
        """Efter stormen har vi fått rekordmånga samtal, trots att vi inte äger något elnät. Väntetiden i telefon är just nu cirka 50 minuter.

Vi ber om ursäkt och hänvisar i första hand till chatten på nordvind.se.""",
    ),
    (
        "2026-11-19 11:00",
        "Nordvind",
        "Fel på novemberfakturan – vi rättar",
        """Omkring 6 000 av Nordvinds kunder har fått en faktura med fel belopp för oktober. Felet beror på en ändring i vårt faktureringssystem.

Alla som betalat för mycket får pengarna tillbaka automatiskt. Vi ber om ursäkt för besväret.""",
    ),
    (
        "2026-11-20 10:00",
        "Karin Ek",
        "Vind från Norrland: vinterns produktion",
        """Nordvinds verk i Jämtland och Härjedalen producerade 38 gigawattimmar i oktober, det mesta någonsin för en enskild månad.

– Vind från Norrland räcker långt när det blåser, säger Karin Ek, kommunikationschef på Nordvind Energi.""",
        {"key": "N10"},
    ),
]
