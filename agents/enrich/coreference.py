"""Names the rule tier finds from the article's other names and from the shape of a name
(the model-free tier, after :mod:`agents.enrich.name_spans`): :func:`add_names`.

Each class is one regular-expression pass (or one per found person set), so the cost stays
at a few microseconds per article:

- a surname alone refers to the person named in full in the same article ("Yoshimasa
  Hayashi ... Hayashi told", "Donald Trump ... Trump said"): one pass over the text with the
  surnames of the PERSON entities found; the mention takes the person's id, if any;
- a surname opening a clause before a verb of saying ("“...,” Hayashi told") is a person when
  the census lists it as a surname (``names`` package, as :mod:`agents.enrich.given_names`);
- a person before "-led", "-owned", "-backed", "-founded" ("the Elon Musk-led company"), or
  before "'s" and an organisation the gazetteer knows ("Elon Musk's SpaceX");
- an East Asian name with a hyphened given name ("Lee Jong-sup", "Moon Jae-in");
- a name before a comma and a role of a body ("S. Somanath, Chairman of", "Yu Chengdong, CEO of");
- a firm by the shape of its name: inner capitals ("MediaTek", "TerreStar", "PanAmSat"),
  an ampersand ("AT&T") or a one-letter prefix ("T-Mobile");
- a small place after a word that says it is one ("the city of Kusong", "in the vicinity of
  Kalma", "near Pukchang", "southwest of Hodeida", "the cities of Nahariya and Kiryat Shmona").

Like the rule tier's other weak evidence, a name is added only where no entity lies.
"""

from __future__ import annotations

import bisect
import functools
import re
from typing import Sequence

from agents.enrich.capital_words import CLAUSE_ADVERBS, OPENERS, PRONOUNS, SAYERS
from agents.enrich.name_heads import BODY_HEADS, FIRM_HEADS, ORG_HEADS, PLACE_HEADS
from agents.enrich.patterns import LiteralStarts, alternatives, finditer_at
from streams.core.records import Entity, new_entity

# words that open a sentence or date, or that a name never is
_STOP = OPENERS | PRONOUNS | CLAUSE_ADVERBS | SAYERS | frozenset(
    "I You Yet Still Sources Experts Analysts Reports "
    "North South East West Northern Southern Eastern Western Central Upper Lower Greater New Old Mount Saint "
    "St Lake River Air Space Sea Minister President General Chief Secretary Director Spokesman".split()
) | ORG_HEADS | FIRM_HEADS | BODY_HEADS | PLACE_HEADS
_DEMONYM = re.compile(r"(?:ean|ian|ese|ish|stani|aeli|aqi)$")  # "Iranian", "Japanese", "Pakistani", "Israeli"
_NAME = r"[A-Z][a-z]+(?:['’][A-Z][a-z]+)?"
_SAY = r"(?:said|says|told|added|noted|stressed|warned|stated|underscored|announced|insisted)"

# Every pattern starts with a capital or a literal, so re skips ahead to it; the boundary before
# a name is checked on the few matches (_starts_word), not at every position.
# "“...,” Hayashi told", ". Grossi said": one name word opening a clause before a verb of saying
_SAY_AT = re.compile(rf" {_SAY}\b")  # found from the verb, the name read backwards
_SAY_STARTS = LiteralStarts(" " + v for v in alternatives(_SAY))  # where _SAY_AT can match
_NAME_BEFORE = re.compile(rf"({_NAME})$")
_CLAUSE_END = (". ", "! ", "? ", ", ", "; ", ": ", "” ", '" ', "\n")
# "Elon Musk-led", "Elon Musk's SpaceX"
_LED_AT = re.compile(r"[-'’](?:(?:led|owned|backed|founded|run|controlled|funded)\b|s )")  # a character class first: fast
_TWO_BEFORE = re.compile(rf"({_NAME} {_NAME})$")
# "Lee Jong-sup", "Moon Jae-in", "Choe Son-hui"
_HYPHEN_GIVEN = re.compile(r"([A-Z][a-z]{1,4} [A-Z][a-z]{1,6}-(?!led|owned|backed|founded|run|based)[a-z]{1,6})(?![\w'’-])")
# "MediaTek", "TerreStar", "AT&T", "T-Mobile" (not "McDonald", "DeSantis", "MacArthur": people)
_FIRM_SHAPE = re.compile(r"[A-Z][a-z]+(?:[A-Z][a-z]+)+|[A-Z]{1,3}&[A-Z]{1,3}|[A-Z]-[A-Z][a-z]{2,}")
_TOKEN = re.compile(r"[\w&-]+")
_PERSONAL_PREFIX = re.compile(r"(?:Mc|Mac|De|Di|Da|La|Le|Van|Du)[A-Z]")
# "the city of Kusong", "vicinity of Kalma", "near Pukchang", "southwest of Hodeida"; a list goes on
_PLACE_CUE = re.compile(
    r"(?:\b(?:city|town|village|port|hamlet|township|county|vicinity|outskirts|suburbs?|cities|towns|villages|island|"
    r"communities|kibbutz|moshav|(?:north|south)(?:east|west)?(?:ern)?|(?:east|west)(?:ern)?) of|\bnear) $")
