"""The stages a candidate passes (step 6 of :mod:`agents.enrich.rules`): does this trigger and object tell an event
of the news, done, now?

Each stage is a run of guards that returns the first one's reason to drop the candidate, or None. The rule matcher
calls them in this order:

1. :func:`context_rules_out`, before the time is read: the trigger's clause, its context cues, a send on Earth, a
   carrier that is not launching (:mod:`agents.enrich.carrier_verb`), a place's name;
2. :data:`STAGES_ON_OWN_TIME`, with the time the sentence gives the candidate: another sense of the words, a launch
   ahead or an earlier one, what the words are (a definition, an activity), an earlier event (a count's reference
   point, a headline's "following"), a kind or a name, what is usual or a description (a caption's carrier);
3. :func:`the_story_told_again`, after the narrative time (:func:`agents.enrich.event_time.narrative_time`) may have
   dated it from the sentences before;
4. :func:`needs_time_of_its_own`: an undated candidate that needs a time takes the lead's, for a headline, or none;
5. :func:`a_tally_or_a_habit`, with the final time, for news only.

The order is the order in which the guards grew; it matters (a guard asks ``when`` as it is at that point, and later
stages assume the earlier ones passed), so a new guard goes where its reading of ``when`` belongs.
"""
from __future__ import annotations

import re
from typing import Sequence
from dataclasses import dataclass

from agents.enrich.timex import TimeMention
from agents.enrich.trigger_phrase import launch_of_ended_mission, names_a_place
from agents.enrich.event_time import (counted_over_period, counted_participle, dated_by_year, definition, follow_up,
                                      generic_participle, habitual, history_column, how_often, nominal,
                                      places_one_launch, quantified, quoted_day_of_an_older_date, story_time,
                                      supported, tally)
from agents.enrich.other_senses import names_a_team, use_names_no_firing
from agents.enrich.rulepack import RulePack, _Rule
from streams.core.records import Entity
from agents.enrich.article_view import ArticleView, is_title
from agents.enrich.carrier_verb import CARRIER_VERBS, CarrierReading, carrier_reading, simple_present
from agents.enrich.clauses import PRESENT_PROGRESSIVE, clause_key, dated_in_clause, last_word_start, trigger_clause
from agents.enrich.context_cues import context_vetoed
from agents.enrich.descriptions import (examples_list, ing_aside_of_present, ing_of_present, kind_of_thing,
                                        participle_of_present, plural_present)
from agents.enrich.live_lines import schedule_line
from agents.enrich.commemorations import headline_over_an_anniversary, retold_on_its_day
from agents.enrich.earlier_events import lead_dates_older, retold, running_total
from agents.enrich.told_ahead import (ahead_told_in_article, launch_ahead_in_title, told_as_under_way,
                                      weekday_ahead_in_title)


# "the first (X) to come after EVENT", "its first launch since EVENT": EVENT is the reference
# point of a count, an earlier event; it is news only with a time of its own in that clause
# ("its first launch since a nuclear test on Sunday"), never by the sentence's other times; an ordinal that names a
# rocket's stage counts nothing ("A SpaceX Falcon 9 rocket's first stage has landed back ... after carrying an
# Argentinian satellite into space")
_REFERENCE_POINT = re.compile(r"\b(?:first|second|third|fourth|fifth|only)\b(?![\s-]+stages?\b)[^.;:()\u2013\u2014]{0,60}?"
                              r"\b(?P<at>after|since|following)\s+[^.;:()\u2013\u2014]*$", re.IGNORECASE)
# a headline's event noun after "following"/"after" is the earlier event the news comes after
# ("... conducts nuclear test following rocket launch", "... after the launch"); a clause ("after
# North Korea fires missile", its verb first) tells the launch as news
_HEADLINE_AFTER = re.compile(r"\b(?:following|after|in the wake of|on the heels of)\s+(?P<det>(?:its|the|a|an|his|her|their|"
                             r"last|latest|recent)\s+)?(?P<words>(?:[\w-]+\s+){0,2})$", re.IGNORECASE)
