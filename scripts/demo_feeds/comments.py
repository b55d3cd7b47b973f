"""WordPress-style comment feeds (one per post). Written for koll's demo (CC BY 4.0).

Each thread names its parent by (feed file, parent key) and lists (local time, commenter, text).
An optional "reply_to" index in a 4th element marks a threaded reply (Atom feeds get thr:in-reply-to
pointing at the post; replies to comments are shown with "@name" in the text, as WordPress users do).
"""

THREADS = [
    {
        "file": "kommentarer-fjallkraft-prishojning.xml",
        "parent": ("fjallkraft-blogg.xml", "prishojning"),
        "format": "rss",
        "comments": [
            (
                "2026-11-10 17:02",
                "Birgitta Öhman",
                "Femtio procent högre avgift mitt i vintern. Skäms ni inte, Fjällkraft?",
            ),
            (
                "2026-11-10 17:15",
                "Mikael S",
                "Tack för att ni förklarar i alla fall. Men varför kom inte det här i morse samtidigt som beskedet?",
            ),
            (
                "2026-11-10 17:31",
                "Johan Lind",
                "Mikael, det är en rimlig kritik. Vi borde ha förklarat bakgrunden direkt. Det tar jag på mig.",
            ),
            (
                "2026-11-10 17:48",
                "Ulla Berglund",
                "Först timslånga köer och nu det här. Jag säger upp mitt avtal med Fjällkraft i morgon.",
            ),
            (
                "2026-11-10 18:05",
                "Anna Berg",
                "Ulla, jag förstår att du är besviken. Om du vill prata om ditt avtal innan du bestämmer dig kan du boka att vi ringer upp i appen, så slipper du kön.",
            ),
            (
                "2026-11-10 18:40",
                "Hans Jakobsson",
                "Jag har fast pris till 2027. Påverkas jag alls?",
            ),
            (
                "2026-11-10 18:52",
                "Johan Lind",
                "Hans, nej. Ditt pris och din avgift gäller tills avtalet löper ut. Det är hela poängen med ett fast pris.",
            ),
            (
                "2026-11-10 19:30",
                "Petra Lund",
                "Ni pratar om lokal vindkraft men kunderna får betala bygget. Varför ska vi finansiera Storberget?",
            ),
            (
                "2026-11-10 20:10",
                "Johan Lind",
                "Petra, på kort sikt kostar Storberget, det är sant. På lång sikt ger egen produktion stabilare priser än att köpa allt på börsen. Men jag förstår att det är svårt att se just nu.",
            ),
            (
                "2026-11-10 21:22",
                "Lars-Erik",
                "Uppskattar att vd:n själv svarar. Det är mer än Nordvind någonsin gjort.",
            ),
            (
                "2026-11-11 07:45",
                "Sofia K",
                "Bra att ni svarar, men svaren ändrar inte att Fjällkraft blir dyrare. Jämför nu med andra bolag.",
            ),
            (
                "2026-11-11 09:12",
                "Anna Berg",
                "Sofia, gör det! Vi vill hellre att du jämför och stannar för att du är nöjd än att du stannar av bekvämlighet.",
            ),
            (
                "2026-11-11 12:30",
                "Göran P",
                "Varför höjer ni månadsavgiften med 20 kronor när det är elpriset som stigit?",
            ),
            (
                "2026-11-11 14:05",
                "Anna Berg",
                "Göran, månadsavgiften har legat still sedan 2022 och ska täcka kundtjänst, app och fakturor. Vi har svarat mer utförligt i dagens inlägg.",
            ),
            (
                "2026-11-10 22:40",
                "Elin i Lycksele",
                "Jag stannar hos Fjällkraft. Ni bygger jobb här och det är värt 20 kronor i månaden.",
            ),
            (
                "2026-11-11 16:20",
                "Per-Olof",
                "Nordvind är billigare, men jag har hört så mycket om deras kundtjänst. Blir kvar hos Fjällkraft tills vidare.",
            ),
            (
                "2026-11-11 19:05",
                "Johan Lind",
                "Tack Elin och Per-Olof. Vi ska förtjäna att ni stannar.",
            ),
        ],
    },
    {
        "file": "kommentarer-fjallkraft-stormen.xml",
        "parent": ("fjallkraft-blogg.xml", "storm"),
        "format": "rss",
        "comments": [
            (
                "2026-11-17 07:58",
                "Linnea Strand",
                "Vi har en nyfödd bebis och huset blir kallt. När kommer strömmen tillbaka i Malå?",
            ),
            (
                "2026-11-17 08:10",
                "Anna Berg",
                "Linnea, jag har skickat din fråga vidare till driftcentralen. Ring gärna nödnumret så prioriterar vi er. Malå är tyvärr det område där det ser värst ut.",
            ),
            (
                "2026-11-17 08:35",
                "Tore Lindgren",
                "Finns det något vi kan göra för att hjälpa till? Har traktor och motorsåg.",
            ),
            (
                "2026-11-17 08:50",
                "Anna Berg",
                "Tore, tack! Röj gärna på egen tomt, men rör inga ledningar, även om de ser döda ut. Ring 0910-12 34 56 om du ser en nedriven ledning.",
            ),
            (
                "2026-11-17 10:15",
                "Roger Marklund",
                "Fjällkraft-appen har stått på ”felsökning pågår” i sju timmar. Kan ni inte ge en tid?",
            ),
            (
                "2026-11-17 10:40",
                "Anna Berg",
                "Roger, du har rätt, och det är inte bra nog. Vi har inte kunnat ta oss fram till alla fel än. Jag lovar att uppdatera så fort vi vet mer.",
            ),
            (
                "2026-11-17 11:20",
                "Maria J",
                "Kom tillbaka i Arvidsjaur nu! Stort tack till Fjällkrafts montörer.",
            ),
            ("2026-11-17 12:45", "Olle B", "Ingen ström i Kusfors. Någon som vet något?"),
            (
                "2026-11-17 13:30",
                "Anna Berg",
                "Olle, Kusfors ingår i ett av de större felen. Montörer är på väg men vägen är blockerad. Vi räknar med ström under kvällen.",
            ),
            (
                "2026-11-17 15:50",
                "Lisbeth",
                "Varför ligger ledningarna fortfarande i luften 2026? Ni har vetat om det här i tjugo år.",
            ),
            (
                "2026-11-17 17:20",
                "Johan Lind",
                "Lisbeth, vi har grävt ner mycket, men inte tillräckligt. Jag återkommer med en plan för resten i veckan.",
            ),
            (
                "2026-11-17 19:05",
                "Linnea Strand",
                "Tack för värmestugan i sporthallen. Vi sover här i natt.",
            ),
            ("2026-11-18 07:30", "Olle B", "Kusfors har ström sedan 22 igår. Tack!"),
            (
                "2026-11-18 11:35",
                "Roger Marklund",
                "Äntligen ström. 33 timmar. Montörerna var grymma men informationen från Fjällkraft var usel.",
            ),
            (
                "2026-11-17 09:40",
                "Karin i Malå",
                "Fjällkraft, hur går det i Malå? Ingen ström sedan kvart över två.",
            ),
            (
                "2026-11-17 09:55",
                "Anna Berg",
                "Karin, montörerna är på plats i Malå men flera ledningar ligger i terräng där de måste gå in till fots. Vi öppnar en värmestuga i sporthallen under dagen.",
            ),
            (
                "2026-11-18 12:15",
                "Tore Lindgren",
                "Bra jobbat Fjällkraft, alla i byn har ström nu.",
            ),
        ],
    },
    {
        "file": "kommentarer-elbloggen-prishojning.xml",
        "parent": ("elbloggen.xml", "prishojning"),
        "format": "rss",
        "comments": [
            (
                "2026-11-10 13:20",
                "Stefan Å",
                "Håller med om timingen. Fjällkraft har tappat det i höst.",
            ),
            (
                "2026-11-10 14:05",
                "SparsamSara",
                "240 kr om året är inte hela världen, men det är principen. Och nya fastpriset är rent löjligt.",
            ),
            (
                "2026-11-10 15:40",
                "Anna Berg",
                "Hej Per och alla, Anna från Fjällkraft här. Tack för en nyanserad genomgång. Johan skriver om bakgrunden på vår blogg i eftermiddag, och vi svarar på frågor där också.",
            ),
            (
                "2026-11-10 16:30",
                "Per Wallin",
                "Anna, tack för att du hör av dig. Men varför inte förklara i pressmeddelandet direkt?",
            ),
            (
                "2026-11-10 17:10",
                "Anna Berg",
                "Per, bra fråga och ärligt talat borde vi ha gjort det. Det tar vi med oss.",
            ),
            (
                "2026-11-10 19:45",
                "Jonas V",
                "Byter till Nordvind. De är billigast i norr och jag ringer aldrig ändå.",
            ),
            (
                "2026-11-10 21:00",
                "elnörden",
                "Jonas, vänta tills du behöver ringa. Nordvind svarade inte mig på tre veckor.",
            ),
            (
                "2026-11-11 08:20",
                "Karl-Åke",
                "Fjällkraft har ändå bäst service i norr enligt Svenskt Kvalitetsindex. Det kostar.",
            ),
            (
                "2026-11-11 10:00",
                "Stefan Å",
                "Bra att presschefen svarar här i alla fall. Har aldrig sett Nordvind kommentera på en blogg.",
            ),
            (
                "2026-11-11 18:40",
                "Lena M",
                "Har rörligt pris hos Fjällkraft och tänker stanna. 20 kr i månaden klarar jag.",
            ),
            (
                "2026-11-12 09:30",
                "Anna Berg",
                "Lena, tack! Och Stefan: vi på Fjällkraft svarar gärna där kunderna finns, också här.",
            ),
        ],
    },
    {
        "file": "kommentarer-villabloggen-nordvind.xml",
        "parent": ("villabloggen.xml", "nordvind-svarar-inte"),
        "format": "atom",
        "comments": [
            (
                "2026-11-04 21:10",
                "Eva (grannen)",
                "Stackars dig! Du kanske ska byta tillbaka till Fjällkraft 😉",
            ),
            (
                "2026-11-04 21:45",
                "Magnus",
                "Samma här. Tre veckor och inget svar från Nordvind. Testa chatten, den funkar ibland på förmiddagar.",
            ),
            (
                "2026-11-05 07:30",
                "Jenny Granlund",
                "Magnus, tack för tipset! Ska testa chatten idag.",
            ),
            (
                "2026-11-05 09:15",
                "Karin Ek",
                "Hej Jenny, Karin Ek från Nordvind här. Förlåt att du fått vänta så länge, det är inte den service vi vill ge. Jag har bett vår kundservice att ringa dig i dag om mätarställningen.",
            ),
            (
                "2026-11-05 10:02",
                "Jenny Granlund",
                "Karin, tack! Det uppskattas att du svarar här.",
            ),
            ("2026-11-05 16:40", "Jenny Granlund", "Uppdatering: ingen har ringt än…"),
            (
                "2026-11-05 18:20",
                "Karin Ek",
                "Jenny, jag beklagar verkligen. Jag har eskalerat ärendet och du får ett samtal i morgon förmiddag, det lovar jag.",
            ),
            (
                "2026-11-06 11:30",
                "Jenny Granlund",
                "Nu har de ringt, och fakturan ska rättas. Tack Karin.",
            ),
            (
                "2026-11-06 19:45",
                "Annika",
                "Imponerande att Nordvind svarar på en blogg. Men det borde inte behövas.",
            ),
            (
                "2026-11-07 10:10",
                "Magnus",
                "Jag har fortfarande inte fått svar från Nordvind. Kanske måste man ha en blogg 😅",
            ),
            (
                "2026-11-19 20:40",
                "Magnus",
                "Och nu fel fakturor från Nordvind till 6 000 kunder. Du var bara först, Jenny.",
            ),
        ],
    },
    {
        "file": "kommentarer-norrlandsposten-prishojning.xml",
        "parent": ("norrlandsposten.xml", "prishojning"),
        "format": "rss",
        "comments": [
            (
                "2026-11-10 09:05",
                "Gunnel",
                "Fjällkraft har blivit precis som alla andra storbolag. Girigt.",
            ),
            (
                "2026-11-10 09:20",
                "Nils-Olov",
                "Vad hade ni väntat er? Elpriset har stigit för alla.",
            ),
            ("2026-11-10 09:48", "Gunnel", "Nils-Olov, Nordvind höjer inte. Så det går tydligen."),
            (
                "2026-11-10 10:30",
                "Bengt i Byske",
                "50 procent! Och samma vecka som de stoltserar med 1,4 miljarder till vindkraft.",
            ),
            ("2026-11-10 11:15", "Maja", "Jag byter till Nordvind. Enkelt att göra på nätet."),
            (
                "2026-11-10 12:40",
                "Kristoffer",
                "Ärligt talat, 20 kr i månaden. Folk borde oroa sig mer över nätavgiften.",
            ),
            (
                "2026-11-10 14:10",
                "Bengt i Byske",
                "Kristoffer, nätavgiften går också till Fjällkraft i vårt område.",
            ),
            (
                "2026-11-10 16:55",
                "Ulla Berglund",
                "Hoppas ledarsidan skriver om det här. Kunderna tas för givna.",
            ),
            (
                "2026-11-10 20:20",
                "Håkan P",
                "Fjällkraft har varit bra för Lycksele. Det får kosta lite.",
            ),
            (
                "2026-11-11 08:30",
                "Gunnel",
                "Såg att vd:n svarar på deras blogg. Men inte här förstås.",
            ),
            ("2026-11-11 12:05", "Tomas", "Bytte till Nordvind igår. Tog två minuter."),
            ("2026-11-11 19:40", "Nils-Olov", "Tomas, lycka till med kundtjänsten där."),
            (
                "2026-11-10 10:05",
                "Anneli H",
                "Fast pris utan överraskningar, sa Fjällkraft. Det här var en överraskning.",
            ),
            ("2026-11-10 13:15", "Maja", "Klart, bytt till Nordvind. Tog fem minuter."),
        ],
    },
    {
        "file": "kommentarer-dagbladet-stormen.xml",
        "parent": ("dagbladet-norr.xml", "malabor"),
        "format": "rss",
        "comments": [
            (
                "2026-11-17 12:10",
                "Malåbo",
                "Vi har vedspis så vi klarar oss, men grannen är 90 år och har bara element. Fjällkraft måste prioritera äldre.",
            ),
            (
                "2026-11-17 12:55",
                "Anders",
                "Det här händer varje vinter. Gräv ner ledningarna, Fjällkraft!",
            ),
            ("2026-11-17 13:30", "Malåbo", "Anders, precis. Och ändå är nätavgiften skyhög."),
            (
                "2026-11-17 14:20",
                "Therese",
                "Montörerna har jobbat sedan tre i natt. Lite respekt för dem åtminstone.",
            ),
            (
                "2026-11-17 15:05",
                "Anders",
                "Therese, ingen kritiserar montörerna. Det är ledningen på Fjällkraft.",
            ),
            (
                "2026-11-17 18:00",
                "Greta L",
                "Värmestugan i sporthallen är jättebra, det finns soppa och laddning.",
            ),
            (
                "2026-11-17 22:30",
                "Roger Marklund",
                "Fortfarande mörkt. Barnen sover hos mormor i Skellefteå.",
            ),
            (
                "2026-11-18 11:50",
                "Malåbo",
                "Ström nu! Nu vill jag se ersättningen från Fjällkraft.",
            ),
            (
                "2026-11-18 16:10",
                "Greta L",
                "Ersättningen kommer automatiskt enligt Fjällkraft. Bra, om det stämmer.",
            ),
            (
                "2026-11-17 16:30",
                "Helena",
                "Fjällkraft har öppnat en värmestuga i sporthallen. Sprid gärna!",
            ),
            (
                "2026-11-18 09:05",
                "Therese",
                "Fjällkrafts montörer fick upp ledningen vid Adak i natt. Tack!",
            ),
        ],
    },
]
