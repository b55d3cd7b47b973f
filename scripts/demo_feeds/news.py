"""Three fictional news sites. Written for koll's demo (CC BY 4.0).

Entries are either plain tuples (local time, author, title, body[, extra]) or references:
  ("wire", KEY, delay_minutes, title_override_or_None, dateline)   -> TT copy of WIRE[KEY]
  ("echo", PRESS_KEY, delay_minutes, author, title, intro)           -> rewrite of an owned release
"""

# TT wire copy: each story appears in two or three outlets with light edits.
WIRE = {
    "W1": (
        "2026-10-28 06:30",
        "Elpriset väntas stiga i norr i vinter",
        """Elpriset i norra Sverige väntas bli högre i vinter än i fjol, enligt en ny prognos från Energimyndigheten. Orsaken är låga nivåer i vattenmagasinen och ökad efterfrågan från industrin.

Flera elbolag i norr, bland dem Fjällkraft och Nordvind, uppger att de följer utvecklingen noga men att de inte planerar några förändringar just nu.""",
    ),
    "W2": (
        "2026-11-03 11:00",
        "Långa telefonköer hos elbolag i norr",
        """Kunder hos flera elbolag i Norrland vittnar om kötider på över en timme. Värst är det hos Fjällkraft, där kötiden i genomsnitt var 48 minuter förra veckan enligt bolagets egna siffror.

– Det är inte acceptabelt, säger en kund i Skellefteå som ringde fyra gånger om en felaktig faktura.

Fjällkraft skyller på ett nytt fakturasystem och på sjukdom i personalen.""",
    ),
    "W3": (
        "2026-11-10 09:10",
        "Fjällkraft höjer priset – kunderna rasar",
        """Elbolaget Fjällkraft höjer månadsavgiften från 39 till 59 kronor och priset för nya fastprisavtal från den 1 december. I sociala medier kallar kunder höjningen för ett svek.

– Det är en höjning med över 50 procent av avgiften mitt i vintern. Det är oförskämt, skriver en kund i Piteå.

Fjällkraft hänvisar till ökade kostnader för inköpt el.""",
    ),
    "W4": (
        "2026-11-11 10:20",
        "Konsumentverket granskar elbolagens prishöjningar",
        """Konsumentverket har fått ett sextiotal anmälningar om elbolag som höjt sina avgifter under hösten, de flesta om Fjällkraft. Myndigheten ska nu granska om kunderna fått information i tid.

Nordvind, som inte höjt sina priser, har inte anmälts.""",
    ),
    "W5": (
        "2026-11-16 08:00",
        "SMHI varnar för storm i norra Norrland",
        """SMHI har utfärdat en orange varning för storm i Norrbottens och Västerbottens inland natten till tisdag. En hård nordvind med byar upp till 30 meter per sekund väntas.

Myndigheten uppmanar allmänheten att undvika onödiga resor och att förbereda sig på strömavbrott.""",
    ),
    "W6": (
        "2026-11-17 07:15",
        "Tusentals utan ström efter stormen",
        """Omkring 14 000 hushåll i Västerbotten och Norrbotten är utan ström efter nattens storm, de flesta hos elbolaget Fjällkraft. Nedfallna träd har slagit ut luftledningar runt Arvidsjaur och Malå.

Fjällkraft kan inte säga när strömmen är tillbaka för alla.

– Vi har inte haft ström sedan klockan två i natt och ingen svarar i telefon, säger en kvinna i Malå.""",
    ),
    "W7": (
        "2026-11-18 12:30",
        "Strömmen tillbaka för de flesta i norr",
        """Nästan alla hushåll som blev utan ström efter stormen har nu fått tillbaka den. Enligt Fjällkraft fick de sista kunderna i Malå ström strax efter klockan elva på onsdagen.

Avbrotten varade som längst i drygt 33 timmar.""",
    ),
    "W8": (
        "2026-11-19 08:45",
        "Elbolag lovar ersättning efter stormen",
        """Kunder som var utan ström i mer än tolv timmar efter stormen har enligt ellagen rätt till ersättning. Fjällkraft betalar ut den automatiskt, medan kunderna hos flera andra nätbolag själva måste ansöka.

Nordvind, som bara säljer el, hänvisar sina kunder till respektive nätbolag.""",
    ),
    "W9": (
        "2026-10-30 07:00",
        "Rekordmycket vindkraft byggs i Norrland",
        """Aldrig tidigare har så mycket vindkraft varit under byggnad i Norrland som nu, enligt branschorganisationen Svensk Vindenergi. Totalt byggs över 600 verk i de fyra nordligaste länen.

Samtidigt växer motståndet på flera orter, där boende oroar sig för buller och påverkan på rennäringen.""",
    ),
    "W10": (
        "2026-11-13 06:45",
        "Hushållen drar ner på elen",
        """Svenska hushåll använde sju procent mindre el i oktober än samma månad i fjol, enligt Statistiska centralbyrån. Nedgången är störst i villor med direktverkande el.

Experter tror att många har sänkt inomhustemperaturen efter höstens prisökningar.""",
    ),
}