# after "since"/"after": a time ("since 2017", "since last year"), or a clause that names the news
# itself ("the first time since 2017 that Pyongyang fired"): no earlier event
_NOT_AN_EVENT_SPAN = re.compile(r"\s*(?:(?:early|late|mid|the end of|the start of|last|this)\s+)?(?:(?:19|20)\d\d|january|"
                                r"february|march|april|may|june|july|august|september|october|november|december|"
                                r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|then|year|month|week)\b|"
                                r"[^.;:]*\b(?:that|when)\b", re.IGNORECASE)
_NOW_KINDS = frozenset({"today", "this", "recent"})
# a full date with its year, as photo captions give it ("Thursday, Dec. 9, 2021", "9 December 2021")
_MONTHS = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_FULL_DATE = re.compile(rf"\b(?:{_MONTHS}\s+\d{{1,2}},?|\d{{1,2}}\s+{_MONTHS})\s+(?:19|20)\d\d\b")
# a verb trigger opening a restrictive relative clause identifies the noun before it ("the rocket that
# launched the satellite"); the clause tells an event only with a time of its own ("... that launched the
# spacecraft from Baikonur early Monday re-entered"). A clause set off by a comma adds news ("TES, which
# was launched ... yesterday, is functioning well"), and so does "most of which were intercepted"
_RELATIVE_VERB = re.compile(r"(?<![,\s])(?<!\bof)\s+(?:that|which)\s+(?:(?:had|has|have|was|were)\s+(?:been\s+)?)?"
                            # ... or its second verb: "the rocket that launched a satellite but failed to put it in orbit"
                            r"(?:\w+ed\b[^,;:()]*\b(?:but|and)\s+(?:\w+\s+){0,2})?$", re.IGNORECASE)
# ... and one after a person names that person by a part in a deed, a career ("Jesco von Puttkamer, a NASA engineer who
# helped launch the first astronauts to the moon, died Thursday"): the time outside it is the main verb's ("who"
# alone can be a question's: "to discover who fired a missile off the Californian coast")
_PERSON_RELATIVE = re.compile(r"(?<![,\s])\s+who\s+(?:(?:had|has|have)\s+)?helped\s+(?:to\s+)?$", re.IGNORECASE)
# a clause that names a place by what happened there: "close to where the country recently conducted a nuclear
# test", "the site where it tested its missiles", "the facility where it launched a long-range rocket in
# December"; it tells an event only with a date of its own
_WHERE_CLAUSE = re.compile(r"\b(?:near|close to|to|from|at|site|area|place|spot|location|facility|station|base|complex|"
                           r"centre|center|range|pad)\s+where\b[^,;:]*$", re.IGNORECASE)


#: a place, a means or a permission "for" a gerund: its purpose ("a new facility for testing the HAWK missile",
#: "a licence for launching", "funding for testing")
_MEANS_FOR = re.compile(r"\b(?:facilit(?:y|ies)|sites?|ranges?|pads?|cent(?:er|re)s?|complex(?:es)?|bases?|equipment|"
                        r"systems?|platforms?|capabilit(?:y|ies)|infrastructure|licen[cs]es?|permits?|approvals?|funding|"
                        r"funds|budget|money|plans?|programm?e?s?|contracts?|tools?|technolog(?:y|ies)|procedures?|"
                        r"rules|guidelines|protocols?|standards?|requirements?)\s+for\s+$", re.IGNORECASE)
