"""Names a neighbouring word or name gives away (the model-free tier, after
:mod:`agents.enrich.coreference`): :func:`neighbour_names` and :func:`with_directions`.

Small places, craft and people that no list holds are still named in ways that say what they
are. Each class reads one neighbour, so it applies to names never seen before:

- a geographic head word ends a place's name ("Arava Valley", "Ras Koh Hills", "Kharan
  Desert", "Santa Barbara County", "Kodiak Island");
- a word that means "town", "village", "house" or "hill" in the region's language opens it
  ("Kiryat Shmona", "Kfar Giladi", "Beit Hillel", "Tel Hai", "Deir al-Balah", "Mount Meron");
- a craft or ship noun before "named", "called" or "known as" ("the lander, named
  Odysseus", "a satellite called Tantrum", "a bulk carrier called the Tutor"), a plural one
  before the names ("two ships, Star Nasia and Morning Tide,", "the ships Star Nasia and Morning
  Tide"), a ship's prefix ("USS John Paul Jones");
- a head word in lower case after a place's or a base's name ("the Cumbre Vieja volcano",
  "the Nevatim air base");
- a phrase after the name says what it is (", a small coastal town", ", a refrigerator-sized
  satellite", "and other towns");
- a body's or facility's long form defines the acronym after it ("National Space Development
  Agency (Nasda)", "Integrated Test Range (ITR)"), and every later mention of it;
- a list takes the kind of the names in it that are known ("Kiryat Shmona, Metula and Tel
  Hai"; "Anton Shkaplerov, Anatoly Ivanishin and Daniel Burbank"): only a list closed by "and"
  is one ("in Tokyo, Kishida said" is not), and only when no item is known as something else.

:func:`with_directions` widens a known place by the direction word that opens its name
("Upper Galilee", "North Africa", "Western Galilee": the same place's part, its id kept), and
:func:`without_article_cities` drops a package city that is only the end of a longer name ("La
Palma" is not Palma).

Like the rule tier's other weak evidence, the names are added only where no entity lies, and
none is read in a title-case headline, where every word is capitalised.
"""

from __future__ import annotations

import itertools
import re
from typing import Iterable, Sequence

from agents.enrich.acronyms import definitions
from agents.enrich.capital_words import (CLAUSE_ADVERBS, DAY_WORDS, HOLIDAYS, NUMBER_WORDS, OPENERS, PRONOUNS,
                                          QUANTIFIERS, SAYERS)
from agents.enrich.name_heads import BODY_HEADS, FIRM_HEADS, JOIN_HEADS, ORG_HEADS, STATE_HEADS
from agents.enrich.name_spans import NOT_PERSON_WORDS, SHIP_PREFIX, TITLE_WORDS, title_case_line
from agents.enrich.patterns import LEDE_WORDS, LiteralStarts, by_first_letter, finditer_at
from streams.core.records import Entity, new_entity

Span = tuple[int, int, str, "str | None"]  # start, end, label, id

# A word of a place's or craft's name: "Shmona", "Ma’alot-Tarshiha", "al-Balah"
_WORD = r"(?:[A-Z][\w'’]*(?:-[A-Za-z][\w'’]*)*|(?:al|el|ad|ash|as|an|ar|at)-[A-Z][\w'’]*)"
# capitalised words that open a clause or a date, never a place's or craft's name
_NOT_NAME = (OPENERS | PRONOUNS | CLAUSE_ADVERBS | DAY_WORDS | NUMBER_WORDS | HOLIDAYS | SAYERS | QUANTIFIERS
             | frozenset(("Red", "Alert")))

# Every pattern starts with a letter of a closed word list or a literal, so re skips ahead to it
# (agents/enrich/patterns.py); the name before a head is then read backwards in a short window.
# the words before a head: one to three name words ending right at the window's end
_WORDS_BEFORE = re.compile(r"(?<![\w'’-])((?:" + _WORD + r" ){1,3})$")
# one to three name words ending right at the window's end (before a comma or "and other")
_NAME_ENDING = re.compile(r"(?<![\w'’-])(" + _WORD + r"(?: " + _WORD + r"){0,2})$")
# A place's head word, its last ("Arava Valley"); capitalised, so "the valley" in prose never counts
_PLACE_HEAD = re.compile(by_first_letter(
    r"(?:Valley|Desert|Hills|Mountains|Peninsula|Island|Islands|Atoll|County|Province|Prefecture|Governorate|"
    r"Oblast|Plateau|Heights|Glacier|Volcano)", word_start=True) + r"(?![\w'’-])")
