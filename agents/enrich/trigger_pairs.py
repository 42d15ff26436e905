"""The candidates of one sentence (step 3 of :mod:`agents.enrich.rules`): each phrase, and each trigger verb paired
with an object word or object entity within the rule's window.

:func:`pair_candidates` returns them as (span start, span end, verb start, object start, object end). For each verb,
in this order: the verb itself (an order, another verb's -ing, a place's name), then each object: its order and the
words at the verb (:func:`_not_its_object`), another clause, verb or noun that takes it
(:func:`_object_of_another_clause`), and the window (:func:`_within_window`).
"""
from __future__ import annotations

import re
from typing import Sequence

from agents.enrich.asides import without_clause_asides, without_comma_asides
from agents.enrich.trigger_phrase import apposed_object, distance, names_a_place, opens_sentence
from agents.enrich.rulepack import RulePack, _Rule
from streams.core.records import Entity
from agents.enrich.article_view import ArticleView, FoundWord, words_of
from agents.enrich.clauses import CLAUSE_BREAK


_PASSIVE_END = re.compile(r" (?:was|were|has been|have been|had been|is|are) (?:\w+ly )?$")
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


# a pronoun standing for what was intercepted ("most of which were intercepted", "all of them were shot down")
_PRONOUNS = frozenset({"which", "that", "them", "it", "those"})


def _pronoun(doc: ArticleView, o: FoundWord) -> bool:
    """Is the object a pronoun (its last word)? A pronoun before an active verb with an object of its own is that
    verb's subject whatever it stands for: "The resulting pressure wave then hit the rocket's second stage, which
    destroyed the nozzle extension on its single Lightning engine" (a failure inquiry's physics, no interception)."""
    words = doc.lower[o.start:o.end].split()
    return bool(words) and words[-1] in _PRONOUNS


def _object_is_subject(doc: ArticleView, o: FoundWord, v: FoundWord) -> bool:
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


def _launch_waited_for(doc: ArticleView, s0: int, o: FoundWord, v: FoundWord) -> bool:
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


def pair_candidates(doc: ArticleView, pack: RulePack, rule: _Rule, s0: int, s1: int, ents: list[Entity],
                    hits: list[FoundWord]) -> list[tuple[int, int, int, int, int]]:
    """The sentence's candidates (step 3 of :mod:`agents.enrich.rules`): each phrase, and each verb paired with an
    object word or object entity within the rule's window, as (span start, span end, verb start, object start, object
    end), a phrase being its own verb and object."""
    spec = rule.spec
    phrases = [h for h in hits if h.kind == "phrase"]
    verbs = [h for h in hits if h.kind == "verb"]
    if not phrases and not verbs:
        return []
    objects = [h for h in hits if h.kind == "object"]
    if verbs and spec.object_entities:
        objects += [FoundWord(e.start, e.end, "object") for e in ents if rule.objects.entity(e)]
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
    return _nearest_verb_takes_the_object(candidates, {v.start: v.end for v in verbs})


def _nearest_verb_takes_the_object(candidates: list[tuple[int, int, int, int, int]],
                                   verb_ends: dict[int, int]) -> list[tuple[int, int, int, int, int]]:
    """Of two verbs before one object, the nearer one governs it: "faced a major test on Friday night as Iran fired
    ballistic missiles" (c29) is Iran's firing, not the test's (whose subject would be taken for the actor). A verb
    inside another's words ("test" of "flight test") is the same verb, no nearer one."""
    nearest: dict[int, int] = {}
    for start, _end, vs, o0, _o1 in candidates:
        if vs < o0 and start == vs:
            nearest[o0] = max(nearest.get(o0, vs), vs)
    return [c for c in candidates
            if not (c[2] < c[3] and c[0] == c[2] and nearest.get(c[3], c[2]) >= verb_ends.get(c[2], c[2] + 1))]


