"""Word forms for rule triggers: a verb's inflections and a noun's plural.

Rule packs name the base form ("fire", "missile"); every form a report may use is matched.
"""

from __future__ import annotations

_IRREGULAR = {
    "shoot": ["shot"], "hold": ["held"], "take": ["took", "taken"], "put": ["put"], "send": ["sent"],
    "begin": ["began", "begun"], "lose": ["lost"], "break": ["broke", "broken"], "fly": ["flew", "flown"],
    "fall": ["fell", "fallen"], "blow": ["blew", "blown"], "run": ["ran"], "hit": ["hit"], "strike": ["struck"],
    "lead": ["led"], "set": ["set"], "get": ["got"], "go": ["went", "gone"], "do": ["did", "done"],
    "throw": ["threw", "thrown"], "rise": ["rose", "risen"], "deal": ["dealt"], "win": ["won"],
    "oversee": ["oversaw", "overseen", "overseeing"], "bring": ["brought"],
}
_VOWELS = "aeiou"


def _inflect(word: str) -> list[str]:
    forms = [word] + _IRREGULAR.get(word, [])
    if word.endswith("e"):
        forms += [word + "s", word + "d", word[:-1] + "ing"]
    elif word.endswith("y") and len(word) > 2 and word[-2] not in _VOWELS:
        forms += [word[:-1] + "ies", word[:-1] + "ied", word + "ing"]
    elif word.endswith(("s", "sh", "ch", "x", "z")):
        forms += [word + "es", word + "ed", word + "ing"]
    elif (len(word) <= 4 and len(word) >= 3 and word[-1] not in _VOWELS + "wxy"
          and word[-2] in _VOWELS and word[-3] not in _VOWELS):
        forms += [word + "s", word + word[-1] + "ed", word + word[-1] + "ing"]  # stop, stopped
    else:
        forms += [word + "s", word + "ed", word + "ing"]
    if word in _IRREGULAR:  # "shoot": no "shooted"
        forms = [f for f in forms if not f.endswith("ed") or f in _IRREGULAR[word]]
    return list(dict.fromkeys(forms))


def verb_forms(phrase: str) -> list[str]:
    """All inflections of a verb phrase: the first word ("lift off": lifted off), or the last
    of a compound written with a hyphen ("test-fire": test fired)."""
    words = phrase.split()
    if not words:
        return []
    i = len(words) - 1 if "-" in phrase or (len(words) == 2 and words[0] == "test") else 0
    return [" ".join(words[:i] + [f] + words[i + 1:]) for f in _inflect(words[i])]


def noun_forms(phrase: str) -> list[str]:
    """The phrase and its plural (the last word: missile, missiles; ICBM, ICBMs)."""
    words = phrase.split()
    if not words:
        return []
    last = words[-1]
    if last.endswith(("s", "x", "z", "ch", "sh")):
        plural = last if last.endswith("s") and not last.endswith("ss") else last + "es"
    elif last.endswith("y") and len(last) > 2 and last[-2] not in _VOWELS:
        plural = last[:-1] + "ies"
    else:
        plural = last + "s"
    return list(dict.fromkeys([phrase, " ".join(words[:-1] + [plural])]))
