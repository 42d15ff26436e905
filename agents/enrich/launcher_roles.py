"""Who the article tells as the launcher, where the event's own sentence does not say: pure helpers for
:mod:`agents.enrich.events` (its step 3, the actor).

Two readings, each one regular-expression pass:

- :func:`described_bodies`: a body named again by a description ("the North", "the Guard's aerospace division",
  "the company's launchpad", "that country's launch") stands for the body the article named before it: the
  description becomes an entity with that body's id, at the description's place, so that the actor rules read it
  as they read a name (subject, possessor, reporter, target). Only descriptions whose body is known: a compass word
  that opens a country's name ("the North" after North Korea), the last words of a body's name ("the Guard" after
  the Revolutionary Guard, "the Air Force" after the US Air Force), a company, a group or a country by its class
  noun (the nearest firm, armed group or country before it).
- :func:`tells_it_launching`: does a name stand in the launcher's role in its own sentence: the subject of a launch
  or attack verb ("Iran has launched", "the Houthis fired"), the owner or the nationality of a launch or missile
  noun ("Pakistan's first such test", "North Korea's missile launches", "a Ukrainian attack"), the claimant of the
  act ("Hezbollah claimed the rocket fire"), the agent of a passive launch ("fired by the Houthis") or the one judged
  for the act ("Russia Slams India for Nuclear Tests", "accused Iran of launching"). A body named in no such role (a
  reporter, a target, a bystander: "a British oil tanker", "Australian homes") never launched.
- :func:`judges_another`: does a name judge another's act ("Russia Slams India for Nuclear Tests", "The United States has
  condemned North Korea for its Friday test"): the subject of a verb of judging whose object is the doer;
  :func:`judges_the_act`: a name whose judging verb takes the launch itself ("Japan, South Korea condemn missile
  launch").

The order of evidence for the actor stays the event module's: the trigger's own sentence first; these readings
only choose among the article's names when that sentence names none.
"""

from __future__ import annotations

import bisect
import re
from typing import Collection, Sequence

from streams.core.records import Entity, new_entity

# "the North", "the Guard", "the Air Force", "that country", "the company's": a definite description of a body
# (a group's noun may take its lower-case words: "CENTCOM said the militant group had fired two anti-ship ballistic
# missiles" (c26), "the Iran-backed group", "the rebel movement"; not another group: "a rival group", "the other group")
_DESCRIPTION = re.compile(r"\b(?:[Tt]he|[Tt]hat|[Tt]his)\s+(?:(?:(?!(?:other|rival|opposing|another|different|splinter|"
                          r"same|first|second|new)\b)(?:[a-z]+|[A-Z][a-z]+)(?:-[a-z]+)*\s+){1,2}?"
                          r"(?=(?:group|militia|movement|rebels|militants)\b))?(?P<head>(?:[A-Z][a-z]+\s+)?[A-Z][a-z]+|company|firm|startup|"
                          r"start-up|group|militia|movement|rebels|militants|country|nation)\b(?![\s-]+[A-Z])")
# a body's last word after its country: "Iran Guard launches missiles into Syria", "Iran's Guard Holds Ballistic Missile
# Drill" (a headline's short name for the Revolutionary Guard)
_HEAD_AFTER_COUNTRY = re.compile(r"(?:['’]s)?\s+(?P<head>[A-Z][a-z]+)\b(?![\s-]+[A-Z][a-z])")
_COMPASS = frozenset({"North", "South"})
_FIRM_NOUNS = frozenset({"company", "firm", "startup", "start-up"})
_GROUP_NOUNS = frozenset({"group", "militia", "movement", "rebels", "militants"})
_COUNTRY_NOUNS = frozenset({"country", "nation"})  # the heads _DESCRIPTION reads (lower case)


def _plain(word: str) -> str:
    """A head word as compared with a name's last word: lower case, no plural s ("Guards" = "Guard")."""
    w = word.lower()
    return w[:-1] if w.endswith("s") and not w.endswith("ss") else w


def _antecedent(head: str, before: Sequence[Entity], firms: Collection[str], groups: Collection[str]) -> Entity | None:
    """The body a description's head refers back to: the nearest name before it that the head fits."""
    words = [_plain(w) for w in head.split()]
    for e in reversed(before):
        if not e.id:
            continue
        if head in _COMPASS:
            if e.label == "COUNTRY" and e.text.split()[0] == head:
                return e
        elif head in _FIRM_NOUNS:
            if e.id in firms:
                return e
        elif head in _GROUP_NOUNS:
            if e.id in groups:
                return e
        elif head in _COUNTRY_NOUNS:
            if e.label == "COUNTRY":
                return e
        elif e.label in ("ORG", "AGENCY") and _plain(e.text.rsplit(None, 1)[-1]) == words[-1]:
            name = [_plain(w) for w in e.text.split()]
            if len(name) > len(words) and name[-len(words):] == words:  # "Air Force" ends "US Air Force"
                return e
    return None


