"""Rule packs: the YAML schema, its validation with clear errors, and the compiled form.

How a compiled pack is applied to an article is :mod:`agents.enrich.rules` (its docstring
gives the order); what an event found by a rule carries is :mod:`agents.enrich.events`.
"""

from __future__ import annotations

import fnmatch
import itertools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

import ahocorasick
import yaml
from pydantic import BaseModel, Field, ValidationError, field_validator

from agents.enrich.text import boundary_text, lower_same_length
from agents.enrich.inflect import noun_forms, verb_forms
from streams.core.errors import ConfigError
from streams.core.severity import SEVERITIES
from streams.core.records import Entity

PACKAGED_DIR = Path(__file__).resolve().parents[1] / "data" / "rules"
#: libyaml's parser when PyYAML has it (the packaged files parse ~7x faster, at every worker
#: start); the same safe constructor, so the same data, either way
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


# --- schema ------------------------------------------------------------------------------

class RuleSpec(BaseModel):
    model_config = {"extra": "forbid"}

    name: str
    severity: str = "high"
    verbs: list[str] = []
    verb_forms: list[str] = []  # exact forms, not inflected ("downed")
    objects: list[str] = []
    object_entities: list[str] = []
    phrases: list[str] = []
    # phrases built from parts, every choice of one item of each list in order, for a class that is a product
    # ([[without reaching, fell short of], [orbit, the intended orbit]]: "without reaching the intended orbit" ...)
    phrase_parts: list[list[str]] = []
    window: int = Field(6, ge=0, le=30)
    not_between: list[str] = []
    after: list[str] = []
    sentence_excludes: list[str] = []
    # the same, only in the trigger's clause (between clause breaks): "fired off a missile,
    # detonated a bomb, and conducted a rocket engine test" lists a launch beside a ground test
    clause_excludes: list[str] = []
    # a headline hit is no event when the first body sentences hold one of these: the lead says
    # what the headline's "test of new missile" was ("a ground jet test of a solid-fuel engine")
    lead_excludes: list[str] = []
    sentence_requires_any: list[str] = []
    sentence_excludes_any: list[str] = []

    @field_validator("sentence_excludes_any", "sentence_requires_any", mode="before")
    @classmethod
    def _flatten(cls, value: object) -> object:
        """A list may hold a YAML alias of another list (``[*missile_entities, "org:hamas"]``):
        its items count as the list's own, so a shared list is written once."""
        if isinstance(value, list):
            return [x for item in value for x in (item if isinstance(item, list) else [item])]
        return value

    article_requires_any: list[str] = []
    article_excludes_any: list[str] = []  # none of these anywhere in the article ("suborbital")
    # no hit where the article tells a rocket's flight that stays below space, by its top or as a hop, and no orbit
    # (agents/enrich/suborbital.py): the words "suborbital" and the like told without the word
    article_excludes_hops: bool = False
    severity_by_word: dict[str, str] = {}
    severity_by_entity: dict[str, str] = {}
    # the event's actor owns the object, not the subject ("Saudi defences intercepted a Houthi
    # missile": the Houthis fired it)
    actor_from_object: bool = False
    # a noun phrase names a kind of event as often as an event ("the North Korean nuclear
    # tests"): the hit needs a time within the week, in its sentence or, for the title, in
    # the first two body sentences
    needs_time: bool = False
    # ... unless one of these verbs (any inflection) carries it in its clause ("Russia
    # conducted an underground nuclear test", "Iran conducts nuclear test")
    support_verbs: list[str] = []
    # verbs that count only after their object, which is then their subject ("a rocket
    # carrying a satellite" launches; "carrying the rocket to the pad" is a rollout)
    object_first_verbs: list[str] = []
    # verbs that count only before their object ("a rocket carrying a satellite" launched the
    # satellite; "the spacecraft is carrying NASA instruments" tells what a payload holds)
    verb_first_verbs: list[str] = []
    # a verb in its -ing form right after its object describes the object ("a Soyuz craft
    # carrying two cosmonauts"): one of these verbs later in its clause is what the craft did
    # ("... left its docking port", "... has landed"), and that was no launch
    participle_excludes: list[str] = []

    def model_post_init(self, _: object) -> None:
        if self.phrase_parts:
            self.phrases = [*self.phrases, *(" ".join(p) for p in itertools.product(*self.phrase_parts))]
        for sev in [self.severity, *self.severity_by_word.values(), *self.severity_by_entity.values()]:
            if sev not in SEVERITIES:
                raise ValueError(f"severity must be one of {', '.join(SEVERITIES)}, got {sev!r}")
        if not self.phrases and not ((self.verbs or self.verb_forms) and (self.objects or self.object_entities)):
            raise ValueError("a rule needs phrases, or verbs with objects/object_entities")


