"""Name spans repaired and found without a model: ``refine(text, spans) -> spans``.

The small model's spans are then repaired by ``refine`` (pure, on character offsets), for the
errors it makes most on news copy: a span running across the title/body line break, a name
cut at "and" ("Knesset Foreign Affairs and" + "Defense Committee") or swallowing "of"
("Ankit Panda of" the Carnegie Endowment), a legal suffix left out ("Hyundai Rotem" Co.),
a company it does not see at all though the suffix gives it away ("Diehl Defence GmbH"), and
a person after a title it does not see ("Defence Minister Wellington Koo"). Each repair only
reads capitalisation and a few closed word lists, so it applies to names never seen before.

The rule tier also finds names by a word that says what they are, merged by
:class:`agents.enrich.entities.Extractor` around (or, for the weaker ones, only where there is
no) gazetteer name: facilities and bodies by their head (``headed_names``: "Stennis Space
Center", "Civil Aviation Authority", "Spaceport Cornwall"), people led by a given name
(``given_name_people``), before a relative "who" (``people_before_who``) or joined to a person
by "and" (``coordinated_people``), craft by their class noun (``named_by_class``: "the Zafar
satellite") and places before ", Province" (``places_before_regions``: "Kodiak, Alaska").
None of them reads a title-case headline, where every word is capitalised.
"""

from __future__ import annotations

import bisect
import re

from agents.enrich.capital_words import OPENERS
from agents.enrich.name_heads import BODY_HEADS, FIRM_HEADS, JOIN_HEADS, MARKET_FIRST, ORG_HEADS, PLACE_HEADS, STATE_HEADS
from agents.enrich.patterns import LEDE_WORDS, LiteralStarts, alternatives, by_first_letter, finditer_at, literal_starts

#: spaCy labels kept, and the label they get here.
LABELS = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "LOC": "LOC", "NORP": "NORP", "FAC": "FAC"}

Span = tuple[int, int, str]  # start, end (character offsets), label

# Legal forms written after a company name. Matched case-sensitively, so "co" or "sa" in prose
# never extend a name.
_SUFFIX = (r"(?:(?:Pvt|Pte|Co|Co\.,)\.? (?:Ltd|Limited)|Private Limited|Corp|Corporation|Inc|Incorporated|Ltd|"
           r"Limited|Co|GmbH|AG|SA|S\.A|SE|NV|N\.V|plc|PLC|LLC|JSC|PJSC|OJSC|SpA|S\.p\.A|AB|ASA|Oyj|KK|Pte|Bhd|"
           r"Holdings)")
_SUFFIX_AFTER = re.compile(rf",? {_SUFFIX}\b")
# A capitalised word of a name: "Hwasong-18", "O'Brien", "Béranger"; never all capitals
# unless short, so a shouted headline does not become a company.
_CAP = r"[A-Z][\w&'’.-]*"
_SUFFIXED_ORG = re.compile(rf"(?<![\w-])((?:{_CAP} ){{1,4}}){_SUFFIX}\b")
# a cheap test that _SUFFIXED_ORG has nothing to find: " " and any suffix (whether there is one,
# not which: the one-word suffixes grouped by their first letter, ~2x faster than _SUFFIX)
_SUFFIX_ANYWHERE = re.compile(
    r" (?=[PCILGASNpJOBKH])(?:" + by_first_letter(
        r"(?:Private Limited|Corp|Corporation|Inc|Incorporated|Ltd|Limited|Co|GmbH|AG|SA|S\.A|SE|NV|N\.V|plc|PLC|LLC|"
        r"JSC|PJSC|OJSC|SpA|S\.p\.A|AB|ASA|Oyj|KK|Pte|Bhd|Holdings)") + r"|(?:Pvt|Pte|Co|Co\.,)\.? (?:Ltd|Limited))\b")
# Words that open a sentence or a date rather than a name.
_NOT_NAME = OPENERS | {"Shares"}
# Titles and roles written before a person's name ("Defence Minister", "spokesperson",
# "Lt. Gen."); a name is the two to four capitalised words that follow.
_ROLE = (r"(?:[Mm]inister|[Ss]ecretary(?: [Gg]eneral)?|[Ss]pokes(?:man|woman|person)|[Ee]nvoy|[Aa]mbassador|[Ee]xecutive|CEO|"
         r"[Cc]hair(?:man|woman)?|[Pp]resident|[Pp]remier|[Dd]irector(?: [Gg]eneral)?|[Ff]ounder|[Aa]nalyst|"
         r"[Rr]esearcher|[Ee]xpert|[Cc]ommander|[Ll]awmaker|[Ss]enator|Sen\.|Rep\.|Gen\.|General|Adm\.|"
         r"Admiral|Col\.|Colonel|Maj\.|Capt\.|Mr\.|Mrs\.|Ms\.|Dr\.|Prof\.|[Pp]rofessor|[Ss]cientist|"
         r"[Oo]fficial|[Ll]eader|[Ss]peaker|[Ff]ellow|[Hh]ead|[Dd]eputy|[Gg]overnor|[Mm]ayor|Marshal|Brigadier|"
         r"Lieutenant|Major|Captain|Commodore|Representative|Congress(?:man|woman)|MP|Chancellor|King|Prince|"
         r"Sheikh|Emir|Ayatollah|Judge|[Cc]hief|[Aa]dvis[eo]r|[Pp]rosecutor|[Cc]ommissioner|[Mm]anager|[Oo]fficer|"
         r"[Ee]ditor|[Cc]orrespondent|[Ee]conomist|[Ee]ngineer|[Aa]stronaut|[Cc]osmonaut|[Pp]ilot|[Cc]oordinator|"
         r"[Aa]ttorney|[Ii]nspector|Sultan|Queen|Princess|Lt\.?|Gen|Sgt\.?|Brig\.?|Cdr\.?|Cmdr\.?|Maj|Col|Adm|"
         # role nouns news writes in lower case before a name ("Internet tycoon Elon Musk")
         r"[Tt]ycoon|[Bb]illionaire|[Ee]ntrepreneur|[Bb]usiness(?:man|woman)|[Ff]ilm-?maker|[Pp]hysicist|"
         r"[Aa]stronomer|[Aa]stronauts|[Cc]osmonauts|[Tt]aikonauts?|[Cc]hemist|[Ii]nventor|[Ii]nvestor|"
         r"[Aa]dministrator|CFO|COO|CTO|[Bb]oard member|[Cc]onsultant|[Ss]trategist|[Jj]ournalist|[Cc]olumnist|"
         r"[Cc]ommentator|Dr)")
#: every role's literal start in each case it is written ("Minister", "minister", "CEO", "Lt"): the index's one
#: pass over the lede finds them with its other lists; _TITLED, _ROLE_OF_BODY are tried there only
_ROLE_WORDS = LEDE_WORDS.add(tuple(sorted(literal_starts(_ROLE))))
_ROLE = by_first_letter(_ROLE)  # the same matches, ~3x faster to try at every word (agents/enrich/patterns.py)
# has a lowercase letter, or is an initial, or is an Arabic surname with its article ("al-Hamidawi")
# or an initial without its full stop, as Indian and Malay names are written ("S Somanath")
_NAME_WORD = r"(?:[A-Z][\w'’-]*[a-z][\w'’-]*|[A-Z]\.|[A-Z](?= [A-Z][a-z])|(?:al|el|bin|ibn)-[A-Z][\w'’-]*)"
_PARTICLE = r"(?:al|el|bin|ibn|de|da|di|van|von|der|du|la|le) "
# Office words that can follow a role before the name ("Chief Cabinet Secretary X Y").
_OFFICE = frozenset(
    "Cabinet Secretary Minister Defence Defense Foreign Deputy Prime Vice Chief President Army Navy Air Force "
    "Staff Executive Officer Director Commander State Home Interior National Security Adviser Advisor "
    "General Gen. Lt. Maj. Col. Adm. Spokesman Spokesperson Ambassador Envoy Senior Special Field Marshal "
    "Brigadier Lieutenant Major Captain Rear Vice Crown".split()
)
# More words of a long title, skipped between a role and the name ("General Staff Vice Admiral
# Dimitrios-Eleftherios Kataras", "commander Air Chief Marshal Punpakdee Pattanakul"); kept apart
# from _OFFICE, which also screens company names ("shipbuilder Naval Group").
TITLE_WORDS = _OFFICE | frozenset(
    "Naval Air Chief Marshal Sergeant Sgt. Wing Squadron Group Flight Petty Warrant Second First Lt Gen Col "
    "Brig Brig. Maj Adm Cdr Cdr. Cmdr. Colonel Admiral Commodore Commander Operating Financial Technical "
    "Officer Joint Sr. Acting Assistant Associate Managing".split()
)
_TITLE_WORD = rf"(?:{_ROLE}|{'|'.join(re.escape(w) for w in sorted(TITLE_WORDS, key=len, reverse=True))})"
# The department a title names after "of", in the words ministries and staffs are named with
# ("Minister of Foreign Affairs Park Jin", "Minister of Information and Communication Mohammad-Javad
# Azari Jahromi", "Chief of Staff of the Russian Armed Forces Valery Gerasimov"): a closed set, so
# the name that follows is told from the department by its words, not by a guess at its length.
_DEPARTMENT_WORDS = (
    "Foreign Affairs Defence Defense National Security Information Communication Communications Interior Home "
    "Internal External State Justice Finance Economy Economic Education Science Technology Unification Staff "
    "Armed Forces Health Industry Industries Trade Energy Environment Culture Sports Transport Agriculture Labour "
    "Labor Commerce Space Research Public Strategic Intelligence Emergency Situations Logistics General Joint "
    "Chiefs Naval Operations Army Navy Air Force Aerospace Atomic Nuclear Digital "
    "Russian Chinese Korean Japanese Indian Pakistani Iranian Israeli American British French German Ukrainian "
    "Turkish Saudi Taiwanese Philippine Australian").split()
