
import pytest

from agents.enrich.analysis import analyze
from agents.enrich.entities import Extractor, load_extractor
from agents.enrich.gazetteer import Gazetteer
from agents.enrich.rules import RulePack
from streams.core.errors import ConfigError
from streams.core.records import Article, Entity
from tests.support import seed_text



@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


def ids(entities):
    return [e.id for e in entities]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("North Korea fired a missile.", ["country:KP"]),
        # a capital is a city (issue 11); the event extractor reads "Pyongyang said it fired" as North Korea
        ("Pyongyang said on Monday", ["city:1871859"]),
        ("the DPRK and the ROK", ["country:KP", "country:KR"]),
        ("North Korean and South Korean officials", ["country:KP", "country:KR"]),
        ("The U.S. and the UK", ["country:US", "country:GB"]),
        ("USA, PRC", ["country:US", "country:CN"]),
        ("Moscow, Beijing, Tehran, Kyiv and Washington",
         ["city:524901", "city:1816670", "city:112931", "city:703448", "city:4140963"]),
        ("off Hokkaido into the Sea of Japan, near Odisha and Kamchatka",
         ["region:JP-01", "place:sea-of-japan", "region:IN-OD", "region:RU-KAM"]),
        ("Russian, Chinese, Iranian and American diplomats", ["country:RU", "country:CN", "country:IR", "country:US"]),
        ("Democratic People's Republic of Korea", ["country:KP"]),
        ("a Hwasong-18 and a Hwasong 17", ["vehicle:hwasong-18", "vehicle:hwasong-17"]),
        ("the Chollima-1 rocket", ["vehicle:chollima-1"]),
        ("Long March 5 lifted off from Wenchang", ["vehicle:long-march-5", "site:wenchang"]),
        ("Falcon 9 from Cape Canaveral", ["vehicle:falcon-9", "site:cape-canaveral"]),
        ("Vega-C from Kourou", ["vehicle:vega-c", "site:kourou"]),
        ("the UN Security Council and the IAEA", ["org:unsc", "org:iaea"]),
        ("JAXA, NASA, Roscosmos, CNSA and ISRO", ["agency:jaxa", "agency:nasa", "agency:roscosmos", "agency:cnsa", "agency:isro"]),
        ("North Korea's National Aerospace Development Administration", ["country:KP", "agency:nada"]),
        ("Kim Jong Un watched", ["person:kim-jong-un"]),
        ("NORTH KOREA FIRES MISSILE OVER JAPAN", ["country:KP", "country:JP"]),
        ("Rocket Lab's Electron rocket launched", ["org:rocket-lab", "vehicle:electron"]),
    ],
)
def test_finds_canonical_ids(gaz, text, expected):
    assert ids(gaz.extract(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "let us know",  # "US" only in capitals
        "we ate turkey and china plates",
        "an electron microscope",  # lowercase
        "Electron spin was measured by physicists.",  # capitalised but no launch context
        "Michael Jordan and Chad Johnson",  # first name + ambiguous country
        "ADVERTISEMENT",
        "We use cookies on our website to give you a better experience. Read More",
        "a business focus on the bus",
    ],
)
def test_ordinary_words_are_not_entities(gaz, text):
    assert gaz.extract(text) == []


def test_ambiguous_name_alone_still_counts(gaz):
    assert ids(gaz.extract("Jordan said the border was closed.")) == ["country:JO"]
    assert ids(gaz.extract("Forces in Georgia")) == ["country:GE"]


def test_offsets_text_and_possessive(gaz):
    text = "Yesterday North Korea’s and Pyongyang's leaders met."
    ents = gaz.extract(text)
    assert [(e.text, e.label, e.source) for e in ents] == [
        ("North Korea", "COUNTRY", "gazetteer"), ("Pyongyang", "CITY", "gazetteer")]
    for e in ents:
        assert text[e.start:e.end] == e.text


def test_longest_match_wins_and_no_overlaps(gaz):
    text = "the UN Security Council met; the Vega-C and U.S. Space Force"
    ents = gaz.extract(text)
    # the country in a state body's name stays, as a zero-width companion at the body's start
    assert ids(ents) == ["org:unsc", "vehicle:vega-c", "country:US", "agency:space-force"]
    assert [e.text for e in ents] == ["UN Security Council", "Vega-C", "U.S.", "U.S. Space Force"]
    assert ents[2].start == ents[2].end == ents[3].start == text.index("U.S.")
    spans = [(e.start, e.end) for e in ents]
    assert spans == sorted(spans) and all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))


