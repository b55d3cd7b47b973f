"""The dashboard's words in Swedish (default) and English, and Swedish number and date formats."""

from __future__ import annotations

import math
from datetime import datetime
from typing import Any

from analysis.wording import NAMES

LANGUAGES = ("sv", "en")

# key: (Swedish, English). Swedish is what communication staff read; English is for guests.
WORDS: dict[str, tuple[str, str]] = {
    # the control components are named as in the report, digests and alerts
    **{f"c.{k}": v for k, v in NAMES.items()},
    "tagline": ("kontroll över samtalet", "control over the conversation"),
    "page.overview": ("Översikt", "Overview"),
    "page.mentions": ("Omnämnanden", "Mentions"),
    "page.topics": ("Ämnen", "Topics"),
    "page.sources": ("Källor", "Sources"),
    "page.compare": ("Jämför", "Compare"),
    "page.dialogue": ("Dialog", "Dialogue"),
    "filter.brand": ("Varumärke", "Brand"),
    "filter.period": ("Period", "Period"),
    "filter.owned": ("Vems röst", "Whose voice"),
    "owned.all": ("Alla", "All"),
    "owned.owned": ("Egna kanaler", "Owned"),
    "owned.earned": ("Andras röster", "Earned"),
    "period.none": ("ingen data ännu", "no data yet"),
    "nav.label": ("sidor", "pages"),
    "period.from": ("från", "from"),
    "period.to": ("till", "to"),
    "404.title": ("Sidan finns inte", "Page not found"),
    "404.text": (
        "Adressen leder inte till någon sida i koll. Kanske ändrades länken?",
        "The address does not lead to a page in koll. Perhaps the link changed?",
    ),
    "404.home": ("Till översikten", "To the overview"),
    "no_brands": (
        "Inga varumärken i koll.toml: lägg till [[brands]] och starta om.",
        "No brands in koll.toml: add [[brands]] and restart.",
    ),
    "not_computed": ("inte beräknat ännu", "not computed yet"),
    "unmeasurable": ("kan inte mätas", "cannot be measured"),
    "brand.unknown": (
        "Okänt varumärke ”{asked}”; visar {brand}.",
        "Unknown brand “{asked}”; showing {brand}.",
    ),
    "period.refused": (
        "Ogiltigt {end} ”{asked}”: skriv ett datum ÅÅÅÅ-MM-DD från {first} till {last}. "
        "Visar {shown}.",
        "Invalid {end} “{asked}”: write a date YYYY-MM-DD from {first} to {last}. Showing {shown}.",
    ),
    "period.swapped": (
        "Startdatumet {since} ligger efter slutdatumet {until}; visar {shown}.",
        "The start date {since} is after the end date {until}; showing {shown}.",
    ),
    "period.future": (
        "Startdatumet {since} ligger efter i dag ({today}); visar {shown}.",
        "The start date {since} is after today ({today}); showing {shown}.",
    ),
    "period.until_future": (
        "Slutdatumet {until} ligger efter i dag ({today}); visar {shown}.",
        "The end date {until} is after today ({today}); showing {shown}.",
    ),
    "url.repeated": (
        "Adressen anger flera värden för {name} ({values}); använder det första, {first}.",
        "The address gives several values for {name} ({values}); using the first, {first}.",
    ),
    "filter.unknown.one": (
        "Okänt värde för {name} i adressen: {values}{valid}; det används inte i urvalet.",
        "Unknown value for {name} in the address: {values}{valid}; it is not used.",
    ),
    "filter.unknown": (
        "Okända värden för {name} i adressen: {values}{valid}; de används inte i urvalet.",
        "Unknown values for {name} in the address: {values}{valid}; they are not used.",
    ),
    "filter.valid": (" (giltiga: {values})", " (valid: {values})"),
    "param.src": ("källa", "source"),
    "param.kind": ("typ", "kind"),
    "param.tone": ("ton", "tone"),
    "param.mlang": ("språk", "language"),
    "param.triage": ("åtgärd", "action"),
    "param.brand": ("varumärke", "brand"),
    "param.since": ("startdatum", "start date"),
    "param.until": ("slutdatum", "end date"),
    "param.owned": ("Vems röst", "Whose voice"),
    "param.ui": ("språk", "language"),
    "param.q": ("sökord", "search"),
    "param.sort": ("sortering", "sort order"),
    "param.story": ("nyhet", "story"),
    "param.page": ("sida", "page"),
    "period.end.since": ("startdatum", "start date"),
    "period.end.until": ("slutdatum", "end date"),
    "no_data": ("Inga omnämnanden i perioden", "No mentions in the period"),
    # Above the cards of a period with no mentions: every card says "kan inte mätas", and why.
    "no_data.range": (
        "Inga omnämnanden av {brand} i perioden: data finns {first} – {last}.",
        "No mentions of {brand} in the period: data runs from {first} to {last}.",
    ),
    "no_data.none": (
        "Inga omnämnanden av {brand} ännu: de kommer med nästa körning av koll ingest.",
        "No mentions of {brand} yet: they come with the next run of koll ingest.",
    ),
    # Tone is only measured on others' (earned) mentions: with "Egna kanaler" chosen there is none.
    "no_earned": (
        "Tonen mäts i andras omnämnanden – inga sådana i urvalet",
        "Tone is measured on earned mentions – none selected",
    ),
    # What the "Vems röst" filter does not change on a page (shown only while it is set).
    "owned.note.overview": (
        "Vems röst gäller diagrammen och antalet ovan; kontrollmåtten och larmen räknas alltid "
        "på alla omnämnanden.",
        "Whose voice applies to the charts and the count above; the control measures and the "
        "alerts always count all mentions.",
    ),
    "owned.note.compare": (
        "Vems röst gäller diagrammen och antalet omnämnanden; kontrollmåtten i tabellen (Andel "
        "av rösterna, Egen andel, Nettoton) räknas alltid på alla omnämnanden.",
        "Whose voice applies to the charts and the number of mentions; the control measures in "
        "the table (share of voice, owned share, net tone) always count all mentions.",
    ),
    "owned.note.dialogue": (
        "Vems röst gäller inte Dialog: sidan visar alltid trådar både i egna kanaler och hos andra.",
        "Whose voice does not apply to Dialogue: it always shows threads on owned and other "
        "channels.",
    ),
    "owned.note.topics": (
        "Vems röst gäller inte Ämnen: ämnen, ord på uppgång och nyheter räknas alltid på alla "
        "omnämnanden.",
        "Whose voice does not apply to Topics: topics, rising terms and stories always count all "
        "mentions.",
    ),
    "owned.note.sources": (
        "Röster i praktiken och nya röster räknas på andras omnämnanden och visas inte när bara "
        "egna kanaler är valda.",
        "Effective and new voices count earned mentions and are not shown when only owned "
        "channels are chosen.",
    ),
    "vs_previous": ("mot föregående period", "vs previous period"),
    "no_previous": ("ingen jämförelse", "no comparison"),
    "vs_window": ("mot {since} – {until}", "vs {since} – {until}"),
    "vs_previous_short": ("mot förra perioden", "vs the previous period"),
    "verdict.good": ("bra för kontrollen", "good for control"),
    "verdict.bad": ("sämre för kontrollen", "worse for control"),
    "verdict.neutral": ("varken bättre eller sämre för kontrollen", "neither better nor worse"),
    "driver.none": (
        "Ingen av delarna flyttade indexet nämnvärt.",
        "No component moved the index noticeably.",
    ),
    "driver.sentence": (
        "Störst påverkan: {main} ({points} poäng i indexet).",
        "Biggest effect: {main} ({points} index points).",
    ),
    "driver.sentence.one": (
        "Störst påverkan: {main} ({points} poäng i indexet).",
        "Biggest effect: {main} ({points} index point).",
    ),
    "driver.moved": (
        "{name} {verb} från {before} till {after}",
        "{name} {verb} from {before} to {after}",
    ),
    "driver.rose": ("steg", "rose"),
    "driver.fell": ("föll", "fell"),
    "driver.entered": ("{name} kan mätas nu: {after}", "{name} can be measured now: {after}"),
    "driver.left": (
        "{name} kan inte mätas i perioden, var {before}",
        "{name} cannot be measured in the period, was {before}",
    ),
    "driver.unanswered": ("{n} obesvarade trådar", "{n} unanswered threads"),
    "driver.unanswered.one": ("1 obesvarad tråd", "1 unanswered thread"),
    "compare.empty_since": (
        "Ingen jämförelse: data finns från {first}, så perioden före ({since} – {until}) är tom.",
        "No comparison: data starts on {first}, so the period before ({since} – {until}) is empty.",
    ),
    "compare.empty": (
        "Ingen jämförelse: inga omnämnanden i perioden före ({since} – {until}).",
        "No comparison: no mentions in the period before ({since} – {until}).",
    ),
    "c.owned_share.the": ("Den egna andelen", "The owned share"),
    "c.echo_rate.the": ("Ekot av budskapen", "The message echo"),
    "c.agenda_share.the": ("Andelen nyheter där ni var först", "The agenda share"),
    "c.dialogue_rate.the": ("Dialogen", "The dialogue rate"),
    "c.net_sentiment.the": ("Nettotonen", "The net tone"),
    "updated": ("Uppdaterad", "Updated"),
    "mentions": ("omnämnanden", "mentions"),
    "mention": ("omnämnande", "mention"),
    "control_index": ("Kontrollindex", "Control index"),
    "control_index.explain": (
        "0–100: hur mycket av samtalet varumärket själv påverkar; ett medelvärde av delarna i "
        "”Beräknat på”.",
        "0–100: how much of the conversation the brand itself shapes; a mean of the parts in "
        "“Computed from”.",
    ),
    "components_used": ("Beräknat på", "Computed from"),
    "c.mentions.explain": ("Alla inlägg som nämner varumärket.", "All posts naming the brand."),
    "c.owned_share.explain": (
        "Andel av omnämnandena som kommer från egna kanaler och egna medarbetare.",
        "Share of mentions published by the brand's own channels and people.",
    ),
    "c.echo_rate.explain": (
        "Andel av andras inlägg som bär minst ett av era nyckelbudskap.",
        "Share of earned posts that carry at least one key message.",
    ),
    "c.agenda_share.explain": (
        "Av nyheterna där både ni och andra skrev: andelen där ni var först med att berätta.",
        "Of the stories where both the brand and others wrote: the share the brand published first.",
    ),
    "c.dialogue_rate.explain": (
        "Andel av kommentarstrådarna med kommentarer från andra där ni svarade, "
        "på era egna kanaler och andras.",
        "Share of comment threads with others' comments where the brand answered, "
        "on its own channels and others'.",
    ),
    "c.net_sentiment.explain": (
        "Positiva minus negativa, delat med alla andras omnämnanden (−1 till +1).",
        "Positive minus negative over all earned mentions (−1 to +1).",
    ),
    "c.effective_voices.explain": (
        "Hur många lika stora källor andras omnämnanden motsvarar (1/HHI); högt = många röster.",
        "How many equal-sized sources the earned mentions amount to (1/HHI).",
    ),
    "c.share_of_voice.explain": (
        "Era omnämnanden av alla omnämnanden av er och konkurrenterna.",
        "Your mentions out of those of you and your competitors.",
    ),
    "c.personal_share.explain": (
        "Andel av det egna innehållet som era medarbetare skrivit, inte logotypen.",
        "Share of owned content written by your people, not the logo.",
    ),
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
    "axis.day": ("dag", "day"),
    "axis.week": ("vecka", "week"),
    "axis.mentions": ("omnämnanden", "mentions"),
    "axis.net_tone": ("nettoton (−1 till +1)", "net tone (−1 to +1)"),
    "week": ("v. {n}", "week {n}"),
    "week.year": ("v. {n} {year}", "week {n} {year}"),
    # A week the period cuts: its days in the period ("v. 45 (3 d)"), and which in the hover.
    "week.partial": ("{week} ({n} d)", "{week} ({n} d)"),
    "week.partial.hover": ("{week} – delvecka: {days}", "{week} – part week: {days}"),
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
    "alerts.open": ("Visa omnämnandena larmet gäller", "Show the mentions the alert is about"),
    "alerts.open.word": (
        "Sök larmets ord bland dagens omnämnanden (larmet räknar lite annorlunda, så antalet "
        "kan skilja sig)",
        "Search the alert's word in the day's mentions (the alert counts a little differently, "
        "so the number may differ)",
    ),
    "corrected": ("rättad", "corrected"),
    "tone.unsure": ("osäker", "uncertain"),
    "tone.unsure.help": (
        "Modellen är mindre än 70 % säker på tonen; sådana bedömningar är fel ungefär fyra "
        "gånger av tio. Rätta gärna.",
        "The model is less than 70% sure of the tone; such labels are wrong about four times "
        "in ten. Correct it if you can.",
    ),
    # Where "Mest negativa" / "Mest positiva" runs out of mentions of that tone.
    "m.tone_end.neg": (
        "Inga fler negativa omnämnanden – därefter övriga efter ton",
        "No more negative mentions – the rest follow by tone",
    ),
    "m.tone_end.pos": (
        "Inga fler positiva omnämnanden – därefter övriga efter ton",
        "No more positive mentions – the rest follow by tone",
    ),
    "m.tone_none.neg": (
        "Inga negativa omnämnanden i urvalet – övriga efter ton",
        "No negative mentions in the selection – the rest by tone",
    ),
    "m.tone_none.pos": (
        "Inga positiva omnämnanden i urvalet – övriga efter ton",
        "No positive mentions in the selection – the rest by tone",
    ),
    "m.estimated": ("datum uppskattat", "date estimated"),
    "m.estimated.help": (
        "Flödet angav inget datum: detta är när koll först såg inlägget.",
        "The feed gave no date: this is when koll first saw the post.",
    ),
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
    "m.count.one": ("{n} omnämnande", "{n} mention"),
    "m.count_more": ("Fler än {n} omnämnanden", "More than {n} mentions"),
    "m.page_of_many": ("Sida {page}", "Page {page}"),
    "m.export": ("Ladda ner som CSV", "Download as CSV"),
    "m.open": ("Öppna originalet", "Open the original"),
    "m.saved": (
        "Sparat: tonen för ”{title}” är nu {label}.",
        "Saved: the tone of “{title}” is now {label}.",
    ),
    "m.readonly": (
        "Inte sparat: databasen är skrivskyddad för den här användaren. Be den som sköter koll "
        "om skrivrätt.",
        "Not saved: this user may only read the database. Ask whoever runs koll for write access.",
    ),
    "m.not_saved.busy": (
        "Inte sparat: databasen är upptagen (en annan koll-process skriver till den), försök "
        "igen om en stund.",
        "Not saved: the database is busy (another koll process is writing to it); try again in "
        "a moment.",
    ),
    "m.not_saved.replaced": (
        "Inte sparat: databasfilen har bytts ut sedan koll serve startade (till exempel av koll "
        "demo), så inget skrevs till den. Starta om koll serve och ladda sedan om sidan.",
        "Not saved: the database file was replaced since koll serve started (by koll demo, for "
        "one), so nothing was written to it. Restart koll serve, then reload the page.",
    ),
    "m.not_saved.failed": (
        "Inte sparat: databasen tog inte emot ändringen. Försök igen; kvarstår felet, se "
        "serverloggen.",
        "Not saved: the database did not take the change. Try again; if it persists, see the "
        "server log.",
    ),
    "m.fix_hint": (
        "Välj rätt ton i listan för att rätta ett omnämnande; rättelsen används när modellen tränas om.",
        "Pick the right tone to correct a mention; corrections are used when the model is retrained.",
    ),
    "m.empty": ("Inga omnämnanden matchar filtret.", "No mentions match the filter."),
    "m.untitled": ("(utan rubrik)", "(untitled)"),
    "m.triage": ("Åtgärd", "Action"),
    "m.triaged.todo": ("Sparat: ”{title}” behöver åtgärd.", "Saved: “{title}” needs action."),
    "m.triaged.handled": ("Sparat: ”{title}” är hanterad.", "Saved: “{title}” is handled."),
    "m.triaged.none": (
        "Sparat: ”{title}” är inte längre markerad.",
        "Saved: “{title}” is no longer marked.",
    ),
    "m.story_only": (
        "Visar omnämnandena i en nyhet.",
        "Showing the mentions of one story.",
    ),
    "m.story_all": ("Visa alla omnämnanden", "Show all mentions"),
    "triage.todo": ("behöver åtgärd", "needs action"),
    "triage.handled": ("hanterad", "handled"),
    "triage.none": ("omarkerad", "unmarked"),
    "col.triage": ("Åtgärd", "Action"),
    "dd.select_all": ("Välj alla", "Select all"),
    "dd.deselect_all": ("Avmarkera alla", "Deselect all"),
    # The dropdown fills in the number itself, so no form can follow it ("1 valda").
    "dd.selected_count": ("Valda: {num_selected}", "Selected: {num_selected}"),
    "dd.search": ("Sök", "Search"),
    "dd.clear_search": ("Rensa sökningen", "Clear search"),
    "dd.clear_selection": ("Rensa valen", "Clear selection"),
    "dd.no_options_found": ("Inga val matchar", "No options found"),
    "s.sources": ("{n} källor", "{n} sources"),
    "s.sources.one": ("{n} källa", "{n} source"),
    "s.voices": ("{n} röster i praktiken", "{n} effective voices"),
    "s.voices.none": ("röster i praktiken: kan inte mätas", "effective voices: cannot be measured"),
    "new_voices.all_new": (
        "perioden före saknar omnämnanden: alla källor med andras omnämnanden räknas som nya",
        "the period before has no mentions: every source of earned mentions counts as new",
    ),
    "s.new_voices": ("{n} nya röster", "{n} new voices"),
    "s.new_voices.one": ("{n} ny röst", "{n} new voice"),
    "s.top_sources": ("Vem skriver", "Who writes"),
    "s.top_authors": ("Skribenter", "Authors"),
    "s.owned": ("Egna kanaler i perioden", "Owned channels in the period"),
    "s.owned.none": ("Inga egna inlägg i perioden.", "No owned posts in the period."),
    "s.owned.more": (
        "De 15 största visas; {n} till finns under Omnämnanden (Egna kanaler).",
        "The 15 largest are shown; {n} more are under Mentions (Owned).",
    ),
    "s.owned.more.one": (
        "De 15 största visas; {n} till finns under Omnämnanden (Egna kanaler).",
        "The 15 largest are shown; {n} more is under Mentions (Owned).",
    ),
    "kind.blog": ("blogg", "blog"),
    "kind.news": ("nyheter", "news"),
    "kind.comments": ("kommentarer", "comments"),
    "kind.forum": ("forum", "forum"),
    "kind.press": ("press", "press"),
    "kind.social": ("sociala medier", "social"),
    "s.feeds": ("Flödenas hälsa", "Feed health"),
    # A feed's last error by kind (dashboard/feed_errors.py); the stored message on hover.
    "feed.err.tls": ("Säker anslutning (TLS) misslyckades", "Secure connection (TLS) failed"),
    "feed.err.dns": ("Adressen hittades inte (DNS)", "Host name not found (DNS)"),
    "feed.err.refused": ("Servern tar inte emot anslutningar", "The server refuses connections"),
    "feed.err.unreachable": ("Servern går inte att nå", "The server cannot be reached"),
    "feed.err.connect": ("Kan inte ansluta till servern", "Cannot connect to the server"),
    "feed.err.timeout": ("Servern svarade inte i tid", "The server did not answer in time"),
    "feed.err.http429": (
        "För många anrop: servern ber oss vänta (HTTP 429)",
        "Too many requests: the server asks us to wait (HTTP 429)",
    ),
    "feed.err.gone": ("Flödet är borttaget (HTTP 410)", "The feed was removed (HTTP 410)"),
    "feed.err.not_found": ("Flödet finns inte (HTTP 404)", "The feed is not there (HTTP 404)"),
    "feed.err.forbidden": (
        "Servern nekar åtkomst (HTTP {code})",
        "The server denies access (HTTP {code})",
    ),
    "feed.err.server": ("Fel hos servern (HTTP {code})", "Server error (HTTP {code})"),
    "feed.err.redirects": ("Felaktig vidarebefordran", "Broken redirect"),
    "feed.err.http": (
        "Servern svarade med fel (HTTP {code})",
        "The server answered with an error (HTTP {code})",
    ),
    "feed.err.too_large": ("Svaret är för stort", "The response is too large"),
    "feed.err.html": (
        "En webbsida, inte ett flöde (hitta flödet med koll discover)",
        "A web page, not a feed (find its feed with koll discover)",
    ),
    "feed.err.empty": ("Tomt svar", "Empty response"),
    "feed.err.not_feed": ("Inte ett läsbart flöde (RSS/Atom)", "Not a readable feed (RSS/Atom)"),
    "feed.err.xml": ("Flödet avvisades av säkerhetsskäl", "The feed was refused for safety"),
    "feed.err.broken": ("Svaret avbröts eller var trasigt", "The response was cut off or broken"),
    "feed.err.bad_url": ("Ogiltig adress", "Invalid address"),
    "feed.err.internal": ("Internt fel i koll", "Internal error in koll"),
    "s.feeds.ok": ("Alla {n} flöden hämtas utan fel.", "All {n} feeds are fetched without errors."),
    "s.feeds.ok.one": ("Flödet hämtas utan fel.", "The feed is fetched without errors."),
    "s.feeds.bad": ("{bad} av {n} flöden har problem.", "Problems with {bad} of {n} feeds."),
    "s.feeds.bad.one": ("Flödet har problem.", "The feed has problems."),
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
    "t.none": ("Inga ämnen i perioden.", "No topics in the period."),
    "t.no_rising": ("Inga ord på uppgång i perioden.", "No rising terms in the period."),
    "t.no_stories": (
        "Inga nyheter med flera artiklar i perioden.",
        "No multi-item stories in the period.",
    ),
    "t.computing": (
        "Ämnena för {since} – {until} tas fram … (några sekunder)",
        "Finding the topics of {since} – {until} … (a few seconds)",
    ),
    "t.sampled": (
        "Ämnen för {since} – {until}, funna i ett slumpurval av {n} omnämnanden; "
        "antalen är uppskattade därifrån.",
        "Topics of {since} – {until}, found in a random sample of {n} mentions; "
        "the counts are estimated from it.",
    ),
    "col.term": ("Ord", "Term"),
    "col.now": ("Nu", "Now"),
    "col.before": ("Före", "Before"),
    "col.ratio": ("Ökning", "Rise"),
    # A topic's or rising term's count is not a word search's: the link says it is a search.
    "t.search": ("Sök ”{term}” bland omnämnandena ›", "Search “{term}” in the mentions ›"),
    "t.search.topic": (
        "Omnämnanden med ordet ”{term}”. Ämnets antal kommer från ämnesmodellen och kan skilja sig.",
        "Mentions containing “{term}”. The topic's count comes from the topic model and may differ.",
    ),
    "t.search.term": (
        "Omnämnanden med ordet ”{term}”, även kommentarer vars rubrik citerar inlägget; "
        "Nu räknar inte kommentarernas rubriker och kan därför vara lägre.",
        "Mentions containing “{term}”, also comments whose title quotes the post; Now does not "
        "count comment titles and may be lower.",
    ),
    "t.new": ("ny", "new"),  # a rising term with no mentions before: a ratio over 0 means nothing
    "t.rising.explain": (
        "Ord som förekommer klart oftare i perioden än under perioden före (minst 14 dagar).",
        "Terms clearly more frequent in the period than in the one before (at least 14 days).",
    ),
    "col.story": ("Nyhet", "Story"),
    "col.items": ("Artiklar", "Items"),
    "col.first": ("Först", "First"),
    "col.first_source": ("Först ute", "First source"),
    "col.brand_first": ("Ni först?", "Brand first?"),
    "t.first_none": ("inget eget inlägg i nyheten", "no post of the brand's own in the story"),
    "yes": ("ja", "yes"),
    "no": ("nej", "no"),
    "t.story_tone": ("{pos} och {neg} av {n}", "{pos} and {neg} of {n}"),
    "t.story_pos": ("{n} positiva", "{n} positive"),
    "t.story_pos.one": ("{n} positivt", "{n} positive"),
    "t.story_neg": ("{n} negativa", "{n} negative"),
    "t.story_neg.one": ("{n} negativt", "{n} negative"),
    "n.mentions": ("{n} omnämnanden", "{n} mentions"),
    "n.mentions.one": ("{n} omnämnande", "{n} mention"),
    "t.stories.explain": (
        "Nyheter som flera källor bar. Ton: nettoton bland omnämnandena. Klicka för att se dem.",
        "Stories carried by several sources. Tone: net tone of their mentions. Click to see them.",
    ),
    "d.summary": (
        "Ni svarade i {answered} av {threads} kommentarstrådar ({rate}).",
        "You answered in {answered} of {threads} comment threads ({rate}).",
    ),
    "d.summary.one": (
        "Ni svarade i {answered} av {threads} kommentarstråd ({rate}).",
        "You answered in {answered} of {threads} comment thread ({rate}).",
    ),
    "d.split": (
        "Egna kanaler: {own} · andras kanaler: {others}.",
        "Own channels: {own} · others' channels: {others}.",
    ),
    "d.no_part": ("inga trådar", "no threads"),
    "d.response": ("Mediantid till svar: {time}.", "Median time to an answer: {time}."),
    "d.response.none": ("Ingen svarstid att mäta i perioden.", "No response time in the period."),
    "d.no_threads": (
        "Inga kommentarstrådar med kommentarer från andra i perioden. koll ser bara trådar vars "
        "kommentarsflöden följs: den som sköter koll kan lägga till dem (koll discover hittar dem).",
        "No comment threads with others' comments in the period. koll only sees threads whose "
        "comment feeds it follows: whoever runs koll can add them (koll discover finds them).",
    ),
    "d.all_answered": (
        "Alla trådar i perioden är besvarade.",
        "Every thread in the period is answered.",
    ),
    "d.unanswered": ("Obesvarade trådar ({n})", "Unanswered threads ({n})"),
    "d.explain": (
        "Era egna kanaler först, sedan den senaste kommentaren först.",
        "Your own channels first, then the latest comment first.",
    ),
    "d.shown": ("Visar de {shown} första av {n}.", "Showing the first {shown} of {n}."),
    "d.owned": ("Egen kanal", "Own channel"),
    "d.earned": ("Andras kanal", "Others' channel"),
    "d.comments.one": ("1 kommentar från andra", "1 comment from others"),
    "d.comments": ("{n} kommentarer från andra", "{n} comments from others"),
    "d.latest": ("Senaste kommentaren", "Latest comment"),
    "d.open": ("Svara i tråden", "Answer in the thread"),
    "d.untitled": ("(utan rubrik)", "(untitled)"),
    "refresh": ("Uppdateras automatiskt var {s}:e sekund.", "Refreshes every {s} seconds."),
    "export.print": ("Skriv ut eller spara som PDF", "Print or save as PDF"),
}


