"""Precise brand matching with real Swedish brand names: every sentence must match, or must not.

Half of the table is sentences that mention the brand (genitives, compounds, capitals, apostrophes,
handles), half look-alikes that must not count (å ä ö as letters, words that are also names,
acronyms inside other words, English words). Each row is a sentence as it could appear in a
Swedish feed.
"""

from __future__ import annotations

import pytest

from analysis.brands import BrandMatcher
from analysis.names import kind_of

B = {
    "Skanska": BrandMatcher.build("Skanska", ["Skanska"], ["skånska"]),
    "Vattenfall": BrandMatcher.build("Vattenfall", ["Vattenfall", "@vattenfall"]),
    "Klarna": BrandMatcher.build("Klarna", ["Klarna"]),
    "Posten": BrandMatcher.build("Posten", ["Posten", "PostNord"]),
    "Stadium": BrandMatcher.build("Stadium", ["Stadium"]),
    "DN": BrandMatcher.build("DN", ["DN", "Dagens Nyheter"]),
    "SJ": BrandMatcher.build("SJ", ["SJ"]),
    "ICA": BrandMatcher.build("ICA", ["ICA"]),
    "IKEA": BrandMatcher.build("IKEA", ["IKEA"]),
    "Volvo": BrandMatcher.build("Volvo", ["Volvo"]),
    "Mercedes": BrandMatcher.build("Mercedes", ["Mercedes-Benz"]),
    "McDonald's": BrandMatcher.build("McDonald's", ["McDonald's"]),
    "Apple": BrandMatcher.build("Apple", ["Apple"]),
    "Getinge": BrandMatcher.build("Getinge", ["Getinge"]),
    "Apollo": BrandMatcher.build("Apollo", ["Apollo"]),
    "Telia": BrandMatcher.build("Telia", ["Telia", "telia.se"]),
    "Tre": BrandMatcher.build("Tre", ["Tre"]),
    "Fjällräven": BrandMatcher.build("Fjällräven", ["Fjällräven", "@fjallraven"]),
}

MUST_MATCH = [
    ("Skanska", "Skanska bygger den nya bron i Göteborg."),
    ("Skanska", "Skanskas vinst steg under kvartalet."),
    ("Skanska", "Aktien i SKANSKA rusade på börsen."),
    ("Vattenfall", "Vattenfall höjer elpriset från januari."),
    ("Vattenfall", "Vattenfalls vd kallades till riksdagen."),
    ("Vattenfall", "Flera Vattenfallskunder fick fel faktura."),
    ("Vattenfall", "Ilska mot @Vattenfall efter strömavbrottet."),
    ("Klarna", "Klarna börsnoteras i New York."),
    ("Klarna", "Klarnas app fick en ny funktion."),
    ("Posten", "Paketet kom aldrig, skriver en kund till Posten."),
    ("Posten", "Postens utdelning halveras på landsbygden."),
    ("Stadium", "Stadium öppnar en ny butik i Umeå."),
    ("DN", "Det skriver DN i en granskning."),
    ("DN", "Enligt DN:s källor avgår ministern."),
    ("DN", "Dagens Nyheter avslöjar nya uppgifter."),
    ("SJ", "SJ:s tåg var försenade i morse."),
    ("SJ", "Ännu ett SJ-tåg stod stilla vid Hallsberg."),
    ("ICA", "ICA:n på hörnet har öppet till tio."),
    ("ICA", "ICA-handlarna protesterar mot nya regler."),
    ("IKEA", "Ikeas varuhus i Kungens kurva stänger tidigt."),
    ("IKEA", "Köp IKEA-möbler billigt på nätet."),
    ("Volvo", "Volvos nya elbil visas i Göteborg."),
    ("Volvo", "Volvo:s försäljning ökade."),
    ("Volvo", "Volvoägare klagar på uppdateringen."),
    ("Volvo", "han köpte en begagnad volvo förra året"),
    ("Mercedes", "Mercedes-Benz:s nya modell rullar ut."),
    ("Mercedes", "En Mercedes Benz körde av vägen."),
    ("McDonald's", "Köerna på McDonald’s ringlade långa."),
    ("McDonald's", "McDonalds höjer priset på hamburgare."),
    ("Apple", "Apple släpper en ny iPhone i höst."),
    ("Apple", "Apple's new iPhone is out."),
    ("Getinge", "Getinges vinst överraskade analytikerna."),
    ("Apollo", "Apolloresenärerna fick vänta på flyget."),
    ("Telia", "Telia har driftstörningar i hela landet."),
    ("Telia", "Läs mer på telia.se/drift om avbrottet."),
    ("Tre", "Kunder hos Tre fick inga sms i går."),
    ("Fjällräven", "Fjällrävens jackor säljer slut."),
    ("Fjällräven", "Tack @fjällräven för en bra kampanj!"),
    ("IKEA", "Vi åkte till Ikea i Kållered."),
    ("Klarna", "Köp nu, betala med Klarna."),
    ("Posten", "Postnord och Posten är samma bolag."),
    ("Stadium", "Hos Stadium finns skorna på rea."),
    ("SJ", "Resenärerna på SJ fick pengarna tillbaka."),
    ("DN", "DN Debatt publicerade artikeln."),
    ("Vattenfall", "VATTENFALL HÖJER PRISET"),
    ("Telia", "Telias vd avgår efter krisen."),
]

