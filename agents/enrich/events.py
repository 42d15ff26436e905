"""Events: who did what to what, where, with what outcome and when, for one rule hit.

The matcher (:mod:`agents.enrich.rules`) finds a trigger and its object in a sentence and
rules out negated, hypothetical and planned readings with its context cues (ConText's
"negated" and "hypothetical" scopes). This module gives the hit its arguments and rules out
the "historical" scope, in this order:

1. Time: the time expressions of the sentence (:mod:`agents.enrich.timex`), resolved against
   the article's publication date. The one nearest the trigger places the event: more than
   about a week before publication is history, after it a plan; either way no event. No time
   expression reads as current news (a headline's present tense is a past event).
2. Object: the trigger's object, classed by the topic's ``event.objects`` (words or entity
   globs, first class wins; else ``default_class``). A class in ``reject_classes`` means no
   event of this topic.
3. Actor: an actor-capable entity (``context.actors``, not ``context.not_actors``) that is
   not a target ("at Israel", "off Hokkaido") nor only a reporter or observer ("Seoul said",
   "Japan detected"; but "North Korea said it fired" acts): a "by X" agent after the trigger
   (not another verb's: "a launch criticized by the United States"; a rocket as that agent, "placed
   into orbit by Europe's Ariane rocket", names its operator), else the nearest before it in the
   sentence (not in a relative aside ", who control ...,", nor after "from"/"by": "despite criticism
   from the United States"), else one inside the trigger phrase ("a North Korean missile"), else
   the operator of the named vehicle (``context.vehicle_actors``: Hwasong-15 -> North Korea), else
   where it came from ("fired from Yemen"; or who launches from there when that is no state,
   ``context.origin_actors``: the Gaza Strip, militants), else the title's, then the article's, name told
   launching in its own sentence (:func:`agents.enrich.launcher_roles.tells_it_launching`: "Pakistan's first
   such test", "the Houthis ... have launched"), else the first in the title, else the first in the article,
   else a reporter after the act it tells ("..., the Sea Launch venture reported").
   Bodies named again by a description ("the North", "the Guard's aerospace division", "that country's
   launch", a headline's "Iran Guard") stand for the body named in full. A gerund clause that opens the
   sentence has the main clause's subject ("Hours after detonating ..., China promised"); a launch in an
   adverbial phrase set off by a comma is no act of the clause's subject ("..., following Sunday's launch of an
   Orbital ATK Cygnus"); the owner of the cargo or of the site ("NASA resupply mission", "NASA's Wallops") and
   the one a launch was for ("a launch for the Space Force") are customers where a named rocket has an operator.
   Last, a state's armed service acts for the state (``context.state_services``: "USAF launches Minuteman
   III" is the United States') and a territory whose launches are another's is that one
   (``context.origin_actors``: "Yemeni missiles", a liftoff from Kazakhstan).
   A participle clause after a comma (", successfully placing three satellites into orbit") has
   the operator of the rocket its main clause names (or the rocket's possessor, "Japan's H3 rocket,
   carrying ..."). Where only the article's first names are left and the first is a country, a launch
   company the article names, or the one its only rocket names, launched ("Rocket launch ends in failure"
   over a story of LauncherOne's flight from British soil).
   A name in a role that is never the launcher's is none, in the sentence or the article: the judge of another's act
   ("Russia Slams India for Nuclear Tests", "Japan's Suga condemned the missile launch"), the source of a reaction
   ("hostile rhetoric from the United States"), a rival ("China beats SpaceX with"), the place struck, told in the
   passive ("Southern Israel hit by rocket barrage"), the defender that stopped another's weapon ("Saudi air defences
   intercepted a ballistic missile", not a defence test's own target); a state body named by a look-alike acronym
   ("IDF fighters" in a story only of Taiwan, "Indigenous Defense Fighters (IDF)") is read as no such body.
   For rules with ``actor_from_object`` (interceptions) the actor is the object's owner.
   A country standing for the armed group based there ("rockets launched from Lebanon", "the Yemeni
   group"; ``context.home_groups``) is that group when the article names it; a name bound to the group
   by "-based" ("Lebanon-based Hezbollah") is where it is, not who acted. A rocket the sentence names
   only by its kind ("the launcher") is the one the sentence before named; the owner of what a named
   rocket carried ("Amazon's satellites") is its customer, not the launcher.
4. Site: the first SITE entity of the sentence, else of the article.
5. Outcome: ``context.outcomes`` words: intercepted, then failure, in the event's sentence
   (a hedged one, "may have failed", is unknown; a satellite part that failed, "its solar panel",
   or an attempt to intercept it that failed, no launch failure; "some of them were intercepted" in a
   sentence that tells the rest went home, no interception); else unknown when the article hedges (a hedge on where it came down,
   "appears to have landed", doubts only that word; a hedge in a sentence about a launch ahead, "no earlier than
   Wednesday, ... but that remains unconfirmed", doubts that one; not for a topic no qualifier gives another
   outcome: a nuclear test that happened is an explosion); else success. Words of another event are no outcome of this
   one (:mod:`agents.enrich.outcome_scope`): a "when" clause hung on an older time ("since September 15, when it
   successfully fired"), failures counted, after "since" or dated before the week ("after two consecutive launch
   failures"), a period's toll ("killed one person ... over the past day"); the traces of intercepts tell an
   interception ("shrapnel from the intercepts"). A folded
   qualifier topic with an ``outcome`` overrides it later
   (:func:`agents.enrich.qualifiers.fold_qualifiers`).

Pure: no I/O; the result is a plain dict, as records and payloads carry it.
"""

from __future__ import annotations

import functools
import re
from datetime import date, datetime, timezone
from typing import Any, Sequence

from agents.enrich.acronyms import long_form
from agents.enrich.asides import mentions_outside_asides
from agents.enrich.outcome_scope import (INTERCEPTION_NOUN, earlier_failure, interception_traces, period_toll,
                                          without_earlier_events)
from agents.enrich.launcher_roles import (described_bodies, judges_another, judges_the_act, names_the_maker,
                                          tells_it_launching)
from agents.enrich.text import boundary_text, lower_same_length, plain_lower
from agents.enrich.places import capital_countries
from agents.enrich.rulepack import RulePack
from agents.enrich.timex import RECENT_DAYS, TimeMention, month_number, time_mentions
from streams.core.records import Entity, new_entity

# (an indefinite article too: "after an attack on a British oil tanker", "at an Israeli city"; and a place's part, whose
# name is where, never who: "from the company's launchpad in the Wakayama region of Western Japan")
_TARGET_BEFORE = re.compile(r"(?:\b(?:at|toward|towards|into|over|against|off|near|on|in|across|to|targeting|"
                            r"targeted|hit|struck|struck at|with|and|over|between|direction of|"
                            r"(?:coast|coasts|shores?|city|cities|towns?|villages?|regions?|provinces?|prefectures?|districts?|"
                            r"counties|county|areas?|parts?|territory|territories|outskirts|suburbs?|vicinity|corner)\s+of)\s+"
                            r"(?:(?:the|a|an)\s+)?(?:coast\s+of\s+)?(?:(?:north|south|east|west)(?:ern)?\s+|central\s+|"
                            r"(?:north|south)(?:east|west)(?:ern)?\s+)?)$", re.IGNORECASE)
# the first word of an event noun phrase: "missile attack", "satellite launch", "nuclear test"
_EVENT_NOUN_PHRASE = re.compile(r"(?:missiles?|rockets?|ballistic|cruise|hypersonic|ICBM|nuclear|atomic|satellite|space|"
                                r"drone|air)\b", re.IGNORECASE)
# a name modifying an attack or launch noun: "a Ukrainian missile attack", "Russian missile strike", "North Korea's
# missile launch"
_OWN_ATTACK_AFTER = re.compile(r"(?:['’´]s)?\s+(?:(?:missile|rocket|drone|ballistic|cruise|air|artillery|nuclear)\s+){0,2}"
                               r"(?:attacks?|strikes?|barrages?|salvos?|launch|launches|tests?|test-firing)\b", re.IGNORECASE)
# a place after "from/at <somewhere> in": where the launch site lies
_SITE_LOCATION = re.compile(r"\b(?:from|at)\s+[^,;.]*\bin\s+(?:the\s+)?$", re.IGNORECASE)
# "rockets fired from Gaza": where it came from names who fired it, if nothing else does
_CARGO_BEFORE = re.compile(r"\b(?:carrying|carried|carries|with|sent|sends|sending)\s+(?:[\w-]+\s+){0,3}$", re.IGNORECASE)
# "fired from rebel-held territory in neighbouring Yemen", "launched on Wednesday afternoon from
# a facility in central North Korea", "from the western coast of", "fired out of Gaza"
_ORIGIN = re.compile(r"^[^.;]{0,40}?\b(?:from|out\s+of)\s+(?:the\s+|an?\s+)?(?:(?:[\w-]+\s+){0,3}?(?:territory|territories|areas?|parts?|"
                     r"regions?|provinces?|governorates?|facility|facilities|sites?|bases?|airfields?|towns?|cities|"
                     r"coast|coasts|shores?)\s+(?:in|of)\s+(?:the\s+)?(?:neighbou?ring\s+)?|neighbou?ring\s+)?"
                     r"(?:(?:central|northern|southern|eastern|western|north-?eastern|north-?western|south-?eastern|"
                     r"south-?western)\s+)?"
                     # "from Houthi-controlled Yemen", "from Hizbullah-controlled southern Lebanon"
                     r"(?:[\w-]+-(?:controlled|held|run|ruled|occupied)\s+(?:(?:central|northern|southern|eastern|western)\s+)?)?$",
                     re.IGNORECASE)
# "the Iran-backed Houthi militias", "a Saudi-led coalition", "Lebanon-based Hezbollah": the backer or the
# base is not who acted
# (and who made or supplied it: "shot down four US-manufactured long-range missiles", "Iranian-made Fajr rockets")
# (and who holds the ground it came from: "fired from the Hamas-run Gaza Strip", "from Houthi-held territory")
_BACKER = re.compile(r"[-‐–]\s?(?:backed|led|supported|sponsored|funded|aligned|allied|armed|trained|controlled|based|"
                     r"made|manufactured|produced|supplied|built|designed|run|held|ruled|governed|occupied)\b",
                     re.IGNORECASE)
# (not after a hyphen: "a so-called spy satellite" is no report)
_REPORTING = re.compile(r"\b(?<![-‐])(?:said|says|say|told|tells|reported|reports|according|announced|announces|claimed|claims|"
                        r"confirmed|confirms|stated|added|warned|condemned|condemns|accused|accuses|detected|detects|"
                        r"spotted|tracked|tracks|believes|believed|estimated|assessed|noted|quoted|cited|urged|"
                        r"criticised|criticized|protested|called|calls|denounced|slammed|responded|meets|met)\b",
                        re.IGNORECASE)
# a reporter that reports its own act: "North Korea said it fired", "Rocket Lab on Friday said it
# had launched", "The DPRK said today that it has conducted", "North Korea Claims Nuclear Test",
# "Houthi military spokesman Yahya Saree said on Tuesday night that they struck"
_SELF_REPORT = re.compile(r"^\W*(?:'s\s+\w+(?:\s+\w+)?\s+)?(?:[\w’']+\s+){0,4}?(?:said|says|announced|announces|claimed|"
                          r"claims|confirmed|confirms|reported|reports)\s+(?:[\w’']+\s+){0,3}?(?:that\s+)?"
                          r"(?:it|they|its|their)\b", re.IGNORECASE)
# a report of its own act right before the trigger, however far its subject: "the Houthi militia has
# not claimed responsibility for the Friday launch but said Sunday it had launched a missile", "said in
# a statement Sunday they had launched"
_SELF_REPORT_TAIL = re.compile(r"\b(?:said|says|announced|announces|claimed|claims|confirmed|confirms)\s+"
                               r"(?:[\w’']+\s+){0,5}?(?:that\s+)?(?:it|they)\s+(?:(?:had|has|have|was|were|successfully|"
                               r"also|just)\s+){0,2}$", re.IGNORECASE)
# a state's own media reporting its launch: "Chinese state media confirmed the launch of a science
# satellite", "North Korea's state news agency KCNA said": the state acts, its media only tell of it
_STATE_MEDIA = re.compile(r"^(?:['’]s)?\s+(?:official\s+|state[- ]run\s+|state[- ]owned\s+|state\s+)(?:media|news agency|"
                          r"news|television|TV|broadcaster)\b", re.IGNORECASE)
# a group that claims an attack fired it: "Hamas claims responsibility for Tel Aviv rocket attacks"
# (a few words between: "Yemen's Houthi group on Friday claimed responsibility for carrying out a missile attack")
_CLAIMS_RESPONSIBILITY = re.compile(r"^\W*(?:[\w’']+\s+){0,4}?(?:(?:has|have|had|also|later|quickly)\s+)?(?:claims|claimed|"
                                    r"claiming|takes|took|taking)\s+(?:\w+\s+)?responsibility\b", re.IGNORECASE)
# a claim whose object is the act itself: "Yemen's Houthi rebels on Sunday claimed a missile attack which hit ...",
# "Pakistan's military today claimed the successful launch of ...": the claimant did it (a claim of what another did
# names it: "claimed that North Korea fired", a reporter)
_CLAIMS_THE_ACT = re.compile(r"^\W*(?:['’]s\s+)?(?:[\w’'-]+\s+){0,4}?(?:(?:has|have|had|also|later|quickly)\s+)?"
                             r"(?:claims|claimed|claiming)\s+(?:(?:the|a|an|its|their)\s+)?(?:[\w-]+\s+){0,3}$", re.IGNORECASE)
_SELF_CLAIM = re.compile(r"^\s+(?:said|says|announced|announces|claimed|claims|confirmed|confirms|reported|reports)\s+"
                         r"(?:[\w’'-]+\s+){0,3}$", re.IGNORECASE)
# a failure told as a series or as what came months before: "a satellite-carrying rocket that had had a
# series of failed launches", "three months after the country's space ambitions suffered a setback when a
# rocket crashed at lift-off" (the clause back to its last break)
_OLDER_FAILURE = re.compile(r" (?:(?:a )?series of|several|a string of|a number of|multiple|numerous|repeated)"
                            r"(?: [^ ,;]+){0,2} $|\b(?:days|weeks|months|years) (?:after|since) [^,;]*$")
# "which experienced several failures in the past"
_IN_THE_PAST = re.compile(r"(?:\S+ ){0,2}in the past\b")
# an outcome word after these tells of an earlier event: "its first flight since a mission failure"
_EARLIER = re.compile(r" (?:since|after|following|previous|last|prior|earlier)(?: \w+){0,2} $"
                      r"| (?:previous|prior|earlier)(?: [^ ,;]+){0,6} $")
