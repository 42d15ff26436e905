"""Entities: who and what an article is about.

Two tiers. The gazetteer tier (always on) matches curated names from YAML data files with
one Aho-Corasick pass and gives canonical ids (``country:KP``, ``vehicle:chollima-1``). The
optional statistical tier (spaCy, ``agents/enrich/nlp.py``) adds PERSON/ORG/GPE/LOC names the
gazetteer does not know; where the tiers overlap, the gazetteer's canonical entity wins.

The gazetteer tier is :mod:`agents.enrich.gazetteer` (its file format and matching); the
model-free name repairs and spaCy's spans are :mod:`agents.enrich.nlp` and
:mod:`agents.enrich.name_spans`. This module merges the tiers (:class:`Extractor`).
"""

from __future__ import annotations

import bisect
import re
from pathlib import Path
from typing import Sequence

from agents.enrich.coreference import add_names, add_where_free
from agents.enrich.east_asian_names import surname_first_people
from agents.enrich.gazetteer import Gazetteer
from agents.enrich.gazetteer_cache import load_gazetteer
from agents.enrich.given_names import given_names
from agents.enrich.name_runs import add_runs
from agents.enrich.name_spans import (coordinated_people, given_name_people, headed_names, named_by_class,
                                      people_before_who, places_before_regions)
from agents.enrich.name_neighbours import (neighbour_names, with_directions, without_article_cities,
                                          without_places_headed_apart)
from agents.enrich.nlp import RuleTier, SpacyTier, load_spacy
from agents.enrich.name_heads import FIRM_HEADS, MARKET_FIRST, ORG_HEADS, STATE_HEADS
from streams.core.records import Entity, new_entity


