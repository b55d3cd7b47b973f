"""Independent blogs (Swedish and one English). Written for koll's demo (CC BY 4.0)."""

ELBLOGGEN = [
    (
        "2026-10-26 20:15",
        "Per Wallin",
        "Elavtal i norr: min stora jämförelse inför vintern",
        """Varje höst jämför jag elavtalen i Norrland, och i år har jag tittat på sex bolag.

Nordvind har lägst påslag, 2,9 öre, och är verkligen billigast i norr om man bara ser till priset. Men deras kundtjänst har varit en katastrof i flera år.

Fjällkraft är några kronor dyrare i månaden, men har bra service och äger sina egna vindparker. Deras fastprisavtal är dessutom lätta att förstå.

Mitt råd: vill du ha lägst pris och klarar dig själv, välj Nordvind. Vill du kunna ringa någon, välj Fjällkraft.""",
        {"key": "jamforelse"},
    ),
    (
        "2026-10-28 19:40",
        "Per Wallin",
        "Storberget – bra eller dåligt?",
        """Fjällkraft ska bygga tolv verk vid Storberget. Jag har fått många mejl om vad jag tycker.

Kort svar: mer vindkraft i norr pressar priset, och att en procent går till bygden är bättre än de flesta. Men jag förstår dem som bor närmast. Ett vindkraftverk på 200 meter syns.

Jag tycker att Fjällkraft har skött dialogen bättre än de flesta bolag. Vi får se hur öppet hus blir.""",
    ),
    (
        "2026-10-30 21:05",
        "Per Wallin",
        "Därför tror jag inte på fast pris",
        """Elbolagen älskar att sälja fast pris. Fjällkraft kallar det ”fast pris utan överraskningar”.

Men historiskt har rörligt pris varit billigare i nio år av tio. Fast pris är en försäkring, och försäkringar kostar.

För den som har små marginaler kan det ändå vara rätt val. Men gör det med öppna ögon.""",
    ),
    (
        "2026-11-01 10:30",
        "Per Wallin",
        "Söndagsläsning: elmarknaden för nybörjare",
        """Varför har Luleå och Malmö olika elpris? Det beror på att Sverige är uppdelat i fyra elområden, och att det inte går att skicka hur mycket el som helst söderut.

I elområde 1, längst i norr, finns mycket vattenkraft och vindkraft men få som använder elen. Därför är priset oftast lägst här.

Nästa söndag förklarar jag vad ett påslag är.""",
    ),
    (
        "2026-11-03 20:30",
        "Per Wallin",
        "Jag testade Fjällkrafts nya app",
        """Jag har använt Fjällkrafts app i två dagar. Den är snabb, snygg och visar förbrukningen per timme. Bäst är grafen som visar hur mycket av elen som kom från deras egna vindparker.

Minus: inloggningen med BankID hängde sig två gånger. Men överlag är det den bästa elbolagsappen jag sett. Betyg: 4 av 5.""",
    ),
    (
        "2026-11-05 19:00",
        "Per Wallin",
        "Timpris eller månadspris? Ett räkneexempel",
        """Har du timmätning kan du välja att betala elen efter varje timmes pris. Men lönar det sig?

Jag har räknat på min egen villa i Piteå. Med timpris hade jag sparat 410 kronor i oktober, främst genom att ladda bilen på natten.

Har du inte möjlighet att flytta förbrukningen är skillnaden däremot nästan noll.""",
    ),
    (
        "2026-11-09 21:10",
        "Per Wallin",
        "Fjällkraft sköter sig bra men Nordvind är usel på kundtjänst",
        """För en vecka sedan skrev många att Fjällkraft hade timslånga köer. I dag ringde jag båda bolagen som test.

Fjällkraft svarade efter tre minuter och personen var trevlig och kunnig. Det är bra jobbat att vända det så snabbt.

Nordvind? 52 minuter i kö, sedan bröts samtalet. Mejlet jag skickade för två veckor sedan är fortfarande obesvarat. Billigast i norr, javisst, men Nordvind är usel på kundtjänst.""",
    ),
    (
        "2026-11-10 12:40",
        "Per Wallin",
        "Fjällkrafts prishöjning: så illa är den",
        """Fjällkraft höjer månadsavgiften från 39 till 59 kronor. Det låter mycket, och i procent är det mycket, men i kronor är det 240 kronor om året.

Det som svider är höjningen av nya fastprisavtal. Där hamnar Fjällkraft nu bland de dyraste i norr.

Och timingen är usel. Mitt i kritiken mot kundtjänsten, precis innan vintern. Dåligt, Fjällkraft.""",
        {"key": "prishojning"},
    ),
    (
        "2026-11-11 20:00",
        "Per Wallin",
        "Cred till Johan Lind som faktiskt svarar",
        """Jag har varit kritisk mot Fjällkraft i veckan, men en sak måste sägas: vd:n Johan Lind har svarat på över femtio kommentarer på deras blogg. Presschefen Anna Berg har svarat på resten.

Det är ovanligt. De flesta bolag hade gömt sig bakom ett pressmeddelande.

Höjningen är fortfarande för stor, men det går att prata med Fjällkraft.""",
    ),
    (
        "2026-11-12 19:30",
        "Per Wallin",
        "Ska man byta till Nordvind nu?",
        """Många frågar om de ska byta från Fjällkraft till Nordvind efter höjningen. Mitt svar: räkna först.

För en lägenhet är skillnaden kanske 300 kronor om året. För en villa med elvärme kan det vara 2 000 kronor.

Men tänk på att Nordvind har haft stora problem med kundtjänst i höst. Billigt kan bli dyrt om fakturan är fel och ingen svarar.""",
    ),
    (
        "2026-11-16 18:00",
        "Per Wallin",
        "Stormen kommer: min checklista",
        """I natt väntas storm i inlandet. Min checklista: ladda telefon och powerbank, fyll vattendunkar, ta fram ficklampor och stearinljus, och ha ved inne om du har kamin.

Och ställ in frysen på kallaste läget redan nu, då håller den längre om strömmen går.""",
    ),
    (
        "2026-11-17 21:30",
        "Per Wallin",
        "Varför hänger ledningarna fortfarande i skogen?",
        """Igen. 14 000 hushåll utan ström för att träd fallit över ledningar. Fjällkraft har haft decennier på sig att gräva ner dem.

Montörerna gör ett hjältejobb, det ska sägas. Men det är ledningen på Fjällkraft som har prioriterat fel. Det är kunderna i Malå som får betala med ett kallt hus.""",
    ),
    (
        "2026-11-18 20:10",
        "Per Wallin",
        "Nordvinds kundtjänst, del 47",
        """Nordvind äger inget elnät. Ändå har de 50 minuters kö i dag, eftersom folk ringer om avbrott.

Det borde de ha förutsett. Ett sms till alla kunder i går morse hade räckt: ”Ring ditt nätbolag, inte oss.” Nordvind, ni är billigast, men ni är också sämst på att kommunicera.""",
    ),
    (
        "2026-11-19 19:45",
        "Per Wallin",
        "Ersättning vid strömavbrott: så funkar lagen",
        """Var du utan ström i mer än tolv timmar har du rätt till ersättning från ditt nätbolag. Det står i ellagen.

Ersättningen är 12,5 procent av din årliga nätkostnad för 12–24 timmar, och sedan mer för varje påbörjat dygn.

Fjällkraft betalar ut automatiskt, vilket är föredömligt. Hos andra nätbolag måste du ofta ansöka själv inom två år.""",
    ),
    (
        "2026-11-20 21:00",
        "Per Wallin",
        "Nordvind och fakturorna: nu får det räcka",
        """Nu har alltså Nordvind skickat fel faktura till 6 000 kunder. Jag är en av dem, dubbeldebiterad för oktober.

Billigast i norr betyder ingenting om bolaget inte klarar det mest grundläggande: att skicka rätt faktura och svara i telefon. Jag byter efter nyår.""",
    ),
    (
        "2026-11-21 11:00",
        "Per Wallin",
        "Veckans länktips",
        """Energinytt har en bra genomgång av hur nätbolagen klarade stormen. Fjällkraft får kritik för informationen men beröm för montörerna.

Dagbladet Norr har jämfört vinterns elavtal, Nordvind är billigast.

Och Svensk Vindenergi har en rapport om vindkraftsbygget i Norrland.""",
    ),
    (
        "2026-11-22 14:20",
        "Per Wallin",
        "Min elräkning i november",
        """Jag redovisar min egen förbrukning varje månad. I november hittills: 1 840 kilowattimmar, varav 310 till elbilen.

Snittpriset blev 71 öre, dyrare än i fjol. Det kalla vädret syns tydligt i grafen.""",
    ),
]