#: a perfect right before a verb, and "since" later in its clause: a span ("has been used since the Gulf War")
_PERFECT_END = re.compile(r"\b(?:has|have|had)\s+(?:been\s+)?(?:\w+ly\s+)?$", re.IGNORECASE)
_SINCE_AFTER = re.compile(r"[^,;:.]{0,60}?\bsince\b", re.IGNORECASE)
#: a future or modal "(will be) the first (time) that ...": what the clause tells is still to come
_FIRST_TIME_AHEAD = re.compile(r"\b(?:will|would|could|may|might|is set to|is expected to)\s+(?:also\s+)?(?:be|mark)\s+the\s+"
                               r"first\s+(?:time\s+)?(?:ever\s+)?(?:that\s+|when\s+|in which\s+)?[^,;:.]*$", re.IGNORECASE)
#: "other", "earlier", "past" before a plural event noun: events besides the news, told as a series
_EARLIER_PLURAL = re.compile(r"\b(?:other|earlier|past|prior|previous)\s+(?:[\w'’-]+\s+){0,2}$", re.IGNORECASE)
_PLURAL_EVENT_NOUNS = frozenset("launches tests firings flights test-firings liftoffs detonations explosions".split())


# --- the stages, in the order the matcher calls them (see the module docstring) ------------------------------


@dataclass(frozen=True, slots=True)
class Sentence:
    """The sentence the candidates are in, and what they are matched against."""
    doc: ArticleView
    pack: RulePack
    rule: _Rule
    sent: int  # its index in doc.sentences: 0 is the headline when the article has one
    s0: int
    s1: int
    text: str  # doc.text[s0:s1]
    ents: list[Entity]  # the entities that start in it


@dataclass(frozen=True, slots=True)
class Candidate:
    """A trigger and its object: the span ``start:end`` covering both, the verb (or event noun) at ``vs``, the object
    at ``o0:o1`` (a phrase is its own verb and object), and the verb's first word, read by several guards."""
    start: int
    end: int
    vs: int
    o0: int
    o1: int
    verb_word: str


def undated(when: TimeMention | None) -> bool:
    """Does the candidate have no time that places it (none, or one whose age is unknown: "this year", "since late
    December 2013")? Asked of the ``when`` the candidate has at that point, which the narrative and lead times may
    replace."""
    return when is None or when.age is None


def context_rules_out(here: Sentence, c: Candidate) -> str | None:
    """Before its time is read: the trigger's clause and context cues (step 4 of :mod:`agents.enrich.rules`), a send on Earth, a place."""
    doc, pack, rule, s0, s1, ents = here.doc, here.pack, here.rule, here.s0, here.s1, here.ents
    start, end, vs, o0 = c.start, c.end, c.vs, c.o0
    if rule.clause_excludes_re is not None and rule.clause_excludes_re.search(clause_key(doc, s0, s1, start, end)):
        return "clause excludes"  # "conducted a rocket engine test" in the trigger's own clause
    if context_vetoed(doc, pack, rule, s0, s1, start, end, vs, ents, phrase=(o0, c.o1) == (start, end)):
        return "context cue"
    if schedule_line(doc.text, s0, vs):
        return "a schedule"  # "Liftoff time: 6:30 p.m.", a countdown's timeline "00:00:00: Falcon 9 liftoff"
    if _sent_on_earth(doc, vs, end, ents):
        return "sent on Earth"  # "the four astronauts, they were sent to Russia for a medical checkup"
    if (carrier := _carrier(here, c)) is not None and carrier.kind != "launching":
        return f"carrier {carrier.kind}"  # "A capsule carrying U.S., Russian and Italian astronauts ... landed in
        # Kazakhstan", "The SpaceX Falcon 9 rocket had been scheduled to launch ..., carrying a communications
        # satellite", "the missile carried a dummy payload": the carrier is not launching, or is a missile
    if (o0 < vs or (o0, c.o1) == (start, end)) and names_a_place(doc.text, vs, end):
        return "names a place"  # "a multi-satellite mission conducted from the Russian space launch facility"
    return None