class Extractor:
    """Both tiers merged. ``nlp`` is anything with ``entities(text) -> list[Entity]``
    (``agents.enrich.nlp.SpacyTier``) or a spaCy ``Language``; None means gazetteer only."""

    #: the statistical tier reads the title and lede only: people and organisations that
    #: matter are named early, and spaCy's cost grows with every word (None = whole text)
    DEFAULT_NLP_MAX_CHARS = 800
    #: the model-free tier costs a few regexes, not a parse, and in an article a rule may fire
    #: on (``extract(wide=True)``) reads at least this far: a wire story names its ministers,
    #: spokesmen and ships after the lede ("Defence Minister Rajnath Singh has congratulated
    #: ..." at character 900). Read in every article it cost general news a third of its speed
    RULE_TIER_MIN_CHARS = 1600

    def __init__(self, gazetteer: Gazetteer, nlp: object | None = None, *,
                 nlp_max_chars: int | None = DEFAULT_NLP_MAX_CHARS):
        self.gazetteer = gazetteer
        if nlp is not None and not hasattr(nlp, "entities"):
            nlp = SpacyTier(nlp)
        self.nlp = nlp
        rule_tier = nlp is not None and getattr(nlp, "statistical", True) is False
        self.nlp_max_chars = nlp_max_chars
        #: how far the tier reads in an article the rules may alert on
        self.wide_max_chars = nlp_max_chars
        if rule_tier and nlp_max_chars is not None:
            self.wide_max_chars = max(nlp_max_chars, self.RULE_TIER_MIN_CHARS)
        #: with the model-free tier, the given names that start a person (those the gazetteer
        #: holds as a name of its own, "Jordan", "Georgia", are left to it); None otherwise
        self._given: frozenset[str] | None = None
        if rule_tier:
            self._given = frozenset(g for g in given_names() if not gazetteer.holds(g))

    def extract(self, text: str, *, wide: bool = True) -> list[Entity]:
        """Both tiers merged, then the entities the gazetteer implies (a site's country).
        ``wide``: an article a rule may fire on, whose names past the lede the model-free tier
        reads too (to ``wide_max_chars``; :func:`agents.enrich.analysis.analyze`)."""
        return self.gazetteer.implied(self._merged(text, wide))

    def _merged(self, text: str, wide: bool = True) -> list[Entity]:
        found = self.gazetteer.extract(text)
        if self.nlp is None:
            return found
        if self._given is not None:
            found = without_article_cities(found, text)  # "La Palma": the rule tier names it
        lede = _lede(text, self.wide_max_chars if wide else self.nlp_max_chars)
        # a country's word the gazetteer matched ("Russian", "German") before a person names no part of them
        countries = {f.start: f.end for f in found if f.label == "COUNTRY"} if self._given is not None else {}
        for ent in self.nlp.entities(lede):  # type: ignore[attr-defined]
            ent = _past_honorific(_strip_possessive(ent, text), text)
            if countries and ent.label == "PERSON" and ent.start in countries:
                ent = _past_country(ent, countries[ent.start], text)
            found = self._merge(found, ent, text)
        if self._given is not None:
            # the rule tier's names found by a head, a given name or a class noun: in the lede
            # too, as the tier's other spans (the names that matter are named early; it bounds the cost)
            heads = headed_names(lede)
            if heads:
                # the head-named spans are disjoint, so what each overlaps is read off one sorted
                # snapshot (a bisect, not a pass over every entity per span)
                found.sort(key=lambda e: (e.start, e.end))
                spans = _Spans(found)
                insides = [spans.overlapping(s, e) for s, e, _ in heads]
                for (s, e, label), inside in zip(heads, insides):  # source "heads": without an id they never act
                    found = self._merge(found, new_entity(text[s:e], label, None, s, e, "heads"), text, inside)
            people = given_name_people(lede, self._given, frozenset(countries.values())) + people_before_who(lede) \
                + surname_first_people(lede)
            # the longest span at a start first: "Chung Eui-yong" over a rule that stopped at the hyphen
            people = sorted((_span_past_country(s, e, countries, text) for s, e in people), key=lambda p: (p[0], -p[1]))
            people += coordinated_people(lede, sorted([(f.start, f.end) for f in found if f.label == "PERSON"] + people))
            found = _without_surname_cities(found, people)
            places = places_before_regions(lede, [(f.start, f.end) for f in found
                                                  if f.label in ("REGION", "COUNTRY") and f.start < f.end <= len(lede)])
            taken = None
            for spans_, label in ((people, "PERSON"), (named_by_class(lede), "PRODUCT"), (places, "GPE")):
                for s, e in spans_:
                    if taken is None:
                        taken = _Spans(sorted(found, key=lambda f: (f.start, f.end)))
                    if not taken.overlapping(s, e):  # weak evidence: only where nothing lies
                        ent = new_entity(text[s:e], label, None, s, e, "rules")
                        found.append(ent)
                        taken.add(ent)
            found = add_names(found, text, len(lede))  # surnames alone, '-led', name shapes, place cues
            found = with_directions(found, text)  # "Upper Galilee"
            spans = neighbour_names(lede, found)  # heads, prefixes, lists, appositions, acronyms
            found = add_where_free(without_places_headed_apart(found, text, spans), text, spans)
            found = add_runs(found, text, self._given, len(lede))  # names read off capitals, the weakest: last
        found.sort(key=lambda e: (e.start, e.end))
        return found

    def _merge(self, found: list[Entity], ent: Entity, text: str,
               inside: list[Entity] | None = None) -> list[Entity]:
        """``found`` with a tier's ``ent`` added, if the gazetteer's names leave room for it
        (``inside``: the entities it overlaps, when the caller knows them)."""
        if ent.end <= ent.start:
            return found
        if inside is None:
            inside = [e for e in found if ent.start < e.end and e.start < ent.end]
        if inside and _body_over_guesses(ent, inside):
            drop = {id(i) for i in inside}
            found = [e for e in found if id(e) not in drop]
            inside = []
        kept = _wrapped_names(ent, inside, text) if inside else None
        if kept is not None:
            # "China Coast Guard", "Wellington Koo": the gazetteer's names are part of a
            # longer one; those the reader still needs (the country of a state body) stay
            # as zero-width companions at the name's start, so spans remain disjoint
            drop = {id(i) for i in inside}
            found = [e for e in found if id(e) not in drop] + kept
        elif inside:
            return found  # the gazetteer already named this span, with a canonical id
        # (a head-named span the gazetteer held whole, it would have matched itself)
        entry = self.gazetteer.lookup(ent.text) if ent.source != "heads" else None
        if entry is not None:
            ent = Entity(text=ent.text, label=entry.label, id=entry.id, start=ent.start,
                         end=ent.end, source="nlp")
        found.append(ent)
        return found


def _without_surname_cities(found: list[Entity], people: list[tuple[int, int]]) -> list[Entity]:
    """``found`` without the package cities that are the surname of a person the rule tier
    found ("Daniel Burbank", "George Washington"): a city inside a person's name, not at its
    start (the given name leads it), is no place there."""
    drop: set[int] = set()
    for s, e in people:
        inside = [f for f in found if s < f.start < f.end <= e]
        if inside and all(f.label == "CITY" for f in inside) \
                and not any(f.start < s < f.end or f.start < e < f.end for f in found):
            drop.update(id(f) for f in inside)
    return [f for f in found if id(f) not in drop] if drop else found