# A place's first word in Hebrew, Arabic or English toponymy: town, village, house, hill, spring,
# monastery, valley, mountain, cape
_PLACE_PREFIX = re.compile(by_first_letter(
    r"(?:Kiryat|Qiryat|Kfar|Kafr|Kefar|Beit|Bayt|Beth|Tel|Tell|Ramat|Givat|Ma['’]ale|Mitzpe|Neve|Kibbutz|Moshav|"
    r"Deir|Dayr|Ein|Ain|Wadi|Jabal|Jebel|Mount|Mt\.)", word_start=True)
    + r" (" + _WORD + r"(?: " + _WORD + r")?)(?![\w'’-])")

# "the lander, named Odysseus", "a satellite called Tantrum", "a bulk carrier called the Tutor"
_CRAFT_NOUN = (r"(?:satellite|spacecraft|lander|rover|probe|capsule|module|orbiter|telescope|observatory|rocket|booster|"
               r"missile|vessel|ship|tanker|carrier|freighter|destroyer|frigate|submarine|aircraft|jet|plane)")
_CRAFT_NAMED = re.compile(
    by_first_letter(_CRAFT_NOUN, word_start=True) + r"s?[\"”]?,? (?:named|called|dubbed|christened|known as) (?:the )?[\"“]?("
    + _WORD + r"(?: (?:" + _WORD + r"|\d[\w-]*))*)")
_NAMING_WORDS = (" named ", " called ", " dubbed ", " christened ", " known as ")

# A word of a craft's name, its designation too: "S1-4", "Lize-1", "GX5"
_CRAFT_WORD = r"(?:[A-Z][\w'’]*(?:-[A-Za-z0-9][\w'’]*)*)"
# "two ships, Star Nasia and Morning Tide, in the Red Sea", "two British satellites, NovaSAR and S1-4, from":
# the names right after a plural craft noun
_CRAFT_APPOSITION = re.compile(
    by_first_letter(_CRAFT_NOUN, word_start=True) + r"s, (" + _CRAFT_WORD + r"(?: " + _CRAFT_WORD + r"){0,2})(?: and ("
    + _CRAFT_WORD + r"(?: " + _CRAFT_WORD + r"){0,2}))?(?=[,.;])")
# "GX5 is a mobile telecommunications satellite built by", "Lize-1 and Baoyun are scientific experiment
# satellites developed by": a sentence's subject defined as a craft (the noun not a modifier of another:
# "is a rocket company" defines no rocket); found from the literal " is a"/" are ", the names read backwards
_DEFINED_CRAFT = re.compile(r" (?:(is|was) (?:a|an)|(are|were)) (?:[a-z][\w'’-]* ){0,4}?" + _CRAFT_NOUN
                            + r"(s?)(?=[,.;:]| (?:built|developed|designed|made|operated|owned|launched|that|which|for|"
                            r"with|of|to|in|from|by|and|carrying|meant|intended|used)\b)")
_DEFINED_CRAFT_STARTS = LiteralStarts((" is a", " was a", " are ", " were "))  # every match opens with one
_CRAFT_NAMES_ENDING = re.compile(r"(?:^|(?<=[.!?] )|(?<=\n))(" + _CRAFT_WORD + r"(?: " + _CRAFT_WORD + r"){0,2})(?: and ("
                                 + _CRAFT_WORD + r"(?: " + _CRAFT_WORD + r"){0,2}))?$")
_PLURAL_COMMA = re.compile(r"s, (?=[A-Z])")
# "fired maritime missiles at the ships Star Nasia and Morning Tide": the names right after "the" and a plural ship noun
# (the literal "the " first and the word boundary before it checked behind, "(?<!\w.{4})": re then
# skips ahead to each "the ", ~9x faster than "\bthe " tried at every position; the same matches)
_SHIPS_NAMED = re.compile(r"the (?<!\w.{4})(?:ships|vessels|tankers|freighters|carriers|destroyers|frigates) (" + _WORD + r"(?: "
                          + _WORD + r"){0,2})(?: and (" + _WORD + r"(?: " + _WORD + r"){0,2}))?(?![\w'’-])")
# "residents of Abu, a small coastal town", "DSCOVR, a refrigerator-sized satellite": a name, then what it is;
# found from the literal ", a"/", an"/", the", the name then read backwards
_APPOSITION = re.compile(r", (?:a|an|the) (?:[\w'’-]+ ){0,3}?(?:(town|city|village|port|hamlet|community|district|suburb|"
                         r"island|province|region|kibbutz|moshav)|" + _CRAFT_NOUN + r")\b")