# The keyword holding the count that a text's noun agrees with, where it is not `n`.
_COUNTED_BY = {"d.summary": "threads", "driver.sentence": "points"}


def counted_by(key: str) -> str:
    """The keyword of t(key, ...) whose count picks the key's `.one` text."""
    return _COUNTED_BY.get(key, "n")


def _is_one(v: object) -> bool:
    """A count of exactly one, as a number or as number() and signed() write it ("1", "+1")."""
    if isinstance(v, str):
        return v.lstrip("+\u2212-") == "1"
    return isinstance(v, int | float) and abs(v) == 1


def t(key: str, lang: str = "sv", **kw) -> str:
    """The text for `key` in `lang`; a missing key shows itself, so a gap is visible not fatal.
    A count of one picks the key's `.one` text where there is one: the pages pass counts to t()
    too, and "Alla 1 flöden" was shown of a single feed."""
    one = f"{key}.one"
    if one in WORDS and _is_one(kw.get(counted_by(key))):
        key = one
    pair = WORDS.get(key)
    text = key if pair is None else pair[1 if lang == "en" else 0]
    return text.format(**kw) if kw else text


def tn(key: str, n: float | int | None, lang: str = "sv", **kw) -> str:
    """t() with a count, written as a number: the `key.one` text for one ("1 källa")."""
    return t(key, lang, n=number(n, 0, lang), **kw)


