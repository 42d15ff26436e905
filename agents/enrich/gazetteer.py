"""The gazetteer tier: curated names from YAML data files, matched in one Aho-Corasick pass,
with canonical ids (``country:KP``, ``vehicle:chollima-1``).

Gazetteer files: ``agents/data/gazetteer/*.yaml`` (packaged), then every ``*.yaml`` in each
operator directory, in order. Each file is a list of entries::

    - id: country:KP                 # <kind>:<key>, lowercase kind
      label: COUNTRY                 # COUNTRY | ORG | AGENCY | VEHICLE | SITE | PERSON | any UPPERCASE
      names: [North Korea, DPRK ...]         # matched in any case
      case_sensitive_names: [Pyongyang]      # exact case (or ALL CAPS, for headlines)
      ambiguous_names: [Jordan]              # exact case; dropped after a capitalised first
                                             # name ("Michael Jordan") and, if `context` is
                                             # given, kept only when one of those words is in
                                             # the text ("Electron" needs rocket/launch...)
      context: [rocket, launch]
      credit_names: [AP]                     # exact case, only in a credit line or citation
                                             # ("(AP) —", "Photo: AP"): agents/enrich/credit_lines.py
      tags: [launcher]                       # free-form, for readers and tools
      implies: [country:US, agency:nasa]     # ids a mention stands for too (a site's country)

An entry whose id was already loaded adds names to it (an operator file can extend
``country:KP``) but must keep its label. A bad entry raises ``ConfigError`` naming the file
and the entry.

Spellings: a site's, vehicle's, spacecraft's or person's name also matches, in its own case, in
the forms one transliteration step away ("Lop Nor" for "Lop Nur", "Punggey-ri", "Musudan-ni",
"Keyhan-2", "Sare'e"; :mod:`agents.enrich.spellings`) that no entry holds.

Matching: punctuation counts as a space in both names and text, so hyphens and apostrophes
do not matter ("Hwasong 18" = "Hwasong-18", "David’s Sling" = "David's Sling") and
"North Korea's" yields "North Korea"; a name matches only whole words (one Aho-Corasick pass
over the space-padded, lowercased text; exact-case names are then checked against the
original). Of overlapping matches the longest wins, then the earliest. Ambiguous names with
`context` need a context word; those without must not stand next to a capitalised word
("Michael Jordan", "Chad Johnson", "New Jersey").

Implied entities: a name whose entry ``implies`` other ids (a launch site its country, a province
or city its country: Cape Canaveral and Florida are news of the United States) adds each of them
that the article does not name itself, as a zero-width entity at the name's start with
``source="implied"`` (:meth:`Gazetteer.implied`, called by the extractor once both tiers are merged). Readers, routes and key-entity recall see them; the rules and the event
extractor do not (an implied country neither triggers nor acts).
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

import ahocorasick
import yaml
from pydantic import BaseModel, ValidationError, field_validator, model_validator

from agents.enrich.body_names import body_forms
from agents.enrich.credit_lines import credit_forms, credit_spans
from agents.enrich.places import geonames_cities, place_entries
from agents.enrich.region_heads import HeadNames, head_names, named_region, with_heads
from agents.enrich.spellings import variants as spelling_variants
from agents.enrich.text import boundary_text, lower_same_length, plain_lower
from streams.core.errors import ConfigError
from streams.core.records import Entity, new_entity

PACKAGED_DIR = Path(__file__).resolve().parents[1] / "data" / "gazetteer"
#: libyaml's parser when PyYAML has it (the packaged files parse ~7x faster, at every worker
#: start); the same safe constructor, so the same data, either way
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Capitalised words that often stand before a place name, or a titled surname ("President
# Trump"), without being a first name.
_NOT_FIRST_NAMES = frozenset(
    "In At From To For The And With By On Of About Against Across Into Near Over Toward Towards "
    "Via Neighbouring Neighboring Northern Southern Eastern Western Central Both Neither Nor Or But "
    "If While As After Before Since Visiting Including Like "
    "President Former Mr Mrs Ms Dr Senator Governor Chancellor Premier Minister Secretary Leader".split()
)

# match modes
_ANY_CASE, _EXACT, _AMBIGUOUS = 0, 1, 2


class GazetteerEntry(BaseModel):
    model_config = {"extra": "forbid", "frozen": True}

    id: str
    label: str
    names: list[str] = []
    case_sensitive_names: list[str] = []
    ambiguous_names: list[str] = []
    context: list[str] = []
    credit_names: list[str] = []
    tags: list[str] = []
    implies: list[str] = []
    #: the name an implied mention shows (a country named by its city); else the first exact-case name
    display: str | None = None
    description: str | None = None

    @field_validator("id")
    @classmethod
    def _id(cls, v: str) -> str:
        if not re.fullmatch(r"[a-z]+:[A-Za-z0-9][A-Za-z0-9._-]*", v):
            raise ValueError(f"id must look like kind:key (e.g. country:KP), got {v!r}")
        return v

    @field_validator("label")
    @classmethod
    def _label(cls, v: str) -> str:
        if not re.fullmatch(r"[A-Z][A-Z_]*", v):
            raise ValueError(f"label must be UPPERCASE (e.g. COUNTRY), got {v!r}")
        return v

    @field_validator("names", "case_sensitive_names", "ambiguous_names", "context", "credit_names")
    @classmethod
    def _names(cls, v: list[str]) -> list[str]:
        for name in v:
            if not isinstance(name, str) or not any(c.isalnum() for c in name):
                raise ValueError(f"a name needs at least one letter or digit, got {name!r}")
        return v

    @model_validator(mode="after")
    def _some_name(self) -> "GazetteerEntry":
        if not (self.names or self.case_sensitive_names or self.ambiguous_names or self.credit_names):
            raise ValueError("entry has no names")
        if self.context and not self.ambiguous_names:
            raise ValueError("context applies only to ambiguous_names")
        return self


@dataclass(frozen=True, slots=True)
class _Variant:
    id: str
    label: str
    mode: int
    form: str  # normalised, original case (for exact checks)
    context: tuple[str, ...] = ()
    dotted: bool = False  # the name ends with "." ("U.S."): keep it in the entity text

    def __reduce__(self) -> tuple[type, tuple[str, str, int, str, tuple[str, ...], bool]]:
        # for the gazetteer cache: 2.5x faster to unpickle than the dataclass's own __setstate__
        return _Variant, (self.id, self.label, self.mode, self.form, self.context, self.dotted)


def _norm(name: str) -> str:
    return boundary_text(name).strip()


class Gazetteer:
    """Canonical names; ``extract`` finds them in text. Build with ``Gazetteer.load``."""

    def __init__(self, entries: Iterable[GazetteerEntry], heads: HeadNames | None = None):
        self.entries: dict[str, GazetteerEntry] = {}
        #: subdivisions named with a head noun ("Bryansk region"): :mod:`agents.enrich.region_heads`
        self._heads: HeadNames = heads or {}
        self._aliases: dict[str, list[_Variant]] = {}
        for entry in entries:
            self._add(entry)
        self._add_spellings()
        self._add_body_forms()
        for variants in self._aliases.values():
            # exact-case variants are tried first: "Turkey" the country before any plain name
            variants.sort(key=lambda v: -v.mode)
        self._automaton = self._index(self._aliases)
        self._credits = _credit_variants(self.entries)

    @staticmethod
    def _index(aliases: dict[str, list[_Variant]]) -> ahocorasick.Automaton:
        automaton = ahocorasick.Automaton()
        for key, variants in aliases.items():
            automaton.add_word(f" {key} ", (len(key) + 2, tuple(variants)))
        if aliases:
            automaton.make_automaton()
        return automaton

    def state(self) -> tuple[dict[str, GazetteerEntry], dict[str, list[_Variant]], HeadNames]:
        """What :meth:`from_state` needs to make this gazetteer again without reading or
        normalising a name (the gazetteer cache, :mod:`agents.enrich.gazetteer_cache`)."""
        return self.entries, self._aliases, self._heads

    @classmethod
    def from_state(cls, entries: dict[str, GazetteerEntry], aliases: dict[str, list[_Variant]],
                   heads: HeadNames | None = None) -> "Gazetteer":
        gaz = cls.__new__(cls)
        gaz.entries, gaz._aliases, gaz._heads = entries, aliases, heads or {}
        gaz._automaton = cls._index(aliases)
        gaz._credits = _credit_variants(entries)
        return gaz

    def _add(self, entry: GazetteerEntry) -> None:
        old = self.entries.get(entry.id)
        if old is not None and old.label != entry.label:
            raise ValueError(f"id {entry.id} was loaded before with label {old.label}, not {entry.label}")
        self.entries[entry.id] = entry if old is None else old
        ctx = tuple(lower_same_length(_norm(c)) for c in entry.context)
        for mode, names in ((_ANY_CASE, entry.names), (_EXACT, entry.case_sensitive_names),
                            (_AMBIGUOUS, entry.ambiguous_names)):
            for name in names:
                form = _norm(name)
                forms = {form, form.upper()} if mode == _EXACT else {form}
                for f in forms:
                    key = lower_same_length(f)
                    variants = self._aliases.setdefault(key, [])
                    # a later file (an operator dir) overrides what the same alias meant before
                    variants[:] = [v for v in variants
                                   if not (v.mode == mode and (mode == _ANY_CASE or v.form == f))]
                    variants.append(_Variant(entry.id, entry.label, mode, f, ctx, name.endswith(".")))

    def _add_spellings(self) -> None:
        """The forms one transliteration step from the names of sites, vehicles, spacecraft and
        people (:mod:`agents.enrich.spellings`), in their own case only."""
        self._add_derived((entry, spelling, _EXACT) for entry in self.entries.values() if entry.label in _TRANSLITERATED
                          for name in (*entry.names, *entry.case_sensitive_names)
                          for spelling in spelling_variants(name))

    def _add_body_forms(self) -> None:
        """A state body's name in the forms news gives it (:mod:`agents.enrich.body_names`: "Russia's
        Ministry of Defence" for "Russian Defence Ministry"), in the source name's match mode."""
        country_forms: dict[str, tuple[str, ...]] = {}
        for entry in self.entries.values():
            if entry.label == "COUNTRY":
                forms = tuple(dict.fromkeys((*entry.names, *entry.case_sensitive_names)))
                for f in forms:
                    country_forms.setdefault(f, forms)
        self._add_derived((entry, body, mode) for entry in self.entries.values() if entry.label in ("AGENCY", "ORG")
                          for mode, names in ((_ANY_CASE, entry.names), (_EXACT, entry.case_sensitive_names))
                          for name in names for body in body_forms(name, country_forms))

    def _add_derived(self, derived: Iterable[tuple[GazetteerEntry, str, int]]) -> None:
        """Forms made from the entries' names (entry, form, match mode), added where no entry holds the
        form already and no two entries make it; an exact-case form also in capitals (a headline)."""
        made: dict[str, dict[str, _Variant]] = {}  # key -> form as written -> variant
        clash: set[str] = set()
        for entry, written, mode in derived:
            form = _norm(written)
            key = lower_same_length(form)
            if key in self._aliases:
                continue
            forms = made.setdefault(key, {})
            if any(v.id != entry.id for v in forms.values()):
                clash.add(key)
            for f in ((form, form.upper()) if mode == _EXACT else (form,)):
                forms[f] = _Variant(entry.id, entry.label, mode, f)
        for key, forms in made.items():
            if key not in clash:
                self._aliases[key] = list(forms.values())

    @classmethod
    def load(cls, extra_dirs: Sequence[Path] = (), *, places: bool = True) -> "Gazetteer":
        """Packaged files, then each operator dir; first, unless ``places=False``, the
        provinces and cities of :mod:`agents.enrich.places` whose names no file holds."""
        entries: list[GazetteerEntry] = []
        for path in gazetteer_files(extra_dirs):
            entries += _read_file(path)
        heads = None
        if places:
            entries = _place_entries(entries) + entries
            heads = head_names()
            geonames_cities.cache_clear()  # ~75 MB a worker need not keep once both are built
        try:
            return cls(entries, heads)
        except ValueError as e:
            raise ConfigError(f"gazetteer: {e}") from e

    def lookup(self, name: str) -> GazetteerEntry | None:
        """The entry a whole name means, ignoring case rules (used to canonicalise NER output)."""
        for v in self._aliases.get(lower_same_length(_norm(name)), ()):
            if v.mode != _AMBIGUOUS:  # "Electron" from NER is not evidence of a rocket
                return self.entries[v.id]
        region = named_region(name, self._heads) if self._heads else None  # "Arkhangelsk Region"
        return self.entries.get(region) if region else None

    def holds(self, name: str) -> bool:
        """Whether any entry has ``name`` as one of its names, in any match mode."""
        return lower_same_length(_norm(name)) in self._aliases

    def extract(self, text: str) -> list[Entity]:
        if not self._aliases or not text:
            return []
        plain, lower = plain_lower(text)
        padded = f" {lower} "
        found: list[tuple[int, int, _Variant]] = []
        for end, (klen, variants) in self._automaton.iter(padded):
            start, stop = end - klen + 1, end - 1  # the name's offsets in text
            if _WORD_GOES_ON.match(text, stop):
                continue
            for v in variants:
                if v.mode == _ANY_CASE or self._accept(v, text, plain, padded, start, stop):
                    if v.dotted and text.startswith(".", stop):
                        stop += 1
                    found.append((start, stop, v))
                    break
        if self._credits:
            found += [(s, e, self._credits[form]) for s, e, form in credit_spans(text, self._credits)]
        ents = _resolve(found, text)
        if self._heads:
            ents = with_heads(ents, text, self._heads)
        return _with_designations(ents, text)

    def implied(self, ents: list[Entity]) -> list[Entity]:
        """``ents`` and, once each, the ids their entries imply that no entity already has
        (named by the implied entry's first exact-case name, its common one, zero-width at the implying name's start)."""
        have = {e.id for e in ents}
        extra = []
        for e in ents:
            entry = self.entries.get(e.id) if e.id else None
            for iid in entry.implies if entry is not None else ():
                target = self.entries.get(iid)
                # a site's province is implied at every mention of the site, even when the article
                # names the province elsewhere: the stories read where each launch was from
                if target is not None and (iid not in have or (e.label == "SITE" and target.label == "REGION")):
                    have.add(iid)
                    name = target.display or next(iter(target.case_sensitive_names or target.names
                                                       or target.ambiguous_names), iid)
                    extra.append(new_entity(name, target.label, iid, e.start, e.start, "implied"))
        return sorted(ents + extra, key=lambda e: (e.start, e.end)) if extra else ents

    @staticmethod
    def _accept(v: _Variant, text: str, plain: str, padded: str, start: int, stop: int) -> bool:
        if plain[start:stop] != v.form:
            return False
        if v.mode == _EXACT:
            return True
        if v.context:  # a vehicle or similar: the context words decide
            return any(f" {c} " in padded for c in v.context)
        return not _in_personal_name(text, start, stop)