# "sirens sounded in multiple communities in northern Israel, including Meron, Sasa, Tziv'on, Bar'am, Bar Yohai":
# the names listed after a plural noun of inhabited places and "including"/"such as"/"of", each ended by a
# separator (a name running on into words the list cannot hold ends the list before it)
_LISTED_PLACES = re.compile(
    r"\b(?:communities|towns|villages|kibbutzim|moshavim|cities|localities|settlements)(?: (?:in|of|near|across|along|"
    r"around) (?:the )?(?:[\w'’-]+ ){0,3}?[\w'’-]+)?,? (?:including|such as|of) ((?:" + _WORD + r"(?: " + _WORD
    + r"){0,2}(?:, and |, | and ))+" + _WORD + r"(?: " + _WORD + r"){0,2})(?=[.,;:)]| and\b)")
_LISTED_PLACES_STARTS = LiteralStarts(("communities", "towns", "villages", "kibbutzim", "moshavim", "cities", "localities",
                                       "settlements"))  # every match opens with one (re tried each of their first letters)
_LIST_SEP = re.compile(r", and |, | and ")
# "Metula and other towns": the name before "and other" and a plural place noun
_AND_OTHER = re.compile(r" and other (?:towns|cities|villages|communities|areas|places|regions|provinces|islands|"
                        r"countries|states)\b")
# A ship's name right after the lower-case noun of its kind ("the merchant vessel True Confidence", "the
# Liberian-owned bulk carrier True Confidence", "the US-flagged oil tanker Torm Thor") or after its flag
# ("the Barbados-flagged True Confidence"); found from the noun (LEDE_WORDS), the name read after it
_SHIP_NOUNS = LEDE_WORDS.add(("vessel", "tanker", "bulk carrier", "aircraft carrier", "freighter", "destroyer", "frigate",
                              "warship", "cargo ship", "container ship", "merchant ship", "-flagged", "-registered",
                              "submarine", "cruiser", "corvette", "icebreaker"))
# (the name maybe in quotes: 'the submarine "Vladimir Monomakh"')
_NAME_AFTER = re.compile(r" [\"“]?(" + _WORD + r"(?: " + _WORD + r"){0,2})(?![\w'’/-]| \d)")
# a merchant ship's kind before its name ("MV Galaxy Leader", "M/T Marlin Luanda") is no part of the name
# news gives it alone; a navy's prefix is ("USS Carney", "HMS Diamond")
_MERCHANT_PREFIX = re.compile(r"(?:MV|MT|M/V|M/T)\.? ")
# capitalised words that end a ship's name written before its kind ("Rubymar Cargo ship")
_SHIP_KIND_WORDS = frozenset(("Cargo", "Ship", "Vessel", "Tanker", "Carrier", "Freighter"))
# A landing ship's name, which runs on through short words ("Of Course I Still Love You", "Just Read the
# Instructions", "A Shortfall of Gravitas"): after "drone ship"/"barge" (maybe "dubbed", "named" and a quote),
# or between "the" and "drone ship"
_SHIP_NAME_RUN = r"((?:[A-Z][\w'’]*)(?: (?:[A-Z][\w'’]*|of|the|a|I)){1,6})"
_DRONE_SHIP_AFTER = re.compile(r"\b(?:[Dd]rone ?ship|barge)(?:(?: --| —| –|,)? (?:dubbed|named|called))? [\"“‘']?" + _SHIP_NAME_RUN)
_DRONE_SHIP_BEFORE = re.compile(r"\b(?:the|[Tt]he|SpaceX['’]s) " + _SHIP_NAME_RUN + r" (?:drone ?ship|barge)\b")
_SHIP_NAME_JOINS = frozenset(("of", "the", "a"))
# A ship's name after its navy's or its kind's prefix ("USS John Paul Jones", "HMS Diamond", "MV Rubymar")
_SHIP_PREFIX = re.compile(by_first_letter(SHIP_PREFIX[:-3], word_start=True) + r"\.? " + _WORD + r"(?: (?:" + _WORD + r"|[A-Z]\.?)){0,3}(?![\w'’-])")
# A place or base named before a head word news writes in lower case ("the Cumbre Vieja volcano",
# "the Nevatim air base"): the name without its head, as news names it alone
_LOWER_HEAD = re.compile(by_first_letter(r"(?:volcano|desert|air ?base|naval base|military base|test site|launch site|"
                                         r"proving ground|base|military site|outpost|kibbutz|moshav|settlement|region)",
                                         word_start=True) + r"s?\b")