NORRLANDSPOSTEN = [
    (
        "2026-10-26 14:20",
        "Lena Holm",
        "Fjällkraftverket stänger för säsongen",
        """Kraftverksmuseet Fjällkraftverket vid Skellefteälven stänger för säsongen på söndag. Under sommaren tog museet emot 11 000 besökare, fler än någonsin.

Museet öppnar igen i maj, men under jullovet ordnas guidade visningar av de gamla turbinerna.""",
    ),
    ("2026-10-27 11:20", "echo", "P1"),
    (
        "2026-10-27 17:40",
        "Erik Nyström",
        "Vindkraftsmotståndare samlas i Lycksele",
        """Ett fyrtiotal personer samlades på tisdagskvällen i Lycksele för att protestera mot Fjällkrafts planerade vindpark vid Storberget.

– Vi har inget emot vindkraft, men inte här. Fjällkraft har inte lyssnat på oss, säger Maria Jonsson i byn Storsele.

Fjällkraft har bjudit in till öppet hus den 14 november.""",
    ),
    ("wire", "W1", 40, "Dyr elvinter väntar i norr", "STOCKHOLM"),
    (
        "2026-10-28 16:00",
        "Lena Holm",
        "Kall nordvind gav första snön i Luleå",
        """Natten till onsdag föll den första snön i Luleå. En kall nordvind fick temperaturen att sjunka till fem minusgrader.

Vägverket uppmanar bilister att byta till vinterdäck så snart som möjligt.""",
    ),
    (
        "2026-10-29 13:10",
        "Erik Nyström",
        "Nordvind sponsrar Luleå Hockeys juniorer",
        """Elbolaget Nordvind blir ny huvudsponsor för Luleå Hockeys juniorlag. Avtalet gäller i tre säsonger.

– Det är fantastiskt för oss. Pengarna går till istider och resor, säger juniortränaren Peter Sandberg.""",
    ),
    ("wire", "W9", 25, None, "STOCKHOLM"),
    (
        "2026-10-30 12:30",
        "Sofia Lundqvist",
        "Lokala företagare positiva till Storberget",
        """Flera företagare i Lycksele välkomnar Fjällkrafts vindpark vid Storberget. Hotellet, byggfirmorna och pizzerian räknar med fler kunder under byggtiden.

– Det är det bästa som hänt Lycksele på länge. Fjällkraft har varit tydliga med vad som händer, säger Håkan Persson som driver en byggfirma i staden.""",
    ),
    (
        "2026-11-02 09:30",
        "Lena Holm",
        "Ny skola i Boden får solceller på taket",
        """Den nya Hedenskolan i Boden får Norrbottens största solcellsanläggning på ett skoltak. Eleverna ska kunna följa produktionen på en skärm i matsalen.

Skolan invigs i januari.""",
    ),
    ("wire", "W2", 30, "Timslånga köer hos elbolag", "SKELLEFTEÅ"),
    (
        "2026-11-03 15:45",
        "Sofia Lundqvist",
        "Läsarna: Vi väntade i en timme på Fjällkraft",
        """Norrlandspostens läsare hör av sig om långa köer till Fjällkraft. Ulla Berglund i Skellefteå väntade i 67 minuter för att få hjälp med en dubbelfakturering.

– Förr var de jättebra, men nu är det hopplöst. Man blir bara arg, säger hon.""",
    ),
    (
        "2026-11-04 17:10",
        "Sofia Lundqvist",
        "Fjällkraft ber om ursäkt för kötiderna",
        """Fjällkraft ber nu om ursäkt för de långa kötiderna till kundtjänsten. I ett inlägg på bolagets blogg skriver presschefen Anna Berg att kötiderna inte är okej.

Bolaget förlänger öppettiderna och tar in extra personal.""",
    ),
    (
        "2026-11-05 10:40",
        "Lena Holm",
        "Hemtjänsten i Piteå byter till elbilar",
        """Hemtjänsten i Piteå kommun byter ut alla sina 45 bensinbilar mot elbilar under våren. Laddstolpar byggs vid samtliga hemtjänstkontor.

Kommunen räknar med att spara 600 000 kronor om året i bränsle.""",
    ),
    (
        "2026-11-06 14:00",
        "Erik Nyström",
        "Nordvinds kunder väntar i veckor på svar",
        """Kunder hos Nordvind får vänta upp till tre veckor på svar på mejl, visar Norrlandspostens genomgång. Flera läsare berättar att de inte fått svar alls.

– Billigast i norr, visst, men det hjälper inte när ingen svarar, säger Jonas Vikström i Kalix.

Nordvind medger problemen och skyller på ett nytt ärendesystem.""",
    ),
    (
        "2026-11-09 08:15",
        "Lena Holm",
        "Isande nordvind i veckan – SMHI varnar för halka",
        """En isande nordvind drar in över Norrbotten i början av veckan. SMHI varnar för mycket halt väglag i kustlandet.

Temperaturen kan sjunka till femton minusgrader i Luleå på onsdag.""",
    ),
    (
        "2026-11-10 08:40",
        "Erik Nyström",
        "Fjällkraft höjer avgiften med över 50 procent",
        """Fjällkraft höjer månadsavgiften från 39 till 59 kronor från den 1 december. Även priset för nya fastprisavtal höjs.

Beskedet kom i ett pressmeddelande tidigt på tisdagsmorgonen. Redan efter en timme hade hundratals kunder kommenterat höjningen i sociala medier, de flesta mycket kritiska.""",
        {"key": "prishojning"},
    ),
    ("wire", "W3", 20, None, "SKELLEFTEÅ"),
    (
        "2026-11-10 12:15",
        "Sofia Lundqvist",
        "Pensionärer i Arvidsjaur: ”Vi har inte råd”",
        """På PRO:s träff i Arvidsjaur är Fjällkrafts prishöjning det enda samtalsämnet.

– Vi har redan vänt på varenda krona. Nu höjer de igen, precis när det blir kallt. Det är skamligt, säger Birgitta Öhman, 78.

Flera säger att de ska byta elbolag.""",
    ),
    (
        "2026-11-10 18:05",
        "Erik Nyström",
        "Fjällkrafts vd: ”Jag förstår att många är arga”",
        """Fjällkrafts vd Johan Lind försvarar prishöjningen i ett blogginlägg på tisdagskvällen. Han skriver att kostnaderna för inköpt el har stigit kraftigt och att bygget av Storberget kostar.

– Jag förstår att många är arga, skriver Johan Lind, som lovar att svara på frågor i kommentarerna.""",
    ),
    (
        "2026-11-11 06:00",
        "Ledarredaktionen",
        "Ledare: Fjällkraft glömmer sina kunder",
        """Fjällkraft har i åratal byggt sitt varumärke på att vara ett lokalt bolag som bryr sig. Veckans prishöjning visar något annat.

Att höja avgiften med 50 procent en vecka efter att kunderna fått vänta en timme i telefonkö är inte att bry sig. Det är att ta kunderna för givna.

Fjällkraft har mycket att bevisa de kommande månaderna.""",
    ),
    (
        "2026-11-12 11:30",
        "Sofia Lundqvist",
        "Kunder flyr till Nordvind efter prishöjningen",
        """Sedan Fjällkraft meddelade sin prishöjning har Nordvind fått 2 500 nya kunder i Norrbotten och Västerbotten, uppger Nordvind.

– Det har varit fullt upp i telefonerna. Många säger att de är besvikna på Fjällkraft, säger Karin Ek, kommunikationschef på Nordvind.

Fjällkraft vill inte kommentera hur många kunder som sagt upp sina avtal.""",
    ),
    (
        "2026-11-14 19:30",
        "Erik Nyström",
        "Välbesökt öppet hus om Storberget",
        """Omkring 200 personer kom till Fjällkrafts öppna hus om vindparken vid Storberget i Lycksele på lördagen.

Stämningen var lugnare än väntat. Vd Johan Lind svarade på frågor i över två timmar.

– Jag är fortfarande skeptisk, men de lyssnade i alla fall, säger Maria Jonsson från Storsele.""",
    ),
    ("wire", "W5", 15, "Stormvarning för Norrbotten", "NORRKÖPING"),
    (
        "2026-11-16 13:00",
        "Lena Holm",
        "Julmarknaden i Gammelstad blir av trots allt",
        """Julmarknaden i Gammelstads kyrkstad blir av som vanligt den första advent. Föreningen som ordnar marknaden har hittat nya frivilliga.

Över 80 knallar har anmält sig.""",
    ),
    ("wire", "W6", 20, "Stormen släckte ner norra Norrland", "ARVIDSJAUR"),
    (
        "2026-11-17 10:30",
        "Sofia Lundqvist",
        "Malå isolerat efter stormen – Fjällkraft kritiseras",
        """I Malå har strömmen varit borta i över åtta timmar. Många invånare är kritiska till att Fjällkraft inte gett någon information om när strömmen kommer tillbaka.

– Appen säger bara ”felsökning pågår”. Vi har en nyfödd bebis hemma och huset blir kallare för varje timme, säger Linnea Strand.""",
    ),
    (
        "2026-11-17 15:00",
        "Lena Holm",
        "Grannar hjälper varandra i mörkret",
        """I Arvidsjaur har grannar öppnat sina hem för dem som saknar ström. Den som har vedspis bjuder på kaffe och värme.

– Fjällkrafts montörer har varit här hela dagen och de gör ett fantastiskt jobb i det här vädret, säger Tore Lindgren som lånat ut sin traktor för att röja träd.""",
    ),
    (
        "2026-11-18 09:45",
        "Erik Nyström",
        "Fjällkrafts montörer får beröm",
        """Trots kritiken mot informationen får Fjällkrafts montörer mycket beröm av läsarna. Flera berättar att montörerna jobbat i över tjugo timmar i sträck.

– De är hjältar. Bolaget borde ge dem en rejäl bonus, skriver en läsare i Malå.""",
    ),
    ("wire", "W7", 35, None, "MALÅ"),
    ("2026-11-18 17:30", "echo", "P7"),
    ("wire", "W8", 30, None, "STOCKHOLM"),
    (
        "2026-11-19 14:10",
        "Lena Holm",
        "Luleå Energi klarade stormen bäst",
        """Luleå Energis kunder märkte knappt av stormen. Nästan alla ledningar i Luleå ligger i marken.

– Vi började gräva ner ledningarna redan på nittiotalet, säger nätchefen Per Olsson.""",
    ),
    (
        "2026-11-20 13:00",
        "Sofia Lundqvist",
        "Skidklubben i Malå får stöd från Fjällkraft",
        """Malå skidklubb får 40 000 kronor från Fjällkrafts bygdefond. Pengarna ska användas till nya elljusspår.

– Det är roligt att Fjällkraft ger tillbaka till bygden, särskilt efter en sådan vecka, säger ordföranden Eva Nilsson.""",
    ),
    (
        "2026-11-21 10:00",
        "Lena Holm",
        "Fjällkraftverket visar julutställning",
        """Kraftverksmuseet Fjällkraftverket öppnar en julutställning om livet vid älven på 1920-talet. Utställningen visas helgerna fram till trettondagen.

Fjällkraftverkets gamla turbinhall har dekorerats med tusen ljus.""",
    ),
]

