"""Provinces, regions and states named by the head noun news writes with them: "Bryansk region",
"Kyiv Oblast", "Hodeidah province", "the Kyiv, Poltava and Kirovohrad regions", "Zaporizhzhia and
Kherson regions", "the central region of Cherkasy", "Hokkaido and Aomori prefectures".

Why a reader of its own: ISO 3166-2 (``pycountry``) names many subdivisions in a form news never
writes ("Bryanskaya oblast'", "Kyivska oblast", "Al Ḩudaydah"), and news names them by their
namesake city with a head noun, in lists that share one head. The gazetteer's names cannot hold
every name with every head, and a list ("the Kyiv, Poltava and Kirovohrad regions") is no one name.

The names (:func:`head_names`, built once from the packages, kept in the gazetteer cache):

- each subdivision's own names (:func:`agents.enrich.places.subdivision_names`: "Odisha", "Zhejiang",
  "North Pyongan"), with no length or common-word limit: the head noun says what they are ("Utah state");
- the names of its namesake city, from GeoNames: the city of the subdivision's country whose name,
  or one of whose GeoNames spellings, is the subdivision's adjective without its ending ("Bryanskaya"
  -> Bryansk, "Kyivska" -> Kyiv, "Odeska" -> Odesa, "Dnipropetrovska" -> Dnipro, spelt
  "Dnipropetrovsk"), or is the subdivision's name itself ("Al Ḩudaydah"). That city's Latin
  spellings (Kiev, Odessa, Zaporozhye, Kharkov, Hodeida) then name the subdivision before a head,
  and Arabic's final "-a"/"-ah" both ("Hodeida province", "Hodeidah province").

Where a name means several subdivisions, the one whose own type is the head wins ("Punjab province"
is Pakistan's, "Punjab state" India's), then the more populous country's. A city-like subdivision
("Kyiv", the city with special status) never answers a general head ("Kyiv region" is the oblast).

The reader (:func:`read`): a head noun (region, oblast, province, governorate, prefecture, state,
krai; district, county and department only for subdivisions of that type) after one name, or in
the plural after a list of them joined by commas and "and"/"or" (a name it does not know is passed
over: "the Kharkiv, Sumy and Chernihiv regions"), or ending "and other <heads>" ("Hokkaido, Aomori
and other prefectures", where a national capital stays the city: "targeted Kyiv and other regions");
or a head followed by "of <Name>" ("the region of Belgorod"), or of a list ("Ukraine's regions of
Kyiv, Kharkiv and Kherson"). The name is one to three capitalised words, and its entity spans
the name alone ("Kursk" of "Kursk region"; :func:`named_region` reads a whole "Kursk region"). A name
becomes a REGION entity in place of a city, region or site the gazetteer matched on the same words
("Bryansk" the city, "Semnan" the launch site); a name the gazetteer gave another kind (an
organisation, a country) keeps it.
"Kyiv" alone stays the city: only the head makes it the region.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import Any, NamedTuple

from agents.enrich import places
from streams.core.records import Entity, new_entity

#: name key -> candidates (region id, subdivision type in lower case), most preferred first
HeadNames = dict[str, tuple[tuple[str, str], ...]]


class Hit(NamedTuple):
    """A subdivision named with a head: the name's span and the region id."""

    start: int
    end: int
    id: str
    #: in a list that ends "and other <heads>": a capital there is named as the city ("Kyiv and other regions")
    among_others: bool = False


#: heads any region-like subdivision answers to; the others (district, county, department) only one of that type
_GENERAL = ("region", "oblast", "province", "governorate", "prefecture", "state", "krai", "kray")
_HEAD = re.compile(r"\b(?P<head>(?:[Rr]egion|[Oo]blast|[Pp]rovince|[Gg]overnorate|[Pp]refecture|[Ss]tate|"
                   r"[Dd]istrict|[Dd]epartment)(?P<plural>s)?|[Kk]ra[iy]|[Cc]ount(?:y|(?P<ies>ies)))\b")
