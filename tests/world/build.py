"""A synthetic Swedish media world whose control components are known by construction.

`feeds()` renders every feed as RSS bytes keyed by URL path (served by tests/feedserver.py),
`config(base)` is the koll.toml pointing at them, and EXPECTED holds the components for
Fjällkraft in WINDOW, counted by hand from the items below (see the comments next to EXPECTED).
Run `python -m tests.world.build DIR` to write the feeds and config to a folder for a look.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape

WINDOW = ("2026-10-15", "2026-10-28")
PREVIOUS = ("2026-10-01", "2026-10-14")
# analyse_all(now=NOW): the evening of the window's last day.
NOW = datetime(2026, 10, 28, 20, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Post:
    feed: str  # URL path of the feed it appears in
    when: str  # "MM-DD HH:MM" in October 2026, UTC (never near midnight: the day is unambiguous)
    link: str
    title: str
    text: str
    author: str | None = None
    tone: str = "neu"  # the tone the item was written with (pos / neu / neg)


def _t(when: str) -> datetime:
    return datetime.strptime(f"2026-{when}", "%Y-%m-%d %H:%M").replace(tzinfo=UTC)


BLOG = "/fjallkraft/blogg.xml"  # owned by feed
# The blog's comment feed, configured with kind = "blog" as a user pasting URLs may do: koll
# must recognise it as comments (its title, its #comment-N links).
BLOG_COMMENTS = "/fjallkraft/blogg-kommentarer.xml"
DAGBLADET = "/news/dagbladet.xml"
DAGBLADET_EKONOMI = "/news/dagbladet-ekonomi.xml"  # repeats one Dagbladet article (dedup)
KVALLSPOSTEN = "/news/kvallsposten.xml"
LOKALTIDNINGEN = "/news/lokaltidningen.xml"
PRESSFLODE = "/news/pressflode.xml"  # an aggregator: owned by domain, not by feed
ELBLOGGEN = "/bloggar/elbloggen.xml"
ELBLOGGEN_COMMENTS = "/bloggar/elbloggen-kommentarer.xml"
FORUM = "/forum/elforum.xml"
SOLFORUM = "/forum/solforum.xml"

O1_TEXT = (
    "Fjällkraft AB har i dag beslutat att bygga tolv nya vindkraftverk utanför Östersund. "
    "Satsningen på lokal vindkraft ska ge hushållen i Jämtland elpriser som går att planera "
    "redan från nästa vinter. Vi vill erbjuda förnybar el till alla, inte bara till dem som bor "
    "nära storstäderna, säger Anna Berg, kommunikationschef på Fjällkraft. Bygget startar i mars "
    "och beräknas vara klart hösten 2028. Projektet skapar omkring fyrtio arbetstillfällen i "
    "regionen under byggtiden."
)
O2_TEXT = (
    "Från och med i dag kan alla kunder hos Fjällkraft ansöka om solceller på villataket med "
    "installation och tjugo års garanti. Programmet är en del av vårt löfte om förnybar el till "
    "alla. Ansökan görs på vår webbplats och de första installationerna sker redan i december. "
    "Kunder som redan har solceller kan sälja sitt överskott till oss till ett fast pris."
)
C1_TEXT = (
    "Kunderna rasar mot Fjällkraft efter att bolaget höjt elpriset med trettio procent på en "
    "månad. Det är en skandal och ett svek mot alla som litade på bolaget, säger en upprörd "
    "kund i Umeå. Konsumentverket har fått in över hundra klagomål den senaste veckan. Flera "
    "kunder uppger att de nu byter elbolag i protest mot de orimliga och dåliga villkoren."
)

BLOG_BASE = "https://blogg.fjallkraft.se/2026/10"
DB = "https://dagbladet.example.se"
KP = "https://kvallsposten.example.se"
LT = "https://lokaltidningen.example.se"
EB = "https://elbloggen.example.se/2026/10"
FO = "https://forum.example.se/t"

POSTS: list[Post] = [
    # --- previous window (2026-10-01 .. 10-14) ----------------------------------------------
    Post(
        BLOG,
        "10-05 08:00",
        f"{BLOG_BASE}/hostens-energitips/",
        "Höstens energitips",
        "Här är fem sätt att använda mindre el i höst: sänk innetemperaturen en grad, tvätta "
        "fulla maskiner, stäng av standby, byt till LED och tina frysen. Fjällkraft svarar på "
        "frågor om elförbrukning i kundtjänst.",
        "Anna Berg",
    ),
    Post(
        DAGBLADET,
        "10-07 10:00",
        f"{DB}/ekonomi/fjallkraft-resultat",
        "Fjällkraft redovisar sitt resultat",
        "Fjällkraft redovisade på tisdagen ett rörelseresultat i nivå med fjolåret. Omsättningen "
        "ökade med fyra procent.",
        "Dagbladet",
    ),
    Post(
        DAGBLADET,
        "10-08 09:00",
        f"{DB}/ekonomi/nordvind-vindpark",
        "Nordvind köper vindpark i Västerbotten",
        "Nordvind har köpt en vindpark med åtta verk i Västerbotten. Affären slutförs i december.",
        "Dagbladet",
    ),
    Post(
        FORUM,
        "10-10 19:00",
        f"{FO}/1001",
        "Någon som har Fjällkraft?",
        "Funderar på att byta elavtal till Fjällkraft. Någon som har erfarenhet av deras avtal?",
        "Kalle",
    ),
    # --- the window (2026-10-15 .. 10-28) ---------------------------------------------------
    # Story S1: the owned press release, copied by three news sites hours later.
    Post(
        BLOG,
        "10-15 08:00",
        f"{BLOG_BASE}/lokal-vindkraft-jamtland/",
        "Fjällkraft bygger lokal vindkraft i Jämtland",
        O1_TEXT,
        "Anna Berg",
    ),
    Post(
        DAGBLADET,
        "10-15 11:00",
        f"{DB}/ekonomi/fjallkraft-vindkraft",
        "Fjällkraft satsar på vindkraft i Jämtland",
        "(TT) " + O1_TEXT.replace("i dag", "på onsdagen"),
        "TT",
    ),
    Post(
        KVALLSPOSTEN,
        "10-15 12:30",
        f"{KP}/nyheter/vindkraft-ostersund",
        "Tolv nya vindkraftverk vid Östersund",
        O1_TEXT + " Kommunen välkomnar beskedet.",
        "Kvällspostens redaktion",
    ),
    # A light rewrite without the key phrases: echo only because it copies the owned item.
    Post(
        LOKALTIDNINGEN,
        "10-15 15:00",
        f"{LT}/lokalt/vindkraft-lanet",
        "Vindkraft i länet",
        O1_TEXT.replace("lokal vindkraft", "vindkraft i länet").replace(
            "förnybar el till alla", "grön el åt alla"
        ),
        "Lokaltidningen",
    ),
    # Story S2: an owned blog post (the logo speaks), copied by one news site.
    Post(
        BLOG,
        "10-18 09:00",
        f"{BLOG_BASE}/solceller-villataket/",
        "Nytt program för solceller på villataket",
        O2_TEXT,
        "Fjällkraft",
    ),
    Post(
        DAGBLADET,
        "10-18 14:00",
        f"{DB}/ekonomi/fjallkraft-solceller",
        "Fjällkraft erbjuder solceller",
        "Fjällkraft meddelar: " + O2_TEXT.replace("vårt löfte", "bolagets löfte"),
        "TT",
    ),
    # Story S3: a critical article, copied by TT; the brand answers afterwards by reposting it.
    Post(
        KVALLSPOSTEN,
        "10-21 07:00",
        f"{KP}/nyheter/fjallkraft-kritik",
        "Kritik mot Fjällkraft efter höjda elpriser",
        C1_TEXT,
        "Kvällspostens redaktion",
        "neg",
    ),
    Post(
        DAGBLADET,
        "10-21 09:00",
        f"{DB}/nyheter/fjallkraft-kritik",
        "Kunder rasar mot Fjällkraft",
        "(TT) " + C1_TEXT,
        "TT",
        "neg",
    ),
    Post(
        BLOG,
        "10-22 10:00",
        f"{BLOG_BASE}/svar-pa-kritiken/",
        "Vårt svar på kritiken om elpriserna",
        C1_TEXT + " Höjningen beror på inköpspriserna och vi sänker priset igen i januari.",
        "Anna Berg",
    ),
    # A critical story the brand never answers (no owned item in it).
    Post(
        LOKALTIDNINGEN,
        "10-24 12:00",
        f"{LT}/lokalt/stromavbrott-fjallkraft",
        "Strömavbrott hos Fjällkraft drabbade tusentals",
        "Ett långt strömavbrott i Fjällkrafts nät drabbade i går tusentals hushåll i Jämtland. "
        "Många kunder är arga och besvikna över den usla informationen under avbrottet. Det är "
        "en skandal att bolaget inte kan förklara vad som gick fel.",
        "Lokaltidningen",
        "neg",
    ),
    # Owned by domain: the brand's press room, reached through an aggregator feed.
    Post(
        PRESSFLODE,
        "10-26 07:00",
        "https://press.fjallkraft.se/2026/10/ny-vd",
        "Fjällkraft utser ny vd",
        "Styrelsen för Fjällkraft AB har utsett Karin Ek till verkställande direktör från och med "
        "den första januari. Hon kommer närmast från en tjänst som ekonomichef.",
        "Fjällkraft Press",
    ),
    # The independent blog.
    Post(
        ELBLOGGEN,
        "10-19 17:00",
        f"{EB}/elbolag-som-lyssnar/",
        "Äntligen ett elbolag som lyssnar",
        "Fjällkraft imponerar verkligen. Deras löfte om förnybara el till alla känns ärligt och "
        "solcellsprogrammet är fantastiskt bra. Underbart att se ett bolag som tar ansvar!",
        "Elbloggaren",
        "pos",
    ),
    Post(
        ELBLOGGEN,
        "10-23 08:00",
        f"{EB}/hojningen-ar-ett-svek/",
        "Fjällkrafts höjning är ett svek",
        "Att höja elpriset med trettio procent mitt i hösten är helt oacceptabelt. Fjällkraft "
        "borde skämmas, det här är uselt och respektlöst mot kunderna. Jag är besviken och arg.",
        "Elbloggaren",
        "neg",
    ),
    Post(
        ELBLOGGEN,
        "10-25 09:00",
        f"{EB}/fjallkrafts-app/",
        "Fjällkrafts app för elförbrukning",
        "Jag har installerat Fjällkrafts app för att följa elförbrukningen. Appen visar "
        "förbrukningen per timme och priset för varje dygn. Den finns för Android och iPhone.",
        "Elbloggaren",
    ),
    # Look-alikes only: "Fjällkraftverket" is excluded and this is no mention at all.
    Post(
        ELBLOGGEN,
        "10-26 10:00",
        f"{EB}/besok-vid-fjallkraftverket/",
        "Besök vid Fjällkraftverket",
        "I helgen besökte jag Fjällkraftverket vid älven, ett vattenkraftverk från 1950-talet. Där "
        "planeras nu lokala vindkraftverk på höjden ovanför.",
        "Elbloggaren",
    ),
    # A mention with the look-alike phrase "lokala vindkraftverk": no key message.
    Post(
        ELBLOGGEN,
        "10-27 11:00",
        f"{EB}/lokala-vindkraftverk/",
        "Lokala vindkraftverk i kommunen",
        "Kommunen diskuterar lokala vindkraftverk och flera bolag har anmält intresse, bland dem "
        "Fjällkraft. Beslutet väntas i december efter samråd med markägarna.",
        "Elbloggaren",
    ),
    # The forum (genitive with colon; closed compound).
    Post(
        FORUM,
        "10-20 19:00",
        f"{FO}/1002",
        "Fjällkraft:s kundtjänst är usel",
        "Har väntat i telefonkö i två timmar hos Fjällkraft:s kundtjänst. Helt värdelöst och "
        "uselt bemötande när jag till slut kom fram. Hemskt.",
        "Lotta",
        "neg",
    ),
    Post(
        FORUM,
        "10-26 18:00",
        f"{FO}/1003",
        "Nöjd Fjällkraftkund",
        "Som Fjällkraftkund sedan fem år är jag mycket nöjd. Bra priser, snabb hjälp och trevlig "
        "personal. Rekommenderas varmt!",
        "Olle",
        "pos",
    ),
    # The competitor.
    Post(
        DAGBLADET,
        "10-16 09:00",
        f"{DB}/ekonomi/nordvind-pris",
        "Nordvind justerar sina avtal",
        "Nordvind justerar villkoren i sina fastprisavtal från december.",
        "Dagbladet",
    ),
    Post(
        PRESSFLODE,
        "10-20 09:00",
        "https://nordvind.se/press/ny-park",
        "Nordvind bygger ny park",
        "Nordvind inleder bygget av en vindpark i Norrbotten under våren.",
        "Nordvind",
    ),
    Post(
        KVALLSPOSTEN,
        "10-27 09:00",
        f"{KP}/nyheter/nordvind-kunder",
        "Nordvind växer",
        "Nordvind har fått tusen nya kunder under hösten enligt bolaget.",
        "Kvällspostens redaktion",
    ),
]

# Comments on the independent blog: the brand's spokesperson answers the critical post only.
COMMENTS: list[Post] = [
    Post(
        ELBLOGGEN_COMMENTS,
        "10-23 10:00",
        f"{EB}/hojningen-ar-ett-svek/#comment-11",
        "Kommentar av Lisa",
        "Håller med, jag har också fått en chockräkning.",
        "Lisa",
    ),
    Post(
        ELBLOGGEN_COMMENTS,
        "10-23 13:00",
        f"{EB}/hojningen-ar-ett-svek/#comment-12",
        "Kommentar av Anna Berg",
        "Hej! Vi förstår att höjningen känns tung och vi sänker priset igen i januari. Hör gärna "
        "av dig till mig direkt.",
        "Anna Berg",
    ),
    Post(
        ELBLOGGEN_COMMENTS,
        "10-25 12:00",
        f"{EB}/fjallkrafts-app/#comment-21",
        "Kommentar av Per",
        "Appen är okej men Fjällkraft borde fixa sin usla kundtjänst först. Dåligt.",
        "Per",
        "neg",
    ),
    Post(
        ELBLOGGEN_COMMENTS,
        "10-25 15:00",
        f"{EB}/fjallkrafts-app/#comment-22",
        "Kommentar av Eva",
        "Fungerar fint på min telefon.",
        "Eva",
    ),
]

# Threads on the brand's own blog. Every comment in this feed has the same generic title, so
# identical texts are identical items by content: three readers' "Bra skrivet!" and Anna Berg's
# templated reply on two threads of the one site. Each is a comment of its own (never merged by
# text): the own threads "svar på kritiken" and "solceller" are answered, "lokal vindkraft" not.
REPLY = (
    "Tack för att du tar upp det! Vi på Fjällkraft återkommer så snart vi vet mer. "
    "Hör gärna av dig till mig direkt."
)
OWN_COMMENTS: list[Post] = [
    Post(
        BLOG_COMMENTS,
        "10-15 10:00",
        f"{BLOG_BASE}/lokal-vindkraft-jamtland/#comment-31",
        "Ny kommentar",
        "Bra skrivet!",
        "Karin",
    ),
    Post(
        BLOG_COMMENTS,
        "10-18 12:00",
        f"{BLOG_BASE}/solceller-villataket/#comment-32",
        "Ny kommentar",
        "Hur lång är väntetiden för installationen?",
        "Sven",
    ),
    Post(
        BLOG_COMMENTS,
        "10-18 15:00",
        f"{BLOG_BASE}/solceller-villataket/#comment-33",
        "Ny kommentar",
        REPLY,
        "Anna Berg",
    ),  # fmt: skip
    Post(
        BLOG_COMMENTS,
        "10-22 12:00",
        f"{BLOG_BASE}/svar-pa-kritiken/#comment-34",
        "Ny kommentar",
        "Bra skrivet!",
        "Maria",
    ),  # fmt: skip
    Post(
        BLOG_COMMENTS,
        "10-22 12:30",
        f"{BLOG_BASE}/svar-pa-kritiken/#comment-35",
        "Ny kommentar",
        "Bra skrivet!",
        "Johan",
    ),  # fmt: skip
    Post(
        BLOG_COMMENTS,
        "10-22 14:00",
        f"{BLOG_BASE}/svar-pa-kritiken/#comment-36",
        "Ny kommentar",
        REPLY,
        "Anna Berg",
    ),  # fmt: skip
]
COMMENTS += OWN_COMMENTS

# The same Dagbladet article again, reached through another feed with a tracking parameter.
DUPLICATE = Post(
    DAGBLADET_EKONOMI,
    "10-15 11:00",
    "https://www.dagbladet.example.se/ekonomi/fjallkraft-vindkraft/?utm_source=rss",
    "Fjällkraft satsar på vindkraft i Jämtland",
    "(TT) " + O1_TEXT.replace("i dag", "på onsdagen"),
    "TT",
)

_SOL_TOPICS = [
    "Solkraft erbjuder nya paneler för radhus och villor",
    "Fråga om Solkraft och deras växelriktare till garaget",
    "Solkraft har bra support tycker jag efter installationen",
    "Hur lång leveranstid har Solkraft på batterier nu",
    "Solkraft och bidraget för grön teknik från staten",
    "Jämförelse mellan Solkraft och andra leverantörer av paneler",
    "Solkraft installerade hos grannen förra veckan",
]


def _solkraft() -> list[Post]:
    """A third brand for alerts: a steady forum baseline, then a burst of complaints on 10-28."""
    posts = []
    day = datetime(2026, 10, 1, tzinfo=UTC)
    n = 0
    while day.date().isoformat() < "2026-10-28":
        per_day = 1 if day.weekday() >= 5 else 2  # quieter weekends, as real forums
        for k in range(per_day):
            n += 1
            text = _SOL_TOPICS[n % len(_SOL_TOPICS)]
            posts.append(
                Post(
                    SOLFORUM,
                    f"{day:%m-%d} {9 + 4 * k:02d}:00",
                    f"https://solforum.example.se/t/{n}",
                    text,
                    f"{text} (tråd {n}).",
                    f"medlem{n % 9}",
                )
            )
        day += timedelta(days=1)
    for k in range(14):
        n += 1
        posts.append(
            Post(
                SOLFORUM,
                f"10-28 {8 + k // 2:02d}:{(k % 2) * 30:02d}",
                f"https://solforum.example.se/t/{n}",
                f"Strömavbrott hos Solkraft igen ({k + 1})",
                f"Strömavbrott i hela kvarteret, Solkraft svarar inte. Katastrof och helt "
                f"oacceptabelt, hemsk service. Inlägg {k + 1}.",
                f"arg{k}",
                "neg",
            )
        )
    return posts


SOLKRAFT_POSTS = _solkraft()

# --- expected components for Fjällkraft in WINDOW, counted by hand -----------------------------
# Owned (7): the blog's three posts in the window (feed), Anna Berg's three comments (person:
#   one on Elbloggen, the templated reply on two own threads), the press room item via the
#   aggregator (domain). Personal: two blog posts + the three comments = 5. The readers'
#   comments on the own blog name no brand: no mentions, but outside comments of its threads.
# Earned (14): Dagbladet 3 (vindkraft copy, solceller copy, kritik TT copy; its duplicate via
#   the economy feed counts once), Kvällsposten 2, Lokaltidningen 2, Elbloggen 4 posts
#   (not Fjällkraftverket) + Per's comment = 5, forum 2.
# Echo (5): three copies of the press release (one only as a copy), the solceller copy, and
#   Elbloggen's "förnybara el till alla". Not: "lokala vindkraftverk", the critical TT copy.
# Agenda: stories with owned and earned items: S1 (owned first), S2 (owned first), S3 (earned
#   first) -> 2/3.
# Dialogue: threads (posts with an outside comment): others' "höjningen" (Anna Berg answered)
#   and "app" (not); own "lokal vindkraft" (not), "solceller" and "svar på kritiken" (answered)
#   -> 3/5; own 2/3, others 1/2.
# Sources of earned: dagbladet 3, kvallsposten 2, lokaltidningen 2, elbloggen 5, forum 2 ->
#   HHI = (9 + 4 + 4 + 25 + 4) / 196.
# Share of voice: 21 / (21 + 3 Nordvind mentions in the window).
# New voices: earned sources in the window with no Fjällkraft mention 10-01..10-14:
#   kvallsposten, lokaltidningen, elbloggen (dagbladet and the forum were there) -> 3.
# Tone as written: pos 2 (Elbloggen's praise, the happy customer), neg 6 (two critical
#   articles, the outage, the angry post, the forum complaint, Per's comment).
EXPECTED = {
    "mentions": 21,
    "owned": 7,
    "earned": 14,
    "owned_share": 7 / 21,
    "echo_rate": 5 / 14,
    "agenda_share": 2 / 3,
    "dialogue_rate": 3 / 5,
    "dialogue_own": 2 / 3,
    "dialogue_others": 1 / 2,
    "dialogue_threads": 5,
    "dialogue_answered": 3,
    # First outside comment to the brand's first reply: 3 h (höjningen), 3 h (solceller),
    # 2 h (svar på kritiken) -> median 3.
    "response_hours": 3.0,
    "net_sentiment": (2 - 6) / 14,
    "hhi": 46 / 196,
    "effective_voices": 196 / 46,
    "share_of_voice": 21 / 24,
    "personal_share": 5 / 7,
    "new_voices": 3,
    "new_voice_sources": [
        "elbloggen.example.se",
        "kvallsposten.example.se",
        "lokaltidningen.example.se",
    ],
}
EXPECTED["control_index"] = (
    100
    * (
        EXPECTED["owned_share"]
        + EXPECTED["echo_rate"]
        + EXPECTED["agenda_share"]
        + EXPECTED["dialogue_rate"]
        + (EXPECTED["net_sentiment"] + 1) / 2
    )
    / 5
)


def _rss(title: str, site: str, posts: list[Post]) -> bytes:
    entries = []
    for p in posts:
        author = f"<dc:creator>{escape(p.author)}</dc:creator>" if p.author else ""
        entries.append(
            f"<item><title>{escape(p.title)}</title><link>{escape(p.link)}</link>"
            f'<guid isPermaLink="false">{escape(p.link)}</guid>'
            f"<pubDate>{format_datetime(_t(p.when))}</pubDate>{author}"
            f"<description>{escape(p.text)}</description></item>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>'
        f"<title>{escape(title)}</title><link>{escape(site)}</link>"
        f"<description>{escape(title)}</description>{''.join(entries)}</channel></rss>"
    ).encode()


FEEDS = {  # path: (title, site, kind, owner)
    BLOG: ("Fjällkraft-bloggen", "https://blogg.fjallkraft.se/", "blog", "Fjällkraft"),
    BLOG_COMMENTS: (
        "Kommentarer till Fjällkraft-bloggen",
        "https://blogg.fjallkraft.se/",
        "blog",  # a comment feed configured as a blog
        None,
    ),
    DAGBLADET: ("Dagbladet", DB, "news", None),
    DAGBLADET_EKONOMI: ("Dagbladet Ekonomi", DB, "news", None),
    KVALLSPOSTEN: ("Kvällsposten", KP, "news", None),
    LOKALTIDNINGEN: ("Lokaltidningen", LT, "news", None),
    PRESSFLODE: ("Pressflödet", "https://pressflode.example.se/", "press", None),
    ELBLOGGEN: ("Elbloggen", "https://elbloggen.example.se/", "blog", None),
    ELBLOGGEN_COMMENTS: (
        "Kommentarer på Elbloggen",
        "https://elbloggen.example.se/",
        "comments",
        None,
    ),
    FORUM: ("Elforum", "https://forum.example.se/", "forum", None),
    SOLFORUM: ("Solforum", "https://solforum.example.se/", "forum", None),
}


def feeds() -> dict[str, bytes]:
    """Every feed document, keyed by its URL path."""
    everything = POSTS + COMMENTS + [DUPLICATE] + SOLKRAFT_POSTS
    return {
        path: _rss(title, site, [p for p in everything if p.feed == path])
        for path, (title, site, _kind, _owner) in FEEDS.items()
    }


def config(base: str) -> str:
    """koll.toml for the world, its feeds served under `base` (e.g. http://127.0.0.1:PORT)."""
    parts = [
        "[storage]",
        'url = "sqlite:///koll.db"',
        "",
        "[[brands]]",
        'name = "Fjällkraft"',
        'aliases = ["Fjällkraft AB", "@fjallkraft"]',
        'exclude = ["Fjällkraftverket"]',
        'owned_domains = ["fjallkraft.se"]',
        'people = ["Anna Berg"]',
        'key_messages = ["förnybar el till alla", "lokal vindkraft"]',
        'competitors = ["Nordvind"]',
        "",
        "[[brands]]",
        'name = "Nordvind"',
        'owned_domains = ["nordvind.se"]',
        "",
        "[[brands]]",
        'name = "Solkraft"',
        "",
    ]
    for path, (_title, _site, kind, owner) in FEEDS.items():
        parts += ["[[feeds]]", f'url = "{base}{path}"', f'kind = "{kind}"']
        if owner:
            parts.append(f'owner = "{owner}"')
        parts.append("")
    return "\n".join(parts)


def write(directory: Path, base: str = "http://127.0.0.1:8000") -> None:
    directory.mkdir(parents=True, exist_ok=True)
    for path, body in feeds().items():
        target = directory / path.lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(body)
    (directory / "koll.toml").write_text(config(base), encoding="utf-8")


if __name__ == "__main__":
    write(Path(sys.argv[1] if len(sys.argv) > 1 else "world"))
