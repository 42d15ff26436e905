"""What the rule matcher knows about one article, read once and shared by every rule and candidate.

:class:`ArticleView` holds the article's text, its sentences, entities and reference date, and caches what several
rules ask of the whole article (its words, an entity match, a hop, an event told late). :class:`FoundWord` is one
trigger word the pack's automaton found: a phrase, a verb or an object.
"""
from __future__ import annotations

import bisect
import re
from datetime import datetime, timezone
from dataclasses import dataclass

from agents.enrich.events import ref_date
from agents.enrich.timex import TimeMention
from agents.enrich.sentences import split_sentences
from agents.enrich.suborbital import told_suborbital
from agents.enrich.text import boundary_text, lower_same_length
from agents.enrich.rulepack import _Matcher
from streams.core.records import Article, Entity


# an event concealed, or made known weeks after it: "The British government has concealed a failed test", "covered up a
# failed missile test", "details of the failed test remained secret for several weeks, until Tuesday night", "weeks
# after the test" (not "concealed rocket launchers", nor "two months after the failed Hanoi summit")
_LATE_SPAN = r"(?:several|a few|some|two|three|four|five|six|seven|eight|nine|ten|many|\d+) (?:weeks|months)"
_TOLD_LATE = re.compile(rf"\b(?:(?:conceal(?:ed|s|ing)?|covered up|cover(?:s|ing)? up|hushed up|hush(?:es|ing)? up) "
                        rf"(?:a|an|the|its|their|details|news|information|that)\b|cover-up of|"
                        rf"(?:kept|keeping|remained|remains) (?:it )?(?:secret|quiet|under wraps|classified|undisclosed)"
                        rf"(?: for {_LATE_SPAN}| until)|"
                        rf"(?:secret|undisclosed|unreported|under wraps) for {_LATE_SPAN}|"
                        rf"{_LATE_SPAN} after (?:the|its) (?:test|launch|incident|failure|flight|explosion|blast|mishap))\b",
                        re.IGNORECASE)


@dataclass(slots=True)
class FoundWord:
    """A word of a rule the pack's automaton found at ``start:end``: its ``kind`` is "phrase", "verb" or "object"."""
    start: int
    end: int
    kind: str


def words_of(s: str) -> list[str]:
    return lower_same_length(boundary_text(s)).split()


class ArticleView:
    """What the matcher knows about one article."""

    def __init__(self, article: Article, text: str, lower: str, entities: list[Entity]):
        self.text = text
        self.lower = lower
        self.sentences = split_sentences(self.text)
        self.starts = [s for s, _ in self.sentences]
        self.entities = entities
        self.unique_entities = list({(e.label, e.id): e for e in entities}.values())
        self.ref = ref_date(article.published or article.first_seen or None, text)
        self.today = datetime.now(timezone.utc).date()
        self.title_end = len(article.title)
        self.follow_up: bool | None = None  # see _follow_up
        self.history_column: bool | None = None  # see event_time.history_column
        self.story_time: TimeMention | None | bool = False  # see event_time.story_time (False: not read yet)
        self._padded: dict[int, str] = {}  # sentence -> its words, space-padded (several rules read one)
        self._key_padded: str | None = None  # see key_padded
        self._has: dict[_Matcher, bool] = {}  # see has_entity
        self._excluded: dict[_Matcher, bool] = {}  # see article_excluded
        self._hop: bool | None = None  # see tells_a_hop
        self._late: bool | None = None  # see told_late

    def has_entity(self, matcher: _Matcher) -> bool:
        """``matcher.any_entity`` over the article's entities, read once per article (severity asks
        it for every hit of a rule)."""
        hit = self._has.get(matcher)
        if hit is None:
            hit = self._has[matcher] = matcher.any_entity(self.unique_entities)
        return hit

    def article_excluded(self, matcher: _Matcher) -> bool:
        """Does the article hold a word or an entity of ``matcher`` (a rule's ``article_excludes``):
        the same answer for every candidate sentence of the rule."""
        hit = self._excluded.get(matcher)
        if hit is None:
            hit = self._excluded[matcher] = matcher.any(self.key_padded(), self.unique_entities)
        return hit

    def told_late(self) -> bool:
        """Does the article say its event was concealed or made known weeks later (_TOLD_LATE)? Read once, only for
        a candidate with no time of its own."""
        if self._late is None:
            self._late = _TOLD_LATE.search(self.text) is not None
        return self._late

    def tells_a_hop(self) -> bool:
        """Is the article about a rocket's flight that stays below space (:mod:`agents.enrich.suborbital`)? Read
        once, only for a rule that excludes hops and has a candidate."""
        if self._hop is None:
            self._hop = told_suborbital(self.text)
        return self._hop

    def sentence_of(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.starts, pos) - 1)

    def key_padded(self) -> str:
        """The whole article's words, space-padded (``article_excludes`` reads it for every
        candidate sentence of a rule; built once per article)."""
        if self._key_padded is None:
            self._key_padded = f" {_key_text(self.lower)} "
        return self._key_padded

    def padded(self, sent: int) -> str:
        out = self._padded.get(sent)
        if out is None:
            s0, s1 = self.sentences[sent]
            out = self._padded[sent] = f" {' '.join(words_of(self.text[s0:s1]))} "
        return out


def is_title(doc: ArticleView, s0: int, s1: int) -> bool:
    """Is this body sentence the headline again (feeds often repeat it as the body's first line)?"""
    return doc.text[s0:s1].strip(" .\n") == doc.text[:doc.title_end].strip(" .\n")


def _key_text(lower: str) -> str:
    return " ".join(lower.split())