def described_bodies(text: str, ents: Sequence[Entity], firms: Collection[str], groups: Collection[str],
                     title_end: int = 0, within: Sequence[tuple[int, int]] = ()) -> list[Entity]:
    """An entity for each description of a body named before it (``firms``: ids of launch companies; ``groups``: ids
    of armed groups), with that body's id and label, where no entity lies; sorted with ``ents`` by the caller. A
    headline (up to ``title_end``) may name a body short before its article names it in full. ``within``: the spans
    to read (all the text by default)."""
    within = within or ((0, len(text)),)
    starts = [e.start for e in ents]  # ents come in text order
    spans = []
    for lo, hi in within:
        spans += [(m.start(), m.end(), m.group("head")) for m in _DESCRIPTION.finditer(text, lo, hi)]
        for e in ents[bisect.bisect_left(starts, lo):bisect.bisect_left(starts, hi)]:
            if e.label == "COUNTRY" and e.end > e.start:
                m = _HEAD_AFTER_COUNTRY.match(text, e.end)
                if m is not None and m.group("head") not in _COMPASS:
                    spans.append((e.start, m.end(), m.group("head")))
            elif not e.id and e.label in ("ORG", "AGENCY") and " " in e.text and e.text.rsplit(None, 1)[-1].istitle():
                # a body the rule tier found by its head word, with no id ("Iran Guard"): its last word, as a description's
                spans.append((e.start, e.end, e.text.rsplit(None, 1)[-1]))
    if not spans:
        return []
    found: list[Entity] = []
    for start, end, head in sorted(set(spans)):
        k = bisect.bisect_left(starts, start)
        if any(e.id and e.start < end and max(start, end - len(head)) < e.end for e in ents[max(0, k - 3):k + 4]):
            continue  # "the Houthis", "the Pentagon": a name already
        body = _antecedent(head, ents[:k], firms, groups)
        if body is None and start < title_end:
            body = _antecedent(head, ents[bisect.bisect_left(starts, title_end):][::-1], firms, groups)
        if body is not None:
            found.append(new_entity(text[start:end], body.label, body.id, start, end, "coreference"))
    return found


# the verbs by which one body judges, rewards or punishes another for an act, as stems ("condemn" reads "condemned",
# "condemning", "condemns"): the whole class of "VERB X for/of/over the act", where X did it and the subject only
# reacts ("Russia joined the world Tuesday in condemning its longtime ally India for conducting three underground
# nuclear weapons tests", "The UK, along with France, Germany and the US have criticised Iran for its recent missiles
# tests", "Turkey condemns North Korea over ballistic missile test", "accused Iran of defying ... by launching")
_JUDGING_VERB = (r"(?:condemn|denounc|slam|critici[sz]|censur|rebuk|reprimand|reproach|chastis|chastiz|castigat|"
                 r"lambast|scold|berat|excoriat|assail|blam|accus|punish|penali[sz]|sanction|prais|congratulat|"
                 r"commend|applaud|hail|thank|warn|chid)\w*")
# a launch or attack verb after its subject, a few words on ("Iran has launched", "The Houthis, who control ..., have
# fired"), not a defence's ("shot down", "intercepted") nor a fire that was caught ("an oil tanker that caught fire")
_SUBJECT_OF_LAUNCH = re.compile(r"(?:['’]s)?(?:,\s*(?:who|which)\b[^,.;]{0,80},)?\s+"
                                r"(?:(?!" + _JUDGING_VERB + r"\b|(?:shot|shoots?|down|downed|intercept\w*|destroy\w*|said|says|say|told|tells|"
                                r"reported|reports|announced|announces|confirmed|confirms|believes?|warned|warns|"
                                r"claimed|claims|denied|denies|detected|detects)\b)[\w-]+\s+){0,4}?"
                                # (a passive's verb has its object before it, never this name: "the capital Riyadh
                                # after it was launched from Yemen")
                                r"(?<!caught )(?<!catch )(?<!catches )(?<!under )(?<!\ba )(?<!\bthe )(?<!\bwas )"
                                r"(?<!\bwere )(?<!\bbeen )(?<!\bbeing )(?<!\bis )(?<!\bare )(?<!\bbe )"
                                r"(?:launch(?:es|ed)?|fire[sd]?|test-fired|test-fires|test-launched|detonated|conducted|"
                                r"carried out|strikes|struck|targets|targeted|to attack|attacked|attacks|pounded|"
                                r"bombarded)\b"
                                # air strikes and raids are no launch of what flew ("The U.S. and Britain have launched
                                # strikes on Houthi targets")
                                r"(?!\s+(?:(?:new|fresh|more|several|dozens of|retaliatory)\s+)?(?:air\s*strikes|strikes|"
                                r"air\s*raids|raids)\b)", re.IGNORECASE)