def _another_sense(here: Sentence, c: Candidate, news: bool, when: TimeMention | None) -> str | None:
    """What the words are: a use or a purpose of the weapon, a team named after it."""
    doc, s0, s1 = here.doc, here.s0, here.s1
    if use_names_no_firing(doc.text, s0, c.vs, c.o1, dated=not undated(when)):
        return "use, no firing"  # "uranium for use in nuclear missiles", "the weapon used by the U.S. Air Force": a purpose, a kind
    if names_a_team(doc.text, s0, s1, c.o0, c.o1):
        return "a team"  # "the Rockets hot outside shooting": a team named after the weapon
    return None


def _ahead_or_earlier(here: Sentence, c: Candidate, news: bool, when: TimeMention | None) -> str | None:
    """Not a done act of the news's own time: a launch ahead (the day the headline previews, an arrangement, a first
    time to come, under way today), an earlier one (the lead's older date, earlier plurals, told late, a series), a
    span of use, or what a thing is for."""
    doc, sent, s0, s1 = here.doc, here.sent, here.s0, here.s1
    start, end, vs, o0, o1, verb_word = c.start, c.end, c.vs, c.o0, c.o1, c.verb_word
    if news and sent > 0 and when is not None and when.kind == "weekday" and weekday_ahead_in_title(doc, when.text):
        return "weekday ahead"  # "Friday's launch marks a return to flight" under "Weather OK for Friday Atlas V rocket launch"
    if news and sent > 0 and when is not None and when.kind == "weekday" and when.age == 0 \
            and not doc.text[s0 + when.end:start].strip() and launch_ahead_in_title(doc):
        return "today's launch ahead"  # "Monday's Falcon 9 launch kicks off a busy week" on the Monday, under "Weather
        # looks excellent for SpaceX launch": the day's launch the headline previews, still to come
    if news and sent == 0 and doc.title_end and undated(when) and lead_dates_older(doc, o0, o1, start, end):
        return "lead dates older"  # "China Tested Hypersonic Missile: U.S. General" over a lead that places the launch "in July"
    if when is not None and when.kind not in _NOW_KINDS and PRESENT_PROGRESSIVE.search(doc.text, max(s0, vs - 12), vs) \
            and verb_word.endswith("ing"):
        return "arrangement"  # "is launching its own satellite in August": an arrangement, not news
    if undated(when) and _EARLIER_PLURAL.search(doc.text, max(s0, vs - 40), vs) \
            and verb_word in _PLURAL_EVENT_NOUNS:
        return "earlier plural"  # "This test follows other successful launches of the Precision Strike Missile": earlier ones
    if undated(when) and _PERFECT_END.search(doc.text, max(s0, vs - 30), vs) \
            and _SINCE_AFTER.match(doc.text, end, s1):
        return "span of use"  # "ATACMS, which has been used since the Gulf War": a span of use, no one event
    if undated(when) and _MEANS_FOR.search(doc.text, max(s0, vs - 40), vs) \
            and verb_word.endswith("ing"):
        return "means for"  # "opened a new facility for testing the HAWK missile": what a thing is for, no event
    if _FIRST_TIME_AHEAD.search(doc.text, s0, vs):
        return "first time ahead"  # "This will be the first time that astronauts launched into space from US soil
        # since 2011": the clause under a future "first time" is the event to come
    if undated(when) and doc.told_late():
        return "told late"  # "details of the failed test remained secret for several weeks, until Tuesday night": the
        # event's own day governs, not the day it became known; undated, it is older than the news
    if (when is None or when.kind == "today") and told_as_under_way(doc, sent, s0, s1, vs, end) \
            and ahead_told_in_article(doc):
        return "under way"  # "US Army testing next-generation missile in California today" over "The launch will take
        # place ... between 10:30 and 11:00 AM ET": the day's event, still ahead
    if news and quoted_day_of_an_older_date(doc, s0, s1, when, start) is not None:
        return "quoted day"  # "On 28 May 1998 ... Pakistan conducted its first nuclear test", then the Prime Minister's
        # "Today, we have ... carried out 5 successful nuclear tests." on an undated page: the speech's day, 1998
    if headline_over_an_anniversary(doc, sent, when):
        return "anniversary under the headline"  # "North Korea marks "miracle" nuclear test" over "marked the first
        # anniversary of the nuclear test": the headline names the remembered test
    if news and retold_on_its_day(doc, s0, s1, when, start):
        return "retold on its day"  # Vajpayee's quoted "Today, at 15:45 hours, India conducted three underground
        # nuclear tests" on a page of 12 May 2022 that "remembered" him and named "May 1974": the day of 1998 it remembers
    if counted_participle(doc.text, s0, vs):
        return "a series"  # "after three failed attempts", "a series of failed attempts": earlier events, a series
    return None