_TAKE_BEFORE = re.compile(r"\b(?:take|takes|took|taking|taken)\s+$")
# a participle graded as an adjective: "the most launched rocket", "the third-most-frequently launched"
_GRADED_BEFORE = re.compile(r"\b(?:most|least|more|less)(?:[\s-]+\w+ly)?[\s-]+$")


def _verb_is_no_trigger(doc: ArticleView, verbs: Sequence[str], s0: int, v: FoundWord, word: str) -> str | None:
    """Whatever its object: an order or a dictionary's sense, an -ing of another verb, a place's name."""
    if _imperative(doc.text, verbs, s0, v.start, v.end):
        return "imperative"  # "2. Send a rocket, missile, etc. on its course; hurl forcefully.": a dictionary's sense, an order
    if word.endswith("ing") and _PROGRESSIVE_THEN_COMMA.search(doc.text, s0, v.start):
        return "another verb's -ing"  # "the New Glenn rocket is currently gliding through orbit, carrying ...": the -ing goes with that verb
    if word.endswith("ed") and _GRADED_BEFORE.search(doc.lower, max(s0, v.start - 30), v.start):
        return "adjective"  # "its Electron rocket was the third-most-frequently launched rocket in the world": a degree
    if word.startswith("plac") and _TAKE_BEFORE.search(doc.lower, max(s0, v.start - 12), v.start):
        return "take place"  # "The ceremony took place at the Space Mirror Memorial" (c30): an idiom, no placing
    if names_a_place(doc.text, v.start, v.end):
        return "names a place"  # "at its Sohae satellite launching facility than a new ... satellite": a place, in either order
    return None


def _not_its_object(doc: ArticleView, rule: _Rule, s0: int, v: FoundWord, o: FoundWord, word: str, object_first: bool) -> str | None:
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


