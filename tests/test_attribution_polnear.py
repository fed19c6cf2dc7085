"""Attribution on real news: constructions from the PolNeAR train articles, and the score there.

The articles and their hand annotation are read from ``../shared/data/polnear/train`` (never
copied into the project); the tests skip with a message when that folder is absent. Each
construction below names a real sentence by its article and the offset of its cue; the expected
speaker is the one the annotators gave (as the library names it).
"""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys

import pytest

import newsvoices as nv
from newsvoices.records import STATEMENT_COLUMNS

from .conftest import ROOT

SHARED = ROOT.parent / "shared"
POLNEAR = SHARED / "data" / "polnear" / "train"
SCORER = SHARED / "eval" / "score_polnear.py"
pytestmark = pytest.mark.skipif(not POLNEAR.is_dir(), reason=f"{POLNEAR} is absent: the real annotated news "
                                "(../shared/data, beside the project) is needed for these tests")

#: (construction, article, offset of the cue in the stored article, the speaker the annotators gave)
CONSTRUCTIONS = [
    ("subject of 'said'", "politico_2016-07-22_rep-gwen-graham-slams-trump-prai", 1466, "Graham"),
    ("subject of 'said', a group", "wash-post_2016-07-03_trump-tweet-that-blasts-clinton-", 631, "critics"),
    ("inverted: '..., said X'", "wash-post_2016-07-20_beyond-plagiarism-a-bigger-issue", 7883, "Latimer"),
    ("inverted: '..., said Mr. X'", "nyt_2016-08-02_how-an-aide-to-trump-held-sway-i", 8156, "Kopachko"),
    ("inverted, a surname the tagger read as an adverb: '“...,” said Skelly, explaining ...'",
     "politico_2016-01-05_trump-quietly-builds-a-data-jugg", 5993, "Skelly"),
    ("inverted, a participle before the name, no subject in the parse: '\"...,\" said retired neurosurgeon Ben "
     "Carson, asked about ...'", "wash-post_2015-11-10_caught-fibbing-these-gop-candida", 661, "Carson"),
    ("inverted after a comma: '..., said X, an expert, would ...'", "nyt_2016-09-06_u-s-presses-for-truce-in-syria-d",
     8076, "Kofman"),
    ("inverted after a comma: '..., said X, founder of ...'", "usa-today_2016-04-29_right-wing-parties-threaten-to-j",
     822, "Geert Wilders"),
    ("not inverted: '..., told Agence France-Presse' names the hearer",
     "breitbart_2016-04-15_daggers-drawn-as-trump-cruz-wage", 3290, "Blackwell"),
    ("a name with a generational suffix: 'Sen. Robert P. Casey Jr.'", "wash-post_2016-06-09_party-aims-to-heal-primary-wound",
     6624, "Casey"),
    ("a name with a generational suffix, a person by its 'Mr.' later: 'said C. Stewart Verdery Jr., a senior ...'",
     "nyt_2015-12-14_visa-screening-missed-attacker-s", 3545, "Verdery"),
    ("a role noun of a person named with a suffix: 'Vice President Joseph R. Biden Jr.' ... 'the vice president said'",
     "nyt_2016-08-17_biden-calls-trump-risk-to-u-s-sa", 1523, "Biden"),
    ("a name before a dotted state: 'Sen. Lindsey Graham, R-S.C., ...'", "usa-today_2015-12-07_republicans-reaction-is-that-all",
     1218, "Graham"),
    ("according to an outlet", "usa-today_2016-04-06_sanders-says-he-s-riding-momentu", 1038, "Associated Press"),
    ("according to a website", "wash-post_2015-12-13_misinformation-enters-mainstream", 3149, "Factcheck.org"),
    ("'X, who said'", "wash-post_2016-07-15_thin-skinned-trump-quells-critic", 4504, "O'Donnell"),
    ("'X, who told'", "nyt_2016-04-21_crucial-wins-for-clinton-and-tru", 4746, "Bernie Sanders"),
    ("participle: '..., adding'", "west-journal_2016-07-27_clinton-campaign-manager-laughs-", 1232, "Mook"),
    ("participle of an unnamed source", "politico_2016-07-29_sex-lies-and-the-grayson-family-", 4359,
     "sources (anonymous)"),
    ("conjoined verbs: '... and said'", "politico_2015-12-23_ben-carson-hints-at-major-campai", 7096, "Giles"),
    ("conjoined verbs of a group", "wash-post_2016-06-09_party-aims-to-heal-primary-wound", 7044, "senators"),
    ("pronoun: 'he said'", "wash-post_2016-06-07_cleveland-shakes-off-rust-before", 6318, "Gilbert"),
    ("pronoun: 'he said'", "politico_2016-07-11_republicans-ask-doj-to-investiga", 1005, "Comey"),
    ("pronoun of a name made a person's by 'X said he'", "wash-post_2016-06-14_we-are-in-shock-horrified-a-mosq",
     1932, "Nefzi"),
    ("pronoun of a name made a person's by 'X acknowledged that he'",
     "wash-post_2016-01-16_ex-cia-chief-in-benghazi-breaks-", 4741, "Bob"),
    ("pronoun of a name made a person's by 'X used ... to discuss what he'",
     "west-journal_2016-05-27_rush-limbaugh-explains-the-democ", 702, "Limbaugh"),
    ("continuation quote", "politico_2016-03-10_trump-s-rivals-pull-their-punche", 3782, "Rubio"),
    ("continuation quote", "usa-today_2016-06-15_obama-rips-rhetoric-over-radical", 1580, "Obama"),
    ("headline 'NAME: ...'", "breitbart_2016-07-05_ryan-anti-semitic-images-have-no", 4, "Ryan"),
    ("headline 'NAME: ...'", "huff-post_2016-06-09_rubio-i-still-believe-trump-can-", 5, "Rubio"),
    ("headline 'NAME: ...', the name tagged a plural noun", "breitbart_2016-05-27_sanders-clinton-email-story-has-", 7,
     "Sanders"),
    ("headline 'NAME: ...', the name tagged an adjective", "breitbart_2016-01-31_issa-hillary-clinton-s-honesty-i", 4,
     "Issa"),
    ("headline 'X Calls Y Z'", "huff-post_2015-12-30_hillary-clinton-calls-isis-viole", 16, "Clinton"),
    ("agent of a passive", "huff-post_2016-03-21_the-rise-of-switzerland-s-trump", 3385, "64 percent of the electorate"),
    ("agent of a passive", "huff-post_2016-03-21_the-rise-of-switzerland-s-trump", 3561, "59.6 percent of voters"),
    ("a group with its country", "wash-post_2016-07-15_truck-attack-in-france-kills-at-", 355, "French officials"),
    ("a group", "usa-today_2016-03-17_voters-turned-out-in-droves-tues", 3206, "scientists"),
    ("a group named by an institution", "huff-post_2016-05-25_obama-to-asians-worried-about-u-", 1233,
     "White House officials"),
    ("a group named by a party", "breitbart_2016-02-18_ap-gfk-poll-voters-increasingly-", 3963, "Democratic voters"),
    ("a surname the tagger read as a plural noun", "breitbart_2016-01-05_the-latest-cruz-to-give-away-eng", 5011,
     "Sanders"),
    ("a hyphenated group", "huff-post_2016-08-12_why-progressives-are-celebrating", 4338, "anti-TPP activists"),
    ("an unnamed source of an institution", "politico_2016-02-10_top-clinton-adviser-sent-top-sec", 2194,
     "State Department official (anonymous)"),
    ("a ministry named as it is, not as its country", "politico_2016-02-10_top-clinton-adviser-sent-top-sec", 6132,
     "State Department"),
    ("a ministry named as it is, not as its country", "wash-post_2016-01-31_state-calls-emails-of-clinton-to", 136,
     "State Department"),
    ("subject after a dateline under the headline", "huff-post_2016-05-16_trump-says-he-s-unlikely-to-have", 106,
     "Trump"),
    ("subject after a dateline with a date", "breitbart_2016-07-19_former-ag-mukasey-at-rnc-clinton", 149, "Mukasey"),
    ("'X tweeted'", "politico_2016-03-01_trump-my-immigration-plans-aren-", 1680, "Romney"),
    ("a straight mark closed by a curly one: '\"...,” he said'", "politico_2016-02-09_trump-we-are-going-to-win-so-muc",
     1455, "Trump"),
    ("'“...,“ said X': “ typed for ”", "politico_2015-12-15_carson-huckabee-fiorina-earned-s", 1784, "Noble"),
    ("participle on the subject: 'X claiming ...'", "huff-post_2016-06-16_obama-families-of-gun-violence-v", 2190,
     "A married couple"),
    ("participle on the subject: 'Anyone questioning ...'", "wash-post_2016-05-19_sanders-s-supporters-not-giving-",
     3901, "Anyone"),
    ("participle after a comma, hung on the object: '..., calling him'",
     "breitbart_2016-02-08_the-latest-nh-towns-cast-first-v", 13646, "Christie"),
    ("a verb outside the lexicon before a colon and a quotation", "politico_2016-01-27_the-steep-cost-of-cruz-s-county-",
     2837, "Cruz"),
    ("a verb outside the lexicon before a colon and a quotation (NYT marks)",
     "nyt_2016-07-21_amid-discord-trump-claims-nomina", 7089, "Smith"),
    ("'X continues:' and a quotation, a document", "politico_2016-07-11_republicans-ask-doj-to-investiga", 3599,
     "The letter"),
    ("object control by a verb that is no cue: 'led Y to say'", "wash-post_2015-11-16_clinton-s-missteps-at-debate-arm",
     2377, "Republicans"),
    ("object control in the passive: 'Y was pressed to explain'", "wash-post_2016-07-13_eric-trump-s-not-so-sure-father-",
     773, "Eric Trump"),
    ("'X tweeted', a nominal source", "west-journal_2016-02-10_look-man-spotted-directly-behind", 1182,
     "Another person"),
    ("object control: 'led Y to declare'", "politico_2016-05-05_paul-ryan-says-he-s-not-ready-to", 2101, "Priebus"),
    ("object control: 'prompted Y to call'", "wash-post_2016-08-10_philippine-lawmaker-wants-trump-", 1973,
     "Parliament"),
    ("a demonstrative named by its clause: 'those surveyed said'", "usa-today_2015-11-23_trump-leads-pack-terrorism-a-top",
     958, "those surveyed"),
    ("a demonstrative named by its phrase: 'those around him'", "wash-post_2016-04-21_what-s-next-for-sanders-much-res",
     10387, "those around him"),
    ("a quantifier named by its phrase: 'according to some on Twitter'",
     "west-journal_2016-04-13_megyn-kelly-was-just-spotted-wal", 210, "some on Twitter"),
    ("a quantifier whose clause is the statement: 'some who warned ...'",
     "politico_2016-06-13_terrorism-experts-rebuke-trump-p", 341, "some"),
    ("an institution owned by a person: 'Mr. Sanders's campaign'", "nyt_2016-04-28_nomination-almost-certain-clinto",
     4666, "Mr. Sanders's campaign"),
    ("'according to' parsed inside what another cue reports: 'Trump said ..., according to The New York Times'",
     "usa-today_2016-05-11_london-s-muslim-mayor-rebuffs-tr", 513, "New York Times"),
    ("'according to' inside the quotation is the quoted person's: '\"It's according to age groups,\" said Mattie "
     "Thomas'", "wash-post_2016-02-17_sanders-and-clinton-see-black-vo", 2796, "Thomas"),
    ("'according to' inside the quotation is the quoted person's: 'Estrosi told BFM TV that \"the driver fired ..., "
     "according to the police ...\"'", "wash-post_2016-07-15_truck-attack-in-france-kills-at-", 933, "Estrosi"),
    ("a focus adverb is no part of the source: 'Just 28 percent of voters said'",
     "nyt_2016-07-15_latest-poll-has-trump-pulling-ev", 3088, "28 percent of voters"),
    ("a focus adverb is no part of the source: 'Even some of Clinton's allies have described'",
     "politico_2016-02-19_more-hillary-clinton-emails-rele", 1382, "some of Clinton's allies"),
    ("a noun phrase in apposition to a name speaks as the name: 'Braynard, a South Carolina native who writes'",
     "politico_2016-01-05_trump-quietly-builds-a-data-jugg", 4899, "Braynard"),
    ("a speech noun as the subject of 'was': 'Sanders's point was that ...'",
     "wash-post_2016-05-05_sanders-faces-tough-sell-in-gett", 741, "Sanders"),
    ("a speech noun as the subject of 'was' and a colon: 'Clinton’s response was: “...”'",
     "west-journal_2015-12-01_just-leaked-look-at-hillary-s-sh", 489, "Clinton"),
    ("a phrasal verb before a colon and a quotation", "wash-post_2016-06-01_voters-skeptical-as-clinton-vows", 6130,
     "Nguyen"),
    ("a rare cue form that triggers a parse: 'portrayed'", "politico_2016-02-19_more-hillary-clinton-emails-rele", 1257,
     "Republicans"),
    ("a rare cue form that triggers a parse: 'is pledging'", "usa-today_2016-06-07_political-conventions-race-to-cl",
     3217, "Sanders"),
    ("a phrase that triggers a parse: 'as X point out'", "huff-post_2016-01-28_bernie-sanders-and-hillary-clint", 7477,
     "Clinton supporters"),
    ("a phrase that triggers a parse: 'X point out that'", "nyt_2016-01-30_traditionally-democrat-unions-ar", 77,
     "labor leaders"),
    ("a light verb and a speech noun: 'made no mention of'", "wash-post_2016-07-22_republican-assails-elites-as-he-",
     7822, "Donald Trump"),
    ("a light verb and a speech noun: 'make jokes about'", "nyt_2016-09-07_ugly-election-enters-a-final-sur", 6019,
     "his friends"),
    ("a headline verb the tagger read as a noun: 'Obama rips rhetoric'",
     "usa-today_2016-06-15_obama-rips-rhetoric-over-radical", 6, "Obama"),
    ("a headline verb the tagger read as a proper noun: 'Dorothy Woods Defends Trump'",
     "west-journal_2016-08-05_benghazi-widow-dorothy-woods-def", 29, "Woods"),
    ("a parenthetical cue: '..., Mr. Taylor warned, die-hard supporters plan ...'",
     "nyt_2016-06-23_convention-cities-brace-for-prot", 6383, "Taylor"),
    ("a cue after a quotation that the tagger read as a noun: '“...,” Conway notes.'",
     "usa-today_2016-07-18_convention-is-trump-s-chance-to-", 3237, "Conway"),
    ("a name read as a modal: '“...,” Will wrote.'", "west-journal_2015-11-21_after-trump-heard-what-his-fox-n", 801,
     "Will"),
    ("a finite verb read as a modifier of its object: 'Trump blasted Disney for ...'",
     "breitbart_2016-05-18_trump-s-investments-include-comp", 2369, "Trump"),
    ("a finite verb read as a clause on its subject: 'O'Malley, who signed ..., interjected'",
     "wash-post_2016-01-18_a-sharper-tone-as-stakes-rise", 7615, "O'Malley"),
    ("an infinitive of purpose read as a relative clause: 'has done nothing to explain this'",
     "breitbart_2016-06-20_hillary-clinton-s-policies-creat", 2361, "media"),
    ("an infinitive of purpose read as a relative clause: 'held a press briefing to brag that'",
     "politico_2016-02-05_obama-slams-gop-s-doom-and-despa", 199, "Obama"),
    ("a digest's source after a dash, a colon and a quotation: 'Pollsters agree - Carl Bialik: “...”'",
     "huff-post_2016-02-03_huffpollster-a-seismic-shift-amo", 2204, "Bialik"),
    ("a digest's source after 'More from', a colon and a quotation: 'More from Jones: “...”'",
     "huff-post_2016-02-03_huffpollster-a-seismic-shift-amo", 7544, "Jones"),
    ("a transcript's speaker in capitals, read as a noun: 'TAPPER: Do you think ...'",
     "breitbart_2016-07-10_ok-gov-fallin-trump-is-trying-to", 1900, "Tapper"),
    ("a transcript's speaker in capitals: 'BENENSON: Senator Sanders doesn’t get to decide ...'",
     "west-journal_2016-03-29_hillary-camp-declining-to-debate", 679, "Benenson"),
    ("an embedded post's byline: '... — Sahil Kapur (@sahilkapur) September 1, 2016'",
     "breitbart_2016-08-31_jeff-sessions-rudy-giuliani-wear", 958, "Sahil Kapur"),
    ("a quotation signed on the next line: '\"...\"' then '- Bernie Sanders.'",
     "wash-post_2016-02-05_in-the-democrats-debate-some-fam", 635, "Sanders"),
    ("a definite description of an office refers back to the person: 'The Ohio governor said'",
     "huff-post_2016-02-07_the-latest-gop-debate-kicked-off", 21122, "Kasich"),
    ("a definite description of an office refers back to the person: 'The Florida senator is telling reporters'",
     "breitbart_2016-03-01_the-latest-sanders-wins-minnesot", 26361, "Rubio"),
    ("a joint subject the parse hangs on the second name's title: 'Donald Trump and House Speaker Paul Ryan pledged'",
     "breitbart_2016-05-12_trump-ryan-pledge-to-work-togeth", 120, "Trump"),
    ("a headline's speaker before its audience: 'Clinton to Planned Parenthood: ...'",
     "breitbart_2016-06-10_clinton-to-planned-parenthood-tr", 0, "Clinton"),
    ("a headline's speaker after a kicker: 'EXCLUSIVE – Roger Stone: ...'",
     "breitbart_2016-08-08_exclusive-roger-stone-don-t-trus", 0, "Stone"),
    ("a verb outside the lexicon before a colon and a quotation in the next paragraph: 'Cruz continued:'",
     "breitbart_2015-11-11_the-ninth-circle-the-hellish-vie", 3445, "Cruz"),
    ("a sentence that ends on a colon before a quoted statement: 'Donald Trump issued the following statement:'",
     "west-journal_2016-07-23_trump-addresses-munich-attack-th", 809, "Trump"),
    ("a quotation under a cue with no source: 'When asked why, Sembler responded in a text message: \"...\"'",
     "wash-post_2016-05-25_fundraisers-scorned-by-trump-on-", 3659, "Sembler"),
    ("a quotation under a cue with no source: 'When Trump suggested ..., Rubio fired back forcefully: “...”'",
     "politico_2016-03-10_trump-s-rivals-pull-their-punche", 7198, "Rubio"),
    ("a headline's speaker that is a noun naming speakers: 'Insiders: Trump will rebound ...'",
     "politico_2016-02-04_insiders-trump-will-rebound-in-n", 0, "insiders"),
    ("a headline's speaker that is a noun naming speakers, in lower case: 'Clinton camp: ...'",
     "breitbart_2015-12-07_clinton-camp-trump-s-islamaphobi", 0, "Clinton camp"),
    ("no apposition across a colon: 'Democrat U.S. senators claim to object ...: Sens. Joe Manchin ...'",
     "breitbart_2016-07-22_tim-kaine-fully-embraced-abortio", 5105, "Democrat American senators"),
    ("a name in apposition to a noun for a person is a person's, whatever its first name: 'Geoff Garin, a Democratic "
     "pollster ..., said'", "wash-post_2016-04-20_beyond-victory-clinton-faces-dee", 5558, "Garin"),
    ("a name in apposition after a noun for a person: 'Ms. Merkel's spokesman, Steffen Seibert, wrote'",
     "nyt_2016-03-23_attacks-renew-bitter-debate-on-m", 3356, "Seibert"),
    ("after a wire dateline the parse reads as the subject: 'LA CROSSE, Wisc. — Gov. Mike Pence on Thursday blamed'",
     "politico_2016-08-11_pence-blames-media-for-trump-s-o", 106, "Pence"),
    ("a dateline's city as the subject, the speaker its apposition: 'RANGOON, Burma - Aung San Suu Kyi's political "
     "allies on Monday predicted'", "wash-post_2015-11-10_opposition-appears-to-win-landsl", 110, "Aung San Suu Kyi's allies"),
    ("a title-case wire dateline with its agency, the subject after it a second subject in the parse: 'Washington "
     "(AFP) – Democrat Hillary Clinton has taken a swipe ..., saying'", "breitbart_2016-06-26_clinton-swipes-at-trump-over-bre",
     153, "Clinton"),
    ("the same, with a participle: 'New York (AFP) – Vice President Joe Biden on Monday hit ..., trashing'",
     "breitbart_2016-08-15_biden-stumping-for-clinton-trash", 166, "Biden"),
    ("a party's name before a name is a title: 'Ranking Democrat Dianne Feinstein (D-Calif.) last week said'",
     "politico_2016-02-10_top-clinton-adviser-sent-top-sec", 4101, "Feinstein"),
    ("an organisation keeps the title word before its last word: 'the Commerce Department announced'",
     "usa-today_2016-05-02_clinton-surprise-populist-stay-o", 2063, "Commerce Department"),
    ("a common word capitalised inside a sentence is part of the name: 'just as Red Hot Chili Peppers announced'",
     "breitbart_2016-02-02_red-hot-chili-peppers-in-final-s", 967, "Red Hot Chili Peppers"),
]
#: (construction, article, offset of the cue, a speaker it must not be given)
NOT_SPEAKERS = [
    ("object control: not the subject of 'led'", "politico_2016-05-05_paul-ryan-says-he-s-not-ready-to", 2101,
     "The decisive victory"),
    ("object control: not the subject of 'prompted'", "wash-post_2016-08-10_philippine-lawmaker-wants-trump-", 1973,
     "That proposal"),
    ("no apposition across a colon: 'Milbank: Republicans ‘Waving The Flag ...’'",
     "huff-post_2016-01-24_milbank-republicans-waving-the-f", 0, "Republicans"),
    ("a demonstrative is no speaker without its clause", "usa-today_2015-11-23_trump-leads-pack-terrorism-a-top", 958,
     "those"),
    ("a title is no institution's country", "nyt_2016-04-28_nomination-almost-certain-clinto", 4666, "Mr. Mr. Campaign"),
    ("inside what evidence finds: '... we are finding that ... Trump says ...,\"Katie Packer, ... Pac said'",
     "politico_2016-01-28_super-pac-blasts-trump-for-skipp", 1046, "Pac"),
    ("a title-case dateline's city is no speaker: 'New York (AFP) – Vice President Joe Biden ...'",
     "breitbart_2016-08-15_biden-stumping-for-clinton-trash", 166, "New York"),
    ("a time is no speaker: '... going to the polls Tuesday say they would be satisfied'",
     "breitbart_2016-03-15_the-latest-kasich-scores-all-del", 12071, "Tuesday"),
    ("a time is no speaker: 'Wednesday added one more unusual development'",
     "usa-today_2016-04-28_trailing-cruz-lobs-hail-carly-pa", 262, "Wednesday"),
    ("a time is no speaker: '... aired on Monday when asked how ties would fare'",
     "huff-post_2016-05-16_trump-says-he-s-unlikely-to-have", 745, "Monday"),
    ("a description with another nationality is not the person named before: 'Trump endured ... a lecture from the "
     "Mexican president, who said'", "wash-post_2016-09-01_trump-appeared-to-break-down-wal", 4219, "Trump"),
    ("a party's name is no part of a person's: 'Ranking Democrat Dianne Feinstein'",
     "politico_2016-02-10_top-clinton-adviser-sent-top-sec", 4101, "Democrat Dianne Feinstein"),
]
#: (construction, article, offset of a cue word that makes no statement)
NOT_STATEMENTS = [
    ("'declined to comment'", "wash-post_2016-06-02_not-just-another-trump-vendetta", 4838),
    ("'declined to comment'", "politico_2016-06-21_sanders-anti-superdelegate-push-", 7084),
    ("'refused to say'", "wash-post_2015-11-16_clinton-s-missteps-at-debate-arm", 1278),
    ("'declined to comment'", "huff-post_2016-07-14_fdic-accused-of-covering-up-chin", 1929),
    ("a colon that opens a list, not a quotation", "usa-today_2016-05-09_crippling-college-debt-changes-h", 5669),
    ("a relative clause before the main clause's colon", "huff-post_2016-05-11_sanders-told-a-female-reporter-n", 463),
    ("a headline's noun after a colon, not a verb: 'NY Daily News: Paris Terror Attacks Highlight ...'",
     "breitbart_2015-11-18_ny-daily-news-paris-terror-attac", 28),
    ("an infinitive relative whose object is the noun: 'have other topics to discuss'",
     "usa-today_2016-04-01_obama-asian-leaders-huddle-on-re", 1786),
    ("a participle after a possessive: 'Obama’s highly criticized press conference'",
     "west-journal_2015-11-18_donald-trump-just-revealed-who-h", 1960),
    ("inside what a poll showed: 'A Bloomberg poll in June showed that 72 percent of voters said ...'",
     "nyt_2016-08-22_foundation-and-donors-complicate", 5794),
    ("inside what polls show: 'Polls show as many as 30 percent of Mr. Sanders's backers say ...'",
     "nyt_2016-06-23_convention-cities-brace-for-prot", 6513),
    ("inside what a survey showed: 'The survey showed that 54 percent of active duty military personnel said ...'",
     "west-journal_2016-05-10_trump-s-support-twice-that-of-cl", 492),
    ("'underscore' with an object is evidence: 'The findings underscore an increasingly bitter divide'",
     "usa-today_2016-02-17_who-scares-americans-the-most-fi", 536),
    ("'underscore' with an object is evidence: 'The new paper underscores a broader rethinking'",
     "nyt_2016-04-27_china-trade-is-linked-to-u-s-vot", 4562),
    ("'appeal to X' is courting: 'a final chance to appeal to the state's voters'",
     "usa-today_2016-04-14_clinton-sharpens-focus-on-sander", 2378),
    ("'appeal to X' is courting: 'in a bid to appeal to moderate delegates'",
     "usa-today_2016-04-28_trailing-cruz-lobs-hail-carly-pa", 1658),
]


