"""Alert topics: does this article report an event someone must hear about now?

A topic fires only when the article reports that the event happened or was attempted
(failures and interceptions count); plans, warnings, preparations, anniversaries, opinion,
product launches and business news do not.

Rule packs are YAML (``agents/data/rules/*.yaml``, then each operator directory); each file
may hold ``context`` (shared negative cues, merged across files) and ``topics`` (rules
grouped by topic; a topic defined twice gets the rules of both). Schema: ``PackFile`` below;
the packaged ``core.yaml`` is the worked example.

The order in which a rule applies to one article:

1. Article gate: a title starting with an opinion marker (``context.title_prefixes``:
   "Opinion:", "Editorial"...) means no hit at all.
2. Sentences: the title, then the body split on sentence ends and line breaks.
   A trigger word inside a name is no trigger: inside a longer entity ("Missile Defense
   Agency", "Rocket Force"), or, for names no gazetteer holds, a capitalised trigger followed
   by at most three capitalised words of which one is a ``context.name_heads`` word
   ("Missile Command", "Missile Defense Organization").
3. Triggers, per sentence: a ``phrase`` on its own ("nuclear test"), or a ``verb`` (all its
   inflections: fire/fires/fired/firing, shoot/shot) with an ``object`` (plural too: missile,
   missiles) or an entity whose id matches ``object_entities`` ("vehicle:hwasong-*") at most
   ``window`` words apart, in either order ("missiles were fired"), with no ``not_between``
   word between them. All words match on word boundaries, case-insensitively, punctuation
   read as space ("test-fired" = "test fired"); an object-first verb after a clause break and a
   subject of its own is not the object's ("Hezbollah rockets, IDF strikes"). The phrase's shape
   (:mod:`agents.enrich.trigger_phrase`): an object restated after a comma or a dash counts from the verb's own phrase ("a training
   launch of the Abdali weapon system, a ... missile"), an aside set off by commas is no
   distance, a participle opening its sentence takes the subject after the comma ("Launched
   Friday from Baikonur, the Progress cargo ship"), and a bare trigger before facility, centre,
   base or station names a place ("the space launch facility"), as does its gerund before those
   or site, pad, range, ground ("its Sohae satellite launching facility").
4. Negative context, per trigger:
   a. before: a cue (``context.before``: will, could, plans, preparing, warned, not, ahead,
      anniversary...) among the ``before_window`` words before the trigger, not crossing a
      clause break (, ; : parentheses, dashes), or between an object and its later verb; a modal,
      a fear or a rumour earlier in the clause scopes over it up to a new clause ("easing fears
      the state had conducted another nuclear test"); cues before "the launch of <object>" are
      that launch's;
   b. infinitive: "to" (or "to be") right before the verb, unless the word before "to" is in
      ``context.to_ok`` ("attempted to launch" counts, "plans to launch" does not);
   c. after: a cue (``context.after`` + the rule's ``after``: postponed, scrubbed, planned,
      ban, site...) among the ``after_window`` words after the trigger, within its clause (in body
      text not the capitalised words that go on with a capitalised object's name, "Ghauri Missile
      System"); an object before its verb and right before one of the rule's ``after`` nouns is
      the first part of a compound ("satellite imagery of the launch");
   d. sentence: the sentence is a question, or holds a ``context.sentence`` phrase
      (anniversary, years ago, quarterly, contract...) or the rule's ``sentence_excludes`` (its
      ``clause_excludes`` only in the trigger's clause: "fired a missile, and conducted a rocket
      engine test" keeps the launch); for
      the headline, also one of the rule's ``lead_excludes`` in the first two body sentences
      (the lead tells what the headline's "test of new missile" was: "a ground jet test");
   e. clause: a ``context.clause_after`` word anywhere after the trigger in its clause,
      before any relative pronoun ("the launch ... will occur in September");
   f. between a verb and its later object, a ``before`` cue ("with a planned missile");
      "to" + a light verb before an event noun ("preparations to conduct the nuclear test").
5. Entity and word requirements: ``sentence_requires_any`` (the sentence must hold one of
   these words or entities), ``sentence_excludes_any`` (it must hold none),
   ``article_requires_any``, ``article_excludes_any`` (the article must hold none). An item with ":" is an entity-id glob ("country:KP",
   "vehicle:*"), an UPPERCASE item an entity label, anything else a word or phrase.
6. Event (:mod:`agents.enrich.events`, :mod:`agents.enrich.event_time`): the time the
   sentence states, resolved against the publication date (history and plans are no event);
   without one, a body sentence carries on the time of the two before it, a body verb in the
   simple present is habitual (no event), an article whose lead is a follow-up
   (``context.follow_up``: inquiry, findings) has no event, and a rule with ``needs_time``
   (noun phrases: "nuclear test") needs a time within the week in the sentence (or, for the
   title, the first two body sentences) or one of its ``support_verbs`` in the clause
   ("conducted a nuclear test", "nuclear test confirmed"). An event after "the first (X)
   after/since" is that count's reference point, an earlier event: it needs a time of its own
   in that clause ("the first to come after Pyongyang tested its most powerful nuclear bomb";
   "its first launch since a nuclear test on Sunday" counts). A running total in the
   trigger's clause (``context.tally``: "to date", "so far"; a perfect verb before a rough count,
   "has launched more than 2,950 satellites"; a rough count as the subject of a perfect passive,
   "Over 5,200 satellites have been launched"; "tested a handful of times") needs a time in that
   clause too. A "send" to a place on Earth ("sent to Russia for training") is no launch. An
   -ing verb describing its object ("a Soyuz capsule carrying two cosmonauts") is no launch
   when its clause goes on with one of the rule's ``participle_excludes`` ("... has landed").
   A verb trigger opening a restrictive relative clause ("the rocket that launched the satellite
   ... burned up") names its noun: it needs a time of its own in that clause; so does a clause that
   names a place ("close to where the country recently conducted a nuclear test"), and one naming a
   craft, crew or mission whose own verb tells its end ("the Demo-2 mission ended in which American
   astronauts were launched"): that launch is the mission's start. A present participle after its
   noun in a clause whose own verb is in the present describes the thing ("the mission ferrying
   astronauts to the space station has an instantaneous launch window"). A plural event noun
   after a quantifier ("oversees all commercial space launches") is a kind of event, and the
   present progressive with a time ("is launching its own satellite in August") an arrangement.
   A participle before a counted plural ("after three failed attempts") tells a series, a trigger
   that is the subject of a definition ("A nuclear weapons test is an experiment ...") none, and a
   gerund right after "of" with no time an activity ("the accuracy of putting satellites into orbit").
   In the window, a hyphened compound is one word, a bracket alone none, and an aside set off by commas between a
   subject and its verb none ("The rocket, jointly developed by ..., blasted off"). Then actor, object class (a
   ``reject_classes`` class is no event), site, outcome and when; the hit carries it as
   ``event``.
7. Severity: the rule's ``severity``, raised by ``severity_by_word`` (words in the
   sentence) and ``severity_by_entity`` (entity-id globs in the article); the highest wins.

At most one hit per topic per article: the highest severity, then the earliest sentence.
:func:`agents.enrich.qualifiers.fold_qualifiers` then makes one alert per event (failures and
interceptions become the event's outcome).
"""
from __future__ import annotations

import bisect
import re
from datetime import datetime, timezone
from typing import Sequence
from dataclasses import dataclass

from agents.enrich.asides import without_clause_asides
from agents.enrich.events import build_event, place_in_time, ref_date
from agents.enrich.timex import TimeMention
from agents.enrich.trigger_phrase import (after_a_clause_ahead, apposed_object, coordinated_gerund, distance,
                                          launch_of_ended_mission, names_a_place, opens_sentence, outside_asides,
                                          without_asides)
from agents.enrich.event_time import (counted_over_period, counted_participle, dated_by_year, dates_another_event,
                                      definition, follow_up, generic, generic_participle, habitual, history_column,
                                      how_often, lead_time, narrative_time, nominal, places_one_launch, quantified,
                                      story_time, supported, tally)
from agents.enrich.other_senses import names_a_team, use_names_no_firing
from agents.enrich.sentences import split_sentences
from agents.enrich.suborbital import told_suborbital
from agents.enrich.text import boundary_text, lower_same_length, plain_lower
from agents.enrich.inflect import noun_forms, verb_forms  # noqa: F401  (re-exported: rule tests use them)
from agents.enrich.rulepack import PACKAGED_DIR, RulePack, _Matcher, _Rule  # noqa: F401
from streams.core.severity import rank_or_lowest
from streams.core.records import AlertHit, Article, Entity, new_hit

#: words inside a noun phrase before its head: skipped when counting the before window
_NOUN_PHRASE_WORDS = frozenset("the a an its their his her this that these those first second third fourth fifth sixth "
                               "seventh eighth ninth tenth latest new another".split())
#: before-cues that, between a verb and its object, describe the object ("launched the next
#: batch of satellites"), not the act
_ADJECTIVE_CUES = frozenset({"next", "ready", "future", "potential", "window", "windows"})
#: a hedge between a verb and a thing that flies doubts what flew, not that something flew
#: ("fired what appeared to be a ballistic missile", "fired an apparent ICBM"); before an event
#: noun, or a device whose nature is the news, it doubts the event ("conducted an apparent
#: nuclear test", "detonated a possible nuclear device")
_HEDGE_CUES = frozenset({"apparent", "apparently", "appears", "appeared", "seems", "seemed", "presumably",
                         "probably", "possible", "possibly"})
_EVENT_NOUNS = frozenset({"test", "tests", "explosion", "explosions", "detonation", "detonations", "blast", "blasts",
                          "weapon", "weapons", "device", "devices", "bomb", "bombs"})
_OBJECT_CUES = _ADJECTIVE_CUES | _HEDGE_CUES
_PASSIVE_END = re.compile(r" (?:was|were|has been|have been|had been|is|are) (?:\w+ly )?$")
_RELATIVE_WORDS = frozenset({"which", "that", "who", "whose"})
_RELATIVE = re.compile(r" (?:which|that|who|whose|whom|where|and|but|as|while|after|before|when) ")
# a colon between digits is a clock time, no break: "Friday's planned 12:17 p.m. launch"
_CLAUSE_BREAK = re.compile(r"[,;()\[\]\u2013\u2014]|:(?!\d)|(?<!\d):|\s-\s")
# a number is one word: "will see some 28,700 satellites launched" keeps "will" in reach
_NUMBER_GROUPS = re.compile(r"(?<=\d)[,.](?=\d)")
# an earlier event named in the trigger's clause: "the first crew since a previous mission ..."
_SINCE_EARLIER = re.compile(r" since (?:(?:a|an|the|its|their) )?(?:previous|last|earlier|prior) ")
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
# an aside between a subject and its verb, set off by commas: "The rocket, jointly developed by ..., blasted off"
_APPOSITIVE = re.compile(r"\s*,[^,;:]+,\s*")
# a clause break, then a name or a noun phrase of its own before the verb: "Hezbollah rockets, IDF strikes" (not "the
# missile, which has departed", "GSLV-D2, was successfully carried", nor an aside closed by a second comma)
_NEW_SUBJECT = re.compile(r"[^,;:]*[,;:]\s*(?:[A-Z][\w'’-]*|(?:the|a|an|its|their|his|her)\s+[\w'’-]+)(?:\s+[\w'’-]+){0,3}\s+")
# ... or by brackets: "a medium-range ballistic missile (with a range of 5000 km or more) was launched"
_BRACKET_ASIDE = re.compile(r"\s*\([^()]{0,80}\)\s*")
# a number or a quantifier before a verb trigger's -s form makes it a plural noun: "four SpaceX launches", "a fair few
# launches coming up"
_COUNTED_BEFORE = re.compile(r"(?<![\w.,-])(?P<n>(?i:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|"
                             r"many|few|multiple|numerous|dozens of|hundreds of))\s+(?:[A-Z][\w-]*\s+){0,2}$")
# a number right after a capitalised word is part of a name: "Falcon 9 launches 60 satellites"
_CAPITALISED_BEFORE = re.compile(r"\b[A-Z][\w-]*\s+$")
_OF_AFTER = re.compile(r"\s+of\b", re.IGNORECASE)
# a second verb between a verb and its object takes the object: "tests and resumed intercontinental ballistic missile"
_COORDINATED_VERB = re.compile(r"\b(?:and|or|but)\s+[a-z]+ed\b")
# "is launching ... in August", "are firing ... on Friday": the present progressive with a time tells a plan
_PRESENT_PROGRESSIVE = re.compile(r"\b(?:is|are|am)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
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
# an object-first verb's object has a finite verb of its own before the comma that precedes the
# participle: "The second stage of the New Glenn rocket is currently gliding through orbit, carrying ..."
_OWN_VERB_THEN_COMMA = re.compile(r"[^,;]*?\b(?:is|are|was|were|has|have|had)\s[^,;]*,\s*", re.IGNORECASE)
# the same -ing after the comma that ends a progressive clause: "... is currently gliding through orbit, carrying the
# Blue Ring Pathfinder payload"
_PROGRESSIVE_THEN_COMMA = re.compile(r"\b(?:is|are|was|were)\s+(?:\w+ly\s+)?\w+ing\b[^,;]*,\s*$", re.IGNORECASE)
# "for" right before the trigger's noun phrase: the launch is a purpose ("arrives ... for Falcon 9 launch", "Weather OK
# for Friday Atlas V rocket launch")
# ... and "targeting" a launch is aiming at its date ("Atlas V targeting Thursday launch")
_FOR_BEFORE = re.compile(r"\b(?:for|targeting|targets)\s+(?:(?:the|a|an|its|their|his|her)\s+)?(?:(?!(?:that|which|who|and)\s)[\w.:'’-]+\s+){0,4}$",
                         re.IGNORECASE)  # (a clock time too: "for a 6:36 a.m. liftoff") not across a clause: "a busy day for SpaceX that included the Crew Dragon's launch"
_LAUNCH_NOUNS = frozenset({"launch", "launches", "liftoff", "lift-off", "lift off", "flight"})
# the reason given after "for": "congratulate @ISRO ... for the launch", "thanked the team for the launch"
_PRAISE_BEFORE = re.compile(r"\b(?:congratulat|prais|thank|hail|commend|credit|applaud|celebrat|laud|salut)\w*\b")
# an active verb with an object of its own after it: what came before it is its subject, not its object
_ACTIVE_OBJECT_AFTER = re.compile(r"[\"”’']?\s+(?:the|their|its|his|her|a|an|several|some|many|\d[\d,]*)\s", re.IGNORECASE)
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being|be|is|are|got|get|gets)\b")
# a participle, the form a passive takes ("were shot down", "had been destroyed")
_PARTICIPLE = re.compile(r"(?:\w+ed|shot|taken|brought|struck|hit)\b", re.IGNORECASE)
# a capitalised modifier and its noun, the object of an active verb as a headline writes it ("destroys Ukrainian
# apartment building"), not a day or a month, which tell when a reduced passive happened ("destroyed Sunday night")
_NAMED_OBJECT_AFTER = re.compile(r"\s+(?!(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|(?:January|February|March|April|May|"
                                 r"June|July|August|September|October|November|December)\b)[A-Z][\w-]+\s+[a-z]")