def _what_the_words_are(here: Sentence, c: Candidate, news: bool, when: TimeMention | None) -> str | None:
    """A definition, or an activity named by a gerund."""
    doc, s0, s1 = here.doc, here.s0, here.s1
    start, end, vs = c.start, c.end, c.vs
    if definition(doc.text, s0, start, end, s1):
        return "definition"  # "A nuclear weapons test is an experiment in which a nuclear weapon ... is detonated"
    if undated(when) and _OF_END.search(doc.text, max(s0, vs - 8), vs) \
            and c.verb_word.endswith("ing"):
        return "activity"  # "the accuracy of putting satellites into orbit": a gerund after "of" names an activity
    return None


def _an_earlier_event(here: Sentence, c: Candidate, news: bool, when: TimeMention | None) -> str | None:
    """The reference point of a count ("the first since ..."), or the event a headline's news follows."""
    doc, sent, s0, s1 = here.doc, here.sent, here.s0, here.s1
    start, vs, o0 = c.start, c.vs, c.o0
    ref_point = _REFERENCE_POINT.search(doc.text, s0, start)
    if ref_point is not None and _NOT_AN_EVENT_SPAN.match(doc.text, ref_point.end("at")):
        ref_point = None  # "the first time since 2017 that North Korea fired": the news itself
    if ref_point is not None and (undated(when) or s0 + when.start < ref_point.start("at")):
        return "reference point"  # "the first to come after Pyongyang tested its most powerful nuclear bomb yet"
    if doc.title_end and (sent == 0 or is_title(doc, s0, s1)) and undated(when) \
            and (m := _HEADLINE_AFTER.search(doc.text, s0, start)) is not None \
            and (vs > start or o0 == vs or m.group("det") and not m.group("words")):
        return "headline after"  # "N. Korea conducts second nuclear test following rocket launch": an earlier event, undated
    return None


def _a_kind_or_a_name(here: Sentence, c: Candidate, news: bool, when: TimeMention | None) -> str | None:
    """A kind of event or thing, an example of a kind, or a clause that names a rocket, a mission or a place by what
    was done with it."""
    doc, rule, s0, s1 = here.doc, here.rule, here.s0, here.s1
    start, end, vs, o0, o1 = c.start, c.end, c.vs, c.o0, c.o1
    spec = rule.spec
    if spec.needs_time and quantified(doc.text, s0, start, end):
        return "quantified"  # "the FAA, which oversees all commercial space launches": a kind of event
    if kind_of_thing(doc, s0, o0, o1, vs, end, dated=not undated(when)):
        return "kind of thing"  # "Most rockets used to launch satellites ...", "from artificial satellites launched by rockets"
    if examples_list(doc.text, s0, start) and not (
            dated_in_clause(doc.text, when, s0, min(vs, start), s1) and when.age is not None):
        return "example"  # "historic missions, including launch of a new Mars rover": an example of the kind, dated by its noun
    if (_RELATIVE_VERB.search(doc.text, max(s0, vs - 100), vs) or _PERSON_RELATIVE.search(doc.text, max(s0, vs - 40), vs)) \
            and not dated_in_clause(doc.text, when, s0, vs, s1):
        return "names the thing"  # "The rocket that launched a communications satellite ... burned up": it names the rocket
    if rule.participle_excludes_re is not None and launch_of_ended_mission(
            doc.text, s0, s1, vs, end, None if when is None else s0 + when.start):
        return "mission's start"  # "the Demo-2 mission ended in which American astronauts were launched": the mission's start
    if _WHERE_CLAUSE.search(doc.text, max(s0, start - 80), start) and (
            undated(when) or when.kind == "recent"):
        return "names the place"  # "close to where the country recently conducted a nuclear test": it names the place
    return None


