"""The dashboard's words in Swedish (default) and English, and Swedish number and date formats."""

from __future__ import annotations

import math
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

STOCKHOLM = ZoneInfo("Europe/Stockholm")
LANGUAGES = ("sv", "en")

# key: (Swedish, English). Swedish is what communication staff read; English is for guests.
WORDS: dict[str, tuple[str, str]] = {
    "tagline": ("kontroll över samtalet", "control over the conversation"),
    "page.overview": ("Översikt", "Overview"),
    "page.mentions": ("Omnämnanden", "Mentions"),
    "page.topics": ("Ämnen", "Topics"),
    "page.sources": ("Källor", "Sources"),
    "page.compare": ("Jämför", "Compare"),
    "filter.brand": ("Varumärke", "Brand"),
    "filter.period": ("Period", "Period"),
    "filter.owned": ("Vems röst", "Whose voice"),
    "owned.all": ("Alla", "All"),
    "owned.owned": ("Egna kanaler", "Owned"),
    "owned.earned": ("Andras röster", "Earned"),
    "period.none": ("ingen data ännu", "no data yet"),
    "no_brands": (
        "Inga varumärken i koll.toml: lägg till [[brands]] och starta om.",
        "No brands in koll.toml: add [[brands]] and restart.",
    ),
    "not_computed": ("inte beräknat ännu", "not computed yet"),
    "unmeasurable": ("kan inte mätas", "cannot be measured"),
    "no_data": ("Inga omnämnanden i perioden", "No mentions in the period"),
    "vs_previous": ("mot föregående period", "vs previous period"),
    "no_previous": ("ingen jämförelse", "no comparison"),
    "updated": ("Uppdaterad", "Updated"),
    "mentions": ("omnämnanden", "mentions"),
    "control_index": ("Kontrollindex", "Control index"),
    "control_index.explain": (
        "0–100: hur mycket av samtalet varumärket själv påverkar, medel av delarna nedan.",
        "0–100: how much of the conversation the brand itself shapes, mean of the parts below.",
    ),
    "components_used": ("Beräknat av", "Computed from"),
    "c.mentions": ("Omnämnanden", "Mentions"),
    "c.mentions.explain": ("Alla inlägg som nämner varumärket.", "All posts naming the brand."),
    "c.owned_share": ("Egen andel", "Owned share"),
    "c.owned_share.explain": (
        "Andel av omnämnandena som kommer från egna kanaler och egna medarbetare.",
        "Share of mentions published by the brand's own channels and people.",
    ),
    "c.echo_rate": ("Eko av budskap", "Message echo"),
    "c.echo_rate.explain": (
        "Andel av andras inlägg som bär minst ett av era nyckelbudskap.",
        "Share of earned posts that carry at least one key message.",
    ),
    "c.agenda_share": ("Först ute", "Agenda setting"),
    "c.agenda_share.explain": (
        "Andel av nyheterna där ni själva var först med att berätta.",
        "Share of stories where the brand published first.",
    ),
    "c.dialogue_rate": ("Dialog", "Dialogue"),
    "c.dialogue_rate.explain": (
        "Andel av kommentarstrådarna med kommentarer från andra där ni svarade, "
        "på era egna kanaler och andras.",
        "Share of comment threads with others' comments where the brand answered, "
        "on its own channels and others'.",
    ),
    "c.net_sentiment": ("Nettoton", "Net tone"),
    "c.net_sentiment.explain": (
        "Positiva minus negativa, delat med alla andras omnämnanden (−1 till +1).",
        "Positive minus negative over all earned mentions (−1 to +1).",
    ),
    "c.effective_voices": ("Antal röster", "Effective voices"),
    "c.effective_voices.explain": (
        "Hur många lika stora källor samtalet motsvarar (1/HHI); högt = många röster.",
        "How many equal-sized sources the conversation amounts to (1/HHI).",
    ),
    "c.share_of_voice": ("Andel av rösterna", "Share of voice"),
    "c.share_of_voice.explain": (
        "Era omnämnanden av alla omnämnanden av er och konkurrenterna.",
        "Your mentions out of those of you and your competitors.",
    ),
    "c.personal_share": ("Personlig röst", "Personal voice"),
    "c.personal_share.explain": (
        "Andel av det egna innehållet som era medarbetare skrivit, inte logotypen.",
        "Share of owned content written by your people, not the logo.",
    ),
    "c.new_voices": ("Nya röster", "New voices"),
    "c.new_voices.explain": (
        "Källor som skrev om er nu men inte under föregående period.",
        "Sources writing about you now that did not in the previous period.",
    ),
    "fig.per_day": ("Omnämnanden per dag", "Mentions per day"),
    "fig.owned_earned": ("Egna kanaler och andras röster", "Owned and earned"),
    "fig.tone": ("Tonläge i andras omnämnanden", "Tone of earned mentions"),
    "fig.tone_over_time": ("Tonläge över tid (andras omnämnanden)", "Tone over time (earned)"),
    "fig.sov": ("Andel av rösterna över tid", "Share of voice over time"),
    "fig.net_tone": ("Nettoton per vecka", "Net tone per week"),
    "fig.top_sources": ("Största källorna", "Top sources"),
    "axis.count": ("antal", "count"),
    "axis.share": ("andel, %", "share, %"),
    "tone.pos": ("Positiv", "Positive"),
    "tone.neu": ("Neutral", "Neutral"),
    "tone.neg": ("Negativ", "Negative"),
    "tone.none": ("Ej bedömd", "Not scored"),
    "alerts": ("Senaste larm", "Latest alerts"),
    "alert.volume": ("Volym", "Volume"),
    "alert.negative": ("Negativ ton", "Negative tone"),
    "alert.term": ("Ord", "Term"),
    "alert.topic": ("Ämne", "Topic"),
    "alerts.none": ("Inga larm i perioden.", "No alerts in the period."),
    "corrected": ("rättad", "corrected"),
    "col.date": ("Datum", "Date"),
    "col.source": ("Källa", "Source"),
    "col.kind": ("Typ", "Kind"),
    "col.title": ("Rubrik", "Title"),
    "col.tone": ("Ton", "Tone"),
    "col.voice": ("Röst", "Voice"),
    "col.lang": ("Språk", "Language"),
    "col.author": ("Skribent", "Author"),
    "col.mentions": ("Omnämnanden", "Mentions"),
    "col.share": ("Andel", "Share"),
    "col.posts": ("Inlägg", "Posts"),
    "col.latest": ("Senaste", "Latest"),
    "col.feed": ("Flöde", "Feed"),
    "col.status": ("Status", "Status"),
    "col.failures": ("Fel i rad", "Failures"),
    "col.error": ("Orsak", "Reason"),
    "col.last_success": ("Senast hämtat", "Last success"),
    "col.brand": ("Varumärke", "Brand"),
    "col.net_tone": ("Nettoton", "Net tone"),
    "col.sov": ("Andel av rösterna", "Share of voice"),
    "col.owned_share": ("Egen andel", "Owned share"),
    "voice.owned": ("egen", "owned"),
    "voice.earned": ("andras", "earned"),
    "m.search": ("Sök i rubrik, text och skribent", "Search title, text and author"),
    "m.sources": ("Källor", "Sources"),
    "m.kinds": ("Typer", "Kinds"),
    "m.tones": ("Ton", "Tone"),
    "m.langs": ("Språk", "Languages"),
    "m.sort": ("Sortering", "Sort"),
    "sort.new": ("Nyast först", "Newest first"),
    "sort.old": ("Äldst först", "Oldest first"),
    "sort.source": ("Källa A–Ö", "Source A–Z"),
    "sort.neg": ("Mest negativa", "Most negative"),
    "sort.pos": ("Mest positiva", "Most positive"),
    "m.prev": ("‹ Föregående", "‹ Previous"),
    "m.next": ("Nästa ›", "Next ›"),
    "m.page": ("Sida {page} av {pages}", "Page {page} of {pages}"),
    "m.count": ("{n} omnämnanden", "{n} mentions"),
    "m.export": ("Ladda ner som CSV", "Download as CSV"),
    "m.open": ("Öppna originalet", "Open the original"),
    "m.saved": (
        "Sparat: tonen för ”{title}” är nu {label}.",
        "Saved: the tone of “{title}” is now {label}.",
    ),
    "m.fix_hint": (
        "Välj rätt ton i listan för att rätta ett omnämnande; rättelsen används när modellen tränas om.",
        "Pick the right tone to correct a mention; corrections are used when the model is retrained.",
    ),
    "m.empty": ("Inga omnämnanden matchar filtret.", "No mentions match the filter."),
    "s.summary": (
        "{sources} källor · {voices} röster i praktiken · {new} nya röster",
        "{sources} sources · {voices} effective voices · {new} new voices",
    ),
    "s.top_sources": ("Vem skriver", "Who writes"),
    "s.top_authors": ("Skribenter", "Authors"),
    "s.owned": ("Egna kanaler i perioden", "Owned channels in the period"),
    "s.owned.none": ("Inga egna inlägg i perioden.", "No owned posts in the period."),
    "s.feeds": ("Flödenas hälsa", "Feed health"),
    "s.feeds.ok": ("Alla {n} flöden hämtas utan fel.", "All {n} feeds are fetched without errors."),
    "s.feeds.bad": ("{bad} av {n} flöden har problem.", "{bad} of {n} feeds have problems."),
    "status.ok": ("ok", "ok"),
    "status.failing": ("fel", "failing"),
    "status.disabled": ("avstängt", "disabled"),
    "status.gone": ("borttaget", "gone"),
    "status.never": ("ej hämtat än", "not fetched yet"),
    "c.summary": ("Jämförelse i perioden", "Comparison in the period"),
    "c.no_competitors": (
        "Inga konkurrenter angivna för {brand} (competitors i koll.toml).",
        "No competitors configured for {brand} (competitors in koll.toml).",
    ),
    "t.topics": ("Ämnen", "Topics"),
    "t.rising": ("Ord på uppgång", "Rising terms"),
    "t.stories": ("Största nyheterna", "Biggest stories"),
    "t.examples": ("Exempel", "Examples"),
    "t.not_computed": (
        "Ämnen och trendord har inte beräknats ännu (kör koll analyse).",
        "Topics and rising terms have not been computed yet (run koll analyse).",
    ),
    "t.none": ("Inga ämnen i perioden.", "No topics in the period."),
    "t.no_rising": ("Inga ord på uppgång i perioden.", "No rising terms in the period."),
    "t.no_stories": (
        "Inga nyheter med flera artiklar i perioden.",
        "No multi-item stories in the period.",
    ),
    "t.computed_for": (
        "Ämnen beräknade för {since} – {until}.",
        "Topics computed for {since} – {until}.",
    ),
    "col.term": ("Ord", "Term"),
    "col.now": ("Nu", "Now"),
    "col.before": ("Före", "Before"),
    "col.ratio": ("Ökning", "Rise"),
    "t.rising.explain": (
        "Ord som förekommer klart oftare i perioden än under perioden före (minst 14 dagar).",
        "Terms clearly more frequent in the period than in the one before (at least 14 days).",
    ),
    "col.story": ("Nyhet", "Story"),
    "col.items": ("Artiklar", "Items"),
    "col.first": ("Först", "First"),
    "refresh": ("Uppdateras automatiskt var {s}:e sekund.", "Refreshes every {s} seconds."),
    "export.print": ("Skriv ut eller spara som PDF", "Print or save as PDF"),
}


