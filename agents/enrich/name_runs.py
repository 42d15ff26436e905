"""Names no cue gives away: runs of capitalised words inside a sentence (:func:`capital_runs`).

The rule tier's other readers need a cue (a title, a head word, a given name, an apposition).
Most names in news have none: "a 2-0 win against Standard Liege in the Europa League",
"according to Opta", "told Rangers TV". English capitalises a word inside a sentence for one
reason in the main: it is a name. So a run of capitalised words (joined by "of", "for", "de",
"&"...) that does not open a sentence is read as a name, label ``MISC`` (CoNLL's label for a
name whose kind is not known), or ``PERSON`` when it is two to four words led by a given name,
or ``ORG`` when an organisation's head word ends it.

It is the weakest evidence of the tier: added last, only where no entity lies, never in a
title-case headline (every word is capitalised there), and a run that opens a sentence loses
its first word when that is a common word ("Officials said", "Despite the"). A single word
must not also occur in lower case in the same text ("Rocket" in "the Rocket Lab rocket").
Words that are capitalised for other reasons are never names: days and months, titles and
honorifics ("President", "Mr"), words that open clauses, holidays.
"""

from __future__ import annotations

import bisect
import functools
import re
from typing import Sequence

from agents.enrich.capital_words import (CLAUSE_ADVERBS, DAY_WORDS, HOLIDAYS, NUMBER_WORDS, OPENERS, PRONOUNS,
                                          QUANTIFIERS, SAYERS)
from agents.enrich.name_heads import BODY_HEADS, FIRM_HEADS, ORG_HEADS, PLACE_HEADS
from agents.enrich.name_spans import NOT_PERSON_WORDS, TITLE_WORDS, title_case_line
from streams.core.records import Entity, new_entity

# A capitalised word ("Liege", "O’Brien", "McDonald", "Al-Quds", "S&P", "P.J.") or an
# acronym with digits ("F-35" is left to the gazetteer: a run never starts with a digit)
_WORD = r"[A-Z][\w’'&.-]*"
_JOIN = r"(?:of the|of|for the|for|de la|de|del|della|da|di|du|van der|van|von|der|bin|ibn|al|el|&)"
_RUN = re.compile(rf"(?<![\w’'.-]){_WORD}(?: (?:{_JOIN} )?{_WORD})*")
_SENTENCE_END = re.compile(r"(?:^|[.!?:;\"“”‘’(\[\n|•—–-])\s*$")

#: capitalised for a reason other than being a name (or too vague to be one)
_NEVER = OPENERS | PRONOUNS | CLAUSE_ADVERBS | DAY_WORDS | NUMBER_WORDS | HOLIDAYS | SAYERS | QUANTIFIERS | frozenset(
    "Nor So Yet Without Where Why How What Which Who Whom Whose If Unless Although Though Because During Despite "
    "Against Under Over Into It's It’s Our Your My You I Me Us Them Still Even Just Only Not No Yes Most More "
    "Many Much Some Any All Each Every Both Several Few Other Another Such Same Last Next First Second Third New "
    "Old Late Early Former Ex Mon Tue Tues Wed Thu Thur Thurs Fri Sat Sun Jan Feb Mar Apr Jun Jul Aug Sep Sept "
    "Oct Nov Dec Tonight Morning Evening Afternoon Night Week Month Year Hundred Thousand Million Billion Dozens "
    "Mr Mr. Mrs Mrs. Ms Ms. Dr Dr. Prof Prof. Sir Dame Madam Lady Lord St. Jr Jr. Sr Sr. Mt. God Allah Photo "
    "Photos Image Images Video Videos Read Click Share Tweet Follow Subscribe Advertisement Related Source "
    "Sources Credit Getty Reuters/ Updated Published Posted Comments Comment Reply Login Sign Home News Latest "
    "Top Breaking Live Watch Listen Menu Search Page Previous Copyright Rights Reserved Western Eastern Northern "
    "Southern Central Arab Arabic Muslim Muslims Christian Christians Jewish Jews Islamic Catholic Shia Shiite "
    "Sunni Kurdish Kurds Latin English Allied Allies Communist Democrat Democrats Republican Republicans "
    "Democratic Conservative Conservatives Labour Liberal Liberals Socialist Nazi Nazis Please Thank Thanks Hello "
    "Dear Oh OK Okay Yeah Well Indeed Instead Perhaps Maybe Earlier Later Finally According Following Including "
    "Regarding Speaking Asked Said Says Authorities Experts Analysts Residents Witnesses Soldiers Troops Forces "
    "Government Ministry Army Navy State States City Internet Web Online Earth Moon Time Local Series Record Q1 "
    "Q2 Q3 Q4 H1 H2 FY Hindu Hindus Sikh Sikhs Buddhist Buddhists Article Blog Website App Apps Email Newsletters "
    "LLC Inc Ltd Cosmodrome Spaceport Privacy Terms Cookie Cookies Smartphone Spaceflight Podcast Livestream "
    "Webcast Newsletter Startup Hashtag Selfie".split())