# another flight that failed as well: "on Sunday a U.S. supply mission failed too"
_TOO = re.compile(r" (?:too|as well)\b")
# explosions heard in a barrage are its impacts or interceptions, no failure: "Rockets fired from Gaza at Tel Aviv,
# explosions heard"
_HEARD = re.compile(r"(?:\S+ ){0,2}?(?:heard|boomed|rang out|rocked|shook)\b")
# where a missile came down short of a place, not a failure: "fell short of Ulleung Island into international waters"
_FELL_SHORT_OF_PLACE = re.compile(r" of (?:[^ ,;]+ ){1,4}?(?:into|in) (?:the )?(?:international )?(?:waters|sea|ocean)\b")
# "a Tuesday chemical attack": an article, the weekday, a lower-case word that is not a part of the day
_LAUNCH_NOUN_AFTER = re.compile(r"(?:['’´]s)?\s+(?:[\w-]+\s+){0,2}?(?:launch|launches|test|tests|test-firing|firing|flight|"
                                r"liftoff|lift-off|detonation|salvo|barrage)\b", re.IGNORECASE)
_ARTICLE_BEFORE = re.compile(r"\b(?:a|an|the)\s+$", re.IGNORECASE)
_NOUN_AFTER = re.compile(r"\s+(?!(?:morning|afternoon|evening|night|noon|local|and|or|at|in|on|to|from|when|as)\b)[a-z]")
_REACTION = re.compile(r"\b(?:condemn|denounc|critici[sz]|slamm?|deplor|decri|protest|discuss|reacted to|responded to|"
                       r"welcom|prais|hail|celebrat|met over|meet over|meets over|meeting over)\w*", re.IGNORECASE)
_MONTH_ABBR = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"  # a dateline's month, however spelt after
_FILED_FROM = re.compile(r"^\s*(?:[A-Z][A-Z.'’ -]{1,30}(?:,\s*[A-Z][\w.'’ -]{1,30}?)?(?:,\s*[A-Z][a-z]{2,4}\.?\s+\d{1,2})?\s*"
                         r"(?:\([^()\n]{1,40}\)\s*)?(?:--|—|–|-\s|:\s)"
                         # "New Delhi, Dec 5 (PTI):", "Washington, March 3 (Reuters) -": a place in title case needs the date
                         rf"|[A-Z][\w.'’ -]{{1,30}}?(?:\s*[(\[][^()\[\]\n]{{1,30}}[)\]])*,\s+(?:{_MONTH_ABBR})[a-z]*\.?\s+\d{{1,2}}"
                         r"(?:,\s*\d{4})?\s*(?:\([^()\n]{1,40}\)\s*)?(?:--|—|–|-\s|:))", re.MULTILINE)
# "SEOUL, Dec. 18 (Jiji Press)--", "JERUSALEM, Dec 22 (NNN-MA'AN) –", "TOKYO, Sept. 15 (Xinhua) --"
_DATELINE = re.compile(rf"(?:^|\n)\s*[A-Z][A-Za-z.'’ /-]{{1,40}}?,\s+(?P<mon>{_MONTH_ABBR})[a-z]*\.?"
                       r"\s+(?P<day>\d{1,2})(?:,\s*\d{4})?\s*(?:\([^()\n]{2,40}\)\s*)?(?:--|—|–|-\s|:\s)")
_DATELINE_AFTER = re.compile(r"\s*(?:\([^()]{2,40}\)\s*)?(?:--|—|–|-\s|:\s)")
_FIRED_BY = re.compile(r"\b(?:fired|launched|lobbed)\b", re.IGNORECASE)
_POSSESSIVE_GAP = re.compile(r"['’´]s\s+")
# a possessor, a common noun and the name it stands for: "fired from Lebanon by Iran's proxy, Hezbollah" (the
# possessor only qualifies the agent, as in "by Yemen's Houthi rebels")
_POSSESSED_NAMED = re.compile(r"['’´]s\s+(?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*,?\s+(?:the\s+)?")
_BY_GERUND = re.compile(r"\bby\s+$", re.IGNORECASE)
_BY_AGENT = re.compile(r"^[^.;]{0,60}?\bby\s+(?:the\s+(?:[a-z]+\s+){0,2}?)?(?:\S+['’´]s\s+)?(?:\S+[-‐–]\s?(?:backed|led|supported|sponsored|"
                       r"funded|aligned|allied|armed|trained|controlled|based)\s+)?$"
                       # "fired at northern Israel by terrorists in Lebanon": where the agent is
                       r"|^[^.;]{0,60}?\bby\s+(?:[a-z-]+\s+){1,2}(?:in|from|based\s+in)\s+(?:the\s+)?"
                       r"(?:neighbou?ring\s+|(?:north|south|east|west)(?:ern)?\s+)?$", re.IGNORECASE)
# "fired by the Lebanese group Hezbollah": a nationality and a common noun before the agent's name
_AGENT_APPOSED = re.compile(r"\s+(?:[a-z-]+\s+){1,2}")
# a defender before the trigger: "Ukrainian air defences downed three of the four drones fired"
# (or the name itself as the subject of the defence's verb: "U.S. shoots down missile fired toward American destroyer")
# (its defence named in any words: "Israel's aerial protection system intercepted a rocket launched from the Gaza Strip";
# every verb of stopping a weapon in flight)
_DEFENDER_AFTER = re.compile(r"(?:['’]s|\s+(?:says|said|say)\s+(?:that\s+)?(?:its|their))?\s+(?:(?:(?:air|missile|aerial)\s+)?(?:defen[cs]es?|defen[cs]e\s+(?:systems?|forces|units)|"
                             r"air\s+force|forces|military|army)\s+)?(?:[\w-]+\s+){0,3}?(?:downed|intercepted|shot\s+down|"
                             r"destroyed|downs|intercepts|shoots\s+down|knocked\s+down|brought\s+down|took\s+down|"
                             r"neutrali[sz]ed|repelled|repulsed|thwarted)\b", re.IGNORECASE)


# a relative clause with a verb of its own: "that killed", "which was hit", "who had fled"
_RELATIVE_VERB = re.compile(r"\b(?:that|which|who)\s+(?:had\s+|has\s+|have\s+|was\s+|were\s+)?"
                            r"(?:\w+ed|hit|struck|took|left|saw|began|came|fell|shot)\b", re.IGNORECASE)


def _key(s: str) -> str:
    return " ".join(lower_same_length(boundary_text(s)).split())


#: how far into a page its time of telling stands: the dateline and the lead's paragraphs
_TOLD_OPENING = 1000
#: how far from the day a report's verb may stand ("reported on Wednesday (July 19)", "on Oct. 8 said")
_TOLD_REACH = 60
_TOLD_MONTH_DAY = rf"(?P<mon>{_MONTH_ABBR})[a-z]*\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<year>(?:19|20)\d\d))?\b"
# a day the page tells a report on: "SES on Oct. 8 said", "CNN reported on Wednesday (July 19)"
_TOLD = re.compile(rf"\b(?:said|reported|announced|confirmed|stated)\s+(?:[\w’'-]+\s+){{0,3}}?(?:on\s+)?(?:(?:mon|tues|wednes|"
                   rf"thurs|fri|satur|sun)day\s+\(\s*)?{_TOLD_MONTH_DAY}|\bon\s+{_TOLD_MONTH_DAY.replace('<mon>', '<mon2>').replace('<day>', '<day2>').replace('<year>', '<year2>')}"
                   rf"\)?,?\s+(?:[\w’'-]+\s+){{0,2}}?(?:said|reported|announced|confirmed|stated)\b", re.IGNORECASE)


# a month's name before a day's number, as a dateline or a report writes it: the cheap look before _TOLD's
_MONTH_THEN_DAY = re.compile(rf"\b(?:{_MONTH_ABBR})[a-z]*\.?\s+\d")


def _told_on(text: str) -> date | None:
    """For a page with no date, the latest day its opening tells a report on ("SES on Oct. 8 said its SES-8 ... had arrived",
    "CNN reported on Wednesday (July 19)"): the page is that day or later, so a launch it dates a week or more before
    is history ("following Falcon 9 v1.1's inaugural flight Sept. 29"). None when it tells none. Without a year the
    day is read in the current year: only the distance between the page's days matters."""
    latest = None
    days = [d.start() for d in _MONTH_THEN_DAY.finditer(text, 0, _TOLD_OPENING)]
    told = (m for at in days for m in [_TOLD.search(text, max(0, at - _TOLD_REACH), at + _TOLD_REACH)] if m is not None)
    for m in told:
        mon, day, year = (m.group("mon"), m.group("day"), m.group("year")) if m.group("mon") else (
            m.group("mon2"), m.group("day2"), m.group("year2"))
        try:
            day_told = date(int(year) if year else datetime.now(timezone.utc).year, month_number(mon), int(day))
        except ValueError:
            continue
        latest = day_told if latest is None or day_told > latest else latest
    return latest


def ref_date(published: float | None, text: str = "") -> date | None:
    """The day time words are read against: the publication date (UTC), or the date of the
    article's dateline when that is a day off it ("JERUSALEM, Dec 22 (NNN) - ... early yesterday
    morning" on a page stamped 21 December UTC: the writer's "yesterday" is the 21st)."""
    if not published:
        return _told_on(text)
    ref = datetime.fromtimestamp(published, timezone.utc).date()
    m = _DATELINE.search(text, 0, 400)
    if m is None:
        return ref
    month = month_number(m.group("mon"))
    for year in (ref.year, ref.year - 1, ref.year + 1):
        try:
            line = date(year, month, int(m.group("day")))
        except ValueError:
            return ref
        if abs((line - ref).days) <= 1:
            return line
    return ref


def place_in_time(sentence: str, trigger: tuple[int, int], ref: date | None,
                  today: date | None = None) -> tuple[bool, TimeMention | None]:
    """(news?, the time expression that places the event). ``trigger`` is relative to the
    sentence. History and plans are not news; no expression reads as news."""
    t0, t1 = trigger
    today = today or datetime.now(timezone.utc).date()
    found = mentions_outside_asides(sentence, trigger, time_mentions(sentence, ref, today))
    if t1 > t0:  # a trigger, not a sentence read for the story's time
        older = _older_than(sentence, found, t0, ref, today)
        if older is not None:
            return False, older
    # "recent", "latest", "just" place only the words they modify: "the recent ballistic
    # missile test", not "my recent report on the Falcon 9 failure"
    mentions = [m for m in found
                if (m.kind != "recent" or t0 - 30 <= m.start <= t1) and not _dates_another_noun(sentence, m, t0, t1)
                and not _dateline(sentence, m) and not _dates_reaction(sentence, m, t0)
                and not _dates_what_followed(sentence, m, t0)
                and not _in_later_clause(sentence, m, t1)]
    placed = [m for m in mentions if m.age is not None or m.span is not None]

    def distance(m: TimeMention) -> int:
        return t0 - m.end if m.end <= t0 else (m.start - t1 if m.start >= t1 else 0)

    if ref is None and mentions and _followed_by_later_date(mentions, min(mentions, key=distance)):
        return False, None  # "was launched on December 20, then ... switched on December 27": the older of two
    if ref is None and mentions:
        # a time after the trigger in a clause joined on dates that clause's event (see below)
        near = min((m for m in mentions if m.start < t1 or not _NEXT_CLAUSE.search(sentence, t1, m.start)),
                   key=distance, default=None)
        if near is not None and _bare_month(near):
            return False, near  # "believes that China launched a long-range missile in July": a month dates an older event
    if not placed:
        return True, next(iter(mentions), None)

    # a time after the trigger in a clause joined on ("tested the Abdali missile, and in May last year,
    # it launched ...") places that clause's event, not this one
    own = [m for m in placed if m.start < t1 or not _NEXT_CLAUSE.search(sentence, t1, m.start)]
    nearest = min(own or placed, key=distance)
    if nearest.span is not None and nearest.span > RECENT_DAYS and nearest.end <= t0:
        return False, nearest  # "two weeks after its nuclear test": the test is the older event
    if nearest.kind == "after":
        # a span places nothing in time, a date in the clause does: "The shuttle exploded over the Atlantic Ocean two
        # hours after liftoff on Jan. 28, 1986"
        nearest = min((m for m in own or placed if m.kind != "after" and m.when is not None), key=distance,
                      default=nearest)
    return not (nearest.history or nearest.future), nearest


# a clause of time opened on a time expression: "since 2012, when it successfully placed an object into Earth orbit"
_WHEN_CLAUSE = re.compile(r"\s*,?\s*when\b[^,;:()\u2013\u2014]*$", re.IGNORECASE)
_SINCE = re.compile(r"since\s+", re.IGNORECASE)


def _older_than(sentence: str, mentions: Sequence[TimeMention], t0: int, ref: date | None,
                today: date) -> TimeMention | None:
    """A time beyond the week that the trigger's launch comes before or at, whatever the sentence's "recent" says:
    the time of what followed the launch ("sanctions that were expanded last month in response to a recent
    long-range rocket launch", "failed in May 2010 after it developed a snag and the rocket plunged into the sea"),
    or the time a "when" clause holding the trigger opens on ("since 2012, when it successfully placed an object into
    Earth orbit"). None when there is none."""
    for m in reversed(mentions):
        if m.end > t0:
            continue
        if m.history and _dates_what_followed(sentence, m, t0):
            return m
        if _WHEN_CLAUSE.match(sentence, m.end, t0):
            point = _point_of(m, ref, today)
            return point if point is not None and point.history else None
    return None


def _point_of(m: TimeMention, ref: date | None, today: date) -> TimeMention | None:
    """The time ``m`` names as a point: itself, or for "since 2012" the year it starts from."""
    if m.kind != "since":
        return m
    inner = _SINCE.match(m.text)
    return next((p for p in time_mentions(m.text[inner.end():] if inner else m.text, ref, today) if p.age is not None),
                None)


def _bare_month(m: TimeMention) -> bool:
    """In an article with no publication date, is ``m`` a month with no year and no day ("in July",
    "in August")? News tells this week's events by the day; a month alone dates an older one (a
    report "on Saturday" that China "secretly tested ... in August")."""
    return m.kind == "month" and m.age is None and m.span is None and not m.future


_YEAR = re.compile(r"(?:19|20)\d\d")
_MONTH_DAY = re.compile(r"(?P<month>[A-Za-z]{3,9})\.?\s+(?P<day>\d{1,2})\b|(?P<day2>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?"
                        r"(?P<month2>[A-Za-z]{3,9})")


def _month_day(m: TimeMention) -> date | None:
    """A date mention's month and day (in a leap year), when it names no year."""
    g = _MONTH_DAY.search(m.text)
    if g is None or _YEAR.search(m.text):
        return None
    try:
        return date(2000, month_number(g.group("month") or g.group("month2")), int(g.group("day") or g.group("day2")))
    except (KeyError, ValueError):
        return None


# a week between two dates of one sentence: the article, later than both, is more than a week past the first
_A_WEEK = 7