OUTCOMES = ("success", "failure", "intercepted", "unknown")


class EventSpec(BaseModel):
    """What an alert of a topic carries as its event (see agents/enrich/events.py)."""

    model_config = {"extra": "forbid"}

    type: str = ""  # the event type; the topic name if empty
    # object classes, tried in order: words of the object phrase or entity-id globs
    objects: dict[str, list[str]] = {}
    default_class: str | None = None  # the class when no listed word names it
    # objects of these classes make no event of this topic ("launched a phone")
    reject_classes: list[str] = []
    # the outcome when the article neither hedges nor names one; "unknown" makes success
    # need the pack's ``context.outcomes.success`` words ("flew 1,000 km", "landed in the sea")
    default_outcome: str = "success"

    def model_post_init(self, _: object) -> None:
        if self.default_outcome not in OUTCOMES:
            raise ValueError(f"default_outcome must be one of {', '.join(OUTCOMES)}, got {self.default_outcome!r}")


class TopicSpec(BaseModel):
    model_config = {"extra": "forbid"}

    topic: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    description: str = ""
    # when one of these topics fires on the same article, this one describes that event
    # (a failed satellite launch is one event): it becomes a qualifier, not a second alert
    qualifies: list[str] = []
    # a qualifier topic with an outcome sets the outcome of the event it qualifies and never
    # alerts alone: with no host hit, it becomes a hit of the first topic in ``qualifies``
    # whose object classes name its object ("the rocket exploded after lift-off")
    outcome: str | None = None
    # topics that this topic's event is often first reported as: a satellite launch that a
    # neighbour announces as "a suspected ballistic missile". A hit of such a topic that is told
    # second-hand or hedged, in an article where this topic fires for the same actor and day, is
    # this event read another way, not an alert of its own (agents/enrich/one_launch.py)
    reported_as: list[str] = []
    event: EventSpec = EventSpec()
    rules: list[RuleSpec]

    def model_post_init(self, _: object) -> None:
        if self.outcome is not None and self.outcome not in OUTCOMES:
            raise ValueError(f"outcome must be one of {', '.join(OUTCOMES)}, got {self.outcome!r}")
        if self.outcome is not None and not self.qualifies:
            raise ValueError("a topic with an outcome must name the topics it qualifies")