_IS_DEPARTMENT_WORD = frozenset(_DEPARTMENT_WORDS)  # no given name: "... and Communication Mohammad-Javad"
# (news also writes the department in lower case: "Japan's state minister of defense Toshiro Ino")
_DEPARTMENT_WORD = rf"(?:{'|'.join(_DEPARTMENT_WORDS + [w.lower() for w in _DEPARTMENT_WORDS if w[1:].islower()])})"
_DEPARTMENT = rf"(?: of(?: the)?(?: {_DEPARTMENT_WORD}(?: (?:and|&) {_DEPARTMENT_WORD})?)+)"
# the body an envoy is accredited to ("US Ambassador to the UN Nikki Haley")
_ACCREDITED = r"(?: to the (?:UN|U\.N\.|United Nations|EU|European Union|NATO|IAEA|African Union|OSCE))"
# (one name word too: a surname alone after a long title, _titled_surnames)
_TITLED = re.compile(rf"\b{_ROLE}((?:{_DEPARTMENT}|{_ACCREDITED}| {_TITLE_WORD}(?:-{_TITLE_WORD})*)*) "
                     rf"({_NAME_WORD}(?: (?:{_PARTICLE})?{_NAME_WORD}){{0,3}})")
_IS_TITLE_WORD = re.compile(rf"{_TITLE_WORD}(?:-{_TITLE_WORD})*")  # "Lieutenant-Brigadier"
_GIVEN_NAME = re.compile(r" [A-Z][a-z]+-[a-z]+\b")  # "In-bum": the model often stops before it
_TRAILING = re.compile(r"\s+(of|and|&|for|the|at|in|on)$")


def _role_starts(text: str) -> list[int]:
    """Where a role can start in ``text``: every match of ``\\b{_ROLE}`` starts at one of these."""
    return sorted({i for _, i in LEDE_WORDS.occurrences(text, _ROLE_WORDS)})


def refine(text: str, spans: list[Span]) -> list[Span]:
    """Repair the statistical model's spans (see the module docstring); sorted, disjoint.
    Spans may carry any spaCy label: one whose head word names a body is an organisation
    ("Republic of Singapore Air Force" read as GPE, "Ground Self-Defense Force" as a work of
    art, "Borsa Istanbul" as GPE); other labels outside ``LABELS`` are dropped."""
    out = [_by_head(text, sp) for sp in spans]
    out = sorted(p for sp in out if sp[2] in LABELS for p in _cut_lines(text, (sp[0], sp[1], LABELS[sp[2]])))
    out = _join_and_trim(text, out)
    out = _join_for(text, out)
    out = [_extend(text, sp) for sp in out]
    out = _add(out, _suffixed_orgs(text), "ORG")
    out = _add(out, _firms_in_context(text), "ORG")
    starts = _role_starts(text)
    titled = list(finditer_at(_TITLED, text, starts))  # the same matches as _TITLED.finditer(text)
    out = _add(out, _titled_people(titled), "PERSON")
    out = _add(out, _people_of_orgs(text, out), "PERSON")
    out = _add(out, _appositive_people(text), "PERSON")
    out = [_given_names(text, sp) for sp in out]
    out = _add(out, _sayers(text, out), "PERSON", free_only=True)
    out = _add(out, _quoted_sayers(text), "PERSON", free_only=True)
    out = _add(out, _role_then_name(text, starts), "PERSON", free_only=True)
    out = _add(out, _role_of_body_people(text, starts), "PERSON", free_only=True)
    out = _add(out, _titled_surnames(text, titled), "PERSON", free_only=True)
    out = _add(out, _designated(text), "PRODUCT", free_only=True)
    return [_untitle(text, sp) for sp in out]


# A name with a designation ("Chinasat 6C", "Gaofen 9-02", "Cartosat-2B", "Launch Complex 39A"):
# in launch and missile stories that is how satellites, rockets, missiles and pads are named,
# and no list keeps up with them. Only where such a story's words stand near it.
# Capital first, the boundary checked after it ("(?<![\w-].)"): re skips ahead to capitals, ~2.5x faster.
# (a serial after the number, "Yaogan-42 02", or two letters, "INSAT-3DR", belong to the name; so do a series
# letter before the number, "Galaxy S8", "Iris X1", and a model's tier after it, "Galaxy S7 Edge", "iPhone 14 Pro")
_MODEL_TIER = r"(?: (?:Pro|Plus|Max|Mini|Ultra|Lite|Edge)(?![\w-]))*"
_DESIGNATED = re.compile(r"([A-Z](?<![\w-].)(?:[A-Za-z]+ [A-Z]){0,2}[A-Za-z]*[ -][A-Z]?\d{1,4}(?!st|nd|rd|th)[A-Za-z]{0,2}"
                         r"(?:-\d{1,3})?(?: 0\d(?![\w-]))?" + _MODEL_TIER + r")(?![\w-])")
# a maker's name that opens in lower case before its capital ("iPhone 14", "iPad 2", "eVTOL 3"): found from the
# capital after the lower-case letter (re skips ahead to it), the letter checked behind
_LOWER_LED = re.compile(r"[A-Z](?<=(?<![\w-])[a-z][A-Z])[a-z]+ \d{1,4}(?!st|nd|rd|th)[A-Za-z]{0,2}" + _MODEL_TIER + r"(?![\w-])")
# a number that counts what follows ("fired at Galilee 30 more", "Gaza 10 km away") names no craft
_COUNTED_NEXT = re.compile(r" (?:more|of|per|percent|km|kilometres|kilometers|miles|people|times)\b")
_SPACE_OR_MISSILE = re.compile(r"\b(?:smartphones?|phones?|handsets?|tablets?|chipsets?|processors?|devices?|"
                               r"satellites?|spacecraft|probes?|payloads?|rockets?|launch(?:ed|es|ing)?|lift(?:ed|s)? ?off|"
                               r"liftoff|orbit|missiles?|mission|capsule|booster|pad|dock(?:ed|ing|s)?|cargo)\b", re.IGNORECASE)
_NOT_DESIGNATION = _NOT_NAME | frozenset(
    "No Tunnel Resolution Article Section Chapter Page Table Figure Room Gate Level Phase Day Week Year Sept Sep Jan "
    "Feb Mar Apr Jun Jul Aug Oct Nov Dec GMT UTC EDT EST IST CET AM PM Flight Unit Road Highway Route Vol "
    # a number's qualifier opening a sentence ("About 150 rockets", "Top 5"), and a page's stamps ("Updated 10")
    "About Around Over Under Nearly Roughly Almost Approximately Some All Top Number Only Just Least Up "
    "Updated Update Posted Published Written Video Photo Image Edition Episode".split())
# a score, not a serial ("Rockets 138-132", "Kings 120-113"; "Luojia 2-01" is a serial)
_SCORE = re.compile(r"[1-9]\d{1,2}-[1-9]\d{1,2}$")


_QUARTER = re.compile(r"[QH][1-4]")
_DIGIT = re.compile(r"\d")  # every designation holds one (_DESIGNATED's "\d{1,4}")