def _usual_or_descriptive(here: Sentence, c: Candidate, news: bool, when: TimeMention | None) -> str | None:
    """A series, what a thing is or can do (a preview's description), what is usual (the simple present), a caption."""
    doc, rule, sent, s0, s1 = here.doc, here.rule, here.sent, here.s0, here.s1
    start, end, vs, o0, o1, verb_word = c.start, c.end, c.vs, c.o0, c.o1, c.verb_word
    spec = rule.spec
    if spec.needs_time and when is not None and when.kind == "recent" and tally(doc.text, s0, start, end):
        return "recent series"  # "four of North Korea's recent nuclear tests": a series, however recent
    if news and undated(when) and o1 <= vs and participle_of_present(doc.text, o1, vs, end, s1):
        return "what it can do"  # "the Falcon 9 vehicle launched from Cape Canaveral is able to carry ...": what it can do
    if news and undated(when) and (vs < o0 or _NOUN_HEAD_GAP.fullmatch(doc.text, o1, vs)) \
            and ing_of_present(doc.text, s0, vs, end, s1):
        return "what it is"  # "the mission ferrying astronauts to the space station has an instantaneous launch window";
        # and with the rocket as the object: "The rocket carrying the satellite is a brand-new Block 5 model"
    if news and undated(when) and o1 <= vs and ing_aside_of_present(doc.text, o1, vs, end, s1):
        return "preview aside"  # "The United Launch Alliance rocket, lifting off with the help of two solid rocket
        # motors ..., is carrying a U.S. National Reconnaissance Office mission": a preview describes the flight to come
    if undated(when) and verb_word in _CARRYING and PRESENT_PROGRESSIVE.search(doc.text, max(s0, vs - 12), vs) and (
            (o1 <= vs and rule.object_first) or (vs < o0 and not _ON_ITS_WAY.match(doc.text, o1, s1))):
        # with no time, what a rocket is carrying is its payload: the rocket as the object, as a preview tells it ("The
        # United Launch Alliance rocket, lifting off with ..., is carrying a U.S. National Reconnaissance Office
        # mission"), or the payload as the object, going nowhere ("the Delta IV rocket, which is carrying a pair of Air
        # Force tracking satellites" after a scrub; "is carrying 23 Starlink satellites into orbit" is on its way)
        return "payload"
    if news and sent > 0 and undated(when) and (carrier := _carrier(here, c)) is not None \
            and carrier.kind == "launching" and simple_present(doc.text, carrier.at):
        return "caption"  # "The Saturn V rocket carrying the Apollo 11 crew lifts off from Kennedy Space Center": the
        # carrier's verb in the simple present, undated, in body text: a photo caption, often of a launch long past
    if news and sent > 0 and (o0, o1) != (start, end) and undated(when) \
            and habitual(doc.text, vs):
        return "habitual"  # body text in the simple present tells what is usual ("SpaceX launches Falcon 9 rockets there")
    if news and sent > 0 and undated(when) and o1 <= vs \
            and plural_present(doc.text, o0, o1, vs, rule.spec.verbs):
        return "what they do"  # "hypersonic missiles, which fly between above five times the speed of sound": what they do
    if news and sent > 0 and _FULL_DATE.search(here.text) and habitual(
            doc.text, vs if (o0, o1) != (start, end) else last_word_start(doc.text, start, end)):
        # the simple present with a picture's full date is a photo caption ("A SpaceX Falcon 9 rocket launches
        # with NASA's IXPE spacecraft ..., Thursday, Dec. 9, 2021"), often a file photo, or a schedule
        return "caption"
    return None


