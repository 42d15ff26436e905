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
   without one, the launch line of live coverage is of the page's own day ("Update: Liftoff of Falcon 9 at 12:30 a.m.
   EDT!", :mod:`agents.enrich.live_lines`; a schedule's line, "00:00:00: Falcon 9 liftoff", is none), a body sentence
   carries on the time of the two before it, a body verb in the
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
   when its clause goes on with one of the rule's ``participle_excludes`` ("... has landed"); more generally a "carry"
   trigger is a launch only when its carrier is launching (:mod:`agents.enrich.carrier_verb`): the verb its noun phrase
   is the object of, or else the one it is the subject of, or the clause the participle is set off from, is no landing,
   return, schedule, delay or rollout ("A capsule carrying U.S., Russian and Italian astronauts ... landed", "had been
   scheduled to launch ..., carrying a communications satellite"), and no missile carries it ("the missile carried a
   dummy payload"); that verb in the simple present, undated, in body text is a caption's ("The Saturn V rocket
   carrying the Apollo 11 crew lifts off").
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

Where the steps live: a pack is loaded and compiled by :mod:`agents.enrich.rulepack`; this module finds the triggers
(steps 1-2), applies the sentence and article gates (4d, 5) and runs each candidate through its stages in order.
:mod:`agents.enrich.trigger_pairs` pairs triggers with objects (3), :mod:`agents.enrich.context_cues` and
:mod:`agents.enrich.modal_scope` read the negative context (4), :mod:`agents.enrich.candidate_guards` holds the
candidate's stages (6), helped by :mod:`agents.enrich.told_ahead`, :mod:`agents.enrich.descriptions`,
:mod:`agents.enrich.carrier_verb` and
:mod:`agents.enrich.earlier_events`; :mod:`agents.enrich.article_view` is what they all know of the article, and
:mod:`agents.enrich.clauses` where a clause begins and ends.
"""
from __future__ import annotations

import bisect
import re

from agents.enrich.acronyms import in_long_form
from agents.enrich.events import build_event, place_in_time
from agents.enrich.event_time import generic, lead_time, narrative_time
from agents.enrich.sentences import split_sentences  # noqa: F401  (re-exported: rule tests use it)
from agents.enrich.text import plain_lower
from agents.enrich.inflect import noun_forms, verb_forms  # noqa: F401  (re-exported: rule tests use them)
from agents.enrich.rulepack import PACKAGED_DIR, RulePack, _Matcher, _Rule  # noqa: F401
from streams.core.severity import rank_or_lowest
from streams.core.records import AlertHit, Article, Entity, new_hit
from agents.enrich.article_view import ArticleView, FoundWord, is_title
from agents.enrich.candidate_guards import (Candidate, STAGES_ON_OWN_TIME, Sentence, a_tally_or_a_habit,
                                            context_rules_out, needs_time_of_its_own, the_story_told_again, undated)
from agents.enrich.context_cues import sentence_vetoed
from agents.enrich.live_lines import live_line_time
from agents.enrich.trigger_pairs import pair_candidates


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


_ARTICLE_BEFORE = re.compile(r"\b(?:a|an|the)\s+$")


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
        spelt_out = text[start].isupper() and in_long_form(text, start, stop)
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
    doc = ArticleView(article, text, lower, entities)
    # hits per (rule, sentence)
    by_rule: dict[int, dict[int, list[FoundWord]]] = {}
    for i, start, stop, kind in hits:
        if i in viable:
            by_rule.setdefault(i, {}).setdefault(doc.sentence_of(start), []).append(FoundWord(start, stop, kind))
    best: dict[str, tuple[int, int, AlertHit]] = {}
    actors: dict[str, tuple[int, dict]] = {}  # topic -> the earliest hit's actor that names one
    from_object: dict[str, bool] = {}  # topic -> does its best hit take its actor from the object
    lead_when: dict[str, dict] = {}  # topic -> the lead's dated event (the headline's, told again)
    # the lead's sentences, past the headline when the body repeats it as its first line
    lead_end = _LEAD + (len(doc.sentences) > 1 and doc.title_end > 0 and is_title(doc, *doc.sentences[1]))
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


def _match_sentence(doc: ArticleView, pack: RulePack, rule: _Rule, sent: int, hits: list[FoundWord]) -> AlertHit | None:
    """The rule's hit in one sentence: its candidates (trigger and object, :func:`pair_candidates`), the sentence's
    and the article's gates, then each candidate in order through the stages of :mod:`agents.enrich.candidate_guards`
    until one makes an event."""
    spec = rule.spec
    s0, s1 = doc.sentences[sent]
    ents = [e for e in doc.entities if s0 <= e.start < s1]
    candidates = pair_candidates(doc, pack, rule, s0, s1, ents, hits)
    if not candidates:
        return None
    sentence = doc.text[s0:s1]
    padded = doc.padded(sent)
    if sentence_vetoed(doc, pack, rule, sentence, padded):
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
    here = Sentence(doc, pack, rule, sent, s0, s1, sentence, ents)
    for start, end, vs, o0, o1 in sorted(candidates):
        c = Candidate(start, end, vs, o0, o1, (doc.lower[vs:end].split(None, 1) or [""])[0])
        if context_rules_out(here, c):
            continue
        news, when = place_in_time(sentence, (start - s0, end - s0), doc.ref, doc.today)
        if news and undated(when):
            # "Update: Liftoff of Falcon 9 at 12:30 a.m. EDT!": live coverage's launch line is of the page's own day
            when = live_line_time(doc.text, s0, s1, vs, doc.ref) or when
        if any(stage(here, c, news, when) for stage in STAGES_ON_OWN_TIME):
            continue
        if news and undated(when) and sent >= 2:
            news, when = narrative_time(doc, sent, when)
        if the_story_told_again(here, c, news, when):
            continue
        if undated(when) and needs_time_of_its_own(here, c):
            when = None if generic(doc.text, s0, start, end) else lead_time(doc, sent)
            if when is None:
                continue
        if not news:
            continue
        if a_tally_or_a_habit(here, c, news, when):
            continue
        event = build_event(pack, rule.topic, doc.text, (s0, s1), (start, end), (o0, o1), doc.entities,
                            doc.title_end, when, spec.actor_from_object, doc.ref, doc.today)
        if event is None:
            continue
        return new_hit(rule.topic, _severity(doc, rule, padded), " ".join(sentence.split()),
                       " ".join(doc.text[start:end].split()), spec.name, event)
    return None


def _severity(doc: ArticleView, rule: _Rule, padded: str) -> str:
    sev = rule.spec.severity
    for word, s in rule.sev_words:
        if f" {word} " in padded and rank_or_lowest(s) > rank_or_lowest(sev):
            sev = s
    for matcher, s in rule.sev_entities:
        if rank_or_lowest(s) > rank_or_lowest(sev) and doc.has_entity(matcher):
            sev = s
    return sev