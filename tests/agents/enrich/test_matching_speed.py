"""The matching machinery rewritten for speed finds what the straightforward scan found.

Each rewrite (branch enrich-speed) is checked against the code it replaced, over every real.yaml
text (and a few made-up edge cases): the same matches, spans and groups, in the same order.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from agents.enrich import acronyms, coreference, name_neighbours, name_spans
from agents.enrich.patterns import LEDE_WORDS, WordIndex, finditer_at

REAL = Path(__file__).parent / "eval" / "real.yaml"
EDGES = [
    "the ships Star Nasia and Morning Tide, in the Red Sea", "bathe ships Foo Bar", "_the ships Foo", "the vessels Abc",
    "xthe tankers Abc", "the Nevatim air base and the Cumbre Vieja volcano", "regional base airbase settlements",
    "Trump said. Trump-led Trumpet Trump Tower Trump, Trump_x Trump", "Kim Jong Un met Kim. Kim's Kim",
]


@pytest.fixture(scope="module")
def texts() -> list[str]:
    cases = yaml.safe_load(REAL.read_text())
    return [f"{c['title']}.\n{c['text']}" for c in cases] + EDGES


def _matches(it) -> list[tuple]:
    return [(m.span(), m.groups()) for m in it]


def test_ships_named_as_the_word_boundary_pattern(texts):
    before = re.compile(r"\bthe (?:ships|vessels|tankers|freighters|carriers|destroyers|frigates) ("
                        + name_neighbours._WORD + r"(?: " + name_neighbours._WORD + r"){0,2})(?: and ("
                        + name_neighbours._WORD + r"(?: " + name_neighbours._WORD + r"){0,2}))?(?![\w'’-])")
    for t in texts:
        assert _matches(name_neighbours._SHIPS_NAMED.finditer(t)) == _matches(before.finditer(t)), t


def test_lower_heads_tried_where_a_head_occurs(texts):
    for t in texts:
        starts = sorted({i for _, i in LEDE_WORDS.occurrences(t, name_neighbours._LOWER_HEADS)})
        assert _matches(finditer_at(name_neighbours._LOWER_HEAD, t, starts)) \
            == _matches(name_neighbours._LOWER_HEAD.finditer(t)), t


def _find_loop(text: str, words: tuple[str, ...]) -> list[tuple[int, int]]:
    """The straightforward scan the index replaced: str.find for each word in turn."""
    out = []
    for k, w in enumerate(words):
        i = text.find(w)
        while i >= 0:
            out.append((k, i))
            i = text.find(w, i + 1)
    return out


def test_word_index_as_a_find_loop_per_word(texts):
    lists = [name_spans._CLASS_WORDS, name_spans._NOUN_BEFORE_NAME, name_neighbours._LOWER_HEADS]
    for t in texts + ["airbase air base bases", "crew capsules capsule"]:
        for words in lists:
            assert LEDE_WORDS.occurrences(t, words) == _find_loop(t, words), (words, t)


def test_word_index_overlapping_lists_and_words():
    index = WordIndex()
    a, b = index.add(("base", "air base", "airbase")), index.add(("air", "base"))
    text = "a base, air base, airbase, aaa"
    assert index.occurrences(text, a) == _find_loop(text, a) == [(0, 2), (0, 12), (0, 21), (1, 8), (2, 18)]
    assert index.occurrences(text, b) == _find_loop(text, b)
    assert index.occurrences("x" + text, a) == _find_loop("x" + text, a)
    with pytest.raises(RuntimeError):
        index.add(("late",))


def test_surname_mentions_as_the_alternation(texts):
    """Every capitalised word of a text taken as a surname, longest first (as name_spans orders them)."""
    for t in texts:
        names = list(dict.fromkeys(w.strip(".,;:'’\"()") for w in t.split()))
        names = sorted((w for w in names if len(w) > 2 and w[0].isupper()), key=len, reverse=True)[:40]
        if not names:
            continue
        alt = "|".join(re.escape(s) for s in names)
        want = [(m.start(1), m.end(1), m.group(1)) for m in re.finditer(rf"({alt})(?![\w-]| [A-Z])", t)]
        assert coreference._surname_mentions(t, names) == want, t


def test_role_starts_cover_every_titled_match(texts, dev_texts):
    """finditer_at over the role starts is what refine reads for _TITLED.finditer, and for _ROLE_OF_BODY."""
    extra = ["MINISTER Abc Def said; Prime minister Gh Ij; the Head of the Xy Ministry Kl Mn said", "mp Ab Cd"]
    for t in texts + extra:
        starts = name_spans._role_starts(t)
        assert _matches(finditer_at(name_spans._TITLED, t, starts)) == _matches(name_spans._TITLED.finditer(t))
        assert _matches(finditer_at(name_spans._ROLE_OF_BODY, t, starts)) == _matches(name_spans._ROLE_OF_BODY.finditer(t))
    role_at = re.compile(rf"\b{name_spans._ROLE}")
    for t in dev_texts[:600] + extra:  # every position a role starts at is one (_role_then_name's pretest reads them)
        starts = set(name_spans._role_starts(t))
        assert all(p in starts for p in range(len(t)) if role_at.match(t, p)), t


def test_standalone_acronyms_as_the_lookaround_pattern(texts):
    shorts = {m.group(1) for t in texts for m in acronyms._IN_BRACKETS.finditer(t)}
    shorts |= {"US", "NASA", "A-1", "ISS"}
    for t in texts + ["NASA's NASA-led (NASA) .NASA NASA_x xNASA NASA. NASANASA NASA"]:
        for short in shorts:
            if short in t:
                want = [m.span() for m in re.finditer(rf"(?<![\w'’.-]){re.escape(short)}(?![\w'’-])", t)]
                assert name_neighbours._standalone(t, short) == want, (short, t)


def test_sayers_tried_before_a_verb_only(texts):
    extra = ["Kim Jong Un said. Mohammed bin Salman al Saud told. Ali al-Houthi bin Laden added", "Jo Bo said, Ann Lee says"]
    for t in texts + extra:
        want = _matches(finditer_at(name_spans._SAYER, t, name_spans._sayer_starts(t)))
        assert _matches(finditer_at(name_spans._SAYER, t, name_spans._before_a_verb(t, name_spans._sayer_starts(t)))) == want, t
        assert want == _matches(name_spans._SAYER.finditer(t)), t


# --- branch issue11-speed: each rewrite against the pattern or code it replaced, over the dev split of
# real.yaml, the hand cases, bench_pipeline's articles and random strings of the characters that matter

CASES = Path(__file__).parent / "eval" / "cases.yaml"


@pytest.fixture(scope="module")
def dev_texts() -> list[str]:
    from tests.workload import make_articles

    real = [f"{c['title']}.\n{c['text']}" for c in yaml.safe_load(REAL.read_text()) if c.get("split", "dev") == "dev"]
    hand = [f"{c['title']}.\n{c.get('text', '')}" for c in yaml.safe_load(CASES.read_text())]
    return real + hand + [a.text() for a in make_articles(300, 3)] + EDGES


def _random_texts(alphabet: str, n: int = 20000, longest: int = 40) -> list[str]:
    import random

    rng = random.Random(11)
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, longest))) for _ in range(n)]


def test_sentence_ends_as_the_three_branches(dev_texts):
    from agents.enrich import sentences

    before = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s|$)|(?<=[a-z]{2})\.(?=[A-Z][a-z])|\n")
    for t in dev_texts + _random_texts("aB. !?\n\"')]xZ”’"):
        assert _matches(sentences._SENTENCE_END.finditer(t)) == _matches(before.finditer(t)), t


def _random_phrases(tokens: list[str], n: int = 20000, longest: int = 12) -> list[str]:
    import random

    rng = random.Random(12)
    return ["".join(rng.choice(tokens) for _ in range(rng.randint(0, longest))) for _ in range(n)]


def test_dateline_as_the_line_start_alternation(dev_texts):
    pattern = name_spans._DATELINE.pattern
    assert pattern.startswith("[A-Z](?<![^\\n].)")
    before = re.compile(r"(?:^|(?<=\n))[A-Z]" + pattern[len("[A-Z](?<![^\\n].)"):])
    tokens = ["\n", "A", "NAIROBI", "HAWTHORNE", " ", ", Calif.", ", Jan. 4", " (AP)", " (KAAB TV)", "(", ")", " -", " —", "_",
              "x", ".", "’"]
    for t in dev_texts + _random_phrases(tokens):
        assert _matches(name_spans._DATELINE.finditer(t)) == _matches(before.finditer(t)), t


def test_time_expressions_tried_at_their_first_words_only(dev_texts):
    """timex tries _TIME only at word starts whose word can open an expression: the same matches as at
    every word start (itself checked against finditer in test_patterns.py)."""
    from agents.enrich import timex
    from agents.enrich.sentences import split_sentences

    def found(s: str, starts) -> list[tuple]:
        return [(m.span(), m.groupdict()) for m in finditer_at(timex._TIME, s, starts)]

    words = sorted(timex._FIRST_WORDS | {w for ws in timex._SECOND_WORDS.values() for w in ws}) + ["1998", "dozen", "Few", "DAY", "21st", "2023-01-02", "1990s", "ago", "days", "weeks", "before", "after",
                                          "'s", "’s", "Christmas", "MONDAY", "ſince", "K", "jan.", "Sept.", "most", "X",
                                          "_x", "٣", ",", ".", "assets", "overnightly"]
    sentences = [t[a:b] for t in dev_texts for a, b in split_sentences(t)] + _random_phrases([w + " " for w in words])
    for s in sentences:
        every = [w.start() for w in timex._WORD.finditer(s)]
        first = timex._starts(s)
        assert found(s, first) == found(s, every), s


def test_patterns_tried_where_their_literal_words_occur(dev_texts):
    """Each pattern run by finditer_at from a LiteralStarts finds what its finditer finds."""
    cases = [
        (name_spans._FIRM_AFTER_NOUN, name_spans._FIRM_NOUN_STARTS,
         ["drone maker Fire Point", "shipbuilder TAIS", "start-up Foo", "startup Foo Bar", "filmmaker X", "firm “Ab Cd”",
          "company Xy, ", "Maker X", "contractor ABC.", "subsidiary Zed"]),
        (name_neighbours._LISTED_PLACES, name_neighbours._LISTED_PLACES_STARTS,
         ["communities in northern Israel, including Meron, Sasa, Tziv'on and Bar Yohai.", "towns of Aa and Bb,",
          "xcities such as Cc, Dd and Ee;", "villages, including Ff and Gg)"]),
        (name_neighbours._DEFINED_CRAFT, name_neighbours._DEFINED_CRAFT_STARTS,
         ["GX5 is a mobile telecommunications satellite built by", "Lize-1 and Baoyun are scientific experiment satellites "
          "developed by", "It was an old rocket.", "were probes that"]),
        (coreference._SAY_AT, coreference._SAY_STARTS, ["” Hayashi told", ". Grossi said", " saidx", " stressed,"]),
    ]
    for pattern, starts, extra in cases:
        tokens = extra + [" ", ", ", ". ", "and ", "the ", "A", "x"]
        for t in dev_texts + extra + _random_phrases(tokens, n=5000, longest=6):
            assert _matches(finditer_at(pattern, t, starts(t))) == _matches(pattern.finditer(t)), (pattern.pattern[:40], t)


def test_saying_verbs_are_where_the_pattern_found_them(dev_texts):
    before = re.compile(rf" {name_spans._SAYING}")
    for t in dev_texts + ["Ann said, Bo says: Cy told Di added Ed wrote Fa warned Gi announced said", " said said"]:
        assert name_spans._SAYING_AT(t) == [m.start() for m in before.finditer(t)], t


def test_direction_starts_as_the_scan_of_every_direction_word(dev_texts):
    extra = ["(North Korea) and South Korea, Upper Galilee; NorthX Y, xNorth Korea", "North Africa", "East  Timor",
             "Western Galilee and Greater Tokyo.", "the South China Sea", "Inner Mongolia\nOuter Space"]
    for t in dev_texts + extra:
        want = {m.end(): m.start() for m in name_neighbours._DIRECTION_AT.finditer(t)}
        at = list(range(len(t) + 1))  # every position, as if an entity started at each
        assert name_neighbours._direction_starts(t, at) == want, t


def test_pretests_skip_only_texts_without_a_match(dev_texts):
    """Each early return stands for a scan that would have found nothing."""
    digit_free = [t for t in dev_texts if not name_spans._DIGIT.search(t)]
    assert digit_free and all(not list(name_spans._DESIGNATED.finditer(t)) for t in digit_free)
    # a list's separator always starts with ", " or " and " and ends with ", " or " and "
    for t in dev_texts:
        for m in name_neighbours._SEPARATOR.finditer(t):
            assert t.startswith((", ", " and "), m.start()) and t.endswith((", ", " and "), 0, m.end())


def test_word_alternations_as_the_flat_list_longest_first(dev_texts, monkeypatch):
    """Every alternation the packaged pack compiles (cues, excludes, outcomes...), written as a trie, finds
    what the flat alternation of its words longest first finds: over the dev articles' padded words, their
    sentences' and random phrases of the words themselves."""
    from agents.enrich import rulepack
    from agents.enrich.rules import RulePack
    from agents.enrich.text import plain_lower

    lists: list[list[str]] = []
    trie = rulepack._alternation

    def recorded(words):
        lists.append(list(words))
        return trie(words)

    monkeypatch.setattr(rulepack, "_alternation", recorded)
    RulePack.load()
    lists = [w for w in lists if w]
    assert len(lists) > 20
    padded = [f" {' '.join(plain_lower(t)[1].split())} " for t in dev_texts]
    for words in lists:
        new, old = trie(words), rulepack._flat_alternation(words)
        vocab = sorted({x for w in words for x in w.split()})[:200] + ["the", "a", "x"]
        phrases = [f" {' '.join(p.split())} " for p in _random_phrases([v + " " for v in vocab], n=1500, longest=8)]
        for t in padded + phrases:
            assert [m.span() for m in new.finditer(t)] == [m.span() for m in old.finditer(t)], (words[:5], t[:200])