class ContextSpec(BaseModel):
    model_config = {"extra": "forbid"}

    before: list[str] = []
    before_window: int = Field(4, ge=0, le=20)
    after: list[str] = []
    after_window: int = Field(3, ge=0, le=20)
    # anywhere after a trigger in its clause, unless a relative pronoun comes first ("the
    # missile, which could reach Guam"): the event is the subject of a plan or a condition
    # ("the launch of ten satellites aboard a Falcon 9 will occur in September")
    clause_after: list[str] = []
    to_ok: list[str] = []
    sentence: list[str] = []
    title_prefixes: list[str] = []
    name_heads: list[str] = []  # capitalised words that end an organisation's name
    # words in the event's sentence that give its outcome ("exploded": failure)
    outcomes: dict[str, list[str]] = {}
    # entities that report or observe events and do not act in them (news agencies)
    not_actors: list[str] = []
    # labels and id globs that can be an event's actor
    actors: list[str] = []
    # in the title or first sentence, these make the article a follow-up (an inquiry's
    # findings, a report): then an event needs a time of its own within the week
    follow_up: list[str] = []
    # vehicle-id glob -> the actor that operates it, for a sentence naming no actor
    vehicle_actors: dict[str, str] = {}
    # where a launch came from -> who launches from there, when that is no state ("rockets fired
    # from the Gaza Strip": militants, not the territory): {place id: {id, text}}
    origin_actors: dict[str, dict[str, str]] = {}
    # a country -> the armed groups based there: "rockets launched from Lebanon" or "the Yemeni group
    # fired" are the group's when the article names it ({country id: [group ids]})
    home_groups: dict[str, list[str]] = {}
    # a state's armed service, command or defence ministry -> the state it acts for: "The US Air Force launched a
    # Minuteman III" is the United States' launch ({agency id: country id})
    state_services: dict[str, str] = {}
    # a verb trigger used as a noun ("the launch of a satellite") names an event as often as
    # it reports one: like a ``needs_time`` rule it needs a time within the week, or one of
    # these verbs or words before it in its clause ("announced the successful launch of")
    nominal_support: list[str] = []
    # in a trigger's clause, these make what it reports a running total ("has launched more
    # than 100 satellites to date"): an event then needs a time of its own within the week
    tally: list[str] = []
    # in an interception's phrase or the intercepting launch's object: a defence test ("the
    # missiles intercepted the targets"), whose interception is the launch's success
    defence_tests: list[str] = []

    def model_post_init(self, _: object) -> None:
        bad = [o for o in self.outcomes if o not in OUTCOMES]
        if bad:
            raise ValueError(f"outcomes: {bad[0]!r} is not one of {', '.join(OUTCOMES)}")


class PackFile(BaseModel):
    model_config = {"extra": "forbid"}

    context: ContextSpec = ContextSpec()
    topics: list[TopicSpec] = []


# --- compiled pack ----------------------------------------------------------------------

def _key(s: str) -> str:
    return " ".join(lower_same_length(boundary_text(s)).split())


class _Matcher:
    """Items of a requirement list, compiled: entity-id globs, entity labels, words."""

    def __init__(self, items: Sequence[str]):
        globs = [i for i in items if ":" in i]
        self.labels = frozenset(i for i in items if ":" not in i and _is_label(i))
        self.words = tuple(_key(i) for i in items if ":" not in i and not _is_label(i))
        self.ids = re.compile("|".join(fnmatch.translate(g) for g in globs)) if globs else None
        self._memo: dict[tuple[str, str | None], bool] = {}  # bounded by the gazetteer's ids

    def entity(self, e: Entity) -> bool:
        key = (e.label, e.id)
        hit = self._memo.get(key)
        if hit is None:
            hit = self._memo[key] = e.label in self.labels or (
                self.ids is not None and e.id is not None and self.ids.match(e.id) is not None)
        return hit

    def any(self, padded: str, ents: Sequence[Entity]) -> bool:
        return any(f" {w} " in padded for w in self.words) or self.any_entity(ents)

    def any_entity(self, ents: Sequence[Entity]) -> bool:
        """``any(self.entity(e) for e in ents)``, reading the memo inline (the hot path of severity)."""
        memo = self._memo
        for e in ents:
            hit = memo.get((e.label, e.id))
            if hit is None:
                hit = self.entity(e)
            if hit:
                return True
        return False


def _is_label(item: str) -> bool:
    return len(item) > 2 and item.isupper() and item.replace("_", "").isalpha()