def _object_is_subject(doc: _Article, o: _Hit, v: _Hit) -> bool:
    """Is the object word before an intercept or destroy verb that verb's subject, the verb active with an object of
    its own after it ("missiles destroyed their targets", "missile destroys Ukrainian apartment building", "The
    missile was able to destroy the naval goal")? Not a noun ("missile interception"), nor a participle after a
    passive's auxiliary ("were destroyed", "had been shot down"): a present or a base form is active whatever
    precedes it ("was able to destroy")."""
    if doc.lower.startswith("interception", v.start):
        return False
    if _PARTICIPLE.match(doc.lower, v.start) and _PASSIVE_BEFORE.search(doc.lower, o.end, v.start):
        return False
    return bool(_ACTIVE_OBJECT_AFTER.match(doc.text, v.end) or _NAMED_OBJECT_AFTER.match(doc.text, v.end))


# a clause joined on between an object and a later verb: the verb has that clause's subject
_NEW_CLAUSE = re.compile(r"[,;]\s*(?:but|and|yet|while|whereas|so)\s", re.IGNORECASE)
# a verb trigger used as a noun: "at the time of the launch", "its launch", "This Week in Launch: Electron ..."
_DETERMINER_END = re.compile(r"\b(?:the|a|an|its|their|this|that|before|after|of|at|for|during|until|in)\s+$", re.IGNORECASE)
# a participle aside right after a trigger: "the launch of its new Ares I-X rocket, scheduled for 8:00 a.m.
# EDT (12.00 GMT) in Florida, had been delayed": the trigger's clause goes on after it
# a bracketed abbreviation right after a name is that name again, no clause break: "Liftoff of the Atlas V carrying
# Tracking and Data Relay Satellite-M (TDRS-M) is slated for Friday"
# "and" between capitalised words is inside a name, no new clause: "Tracking and Data Relay Satellite-M"
_NAME_AND = re.compile(r"\b(?P<w>[A-Z][\w-]*) and (?=[A-Z])")
_BRACKETED_NAME = re.compile(r"\(\s*[A-Z][\w.&/-]*(?:\s[\w.&/-]+){0,2}\s*\)")
_PARTICIPLE_ASIDE = re.compile(r"\s*,\s*(?:originally\s+|initially\s+|previously\s+)?[a-z]+ed\b(?:[^,;:\n]|(?<=\d):(?=\d)){0,80},\s*")


# --- matching ----------------------------------------------------------------------------

# up to three capitalised words, "and"/"of"/"&" joining two of them ("Rocket Development and Test Facility")
_CAPITALISED_RUN = re.compile(r"(?: (?:(?:and|of|&) )?[A-Z][\w'’-]*){1,3}")


def _name_follows(text: str, end: int, heads: frozenset[str]) -> bool:
    """Do capitalised words right after ``end`` (one space apart, no punctuation) include a
    name head? Title-case headlines pass ("Missile Into Sea Off Japan" holds no head)."""
    m = _CAPITALISED_RUN.match(text, end)
    return bool(m) and any(w in heads for w in m.group().split())


# "Space" or "Orbit(al)" closing a firm's name ("Stoke Space", "Relativity Space", "Loft Orbital", "Virgin Orbit"): the
# name's head is a capitalised word that is no part of the place's own names ("Low Earth Orbit", "Outer Space") and no
# title-case function word ("Into Space")
_FIRM_TAIL = re.compile(r"(?:Space|Orbit|Orbital)\b(?!\s+(?:Station|Center|Centre|Agency|Force|Command|Shuttle|Flight|Systems?"
                        r"|Launch|Port|Coast|Race|Age|Research|Administration|Telescope|Camp|Museum|Act))")
_FIRM_HEAD = re.compile(r"\b(?!(?:Into|To|In|Of|On|For|From|The|A|An|And|Outer|Deep|Low|High|Earth|Polar|"
                        r"Lunar|Geostationary|Geosynchronous|Sun|Synchronous|Near|Medium|Elliptical|Stable|Its|Their)\b)"
                        r"[A-Z][\w'’-]*\s+$")


# an event concealed, or made known weeks after it: "The British government has concealed a failed test", "covered up a
# failed missile test", "details of the failed test remained secret for several weeks, until Tuesday night", "weeks
# after the test" (not "concealed rocket launchers", nor "two months after the failed Hanoi summit")
_LATE_SPAN = r"(?:several|a few|some|two|three|four|five|six|seven|eight|nine|ten|many|\d+) (?:weeks|months)"
_TOLD_LATE = re.compile(rf"\b(?:(?:conceal(?:ed|s|ing)?|covered up|cover(?:s|ing)? up|hushed up|hush(?:es|ing)? up) "
                        rf"(?:a|an|the|its|their|details|news|information|that)\b|cover-up of|"
                        rf"(?:kept|keeping|remained|remains) (?:it )?(?:secret|quiet|under wraps|classified|undisclosed)"
                        rf"(?: for {_LATE_SPAN}| until)|"
                        rf"(?:secret|undisclosed|unreported|under wraps) for {_LATE_SPAN}|"
                        rf"{_LATE_SPAN} after (?:the|its) (?:test|launch|incident|failure|flight|explosion|blast|mishap))\b",
                        re.IGNORECASE)


_ARTICLE_BEFORE = re.compile(r"\b(?:a|an|the)\s+$")


# capitalised words, then an acronym in brackets: "Strike Missile (PrSM)"
_RUN_THEN_ACRONYM = re.compile(r"(?:\s+[A-Z][\w'’-]*){0,4}\s+\(([A-Za-z]{2,8})\)")
_RUN_BEFORE = re.compile(r"(?:[A-Z][\w'’-]*\s+){0,4}$")


def _spelt_out_name(text: str, start: int, stop: int) -> bool:
    """Is the capitalised word at ``start:stop`` part of a name whose initials the acronym in brackets after it
    spells ("Precision Strike Missile (PrSM)", "Space Launch System (SLS)")? Only the acronym's capitals count, so
    a title-case headline's "(Video)" names nothing."""
    after = _RUN_THEN_ACRONYM.match(text, stop)
    if after is None:
        return False
    capitals = "".join(c for c in after.group(1) if c.isupper())
    if len(capitals) < 2:
        return False
    run = (_RUN_BEFORE.search(text, max(0, start - 80), start).group() + text[start:after.start(1) - 1]).split()
    return "".join(w[0] for w in run).endswith(capitals)


@dataclass(slots=True)
class _Hit:
    start: int
    end: int
    kind: str


def _words(s: str) -> list[str]:
    return lower_same_length(boundary_text(s)).split()


class _Article:
    """What the matcher knows about one article."""

    def __init__(self, article: Article, text: str, lower: str, entities: list[Entity]):
        self.text = text
        self.lower = lower
        self.sentences = split_sentences(self.text)
        self.starts = [s for s, _ in self.sentences]
        self.entities = entities
        self.unique_entities = list({(e.label, e.id): e for e in entities}.values())
        self.ref = ref_date(article.published or article.first_seen or None, text)
        self.today = datetime.now(timezone.utc).date()
        self.title_end = len(article.title)
        self.follow_up: bool | None = None  # see _follow_up
        self.history_column: bool | None = None  # see event_time.history_column
        self.story_time: TimeMention | None | bool = False  # see event_time.story_time (False: not read yet)
        self._padded: dict[int, str] = {}  # sentence -> its words, space-padded (several rules read one)
        self._key_padded: str | None = None  # see key_padded
        self._has: dict[_Matcher, bool] = {}  # see has_entity
        self._excluded: dict[_Matcher, bool] = {}  # see article_excluded
        self._hop: bool | None = None  # see tells_a_hop
        self._late: bool | None = None  # see told_late

    def has_entity(self, matcher: _Matcher) -> bool:
        """``matcher.any_entity`` over the article's entities, read once per article (severity asks
        it for every hit of a rule)."""
        hit = self._has.get(matcher)
        if hit is None:
            hit = self._has[matcher] = matcher.any_entity(self.unique_entities)
        return hit

    def article_excluded(self, matcher: _Matcher) -> bool:
        """Does the article hold a word or an entity of ``matcher`` (a rule's ``article_excludes``):
        the same answer for every candidate sentence of the rule."""
        hit = self._excluded.get(matcher)
        if hit is None:
            hit = self._excluded[matcher] = matcher.any(self.key_padded(), self.unique_entities)
        return hit

    def told_late(self) -> bool:
        """Does the article say its event was concealed or made known weeks later (_TOLD_LATE)? Read once, only for
        a candidate with no time of its own."""
        if self._late is None:
            self._late = _TOLD_LATE.search(self.text) is not None
        return self._late

    def tells_a_hop(self) -> bool:
        """Is the article about a rocket's flight that stays below space (:mod:`agents.enrich.suborbital`)? Read
        once, only for a rule that excludes hops and has a candidate."""
        if self._hop is None:
            self._hop = told_suborbital(self.text)
        return self._hop

    def sentence_of(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.starts, pos) - 1)

    def key_padded(self) -> str:
        """The whole article's words, space-padded (``article_excludes`` reads it for every
        candidate sentence of a rule; built once per article)."""
        if self._key_padded is None:
            self._key_padded = f" {_key_text(self.lower)} "
        return self._key_padded

    def padded(self, sent: int) -> str:
        out = self._padded.get(sent)
        if out is None:
            s0, s1 = self.sentences[sent]
            out = self._padded[sent] = f" {' '.join(_words(self.text[s0:s1]))} "
        return out


#: the body sentences that make the lead (they tell the headline's event again)
_LEAD = 2
#: the hit kinds a rule needs at least one of in a sentence (see ``_match_sentence``)
_TRIGGER_KINDS = frozenset({"phrase", "verb"})