def _followed_by_later_date(mentions: Sequence[TimeMention], m: TimeMention) -> bool:
    """In an article with no publication date, is the date ``m`` a week or more before a later
    date of the same sentence ("launched on December 20, then ... tested before its cameras were
    switched on December 27")? The article comes after that later date, so ``m`` is history."""
    first = _month_day(m) if m.kind == "date" else None
    if first is None:
        return False
    for other in mentions:
        later = _month_day(other) if other.kind == "date" and other.start > m.start else None
        if later is None:
            continue
        days = (later - first).days
        if days < 0 and first.month == 12 and later.month == 1:
            days += 366  # "December 28, then ... January 4": over the new year
        if days >= _A_WEEK:
            return True
    return False


_NEXT_CLAUSE = re.compile(r"[,;]\s*(?:and|but|while|whereas)\b", re.IGNORECASE)


def _dates_reaction(sentence: str, m: TimeMention, t0: int) -> bool:
    """"The Security Council on Saturday condemned the launch": the day of the reaction, not
    of the launch, which may be days older."""
    return m.end <= t0 and bool(_REACTION.search(sentence, m.end, t0))


# "following <the launch>", "after <the launch>", "a boast that follows <missile tests>" right before the trigger:
# the launch is named as what came before the sentence's own event (no clause break or span word between: "after weeks of
# preparation, SpaceX launched" keeps its time; "a day after" is a span, read by the timex)
_FOLLOWING_THE_TRIGGER = re.compile(r"(?<!minutes )(?<!seconds )(?<!hours )(?<!shortly )(?<!soon )(?<!moments )(?<!just )"
                                    r"(?<!right )(?<!immediately )\b(?:following|after|in the wake of|in response to|"
                                    r"follows|followed|comes after|came after)\s+(?:[^\s,;:()—–]+\s+){0,6}$",
                                    re.IGNORECASE)


def _dates_what_followed(sentence: str, m: TimeMention, t0: int) -> bool:
    """"The US and Japan on Thursday agreed to enhance military cooperation following Pyongyang's failed
    satellite launch": Thursday dates the agreement; the launch came before it, on a day the sentence does
    not give."""
    if m.end > t0 or m.span is not None:
        return False
    return _FOLLOWING_THE_TRIGGER.search(sentence, m.end, t0) is not None


# what a launched thing did in its flight: a relative clause with one of these, on what the trigger launched, tells the
# same flight ("a ... satellite that crashed into sea following a launch failure on 31 May 2023")
_FLIGHT_FATE = re.compile(r"\b(?:that|which)\s+(?:later\s+|then\s+|subsequently\s+)?(?:crashed|exploded|failed|fell|flew|"
                          r"landed|splashed|plunged|disintegrated|broke|burned|burnt|reached|entered|blew)\b", re.IGNORECASE)
# the noun phrase right after a trigger: what it launched ("carrying a North Korean military reconnaissance satellite")
_ITS_OBJECT = re.compile(r"\s*(?:(?!(?:on|in|at|to|for|from|after|before|following|during|over|into|by|with)\b)[\w'’-]+\s+){1,6}$",
                         re.IGNORECASE)


def _in_later_clause(sentence: str, m: TimeMention, t1: int) -> bool:
    """"launched 59 cruise missiles on Shayrat airfield, in response to a chemical attack that
    killed 80 people on Monday": a time inside a relative clause of a later noun dates that
    clause's event. One right after the trigger's object still dates the launch ("fired a
    missile that flew 800 km on Tuesday"), as does one in a clause that tells the flight of what
    the trigger launched ("The rocket was carrying a North Korean military reconnaissance satellite
    that crashed into sea following a launch failure on 31 May 2023")."""
    if m.start <= t1:
        return False
    rel = _RELATIVE_VERB.search(sentence, t1, m.start)
    if rel is None or not re.search(r"\w", sentence[t1:rel.start()]):
        return False
    return not (_FLIGHT_FATE.match(sentence, rel.start()) and _ITS_OBJECT.fullmatch(sentence, t1, rel.start()))


def _dateline(sentence: str, m: TimeMention) -> bool:
    """"Seoul, Dec. 18 (Jiji Press)--North Korea fired ... Sunday": the date the copy was
    filed, not when the event happened."""
    return m.kind == "date" and m.start < 40 and bool(_DATELINE_AFTER.match(sentence, m.end))


def _dates_another_noun(sentence: str, m: TimeMention, t0: int, t1: int) -> bool:
    """A weekday used as a modifier dates its own noun, not the event: "fired 59 missiles in
    response to a Tuesday chemical attack", "... after Sunday's election". It still dates a
    trigger it stands just before ("the Sunday launch", "Monday's test-firing")."""
    if m.kind != "weekday":
        return False
    possessive = m.text.endswith("'s") or sentence.startswith(("’s", "´s"), m.end)
    if not possessive and not (_ARTICLE_BEFORE.search(sentence, 0, m.start) and _NOUN_AFTER.match(sentence, m.end)):
        return False
    if t1 == t0:  # no trigger (a lead read for a headline): it dates the launch it modifies
        return not _LAUNCH_NOUN_AFTER.match(sentence, m.end)
    return not (0 <= t0 - m.end <= 40 and "," not in sentence[m.end:t0])


def object_class(pack: RulePack, topic: str, phrase: str, ents: Sequence[Entity]) -> str | None:
    padded = f" {_key(phrase)} "
    for cls, matcher in pack.object_classes.get(topic, ()):
        if matcher.any(padded, ents):
            return cls
    spec = pack.events.get(topic)
    return spec.default_class if spec else None


# a satellite named after its operator, by a numeral after the firm's name: "has successfully launched its EchoStar XI
# satellite" (c25: Dish Network launched it), "SES-9", "Arabsat-6A", "Intelsat-33e": the craft, not the firm
_CRAFT_NUMERAL = re.compile(r"(?: [IVX]{1,4}|-\d{1,3}[A-Za-z]{0,2})(?![\w-])")


def _names_its_craft(text: str, e: Entity) -> bool:
    return e.label == "ORG" and _CRAFT_NUMERAL.match(text, e.end) is not None


def _actor_ok(pack: RulePack, e: Entity) -> bool:
    """Can ``e`` act? An actor kind, or a capital standing for its government; not a body the
    rule tier named only by its head word ("Air Force", source "heads"), which has no id to say whose."""
    if e.source == "heads" and not e.id:
        return False
    return (pack.actors.entity(e) or e.id in capital_countries()) and not pack.not_actors.entity(e)


def _is_target(text: str, e: Entity, floor: int) -> bool:
    """Where it flew, or what it carried ("a rocket carrying two American astronauts"): not who launched. A name that
    modifies the attack itself is whose attack it was, after any preposition ("killed in a Ukrainian missile attack
    on the town of Rylsk", "in Russian missile strike on Mykolaiv")."""
    before = text[max(floor, e.start - 30):e.start]
    return bool(_TARGET_BEFORE.search(before) or _CARGO_BEFORE.search(before)) and not _OWN_ATTACK_AFTER.match(text, e.end)


def _reports(between: str) -> bool:
    """Does the text after a name hold a reporting word that is no claim of the act ("claimed responsibility",
    "claimed a missile attack")?"""
    return _REPORTING.search(between) is not None and not _CLAIMS_RESPONSIBILITY.match(between) \
        and not _CLAIMS_THE_ACT.match(between)


def _is_reporter(text: str, e: Entity, upto: int, object_first: bool = False) -> bool:
    """``e`` reports or observes (a reporting word between it and the trigger), unless it
    reports its own act ("North Korea said it fired"; "Hamas says fired rockets", but not where the object comes first
    and is what the report is about: "IDF says over 50 rockets fired at north")."""
    between = text[e.end:upto]
    if not _reports(between):
        return False
    return not (_SELF_REPORT.match(between) or (_SELF_CLAIM.match(between) and not object_first)
                or _STATE_MEDIA.match(between) or _SELF_REPORT_TAIL.search(between))


def find_actor(pack: RulePack, text: str, sentence: tuple[int, int], trigger: tuple[int, int],
               ents: Sequence[Entity], title_end: int, from_object: bool = False,
               vehicle: Entity | None = None, object_first: bool = False, weapon: bool = False) -> Entity | None:
    """The actor (see the module docstring), a country standing for the armed group based there
    (``context.home_groups``) replaced by that group when the article names it: "rockets launched from
    Lebanon" in a story of Hezbollah's barrage, "the Yemeni group allied with Iran fired"."""
    if _WHO_ASKED.search(text, max(0, trigger[0] - 60), trigger[0]):
        return None  # "scrambling to discover who fired a missile": the launcher is the question
    # the descriptions of the headline and of the event's sentence; the article's, when its names are needed
    described = _with_descriptions(pack, text, ents, title_end, ((0, title_end), sentence))
    actor = _find_actor(pack, text, sentence, trigger, described, title_end, from_object, vehicle, object_first, weapon)
    if actor is not None and actor.id in pack.state_services and _ACRONYM.fullmatch(actor.text):
        # a state body named by its acronym alone: read again without the look-alikes ("IDF fighters" in Taiwan's drill)
        kept = _without_lookalikes(pack, text, ents)
        if kept is not ents:
            described = _with_descriptions(pack, text, kept, title_end, ((0, title_end), sentence))
            actor = _find_actor(pack, text, sentence, trigger, described, title_end, from_object, vehicle, object_first,
                                weapon)
    ents = described
    if actor is not None and (actor.label == "COUNTRY" or actor.id in capital_countries()) and (
            _COMPANY_NOUN_AFTER.match(text, actor.end) or _PRIVATE_BEFORE.search(text, max(0, actor.start - 30), actor.start)):
        company = _launch_company(pack, [e for e in ents if e.label == "ORG"], ents)
        if company is not None:
            return company
    if actor is not None and actor.id in pack.state_services:
        # "USAF launches Minuteman III ICBM", "Strategic missile forces practiced ... the launch": the state's launch
        return new_entity(actor.text, "COUNTRY", pack.state_services[actor.id], actor.start, actor.end, actor.source)
    if actor is not None and actor.label == "COUNTRY" and (pack.origin_actors.get(actor.id or "") or {}).get("id"):
        # "Yemeni missiles struck the merchant vessel True Confidence", "New Zealand has joined the ranks of nations
        # launching orbital vehicles with Rocket Lab's Electron": a territory whose launches are another's, however
        # the sentence names it
        who = pack.origin_actors[actor.id or ""]
        return new_entity(who.get("text") or actor.text, "ORG" if who["id"].startswith("org:") else "COUNTRY", who["id"],
                          actor.start, actor.end, actor.source)
    groups = pack.home_groups.get(actor.id or "", ()) if actor is not None and actor.label == "COUNTRY" else ()
    if groups and (_GROUP_NOUN_AFTER.match(text, actor.end) or _FROM_BEFORE.search(text, max(0, actor.start - 30),
                                                                                     actor.start)):
        group = next((e for e in ents if e.id in groups), None)
        if group is not None:
            return group
    return actor


# a body named by its acronym alone ("IDF", "KPA", "SRF"): letters that other bodies' names share
_ACRONYM = re.compile(r"[A-Z]{2,6}s?")


def _state_of(pack: RulePack, e: Entity) -> str | None:
    """The state ``e`` names: a country, its capital, or one of its armed services (``context.state_services``)."""
    if e.label == "COUNTRY":
        return e.id
    return capital_countries().get(e.id or "") or pack.state_services.get(e.id or "")


def _without_lookalikes(pack: RulePack, text: str, ents: Sequence[Entity]) -> Sequence[Entity]:
    """``ents`` without the state bodies named by an acronym that, in this article, stands for something else (see
    :func:`_lookalike`). Most articles name no state body by its acronym: one pass, then nothing."""
    acronyms = [e for e in ents if e.id in pack.state_services and _ACRONYM.fullmatch(e.text)]
    if not acronyms:
        return ents
    drop = {id(e) for e in acronyms if _lookalike(pack, text, e, ents)}
    return [e for e in ents if id(e) not in drop] if drop else ents


def _lookalike(pack: RulePack, text: str, body: Entity, ents: Sequence[Entity]) -> bool:
    """Does the acronym ``body`` (a state body, ``context.state_services``) stand for another thing here: the article
    spells it out as other words ("two Indigenous Defense Fighters (IDF)", where the body's own name is no entity), or
    names the body's state nowhere while all its other names of a state, none a target, agree on another ("IDF fighters
    ... fired missiles" in a story of "Taiwan's anti-landing capabilities": Taiwan's Indigenous Defense Fighter, not
    the Israel Defense Forces)?"""
    short = body.text.rstrip("s")
    brackets = re.finditer(rf"\(\s*{re.escape(short)}s?\s*\)", text)
    spelt = next(filter(None, (long_form(text, m.start(), short) for m in brackets)), None)
    home = pack.state_services[body.id or ""]
    if spelt is not None and not any(e.start < spelt[1] and e.end > spelt[0] and (
            e.id == body.id or _state_of(pack, e) == home) for e in ents):
        return True  # ("The Israeli Defence Forces (IDF)": the state's own words, however spelt)
    others: set[str] = set()
    for e in ents:
        state = _state_of(pack, e)
        if state is None or (e.id == body.id and _ACRONYM.fullmatch(e.text)):
            continue
        if state == home:
            return False  # the body's own state is in the story (or the body by its full name)
        if not _is_target(text, e, max(0, e.start - 30)):
            others.add(state)  # where it struck says nothing of whose it is
    return len(others) == 1


def _with_descriptions(pack: RulePack, text: str, ents: Sequence[Entity], title_end: int,
                       spans: Sequence[tuple[int, int]] = ()) -> list[Entity]:
    """``ents`` and the bodies the article (or its ``spans``) names again by a description ("the North", "the Guard's
    aerospace division", "the company's launchpad"; :func:`agents.enrich.launcher_roles.described_bodies`), in text
    order."""
    found = described_bodies(text, ents, pack.launch_firms, pack.armed_groups, title_end, spans or ((0, len(text)),))
    return sorted([*ents, *found], key=lambda e: e.start) if found else list(ents)


# a nationality before a company: "Chinese Rocket Startup", "a Japanese company", "a private Chinese firm"
_COMPANY_NOUN_AFTER = re.compile(r"\s+(?:[\w-]+\s+){0,2}?(?:startup|start-up|company|firm|developer|maker|"
                                 r"manufacturer|enterprise)\b"
                                 # "China’s Private Attempt to Send a Satellite-Carrying Rocket Into Space Fails", "China's
                                 # first private carrier rocket" (c30): a company's launch the nation's name qualifies
                                 r"|['’]s\s+(?:first\s+|latest\s+|new\s+)?(?:private|privately)\b", re.IGNORECASE)