@pytest.mark.parametrize("text, body, country", [
    ("A Russian defence ministry spokesman said", "agency:russian-mod", "country:RU"),
    ("the Japan Self-Defense Forces said", "agency:jsdf", "country:JP"),
])
def test_country_in_a_state_body_is_kept(gaz, text, body, country):
    ents = gaz.extract(text)
    assert ids(ents) == [country, body]
    assert ents[0].start == ents[0].end == ents[1].start


def test_country_in_a_company_or_outlet_is_not_news_of_it(gaz):
    # "AFP reported ..." or "China Daily said" must not make France or China an actor
    assert ids(gaz.extract("Agence France Presse and China Daily reported")) == ["org:afp", "org:china-daily"]


def test_seed_article_entities(gaz):
    found = set(ids(gaz.extract(seed_text())))
    assert {"country:KP", "country:JP", "country:KR", "country:US", "country:CN",
            "vehicle:chollima-1", "org:unsc"} <= found


def test_seed_north_korea_from_every_alias(gaz):
    text = seed_text()
    kp = {e.text for e in gaz.extract(text) if e.id == "country:KP"}
    assert kp == {"North Korea", "North Korean"}
    # the capital is the city (issue 11: "talks in Vienna" make Austria no actor)
    assert {e.id for e in gaz.extract(text) if e.text == "Pyongyang"} == {"city:1871859"}


def test_boilerplate_lines_yield_nothing(gaz):
    text = seed_text()
    banner = text[text.index("We use cookies"):]
    assert gaz.extract(banner) == []
    assert gaz.extract("ADVERTISEMENT\n\nWORLD") == []


def test_all_iso_countries_present(gaz):
    countries = [i for i in gaz.entries if i.startswith("country:")]
    assert len(countries) >= 249


def test_operator_dir_extends_and_adds(tmp_path):
    (tmp_path / "extra.yaml").write_text(
        "- id: country:KP\n  label: COUNTRY\n  names: [Hermit Kingdom]\n"
        "- id: vehicle:hwasong-20\n  label: VEHICLE\n  names: [Hwasong-20]\n")
    gaz = Gazetteer.load([tmp_path])
    assert ids(gaz.extract("The Hermit Kingdom showed a Hwasong-20.")) == ["country:KP", "vehicle:hwasong-20"]


@pytest.mark.parametrize(
    "body, needle",
    [
        ("- id: nope\n  label: COUNTRY\n  names: [X]\n", "entry 1 (nope)"),
        ("- id: country:XX\n  label: country\n  names: [X]\n", "label"),
        ("- id: country:XX\n  label: COUNTRY\n", "no names"),
        ("- id: country:XX\n  label: COUNTRY\n  names: [X]\n  colour: red\n", "colour"),
        ("- id: country:XX\n  label: COUNTRY\n  names: [X]\n  context: [y]\n", "context"),
        ("id: country:XX\n", "expected a list"),
        ("- [unclosed\n", "cannot read"),
        ("- id: country:KP\n  label: ORG\n  names: [X]\n", "label COUNTRY"),
    ],
)
def test_bad_entry_is_a_clear_config_error(tmp_path, body, needle):
    path = tmp_path / "bad.yaml"
    path.write_text(body)
    with pytest.raises(ConfigError) as err:
        Gazetteer.load([tmp_path])
    assert needle in str(err.value)
    if needle != "label COUNTRY":
        assert "bad.yaml" in str(err.value)
    assert err.value.retriable is False


def test_missing_dir_is_config_error(tmp_path):
    with pytest.raises(ConfigError):
        Gazetteer.load([tmp_path / "nowhere"])


class FakeTier:
    """A statistical tier stand-in: returns fixed spans for a fixed text."""

    def __init__(self, spans):
        self.spans = spans

    def entities(self, text):
        return [Entity(text=text[s:e], label=label, start=s, end=e, source="nlp") for s, e, label in self.spans]