def dropdown_labels(lang: str = "sv") -> Any:  # dcc.Dropdown.Labels, built from its keys
    """The texts dcc.Dropdown shows itself ("Search", "Select All", ...) in the UI's language."""
    keys = ("select_all", "deselect_all", "selected_count", "search", "clear_search",
            "clear_selection", "no_options_found")  # fmt: skip
    return {k: t(f"dd.{k}", lang) for k in keys}


# Languages of mentions (ISO 639-1 as the language detector writes them), named for the filter.
LANGUAGE_NAMES = {
    "sv": ("svenska", "Swedish"),
    "en": ("engelska", "English"),
    "no": ("norska", "Norwegian"),
    "nb": ("norska (bokmål)", "Norwegian Bokmål"),
    "nn": ("nynorska", "Norwegian Nynorsk"),
    "da": ("danska", "Danish"),
    "fi": ("finska", "Finnish"),
    "de": ("tyska", "German"),
    "fr": ("franska", "French"),
    "es": ("spanska", "Spanish"),
    "und": ("okänt", "unknown"),
}


def language_name(code, lang: str = "sv") -> str:
    """A mention's language code as a word ("sv" -> "svenska"); an unlisted code as it is."""
    pair = LANGUAGE_NAMES.get(str(code or ""))
    return (pair[1] if lang == "en" else pair[0]) if pair else str(code or "")


def kind_name(kind, lang: str = "sv") -> str:
    """A content kind (blog, news, ...) in the reader's language; an unknown one as it is."""
    key = f"kind.{kind}"
    return t(key, lang) if key in WORDS else str(kind or "")


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
    # The sign of the number as shown: −0,004 to two decimals is ±0,00, not −0,00.
    shown = round(x, decimals)
    sign = "+" if shown > 0 else ("\u2212" if shown < 0 else "±")
    return f"{sign}{number(abs(x), decimals, lang)}{suffix}"


def local_time(dt: datetime | None, lang: str = "sv") -> str:
    """Naive-UTC database time -> 'YYYY-MM-DD HH:MM' in Europe/Stockholm ("–" when missing)."""
    from koll.store import local_minute

    return local_minute(dt) or "–"