# "Private Chinese rocket fails", "a privately-developed Chinese firm": a company's, not the state's
_PRIVATE_BEFORE = re.compile(r"\b(?:private|privately[- ](?:owned|funded|developed|built)|commercial)\s+$", re.IGNORECASE)
# the launcher asked after, not named: "to discover who fired", "it is unclear who launched"
_WHO_ASKED = re.compile(r"\b(?:discover|determine|find out|establish|identify|know|unclear|unknown|not clear|investigating|"
                        r"wondering|asked)\s+(?:exactly\s+)?(?:who|whoever)\s+(?:had\s+|has\s+)?$", re.IGNORECASE)
# a nationality before a group noun names where the group is from: "the Yemeni group", "Lebanon's militia"
_GROUP_NOUN_AFTER = re.compile(r"(?:['’]s)?\s+(?:[\w-]+\s+){0,2}?(?:group|movement|militia|militias|militants|rebels?|"
                               r"fighters|faction|factions|organi[sz]ation)\b", re.IGNORECASE)
_FROM_BEFORE = re.compile(r"\bfrom\s+(?:the\s+)?(?:(?:north|south|east|west)(?:ern)?\s+)?$", re.IGNORECASE)
# "Japan's next generation H3", "Europe's": a name that owns the rocket right after it
_POSSESSOR_OF = re.compile(r"['’´]s\s+(?:[\w-]+\s+){0,3}")
# a name right before the payload it owns, inside a launch phrase: "the launch of five British satellites" (not "a
# North Korean satellite launch", the launch's own)
_PAYLOAD_AFTER = re.compile(r"(?:['’´]s)?\s+(?:[\w-]+\s+){0,3}?(?:satellites?|spacecraft|payloads?|probes?)\b"
                            r"(?!\s+(?:launch|launches|launching|launcher|launchers|carrier|rocket|rockets)\b)", re.IGNORECASE)
# the customer whose satellites a rocket carried: "Atlas V rocket launches 27 of Amazon's internet satellites"
_PAYLOAD_OWNER = re.compile(r"['’´]s\s+(?:[\w-]+\s+){0,3}?(?:satellites?|spacecraft|payloads?|probes?|capsules?)\b",
                            re.IGNORECASE)


_APPOSED_NATION = re.compile(r",\s+(?:a|an|the)\s+")
# the customer a launch was for, right after the trigger
_LAUNCHED_FOR = re.compile(r"\s+(?:[\w-]+\s+){0,3}?for\s+(?:the\s+)?", re.IGNORECASE)


def _find_actor(pack: RulePack, text: str, sentence: tuple[int, int], trigger: tuple[int, int],
                ents: Sequence[Entity], title_end: int, from_object: bool = False,
                vehicle: Entity | None = None, object_first: bool = False, weapon: bool = False) -> Entity | None:
    """The actor as the sentence and the article name it. ``from_object``: the subject did something to
    the object ("Saudi air defences intercepted a Houthi missile"), so the actor is the
    object's owner: a name inside the object phrase, or a "by X" agent. ``object_first``: the
    trigger is a participle after its object ("intercepted rockets fired from the Gaza
    Strip"): where they came from, when ``context.origin_actors`` names who launches from there,
    beats the sentence's subject."""
    s0, s1 = sentence
    t0, t1 = trigger
    filed = _filed_from(text)
    ents = [e for e in ents if not any(a <= e.start < b for a, b in filed)] if filed else ents
    # "Tokyo: A suspected ballistic missile fired from North Korea ...", "Cairo: Yemen's Iran-aligned Houthi movement
    # said ...": a city and a colon opening a paragraph is a dateline too (a country there opens a headline: "Russia
    # warship: ...")
    ents = [e for e in ents if not (e.label == "CITY" and _city_dateline(text, e))]
    in_sentence = [e for e in ents if s0 <= e.start < s1 and _actor_ok(pack, e) and not _BACKER.match(text, e.end)
                   and not _names_its_craft(text, e) and not names_the_maker(text, e)]
    # "Rocket Lab, a U.S. satellite launch service provider, failed to deploy": a nationality in an apposition
    # describes the body named before it, which is the one that acted
    described = {id(b) for a, b in zip(in_sentence, in_sentence[1:])
                 if a.label in ("ORG", "AGENCY") and b.label == "COUNTRY" and _APPOSED_NATION.fullmatch(text[a.end:b.start])}
    if described:
        in_sentence = [e for e in in_sentence if id(e) not in described]
    for i, e in enumerate(in_sentence):
        if e.start >= t1 and _BY_AGENT.match(text[t1:e.start]) and not _another_verbs_agent(text[t1:e.start]) and (
                not from_object or _FIRED_BY.search(text[t1:e.start])):
            # "fired by Yemen's Houthi rebels": the possessor only locates the agent
            nxt = in_sentence[i + 1] if i + 1 < len(in_sentence) else None
            if nxt is not None and (_POSSESSIVE_GAP.fullmatch(text[e.end:nxt.start]) or _POSSESSED_NAMED.fullmatch(
                    text, e.end, nxt.start) or (
                    e.label == "COUNTRY" and nxt.label == "ORG" and _AGENT_APPOSED.fullmatch(text[e.end:nxt.start]))):
                return nxt
            return e  # for an interception, "shot down by Israel's Iron Dome" names the interceptor
    carrier = _by_vehicle(pack, text, ents, s1, t1)
    if carrier is not None and not from_object:
        # "placed into orbit in a perfect launch by Europe's Ariane rocket": the rocket's operator
        # launched, not the satellite's owner named before the trigger
        return carrier
    # "a North Korean missile launch"; not the cargo ("sent NASA astronaut Jeff Williams")
    inside = [e for e in in_sentence if t0 <= e.start < t1 and not (e.start > t0 and _CARGO_BEFORE.search(text, t0, e.start))]
    if not from_object and not object_first:
        # "struck the US-flagged Maersk Sentosa with ballistic missiles": what was hit, not who fired
        inside = [e for e in inside if not re.search(r"\bwith\b", text[e.end:t1], re.IGNORECASE)]
        if vehicle is not None and s0 <= vehicle.start < t0 and _vehicle_actor(pack, vehicle) is not None:
            # a named rocket as the subject: the owner of what it carried is its customer
            inside = [e for e in inside if not _PAYLOAD_OWNER.match(text, e.end)]
    # "Launched Friday from the Baikonur Cosmodrome in Kazakhstan, the Progress ...": where the
    # launch site lies, not who launched
    inside = [e for e in inside if not _SITE_LOCATION.search(text, t0, e.start)]
    # "fired US-made ATACMS missiles", "Franco-British Storm Shadow missiles": the maker, not the one who fired
    inside = [e for e in inside if not names_the_maker(text, e)]
    # "the successful launch of five British satellites Friday night, Indian Space Research Organisation (ISRO)
    # said": the nation of what was launched is the customer, never the launcher, here or from the article
    # (and the one it was launched for: "the first national security space launch for the Space Force", whom the
    # headline calls the launcher of "its first national security mission")
    customers = [] if from_object else [e for e in inside if e.start > t0 and _PAYLOAD_AFTER.match(text, e.end)] + [
        e for e in in_sentence if e.start >= t1 and _LAUNCHED_FOR.fullmatch(text, t1, e.start)]
    if customers:
        inside = [e for e in inside if e not in customers]
        served = {e.id for e in customers if e.id}
        ents = [e for e in ents if e not in customers and e.id not in served]
        in_sentence = [e for e in in_sentence if e not in customers]
    if from_object:
        # "Ten Iskander missiles over the Kiev region, all shot down": where they flew is not whose they were
        inside = [e for e in inside if not _is_target(text, e, s0)]
        if not inside and object_first:
            # the name right before an object told first is its owner: "Israeli media reported a Houthi missile
            # was intercepted"
            inside = [e for e in in_sentence if e.end < t0 and text[e.end:t0].isspace()]
        if inside:
            return inside[0]
        if _ITS_INSIDE.search(text, t0, t1):
            # "launched strikes ... targeting a Houthi site and destroying its anti-ship missile": the object's owner
            # is the name its possessive points back to
            owner = next((e for e in reversed(in_sentence) if e.end <= t0), None)
            if owner is not None:
                return owner
        # an interception whose sentence names no launcher: the one the article names, not a defender
        return _vehicle_actor(pack, vehicle) or _origin(pack, text, in_sentence, t1) or \
            _article_actor(pack, text, ents, title_end, defenders=False)
    origin = _origin(pack, text, in_sentence, t1)
    if object_first and origin is not None and origin.id in {w.get("id") for w in pack.origin_actors.values()}:
        return origin  # only a non-state origin: "Ariane 5 lifted off ... from French Guiana" names no actor
    if object_first:
        # a name between the object and its later verb is the verb's subject: "two Iskander-M
        # missiles that Russia launched overnight"
        # (right before the verb: "in retaliation for US military strikes" is a noun after a name)
        verb_at = _verb_start(text, t0, t1)
        subject = [e for e in inside if not _is_target(text, e, s0) and not _is_reporter(text, e, t1)
                   and _SUBJECT_GAP.fullmatch(text[e.end:verb_at])]
        if subject:
            return subject[-1]
    asides = [m.span() for m in _RELATIVE_ASIDE.finditer(text, s0, t0)]
    if vehicle is not None and s0 <= vehicle.start < t0 and _PARTICIPLE_CLAUSE.search(text, s0, t0) \
            and re.match(r"\w+ing\b", text[t0:t1]):
        # "A new Vega rocket lifted off ... from Kourou, French Guiana, successfully placing three
        # satellites into orbit": the participle clause has the main clause's subject, the rocket
        # "Japan's next generation H3 rocket, carrying ...": the rocket's possessor is its owner, as written
        possessor = next((e for e in in_sentence if e.end <= vehicle.start and _POSSESSOR_OF.fullmatch(text, e.end, vehicle.start)), None)
        owner = possessor or _vehicle_actor(pack, vehicle)
        if owner is not None:
            return owner
    antecedent = _relative_antecedent(text, s0, t0, in_sentence) if not object_first else None
    if antecedent is not None:
        return antecedent
    pointed = _possessive_antecedent(text, s0, t0, in_sentence)
    if pointed is not None:
        return pointed
    fronted = _fronted_gerunds_subject(pack, text, s0, s1, trigger, in_sentence)
    if fronted is not None:
        return fronted
    # a name right before an event noun phrase modifies it, whatever precedes it: "Seven injured in Russian missile
    # attack on Ukrainian capital Kyiv" (the attack's owner, no place after "in"); before a verb it stays a place
    # ("Hezbollah forces in Lebanon fired")
    modifier = _EVENT_NOUN_PHRASE.match(text, t0) is not None
    told_first = object_first and _PARTICIPLE_LAST.search(text, t0, t1) is not None  # "over 50 rockets fired"
    before = [e for e in in_sentence if e.end <= t0
              and (not _is_target(text, e, s0) or (modifier and text[e.end:t0].isspace()))
              and not _is_reporter(text, e, t0, told_first)
              and not _DEFENDER_AFTER.match(text, e.end, t0) and not any(a <= e.start < b for a, b in asides)
              and not _CRITIC_BEFORE.search(text, max(s0, e.start - 20), e.start)
              and not _rival_before(text, max(s0, e.start - 40), e.start)
              and not _struck_after(text, e.end, t1) and not judges_the_act(text, e.end, t0)
              and not _CRITIC_ABBREVIATION.search(text, max(s0, e.start - 100), e.start)]
    # "NASA resupply mission rocket launches", "NASA's Wallops launches spacecraft": whose cargo it carried or whose
    # launch site it left names the customer or the host, not the launcher, when a named vehicle has one of its own
    served = [e for e in before if _customer_or_host(text, e, ents)]
    if served and (_vehicle_actor(pack, vehicle) is not None or _named_operator(pack, ents) is not None):
        before = [e for e in before if e not in served]
    adjunct = _ADJUNCT_LAUNCH_NOUN.search(text, max(s0, t0 - 160), t0) if _LAUNCH_NOUN_TRIGGER.match(text, t0, t1) else None
    if adjunct is not None:
        # "noted Ven Feng, the manager of NASA's ISS Transportation Integration Office, following Sunday's launch of an
        # Orbital ATK Cygnus cargo craft": a launch named in an adverbial phrase is no act of the clause's subject;
        # only its own owner, inside the phrase, launched
        before = [e for e in before if e.start >= adjunct.start()]
    if before and _BY_GERUND.search(text[s0:t0]) and re.match(r"[\w-]*ing\b", text[t0:t1]):
        # "North Korea shattered the atmosphere of Abe's visit by test-firing a missile": the
        # gerund's agent is the clause's subject, not the nearest name
        return before[0]
    if before:
        return _firm_for_nation(pack, text, _list_head(text, before), vehicle)
    if inside:
        return _firm_for_nation(pack, text, inside[0], vehicle)
    owner = _vehicle_actor(pack, vehicle)  # "The Hwasong-15 missile launched early Wednesday"
    if owner is not None:
        # "... and was launched by Mitsubishi Heavy Industries Ltd.": a launch company the article names outright
        # beats the rocket's usual operator (JAXA's H-2A, flown by MHI since 2007)
        agent = next((e for e in ents if e.label == "ORG" and _actor_ok(pack, e) and e.id != owner.id
                      and _LAUNCHED_BY.search(text, max(0, e.start - 30), e.start)), None)
        return agent or owner
    if origin is not None:
        return origin
    province = _province_of_origin(text, ents, s1, t1) if weapon else None
    if province is not None:
        return province  # (a weapon's: a rocket from Florida is a launch company's, the article names it)
    named = _article_actor(pack, text, ents, title_end)
    if named is not None:
        return named
    # the operator of the one launcher the article names: "debris ... from two recently launched
    # satellites" in a story whose Long March 2D carried them
    owners = {a.id: a for a in (_vehicle_actor(pack, e) for e in ents if e.label == "VEHICLE") if a is not None}
    if len(owners) == 1:
        return next(iter(owners.values()))
    # last: a body that reports its launch after telling it ("..., the Sea Launch venture reported", "... by several
    # ballistic missiles fired by the aerospace branch of the Guardians of the Revolution," the IRGC said), or a launch
    # company; a reporter that opens the sentence only tells of another's ("UK agencies say missiles fired at vessel
    # off coast of Yemen")
    return next((e for e in in_sentence if not _is_target(text, e, s0) and (e.start >= t1 or e.id in pack.launch_firms)), None)


# a relative pronoun right before the trigger's verb: "the latest attack by Hezbollah, which fired some 40 rockets at
# northern areas of Israel on Friday" (c30)
_RELATIVE_BEFORE = re.compile(r",?\s*(?:which|who)\s+(?:(?:has|have|had)\s+)?(?:\w+ly\s+|also\s+|then\s+|later\s+)?$",
                              re.IGNORECASE)