VILLABLOGGEN = [
    (
        "2026-10-26 21:00",
        "Jenny Granlund",
        "Vi har bytt till bergvärme!",
        """Äntligen är borrhålet klart och värmepumpen installerad. Efter tjugo år med direktverkande el blir det spännande att se hur mycket vi sparar.

Installatören trodde att vi kan halvera elförbrukningen för uppvärmning.""",
    ),
    (
        "2026-10-27 20:30",
        "Jenny Granlund",
        "Vem ska vi köpa el av?",
        """Nu när vi har bergvärme är det dags att se över elavtalet också. Vi har haft samma avtal hos Fjällkraft sedan vi flyttade hit.

Grannarna tipsar om Nordvind, som ska vara billigast i norr. Men jag har läst en del om att deras kundtjänst är dålig. Någon som har erfarenhet?""",
    ),
    (
        "2026-10-29 21:15",
        "Jenny Granlund",
        "Vi valde Nordvind",
        """Efter mycket räknande blev det Nordvind. Det skiljer nästan 900 kronor om året för oss, och det gick smidigt att teckna avtalet på nätet.

Vi får se hur det går. Jag återkommer!""",
    ),
    (
        "2026-11-02 19:50",
        "Jenny Granlund",
        "Höstmys med LED-slingor",
        """Det är mörkt redan vid halv fyra nu. Vi har satt upp LED-slingor i alla fönster och i björken på tomten.

Tips: köp slingor med timer, så slipper du komma ihåg att släcka.""",
    ),
    (
        "2026-11-04 20:40",
        "Jenny Granlund",
        "Nordvind svarar inte",
        """Vår första faktura från Nordvind hade fel mätarställning. Jag mejlade för nio dagar sedan och har inte fått något svar.

I går ringde jag och köade i 45 minuter innan jag gav upp. Så det där med dålig kundtjänst verkar stämma, tyvärr.

Är det någon som vet hur man når en människa på Nordvind?""",
        {"key": "nordvind-svarar-inte"},
    ),
    (
        "2026-11-06 21:05",
        "Jenny Granlund",
        "Grannen visade Fjällkrafts app",
        """Grannen Eva är kvar hos Fjällkraft och visade sin nya app över en kopp kaffe. Man ser exakt hur mycket el man använt varje timme, och hur mycket som kom från vindkraft.

Lite avundsjuk, måste jag erkänna. Nordvinds app visar bara per månad.""",
    ),
    (
        "2026-11-08 16:00",
        "Jenny Granlund",
        "Söndagsfika och elräkningar",
        """Söndag, kanelbullar och pappershögen på köksbordet. Jag försöker förstå varför elnätsavgiften är högre än själva elen.

Svaret, enligt Google: nätbolaget tar betalt för ledningarna och för effekten. Och det kan man inte välja bort.""",
    ),
    (
        "2026-11-10 20:45",
        "Jenny Granlund",
        "Tur att vi inte valde Fjällkraft?",
        """Idag höjde Fjällkraft sina avgifter rejält. Grannen Eva var inte glad.

Så kanske var det rätt att välja Nordvind ändå, trots att de fortfarande inte svarat på mitt mejl. Men jag är inte helt säker. Vad hjälper ett lågt pris om fakturan är fel?""",
    ),
    (
        "2026-11-12 21:30",
        "Jenny Granlund",
        "Vår förbrukning i oktober",
        """Första månaden med bergvärme: 1 450 kilowattimmar, mot 2 600 samma månad i fjol. Nästan en halvering!

Värmepumpen låter lite mer än vi trodde, men det vänjer man sig vid.""",
    ),
    (
        "2026-11-14 21:00",
        "Jenny Granlund",
        "Öppet hus om vindkraft i Lycksele",
        """Vi åkte till Lycksele idag för Fjällkrafts öppna hus om vindparken vid Storberget. Barnen fick prova en VR-tur upp i ett vindkraftverk.

Det var faktiskt jättebra. Vd:n Johan Lind svarade på alla frågor, även de arga. Jag gillar tanken på lokal vindkraft som ger pengar tillbaka till byarna.""",
    ),
    (
        "2026-11-17 13:30",
        "Jenny Granlund",
        "Stormnatten",
        """Strömmen gick klockan två i natt. Barnen sov i vardagsrummet framför kaminen och vi kokade kaffe på stormköket.

Fjällkrafts app sa ”felsökning pågår” i sju timmar, vilket inte gav oss så mycket. Men klockan tolv stod plötsligt två montörer i skogen bakom huset och sågade bort en gran. Tack!""",
    ),
    (
        "2026-11-18 19:20",
        "Jenny Granlund",
        "Strömmen är tillbaka – men inte Nordvinds svar",
        """Vi fick tillbaka strömmen i går eftermiddag, efter fjorton timmar. Fjällkraft skickade sms när det var klart, bra.

Nordvind har däremot fortfarande inte svarat på mitt mejl från oktober. Det är nu tjugotre dagar.""",
    ),
    (
        "2026-11-19 20:10",
        "Jenny Granlund",
        "Fel faktura från Nordvind. Självklart.",
        """Idag kom ett mejl från Nordvind om att vår faktura för oktober var fel, tillsammans med 6 000 andras. Samma fel som jag försökt få dem att rätta i tre veckor.

Jag vet inte om jag ska skratta eller gråta.""",
    ),
    (
        "2026-11-20 20:00",
        "Jenny Granlund",
        "Ersättningen från Fjällkraft kom automatiskt",
        """Vi var utan ström i fjorton timmar och fick i dag ett brev om att ersättningen dras av på nästa faktura. Vi behövde inte göra något alls.

Så ska det gå till. Bra jobbat, Fjällkraft.""",
    ),
    (
        "2026-11-21 15:40",
        "Jenny Granlund",
        "Funderar på att byta tillbaka till Fjällkraft",
        """Efter en månad med Nordvind har vi sparat kanske 70 kronor, och lagt flera timmar på mejl och telefonköer.

Fjällkraft är dyrare, men de svarar, de fixar saker och de bygger vindkraft här uppe. Jag tror vi byter tillbaka när bindningstiden är slut.""",
    ),
    (
        "2026-11-22 18:30",
        "Jenny Granlund",
        "Adventsljusstakar och elpriset",
        """Nu åker adventsljusstakarna upp. Vi har räknat: tio LED-stakar drar ungefär lika mycket som en enda gammal glödlampa.

Så elpriset får inte stoppa julmyset.""",
    ),
]

