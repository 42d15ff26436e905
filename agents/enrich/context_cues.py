"""Negative context (step 4 of :mod:`agents.enrich.rules`): does the sentence, or the trigger's context, rule out a
done act?

:func:`sentence_vetoed` reads the sentence (a question, a ``context.sentence`` phrase, the rule's
``sentence_excludes``); :func:`context_vetoed` reads the trigger's clause: the cues before it (a plan, a modal, a fear,
a denial, another party's claim), between an object and its later verb, between a verb and its later object, the
infinitive and a modal's scope (:mod:`agents.enrich.modal_scope`), then the cues after it.
"""
from __future__ import annotations

import re
from typing import Sequence

from agents.enrich.asides import outside_comma_asides
from agents.enrich.trigger_phrase import after_a_clause_ahead, coordinated_gerund
from agents.enrich.rulepack import RulePack, _Rule
from streams.core.records import Entity
from agents.enrich.article_view import ArticleView, words_of
from agents.enrich.clauses import CLAUSE_BREAK, NOUN_PHRASE_WORDS, NUMBER_GROUPS
from agents.enrich.modal_scope import infinitive, modal_before_to_ok, modal_scope, purpose_scope
from agents.enrich.name_spans import title_case_line


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
_RELATIVE_WORDS = frozenset({"which", "that", "who", "whose"})
_RELATIVE = re.compile(r" (?:which|that|who|whose|whom|where|and|but|as|while|after|before|when) ")
# an earlier event named in the trigger's clause: "the first crew since a previous mission ..."
_SINCE_EARLIER = re.compile(r" since (?:(?:a|an|the|its|their) )?(?:previous|last|earlier|prior) ")
# a participle aside right after a trigger: "the launch of its new Ares I-X rocket, scheduled for 8:00 a.m.
# EDT (12.00 GMT) in Florida, had been delayed": the trigger's clause goes on after it
# a bracketed abbreviation right after a name is that name again, no clause break: "Liftoff of the Atlas V carrying
# Tracking and Data Relay Satellite-M (TDRS-M) is slated for Friday"
# "and" between capitalised words is inside a name, no new clause: "Tracking and Data Relay Satellite-M"
_NAME_AND = re.compile(r"\b(?P<w>[A-Z][\w-]*) and (?=[A-Z])")
_BRACKETED_NAME = re.compile(r"\(\s*[A-Z][\w.&/-]*(?:\s[\w.&/-]+){0,2}\s*\)")
_PARTICIPLE_ASIDE = re.compile(r"\s*,\s*(?:originally\s+|initially\s+|previously\s+)?[a-z]+ed\b(?:[^,;:\n]|(?<=\d):(?=\d)){0,80},\s*")


# a question, also a headline one with the full stop that joins it to the body ("What is a Nuclear Weapons Test?.")
_QUESTION_END = re.compile(r"\?[\"'”’)]*\.?\s*$")


def sentence_vetoed(doc: ArticleView, pack: RulePack, rule: _Rule, sentence: str, padded: str) -> bool:
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
            text = f"{text[:a]}{_NAME}{text[b:]}"
    return [w for w in words_of(NUMBER_GROUPS.sub("", text)) if w != "s"]


#: event nouns whose "of" phrase holds a trigger's object: "the planned launch of a rocket carrying ..."
_HEAD_EVENT_NOUNS = frozenset("launch launches liftoff flight flights mission missions attempt".split())
#: ... and those whose "at" phrase does: "a third attempt at launching its own spy satellite"
_ATTEMPT_NOUNS = frozenset({"attempt", "attempts"})


def _noun_phrase_start(words: list[str], k: int, names: bool = False) -> int:
    """Where the noun phrase ending at ``words[k - 1]`` starts, past its determiners and ordinals, and with ``names``
    (the phrase's head is a noun) past the names and class nouns that premodify it ("Wednesday night's Falcon 9 rocket
    launch attempt")."""
    while k and (words[k - 1] in NOUN_PHRASE_WORDS or words[k - 1] in _TIME_PREMODIFIERS or words[k - 1].isdigit()
                 or names and (words[k - 1] == _NAME or words[k - 1] in _CLASS_PREMODIFIERS)):
        k -= 1
    return k


#: what :func:`_context_words` puts for a name
_NAME = "name"
#: class nouns that premodify an event noun or its object: "the Falcon 9 rocket launch attempt", "a Starlink satellite
#: launch", "the company's booster landing"
_CLASS_PREMODIFIERS = frozenset("rocket rockets booster boosters vehicle launcher carrier satellite satellites "
                                "mission missions".split())