#: the kinds whose names reach English copy through transliteration (:mod:`agents.enrich.spellings`)
_TRANSLITERATED = frozenset({"SITE", "VEHICLE", "SPACECRAFT", "PERSON"})


def _credit_variants(entries: dict[str, GazetteerEntry]) -> dict[str, _Variant]:
    """Each ``credit_names`` form -> the variant a credit line's match stands for."""
    forms = credit_forms((e.id, e.credit_names) for e in entries.values() if e.credit_names)
    return {f: _Variant(eid, entries[eid].label, _EXACT, f) for f, eid in forms.items()}


def gazetteer_files(extra_dirs: Sequence[Path] = ()) -> list[Path]:
    """The files :meth:`Gazetteer.load` reads, in order: packaged, then each operator dir's."""
    files = sorted(PACKAGED_DIR.glob("*.yaml"))
    for d in extra_dirs:
        d = Path(d)
        if not d.is_dir():
            raise ConfigError(f"gazetteer directory {d} does not exist")
        files += sorted(d.glob("*.yaml"))
    return files


def _place_entries(curated: list[GazetteerEntry]) -> list[GazetteerEntry]:
    """Package places whose names no curated entry holds: a curated name keeps its meaning."""
    taken = {lower_same_length(_norm(n)) for e in curated
             for n in (*e.names, *e.case_sensitive_names, *e.ambiguous_names)}
    out = []
    for raw in place_entries():
        names = [n for n in raw["case_sensitive_names"] if lower_same_length(_norm(n)) not in taken]
        if names:
            # the first tag is the ISO country code: Florida and Houston are news of country:US
            implies = [f"country:{raw['tags'][0]}"] if raw.get("tags") else []
            out.append(GazetteerEntry.model_construct(**{**raw, "case_sensitive_names": names, "names": [],
                                                         "ambiguous_names": [], "context": [], "implies": implies,
                                                         "description": None}))
    return out