ENERGINYTT = [
    ("2026-10-26 11:15", "echo", "N1"),
    (
        "2026-10-26 15:00",
        "Annika Sjöberg",
        "Vindkraften slog rekord i oktober",
        """Svensk vindkraft producerade 4,8 terawattimmar under oktober, enligt preliminära siffror från Svenska kraftnät. Det är det högsta månadsvärdet hittills.

Stormiga veckor i mitten av månaden förklarar en stor del av rekordet.""",
    ),
    ("2026-10-27 09:40", "echo", "P1"),
    (
        "2026-10-28 13:30",
        "Mats Ahlberg",
        "Analys: Nordvind pressar marginalerna i norr",
        """Med ett påslag på 2,9 öre per kilowattimme utmanar Nordvind de etablerade bolagen i Norrland. Frågan är hur länge det håller.

Nordvinds lågpriskurs bygger på en smal organisation. Det är billigt, men det gör bolaget sårbart när många kunder hör av sig samtidigt.""",
    ),
    ("wire", "W1", 90, None, "STOCKHOLM"),
    (
        "2026-10-29 10:20",
        "Annika Sjöberg",
        "Fjällkraft väljer Vestas till Storberget",
        """Fjällkraft har valt danska Vestas som leverantör av de tolv verken vid Storberget. Verken får en navhöjd på 120 meter och avisningssystem för kallt klimat.

Affären är värd omkring 900 miljoner kronor.""",
    ),
    (
        "2026-10-30 14:00",
        "Mats Ahlberg",
        "Elcertifikaten försvinner – vad händer nu?",
        """Elcertifikatsystemet stängs vid årsskiftet. För de flesta hushåll betyder det en marginellt lägre elräkning.

För vindkraftsägarna försvinner däremot en intäkt, vilket kan påverka lönsamheten i nya projekt.""",
    ),
    ("2026-11-02 11:45", "echo", "P2"),
    (
        "2026-11-02 15:20",
        "Annika Sjöberg",
        "Nordvind lanserar laddavtal för elbilsägare",
        """Nordvind lanserar ett elavtal särskilt för elbilsägare, med lägre pris nattetid. Det är tredje bolaget i Norrland med ett sådant avtal.

Avtalet kräver att kunden har en timmätare.""",
    ),
    (
        "2026-11-03 13:00",
        "Mats Ahlberg",
        "Vi har testat elbolagens appar",
        """Energinytt har testat apparna från fem elbolag i norr. Vinnare är Fjällkrafts nya app, som är snabb, tydlig och visar förbrukningen timme för timme.

Sämst i testet är Nordvinds app, som ofta kraschar och bara visar förbrukning per månad. Nordvind säger att en ny version kommer i vår.""",
    ),
    (
        "2026-11-04 10:30",
        "Annika Sjöberg",
        "Kundtjänsten blir flaskhals för elbolagen",
        """Både Fjällkraft och Nordvind har fått kritik för långa svarstider den här hösten. Enligt Energimarknadsinspektionen har klagomålen på elbolagens kundservice fördubblats sedan i fjol.

– Bolagen har byggt om sina system samtidigt som priserna rört sig mycket. Det är en dålig kombination, säger utredaren Lars Wiklund.""",
    ),
    (
        "2026-11-05 09:00",
        "Mats Ahlberg",
        "Svenska kraftnät bygger ny ledning till Norrbotten",
        """Svenska kraftnät har beslutat att bygga en ny 400 kV-ledning mellan Messaure och Keminmaa. Ledningen ska stärka förbindelsen med Finland.

Byggstart beräknas till 2028.""",
    ),
    (
        "2026-11-06 13:40",
        "Annika Sjöberg",
        "Karin Ek: ”Vi ska vara billigast, inte sämst”",
        """Nordvinds kommunikationschef Karin Ek medger i en intervju med Energinytt att bolagets kundservice inte hängt med i tillväxten.

– Vi ska vara billigast, inte sämst. Vi har anställt tio personer i höst, säger hon.

Nordvind har växt med 30 000 kunder på två år.""",
    ),
    (
        "2026-11-09 12:00",
        "Mats Ahlberg",
        "Elpriset i SE1 steg 30 procent på en vecka",
        """Spotpriset i elområde 1 steg med 30 procent förra veckan, till i snitt 68 öre per kilowattimme. Kallare väder och svag vind förklarar uppgången.

Prognoserna pekar på fortsatt höga priser i november.""",
    ),
    ("wire", "W3", 45, "Fjällkraft höjer – kunderna rasar", "SKELLEFTEÅ"),
    (
        "2026-11-10 10:50",
        "Mats Ahlberg",
        "Fjällkraft höjer – följer branschen efter?",
        """Fjällkrafts höjning av månadsavgiften är den största hos ett norrländskt elbolag på flera år. Frågan är om andra bolag följer efter.

Analytikern Sara Blom tror att fler höjer före jul.

– Inköpskostnaderna har stigit för alla. Fjällkraft är bara först med att säga det, säger hon.""",
    ),
    (
        "2026-11-10 15:30",
        "Annika Sjöberg",
        "Nordvind går mot strömmen och behåller priset",
        """Samma dag som Fjällkraft höjde sina avgifter meddelar Nordvind att bolaget inte höjer i vinter.

– Vi är fortfarande billigast i norr och det ska vi fortsätta vara, säger Karin Ek på Nordvind.

Nordvinds månadsavgift ligger på 35 kronor.""",
    ),
    ("wire", "W4", 25, None, "STOCKHOLM"),
    (
        "2026-11-11 16:00",
        "Mats Ahlberg",
        "Krönika: Rätt höjning, fel kommunikation",
        """Fjällkrafts prishöjning var sannolikt nödvändig. Kostnaderna har stigit och Storberget ska betalas.

Men att skicka ut beskedet klockan halv åtta en tisdagsmorgon, utan förklaring, var ett misstag. Johan Linds blogginlägg på kvällen borde ha kommit först.

Det fina är att Fjällkraft faktiskt svarar i kommentarerna. Det gör inte alla.""",
    ),
    (
        "2026-11-12 10:15",
        "Annika Sjöberg",
        "Rekordmånga byter elbolag",
        """Över 9 000 hushåll i Norrland bytte elbolag första veckan i november, enligt jämförelsesajten Elpriskollen. Det är tre gånger fler än normalt.

Flest har lämnat Fjällkraft, och flest har gått till Nordvind.""",
    ),
    ("wire", "W10", 60, None, "STOCKHOLM"),
    (
        "2026-11-13 14:30",
        "Mats Ahlberg",
        "Ei ser över elnätsavgifterna",
        """Energimarknadsinspektionen ska granska hur elnätsföretagen beräknar sina avgifter. Granskningen väntas bli klar till sommaren.

Bakgrunden är kraftigt ökade nätavgifter i flera regioner.""",
    ),
    (
        "2026-11-16 11:00",
        "Annika Sjöberg",
        "Stormen väntas slå mot elnäten",
        """Elnätsbolagen i norr förbereder sig för nattens storm. Flera har kallat in extra personal och hyrt in helikoptrar för att kunna inspektera ledningar.

Mest utsatta är luftledningar i skogsmark i inlandet.""",
    ),
    ("wire", "W6", 30, None, "ARVIDSJAUR"),
    (
        "2026-11-17 16:20",
        "Mats Ahlberg",
        "Så klarade nätbolagen natten",
        """Fjällkraft var det nätbolag som drabbades hårdast av stormen, med omkring 14 000 kunder utan ström som mest. Andelen luftledning i skog är hög i Fjällkrafts nät.

Kritiken har framför allt gällt informationen. Fjällkrafts app visade i flera timmar inga uppgifter om när felen skulle vara åtgärdade.""",
    ),
    (
        "2026-11-18 11:10",
        "Annika Sjöberg",
        "Fjällkraft: ”Vi var för långsamma med information”",
        """Fjällkrafts presschef Anna Berg medger att bolaget var för långsamt med information under stormnatten.

– Montörerna gjorde ett fantastiskt jobb, men vi borde ha berättat mer och tidigare, säger hon.""",
    ),
    (
        "2026-11-18 15:45",
        "Mats Ahlberg",
        "Nordvinds kundtjänst överbelastad efter stormen",
        """Nordvind har 50 minuters väntetid i telefon, trots att bolaget inte äger något elnät. Många kunder ringer om avbrott som Nordvind inte kan åtgärda.

Det är andra gången i höst som Nordvinds kundtjänst inte klarar trycket.""",
    ),
    ("wire", "W8", 50, None, "STOCKHOLM"),
    (
        "2026-11-19 12:40",
        "Annika Sjöberg",
        "Nordvind skickade fel fakturor till 6 000 kunder",
        """Omkring 6 000 kunder hos Nordvind har fått fakturor med fel belopp. Vissa har debiterats dubbelt.

Nordvind lovar att återbetala automatiskt, men flera kunder är irriterade.

– Först står man i kö i en timme, sedan får man fel faktura. Jag har fått nog, säger en kund i Östersund.""",
    ),
    (
        "2026-11-19 16:00",
        "Mats Ahlberg",
        "Fjällkraft ska gräva ner 40 mil ledning",
        """Fjällkraft ska gräva ner 40 mil luftledning de kommande tre åren. Investeringen är värd 600 miljoner kronor.

Beslutet hade fattats innan stormen, men arbetet ska nu börja i de områden som drabbades värst.""",
    ),
    (
        "2026-11-20 10:30",
        "Annika Sjöberg",
        "Vätgasprojekt i Luleå får EU-stöd",
        """Ett vätgasprojekt i Luleå får 120 miljoner kronor från EU:s innovationsfond. Anläggningen ska producera vätgas till tunga lastbilar.

Projektet beräknas vara i drift 2028.""",
    ),
    (
        "2026-11-20 14:00",
        "Mats Ahlberg",
        "Kommunerna väljer lokal el – Umeå först ut",
        """Umeå kommuns avtal med Fjällkraft om el till alla skolor kan bli en modell för fler kommuner. Flera kommuner i länet säger till Energinytt att de vill köpa lokal vindkraft.

– Det är bra för klimatet och för jobben i länet, säger Skellefteå kommuns upphandlingschef.""",
    ),
    (
        "2026-11-21 09:30",
        "Annika Sjöberg",
        "Veckans siffra: 61 gigawattimmar",
        """61 gigawattimmar producerade Fjällkrafts vindparker i oktober. Det motsvarar 58 procent av den el bolaget sålde under månaden.

Nordvinds parker producerade 38 gigawattimmar under samma period.""",
    ),
]