# "S. Somanath, Chairman of the ...", "Yu Chengdong, CEO of Huawei", "Li Shangfu, commander-in-chief of":
# a name (an initial may lead it) before a comma and a role of a body; found from the ", <role> of"
_ROLE_OF = re.compile(
    r", (?:[Cc]hair(?:man|woman|person)?|CEO|CFO|COO|CTO|[Pp]resident|[Dd]irector(?:-[Gg]eneral| [Gg]eneral)?|[Hh]ead|"
    r"[Cc]hief(?: [Ee]xecutive)?|[Cc]ommander(?:-in-[Cc]hief)?|[Ss]ecretary(?:-[Gg]eneral| [Gg]eneral)?|[Ff]ounder|"
    r"[Mm]inister|[Ss]pokes(?:man|woman|person)|[Gg]overnor|[Mm]ayor|[Dd]eputy) (?:of|for|at)\b")
_NAME_BEFORE_ROLE = re.compile(r"((?:[A-Z]\.? )?[A-Z][a-z]+(?:-[a-z]+)?(?: [A-Z][a-z]+(?:-[a-z]+)?){0,2})$")
_PLACE_ITEM = re.compile(rf"{_NAME}(?:[ -]{_NAME})?")
_PLACE_NAMES = re.compile(rf"(?:{_NAME}(?:[ -]{_NAME})?)(?:(?:,| and|, and) {_NAME}(?:[ -]{_NAME})?)*(?![\w'’-]| [A-Z])")
# The capitals where a firm shape, a place after a cue or a hyphened name can start: one pass
# (a capital first, so re skips ahead; three passes cost twice as much)
_CAPITAL_AT = re.compile(r"[A-Z](?:(?P<firm>(?<=[a-z][A-Z])|[&-][A-Z])|(?P<place>(?<=of [A-Z])|(?<=near [A-Z]))|"
                         r"(?P<hy>(?=[a-z]{1,4} [A-Z][a-z]{1,6}-[a-z])))")


@functools.lru_cache(maxsize=1)
def census_surnames() -> frozenset[str]:
    """Capitalised surnames of the US census list the ``names`` package ships (88,799)."""
    try:
        from importlib.resources import files

        text = (files("names") / "dist.all.last").read_text(encoding="ascii")
    except (ModuleNotFoundError, FileNotFoundError, OSError):  # pragma: no cover - a declared dependency
        return frozenset()
    return frozenset(line.split(maxsplit=1)[0].capitalize() for line in text.splitlines() if line.strip())


def _starts_word(text: str, at: int) -> bool:
    """Nothing of a word ("xName", "O'Name", "U.S.", "Jong-Name") right before ``at``."""
    return at == 0 or not (text[at - 1].isalnum() or text[at - 1] in "_'’.-")


def _surname_mentions(text: str, names: list[str]) -> list[tuple[int, int, str]]:
    """(start, end, name) of each mention of one of ``names`` not followed by a word character,
    a hyphen or a capitalised word: what ``re.finditer("(name1|name2|...)(?![\\w-]| [A-Z])", text)``
    finds with ``names`` in that order, without compiling a pattern for every article's set of
    surnames (a compile costs more than the rest of the article's coreference). As the regex: at
    each position the first name in order that fits wins, and the scan goes on past its end."""
    first: dict[int, tuple[int, str]] = {}  # start -> (end, name): the first name in order that fits there
    for name in names:
        i = text.find(name)
        while i >= 0:
            j = i + len(name)
            nxt = text[j:j + 1]
            if i not in first and not (nxt.isalnum() or nxt in ("_", "-") or (nxt == " " and "A" <= text[j + 1:j + 2] <= "Z")):
                first[i] = (j, name)
            i = text.find(name, i + 1)
    out, end = [], 0
    for i in sorted(first):
        if i >= end:
            end, name = first[i]
            out.append((i, end, name))
    return out


def _ok(word: str) -> bool:
    return word not in _STOP and not _DEMONYM.search(word)


