"""Tone towards one brand in a text that may name several: which sentences and clauses are about it.

The public entry is classify_for_brand(); analysis/sentiment.py scores the pieces it picks out.
The rules it reads a sentence by live beside it: clauses and the parties they name
(analysis/sentiment_clauses.py), comparisons (analysis/sentiment_compare.py), switching supplier
(analysis/sentiment_switch.py), advice to the reader (analysis/sentiment_advice.py), brands
named only aside (analysis/sentiment_aside.py), a post addressed to a party
(analysis/sentiment_address.py), defences against others' complaints
(analysis/sentiment_defence.py), verdicts told in the order the parties were named
(analysis/sentiment_respective.py), and wordings put in plain words first
(analysis/sentiment_wordings.py); a brand named beside another configured party that no rule reads
its own way is read again by the pair model (analysis/sentiment_pair.py). RULES_REVISION covers
them all. See docs/sentiment_brand.md.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from analysis import lang as langid
from analysis import sentiment_pair as pair
from analysis import sentiment_pair_words as pair_words
from analysis import sentiment_respective as respective
from analysis.sentiment import Sentiment, _result, current_model
from analysis.sentiment_address import (
    address_end,
    addressed_elsewhere,
    addressed_to,
    names_other_beyond_channel,
)
from analysis.sentiment_advice import advised
from analysis.sentiment_aside import aside, bracketed_verdict
from analysis.sentiment_clauses import (
    _NEGATION,
    ALSO,
    CONTRASTED,
    Reading,
    _brand_part,
    _clauses,
    _foil,
    _front,
    _names_other,
    name_at_start,
    sentences_within,
)
from analysis.sentiment_compare import (
    RATHER,
    _asked_against,
    _asked_comparison,
    _compared,
    _either_or,
    _elliptic,
    _envied,
    _fronted,
    fronted_comparison,
    lean_of,
    than_fronted,
)
from analysis.sentiment_counterfactual import never_after, would_never
from analysis.sentiment_defence import defended, vindicated
from analysis.sentiment_facts import bad_news, out_of_stock, rise
from analysis.sentiment_figures import figure_lean, has_figure, no_verdict, relative_lean
from analysis.sentiment_lexicon import CLOSER_WORDS, IRONY_SYMBOLS, praise_only, swedish
from analysis.sentiment_opponent import opposed
from analysis.sentiment_reported import scare_quoted, split_opinions, split_voice
from analysis.sentiment_respective import OPINION_MIN
from analysis.sentiment_score import (
    AGG_MIN_MARGIN,
    Memo,
    Probs,
    aggregate,
    probs,
    scored,
    sentences_of,
    text_probs,
)
from analysis.sentiment_switch import (
    _SWITCH_TO,
    _joined,
    _left,
    _missed,
    _switched,
    chose,
    formerly,
    instead,
    joined_party,
    joins_another,
    next_time,
    only_now,
    stays,
    threatened,
    toneless,
)
from analysis.sentiment_wordings import plain_comparison, plain_idioms
from analysis.text import plain, sentences

#: Bump when these rules change the tone towards a brand for the same text and model: the store
#: records the revision its mentions were scored with, and `koll analyse` rescores them once
#: when it differs, as it does after a change of model (koll/jobs/rescore.py).
# 2 (issue 15): comparisons, switches, "och"/comma clauses, ellipsis. 3: a reply's quoted title
# is not scored (analysis.item_text), and with the brand unnamed, another brand's sentences are
# that brand's. 4 (i15-lex): fleeing ("flyr till") is switching, a switch's occasion ("efter
# prishöjningen") and its switching words are not its verdict, a switch stating no opinion is
# the choice; the model's revision 6 reads "toppenjobb" itself. 5: "står inte ut med" is an idiom.
# 6: leaving with nobody joined is churn (negated: loyalty), a broken promise of time, a
# postpositive "däremot" begins its clause, "A > B". 7 (natural development set): comparisons
# said with a verb or idiom (analysis/sentiment_wordings.py) or opening the sentence, a conceded
# comparison, envy, more switching wordings, a name-only subject shared over "och", a clause
# naming nobody goes with the party before it, places are no parties, emoji runs end clauses.
# 8: the next sentence is the brand's only when it leans to an opinion (OPINION_MIN).
# 9: a sweeping negation reaching the comparative swaps a comparison's sides ("Telia har aldrig
# varit bättre än Tre"), as the model now reads "aldrig ... bättre" as praise.
# 10: an opinion right after a switch is the verdict on it (SWITCH_BEFORE_VERDICT): the
# brand's when it was joined ("Bytte till Tre. Ångrar mig."), the opposite when it was left
# ("Lämnade Telia. Bästa beslutet.").
# 11: anything rather than the brand is negative for it whatever the alternative ("Hellre
# sitter jag på en ölback i tio timmar än åker Flixbus" was neutral); a verdict of a few words
# of praise alone after the brand's complaint is irony ("Tåget ställdes in. Kul.", COMPLAINT_MIN).
# 12: a side of a sentence stated as fact against another party's opinion takes that opinion
# turned round ("Pressbyrån tar 35 kr för en kaffe, på 7-Eleven får jag refill gratis"); a
# brand named only aside (where news was read, where a product was bought) is neutral.
# 13: a name joined by "och" to another shares what the next clause says of both ("Espresso
# House och Waynes Coffee har båda …"); a comparative decides a comparison's sides ("Hallon är
# 100 kr billigare än Telia"), with no "än" too when another party is named; parties compared
# by their figures alone ("Actic 299 kr/mån. Nordic Wellness 449 kr/mån."); a sentence begun
# after an emoji run without a full stop is a sentence; a complaint beside a switch still to
# come is the party left's; a brand's thing used on the way ("Tog SL-bussen till IKEA") is aside,
# and the opinion after a brand named aside is not the brand's.
# 14: a sentence may begin in lower case after a full stop (analysis.text.sentences), and the
# sentence after the brand's goes with the party its sentence names last (_named_last); a switch
# said to settle nothing (moving house, no difference found, a verdict put off) is no choice;
# "om samma sak" is no "detsamma"; a service a thing came through or was paid with is aside;
# the party no other is like ("ingen annan … lika trevlig som X") gets what the others are not;
# regret of leaving is praise; an occasion opening a switch's sentence is the party left's;
# "sa upp A och tog B" is a switch; a bare number counting something ("två ggr") takes no unit;
# a rhetorical question sets one party against another ("Hur kan A … när B …?"); a relative
# clause after the party a fronted comparison names is that party's own; what follows a switch
# naming one party speaks of that party; a news source named with "enligt" is aside; a switch
# still to come ("ska byta från A till B") is no choice yet; a slash or bar between spaces
# ends a sentence ("Hallon: billigt | Comviq: …"); a question between two parties ("X eller
# Y?") is neutral for both; "Varför kan inte Y … som X?" praises X; how long a thing lasted is
# a figure, longer better.
# 15: stopping to use a brand ("slutade handla på Coop") and being rid of it ("äntligen av med")
# are leaving it, also in a post in lower case; a long complaint after leaving is the reason
# (the brand's own), not a verdict turned round; missing a brand is praise of it; a switch
# somebody else made (the employer, the landlord) or made for a toneless reason ("eftersom")
# is no choice; a complaint given as a switch's reason is the party left's; a place named right
# after another party is aside ("på Elgiganten i Mall of Scandinavia"); a rhetorical question
# may open with an address or a request ("hallå @PostNord varför …", "hur är det möjligt att");
# asking a price ("ville ha 1 499 kr") is charging it; a verdict in brackets right after the
# brand's name is the brand's ("via Instabox (supersmidigt btw)"); a question whether a brand is
# better ("Är Hallon bättre?") is asked, not said.
# 16: a party named last only aside does not take the sentence after from the brand; the shop a
# product was bought at, named last, is aside; "N olika …" counts things, not minutes; leaving a
# thing somewhere ("lämnade bilen på X för service") is no switch; a contrast after a switch
# ("…, men allt krymper i tvätten") is its verdict, not the choice; "slutat handla kläder på X"
# is leaving; "som att prata med en vägg" is a complaint; an emoji run may end in U+FE0F; a
# sentence set against the one before ("X däremot …") takes that one's tone turned round when
# its own is weak; "för typ samma sak" is the matter talked about.
# 17: a switch told in the present tense with a time to come ("Byter från A till B nästa
# månad", "i helgen", "i augusti") is still to come, as "ska byta" is; a cost said lower or
# higher ("lägre courtage än") is the cheaper or dearer side; the sentence after the side a
# comparison leans against is not that side's verdict.
# 18: a price conceded before "men" ("X är dyrare än Y men …") is set against the verdict after
# it; two sentences after one naming two parties are a verdict on each in the order named when
# the second is set against the first or names the party named last; "Varför bytte jag …"
# is regret of the switch.
# 19: the sentences after one naming two parties that point back at the first or last ("Den
# första …", "det andra", "förstnämnda") are that party's (analysis/sentiment_respective.py);
# "hälften så dyrt som", "kostar mer/mindre än", "är inte i närheten av" are comparisons; a
# concession whose verdict names the brand is read clause by clause; "kommer byta",
# "planerar att", "när leasingen går ut" are switches still to come.
# 20: a post in lower case begins a sentence after "!", "?" or an emoji run (both pieces of at
# least three words).
# 21: regret said after a switch in its own sentence ("… och ångrade mig direkt"); selling one
# maker's thing to buy another's ("Sålde min Tesla och köpte en Kia") is a switch; two names
# after "både" or thanks are one phrase ("Tack Hemköp och Coop för …"); "tar dubbelt så högt
# påslag som" and "i en helt annan liga än" are comparisons; deleting a brand's app or bidding
# it farewell ("raderar foodora appen", "bye storytel") is leaving it; an oath after "hur"
# ("hur fan kan A … när B …?") keeps a rhetorical question one; criticism as the occasion of
# what the brand does next ("Efter veckor av kritik … förstärker X sin kundservice") is left
# out; a switch said to settle nothing is neutral for both also when what follows it reads as
# a complaint ("märker ingen skillnad"), and so is one to be undone ("byter tillbaka i juni");
# nothing wrong with the one left ("inget fel på …") leaves it neutral; an opinion of the
# other tone after a comparison is not the preferred side's ("MAX >
# McDonald's. inte ens nära."); a country is no party ("servicen i Sverige"); the sentence
# before, beginning with another party, is the other side of the brand's sentence beginning
# with the brand ("Avanza kraschade IGEN. Nordnet funkade."); a mention in the brand's own voice
# (owned) is not negative about itself (_own_voice).
# 22: figures a sentence or two apart with nothing named between, each side running on into
# the sentences after it that name nobody; "samma … för 22" is a price and "samma … för 1200
# kr mer" a dearer side; a genitive time ("2 veckors leverans") and a wait told by its noun
# ("handläggningstid"); bare praise after a complaint is irony only when the model reads it as
# praise ("Tack för inget." is heard already); "dessutom"/"ovanpå" keep the sentence before on
# the same side; a party chosen "istället" (passed over after "istället för"); the side of a
# comparison begins at its party's clause ("Jag skiter i vad folk säger, BK har bättre …"), a
# pronoun may be that side ("Och det är billigare än SAS"), "samma … som B fast billigare"
# leans; "varför har jag inte flyttat till X än" wishes for X; "fixade samma sak" is the task.
# The party chosen next time ("Nästa gång bokar jag via Airbnb", "Willys nästa gång."); winning
# at something is praise ("Tele2 vinner på nätet"), and so is running like clockwork ("går som
# ett klockverk"); a wish after the brand's sentence ("Hoppas det räcker") is no verdict; a day
# in words ("nästa dag") is a figure; an amount between a verb and a comparative ("blir 30%
# dyrare") still leans.
# 23: a writer defending companies against other people's complaints ("Vad hade ni väntat er?",
# "Skäll inte på tjejen i kassan", "Alla skäller på PostNord men …") is not complaining of them
# (sentiment_defence); a side that is only a name and its price is a price ("Flygbussarna 119 kr,
# Arlanda Express 320 kr"), and so are "för 129 kr" and "38 kr för en kaffe"; figures said to
# make no difference, or share prices, are no verdict; advice to the reader ("Åk till Willys.",
# "beställ inte via Foodora", "säg upp HBO Max") chooses a party or turns away from it; a way
# out forced by another's failure ("Gav upp och tog en Uber", "fick ta det via Klarna
# istället") is aside, and no choice; a post addressed to a party ("Hej Foodora! …", "@Comviq
# …") says the rest to it, and the party an order came from is aside there; a comparative
# after a verb of having or offering leans ("erbjöd mig 1200 kr billigare"); a sentence opening
# with a comparative, its subject left out ("Bättre än Coop Konsum bredvid"), turns against the
# party after "än"; "gick från X" is leaving X, "vänta" and "klar" are words of a wait; staying
# with a party ("tänker stanna") is choosing it again; praise marked as irony (🙃, 🙄) after the
# brand's sentence leaning negative mocks it ("… ställer in 200 avgångar. kul, jag flyger på
# fredag 🙃"); a cost accepted after the brand's sentence ("Det får kosta lite.") is neither its
# verdict nor context, and a shrug at another problem ("Folk borde oroa sig mer över
# nätavgiften.") is a defence.
# 24: complaints told as plain facts lean negative (Reading.fact): a party raising its prices,
# out of what the writer came for (sentiment_facts), its words in scare quotes ("lovade 'bästa
# räntan'"), a queue of twenty minutes or more ("70 min kö"); praise after such a fact mocks it;
# opinions split between others are no verdict (sentiment_reported); critics told they never
# tried the alternative vindicate the party, and more defences; a subscription or an order
# cancelled is leaving ("Sa upp Disney+", "avbokar Mio"); a decision in a few words is a choice
# ("blev SAS"); "efter att" opens a clause; "Bättre X än (alla) Y", "Jämfört med ICA:s …",
# "kostar 30 kr mer på A än på B", "samma … fast för halva priset" compare; another party
# said to be better right after a fact about the brand turns it; a cost weighed against a
# worse one ("Hellre dålig kundtjänst än att bli blåst.") is no context; "kom dagen efter"
# goes back to the party taken as a way out; a complaint after a switch that is no regret is
# not turned round into praise of the party left; choosing another party in a sentence of its
# own after the brand was spoken of ("tar Flixbus nästa gång") is leaving the brand.
# 25: the sentences about a brand no longer cancel out (BRAND_MARGIN); what was said of other
# parties before a choice of the brand is theirs; every sentence is read with its idioms in plain
# words; regret only for not having switched sooner praises the switch; a warning ("akta er för
# Klarna") is a complaint; "Max > allt" and the sign as the verdict; "bättre … än nåt jag hittat
# på Y"; a switch caused by the brand ("… så jag har flyttat över till Y") leaves it; "Alla verkar
# hata X. … orättvist" is a defence; "tog 2,80 mer per liter än Y" compares; "även om" is no hedge
# of a choice; English verdicts ("ftw", "could never", "är ass"); a name of dictionary words
# joined by "och" to another ("Svenska Spel och ATG …") is a subject they share; "Bolt var 89 kr"
# is a price; a switch refused is no choice whatever else its sentence says; a pronoun as the last
# clause of a comparison's side is the party before; short praise naming the brand after its
# complaint mocks it ("… snyggt Folksam.").
# 26: a party said to be one that would never have done what another did ("Mathem hade aldrig")
# is complained of, and the other praised (analysis/sentiment_counterfactual.py); a closer
# pointing at the better party without naming it ("Bara säger det.", "Vet var jag handlar")
# says nothing itself; a threat to switch ("sa att jag skulle byta till Tre") is no switch;
# "hade jag stannat kvar på X" praises X; "är fortfarande kung", "hälften så dyrt" without
# "som", "borde ta lärdom av X"; "ville ha 1500 mer för samma …" and the other party's such
# sentence turned round.
# 27: a brand named beside another configured party and read by no rule of its own is read
# again by the pair model (analysis/sentiment_pair.py), fitted on the probes the rules were
# written from.
# 28: the pair model weighs the words around the brand too (analysis/sentiment_pair_words.py:
# n-grams with the names masked), both fitted on thirty-two probes; it overrules the rules only
# with a reading more likely than not.
# 29: the pair model is asked of the brands a rule read from their context too (not of the
# rules' own constructions, nor in a text under ten words), knowing which rule,
# and overrules such a reading only 0.6 sure; both models fitted on forty-one probes.
# 30: both models fitted on fifty-seven probes (the sixteen that measured revision 29 too);
# the model overrules a reading of a text under ten words only 0.6 sure, whoever read it.
# 31: a rise denied is good news told as a plain fact (Reading.fact +1: "Nordvind meddelar att
# bolaget inte höjer sina avgifter"); the party's own "vi" or "bolaget" between its name and
# the verb is no other party ("Nordvind: Vi höjer inte"); the pair model does not overrule
# it (the words model reads "inte höjer" by its "höjer"). Both models refitted, on the same
# fifty-seven probes.
# 32: both models fitted on 109 probes (the fifty-two that measured revisions 30 and 31 too);
# the words model leaves out n-grams of where a name stands alone ("tgt i", "på tgt": the
# pair model's features say that); a party said to gain from another's doing ("Telia vinner på
# att Tele2 höjer priset") is named aside.
# 33: both models fitted on 125 probes (the sixteen that measured revisions 31 and 32 too); the
# words model leaves out n-grams of a time span alone ("t:12 år": years with a brand are no
# praise of it).
# 34: both models fitted on 141 probes (the sixteen that measured revisions 32 and 33 too);
# in a text of fifteen words or more the rules' own constructions no longer stand against the
# pair model (it overrules them 0.7 sure, "också" 0.6, and is fitted on them), nor does a
# reading the rules are 0.95 sure of (pair.RULES_STAND_WORDS).
# 35: a voice quoted after the text reported opinions split is one of the sides reported
# (sentiment_reported.split_voice).
# 36: the words model leaves out n-grams of a month or weekday name alone ("t:oktober": when
# something happened is no verdict on it; swapping only the name had changed 5-8 % of labels).
# 37: the words model reads any other capitalised word inside a sentence as one word, a name
# (sentiment_pair_words.NAME: swapping only a town's name had changed 2-3 % of labels).
# 38: both models fitted on 173 probes (the thirty-two that measured revisions 34 to 37 too);
# the model overrules a construction of the rules' only 0.75 sure, any other reading 0.55.
# 39: a title that is the post's own beginning (the first line ingestion titles a Mastodon or
# Bluesky post with) is not scored again before it (analysis.item_text.opens_text).
RULES_REVISION = 39


# Sentences that do not mention the brand still count, less than those that do, and hardly at all
# when they name some other party.
CONTEXT_WEIGHT, OTHER_PARTY_WEIGHT = 0.5, 0.1
# A switch's own sentence weighs this much when an opinion follows it, the verdict on the
# switch: "Bytte till Tre förra månaden. Sämsta beslutet." and "Bytte elavtal till Telia i
# somras. Aldrig igen." had come out neutral (the choice and the verdict cancelling out at
# about the margin of sentiment_score.aggregate), "Gick över till Tre i våras. Ångrar mig." positive.
SWITCH_BEFORE_VERDICT = 0.5
# A sentence is a complaint a short praise after it mocks when it is at least this negative: the
# complaints of my own sentences were 0.86-0.99, and "Mejlade SJ om returen." (0.51, an errand)
# made "Så nöjd!" after it irony.
COMPLAINT_MIN = 0.75
# Praise after the brand's sentence, marked as irony (_IRONY_MARKS), is irony when it is this
# short and the sentence before leans negative at all: "… ställer in 200 avgångar pga strejken.
# kul, jag flyger på fredag 🙃" (a fresh two-brand probe, 2026-12-05: +0.52 for SAS).
MARKED_CLOSER_WORDS = 8
# The lexicon's irony symbols but 👏, which applauds as often as it mocks: "Handlade hos Stadium i
# morse. de fixade allt på fem minuter 👏" (the template development set).
_IRONY_MARKS = IRONY_SYMBOLS - {"👏"}
# A brand's side of a sentence set against another party's (sentiment_clauses._foil) takes half
# its tone from the other side when its own leans less than FOIL_OWN_MAX and the other's at least
# FOIL_MIN: in a probe of 100 fresh two-brand posts, 22 of 53 wrong labels were a side stated as
# plain fact ("Synoptik tog 3 veckor på sig med glasögonen, Specsavers fixade det på två dagar").
FOIL_OWN_MAX, FOIL_MIN = 0.65, 0.7
# The same when the brand's sentence sets itself against the one before ("däremot", "dock"),
# with its own words leaning up to this much: a fresh probe's "Nordea har skärpt till
# kundtjänsten. SEB däremot… 45 min i telefonkö" and "Power däremot... killen där visste inte
# vad HDMI var 💀" were praise at 0.66 after the other party's praise (2026-12-05). Not "Coop
# däremot är också bra" (1.00).
MARKED_OWN_MAX = 0.8
# The tone of a brand named only aside (analysis/sentiment_aside.py): neutral, as sure as the
# model is of a plain neutral sentence ("Jag har en cykel." is 0.83 neutral).
ASIDE: Probs = (0.1, 0.8, 0.1)
# A comparison's side leaning its comparative's way (_leaned): as sure as the model is of
# "Västtrafik är bättre" (+0.78).
LEANED: Probs = (0.05, 0.12, 0.83)
# The margin by which the opinions of a brand's sentences must differ not to cancel out
# (aggregate, _summed): a tie only. A whole text whose praise and complaints nearly balance is
# neutral (AGG_MIN_MARGIN, 0.1), but the writers of the fresh two-brand probes gave such a brand
# the side that weighed more: with 0.1 the probes read row by row had 1,809 of 2,600 labels
# right, with 0.02 1,831; the eleven never read 2,707 and 2,725 of 3,920; the development sets
# the same (2026-12-06). With none, a dearer side came out praised at +0.01 by the verdict on
# the cheaper ("If 210 kr/mån, Folksam 340 kr/mån … Enkelt val"). One sentence keeps the
# whole text's margin: there it is the model unsure of the side ("Hallon påstår att de är
# billigare än Telia" 0.22 / 0.50 / 0.28).
BRAND_MARGIN = 0.02
# Set against a counterfactual of the other side ("… Mathem hade aldrig"; Reading.contrary), a
# text read at least this negative is a complaint, anything less praise: in the probes read, the
# complaints such a counterfactual answered read 0.86 and 0.97 negative, one deed it praised
# 0.87 ("Fick en ny router av Bahnhof utan att ens fråga när den gamla började krångla"), the
# others 0.52 or less.
CONTRARY_MIN = 0.85
# The model's own reading stands when it gives the comparative's side this much: "Västtrafik är
# fan bättre" was positive at 0.42, neutral after aggregation.
LEAN_SURE = 0.6

_WORD = re.compile(r"\w+", re.U)

# A complaint after leaving a brand of at least this many words is the reason for leaving
# (_reason); the verdicts on leaving in the development sets and probes had at most five
# ("Sämsta beslutet jag tagit.", "Ångrar mig bittert nu").
REASON_MIN_WORDS = 8
# Words of a verdict on the choice itself, not on the party: regret, missing, going back (not
# any "tillbaka": "Fick aldrig tillbaka pengarna" is a complaint, a review).
_CHOICE_WORDS = re.compile(
    r"\b(?:beslut\w*|ångr\w*|sakna\w*|misstag\w*|(?:gå|går|gick|gått|komma|kom|kommer|"
    r"byta|byter|bytte|flytta\w*)\s+tillbaka)\b",
    re.I | re.U,
)
# A sentence after leaving that speaks of where the writer is now, not of the party left: "Sa
# upp mitt abonnemang hos Telia. Nya operatören har ännu sämre täckning" (a review).
_NOW = re.compile(
    r"\W*(?:nu|numera|sen\s+dess|sedan\s+dess|där|hos\s+(?:dem|dom)|(?:den|det|de|dom)\s+nya|"
    r"nya)\b",
    re.I | re.U,
)

# "Kan inte säga detsamma om B": B gets the previous sentence's tone, the opposite if negated.
# Not "samma sak" after a preposition, the matter talked about: "Ringde Comviq om samma sak …,
# svar på 2 min" had taken the complaint of the sentence before (a fresh two-brand probe).
_SAME = re.compile(r"\b(?:detsamma|samma sak|likadant|likadana)\b", re.I | re.U)
# The matter talked about, with a filler between: "Intersport ville ha 2500 för typ samma sak"
# (a fresh two-brand probe, 2026-12-05: it had taken the praise of the sentence before).
# Not after a verb of going through something: "Råkade ut för exakt samma sak med Tele2", "Var
# med om precis samma sak hos Hallon" say the brand did the same (a review).
# Nor the task done: "Synsam fixade samma sak på 4 dagar" after Specsavers' two weeks (a fresh
# two-brand probe, 2026-12-05: it had taken the complaint of the sentence before).
_MATTER = re.compile(
    r"(?:(?<!\but)(?<!\bmed)(?<!\bdrabbades)(?<!\bdrabbats)(?<!\bdrabbad)\s+(?:om|i|för|på|av)"
    r"|\b(?:fixade|fixar|fixat|gjorde|gör|löste|löser|lagade|lagar|ordnade|levererade)"
    r")\s+(?:(?:typ|exakt|precis|ungefär|nästan)\s+)?$",
    re.I | re.U,
)
# How far before "samma sak" its preposition is looked for: a filler and a preposition. From the
# sentence's start, a text of many "i samma sak" took 2 s at 40,000 characters (a review).
_MATTER_REACH = 40


def _same(sentence: str) -> bool:
    """Whether the sentence says the brand is the same as the one before ("Kan inte säga
    detsamma om Ikea."), not "samma sak" as the matter talked about."""
    return any(
        m.group().lower() != "samma sak"
        or _MATTER.search(sentence, max(0, m.start() - _MATTER_REACH), m.start()) is None
        for m in _SAME.finditer(sentence)
    )


# A sentence about both parties of a question between two ("Båda har varit usla").
_BOTH = re.compile(r"\b(?:båda|bägge|ingen av|inget av|varken)\b", re.I | re.U)


def reading(sents: list[str], i: int, mentions: Callable[[str], bool], others) -> Reading:
    """What to score for the brand in sentence i (which mentions it); its idioms are put in
    plain words when it is scored (classify_for_brand's `score`), as every sentence's are."""
    s = sents[i]
    if i == 0 and addressed_to(s, mentions):
        # "Hej Uber Eats, jag fick fel meny från Max och …": what follows the address is said
        # to the brand, the restaurant only where the order came from (addressed_elsewhere).
        rest = s[address_end(s) :]
        if rest.strip() and not mentions(rest) and not names_other_beyond_channel(rest, others):
            return Reading(rest)
    plain = plain_comparison(s)  # "slår", "är ingenting mot" ...: only for the comparison rules
    clauses = _clauses(s)
    after = sents[i + 1] if i + 1 < len(sents) else ""
    found = (
        split_opinions(s)
        or split_voice(sents, i)
        or _envied(s, mentions)
        or _asked_against(s, mentions, others)
        or _either_or(s, mentions, others)
        or _asked_comparison(clauses, mentions)
        or threatened(s, mentions)
        or opposed(s, mentions, others)
        or _fronted(plain, mentions, others)
        or than_fronted(s, mentions)
        or _compared(plain, mentions, others)
        or would_never(sents, i, mentions, others, clauses)
        or _switched(s, mentions, others, after)
        or _left(s, mentions)
        or _missed(s, mentions)
        or instead(s, mentions)
        or next_time(s, mentions)
        or chose(s, mentions)
        or stays(s, mentions)
        or only_now(s, mentions)
        or formerly(s, mentions)
        or advised(s, mentions)
        or bracketed_verdict(s, mentions, others, after)
        or addressed_elsewhere(sents[0], s, mentions, others)
        or aside(s, mentions, others, clauses, after)
        or _elliptic(clauses, mentions, others)
        or _added(sents, i, mentions, others)
        or _same_as_before(sents, i, mentions)
    )
    if found is not None:
        return found
    # "betalar hellre lite mer för SAS": a preference, which the model reads as neutral or, from
    # "betalar mer", as a complaint (the natural development set).
    part = _brand_part(s, mentions, others, clauses)
    foil = _foil(s, mentions, others, clauses)
    before, marked = (None, False) if foil is not None else _contrasted(sents, i, mentions, others)
    return Reading(
        RATHER.sub("gillar", part),
        foil=foil or before,
        marked=marked,
        lean=_lean(part, foil, sents, i, mentions, others),
        fact=rise(part, mentions)
        or (-1 if out_of_stock(part, mentions) or scare_quoted(part) else 0),
        contrary=never_after(sents, i, mentions, others),
    )


# A sentence adding the brand to the one before: "Och Region Uppsala kan inte ge tid på
# vårdcentralen" after the town's complaint (read probes, 2026-12-05 and 06: four such labels
# read as neutral or turned round as a contrast, the writers' the tone before).
_AND = re.compile(r"\W*(?:och|plus|samt)\s+", re.I | re.U)


def _added(sents: list[str], i: int, mentions, others) -> Reading | None:
    """Sentence i read with the one before when it opens with "och" and the brand after a
    sentence about another party (not the brand), comparing nothing and asking nothing: "… är
    ett hån mot alla som står utan jobb här. Och Försäkringskassan stängde sitt för två år sen."
    """
    if not i or (m := _AND.match(sents[i])) is None:
        return None
    s = sents[i]
    if not name_at_start(s[m.end() :], mentions) or mentions(sents[i - 1]) or s.endswith("?"):
        return None
    if CONTRASTED.search(s) or _COMPARES.search(s) or lean_of(s, bare=True):
        return None
    if not _names_other(sents[i - 1], others, sentence_case=True):
        return None
    return Reading(sents[i - 1] + " " + s)


def _same_as_before(sents: list[str], i: int, mentions) -> Reading | None:
    """The tone of the sentence before for a sentence saying the brand is the same ("Kan inte
    säga detsamma om Ikea."), turned round when negated (_same)."""
    if not i or not _same(sents[i]) or mentions(sents[i - 1]):
        return None
    return Reading(sents[i - 1], flip=bool(_NEGATION.search(sents[i])))


def _lean(part: str, foil: str | None, sents: list[str], i: int, mentions, others) -> int:
    """The way the brand's side leans: its own bare comparative, figures against another
    party's, or a comparison in the sentence after (Reading.lean)."""
    return (
        _bare_lean(plain_idioms(part), sents, i, mentions, others)
        or _figures_lean(part, foil, sents, i, mentions, others)
        or _next_leans(sents, i, mentions, others)
        or _fronted_lean(sents, i, mentions, others)
    )


_ALSO = re.compile(r"\b(?:" + ALSO + r"|heller|ovanpå|dessutom)\b", re.I | re.U)


def _contrasted(sents: list[str], i: int, mentions, others) -> tuple[str | None, bool]:
    """The sentence before as the brand's foil (sentiment_clauses._foil), when it is another
    party's (beginning with it, naming the brand nowhere), and whether the brand's sentence
    marks the contrast (CONTRASTED; else (None, False)). Marked ("Nordea har skärpt till
    kundtjänsten. SEB däremot… 45 min i telefonkö"), the brand's own words are trusted up to
    MARKED_OWN_MAX and a fact is left alone. Unmarked, the brand's sentence must begin with the
    brand: "Avanza kraschade mitt i börsöppningen IGEN. Nordnet funkade." sets two sides against
    each other as a comma does, and a side told as a plain fact takes half its tone from the
    other's opinion turned round (FOIL_OWN_MAX). In three fresh two-brand probes (2026-12-05) 10
    labels were such a side read from its own words ("Nordea-appen ser ut som den gjordes 2009"
    after "Avanza är klockrent"); read as marked it had moved one. Not a question ("Coop
    däremot?" had become praise: a review), not the same side ("Nordnet har också …"), nor the
    sentence after (tried: the template development set lost five labels)."""
    if not i or mentions(sents[i - 1]) or sents[i].rstrip().endswith("?"):
        return None, False
    marked = CONTRASTED.search(sents[i]) is not None
    if not marked and (not mentions(_front(sents[i])) or _ALSO.search(sents[i]) is not None):
        return None, False
    before = sents[i - 1]
    if not _names_other(_front(before), others, sentence_case=True):
        return None, False
    return before, marked


def _figures_lean(part: str, foil: str | None, sents: list[str], i: int, mentions, others) -> int:
    """The brand's side against another party's by their figures alone (figure_lean): the
    other side of the sentence (`foil`), else the nearest sentence within two that begins with
    another party, nothing naming a party between ("Actic 299 kr/mån. Nordic Wellness 449
    kr/mån.", "7-Eleven … tog 39 kr för en halvliter vatten. 39!!! pressbyrån mittemot hade
    samma för 22."), each side with the sentences after it that name nobody ("Kjell & Company
    är ju ett skämt med sina priser på kablar. 249 kr för en hdmi???"); or what the brand's own
    side says it costs more or less (relative_lean: "kjell hade samma modell för 1200 kr mer")."""
    lean = _figures_said(part, foil, sents, i, mentions, others)
    return 0 if lean and _no_difference(sents) else lean


def _no_difference(sents: list[str]) -> bool:
    """Whether the text says figures make no difference (sentiment_figures.no_verdict)."""
    return any(no_verdict(t) for t in sents)


def _figures_said(part: str, foil: str | None, sents: list[str], i: int, mentions, others) -> int:
    if foil is not None:
        return figure_lean(part, foil)
    said = relative_lean(part)
    if said:
        return said if _names_another(sents, mentions, others) else 0
    # The brand's side needs a figure, in its own words or the two sentences after them: most
    # have none, and asking the sentences around each whether it names a party had made scoring
    # real posts 5 % slower (python -m bench.sentiment).
    if not any(has_figure(t) or relative_lean(t) for t in [part, *sents[i + 1 : i + 3]]):
        return 0
    memo: dict[int, bool] = {}

    def named(k: int) -> bool:
        if k not in memo:
            memo[k] = mentions(sents[k]) or _names_other(sents[k], others, sentence_case=True)
        return memo[k]

    for j in (i + 1, i - 1, i + 2, i - 2):
        if not 0 <= j < len(sents) or mentions(sents[j]):
            continue
        if any(named(k) for k in range(min(i, j) + 1, max(i, j))):
            continue
        # Another party named anywhere in it, a configured one when others are known: "Mitt
        # paket från Göteborg tog 9" names a city, no party.
        if others(sents[j]) if others is not None else named(j):
            # The other's own words may say what it costs more or less: "Åkte Norwegian till
            # Alicante, helt ok för priset. SAS hade kostat 2000 mer för exakt samma sak".
            return -relative_lean(sents[j]) or figure_lean(
                _run_on(part, sents, i, named), _run_on(sents[j], sents, j, named)
            )
    return 0


def _run_on(side: str, sents: list[str], i: int, named: Callable[[int], bool]) -> str:
    """`side`, from sentence i, with the sentences after it that name no party (up to two), when
    it names no figure of its own."""
    if has_figure(side):
        return side
    more = []
    for k in range(i + 1, min(len(sents), i + 3)):
        if named(k):
            break
        more.append(sents[k])
    return " ".join([side, *more])


def _bare_lean(part: str, sents: list[str], i: int, mentions, others) -> int:
    """A comparative said of the brand with no "än" where the text names another party, the one
    it is compared with ("Coop har höjt priserna igen. Lidl känns billigare för varje vecka som
    går."): its lean (sentiment_compare.lean_of), 0 in a question or with nobody else named."""
    if sents[i].rstrip().endswith("?"):
        return 0
    lean = lean_of(part, bare=True)
    if not lean:
        return 0  # most sentences; looking for another party in every sentence first had made
        # a long text of brand sentences quadratic (a review: 2,000 sentences took 2 s)
    return lean if _names_another(sents, mentions, others) else 0


_COMPARATIVE_HINT = re.compile(r"\wre\b", re.I | re.U)


# A comparison opening the sentence after the brand's, its subject left out, another party after
# "än" (sentiment_compare.fronted_comparison): the brand is the subject ("Tog Vy-bussen … wifi
# som faktiskt funkade. Mycket bättre än SJ som var 2 h sena"; read probes, 2026-12-05 and 06:
# three such brands read as neutral). The party after "än" is than_fronted's.
_BUT = re.compile(r"\b(?:men|fast|dock)\b", re.I | re.U)


def _fronted_lean(sents: list[str], i: int, mentions, others) -> int:
    """The lean of a comparison opening the sentence after the brand's (fronted_comparison),
    when it names another party after "än", not the brand, and is not conceded ("Fortfarande
    billigare än Telia men ändå, säg till innan" is a complaint)."""
    if i + 1 >= len(sents) or (fronted := fronted_comparison(sents[i + 1])) is None:
        return 0
    after = sents[i + 1]
    if mentions(after) or _BUT.search(after) or not _names_other(fronted.group("rest"), others):
        return 0
    return lean_of(fronted.group("cmp"))


def _next_leans(sents: list[str], i: int, mentions, others) -> int:
    """The opposite of a bare comparative said of another party in the sentence right after the
    brand's, which begins with that party and does not name the brand: "Vi har haft Verisure i
    tre år och när det väl gick ett larm kom väktaren efter 45 min. Sector Alarm var snabbare
    hos grannen" (a fresh two-brand probe, 2026-12-05: +0.80 for Verisure). Only after a
    sentence the lexicon finds no tone in, a fact ("ICA Banken är bäst för barnsparande. Men
    Länsförsäkringar har bättre ränta" keeps its praise), and not "också bättre" or "inte
    bättre" (the same either way), nor after a question."""
    # Cheap tests first: the sentence after one naming the brand rarely holds a comparative
    # (they end in -re: "bättre", "snabbare"), and tokenizing it and the lexicon's reading of the
    # brand's sentence for every brand sentence had made ingestion's scoring slower.
    if i + 1 >= len(sents) or _COMPARATIVE_HINT.search(sents[i + 1]) is None:
        return 0
    after = sents[i + 1]
    if sents[i].rstrip().endswith("?") or after.rstrip().endswith("?") or mentions(after):
        return 0
    if _ALSO.search(after) or _NEGATION.search(after):
        return 0
    if not _names_other(_front(after), others, sentence_case=True):
        return 0
    lean = lean_of(after, bare=True)
    return -lean if lean and toneless(sents[i]) else 0


def _names_another(sents: list[str], mentions, others) -> bool:
    """Whether the text names another party than the brand (a configured one, when others are
    known), the one a comparison said of the brand alone is made with."""
    if others is not None:
        return any(others(t) for t in sents)
    return any(_names_other(t, None, sentence_case=True) for t in sents if not mentions(t))


def brand_text(
    text: str, mentions: Callable[[str], bool], others: Callable[[str], bool] | None = None
) -> str:
    """The part of a text about the brand (its sentences and clauses), or the whole text."""
    own = [_brand_part(s, mentions, others) for s in sentences(text) if mentions(s)]
    return " ".join(own) if own else text


def classify_for_brand(
    text: str,
    mentions: Callable[[str], bool],
    lang: str | None = None,
    others: Callable[[str], bool] | None = None,
    memo: Memo | None = None,
    own: bool = False,
) -> Sentiment:
    """Tone towards a brand: sentences (and clauses) that mention it weigh most.

    `mentions(s)` tells whether a piece of text mentions the brand (e.g. BrandMatcher.mentions);
    `others(s)`, when given, whether it mentions another configured brand; a clause naming one,
    or naming some other capitalised party, is taken to be about that party. With no sentence
    mentioning the brand (it is named only in the title of the thread a reply belongs to, or the
    brand published it), the whole text's tone is used, less what it says of another configured
    brand ("Nordvind svarade inte mig på tre veckor." under a post about Fjällkraft is Nordvind's).
    `memo` is as for classify(): with the same one, the sentences classify() scored are not
    scored again. `own`: the text is the brand's own voice (an owned mention: its own feed,
    domain or spokesperson), whose negative reading is neutral (_own_voice). A brand named
    beside another configured party is read again by the pair model
    (analysis/sentiment_pair.py), unless a rule's reading of it stands (pair.rereads).
    """
    model = current_model()
    if memo is not None:
        memo.use(model)
    text = plain(text)  # as classify() reads it
    # A gap in a pandas column of languages (NaN) is "not known", as None is.
    lang = lang if isinstance(lang, str) and lang else langid.detect(text)
    if not scored(lang):
        return Sentiment(None, None, None, lang, model.version)
    agg, features, ruled = _read(text, mentions, lang, others, memo)
    if vindicated(text, mentions):
        agg = _vindicated(agg)
    elif own or defended(text, mentions):
        agg = _own_voice(agg)
    elif (asked := _rereads(features, ruled, text)) is not None and not pair.stands(agg, text):
        agg = pair.reread(agg, asked(), least=pair.overrule_min(ruled, text))
    return _result(agg, lang, model.version)


def pair_features(
    text: str,
    mentions: Callable[[str], bool],
    others: Callable[[str], bool],
    lang: str = "sv",
    words_model: dict | None = None,
) -> list[float] | None:
    """The pair model's features of a brand it is asked about (as classify_for_brand asks it:
    another configured party named, a Swedish post, no rule's reading that stands, no
    defence: _rereads), else None. What scripts/sentiment_data/fit_pair.py fits on, with a
    words model fitted without the text's probe (`words_model`; None: the shipped one)."""
    _, features, ruled = _read(text, mentions, lang, others, None)
    if vindicated(text, mentions) or defended(text, mentions):
        return None
    asked = _rereads(features, ruled, text)
    return asked(words_model) if asked is not None else None


def _rereads(
    features: Callable[..., list[float]] | None, ruled: set[str], text: str
) -> Callable[..., list[float]] | None:
    """The pair model's features when it reads the brand again (in a text no defence reads):
    another configured party is named in a Swedish post (`features`, else None) and no reading
    of the rules' stands (pair.rereads)."""
    return features if features is not None and pair.rereads(ruled, text) else None


def brand_sentences(text: str, memo: Memo | None = None) -> list[str]:
    """The sentences the rules read a text in (sentiment_clauses.sentences_within)."""
    return [p for s in sentences_of(text, memo) for p in sentences_within(s)]


def _read(
    text: str, mentions, lang: str, others, memo: Memo | None
) -> tuple[Probs, Callable[..., list[float]] | None, set[str]]:
    """The rules' probabilities for the brand, the pair model's features (a function: reading
    the other party costs as much again, so only when asked; None unless another configured
    party is named) and the rules that read the brand their own way (_weighted)."""
    model = current_model()
    sents = brand_sentences(text, memo)
    hits = [bool(mentions(s)) for s in sents]

    def score(t: str) -> Probs:
        # Every sentence with its idioms in plain words (sentiment_wordings.plain_idioms): the
        # brand's, the one after it that may be its verdict, and the context alike.
        return probs(plain_idioms(t), lang, model, None, memo)

    ruled: set[str] = set()
    if not any(hits):
        agg = _unnamed(sents, others, score) if others is not None else None
        return agg or text_probs(text, lang, model, None, memo), None, ruled
    agg = _summed(_weighted(sents, hits, mentions, others, score, ruled))
    agg = agg or probs(text, lang, model, None, memo)
    # The pair model was fitted on Swedish posts (its words for prepositions and contrasts too).
    theirs_hits = [bool(others(s)) for s in sents] if others is not None and lang == "sv" else []
    if not any(theirs_hits):
        return agg, None, ruled
    if any(pair.SAME_SIDE.search(s) for s, h in zip(sents, hits, strict=True) if h):
        ruled.add("alike")  # "Nordnet har också haft sina problem": no side set against another

    def features(words_model: dict | None = None) -> list[float]:
        their_ruled: set[str] = set()
        theirs = _summed(_weighted(sents, theirs_hits, others, mentions, score, their_ruled))
        whole = text_probs(" ".join(" ".join(sents).split()), lang, model, None, memo)
        readings = (agg, theirs or agg, whole)
        words = pair_words.probs(pair_words.masked(sents, mentions, others), words_model)
        return pair.features(
            sents, hits, theirs_hits, readings, bool(their_ruled), mentions, others, words, ruled
        )

    return agg, features, ruled


def _summed(parts: list[tuple[Probs, float]]) -> Probs | None:
    """The brand's sentences' probabilities summed (aggregate): those of several sentences do
    not cancel out (BRAND_MARGIN)."""
    return aggregate(parts, BRAND_MARGIN if len(parts) > 1 else AGG_MIN_MARGIN)


def _own_voice(p: Probs) -> Probs:
    """The tone towards the brand of a text in its own voice: what it says of itself is no
    opinion of itself, so the negative mass is neutral. A reader labelled none of the nine
    owned demo mentions that koll had read as negative negative (an apology paired with a
    fix, a price notice explained, an outage note, a FAQ; tests/fixtures/demo_tone_gold.csv),
    and one of its 56 owned mentions in all."""
    return (0.0, p[1] + p[0], p[2])


def _vindicated(p: Probs) -> Probs:
    """The tone towards a brand whose critics are told they have never tried the alternative
    (sentiment_defence.vindicated): the complaints in the text are of the critics or the
    alternative, so the negative mass is the writer's praise of the brand, and the defence
    holds it the better at least as surely as a comparison leaning its way (LEANED):
    "Folk som gnäller på Systembolaget har aldrig varit i Finland …" the model reads as a
    plain statement (0.77 neutral)."""
    turned = (0.0, p[1], p[2] + p[0])
    return turned if turned[2] >= LEANED[2] else LEANED


def _unnamed(
    sents: list[str], others: Callable[[str], bool], score: Callable[[str], Probs]
) -> Probs | None:
    """Tone towards a brand no sentence names (a reply under its thread), when some sentence
    names another configured brand; else None (the whole text's tone). A sentence about the
    other brand is hers ("Nordvind svarade inte mig på tre veckor." under a post about
    Fjällkraft), but switching to her is leaving this one ("Byter till Nordvind.")."""
    if not any(others(s) for s in sents):
        return None
    parts: list[tuple[Probs, float]] = []
    for i, s in enumerate(sents):
        if not others(s):
            # The sentence after one about her is hers as well ("Byter till Nordvind. De är
            # billigast i norr."), as the sentence after the brand's is the brand's.
            parts.append((score(s), OTHER_PARTY_WEIGHT if i and others(sents[i - 1]) else 1.0))
            continue
        left = _leaves_for(s, others, score)
        parts.append((score(s), OTHER_PARTY_WEIGHT) if left is None else (left, 1.0))
    return _summed(parts)


def _leaves_for(s: str, others: Callable[[str], bool], score) -> Probs | None:
    """The brand's tone in a sentence that chooses another configured party and names not the
    brand: switching to her ("Byter till Nordvind."), choosing her next time ("tar Flixbus
    nästa gång ärligt" after SJ's broken-down train: a fresh two-brand probe, 2026-12-05, where
    SJ had been positive) or in a few words ("blev SAS" after Ryanair's fees) is leaving the
    brand: the choice turned round. None otherwise. Asked only after the brand was spoken of:
    before it, the choice is the occasion ("Har gått över till Lidl. Jag saknar Hemköp ibland"
    misses Hemköp)."""
    m = _SWITCH_TO.search(s)
    r = _joined(s, m) if m is not None and others(joined_party(m)) else None
    if r is None:
        r = next_time(s, others) or chose(s, others)
    if r is None or not r.choice or r.flip:
        return None
    p = score(r.text)
    p = (p[0], p[2], p[1]) if p[1] > max(p[0], p[2]) else p
    return _flipped(p)


def _asks_between(sentence: str, nxt: str, others) -> bool:
    """A question naming another configured brand too ("SJ eller Flixbus?"): the next sentence
    is the asker's wishes ("Inget bråttom, vill bara ha det billigaste" had made both positive,
    natural development set), not a verdict on either, unless it speaks of both ("Båda har
    varit usla")."""
    if not sentence.rstrip().endswith("?") or others is None or _BOTH.search(nxt):
        return False
    return others(sentence)


# Asking others about the brand ("Har nån testat Tibber?", "Kan man lita på Lyko?", "Vad tycker
# ni om Kry?"): what follows is the asker's situation or hearsay, not a verdict ("Hört att appen
# är bra men … det skrämmer mig lite" had made Tibber −0.99; read probes, 2026-12-05 and 06:
# three such labels neutral to their writers, read as the sentence after).
_ASKING = re.compile(
    r"\b(?:har\s+(?:nån|någon|ni)\s+(?:här\s+)?(?:testat|provat|kört|erfarenhet|koll)"
    r"|kan\s+man\s+lita|vad\s+tycker\s+(?:ni|folk)"
    r"|(?:nån|någon)\s+som\s+(?:har\s+)?(?:testat|provat|kört|haft|erfarenhet))\b",
    re.I | re.U,
)
# ... unless the writer answers it of the party itself: "Har nån testat Boozt? Jag har, och de var
# helt värdelösa."
_THEY = re.compile(r"\b(?:de|dom|dem|deras|doms)\b", re.I | re.U)


def _asks_about(sentence: str) -> bool:
    """Whether the sentence asks others about the brand (_ASKING), a question."""
    return sentence.rstrip().endswith("?") and _ASKING.search(sentence) is not None


def _flipped(p: Probs) -> Probs:
    return p[2], p[1], p[0]


def _weighted(
    sents: list[str],
    hits: list[bool],
    mentions: Callable[[str], bool],
    others,
    score: Callable[[str], Probs],
    ruled: set[str],
) -> list[tuple[Probs, float]]:
    """(probabilities, weight) of each sentence, for the brand: its own sentences weigh 1, as
    does the sentence right after one that names no other party ("Var på Elgiganten igår. Helt
    fantastisk service!"); the rest is context. Adds to `ruled` the rules that read the brand
    their own way (not a whole sentence of hers read as the model reads it)."""
    n_own = sum(hits)
    # Together the context sentences weigh at most CONTEXT_WEIGHT per brand sentence, so a long
    # post does not drown the sentences about the brand.
    share = min(1.0, n_own / max(1, len(sents) - n_own))
    parts: list[tuple[Probs, float]] = []
    was_left = False  # the sentence before left the brand; an opinion after it is the verdict
    alone = False  # and named no other party
    said: Probs | None = None  # what the brand's sentence before said, unless a switch
    told = False  # and whether it told a complaint as a plain fact (Reading.fact)
    first = hits.index(True) if True in hits else len(hits)  # the first sentence naming it
    # Sentences told in the order named (sentiment_respective.plan): the brand's pieces, others'.
    ordered: dict[int, tuple[list[str], list[str]]] = {}
    follows = False  # whether the opinion after the brand's sentence may be hers (_follows)
    # A post addressed to the brand ("Hej Foodora! …", "@Comviq …") says the rest to it.
    addressed = bool(sents) and addressed_to(sents[0], mentions)
    of_others: list[tuple[Probs, float]] = []  # context naming other parties (summed last)
    for i, s in enumerate(sents):
        if hits[i]:
            r, p = _brand_sentence(sents, i, mentions, others, score, said, told, ruled)
            if r.choice and not r.flip:  # choosing the brand: what was said of others before
                of_others.clear()  # is why they were left, not said of the brand
            ordered = respective.plan(sents, hits, i, mentions, others, score)
            follows = not ordered and _follows(sents, i, r, p, mentions, others, score)
            verdict = r.choice and follows and _next_opinion(sents, hits, i + 1, others, score)
            parts.append((_flipped(p) if r.flip else p, SWITCH_BEFORE_VERDICT if verdict else 1.0))
            was_left = verdict and r.flip
            # Left with nobody joined named: a long complaint after it is the reason (_reason).
            alone = was_left and not joins_another(s) and not (others is not None and others(s))
            said = None if r.choice else parts[-1][0]
            told = r.fact < 0 or bad_news(s)
        elif i in ordered:
            ruled.add("respective")
            mine, theirs = ordered[i]
            parts.extend((score(t), 1.0) for t in mine)
            parts.extend((score(t), share * OTHER_PARTY_WEIGHT) for t in theirs)
        elif follows and _next_opinion(sents, hits, i, others, score):
            ruled.add("follows")
            p = _mocked(score(s), said, s, told)
            parts.append((_flipped(p) if was_left and not _reason(s, p, alone) else p, 1.0))
        elif addressed and not names_other_beyond_channel(s, others):
            ruled.add("addressed")
            parts.append((score(s), 1.0))
        elif i > first and others is not None and (left := _leaves_for(s, others, score)):
            ruled.add("left")  # after the brand was spoken of (_leaves_for)
            parts.append((left, 1.0))
        elif _HOPE_OR_CONSENT.match(s) is None:  # a wish or a cost accepted is no context either
            if _names_other(s, others):
                of_others.append((score(s), share * OTHER_PARTY_WEIGHT))
            else:
                parts.append((score(s), share * CONTEXT_WEIGHT))
    return parts + of_others


# A comparison between parties, as the comparison rules put it (plain_comparison).
_COMPARES = re.compile(r"\s[<>]\s|\bän\b|\bjämfört med\b", re.I | re.U)


def _plain(r: Reading, sentence: str) -> bool:
    """Whether a reading is the brand's whole sentence as the model reads it: no side of a
    comparison, switch, foil, aside, question, lean or fact."""
    return r.text.strip() == sentence.strip() and not (
        r.flip or r.choice or r.but or r.foil or r.marked or r.aside or r.asked or r.lean
        or r.fact or r.contrary
    )  # fmt: skip


def _structural(r: Reading, sents: list[str], i: int, mentions, others) -> bool:
    """Whether a reading is the rules' own construction, which the pair model overrules only
    surer, and only in a longer text (pair.overrule_min, pair.rereads): a comparative's side, a
    switch, a party named aside or only asked about, words of the rules' own in place of the
    writer's ("Gillar Lunar" for "Varför kan inte ICA Banken ha en lika smidig app som
    Lunar?"), or figures that leant one way said to make no
    difference (_figures_lean: "Coop tog 512 kr …, Ica 498 kr. Skillnaden är ingenting."), or
    a rise denied (Reading.fact +1: the words model reads "inte höjer" by its "höjer")."""
    if r.lean or r.flip or r.choice or r.aside or r.asked or r.fact > 0:
        return True
    # The brand's clauses joined, or read with the sentence before ("Och Försäkringskassan …"),
    # are the writer's words still.
    written = {w.lower() for t in sents[max(0, i - 1) : i + 1] for w in _WORD.findall(t)}
    if any(w.lower() not in written for w in _WORD.findall(r.text)):
        return True
    return (
        r.foil is not None
        and _no_difference(sents)
        and _figures_said(r.text, r.foil, sents, i, mentions, others) != 0
    )


def _compares(sentence: str) -> bool:
    if _COMPARES.search(sentence) is not None:
        return True
    plain = plain_comparison(sentence)
    return plain != sentence and _COMPARES.search(plain) is not None


def _follows(
    sents: list[str], i: int, r: Reading, p: Probs, mentions, others, score: Callable[[str], Probs]
) -> bool:
    """Whether an opinion right after the brand's sentence i (read as `r`, its tone `p`) may be
    the brand's: not when the sentence named it only aside ("Läste i SvD om konkursen. Vilken
    skandal …" is not SvD's), nor when it named another party last (_named_last), nor after the
    other side of a comparison: what follows goes on about the side preferred ("Polestar 2 >
    Tesla Model 3. byggkvaliteten är på en helt annan nivå"), also after the dearer side of
    figures ("Folksam 189 kr/mån, Trygg-Hansa 312 kr/mån … Lätt val" had made Trygg-Hansa
    positive; a fresh probe, revision 17)."""
    after = sents[i + 1] if i + 1 < len(sents) else ""
    if r.aside or (r.flip and not r.choice) or r.lean < 0:
        return False
    if not _named_last(sents[i], mentions, others, after):
        return False
    if r.choice or not after or not (r.lean or _compares(sents[i])):
        return True
    # An opinion of the other tone after a comparison explains why the other side loses ("MAX >
    # McDonald's. inte ens nära. mcdonalds pommes är kalla …", "Max > McDonald's … donkens
    # pommes är bra i 4 minuter sen är de kartong": two fresh two-brand probes, 2026-12-05,
    # where it had made MAX neutral), as after the cheaper or quicker side of figures (r.lean):
    # "… två veckors väntan. Adlibris levererar på 2 dagar. vad är ens poängen" is Amazon's.
    return respective.polar(_flipped(p) if r.flip else p) * respective.polar(score(after)) != -1


def _read_probs(r: Reading, score: Callable[[str], Probs]) -> Probs:
    """The tone of the brand's sentence as read for it (`r`, from reading()), before a
    comparison's or a switch's side turns it round."""
    p = ASIDE if r.aside or r.asked else score(r.text)
    if r.contrary and p[0] < CONTRARY_MIN:
        p = _leaned(p, 1)
    if r.foil is not None and not (r.marked and p[1] >= max(p[0], p[2])):
        # A marked contrast turns only an opinion round, not a fact: "Ica har bäst utbud. Coop
        # ligger dock närmare jobbet." is no complaint of Coop (a review).
        p = _set_against(p, score(r.foil), MARKED_OWN_MAX if r.marked else FOIL_OWN_MAX)
    if r.lean or r.fact:
        p = _leaned(p, r.lean or r.fact)
    if r.choice and not r.but and p[1] > max(p[0], p[2]):
        p = (p[0], p[2], p[1])  # the switch is the opinion: neutral mass to "chosen"
    return p


def _reason(sentence: str, p: Probs, alone: bool = True) -> bool:
    """Whether a complaint after leaving the brand is the reason for leaving, the brand's own
    (not a verdict on leaving, turned round): a long one that says nothing of the choice or of
    where the writer is now. "Äntligen av med Tele2!! 3 månader med fel på fakturan och ingen
    på kundtjänst som fattade nåt." had come out positive for Tele2; "Lämnade Telia. Ångrar
    mig." is regret. The length counts only when `alone`, left with nobody joined named (the
    caller's); after a switch any complaint that is no regret is not turned round: it is the
    party left's own ("bytte från Telia till Hallon … varför betalade jag så mycket i 6 år 💀")
    or the one joined's ("Har precis gått över till Nordea efter 20 år hos SEB. lite nervös
    ärligt, alla säger att deras kundtjänst är kass"), no praise of the party left (fresh
    two-brand probes, 2026-12-05: both had been positive for it)."""
    return (
        p[0] > max(p[1], p[2])
        and (not alone or len(_WORD.findall(sentence)) >= REASON_MIN_WORDS)
        and _CHOICE_WORDS.search(sentence) is None
        and _NOW.match(sentence) is None
    )


def _named_last(sentence: str, mentions: Callable[[str], bool], others, after: str = "") -> bool:
    """Whether the last clause of `sentence` that names a party names the brand: the sentence
    after goes on about that party ("Återvände till Telia i somras, tolv månader med Tele2 var
    nog. täckningen vid stugan var ett skämt" is Tele2's coverage). A configured party named
    there only aside does not count: "Åt middag på Pinchos igår, betalade med Klarna i appen.
    Maten var bättre än väntat" is Pinchos's food (a fresh two-brand probe, 2026-12-05)."""
    for clause in reversed(_clauses(sentence)):
        if mentions(clause):
            return True
        if _names_other(clause, others) and (
            others is None
            or not others(clause)
            or aside(sentence, others, mentions, None, after) is None
        ):
            return False
    return True


def _set_against(own: Probs, foil: Probs, own_max: float = FOIL_OWN_MAX) -> Probs:
    """The brand's side of a sentence set against another party's (`foil`): when its own words
    lean little (`own` below `own_max` either way) and the other side is a clear opinion
    (FOIL_MIN), half its tone is the other side's turned round. "Pressbyrån tar 35 kr för en
    kaffe, på 7-Eleven får jag refill gratis" says Pressbyrån is dear without a word of tone."""
    if max(own[0], own[2]) >= own_max or foil[1] >= max(foil[0], foil[2]):
        return own
    if max(foil[0], foil[2]) < FOIL_MIN:
        return own
    turned = _flipped(foil)
    return (
        (own[0] + turned[0]) / 2,
        (own[1] + turned[1]) / 2,
        (own[2] + turned[2]) / 2,
    )


def _leaned(p: Probs, lean: int) -> Probs:
    """The brand's side of a comparison read with its comparative (`lean`, +1 or -1): two
    thirds of its tone are LEANED that way, unless the model reads it so already (LEAN_SURE)."""
    k = 2 if lean > 0 else 0
    if p[k] >= LEAN_SURE:
        return p
    t = LEANED if lean > 0 else _flipped(LEANED)
    return ((p[0] + 2 * t[0]) / 3, (p[1] + 2 * t[1]) / 3, (p[2] + 2 * t[2]) / 3)


def _brand_sentence(
    sents: list[str], i: int, mentions, others, score, said: Probs | None, told: bool, ruled
) -> tuple[Reading, Probs]:
    """The reading of sentence i, which names the brand, and its tone for the brand before a
    switch's side turns it round (_read_probs). Praise of a few words naming the brand after
    its complaint (`said`, `told`) mocks it, as the sentence after does: "Folksam vägrar ersätta
    min cykel pga 'inte godkänt lås'. … snyggt Folksam." (a fresh two-brand probe, 2026-12-06:
    +0.07 for Folksam)."""
    r = reading(sents, i, mentions, others)
    if not _plain(r, sents[i]):
        ruled.add("reading")
        if _structural(r, sents, i, mentions, others):
            ruled.add("structure")  # pair.overrule_min
    p = _read_probs(r, score)
    if r.flip or r.choice:
        return r, p
    mocked = _mocked(p, said, " ".join(w for w in sents[i].split() if not mentions(w)), told)
    if mocked != p:
        ruled.add("mocked")
    return r, mocked


def _mocked(p: Probs, said: Probs | None, verdict: str, told: bool) -> Probs:
    """`p`, the reading of `verdict`, turned round when it is praise of a few words mocking the
    brand's complaint before it (`said`, `told`: _ironic_verdict). Read as praise only: "Tack
    för inget." the model hears as irony itself, and turned round it had made a price rise
    positive (a fresh two-brand probe, 2026-12-05)."""
    if said is not None and p[2] > p[0] and _ironic_verdict(said, verdict, told):
        return _flipped(p)
    return p


def _ironic_verdict(before: Probs, verdict: str, told: bool = False) -> bool:
    """Whether a verdict of a few words is praise said in irony of the complaint before it
    (`before`: the brand's sentence as read for it, not a switch): "Väntade en timme i Telias
    kö. Kul."; alone, "Kul." is praise. `told`: the sentence told a complaint as a plain fact
    (Reading.fact), which is one however weakly it leans: "Systembolaget hade slut på
    alkoholfritt bubbel kl 12 på nyårsafton. grattis." (a fresh two-brand probe, 2026-12-05).
    The rule scan reads the same in a whole text (sentiment_lexicon.CLOSER_WORDS)."""
    if any(c in _IRONY_MARKS for c in verdict) and before[0] > before[2]:
        return len(_WORD.findall(verdict)) <= MARKED_CLOSER_WORDS
    complaint = before[0] >= COMPLAINT_MIN or (told and before[0] > before[2])
    if len(_WORD.findall(verdict)) > CLOSER_WORDS or not complaint:
        return False
    return praise_only(verdict, swedish())


def _next_opinion(sents: list[str], hits: list[bool], i: int, others, score) -> bool:
    """Whether sentence i, right after one naming the brand and naming it not itself, is the
    brand's: only an opinion is (a neutral one at full weight still carried its leaning into
    the aggregate, and a neutral news item, "Andra stycket, med komma; …" after the sentence
    naming two companies, came out negative), naming no other party, and not an asker's
    wishes."""
    if not 0 < i < len(sents) or hits[i] or not hits[i - 1]:
        return False
    s = sents[i]
    p = score(s)
    return (
        p[1] < max(p[0], p[2])
        and max(p[0], p[2]) >= OPINION_MIN
        and not _names_other(s, others, sentence_case=True)
        and not _asks_between(sents[i - 1], s, others)
        and not (_asks_about(sents[i - 1]) and _THEY.search(s) is None)
        and _HOPE_OR_CONSENT.match(s) is None
    )


# A wish after the brand's sentence is the writer's hope, no verdict on the brand: "Fjällkraft
# skriver på bloggen att de har extra montörer i beredskap. Hoppas det räcker 🤞" (the demo:
# −0.67, from "Hoppas det räcker", which the model reads as −0.71).
# Nor is accepting a cost: "Fjällkraft har varit bra för Lycksele. Det får kosta lite." (the
# demo: the model reads "Det får kosta lite." as −0.83, a reader's "positive"), nor a cost
# weighed against a worse one: "Byter till Nordvind idag. Hellre dålig kundtjänst än att bli
# blåst." (the demo: −0.36 for Nordvind, which the writer chooses; the model reads the second
# sentence as −0.997).
_HOPE_OR_CONSENT = re.compile(
    r"\W*(?:hoppas|håller\s+tummarna|peppar\s+peppar|"
    r"det\s+får\s+(?:väl\s+|ju\s+)?kosta(?:\s+(?:lite|vad\s+det\s+kostar))?\W*$|"
    r"(?:men\s+|och\s+)?hellre\s[^.!?]*?\sän\s)",
    re.I | re.U,
)