MUST_NOT_MATCH = [
    ("Skanska", "Den skånska sommaren var varm."),
    ("Skanska", "Hon pratar skånska med sina barn."),
    ("Vattenfall", "Vi vandrade till vattenfallet i Tännforsen."),
    ("Vattenfall", "Vattenfallet var fruset i januari."),
    ("Vattenfall", "Norge har många vattenfall."),
    ("Klarna", "Det klarnade upp framåt eftermiddagen."),
    ("Klarna", "Klarnade himlen? Ja, till slut."),
    ("Klarna", "Vädret ska klarna under dagen."),
    ("Posten", "Den största posten i budgeten är skolan."),
    ("Stadium", "Sjukdomen upptäcktes i ett tidigt stadium."),
    ("DN", "Felet satt i DNS-servern."),
    ("DN", "Vi fick fel svar från DNS."),
    ("DN", "Hon berättade om dagens nyheter vid middagen."),
    ("SJ", "Det var sjukt bra väder i helgen."),
    ("SJ", "Klockan var SJU när larmet kom."),
    ("ICA", "Bandet ICARUS spelar i kväll."),
    ("IKEA", "ikeamöbler passar inte här"),
    ("Volvo", "Volvox är en grönalg."),
    ("Apple", "We went picking apples in the orchard."),
    ("Apple", "An apple a day keeps the doctor away."),
    ("Getinge", "Getingen stack mig i armen."),
    ("Apollo", "Apollofjärilen är fridlyst."),
    ("Telia", "Vi besökte Italia i somras."),
    ("Tre", "Det tog tre timmar att komma fram."),
    ("Tre", "Treåringen somnade i bilen."),
    ("Fjällräven", "Vi såg en fjällräv på kalfjället."),
    ("Fjällräven", "fjallraven är en kanadensisk låt"),
    ("Posten", "Han fick posten som chef."),
    ("Stadium", "Projektet är i ett tidigt stadium och stadiet därefter."),
    ("McDonald's", "McDonaldisering av samhället."),
    ("Mercedes", "Mercedes Sosa sjöng på festivalen."),
    ("Vattenfall", "Tredje vattenfallets forsar."),
    ("Vattenfall", "Vattenfallen i Norge är höga."),
    ("Vattenfall", "All vattenfallskraft är förnybar."),
    ("DN", "DNA-provet visade släktskap."),
    ("ICA", "Han reste till Amerika och Afrika."),
    ("Tre", "Tredje gången gillt."),
    ("Apple", "Pineapple juice is sold out."),
    ("McDonald's", "Old MacDonald had a farm."),
    ("Klarna", "Klarnar det upp i morgon?"),
    ("Klarna", "Det klarnar snart."),
    ("Skanska", "Skånskan är en dialekt."),
    ("Getinge", "Getingarna surrar kring saften."),
    ("Stadium", "Stadiet efter var svårare."),
    ("SJ", "Hon sjöng SJÖMANSVISOR hela kvällen."),
    ("Fjällräven", "Fjällrävar syns sällan."),
]