def match(article: Article, entities: list[Entity], pack: RulePack) -> list[AlertHit]:
    if not pack._rules:
        return []
    title = article.title.strip().lower()
    if any(title.startswith(p) for p in pack.title_prefixes):
        return []
    text = article.text()
    lower = plain_lower(text)[1]
    # entities the gazetteer implies (a site's country) are for readers, not for rules or actors
    entities = [e for e in entities if e.source != "implied"]
    found = pack.triggers(lower)
    if not any(kind in _TRIGGER_KINDS for _, (_, uses) in found for kind, _ in uses):
        return []  # no rule fires without a phrase or a verb: most articles stop here, unsplit
    # names that can hold a trigger word; a designation found by its shape ("Chinasat 6C") cannot
    # stop one (in a title-case headline "Korea Fires 2" has that shape too)
    names = [e for e in entities if e.label != "PRODUCT"]
    ent_starts = [e.start for e in names]  # entities are sorted and disjoint
    hits: list[tuple[int, int, int, str]] = []  # rule, start, stop, kind
    kinds: dict[int, set[str]] = {}
    for end, (klen, uses) in found:
        start, stop = end - klen + 1, end - 1
        j = bisect.bisect_right(ent_starts, start) - 1
        if j >= 0 and names[j].end >= stop and names[j].end - names[j].start > stop - start:
            continue  # a word inside a longer name is no trigger: "Rocket Force", "Missile Defense Agency"
        if pack.name_heads and text[start].isupper() and _name_follows(text, stop, pack.name_heads):
            continue  # the same for a name no gazetteer holds: "Army Missile Command tests a radar"
        # "a submarine-launched ballistic missile": a participle joined to a noun names a kind; a verb joined to
        # the word after it is a noun ("Send-off ceremony held for astronauts")
        compound = (start > 1 and text[start - 1] == "-" and text[start - 2].isalpha()) or (
            stop + 1 < len(text) and text[stop] == "-" and text[stop + 1].isalpha())
        # a capitalised verb inside a name spelt out before its acronym is no verb: "Precision Strike Missile (PrSM)"
        spelt_out = text[start].isupper() and _spelt_out_name(text, start, stop)
        firm = text[start].isupper() and _FIRM_TAIL.match(text, start) is not None and _FIRM_HEAD.search(
            text, max(0, start - 30), start) is not None
        # "fire" after an article is the blaze, never the act: "Missile Problem Just a Fire", "a fire destroyed several
        # costly rockets"
        blaze = lower[start:stop].startswith("fire") and _ARTICLE_BEFORE.search(lower, max(0, start - 6), start) is not None
        for kind, i in uses:
            if (compound or spelt_out or blaze) and kind == "verb":
                continue
            if firm and kind == "object":
                continue  # "Stoke Space announced ... that it raised $100 million, boosting": a firm, not space
            hits.append((i, start, stop, kind))
            kinds.setdefault(i, set()).add(kind)
    # (each (label, id) once: the matchers answer by them)
    unique = list({(e.label, e.id): e for e in entities}.values())
    viable = {i for i, k in kinds.items() if _may_fire(pack._rules[i], k, unique)}
    if not viable:
        return []  # "held" with no exercise anywhere: no sentence to split, no candidate to weigh
    doc = _Article(article, text, lower, entities)
    # hits per (rule, sentence)
    by_rule: dict[int, dict[int, list[_Hit]]] = {}
    for i, start, stop, kind in hits:
        if i in viable:
            by_rule.setdefault(i, {}).setdefault(doc.sentence_of(start), []).append(_Hit(start, stop, kind))
    best: dict[str, tuple[int, int, AlertHit]] = {}
    actors: dict[str, tuple[int, dict]] = {}  # topic -> the earliest hit's actor that names one
    from_object: dict[str, bool] = {}  # topic -> does its best hit take its actor from the object
    lead_when: dict[str, dict] = {}  # topic -> the lead's dated event (the headline's, told again)
    # the lead's sentences, past the headline when the body repeats it as its first line
    lead_end = _LEAD + (len(doc.sentences) > 1 and doc.title_end > 0 and _is_title(doc, *doc.sentences[1]))
    for i, sentences in by_rule.items():
        rule = pack._rules[i]
        for sent, hits in sorted(sentences.items()):
            hit = _match_sentence(doc, pack, rule, sent, hits)
            if hit is None:
                continue
            actor = (hit.event or {}).get("actor")
            if actor and (rule.topic not in actors or sent < actors[rule.topic][0]):
                actors[rule.topic] = (sent, actor)
            if 0 < sent <= lead_end and (hit.event or {}).get("when") and rule.topic not in lead_when:
                lead_when[rule.topic] = hit.event
            rank = rank_or_lowest(hit.severity)
            old = best.get(rule.topic)
            if old is None or (rank, -sent) > (old[0], -old[1]):
                best[rule.topic] = (rank, sent, hit)
                from_object[rule.topic] = rule.spec.actor_from_object
    out = []
    for t in pack.topics:
        if t not in best:
            continue
        hit = best[t][2]
        if from_object.get(t) and hit.event is not None and hit.event.get("actor") is None and t in actors:
            # "Ukraine says downed 13 cruise missiles overnight" names only the defender: who
            # launched is in another sentence of the same topic ("launched by Russian forces");
            # only for a hit whose actor owns its object (a payload's owner stays no actor)
            hit.event["actor"] = actors[t][1]
        if best[t][1] == 0 and doc.title_end and hit.event is not None and not hit.event.get("when") \
                and t in lead_when:
            # "Russia launches mass missile strikes" over "Russia launched a large-scale missile
            # attack ... in the early hours of Jan. 2": a headline states no time, its lead
            # tells the same event with one (only a lead sentence that is itself an event of the
            # topic: the lead's first time alone often dates something else)
            hit.event["when"], hit.event["when_text"] = lead_when[t]["when"], lead_when[t]["when_text"]
        out.append(hit)
    return out


def _launch_waited_for(doc: _Article, s0: int, o: _Hit, v: _Hit) -> bool:
    """A launch noun right after "for" or "targeting": the launch something is readied for ("arrives at Cape for
    Falcon 9 Launch", "Atlas V targeting Thursday launch"), unless "for" gives the reason of praise ("congratulate
    ISRO for the successful launch")."""
    first = min(o.start, v.start)
    # the text as written: a comma ends the phrase ("a busy week for SpaceX, including the launch of")
    m = (_FOR_BEFORE.search(doc.text, o.end, v.start) if o.start < v.start else None) \
        or _FOR_BEFORE.search(doc.text, max(s0, first - 40), first)
    if m is None or "success" in doc.lower[m.start():v.end]:
        return False
    return not _PRAISE_BEFORE.search(doc.lower, max(s0, m.start() - 80), m.start())


_WEEKDAY = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b", re.IGNORECASE)
# (up to four words between: "Great forecast for Atlas V launch Saturday")
_DAY_AHEAD = {d: re.compile(rf"\b(?:for|targeting|targets|until|before)\s+(?:[\w.'’-]+\s+){{0,4}}?{d}\b", re.IGNORECASE)
              for d in "monday tuesday wednesday thursday friday saturday sunday".split()}
_TITLE_LAUNCH_NOUN = re.compile(r"\b(?:launch|liftoff|lift-off|blastoff|flight)\b", re.IGNORECASE)


def _weekday_ahead_in_title(doc: _Article, mention: str) -> bool:
    """Does the headline name the body's weekday as the day of a launch ahead ("Weather OK for Friday Atlas V rocket
    launch")? Then the body's "Friday's launch marks a return to flight" is that coming Friday, not the last one."""
    day = _WEEKDAY.search(mention)
    if day is None or not doc.title_end:
        return False
    title = doc.text[:doc.title_end]
    ahead = _DAY_AHEAD[day.group().lower()].search(title)
    return ahead is not None and _TITLE_LAUNCH_NOUN.search(title, ahead.start()) is not None


_TITLE_LAUNCH_AHEAD = re.compile(r"\b(?:for|targeting|targets)\s+(?:[\w.'’-]+\s+){0,4}?(?:launch|liftoff|lift-off|"
                                 r"blastoff)\b", re.IGNORECASE)


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
#: a launch or test the article tells in the future or by its schedule: "The launch will take place at Vandenberg",
#: "the launch window begins at 6:51 p.m.", "ULA is targeting 1:40 p.m. EDT for liftoff"
_AHEAD_TOLD = re.compile(r"\b(?:launch(?:es)?|liftoff|lift-off|tests?|test launch|test flight|flights?|missions?|firing)\s+"
                         r"(?:will|(?:is|are) (?:scheduled|slated|set|expected|due|planned|targeted|timed))\b|"
                         r"\b(?:launch|test) window\s+(?:begins|opens|extends|will)\b|"
                         r"\btarget(?:s|ing)\s+[^;\n]{0,40}?\bfor\s+(?:liftoff|lift-off|launch)\b", re.IGNORECASE)
#: words before a headline's bare participle that make it no predicate: "after testing", "the testing of"
_NOT_A_PREDICATE = frozenset("after before by for of in on from with while since without the a an its their".split())


def _told_as_under_way(doc: _Article, sent: int, s0: int, s1: int, vs: int, end: int) -> bool:
    """Is the trigger verb told as under way rather than done: the present progressive ("The US Army is testing a new
    long-range missile today", "Today SpaceX is launching NASA's TESS"), or a headline's bare participle ("US Army
    testing next-generation missile in California today") or bare event noun ("Delta IV Heavy launch today")?"""
    word = doc.lower[vs:end].split(None, 1)[0] if end > vs else ""
    if word.endswith("ing") and _PRESENT_PROGRESSIVE.search(doc.text, max(s0, vs - 12), vs):
        return True
    if not (doc.title_end and (sent == 0 or _is_title(doc, s0, s1))) and not _is_heading(doc, s0, s1):
        return False
    before = _words(doc.text[s0:vs])
    if before and before[-1] in _NOT_A_PREDICATE:
        return False
    return word.endswith("ing") or word in ("launch", "test", "liftoff", "lift-off")


def _is_heading(doc: _Article, s0: int, s1: int) -> bool:
    """Is this body sentence a heading in headline grammar: a short line of its own with no closing stop ("SpaceX
    launching four times and four astronauts" between a launch calendar and its paragraphs)?"""
    line = doc.text[s0:s1].strip()
    return bool(line) and line[-1] not in ".!?\"”’)" and len(line.split()) <= 12 \
        and doc.text[s1:s1 + 1] in ("\n", "") and (s0 == 0 or doc.text[s0 - 1] == "\n")


def _ahead_told_in_article(doc: _Article) -> bool:
    """Does the article tell a launch or test ahead, in the future or by its schedule? Read only for a trigger told
    as under way, so the scan is rare."""
    return _AHEAD_TOLD.search(doc.text) is not None


def _launch_ahead_in_title(doc: _Article) -> bool:
    """Is the headline a preview of one launch ("Weather looks excellent for SpaceX launch from Cape Canaveral")?"""
    return bool(doc.title_end) and _TITLE_LAUNCH_AHEAD.search(doc.text, 0, doc.title_end) is not None


def _may_fire(rule: _Rule, kinds: set[str], entities: list[Entity] | None) -> bool:
    """Can the rule have a candidate anywhere in the article (see ``_match_sentence``): a
    phrase, or a verb and an object word or object entity (any entity may be one when
    ``entities`` is None)? Rules that cannot are skipped whole."""
    if "phrase" in kinds:
        return True
    if "verb" not in kinds:
        return False
    return "object" in kinds or bool(rule.spec.object_entities
                                     and (entities is None or rule.objects.any_entity(entities)))


def may_fire(text: str, pack: RulePack) -> bool:
    """Can a rule of ``pack`` have a candidate in ``text``, whatever its entities: the words
    :func:`match` first looks for, in one pass of the pack's automaton. Most articles cannot."""
    kinds: dict[int, set[str]] = {}
    for _, (_, uses) in pack.triggers(plain_lower(text)[1]):
        for kind, i in uses:
            kinds.setdefault(i, set()).add(kind)
    return any(_may_fire(pack._rules[i], k, None) for i, k in kinds.items())


def _pair_candidates(doc: _Article, pack: RulePack, rule: _Rule, s0: int, s1: int, ents: list[Entity],
                     hits: list[_Hit]) -> list[tuple[int, int, int, int, int]]:
    """The sentence's candidates (docstring step 3): each phrase, and each verb paired with an object word or object
    entity within the rule's window, as (span start, span end, verb start, object start, object end), a phrase being
    its own verb and object."""
    spec = rule.spec
    phrases = [h for h in hits if h.kind == "phrase"]
    verbs = [h for h in hits if h.kind == "verb"]
    if not phrases and not verbs:
        return []
    objects = [h for h in hits if h.kind == "object"]
    if verbs and spec.object_entities:
        objects += [_Hit(e.start, e.end, "object") for e in ents if rule.objects.entity(e)]
    # "Weather OK for Friday Atlas V rocket launch": a launch readied for, as for a verb's noun below
    candidates = [(h.start, h.end, h.start, h.start, h.end) for h in phrases
                  if not (doc.lower[h.start:h.end].split()[-1] in _LAUNCH_NOUNS and _launch_waited_for(doc, s0, h, h))]
    for v in verbs:
        word = doc.lower[v.start:v.end].strip()
        if _verb_is_no_trigger(doc, spec.verbs, s0, v, word):
            continue
        object_first = rule.object_first and word in rule.object_first
        for o in objects:
            if _not_its_object(doc, rule, s0, v, o, word, object_first):
                continue
            apposed = v.end <= o.start and apposed_object(doc.text, v.end, o.start, o.end, s1)
            if _object_of_another_clause(doc, pack, rule, s0, s1, v, o, word, object_first, apposed):
                continue
            if not _within_window(doc, rule, s0, v, o, apposed):
                continue
            a, b = (v, o) if v.start < o.start else (o, v)
            candidates.append((a.start, b.end, v.start, o.start, o.end))
    return candidates


def _verb_is_no_trigger(doc: _Article, verbs: Sequence[str], s0: int, v: _Hit, word: str) -> str | None:
    """Whatever its object: an order or a dictionary's sense, an -ing of another verb, a place's name."""
    if _imperative(doc.text, verbs, s0, v.start, v.end):
        return "imperative"  # "2. Send a rocket, missile, etc. on its course; hurl forcefully.": a dictionary's sense, an order
    if word.endswith("ing") and _PROGRESSIVE_THEN_COMMA.search(doc.text, s0, v.start):
        return "another verb's -ing"  # "the New Glenn rocket is currently gliding through orbit, carrying ...": the -ing goes with that verb
    if names_a_place(doc.text, v.start, v.end):
        return "names a place"  # "at its Sohae satellite launching facility than a new ... satellite": a place, in either order
    return None


def _not_its_object(doc: _Article, rule: _Rule, s0: int, v: _Hit, o: _Hit, word: str, object_first: bool) -> str | None:
    """The object cannot be the verb's by their order and the words at the verb (checked before the apposition is read)."""
    if o.start < v.end and v.start < o.end:
        return "same words"  # the same words
    if object_first and v.start < o.start:
        return "object first"  # "carrying the rocket to the pad": the rocket is carried, it carries nothing
    if v.start < o.start and _COORDINATED_VERB.search(doc.lower, v.end, o.start):
        return "a later verb's"  # "stepped up weapons tests and resumed ICBM launches": the object is the later verb's
    if o.start < v.start and rule.verb_first and word in rule.verb_first:
        return "verb first"  # "the spacecraft is carrying NASA instruments": the payload carries, nothing launched it
    if word.endswith("s") and (n := _COUNTED_BEFORE.search(doc.text, max(s0, v.start - 40), v.start)) \
            and not (n.group("n")[0].isdigit() and _CAPITALISED_BEFORE.search(doc.text, max(s0, n.start() - 30), n.start())) \
            and not _OF_AFTER.match(doc.text, v.end):
        return "counted plural"  # "four SpaceX launches, and four distinct rockets": a counted plural noun, no verb ("two
        # launches of ballistic missiles" keeps its "of" object)
    if v.start < o.start and _noun_subject(doc, v):
        return "noun subject"  # "Launch provided only $6.6 million from a single Electron launch": a noun, the subject
    return None