DAGBLADET_NORR = [
    (
        "2026-10-26 16:30",
        "Karl Forsberg",
        "Höstlov på Fjällkraftverket lockade 800 barn",
        """Under höstlovet besökte 800 barn kraftverksmuseet Fjällkraftverket. Populärast var att själva få styra en modell av en turbin.

- Barnen älskar att se hur vatten blir el, säger museets guide Amanda Wik.""",
    ),
    (
        "2026-10-27 15:10",
        "Maja Eriksson",
        "Storberget delar byn",
        """I Storsele, närmast Fjällkrafts planerade vindpark vid Storberget, är åsikterna delade. En del ser nya jobb, andra fruktar buller och ett förstört landskap.

- Fjällkraft lovar pengar till bygden, men ingen kan köpa tillbaka utsikten, säger Gunnar Åström.

- Vi behöver jobben. Utan dem dör byn, säger grannen Lisa Markström.""",
    ),
    ("wire", "W1", 55, None, "STOCKHOLM"),
    ("2026-10-28 14:40", "echo", "N2"),
    (
        "2026-10-29 11:00",
        "Maja Eriksson",
        "Nordvind billigast - men hur länge?",
        """Nordvind har just nu det lägsta påslaget av alla elbolag i Västerbotten. Men bolagets kunder har klagat på svårigheter att nå kundtjänsten.

Dagbladet Norr har jämfört avtalen. För en villa med elvärme skiljer det cirka 300 kronor om året mellan Nordvind och Fjällkraft.""",
    ),
    ("wire", "W9", 40, None, "STOCKHOLM"),
    (
        "2026-10-30 09:15",
        "Karl Forsberg",
        "Hård nordvind stoppade färjan till Holmön",
        """Färjan till Holmön ställdes in på torsdagsmorgonen. En hård nordvind gav höga vågor i Kvarken.

Trafikverket räknar med att färjan går som vanligt igen på fredag.""",
    ),
    (
        "2026-11-02 13:00",
        "Karl Forsberg",
        "Umeå Energi bygger solpark vid Ersboda",
        """Umeå Energi ska bygga en solpark på 15 hektar vid Ersboda. Parken ska ge el motsvarande 1 200 lägenheters förbrukning.

Bygget börjar i april.""",
    ),
    (
        "2026-11-03 14:20",
        "Maja Eriksson",
        "Fjällkrafts nya app får beröm",
        """Fjällkrafts nya app har fått ett snitt på 4,6 av 5 i App Store efter första dagen. Användarna berömmer framför allt att man kan se förbrukningen timme för timme.

- Äntligen ett elbolag som fattar vad kunderna vill ha, skriver en användare.""",
    ),
    ("wire", "W2", 50, None, "SKELLEFTEÅ"),
    ("2026-11-05 12:30", "echo", "P3"),
    (
        "2026-11-06 10:45",
        "Maja Eriksson",
        "Nordvinds kunder väntar veckor på svar",
        """Läsare hör av sig till Dagbladet Norr om att Nordvind inte svarar på mejl. En kund i Vännäs har väntat i 19 dagar på att få en felaktig slutfaktura rättad.

- Jag valde Nordvind för att de var billigast. Nu förstår jag varför, säger hon.""",
    ),
    (
        "2026-11-09 07:30",
        "Karl Forsberg",
        "Nordvinden tar i på fjället i helgen",
        """Skidåkare i fjällen bör se upp i helgen. Nordvinden förväntas nå kulingstyrka på kalfjället kring Hemavan och Tärnaby.

Länsstyrelsen avråder från längre turer ovan trädgränsen.""",
    ),
    ("wire", "W3", 35, "Fjällkraft höjer - kunder rasar", "SKELLEFTEÅ"),
    (
        "2026-11-10 13:30",
        "Maja Eriksson",
        "Så mycket dyrare blir det för Fjällkrafts kunder",
        """Dagbladet Norr har räknat på vad Fjällkrafts prishöjning betyder. För en villa med elvärme och nytt fastprisavtal blir det cirka 1 900 kronor dyrare per år.

För en lägenhet med rörligt pris blir det 240 kronor mer per år, på grund av den högre månadsavgiften.""",
    ),
    ("wire", "W4", 40, "Myndighet granskar elbolagens höjningar", "STOCKHOLM"),
    (
        "2026-11-11 17:00",
        "Insändare",
        "Insändare: Jag byter från Fjällkraft efter tolv år",
        """Jag har varit kund hos Fjällkraft i tolv år och alltid varit nöjd. Men först en timme i telefonkö och sedan 50 procent högre avgift. Nu räcker det.

Fjällkraft pratar om lokal vindkraft och förnybar el till alla. Men vad hjälper det om ingen har råd med elen?

Besviken kund, Umeå""",
    ),
    (
        "2026-11-12 08:00",
        "Insändare",
        "Insändare: Fjällkraft är ändå bäst i länet",
        """Alla verkar hata Fjällkraft just nu. Jag tycker att det är orättvist.

När vi hade en trasig mätare kom de ut samma dag. De bygger vindkraft här och anställer folk här. Det får gärna kosta lite.

Nöjd kund, Lycksele""",
    ),
    (
        "2026-11-12 14:15",
        "Karl Forsberg",
        "Här är vinterns billigaste elavtal",
        """Dagbladet Norr har jämfört elavtalen i Västerbotten. Billigast med rörligt pris är Nordvind, följt av Umeå Energi.

Fjällkraft hamnar efter höjningen på sjätte plats av åtta, men har enligt jämförelsesajterna nöjdast kunder.""",
    ),
    ("2026-11-13 12:00", "echo", "P5"),
    ("wire", "W10", 30, None, "STOCKHOLM"),
    (
        "2026-11-13 16:30",
        "Karl Forsberg",
        "Vindparken i Åsele skjuts upp ett år",
        """Bygget av vindparken vid Granliden i Åsele skjuts upp ett år. Bolaget bakom parken väntar på beslut om ny ledning.

Kommunen beklagar förseningen.""",
    ),
    ("wire", "W5", 25, None, "NORRKÖPING"),
    (
        "2026-11-16 15:20",
        "Karl Forsberg",
        "Kall nordvind och snöfall i natt",
        """Efter stormen väntas en kall nordvind och kraftigt snöfall i hela Västerbotten. Upp till 30 centimeter snö kan falla i inlandet.

Räddningstjänsten uppmanar till försiktighet på vägarna.""",
    ),
    ("wire", "W6", 25, None, "MALÅ"),
    (
        "2026-11-17 11:40",
        "Maja Eriksson",
        "Malåbor kan bli utan ström i ett dygn",
        """Hushållen i Malå kan bli utan ström till onsdag, uppger Fjällkraft. Flera ledningar ligger nere i svår terräng.

- Det är för jävligt. Fjällkraft tar betalt för nätet men klarar inte en storm, säger Roger Marklund som har två barn och bor i en villa med direktverkande el.""",
        {"key": "malabor"},
    ),
    (
        "2026-11-17 17:50",
        "Karl Forsberg",
        "Fjällkraft öppnar värmestuga i Malå",
        """Fjällkraft har tillsammans med kommunen öppnat en värmestuga i Malå sporthall. Där finns reservkraft, mat och möjlighet att ladda telefonen.

- Vi vill att ingen ska sitta ensam i ett kallt hus i natt, säger Fjällkrafts presschef Anna Berg.""",
    ),
    ("wire", "W7", 20, None, "MALÅ"),
    (
        "2026-11-18 16:00",
        "Ledare",
        "Ledare: Elnätet måste tåla stormar",
        """Varje vinter slår stormar ut ström för tusentals norrlänningar. Varje gång lovar nätbolagen att gräva ner fler ledningar.

Fjällkraft har nu lovat 40 mil på tre år. Det är bra, men det borde ha gjorts för länge sedan. Kunderna har betalat för ett stabilt nät i decennier.""",
    ),
    (
        "2026-11-19 10:10",
        "Maja Eriksson",
        "Nordvind medger fel på fakturor",
        """Nordvind medger att omkring 6 000 kunder fått fel faktura för oktober. Felet beror på en systemändring.

Karin Ek, kommunikationschef på Nordvind, lovar att alla som betalat för mycket ska få tillbaka pengarna före jul.""",
    ),
    (
        "2026-11-19 15:30",
        "Karl Forsberg",
        "Umeå Energi: Inga större avbrott",
        """Umeå Energis kunder klarade sig nästan helt från avbrott under stormen. Bara 200 hushåll i Holmsund var utan ström, och som längst i tre timmar.

Bolaget har grävt ner 95 procent av sina ledningar.""",
    ),
    ("2026-11-20 11:20", "echo", "P8"),
    (
        "2026-11-21 12:00",
        "Maja Eriksson",
        "Sorsele IK får pengar till nya spår",
        """Sorsele IK är en av föreningarna som får pengar från Fjällkrafts bygdefond. De 25 000 kronorna ska gå till en ny pistmaskin för längdspåren.

- Vi är jätteglada. Fjällkraft har stöttat oss i många år, säger kassören Ingrid Lundmark.""",
    ),
    (
        "2026-11-22 09:00",
        "Karl Forsberg",
        "Vintermarknad på Fjällkraftverket nästa helg",
        """Kraftverksmuseet Fjällkraftverket håller vintermarknad den 28 och 29 november. Lokala hantverkare säljer sina varor i den gamla maskinhallen.

Entrén är gratis.""",
    ),
]