def _designated(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    if not _DIGIT.search(text):
        return out  # (re tried _DESIGNATED at every capital first)
    for m in [*_DESIGNATED.finditer(text), *_LOWER_LED.finditer(text)]:
        a, b = m.span(1) if m.re is _DESIGNATED else (m.start() - 1, m.end())
        first = a
        words = text[a:b].split()
        # "Russian Progress 54"; not "Shijian 9", whose number alone would be left
        while len(words) > 1 and (words[0] in _NOT_DESIGNATION or _DEMONYM.search(words[0])) and words[1][:1].isalpha():
            a += len(words[0]) + 1
            words = words[1:]
        if _QUARTER.fullmatch(words[-1]) or _SCORE.search(words[-1]):
            continue  # "Record Q1", "strong H2": a quarter or half of the year; or a score
        head = words[0].split("-")[0]
        if head.isupper() and head.title() in _NOT_DESIGNATION:
            continue  # "AUGUST 20" in a dateline
        # (a headline's capitals run on before a name: "Chinese Rocket Launches 2 Satellites" is no name
        # once its first word is left out)
        if head in _NOT_DESIGNATION or not (head[:1].isupper() or head[1:2].isupper()) or not head.isalpha() or \
                _COUNTED_NEXT.match(text, b) or (a > first and title_case_line(text, a, b)) or \
                not _story_words_near(text, a, b):
            continue
        out.append((a, b))
    return out


def _story_words_near(text: str, a: int, b: int) -> bool:
    """A launch, missile or device story's words within 150 characters of ``text[a:b]``; a capitalised
    plural among them only where it opens a sentence: elsewhere it is a team's name ("Houston Rockets 116,
    ... the Rockets won" is a score), while a thing's word in the name counts ("Launch Complex 41")."""
    for m in _SPACE_OR_MISSILE.finditer(text, max(0, a - 150), min(len(text), b + 150)):
        word = m.group()
        if not (word[:1].isupper() and word.endswith("s") and m.start() > 0 and text[m.start() - 2:m.start()] not in
                (". ", "! ", "? ") and text[m.start() - 1] != "\n"):
            return True
    return False


def _by_head(text: str, span: tuple[int, int, str]) -> tuple[int, int, str]:
    s, e, label = span
    if label in ("ORG", "PERSON"):
        return span
    words = text[s:e].split()
    if words and words[0] in ("the", "The"):
        words = words[1:]
    if len(words) >= 2 and (words[-1] in BODY_HEADS or words[0] in MARKET_FIRST):
        return (s, e, "ORG")
    return span


# A body's name continued by "for"/"of"/"on" and another name: "United Nations Office" +
# " for " + "Outer Space Affairs", "National Stock Exchange of" + "India" (joined above).
_HEAD_FOR = re.compile(r" (?:for|on|of)(?: the)? $")


def _join_for(text: str, spans: list[Span]) -> list[Span]:
    out: list[Span] = []
    for sp in spans:
        if out:
            ps, pe, plabel = out[-1]
            gap = text[pe:sp[0]]
            if (plabel == "ORG" and sp[2] in ("ORG", "GPE") and text[ps:pe].split()[-1] in JOIN_HEADS
                    and _HEAD_FOR.fullmatch(gap) and text[sp[0]:sp[0] + 1].isupper()):
                out[-1] = (ps, sp[1], "ORG")
                continue
        out.append(sp)
    return out


def _cut_lines(text: str, span: Span) -> list[Span]:
    """A span across a line break (title into body) keeps its longest line."""
    s, e, label = span
    if "\n" not in text[s:e]:
        return [span]
    best, pos = None, s
    for part in text[s:e].split("\n"):
        a, b = pos + len(part) - len(part.lstrip()), pos + len(part.rstrip())
        if b > a and (best is None or b - a > best[1] - best[0]):
            best = (a, b)
        pos += len(part) + 1
    return [(best[0], best[1], label)] if best else []


def _join_and_trim(text: str, spans: list[Span]) -> list[Span]:
    """A span ending in "and"/"of" joins the span right after it; otherwise the dangling
    word goes, and "A B of" (the Carnegie Endowment) becomes a person."""
    out: list[Span] = []
    i = 0
    while i < len(spans):
        s, e, label = spans[i]
        m = _TRAILING.search(text[s:e])
        while m:
            nxt = spans[i + 1] if i + 1 < len(spans) else None
            # "of" joins whatever follows ("Strait of" + "Hormuz"); "and" only a like name
            if (m.group(1) in ("and", "&", "of", "for") and nxt and text[e:nxt[0]].strip() == ""
                    and (nxt[2] == label or m.group(1) == "of")):
                e = nxt[1]
                i += 1
            else:
                e = s + m.start()
                if m.group(1) == "of" and label == "ORG" and _looks_personal(text[s:e]):
                    label = "PERSON"
            m = _TRAILING.search(text[s:e])
        if e > s:
            out.append((s, e, label))
        i += 1
    return out


def _looks_personal(name: str) -> bool:
    words = name.split()
    return 2 <= len(words) <= 3 and all(w[:1].isupper() and not w.isupper() for w in words) \
        and not any(w in ORG_HEADS for w in words)


# A country or people followed by the head of a state body: "Republic of Korea" + " Air Force",
# "Chinese" + " Defence Ministry" (the model often tags only the place).
_BODY_AFTER = re.compile(r"(?: [A-Z][a-z-]+){0,2} (?:Army|Navy|Air Force|Force|Forces|Guard|Corps|Marines|Ministry|"
                         r"Agency|Command|Fleet|Police|Service)\b")


def _extend(text: str, span: Span) -> Span:
    s, e, label = span
    m = _SUFFIX_AFTER.match(text, e)
    if m:
        return (s, m.end(), "ORG")
    if label in ("GPE", "NORP"):
        m = _BODY_AFTER.match(text, e)
        if m:
            return (s, m.end(), "ORG")
    if label == "PERSON":
        last = text[s:e].split()[-1]
        if (last in FIRM_HEADS or last in BODY_HEADS) and " " in text[s:e]:
            return (s, e, "ORG")
        m = _GIVEN_NAME.match(text, e)
        if m:
            return (s, m.end(), label)
    return span


def _suffixed_orgs(text: str) -> list[tuple[int, int]]:
    found: list[tuple[int, int]] = []
    if not _SUFFIX_ANYWHERE.search(text):
        return found
    for m in _SUFFIXED_ORG.finditer(text):
        start = m.start()
        for word in m.group(1).split():
            if word not in _NOT_NAME:
                break
            start += len(word) + 1
        if start < m.start(1) + len(m.group(1)):  # at least one name word before the suffix
            found.append((start, m.end()))
    return found


# A company named by what it is: "shipbuilder TAIS", "drone maker Fire Point" (one to three
# capitalised words after the noun), or "Uralvagonzavod, part of ...", "Kupol, the Izhevsk drone maker".
_FIRM_NOUN = r"(?:maker|manufacturer|shipbuilder|shipyard|builder|company|firm|contractor|start-?up|conglomerate|supplier|subsidiary)"
_FIRM_AFTER_NOUN = re.compile(rf"{by_first_letter(_FIRM_NOUN, word_start=True)} [\"“]?({_CAP}(?: {_CAP}){{0,2}})[\"”]?(?= [a-z]|[,.;:]|$)")
# every match opens with one of the nouns (their literal starts: "start" for "start-?up"), few texts hold one
_FIRM_NOUN_STARTS = LiteralStarts(literal_starts(_FIRM_NOUN))
_FIRM_NOUN = by_first_letter(_FIRM_NOUN)
_FIRM_APPOSITION = re.compile(rf", (?:(?:a|an|the) (?:[\w'’-]+ ){{0,3}}{_FIRM_NOUN}(?=[,.;]| that| which| of| in| based| whose| with)|part of |a unit of |owned by )")
_FIRM_BEFORE = re.compile(rf"(?<![\w'’.-])({_CAP}(?: {_CAP}){{0,3}})$")


def _firms_in_context(text: str) -> list[tuple[int, int]]:
    found = []
    for m in finditer_at(_FIRM_AFTER_NOUN, text, _FIRM_NOUN_STARTS(text)):
        words = m.group(1).split()
        if words[0] not in _OFFICE and not any(w in _NOT_NAME for w in words):
            found.append((m.start(1), m.end(1)))
    for a in _FIRM_APPOSITION.finditer(text):
        m = _FIRM_BEFORE.search(text, max(0, a.start() - 60), a.start())
        if not m:
            continue
        start, words = m.start(1), m.group(1).split(" ")
        while words and words[0] in _NOT_NAME:
            start += len(words.pop(0)) + 1
        if words and words[0] not in _OFFICE:
            found.append((start, m.end(1)))
    return found


def _titled_people(titled: list[re.Match[str]]) -> list[tuple[int, int]]:
    """A person after a title, however long: the role, any further title words, then two to
    four name words (title words the name group took when the name is short are given back)."""
    found = []
    for m in titled:
        start, words = m.start(2), m.group(2).split(" ")
        while words and (words[0] in TITLE_WORDS or _IS_TITLE_WORD.fullmatch(words[0])):
            start += len(words.pop(0)) + 1
        end = m.end(2)
        while len(words) > 2 and words[-1] in _NOT_NAME:  # "CEO Elon Musk Tuesday night"
            end -= len(words.pop()) + 1
        # a place's head ends no person ("King Khaled International Airport" is no King "Khaled ... Airport")
        if len(words) >= 2 and not any(w in _NOT_NAME or w in ORG_HEADS or w in BODY_HEADS or w in PLACE_HEADS
                                       for w in words):
            found.append((start, end))
    return found


# after a titled surname: more of a name or of a body ("Abe Shinzo", "Minister of", "Y.S. Reddy")
_RUNS_ON = re.compile(r"[\w'’-]| [A-Z]| of\b|\.\w")
_HONORIFICS = frozenset("Mr Mrs Ms Dr Prof Sen Rep Gen Col Lt Maj Capt Sgt Adm St Sir Dame".split())  # "Prime Minister Mr. Modi"


def _titled_surnames(text: str, titled: list[re.Match[str]]) -> list[tuple[int, int]]:
    """"Chief Cabinet Secretary Suga", "Prime Minister Abe said": after a title of two words or
    more, one name word alone is a surname (one title word is too weak: "Secretary General")."""
    found = []
    for m in titled:
        name = m.group(2)
        if " " in name or _RUNS_ON.match(text, m.end(2)):
            continue
        if name in _HONORIFICS or name in _NOT_NAME or name in TITLE_WORDS or _IS_TITLE_WORD.fullmatch(name) or name in ORG_HEADS \
                or name in BODY_HEADS or name in PLACE_HEADS or name.isupper():
            continue
        before = text[max(0, m.start() - 20):m.start()].split()
        titles = 1 + len(m.group(1).split()) + (bool(before) and before[-1] in TITLE_WORDS)
        if titles >= 2:
            found.append(m.span(2))
    return found


# "Choe Son Hui, North Korea's foreign minister, said": a name, a comma, then a role.
# Found from the ", the ... role" side (a literal ", " to start from is several times
# faster than trying a name at every capital), then the name is read backwards.
# Also without an article: ", deputy head of Ukraine's ...", ", chief executive of Rheinmetall".
_APPOSITION = re.compile(rf", (?:(?:a|an|the|{_CAP}(?: {_CAP})?['’]s) (?:[\w'’-]+ ){{0,3}}{_ROLE}\b|"
                         rf"(?=[a-z])(?:[a-z][\w-]* ){{0,2}}{_ROLE} (?:of|for|at|to|in|with|from)\b|"
                         # "Takahiro Hirano, Public Affairs Officer from Japan's Ministry of Defense": a title-case role
                         rf"(?:{_CAP} ){{1,3}}{_ROLE} (?:of|for|at|from)\b|"
                         # "Yahya Saree, Houthi military spokesman, said": a group's name before the role
                         rf"{_CAP} (?:[a-z][\w-]* ){{0,2}}{_ROLE}(?=,))")
_NAME_BEFORE = re.compile(rf"(?<![\w'’.-])({_NAME_WORD}(?: (?:{_PARTICLE})?{_NAME_WORD}){{1,3}})$")
_TITLE_HEAD = re.compile(rf"(?:{_TITLE_WORD}(?:-{_TITLE_WORD})* )+")


def _appositive_people(text: str) -> list[tuple[int, int]]:
    found = []
    for a in _APPOSITION.finditer(text):
        m = _NAME_BEFORE.search(text, max(0, a.start() - 80), a.start())
        if not m:
            continue
        start, words = m.start(1), m.group(1).split(" ")
        while words and (words[0] in _NOT_NAME or words[0] in _OFFICE):
            start += len(words.pop(0)) + 1
        if len(words) >= 2 and not any(w in ORG_HEADS or w in PLACE_HEADS for w in words):
            found.append((start, m.end(1)))
    return found


# "The city’s mayor, Vitali Klitschko, says", "its CFO, Meng Wanzhou, in Vancouver", "the Commander of the
# IRGC's Aerospace Division, Amir Ali Hajizadeh, adding": the mirror of the above, a role (maybe "of" a body)
# and then the name set off by commas. Found from the name between commas, the role then read backwards.
_COMMA_NAME = re.compile(rf", ({_NAME_WORD}(?: (?:{_PARTICLE})?{_NAME_WORD}){{1,3}})(?=, | said\b| says\b| told\b)")
_ROLE_BEFORE = re.compile(rf"\b{_ROLE}(?: (?:of|at|for|in) [^,.;:]{{1,60}})?$")


def _role_then_name(text: str, role_starts: list[int]) -> list[tuple[int, int]]:
    found = []
    for m in _COMMA_NAME.finditer(text):
        i = bisect.bisect_left(role_starts, m.start() - 80)
        if i == len(role_starts) or role_starts[i] >= m.start():
            continue  # no role can start in the window: nothing to read backwards
        words = m.group(1).split(" ")
        if any(w in _NOT_NAME or w in TITLE_WORDS or w in ORG_HEADS or w in PLACE_HEADS or w in BODY_HEADS
               for w in words):
            continue
        if _ROLE_BEFORE.search(text, max(0, m.start() - 80), m.start()):
            found.append(m.span(1))
    return found


# "the head of the Kharkiv Regional Military Administration Oleh Synyehubov", "Space Commander of the
# Revolutionary Guards' Aerospace Force Ali Jafarabadi said": a role "of the" body named by its own words,
# ended by a state body's head, then the person, with no comma (the closed department words of _TITLED
# do not name a regional administration or a service's branch). Tried only where a role starts.
_ROLE_OF_BODY = re.compile(rf"\b{_ROLE} of the ((?:[A-Z][\w'’.-]* ){{0,5}}(?:{'|'.join(sorted(STATE_HEADS))})) "
                           rf"({_NAME_WORD}(?: (?:{_PARTICLE})?{_NAME_WORD}){{1,2}})(?![\w'’-])")


def _role_of_body_people(text: str, role_starts: list[int]) -> list[tuple[int, int]]:
    found = []
    for m in finditer_at(_ROLE_OF_BODY, text, role_starts):
        start, end, words = m.start(2), m.end(2), m.group(2).split(" ")
        while len(words) > 2 and words[-1] in _NOT_NAME:
            end -= len(words.pop()) + 1
        if not any(w in _NOT_NAME or w in TITLE_WORDS or w in ORG_HEADS or w in PLACE_HEADS or w in BODY_HEADS
                   for w in words):
            found.append((start, end))
    return found


# A given name the model left out before a surname it tagged ("Władysław" Kosiniak-Kamysz):
# one or two name words right before the person, after no other capitalised word.
_GIVEN_BEFORE = re.compile(rf"(?<![\w'’.-])((?:{_NAME_WORD} ){{1,2}})$")


def _given_names(text: str, span: Span) -> Span:
    s, e, label = span
    if label != "PERSON" or s == 0 or text[s - 1] != " ":
        return span
    m = _GIVEN_BEFORE.search(text, max(0, s - 40), s)
    if not m:
        return span
    words = m.group(1).split()
    if any(w in _NOT_NAME or w in TITLE_WORDS or _IS_TITLE_WORD.fullmatch(w) or w in ORG_HEADS
           or w in FIRM_HEADS or w in BODY_HEADS or w in _IS_DEPARTMENT_WORD for w in words):
        return span
    before = text[max(0, m.start(1) - 30):m.start(1)].split()
    if before and before[-1][0].isupper() and before[-1][-1] not in ",;:(\"“" and before[-1] not in _NOT_NAME:
        return span  # "Hellenic Navy Kataras": part of something longer
    return (m.start(1), e, label)


# "Punpakdee Pattanakul said": two or three name words opening a sentence or clause before a
# verb of saying. Weak evidence, so only where the model found nothing.
_SAYING = r"(?:said|says|told|added|wrote|warned|announced)"
_SAYER = re.compile(rf"(?:^|(?<=[.!?] )|(?<=\n)|(?<=, ))({_NAME_WORD}(?: (?:{_PARTICLE})?{_NAME_WORD}){{1,2}}) "
                    rf"{_SAYING}\b")
# where a sayer can start besides 0: after "[.!?] ", "\n" or ", " (a character class first lets re skip ahead)
_SAYER_AT = re.compile(r"[\n.!?,](?:(?<=\n)|(?= ))")
# where the verb of a sayer's sentence can stand (its space)
_SAYING_AT = LiteralStarts(" " + v for v in alternatives(_SAYING))
# a sayer's name holds at most four spaces: three name words, two particles ("al-", "bin"...) among them
_SAYER_MOST_SPACES = 4


def _sayer_starts(text: str) -> list[int]:
    return [0] + [m.end() + (m.group() != "\n") for m in _SAYER_AT.finditer(text)]  # past the space


def _before_a_verb(text: str, starts: list[int]) -> list[int]:
    """The ``starts`` a verb of saying follows within a name's length (at most four spaces on):
    the only ones where _SAYER can match, since its name words hold no space. Most sentence and
    clause starts have none, and trying _SAYER there costs more than this test."""
    verbs = _SAYING_AT(text)  # every " said", " told"... (no two overlap: each opens with its space)
    out = []
    for s in starts:
        i = bisect.bisect_left(verbs, s)
        if i == len(verbs):
            break  # no verb after this start, nor after any later one
        if text.count(" ", s, verbs[i]) <= _SAYER_MOST_SPACES:  # the first verb after s is the nearest
            out.append(s)
    return out


# '," said Tim Dunn, NASA launch manager', '” said Junichi Moriuma, representative for', '," says Duyeon Kim at
# the Centre': a quotation closed, a verb of saying, then the speaker's two or three name words, ended by a comma, a
# full stop or a preposition of affiliation. Found from the closing quote, which few texts hold.
_QUOTED_SAYER = re.compile(rf"[\"”’] {_SAYING} ({_NAME_WORD}(?: (?:{_PARTICLE})?{_NAME_WORD}){{1,2}})"
                           rf"(?=[,.;]| at | of | from | who )")


def _quoted_sayers(text: str) -> list[tuple[int, int]]:
    found = []
    for m in _QUOTED_SAYER.finditer(text):
        words = m.group(1).split()
        if not any(w in _NOT_NAME or w in TITLE_WORDS or _IS_TITLE_WORD.fullmatch(w) or w in ORG_HEADS
                   or w in FIRM_HEADS or w in BODY_HEADS or w in PLACE_HEADS or _POSSESSIVE_END.search(w)
                   for w in words):
            found.append(m.span(1))
    return found


def _sayers(text: str, spans: list[Span]) -> list[tuple[int, int]]:
    found = []
    for m in finditer_at(_SAYER, text, _before_a_verb(text, _sayer_starts(text))):
        words = m.group(1).split()
        if not any(w in _NOT_NAME or w in TITLE_WORDS or _IS_TITLE_WORD.fullmatch(w) or w in ORG_HEADS
                   or w in FIRM_HEADS or w in BODY_HEADS or w in PLACE_HEADS for w in words):
            found.append((m.start(1), m.end(1)))
    return found


def _untitle(text: str, span: Span) -> Span:
    """"Field Marshal Asim Munir" (tagged ORG) -> the person "Asim Munir": a title the
    model took into the span goes, when two or more name words remain."""
    s, e, label = span
    if label not in ("PERSON", "ORG"):
        return span
    m = _TITLE_HEAD.match(text, s, e)
    if not m or m.end() >= e:
        return span
    rest = text[m.end():e]
    if len(m.group().split()) >= 2 and re.fullmatch(_NAME_WORD, rest) and _looks_personal_rest(rest) \
            and rest not in BODY_HEADS and rest not in FIRM_HEADS and rest not in PLACE_HEADS:
        return (m.end(), e, "PERSON")  # "Major General Hariyanto": one name after a long title
    if re.fullmatch(rf"{_NAME_WORD}(?: (?:{_PARTICLE})?{_NAME_WORD}){{1,3}}", rest) and _looks_personal_rest(rest):
        return (m.end(), e, "PERSON")
    return span


def _looks_personal_rest(name: str) -> bool:
    return not any(w in ORG_HEADS or w in _OFFICE for w in name.split()) \
        and not re.search(rf"\b{_SUFFIX}$", name)


_OF_ORG = re.compile(rf"({_NAME_WORD}(?: {_NAME_WORD}){{1,2}}) of (?:the )?$")


def _people_of_orgs(text: str, spans: list[Span]) -> list[tuple[int, int]]:
    """"Ankit Panda of the Carnegie Endowment": two or three name words just before
    "of (the)" and an organisation are a person (not "Department of the Navy")."""
    found = []
    for s, _, label in spans:
        if label != "ORG":
            continue
        m = _OF_ORG.search(text, max(0, s - 60), s)
        if m and _looks_personal(m.group(1)) and not any(w in _OFFICE or w in _NOT_NAME for w in m.group(1).split()):
            found.append((m.start(1), m.end(1)))
    return found


_PLACE_LABELS = ("GPE", "LOC", "FAC", "NORP")


def _add(spans: list[Span], new: list[tuple[int, int]], label: str, free_only: bool = False) -> list[Span]:
    """Add spans the model missed. One that overlaps a model span replaces it only if it
    starts at the same place and reaches further ("Chun" -> "Chun In-bum") or contains it
    whole with the same label or as a place ("Vice Admiral Dimitrios-Eleftherios Kataras", the
    surname read as a GPE); a stray fragment of another kind ("IRIS" inside no name) is kept apart;
    with ``free_only`` (weaker evidence) only where no span lies."""
    out = list(spans)
    for a, b in new:
        hit = [sp for sp in out if sp[0] < b and a < sp[1]]
        if free_only and hit:
            continue
        if all(a <= s and e <= b and (s == a or sp_label == label or sp_label in _PLACE_LABELS)
               for s, e, sp_label in hit):
            out = [sp for sp in out if sp not in hit] + [(a, b, label)]
    return sorted(out)


# --- names found by their first or last word, merged by agents/enrich/entities.py where no
# gazetteer name lies (people) or around the gazetteer's names (facilities, bodies) ---

# A line set in title case (a headline): every word capitalised, so capitals say nothing
# about names there ("Brenda Novak Book Launch", "Spaceport America Begins Construction").
_LINE_WORD = re.compile(r"[A-Za-z][a-z]{3,}")


def title_case_line(text: str, start: int, end: int) -> bool:
    """The line holding ``text[start:end]`` is in title case: of its other words of four
    letters or more (within 120 characters either side: a headline is short), at least two
    and three in four are capitalised."""
    nxt = _LINE_WORD.search(text, end, end + 60)  # the usual case first: a word in lower case next to the name
    if nxt and nxt.group()[0].islower() and "\n" not in text[end:nxt.start()]:
        return False
    a = max(text.rfind("\n", max(0, start - 120), start) + 1, start - 120)
    b = text.find("\n", end, end + 120)
    words = _LINE_WORD.findall(text, a, start) + _LINE_WORD.findall(text, end, b if b >= 0 else end + 120)
    return len(words) >= 2 and sum(w[0].isupper() for w in words) >= 0.75 * len(words)


# A capitalised word followed by another: where a person led by a given name can start.
_GIVEN_AT = re.compile(r"([A-Z](?<![\w'’.-].)[a-z]+) (?=[A-Z])")  # the boundary after the capital: re skips ahead
_PERSON_REST = re.compile(rf"((?:{_PARTICLE})?{_NAME_WORD}(?: (?:{_PARTICLE})?{_NAME_WORD}){{0,2}})")
# Words that end a place's, a building's or an event's name, never a person's ("Christopher Street")
NOT_PERSON_WORDS = ORG_HEADS | BODY_HEADS | FIRM_HEADS | PLACE_HEADS | frozenset(
    "Street Avenue Road Square Park Hall Bridge Harbour Harbor Station Airport Church Hospital School College "
    "Stadium Building Tower House Award Awards Prize Cup Festival Day Memorial Museum Library Theatre Theater "
    "Hotel Beach Falls Heights Springs Hills Hill Canyon Creek Point Cape Range Site Spaceport Cosmodrome "
    "Space Rocket Missile Launch Satellite Nuclear Test Mission Program Programme Project Act Treaty Law "
    "Accords Accord Doctrine Plan Line Strait Canal Dam Island Islands Trust Fund International National "
    "Global Republic Kingdom Empire Federation Union Conference Summit Games Show Series Prize Medal Lab "
    "Pictures Studios Media Entertainment Airlines Airways Energy Partners Capital Ventures Brothers Records "
    "Networks Network Communications Telecom Sports Motors Mobile Radio Television Channel Times Post "
    "Lander Rover Probe Capsule Module Orbiter Telescope Spacecraft Vehicle Booster".split())
_POSSESSIVE_END = re.compile(r"['’]s?$")
_POSSESSIVE_S = re.compile(r"\w['’]s$")  # "NASA's", not a bare quote mark


def given_name_people(text: str, given: frozenset[str], country_ends: frozenset[int] = frozenset()) -> list[tuple[int, int]]:
    """Two to four capitalised words led by a known given name ("Christopher Nolan", "Rafael
    Grossi", "Sunita Williams"): people, unless a word says place, body or event ("Christopher
    Street", "Jordan Valley") or the name is part of a longer capitalised run ("Space Shuttle
    Columbia Disaster"). In a title-case headline only two words. The caller merges them only
    where no other entity lies, so a gazetteer place or body ("Washington Post") wins.
    A capitalised word before the given name makes it part of a longer name, unless it is a
    possessive ("NASA's Nick Hague", "ULA's Gary Wentz") or a country's word the gazetteer
    matched, ending at one of ``country_ends`` ("American Leroy Chiao", "German Alexander Gerst")."""
    found = []
    for m in _GIVEN_AT.finditer(text):
        first = m.group(1)
        if first not in given:
            continue
        a = m.start(1)
        before = text[max(0, a - 30):a].split()
        prev = before[-1] if before and text[a - 1:a] == " " else ""
        if prev and prev[0].isupper() and prev[-1] not in ",;:(\"“‘'" and prev not in _NOT_NAME \
                and prev not in TITLE_WORDS and not _IS_TITLE_WORD.fullmatch(prev.rstrip(".")) \
                and prev not in ("Sir", "Dame", "Lord", "Lady", "Dr", "Mr", "Mrs", "Ms") \
                and not _POSSESSIVE_S.search(prev) and a - 1 not in country_ends:
            continue  # inside a longer name
        r = _PERSON_REST.match(text, m.end())
        if not r:
            continue
        words = r.group(1).split(" ")
        for i, word in enumerate(words):
            if _POSSESSIVE_END.search(word):  # "Richard Branson's Virgin Orbit"
                words = words[:i + 1]
                break
        if title_case_line(text, a, m.end() + len(words[0])):
            words = words[:1]
        end = m.end() + len(" ".join(words))
        last = words[-1]
        hy = last.find("-")
        if hy > 0 and last[hy + 1:hy + 2].islower():  # "Jeff Bezos-owned"
            end -= len(last) - hy
            words[-1] = last = last[:hy]
        pm = _POSSESSIVE_END.search(last)
        if pm:  # "Christopher Nolan's"
            end -= len(pm.group())
            words[-1] = last = last[:pm.start()]
        if not last or any(w in NOT_PERSON_WORDS or w in _NOT_NAME or w in TITLE_WORDS for w in words):
            continue
        nxt = text[end:end + 20].split(" ", 2)
        if len(nxt) > 1 and nxt[0] == "" and nxt[1][:1].isupper() and nxt[1].rstrip(".,;:") in NOT_PERSON_WORDS:
            continue  # "Christopher Street Day" cut short above: the next word is a head
        found.append((a, end))
    return found


# The head of a facility's name, its last words ("Stennis Space Center", "Trinity Site",
# "Palmachim Air Force Base", "Alamogordo Bombing and Gunnery Range").
_FAC_HEAD = (r"(?:Space (?:Flight )?Cent(?:er|re)|Spaceflight Cent(?:er|re)|Flight Cent(?:er|re)|"
             r"Launch (?:Complex|Site|Cent(?:er|re)|Facility|Pad)|Cosmodrome|Spaceport|"
             r"Air Force (?:Base|Station)|Air (?:Station|Base)|Naval (?:Air )?(?:Station|Base)|Space Force (?:Base|Station)|"
             r"Test (?:Site|Range|Stand|Facility)|Missile Range|Gunnery Range|Bombing Range|Proving (?:Range|Grounds?)|"
             r"Site|Range|Airport|Observatory|Shipyard|Cent(?:er|re)|Facility)")
# The head of an organisation's name ("National Nuclear Security Administration", "Civil
# Aviation Authority", "International Launch Services", "Strategic Forces Command").
_ORG_HEAD = (r"(?:Administration|Authority|Agency|Command|Forces?|Services?|Council|Commission|Committee|"
             r"Ministry|Organi[sz]ation|Institute|Institution|Corporation|Group|Laboratory|Laboratories|Lab|"
             r"University|Academy|Survey|Office|Department|Bureau|Directorate|Corps|Guard|Fleet|Army|Navy|"
             r"Association|Foundation|Society|Alliance|Consortium|Industries|Systems|Technologies|Dynamics|"
             r"Aerospace|Electronics|Holdings|Space|Police|Division|Brigade|Battalion|Regiment|"
             r"Ventures|Partners|Fund|Associates|Capital|Wing|Squadron)")
# heads that end a name only where no capitalised word goes on after them ("Founders Fund", "Spark Capital";
# not "National Capital Region", "Fund Manager"), and those that name a military unit only after its number
# ("the 45th Weather Squadron", "the 30th Space Wing"; "Right Wing" is no body)
_LAST_ONLY_HEADS = frozenset("Ventures Partners Fund Associates Capital Wing Squadron".split())
_NUMBERED_HEADS = frozenset("Wing Squadron".split())
# a unit's number before its name ("576th Flight Test Squadron", "3rd Infantry Division")
_ORDINAL_BEFORE = re.compile(r"(?<![\w-])\d{1,4}(?:st|nd|rd|th) $")
_NAME_GOES_ON = re.compile(r" [A-Z]")
_LINE_END = re.compile(r"[.!?:]?(?:\n|$)")  # (an article's text is its title, a full stop and its body)
# a role written before a body's name, no part of it
_LEADING_ROLES = frozenset("Director Commander Chairman Chairwoman Chief Head Deputy Spokesman Minister Secretary "
                           "President DG Governor Mayor Senator".split())
# one alternation grouped by first letter (agents/enrich/patterns.py): re skips to those capitals;
# a word before the head is checked in code
_HEADED = re.compile(by_first_letter(_FAC_HEAD[:-1] + "|" + _ORG_HEAD[3:], word_start=True) + r"(?![\w-])")
_IS_FAC_HEAD = re.compile(_FAC_HEAD)
_HEAD_WORD = r"(?:[A-Z][\w&-]*[\w&]|[A-Z]\.?)"
_IS_HEAD_WORD = re.compile(_HEAD_WORD)


def _words_before(text: str, end: int, most: int) -> tuple[int, list[str]]:
    """Up to ``most`` capitalised words just before the space at ``end``, read backwards token
    by token (no regex tried at every position): their start and the words, or none."""
    words: list[str] = []
    start, pos = end, end
    while len(words) < most:
        lo = max(0, pos - 40)
        cut = max(text.rfind(" ", lo, pos), text.rfind("\n", lo, pos))
        if cut < 0 and lo > 0:
            break  # a token longer than 40 characters is no name word
        j = cut + 1
        token = text[j:pos]
        opener = token[:1] in ("(", '"', "“", "‘", "[")
        if opener:
            j, token = j + 1, token[1:]
        if not token or not _IS_HEAD_WORD.fullmatch(token):
            break
        words.insert(0, token)
        start = j
        if opener or j == 0 or text[j - 1] == "\n":
            break
        pos = j - 1
    return start, words
_OF_HEADS = JOIN_HEADS | {"Academy", "Institute", "Ministry", "Department", "Office"}  # "... of/for <name>"
# (and one more part joined by "and" or "of": "Institute of Space and Astronautical Science", "Ministry
# of Defence and Armed Forces Logistics", "Institute for Q-shu Pioneers of Space"; after "and", two
# words at least, so "the Ministry of Defence and Israel" stays two names)
_OF_AFTER = re.compile(rf" (?:of|for)(?: the)? ({_HEAD_WORD}(?: {_HEAD_WORD}){{0,3}}"
                       rf"(?: and {_HEAD_WORD}(?: {_HEAD_WORD}){{1,3}}| of(?: the)? {_HEAD_WORD}(?: {_HEAD_WORD}){{0,2}})?)"
                       rf"(?![\w'’-])")
_SPACEPORT = re.compile(rf"S(?<![\w-].)paceport ({_HEAD_WORD}(?: {_HEAD_WORD})?)(?![\w'’-])")
# found from the literal "news agency" (re skips ahead to it), the name read either side
_NEWS_AGENCY = re.compile(r"news agency\b")
_NAME_BEFORE_AGENCY = re.compile(rf"(?<![\w'’.-])({_HEAD_WORD}(?: {_HEAD_WORD}){{0,2}}) $")
_NAME_AFTER_AGENCY = re.compile(rf" ({_HEAD_WORD}(?: {_HEAD_WORD}){{0,2}})(?![\w'’-])")
# capitalised words that open a clause, never a facility's or body's name
_NOT_HEADED = _NOT_NAME | frozenset("Officials Yesterday Today Tomorrow Meanwhile However Also Then Now Last Next "
                                    "Every Each Both Former New One Two Three Four Five Six Seven Eight Nine Ten "
                                    "Several Many Some All No".split())
# words that alone before a one-word head make no name ("Intermediate Range Ballistic Missile")
_GENERIC = frozenset("Intermediate Medium Long Short Extended Close National International Central Regional Federal "
                     "Main Test Launch Control Research Space Data Operations Command Mission Medical Trade Shopping "
                     "Business Community Convention Press Media Information Science Military Nuclear Missile".split())
_ONE_WORD_HEADS = frozenset("Site Range Center Centre Facility Airport Observatory".split())
# "Space" ends a launch firm's name ("Stoke Space", "Gilmour Space", "Kairo Space") only as the name's last
# word ("Chinese Space Station" is no firm) after a word of its own ("Outer Space", "Deep Space" are places, "Our
# Space programme" a possessive)
_SPACE_HEAD_GENERIC = _GENERIC | frozenset("Outer Deep Near Low High Open Free Earth Air Aero Cyber Commercial Private "
                                           "Public Human Manned Crewed Inner Civil Orbital Lunar Our My Your".split())
_DEMONYM = re.compile(r"(?:ean|ian|ese|ish)$")  # "European", "Iranian", "Japanese", "British"
_CAPITAL_NEXT = re.compile(r" (?:and |& )?[A-Z]")  # the name goes on: "Hughes Space and Communications International"


# A newspaper, broadcaster or wire by its masthead's last word ("Florida Today", "the Jerusalem Post", "The
# Straits Times", "Dunya News", "the South China Morning Post"): one to four capitalised words before it
_OUTLET_HEAD = re.compile(by_first_letter(r"(?:Times|Post|News|Today|Journal|Herald|Tribune|Gazette|Telegraph|Chronicle|"
                                          r"Daily)", word_start=True) + r"(?![\w'’-])")
# words before such a head that make a section, a label or a kind of post, not a masthead ("Breaking News",
# "Command Post", "Several Times")
_NOT_OUTLET = _NOT_HEADED | _GENERIC | frozenset(
    "Breaking Latest World Top Local Related More Fake Sports Tech Technology Daily Updated Posted Published Good Bad "
    "Big Hot Trending Recent Featured Popular Editor Editors Special Command Observation Border Trading Army Police "
    "Facebook Instagram Twitter Telegram Blog Guest Sponsored Partner Partners Multiple Different Other Modern Ancient "
    "Happy Sad Hard Tough Early Late".split())


_MODIFIER_HYPHEN = re.compile(r"-[a-z]")  # "Kong-based", "state-run"
# The outlet in a dateline: a line opened by a city in capitals (maybe its state or a date after a comma), the
# outlet in brackets, then a dash ("HAWTHORNE, Calif. (KABC) -- A SpaceX", "NAIROBI (KAAB TV) — A British").
# The capital first and the line start checked behind it ("(?<![^\n].)": the text's start or a line break before
# it), so re skips ahead to capitals instead of trying "(?:^|(?<=\n))" at every position (~7x faster)
_DATELINE = re.compile(r"[A-Z](?<![^\n].)[A-Z .'’-]{1,25}(?:, [A-Z][A-Za-z.]{1,12})?(?:, [A-Z][a-z]{2,8}\.? \d{1,2})? "
                       r"\(([A-Z][\w&.' ]{0,24}[\w.])\) ?(?:-|–|—|_)")


def _line_starts(text: str) -> list[int]:
    """Where a line starts (the only places _DATELINE can match)."""
    out, i = [0], text.find("\n")
    while i >= 0:
        out.append(i + 1)
        i = text.find("\n", i + 1)
    return out


def _outlets(text: str) -> list[tuple[int, int, str]]:
    found = []
    for m in _OUTLET_HEAD.finditer(text):
        head_start = m.start()
        if head_start < 2 or text[head_start - 1] != " " or not text[head_start - 2].isalnum():
            continue
        start, words = _words_before(text, head_start - 1, 4)
        for i in range(len(words) - 1, -1, -1):  # "The Straits Times", "Hong Kong-based South China Morning Post"
            if words[i] in _NOT_HEADED or _MODIFIER_HYPHEN.search(words[i]):
                start += sum(len(x) + 1 for x in words[:i + 1])
                words = words[i + 1:]
                break
        if not words or words[-1] in _NOT_OUTLET or any(w in _NOT_NAME for w in words) \
                or title_case_line(text, start, m.end()) or (m.group() == "Today" and len(words) > 1):
            continue  # ("Florida Today", "India Today": one place word; "Years Ago Today" is a phrase)
        found.append((start, m.end(), "ORG"))
    return found


def _of_end(o: re.Match[str]) -> int:
    """Where a body's "of" part ends: a part after "and" that ends in a head word is a second
    body ("the Ministry of Defence and Israel Aerospace Industries"), not part of the first."""
    name = o.group(1)
    cut = name.find(" and ")
    if cut >= 0 and name.rsplit(" ", 1)[-1] in _SECOND_BODY:
        return o.start(1) + cut
    return o.end()


_SECOND_BODY = ORG_HEADS | FIRM_HEADS | BODY_HEADS


def headed_names(text: str) -> list[tuple[int, int, str]]:
    """Facilities (label FAC) and organisations (ORG) named by their head word: one to five
    capitalised words before it ("Stennis Space Center", "Civil Aviation Authority"), a body
    continued by "of"/"for" ("Shanghai Academy of Spaceflight Technology"), or "Spaceport"
    and a place ("Spaceport Cornwall"). Not in title-case headlines, where every word is
    capitalised. Sorted and disjoint; the caller merges them around the gazetteer's names."""
    found: list[tuple[int, int, str]] = []
    for m in _HEADED.finditer(text):
        head_start, end = m.start(), m.end()
        if head_start < 2 or text[head_start - 1] != " " or not (text[head_start - 2].isalnum() or text[head_start - 2] == "."):
            continue
        label = "FAC" if _IS_FAC_HEAD.fullmatch(m.group()) else "ORG"
        start, words = _words_before(text, head_start - 1, 5)
        for i in range(len(words) - 1, -1, -1):  # "AFP The Chinese Foreign Ministry": the name starts after "The"
            if words[i] in _NOT_HEADED:
                start += sum(len(x) + 1 for x in words[:i + 1])
                words = words[i + 1:]
                break
        if not words:  # "the Academy of Defense Science": the head opens the name, "of" goes on with it
            o = _OF_AFTER.match(text, end) if label == "ORG" and m.group() in _OF_HEADS \
                and text[head_start - 4:head_start] in ("the ", "The ") else None
            if o and o.group(1).split()[0] not in _NOT_NAME and not title_case_line(text, head_start, o.end()):
                found.append((head_start, _of_end(o), label))
            continue
        if label == "ORG" and words[0] in _LEADING_ROLES:
            if len(words) == 1:
                continue  # "Commander Army" is the start of a title, "Commander Army Strategic Forces Command"
            # "Commander Army Strategic Forces Command", "Director General Strategic Plans Division": the
            # person's title before the body is no part of its name
            cut = 2 if words[1] == "General" and len(words) > 2 else 1  # "Director General"
            start += sum(len(x) + 1 for x in words[:cut])
            words = words[cut:]
        if len(words) >= 3 and (start == 0 or text[start - 1] == "\n") and _LINE_END.match(text, end):
            continue  # a line that is all one name of four words or more is a headline ("Saudi Destroys Missile Over Capital")
        numbered = _ORDINAL_BEFORE.search(text, max(0, start - 8), start)
        if numbered:
            start = numbered.start()
        elif m.group() in _NUMBERED_HEADS:
            continue
        if m.group() in _LAST_ONLY_HEADS and _NAME_GOES_ON.match(text, end):
            continue
        # (a possessive is no head word: "NASA's" stays out)
        if (m.group() in _ONE_WORD_HEADS and all(x in _GENERIC for x in words)) or title_case_line(text, start, end):
            continue
        if m.group() == "Space" and (_CAPITAL_NEXT.match(text, end) or any(x in _SPACE_HEAD_GENERIC for x in words)
                                     or _DEMONYM.search(words[-1])):
            continue
        if label == "ORG" and m.group() in _OF_HEADS:
            o = _OF_AFTER.match(text, end)
            if o and o.group(1).split()[0] not in _NOT_NAME:
                end = _of_end(o)
        found.append((start, end, label))
    for n in _NEWS_AGENCY.finditer(text):  # "the semi-official Fars news agency", "news agency AP"
        m = _NAME_BEFORE_AGENCY.search(text, max(0, n.start() - 50), n.start()) or _NAME_AFTER_AGENCY.match(text, n.end())
        if m and m.group(1).split()[0] not in _NOT_HEADED and not title_case_line(text, n.start(), n.end()):
            found.append((m.start(1), m.end(1), "ORG"))
    found += _outlets(text)
    found += [(m.start(1), m.end(1), "ORG") for m in finditer_at(_DATELINE, text, _line_starts(text))]
    for m in _SPACEPORT.finditer(text):
        words = m.group(1).split()
        if words[0] in _NOT_NAME or title_case_line(text, m.start(), m.start(1) + len(words[0])):
            continue
        if len(words) == 2 and (words[1] in _NOT_NAME or not words[1][1:2].islower()):
            found.append((m.start(), m.start(1) + len(words[0]), "FAC"))
        else:
            found.append((m.start(), m.end(), "FAC"))
    out: list[tuple[int, int, str]] = []
    for sp in sorted(found, key=lambda s: (s[0], -s[1])):  # disjoint, the longest at a start
        if out and sp[0] < out[-1][1]:
            continue
        out.append(sp)
    return out


# "cosmonauts Alexander Skvortsov and Oleg Artemyev": a second name joined to a person by "and"
_AND_NAME = re.compile(rf" and ({_NAME_WORD}(?: {_NAME_WORD}){{1,2}})(?![\w'’-]| [A-Z][a-z])")


def coordinated_people(text: str, people: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Two or three name words joined by "and" to a person already found: a person too,
    unless a word says place, body or title ("Elon Musk and Indonesian Health Minister")."""
    found = []
    for _, end in people:
        m = _AND_NAME.match(text, end)
        if m and not any(w in NOT_PERSON_WORDS or w in _NOT_NAME or w in TITLE_WORDS
                         or _IS_TITLE_WORD.fullmatch(w) for w in m.group(1).split()):
            found.append(m.span(1))
    return found


# A name with its class noun: "the Zafar satellite", "its Orion crew capsule", "a Dragon cargo
# ship", "the Nirbhay missile system", or the noun first: "the space shuttle Discovery".
# Capital first (re skips ahead), the word boundary checked after it.
# found from the class noun (LEDE_WORDS: lower-case words re cannot skip ahead to), the name read backwards
_CLASS_WORDS = LEDE_WORDS.add(("satellite", "spacecraft", "capsule", "crew capsule", "cargo ship", "cargo spacecraft", "probe", "module", "lander", "rover", "orbiter",
                "missile", "rocket", "space station", "observatory", "telescope",
                # ships and aircraft a missile strikes or a rocket is dropped from ("the Maersk Sentosa vessel")
                "vessel", "tanker", "freighter", "destroyer", "frigate", "aircraft",
                # and the boats a missile is fired from ("the Yury Dolgoruky submarine")
                "submarine", "cruiser", "corvette"))
_NOUN_BEFORE_NAME = LEDE_WORDS.add(("shuttle", "spacecraft", "orbiter", "capsule", "probe", "lander", "rover"))
_NAME_BEFORE_CLASS = re.compile(r"(?<![\w'’.-])([A-Z][\w-]*(?: [A-Z][\w-]*)?) $")


def _word_ends(text: str, words: tuple[str, ...], plural: bool) -> list[tuple[int, int]]:
    """(start, end) of each whole-word occurrence of ``words`` (or of their plural), word by word;
    ``words`` is a list registered with LEDE_WORDS (one pass over the text finds them all)."""
    out = []
    for k, i in LEDE_WORDS.occurrences(text, words):
        j = i + len(words[k])
        if plural and text[j:j + 1] == "s":
            j += 1
        if (i == 0 or not text[i - 1].isalnum()) and not text[j:j + 1].isalnum():
            out.append((i, j))
    return out
_CAP_AFTER_NOUN = re.compile(r" ([A-Z][a-z]+)(?![\w'’-]| [A-Z])")
# capitalised words before a class noun that are no name of one craft or weapon
_NOT_CRAFT = _NOT_NAME | _NOT_HEADED | frozenset(
    "Earth Moon Mars Venus Jupiter Saturn Mercury Sun Lunar Solar Space Soviet Western Allied Cruise Ballistic "
    "Hypersonic Nuclear Communications Weather Spy Military Navy Army Air Internet Starlink GPS Mission Crew "
    "Cargo Orbital Reconnaissance Russian Chinese American Israeli Iranian Korean Japanese Indian".split())


# A ship's name opens with its navy's or its kind's prefix ("USS John Paul Jones", "MV Rubymar")
SHIP_PREFIX = r"(?:USS|HMS|HMCS|HMAS|HMNZS|INS|PNS|ROKS|JS|RFS|FS|MV|MT|M/V|M/T|SS)\.?"
_SHIP_NAME_OPEN = re.compile(rf"(?<![\w'’.-]){SHIP_PREFIX}(?: [A-Z][\w'’.-]*)* $")

# words that say what a craft does, between its name and its class noun ("the DSCOVR space weather
# satellite", "the German ROSAT x-ray observatory"); a hyphened one too ("a Dove Earth-imaging satellite")
_CRAFT_MODIFIERS = frozenset(
    "space weather x-ray communications communication telecommunications remote sensing navigation spy "
    "reconnaissance observation imaging science research military test broadband internet astronomy "
    "climate meteorological optical radar surveillance experimental lunar solar earth "
    # and a boat's ("the Dmitry Donskoy nuclear powered submarine")
    "nuclear powered attack".split())


_HYPHEN_MODIFIER = re.compile(r"\w+-[a-z]+")


def _before_modifiers(text: str, c0: int) -> int:
    """Where the class noun's phrase starts once up to two modifier words before ``c0`` are skipped."""
    for _ in range(2):
        j = text.rfind(" ", 0, c0 - 1)
        word = text[j + 1:c0 - 1]
        if c0 < 2 or text[c0 - 1] != " " or not (word in _CRAFT_MODIFIERS or "-" in word and _HYPHEN_MODIFIER.fullmatch(word)):
            break
        c0 = j + 1
    return c0


def named_by_class(text: str) -> list[tuple[int, int]]:
    """Names of craft and weapons read off their class noun (label PRODUCT): "the Zafar
    satellite", "a Dragon cargo ship", "the space shuttle Discovery", "the DSCOVR space weather
    satellite". Not in title-case headlines; the caller adds them only where no other entity lies."""
    found = []
    for c0, c1 in sorted(_word_ends(text, _CLASS_WORDS, True)):
        c0 = _before_modifiers(text, c0)
        j = text.rfind(" ", 0, c0 - 1)
        if c0 < 2 or text[c0 - 1] != " " or not text[j + 1:j + 2].isupper():
            continue  # most class nouns follow a word in lower case: no regex for those
        m = _NAME_BEFORE_CLASS.search(text, max(0, c0 - 40), c0)
        if not m:
            continue
        a, b = m.span(1)
        words = m.group(1).split()
        if words[0] in _NOT_NAME and len(words) == 2:  # "The Zafar satellite"
            a += len(words.pop(0)) + 1
        before = text[max(0, a - 2):a]
        if a == 0 or before[-1:] == "\n" or before in (". ", ": ", "! ", "? ") or _bad_craft(words) \
                or title_case_line(text, a, c1):
            continue  # a sentence's first word is capitalised anyway ("Two satellites")
        if _SHIP_NAME_OPEN.search(text, max(0, a - 40), a):
            continue  # the end of a ship's longer name ("USS John Paul Jones destroyer")
        found.append((a, b))
    for _, c1 in _word_ends(text, _NOUN_BEFORE_NAME, False):
        m = _CAP_AFTER_NOUN.match(text, c1) if text[c1 + 1:c1 + 2].isupper() else None
        if m and not _bad_craft([m.group(1)]) and not title_case_line(text, c1, m.end()):
            found.append(m.span(1))
    return sorted(set(found))


def _bad_craft(words: list[str]) -> bool:
    return any(w in _NOT_CRAFT or w.endswith(("'s", "’s")) or _DEMONYM.search(w)
               or re.search(r"-[a-z]+$", w) for w in words)


# "Pyongsong, South Pyongan Province", "Kodiak, Alaska": a capitalised name right before a comma
# and a province or country the gazetteer knows is a place in it.
_PLACE_BEFORE_COMMA = re.compile(rf"(?<![\w'’.-])((?:{_CAP} ){{0,2}}{_CAP}), $")


def places_before_regions(text: str, regions: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """One to three capitalised words followed by ", " and a region or country (label GPE)."""
    found = []
    for start, _ in regions:
        if text[start - 2:start] != ", ":
            continue
        m = _PLACE_BEFORE_COMMA.search(text, max(0, start - 50), start)
        if not m:
            continue
        a, words = m.start(1), m.group(1).split()
        while words and words[0] in _NOT_HEADED:
            a += len(words.pop(0)) + 1
        if words and not any(w in _NOT_NAME or w in TITLE_WORDS or w in ORG_HEADS or w.isupper()
                             or _DEMONYM.search(w) for w in words):
            found.append((a, m.end(1)))
    return found


# "Elon Musk, who heads both a rocket and a car company", "led by Atal Bihari Vajpayee who had
# been re-elected": two to four name words before "who" name a person (bodies take "which").
# Found from the literal " who" (re skips ahead to it), the name then read backwards.
_WHO = re.compile(r" who(?:se|m)?\b")
_NAME_BEFORE_WHO = re.compile(rf"(?<![\w'’.-])({_NAME_WORD}(?: (?:{_PARTICLE})?{_NAME_WORD}){{1,3}})$")


def people_before_who(text: str) -> list[tuple[int, int]]:
    """People named just before a relative "who" (label PERSON); the caller adds them only
    where no other entity lies."""
    found = []
    for w in _WHO.finditer(text):
        end = w.start() - (text[w.start() - 1:w.start()] == ",")
        m = _NAME_BEFORE_WHO.search(text, max(0, end - 60), end)
        if not m:
            continue
        a, words = m.start(1), m.group(1).split()
        while words and (words[0] in _NOT_NAME or words[0] in TITLE_WORDS):
            a += len(words.pop(0)) + 1
        if len(words) >= 2 and not any(x in NOT_PERSON_WORDS or x in _NOT_NAME or _DEMONYM.search(x)
                                       or x.endswith(("'s", "’s")) for x in words):
            found.append((a, m.end(1)))
    return found