def _relative_antecedent(text: str, s0: int, t0: int, in_sentence: Sequence[Entity]) -> Entity | None:
    """The name a "which"/"who" right before the trigger's verb points back to, when it ends right before the pronoun
    (its comma aside): that name is the verb's subject, not the main clause's."""
    m = _RELATIVE_BEFORE.search(text, max(s0, t0 - 40), t0)
    if m is None:
        return None
    return next((e for e in reversed(in_sentence) if e.end <= m.start() and not text[e.end:m.start()].strip(" ,")), None)


def _article_actor(pack: RulePack, text: str, ents: Sequence[Entity], title_end: int,
                   defenders: bool = True) -> Entity | None:
    """The launcher the headline, else the article, names when the event's sentence names none; with
    ``defenders`` False (for an interception), only a launch's agent ("Air defences intercepted a missile ...
    The missile was apparently launched by the Houthis in Yemen") or an attack's subject ("Russia strikes Kyiv
    in daylight"), never the defender that shot it down ("Saudi Arabia says it has intercepted a missile")."""
    ents = _with_descriptions(pack, text, [e for e in ents if e.source != "coreference"], title_end)
    spans = ((0, title_end), (0, len(text)))
    for lo, hi in spans:
        # the agent of a launch the article tells, before the first name: "Israel's air defenses intercepted a
        # ballistic missile launched by Yemen's Houthi rebels, backed by Iran, the military confirmed Tuesday"
        agent = next((e for e in ents if lo <= e.start < hi and _actor_ok(pack, e) and not _BACKER.match(text, e.end)
                      and _LAUNCHED_BY.search(text, max(lo, e.start - 30), e.start)), None)
        if agent is not None:
            return agent
    named = [[e for e in ents if lo <= e.start < hi and _actor_ok(pack, e)
              and not _is_target(text, e, lo) and not _only_reports(text, e, _sentence_end(text, e.end, min(hi, e.end + 60)))
              and not _BACKER.match(text, e.end) and not _SOURCE_NOUN_AFTER.match(text, e.end)
              and not _names_its_craft(text, e) and not names_the_maker(text, e)
              and not _reacts_or_suffers(text, e.start, e.end) and not judges_another(text, e, ents)]
             for lo, hi in spans]
    served = {id(e) for cands in named for e in cands if _customer_or_host(text, e, ents)}
    if served and _named_operator(pack, ents) is not None:
        named = [[e for e in cands if id(e) not in served] for cands in named]
    # a name the headline or the article tells launching ("Pakistan's first such test", "the Houthis ... have
    # launched", "a Ukrainian attack") before any other it names: a speaker, a reporter's country, a ship's flag
    # or the customer named first never launched ("Speakers Strongly Condemn 24 March Launch ..." over a story
    # that tells "that country's launch")
    told: dict[int, bool] = {}

    def launching(e: Entity) -> bool:
        if id(e) not in told:
            told[id(e)] = tells_it_launching(text, e)
        return told[id(e)]

    for cands, acting in [(c, True) for c in named] + ([(c, False) for c in named] if defenders else []):
        first = next((e for e in cands if not acting or launching(e)), None)
        if first is not None:
            # "Rocket launch ends in failure" over a story of launching "from British soil" on Virgin
            # Orbit's LauncherOne: the launch company the article names (or its one rocket names) launched,
            # not the first country it names
            company = _launch_company(pack, [e for e in cands if not acting or launching(e)], ents) \
                if first.label == "COUNTRY" else None
            return company or first
    return None


# what a defence test stops is its own target: "A U.S. interceptor missile shot down a target missile"
_TEST_TARGET_AFTER = re.compile(r"\s+(?:(?:a|an|the|its|their)\s+)?(?:[\w-]+\s+){0,2}?targets?\b", re.IGNORECASE)


@functools.lru_cache(maxsize=256)
def _reacts_or_suffers(text: str, start: int, end: int) -> bool:
    """Does the article name the body at ``start:end`` in a role that is never the launcher's: the source of a reaction
    ("hostile rhetoric from the United States"), a rival ("China beats SpaceX with"), the place struck ("Southern Israel
    hit by rocket barrage") or the defender that stopped another's weapon ("Saudi air defences intercepted a ballistic
    missile launched on Tuesday")? (Read once per name: an article's events ask again for each alert.)"""
    if text.find("from", max(0, start - 80), start) >= 0 and _REACTION_FROM.search(text, max(0, start - 80), start):
        return True
    if _rival_before(text, max(0, start - 40), start):
        return True
    upto = _sentence_end(text, end, min(len(text), end + 80))
    if _struck_after(text, end, upto):
        return True
    # the defender, unless what it stopped was its own test's target ("A U.S. interceptor missile shot down a target
    # missile")
    m = _DEFENDER_AFTER.match(text, end, upto)
    return m is not None and _TEST_TARGET_AFTER.match(text, m.end(), upto) is None


def _only_reports(text: str, e: Entity, upto: int) -> bool:
    """Away from the trigger, does ``e`` only report (a reporting word after it), not report its own launch ("British
    maritime security firm Ambrey said on Saturday it had received information", but "North Korea said it fired")?"""
    between = text[e.end:upto]
    if not _reports(between):
        return False
    return not (_STATE_MEDIA.match(between) or tells_it_launching(text, e))


def _sentence_end(text: str, pos: int, hi: int) -> int:
    """Where the sentence holding ``pos`` ends (before ``hi``): a reporting verb of the next sentence says nothing
    of a name in this one ("... was Pakistan's first such test since March. India said it had received ...")."""
    m = _SENTENCE_BREAK.search(text, pos, hi)
    return m.start() if m else hi


# "launched by Yemen's Houthi rebels", "fired by the Lebanese group Hezbollah", "fired by Iran-backed Houthi rebels"
_LAUNCHED_BY = re.compile(r"\b(?:launched|fired|shot)\s+by\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$")
# a name that attacked: "Russia strikes Kyiv", "The Houthis targeted the Southwestern Saudi city", "Kiev's forces
# have attempted to attack Crimea"
# (not across a defence's verb: "the Ukrainian military shot down 10 attack drones")
_ATTACKER_AFTER = re.compile(r"(?:['’]s)?\s+(?:(?!shot\b|shoots?\b|down\b|downed\b|intercept|destroy)[\w-]+\s+){0,4}?"
                             r"(?:launch(?:es|ed)?|fire[sd]?|strikes|struck|targets|targeted|to attack|attacked|attacks|"
                             r"pounded|bombarded|hit)\b", re.IGNORECASE)


# a name as the attack's own modifier: "Four killed in Ukraine missile attack on Crimea", "a Ukrainian missile strike
# on the port city" (the interception of its missiles names no launcher)
_ATTACK_NOUN_AFTER = re.compile(r"\s+(?:missile|rocket)\s+(?:attacks?|strikes?|barrages?|salvos?)\b", re.IGNORECASE)


# a name right before the cargo or crew a rocket carried ("NASA resupply mission", "NASA cargo", "NASA astronauts")
_CARGO_OWNED_AFTER = re.compile(r"(?:['’´]s)?\s+(?:[\w-]+\s+){0,1}?(?:cargo|resupply|supply|supplies|crew|astronauts?|"
                                r"satellites?|spacecraft|payloads?|probes?|capsules?|landers?|rovers?|telescopes?|"
                                r"observatory)\b", re.IGNORECASE)


def _customer_or_host(text: str, e: Entity, ents: Sequence[Entity]) -> bool:
    """Does ``e`` only own the cargo the rocket carried ("NASA resupply mission rocket launches") or the site it left
    ("NASA's Wallops launches spacecraft"): a name its possessive or its noun ties to cargo or to a place?"""
    if _CARGO_OWNED_AFTER.match(text, e.end):
        return True
    m = _POSSESSIVE_GAP.match(text, e.end)
    return m is not None and any(x.start == m.end() and x.label in ("SITE", "CITY", "PLACE") for x in ents)


def _named_operator(pack: RulePack, ents: Sequence[Entity]) -> Entity | None:
    """The operator of a rocket the article names, if one."""
    return next((a for a in (_vehicle_actor(pack, e) for e in ents if e.label == "VEHICLE") if a is not None), None)


# a launch noun as the trigger ("launch of an Orbital ATK Cygnus", "missile test"), and the adverbial phrase set off by a
# comma that it heads (", following Sunday's ", ", after North Korea's latest "; not "conducted a ", a verb's object,
# nor "protests China's lack of communication before satellite launch", where the name before is the phrase's owner)
_LAUNCH_NOUN_TRIGGER = re.compile(r"(?:[\w-]+\s+){0,3}?(?:launch|launches|test|tests|flight|liftoff|lift-off|firing|"
                                  r"test-firing|detonation|blast)\b", re.IGNORECASE)
_ADJUNCT_LAUNCH_NOUN = re.compile(r",\s*(?:following|after|before|since|amid|despite|ahead\s+of|during)\s+(?:(?:the|a|an|this|"
                                  r"that|its|their|[\w.-]+(?:\s+[A-Z][\w.-]*){0,2}['’]s)\s+)?(?:[\w-]+\s+){0,3}$",
                                  re.IGNORECASE)
# a gerund clause opening the sentence up to the trigger, in it or after it: "Hours after detonating an underground
# nuclear blast Saturday, China promised", "Shortly before launching the rocket, SpaceX ..."
_FRONTED_GERUND = re.compile(r"\W*(?:[\w’'-]+\s+){0,3}?(?:after|before|while|since|upon|on|when|by)\s+[\w-]*ing\b[^,;]*",
                             re.IGNORECASE)
_CLAUSE_SUBJECT = re.compile(r"\s*,\s*(?:the\s+)?$", re.IGNORECASE)


def _fronted_gerunds_subject(pack: RulePack, text: str, s0: int, s1: int, trigger: tuple[int, int],
                             in_sentence: Sequence[Entity]) -> Entity | None:
    """The subject of a gerund trigger in a clause that opens the sentence: the main clause's subject, the first name
    after the comma that closes the clause ("Hours after detonating an underground nuclear blast Saturday, China
    promised ..."); a gerund has no subject of its own, so a name before it (a credit line run into the lead) is not
    it."""
    t0, t1 = trigger
    if not _FRONTED_GERUND.fullmatch(text, s0, t1):
        return None
    comma = text.find(",", t1, s1)
    if comma < 0:
        return None
    return next((e for e in in_sentence if e.start > comma and _CLAUSE_SUBJECT.fullmatch(text, comma, e.start)), None)


# a possessive inside an object-taking trigger: "destroying its anti-ship missile"
_ITS_INSIDE = re.compile(r"\b(?:its|their)\s", re.IGNORECASE)
# the trigger's own possessive: "imposed new sanctions on Pyongyang, after its recent "illicit" nuclear test"
_ITS_BEFORE = re.compile(r"\b(?:its|their)\s+(?:[\w\"'“”‘’-]+\s+){0,3}$", re.IGNORECASE)


def _possessive_antecedent(text: str, s0: int, t0: int, in_sentence: Sequence[Entity]) -> Entity | None:
    """The name an "its"/"their" right before the trigger points back to: the nearest before it that can
    act, whatever its role in the clause (the sanctioned, the condemned: "on Iran over its missile test")."""
    if not _ITS_BEFORE.search(text, s0, t0):
        return None
    return next((e for e in reversed(in_sentence) if e.end <= t0), None)


# a name that only qualifies where a report comes from: "A NASA videotape showed", "a NASA commentator said"
_SOURCE_NOUN_AFTER = re.compile(r"\s+(?:video|videotape|footage|images?|photos?|photographs?|cameras?|webcast|broadcast|"
                                r"commentator|spokes(?:man|woman|person)|tracking data|telemetry)\b", re.IGNORECASE)


# names joined into one subject: "US, British and French forces launched", "the US, Britain and France"
_LIST_GAP = re.compile(r"(?:,|,? and|,? &)\s+(?:the\s+)?")


def _list_head(text: str, before: list[Entity]) -> Entity:
    """The last name before the trigger, or the first of the list it closes: a joint launch is
    filed under the name the text puts first."""
    i = len(before) - 1
    while i > 0 and before[i - 1].label == before[i].label and _LIST_GAP.fullmatch(text, before[i - 1].end, before[i].start):
        i -= 1
    return before[i]


def _launch_company(pack: RulePack, cands: Sequence[Entity], ents: Sequence[Entity]) -> Entity | None:
    """A launch company among ``cands``, else the company operating the one launcher the article names."""
    operators = pack.launch_firms
    company = next((e for e in cands if e.id in operators), None)
    if company is not None:
        return company
    owners = {a.id: a for a in (_vehicle_actor(pack, e) for e in ents if e.label == "VEHICLE") if a is not None}
    return next(iter(owners.values())) if len(owners) == 1 and next(iter(owners)) in operators else None


# the "by" of another verb after the trigger: "failed to put the device into orbit in a launch criticized
# by the United States", "..., a process criticized by the U.S.": that verb's agent, not the launcher's
# ("the nuclear test conducted by China": a participle right after the trigger is the trigger's own)
# an irregular participle too: "launched a Hwansong-17 intercontinental ballistic missile in response to joint military
# drills held by the United States and South Korea"
_PARTICIPLE_BY = re.compile(r"\b(?:\w+ed|held|led|made|built|run|set|seen|taken|given|brought|sent|shown|known|written|"
                            r"won|told|paid|bought|caught|found|kept|left|lost|met|put|said|sold|spent|struck|done|"
                            r"driven|flown|chosen|broken|beaten|drawn|thrown|begun|hit|shot|fought)\s+by\s", re.IGNORECASE)
_GAP_BREAK = re.compile(r"[,;\u2013\u2014]")
_MAKER_BY = re.compile(r"(?:developed|built|made|manufactured|designed|produced|owned|operated)\s+by\s", re.IGNORECASE)


def _another_verbs_agent(gap: str) -> bool:
    """Does the "by" after the trigger (``gap`` runs up to its agent) belong to another verb: past a
    clause break, or to a participle that does not follow the trigger directly?"""
    if _GAP_BREAK.search(gap):
        return True
    m = _PARTICIPLE_BY.search(gap)
    # "carrying a satellite developed by Canon": whoever made the object is no launcher, even right after it
    return m is not None and (bool(gap[:m.start()].strip()) or _MAKER_BY.match(gap, m.start()) is not None)


# a name after "from" or "by" before the trigger is a critic or a source: "Iran on Tuesday conducted one of
# two satellite launches it plans despite criticism from the United States, but the satellite failed to reach orbit"
_CRITIC_BEFORE = re.compile(r"\b(?:from|by)\s+(?:the\s+)?$", re.IGNORECASE)
# the one a reaction came from is no launcher, anywhere in the article: "a response to hostile rhetoric from the United
# States and Israel", "drew sharp criticism from Washington" (the nouns of reacting, whole; not of saying: "according
# to a statement from Arianespace" is the launcher's own word; a launch "from Lebanon" stays an origin)
_REACTION_FROM = re.compile(r"\b(?:criticism|condemnation|censure|rebukes?|rhetoric|threats?|warnings?|pressure|protests?|"
                            r"objections?|opposition|outcry|backlash|reactions?|concerns?|accusations?|sanctions|praise|"
                            r"congratulations|hostility|provocations?|denunciations?|complaints?)\s+(?:\w+\s+)?from\s+"
                            r"(?:the\s+)?(?:[\w.-]+\s+){0,3}?$", re.IGNORECASE)
