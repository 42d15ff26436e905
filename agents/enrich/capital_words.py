"""Words written with a capital for a reason other than being a name.

The name readers (name_spans, name_neighbours, name_runs, coreference) each skip the words that
open a sentence or a date; each reader adds its own words to these groups, so a word shared by
all of them is written here once.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: function words that open a sentence: "The", "After", "Its"
FUNCTION_OPENERS = _words(
    "The A An And But Or On In At By For From With Of To As After Before Since While When Its His Her Their "
    "This That These Those")
WEEKDAYS = _words("Monday Tuesday Wednesday Thursday Friday Saturday Sunday")
MONTHS = _words("January February March April May June July August September October November December")
#: what every name reader skips: a sentence's first word or a date's
OPENERS = FUNCTION_OPENERS | WEEKDAYS | MONTHS

PRONOUNS = _words("He She It They We")
#: adverbs that open a clause: "Meanwhile, ...", "There were ..."
CLAUSE_ADVERBS = _words("There Here Then Now Also Meanwhile However")
DAY_WORDS = _words("Yesterday Today Tomorrow")
NUMBER_WORDS = _words("One Two Three Four Five Six Seven Eight Nine Ten")
HOLIDAYS = _words("Christmas Easter Ramadan Eid Thanksgiving Diwali Passover Hanukkah")
#: plural subjects of saying that a story opens a clause on: "Officials said"
SAYERS = _words("Officials Police")
#: words that count or pick before a noun: "Several missiles", "Last week"
QUANTIFIERS = _words("Last Next Every Each Both Several Many Some All No")
