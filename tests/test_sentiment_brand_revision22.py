"""Rules revision 22 (analysis/sentiment_figures.py, sentiment_brand.py, sentiment_compare.py,
sentiment_switch.py): figures a sentence apart, "samma … för N", a genitive time, a wait told by
its noun; irony heard by the model itself; a party chosen "istället"; the side of a comparison
from its party's clause, a pronoun side, "samma … som X fast billigare"; "varför har jag inte
bytt till X". One test per rule, on sentences of the shapes that fresh two-brand probes
(2026-12-05) showed misread, and the sentences each must leave alone."""

from __future__ import annotations

from tests.test_sentiment_brand import _shipped_model, both, tone  # noqa: F401 (an autouse fixture)


def test_figures_a_sentence_apart_with_nothing_named_between():
    # "Helt sjukt." between had kept the sides apart: Inet neutral.
    text = "Webhallen tog 449 kr för kabeln. Helt sjukt. Inet hade samma för 129."
    assert tone(text, "Inet", "Webhallen") == "pos"
    # The other party's side runs on into the sentence after it that names nobody.
    text = "Kjell & Company är ett skämt med sina priser. 249 kr för en hdmi-kabel. Clas Ohlson hade samma för 79."
    assert tone(text, "Clas Ohlson", "Kjell & Company") == "pos"


def test_the_same_thing_for_a_price_is_a_price():
    # "hade samma … för N" names no word of cost: neutral before.
    text = "Inet hade samma kabel för 129. Webhallen tog 449 kr för den. Helt sjukt."
    assert tone(text, "Inet", "Webhallen") == "pos"
    # Said to cost a figure more or less than at the other party.
    text = "netonnet är bäst på priser. hämtade min dator på 10 min. kjell hade samma modell för 1200 kr mer"
    assert tone(text, "kjell", "netonnet") == "neg"
    # A share price is still no price.
    assert tone("Volvo-aktien stängde på 250 kr, Saab på 400 kr.", "Volvo", "Saab") == "neu"


def test_a_genitive_time_and_a_wait_told_by_its_noun():
    # "2 veckors leverans" had been a bare 2, read as four days' unit: the sides reversed.
    text = "Var hos Specsavers för nya glas, 2 veckors leverans. Synsam fixade samma sak på 4 dagar"
    assert both(text, "Specsavers", "Synsam") == ("neg", "pos")
    # A handling time is a wait.
    text = "Lantmäteriet: 18 månader handläggningstid för en fastighetsbildning. Bolagsverket registrerade mitt AB på 2 dagar."
    assert both(text, "Lantmäteriet", "Bolagsverket") == ("neg", "pos")
    # The complaint after the quicker side is the slower one's.
    text = (
        "Amazon.se skickar fortfarande allt från Tyskland med två veckors väntan. "
        "Adlibris levererar på 2 dagar. vad är ens poängen"
    )
    assert both(text, "Amazon.se", "Adlibris") == ("neg", "pos")
    # How long one has been a customer is still no wait.
    assert tone("Har haft Telia i 10 år och Tele2 i 2 år.", "Telia", "Tele2") == "neu"


def test_irony_the_model_hears_itself_is_not_turned_round():
    # "Tack för inget." reads as a complaint already; turned round it had made Hedin positive.
    text = "Hedin har tagit över verkstaden och nu kostar en service 2000 mer. Tack för inget. Bilia är fortfarande hyfsat"
    assert tone(text, "Hedin", "Bilia") == "neg"
    # Bare praise after a complaint is still irony.
    assert tone("Stod i kö hos Telia i en timme. Kul.", "Telia") == "neg"


def test_a_party_chosen_instead_of_another():
    # The one chosen had been read from the facts after it: negative or neutral.
    text = "Toyota har så långa leveranstider nu. Köpte en Hyundai istället, stod på uppfarten efter 3 veckor"
    assert tone(text, "Hyundai", "Toyota") == "pos"
    # The one passed over after "istället för".
    assert tone("Tog Flixbus istället för SJ i helgen.", "SJ", "Flixbus") == "neg"
    # Not a question, a hedge or a negation.
    assert tone("Ska jag köpa en Hyundai istället?", "Hyundai", "Toyota") == "neu"
    assert tone("Tog inte Hyundai istället, Toyota fick det bli.", "Hyundai", "Toyota") != "pos"


def test_the_side_of_a_comparison_begins_at_its_party():
    # The oath and "säger" of the aside before had reversed both.
    text = "Jag skiter i vad folk säger, Burger King har bättre pommes än McDonald's. Period."
    assert both(text, "Burger King", "McDonald's") == ("pos", "neg")
    # "och" is no aside: the preference stays with its side.
    text = "hellre betalar jag 500 spänn extra och flyger SAS än sitter försenad med Norwegian igen"
    assert both(text, "SAS", "Norwegian") == ("pos", "neg")