#: a phrase opening with a verb form or a function word is no noun phrase: the name before it is its subject ("The next
#: crew of the international space station rocketed into orbit", "North Korea didn't ...", "... during launch")
_VERB_OR_FUNCTION_WORD = re.compile(r"(?:[\w-]+(?:ed|n['’]t)|did|not|never|could|can|unable|as|during|while|after|before|"
                                    r"since|when|until|seconds?|minutes?|hours?|days?)\b", re.IGNORECASE)
#: the first word of a trigger that is a noun used as the head of its phrase: "launch of Starlink", "liftoff of Falcon 9"
_NOUN_OF_AFTER = re.compile(r"[\w-]+\s+of\b", re.IGNORECASE)


#: a clock time or a day before an event noun is part of its noun phrase: "Friday's planned 12:17 p.m. launch of an
#: Atlas V rocket", "proceed toward a 5:44 p.m. Tuesday liftoff"
_TIME_PREMODIFIERS = frozenset("p m am pm edt est et edt cdt cst pdt pst mdt mst utc gmt bst ist jst hrs hours local "
                               "monday tuesday wednesday thursday friday saturday sunday morning afternoon evening night "
                               "tonight today tomorrow pre dawn predawn".split())


def context_vetoed(doc: ArticleView, pack: RulePack, rule: _Rule, s0: int, s1: int,
                   start: int, end: int, verb_start: int, ents: Sequence[Entity], governing_only: bool = False,
                   phrase: bool = False) -> bool:
    """Do the trigger's context cues rule out a done act? ``governing_only`` reads only what governs it, before it
    (for an earlier conjunct that a trigger shares its governor with: its own object and after-cues are not the
    trigger's); ``phrase``: the trigger is a rule's phrase, a noun phrase ("rocket launch", "launch attempt")."""
    before = doc.text[s0:start]
    if_at = _CONDITIONAL_OPENS.search(before)
    if if_at is not None and _MAIN_MODAL.search(doc.text, s0 + if_at.end(), s1):
        return True  # “If there is a strike by the Americans, then...the missiles will be downed and even the sources from
        # which the missiles were fired” (c31): all of a conditional sentence is hypothetical
    cut = list(CLAUSE_BREAK.finditer(before))
    if cut and cut[-1].group() == "," and _COORDINATE_MODIFIER.search(before, 0, cut[-1].start()) \
            and _MODIFIERS_ONLY.fullmatch(before, cut[-1].end()):
        cut = cut[:-1]  # "could be conducting secret, low-powered nuclear tests": a comma between two modifiers
    cut_at = cut[-1].end() if cut else 0
    if cut and cut[-1].group() == "," and not before[cut_at:].strip() and _ing_main_plan(doc, pack, before, cut, start, end):
        return True  # "is expected to lift off in the first quarter of this year, carrying a ... satellite"
    if verb_start == start and after_a_clause_ahead(doc.text, s0, start):
        return True  # "is taking one more day to check everything over before sending another satellite to orbit"
    first = coordinated_gerund(doc.text, s0, start) if verb_start == start else None
    if first is not None and context_vetoed(doc, pack, rule, s0, s1, first[0], first[1], first[0], ents,
                                            governing_only=True):
        return True  # "previews the flight of ... rocket launching from Wallops Island, Virginia, and sending ..."
    words = _context_words(before[cut_at:], s0 + cut_at, ents)
    # the window counts the clause's words, not the trigger's own determiners and ordinals:
    # "probably carried out its sixth nuclear test" keeps "probably" in reach; nor, where the trigger opens with a
    # noun (its object, or an event noun before "of"), the names and class nouns of that noun's phrase: "has pushed
    # back Wednesday night's Falcon 9 rocket launch attempt"
    noun_head = (phrase and _VERB_OR_FUNCTION_WORD.match(doc.text, start) is None) or verb_start > start \
        or _NOUN_OF_AFTER.match(doc.text, start, s1) is not None
    k = _noun_phrase_start(words, len(words), noun_head)
    head = next((j for j in range(k - 1, max(0, k - 6), -1)
                 if (words[j] == "of" and words[j - 1] in _HEAD_EVENT_NOUNS)
                 or (words[j] == "at" and words[j - 1] in _ATTEMPT_NOUNS)), None)
    if head is not None:
        # "delayed the planned launch of a Falcon 9 rocket carrying six satellites": the object is
        # the event noun's, and the cues before that noun are about it ("plans for a third attempt at launching
        # its own spy satellite")
        k = _noun_phrase_start(words, head - 1, True)
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
    clause = words_of(before[cut_at:])
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
        between = words_of(doc.text[start:verb_start])
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
        span = [w for a, b in outside_comma_asides(doc.text, start, end) for w in _context_words(doc.text[a:b], a, ents)]
        between = span[1:-1]
        exempt = _ADJECTIVE_CUES if span and span[-1] in _EVENT_NOUNS else _OBJECT_CUES
        # "fired what could be a ballistic missile": a modal in "what <modal> be" doubts the object too
        what_be = {w for a, w, b in zip(between, between[1:], between[2:]) if a == "what" and b == "be"} - {"will"}
        if any(w in pack.before_cues and w not in exempt and (w not in what_be or span[-1] in _EVENT_NOUNS)
               for w in between):
            return True
    # the whole clause, not the cue window: "scheduled to host an operational test launch" reaches back five words
    if infinitive(clause_words, pack.to_ok) or modal_before_to_ok(clause_words) or modal_scope(clause_words):
        return True
    if purpose_scope(clause_words):
        return True
    if governing_only:
        return False
    after = doc.text[end:s1]
    m = CLAUSE_BREAK.search(after)
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
            m3 = CLAUSE_BREAK.search(resumed)
            clause = f"{after} {resumed[:m3.start()] if m3 else resumed}"
        clause = _NAME_AND.sub(r"\g<w> ", clause)
        rest = f" {' '.join(words_of(clause))} "
        m2 = pack.clause_after_re.search(rest)
        # an event noun right before "and" is one of a coordinated subject, not a clause of its own: "Missile
        # interception and test firing will be included in the war games" (c30)
        opens = 4 if rest.startswith(" and ") and _subject_noun(doc.text, before[cut_at:], start, end) else 0
        if m2 and not _RELATIVE.search(rest, opens, m2.start() + 1):
            return True
    # the possessive "s" is no word here either: "test firing of LauncherOne's main stage"
    aw = [w for w in words_of(after) if w != "s"][:pack.after_window] if pack.after_window else []
    rel = next((i for i, w in enumerate(aw) if w in _RELATIVE_WORDS), None)
    aw = aw[:rel]  # "a missile that could reach the US": the cue is about the missile
    if s0 >= doc.title_end and not title_case_line(doc.text, start, end):
        # (a headline repeated in the body is no name: "Report: Israeli Airstrikes Destroy Missile Factory in Syria")
        named = _name_continues(doc.text, start, end, after) | _agent_name(after)
        aw = [w for w in aw if w not in named]
    # "lifted off as scheduled at 0559 hours": it went on time, the schedule was kept; "at" before
    # a clock time tells when it went, not what it was aimed at
    later = [w for w in words_of(after) if w != "s"][:pack.after_window + 1]
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