# the claimant of the act: "Hezbollah claimed the rocket fire", "the Houthis claimed responsibility"
# (or its own launch: "North Korea has claimed its first deployment of a spy satellite into orbit")
_CLAIMANT_OF_LAUNCH = re.compile(r"(?:['’]s)?\s+(?:[\w-]+\s+){0,3}?(?:claims|claimed|claiming|took|takes)\s+"
                                 r"(?:responsibility\b|(?:the|a|an|its|their)\s+(?:[\w-]+\s+){0,2}?(?:attacks?|strikes?|"
                                 r"launch|launches|tests?|deployment|rocket fire|barrage|salvo)\b)", re.IGNORECASE)
# a report of its own launch: "The Chinese Foreign Ministry confirmed in a statement that it conducted a nuclear test",
# "North Korea said it fired", or of its own strike: "Ukraine's military said late on Tuesday that it struck a chemical
# plant in southern Russia's Bryansk region" (c26)
_REPORTS_OWN_LAUNCH = re.compile(r"(?:['’]s)?\s+(?:[\w-]+\s+){0,3}?(?:said|says|announced|announces|confirmed|confirms|"
                                 r"reported|reports|claimed|claims)\s+(?:[\w-]+\s+){0,4}?(?:that\s+)?(?:it|they)\s+(?:(?:had|has|have|"
                                 r"successfully|also|just)\s+){0,2}(?:launched|fired|test-fired|conducted|carried out|"
                                 r"detonated|tested|struck|attacked|targeted)\b", re.IGNORECASE)
# the owner or the nationality of a launch, a missile or an attack: "Pakistan's first such test", "North Korea's
# recent series of missile launches", "a Ukrainian attack", "Houthi missiles" (not an interceptor's: "Israeli
# interceptor missiles")
# (the words between are its modifiers, never a clause of its own: "the European Space Agency that organized the launch",
# "Saudi Arabia intercepts a missile")
_OWNER_OF_LAUNCH = re.compile(r"(?:['’´]s)?\s+(?:(?!" + _JUDGING_VERB + r"\b|(?:interceptors?|defen[cs]es?|anti-\S*|that|which|who|whose|to|the|a|an|"
                              r"in|on|at|for|from|with|and|or|but|was|were|is|are|be|been|has|have|had|it|its|their|"
                              r"said|says|say|intercept\w*|shoots?|shot|down|downs|downed|destroy\w*|repel\w*|"
                              r"track\w*|detect\w*|spott\w*|\w+ed)\b)[\w-]+\s+|series\s+of\s+){0,3}?"
                              r"(?:launch|launches|test|tests|test-firing|missiles?|rockets?|attacks?|barrages?|salvos?|"
                              r"rocket fire|projectiles?)\b(?!\s+(?:defen[cs]es?|shield|systems?|interceptors?|technology|"
                              r"programs?|programmes?|tracking|sites?|bases?|launchers?|pads?|facility|facilities|complex|"
                              r"contracts?|sales?|production|factory|factories|makers?|forces|units?|battery|batteries)\b)",
                              re.IGNORECASE)
# the agent of a passive launch: "fired by the Houthis", "launched by Yemen's Houthi rebels"
# (not another participle's: "a drone launched from areas controlled by the Houthi group"; not an interceptor: "shot down
# by Israel's Iron Dome")
_AGENT_OF_LAUNCH = re.compile(r"\b(?:launched|fired|shot(?!\s+down)|test-fired)\s+(?:(?!\w+ed\b|down\b)[\w-]+\s+){0,3}?by\s+(?:the\s+)?"
                              r"(?:[\w-]+\s+){0,2}$", re.IGNORECASE)


# the judging verb and the words up to the judged name: the subject's own words first, a few at most ("joined the
# world Tuesday in condemning"), then the name's determiners and apposed nouns ("its longtime ally India")
_JUDGES_NEXT = re.compile(rf"(?:['’]s)?,?\s+(?:[\w,'’-]+\s+){{0,6}}?{_JUDGING_VERB}\s+"
                          r"(?:(?:its|their|his|her|the)\s+)?(?:[\w'’-]+\s+){0,2}?", re.IGNORECASE)