def _object_of_another_clause(doc: _Article, pack: RulePack, rule: _Rule, s0: int, s1: int, v: _Hit, o: _Hit, word: str,
                              object_first: bool, apposed: str | bool | None) -> str | None:
    """The object belongs to another clause, another verb or another noun, or the verb is a noun, the object its
    subject, or a participle whose clause tells no launch."""
    spec = rule.spec
    if not apposed and _noun_use(doc, v, s0) and _CLAUSE_BREAK.search(doc.text, min(v.end, o.end), max(v.start, o.start)):
        return "a noun's clause"  # "at the time of the launch, forcing engineers working with rocket": a noun's object is in its clause
    if o.start < v.start and _NEW_CLAUSE.search(doc.text, o.end, v.start):
        return "new clause"  # "leases capacity on satellites, but is launching its own": the verb's subject is earlier
    if object_first and o.start < v.start and _OWN_VERB_THEN_COMMA.fullmatch(doc.text, o.end, v.start):
        return "object's own verb"  # "The second stage ... is currently gliding through orbit, carrying ...": the object has its own verb
    if object_first and o.start < v.start and _NEW_SUBJECT.fullmatch(doc.text, o.end, v.start):
        return "new subject"  # "Fires ignited ... by Hezbollah rockets, IDF strikes terrorist targets": the verb has its own subject
    if word in _LAUNCH_NOUNS and _launch_waited_for(doc, s0, o, v):
        return "launch waited for"  # "Satellite Arrives at Cape for Falcon 9 Launch": a launch it waits for, not its launch
    if spec.actor_from_object and o.start < v.start and _object_is_subject(doc, o, v) and (
            pack.outcome_of.get(rule.topic) == "intercepted" or _ACTIVE_OBJECT_AFTER.match(doc.text, v.end)
            and not _PASSIVE_BEFORE.search(doc.lower, o.end, v.start)):
        # the verb acts on the missile (intercept, destroy), but here the missile is its subject: "58 of the
        # 59 Tomahawk missiles destroyed their targets", "A Russian missile destroys Ukrainian apartment
        # building", "The missile was able to destroy the naval goal": a hit, no interception (a launch's
        # rule keeps the narrower reading it had, an object after the verb and no "was" before: the hit
        # still tells a missile fired, and another rule may not)
        return "object is the subject"
    if o.start < v.start and _modifies_next_noun(doc, rule, o.end, v.start):
        return "modifies next noun"  # "satellite imagery of the launch": the object word names a kind of imagery
    if rule.participle_excludes_re is not None and _participle_main_verb(doc, rule, v, s0, s1):
        return "participle's main verb"  # "A Soyuz capsule carrying two cosmonauts has landed": not a launch
    return None


def _within_window(doc: _Article, rule: _Rule, s0: int, v: _Hit, o: _Hit, apposed: str | bool | None) -> bool:
    """Are the verb and the object at most the rule's ``window`` words apart, asides and hedges not counted, with no
    ``not_between`` word between them?"""
    a, b = (v, o) if v.start < o.start else (o, v)
    gap = doc.lower[a.end:b.start]
    window = rule.spec.window
    raw = doc.text[a.end:b.start]
    if a is o:
        # "a medium-range ballistic missile (with a range of 5000 km or more) was launched": an aside
        raw = without_clause_asides(_BRACKET_ASIDE.sub(" ", raw))
    if a is o and _PASSIVE_END.search(gap) and not _CLAUSE_BREAK.search(raw):
        window *= 2  # "A Soyuz-2.1b carrier rocket with two spacecraft for the ministry was launched"
    if a is o and _APPOSITIVE.fullmatch(raw):
        raw = ""  # "The rocket, jointly developed by JAXA and MHI, blasted off": the aside is no distance
    if a is v:
        raw = _WHAT_IT_WAS.sub("", raw, count=1)  # "fired what is believed to have been an ... missile"
    if apposed:
        raw = apposed  # "a training launch of the Abdali weapon system, a 450-km-range missile": the named thing
    elif a is v and "," in raw:
        if opens_sentence(doc.text, s0, v.start, v.end):
            raw = raw[raw.rindex(",") + 1:]  # "Launched Friday from Baikonur, the Progress cargo ship ...": its subject
        else:
            raw = without_asides(raw)  # "placed the IRNSS 1B, second of the seven planned satellites, in orbit"
    return not (distance(raw) > window or (
        rule.not_between_re and rule.not_between_re.search(f" {gap} ")))


def _match_sentence(doc: _Article, pack: RulePack, rule: _Rule, sent: int, hits: list[_Hit]) -> AlertHit | None:
    """The rule's hit in one sentence: its candidates (trigger and object, :func:`_pair_candidates`), the sentence's
    and the article's gates, then each candidate in order through the stages below until one makes an event."""
    spec = rule.spec
    s0, s1 = doc.sentences[sent]
    ents = [e for e in doc.entities if s0 <= e.start < s1]
    candidates = _pair_candidates(doc, pack, rule, s0, s1, ents, hits)
    if not candidates:
        return None
    sentence = doc.text[s0:s1]
    padded = doc.padded(sent)
    if _sentence_vetoed(doc, pack, rule, sentence, padded):
        return None
    if sent == 0 and doc.title_end and rule.lead_excludes_re is not None and any(
            rule.lead_excludes_re.search(doc.padded(i)) for i in range(1, min(len(doc.sentences), _LEAD + 1))):
        return None  # "Kim oversees successful test of new hypersonic missile" over "a ground jet test of an engine"
    if rule.requires and not rule.requires.any(padded, ents):
        return None
    if rule.excludes and rule.excludes.any(padded, ents):
        return None
    if rule.article_excludes and doc.article_excluded(rule.article_excludes):
        return None
    if rule.spec.article_excludes_hops and doc.tells_a_hop():
        return None  # "SpaceX Starship explodes in test flight crash landing" over "flew as high as 10 kilometers"
    if rule.article_requires and not rule.article_requires.any(f" {doc.lower} ", doc.entities):
        return None
    here = _Sentence(doc, pack, rule, sent, s0, s1, sentence, ents)
    for start, end, vs, o0, o1 in sorted(candidates):
        c = _Candidate(start, end, vs, o0, o1, (doc.lower[vs:end].split(None, 1) or [""])[0])
        if _context_rules_out(here, c):
            continue
        news, when = place_in_time(sentence, (start - s0, end - s0), doc.ref, doc.today)
        if any(stage(here, c, news, when) for stage in _STAGES_ON_OWN_TIME):
            continue
        if news and _undated(when) and sent >= 2:
            news, when = narrative_time(doc, sent, when)
        if _the_story_told_again(here, c, news, when):
            continue
        if _undated(when) and _needs_time_of_its_own(here, c):
            when = None if generic(doc.text, s0, start, end) else lead_time(doc, sent)
            if when is None:
                continue
        if not news:
            continue
        if _a_tally_or_a_habit(here, c, news, when):
            continue
        event = build_event(pack, rule.topic, doc.text, (s0, s1), (start, end), (o0, o1), doc.entities,
                            doc.title_end, when, spec.actor_from_object)
        if event is None:
            continue
        return new_hit(rule.topic, _severity(doc, rule, padded), " ".join(sentence.split()),
                       " ".join(doc.text[start:end].split()), spec.name, event)
    return None


# --- the candidate's stages --------------------------------------------------------------
#
# Each candidate (a trigger and its object in one sentence) passes these stages in this order; each stage is a run of
# guards that returns the first one's reason to drop the candidate, or None. The order is the guards' order as they
# grew, and it matters: the time ``when`` the sentence gives a candidate is read after the context cues, carried on
# from the sentences before (narrative time) after the first stages, and taken from the lead (lead time) only for a
# candidate that needs a time of its own.


@dataclass(frozen=True, slots=True)
class _Sentence:
    """The sentence the candidates are in, and what they are matched against."""
    doc: _Article
    pack: RulePack
    rule: _Rule
    sent: int  # its index in doc.sentences: 0 is the headline when the article has one
    s0: int
    s1: int
    text: str  # doc.text[s0:s1]
    ents: list[Entity]  # the entities that start in it


@dataclass(frozen=True, slots=True)
class _Candidate:
    """A trigger and its object: the span ``start:end`` covering both, the verb (or event noun) at ``vs``, the object
    at ``o0:o1`` (a phrase is its own verb and object), and the verb's first word, read by several guards."""
    start: int
    end: int
    vs: int
    o0: int
    o1: int
    verb_word: str


def _undated(when: TimeMention | None) -> bool:
    """Does the candidate have no time that places it (none, or one with no age: "in the past", "soon")? Asked of
    the ``when`` the candidate has at that point, which the narrative and lead times may replace."""
    return when is None or when.age is None


def _context_rules_out(here: _Sentence, c: _Candidate) -> str | None:
    """Before its time is read: the trigger's clause and context cues (docstring step 4), a send on Earth, a place."""
    doc, pack, rule, s0, s1, ents = here.doc, here.pack, here.rule, here.s0, here.s1, here.ents
    start, end, vs, o0 = c.start, c.end, c.vs, c.o0
    if rule.clause_excludes_re is not None and rule.clause_excludes_re.search(_clause_key(doc, s0, s1, start, end)):
        return "clause excludes"  # "conducted a rocket engine test" in the trigger's own clause
    if _context_vetoed(doc, pack, rule, s0, s1, start, end, vs, ents):
        return "context cue"
    if _sent_on_earth(doc, vs, end, ents):
        return "sent on Earth"  # "the four astronauts, they were sent to Russia for a medical checkup"
    if (o0 < vs or (o0, c.o1) == (start, end)) and names_a_place(doc.text, vs, end):
        return "names a place"  # "a multi-satellite mission conducted from the Russian space launch facility"
    return None


def _another_sense(here: _Sentence, c: _Candidate, news: bool, when: TimeMention | None) -> str | None:
    """What the words are: a use or a purpose of the weapon, a team named after it."""
    doc, s0, s1 = here.doc, here.s0, here.s1
    if use_names_no_firing(doc.text, s0, c.vs, c.o1, dated=not _undated(when)):
        return "use, no firing"  # "uranium for use in nuclear missiles", "the weapon used by the U.S. Air Force": a purpose, a kind
    if names_a_team(doc.text, s0, s1, c.o0, c.o1):
        return "a team"  # "the Rockets hot outside shooting": a team named after the weapon
    return None


def _ahead_or_earlier(here: _Sentence, c: _Candidate, news: bool, when: TimeMention | None) -> str | None:
    """Not a done act of the news's own time: a launch ahead (the day the headline previews, an arrangement, a first
    time to come, under way today), an earlier one (the lead's older date, earlier plurals, told late, a series), a
    span of use, or what a thing is for."""
    doc, sent, s0, s1 = here.doc, here.sent, here.s0, here.s1
    start, end, vs, o0, o1, verb_word = c.start, c.end, c.vs, c.o0, c.o1, c.verb_word
    if news and sent > 0 and when is not None and when.kind == "weekday" and _weekday_ahead_in_title(doc, when.text):
        return "weekday ahead"  # "Friday's launch marks a return to flight" under "Weather OK for Friday Atlas V rocket launch"
    if news and sent > 0 and when is not None and when.kind == "weekday" and when.age == 0 \
            and not doc.text[s0 + when.end:start].strip() and _launch_ahead_in_title(doc):
        return "today's launch ahead"  # "Monday's Falcon 9 launch kicks off a busy week" on the Monday, under "Weather
        # looks excellent for SpaceX launch": the day's launch the headline previews, still to come
    if news and sent == 0 and doc.title_end and _undated(when) and _lead_dates_older(doc, o0, o1, start, end):
        return "lead dates older"  # "China Tested Hypersonic Missile: U.S. General" over a lead that places the launch "in July"
    if when is not None and when.kind not in _NOW_KINDS and _PRESENT_PROGRESSIVE.search(doc.text, max(s0, vs - 12), vs) \
            and verb_word.endswith("ing"):
        return "arrangement"  # "is launching its own satellite in August": an arrangement, not news
    if _undated(when) and _EARLIER_PLURAL.search(doc.text, max(s0, vs - 40), vs) \
            and verb_word in _PLURAL_EVENT_NOUNS:
        return "earlier plural"  # "This test follows other successful launches of the Precision Strike Missile": earlier ones
    if _undated(when) and _PERFECT_END.search(doc.text, max(s0, vs - 30), vs) \
            and _SINCE_AFTER.match(doc.text, end, s1):
        return "span of use"  # "ATACMS, which has been used since the Gulf War": a span of use, no one event
    if _undated(when) and _MEANS_FOR.search(doc.text, max(s0, vs - 40), vs) \
            and verb_word.endswith("ing"):
        return "means for"  # "opened a new facility for testing the HAWK missile": what a thing is for, no event
    if _FIRST_TIME_AHEAD.search(doc.text, s0, vs):
        return "first time ahead"  # "This will be the first time that astronauts launched into space from US soil
        # since 2011": the clause under a future "first time" is the event to come
    if _undated(when) and doc.told_late():
        return "told late"  # "details of the failed test remained secret for several weeks, until Tuesday night": the
        # event's own day governs, not the day it became known; undated, it is older than the news
    if (when is None or when.kind == "today") and _told_as_under_way(doc, sent, s0, s1, vs, end) \
            and _ahead_told_in_article(doc):
        return "under way"  # "US Army testing next-generation missile in California today" over "The launch will take
        # place ... between 10:30 and 11:00 AM ET": the day's event, still ahead
    if counted_participle(doc.text, s0, vs):
        return "a series"  # "after three failed attempts", "a series of failed attempts": earlier events, a series
    return None


def _what_the_words_are(here: _Sentence, c: _Candidate, news: bool, when: TimeMention | None) -> str | None:
    """A definition, or an activity named by a gerund."""
    doc, s0, s1 = here.doc, here.s0, here.s1
    start, end, vs = c.start, c.end, c.vs
    if definition(doc.text, s0, start, end, s1):
        return "definition"  # "A nuclear weapons test is an experiment in which a nuclear weapon ... is detonated"
    if _undated(when) and _OF_END.search(doc.text, max(s0, vs - 8), vs) \
            and c.verb_word.endswith("ing"):
        return "activity"  # "the accuracy of putting satellites into orbit": a gerund after "of" names an activity
    return None