def test_the_table_is_large_and_balanced():
    assert len(MUST_MATCH) == len(MUST_NOT_MATCH) >= 30
    assert len(set(MUST_MATCH) | set(MUST_NOT_MATCH)) == len(MUST_MATCH) + len(MUST_NOT_MATCH)


@pytest.mark.parametrize(("brand", "text"), MUST_MATCH)
def test_mentions(brand, text):
    assert B[brand].mentions(text), (brand, text)


@pytest.mark.parametrize(("brand", "text"), MUST_NOT_MATCH)
def test_look_alikes(brand, text):
    assert not B[brand].mentions(text), (brand, text)


def test_exclude_removes_only_the_look_alike():
    """`exclude = ["skånska"]` once removed every Skanska mention (å was folded to a)."""
    m = B["Skanska"]
    text = "Skanska bygger i Malmö, sa han på bred skånska."
    assert m.spans(text) == [(0, 7)]
    nv = BrandMatcher.build("Nordvind", ["Nordvind"], ["nordvinden"])
    assert nv.mentions("Nordvind säger att nordvinden inte stoppar bygget")
    assert not nv.mentions("Nordvinden tar i")


def test_kinds_say_how_a_term_matches():
    assert [kind_of(t) for t in ("@fjallkraft", "fjallkraft.se", "DN", "IKEA", "POST")] == [
        "handle",
        "domain",
        "caps",
        "name",  # four letters, not a word: also Ikea, ikea
        "caps",  # a word in capitals: only POST
    ]
    assert [kind_of(t) for t in ("Vattenfall", "Volvo", "invandring", "Dagens Nyheter")] == [
        "word",
        "name",
        "plain",
        "word",  # every part a word: dagens nyheter is just today's news
    ]


FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Nyheter</title>
{items}
</channel></rss>"""
ITEMS = [
    ("Skanska bygger bron", "Bygget startar i maj."),
    ("Dialekterna", "Hon talar skånska med barnen."),
    ("Elpriset", "Vattenfall höjer priset från januari."),
    ("Utflykt", "Vi badade under vattenfallet i Tännforsen."),
    ("Driftstörning", "Felet låg i DNS-servern, inte hos oss."),
    ("Granskning", "Enligt DN:s granskning avgår ministern."),
    ("Köer", "Köerna på McDonald’s ringlade långa."),
    ("Orchard", "We went picking apples in the orchard."),
]


def test_ingest_stores_only_the_precise_mentions(feed_server, write_config, tmp_path):
    """Through the real path (local HTTP server -> koll ingest -> SQLite): each item counts for
    the brand it names and look-alikes count for none, `exclude = ["skånska"]` included."""
    from sqlalchemy import select

    from koll.cli import main
    from koll.config import load_settings
    from koll.store import Store
    from koll.store.schema import items, mentions

    feed_server.add(
        "/news.xml",
        FEED.format(
            items="\n".join(
                f"<item><title>{t}</title><link>https://n.example.se/{n}</link>"
                f"<description>{d}</description></item>"
                for n, (t, d) in enumerate(ITEMS)
            )
        ),
    )
    config = write_config(f"""
[storage]
url = "sqlite:///{tmp_path / "k.db"}"

[[feeds]]
url = "{feed_server.url("/news.xml")}"

[[brands]]
name = "Skanska"
exclude = ["skånska"]

[[brands]]
name = "Vattenfall"

[[brands]]
name = "DN"

[[brands]]
name = "McDonald's"

[[brands]]
name = "Apple"
""")
    assert main(["ingest", "--config", str(config)]) == 0
    settings = load_settings(config, env={})
    with Store(settings.database_url) as store, store.connect() as conn:
        q = select(items.c.title, mentions.c.brand).join(items, items.c.id == mentions.c.item_id)
        found = sorted(conn.execute(q).all())
    assert found == [
        ("Elpriset", "Vattenfall"),
        ("Granskning", "DN"),
        ("Köer", "McDonald's"),
        ("Skanska bygger bron", "Skanska"),
    ]