@dataclass
class _Rule:
    topic: str
    spec: RuleSpec
    not_between: tuple[str, ...]
    after: frozenset[str]
    sentence_excludes: tuple[str, ...]
    sev_words: tuple[tuple[str, str], ...]

    def __post_init__(self) -> None:
        s = self.spec
        self.objects = _Matcher(s.object_entities)
        self.requires = _Matcher(s.sentence_requires_any) if s.sentence_requires_any else None
        self.excludes = _Matcher(s.sentence_excludes_any) if s.sentence_excludes_any else None
        self.article_requires = _Matcher(s.article_requires_any) if s.article_requires_any else None
        self.article_excludes = _Matcher(s.article_excludes_any) if s.article_excludes_any else None
        self.support_re = _alternation([f for v in s.support_verbs for f in verb_forms(_key(v))])
        self.object_first = frozenset(f for v in s.object_first_verbs for f in verb_forms(_key(v)))
        self.verb_first = frozenset(f for v in s.verb_first_verbs for f in verb_forms(_key(v)))
        self.participle_excludes_re = _alternation([f for v in s.participle_excludes for f in verb_forms(_key(v))])
        self.bare_verbs = frozenset(_key(v) for v in s.verbs if " " not in _key(v))
        self.sev_entities = [(_Matcher([p]), sev) for p, sev in s.severity_by_entity.items()]
        self.not_between_re = _alternation(self.not_between)
        self.sentence_excludes_re = _alternation(self.sentence_excludes)
        self.clause_excludes_re = _alternation([f for w in s.clause_excludes for f in noun_forms(_key(w))])
        self.lead_excludes_re = _alternation([f for w in s.lead_excludes for f in noun_forms(_key(w))])


def _alternation(words: Sequence[str]) -> re.Pattern[str] | None:
    """One regex for " w1 | w2 |..." over space-padded, normalised text (faster than a loop).

    The words are written as a trie ("did not reach (?:the|its|their) ..."): at each space re
    tests one branch per distinct next character instead of every word in turn (the outcome cues
    hold hundreds of phrases: the success cue's scan of a whole article took ~0.3 ms as a flat
    list). The matches are those of the flat alternation longest word first (:func:`_flat_alternation`):
    the words that fit at one place are prefixes of one another, on one path of the trie, where the
    longer continuation is tried before the word's end."""
    if not words:
        return None
    trie: dict[str, dict] = {}
    for w in set(words):
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}  # a word ends here
    return re.compile(f" {_trie_pattern(trie)} ")


def _trie_pattern(node: dict[str, dict]) -> str:
    """What follows ``node`` in its words: each next character (a chain with no branch or end on
    the way taken whole), then the end of a word, if one ends here, last."""
    parts = []
    for ch in sorted(k for k in node if k):
        run, child = ch, node[ch]
        while len(child) == 1 and "" not in child:
            (nxt, child), = child.items()
            run += nxt
        parts.append(re.escape(run) + _trie_pattern(child))
    if "" in node:
        return f"(?:{'|'.join(parts)}|)" if parts else ""
    return parts[0] if len(parts) == 1 else f"(?:{'|'.join(parts)})"


def _flat_alternation(words: Sequence[str]) -> re.Pattern[str]:
    """The regex :func:`_alternation` writes as a trie, as it was: the words longest first (tests)."""
    return re.compile(" (?:" + "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True)) + ") ")