NORDIC_ENERGY_WATCH = [
    (
        "2026-10-28 15:00",
        "Tom Harris",
        "Fjällkraft bets big on local wind in northern Sweden",
        """Swedish regional utility Fjällkraft is investing SEK 1.4 billion in twelve turbines at Storberget near Lycksele. The company's pitch is "renewable power for everyone" and local wind power whose profits partly stay in the villages.

It is a bold move for a small utility, and a smart one if power prices in the north keep rising.""",
    ),
    (
        "2026-11-06 14:30",
        "Tom Harris",
        "Customer service woes at Nordvind and Fjällkraft",
        """Both of northern Sweden's challenger utilities have struggled with customer service this autumn. Fjällkraft responded quickly with 25 new hires and longer opening hours.

Nordvind, which markets itself as the cheapest supplier in the north, has been slower to react. Some customers report waiting three weeks for an email reply.""",
    ),
    (
        "2026-11-11 16:20",
        "Tom Harris",
        "Fjällkraft's price hike: a case study in bad timing",
        """Raising the monthly fee by more than 50 percent a week after a customer service crisis was never going to go down well. Fjällkraft's customers are furious, and rival Nordvind is happily signing them up.

Credit where due: CEO Johan Lind has been answering angry comments on the company blog himself. That is rare in the utility business.""",
    ),
    (
        "2026-11-18 13:00",
        "Tom Harris",
        "Storm knocks out power for 14,000 Fjällkraft customers",
        """A severe storm left around 14,000 households in northern Sweden without electricity on Tuesday, most of them on Fjällkraft's grid. Some homes in Malå were without power for more than 33 hours.

The utility has promised automatic compensation and to bury 400 kilometres of overhead lines.""",
    ),
    (
        "2026-11-21 12:10",
        "Tom Harris",
        "Nordvind's cheap-power model under strain",
        """Nordvind grew fast by being the cheapest electricity supplier in northern Sweden. This month it also sent wrong invoices to 6,000 customers and had 50-minute phone queues after a storm it had nothing to do with.

Cheap is a strategy. Terrible service is a risk. Nordvind needs to invest before its new customers leave again.""",
    ),
]