@pytest.fixture(scope="module")
def analysed():
    """The statements of the articles the tables above name, analysed together."""
    stems = sorted({c[1] for c in CONSTRUCTIONS} | {c[1] for c in NOT_STATEMENTS} | {c[1] for c in NOT_SPEAKERS})
    corpus = nv.load_corpus([POLNEAR / "articles" / f"{s}.txt" for s in stems], progress=False)
    table = nv.analyse(corpus, nv.ActorRegistry(), progress=False).statements
    return corpus, table


def _at(corpus, stem: str, offset: int) -> int:
    """The offset of the stored article's character ``offset`` in the loaded (normalised) text."""
    raw = (POLNEAR / "articles" / f"{stem}.txt").read_text(encoding="utf-8")
    word = re.match(r"[\w’'.:-]+", raw[offset:]).group()
    text = corpus[stem].text
    hits = [m.start() for m in re.finditer(re.escape(word), text)]
    return min(hits, key=lambda h: abs(h - offset))


def _rows_at(analysed, stem: str, offset: int):
    """The statement rows of article ``stem`` that span the stored article's character ``offset``."""
    corpus, table = analysed
    at = _at(corpus, stem, offset)
    return table[(table["article"] == stem) & (table["start"] <= at) & (table["end"] > at)]


@pytest.mark.parametrize(("construction", "stem", "offset", "speaker"), CONSTRUCTIONS,
                         ids=[f"{c[0]} ({c[1][:20]})" for c in CONSTRUCTIONS])