class _Spans:
    """Entities with a width, sorted and disjoint, as the extractor keeps them: which of them
    a span overlaps, by bisection."""

    def __init__(self, ents: list[Entity]):
        self.ents = [e for e in ents if e.end > e.start]
        self.starts = [e.start for e in self.ents]

    def overlapping(self, start: int, end: int) -> list[Entity]:
        i = max(0, bisect.bisect_right(self.starts, start) - 1)
        out = []
        while i < len(self.ents) and self.ents[i].start < end:
            if start < self.ents[i].end:
                out.append(self.ents[i])
            i += 1
        return out

    def add(self, ent: Entity) -> None:
        i = bisect.bisect_right(self.starts, ent.start)
        self.starts.insert(i, ent.start)
        self.ents.insert(i, ent)


#: countries and the package places (agents/enrich/places.py, geography.yaml)
_PLACE_LABELS = ("COUNTRY", "CITY", "REGION", "PLACE")
_STATE_OF = re.compile(r"\b(?:" + "|".join(sorted(STATE_HEADS)) + r") of (?:the )?$")
_NISBA = ("al-", "el-", "Al-", "El-")
_ALL_HEADS = STATE_HEADS | FIRM_HEADS | ORG_HEADS


def _body_over_guesses(ent: Entity, inside: list[Entity]) -> bool:
    """A body named by its head and continued by "of"/"for" ("the Institute for Q-shu Pioneers of
    Space") over the rule tier's guesses inside it ("Q-shu Pioneers of" read as a person before an
    organisation): the head is the stronger evidence. Never over the gazetteer's names."""
    return (ent.source == "heads" and ent.label == "ORG" and (" of " in ent.text or " for " in ent.text)
            and all(e.id is None and e.source == "rules" and ent.start <= e.start and e.end <= ent.end
                    for e in inside))


def _wrapped_names(ent: Entity, inside: list[Entity], text: str) -> list[Entity] | None:
    """When a statistical PERSON/ORG span wraps gazetteer names that are only part of it, the
    companions that replace them (maybe none); None when the gazetteer's names win.

    Every wrapped name must lie inside the span, not be the whole of it, and not be followed
    by a possessive ("Japan's Defence Ministry" is two things). A person of two or more words
    may wrap countries ("Wellington Koo": no companion) or names after "al-" ("Abdul-Malik
    al-Houthi": the organisation stays as a companion). An organisation ending in a state
    body's head ("Turkish Navy", "IRGC Aerospace Force") or reading "Head of (the) Country"
    ("Armed Forces of the Philippines") keeps every wrapped name as a companion; one ending in
    a company's head keeps organisations and sites but drops countries ("Israel Aerospace
    Industries", "Andøya Space"). A legal suffix is no head ("Hanwha Ocean Co." stays Hanwha)."""
    words = ent.text.split()
    # (a designation is one word that wraps its operator: "SES-2", "Inmarsat-6")
    if ent.label not in ("PERSON", "ORG", "FAC", "PRODUCT") or (len(words) < 2 and ent.label != "PRODUCT"):
        return None
    for e in inside:
        if e.start < ent.start or e.end > ent.end or (e.start, e.end) == (ent.start, ent.end):
            return None
        if text[e.end:e.end + 2] in ("'s", "’s"):
            return None
    if ent.label == "FAC":  # "Spaceport Cornwall", "Cape Canaveral Air Force Station": a place in it stays
        return [_companion(e, ent.start) for e in inside] if all(e.id for e in inside) else None
    if ent.label == "PRODUCT":  # "Intelsat 35e", "SES 12", "Shiyan 24C": a satellite named after its operator or a place
        if len(inside) == 1 and inside[0].start == ent.start and inside[0].label in ("ORG", *_PLACE_LABELS) \
                and inside[0].id:
            return [_companion(inside[0], ent.start)]
        return None
    countries = all(e.label in _PLACE_LABELS for e in inside)  # "Warsaw University of Technology"
    if ent.label == "PERSON":
        if countries:
            return []
        if all(text[e.start - 3:e.start] in _NISBA and e.label in ("ORG", "COUNTRY") for e in inside):
            return [_companion(e, ent.start) for e in inside]
        return None
    if not all(e.label in ("ORG", "AGENCY", "SITE", *_PLACE_LABELS) for e in inside):
        return None
    last = _head(words)
    if last in STATE_HEADS or (inside[-1].end == ent.end and _STATE_OF.search(text, ent.start, inside[-1].start)):
        # a body the name ends in is another body when a word of the name's own comes before it
        # ("National Space Development Agency" is no "Space Development Agency"; "U.S. Missile
        # Defense Agency" is); a country in it stays ("China Coast Guard")
        return [_companion(e, ent.start) for e in inside if not _another_body(e, ent, inside, text)]
    if last in FIRM_HEADS or (countries and last in ORG_HEADS):
        return [_companion(e, ent.start) for e in inside if e.label not in _PLACE_LABELS]
    return None