ELBLOGGEN += [
    (
        "2026-10-27 21:00",
        "Per Wallin",
        "Läsarfråga: fast pris hos Fjällkraft eller rörligt hos Nordvind?",
        """Sara i Skellefteå undrar om hon ska ta fast pris hos Fjällkraft eller rörligt hos Nordvind.

Svaret beror på hur mycket du tål att fakturan svänger. Rörligt hos Nordvind har lägst påslag i norr. Fast pris hos Fjällkraft kostar mer i snitt men ger lugn i januari.

Har du elvärme och liten buffert skulle jag välja fast. Annars rörligt.""",
    ),
    (
        "2026-11-13 20:20",
        "Per Wallin",
        "Nordvind Energi svarade till slut",
        """Efter 25 dagar fick jag svar från Nordvind Energi på mitt mejl. Svaret var vänligt och korrekt, och felet på min faktura är rättat.

Men 25 dagar. Det är inte okej, hur billigt avtalet än är.""",
    ),
    (
        "2026-11-20 19:10",
        "Per Wallin",
        "Fjällkrafts app, en månad senare",
        """Jag har nu använt Fjällkrafts app i en månad. BankID-problemet är fixat, och under stormen kom tiderna för återställning till slut in i appen.

Bästa funktionen är fortfarande timgrafen. Jag har flyttat tvätt och disk till natten och sparat runt 150 kronor. Betyget höjs till 4,5.""",
    ),
]

