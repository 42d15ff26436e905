"""Outlets named by a short form that is their name only in a credit line or a citation.

"AP", "RT", "CCTV", "EPA" are also a state, a retweet, a camera and a US agency, so the gazetteer
cannot match them everywhere (agents/data/gazetteer/media.yaml leaves them out of ``names``). But
every outlet writes its credits in the same few frames, and there the short form names the outlet:

- a dateline's or caption's parenthesis: "ISLAMABAD, Pakistan (AP) —", "(AP Photo/Ahn Young-joon)",
  "(AP/Tucson News Now)", "Sriharikota (AP):", "(CBSNEWS.COM)" (this last is a name the gazetteer
  holds);
- a credit word or a slash before it: "Photo: AP", "Image Credit: AFP", "via AP", "© AP",
  "Credit: CNSA/CCTV/Inside Outer Space", "Yonhap, EPA-EFE";
- a dash, slash or comma closing a caption: "(file photo). -AP", "Ahn Young-joon/AP", "Wong Maye-E, AP";
- a citation: "according to the AP", "reported by AP", "the AP reported", "RT news website reported",
  "state broadcaster CCTV", "China's CCTV", "— RT (@RT_com)".

:func:`credit_spans` finds them for the forms an entry lists as ``credit_names``. Guards: a form
that a long form defines right before it is that long form's acronym ("Andhra Pradesh (AP)"), and
a form followed by a camera's words is the camera ("CCTV footage"). The pre-test is a substring
search per form, so an article without any of them costs a few microseconds.
"""

from __future__ import annotations

import re
from typing import Iterable, Mapping

#: what stands right before a short form in a credit or a citation (read from the form back)
_BEFORE = re.compile(
    r"(?:[(\[/©]\s?"
    r"|(?:^|\n)\s*[-–—]\s?"
    r"|\b(?:[Cc]redits?|[Pp]hotos?|[Pp]hotograph|[Pp]hoto by|[Ii]mages?|[Pp]ictures?|[Ss]ource|[Ff]ootage|[Vv]ideo)"
    r"(?: [Cc]redit)?\s?[:|]?\s"
    r"|\b(?:via|according to|reported by|told|citing|quoted by|cited by|aired by|broadcast by)\s(?:the\s)?"
    r"|\b(?:broadcaster|[Tt]elevision|TV|channel|network|news agency|agency|outlet|media)\s"
    r"|[A-Z][A-Za-z]+['’]s\s)$")
#: what follows a short form in a credit or a citation
_AFTER = re.compile(
    r"(?:\s?\)|\s?/|\s?\]"
    r"| [Pp]hoto\b| [Ff]ile\b"
    r"| (?:reports|reported|wrote|writes|quoted|cited|aired|broadcast)\b"  # no "said": "the EPA said" is the agency
    r"| (?:news|television|TV|network|website|correspondent|state broadcaster|state television)\b"
    r"| \(@)")
#: a caption's credit that ends its line: "(file photo). -AP", "Ahn Young-joon/AP", "Wong Maye-E, AP"
_CLOSING = re.compile(r"[-–—/,]\s?$")
_LINE_END = re.compile(r"\s*(?:\n|$)")
#: the camera, not the broadcaster: "CCTV footage", "CCTV cameras"
_CAMERA = re.compile(r" (?:footage|cameras?|images?|video|surveillance|system|systems|operators?|monitoring)\b")
_LOOK_BACK = 40


def credit_spans(text: str, forms: Mapping[str, str]) -> list[tuple[int, int, str]]:
    """(start, end, form) of each short form in ``forms`` (form -> any value; the keys are read)
    that stands in a credit frame of ``text``; the form matched in its own case only."""
    out: list[tuple[int, int, str]] = []
    for form in forms:
        i = text.find(form)
        while i >= 0:
            j = i + len(form)
            if _stands_alone(text, i, j) and _credited(text, i, j, form):
                out.append((i, j, form))
            i = text.find(form, j)
    return out


def credit_forms(entries: Iterable[tuple[str, Iterable[str]]]) -> dict[str, str]:
    """Short form -> id, from (id, credit names) pairs; a form two entries claim names neither."""
    out: dict[str, str] = {}
    clash: set[str] = set()
    for eid, forms in entries:
        for form in forms:
            if form in out and out[form] != eid:
                clash.add(form)
            out[form] = eid
    return {f: eid for f, eid in out.items() if f not in clash}


def _stands_alone(text: str, i: int, j: int) -> bool:
    """Not part of a longer word: "-AP" closing a caption stands alone, "EPA-EFE"'s "EFE" does not."""
    before, after = text[i - 1:i], text[j:j + 1]
    if before == "-":
        before = text[i - 2:i - 1]
    return not (before and (before.isalnum() or before in "_.")) and not (after and (after.isalnum() or after == "_"))


def _credited(text: str, i: int, j: int, form: str) -> bool:
    before = text[max(0, i - _LOOK_BACK):i]
    after = text[j:j + 30]
    if _CAMERA.match(after):
        return False
    if before.endswith("(") and _defines(before[:-1], form):
        return False  # "Andhra Pradesh (AP)": an acronym its long form defines
    if _BEFORE.search(before) or _AFTER.match(after):
        return True
    return bool(_CLOSING.search(before) and _LINE_END.match(after))


def _defines(before: str, form: str) -> bool:
    """Whether the capitalised words right before ``(`` spell ``form`` by their initials."""
    words = before.split()[-len(form):]
    return len(words) == len(form) and "".join(w[:1] for w in words).upper() == form.upper()
