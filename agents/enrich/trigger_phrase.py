"""The shape of a trigger's phrase, read from the text alone (see agents/enrich/rules.py, steps 3
and 4; its asides are :mod:`agents.enrich.asides`): an object restated after a comma or a dash, a participle
opening its sentence, a trigger that is the first part of a place's name, and the distance in
words between a verb and its object.

Every function takes the article's text and offsets into it; none knows rules or entities.
"""

from __future__ import annotations

import re

from agents.enrich.text import boundary_text, lower_same_length

# an object restated after a comma or a dash: "the Abdali weapon system, a 450-kilometre-range
# surface-to-surface missile", "another nuclear-capable weapon — the Burevestnik cruise missile"
_APPOSED = re.compile(r"(?P<head>[^,;:()\[\]\u2013\u2014]*?)(?:,|\s-|\s?[\u2013\u2014])\s*(?P<det>a|an|the)\s+"
                      r"(?P<rest>[^,;:()\[\]\u2013\u2014]*)")
_CAPITALISED = re.compile(r"\b[A-Z][\w'’-]*")
# what a launch rode on or came from, not what it launched: "The satellite was launched on a
# Chollima-1 rocket, a new type of projectile"
_CARRIER = re.compile(r"\s*(?:on|aboard|atop|by|from|with|in|into|to)\b", re.IGNORECASE)
# what may follow the restated object: the sentence or clause ends, or a phrase describes it
_APPOSED_END = re.compile(r"\s*(?:[,;:.()\u2013\u2014]|\s-\s|$|(?:with|having|that|which|capable|designed|known)\b)")
_SENTENCE_OPENING = re.compile(r"[\s\"'“‘(]*")
_HYPHENED = re.compile(r"(?<=\w)-(?=\w)")
#: heads of a noun compound that names a place by what is done there: "space launch facility"
_PLACE_HEADS = frozenset("facility facilities centre center centres centers base bases station stations".split())
#: the gerunds of launches and tests that name a place with the same heads, and with the heads the after cues
#: leave to a verb's object three words on ("its Sohae satellite launching facility", "a missile launching site",
#: "the nuclear testing ground"): a gerund is a modifier there, never the act
_PLACE_GERUNDS = frozenset("launching firing testing".split())
_GERUND_PLACE_HEADS = _PLACE_HEADS | frozenset("site sites pad pads complex complexes ground grounds range ranges "
                                                "area areas zone zones field fields platform platforms".split())


def apposed_object(text: str, v1: int, o0: int, o1: int, s1: int) -> str | None:
    """The words between a verb (ending at ``v1``) and its object (``o0:o1``) that count toward
    the window when the object restates a named thing after a comma or a dash: "a training
    launch of the Abdali weapon system, a ... missile" (a name, then its class) or "a test of
    another weapon — the Burevestnik cruise missile" (a class, then its name); the verb's own
    phrase up to the break. None when the object is no restatement."""
    m = _APPOSED.fullmatch(text, v1, o0)
    if m is None or not _APPOSED_END.match(text, o1, s1) or _CARRIER.match(m.group("head")):
        return None
    named = _CAPITALISED.search(m.group("head")) if m.group("det") in ("a", "an") else \
        _CAPITALISED.match(m.group("rest") or text[o0:o1])
    return m.group("head") if named else None


def opens_sentence(text: str, s0: int, v0: int, v1: int) -> bool:
    """Is the verb at ``v0:v1`` a past participle opening the sentence that starts at ``s0``
    ("Launched Friday from ..., the Progress cargo ship")? Its object is then the main
    clause's subject, after the comma."""
    word = text[v0:v1].split()
    return _SENTENCE_OPENING.fullmatch(text, s0, v0) is not None and bool(word) and word[0].lower().endswith("ed")


def names_a_place(text: str, v0: int, end: int) -> bool:
    """Is the trigger ending at ``end`` (a verb after its object, or a phrase; its last word
    starts at or after ``v0``) the bare first part of a compound naming a place ("the Russian
    space launch facility"), or its gerund ("its Sohae satellite launching facility")? The after
    cues read three words on ("launched a missile from the facility" is a launch); this is the
    word right after the trigger only."""
    word = text[v0:end].lower().split()[-1:]
    if not word or (word[0].endswith(("ed", "ing", "s")) and word[0] not in _PLACE_GERUNDS):
        return False
    nxt = lower_same_length(boundary_text(text[end:end + 20])).split()[:1]
    heads = _GERUND_PLACE_HEADS if word[0] in _PLACE_GERUNDS else _PLACE_HEADS
    return bool(nxt) and text[end:end + 1] == " " and nxt[0] in heads


# a bracketed insertion: an editor's word, a conversion ("test-fired today (the) nuclear-capable 1,500-kilometer
# (930-mile) range Hatf V missile")
_BRACKETED = re.compile(r"\([^()]{0,24}\)")


# a version of a thing is that thing: "a successful test flight of an enhanced range version of the
# \"indigenously developed\" Babur Cruise Missile 1B"; the words naming the version are no distance
_VERSION_OF = re.compile(r"\b(?:a|an|the|its|their|new|latest)\s+(?:[\w-]+\s+){0,3}?"
                         r"(?:version|versions|variant|variants|variation|derivative|iteration)\s+of\b", re.IGNORECASE)


def distance(raw: str) -> int:
    """Words between a verb and its object; a hyphened compound is one, a bracket or a dash alone none,
    nor a short bracketed insertion, nor the words naming a version of the object."""
    raw = _VERSION_OF.sub(" ", _BRACKETED.sub(" ", raw))
    return sum(1 for w in _HYPHENED.sub("", raw).split() if any(c.isalnum() for c in w))