#: a capitalised word of a place name ("Pyong'an", "Ivano-Frankivsk")
_WORD = r"[A-Z][A-Za-z\u00C0-\u024F'\u2019-]*[A-Za-z\u00C0-\u024F]|[A-Z]"
_NAME_BEFORE = re.compile(rf"(?<![\w'\u2019-])(?:{_WORD})(?: (?:{_WORD})){{0,2}}$")
_NAME_AFTER = re.compile(rf"(?:{_WORD})(?: (?:{_WORD})){{0,2}}")
_LIST_GLUE_BEFORE = re.compile(r"(?:,? (?:and|or|&)|,) $")
_LIST_GLUE_AFTER = re.compile(r"(?:,? (?:and|or|&)|,) ")
_AND_OTHER = re.compile(r",? (?:and|or) other$")
#: a subdivision type that is a city or part of one: never the answer to a general head
_CITY_LIKE = re.compile(r"city|municipal|capital|town|borough|council|commune|quarter|ward|parish")


def key(name: str) -> str:
    """How a name is looked up: Latin letters without marks, apostrophes dropped, hyphens as
    spaces, lower case ("Pyong'an" = "Pyongan", "Ivano-Frankivsk" = "ivano frankivsk")."""
    return " ".join(places.ascii_name(name).replace("-", " ").lower().split())


def read(text: str, names: HeadNames) -> list[Hit]:
    """Each subdivision named with a head noun, its span the name's alone:
    the head is a type word, and "Kursk" is what a reader quotes of "Kursk region"."""
    out: list[Hit] = []
    for m in _HEAD.finditer(text):
        head = m.group("head").lower()
        head = "county" if head.startswith("count") else head.rstrip("s") if m.group("plural") else head
        plural = bool(m.group("plural") or m.group("ies"))
        out += _names_before(text, m.start(), head, plural, names)
        if text.startswith(" of ", m.end()) and head in _GENERAL:
            out += _names_after(text, m.end() + 4, head, plural, names)
    return out


def named_region(name: str, names: HeadNames) -> str | None:
    """The subdivision a whole name with its head means ("Arkhangelsk Region", "Kyiv Oblast"), else None."""
    hits = read(name, names)
    if len(hits) == 1 and hits[0].start == 0 and _HEAD.fullmatch(name[hits[0].end:].strip()):
        return hits[0].id
    return None


def _names_before(text: str, head_at: int, head: str, plural: bool, names: HeadNames) -> list[Hit]:
    found: list[Hit] = []
    if text[head_at - 1:head_at] != " ":
        return found
    end = head_at - 1  # just past the name
    other = _AND_OTHER.search(text, max(0, end - 12), end) if plural else None
    if other:  # "Hokkaido, Aomori and other prefectures"
        end = other.start()
    while end > 0:
        m = _NAME_BEFORE.search(text, max(0, end - 60), end)
        if m is None:
            break
        hit = _longest_before(text, m.start(), end, head, names)
        if hit is not None:
            found.append(hit._replace(among_others=bool(other)))
        if not plural or (hit is None and not found):
            break  # a list is read past a name it does not know ("the Kharkiv, Sumy and Chernihiv regions")
        at = hit.start if hit else m.start()
        glue = _LIST_GLUE_BEFORE.search(text, max(0, at - 6), at)
        if glue is None:
            break
        end = glue.start()
    return found[::-1]


def _longest_before(text: str, start: int, end: int, head: str, names: HeadNames) -> Hit | None:
    """The longest run of the words text[start:end] ends with that names a subdivision."""
    words = list(re.finditer(r"\S+", text[start:end]))
    for first in range(len(words)):
        s = start + words[first].start()
        rid = choose(names.get(key(text[s:end]), ()), head)
        if rid:
            return Hit(s, end, rid)
    return None