_NEVER_LOWER = frozenset(w.lower() for w in _NEVER)
#: acronyms that are common nouns, not names
_COMMON_ACRONYMS = frozenset(
    "ICBM ICBMs SLBM SLBMs IRBM IRBMs SRBM SRBMs MRBM MRBMs UAV UAVs TV AM PM UTC GMT EST EDT PST PDT BST CET KST JST "
    "IST EEZ CEO CEOs CFO COO CTO MP MPs MEP PhD COVID AI OK USD EUR GDP VIP IPO FAQ PDF HTML URL DNA RNA SUV SUVs "
    "LNG LPG HIV AIDS II III IV VI VII VIII IX XI XII A.M. P.M. U.S.-led".split())
_ORG_ENDS = ORG_HEADS | BODY_HEADS | FIRM_HEADS | frozenset(
    "University College League Conference Club Association Federation Union Council Committee Party Group Bank "
    "Institute Foundation Society Commission Agency Corporation Company Brigades Brigade Command Board Authority "
    "Office Department Ministry Court Senate Assembly Parliament Congress Times Post News Press Herald Journal".split())
_TITLES = TITLE_WORDS | frozenset("President Minister Secretary Chairman Chairwoman Chair Governor Mayor Senator "
                                  "Representative Ambassador Spokesman Spokeswoman Spokesperson Director Chief "
                                  "King Queen Prince Princess Pope Sheikh Emir Premier Chancellor Captain Coach "
                                  "General Colonel Lieutenant Major Sergeant Admiral Commander Marshal Judge "
                                  "Justice Professor Deputy Vice Prime Foreign Defence Defense Interior "
                                  "Commissioner Envoy Lawmaker Senator-elect".split())


#: bodies named by one common word, capitalised as a name ("the Senate voted")
_ONE_WORD_BODIES = frozenset("Congress Senate Parliament Pentagon Kremlin Knesset Duma Bundestag Politburo Vatican".split())
#: a capitalised word with one of these ends, that the dictionary holds capitalised, is a
#: people's or a place's adjective ("Korean", "Haitian", "Atlantic"), not a name of its own
_ADJECTIVE_END = re.compile(r"(?:an|ans|ian|ians|ean|eans|ese|ish|ic|ics|i|is)$")
_ABBREVIATION = re.compile(r"(?:\b[A-Z]|\b(?:[A-Z]\.)+[A-Z]|Inc|Corp|Co|Ltd|Jr|Sr|St|Bros|Mt|Ft|No|Gov|Sen|Rep)\.$")


@functools.lru_cache(maxsize=1)
def dictionary() -> tuple[frozenset[str], frozenset[str]]:
    """Webster's Second International word list (public domain, the ``english-words``
    package): its words in lower case (common words: "cell", "standard", "liege"), and those
    it spells capitalised ("Korean", "Paris"). Read once, ~0.2 s."""
    try:
        from english_words import get_english_words_set
    except ModuleNotFoundError:  # pragma: no cover - a declared dependency
        return frozenset(), frozenset()
    words = get_english_words_set(["web2"])
    return frozenset(w for w in words if w.islower()), frozenset(w for w in words if w[:1].isupper())


#: the nouns of the stories the rules read: capitalised together with other common words they
#: are a heading's or a caption's, not a name ("Nuclear Tests", "Launch Pad")
_STORY_NOUNS = frozenset("launch launches pad nuclear test tests rocket rockets missile missiles space satellite "
                         "satellites exercise exercises training drill drills strike strikes attack attacks".split())


def _common(word: str, common: frozenset[str]) -> bool:
    """A common word or its plural (the dictionary lists singulars: "sirens", "companies")."""
    if "-" in word:  # "submarine-launched"
        return all(_common(part, common) for part in word.split("-") if part)
    if word.endswith("ed") and (word[:-2] in common or word[:-1] in common) \
            or word.endswith("ing") and (word[:-3] in common or word[:-3] + "e" in common):
        return True  # "launched", "firing"
    return word in common or word.endswith("s") and (
        word[:-1] in common or word.endswith("es") and word[:-2] in common
        or word.endswith("ies") and word[:-3] + "y" in common)


def _in_lower_case(text: str, word: str) -> bool:
    """``word`` (in lower case) occurs as a word of ``text``."""
    i = text.find(word)
    while i >= 0:
        j = i + len(word)
        if (i == 0 or not text[i - 1].isalnum()) and (j == len(text) or not text[j].isalnum()):
            return True
        i = text.find(word, j)
    return False


def _said_in_lower_case(text: str, name: str) -> bool:
    lower = name.lower()
    i = text.find(lower)
    return i >= 0 and lower != name