#: every match of _LOWER_HEAD opens with one of these (its alternatives written out)
_LOWER_HEADS = LEDE_WORDS.add(("volcano", "desert", "air base", "airbase", "naval base", "military base", "test site",
                              "launch site", "proving ground", "base", "military site", "outpost", "kibbutz", "moshav",
                              "settlement", "region"))
#: lower-case heads of an inhabited place or an area, not a facility ("the Matzuva kibbutz", "the Bekaa region")
_LOWER_PLACE_HEADS = frozenset(("volcano", "desert", "kibbutz", "moshav", "settlement", "region"))
# a package city right after a capitalised article is part of a longer name ("La Palma", not Palma)
_ARTICLE_BEFORE = re.compile(r"(?<![\w'’.-])(?:La|Le|Las|Los|Les|El|Il|Lo|Al) $")
_ARTICLE_ANY = re.compile(r"(?:L(?:a|e|as|os|es|o)|El|Il|Al) [A-Z]")

# the long form's last word says it names a body or a facility; other long forms are mostly terms
# ("Medium Earth Orbit (MEO)", "Intercontinental Ballistic Missile (ICBM)"), left out
_BODY_LAST = STATE_HEADS | frozenset(
    "Organisation Organization Institute Corporation Company Laboratory Laboratories University Academy Association "
    "Foundation Society Centre Center Program Programme Initiative Project Radio Television Broadcasting Network".split())
_FACILITY_LAST = frozenset("Range Site Facility Base Station Complex Cosmodrome Spaceport Observatory".split())
# a body's head that "of"/"for" continues is its head wherever it stands ("Office of Foreign Assets Control",
# "Center for a New American Security")
_BODY_FIRST = JOIN_HEADS | frozenset("Organisation Organization Institution Laboratory University".split())
# a weapon or system named in full ("Precision Strike Missile (PrSM)", "Long Range Discrimination Radar (LRDR)");
# the class terms written the same way are the closed set of generic acronyms (ICBM, SLBM, SLCM, HGV, MIRV ...)
# (no "Satellite": a satellite named in full is often named after its countries, "China-Brazil Earth Resource
# Satellite (CBERS)", and a craft's name takes the places inside it out of the story's places)
_SYSTEM_LAST = frozenset("Missile Missiles Rocket Radar System Interceptor Weapon Vehicle Launcher Strike Defense "
                         "Defence".split())
_CLASS_ACRONYM = re.compile(r"(?:[A-Z]{0,4}[BC]Ms?|HGVs?|MI?RVs?|MaRVs?|MARVs?|U?C?AVs?|UAS|SAMs?|AAMs?|ATGMs?|MLRS|MRLS|"
                            r"MANPADS|ASAT|BMD|IAMD|K?KVs?|EKV|RVs?|[LMHG]EO|GTO|SSO|SLV|LV|TEL|MRL)")

# A list: items separated by ", " and closed by "and" (", and", " and"); a separator before a capital
_SEPARATOR = re.compile(r"(?:, and |, | and )(?=[A-Z])")
_SEP = re.compile(r", and |, | and ")
_ITEM_AFTER = re.compile(r"(, and |, | and )(" + _WORD + r"(?: " + _WORD + r"){0,2})(?![\w'’-])")
_ITEM_BEFORE = re.compile(r"(?<![\w'’.-])(" + _WORD + r"(?: " + _WORD + r"){0,2})(, and |, | and )$")
_PLACE_KINDS = frozenset(("COUNTRY", "CITY", "REGION", "PLACE", "GPE"))
_NOT_ITEM_WORDS = ORG_HEADS | BODY_HEADS | FIRM_HEADS | _NOT_NAME | TITLE_WORDS
_DEMONYM = re.compile(r"(?:ean|ian|ese|ish|stani|aeli|aqi)s?$")
# a country matched by its people's name ("American and Soviet spacecraft", "Russians"): no list of places
_COUNTRY_AS_PEOPLE = re.compile(r"(?:ans?|ese|ish|i|is|ch|et)$")

# "Upper Galilee", "North Africa": a direction word right before a known place
_DIRECTIONS = r"(?:Upper|Lower|Northern|Southern|Eastern|Western|Central|North|South|East|West|Greater|Inner|Outer)"
_DIRECTION_AT = re.compile(by_first_letter(_DIRECTIONS, word_start=True) + " (?=[A-Z])")
_DIRECTION_LENGTHS = sorted({len(w) for w in _DIRECTIONS[3:-1].split("|")})
_DIRECTION_FIRSTS = frozenset(w[0] for w in _DIRECTIONS[3:-1].split("|"))
_WIDENED_KINDS = ("PLACE", "REGION", "CITY")