def _names_after(text: str, at: int, head: str, plural: bool, names: HeadNames) -> list[Hit]:
    """The name after "<head> of", or the list after "<heads> of" ("Ukraine's regions of Kyiv, Kharkiv and Kherson")."""
    found: list[Hit] = []
    while True:
        m = _NAME_AFTER.match(text, at)
        if not m:
            return found
        hit = _longest_after(text, at, m.group(), head, names)
        if hit is not None:
            found.append(hit)
        glue = _LIST_GLUE_AFTER.match(text, m.end()) if plural else None
        if glue is None or (hit is None and not found):
            return found
        at = glue.end()


def _longest_after(text: str, at: int, run: str, head: str, names: HeadNames) -> Hit | None:
    """The longest run of the words ``run`` (at ``at``) starts with that names a subdivision."""
    words = list(re.finditer(r"\S+", run))
    for last in range(len(words), 0, -1):
        end = at + words[last - 1].end()
        rid = choose(names.get(key(text[at:end]), ()), head)
        if rid:
            return Hit(at, end, rid)
    return None


def choose(candidates: Iterable[tuple[str, str]], head: str) -> str | None:
    """The subdivision a name with this head means: one of the head's own type first, then (for a
    general head) the first region-like one; None if none fits."""
    candidates = tuple(candidates)
    for rid, kind in candidates:
        if head in kind:
            return rid
    if head in _GENERAL:
        for rid, kind in candidates:
            if not _CITY_LIKE.search(kind):
                return rid
    return None


#: what a name before a head noun is read as the subdivision in place of: a city or region of that name, or a
#: launch site named after its province ("Khorasan, Semnan, Tehran, Isfahan and Yazd provinces")
_PLACE_LABELS = frozenset({"CITY", "REGION", "SITE"})


def with_heads(ents: list[Entity], text: str, names: HeadNames) -> list[Entity]:
    """``ents`` (the gazetteer's, sorted, disjoint) with each subdivision :func:`read` finds in place of
    the places matched on its words; a name another kind of entity holds (an organisation) stays as it was."""
    hits = read(text, names)
    if not hits:
        return ents
    out = list(ents)
    for start, end, rid, among_others in hits:
        inside = [e for e in out if e.start < end and start < e.end and e.end > e.start]
        if any(e.id == rid for e in inside) or any(e.label not in _PLACE_LABELS for e in inside):
            continue
        if among_others and any(e.id in places.capital_countries() for e in inside):
            continue  # "targeted Kyiv and other regions": the capital
        if any(e.start < start or e.end > end for e in inside):
            continue  # a longer place name runs past the name ("New York City region")
        out = [e for e in out if e not in inside]
        out.append(new_entity(text[start:end], "REGION", rid, start, end, "gazetteer"))
    return sorted(out, key=lambda e: (e.start, e.end))


@functools.lru_cache(maxsize=1)
def head_names() -> HeadNames:
    """Every subdivision's names and its namesake city's spellings (see the module docstring)."""
    subs = places.subdivisions()
    if not subs:
        return {}
    latin = _latin_names_by_country(places.geonames_cities())
    own: dict[str, list[tuple[str, str]]] = {}
    city: dict[str, list[tuple[str, str]]] = {}
    for sub in subs:  # most populous country first
        rid, kind = f"region:{sub.code}", sub.type.lower()
        for name in places.subdivision_names(sub):
            if not set(name.split()) <= places.GENERIC_WORDS:  # "Far East region", "region of Western Japan"
                own.setdefault(key(name), []).append((rid, kind))
        for name in _namesake_names(sub, latin.get(sub.country_code, {})):
            city.setdefault(key(name), []).append((rid, kind))
    out: HeadNames = {}
    for k in own.keys() | city.keys():
        both = own.get(k, []) + [c for c in city.get(k, []) if c not in own.get(k, [])]
        out[k] = tuple(dict.fromkeys(both))
    return out