# the one an attack struck, told in the passive: "Southern Israel hit by rocket barrage", "Kyiv was pounded with
# missiles", "The Israeli city of Tel Aviv is under fire from a barrage of rockets" (the verbs of striking a place,
# whole; "with" only after a form of "be": "Hezbollah attacked with rockets" is the attacker's)
_STRIKING = r"(?:hit|struck|targeted|attacked|pounded|shelled|bombarded|barraged|rocked|pummell?ed|battered|raked|blitzed)"
_STRUCK_AFTER = re.compile(rf"(?:['’]s)?\s+(?:[\w-]+\s+){{0,4}}?(?:(?:(?:was|were|is|are|been|being|gets?|got)\s+"
                           rf"(?:\w+ly\s+)?{_STRIKING}\s+(?:by|with)|(?:\w+ly\s+)?{_STRIKING}\s+by)\b|(?:(?:is|was|are|were|"
                           r"came|comes|come|coming|remains?|remained)\s+)under\s+(?:[\w-]+\s+){0,2}?(?:fire|attack|"
                           r"attacks|bombardment)\b)", re.IGNORECASE)
# a rival the launch is measured against is no launcher: "China beats SpaceX with world's first methane-powered rocket
# launch", "pipping its US rival Blue Origin", "ahead of SpaceX" (the verbs and words of outdoing and competing, whole)
_RIVAL_BEFORE = re.compile(r"(?<!\w)(?:beat|beats|beating|beaten|outpac\w+|outdo\w*|outdid|outrac\w+|overt(?:ake|akes|aking|aken|"
                           r"ook)|edg(?:e|es|ed|ing)\s+out|pip(?:s|ped|ping)|trail(?:s|ed|ing)?|lag(?:s|ged|ging)?\s+"
                           r"behind|ahead\s+of|rivals?|rivall?(?:ing|ed)|compet(?:e|es|ed|ing)\s+with|race\s+against)\s+"
                           r"(?:(?:the|its|their)\s+)?(?:[\w-]+\s+){0,2}?$", re.IGNORECASE)
def _rival_before(text: str, lo: int, start: int) -> bool:
    """Is the name at ``start`` a rival the launch is measured against (``_RIVAL_BEFORE`` from ``lo``)?"""
    return _RIVAL_BEFORE.search(text, lo, start) is not None


def _struck_after(text: str, end: int, upto: int) -> bool:
    """Is the name ending at ``end`` the place an attack struck, told in the passive (``_STRUCK_AFTER``, before
    ``upto``)?"""
    return _STRUCK_AFTER.match(text, end, upto) is not None


# an abbreviation in brackets right after such a name is that name again: "Developed by Defence Research and
# Development Organisation (DRDO), the nuclear capable missile was test-fired": the developer, not the launcher
_CRITIC_ABBREVIATION = re.compile(r"\b(?:from|by)\s+(?:the\s+)?[A-Z][^().,;]{0,80}\($")
# a participle clause after a comma: "..., successfully placing three satellites into orbit"
_PARTICIPLE_CLAUSE = re.compile(r",\s*(?:\w+ly\s+)?$")
# a relative clause set off by commas describes the subject: "Yemen's Houthi rebels, who control much of
# northern Yemen including the capital Sanaa, said ... they had launched": its names are not the actor
_RELATIVE_ASIDE = re.compile(r",\s*(?:who|which|whose)\b[^,;]*,")

# a trigger that ends in a participle after its object ("rockets fired", "missiles launched"), not a noun ("missile test")
_PARTICIPLE_LAST = re.compile(r"(?:\w+ed|shot|hit|struck|flown|thrown)\W*$", re.IGNORECASE)
#: between a subject and its verb: nothing but an auxiliary ("that Russia had launched")
_SUBJECT_GAP = re.compile(r"\s+(?:(?:has|have|had|was|were|is|are|reportedly|also)\s+)*", re.IGNORECASE)


# a rocket as the agent of a passive launch: "placed into orbit by Europe's Ariane rocket", "by a Long March 2C"
_BY_VEHICLE = re.compile(r"^[^.;]{0,60}?\b(?:by|using)\s+(?:(?:the|a|an)\s+)?(?:\S+['’´]s\s+)?(?:[\w-]+\s+){0,2}?$",
                         re.IGNORECASE)


_ABOARD_VEHICLE = re.compile(r"^[^.;]{0,40}?\b(?:aboard|atop|on)\s+(?:(?:the|a|an)\s+)?(?:\S+['’´]s\s+)?(?:[\w-]+\s+){0,2}?$",
                            re.IGNORECASE)


def _by_vehicle(pack: RulePack, text: str, ents: Sequence[Entity], s1: int, t1: int) -> Entity | None:
    """The operator of a named rocket that is the "by" agent after the trigger, or the rocket it was launched with
    ("using a SpaceX Falcon 9 rocket"), if any: the satellite's owner before the trigger is its customer. ("aboard a
    Soyuz" is left alone: a Soyuz from Kourou is no Russian launch.)"""
    vehicle = next((e for e in ents if t1 <= e.start < s1 and e.label == "VEHICLE"), None)
    if vehicle is None:
        return None
    if _BY_VEHICLE.match(text[t1:vehicle.start]):
        return _vehicle_actor(pack, vehicle)
    # "First U.S. Space Force satellite launches aboard ULA Atlas V rocket": a company's rocket it rode names the launcher
    # (a state's rocket does not: a Soyuz from Kourou is Arianespace's)
    if _ABOARD_VEHICLE.match(text[t1:vehicle.start]):
        operator = _vehicle_actor(pack, vehicle)
        return operator if operator is not None and operator.id in pack.launch_firms else None
    return None


def _verb_start(text: str, t0: int, t1: int) -> int:
    """Where the verb of an object-first trigger starts: its last word ("missiles that Russia
    launched"; a particle verb keeps its particle, "blasted off")."""
    words = list(re.finditer(r"[\w’'-]+", text[t0:t1]))
    if len(words) >= 2 and words[-1].group().lower() in {"off", "down", "up", "into", "out"}:
        return t0 + words[-2].start()
    return t0 + words[-1].start() if words else t1


def _city_dateline(text: str, e: Entity) -> bool:
    """Is ``e`` a city opening its line before a colon ("Tokyo: A suspected ballistic missile ...")?"""
    line_start = text.rfind("\n", 0, e.start) + 1
    return not text[line_start:e.start].strip() and text.startswith(": ", e.end)


def _filed_from(text: str) -> list[tuple[int, int]]:
    """Spans of datelines ("SEOUL, South Korea (AP) —", "TOKYO, Sept. 15 (Xinhua) --"): where the
    copy was filed, never who acted."""
    return [m.span() for m in _FILED_FROM.finditer(text, 0, 1500)]


def _origin(pack: RulePack, text: str, in_sentence: Sequence[Entity], t1: int) -> Entity | None:
    """The place a launch came from, or who launches from there (``context.origin_actors``)."""
    e = next((e for e in in_sentence if e.start >= t1 and _ORIGIN.match(text[t1:e.start])), None)
    who = pack.origin_actors.get(e.id or "") if e is not None else None
    if who and who.get("id"):
        return Entity(text=who.get("text") or e.text, label="ORG", id=who["id"], start=e.start, end=e.end)
    return e


_NATION_BEFORE_VEHICLE = re.compile(r"(?:['’]s)?\s+")


def _province_of_origin(text: str, ents: Sequence[Entity], s1: int, t1: int) -> Entity | None:
    """The country of the province a launch came from, when the sentence names no launcher: "two short-range missiles
    had been fired from the Hamju area of South Hamgyong province" (c32) is North Korea's, whoever reports it."""
    e = next((e for e in ents if t1 <= e.start < s1 and e.label == "REGION" and (e.id or "").startswith("region:")
              and _FROM_PLACE.fullmatch(text, t1, e.start)), None)
    if e is None:
        return None
    return new_entity(e.text, "COUNTRY", "country:" + (e.id or "")[len("region:"):].split("-")[0], e.start, e.end, e.source)


# "from the Hamju area of ", "from ", "from near the city of X in ": the words between a launch verb and its province
_FROM_PLACE = re.compile(r"\s+(?:\w+\s+){0,3}?from\s+(?:near\s+)?(?:the\s+)?(?:[\w'’-]+\s+){0,4}?(?:(?:area|region|county|"
                         r"district|city|town|vicinity|coast)\s+(?:of|in)\s+)?", re.IGNORECASE)


def _firm_for_nation(pack: RulePack, text: str, actor: Entity, vehicle: Entity | None) -> Entity:
    """A country named right before a rocket a firm flies ("Chinese Ceres-1 rocket reaches orbit") is where the
    rocket is from: the firm (``context.vehicle_actors``) launched it."""
    if vehicle is None or actor.label != "COUNTRY" or not _NATION_BEFORE_VEHICLE.fullmatch(text, actor.end, vehicle.start):
        return actor
    firm = _vehicle_actor(pack, vehicle)
    return firm if firm is not None and (firm.id or "").startswith("org:") else actor


def _vehicle_actor(pack: RulePack, vehicle: Entity | None) -> Entity | None:
    """The operator of a named missile or rocket (``context.vehicle_actors``)."""
    if vehicle is None or not vehicle.id:
        return None
    actor = pack.operator_of(vehicle.id)
    if actor is None:
        return None
    return new_entity(vehicle.text, "COUNTRY" if actor.startswith("country:") else "ORG", actor, vehicle.start,
                      vehicle.end, vehicle.source)


# what an interception word downed: "downed three of the four drones fired in the attack": drones, not the missiles
_DRONES_ONLY = re.compile(r"\s*(?:(?!missiles?\b|rockets?\b)\w+\s+){0,5}?(?:drones?|uavs?|shaheds?)\b")


# a failure the source only supposes: "the second may have failed", "possibly exploded"
_HEDGED = re.compile(r" (?:(?:may|might|could)(?: have)?(?: been)?(?: ended (?:in|with)(?: a)?)?|possibly|perhaps|"
                     r"reportedly may have) $")
# a part of the satellite that did not work once in orbit ("failed to deploy one of its two
# solar panels", "its solar array failed to unfurl"): the satellite's fault, not the launch's
_PAYLOAD_PARTS = r"(?:solar panels?|solar arrays?|solar wings?|antennas?|antennae|transponders?|reflectors?)"
_PART_AFTER = re.compile(rf"(?:\S+ ){{0,6}}?{_PAYLOAD_PARTS} ")
_PART_BEFORE = re.compile(rf" {_PAYLOAD_PARTS}(?: \S+){{0,3}} $")


# contact lost with the satellite ("lost contact with a telecommunications satellite successfully
# launched on Thursday"): the satellite's fault, not the rocket's
_LOST_PAYLOAD = re.compile(r"(?:\S+ ){0,2}?with (?:\S+ ){0,4}?(?:satellites?|spacecraft|probes?|landers?) ")


def _payload_part_fault(padded: str, m: re.Match[str]) -> bool:
    return bool(_PART_AFTER.match(padded, m.end()) or _PART_BEFORE.search(padded[:m.start() + 1])
                or (m.group().strip() == "lost contact" and _LOST_PAYLOAD.match(padded, m.end())))


# a failure an earlier launch had: "three months after the country's space ambitions suffered a setback
# when a rocket crashed", "its two new Bulava missiles, which experienced several failures in the past"
_SPAN_AFTER = re.compile(r" (?:days|weeks?|months?|years?|decades?) (?:after|since) ")
_PAST_AFTER = re.compile(r" (?:in the past|in previous|in earlier|previously|last year|in (?:19|20)\d\d)\b")


def _older_failure(padded: str, m: re.Match[str]) -> bool:
    return bool(_SPAN_AFTER.search(padded, max(0, m.start() - 90), m.start() + 1)
                or _PAST_AFTER.match(padded, m.end() - 1, m.end() + 25))


# a nuclear device's blast, a test's and no flight's failure, named in a launch's sentence: "The powerful underground
# nuclear explosion and associated missile tests yesterday ...", "When Pyongyang exploded a nuclear device on May 25"
_BLAST_WORDS = frozenset({"explosion", "explosions", "exploded", "explodes", "blew up", "blows up"})
_NUCLEAR_BEFORE = re.compile(r" (?:nuclear|atomic|underground|hydrogen|thermonuclear|nuke|bomb|device)(?: test)? $")
_NUCLEAR_AFTER = re.compile(r"(?:a |an |its |their |the |his )?(?:[\w-]+ ){0,2}?(?:nuclear|atomic|hydrogen|thermonuclear) "
                            r"(?:device|bomb|weapon|warhead|test|charge)")


def _nuclear_blast(padded: str, m: re.Match[str]) -> bool:
    return m.group().strip() in _BLAST_WORDS and bool(
        _NUCLEAR_BEFORE.search(padded, max(0, m.start() - 30), m.start() + 1) or _NUCLEAR_AFTER.match(padded, m.end()))


# a landing of the spent booster or first stage that failed: its recovery after the launch, no part of the launch's
# outcome (the payload went on to orbit): "successfully reached orbit ..., but failed in its attempt to land the rocket's
# first stage" (c25, New Glenn), "The middle booster of SpaceX's Falcon Heavy rocket failed to land on its drone ship"
# (112.international), "tried ... to land the first stage of its two-stage rocket, but the attempt was unsuccessful"
# (myworld056.net), "was unsuccessful in its attempt to land its Falcon 9 rocket on a drone ship" (rssing.com)
# (a missile "landing in the sea" is where it came down: only a landing told as the stage's own act or attempt)
_RECOVERY_WORDS = (r"(?:to land|land on|(?:the|its|a|on|upon|during|booster|stage|rocket|ocean|sea|water|hard|soft|vertical|"
                   r"upright) landing|landing (?:attempt|burn|legs?|pad|zone)|touch down|touchdown|droneship|drone ship|sea platform|"
                   # its planned return: "the Falcon 9 booster recovery failed" (slashgear.com), "the rocket booster
                   # that helped deliver the satellites crashed when coming back to Earth" (ibtimes.co.uk)
                   # (not "came back down near the pad": a rocket lost on its way up comes back too)
                   r"recovery|to recover|coming back to earth|returning to earth|return trip|on its return)")