def test_trie_alternation_prefers_the_longest_word_that_fits():
    from agents.enrich.rulepack import _alternation, _flat_alternation

    words = ["shot down", "shot", "shoots down", "a", "ab c", "", "did not reach its target", "did not reach its targets"]
    for t in ["  shot down a b ", " shot downed ", " ab c ", " ab ", "  ", " did not reach its targets x ",
              " did not reach its target ", " shoots "]:
        assert [m.span() for m in _alternation(words).finditer(t)] == [m.span() for m in _flat_alternation(words).finditer(t)]


def test_datelines_tried_at_line_starts(dev_texts):
    for t in dev_texts + ["\nNAIROBI (KAAB TV) — A", "HAWTHORNE, Calif. (KABC) -- A\n\nX (Y) - z\n"]:
        assert _matches(finditer_at(name_spans._DATELINE, t, name_spans._line_starts(t))) \
            == _matches(name_spans._DATELINE.finditer(t)), t


def test_literal_starts_answer_each_text_afresh():
    from agents.enrich.patterns import LiteralStarts

    a, b = LiteralStarts(["said", "told"]), LiteralStarts(["said", "x"])
    assert a("he said, she told, said") == [3, 13, 19]
    assert b("he said, she told, said") == [3, 19]
    assert a("told said") == [0, 5] and b("x said") == [0, 2] and a("he said, she told, said") == [3, 13, 19]