#: the stages that read the candidate's own time, in order (before the narrative time may replace it)
STAGES_ON_OWN_TIME = (_another_sense, _ahead_or_earlier, _what_the_words_are, _an_earlier_event, _a_kind_or_a_name,
                      _usual_or_descriptive)


def the_story_told_again(here: Sentence, c: Candidate, news: bool, when: TimeMention | None) -> str | None:
    """After the narrative time: the launch the lead dated, a dated event told again, an inquiry's findings."""
    doc, pack, sent, s0 = here.doc, here.pack, here.sent, here.s0
    start, vs, o0 = c.start, c.vs, c.o0
    if news and sent > 1 and (undated(when) or when.kind == "recent") \
            and _DEFINITE_BEFORE.search(doc.text, max(s0, start - 40), start) and story_time(doc) is not None:
        return "story's launch"  # "The recent launch — and failure — of a new rocket" after a lead "On March 16, China
        # launched the first Long March 7A": the story's launch, of the day its lead gives
    if news and undated(when) and sent >= 2 and retold(doc, sent, vs, o0):
        return "retold"  # "In June last year, the Royal Navy test-fired an unarmed Trident II D5 ... when HMS Vengeance
        # ... test-fired the missile off the coast of Florida": the dated event told again
    if news and undated(when) and follow_up(doc, pack):
        return "follow-up"  # an inquiry's findings: the failure it studies is not this week's news
    return None


def needs_time_of_its_own(here: Sentence, c: Candidate) -> bool:
    """Does the candidate, undated, need a time within the week (``needs_time`` with a running total or no support
    verb, an event noun, a verb used as a noun after its object)? The caller then takes the lead's time, for a
    headline."""
    doc, pack, rule, s0, s1 = here.doc, here.pack, here.rule, here.s0, here.s1
    start, end, vs, o0, o1 = c.start, c.end, c.vs, c.o0, c.o1
    spec = rule.spec
    return bool((spec.needs_time and (tally(doc.text, s0, start, end) or not supported(doc, rule, s0, s1, start, end)))
                or (vs == start and nominal(doc, pack, s0, s1, vs)) or _noun_compound(doc, rule, vs, o0, o1))


def a_tally_or_a_habit(here: Sentence, c: Candidate, news: bool, when: TimeMention | None) -> str | None:
    """Last, with the candidate's final time: a history column's undated event, a running total, a count over a
    period, how often, a generic participle."""
    doc, pack, sent, s0, s1 = here.doc, here.pack, here.sent, here.s0, here.s1
    start, end, vs, o0 = c.start, c.end, c.vs, c.o0
    if history_column(doc) and not dated_by_year(when):
        return "history column"  # "On this day: Iraq attacks Israel ... The missiles ... hit in the early hours of the morning"
    clause = trigger_clause(doc, s0, s1, start, end)
    total = running_total(doc, pack, s0, s1, *clause)
    if total is not None and (undated(when) or not total[0] <= s0 + when.start < total[1]):
        return "running total"  # "has launched more than 100 small satellites to orbit ... to date": its own clause has no time
    periods = counted_over_period(doc.text, *clause, o0)
    if periods and not places_one_launch(when, s0 + when.start if when is not None else -1, periods):
        return "tally over a period"  # "As of June 13, North Korea has launched 16 missiles in 10 tests this year alone": a tally
    if how_often(doc.lower, *clause) and not places_one_launch(when, s0 + when.start if when is not None else -1, []):
        return "how often"  # "Its Falcon 9 rockets are currently launching every two days on average": a habit
    if sent > 0 and undated(when) and generic_participle(doc.text, s0, vs):
        return "generic participle"  # "Launches from remote launch sites come with little warning, ..., sending ...
        # satellites": usual
    return None