# Echo articles: an earned outlet rewrites an owned release (carries its key messages).
ECHO = {
    # outlet-specific rewrites keyed by (outlet, release key): author, title, intro sentence
    ("norrlandsposten", "P1"): (
        "Erik Nyström",
        "Fjällkraft satsar 1,4 miljarder på vindpark vid Storberget",
        "Fjällkraft bygger tolv vindkraftverk utanför Lycksele, meddelar bolaget.",
    ),
    ("norrlandsposten", "P7"): (
        "Sofia Lundqvist",
        "Fjällkraft betalar ersättning automatiskt efter stormen",
        "Fjällkrafts kunder som drabbades av stormen behöver inte ansöka om ersättning.",
    ),
    ("energinytt", "N1"): (
        "Annika Sjöberg",
        "Nordvind sänker påslaget – vill vara billigast i norr",
        "Nordvind Energi sänker sitt påslag för nya kunder i Norrland.",
    ),
    ("energinytt", "P1"): (
        "Mats Ahlberg",
        "Fjällkraft investerar i tolv verk vid Storberget",
        "Det regionala elbolaget Fjällkraft bygger ut vindkraften i Västerbotten.",
    ),
    ("energinytt", "P2"): (
        "Annika Sjöberg",
        "Fjällkraft lanserar app med timvis förbrukning",
        "Fjällkraft släpper en ny app för sina kunder.",
    ),
    ("dagbladet-norr", "N2"): (
        "Karl Forsberg",
        "Nordvind bygger åtta verk i Jämtland",
        "Nordvind har fått klartecken för en ny vindpark vid Hållsjön.",
    ),
    ("dagbladet-norr", "P3"): (
        "Maja Eriksson",
        "Fjällkraft anställer 25 efter kritiken",
        "Efter veckor av kritik mot långa telefonköer förstärker Fjällkraft sin kundservice.",
    ),
    ("dagbladet-norr", "P5"): (
        "Maja Eriksson",
        "Umeås skolor får el från Fjällkraft",
        "Umeå kommun har skrivit ett femårigt elavtal med Fjällkraft.",
    ),
    ("dagbladet-norr", "P8"): (
        "Karl Forsberg",
        "31 föreningar får pengar från Fjällkraft",
        "Fjällkrafts bygdefond delar ut en halv miljon kronor i Västerbotten och Norrbotten.",
    ),
}

