"""Swedish news-article pages with realistic boilerplate, for full-text tests and benchmarks.

A real news page is mostly not the article: scripts, a cookie banner, navigation, "read also"
boxes, a most-read list, comments and a footer. The extractor must keep the article paragraphs
(with å/ä/ö) and drop the rest, so every boilerplate part carries words a test can look for.
"""

from __future__ import annotations

from html import escape

# Sentences of the article body: distinct, Swedish, with å/ä/ö, mentioning a brand.
ARTICLE_SENTENCES = (
    "Fjällkraft bygger tolv nya vindkraftverk på kalfjället ovanför Åre.",
    "Invånarna i byn är kluvna: några välkomnar jobben, andra oroar sig för renskötseln.",
    "Kommunens miljöchef säger att tillståndsprövningen tog nästan fyra år.",
    "Enligt bolaget ska parken ge förnybar el till omkring trettiotusen hushåll.",
    "Samebyns ordförande påpekar att kalvningslanden ligger bara några kilometer bort.",
    "Bygget väntas börja till våren när tjälen har gått ur marken.",
    "Flera företagare på orten hoppas att vägarna som byggs också ska gynna turismen.",
    "Länsstyrelsen har ännu inte tagit ställning till överklagandena.",
)

# Words that appear only in the boilerplate: extracted text must contain none of them.
BOILERPLATE_MARKERS = ("Godkänn kakor", "Mest lästa", "Sidfotslänk", "Dela på Facebook", "Menyval")


def article_page(
    title: str = "Vindkraft på fjället delar Åre",
    paragraphs: int = 8,
    *,
    charset: str = "utf-8",
    script_kb: int = 20,
    nav_links: int = 40,
) -> str:
    """One article page as a string (encode it with `charset`, which the page also declares)."""
    # About 1 KB per 36 calls: the inline analytics most news pages carry.
    script = "var _q=window._q||[];" + "_q.push(['track','view',1]);" * (script_kb * 36)
    nav = "".join(f'<li><a href="/avdelning/{i}">Menyval {i}</a></li>' for i in range(nav_links))
    body = "".join(
        f"<p>{escape(ARTICLE_SENTENCES[i % len(ARTICLE_SENTENCES)])} "
        f"{escape(ARTICLE_SENTENCES[(i + 3) % len(ARTICLE_SENTENCES)])} (stycke {i + 1})</p>"
        for i in range(paragraphs)
    )
    most_read = "".join(
        f'<li><a href="/nyheter/{100 + i}">Mest lästa nyhet nummer {i}</a></li>' for i in range(10)
    )
    footer = "".join(f'<a href="/om/{i}">Sidfotslänk {i}</a> ' for i in range(30))
    return f"""<!DOCTYPE html>
<html lang="sv"><head><meta charset="{charset}">
<title>{escape(title)} | Fjällbladet</title>
<meta name="description" content="Nyheter från fjällen">
<script>{script}</script>
<style>body{{font-family:sans-serif}} .banner{{position:fixed}}</style>
</head><body>
<div class="cookie-banner banner"><p>Vi använder kakor för att sidan ska fungera.</p>
<button>Godkänn kakor</button></div>
<header><a href="/" class="logo">Fjällbladet</a><nav><ul>{nav}</ul></nav></header>
<main>
<article>
<h1>{escape(title)}</h1>
<p class="byline">Av Karin Öberg, publicerad 12 maj 2024</p>
{body}
<aside class="share"><a href="#">Dela på Facebook</a> <a href="#">Dela på X</a></aside>
</article>
<aside class="sidebar"><h2>Mest lästa</h2><ol>{most_read}</ol></aside>
</main>
<footer><p>Fjällbladet AB, Storgatan 1, Östersund</p>{footer}</footer>
</body></html>"""
