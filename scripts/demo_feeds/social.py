"""Mastodon posts under the hashtag #fjällkraft on mastodon.nu. Written for koll's demo (CC BY 4.0).

Tuples: (local time, account as user@server, status id, text). Mastodon posts have no title;
koll builds one from the text. Accounts on other servers appear in mastodon.nu's hashtag feed
with their own server's address, as Mastodon serves them.
"""

MASTODON_TAG = [
    (
        "2026-10-27 11:20",
        "lisa_lycksele@mastodon.nu",
        "115432110200014",
        "Tolv vindkraftverk på Storberget. Bra för klimatet, men ingen har frågat oss som bor "
        "närmast om ljudet. #fjällkraft #lycksele",
    ),
    (
        "2026-11-02 18:45",
        "mikael_e@mastodon.social",
        "115466020400031",
        "Testade nya appen från #fjällkraft: timpriset och förbrukningen på en gång. Snyggt och "
        "enkelt, äntligen!",
    ),
    (
        "2026-11-04 09:10",
        "karinsundqvist@mastodon.nu",
        "115477109800052",
        "Femtio minuter i telefonkön till Fjällkraft i morse. Gav upp. #fjällkraft #kundtjänst",
    ),
    (
        "2026-11-10 08:05",
        "elnorden@mastodon.nu",
        "115511400900017",
        "Fjällkraft höjer månadsavgiften från 39 till 59 kronor. Femtio procent dyrare över en "
        "natt, det är inte rimligt. #fjällkraft #elpris",
    ),
    (
        "2026-11-10 12:30",
        "skelleftea_anna@mastodon.nu",
        "115512390600048",
        "Dags att byta elbolag? Fjällkraft höjer, Nordvind står still. Någon som har bytt och "
        "vill tipsa? #fjällkraft #nordvind",
    ),
    (
        "2026-11-11 17:20",
        "jonas_bjork@fosstodon.org",
        "115518720300006",
        "Bra att vd:n svarade på bloggen om höjningen, men svaret förklarar inte varför det "
        "blev just 59 kronor. #fjällkraft",
    ),
    (
        "2026-11-17 22:15",
        "malaborna@mastodon.nu",
        "115552770100093",
        "Tjugo timmar utan ström i Malå nu. Ingen information från Fjällkraft sedan i morse. "
        "#fjällkraft #stormen",
    ),
    (
        "2026-11-18 10:40",
        "malaborna@mastodon.nu",
        "115555710000121",
        "Strömmen tillbaka! Stort tack till linjearbetarna som jobbat hela natten i ovädret. "
        "#fjällkraft",
    ),
    (
        "2026-11-19 14:05",
        "lisa_lycksele@mastodon.nu",
        "115562130500027",
        "Automatisk ersättning utan att man behöver ansöka, och kablarna ska grävas ner. Så ska "
        "det gå till. #fjällkraft",
    ),
]
