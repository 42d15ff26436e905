"""agents/enrich/asides.py: the two readings of an aside, side by side on the same sentences (the time and
trigger-object uses of the clausal one are in test_asides_and_schedules.py)."""

from agents.enrich.asides import clause_asides, outside_comma_asides, without_clause_asides, without_comma_asides

# post.jagran.com (dev in-irnss1b-pslv-c24-jagran): a noun phrase between commas in the verb's phrase
IRNSS = ("Indian Space Research Organisation's workhorse Polar Satellite Launch Vehicle PSLV-C24 placed the IRNSS 1B, "
         "second of the seven planned satellites for the system, in precise orbit about 19 minutes after a perfect "
         "lift-off at 5.14 pm from the Satish Dhawan Space Centre here.")
# the check batch 24 sentence told with a relative clause (test_asides_and_schedules.py)
FALCON = ("The Falcon 9 rocket, whose first stage booster previously launched and landed in December, lifted off at "
          "11:50:31 p.m. EST Friday from pad 40 at Cape Canaveral Air Force Station.")


def test_a_noun_phrase_between_commas_is_a_comma_aside_and_no_clausal_one():
    start, end = IRNSS.index("placed"), IRNSS.index(" orbit")
    assert [IRNSS[a:b] for a, b in outside_comma_asides(IRNSS, start, end)] == ["placed the IRNSS 1B", " in precise"]
    assert without_comma_asides(IRNSS[start:end]).split() == ["placed", "the", "IRNSS", "1B", "in", "precise"]
    # no clause of its own: it tells no event, and no time of its own
    assert clause_asides(IRNSS) == []


def test_a_relative_clause_between_commas_is_both():
    aside = "whose first stage booster previously launched and landed in December"
    assert [FALCON[a:b] for a, b in clause_asides(FALCON)] == [aside]
    gap = FALCON[len("The Falcon 9 rocket"):FALCON.index("lifted")]
    assert without_clause_asides(gap).split() == []
    assert without_comma_asides(gap).split() == []


def test_a_list_going_on_after_including_is_no_comma_aside():
    # test_round13.py's "busy summer" sentence: the comma before "including" closes nothing
    gap = ", capping off a busy summer that saw its share of historic missions, including launch of a new Mars"
    assert without_comma_asides(gap) == gap
    assert outside_comma_asides(gap, 0, len(gap)) == [(0, len(gap))]
