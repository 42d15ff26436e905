"""Check batch 23's follow-up (tests/agents/enrich/eval/real.yaml, "check batch 23 measured again"): fixed after the
batch's two measurements, on the page's own sentence, with the done forms that must still fire."""

from __future__ import annotations


def test_an_order_to_begin_testing_is_no_test(analyse):
    # c23-us-trump-orders-testing-localnewswave-2025: a word between "to" and "begin" hid the order's infinitive
    got = analyse("", 'President Donald Trump ordered the Defense Department to "immediately" begin testing nuclear '
                      'weapons for the first time in 33 years, claiming he wanted the procedure to be conducted "on an '
                      'equal basis" with Russia and China.', published=None)
    assert "nuclear_test" not in got
    assert "missile_launch" not in analyse("", "The army will soon begin test-firing the new cruise missile.")
    # a test that began is a test told
    got = analyse("North Korea conducts nuclear test", "North Korea conducted its sixth nuclear test on Sunday, "
                  "the country's state media said.")
    assert "nuclear_test" in got