def _subject_noun(text: str, clause_before: str, start: int, end: int) -> bool:
    """Is the trigger at ``start:end`` an event noun opening its clause, its subject ("Missile interception and test
    firing will be included")?"""
    last = (words_of(text[start:end]) or [""])[-1]
    return (last in _EVENT_NOUNS or last in _HEAD_EVENT_NOUNS or last.endswith(("tion", "tions"))) \
        and all(w in _DETERMINERS for w in words_of(clause_before))


# a conditional opening its sentence or a quotation in it ("If there is a strike ...", ': “If ...'), and the modal of
# its main clause
_CONDITIONAL_OPENS = re.compile(r"(?:^|[:“\"]\s*)\W{0,3}If\s")
_MAIN_MODAL = re.compile(r"\b(?:will|would|shall|then)\b")


#: prepositions that name the trigger's event as what came before the sentence's own news
_FOLLOWING = frozenset("following after".split())
_DETERMINERS = frozenset("the a an its their this that".split())
#: "hit with (multiple international) sanctions": "hit" as a penalty, a few modifiers before the penalty's noun
_PENALTY_AFTER = re.compile(r"\s+with\s+(?:[\w'’-]+\s+){0,3}?(?:sanctions?|tariffs?|fines?|penalt(?:y|ies)|levies|"
                            r"duties|embargo(?:es)?|charges|lawsuits?)\b", re.IGNORECASE)
_HIT_END = re.compile(r"\bhit(?:s|ting)?$")


def _ing_main_plan(doc: ArticleView, pack: RulePack, before: str, cut: list[re.Match[str]], start: int, end: int) -> bool:
    """Is the trigger an -ing participle right after a comma whose main clause, before that comma, holds a
    ``context.clause_after`` cue ("The GSLV-Mark-III rocket ... is expected to lift off in the first quarter of
    this year, carrying a 4-tonne class communication satellite")? The participle shares its clause's plan."""
    if pack.clause_after_re is None or not doc.lower[start:end].split(None, 1)[0].endswith("ing"):
        return False
    main = _NAME_AND.sub(r"\g<w> ", before[(cut[-2].end() if len(cut) > 1 else 0):cut[-1].start()])
    padded = f" {' '.join(words_of(main))} "
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