#: words that open clauses, capitalised inside a run only because it is a title in title case
#: ("International Day Against Nuclear Tests", "Conference On Disarmament")
_TITLE_JOINERS = frozenset("Against Of For And The On In At To With From By Without Under Over Into".split())


_TOKEN = re.compile(r"\S+")


def _clean(word: str) -> str:
    return word.rstrip(".,’'").removesuffix("’s").removesuffix("'s")


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The run cut where a word is never part of a name (a day, a title) or ends in a
    possessive or a comma (``"Carolina State’s Tom O’Brien"`` -> two names)."""
    out: list[tuple[int, int]] = []
    cur: list[tuple[int, int]] = []
    for t in _TOKEN.finditer(text, start, end):
        a, b = t.span()
        word = t.group()
        bare = word.rstrip(".,")
        if cur and bare in _TITLE_JOINERS and not word.endswith((".", ",")):
            cur.append((a, b))
            continue
        if bare in _NEVER or bare in _TITLES or (bare in _COMMON_ACRONYMS and not cur) or re.search(r"-[a-z]+$", bare) \
                or re.search(r"\.[A-Za-z]{2,}", bare):  # "Soviet-era", "Thursday.Intelligence"
            if cur:
                out.append((cur[0][0], cur[-1][1]))
            cur = []
            continue
        if word.endswith(".") and not _ABBREVIATION.search(word):  # a sentence's end: "at 3 PM. Sirens"
            after = text[b:b + 3].lstrip(" ")
            if (not cur and len(bare) <= 5 and not bare.isupper() and after[:1] in (",", "(", ")")) or after[:1].islower():
                # an abbreviation, no sentence's end: a lone short word with a dot before a comma ("Kokomo, Ind.,
                # said"), or any word with a dot before a word in lower case; it is left out of the run
                continue
            cur.append((a, b - 1))
            out.append((cur[0][0], cur[-1][1]))
            cur = []
            continue
        possessive = word.endswith(("’s", "'s")) and len(word) > 2
        cur.append((a, b - 2 if possessive else b))
        if possessive:
            out.append((cur[0][0], cur[-1][1]))
            cur = []
    if cur:
        out.append((cur[0][0], cur[-1][1]))
    trimmed = []
    for a, b in out:
        # joiners never end a name, nor a sentence's full stop ("in Europe." but "Corp." stays)
        words = text[a:b].split()
        while words and (re.fullmatch(_JOIN, words[0]) or words[0] == "the"):
            a += len(words.pop(0)) + 1
        while words and (re.fullmatch(_JOIN, words[-1]) or words[-1] in ("the",) or words[-1] in _TITLE_JOINERS):
            b = a + text[a:b].rfind(" " + words[-1])
            words.pop()
        if b > a and text[b - 1] == "." and not re.search(r"(?:\b[A-Z]|Inc|Corp|Co|Ltd|Jr|Sr|St)\.$", text[a:b]):
            b -= 1
        while b > a and text[b - 1] in ",’'":
            b -= 1
        if b > a:
            trimmed.append((a, b))
    return trimmed


def capital_runs(text: str, given: frozenset[str], end: int | None = None,
                 taken: Sequence[tuple[int, int]] = ()) -> list[tuple[int, int, str, None]]:
    """(start, end, label, None) for each name read off capitals in ``text[:end]``; a run that
    lies inside one of the sorted spans ``taken`` (the entities found) is skipped unread."""
    end = len(text) if end is None else end
    out: list[tuple[int, int, str, None]] = []
    starts = [a for a, _ in taken]
    common, proper = dictionary()
    for m in _RUN.finditer(text, 0, end):
        s, e = m.span()
        i = bisect.bisect_right(starts, s) - 1
        if i >= 0 and taken[i][1] >= e:
            continue  # a name already found ("North Korea", "SpaceX")
        single = " " not in m.group()
        if single and (e - s < 3 or m.group().rstrip(".,’'") in _NEVER):
            continue  # the usual case, cheaply: "The", "He", "It", "Monday"
        opens = s == 0 or bool(_SENTENCE_END.search(text, max(0, s - 3), s))
        if single and opens and m.group() not in given:
            continue
        if not opens and text.startswith("The ", s) and e > s + 4 and not title_case_line(text, s, e):
            # "The" capitalised inside a sentence opens a title: "reported by The Guardian"
            piece = _pieces(text, s + 4, e)
            if piece and piece[0][0] == s + 4:
                out.append((s, piece[0][1], "MISC", None))
                piece = piece[1:]
            s = piece[0][0] if piece else e
        if opens:
            first = _clean(re.match(r"[^\s]+", text[s:e]).group())
            if first not in given and (first in _NEVER or _common(first.lower(), common) or _common(first, proper)):
                nxt = re.search(r"\s", text[s:e])
                if nxt is None:
                    continue
                s = s + nxt.end()
        for a, b in _people_apart(text, _pieces(text, s, e), given):
            name = text[a:b]
            words = name.split()
            if len(words) == 1:
                w = words[0]
                if len(w) < 3 or w.isupper() and len(w) > 6 or re.fullmatch(r"[A-Z0-9]{1,6}s", w):
                    continue  # "PM", "QBs": too short or an acronym's plural
                if w not in _ONE_WORD_BODIES and (_in_lower_case(text, w.lower()) or w.lower() in _NEVER_LOWER
                                                  or _common(w.lower(), common)
                                                  or (_common(w, proper) and _ADJECTIVE_END.search(w.rstrip("s")))):
                    continue
            elif _said_in_lower_case(text, name):  # "Launch Pad" beside "the launch pad"
                continue
            elif any(w in _TITLE_JOINERS for w in words[1:-1]) and all(_common(w.lower(), common) for w in words):
                continue  # a headline's words in title case: "Rocket Launched Into Wrong Orbit"
            elif len(words) <= 3 and any(w.lower() in _STORY_NOUNS for w in words) and all(_common(w.lower(), common) for w in words):
                continue  # "Space Rockets", "Training Exercise": the story's own nouns, capitalised for show
            if title_case_line(text, a, b):
                continue
            if len(words) > 1 and all(w.isupper() for w in words if any(c.isalpha() for c in w)):
                continue  # a dateline or a shouted line: "VANDENBERG SPACE FORCE BASE, Calif."
            if 2 <= len(words) <= 4 and words[0] in given and not any(w in _ORG_ENDS or w in NOT_PERSON_WORDS for w in words):
                label = "PERSON"
            elif words[-1] in PLACE_HEADS:  # "Dnipro River", "Kharan Desert"
                label = "GPE"
            elif words[-1] in _ORG_ENDS or any(w in _ORG_ENDS and nxt in ("of", "for")
                                                for w, nxt in zip(words, words[1:])):  # "University of Alabama"
                label = "ORG"
            else:
                label = "MISC"
            out.append((a, b, label, None))
    return out


_OF_JOIN = re.compile(r" of (?:the )?")


def _people_apart(text: str, pieces: list[tuple[int, int]], given: frozenset[str]) -> list[tuple[int, int]]:
    """A person joined by "of" to the body they speak for is two names: "Stacie Pettyjohn of the Center for a
    New American Security" (a given name leads two or three words before the "of")."""
    out = []
    for a, b in pieces:
        m = _OF_JOIN.search(text, a, b)
        words = text[a:m.start()].split() if m else []
        if m and 2 <= len(words) <= 3 and words[0] in given and not any(w in NOT_PERSON_WORDS for w in words):
            out += [(a, m.start()), (m.end(), b)]
        else:
            out.append((a, b))
    return out


