"""The regex rewrites of agents/enrich/patterns.py match exactly what the originals matched."""

import re
from datetime import date
from pathlib import Path

import pytest
import yaml

from agents.enrich import name_spans, timex
from agents.enrich.patterns import alternatives, by_first_letter, finditer_at, literal_starts

TEXTS = [
    "A.\nB, C! D? E. F,G .\n\nKim Jong Un said, ", 
    "Defence Minister Yasukazu Hamada said. The spokesperson, Mr. Kim Jong, told reporters; minister Lee spoke.",
    "Secretary General Antonio Guterres, Sen. Ted Cruz and Lt. Gen. Jane Dudley met Chief Executive Tim Cook.",
    "Minister-maker xmaker _maker 9maker; maker\nMayor; drone maker Fire Point, shipbuilder TAIS and the start-up Helsing; a startup Kupol, the Izhevsk drone maker.",
    "Minister\nSecretary Ban Ki said, Premier Li Qiang says Ms Ardern told; MP Jo Cox wrote, Mayor Sadiq Khan added",
]


@pytest.mark.parametrize("alternation", [
    r"(?:[Mm]inister|[Ss]ecretary(?: [Gg]eneral)?|Sen\.|Mr\.|MP|[Mm]ayor|Maj|Marshal|Lt\.?)",
    r"(?:maker|manufacturer|shipbuilder|builder|start-?up|company)",
])
def test_by_first_letter_matches_the_same(alternation):
    grouped = by_first_letter(alternation)
    assert grouped != alternation
    for text in TEXTS:
        for flags in (0, re.IGNORECASE):
            old, new = re.compile(rf"\b{alternation}\b", flags), re.compile(rf"\b{grouped}\b", flags)
            at_word = re.compile(rf"{by_first_letter(alternation, word_start=True)}\b", flags)
            assert [m.span() for m in old.finditer(text)] == [m.span() for m in new.finditer(text)] == \
                [m.span() for m in at_word.finditer(text)]


def test_alternatives_split_only_at_the_top_level():
    assert alternatives(r"(?:a(?:b|c)|[|x]y|\|z|w)") == ["a(?:b|c)", "[|x]y", r"\|z", "w"]


@pytest.mark.parametrize("alternation", [r"(?:ab|\dx)", r"(?:a?b|c)", r"(?:ab|c", "ab|c"])
def test_by_first_letter_refuses_what_it_cannot_regroup(alternation):
    with pytest.raises(ValueError):
        by_first_letter(alternation)


def test_finditer_at_is_finditer_from_every_possible_start():
    sayer = name_spans._SAYER
    for text in TEXTS:
        starts = name_spans._sayer_starts(text)
        assert [m.span() for m in finditer_at(sayer, text, starts)] == [m.span() for m in sayer.finditer(text)]
    # overlapping candidates: the one inside the previous match is skipped, as finditer would
    pattern = re.compile(r"a+")
    assert [m.span() for m in finditer_at(pattern, "aaa a", [0, 1, 2, 4])] == [(0, 3), (4, 5)]


@pytest.mark.parametrize("sentence", [
    "North Korea fired a missile on Monday, two days after its test of March 3, 2023 (2023-03-01).",
    "Officials said last week that 3 launches since 2019 were tests; tomorrow's is in the coming days.",
    "On this day in 1998, India tested; recently, 12th of May, overnight, a few hours ago.",
])
def test_time_expressions_are_found_at_word_starts_as_by_finditer(sentence):
    starts = (m.start() for m in timex._WORD.finditer(sentence))
    assert [(m.span(), m.groupdict()) for m in finditer_at(timex._TIME, sentence, starts)] == \
        [(m.span(), m.groupdict()) for m in timex._TIME.finditer(sentence)]
    assert timex.time_mentions(sentence, None, date(2024, 1, 1))  # something found


def test_literal_starts_stop_before_what_may_be_absent_in_each_case_written():
    assert literal_starts(r"(?:[Ss]pokes(?:man|woman)|[Tt]aikonauts?|Lt\.?|CEO|[Bb]oard member|[Aa]dvis[eo]r)") == \
        {"Spokes", "spokes", "Taikonaut", "taikonaut", "Lt", "CEO", "Board member", "board member", "Advis", "advis"}


@pytest.mark.parametrize("alternation", [r"(?:ab|\dx)", r"(?:a?b|c)", r"(?:[Ab]c|d)", r"(?:(?:a|b)c|d)", r"(?:[Aa]?b|c)"])
def test_literal_starts_refuse_an_alternative_without_one(alternation):
    with pytest.raises(ValueError):
        literal_starts(alternation)


def test_titled_people_are_found_where_finditer_finds_them():
    """_titled_people tries _TITLED only where a role's literal start occurs (literal_starts):
    the same matches as trying it everywhere, on every eval text and on the cases above."""
    eval_dir = Path(__file__).parent / "eval"
    texts = list(TEXTS) + ["İstanbul Governor Ali Yerlikaya said; \u212aing Charles met Mayor Sadiq Khan",
                           "taikonaut Wang Yaping and Taikonauts Ye Guangfu, astronauts Sunita Williams"]
    for name in ("cases.yaml", "real.yaml"):
        for case in yaml.safe_load((eval_dir / name).read_text()) or []:
            if isinstance(case, dict):
                texts += [str(case.get(k) or "") for k in ("title", "text")]
    titled = name_spans._TITLED
    for text in texts:
        starts = name_spans._role_starts(text)
        expected = [(m.span(), m.groups()) for m in titled.finditer(text)]
        assert [(m.span(), m.groups()) for m in finditer_at(titled, text, starts)] == expected
    assert name_spans._role_starts("Prime Minister and mp, minister, MP") == [6, 23, 33]