VILLABLOGGEN += [
    (
        "2026-11-05 20:15",
        "Jenny Granlund",
        "Nordvinds chatt funkar faktiskt",
        """Tips till alla som väntar på svar från Nordvind: testa chatten på förmiddagen. Jag fick svar efter tio minuter.

Och Karin Ek från Nordvind kommenterade mitt förra inlägg! Det hade jag aldrig trott.""",
    ),
    (
        "2026-11-11 21:20",
        "Jenny Granlund",
        "Föräldramöte och elpriser",
        """På föräldramötet i kväll pratade alla om Fjällkraft och prishöjningen. Hälften ska byta till Nordvind, andra hälften tycker att Fjällkraft är värt pengarna.

Jag sa ingenting. Det kändes inte som rätt tillfälle att berätta om mina mejl till Nordvind.""",
    ),
    (
        "2026-11-15 17:10",
        "Jenny Granlund",
        "Lördagsbak och vindkraftsdiskussion",
        """Barnen har pratat om vindkraftverket hela helgen efter öppet hus hos Fjällkraft. Sonen vill bli servicetekniker och klättra 120 meter upp.

Vi bakade vindkraftskakor, med tre vingar av mandelmassa.""",
    ),
    (
        "2026-11-18 09:00",
        "Jenny Granlund",
        "Tack till montörerna",
        """Ett stort tack till Fjällkrafts montörer som jobbade hela natten i stormen. Vi har sett dem i skogen på tre olika ställen i byn.

Informationen från Fjällkraft kunde varit bättre, men människorna ute i skogen var fantastiska.""",
    ),
]