def neighbour_names(text: str, found: Sequence[Entity]) -> list[Span]:
    """The places and craft above, then the list-mates of ``found`` and of those places,
    as (start, end, label, id) spans, for :func:`agents.enrich.coreference.add_where_free`;
    ``text`` may be a prefix of the article (entities past it are left out)."""
    out: list[Span] = [(s, e, "GPE", None) for s, e in _headed_places(text) + _prefixed_places(text)]
    out += [(s, e, label, None) for s, e, label in _lower_headed(text)]
    out += [(s, e, "PRODUCT", None) for s, e in _named_craft(text)]
    out += _defined_acronyms(text, {e.end: e for e in found if e.id and e.end > e.start})
    out += _named_by_apposition(text)
    known = [(e.start, e.end, e.label) for e in found if e.start < e.end <= len(text)]
    known += [(s, e, label) for s, e, label, _ in out]
    return out + [(s, e, label, None) for s, e, label in _list_mates(text, sorted(known))]


def with_directions(found: list[Entity], text: str) -> list[Entity]:
    """``found`` with each place widened by the direction word that opens its name, id kept."""
    starts = _direction_starts(text, (e.start for e in found))  # where a widened name would start
    if not starts:
        return found
    out = []
    for e in found:
        if e.start in starts and e.label in _WIDENED_KINDS and e.end > e.start \
                and not title_case_line(text, starts[e.start], e.end):
            e = new_entity(text[starts[e.start]:e.end], e.label, e.id, starts[e.start], e.end, e.source)
        out.append(e)
    return out


def _direction_starts(text: str, at: Iterable[int]) -> dict[int, int]:
    """``{m.end(): m.start() for m in _DIRECTION_AT.finditer(text)}`` for the ends among ``at``: the
    pattern tried right before each (once per word length) instead of at every capital of the text.
    No two matches overlap (each opens a word and ends before a capital), so each is one finditer finds."""
    out: dict[int, int] = {}
    for s in at:
        if s in out or s < 2 or text[s - 1:s] != " " or not "A" <= text[s:s + 1] <= "Z":
            continue
        for n in _DIRECTION_LENGTHS:
            if s - 1 - n < 0 or text[s - 1 - n] not in _DIRECTION_FIRSTS:
                continue
            m = _DIRECTION_AT.match(text, s - 1 - n)
            if m is not None and m.end() == s:
                out[s] = m.start()
                break
    return out


def _usable(words: list[str]) -> bool:
    return bool(words) and not any(w in _NOT_NAME for w in words)


def _headed_places(text: str) -> list[tuple[int, int]]:
    found = []
    for h in _PLACE_HEAD.finditer(text):
        m = _WORDS_BEFORE.search(text, max(0, h.start() - 60), h.start()) if text[h.start() - 1:h.start()] == " " else None
        if not m:
            continue
        a, words = m.start(1), m.group(1).split()
        while words and (words[0] in _NOT_NAME or any(w.endswith(("'s", "’s")) for w in words)):
            # "In Kharan Desert", "Alaska's Kodiak Island", "South Korea's Baengnyeong Island": the name
            # starts after
            a += len(words.pop(0)) + 1
        if _usable(words) and not any(w in ORG_HEADS or w in BODY_HEADS for w in words) \
                and not title_case_line(text, a, h.end()):
            found.append((a, h.end()))
    return found


def _prefixed_places(text: str) -> list[tuple[int, int]]:
    found = []
    for m in _PLACE_PREFIX.finditer(text):
        before = text[max(0, m.start() - 30):m.start()].split()
        prev = before[-1] if before and text[m.start() - 1:m.start()] == " " else ""
        if prev[:1].isupper() and prev[-1:] not in ",;:(\"“" and prev not in _NOT_NAME:
            continue  # inside a longer name
        end, words = m.end(1), m.group(1).split()
        while len(words) > 1 and words[-1] in _NOT_NAME:
            end -= len(words.pop()) + 1
        if _usable(words) and not title_case_line(text, m.start(), end):
            found.append((m.start(), end))
    return found