def test_extractor_merges_tiers_gazetteer_wins(gaz):
    text = "North Korea's Kim Yong Bok met Hamada in Tokyo's Diet."
    tier = FakeTier([(0, 13, "GPE"),            # "North Korea's": overlaps the gazetteer span
                     (14, 26, "PERSON"),        # "Kim Yong Bok": new
                     (31, 37, "PERSON"),        # "Hamada"
                     (41, 48, "GPE")])          # "Tokyo's": overlaps
    ents = Extractor(gaz, tier).extract(text)
    assert [(e.text, e.label, e.id, e.source) for e in ents] == [
        ("North Korea", "COUNTRY", "country:KP", "gazetteer"),
        ("Kim Yong Bok", "PERSON", None, "nlp"),
        ("Hamada", "PERSON", None, "nlp"),
        ("Japan", "COUNTRY", "country:JP", "implied"),  # Tokyo's country, zero-width at its start
        ("Tokyo", "CITY", "city:1850147", "gazetteer"),
    ]


@pytest.mark.parametrize(
    "text, implied",
    [
        # a site's province is implied at the site even when named (the stories read where each launch was from)
        ("A Falcon 9 lifted off from Cape Canaveral, Florida.", ["country:US", "region:US-FL"]),
        ("Launched from Kennedy Space Center.", ["country:US", "agency:nasa", "region:US-FL"]),
        ("The United States launched it from Cape Canaveral.", ["region:US-FL"]),  # the country named: not implied
        ("Pyongyang said on Monday.", ["country:KP"]),
        ("The Shenzhou rocket lifted off.", []),
    ],
)
def test_extractor_adds_what_a_place_implies(gaz, text, implied):
    ents = Extractor(gaz).extract(text)
    got = [e for e in ents if e.source == "implied"]
    assert [e.id for e in got] == implied
    assert all(e.start == e.end for e in got)
    assert [e.start for e in ents] == sorted(e.start for e in ents)


def test_implied_entities_neither_trigger_nor_act(gaz):
    art = Article(id="t", feed_url="", link="", title="",
                  summary="A rocket carrying a weather satellite lifted off from Cape Canaveral on Monday.")
    ents, hits = analyze(art, Extractor(gaz), RulePack.load())
    assert "country:US" in [e.id for e in ents]
    assert [(h.topic, (h.event["actor"] or {}).get("id")) for h in hits] == [("satellite_launch", None)]


def test_extractor_keeps_nlp_names_trimmed():
    text = "Officials of the Foo Bar Institute's board met."
    s = text.index("the Foo")
    e = text.index("'s board") + 2
    ents = Extractor(Gazetteer([]), FakeTier([(s, e, "ORG")])).extract(text)
    assert [(x.text, x.label, x.id, x.source) for x in ents] == [("Foo Bar Institute", "ORG", None, "nlp")]


def test_lookup_canonicalises_but_not_ambiguous_names(gaz):
    assert gaz.lookup("International Atomic Energy Agency").id == "org:iaea"
    assert gaz.lookup("north korea").id == "country:KP"
    assert gaz.lookup("Electron") is None
    assert gaz.lookup("Foo Bar") is None


def test_load_extractor_without_a_model_uses_the_rule_tier():
    from agents.enrich.nlp import RuleTier

    x = load_extractor()
    assert isinstance(x.nlp, RuleTier) and not x.nlp.statistical
    assert ids(x.extract("IAEA")) == ["org:iaea"]
    people = [e.text for e in x.extract("Defence Minister Yasukazu Hamada said the missile fell into the sea.")
              if e.label == "PERSON"]
    assert people == ["Yasukazu Hamada"]


@pytest.mark.parametrize("text, limit, expected", [
    ("Short text.", 800, "Short text."),
    ("One sentence here. Two sentence there. Three.", 30, "One sentence here."),
    ("word " * 100, 42, "word " * 8),
    ("anything", None, "anything"),
])
def test_statistical_tier_reads_a_prefix_cut_at_a_boundary(text, limit, expected):
    from agents.enrich.entities import _lede

    out = _lede(text, limit)
    assert out == expected and text.startswith(out)


class _FakeTier:
    """Stands in for the statistical tier: returns the given (substring, label) spans."""

    def __init__(self, *parts):
        self.parts = parts

    def entities(self, text):
        out = []
        for sub, label in self.parts:
            i = text.index(sub)
            out.append(Entity(text=sub, label=label, id=None, start=i, end=i + len(sub), source="nlp"))
        return out


