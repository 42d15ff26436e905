"""What the carrier of a "carry" trigger does: a payload "carried" tells a satellite launch only when the thing that
carries it is launching.

A "carrying" participle hangs on a vehicle ("A Russian Soyuz rocket carrying a crew of three ... blasted off
Wednesday", "The Falcon 9 rocket blasted into space about 7:21 p.m., carrying a large commercial communications
satellite"); the clause's own verb tells what that vehicle did. The same participle under a capsule that landed or
returned ("A capsule carrying U.S., Russian and Italian astronauts from the International Space Station landed in
Kazakhstan on Thursday"), a rocket that was scheduled, delayed or rolled out ("The SpaceX Falcon 9 rocket had been
scheduled to launch at 3:46 p.m. ..., carrying a communications satellite known as SES-9 into orbit") tells no
launch. A missile's payload is a warhead or a dummy, no satellite ("the missile carried a dummy payload that reached a
test site in ... Kamchatka").

:func:`carrier_reading` gives the reading; pure functions over the text and offsets.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_CARRY_FORMS = frozenset({"carry", "carries", "carried", "carrying"})
#: the verbs whose trigger the carrier's verb reads (a rule with one of them asks :func:`carrier_reading`)
CARRIER_VERBS = frozenset({"carry", "send", "ferry", "loft"})
# their participles, which hang on a vehicle's verb: "The rocket is now scheduled to launch at 9:07 a.m., sending a
# global positioning system satellite into orbit" (c30) tells a launch still ahead
_PARTICIPLES = frozenset(f"{verb}ing" for verb in CARRIER_VERBS)

# an auxiliary and an adverb before a verb: "has blasted off", "had been scheduled", "successfully lifted off"
# an adverb inside a verb group: "successfully", "now", "still" ("is now scheduled to launch at 9:07 a.m.", c30)
_ADVERB = r"(?:(?:\w+ly|now|still|already|again|also|once\s+again)\s+)?"
_AUX = r"(?:(?:has|have|had|was|were|is|are)\s+(?:been\s+)?)?" + _ADVERB
# an arrival at the launch site is before the launch: "arrived at the launch pad", "arrives at the Cape"
_AT_THE_PAD = r"\s+(?:\w+\s+){0,4}?(?:launch|pads?|cosmodrome|spaceport|cape|hangar|factory)\b"
# the vehicle's own lift-off, or its flight's end soon after (a failure is an outcome of a launch; a docking or an
# arrival hours after it is the launch's news: "A Russian Soyuz spacecraft carrying three astronauts has successfully
# docked with the International Space Station following a launch ... six hours earlier")
_LAUNCHING = (r"lift(?:s|ed)?\s+off|blast(?:s|ed)?\s+(?:off|into)|t(?:ook|akes|aken)\s+off|launch(?:es|ed)|soar(?:s|ed)|"
              r"roar(?:s|ed)|thunder(?:s|ed)|streak(?:s|ed)|rocket(?:s|ed)|rose|rises|climb(?:s|ed)|flew|flies|"
              r"left\s+(?:the|its)\s+(?:launch\s*)?pad|leaves\s+(?:the|its)\s+(?:launch\s*)?pad|"
              r"head(?:s|ed)\s+(?:for|to|toward|towards|into)|reach(?:es|ed)\s+orbit|enter(?:s|ed)\s+orbit|"
              r"deliver(?:s|ed)|deploy(?:s|ed)|explod(?:es|ed)|blew\s+up|fail(?:s|ed)|crash(?:es|ed)|malfunction(?:s|ed)|"
              r"broke\s+(?:up|apart)|disintegrat(?:es|ed)|veer(?:s|ed)|deviat(?:es|ed)|went\s+out\s+of\s+control|[\"“']?lost|"
              r"destroyed|plung(?:es|ed)|fell|dock(?:s|ed)|arriv(?:es|ed)(?!" + _AT_THE_PAD + r")|made\s+(?:a|an|its)\s+(?:\w+\s+)?arrival|"
              r"lit\s+up|went\s+up")
# what a vehicle does on the ground or at its mission's end, and a launch still ahead: "landed", "returns to Earth",
# "undocked", "was transported by rail to its ... launch pad", "had been scheduled to launch", "was set to blast-off",
# "was delayed today", "SpaceX postponed a planned launch ... of a Falcon 9 rocket carrying ..."
_IDLE = (r"land(?:s|ed)?|touch(?:es|ed)?\s+down|splash(?:es|ed)?\s+down|return(?:s|ed)(?!\s+(?:\w+\s+)?to\s+flight)|"
         r"parachut(?:es|ed)|arriv(?:es|ed)|"
         r"descend(?:s|ed)|undock(?:s|ed)|depart(?:s|ed)|left\s+(?:its|the)\s+(?:docking|station|space\s+station)|"
         r"roll(?:s|ed)|transported|moved|st(?:ood|ands)|s(?:at|its)|await(?:s|ed)|wait(?:s|ed)|remain(?:s|ed)|"
         r"(?:is|are|was|were|be|been)\s+" + _ADVERB + r"(?:scheduled|set|slated|due|expected|poised|ready|planned|targeted|seen|"
         r"shown|pictured|displayed|parked|stacked|mounted|erected|fueled|fuelled)(?=\s+(?:to|for|on|at|in|as|by)\b)|"
         r"postponed|delayed|scrubbed|grounded|halted|cancell?ed|called\s+off|"
         r"to\s+have\s+\w+|(?:will|would|could|can|may|might|should|must|shall)\s+(?:\w+ly\s+)?(?:be\s+)?\w+")
_VERB_GROUP = re.compile(rf"(?<![\w-])(?:{_AUX}(?P<launching>{_LAUNCHING})|{_AUX}(?P<idle>{_IDLE}))(?![\w-])",
                         re.IGNORECASE)
# a launch verb still ahead: "is set to launch another Falcon 9 carrying ...", "was to launch"
_AHEAD_BEFORE = re.compile(r"\b(?:to|will|would|could|can|may|might|should|shall|must)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
# a relative pronoun or an infinitive opens a clause of the payload's own: "carrying a lander that will touch down on
# the Moon", "carrying a lander to land on the Moon"
_OWN_CLAUSE_BEFORE = re.compile(r"\b(?:(?:that|which|who)\s+(?:\w+\s+){0,2}|to\s+)$", re.IGNORECASE)
# a clause of its own after a comma, its subject a noun phrase: ", the first stage landed"
_NEW_SUBJECT_BEFORE = re.compile(r",\s*(?:the|its|a|an|their|his|her)\s+(?:[\w'’-]+\s+){0,3}$", re.IGNORECASE)
# the participle set off after its clause or its subject: ", carrying", "-- carrying", "— carrying"
_SET_OFF_BEFORE = re.compile(r"(?:,|--|[\u2013\u2014])\s*$")
# a comma or a dash: the end of an aside that opened on the participle, or of the stretch a verb governs
_COMMA_OR_DASH = re.compile(r",|--|[\u2013\u2014]")
# a preposition or an auxiliary before the -ing: a gerund ("after carrying an Argentinian satellite into space") or a
# progressive ("was carrying"), which the participle readings do not cover
_NOT_A_PARTICIPLE_BEFORE = re.compile(r"\b(?:after|before|while|since|of|for|by|from|in|on|without|is|are|was|were|be|been|"
                                      r"being)\s+$", re.IGNORECASE)
# a missile (or its warhead) as what carries: "the missile carried a dummy payload", "its warhead carried sensors"
_MISSILE_CARRIER = re.compile(r"\b(?:missiles?|icbms?|slbms?|irbms?|warheads?|interceptors?|re-?entry\s+vehicles?)"
                              r"(?:\s*,)?\s+(?:(?:which|that)\s+)?(?:(?:has|have|had|was|were|is|are)\s+)?(?:\w+ly\s+)?$",
                              re.IGNORECASE)
# a modal or "to have" before a finite "carried": what was to be carried
_CARRY_AHEAD = re.compile(r"\b(?:to\s+have|will|would|could|can|may|might|should|must|shall)\s+(?:have\s+)?(?:\w+ly\s+)?$",
                          re.IGNORECASE)
_SATELLITE_WORD = re.compile(r"\b(?:satellites?|spacecraft|probes?|capsules?|cubesats?|astronauts?|cosmonauts?|starlink)\b",
                             re.IGNORECASE)
# a subordinate clause opening between a verb and a later noun phrase: the noun phrase is that clause's subject
_SUBORDINATOR = re.compile(r"\b(?:as|when|since|after|before|while|because|that|which|who|if|until|once|where)\b",
                           re.IGNORECASE)
_CLAUSE_STOP = re.compile(r"[;:]\s")


@dataclass(frozen=True, slots=True)
class CarrierReading:
    """What the carrier does: ``launching`` (lifts off, fails, docks), ``idle`` (lands, waits, is scheduled), or
    ``missile`` (a missile's payload); ``at:end`` is the verb that tells it (-1 for a missile)."""
    kind: str
    at: int
    end: int = -1


def carrier_reading(text: str, s0: int, s1: int, vs: int, ve: int, payload: str = "") -> CarrierReading | None:
    """The reading of the "carry" trigger at ``vs:ve`` in the sentence ``s0:s1`` with its ``payload`` (the object's
    words), or None when it is no carry verb or no verb tells what its carrier does (the trigger is then read as
    before)."""
    word = text[vs:ve].strip().lower()
    if word not in _CARRY_FORMS and word not in _PARTICIPLES:
        return None
    start = _clause_start(text, s0, vs)
    if _MISSILE_CARRIER.search(text, max(start, vs - 60), vs) and not _SATELLITE_WORD.search(payload):
        return CarrierReading("missile", -1)  # (a "ballistic missile carrying reconnaissance satellites", as Japan
        # first tells a North Korean satellite launch, is that launch)
    if word not in _PARTICIPLES:
        # the carry itself still ahead: "The rocket was to have carried two telecommunications satellites"
        ahead = _CARRY_AHEAD.search(text, max(start, vs - 30), vs)
        return CarrierReading("idle", ahead.start()) if ahead else None
    if _NOT_A_PARTICIPLE_BEFORE.search(text, max(s0, vs - 12), vs):
        return None
    if not text[start:vs].strip(" \t\n\"“‘'"):
        # the participle opens its sentence: the subject after its comma is its own ("Carrying the television
        # broadcast satellite, the Falcon 9 rocket will launch at the opening of the window", c30)
        end = _COMMA_OR_DASH.search(text, ve, s1)
        return _first_verb_group(text, end.end() if end else ve, s1, own_subject=True)
    if _SET_OFF_BEFORE.search(text, start, vs):
        before = _last_verb_group(text, start, vs)
        if before is not None:
            return before  # "The Falcon 9 rocket blasted into space about 7:21 p.m., carrying ..."
        # the participle opens an aside after its subject: "The rocket, carrying a US astronaut and two Russian
        # cosmonauts, blasted off": the main verb follows the aside
        end = _COMMA_OR_DASH.search(text, ve, s1)
        return _first_verb_group(text, end.end() if end else ve, s1)
    # the verb its noun phrase is the object of, in the same stretch and no subordinate clause between ("SpaceX
    # postponed a planned launch ... of a Falcon 9 rocket carrying ...", "Japan launched an H2A rocket carrying ...",
    # "Russian rocket blasts off carrying three astronauts"); else the noun phrase is the subject of the verb after it
    # ("A Russian Soyuz rocket carrying a crew of three ... blasted off", "Spectators cheered as a rocket carrying two
    # experimental satellites blasted off")
    stretch = max([start, *(m.end() for m in _COMMA_OR_DASH.finditer(text, start, vs))])
    governing = _last_verb_group(text, stretch, vs)
    if governing is not None and not _SUBORDINATOR.search(text, governing.end, vs):
        return governing
    return _first_verb_group(text, ve, s1) or governing


def _clause_start(text: str, s0: int, vs: int) -> int:
    """Where the clause of the trigger at ``vs`` starts: after the last semicolon or colon before it that is in no
    bracket ("... at 9:50 p.m. EDT (10:50 p.m. local time in Kourou; 0150 GMT on Sept. 5), carrying ...")."""
    stops = [m for m in _CLAUSE_STOP.finditer(text, s0, vs) if text.count("(", m.end(), vs) >= text.count(")", m.end(), vs)]
    return stops[-1].end() if stops else s0


def _reading(text: str, lo: int, m: re.Match[str]) -> CarrierReading:
    if m.group("launching") and _AHEAD_BEFORE.search(text, max(lo, m.start() - 30), m.start()):
        return CarrierReading("idle", m.start(), m.end())  # "is set to launch another Falcon 9 carrying ...": ahead
    return CarrierReading("launching" if m.group("launching") else "idle", m.start(), m.end())


def _first_verb_group(text: str, lo: int, hi: int, own_subject: bool = False) -> CarrierReading | None:
    """The first verb group after ``lo`` that is no verb of a clause of the payload's own (``own_subject``: the noun
    phrase at ``lo`` is the carrier, no other subject)."""
    for m in _VERB_GROUP.finditer(text, lo, hi):
        if _OWN_CLAUSE_BEFORE.search(text, max(lo, m.start() - 30), m.start()):
            continue
        if not own_subject and _NEW_SUBJECT_BEFORE.search(text, max(lo, m.start() - 40), m.start()):
            return None  # "carrying 22 Starlink satellites, the first stage landed on the drone ship": another subject's
        return _reading(text, lo, m)
    return None


def _last_verb_group(text: str, lo: int, hi: int) -> CarrierReading | None:
    """The verb group nearest before ``hi``."""
    found = list(_VERB_GROUP.finditer(text, lo, hi))
    return _reading(text, lo, found[-1]) if found else None


def simple_present(text: str, at: int) -> bool:
    """Is the verb at ``at`` in the simple present, no auxiliary ("lifts off", "blasts off")? In body text with no time
    it is a photo caption's, often of a launch long past ("The Saturn V rocket carrying the Apollo 11 crew lifts off
    from Kennedy Space Center in Florida")."""
    return _SIMPLE_PRESENT.match(text, at) is not None


_SIMPLE_PRESENT = re.compile(r"(?:\w+ly\s+)?(?:lifts|blasts|takes|launches|soars|roars|thunders|streaks|rockets|rises|"
                             r"climbs|flies|leaves|heads|reaches|enters|delivers|deploys|explodes|fails|crashes|docks|"
                             r"arrives)\b", re.IGNORECASE)