def _lower_headed(text: str) -> list[tuple[int, int, str]]:
    found: list[tuple[int, int, str]] = []
    # every match opens with one of the heads: tried only where one occurs (most texts hold none;
    # where they do, "regional", re no longer tries every word starting with one of their letters)
    starts = sorted({i for _, i in LEDE_WORDS.occurrences(text, _LOWER_HEADS)})
    for h in finditer_at(_LOWER_HEAD, text, starts):
        m = _WORDS_BEFORE.search(text, max(0, h.start() - 50), h.start()) if text[h.start() - 1:h.start()] == " " else None
        if not m:
            continue
        words = m.group(1).split()
        end = m.end(1) - 1
        while words and _DEMONYM.search(words[-1]):  # "the Modi’in Illit Jewish settlement": a modifier
            end -= len(words.pop()) + 1
        words = words[-2:]
        a = end - len(" ".join(words))
        while words and (words[0] in _NOT_NAME or words[0].endswith(("'s", "’s"))):
            a += len(words.pop(0)) + 1
        if _usable(words) and not any(w in ORG_HEADS or _DEMONYM.search(w) for w in words):
            head = h.group().removesuffix("s")
            found.append((a, end, "GPE" if head in _LOWER_PLACE_HEADS else "FAC"))
    return found


def _named_craft(text: str) -> list[tuple[int, int]]:
    found = []
    spans = [(m.start() + len(p.group()) if (p := _MERCHANT_PREFIX.match(text, m.start())) else m.start(), m.end())
             for m in _SHIP_PREFIX.finditer(text)]
    if any(w in text for w in _NAMING_WORDS):
        spans += [m.span(1) for m in _CRAFT_NAMED.finditer(text)]
    spans += [m.span(i) for m in _SHIPS_NAMED.finditer(text) for i in (1, 2) if m.group(i)]
    for k, i in LEDE_WORDS.occurrences(text, _SHIP_NOUNS):
        j = i + len(_SHIP_NOUNS[k])
        if (i == 0 or not text[i - 1].isalnum() or _SHIP_NOUNS[k][0] == "-") and (m := _NAME_AFTER.match(text, j)):
            a, end = m.span(1)
            words = text[a:end].split()
            while len(words) > 1 and words[-1] in _SHIP_KIND_WORDS:
                end -= len(words.pop()) + 1
            spans.append((a, end))
    for c in _PLURAL_COMMA.finditer(text):  # "ships, Star Nasia": from the literal, the noun checked behind it
        m = _CRAFT_APPOSITION.match(text, text.rfind(" ", max(0, c.start() - 20), c.start()) + 1)
        if m:
            spans += [m.span(i) for i in (1, 2) if m.group(i)]
    for a, end in spans:
        words = text[a:end].split()
        while len(words) > 1 and words[-1] in _NOT_NAME:
            end -= len(words.pop()) + 1
        if _usable(words[:1]) and not title_case_line(text, a, end):
            found.append((a, end))
    if "rone" in text or "barge" in text:  # a drone ship's name, short words and all, after or before its noun
        for m in itertools.chain(_DRONE_SHIP_AFTER.finditer(text), _DRONE_SHIP_BEFORE.finditer(text)):
            a, end = m.span(1)
            words = text[a:end].split()
            while len(words) > 1 and words[-1] in _SHIP_NAME_JOINS:
                end -= len(words.pop()) + 1
            if len(words) > 1 and not title_case_line(text, a, end):
                found.append((a, end))
    return found


def _named_by_apposition(text: str) -> list[Span]:
    """Places and craft a following phrase says what they are: ", a small coastal town",
    ", a refrigerator-sized satellite", "and other towns"."""
    out: list[Span] = []
    for m in _APPOSITION.finditer(text):
        name = _NAME_ENDING.search(text, max(0, m.start() - 50), m.start())
        if name:
            out += _name_before(text, name.start(1), m.start(), "GPE" if m.group(1) else "PRODUCT")
    for m in _AND_OTHER.finditer(text):
        name = _NAME_ENDING.search(text, max(0, m.start() - 50), m.start())
        if name:
            out += _name_before(text, name.start(1), m.start(), "GPE")
    for m in finditer_at(_LISTED_PLACES, text, _LISTED_PLACES_STARTS(text)):
        a = m.start(1)
        for item in _LIST_SEP.split(m.group(1)):
            out += _name_before(text, a, a + len(item), "GPE")
            a = text.index(item, a) + len(item)
            sep = _LIST_SEP.match(text, a)
            a = sep.end() if sep else a
    for m in finditer_at(_DEFINED_CRAFT, text, _DEFINED_CRAFT_STARTS(text)):
        if bool(m.group(1)) == bool(m.group(3)):  # "is a ... satellites", "are ... satellite": no definition
            continue
        names = _CRAFT_NAMES_ENDING.search(text, max(0, m.start() - 60), m.start())
        if names and (m.group(2) or not names.group(2)):  # a list only before "are"
            for i in (1, 2):
                if names.group(i):
                    out += _name_before(text, names.start(i), names.end(i), "PRODUCT")
    return out