@pytest.mark.parametrize(
    "text, nlp_span, kept, dropped",
    [
        # a country that is only the first word of an organisation's name yields to the name
        ("Israel Aerospace Industries will expand output", ("Israel Aerospace Industries", "ORG"),
         "Israel Aerospace Industries", "Israel"),
        ("The American Enterprise Institute said", ("American Enterprise Institute", "ORG"),
         "American Enterprise Institute", "American"),
        # ... and a place used as a given name to the person
        ("Defence Minister Wellington Koo said", ("Wellington Koo", "PERSON"), "Wellington Koo", "Wellington"),
    ],
)
def test_statistical_name_around_a_place(gaz, text, nlp_span, kept, dropped):
    ents = Extractor(gaz, _FakeTier(nlp_span)).extract(text)
    texts = [e.text for e in ents]
    assert kept in texts and dropped not in texts
    spans = sorted((e.start, e.end) for e in ents)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))


@pytest.mark.parametrize(
    "text, nlp_span, country",
    [
        ("Japan's Defence Ministry said", ("Japan's Defence Ministry", "ORG"), "Japan"),   # possessive: two things
        ("North Korea said", ("North Korea", "PERSON"), "North Korea"),                   # the same span
        ("Seoul and Tokyo agreed", ("Seoul and Tokyo", "ORG"), "Seoul"),                   # not an ORG head
        ("Russian warships sailed", ("Russian warships", "ORG"), "Russian"),               # no name head word
    ],
)
def test_gazetteer_place_kept_otherwise(gaz, text, nlp_span, country):
    ents = Extractor(gaz, _FakeTier(nlp_span)).extract(text)
    assert [(e.text, e.source) for e in ents if e.text == country] == [(country, "gazetteer")]


@pytest.mark.parametrize(
    "text, nlp_span, companions",
    [
        # a state body named after a country keeps the long name, and the country as a
        # zero-width companion at its start (rules still see the country, spans stay disjoint)
        ("The China Coast Guard said", ("China Coast Guard", "ORG"), [("country:CN", "COUNTRY")]),
        ("Russian Navy ships sailed", ("Russian Navy", "ORG"), [("country:RU", "COUNTRY")]),
        ("the Armed Forces of the Philippines said", ("Armed Forces of the Philippines", "ORG"),
         [("country:PH", "COUNTRY")]),
        # a body inside an organisation the gazetteer knows keeps that organisation's id
        ("the IRGC Aerospace Force said", ("IRGC Aerospace Force", "ORG"), [("agency:irgc", "AGENCY")]),
        # a company named after a country says nothing of the country
        ("Korea Shipbuilding Industries said", ("Korea Shipbuilding Industries", "ORG"), []),
        # a surname with "al-" holding an organisation's name: a person, the organisation kept
        ("Abdul-Malik al-Houthi said", ("Abdul-Malik al-Houthi", "PERSON"), [("org:houthis", "ORG")]),
    ],
)
def test_statistical_name_with_companions(gaz, text, nlp_span, companions):
    ents = Extractor(gaz, _FakeTier(nlp_span)).extract(text)
    name = next(e for e in ents if e.text == nlp_span[0])
    assert (name.label, name.source) == (nlp_span[1], "nlp")
    ents = [e for e in ents if e.source != "implied"]  # the IRGC implies Iran: for readers, not companions
    zero = [e for e in ents if e.start == e.end]
    assert [(e.id, e.label) for e in zero] == companions
    assert all(e.start == name.start for e in zero)
    assert ents.index(name) == len(zero)  # companions sort before the name: rules.match bisects starts
    spans = [(e.start, e.end) for e in ents]
    assert spans == sorted(spans) and all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))