def _an_earlier_event(here: _Sentence, c: _Candidate, news: bool, when: TimeMention | None) -> str | None:
    """The reference point of a count ("the first since ..."), or the event a headline's news follows."""
    doc, sent, s0, s1 = here.doc, here.sent, here.s0, here.s1
    start, vs, o0 = c.start, c.vs, c.o0
    ref_point = _REFERENCE_POINT.search(doc.text, s0, start)
    if ref_point is not None and _NOT_AN_EVENT_SPAN.match(doc.text, ref_point.end("at")):
        ref_point = None  # "the first time since 2017 that North Korea fired": the news itself
    if ref_point is not None and (_undated(when) or s0 + when.start < ref_point.start("at")):
        return "reference point"  # "the first to come after Pyongyang tested its most powerful nuclear bomb yet"
    if doc.title_end and (sent == 0 or _is_title(doc, s0, s1)) and _undated(when) \
            and (m := _HEADLINE_AFTER.search(doc.text, s0, start)) is not None \
            and (vs > start or o0 == vs or m.group("det") and not m.group("words")):
        return "headline after"  # "N. Korea conducts second nuclear test following rocket launch": an earlier event, undated
    return None


def _a_kind_or_a_name(here: _Sentence, c: _Candidate, news: bool, when: TimeMention | None) -> str | None:
    """A kind of event or thing, an example of a kind, or a clause that names a rocket, a mission or a place by what
    was done with it."""
    doc, rule, s0, s1 = here.doc, here.rule, here.s0, here.s1
    start, end, vs, o0, o1 = c.start, c.end, c.vs, c.o0, c.o1
    spec = rule.spec
    if spec.needs_time and quantified(doc.text, s0, start, end):
        return "quantified"  # "the FAA, which oversees all commercial space launches": a kind of event
    if _kind_of_thing(doc, s0, o0, o1, vs, end, dated=not _undated(when)):
        return "kind of thing"  # "Most rockets used to launch satellites ...", "from artificial satellites launched by rockets"
    if _examples_list(doc.text, s0, start) and not (
            _dated_in_clause(doc.text, when, s0, min(vs, start), s1) and when.age is not None):
        return "example"  # "historic missions, including launch of a new Mars rover": an example of the kind, dated by its noun
    if (_RELATIVE_VERB.search(doc.text, max(s0, vs - 100), vs) or _PERSON_RELATIVE.search(doc.text, max(s0, vs - 40), vs)) \
            and not _dated_in_clause(doc.text, when, s0, vs, s1):
        return "names the thing"  # "The rocket that launched a communications satellite ... burned up": it names the rocket
    if rule.participle_excludes_re is not None and launch_of_ended_mission(
            doc.text, s0, s1, vs, end, None if when is None else s0 + when.start):
        return "mission's start"  # "the Demo-2 mission ended in which American astronauts were launched": the mission's start
    if _WHERE_CLAUSE.search(doc.text, max(s0, start - 80), start) and (
            _undated(when) or when.kind == "recent"):
        return "names the place"  # "close to where the country recently conducted a nuclear test": it names the place
    return None


def _usual_or_descriptive(here: _Sentence, c: _Candidate, news: bool, when: TimeMention | None) -> str | None:
    """A series, what a thing is or can do (a preview's description), what is usual (the simple present), a caption."""
    doc, rule, sent, s0, s1 = here.doc, here.rule, here.sent, here.s0, here.s1
    start, end, vs, o0, o1, verb_word = c.start, c.end, c.vs, c.o0, c.o1, c.verb_word
    spec = rule.spec
    if spec.needs_time and when is not None and when.kind == "recent" and tally(doc.text, s0, start, end):
        return "recent series"  # "four of North Korea's recent nuclear tests": a series, however recent
    if news and _undated(when) and o1 <= vs and _participle_of_present(doc.text, o1, vs, end, s1):
        return "what it can do"  # "the Falcon 9 vehicle launched from Cape Canaveral is able to carry ...": what it can do
    if news and _undated(when) and (vs < o0 or _NOUN_HEAD_GAP.fullmatch(doc.text, o1, vs)) \
            and _ing_of_present(doc.text, s0, vs, end, s1):
        return "what it is"  # "the mission ferrying astronauts to the space station has an instantaneous launch window";
        # and with the rocket as the object: "The rocket carrying the satellite is a brand-new Block 5 model"
    if news and _undated(when) and o1 <= vs and _ing_aside_of_present(doc.text, o1, vs, end, s1):
        return "preview aside"  # "The United Launch Alliance rocket, lifting off with the help of two solid rocket
        # motors ..., is carrying a U.S. National Reconnaissance Office mission": a preview describes the flight to come
    if _undated(when) and o1 <= vs and rule.object_first \
            and verb_word in _CARRYING and _PRESENT_PROGRESSIVE.search(doc.text, max(s0, vs - 12), vs):
        return "payload"  # "The United Launch Alliance rocket, lifting off with ..., is carrying a U.S. National
        # Reconnaissance Office mission": with no time, what a rocket is carrying is its payload, as a preview tells it
    if news and sent > 0 and (o0, o1) != (start, end) and _undated(when) \
            and habitual(doc.text, vs):
        return "habitual"  # body text in the simple present tells what is usual ("SpaceX launches Falcon 9 rockets there")
    if news and sent > 0 and _undated(when) and o1 <= vs \
            and _plural_present(doc.text, o0, o1, vs, rule.spec.verbs):
        return "what they do"  # "hypersonic missiles, which fly between above five times the speed of sound": what they do
    if news and sent > 0 and _FULL_DATE.search(here.text) and habitual(
            doc.text, vs if (o0, o1) != (start, end) else _last_word_start(doc.text, start, end)):
        # the simple present with a picture's full date is a photo caption ("A SpaceX Falcon 9 rocket launches
        # with NASA's IXPE spacecraft ..., Thursday, Dec. 9, 2021"), often a file photo, or a schedule
        return "caption"
    return None


#: the stages that read the candidate's own time, in order (before the narrative time may replace it)
_STAGES_ON_OWN_TIME = (_another_sense, _ahead_or_earlier, _what_the_words_are, _an_earlier_event, _a_kind_or_a_name,
                       _usual_or_descriptive)


def _the_story_told_again(here: _Sentence, c: _Candidate, news: bool, when: TimeMention | None) -> str | None:
    """After the narrative time: the launch the lead dated, a dated event told again, an inquiry's findings."""
    doc, pack, sent, s0 = here.doc, here.pack, here.sent, here.s0
    start, vs, o0 = c.start, c.vs, c.o0
    if news and sent > 1 and (_undated(when) or when.kind == "recent") \
            and _DEFINITE_BEFORE.search(doc.text, max(s0, start - 40), start) and story_time(doc) is not None:
        return "story's launch"  # "The recent launch — and failure — of a new rocket" after a lead "On March 16, China
        # launched the first Long March 7A": the story's launch, of the day its lead gives
    if news and _undated(when) and sent >= 2 and _retold(doc, sent, vs, o0):
        return "retold"  # "In June last year, the Royal Navy test-fired an unarmed Trident II D5 ... when HMS Vengeance
        # ... test-fired the missile off the coast of Florida": the dated event told again
    if news and _undated(when) and follow_up(doc, pack):
        return "follow-up"  # an inquiry's findings: the failure it studies is not this week's news
    return None


def _needs_time_of_its_own(here: _Sentence, c: _Candidate) -> bool:
    """Does the candidate, undated, need a time within the week (``needs_time`` with a running total or no support
    verb, an event noun, a verb used as a noun after its object)? The caller then takes the lead's time, for a
    headline."""
    doc, pack, rule, s0, s1 = here.doc, here.pack, here.rule, here.s0, here.s1
    start, end, vs, o0, o1 = c.start, c.end, c.vs, c.o0, c.o1
    spec = rule.spec
    return bool((spec.needs_time and (tally(doc.text, s0, start, end) or not supported(doc, rule, s0, s1, start, end)))
                or (vs == start and nominal(doc, pack, s0, s1, vs)) or _noun_compound(doc, rule, vs, o0, o1))


def _a_tally_or_a_habit(here: _Sentence, c: _Candidate, news: bool, when: TimeMention | None) -> str | None:
    """Last, with the candidate's final time: a history column's undated event, a running total, a count over a
    period, how often, a generic participle."""
    doc, pack, sent, s0, s1 = here.doc, here.pack, here.sent, here.s0, here.s1
    start, end, vs, o0 = c.start, c.end, c.vs, c.o0
    if history_column(doc) and not dated_by_year(when):
        return "history column"  # "On this day: Iraq attacks Israel ... The missiles ... hit in the early hours of the morning"
    clause = _trigger_clause(doc, s0, s1, start, end)
    total = _running_total(doc, pack, s0, s1, *clause)
    if total is not None and (_undated(when) or not total[0] <= s0 + when.start < total[1]):
        return "running total"  # "has launched more than 100 small satellites to orbit ... to date": its own clause has no time
    periods = counted_over_period(doc.text, *clause, o0)
    if periods and not places_one_launch(when, s0 + when.start if when is not None else -1, periods):
        return "tally over a period"  # "As of June 13, North Korea has launched 16 missiles in 10 tests this year alone": a tally
    if how_often(doc.lower, *clause) and not places_one_launch(when, s0 + when.start if when is not None else -1, []):
        return "how often"  # "Its Falcon 9 rockets are currently launching every two days on average": a habit
    if sent > 0 and _undated(when) and generic_participle(doc.text, s0, vs):
        return "generic participle"  # "Launches from remote launch sites come with little warning, ..., sending ...
        # satellites": usual
    return None


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
_NOT_BARE = _NOUN_PHRASE_WORDS | frozenset("two three four five six seven eight nine ten dozen dozens several some many "
                                           "both our your my all most any no each every".split())


def _kind_of_thing(doc: _Article, s0: int, o0: int, o1: int, vs: int, end: int, dated: bool) -> bool:
    """Is the hit about a kind of launch or thing rather than one that flew: a bare launch noun joined to its object
    after a preposition ("industrial chains of rocket launch, satellite and data", dated or not: a sector, whatever
    day it was spoken of); where the sentence dates nothing, a plural after a quantifier ("Most rockets used to
    launch satellites ... perform controlled re-entrances") or a singular after "every" or "any" ("from
    every launch, success or failure"), an -ing participle right after a bare plural after a preposition ("the first
    stages of Chinese rockets launching from the inland Taiyuan facility"), or a bare plural both sides of a passive participle
    ("information obtained from artificial satellites launched by rockets")?"""
    launch_word = _last_word_start(doc.text, vs, end) if (o0, o1) == (vs, end) else vs  # a phrase: its noun
    if doc.lower[launch_word:end].split(None, 1)[0] == "launch" \
            and _BARE_COMPOUND.search(doc.text, max(s0, launch_word - 30), launch_word):
        return True
    if dated:
        return False
    if doc.lower[vs:end].split(None, 1)[0].endswith("ing") \
            and (m := _BARE_PLURAL_THEN.search(doc.text, max(s0, vs - 60), vs)) is not None \
            and not set(_words(m.group("mods"))) & _NOT_BARE and not _MEASURE_BEFORE.search(doc.text, max(s0, m.start() - 20), m.start()):
        return True  # "the first stages of Chinese rockets launching from the inland Taiyuan facility": a kind of rocket,
        # whatever the participle is paired with
    if vs < o0:  # verb first: what a quantified subject does, or a bare plural agent ("launched by rockets")
        cut = list(_CLAUSE_BREAK.finditer(doc.text, s0, vs))
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
            and not set(_words(m.group())) & _NOT_BARE and _BY_BARE_PLURAL.match(doc.text, end) is not None)


_THE_END = re.compile(r"\bthe\s+$", re.IGNORECASE)
# a definite noun phrase before the trigger speaks of a launch or a rocket the story has told: "The recent launch",
# "the rocket's altitude", "the launch"
# "the rocket's altitude", "the launch"; also what such a phrase coordinates, "The recent launch — and failure"
_DEFINITE_BEFORE = re.compile(r"(?:^|[^\w'’])(?:the|its|this|that)\s+(?:[\w'’-]+\s+){0,2}(?:[,\u2013\u2014-]?\s*(?:and|or)\s+)?$",
                              re.IGNORECASE)


def _retold(doc: _Article, sent: int, vs: int, o0: int) -> bool:
    """Is the verb at ``vs``, with an object the article has named before ("the missile"), the same verb an
    earlier body sentence placed outside the week? Then it tells that event again."""
    if not (o0 > vs and _THE_END.search(doc.text, max(0, o0 - 5), o0)):
        return False
    verb = doc.lower[vs:].split(None, 1)[0]
    for prev in range(1, sent):
        p0, p1 = doc.sentences[prev]
        at = doc.lower.find(f" {verb} ", p0, p1)
        if at >= 0:
            news, when = place_in_time(doc.text[p0:p1], (at + 1 - p0, at + 1 + len(verb) - p0), doc.ref, doc.today)
            return not news and when is not None and when.age is not None
    return False


_OF_END = re.compile(r"\bof\s+$", re.IGNORECASE)
# a hedge right after the verb names what flew, and is no distance to it: "North Korea fired what is believed to have
# been an intermediate-range ballistic missile toward the Sea of Japan on Sunday"; so is the maker's own name for it:
# "North Korea on Sunday detonated what it described as a hydrogen bomb", "fired what Pyongyang called a new missile"
_WHAT_IT_WAS = re.compile(r"^\s*what\s+(?:(?:(?:is|was|are|were)\s+(?:believed|thought|said|reported|presumed|suspected)|"
                          r"appears|appeared|seems|seemed)\s+to\s+(?:have\s+been|be)|"
                          r"[\w'’.-]+\s+(?:described|describes|called|calls|claimed|claims|termed|terms|dubbed)"
                          r"(?:\s+(?:as|was|were|to\s+be))?)\s+", re.IGNORECASE)