def _object_of_another_clause(doc: ArticleView, pack: RulePack, rule: _Rule, s0: int, s1: int, v: FoundWord, o: FoundWord, word: str,
                              object_first: bool, apposed: str | bool | None) -> str | None:
    """The object belongs to another clause, another verb or another noun, or the verb is a noun, the object its
    subject, or a participle whose clause tells no launch."""
    spec = rule.spec
    if not apposed and _noun_use(doc, v, s0) and CLAUSE_BREAK.search(doc.text, min(v.end, o.end), max(v.start, o.start)):
        return "a noun's clause"  # "at the time of the launch, forcing engineers working with rocket": a noun's object is in its clause
    if o.start < v.start and _NEW_CLAUSE.search(doc.text, o.end, v.start):
        return "new clause"  # "leases capacity on satellites, but is launching its own": the verb's subject is earlier
    if object_first and o.start < v.start and _OWN_VERB_THEN_COMMA.fullmatch(doc.text, o.end, v.start):
        return "object's own verb"  # "The second stage ... is currently gliding through orbit, carrying ...": the object has its own verb
    if object_first and o.start < v.start and _NEW_SUBJECT.fullmatch(doc.text, o.end, v.start):
        return "new subject"  # "Fires ignited ... by Hezbollah rockets, IDF strikes terrorist targets": the verb has its own subject
    if word in _LAUNCH_NOUNS and _launch_waited_for(doc, s0, o, v):
        return "launch waited for"  # "Satellite Arrives at Cape for Falcon 9 Launch": a launch it waits for, not its launch
    if (spec.actor_from_object or _pronoun(doc, o)) and o.start < v.start and _object_is_subject(doc, o, v) and (
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


def _within_window(doc: ArticleView, rule: _Rule, s0: int, v: FoundWord, o: FoundWord, apposed: str | bool | None) -> bool:
    """Are the verb and the object at most the rule's ``window`` words apart, asides and hedges not counted, with no
    ``not_between`` word between them?"""
    a, b = (v, o) if v.start < o.start else (o, v)
    gap = doc.lower[a.end:b.start]
    window = rule.spec.window
    raw = doc.text[a.end:b.start]
    if a is o:
        # "a medium-range ballistic missile (with a range of 5000 km or more) was launched": an aside
        raw = without_clause_asides(_BRACKET_ASIDE.sub(" ", raw))
    if a is o and _PASSIVE_END.search(gap) and not CLAUSE_BREAK.search(raw):
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
            raw = without_comma_asides(raw)  # "placed the IRNSS 1B, second of the seven planned satellites, in orbit"
    return not (distance(raw) > window or (
        rule.not_between_re and rule.not_between_re.search(f" {gap} ")))
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


_PURPOSE_END = re.compile(r" (?:to|will|would|could|can|may|might|should|shall|is due to|is set to) $")
_AUXILIARY_END = re.compile(r"\b(?:is|are|was|were|be|been|being)\s+$", re.IGNORECASE)


def _participle_main_verb(doc: ArticleView, rule: _Rule, v: FoundWord, s0: int, s1: int) -> bool:
    """Is the verb at ``v`` an -ing participle (no progressive "was carrying") whose clause
    goes on with one of the rule's ``participle_excludes`` verbs ("a Soyuz craft carrying two
    cosmonauts left its docking port")?"""
    if not doc.lower[v.start:v.end].rstrip().endswith("ing") or _AUXILIARY_END.search(doc.text[s0:v.start]):
        return False
    rest = _NOUN_ASIDE.sub(_unless_a_clause, doc.text[v.end:s1])
    m = CLAUSE_BREAK.search(rest)
    padded = f" {' '.join(words_of(rest[:m.start()] if m else rest))} "
    # "carrying a lander to land on the Moon", "... that will land": a purpose or a plan, not what it did
    if any(not _PURPOSE_END.search(padded[:x.start() + 1]) for x in rule.participle_excludes_re.finditer(padded)):
        return True
    if not _ASIDE_OPENED.search(doc.text, s0, v.start):
        return False
    # an aside that names the crew with commas of its own: the main verb opens a later comma's segment ("The return
    # capsule of the Shenzhou-21 spaceship, carrying the Shenzhou-20 astronauts Chen Dong, Chen Zhongrui and Wang Jie,
    # touched down at the Dongfeng landing site")
    for c in _ASIDE_COMMA.finditer(rest):
        head = f" {' '.join(words_of(rest[c.end():c.end() + 60]))} "
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


def _noun_use(doc: ArticleView, v: FoundWord, s0: int) -> bool:
    """Is the verb trigger at ``v`` a noun: its bare form after a determiner or a preposition ("the
    launch", "before blast-off"), not a participle ("after launched")?"""
    word = doc.lower[v.start:v.end].strip()
    return not word.endswith(("ed", "ing")) and bool(_DETERMINER_END.search(doc.text, max(s0, v.start - 8), v.start))


#: ``after`` cues that are no noun: "rockets at Israel", "shot down"
_PARTICLES = frozenset("at against back down up on in to from for with by of".split())


def _modifies_next_noun(doc: ArticleView, rule: _Rule, o1: int, upto: int) -> bool:
    """Is the object word before its verb the first part of a noun compound whose head is one
    of the rule's ``after`` nouns ("satellite imagery", "missile launchers fired")? The verb's
    subject is then the compound, not the object."""
    nxt = words_of(doc.text[o1:upto])[:1]
    return bool(nxt) and doc.text[o1:o1 + 1] == " " and nxt[0] in rule.after and nxt[0] not in _PARTICLES


_FINITE_NEXT = re.compile(r"\s+(?:[a-z]+ed|was|were|is|are|has|had|will|would|came|comes|went|goes|brought|took|made)\b")


def _noun_subject(doc: ArticleView, v: FoundWord) -> bool:
    """Is the verb trigger at ``v`` a bare noun followed by its own verb ("Launch provided only
    $6.6 million")? Then it is a subject, and the words after its verb are not its object."""
    word = doc.lower[v.start:v.end].strip()
    return " " not in word and not word.endswith(("ed", "ing", "s")) and bool(_FINITE_NEXT.match(doc.lower, v.end))