# a relative clause opened before the trigger in its clause: "the capsule that launched", "the astronauts, who were
# launched", "the Demo-2 mission ended in which American astronauts were launched"; "that" after a verb of saying or
# knowing opens a reported clause, no relative one ("NASA said that it launched")
_RELATIVE_OPENING = re.compile(r"\b(?P<rel>(?:in|during|on|aboard|through|by)\s+which|that|which|who)\b"
                               r"(?P<rest>(?:\s+[\w'’.-]+){0,6}?)\s*$", re.IGNORECASE)
_SAYING_BEFORE = re.compile(r"\b(?:said|says|say|saying|told|reported|reports|announced|announces|confirmed|confirms|"
                            r"noted|notes|stated|states|added|adds|believe|believes|believed|know|knows|known|showed|"
                            r"shows|show|means|meant|so|such|now|clear|sure)\s+$", re.IGNORECASE)
# what a craft or its mission does at the end: the launch it was named by is older news ("The four astronauts, who
# were launched to the space station, splashed down off Florida"); a booster's "landed" is no end, it lands minutes
# after its launch
_MISSION_OVER = re.compile(r"\b(?:ended|ends|concluded|concludes|came to an end|comes to an end|wrapped up|wraps up|"
                           r"splashed down|splashes down|touched down|touches down|returned to earth|returns to earth|"
                           r"returned home|returns home|undocked|undocks|re-entered|reentered|re-enters|reenters)\b",
                           re.IGNORECASE)


def launch_of_ended_mission(text: str, s0: int, s1: int, t0: int, t1: int, when_at: int | None) -> bool:
    """Is the trigger at ``t0:t1`` inside a relative clause naming a craft, a crew or a mission whose own verb tells
    its end ("the Demo-2 mission ended in which American astronauts were launched", "The capsule that launched four
    astronauts ... splashed down off Florida on Tuesday")? Its launch is that mission's start, older than the news,
    unless a time inside the relative clause (at ``when_at``) dates it."""
    before = text[max(s0, t0 - 100):t0]
    rel = _RELATIVE_OPENING.search(before)
    if rel is None or (rel.group("rel").lower() == "that" and _SAYING_BEFORE.search(before, 0, rel.start())):
        return False
    rel_at = t0 - len(before) + rel.start()
    ended_before = _MISSION_OVER.search(text, s0, rel_at)
    ended_after = _MISSION_OVER.search(text, t1, s1)
    if ended_before is None and ended_after is None:
        return False
    clause_end = ended_after.start() if ended_after is not None else s1
    return when_at is None or not rel_at <= when_at < clause_end


# a gerund coordinated with an earlier one of its sentence: "previews the flight of Orbital Sciences Antares rocket
# launching from Wallops Island, Virginia, and sending the cargo-laden Cygnus"; the earlier gerund has three letters
# or more before its "-ing" ("bring", "thing" are no gerunds) and is none of the nouns and prepositions in -ing
_CONJUNCT_AND = re.compile(r",?\s+(?:and|or)\s+$", re.IGNORECASE)
_GERUND = re.compile(r"\b[a-z]{3,}ing\b")
_ING_NON_GERUNDS = frozenset("during morning mornings evening nothing something anything everything building ceiling "
                             "wedding meeting briefing according including".split())
#: how far back, in characters, the earlier conjunct may start: a verb phrase, not a paragraph
_CONJUNCT_REACH = 160


def coordinated_gerund(text: str, s0: int, v0: int) -> tuple[int, int] | None:
    """The earlier gerund that the gerund at ``v0`` is coordinated with ("launching ..., and sending"),
    within the sentence starting at ``s0`` and with no clause mark but commas between; None when the
    trigger is no second conjunct. The two share what governs the first: a preview, a plan, a doubt."""
    if not text[v0:v0 + 40].split(None, 1)[0].lower().endswith("ing"):
        return None
    conj = _CONJUNCT_AND.search(text, max(s0, v0 - 8), v0)
    if conj is None:
        return None
    lo = max(s0, conj.start() - _CONJUNCT_REACH)
    stretch = text[lo:conj.start()]
    stop = max(stretch.rfind(c) for c in ".;:()\u2013\u2014")
    earlier = [m for m in _GERUND.finditer(text.lower(), lo + stop + 1, conj.start()) if m.group() not in _ING_NON_GERUNDS]
    return earlier[-1].span() if earlier else None


# "before sending", "before deploying": a gerund after "before" tells what follows the main clause's event
_BEFORE_GERUND = re.compile(r"\bbefore\s+$", re.IGNORECASE)
# a main clause in the present progressive or the future: its event, and so what comes after it, is still ahead
# ("is taking one more day to check everything over before sending another commercial satellite to orbit")
_AHEAD_MAIN_CLAUSE = re.compile(r"\b(?:is|are|am)\s+(?:\w+ly\s+|now\s+|still\s+)?[a-z]{3,}ing\b|\b(?:will|shall)\b|\w'll\b",
                                re.IGNORECASE)


def after_a_clause_ahead(text: str, s0: int, v0: int) -> bool:
    """Is the gerund at ``v0`` governed by "before" in a sentence whose main clause is in the present progressive or
    the future ("is taking one more day ... before sending another commercial satellite to orbit")? What comes
    after an event still going on or still ahead has not happened. A past main clause ("fired its engines before
    sending the satellite on") keeps it a done act."""
    if not _BEFORE_GERUND.search(text, max(s0, v0 - 8), v0):
        return False
    if not text[v0:v0 + 40].split(None, 1)[0].lower().endswith("ing"):
        return False
    return _AHEAD_MAIN_CLAUSE.search(text, s0, v0) is not None
