"""Entities round 7 of issue 11: key-entity classes missed on 66 fresh real-news excerpts
(tests/agents/enrich/eval/real.yaml header, "entities round 7 additions"), tested on the excerpts' own
sentences, each named by its general form."""

from __future__ import annotations


def texts(extractor, text: str) -> set[str]:
    return {e.text for e in extractor.extract(text)}


def ids(extractor, text: str) -> set[str]:
    return {e.id for e in extractor.extract(text) if e.id}


# --- how far the model-free tier reads -------------------------------------------------------------

def test_the_rule_tier_reads_past_the_statistical_lede(extractor):
    # a wire story names the minister who congratulated the team after its lede: the rule tier's
    # people, bodies and craft are found to 1,600 characters, not the statistical tier's 800
    body = ("Ajay Banerjee\nNew Delhi, April 5\nIndia successfully flight-tested the new generation nuclear-capable "
            "ballistic missile 'Agni-Prime' from the APJ Abdul Kalam Island off the coast of Odisha.\nThe Ministry of "
            "Defence said on Thursday that the Strategic Forces Command (SFC), along with Defence Research and "
            "Development Organisation (DRDO), conducted the successful flight-test of New Generation Ballistic "
            "Missile Agni-Prime from Dr APJ Abdul Kalam Island off the coast of Odisha on Tuesday around 7 pm.\n"
            "The test met all the trial objectives validating its reliable performance, as confirmed from the data "
            "captured by a number of range sensors deployed at different locations, including two ships placed at "
            "the terminal point. The launch was witnessed by the Chief of Defence Staff, Chief of Strategic Forces "
            "Command and senior officials from DRDO and the Indian Army.\nDefence Minister Rajnath Singh has "
            "congratulated DRDO, SFC and the Armed Forces for the successful test.")
    assert body.index("Rajnath Singh") > 800
    assert "Rajnath Singh" in texts(extractor, body)