#: an apostrophe that joins two parts of one word, not a possessive or a contraction: "Modi'in" is a
#: town, not Modi; "Modi's" and "Modi'll" are still the name
_WORD_GOES_ON = re.compile(r"['\u2019](?!(?:s|ll|re|ve|d)\b)[a-z]", re.IGNORECASE)


def _in_personal_name(text: str, start: int, stop: int) -> bool:
    """True when the name sits next to a capitalised word in the same phrase: after a first
    name ("Michael Jordan") or before a surname ("Chad Johnson")."""
    if start >= 2 and text[start - 1] == " ":
        before = text[max(0, start - 40):start - 1].split()
        word = before[-1] if before else ""
        if word.isalpha() and word[0].isupper() and word not in _NOT_FIRST_NAMES:
            return True
    if text[stop:stop + 1] == " ":
        after = text[stop + 1:stop + 40].split()
        word = after[0] if after else ""
        if word.isalpha() and word[0].isupper() and not word.isupper() and word not in _NOT_FIRST_NAMES:
            return True
    return False


# a family member's designation right after a vehicle or spacecraft name: "PSLV-C55",
# "Shaheen 1-A", "Agni-3", "Starship SN4", "Ofek 7", "DF-5B", "Atlas V", "Chinasat 6C"
# (or a serial word and number: "Super Heavy Booster 7", "Starship Ship 24", "Falcon 9 Block 5")
_DESIGNATION = re.compile(r"(?:-| )(?:[A-Z]{0,3}-?\d{1,3}[A-Za-z]{0,2}(?:[- ][A-Z0-9]{1,2})?|[IVX]{1,4}|(?:Booster|Ship|Block) \d{1,3})(?![\w-])")
_DESIGNATED = frozenset({"VEHICLE", "SPACECRAFT"})