# a sentence opening on a bare verb whose object follows after a determiner gives an order or a dictionary's sense
# ("2. Send a rocket, missile, etc. on its course"): it has no subject, no one did it; a noun opening a sentence
# goes on with its verb ("Launch occurred at 1:00 a.m.")
_OPENS = re.compile(r"[\W\d_]*")
_DETERMINER_NEXT = re.compile(r"\s+(?:a|an|the|its|their|your|his|her|our|this|these|those|some)\s", re.IGNORECASE)


def _imperative(text: str, verbs: Sequence[str], s0: int, v0: int, v1: int) -> bool:
    """Does the verb at ``v0:v1`` open its sentence in its bare form, a determiner after it?"""
    if _OPENS.fullmatch(text, s0, v0) is None or _DETERMINER_NEXT.match(text, v1) is None:
        return False
    word = " ".join(text[v0:v1].lower().replace("-", " ").split())
    return any(word == " ".join(b.lower().replace("-", " ").split()) for b in verbs)


def _last_word_start(text: str, start: int, end: int) -> int:
    """Where the last word of the phrase at ``start:end`` begins ("rocket launches": "launches")."""
    return start + text[start:end].rstrip().rfind(" ") + 1
# a clause opened by "including" or "such as" lists examples of a kind: "capping off a busy summer that saw its share
# of historic missions, including launch of a new Mars rover and the first crewed liftoff from U.S. soil"
_EXAMPLES_OPENER = re.compile(r"\s*(?:including|such as)\b", re.IGNORECASE)


def _lead_dates_older(doc: _Article, o0: int, o1: int, start: int = 0, end: int = 0) -> bool:
    """For a headline hit with no time of its own: does the first body sentence name the same thing
    (the object's head word, "missile", or a vehicle the headline's phrase names) and place it
    outside the week ("China Tested Hypersonic Missile" over "believes that China launched a
    long-range missile in July"; "A moment of glory: testing the Minuteman III intercontinental
    ballistic missile" over "In the summer of 2018, ... charged with test launching the Minuteman
    III")? The headline then tells that older event."""
    head = _words(doc.text[o0:o1])[-1:]
    if not head or len(doc.sentences) < 2:
        return False
    stem = head[0][:-1] if head[0].endswith("s") else head[0]
    p0, p1 = doc.sentences[1]
    m = re.search(rf"\b{re.escape(stem)}\w*", doc.lower[p0:p1])
    if m is None:
        names = [e.text.lower() for e in doc.entities if start <= e.start and e.end <= end and e.label == "VEHICLE"]
        m = next((x for x in (re.search(rf"\b{re.escape(n)}\b", doc.lower[p0:p1]) for n in names) if x), None)
    if m is None:
        return False
    news, when = place_in_time(doc.text[p0:p1], (m.start(), m.end()), doc.ref, doc.today)
    if news or when is None or when.future:
        return False
    # "for the first time since a humiliating failure 15 months ago": that time dates the earlier event
    return not dates_another_event(doc.text, p0, when)


def _examples_list(text: str, s0: int, start: int) -> bool:
    """Is the trigger at ``start`` in a clause that "including" or "such as" opens after a comma? Its
    events are the examples of a noun before the comma, dated by that noun, not by the sentence."""
    cut = list(_CLAUSE_BREAK.finditer(text, s0, start))
    return bool(cut) and cut[-1].group() == "," and _EXAMPLES_OPENER.match(text, cut[-1].end(), start) is not None


_PURPOSE_END = re.compile(r" (?:to|will|would|could|can|may|might|should|shall|is due to|is set to) $")
_AUXILIARY_END = re.compile(r"\b(?:is|are|was|were|be|been|being)\s+$", re.IGNORECASE)


_SEND = frozenset({"send", "sends", "sent", "sending"})
_TO_AFTER = re.compile(r"\s+(?:back\s+)?to\s+(?:the\s+)?")
_EARTH_PLACES = frozenset({"COUNTRY", "CITY", "REGION", "PLACE"})


def _clause_key(doc: _Article, s0: int, s1: int, start: int, end: int) -> str:
    """The trigger's clause (from the clause break before it to the one after it), space-padded
    and normalised as rule phrases are."""
    cut = list(_CLAUSE_BREAK.finditer(doc.text, s0, start))
    brk = _CLAUSE_BREAK.search(doc.text, end, s1)
    return f" {' '.join(_words(doc.text[cut[-1].end() if cut else s0:brk.start() if brk else s1]))} "


def _sent_on_earth(doc: _Article, vs: int, end: int, ents: Sequence[Entity]) -> bool:
    """Is the trigger a "send" whose destination, right after it, is a place on Earth ("were sent to
    Russia for training")? Then nothing went to space."""
    if doc.lower[vs:end].split(None, 1)[0] not in _SEND:
        return False
    m = _TO_AFTER.match(doc.text, end)
    return m is not None and any(e.start == m.end() and e.label in _EARTH_PLACES for e in ents)


def _dated_in_clause(text: str, when: TimeMention | None, s0: int, vs: int, s1: int) -> bool:
    """Is ``when`` in the clause that the verb at ``vs`` opens (after it, before the next clause break)?"""
    if when is None or s0 + when.start < vs:
        return False
    brk = _CLAUSE_BREAK.search(text, vs, s1)
    return s0 + when.start < (brk.start() if brk else s1)


def _is_title(doc: _Article, s0: int, s1: int) -> bool:
    """Is this body sentence the headline again (feeds often repeat it as the body's first line)?"""
    return doc.text[s0:s1].strip(" .\n") == doc.text[:doc.title_end].strip(" .\n")


def _participle_main_verb(doc: _Article, rule: _Rule, v: _Hit, s0: int, s1: int) -> bool:
    """Is the verb at ``v`` an -ing participle (no progressive "was carrying") whose clause
    goes on with one of the rule's ``participle_excludes`` verbs ("a Soyuz craft carrying two
    cosmonauts left its docking port")?"""
    if not doc.lower[v.start:v.end].rstrip().endswith("ing") or _AUXILIARY_END.search(doc.text[s0:v.start]):
        return False
    rest = _NOUN_ASIDE.sub(_unless_a_clause, doc.text[v.end:s1])
    m = _CLAUSE_BREAK.search(rest)
    padded = f" {' '.join(_words(rest[:m.start()] if m else rest))} "
    # "carrying a lander to land on the Moon", "... that will land": a purpose or a plan, not what it did
    if any(not _PURPOSE_END.search(padded[:x.start() + 1]) for x in rule.participle_excludes_re.finditer(padded)):
        return True
    if not _ASIDE_OPENED.search(doc.text, s0, v.start):
        return False
    # an aside that names the crew with commas of its own: the main verb opens a later comma's segment ("The return
    # capsule of the Shenzhou-21 spaceship, carrying the Shenzhou-20 astronauts Chen Dong, Chen Zhongrui and Wang Jie,
    # touched down at the Dongfeng landing site")
    for c in _ASIDE_COMMA.finditer(rest):
        head = f" {' '.join(_words(rest[c.end():c.end() + 60]))} "
        if rule.participle_excludes_re.match(_LY_WORD.sub(" ", head, count=1)):
            return True
    return False


# a noun phrase set off by commas after the participle's object restates it and ends no clause: "The return capsule of
# the Shenzhou-14 spacecraft carrying three taikonauts, the Chinese name for astronauts, touches down"
_NOUN_ASIDE = re.compile(r",\s*(?:the|a|an)\s+[^,;:()\[\]\u2013\u2014]{1,60}?,")
# ... unless it holds a verb of its own: "carrying 22 Starlink satellites, the first stage landed on the drone ship, ..."
_FINITE_IN_ASIDE = re.compile(r"\b(?:\w+ed|is|are|was|were|has|have|had|will|would)\b", re.IGNORECASE)


def _unless_a_clause(m: re.Match[str]) -> str:
    return m.group() if _FINITE_IN_ASIDE.search(m.group()) else " "


# a participle set off as an aside after its noun: "The return capsule ..., carrying ..."
_ASIDE_OPENED = re.compile(r",\s*$")
_ASIDE_COMMA = re.compile(r",\s*(?=[a-z])")
# an adverb opening the main verb's segment: "..., safely touched down"
_LY_WORD = re.compile(r"^ \w+ly (?=\w)")


# "has launched more than 2,950 satellites": a perfect verb with a rough count is a total so far
_PERFECT_ROUGH_COUNT = re.compile(r"\b(?:has|have|had)\s+(?:\w+ly\s+|now\s+|already\s+|so far\s+)?\w+\s+"
                                  r"(?:more than|over|nearly|almost|about|around|some|upwards of|at least|close to|"
                                  r"roughly|approximately)\s+\d", re.IGNORECASE)

# "Over 5,200 space satellites have been launched since October 4, 1957": a rough count as the subject of a
# perfect passive is a total so far
_COUNTED_SUBJECT = re.compile(r"\b(?:more than|over|nearly|almost|about|around|some|upwards of|at least|close to|roughly|"
                              r"approximately)\s+\d[\d,.]*\s+(?:[\w-]+\s+){0,3}?(?:has|have|had)\s+(?:now\s+|so far\s+|"
                              r"already\s+)?been\b", re.IGNORECASE)
# "have only been tested a handful of times", "has fired missiles 20 times": how often, over a span
_PERFECT_TIMES = re.compile(r"\b(?:has|have|had)\s+(?:[\w’'-]+\s+){1,5}?(?:a handful of|a few|a number of|several|many|"
                            r"numerous|countless|dozens of|hundreds of|scores of|\d+|two|three|four|five|six|seven|"
                            r"eight|nine|ten|eleven|twelve|\w+ty)\s+times\b", re.IGNORECASE)


def _trigger_clause(doc: _Article, s0: int, s1: int, start: int, end: int) -> tuple[int, int]:
    """The trigger's clause: from the last clause break before it to the first after it."""
    # a number's group separator is no clause break: "Over 5,200 space satellites have been launched"
    before = _NUMBER_GROUPS.sub("0", doc.text[s0:start])
    cut = list(_CLAUSE_BREAK.finditer(before))
    c0 = s0 + (cut[-1].end() if cut else 0)
    rest = _NUMBER_GROUPS.sub("0", doc.text[end:s1])
    m = _CLAUSE_BREAK.search(rest)
    return c0, end + (m.start() if m else len(rest))


def _running_total(doc: _Article, pack: RulePack, s0: int, s1: int, c0: int, c1: int) -> tuple[int, int] | None:
    """The trigger's clause ``c0:c1`` (:func:`_trigger_clause`), when it tells a running total ("has launched more
    than 100 satellites to orbit to date"): a ``context.tally`` cue in it, or a perfect verb before a rough count;
    else None."""
    if pack.tally_re is not None:
        if pack.tally_re.search(f" {' '.join(_words(doc.text[c0:c1]))} "):
            return c0, c1
        if pack.tally_re.search(f" {' '.join(_words(doc.text[s0:s1])[:3])} "):
            return s0, s1  # a sentence that opens with one ("In all, three rockets ... have been launched")
    counted = _PERFECT_ROUGH_COUNT.search(doc.text, c0, c1) or _PERFECT_TIMES.search(doc.text, c0, c1) \
        or _COUNTED_SUBJECT.search(doc.text, c0, c1)
    return (c0, c1) if counted else None


def _noun_use(doc: _Article, v: _Hit, s0: int) -> bool:
    """Is the verb trigger at ``v`` a noun: its bare form after a determiner or a preposition ("the
    launch", "before blast-off"), not a participle ("after launched")?"""
    word = doc.lower[v.start:v.end].strip()
    return not word.endswith(("ed", "ing")) and bool(_DETERMINER_END.search(doc.text, max(s0, v.start - 8), v.start))


#: ``after`` cues that are no noun: "rockets at Israel", "shot down"
_PARTICLES = frozenset("at against back down up on in to from for with by of".split())


def _modifies_next_noun(doc: _Article, rule: _Rule, o1: int, upto: int) -> bool:
    """Is the object word before its verb the first part of a noun compound whose head is one
    of the rule's ``after`` nouns ("satellite imagery", "missile launchers fired")? The verb's
    subject is then the compound, not the object."""
    nxt = _words(doc.text[o1:upto])[:1]
    return bool(nxt) and doc.text[o1:o1 + 1] == " " and nxt[0] in rule.after and nxt[0] not in _PARTICLES


_FINITE_NEXT = re.compile(r"\s+(?:[a-z]+ed|was|were|is|are|has|had|will|would|came|comes|went|goes|brought|took|made)\b")


def _noun_subject(doc: _Article, v: _Hit) -> bool:
    """Is the verb trigger at ``v`` a bare noun followed by its own verb ("Launch provided only
    $6.6 million")? Then it is a subject, and the words after its verb are not its object."""
    word = doc.lower[v.start:v.end].strip()
    return " " not in word and not word.endswith(("ed", "ing", "s")) and bool(_FINITE_NEXT.match(doc.lower, v.end))


def _noun_compound(doc: _Article, rule: _Rule, verb_start: int, o0: int, o1: int) -> bool:
    """Is the verb's bare form right after a singular object a noun ("the Starship launch is
    trending toward April"), or after other bare forms of the rule's verbs that follow it ("A THAAD
    Interceptor Missile test launch")? Then, as for an event noun, it needs a time of its own."""
    if verb_start < o1 or any(w not in rule.bare_verbs for w in doc.lower[o1:verb_start].split()):
        return False
    word = doc.lower[verb_start:].split(None, 1)[0] if doc.lower[verb_start:].strip() else ""
    return word in rule.bare_verbs and not doc.lower[o0:o1].rstrip().endswith("s")


# a question, also a headline one with the full stop that joins it to the body ("What is a Nuclear Weapons Test?.")
_QUESTION_END = re.compile(r"\?[\"'”’)]*\.?\s*$")