def add_runs(found: list[Entity], text: str, given: frozenset[str], end: int) -> list[Entity]:
    """``found`` with the names :func:`capital_runs` reads in ``text[:end]``: each run that overlaps
    no entity, or only package cities that it wraps ("Glasgow Rangers", "Standard Liege", "Las
    Vegas Sun": the club's or the paper's name, not the city; a city followed by a possessive is
    the city: "Glasgow's Rangers"). A run that
    ends in an organisation's head may wrap a province too ("University of Alabama"), which
    stays as a zero-width companion at its start, as :mod:`agents.enrich.entities` keeps them."""
    spans = sorted((e for e in found if e.end > e.start), key=lambda e: (e.start, e.end))
    runs = capital_runs(text, given, end, [(f.start, f.end) for f in spans])
    if not runs:
        return found
    starts = [f.start for f in spans]
    drop: set[int] = set()
    added: list[Entity] = []
    for s, e, label, _ in runs:
        i = max(0, bisect.bisect_right(starts, s) - 8)  # spans are disjoint: few start before s and reach it
        inside = [f for f in spans[i:bisect.bisect_left(starts, e)] if s < f.end]
        inside += [f for f in added if f.start < e and s < f.end]
        wrappable = ("CITY", "REGION") if label == "ORG" else ("CITY",)
        if inside and not (len(text[s:e].split()) > 1 and all(
                f.label in wrappable and s <= f.start and f.end <= e and (f.start, f.end) != (s, e)
                and text[f.end:f.end + 2] not in ("'s", "’s") for f in inside)):
            continue
        drop.update(id(f) for f in inside)
        if label == "ORG":  # "University of Alabama": where it is stays, at the name's start, zero-width
            added += [new_entity(f.text, f.label, f.id, s, s, f.source) for f in inside]
        added.append(new_entity(text[s:e], label, None, s, e, "rules"))
    return [f for f in found if id(f) not in drop] + added