def test_a_pronoun_side_of_a_comparison():
    # Read as a plain sentence, SAS had the praise of "billigare".
    text = "Ryanair tar 60 euro för en väska fast flyget kostade 19. Och det är ÄNDÅ billigare än SAS lol"
    assert tone(text, "SAS", "Ryanair") == "neg"
    # With no comparative that leans there is no side: the demo's complaint stays one.
    text = "Uppskattar att vd:n själv svarar. Det är mer än Nordvind någonsin gjort."
    assert tone(text, "Nordvind", "Fjällkraft") == "neg"


def test_the_same_thing_but_cheaper():
    # Neutral for both before.
    text = "Jula har exakt samma sladdvinda som Clas Ohlson fast 100 kr billigare."
    assert both(text, "Jula", "Clas Ohlson") == ("pos", "neg")
    # Plain equality stays neutral.
    assert both("Jula har samma sladdvinda som Clas Ohlson.", "Jula", "Clas Ohlson") == (
        "neu",
        "neu",
    )


def test_asking_why_one_has_not_switched_yet():
    # Read as a negated switch: SEB's most negative.
    text = "Swedbank nere IGEN. Kan inte logga in. Varför har jag inte flyttat till SEB än"
    assert tone(text, "SEB", "Swedbank") == "pos"
    # Not switching stays what it was.
    assert tone("Jag byter aldrig till SEB.", "SEB", "Swedbank") == "neg"


def test_more_of_the_same_is_no_contrast():
    # The sentence before as the other side had turned Fortum's complaint round: Ellevio positive.
    text = "Fortum höjde priset igen. Ellevio höjer dessutom nätavgiften."
    assert tone(text, "Ellevio", "Fortum") != "pos"
    text = "Fortum höjde fastpriset med 40% utan att säga det. Ellevio nätavgift ovanpå."
    assert tone(text, "Ellevio", "Fortum") != "pos"
    # A side told as a plain fact still takes the other's opinion turned round.
    text = "Avanza är klockrent för nybörjare. Nordea-appen ser ut som den gjordes 2009."
    assert tone(text, "Nordea", "Avanza") == "neg"


def test_the_party_chosen_next_time():
    # Read as plain facts: neutral.
    text = "Booking.com sa att rummet gick att avboka. Fick betala 2 nätter. Nästa gång bokar jag via Airbnb"
    assert tone(text, "Airbnb", "Booking.com") == "pos"
    assert (
        tone("Handlade på Coop idag. Ingen personal. Willys nästa gång.", "Willys", "Coop") == "pos"
    )
    assert tone("Nästa gång blir det inte SJ.", "SJ", "Flixbus") == "neg"
    # Only when: "nästa gång jag …" chooses nothing.
    assert tone("Nästa gång jag flyger SAS tar jag med egen mat.", "SAS", "Norwegian") == "neu"


def test_winning_at_something_is_praise():
    # "vinner" reads as neutral: the other side's praise turned round had made Tele2 negative.
    text = "Hallon har bästa priset på surf just nu, men Tele2 vinner på nätet i stan."
    assert tone(text, "Tele2", "Hallon") == "pos"
    # Gaining from something is no praise.
    assert tone("Telia vinner på att Tele2 höjer priset.", "Telia", "Tele2") != "pos"


def test_a_day_said_in_words_is_a_figure():
    # "nästa dag" had no figure: neutral for both.
    text = "Apoteket.se tar alltid 4-5 dagar. Apotea kommer nästan alltid nästa dag."
    assert both(text, "Apoteket.se", "Apotea") == ("neg", "pos")


def test_an_amount_between_the_verb_and_the_comparative():
    # A price rise told as news had been neutral for the party raising it.
    text = "Trygg-Hansa meddelade att hemförsäkringen blir 30% dyrare. Moderna har samma pris som i fjol."
    assert tone(text, "Trygg-Hansa", "Moderna") == "neg"
    # No comparative, no lean.
    assert tone("Tele2 meddelade att priset blir 30 kr i månaden.", "Tele2", "Telia") == "neu"


def test_running_like_clockwork_is_praise():
    # Neutral to the model.
    text = "min volvo v70 går som ett klockverk efter 25 000 mil. polaren med tesla har haft bilen på verkstan 4 ggr i år"
    assert tone(text, "volvo", "tesla") == "pos"


def test_a_wish_after_the_brands_sentence_is_no_verdict():
    # "Hoppas det räcker" reads as −0.71 to the model and had made the demo's report negative.
    text = "Telia skriver på sin sajt att de har extra tekniker i beredskap. Hoppas det räcker 🤞"
    assert tone(text, "Telia") != "neg"
    # An opinion after it still is the brand's.
    assert tone("Telia har extra tekniker i beredskap. Helt värdelöst ändå.", "Telia") == "neg"