def _sentence_vetoed(doc: _Article, pack: RulePack, rule: _Rule, sentence: str, padded: str) -> bool:
    if _QUESTION_END.search(sentence):
        return True
    if (pack.sentence_re and pack.sentence_re.search(padded)) or (
            rule.sentence_excludes_re and rule.sentence_excludes_re.search(padded)):
        return True
    return False


def _context_words(text: str, offset: int, ents: Sequence[Entity]) -> list[str]:
    """Words of ``text`` (at ``offset`` in the article) with each name counted as one word and
    the possessive "s" dropped, so "Sunday's Falcon 9 launch" is three words."""
    for e in reversed(ents):
        a, b = e.start - offset, e.end - offset
        if 0 <= a and b <= len(text):
            text = f"{text[:a]}name{text[b:]}"
    return [w for w in _words(_NUMBER_GROUPS.sub("", text)) if w != "s"]


#: event nouns whose "of" phrase holds a trigger's object: "the planned launch of a rocket carrying ..."
_HEAD_EVENT_NOUNS = frozenset("launch launches liftoff flight flights mission missions attempt".split())
#: ... and those whose "at" phrase does: "a third attempt at launching its own spy satellite"
_ATTEMPT_NOUNS = frozenset({"attempt", "attempts"})


def _noun_phrase_start(words: list[str], k: int) -> int:
    """Where the noun phrase ending at ``words[k - 1]`` starts, past its determiners and ordinals."""
    while k and (words[k - 1] in _NOUN_PHRASE_WORDS or words[k - 1] in _TIME_PREMODIFIERS or words[k - 1].isdigit()):
        k -= 1
    return k


#: a clock time or a day before an event noun is part of its noun phrase: "Friday's planned 12:17 p.m. launch of an
#: Atlas V rocket", "proceed toward a 5:44 p.m. Tuesday liftoff"
_TIME_PREMODIFIERS = frozenset("p m am pm edt est et edt cdt cst pdt pst mdt mst utc gmt bst ist jst hrs hours local "
                               "monday tuesday wednesday thursday friday saturday sunday morning afternoon evening night "
                               "tonight today tomorrow pre dawn predawn".split())


def _context_vetoed(doc: _Article, pack: RulePack, rule: _Rule, s0: int, s1: int,
                    start: int, end: int, verb_start: int, ents: Sequence[Entity], governing_only: bool = False) -> bool:
    """Do the trigger's context cues rule out a done act? ``governing_only`` reads only what governs it, before it
    (for an earlier conjunct that a trigger shares its governor with: its own object and after-cues are not the
    trigger's)."""
    before = doc.text[s0:start]
    cut = list(_CLAUSE_BREAK.finditer(before))
    if cut and cut[-1].group() == "," and _COORDINATE_MODIFIER.search(before, 0, cut[-1].start()) \
            and _MODIFIERS_ONLY.fullmatch(before, cut[-1].end()):
        cut = cut[:-1]  # "could be conducting secret, low-powered nuclear tests": a comma between two modifiers
    cut_at = cut[-1].end() if cut else 0
    if cut and cut[-1].group() == "," and not before[cut_at:].strip() and _ing_main_plan(doc, pack, before, cut, start, end):
        return True  # "is expected to lift off in the first quarter of this year, carrying a ... satellite"
    if verb_start == start and after_a_clause_ahead(doc.text, s0, start):
        return True  # "is taking one more day to check everything over before sending another satellite to orbit"
    first = coordinated_gerund(doc.text, s0, start) if verb_start == start else None
    if first is not None and _context_vetoed(doc, pack, rule, s0, s1, first[0], first[1], first[0], ents,
                                             governing_only=True):
        return True  # "previews the flight of ... rocket launching from Wallops Island, Virginia, and sending ..."
    words = _context_words(before[cut_at:], s0 + cut_at, ents)
    # the window counts the clause's words, not the trigger's own determiners and ordinals:
    # "probably carried out its sixth nuclear test" keeps "probably" in reach
    k = _noun_phrase_start(words, len(words))
    head = next((j for j in range(k - 1, max(0, k - 6), -1)
                 if (words[j] == "of" and words[j - 1] in _HEAD_EVENT_NOUNS)
                 or (words[j] == "at" and words[j - 1] in _ATTEMPT_NOUNS)), None)
    if head is not None:
        # "delayed the planned launch of a Falcon 9 rocket carrying six satellites": the object is
        # the event noun's, and the cues before that noun are about it ("plans for a third attempt at launching
        # its own spy satellite")
        k = _noun_phrase_start(words, head - 1)
    clause_words = words[:k]
    words = words[max(0, k - pack.before_window):] if pack.before_window else []
    # "enhance cooperation against North Korea following Pyongyang's failed satellite launch": a
    # cue before "following"/"after" is about what the sentence tells after that event, not the event
    cut_prep = max((i for i, w in enumerate(words) if w in _FOLLOWING and not (i and words[i - 1] in _DETERMINERS)),
                   default=None)
    if cut_prep is not None:
        words = words[cut_prep + 1:]
    if any(w in pack.before_cues for w in words) or _two_word_cue(words, pack.before_cues):
        return True
    # a cue that takes a clause scopes over all of it: "suggesting that the country has carried
    # out its fifth nuclear test", "denied that it had fired"
    clause = _words(before[cut_at:])
    if any(a in pack.before_cues and b in ("that", "whether") for a, b in zip(clause, clause[1:])):
        return True
    if _feared_clause(clause):
        return True  # "easing fears the state had conducted another nuclear test"
    if _denied_report(clause):
        return True  # "China dismisses US claims it carried out a nuclear test": another party's telling, denied
    if _THIRD_PARTY_CLAIM.search(before, cut_at):
        return True  # "US claims China conducted Nuke test": one party's claim about another's act
    if _SINCE_EARLIER.search(f" {' '.join(clause)} "):
        return True  # "the first since a previous mission ... was aborted after a booster failed"
    if verb_start > start:  # object first: "missiles could be fired", "missile set to be launched"
        between = _words(doc.text[start:verb_start])
        # "a missile appeared to have exploded just after it was launched": a cue before a clause of
        # time that holds the verb doubts the other verb, not this one
        opener = max((i for i, w in enumerate(between) if i and w in _TIME_CLAUSE_OPENERS), default=0)
        if opener and not (_PAST_AUXILIARIES & set(between[opener + 1:])
                           or (doc.lower[verb_start:end].split() or [""])[0].endswith("ed")
                           and not _PRESENT_AUXILIARIES & set(between[opener + 1:])):
            opener = 0  # "could explode as soon as it is launched": a present after a modal is ahead
        cues_between = between[opener + 1:]
        if _PAST_AUXILIARIES & set(cues_between) or {"been", "are", "is"} & set(cues_between):
            # "Rockets toward Sderot were launched", "missiles nearing Kyiv were shot down": where they flew, not ahead
            cues_between = [w for w in cues_between if w not in _DIRECTION_CUES]
        if any(w in pack.before_cues for w in cues_between) or _two_word_cue(cues_between, pack.before_cues):
            return True
        words = words + between
        clause_words = clause_words + between
    elif end > start:  # verb first: "with a planned missile", "launched no missile"
        # an aside between commas describes something else: "placed the IRNSS 1B, second of the seven
        # planned satellites for the system, in precise orbit"
        span = [w for a, b in outside_asides(doc.text, start, end) for w in _context_words(doc.text[a:b], a, ents)]
        between = span[1:-1]
        exempt = _ADJECTIVE_CUES if span and span[-1] in _EVENT_NOUNS else _OBJECT_CUES
        # "fired what could be a ballistic missile": a modal in "what <modal> be" doubts the object too
        what_be = {w for a, w, b in zip(between, between[1:], between[2:]) if a == "what" and b == "be"} - {"will"}
        if any(w in pack.before_cues and w not in exempt and (w not in what_be or span[-1] in _EVENT_NOUNS)
               for w in between):
            return True
    # the whole clause, not the cue window: "scheduled to host an operational test launch" reaches back five words
    if _infinitive(clause_words, pack.to_ok) or _modal_before_to_ok(clause_words) or _modal_scope(clause_words):
        return True
    if _purpose_scope(clause_words):
        return True
    if governing_only:
        return False
    after = doc.text[end:s1]
    m = _CLAUSE_BREAK.search(after)
    if m:
        after = after[:m.start()]
    thwarted = _THWARTED.search(after)
    if thwarted:
        after = after[:thwarted.start()]  # "the missile was intercepted before it could enter Israeli airspace"
    if pack.clause_after_re is not None:
        aside = _PARTICIPLE_ASIDE.match(doc.text, end + m.start(), s1) if m else None
        clause = after
        if aside is None and m and m.group() == "(":
            aside = _BRACKETED_NAME.match(doc.text, end + m.start(), s1)  # "Satellite-M (TDRS-M) is slated for Friday"
        if aside is not None:
            resumed = doc.text[aside.end():s1]
            m3 = _CLAUSE_BREAK.search(resumed)
            clause = f"{after} {resumed[:m3.start()] if m3 else resumed}"
        clause = _NAME_AND.sub(r"\g<w> ", clause)
        rest = f" {' '.join(_words(clause))} "
        m2 = pack.clause_after_re.search(rest)
        if m2 and not _RELATIVE.search(rest[:m2.start() + 1]):
            return True
    # the possessive "s" is no word here either: "test firing of LauncherOne's main stage"
    aw = [w for w in _words(after) if w != "s"][:pack.after_window] if pack.after_window else []
    rel = next((i for i, w in enumerate(aw) if w in _RELATIVE_WORDS), None)
    aw = aw[:rel]  # "a missile that could reach the US": the cue is about the missile
    if s0 >= doc.title_end:
        named = _name_continues(doc.text, start, end, after) | _agent_name(after)
        aw = [w for w in aw if w not in named]
    # "lifted off as scheduled at 0559 hours": it went on time, the schedule was kept; "at" before
    # a clock time tells when it went, not what it was aimed at
    later = [w for w in _words(after) if w != "s"][:pack.after_window + 1]
    # "launched a satellite at the Xichang Satellite Launch Center": "at" a launch site tells where, not a target
    at_site = (m4 := _AT_PLACE.match(after)) is not None and any(
        e.start == end + m4.end() and (e.id or "").startswith("site:") for e in ents)
    if aw[:1] == ["from"]:
        aw = [w for w in aw if w not in _PLACE_CUES]  # "Falcon 9 lifted off from launch pad 39A": where it left from
    aw = [w for i, w in enumerate(aw) if not (i and aw[i - 1] == "as" and w in _KEPT_SCHEDULE)
          and not (w == "at" and (at_site and i == 0 or i + 1 < len(later)
                                  and (later[i + 1][:1].isdigit() or later[i + 1] in _CLOCK_WORDS)))]
    if _PENALTY_AFTER.match(after) and _HIT_END.search(doc.lower, max(start, end - 10), end):
        return True  # "the missiles that have seen it hit with multiple international sanctions": punished, no strike
    return any(w in pack.after_cues or w in rule.after for w in aw) or _two_word_cue(aw, pack.after_cues | rule.after)


#: prepositions that name the trigger's event as what came before the sentence's own news
_FOLLOWING = frozenset("following after".split())
_DETERMINERS = frozenset("the a an its their this that".split())
#: "hit with (multiple international) sanctions": "hit" as a penalty, a few modifiers before the penalty's noun
_PENALTY_AFTER = re.compile(r"\s+with\s+(?:[\w'’-]+\s+){0,3}?(?:sanctions?|tariffs?|fines?|penalt(?:y|ies)|levies|"
                            r"duties|embargo(?:es)?|charges|lawsuits?)\b", re.IGNORECASE)
_HIT_END = re.compile(r"\bhit(?:s|ting)?$")


def _ing_main_plan(doc: _Article, pack: RulePack, before: str, cut: list[re.Match[str]], start: int, end: int) -> bool:
    """Is the trigger an -ing participle right after a comma whose main clause, before that comma, holds a
    ``context.clause_after`` cue ("The GSLV-Mark-III rocket ... is expected to lift off in the first quarter of
    this year, carrying a 4-tonne class communication satellite")? The participle shares its clause's plan."""
    if pack.clause_after_re is None or not doc.lower[start:end].split(None, 1)[0].endswith("ing"):
        return False
    main = _NAME_AND.sub(r"\g<w> ", before[(cut[-2].end() if len(cut) > 1 else 0):cut[-1].start()])
    padded = f" {' '.join(_words(main))} "
    m = pack.clause_after_re.search(padded)
    return bool(m) and not _RELATIVE.search(padded[:m.start() + 1])


# a clause of time whose modal is what the thing did not get to do: "the missile was intercepted before it could
# enter Israeli airspace", "shot down before they could reach their targets"
_THWARTED = re.compile(r"\bbefore\s+(?:it|they|its\s+\w+|their\s+\w+|the\s+\w+)\s+(?:could|would|was\s+able|were\s+able)\b",
                       re.IGNORECASE)


#: before-cues of a launch ahead that, between a thing and its passive verb, tell where it flew
_DIRECTION_CUES = frozenset("toward towards nears nearing".split())
#: words that open a clause of time between an object and its later verb
_TIME_CLAUSE_OPENERS = frozenset("after when once as".split())
_PAST_AUXILIARIES = frozenset("was were had".split())
_PRESENT_AUXILIARIES = frozenset("is are be been being has have".split())
# a comma between two modifiers of the trigger's noun is no clause break: "secret, low-powered nuclear tests"
_COORDINATE_MODIFIER = re.compile(r"(?:^|\s)[a-z][a-z-]*$")  # a lower-case word right before the comma
_MODIFIERS_ONLY = re.compile(r"\s+(?:[a-z][a-z-]*\s+){1,2}")
#: cues that, after "as", say the plan was kept: "lifted off as scheduled", "flew as planned"
_KEPT_SCHEDULE = frozenset("scheduled planned expected".split())
#: ``after`` cues that name a place: after "from" they tell where a launch left from, not a compound ("launch pad")
_PLACE_CUES = frozenset("pad pads launchpad complex tower gantry site sites".split())
_AT_PLACE = re.compile(r"\s*at\s+(?:the\s+)?", re.IGNORECASE)
#: words after "at" that make it a time: "at dawn", "at about 9 a.m."
_CLOCK_WORDS = frozenset("dawn noon midnight night daybreak sunrise sunset around about approximately exactly precisely "
                         "roughly".split())