_RECOVERY_AFTER = re.compile(rf"(?:\S+ ){{0,5}}?{_RECOVERY_WORDS} ")
_RECOVERY_BEFORE = re.compile(rf" {_RECOVERY_WORDS}(?: \S+){{0,12}} $")


def _recovery_fault(padded: str, m: re.Match[str]) -> bool:
    return bool(_RECOVERY_AFTER.match(padded, m.end()) or _RECOVERY_BEFORE.search(padded, max(0, m.start() - 100),
                                                                                   m.start() + 1))


# the defence failed, not the launch: "an attempt to intercept a projectile launched from Yemen ... was unsuccessful"
_INTERCEPT_BEFORE = re.compile(r" (?:attempts? to intercept|interception|intercept attempts?|interceptors?) ")


def _interception_fault(padded: str, m: re.Match[str]) -> bool:
    return bool(_INTERCEPT_BEFORE.search(padded, max(0, m.start() - 120), m.start() + 1))


# the object a defence test launched: its interception failing is the launch failing
_INTERCEPTOR = re.compile(r"\binterceptors?\b", re.IGNORECASE)


def outcome_of(pack: RulePack, sentence: str, article: str, default: str = "success", topic: str | None = None,
               interceptor: bool = False, ref: date | None = None, today: date | None = None) -> str:
    """Intercepted or failure as the event's sentence says (a barrage partly shot down is intercepted whatever hit
    beside it: "struck multiple locations ..., adding some of them were intercepted"); else unknown when the article
    hedges ("may have fired", "not immediately clear"); else ``default``, and with default
    unknown, success where the article says how the flight went ("flew 1,000 km"). With
    ``interceptor`` (the event's object is the interceptor, a defence test), an interception that
    failed is the launch's failure ("a test of one of its ground-based interceptor missiles ...
    failed"). An interception or a hit another sentence sets apart as another attack's tells
    nothing of this one (:func:`another_attack`); nor does a failure of an earlier flight, dated before the week by
    ``ref`` (the publication date) and ``today`` where given (:func:`agents.enrich.outcome_scope.earlier_failure`)."""
    padded = f" {_key(without_earlier_events(sentence, ref, today))} "
    cues = dict(pack.outcome_cues)
    # only outcomes some qualifier topic gives this topic: a nuclear test is an explosion, and
    # "explosion" is no failure of it
    possible = {o for t, o in pack.outcome_of.items() if topic is None or topic in pack.qualifies.get(t, ())}
    hedged = False
    success = cues.get("success")
    for outcome in ("intercepted", "failure"):
        cue = cues.get(outcome) if outcome in possible else None
        found = list(cue.finditer(padded)) if cue is not None else []
        if outcome == "intercepted" and cue is not None:
            found += _SHOT_ONE_DOWN.finditer(padded)  # "Iron Dome shoots one down"
        found = [m for m in found if not _EARLIER.search(padded[:m.start() + 1])
                 and not (outcome == "failure" and _OLDER_FAILURE.search(padded, max(0, m.start() - 90), m.start() + 1))
                 and not (outcome == "failure" and _IN_THE_PAST.match(padded, m.end()))
                 and not (outcome == "failure" and m.group().startswith(" explosion")
                          and _HEARD.match(padded, m.end()))
                 and not (outcome == "failure" and _nuclear_blast(padded, m))
                 and not (outcome == "failure" and (_TOO.match(padded, m.end() - 1)
                                                    or (m.group().strip() == "fell short"
                                                        and _FELL_SHORT_OF_PLACE.match(padded, m.end() - 1))))
                 and not (outcome == "intercepted" and _DRONES_ONLY.match(padded, m.end()))
                 and not (outcome == "failure" and (_payload_part_fault(padded, m)
                                                    or (not interceptor and _interception_fault(padded, m))
                                                    or _older_failure(padded, m) or _recovery_fault(padded, m)
                                                    or earlier_failure(padded, m.start(), m.end(), ref, today)))]
        if any(not _HEDGED.search(padded[:m.start() + 1]) for m in found):
            return outcome
        hedged = hedged or bool(found)
    if hedged:
        return "unknown"  # "the second may have failed and blown up": the source does not know
    if topic is not None and not possible and default == "success":
        # no qualifier gives this topic another outcome: a nuclear test that happened is an explosion, and a hedge on
        # it ("appears to have conducted its fifth nuclear test") is the matcher's to weigh, not its outcome's
        return default
    whole = f" {' '.join(plain_lower(article)[1].split())} "  # _key(article), from the article's cached lowercase
    hedge = cues.get("unknown")
    # "appears to have landed outside Japan's EEZ" hedges where it came down, not that it flew: only
    # the success word it precedes is doubtful
    if hedge is not None and any(_doubts_the_flight(whole, m, success) for m in hedge.finditer(whole)) \
            and not _hedges_only_launches_ahead(article, hedge, success):
        return "unknown"
    if default == "unknown" and not interceptor and "intercepted" in possible and cues.get("intercepted") is not None \
            and (cues["intercepted"].search(whole) or _SHOT_ONE_DOWN.search(whole)
                 or next(interception_traces(whole), None) is not None) \
            and _interception_told(article, cues["intercepted"], ref, today, getattr(pack, "defence_test_re", None)):
        return "intercepted"
    if default == "unknown":
        # another attack's hits, and an earlier one's ("since September 15, when it successfully fired"), say nothing
        # of this one
        own = without_earlier_events(article, ref, today)
        whole = _own_attack_text(own, whole if own is article else f" {_key(own)} ")
        found = [*(success.finditer(whole) if success is not None else ()), *_DISTANCE_COVERED.finditer(whole)]
        return "success" if any(not _YEAR_NEAR.search(whole, max(0, m.start() - 60), m.end() + 60)
                                and not _LOCAL_HEDGE_BEFORE.search(whole, max(0, m.start() - 25), m.start() + 1)
                                and not _drone_subject(whole, m.start())
                                and not _PAST_AFTER.match(whole, m.end() - 1, m.end() + 25)
                                and not _NOT_FLIGHT.match(whole, m.start())
                                and not _NOT_FLIGHT.match(whole, whole.rfind(" ", 0, m.start() - 1))
                                and not (topic != "nuclear_test" and _NUCLEAR_TEST_AFTER.match(whole, m.end()))
                                and not _reached_in_accord(whole, m)
                                and not _KILLED_OTHERWISE.match(whole, m.end())
                                and not period_toll(whole, m.start(), m.end())
                                and not _NEGATED.search(whole, max(0, m.start() - 12), m.start() + 1)
                                and not _WISHED.search(whole, max(0, m.start() - 30), m.start() + 1)
                                and not _OTHER_STRIKE.search(whole, max(0, m.start() - 70), m.start() + 1)
                                and not _CAPABILITY.search(whole, max(0, m.start() - 30), m.start() + 1)
                                and not _WHOSE.search(whole, max(0, m.start() - 50), m.start() + 1)
                                for m in found) else "unknown"
    return default


# an interception the article tells outside the event's sentence is the outcome (the convention of real.yaml: a
# missile shot down is intercepted, and so is a barrage partly shot down whatever hit beside it: "Several rockets
# scored direct hits in Kiryat Shmona ... others were intercepted by the Iron Dome"; the launcher's claimed hit
# against the defender's report, the Houthis' Zulfiqar that "successfully hit its target" against the IDF's "most
# likely successfully intercepted", is the same case). Drones downed, an earlier or hedged interception, one after
# words of a launch ahead (_LAUNCH_AHEAD) or another attack's tell nothing. (A modal future, "would be intercepted",
# is told apart by _MODAL_BEFORE, which leaves "managed to shoot down" and "were able to intercept" told.)
# what was shot at: the fired things, as a report of a mixed or counted barrage also names them ("the overwhelming
# majority of the weapons fired by Iran were intercepted", "intercepted some of the approximately 65 launches")
_SHOT_AT = re.compile(r" (?:missiles?|rockets?|projectiles?|ballistic|salvos?|barrages?|weapons|launches) ")
_SENTENCE_BREAK = re.compile(r"[.!?\n]+")
# an interception that would or could happen, or that a system is for, is not told: "the missile would be intercepted
# by the Arrow system if it approached", "could be shot down if it threatened Japanese territory", "Iron Dome is designed
# to intercept rockets"; "managed to shoot down", "were able to intercept" are told (no modal, no purpose)
_MODAL_BEFORE = re.compile(r" (?:will|would|could|can|may|might|should|must|shall|cannot|couldn t|wouldn t|won t|can t)"
                           r"(?: not)?(?: be| have been| have| also| easily| still| only){0,2} $"
                           r"| (?:designed|meant|built|intended|developed|capable|tasked|ready|trying|try|tries|tried|seek|"
                           r"seeks|aim|aims|attempt|attempts|attempted|prepared|ordered|scrambled) to(?: be)? $"
                           r"| (?:capable|purpose|aim|goal|job|task|ability|capability) of $")
_ANOTHER = re.compile(r"(?:\S+ ){0,4}?another ")  # "intercepted what appeared to be another Houthi attack"
_NONE_OF = re.compile(r" (?:no|none of the)(?: \w+){0,3} $")  # "no rockets were shot down"


# a sentence set apart as another incident's: "Israel said separately that its aircraft had intercepted a hostile
# aerial target", "In a separate attack, ... shot down"
# (not "tested two separate multiple rocket launch systems": a separate thing is no separate attack)
_SEPARATELY = re.compile(r"\bseparately\b|\b(?:in|during) (?:a|another) separate\b|\ba separate (?:attack|incident|strike|"
                         r"assault|operation|salvo|barrage)\b", re.IGNORECASE)
# a sentence that tells what the news came after: "It came after US fighter aircraft intercepted and destroyed an
# anti-ship cruise missile launched by Houthi rebels in Yemen towards the USS Laboon destroyer" (c30)
_CAME_AFTER = re.compile(r"\b(?:it|this|that|the (?:attack|strike|incident|assault))\s+(?:came|comes|follows|followed)\s+"
                         r"(?:\w+\s+){0,3}?(?:after|on the heels of)\b", re.IGNORECASE)
_SENTENCE_OPENS = re.compile(r"\W*")  # quotes and dashes before a sentence's first word


# a sentence set in an older time than the news: "A month ago, a rocket fired at the Eshkol region by Gazan terrorists was
# intercepted by the Iron Dome" (c26, beside Saturday's one rocket the Iron Dome let fall), "Last week, two rockets
# fired from Gaza were intercepted"; (not days: "two days ago" may be the event's own day on a page of the next)
_OLDER_TIME = re.compile(r"\b(?:(?:a|an|one|two|three|four|five|six|several|a few|\d+) (?:weeks?|months?|years?) "
                         r"(?:ago|earlier|before)|last (?:week|month|year)|earlier this (?:month|year)|"
                         r"the (?:previous|prior) (?:week|month|year))\b", re.IGNORECASE)


def told_as_older(sentence: str) -> bool:
    """Does ``sentence`` set what it tells weeks or more before the news ("A month ago, a rocket ... was intercepted")?
    An interception told there is an older attack's."""
    return _OLDER_TIME.search(sentence) is not None


def another_attack(sentence: str) -> bool:
    """Does ``sentence`` (an interception or a hit told apart from the event's sentence) set itself apart as another
    attack's ("Israel said separately that its aircraft had intercepted a hostile aerial target", "a container ship
    that was hit in a separate strike")? Houthi and barrage stories list the week's attacks; each one's interception or
    hit is its own outcome. (A day named is no such mark: the event's day is often the day it was reported or claimed,
    "claimed on Sunday a missile attack" that hit "late Saturday".)"""
    if _SEPARATELY.search(sentence) is not None:
        return True
    m = _CAME_AFTER.search(sentence)
    return m is not None and _SENTENCE_OPENS.fullmatch(sentence, 0, m.start()) is not None


def _own_attack_text(article: str, whole: str) -> str:
    """``whole`` (the padded key of ``article``) without the sentences that tell another attack (:func:`another_attack`)."""
    if not _SEPARATELY.search(article) and not _CAME_AFTER.search(article):
        return whole  # (cheap pre-test: most articles set nothing apart)
    return f" {_key(' '.join(part for part in _SENTENCE_END.split(article) if not another_attack(part)))} "


# a shoot-down whose object stands between the verb and its particle, a count or a pronoun that points back at what
# was fired: "Iron Dome shoots one down", "The Iron Dome shot one down while the other was tracked as it landed",
# "shot them down" (the fired things are named in the sentence before, so no word of them is needed here)
_SHOT_ONE_DOWN = re.compile(r" (?:shoots?|shot|shooting|knocks?|knocked|knocking|brings?|brought|bringing) (?:one|two|three|"
                            r"four|five|six|seven|eight|nine|ten|\d+|it|them|both|all|most|some|several|many|each|half)"
                            r"(?: of them)? down ")


# a defence test's interception, of its own target: "has shot down a medium-range ballistic missile during a test off
# Hawaii", "conducted a test intercept of ..." (c30, c31), told beside another side's launch
_DURING_A_TEST = re.compile(r" (?:in|during) (?:a |an |the |its |their )?(?:\w+ ){0,2}?(?:test|tests|trial|flight test)\b")


def _interception_told(article: str, cue: re.Pattern[str], ref: date | None = None, today: date | None = None,
                       defence: re.Pattern[str] | None = None) -> bool:
    """Does the article tell an interception of the launch (a plain, dated-now, unhedged shoot-down of what was
    fired), not another attack's, an older one or a defence test's (``defence``: ``context.defence_tests``)?"""
    for part in _SENTENCE_BREAK.split(article):
        padded = f" {_key(without_earlier_events(part, ref, today))} "
        told = (*cue.finditer(padded), *_SHOT_ONE_DOWN.finditer(padded), *interception_traces(padded))
        if told and (another_attack(part) or told_as_older(part)):
            continue
        for m in told:
            before = padded[:m.start() + 1]
            if (_EARLIER.search(before) or _HEDGED.search(before) or _LAUNCH_AHEAD.search(before[-30:])
                    or _NEGATED.search(padded, max(0, m.start() - 12), m.start() + 1) or _NONE_OF.search(before[-40:])
                    or _MODAL_BEFORE.search(before[-40:])
                    or _DRONES_ONLY.match(padded, m.end()) or _ANOTHER.match(padded, m.end())
                    or _YEAR_NEAR.search(padded)
                    or defence is not None and (defence.search(padded, max(0, m.start() - 60), m.end() + 40)
                                                or _DURING_A_TEST.search(padded, m.end() - 1, m.end() + 80))):
                continue
            # (a shoot-down of "one" or a trace of the intercepts needs no word of what was fired)
            if m.re is _SHOT_ONE_DOWN or m.re is INTERCEPTION_NOUN \
                    or _SHOT_AT.search(padded, max(0, m.start() - 120), m.end() + 50):
                return True
    return False


# a hedge on one success word: "appeared to have already fallen", "seems to have landed"
_LOCAL_HEDGE = re.compile(r" (?:appears|appeared|seems|seemed) to have ")
_ALREADY = re.compile(r"already ")


