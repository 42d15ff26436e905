"""A kind of thing, or what a thing is or does, rather than one event: "Most rockets used to launch satellites",
"including launch of a new Mars rover", "hypersonic missiles, which fly ...", "the vehicle launched from Cape
Canaveral is able to carry ...".

Pure functions over the article text and offsets.
"""
from __future__ import annotations

import re
from typing import Sequence

from agents.enrich.article_view import ArticleView, words_of
from agents.enrich.clauses import CLAUSE_BREAK, NOUN_PHRASE_WORDS, last_word_start


# a launch noun with no determiner, joined to what is launched, after a preposition: a sector or a skill, never one
# launch ("industrial chains of rocket launch, satellite and data")
_BARE_COMPOUND = re.compile(r"\b(?:of|in|for|on)\s+(?:rocket|satellite|space|orbital|spacecraft|missile)\s+$")
# a plural after a quantifier ("Most rockets used to launch satellites"), not a part of a group ("Most of the missiles")
_QUANTIFIER_BEFORE = re.compile(r"\b(?:all|any|every|most|such|no)\s+(?:(?!of\b|the\b)[a-z][\w-]*\s+)?$", re.IGNORECASE)
# a bare plural after a preposition, up to two modifiers before it, right before the participle: "of Chinese rockets "
_BARE_PLURAL_THEN = re.compile(r"\b(?:of|from|with|for|about|on|in|by|among|like)\s+(?P<mods>(?:[\w'’-]+\s+){0,2}?)"
                               r"[\w-]+(?<![su])s\s+$", re.IGNORECASE)
# a measure of a barrage before "of": "a barrage of rockets fired from Gaza" is one attack, no kind
_MEASURE_BEFORE = re.compile(r"\b(?:barrage|barrages|salvo|salvos|salvoes|volley|volleys|hail|wave|waves|series|pair|couple|"
                             r"number|dozens|hundreds|thousands|handful|string|flurry|spate|round|rounds|rain|shower|swarm|"
                             r"total|launch|launches|firing|attack|attacks|strike|strikes)\s+$", re.IGNORECASE)
# a singular after a quantifier over a kind: "every launch", "any launch" (not "each": "each missile flew 300 km"
# counts off the ones just told)
_DISTRIBUTIVE_BEFORE = re.compile(r"\b(?:every|any)\s+(?:(?!of\b|the\b|other\b|one\b)[a-z][\w-]*\s+)?$", re.IGNORECASE)
_QUANTIFIED_SUBJECT = re.compile(r"\W*(?:most|all|every|any|such|many)\s+(?!of\b|the\b)(?:[\w'’-]+\s+){0,2}?[\w-]+s\s+"
                                 r"[^,;]*$", re.IGNORECASE)
# a bare plural both sides of a passive participle: "from artificial satellites launched by rockets"
_BARE_PLURAL_BEFORE = re.compile(r"\b(?:of|from|with|for|about|on|in)\s+(?:[a-z][\w-]*\s+)?$")
_BARE_PLURAL_NOUN_BEFORE = re.compile(r"\b(?:of|from|with|for|about|on|in)\s+(?:[a-z][\w-]*\s+)?[a-z][\w-]*s\s+$")
_BY_BARE_PLURAL = re.compile(r"\s+by\s+(?:[a-z][\w-]*\s+)?[a-z][\w-]*s\b")
_BY_ONLY = re.compile(r"[\w-]+\s+by\s+", re.IGNORECASE)
_NOT_BARE = NOUN_PHRASE_WORDS | frozenset("two three four five six seven eight nine ten dozen dozens several some many "
                                          "both our your my all most any no each every".split())