def t(key: str, lang: str = "sv", **kw) -> str:
    """The text for `key` in `lang`; a missing key shows itself, so a gap is visible not fatal."""
    pair = WORDS.get(key)
    text = key if pair is None else pair[1 if lang == "en" else 0]
    return text.format(**kw) if kw else text


def number(x: float | int | None, decimals: int = 0, lang: str = "sv") -> str:
    """1234567.8 -> '1 234 567,8' (Swedish: narrow no-break space for thousands, decimal comma)."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    text = f"{x:,.{decimals}f}"
    if lang == "en":
        return text
    return text.replace(",", "\u202f").replace(".", ",")


def percent(x: float | None, decimals: int = 0, lang: str = "sv") -> str:
    """0.253 -> '25 %' (Swedish puts a space before the percent sign)."""
    if x is None:
        return "–"
    return (
        f"{number(100 * x, decimals, lang)}\u00a0%" if lang != "en" else f"{100 * x:.{decimals}f}%"
    )


def signed(x: float | None, decimals: int = 0, lang: str = "sv", suffix: str = "") -> str:
    """A change with its sign: +3, −0,12 (a real minus sign, easier to read than a hyphen)."""
    if x is None:
        return "–"
    sign = "+" if x > 0 else ("\u2212" if x < 0 else "±")
    return f"{sign}{number(abs(x), decimals, lang)}{suffix}"


def local_time(dt: datetime | None, lang: str = "sv") -> str:
    """Naive-UTC database time -> 'YYYY-MM-DD HH:MM' in Europe/Stockholm."""
    if dt is None or (isinstance(dt, float) and math.isnan(dt)):
        return "–"
    if isinstance(dt, str):
        dt = datetime.fromisoformat(dt)
    if hasattr(dt, "to_pydatetime"):
        dt = dt.to_pydatetime()
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.astimezone(STOCKHOLM).strftime("%Y-%m-%d %H:%M")