def _latin_names_by_country(cities: dict[str, Any]) -> dict[str, dict[str, tuple[int, tuple[str, ...]]]]:
    """country -> Latin spelling -> (population, all Latin spellings of the most populous city spelt so)."""
    out: dict[str, dict[str, tuple[int, tuple[str, ...]]]] = {}
    for c in cities.values():
        spellings = tuple(dict.fromkeys(n for n in (c["name"], places.ascii_name(c["name"]), *c.get("alternatenames", ()))
                                        if _latin_name(n)))
        by_name = out.setdefault(c["countrycode"], {})
        for n in spellings:
            if c["population"] > by_name.get(n, (-1, ()))[0]:
                by_name[n] = (c["population"], spellings)
    return out


#: the adjective endings ISO 3166-2 gives East Slavic subdivisions: Ukrainian "Kyivska", Russian
#: "Bryanskaya", "Krasnodarskiy", Belarusian "Minskaja"; what is left names the namesake city
_ADJECTIVE = re.compile(r"(?:k(?:aya|aja|iy|ij|yi|a)|aya|aja)$")
_ENDINGS = ("skaya", "skaja", "skiy", "skij", "ska", "zka", "kaya", "kaja", "kiy", "aya", "aja", "ka", "a")


def _namesake_names(sub: Any, latin: dict[str, tuple[int, tuple[str, ...]]]) -> tuple[str, ...]:
    """The Latin spellings of the city the subdivision is named after; empty if none is found."""
    base = places.strip_type(sub.name)
    candidates = [base, places.ascii_name(base)]
    adjective = places.ascii_name(base)
    stems: list[str] = []
    if " " not in adjective and _ADJECTIVE.search(adjective):
        # the longest stem first: "Leningradskaya" is Leningrad's, not the village of Leningradskaya
        stems = sorted({adjective[:-len(e)] for e in _ENDINGS
                        if adjective.endswith(e) and len(adjective) - len(e) >= 3}, key=len, reverse=True)
        # a stem's consonant as the adjective changes it: "Kaluzhskaya" is Kaluga's ("-zh-" for "-g-")
        stems += [stem[:-2] + "g" for stem in stems if stem.endswith("zh")]
    for stem in stems + candidates:  # the city is spelt exactly as a stem or as the name
        if stem in latin:
            return _other_endings(latin[stem][1])
    # a stem the city's name runs on from by a few letters ("Odes" -> Odesa, "Zaporiz" -> Zaporizhzhia)
    # a short stem only one letter short ("Sumska" -> Sumy)
    fits = [v for stem in stems for n, v in latin.items()
            if n.startswith(stem) and (len(n) - len(stem) <= 5 if len(stem) >= 4 else len(n) == len(stem) + 1)]
    return _other_endings(max(fits)[1]) if fits else ()


#: the East Slavic adjective ending "-ський"/"-ский", written "-skyi", "-skiy", "-sky", "-ski"
_SKY = re.compile(r"(?<=sk)(?:yi|iy|ij|yy|y|i)$")


def _other_endings(spellings: tuple[str, ...]) -> tuple[str, ...]:
    """The endings transliteration writes either way: Arabic's final ta marbuta "-a" or "-ah" ("Hodeida",
    "Hodeidah"); East Slavic "-skyi", "-sky", "-skiy" ("Khmelnytskyi", "Khmelnytsky")."""
    extra = [n + "h" for n in spellings if n.endswith("a")] + [n[:-1] for n in spellings if n.endswith("ah")]
    extra += [_SKY.sub(e, n) for n in spellings if _SKY.search(n) for e in ("yi", "iy", "y", "i")]
    return tuple(dict.fromkeys((*spellings, *extra)))


def _latin_name(name: str) -> bool:
    """A spelling written in Latin letters as a name: capitalised, with a lower-case letter (not a
    code such as "IEV"), four letters or more."""
    return (name.isascii() and name[:1].isupper() and any(c.islower() for c in name)
            and sum(c.isalpha() for c in name) >= 4 and all(c.isalpha() or c in " -'" for c in name))