# what the judged is judged for: an act, named by a launch or test noun or a gerund ("for Nuclear Tests", "for its
# Friday test of a long-range ballistic missile", "for conducting", "of launching", "over its missile test")
_FOR_THE_ACT = re.compile(r"(?:['’]s)?\s+(?:for|of|over)\s+(?:(?:its|their|the|a|an|this|that|what)\s+)?"
                          r"(?:[\w'’-]+\s+){0,4}?(?:launch\w*|tests?|testing|test-\w+|missiles?|rockets?|firing|fired|"
                          r"detonat\w*|explosions?|blasts?|conducting|carrying out|attacks?|attacking|strikes?|barrages?|"
                          r"salvos?)\b", re.IGNORECASE)
_JUDGE_BEFORE = re.compile(rf"{_JUDGING_VERB}\s+(?:(?:its|their|his|her|the)\s+)?(?:[\w'’-]+\s+){{0,2}}?$", re.IGNORECASE)


# a nation named as a weapon's maker, not its user: "in an attack that included Franco-British Storm Shadow air-launched
# missiles" (c26, Ukraine's strike), "US-made ATACMS", "German-supplied IRIS-T", "British-built Storm Shadow": the
# second part of a hyphened pair of nations, or a nation hyphened to a verb of making or giving
_MAKER_AFTER = re.compile(r"-(?:made|built|supplied|produced|designed|manufactured|provided|donated|developed|delivered|"
                          r"gifted|origin)\b", re.IGNORECASE)
_PAIRED_BEFORE = re.compile(r"\b[A-Z][a-z]+-$")


def names_the_maker(text: str, e: Entity) -> bool:
    """Does ``e`` (a nation's name or adjective) name who made or gave a weapon ("Franco-British Storm Shadow",
    "US-made ATACMS"), not who fired it?"""
    return _MAKER_AFTER.match(text, e.end) is not None or (
        e.start > 0 and text[e.start - 1] == "-" and _PAIRED_BEFORE.search(text, max(0, e.start - 16), e.start) is not None)


def tells_it_launching(text: str, e: Entity) -> bool:
    """Does ``e`` stand in the launcher's role in its own sentence (see the module docstring)? Not as a weapon's maker
    (:func:`names_the_maker`)."""
    if names_the_maker(text, e):
        return False
    if any(p.match(text, e.end) for p in (_SUBJECT_OF_LAUNCH, _OWNER_OF_LAUNCH, _CLAIMANT_OF_LAUNCH, _REPORTS_OWN_LAUNCH)):
        return True
    return _AGENT_OF_LAUNCH.search(text, max(0, e.start - 60), e.start) is not None or _judged_for_act(text, e)


def _judged_for_act(text: str, e: Entity) -> bool:
    """Is ``e`` the object of a judging verb, judged for an act ("condemning its longtime ally India for conducting")?"""
    return _FOR_THE_ACT.match(text, e.end) is not None and _JUDGE_BEFORE.search(text, max(0, e.start - 60), e.start) is not None


# (a look-behind, not "\b": re then skips to the stems' first letters, ~1.4x faster over a whole article)
_ANY_JUDGING = re.compile(rf"(?<!\w){_JUDGING_VERB}", re.IGNORECASE)
#: how far a judge's name may stand before the name it judges (the few words of _JUDGES_NEXT)
_JUDGE_REACH = 120


def judges_another(text: str, e: Entity, ents: Sequence[Entity]) -> bool:
    """Does ``e`` judge a later one of ``ents`` (in text order) for an act ("Russia Slams India for Nuclear Tests", "The
    United States has condemned North Korea for its Friday test"): the subject of a judging verb whose object is judged
    for the act, who only reacts to it? Most names have no judging verb close after them: one short search, then nothing."""
    if _ANY_JUDGING.search(text, e.end, e.end + _JUDGE_REACH) is None:
        return False
    for nxt in ents:
        if nxt.start <= e.end:
            continue
        if nxt.start - e.end > _JUDGE_REACH:
            return False
        if _JUDGES_NEXT.fullmatch(text, e.end, nxt.start):
            return _FOR_THE_ACT.match(text, nxt.end) is not None
    return False


# a judging verb whose object is the act itself, up to the trigger: "condemn missile launch", "strongly condemned the
# latest"
_JUDGES_THE_ACT = re.compile(rf"(?<!\w){_JUDGING_VERB}\s+(?:[\w'’-]+\s+){{0,3}}$", re.IGNORECASE)


def judges_the_act(text: str, end: int, trigger_start: int) -> bool:
    """Does the name ending at ``end`` judge the act whose trigger starts at ``trigger_start`` ("Japan, South Korea
    condemn missile launch")? The judge only reacts; the doer is named elsewhere, or not at all."""
    return trigger_start - end < _JUDGE_REACH and _JUDGES_THE_ACT.search(text, end, trigger_start) is not None