@pytest.mark.parametrize(
    "text, expected",
    [
        ("Raytheon, a unit of RTX Corp, won", ["org:raytheon", "org:rtx"]),
        ("Kataib Hezbollah said", ["org:kataib-hezbollah"]),   # the longer name, not Hezbollah
        ("Hezbollah said", ["org:hezbollah"]),
        ("the Tasnim news agency reported", ["org:tasnim"]),
        ("Eutelsat said", ["org:eutelsat"]),
        ("Acquisition, Technology and Logistics Agency said", ["agency:japan-atla"]),
    ],
)
def test_added_organisations(gaz, text, expected):
    assert ids(gaz.extract(text)) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # North Korea's provinces as news spells them, not pycountry's "Phyeongannamto"
        ("from the vicinity of Pyongsong, South Pyongan Province, at dawn", ["city:1871871", "region:KP-02"]),
        ("from Sinpo, South Hamgyeong Province", ["city:2040959", "region:KP-08"]),  # Sinpo is a city of its own
        ("launched from the Jiuquan center in the Gobi Desert", ["site:jiuquan", "place:gobi"]),
        ("fired from the Palmahim base", ["site:palmachim"]),
        ("the RS-24 Yars long-range nuclear missile", ["vehicle:yars"]),
        # outlets a report cites as its source
        ("U.S. officials told NBC News.", ["country:US", "org:nbc-news"]),
        ("a U.S. official told USA TODAY Saturday", ["country:US", "org:usa-today"]),
        ("according to the Times of Israel", ["org:times-of-israel"]),
        ("ANI reported.", ["org:ani"]),
        ("UK Maritime Trade Operations said a vessel was hit", ["org:ukmto"]),
    ],
)
def test_added_places_and_outlets(gaz, text, expected):
    assert ids(gaz.extract(text)) == expected


@pytest.mark.parametrize(
    "text, implied",
    [
        # a constellation that is also its company's name stands for the company too
        ("OneWeb launched 36 satellites.", ["org:oneweb"]),
        ("Iridium satellites relay the texts.", ["org:iridium"]),
    ],
)
def test_a_constellation_implies_its_company(gaz, text, implied):
    assert [e.id for e in Extractor(gaz).extract(text) if e.source == "implied"] == implied


@pytest.mark.parametrize(
    "text, expected",
    [
        # a subdivision named with its type is the subdivision, not its capital city
        ("from the Tanegashima Space Center in Kagoshima Prefecture", ["site:tanegashima", "region:JP-46"]),
        ("residents of Aomori prefecture were told to shelter", ["region:JP-02"]),
        ("Kagoshima said", ["city:1860827"]),
        # South Korea's halved provinces as English news names them
        ("the Naro Space Center in South Jeolla Province", ["site:naro", "region:KR-46"]),
        ("a quake in North Gyeongsang", ["region:KR-47"]),
        # seismic monitors and commands a report cites
        ("The U.S. Geological Survey measured the quake at magnitude 6.3.", ["country:US", "agency:usgs"]),
        ("U.S. Pacific Command detected the launch.", ["country:US", "agency:indopacom"]),
        ("the RIA news agency reported", ["org:ria-novosti"]),
        ("North Korea's known Punggyeri nuclear site", ["country:KP", "site:punggye-ri"]),
        ("The Arrow defense system intercepted the missile.", ["vehicle:arrow-3"]),
        # a titled surname is the leader; another first name makes another person
        ("North Korea ignored President Trump's warnings.", ["country:KP", "person:donald-trump"]),
    ],
)
def test_places_and_bodies_round3(gaz, text, expected):
    assert ids(gaz.extract(text)) == expected


@pytest.mark.parametrize("text", ["Ivanka Trump said so.", "The Trump Tower was sold.", "An arrow hit the tree."])
def test_ambiguous_names_next_to_another_name_or_in_lower_case(gaz, text):
    assert not [e for e in gaz.extract(text) if e.id in ("person:donald-trump", "vehicle:arrow-3")]


def test_an_acute_accent_typed_for_an_apostrophe_is_a_boundary(gaz):
    assert ids(gaz.extract("fired at Najran by Yemen´s Houthi group")) == ["city:103630", "country:YE", "org:houthis"]


def test_an_organ_of_the_un_implies_the_un(gaz):
    ents = Extractor(gaz).extract("declared by the United Nations General Assembly on Dec. 2")
    assert [e.id for e in ents if e.source == "implied"] == ["org:un"]


def test_an_implied_country_shows_its_name_not_a_demonym(gaz):
    # "ANKARA" implies Türkiye: the reader sees the country, not "Turkish" (its first exact-case name)
    ents = gaz.implied(gaz.extract("ANKARA - The US and Japan agreed on Thursday."))
    (tr,) = [e for e in ents if e.id == "country:TR"]
    assert (tr.text, tr.source) == ("Türkiye", "implied")
