"""Trigger words in another sense than a launch (issue 11: false missile alerts that recurred across check batches).

Two forms, each read from the sentence's grammar, not from the pages' words:

- ``use`` naming no firing. "use" is a firing verb only as a finite verb with its own subject and time ("Russia used
  hypersonic Kinzhal missiles in the strike on Tuesday", "Kinzhal missiles were used in the attack"). As a noun after a
  preposition it tells a purpose or a state ("uranium for use in nuclear missiles", "missiles for use on Navy
  cruisers", "the SM-2 air defense missile in use by the United States"); after a determiner it names a practice
  ("its use of missiles"), an event only with a time of its own; as an adjective ("the most widely used versions of
  the Standard Missile"), as a participle right after its noun (a reduced relative: "the primary air-to-air weapon
  used by the U.S. Air Force") or in the present or perfect passive ("is used by the French Navy", "has been used in
  combat") it describes a kind of weapon, not one firing.
- a team named after the weapon: a capitalised "Rocket"/"Rockets" after "the" in running text ("the Rockets hot
  outside shooting", "the Rockets shot 52 percent from the field") is a name, as lowercase "rockets" is the weapon;
  in headline capitals (where "The Rockets Fired at Israel" is the weapon) the sentence must hold a game's words.

Pure functions over the article text and offsets; :mod:`agents.enrich.rules` asks them per candidate trigger.
"""
from __future__ import annotations

import re

# the noun "use" after a preposition, with at most one lowercase modifier between ("for use", "in widespread use",
# "for potential use", "for the use"): a purpose or a state, never an act
_PREPOSITION_BEFORE = re.compile(r"\b(?:for|in|into|of|out of)\s+(?:[a-z][a-z-]*\s+)?$")
# the noun "use" after a determiner or a possessive: a practice ("the use of", "Russia's use of")
_DETERMINER_BEFORE = re.compile(r"(?:\b(?:the|its|their|his|her|our|whose|any|no|this|that)|['’]s)\s+$", re.IGNORECASE)
# the word before a participle "used", past adverbs in -ly ("widely used")
_WORD_BEFORE = re.compile(r"([\w'’-]+)[\s,]*(?:[a-z]+ly\s+)*$")
# a passive in the present or perfect describes what a weapon is for, what it has been through: no one firing
_DESCRIBING_AUXILIARIES = frozenset("is are am 's been be being".split())
# before "used" as an adjective ("the most widely used versions", "a commonly used missile")
_DEGREE_BEFORE = frozenset("the a an most more less least much".split())
# a past auxiliary tells one act ("were used in the attack"); a subject before "used" makes it finite
# ("the missiles they used")
_FINITE_BEFORE = frozenset("was were had did got they we he she it i you who which that".split())
_USE_FORMS = frozenset({"use", "used"})
_VERB_WORD = re.compile(r"[A-Za-z]+")


# what a weapon has been used for: "to launch devastating strikes", "to attack", "to carry out strikes"
_TO_AN_ATTACK = re.compile(r"(?:\s+[\w-]+){0,3}?\s+to\s+(?:launch|carry\s+out|conduct|stage|strike|attack|hit|target|bombard|pound|shell)\b",
                           re.IGNORECASE)


def use_names_no_firing(text: str, s0: int, vs: int, o1: int, dated: bool) -> bool:
    """Is the trigger verb at ``vs`` a form of "use" that names no firing: the noun after a preposition ("for use in
    nuclear missiles", "in use by the United States"), the noun after a determiner with no time ("its use of
    missiles"), the participle as an adjective ("the most widely used versions of the Standard Missile"), or, with no
    time and the missile named before it (``o1 <= vs``), a participle describing its noun ("weapon used by the U.S.
    Air Force", "is used by the French Navy")?"""
    word = _VERB_WORD.match(text, vs)
    if word is None or word.group().lower() not in _USE_FORMS:
        return False
    before = text[max(s0, vs - 60):vs]
    if word.group().lower() == "use":
        if _PREPOSITION_BEFORE.search(before):
            return True
        return not dated and _DETERMINER_BEFORE.search(before) is not None
    m = _WORD_BEFORE.search(before)
    if m is None:
        return False
    prev = m.group(1)
    if prev.lower() in _DEGREE_BEFORE:
        return True  # "the most widely used versions of the Standard Missile": an adjective, never an act
    if not dated and o1 > vs and prev.lower() in ("has", "have") and _TO_AN_ATTACK.match(text, o1):
        return True  # "Russia has used Kalibr cruise missiles to launch devastating strikes in Ukraine" (c31): a war's
        # habit, no one firing
    if dated or o1 > vs:
        return False
    if prev.lower() in _DESCRIBING_AUXILIARIES:
        return prev.lower() != "been" or re.search(r"\b(?:has|have)\s+been\s+$", before, re.IGNORECASE) is not None
    # a reduced relative follows its noun, lowercase: a capitalised word before "used" is its subject ("the missiles
    # Russia used")
    return prev.lower() not in _FINITE_BEFORE and prev[:1].islower()


# "the Rockets", "The Rocket" (a band), in running text: a capitalised name, not the weapon
_THE_BEFORE = re.compile(r"\bthe\s+$", re.IGNORECASE)
# a game's words: scores, shots and the league's terms (basketball, football, hockey, cricket, a video game's league)
_GAME_WORDS = re.compile(
    r"\b(?:NBA|WNBA|NHL|NFL|MLB|MLS|\d+ points|threes|three-pointers?|3-pointers?|3s|rebounds|assists|"
    r"(?:first|second|third|fourth) quarter|halftime|half-time|overtime|playoffs?|head coach|"
    r"from the field|from three-point range|beyond the arc|free throws?|tip-off|innings|wickets|"
    r"goalkeeper|\d+-\d+ (?:win|victory|loss|defeat)|win over|victory over|loss to|defeat to)\b")
_CAPITALISED_WORD = re.compile(r"\b[A-Z][\w'’-]*")
_WORD = re.compile(r"\b[A-Za-z][\w'’-]*")
# function words stay lowercase in headline capitals ("Rockets Fired at Israel from Lebanon")
_HEADLINE_SMALL_WORDS = frozenset("a an the and or but of at in on to for from by with as into over after".split())


def names_a_team(text: str, s0: int, s1: int, o0: int, o1: int) -> bool:
    """Is the object at ``o0:o1`` a capitalised "Rocket"/"Rockets" that names a team or a band: after "the" in a
    sentence of running text ("the Rockets hot outside shooting"), or, in headline capitals or opening its sentence,
    beside a game's words ("Rockets sink record 26 three-pointers")?"""
    word = text[o0:o1]
    if not word[:1].isupper() or not word.lower().startswith("rocket"):
        return False
    sentence = text[s0:s1]
    if not _headline_capitals(sentence) and _THE_BEFORE.search(text, max(s0, o0 - 8), o0):
        return True
    return _GAME_WORDS.search(sentence) is not None


def _headline_capitals(sentence: str) -> bool:
    """Is the sentence in headline capitals: most of its words, past the small function words, capitalised?"""
    words = [w for w in _WORD.findall(sentence) if w.lower() not in _HEADLINE_SMALL_WORDS]
    if len(words) < 2:
        return False
    return sum(w[:1].isupper() for w in words) / len(words) > 0.6