def kind_of_thing(doc: ArticleView, s0: int, o0: int, o1: int, vs: int, end: int, dated: bool) -> bool:
    """Is the hit about a kind of launch or thing rather than one that flew: a bare launch noun joined to its object
    after a preposition ("industrial chains of rocket launch, satellite and data", dated or not: a sector, whatever
    day it was spoken of); where the sentence dates nothing, a plural after a quantifier ("Most rockets used to
    launch satellites ... perform controlled re-entrances") or a singular after "every" or "any" ("from
    every launch, success or failure"), an -ing participle right after a bare plural after a preposition ("the first
    stages of Chinese rockets launching from the inland Taiyuan facility"), or a bare plural both sides of a passive participle
    ("information obtained from artificial satellites launched by rockets")?"""
    launch_word = last_word_start(doc.text, vs, end) if (o0, o1) == (vs, end) else vs  # a phrase: its noun
    if doc.lower[launch_word:end].split(None, 1)[0] == "launch" \
            and _BARE_COMPOUND.search(doc.text, max(s0, launch_word - 30), launch_word):
        return True
    if dated:
        return False
    if doc.lower[vs:end].split(None, 1)[0].endswith("ing") \
            and (m := _BARE_PLURAL_THEN.search(doc.text, max(s0, vs - 60), vs)) is not None \
            and not set(words_of(m.group("mods"))) & _NOT_BARE and not _MEASURE_BEFORE.search(doc.text, max(s0, m.start() - 20), m.start()):
        return True  # "the first stages of Chinese rockets launching from the inland Taiyuan facility": a kind of rocket,
        # whatever the participle is paired with
    if vs < o0:  # verb first: what a quantified subject does, or a bare plural agent ("launched by rockets")
        cut = list(CLAUSE_BREAK.finditer(doc.text, s0, vs))
        if _QUANTIFIED_SUBJECT.match(doc.text, cut[-1].end() if cut else s0, vs):
            return True
        return doc.lower[o0:o1].rstrip().endswith("s") and bool(_BY_ONLY.fullmatch(doc.text, vs, o0)) \
            and _BARE_PLURAL_NOUN_BEFORE.search(doc.text, max(s0, vs - 60), vs) is not None
    plural = doc.lower[o0:o1].rstrip().endswith("s")
    if plural and _QUANTIFIER_BEFORE.search(doc.text, max(s0, o0 - 30), o0):
        return True
    if _DISTRIBUTIVE_BEFORE.search(doc.text, max(s0, o0 - 30), o0):
        return True  # "They believe they learn something new from every launch, success or failure": any one of them
    m = _BARE_PLURAL_BEFORE.search(doc.text, max(s0, o0 - 40), o0)
    return (plural and m is not None and not doc.text[o1:vs].strip() and doc.lower[vs:end].split(None, 1)[0].endswith("ed")
            and not set(words_of(m.group())) & _NOT_BARE and _BY_BARE_PLURAL.match(doc.text, end) is not None)
# a clause opened by "including" or "such as" lists examples of a kind: "capping off a busy summer that saw its share
# of historic missions, including launch of a new Mars rover and the first crewed liftoff from U.S. soil"
_EXAMPLES_OPENER = re.compile(r"\s*(?:including|such as)\b", re.IGNORECASE)


def examples_list(text: str, s0: int, start: int) -> bool:
    """Is the trigger at ``start`` in a clause that "including" or "such as" opens after a comma? Its
    events are the examples of a noun before the comma, dated by that noun, not by the sentence."""
    cut = list(CLAUSE_BREAK.finditer(text, s0, start))
    return bool(cut) and cut[-1].group() == "," and _EXAMPLES_OPENER.match(text, cut[-1].end(), start) is not None


# what may stand between a plural subject and its verb: nothing, or a relative pronoun ("missiles, which fly")
_SUBJECT_TO_VERB = re.compile(r"\s*(?:,\s*)?(?:(?:which|that)\s+)?")
#: verbs whose past is their base form: "Russian missiles hit Kyiv" is told of the past
_SAME_PAST = frozenset("hit put set shut cut cast broadcast burst spread".split())


