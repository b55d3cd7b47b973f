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


# A subscriber-only article as the site serves it to a crawler: the JSON-LD NewsArticle block
# and a lead paragraph or two, then the subscription box where the article would go on.
PAYWALL_LEAD = (
    "Fjällkraft bygger tolv nya vindkraftverk på kalfjället ovanför Åre, och i byn nedanför är "
    "meningarna delade.",
    "Kommunens miljöchef säger att tillståndsprövningen tog nästan fyra år, och samebyn har "
    "överklagat beslutet till mark- och miljödomstolen.",
)
# The box's own words: none of them is the article's.
PAYWALL_BOX_WORDS = ("Logga in", "prenumerant", "erbjudande", "1 kr")
PAYWALL_BOX = """<div class="{box_class}">
<h2>Det här är en låst artikel</h2>
<p>För att läsa vidare behöver du vara prenumerant. Ta del av vårt erbjudande:
Just nu: 1 kr i 3 månader, avsluta när du vill.</p>
<p><a class="btn" href="/kundservice/erbjudande">Bli prenumerant</a></p>
<p>Redan prenumerant? <a href="/logga-in">Logga in</a></p>
</div>"""


def news_page(
    title: str = "Vindkraft på fjället delar Åre",
    paragraphs: tuple[str, ...] = PAYWALL_LEAD,
    *,
    free: object = None,
    meta_free: str | None = None,
    box_class: str | None = None,
    label: str = "",
) -> str:
    """A news page with a JSON-LD NewsArticle block: `free` is its isAccessibleForFree (left out
    when None), `meta_free` a microdata <meta itemprop="isAccessibleForFree"> content, and
    `box_class` the class of a subscription box after the paragraphs (no box when None)."""
    import json

    ld: dict = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": title,
        "datePublished": "2026-11-20T07:12:00+01:00",
        "author": [{"@type": "Person", "name": "Karin Öberg"}],
        "publisher": {"@type": "Organization", "name": "Fjällbladet"},
    }
    if free is not None:
        ld["isAccessibleForFree"] = free
        if free in (False, "False", "false"):
            ld["hasPart"] = {
                "@type": "WebPageElement",
                "isAccessibleForFree": free,
                "cssSelector": ".article-body--locked",
            }
    meta = f'<meta itemprop="isAccessibleForFree" content="{meta_free}">' if meta_free else ""
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs[1:])
    box = PAYWALL_BOX.format(box_class=box_class) if box_class is not None else ""
    nav = "".join(f'<li><a href="/avdelning/{i}">Menyval {i}</a></li>' for i in range(20))
    return f"""<!DOCTYPE html>
<html lang="sv"><head><meta charset="utf-8">
<title>{escape(title)} | Fjällbladet</title>
<meta property="og:type" content="article">
<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>
</head><body>
<header><a href="/" class="logo">Fjällbladet</a><nav><ul>{nav}</ul></nav></header>
<main><article itemscope itemtype="https://schema.org/NewsArticle">{meta}
<span class="label">{escape(label)}</span>
<h1 itemprop="headline">{escape(title)}</h1>
<p class="byline">Av Karin Öberg, publicerad 20 november 2026</p>
<p class="lead">{escape(paragraphs[0])}</p>
<div class="article-body">{body}</div>
{box}
</article>
<aside class="sidebar"><h2>Mest lästa</h2><ol><li><a href="/n/1">Mest lästa nyhet</a></li></ol></aside>
</main>
<footer><p>Fjällbladet AB, Storgatan 1, Östersund</p></footer>
</body></html>"""