def _name_continues(text: str, start: int, end: int, after: str) -> frozenset[str]:
    """In body text, the capitalised words right after a capitalised object go on with its name
    ("the training launch of Ghauri Missile System"): they are no noun-compound cue."""
    last = re.findall(r"[\w'’-]+", text[start:end])
    if not last or not last[-1][:1].isupper():
        return frozenset()
    run = []
    for w in re.findall(r"[\w'’-]+", after):
        if not w[:1].isupper():
            break
        run.append(w.lower())
    return frozenset(run)


# the agent's name after "by": "was successfully flight-tested by Defence Research and Development Organisation"
_BY_NAME = re.compile(r"\s*by\s+(?:the\s+)?([A-Z][\w'’-]*(?:\s+(?:(?:and|of|for|&)\s+)?[A-Z][\w'’-]*)*)")


def _agent_name(after: str) -> frozenset[str]:
    """In body text, the words of a capitalised name right after "by" name who acted: no noun-compound cue."""
    m = _BY_NAME.match(after)
    return frozenset(w.lower() for w in re.findall(r"[\w'’-]+", m.group(1))) if m else frozenset()


def _key_text(lower: str) -> str:
    return " ".join(lower.split())


#: cues whose complement is a whole clause, with or without "that": "fears the state had conducted ..."
_FEAR_CUES = frozenset("fear fears feared fearing speculation speculated rumours rumors rumoured rumored "
                       # "dismissed allegations by the U.S. that Beijing may have conducted", "Suggestion It Is Conducting"
                       "suggestion suggestions allegation allegations accusation accusations".split())
#: "<verb> from" takes the rest of its clause, however long the names in it: an earlier event ("is now recovering
#: from its first Falcon 9 launch failure in 18 missions") or one not done ("its adherence to arrangements about
#: refraining from ballistic missile and nuclear tests")
_TAKES_FROM = frozenset("recover recovers recovered recovering refrain refrains refrained refraining abstain abstains "
                     "abstained abstaining".split())
#: words that open a clause of its own after such a cue: "stoked fears after it fired a missile"
_NEW_CLAUSE_WORDS = frozenset("after as when since because while but and following".split())


# a claim about another party's act, in the trigger's clause: "The US has claimed that China has tested";
# not a claim of one's own ("claimed it had launched", "claimed to have fired"), nor state media's
_THIRD_PARTY_CLAIM = re.compile(r"(?<!media )(?<!agency )(?<!KCNA )\b(?:claims|claimed|claim)\s+(?:that\s+)?"
                                r"(?!(?:It|Its|They|Their|He|She|We|Our|The)\b)[A-Z][^,;:]*$")


# what may stand between a plural subject and its verb: nothing, or a relative pronoun ("missiles, which fly")
_SUBJECT_TO_VERB = re.compile(r"\s*(?:,\s*)?(?:(?:which|that)\s+)?")
#: verbs whose past is their base form: "Russian missiles hit Kyiv" is told of the past
_SAME_PAST = frozenset("hit put set shut cut cast broadcast burst spread".split())


def _plural_present(text: str, o0: int, o1: int, vs: int, lemmas: Sequence[str]) -> bool:
    """Is the trigger verb the simple present of a plural subject right before it, the way body text tells what a
    kind of thing does ("hypersonic missiles, which fly ...", "Such rockets launch from mobile pads")? The base form
    only (a past or a participle is an event), and not one whose past is the same word."""
    m = _SUBJECT_TO_VERB.match(text, o1, vs)
    if m is None or m.end() != vs or not text[o0:o1].rstrip().lower().endswith("s"):
        return False
    word = re.match(r"[a-z]+", text[vs:vs + 20].lower())
    return word is not None and word.group() in lemmas and word.group() not in _SAME_PAST


def _feared_clause(clause: list[str]) -> bool:
    """Is the trigger inside the clause a fear or a rumour takes ("easing fears the state had
    conducted another nuclear test"), or the aftermath of an earlier event or an abstention ("recovering from",
    "refraining from")?"""
    at = next((i for i in range(len(clause) - 1, -1, -1) if clause[i] in _FEAR_CUES), None)
    if at is not None and not any(w in _NEW_CLAUSE_WORDS for w in clause[at + 1:]):
        return True
    # "refraining from ballistic missile and nuclear tests": "and" joins what the cue takes
    at = next((i for i in range(len(clause) - 1, -1, -1) if clause[i] in _TAKES_FROM and clause[i + 1:i + 2] == ["from"]),
              None)
    return at is not None and not any(w in _NEW_CLAUSE_WORDS and w != "and" for w in clause[at + 1:])


#: verbs (and their nouns) that deny or dispute what another party told
_DENIAL_WORDS = frozenset("deny denies denied denying denial denials dismiss dismisses dismissed dismissing reject rejects "
                          "rejected rejecting refute refutes refuted refuting rebut rebuts rebutted rebutting dispute "
                          "disputes disputed disputing repudiate repudiates repudiated repudiating debunk debunks debunked "
                          "debunking contradict contradicts contradicted contradicting slam slams slammed slamming "
                          "rebuff rebuffs rebuffed rebuffing".split())
#: the nouns that name another party's telling of an act: "reports", "claims", "allegations"; alone they report
#: ("state media reports that it had fired", a launcher's own claim counts), denied they tell nothing done
_TELLING_NOUNS = frozenset("report reports claim claims allegation allegations accusation accusations assertion "
                           "assertions suggestion suggestions charge charges rumour rumours rumor rumors speculation "
                           "story stories account accounts".split())
#: words a denial may put between itself and the telling it denies: "rejected U.S. media reports", "denied as
#: \"fabricated\" media reports", "dismissed as fake news claims"
_DENIAL_REACH = 5


def _denied_report(clause: list[str]) -> bool:
    """Is the trigger inside another party's telling that the clause denies ("China dismisses US claims it carried
    out a nuclear test", "denied state media reports that the Islamic Republic had test-fired long-range missiles",
    "rejected U.S. media reports of a new Iranian missile test")? The telling noun scopes over the rest of the clause,
    as a fear does, up to a new clause."""
    for i in range(len(clause) - 1, -1, -1):
        if clause[i] not in _DENIAL_WORDS:
            continue
        noun = next((j for j in range(i + 1, min(len(clause), i + 1 + _DENIAL_REACH)) if clause[j] in _TELLING_NOUNS),
                    None)
        return noun is not None and not any(w in _NEW_CLAUSE_WORDS for w in clause[noun + 1:])
    return False


def _two_word_cue(words: list[str], cues: frozenset[str]) -> bool:
    return any(f"{a} {b}" in cues for a, b in zip(words, words[1:]))


#: verbs that carry an event noun: "preparations to conduct the underground nuclear test"
_LIGHT_VERBS = frozenset("conduct carry stage perform hold make launch fire test detonate explode attempt "
                         "undertake mount resume host".split())


_AUXILIARIES = frozenset("is are was were be been being has have had".split())
_OWN_SUBJECT = re.compile(r"\b(?:if|when|because|as|while|that|which|who|we|they|it|he|she|you|i|there|although|though|"
                          r"since|after|before|and|but)\b", re.IGNORECASE)
# the first finite verb after a participle: present ("is able to carry") or not
_FINITE_AFTER = re.compile(r"\b(?P<v>is|are|can|remains|remain|was|were|had|has|have|did|will|would)\b", re.IGNORECASE)


def _participle_of_present(text: str, o1: int, vs: int, end: int, s1: int) -> bool:
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


def _ing_of_present(text: str, s0: int, vs: int, end: int, s1: int) -> bool:
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


# between a thing and its participle, nothing or the thing's head noun: "The Falcon 9 rocket carrying the satellite"
_NOUN_HEAD_GAP = re.compile(r"\s*(?:[a-z][\w-]*\s+)?")


# the main verb after an aside: "The ... rocket, lifting off with ..., is carrying"
_PRESENT_AFTER_ASIDE = re.compile(r"[^,;:()]*,\s*(?:is|are)\s", re.IGNORECASE)


def _ing_aside_of_present(text: str, o1: int, vs: int, end: int, s1: int) -> bool:
    """Is the trigger an -ing participle set off by commas right after its object ("The United Launch
    Alliance rocket, lifting off with the help of two solid rocket motors ..., is carrying ...") before a
    main verb in the present? With no time, it describes the flight to come, as a preview does."""
    return text[o1:vs].strip() == "," and text[vs:end].split()[0].lower().endswith("ing") \
        and _PRESENT_AFTER_ASIDE.match(text, end, s1) is not None


#: the present participle of an object-first verb ("carry"): "the rocket ... is carrying a satellite"
_CARRYING = frozenset({"carrying"})


_MODALS = frozenset("may might could would will can should must shall".split())


#: words that open a new clause after a modal: its scope ends there
_CLAUSE_OPENERS = frozenset("that which who whom when whenever after before because as since while if but although "
                            "though whereas said says told".split())


#: two-word plans that scope over their clause as a modal does: "is all set to launch this evening the
#: heaviest rocket GSLV-MkIII D1 carrying ...", "We have several missions coming up This Week in Rocket Launches"
# (and a hedge on the whole clause: "Russia appears to have experienced a setback in testing for its Sarmat")
_SCOPED_PLANS = frozenset({("set", "to"), ("coming", "up"), ("appears", "to"), ("appeared", "to"), ("seems", "to"),
                           ("seemed", "to")})


def _names_what_it_was(words: list[str], i: int) -> bool:
    """"appeared to be" hedges what was fired, not that it was: "detected what appeared to be two ballistic
    missiles fired from North Korea" (a launch); "Russia appears to have experienced a setback" hedges the event."""
    return words[i - 1] in ("appears", "appeared", "seems", "seemed") and i + 1 < len(words) and words[i + 1] == "be"


def _modal_scope(words: list[str]) -> bool:
    """Is the trigger inside the verb phrase of an earlier modal (or a plan that scopes as one,
    ``_SCOPED_PLANS``) in its clause, however far ("a nuclear test could be accompanied by other
    provocative acts such as a satellite launch and the test-firing of missiles")? A clause opened
    after the modal ends its scope."""
    at = next((i for i in range(len(words) - 1, -1, -1)
               if words[i] in _MODALS or (i and (words[i - 1], words[i]) in _SCOPED_PLANS
                                          and not _names_what_it_was(words, i))), None)
    return at is not None and not any(w in _CLAUSE_OPENERS and not (w == "as" and words[i - 1] in ("such", "as"))
                                      for i, w in enumerate(words[at + 1:], at + 1))


#: what a thing is made for scopes over the rest of its clause as a modal does: "a missile system designed to
#: intercept and destroy short-range rockets", "designed to protect Israeli citizens from aerial attacks by
#: launching guided missiles that intercept incoming rockets" (an explainer's capability, no launch)
_PURPOSES = frozenset("designed built meant engineered developed".split())
#: a finite verb after the purpose ends it: "a missile designed to evade defences was launched on Tuesday"
_FINITE_AUXILIARIES = frozenset("was were is are has have had".split())


def _purpose_scope(words: list[str]) -> bool:
    """Is the trigger inside "designed to ..." (``_PURPOSES`` + "to") earlier in its clause, with no clause
    opened and no finite auxiliary since?"""
    at = next((i for i in range(len(words) - 2, 0, -1) if words[i] == "to" and words[i - 1] in _PURPOSES), None)
    return at is not None and not any(w in _CLAUSE_OPENERS or w in _FINITE_AUXILIARIES for w in words[at + 1:])


def _modal_before_to_ok(words: list[str]) -> bool:
    """"may be used to carry out their seventh nuclear test", "could be able to launch": a modal
    before "used to" / "able to" keeps what follows a possibility; "is able to carry" is a capability."""
    for i in range(len(words) - 1, max(0, len(words) - 4), -1):
        if words[i] == "to" and words[i - 1] in ("used", "able"):
            # "is able to carry a satellite" is a capability; "was able to launch" happened; "able to"
            # right after a noun is a capability too ("a law that bans importing missiles able to shoot
            # down airplanes")
            if words[i - 1] == "able" and (i < 2 or words[i - 2] not in ("was", "were", "been")):
                return True
            return any(w in _MODALS for w in words[max(0, i - 4):i - 1])
    return False


def _infinitive(words: list[str], to_ok: frozenset[str]) -> bool:
    """'plans to launch' (words end ... 'to') is not an event; 'attempted to launch' is; nor
    is 'preparations to conduct the nuclear test' (a light verb before an event noun)."""
    if words[-2:] == ["to", "be"]:
        words = words[:-1]
    if words and words[-1] != "to":
        # "is scheduled to host an operational test launch": the light verb four words back at most
        at = next((i for i in range(len(words) - 2, max(-1, len(words) - 6), -1)
                   if words[i] == "to" and words[i + 1] in _LIGHT_VERBS), None)
        if at is None:
            return False
        words = words[:at + 1]
    if not words or words[-1] != "to":
        return False
    return len(words) < 2 or words[-2] not in to_ok


def _severity(doc: _Article, rule: _Rule, padded: str) -> str:
    sev = rule.spec.severity
    for word, s in rule.sev_words:
        if f" {word} " in padded and rank_or_lowest(s) > rank_or_lowest(sev):
            sev = s
    for matcher, s in rule.sev_entities:
        if rank_or_lowest(s) > rank_or_lowest(sev) and doc.has_entity(matcher):
            sev = s
    return sev