def _hedges_one_word(whole: str, hedge: re.Match[str], success: re.Pattern[str] | None) -> bool:
    """Is the hedge ``hedge`` of the padded article only about the success word right after it
    ("appears to have (already) landed")?"""
    if success is None or not _LOCAL_HEDGE.fullmatch(hedge.group()):
        return False
    already = _ALREADY.match(whole, hedge.end())
    return bool(success.match(whole, (already.end() if already else hedge.end()) - 1))


# a doubt about who fired, not about how the flight went: "It was still unclear whether the rockets were fired by
# Hezbollah or by Palestinian organizations", "It was not immediately clear whether Hezbollah fighters ... or
# Palestinians in southern Lebanon fired the rockets" (the key of the article has no punctuation: a short reach)
_WHO_ASKED_AFTER = re.compile(r"(?:\S+ ){0,8}?(?:(?:fired|launched|shot|sent) by|who (?:fired|launched|was behind|were behind|"
                              r"is behind|are behind|carried out|was responsible|were responsible)|which (?:group|side|country)"
                              r"|responsible for)\b"
                              r"|(?:\S+ ){1,4}or (?:\S+ ){1,8}?(?:fired|launched) (?:the|them|it)\b")


# ... or about a count: "An unconfirmed earlier report by the Mash Telegram channel ... put the death toll at seven"
_COUNT_ASKED_AFTER = re.compile(r"(?:\S+ ){0,18}?(?:death toll|the toll|casualty figures?|casualties|how many|number of "
                                r"(?:dead|deaths|casualties|victims|people|wounded|injured))\b")


def _doubts_the_flight(whole: str, hedge: re.Match[str], success: re.Pattern[str] | None) -> bool:
    """Is the hedge ``hedge`` of the padded article a doubt on the flight, not only on one success word ("appears to
    have landed"), on who fired it ("unclear whether the rockets were fired by Hezbollah") or on a count ("an
    unconfirmed earlier report ... put the death toll at seven")?"""
    return not _hedges_one_word(whole, hedge, success) and not _WHO_ASKED_AFTER.match(whole, hedge.end()) \
        and not _COUNT_ASKED_AFTER.match(whole, hedge.end())


_LOCAL_HEDGE_BEFORE = re.compile(r" (?:appears|appeared|appear|seems|seemed|seem) to have (?:already )?$")


# a success word whose subject is a drone or an aircraft, in a story of drones and missiles: "one of their drones had
# struck the ship", "hundreds of Russian drones flying from all directions", "the first time B-1Bs have flown to the
# Korean peninsula since December" (c29) (not a subject of both: "three cruise missiles and an unspecified number of
# attack drones successfully hit their targets")
_DRONE_SUBJECT = re.compile(r" (?:drones?|uavs?|shaheds?|aircraft|jets?|warplanes?|planes?|bombers?|fighters?|helicopters?"
                            r"|b \d+(?:b|bs|s)?|f \d+s?)(?: (?!and |or |missiles? |rockets? )\S+){0,3} $")
_MISSILES_AND_DRONES = re.compile(r" (?:missiles?|rockets?|projectiles?) (?:and|as well as) (?:\S+ ){0,6}?(?:drones?|uavs?|shaheds?)"
                                  r"(?: \S+){0,3} $")


def _drone_subject(whole: str, at: int) -> bool:
    return bool(_DRONE_SUBJECT.search(whole, max(0, at - 45), at + 1)) \
        and not _MISSILES_AND_DRONES.search(whole, max(0, at - 110), at + 1)


# a success word denied: "the military said no rockets were shot down nor landed in any built-up areas"
_NEGATED = re.compile(r" (?:not|nor|never|neither|far from|anything but) $")
# a success wished, not told: "we wish you success, the crowd shouted in unison as the crew" (c31, before Shenzhou-20's
# launch)
_WISHED = re.compile(r" (?:wish|wishes|wished|wishing|wish for|praying for|pray for|hope for|hoping for)(?: \w+){0,2} $")
# a success word about something else: a ship "flying the flags of the Marshall Islands"
# or talks, prices or a plan that "have fallen off", "fell apart" (c29) (not "fell off the coast of"); people who go to sea:
# "the local administration had warned fishermen not to venture into the sea" (c30)
_NOT_FLIGHT = re.compile(r" (?:flying (?:the )?(?:\w+ )?flags?|(?:fallen|fell) (?:apart|through|behind|silent|sharply"
                         r"|off(?! (?:the )?(?:\w+ )?coast))|(?:venture|ventured|venturing|go|going|went|sail|sailed|sailing"
                         r"|swim|swimming|wade|waded) into)\b")
# a success word of a nuclear test in a launch's story: "the regime successfully conducted one more underground nuclear
# test" (c30) says nothing of the missiles fired hours later
_NUCLEAR_TEST_AFTER = re.compile(r"(?:\S+ ){0,5}?(?:nuclear|atomic|underground)(?: (?!capable|powered|tipped|armed)\S+){0,2}? "
                                 r"(?:test|tests|explosion|explosions|blast|blasts|detonation)\b")
# deaths an air strike or a raid caused, not the missiles ("in response to a strike that killed four Syrians";
# "a missile strike that killed" is the missiles'); damage the wreckage of a downed one did ("debris damaged windows")
_OTHER_STRIKE = re.compile(r"(?:(?<!missile )(?<!rocket )\b(?:air ?strikes?|strikes?|raids?|shelling|bombing|bombardment|"
                           r"attack on [^.]{0,40}?)(?: (?:last|this|on|in|earlier|overnight|early|late|\w+day|week|month|night)){0,3} (?:that|which)(?: has| had)?"
                           r"|\b(?:falling )?(?:debris|wreckage|fragments|shrapnel)(?: of [\w -]{1,30}?)?) $")
# "reached" of an accord, not of a flight: "the nuclear deal reached with six world powers" (c26, Iran's tunnel
# footage), "the nuclear agreement reached in July between Iran and world powers" (middleeastobserver.org), "reached a
# ceasefire" (not a level: "reached a peak altitude of 2,000 km" is the flight's)
_ACCORDS = (r"(?:deal|deals|agreement|agreements|accord|accords|consensus|settlement|ceasefire|cease-fire|truce|"
            r"understanding|compromise|decision|conclusion|verdict|arrangement|bargain|pact)")
_ACCORD_BEFORE = re.compile(rf" {_ACCORDS}(?: (?:was|were|has been|had been|is|are|being|now|finally))? $")
_ACCORD_AFTER = re.compile(rf"(?:a |an |the |its |their |new |final )*{_ACCORDS} ")


def _reached_in_accord(whole: str, m: re.Match[str]) -> bool:
    return m.group().strip() == "reached" and bool(_ACCORD_BEFORE.search(whole, max(0, m.start() - 40), m.start() + 1)
                                                   or _ACCORD_AFTER.match(whole, m.end()))


# deaths or wounds of another cause than the missiles: "Saturday's attack comes after two senior Palestinian terrorists
# were killed overnight Wednesday during clashes with Israeli forces near Jenin" (c26), "killed in a shootout"
_KILLED_OTHERWISE = re.compile(r"(?:\S+ ){0,4}?(?:during|in|by) (?:an? |the )?(?:\S+ ){0,2}?(?:clashes|clash|fighting|"
                               r"gunfights?|gun battles?|firefights?|shootouts?|exchanges? of fire|raids?|ambush|stabbings?|"
                               r"shootings?|gunfire|sniper fire|riots?|protests?|car bombs?|suicide bombings?) ")


# the distance flown: "the Burevestnik covered 14,000 kilometers (8,700 miles) in a key test"
_DISTANCE_COVERED = re.compile(r" (?:covered|covering|travelled|traveled|flew) (?:about |some |nearly |almost |around |roughly |approximately |up to |"
                               r"more than |over )?\d[\d ]* (?:km|kilometers|kilometres|miles|nautical miles) ")
# a group's past told in a relative clause: "Hamas, whose October 7 killing spree through southern Israeli towns
# sparked the war"
# (not the event's own: "the test, whose re-entry vehicle traveled roughly 4,200 miles to the Kwajalein Atoll")
_WHOSE = re.compile(r"(?<! test)(?<! tests)(?<! launch)(?<! missile)(?<! missiles)(?<! rocket)(?<! rockets)(?<! flight)"
                    r" whose (?:[^ .;]+ ){0,4}$")
# a sentence about a launch ahead: "Another Starlink mission could fly from the Cape no earlier than Wednesday, March 29,
# but that remains unconfirmed"
_LAUNCH_AHEAD = re.compile(r" (?:no earlier than|is scheduled|are scheduled|is slated|are slated|next launch|upcoming) ")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def _hedges_only_launches_ahead(article: str, hedge: re.Pattern[str], success: re.Pattern[str] | None) -> bool:
    """Is every hedge of the article in a sentence about a launch ahead (its doubt is about that one)?"""
    for sentence in _SENTENCE_END.split(article):
        key = f" {_key(sentence)} "
        if any(_doubts_the_flight(key, m, success) for m in hedge.finditer(key)) and not _LAUNCH_AHEAD.search(key):
            return False
    return True


# what a missile can do, not how this flight went: "has a range of 5000 km and the ability to hit targets deep inside
# China"
_CAPABILITY = re.compile(r" (?:(?:ability|capability|capacity|power|potential|designed|meant|intended) to|capable of"
                         r"|can|could) $")

# a year next to the success word: "Agni I was ... successfully test-fired in 1989" tells how an older flight went
# ("one ballistic missile last month flew over Japan", c29, is the same)
_YEAR_NEAR = re.compile(r"\b(?:(?:in|since|of|from) (?:19|20)\d\d|last year|a year ago|last month|a month ago)\b")


# "the rocket", "The four-stage, solid-fuel launcher": a launcher the sentence names only by its kind
_GENERIC_LAUNCHER = re.compile(r"\b(?:the|this)\s+(?:[\w-]+,?\s+){0,3}?(?:launcher|rocket|launch vehicle|carrier rocket)\b",
                               re.IGNORECASE)


def _named_before(text: str, sentence: tuple[int, int], trigger: tuple[int, int],
                  ents: Sequence[Entity]) -> Entity | None:
    """The rocket the sentence before named, when this one calls it only by its kind before the
    trigger ("Galactic Energy's Ceres-1 rocket suffered ... The four-stage, solid-fuel launcher lifted off")."""
    s0, t1 = sentence[0], trigger[1]
    if not _GENERIC_LAUNCHER.search(text, s0, t1):
        return None
    prev = max(text.rfind(". ", 0, max(0, s0 - 2)), text.rfind("\n", 0, max(0, s0 - 1))) + 1
    return next((e for e in reversed(ents) if prev <= e.start < s0 and e.label == "VEHICLE"), None)


# the words between an event noun and the vehicle its "of" phrase names: " yet of its enormous "
_OF_VEHICLE = re.compile(r"\s+(?:\w+\s+)?of\s+(?:(?:its|the|a|an|their|his|her)\s+)?(?:[\w-]+\s+){0,2}", re.IGNORECASE)


def build_event(pack: RulePack, topic: str, text: str, sentence: tuple[int, int], trigger: tuple[int, int],
                obj: tuple[int, int], ents: Sequence[Entity], title_end: int,
                when: TimeMention | None, from_object: bool = False, ref: date | None = None,
                today: date | None = None) -> dict[str, Any] | None:
    """The event of a hit, or None when its object is of a class this topic rejects (``ref``, the publication date, and
    ``today`` date the outcome words: an earlier flight's failure is not this one's)."""
    s0, s1 = sentence
    o0, o1 = obj
    obj_ents = [e for e in ents if o0 <= e.start < o1 or e.start <= o0 < e.end]
    # the class reads the whole trigger phrase: "launch ... model rockets", "rocket carrying a satellite"
    cls = object_class(pack, topic, text[min(o0, trigger[0]):max(o1, trigger[1])], obj_ents)
    spec = pack.events.get(topic)
    if spec and cls in spec.reject_classes:
        return None
    obj_ent = next((e for e in obj_ents if e.label == "VEHICLE"), None)
    vehicle = obj_ent or next((e for e in ents if trigger[0] <= e.start < trigger[1] and e.label == "VEHICLE"), None) \
        or next((e for e in reversed(ents) if s0 <= e.start < trigger[0] and e.label == "VEHICLE"), None) \
        or _named_before(text, sentence, trigger, ents)
    if spec and spec.reject_classes and cls == spec.default_class:
        # "SpaceX’s uncrewed Starship rocket exploded midair", "the boldest test flight yet of its enormous Starship
        # rocket": a bare "rocket" or "flight" is of the vehicle it names, before it or in its "of" phrase
        named = vehicle if vehicle is not None and vehicle.label == "VEHICLE" else next(
            (e for e in ents if trigger[1] <= e.start < s1 and e.label == "VEHICLE"
             and _OF_VEHICLE.fullmatch(text, trigger[1], e.start)), None)
        if named is not None and object_class(pack, topic, named.text, [named]) in spec.reject_classes:
            return None
    if cls is None:
        # "Failure of the first commercial flight of the Vega-C rocket": a flight is of no class; the sentence's
        # words and the vehicle it names say what flew ("a failed launch of what appears to be a mid-range Musudan
        # missile" is a missile's), with no vehicle named its words alone ("Virgin Orbit, that uses a modified Boeing
        # 747 to drop a rocket ... into orbit, suffered an anomaly during a launch Tuesday"; "a missile capable of
        # striking targets in South Korea detonated minutes after launch"), else a failure with no class would find no
        # launch to qualify
        named = vehicle or next((e for e in ents if s0 <= e.start < s1 and e.label == "VEHICLE"), None)
        cls = object_class(pack, topic, text[s0:s1], [named] if named is not None else [])
    actor = find_actor(pack, text, sentence, trigger, ents, title_end, from_object, vehicle,
                       object_first=o0 == trigger[0] and o1 < trigger[1], weapon=cls == "missile")
    site = next((e for e in ents if s0 <= e.start < s1 and e.label == "SITE"), None) or \
        next((e for e in ents if e.label == "SITE"), None)
    return {
        "type": (spec.type if spec and spec.type else topic),
        "actor": {"id": capital_countries().get(actor.id or "", actor.id), "text": actor.text} if actor else None,
        "object": {"id": obj_ent.id if obj_ent else None, "text": " ".join(text[o0:o1].split()), "class": cls},
        "site": {"id": site.id, "text": site.text} if site else None,
        "outcome": outcome_of(pack, text[s0:s1], text, spec.default_outcome if spec else "success", topic,
                              interceptor=_INTERCEPTOR.search(text, o0, o1) is not None, ref=ref, today=today),
        "when": when.when.isoformat() if when and when.when else None,
        "when_text": when.text if when else None,
    }