def plural_present(text: str, o0: int, o1: int, vs: int, lemmas: Sequence[str]) -> bool:
    """Is the trigger verb the simple present of a plural subject right before it, the way body text tells what a
    kind of thing does ("hypersonic missiles, which fly ...", "Such rockets launch from mobile pads")? The base form
    only (a past or a participle is an event), and not one whose past is the same word."""
    m = _SUBJECT_TO_VERB.match(text, o1, vs)
    if m is None or m.end() != vs or not text[o0:o1].rstrip().lower().endswith("s"):
        return False
    word = re.match(r"[a-z]+", text[vs:vs + 20].lower())
    return word is not None and word.group() in lemmas and word.group() not in _SAME_PAST


_AUXILIARIES = frozenset("is are was were be been being has have had".split())
_OWN_SUBJECT = re.compile(r"\b(?:if|when|because|as|while|that|which|who|we|they|it|he|she|you|i|there|although|though|"
                          r"since|after|before|and|but)\b", re.IGNORECASE)
# the first finite verb after a participle: present ("is able to carry") or not
_FINITE_AFTER = re.compile(r"\b(?P<v>is|are|can|remains|remain|was|were|had|has|have|did|will|would)\b", re.IGNORECASE)


def participle_of_present(text: str, o1: int, vs: int, end: int, s1: int) -> bool:
    """Is the trigger a past participle right after its object ("the vehicle launched from Cape
    Canaveral") in a clause whose own verb, later, is in the present ("... is able to carry a
    satellite")? Then it describes what the thing is or can do, not a launch."""
    gap = text[o1:vs].split()
    if len(gap) > 1 or any(w.lower() in _AUXILIARIES for w in gap) or not text[vs:end].rstrip().lower().endswith("ed"):
        return False
    m = _FINITE_AFTER.search(text, end, s1)
    # the verb of another clause ("missiles intercepted, if we are to believe reports") is not this one's
    return m is not None and m.group("v").lower() in ("is", "are", "can", "remains", "remain") \
        and not _OWN_SUBJECT.search(text, end, m.start())


# a present participle right after its noun, no auxiliary before it: "the mission carrying astronauts"
_NOUN_END = re.compile(r"\b(?!(?:is|are|was|were|be|been|being|am)\b)[a-z][\w’'-]*\s+$", re.IGNORECASE)
# "has" or "have" as the main verb, not a perfect's auxiliary: "has an instantaneous launch window"
_HAS_A_THING = re.compile(r"\s+(?:a|an|the|its|their|no|only|one|two|three|just\s+(?:a|an|one))\b", re.IGNORECASE)


def ing_of_present(text: str, s0: int, vs: int, end: int, s1: int) -> bool:
    """Is the trigger a present participle right after its noun, its object after it ("the mission carrying
    astronauts to the space station"), in a clause whose own verb, later, is in the present ("... has an
    instantaneous launch window", "... is scheduled")? With no time, it describes what the thing is, as a
    preview does, not a launch."""
    if not text[vs:end].split()[0].lower().endswith("ing") or not _NOUN_END.search(text, max(s0, vs - 30), vs):
        return False
    m = _FINITE_AFTER.search(text, end, s1)
    if m is None or _OWN_SUBJECT.search(text, end, m.start()):
        return False
    v = m.group("v").lower()
    return v in ("is", "are", "can", "remains", "remain") or (v in ("has", "have") and _HAS_A_THING.match(text, m.end()))


# the main verb after an aside: "The ... rocket, lifting off with ..., is carrying"
_PRESENT_AFTER_ASIDE = re.compile(r"[^,;:()]*,\s*(?:is|are)\s", re.IGNORECASE)


def ing_aside_of_present(text: str, o1: int, vs: int, end: int, s1: int) -> bool:
    """Is the trigger an -ing participle set off by commas right after its object ("The United Launch
    Alliance rocket, lifting off with the help of two solid rocket motors ..., is carrying ...") before a
    main verb in the present? With no time, it describes the flight to come, as a preview does."""
    return text[o1:vs].strip() == "," and text[vs:end].split()[0].lower().endswith("ing") \
        and _PRESENT_AFTER_ASIDE.match(text, end, s1) is not None