def _name_before(text: str, a: int, end: int, label: str) -> list[Span]:
    """The name ``text[a:end]`` once the words that open a clause are left out, if any is left
    and it stands in no title-case line."""
    words = text[a:end].split()
    while words and (words[0] in _NOT_NAME or words[0].endswith(("'s", "’s"))):
        a += len(words.pop(0)) + 1
    if not _usable(words) or any(w in ORG_HEADS or _DEMONYM.search(w) for w in words) or title_case_line(text, a, end):
        return []
    return [(a, end, label, None)]


def _defined_acronyms(text: str, known_by_end: dict[int, Entity]) -> list[Span]:
    """Each body's or facility's acronym its long form defines (:func:`agents.enrich.acronyms.definitions`),
    with the long form, at its definition and at every later mention; a long form the gazetteer knows
    gives the acronym its id ("Missile Defense Agency (MDA)")."""
    out: list[Span] = []
    for short, s0, s1 in definitions(text):
        known = known_by_end.get(s1)
        label = _long_form_kind(text[s0:s1].split(), short)
        if known is not None and known.start >= s0:
            label = known.label
        elif label is None:
            continue
        eid = known.id if known is not None and known.start >= s0 else None
        out.append((s0, s1, label, eid))  # the long form too, where nothing lies
        out += [(a, b, label, eid) for a, b in _standalone(text, short)]
    return out


def _long_form_kind(words: list[str], short: str) -> str | None:
    """What a long form names, from its head: a body (its last word, or a body's head "of"/"for" continue),
    a facility, or a weapon or system that is no class term; None for a term ("Medium Earth Orbit")."""
    last = words[-1]
    if last in _BODY_LAST or any(w in _BODY_FIRST and nxt in ("of", "for") for w, nxt in zip(words, words[1:])):
        return "ORG"
    if last in _FACILITY_LAST:
        return "FAC"
    if last in _SYSTEM_LAST and not _CLASS_ACRONYM.fullmatch(short):
        return "PRODUCT"
    return None


def _standalone(text: str, word: str) -> list[tuple[int, int]]:
    """Spans of ``word`` standing alone: not after a word character, an apostrophe, "." or "-",
    not before a word character, an apostrophe or "-". What
    ``re.finditer(r"(?<![\\w'’.-])WORD(?![\\w'’-])", text)`` finds, without compiling a pattern
    for every acronym (a compile costs ~0.5 ms; most acronyms are new to the process)."""
    out = []
    i = text.find(word)
    while i >= 0:
        j = i + len(word)
        before, after = text[i - 1:i], text[j:j + 1]
        if not (before and (before.isalnum() or before in "_'’.-")) and not (after and (after.isalnum() or after in "_'’-")):
            out.append((i, j))
            i = text.find(word, j)  # as finditer: the next match starts past this one
        else:
            i = text.find(word, i + 1)
    return out


# heads that name another place than the town or province they are named after ("Kharan Desert" is no
# Kharan, "Santa Barbara County" no Honduran department); an island or a peninsula is often the
# province or the town itself (Jeju, Hainan, Kamchatka), so those heads part nothing
_APART_HEADS = frozenset("Desert Valley Hills Mountains Plateau Heights Glacier Volcano County".split())


def without_places_headed_apart(found: list[Entity], text: str, spans: Sequence[Span]) -> list[Entity]:
    """``found`` without the package town or province a headed place of ``spans`` wraps from its
    start when the head names another place, and without the places inside a craft's name; that
    place or craft then takes the span."""
    drop: set[int] = set()
    for s, e, label, _ in spans:
        if label == "PRODUCT" and e > s:
            # a craft's or ship's name holds no place ("the stealth destroyer INS Chennai", "the container
            # ship Gibraltar Eagle"): a package or curated place inside it gives the span to the craft
            inside = [f for f in found if f.start < e and s < f.end]
            if inside and all(s <= f.start and f.end <= e and f.end - f.start < e - s and f.source == "gazetteer"
                              and f.label in _PLACE_KINDS for f in inside):
                drop.update(id(f) for f in inside)
            continue
        if label != "GPE" or e <= s:
            continue
        head = text[s:e].rsplit(" ", 1)[-1]
        if head not in _APART_HEADS:
            continue
        inside = [f for f in found if f.start < e and s < f.end]
        if inside and all(f.start == s and f.end < e and f.source == "gazetteer" and f.label in ("CITY", "REGION")
                          for f in inside):  # else the span is taken by another name and is not added
            drop.update(id(f) for f in inside)
    return [f for f in found if id(f) not in drop] if drop else found