def _another_body(e: Entity, ent: Entity, inside: list[Entity], text: str) -> bool:
    """``e``, a body at the end of the name ``ent``, is not the body ``ent`` names: a capitalised
    word no other wrapped name covers stands before it ("National" Space Development Agency)."""
    if e.end != ent.end or e.label not in ("ORG", "AGENCY"):
        return False
    pos = ent.start
    for other in sorted(inside, key=lambda x: x.start):
        if other is e:
            break
        if text[pos:other.start].strip():
            return True
        pos = other.end
    return any(w[:1].isupper() for w in text[pos:e.start].split())


def _head(words: list[str]) -> str:
    """The word that says what kind of body a name is: its last word, else a head followed by
    "of"/"for" ("Warsaw University of Technology", "National Stock Exchange of India"), else
    a bourse's first word ("Borsa Istanbul")."""
    last = words[-1].rstrip(".")
    heads = _ALL_HEADS
    if last in heads:
        return last
    for w, nxt in zip(words, words[1:]):
        if nxt in ("of", "for") and w in heads:
            return w
    return "Exchange" if words[0] in MARKET_FIRST else last


def _companion(e: Entity, at: int) -> Entity:
    """``e`` as a zero-width entity at offset ``at``: its id and label for rules and stories,
    its text as written, and no span to overlap the name that holds it."""
    return new_entity(e.text, e.label, e.id, at, at, e.source)


def _lede(text: str, max_chars: int | None) -> str:
    """The text up to ``max_chars``, cut at the last sentence end (else space) before it.
    A prefix, so entity offsets stay those of the whole text."""
    if max_chars is None or len(text) <= max_chars:
        return text
    head = text[:max_chars]
    cut = max(head.rfind(". "), head.rfind("\n"))
    if cut < max_chars // 2:
        cut = head.rfind(" ")
    return head[: cut + 1] if cut > 0 else head


def _past_country(ent: Entity, country_end: int, text: str) -> Entity:
    """The person after a country's word their span took in ("Russian Sergey Prokopiev"), when
    two name words remain; else the span as it was."""
    s, e = _span_past_country(ent.start, ent.end, {ent.start: country_end}, text)
    return ent if s == ent.start else new_entity(text[s:e], ent.label, ent.id, s, e, ent.source)


def _span_past_country(start: int, end: int, countries: dict[int, int], text: str) -> tuple[int, int]:
    country_end = countries.get(start)
    if country_end is None or text[country_end:country_end + 1] != " " or text.count(" ", country_end + 1, end) < 1:
        return start, end
    return country_end + 1, end


#: a courtesy word before a person's name, no part of it ("Admiral Sir Ben Key", "Dr. Samar Mubarakmand")
_HONORIFIC = re.compile(r"(?:Sir|Dame|Mr|Mrs|Ms|Dr|Prof)\.? (?=\S+ \S)")


def _past_honorific(ent: Entity, text: str) -> Entity:
    """A person's span without the courtesy word that opens it, when two name words remain."""
    m = _HONORIFIC.match(text, ent.start, ent.end) if ent.label == "PERSON" else None
    return new_entity(text[m.end():ent.end], ent.label, ent.id, m.end(), ent.end, ent.source) if m else ent


def _strip_possessive(ent: Entity, text: str) -> Entity:
    start, end = ent.start, ent.end
    span = text[start:end]
    if span[-2:] in ("'s", "’s"):
        end -= 2
    elif span[-1:] in ("'", "’"):
        end -= 1
    if text[start:end].lower().startswith("the "):
        start += 4
    while end > start and not text[end - 1].isalnum():
        end -= 1
    if (start, end) == (ent.start, ent.end):
        return ent
    return new_entity(text[start:end], ent.label, ent.id, start, end, ent.source)


def load_extractor(gazetteer_dirs: Sequence[Path] = (), nlp_model: str | None = None, *,
                   nlp_max_chars: int | None = Extractor.DEFAULT_NLP_MAX_CHARS,
                   cache_dir: Path | None = None) -> Extractor:
    """The gazetteer, and the spaCy tier if ``nlp_model`` is given, else the model-free
    :class:`agents.enrich.nlp.RuleTier` (people after a title, firms by their suffix).
    With ``cache_dir`` the built gazetteer is kept there (:mod:`agents.enrich.gazetteer_cache`)."""
    nlp: object = load_spacy(nlp_model) if nlp_model else RuleTier()
    return Extractor(load_gazetteer(gazetteer_dirs, cache_dir), nlp, nlp_max_chars=nlp_max_chars)