# Additional articles, merged into the outlets above (sorted by time when building).
NORRLANDSPOSTEN += [
    (
        "2026-10-28 10:20",
        "Sofia Lundqvist",
        "Fjällkraft söker 30 servicetekniker till vindparkerna",
        """Fjällkraft ska anställa 30 servicetekniker de kommande två åren, de flesta i Lycksele och Arvidsjaur.

– Vi vill att de som sköter verken ska bo här. Det är en del av tanken med lokal vindkraft, säger Fjällkrafts presschef Anna Berg.

Utbildningen sker på gymnasiet i Lycksele.""",
    ),
    (
        "2026-11-11 13:20",
        "Erik Nyström",
        "Kunderna köar för att säga upp sina avtal hos Fjällkraft",
        """Dagen efter prishöjningen var kötiden till Fjällkraft återigen över en halvtimme. Enligt bolaget ringer många för att säga upp sina avtal.

– Vi förstår att många är missnöjda och vi försöker hjälpa alla, även dem som vill lämna oss, säger Anna Berg, presschef på Fjällkraft.""",
    ),
    ("2026-11-13 13:30", "echo", "P5"),
    (
        "2026-11-17 06:30",
        "Lena Holm",
        "Just nu: Stormen slår ut strömmen i inlandet",
        """Stormen som drog in över Norrbotten under natten har slagit ut strömmen för tusentals hushåll. Fjällkraft bekräftar omfattande skador på elnätet runt Arvidsjaur.

Norrlandsposten uppdaterar löpande.""",
    ),
    (
        "2026-11-19 16:40",
        "Erik Nyström",
        "Nordvinds kunder fick dubbla fakturor",
        """Flera av Norrlandspostens läsare har fått dubbla fakturor från Nordvind för oktober. Nordvind medger felet och lovar återbetalning.

– Nordvind har varit billigast i norr, men nu börjar det bli dyrt i tid och nerver, säger Anneli Hedman i Boden.""",
    ),
    (
        "2026-11-20 07:00",
        "Insändare",
        "Insändare: Tack till Fjällkrafts montörer",
        """Jag vill rikta ett stort tack till Fjällkrafts montörer som jobbade hela natten i stormen. De kom till vår gård i Glommersträsk mitt i natten och fick upp ledningen igen.

Det ska ni ha all heder för.

Tacksam pensionär, Glommersträsk""",
    ),
]