@dataclass
class RulePack:
    """Compiled rule packs. Build with ``RulePack.load``."""

    files: list[PackFile] = field(default_factory=list)

    def __post_init__(self) -> None:
        ctx = ContextSpec()
        self._rules: list[_Rule] = []
        topics: dict[str, None] = {}
        self.qualifies: dict[str, tuple[str, ...]] = {}
        self.outcome_of: dict[str, str] = {}
        self.reported_as: dict[str, tuple[str, ...]] = {}
        self.events: dict[str, EventSpec] = {}
        for f in self.files:
            for name in ("before", "after", "clause_after", "follow_up", "to_ok", "sentence", "title_prefixes", "name_heads", "not_actors", "actors"):
                getattr(ctx, name).extend(getattr(f.context, name))
            ctx.vehicle_actors.update(f.context.vehicle_actors)
            ctx.origin_actors.update(f.context.origin_actors)
            ctx.home_groups.update(f.context.home_groups)
            ctx.state_services.update(f.context.state_services)
            ctx.nominal_support.extend(f.context.nominal_support)
            ctx.tally.extend(f.context.tally)
            ctx.defence_tests.extend(f.context.defence_tests)
            for outcome, words in f.context.outcomes.items():
                ctx.outcomes.setdefault(outcome, []).extend(words)
            ctx.before_window, ctx.after_window = f.context.before_window, f.context.after_window
            for t in f.topics:
                topics.setdefault(t.topic)
                if t.outcome:
                    self.outcome_of[t.topic] = t.outcome
                if t.event.objects or t.event.default_class or t.event.type:
                    self.events[t.topic] = t.event
                if t.qualifies:
                    self.qualifies[t.topic] = tuple(dict.fromkeys(self.qualifies.get(t.topic, ()) + tuple(t.qualifies)))
                if t.reported_as:
                    self.reported_as[t.topic] = tuple(dict.fromkeys(self.reported_as.get(t.topic, ()) + tuple(t.reported_as)))
                for r in t.rules:
                    self._rules.append(_Rule(
                        t.topic, r, tuple(f for w in r.not_between for f in noun_forms(_key(w))),
                        frozenset(_key(w) for w in r.after),
                        tuple(f for w in r.sentence_excludes for f in noun_forms(_key(w))),
                        tuple((_key(w), s) for w, s in r.severity_by_word.items())))
        self._topics = list(topics)
        self.before_cues = frozenset(_key(w) for w in ctx.before)
        self.after_cues = frozenset(_key(w) for w in ctx.after)
        self.clause_after_re = _alternation([_key(w) for w in ctx.clause_after])
        self.follow_up_re = _alternation([f for w in ctx.follow_up for f in noun_forms(_key(w))])
        self.to_ok = frozenset(_key(w) for w in ctx.to_ok)
        self.sentence_cues = tuple(f for w in ctx.sentence for f in noun_forms(_key(w)))
        self.sentence_re = _alternation(self.sentence_cues)
        self.title_prefixes = tuple(p.lower() for p in ctx.title_prefixes)
        self.outcome_cues = tuple((o, _alternation([f for w in ws for f in noun_forms(_key(w))]))
                                  for o, ws in ctx.outcomes.items())
        self.not_actors = _Matcher(ctx.not_actors)
        self.actors = _Matcher(ctx.actors or ["COUNTRY", "ORG", "AGENCY"])
        self.vehicle_actors = [(_Matcher([g]), a) for g, a in ctx.vehicle_actors.items()]
        self._operators: dict[str, str | None] = {}  # vehicle id -> operator id, bounded by the gazetteer's ids
        # launch companies (a vehicle's operator that is a firm) and the armed groups the pack knows
        self.launch_firms = frozenset(a for a in ctx.vehicle_actors.values() if a.startswith("org:"))
        self.armed_groups = frozenset({g for gs in ctx.home_groups.values() for g in gs} | {
            w["id"] for w in ctx.origin_actors.values()
            if w.get("id", "").startswith("org:") and w["id"] not in self.launch_firms})
        self.origin_actors = dict(ctx.origin_actors)
        self.home_groups = {c: tuple(g) for c, g in ctx.home_groups.items()}
        self.state_services = dict(ctx.state_services)
        self.object_classes = {t: [(c, _Matcher(ws)) for c, ws in e.objects.items()] for t, e in self.events.items()}
        self.name_heads = frozenset(ctx.name_heads)
        self.nominal_support_re = _alternation([f for w in ctx.nominal_support for f in verb_forms(_key(w))])
        self.tally_re = _alternation([_key(w) for w in ctx.tally])
        self.defence_test_re = _alternation([f for w in ctx.defence_tests for f in noun_forms(_key(w))])
        self.before_window, self.after_window = ctx.before_window, ctx.after_window
        # one automaton for every trigger word of every rule: (kind, rule index, verb?) per key
        self._automaton = ahocorasick.Automaton()
        terms: dict[str, list[tuple[str, int]]] = {}
        for i, rule in enumerate(self._rules):
            s = rule.spec
            for v in s.verbs:
                for form in verb_forms(_key(v)):
                    terms.setdefault(form, []).append(("verb", i))
            for form in s.verb_forms:
                terms.setdefault(_key(form), []).append(("verb", i))
            for o in s.objects:
                for form in noun_forms(_key(o)):
                    terms.setdefault(form, []).append(("object", i))
            for p in s.phrases:
                for form in noun_forms(_key(p)):
                    terms.setdefault(form, []).append(("phrase", i))
        for term, uses in terms.items():
            self._automaton.add_word(f" {term} ", (len(term) + 2, tuple(uses)))
        if terms:
            self._automaton.make_automaton()
        self._last_triggers: tuple[str, list] | None = None

    def triggers(self, lower: str) -> list[tuple[int, tuple[int, tuple[tuple[str, int], ...]]]]:
        """Every trigger word in ``lower`` (an article's plain lowercase text): the automaton's
        (end in the padded text, (key length, uses)) pairs. The last text's are kept: the enrich
        stage asks :func:`agents.enrich.rules.may_fire` and then :func:`agents.enrich.rules.match`
        about the same article, and one pass costs ~30 us."""
        last = self._last_triggers
        if last is not None and last[0] == lower:
            return last[1]
        found = list(self._automaton.iter(f" {lower} "))
        self._last_triggers = (lower, found)
        return found

    def operator_of(self, vehicle_id: str) -> str | None:
        """Who operates the named missile or rocket (``context.vehicle_actors``: the first glob that matches)."""
        if vehicle_id not in self._operators:
            probe = Entity(text="", label="VEHICLE", id=vehicle_id)
            self._operators[vehicle_id] = next((a for m, a in self.vehicle_actors if m.entity(probe)), None)
        return self._operators[vehicle_id]

    @property
    def topics(self) -> list[str]:
        return list(self._topics)

    @classmethod
    def load(cls, extra_dirs: Sequence[Path] = (), *, packaged: bool = True) -> "RulePack":
        """Packaged packs (unless ``packaged=False``), then every *.yaml in each extra dir."""
        files = sorted(PACKAGED_DIR.glob("*.yaml")) if packaged else []
        for d in extra_dirs:
            d = Path(d)
            if not d.is_dir():
                raise ConfigError(f"rules directory {d} does not exist")
            found = sorted(d.glob("*.yaml"))
            if not found:
                raise ConfigError(f"rules directory {d} has no *.yaml rule pack")
            files += found
        return cls([_read_pack(p) for p in files])


def _read_pack(path: Path) -> PackFile:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER) or {}
    except (OSError, yaml.YAMLError) as e:
        raise ConfigError(f"rule pack {path}: cannot read: {e}") from e
    try:
        return PackFile.model_validate(data)
    except ValidationError as e:
        where = []
        for err in e.errors():
            loc, node = [], data
            for part in err["loc"]:
                node = node[part] if isinstance(node, (dict, list)) and _has(node, part) else None
                label = node.get("name") or node.get("topic") if isinstance(node, dict) else None
                loc.append(f"{part}({label})" if label else str(part))
            where.append(f"{'.'.join(loc)}: {err['msg']}")
        raise ConfigError(f"rule pack {path}: " + "; ".join(where)) from e


def _has(node: dict | list, part: object) -> bool:
    if isinstance(node, dict):
        return part in node
    return isinstance(part, int) and 0 <= part < len(node)