# a definite noun phrase before the trigger speaks of a launch or a rocket the story has told: "The recent launch",
# "the rocket's altitude", "the launch"
# "the rocket's altitude", "the launch"; also what such a phrase coordinates, "The recent launch — and failure"
_DEFINITE_BEFORE = re.compile(r"(?:^|[^\w'’])(?:the|its|this|that)\s+(?:[\w'’-]+\s+){0,2}(?:[,\u2013\u2014-]?\s*(?:and|or)\s+)?$",
                              re.IGNORECASE)


_OF_END = re.compile(r"\bof\s+$", re.IGNORECASE)


_SEND = frozenset({"send", "sends", "sent", "sending"})
_TO_AFTER = re.compile(r"\s+(?:back\s+)?to\s+(?:the\s+)?")
_EARTH_PLACES = frozenset({"COUNTRY", "CITY", "REGION", "PLACE"})


def _sent_on_earth(doc: ArticleView, vs: int, end: int, ents: Sequence[Entity]) -> bool:
    """Is the trigger a "send" whose destination, right after it, is a place on Earth ("were sent to
    Russia for training")? Then nothing went to space."""
    if doc.lower[vs:end].split(None, 1)[0] not in _SEND:
        return False
    m = _TO_AFTER.match(doc.text, end)
    return m is not None and any(e.start == m.end() and e.label in _EARTH_PLACES for e in ents)


def _carrier(here: Sentence, c: Candidate) -> CarrierReading | None:
    """What the carrier of a rule's "carry" trigger does (:mod:`agents.enrich.carrier_verb`); None for other verbs."""
    if CARRIER_VERBS.isdisjoint(here.rule.spec.verbs):
        return None
    return carrier_reading(here.doc.text, here.s0, here.s1, c.vs, c.vs + len(c.verb_word), here.doc.text[c.o0:c.o1])


def _noun_compound(doc: ArticleView, rule: _Rule, verb_start: int, o0: int, o1: int) -> bool:
    """Is the verb's bare form right after a singular object a noun ("the Starship launch is
    trending toward April"), or after other bare forms of the rule's verbs that follow it ("A THAAD
    Interceptor Missile test launch", "the first satellite launch take-off")? Then, as for an event noun, it needs a
    time of its own."""
    if verb_start < o1 or any(w not in rule.bare_verbs for w in doc.lower[o1:verb_start].split()):
        return False
    word = doc.lower[verb_start:].split(None, 1)[0] if doc.lower[verb_start:].strip() else ""
    # a two-word verb written as one word is its noun: "the first satellite launch take-off from UK soil"
    written = doc.text[verb_start:verb_start + 12].split(None, 1)[0].lower() if word else ""
    return (word in rule.bare_verbs or written in _LIFT_OFF_NOUNS) and not doc.lower[o0:o1].rstrip().endswith("s")


_LIFT_OFF_NOUNS = frozenset({"liftoff", "lift-off", "takeoff", "take-off", "blastoff", "blast-off"})


# between a thing and its participle, nothing or the thing's head noun: "The Falcon 9 rocket carrying the satellite"
_NOUN_HEAD_GAP = re.compile(r"\s*(?:[a-z][\w-]*\s+)?")


#: the present participle of an object-first verb ("carry"): "the rocket ... is carrying a satellite"
_CARRYING = frozenset({"carrying"})
# a payload carried somewhere is on its way: "is carrying 23 Starlink satellites into orbit"
_ON_ITS_WAY = re.compile(r"[^,;:.]*?\b(?:into|toward|towards|to\s+(?:orbit|space|the\s+(?:international\s+)?space\s+station))\b",
                         re.IGNORECASE)