def test_constructions_of_real_news(analysed, construction, stem, offset, speaker):
    rows = _rows_at(analysed, stem, offset)
    assert speaker in rows["speaker"].tolist(), (construction, rows[["speaker", "cue", "text"]].values.tolist())


@pytest.mark.parametrize(("construction", "stem", "offset", "speaker"), NOT_SPEAKERS,
                         ids=[f"{c[0]} ({c[1][:20]})" for c in NOT_SPEAKERS])
def test_wrong_speakers_of_real_news(analysed, construction, stem, offset, speaker):
    rows = _rows_at(analysed, stem, offset)
    assert speaker not in rows["speaker"].tolist(), (construction, rows[["speaker", "cue", "text"]].values.tolist())


@pytest.mark.parametrize(("construction", "stem", "offset"), NOT_STATEMENTS,
                         ids=[f"{c[0]} ({c[1][:20]})" for c in NOT_STATEMENTS])
def test_cue_words_that_make_no_statement(analysed, construction, stem, offset):
    corpus, table = analysed
    at = _at(corpus, stem, offset)
    rows = table[(table["article"] == stem) & (table["start"] <= at) & (table["end"] > at)]
    word = corpus[stem].text[at:].split()[0]
    assert not any(str(cue).startswith(word) for cue in rows["cue"]), (construction, rows.values.tolist())


