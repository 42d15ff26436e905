"""Which verb a launch's object belongs to (agents/enrich/trigger_pairs.py): of two trigger verbs before one object,
the nearer governs it. Sentences are the pages' own (c29 livemint 2025, c28 missilethreat 2017)."""

from __future__ import annotations


def test_the_nearer_verb_takes_the_object_and_its_subject_is_the_actor(analyse):
    body = ("Israel’s sophisticated air defence system faced a major test on Friday night as Iran fired ballistic "
            "missiles toward the country, with some reportedly striking areas in Tel Aviv.")
    hit = analyse("", body)["missile_launch"]
    assert hit.phrase == "fired ballistic missiles"
    assert hit.event["actor"]["id"] == "country:IR"


def test_a_verb_inside_another_verb_s_words_is_no_nearer_verb(analyse):
    body = ("The sanctions, the first in over a year, come in response to Iran’s flight test on Sunday of its "
            "Khorramshahr medium-range ballistic missile.")
    hit = analyse("", body)["missile_launch"]
    assert hit.phrase.startswith("flight test")