def without_article_cities(found: list[Entity], text: str) -> list[Entity]:
    """``found`` without the package cities a capitalised article opens a longer name of
    ("the island of La Palma" is not Palma, Mallorca); the name is then free for the rules."""
    if not any(e.label == "CITY" and e.source == "gazetteer" and e.start > 2 for e in found) or not _ARTICLE_ANY.search(text):
        return found  # (the city first: most articles have none, and the search reads the whole text)
    return [e for e in found if not (e.label == "CITY" and e.source == "gazetteer" and e.start > 2
                                     and _ARTICLE_BEFORE.search(text, max(0, e.start - 4), e.start))]


def _list_mates(text: str, known: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Free items of a list closed by "and" that holds a person (items of two or three words
    become people) or a place (any item becomes a place), when no item is known as another kind."""
    found: list[tuple[int, int, str]] = []
    # only a name next to a separator before a capital can be in a list: without one beside a known
    # name (what every separator starts or ends with), there is none to find
    if not any(text.startswith((", ", " and "), e) or text.endswith((", ", " and "), 0, s) for s, e, _ in known):
        return found
    sep_starts, sep_ends = set(), set()
    for m in _SEPARATOR.finditer(text):
        sep_starts.add(m.start())
        sep_ends.add(m.end())
    anchors = [k for k in known if k[1] in sep_starts or k[0] in sep_ends]
    kind_at: dict[int, tuple[int, str]] = {}
    done: set[int] = set()
    for s, e, label in anchors:
        family = "PERSON" if label == "PERSON" else ("GPE" if label in _PLACE_KINDS else None)
        if family is None or s in done or (label == "COUNTRY" and _COUNTRY_AS_PEOPLE.search(text, s, e)):
            continue
        items, seps = [(s, e)], []
        m = _item_before(text, s)
        while m:  # backwards to the list's first item
            items.insert(0, m.span(1))
            seps.insert(0, m.group(2))
            m = _item_before(text, m.start(1))
        pos = e
        m = _ITEM_AFTER.match(text, pos)
        while m:
            items.append(m.span(2))
            seps.append(m.group(1))
            pos = m.end(2)
            if m.group(1) != ", ":
                break  # the closing "and"
            m = _ITEM_AFTER.match(text, pos)
        if not _closed_list(seps, text, pos) or re.match(r" [A-Z]|\.\w", text[pos:pos + 2]):
            continue  # the last item runs on into a name ("Russians Alexander Kaleri", "Y.S. Reddy")
        if not kind_at:
            kind_at = {a: (b, lab) for a, b, lab in known}
        new = _mates(text, items, kind_at, family)
        if new is None:
            continue
        done.update(a for a, _ in items)
        found += [(a, b, family) for a, b in new]
    return found


def _item_before(text: str, at: int) -> re.Match[str] | None:
    """The list item and separator right before ``at``, if a separator is there (checked
    first: the window search is the costly part)."""
    if text[at - 2:at] != ", " and text[at - 5:at] != " and ":
        return None
    return _ITEM_BEFORE.search(text, max(0, at - 45), at)


def _closed_list(seps: list[str], text: str, end: int) -> bool:
    """Commas between the items and "and" before the last, or commas and "and other ..." after."""
    if not seps:
        return False
    if all(x == ", " for x in seps):
        return bool(re.match(r",? and other\b", text[end:end + 12]))  # "Doklam, Leh, Tawang, and other areas"
    return all(x == ", " for x in seps[:-1]) and seps[-1] != ", "


def _mates(text: str, items: list[tuple[int, int]], kind_at: dict[int, tuple[int, str]],
           family: str) -> list[tuple[int, int]] | None:
    """The items to add, or None when an item is known as another kind or is no name of ``family``."""
    new = []
    for a, b in items:
        known = kind_at.get(a)
        if known is not None:
            label = known[1]
            if (family == "PERSON") != (label == "PERSON") or (family == "GPE" and label not in _PLACE_KINDS):
                return None
            continue
        words = text[a:b].split()
        if any(w in _NOT_ITEM_WORDS or _DEMONYM.search(w) or (w.isupper() and len(w) > 1) for w in words) \
                or words[-1].endswith(("'s", "’s")) or re.match(r"\.\w", text[b:b + 2]):
            return None
        if family == "PERSON" and (len(words) < 2 or any(w in NOT_PERSON_WORDS for w in words)):
            return None  # "Christopher Nolan and Universal Pictures"
        new.append((a, b))
    if new and title_case_line(text, items[0][0], items[-1][1]):
        return None
    return new