ENERGINYTT += [
    (
        "2026-10-27 14:50",
        "Mats Ahlberg",
        "Nordvind Energi söker ny kundtjänstchef",
        """Nordvind Energi rekryterar en ny chef för kundservice. Den tidigare chefen slutade i september.

Bolaget har vuxit snabbt och har nu drygt 90 000 kunder i norra Sverige.""",
    ),
    (
        "2026-10-29 15:30",
        "Annika Sjöberg",
        "Fjällkraft i topp i kundnöjdhet i norr",
        """Fjällkraft har de nöjdaste kunderna bland elbolagen i Norrland enligt Svenskt Kvalitetsindex. Nordvind hamnar näst sist.

– Service är lika viktigt som pris. Det visar årets mätning tydligt, säger SKI:s analyschef.""",
    ),
    (
        "2026-11-11 12:10",
        "Annika Sjöberg",
        "Johan Lind: ”Vi borde ha förklarat tidigare”",
        """Fjällkrafts vd Johan Lind medger i en intervju med Energinytt att bolaget borde ha förklarat prishöjningen redan i pressmeddelandet.

– Beskedet var rätt, men vi kommunicerade det dåligt. Nu svarar jag och Anna Berg på varje fråga på vår blogg, säger han.""",
    ),
    (
        "2026-11-13 11:20",
        "Mats Ahlberg",
        "Nordvind växer snabbast i norr",
        """Nordvind har fått 4 000 nya kunder i november, de flesta från Fjällkraft. Bolaget passerade i veckan 100 000 kunder.

– Vi säger det igen: billigast i norr, säger Karin Ek, kommunikationschef på Nordvind.

Frågan är om Nordvinds kundservice klarar tillväxten.""",
    ),
    (
        "2026-11-17 11:30",
        "Annika Sjöberg",
        "Kritik mot Fjällkrafts app under stormen",
        """Fjällkrafts nya app visade under flera timmar bara ”felsökning pågår” för de drabbade områdena. Många kunder fick ingen information om när strömmen skulle komma tillbaka.

Fjällkraft uppger att uppgifterna saknades eftersom montörerna inte hunnit fram till felen.""",
    ),
    (
        "2026-11-20 16:30",
        "Mats Ahlberg",
        "Klagomålen mot elbolagen ökar",
        """Konsumenternas energimarknadsbyrå har fått dubbelt så många klagomål i november som i oktober. Flest gäller Fjällkraft och Nordvind.

Klagomålen mot Fjällkraft handlar om prishöjningen, medan de mot Nordvind gäller fakturor och kundservice.""",
    ),
]