def _with_designations(ents: list[Entity], text: str) -> list[Entity]:
    """Vehicle and spacecraft names stretched over a designation that follows them; the
    family's id stays. Spans stay disjoint: a designation never runs into the next entity."""
    out = []
    for i, e in enumerate(ents):
        if e.label in _DESIGNATED:
            m = _DESIGNATION.match(text, e.end)
            nxt = ents[i + 1].start if i + 1 < len(ents) else len(text)
            if m and m.end() <= nxt and not text[e.start:e.end][-1:].isdigit():
                e = new_entity(text[e.start:m.end()], e.label, e.id, e.start, m.end(), e.source)
        out.append(e)
    return out


def _resolve(found: list[tuple[int, int, _Variant]], text: str) -> list[Entity]:
    starts: list[int] = []  # kept spans, sorted and disjoint
    keep: list[tuple[int, int, _Variant]] = []
    companions: dict[tuple[int, str], Entity] = {}
    for start, stop, v in sorted(found, key=lambda f: (f[0] - f[1], f[0])):  # longest first
        i = bisect.bisect_right(starts, start)
        if (i and keep[i - 1][1] > start) or (i < len(keep) and keep[i][0] < stop):
            # a country named in a state body's name ("Russian Defence Ministry") is still
            # news of that country: a zero-width companion at the body's start
            if v.label == "COUNTRY" and i and keep[i - 1][1] >= stop and keep[i - 1][2].label == "AGENCY":
                at = keep[i - 1][0]
                companions.setdefault((at, v.id), new_entity(text[start:stop], v.label, v.id, at, at, "gazetteer"))
            continue
        starts.insert(i, start)
        keep.insert(i, (start, stop, v))
    out = [new_entity(text[s:e], v.label, v.id, s, e, "gazetteer") for s, e, v in keep]
    if companions:
        out = sorted(out + list(companions.values()), key=lambda e: (e.start, e.end))
    return out