@pytest.mark.slow
def test_the_score_on_the_train_split_holds(tmp_path):
    """Every article of the train split through the CLI, scored by the official scorer: speech F1
    0.853 (P 0.862, R 0.843) at the end of 2026-12-07 (0.812 that morning), 0.855 (P 0.865, R
    0.845) on 2026-12-08. The floor is the issue's target, F1 and precision 0.85: it guards against
    regressions. It also holds how often a person named by name is typed a person
    (:func:`_people_typed_as_people`)."""
    if importlib.util.find_spec("newsvoices") is None or not SCORER.is_file():
        pytest.skip(f"{SCORER} is absent")
    predicted = tmp_path / "statements.jsonl"
    with predicted.open("w", encoding="utf-8") as out:
        proc = subprocess.run([sys.executable, "-m", "newsvoices", "statements", str(POLNEAR / "articles"), "--format",
                               "jsonl", "--no-cache", "--quiet"], stdout=out, stderr=subprocess.PIPE, text=True,
                              timeout=1800)
    assert proc.returncode == 0, proc.stderr
    first = json.loads(predicted.read_text(encoding="utf-8").splitlines()[0])
    assert list(first) == STATEMENT_COLUMNS
    score = subprocess.run([sys.executable, str(SCORER), str(POLNEAR / "gold.jsonl"), str(predicted)],
                           capture_output=True, text=True, timeout=600)
    line = score.stdout.strip().splitlines()[-1]
    found = re.search(r"speech: precision ([\d.]+) .* recall ([\d.]+) .* F1 ([\d.]+)", line)
    assert found, score.stdout + score.stderr
    precision, recall, f1 = map(float, found.groups())
    assert f1 >= 0.85 and precision >= 0.85, line
    typed, persons = _people_typed_as_people(predicted)
    assert typed / persons >= 0.955, (typed, persons)


def _people_typed_as_people(predicted) -> tuple[int, int]:
    """Of the rows whose speaker the scorer matches to a gold speaker who is a person named by
    name, how many the library types ``person`` (4,568 of 4,742 at the end of 2026-12-07; 4,534
    before a name in apposition to a noun for a person was made a person's)."""
    spec = importlib.util.spec_from_file_location("score_polnear", SCORER)
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    gold, _, _ = scorer.match(str(POLNEAR / "gold.jsonl"), str(predicted), str(POLNEAR / "articles"))
    typed = persons = 0
    for g in gold:
        if g["_check"] and g["_speech"] and g["source_type"] == "name" and g["speaker_kind"] == "person":
            row = next((p for p in g["_preds"] if scorer.speaker_matches(g, p["speaker"])), None)
            if row is not None:
                persons += 1
                typed += row["speaker_type"] == "person"
    return typed, persons