DAGBLADET_NORR += [
    (
        "2026-10-28 11:10",
        "Maja Eriksson",
        "Fjällkraft får länets miljöpris",
        """Fjällkraft får Västerbottens miljöpris för arbetet med att göra vindkraftsbyggen skonsammare för renskötseln.

Juryn lyfter fram att bolaget samråder med samebyarna redan innan platsen för en park är vald.""",
    ),
    (
        "2026-11-04 12:40",
        "Karl Forsberg",
        "Fjällkraft: Boka samtal i appen i stället för att köa",
        """Fjällkraft uppmanar kunderna att boka ett samtal i appen i stället för att ringa. Då slipper man sitta i telefonkö.

Kötiderna har den senaste veckan varit uppemot en timme.""",
    ),
    (
        "2026-11-10 15:00",
        "Karl Forsberg",
        "Nordvind: Vi höjer inte",
        """Nordvind meddelar att bolaget inte höjer sina avgifter i vinter. Beskedet kom samma dag som konkurrenten Fjällkraft höjde sin månadsavgift.

- Vi är billigast i norr och tänker fortsätta vara det, säger Karin Ek, kommunikationschef på Nordvind.""",
    ),
    (
        "2026-11-11 15:30",
        "Maja Eriksson",
        "Fjällkrafts vd svarar kunderna på bloggen",
        """Fjällkrafts vd Johan Lind har sedan i tisdags svarat på över 50 frågor från kunder på bolagets blogg. Många är arga, men flera tackar för att han svarar.

- Det är ovanligt att en vd gör det själv, säger Åsa Strömberg, som forskar om kriskommunikation vid Umeå universitet.""",
    ),
    (
        "2026-11-18 12:50",
        "Karl Forsberg",
        "Fjällkraft: Alla har ström igen",
        """Alla Fjällkrafts kunder har nu ström igen. De sista hushållen i Malå fick tillbaka strömmen strax efter elva på onsdagen.

Avbrottet varade som längst i drygt 33 timmar.""",
    ),
    (
        "2026-11-20 09:30",
        "Maja Eriksson",
        "Nordvinds fakturafel drabbar Umeåbor",
        """Flera hundra Umeåbor finns bland de 6 000 kunder som fått fel faktura från Nordvind. Några har debiterats dubbelt.

- Jag har ringt tre gånger och ingen kan säga när pengarna kommer tillbaka, säger en kund på Teg.""",
    ),
]

ECHO[("norrlandsposten", "P5")] = (
    "Lena Holm",
    "Fjällkraft ska leverera el till Umeås skolor",
    "Fjällkraft har vunnit Umeå kommuns upphandling av el till skolorna.",
)