def _read_file(path: Path) -> list[GazetteerEntry]:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
    except (OSError, yaml.YAMLError) as e:
        raise ConfigError(f"gazetteer {path}: cannot read: {e}") from e
    if data is None:
        return []
    if not isinstance(data, list):
        raise ConfigError(f"gazetteer {path}: expected a list of entries, got {type(data).__name__}")
    out = []
    for i, raw in enumerate(data):
        name = raw.get("id", f"#{i + 1}") if isinstance(raw, dict) else f"#{i + 1}"
        try:
            out.append(GazetteerEntry.model_validate(raw))
        except ValidationError as e:
            problems = "; ".join(f"{'.'.join(map(str, err['loc'])) or 'entry'}: {err['msg']}" for err in e.errors())
            raise ConfigError(f"gazetteer {path}: entry {i + 1} ({name}): {problems}") from e
    return out


@functools.lru_cache(maxsize=1)
def owner_countries() -> dict[str, frozenset[str]]:
    """Packaged agencies and organisations -> the countries their entries imply (the IRGC is
    Iran's, JAXA Japan's): a story reads "Iran launched" and "the IRGC said it launched" as
    one actor's word."""
    out: dict[str, frozenset[str]] = {}
    for path in sorted(PACKAGED_DIR.glob("*.yaml")):
        for entry in _read_file(path):
            countries = frozenset(i for i in entry.implies if i.startswith("country:"))
            if countries and entry.label in ("AGENCY", "ORG"):
                out[entry.id] = countries
    return out