def name_spans(text: str, lede_end: int, found: Sequence[Entity]) -> list[tuple[int, int, str, str | None]]:
    """(start, end, label, id) of the names above; ``found`` are the entities so far (the
    people among them give the surnames), ``lede_end`` bounds the shape and cue classes."""
    out: list[tuple[int, int, str, str | None]] = []
    lede = text[:lede_end]
    surnames: dict[str, str | None] = {}
    for e in found:
        if e.label == "PERSON" and e.end > e.start:
            words = e.text.split()
            last = words[-1].rstrip("'’s") if len(words) > 1 else ""
            if len(last) > 2 and last[0].isupper() and _ok(last):
                surnames.setdefault(last, e.id)
    if surnames:
        for start, end, name in _surname_mentions(text, sorted(surnames, key=len, reverse=True)):
            if not _starts_word(text, start):
                continue
            before = text[max(0, start - 20):start].split()
            if before and before[-1][0].isupper() and before[-1][-1].isalpha() and before[-1] not in _STOP:
                continue  # "Ivanka Trump": another person of the name
            out.append((start, end, "PERSON", surnames[name]))
    surnames_all = census_surnames()
    for v in finditer_at(_SAY_AT, lede, _SAY_STARTS(lede)):
        m = _NAME_BEFORE.search(lede, max(0, v.start() - 30), v.start())
        if not m:
            continue
        w, a = m.group(1), m.start()
        if (a == 0 or lede[a - 2:a] in _CLAUSE_END or lede[a - 1] == "\n") and w in surnames_all and _ok(w):
            out.append((m.start(1), m.end(1), "PERSON", None))
    org_starts = {e.start for e in found if e.label in ("ORG", "AGENCY") and e.id}
    for v in _LED_AT.finditer(lede):
        if lede[v.start()] != "-" and v.end() not in org_starts:
            continue
        m = _TWO_BEFORE.search(lede, max(0, v.start() - 40), v.start())
        if not m or not _starts_word(lede, m.start()):
            continue
        if all(_ok(w) for w in m.group(1).split()):
            out.append((m.start(1), m.end(1), "PERSON", None))
    for r in _ROLE_OF.finditer(lede):
        m = _NAME_BEFORE_ROLE.search(lede, max(0, r.start() - 40), r.start())
        if m and len(m.group(1).split()) >= 2 and _starts_word(lede, m.start()) \
                and all(_ok(w) for w in m.group(1).split() if len(w) > 2):
            out.append((m.start(1), m.end(1), "PERSON", None))
    last = -1
    for v in _CAPITAL_AT.finditer(lede):
        kind = v.lastgroup
        if kind == "hy":
            m = _HYPHEN_GIVEN.match(lede, v.start())
            if m and _starts_word(lede, m.start()) and _ok(m.group(1).split()[0]):
                out.append((m.start(1), m.end(1), "PERSON", None))
        elif kind == "place":
            m = _PLACE_NAMES.match(lede, v.start())
            if m and _PLACE_CUE.search(lede, max(0, v.start() - 30), v.start()):
                for p in _PLACE_ITEM.finditer(lede, m.start(), m.end()):
                    if all(_ok(w) for w in re.split(r"[ -]", p.group())):
                        out.append((p.start(), p.end(), "GPE", None))
        elif v.start() >= last:  # a firm's shape
            a = v.start() - (lede[v.start() - 1:v.start()].islower())
            while a > 0 and (lede[a - 1].isalnum() or lede[a - 1] in "&-"):
                a -= 1
            t = _TOKEN.match(lede, a)
            last = t.end()
            if _FIRM_SHAPE.fullmatch(t.group()) and _starts_word(lede, a) and not _PERSONAL_PREFIX.match(t.group()) \
                    and (lede[last:last + 1] not in ("'", "’") or lede[last + 1:last + 2] == "s"):
                out.append((a, last, "ORG", None))
    return out


def add_names(found: list[Entity], text: str, lede_end: int) -> list[Entity]:
    """``found`` with the names of :func:`name_spans` that overlap no entity (source "rules")."""
    return add_where_free(found, text, name_spans(text, lede_end, found))


def add_where_free(found: list[Entity], text: str,
                   spans: Sequence[tuple[int, int, str, str | None]]) -> list[Entity]:
    """``found`` with each (start, end, label, id) span that overlaps no entity (weak
    evidence, source "rules"), in order: a span added first keeps its place."""
    if not spans:
        return found
    taken = sorted((e.start, e.end) for e in found if e.end > e.start)
    starts = [s for s, _ in taken]
    for s, e, label, eid in spans:
        i = bisect.bisect_left(starts, e)  # spans starting before e
        if i and max(end for _, end in taken[max(0, i - 8):i]) > s:
            continue
        ent = new_entity(text[s:e], label, eid, s, e, "rules")
        found.append(ent)
        taken.insert(i, (s, e))
        starts.insert(i, s)
    return found
