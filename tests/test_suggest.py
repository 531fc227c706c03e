"""Tests for the topic suggester: the labelled corpus, then trap cases written here.

Pure Python, no database: ``pytest tests/test_suggest.py -p no:django`` (add ``--noconftest`` while
``tests/conftest.py`` imports Django models at module level).
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from briefings.importing.parser import decode_text, parse_article
from taxonomy.suggest.evaluation import EvaluationReport, Score, evaluate
from taxonomy.suggest.matcher import Evidence, Suggestions, Vocabulary, default_vocabulary, suggest
from taxonomy.terms import CountryTerms, InitiativeTerms, SectorTerms, TrapRules, default_terms

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_CORPUS = Path(__file__).resolve().parent / "fixtures" / "corpus"
CORPUS = FIXTURE_CORPUS if FIXTURE_CORPUS.is_dir() else Path("/work/shared/corpus")


def countries(*paragraphs: str, title: str = "") -> list[str]:
    return suggest(title, paragraphs).keys()["countries"]


def initiatives(*paragraphs: str, title: str = "") -> list[str]:
    return suggest(title, paragraphs).keys()["initiatives"]


def sectors(*paragraphs: str, title: str = "") -> list[str]:
    return suggest(title, paragraphs).keys()["sectors"]


# ------------------------------------------------------------------------------------------------
# The labelled corpus
# ------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def report() -> EvaluationReport:
    return evaluate(CORPUS, read_article)


def read_article(path):
    return parse_article(decode_text(path.read_bytes()))


def test_seed_article_gets_exactly_its_labels():
    article = parse_article(decode_text((CORPUS / "articles" / "seed.txt").read_bytes()))
    assert "Pakistan" in (CORPUS / "articles" / "seed.txt").read_text(encoding="utf-8")  # in the byline
    assert suggest(article.title, article.paragraphs).keys() == {
        "countries": ["CN", "KZ"],
        "initiatives": ["BRI", "GDI", "GSI"],
        "sectors": ["energy", "security"],
    }


@pytest.mark.parametrize(
    ("vocabulary", "target"), [("countries", 0.97), ("initiatives", 0.98), ("sectors", 0.85)]
)
def test_corpus_f1_meets_target(report, vocabulary, target):
    assert report.score(vocabulary).f1 >= target, report.as_text()


def test_report_scores_every_labelled_file(report):
    gold = json.loads((CORPUS / "gold.json").read_text(encoding="utf-8"))
    assert {result.name for result in report.files} == set(gold)
    assert report.micro.f1 >= 0.9


def test_report_renders_as_text_and_json(report):
    text = report.as_text()
    assert "countries" in text and "precision" in text and "micro (all)" in text
    data = json.loads(json.dumps(report.as_dict()))
    assert set(data["scores"]) == {"countries", "initiatives", "sectors"}
    assert set(data["per_file"]["seed.txt"]["countries"]) == {"misses", "false_alarms"}


def test_report_lists_misses_and_false_alarms(tmp_path):
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "x.txt").write_text(
        "Analysis: Egypt and Greece\n\nBy Dr. Ann Lee, Fellow, Nile Institute, Cairo\n\n"
        "Egypt and Greece signed a cultural agreement.\n",
        encoding="utf-8",
    )
    gold = {"x.txt": {"countries": ["EG", "TR"], "initiatives": [], "sectors": []}}
    (tmp_path / "gold.json").write_text(json.dumps(gold), encoding="utf-8")
    result = evaluate(tmp_path, read_article).files[0]
    assert result.misses("countries") == ["TR"]
    assert result.false_alarms("countries") == ["GR"]
    assert "missed TR" in evaluate(tmp_path, read_article).as_text()


def test_score_arithmetic():
    score = Score(true_positives=8, false_positives=2, false_negatives=0)
    assert score.precision == pytest.approx(0.8)
    assert score.recall == 1.0
    assert score.f1 == pytest.approx(2 * 0.8 / 1.8)
    assert Score(0, 0, 0).f1 == 1.0


def test_byline_affiliation_and_source_never_count():
    text = (
        "Analysis: Grain Corridors\n\n"
        "By Dr. Ada Obi, Senior Fellow, Nigeria Policy Institute, Abuja, Nigeria\n\n"
        "CAIRO, 3 March 2023 - Kazakh wheat now reaches new buyers.\n\n"
        "Turkish Policy Weekly\n"
    )
    article = parse_article(text)
    assert suggest(article.title, article.paragraphs).keys()["countries"] == ["KZ"]


# ------------------------------------------------------------------------------------------------
# Countries: names, alternative names, demonyms
# ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Türkiye, Turkey and Turkiye are one state.", ["TR"]),
        ("Côte d'Ivoire, Cote d’Ivoire and Ivory Coast.", ["CI"]),
        ("Myanmar, formerly Burma, and the Lao PDR.", ["LA", "MM"]),
        ("Laos and Lao officials and Laotian farmers.", ["LA"]),
        ("The UAE and the United Arab Emirates.", ["AE"]),
        ("The Kyrgyz Republic and Kyrgyzstan.", ["KG"]),
        ("The US, the U.S., the USA and the United States of America.", ["US"]),
        ("America and American firms.", ["US"]),
        ("Britain, the UK and British diplomats.", ["GB"]),
        ("Russia, Iran and Syria.", ["IR", "RU", "SY"]),
        ("Vietnam and Viet Nam.", ["VN"]),
        ("South Korea and the Republic of Korea.", ["KR"]),
        ("North Korea and the DPRK.", ["KP"]),
        ("The DRC, DR Congo and Congo-Kinshasa.", ["CD"]),
        ("The Democratic Republic of the Congo.", ["CD"]),
        ("The Republic of the Congo, or Congo-Brazzaville.", ["CG"]),
        ("Czechia and the Czech Republic.", ["CZ"]),
        ("Eswatini, once Swaziland.", ["SZ"]),
        ("PNG and Papua New Guinea.", ["PG"]),
        ("Timor-Leste, or East Timor.", ["TL"]),
        ("Cabo Verde and Cape Verde.", ["CV"]),
        ("The Holy See and the Vatican.", ["VA"]),
        ("Palestine and Taiwan.", ["PS", "TW"]),
        (
            "Brunei, Bolivia, Venezuela, Tanzania, Moldova and Micronesia.",
            ["BN", "BO", "FM", "MD", "TZ", "VE"],
        ),
        ("The Solomon Islands and Fiji.", ["FJ", "SB"]),
        ("The People's Republic of China and the Republic of Kazakhstan.", ["CN", "KZ"]),
    ],
)
def test_alternative_names(text, expected):
    assert countries(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Chinese and Kazakh officials met.", ["CN", "KZ"]),
        ("Uzbek, Kyrgyz, Tajik and Turkmen delegations arrived.", ["KG", "TJ", "TM", "UZ"]),
        ("Pakistani, Afghan and Iranian traders.", ["AF", "IR", "PK"]),
        ("Emirati and Saudi investors.", ["AE", "SA"]),
        ("Nigerien soldiers and Nigerian traders.", ["NE", "NG"]),
        ("Sudanese refugees.", ["SD"]),
        ("South Sudanese refugees.", ["SS"]),
        ("Thai, Malaysian, Singaporean, Indonesian and Filipino engineers.", ["ID", "MY", "PH", "SG", "TH"]),
        (
            "Turkish, Russian, American, British, Greek, Egyptian and Ethiopian diplomats.",
            ["EG", "ET", "GB", "GR", "RU", "TR", "US"],
        ),
        ("Kazakhs, Uzbeks, Emiratis and Filipinos.", ["AE", "KZ", "PH", "UZ"]),
        ("Sino-Pakistani ties.", ["CN", "PK"]),
    ],
)
def test_demonyms(text, expected):
    assert countries(text) == expected


def test_every_sovereign_state_is_loaded_and_territories_are_not():
    country_terms, _, _ = default_terms()
    codes = {terms.code for terms in country_terms}
    assert len(codes) == 196  # 193 UN members, the Holy See, Palestine and Taiwan
    assert {"TW", "PS", "VA", "SS", "KZ"} <= codes
    assert not {"HK", "MO", "PR", "GL", "AQ", "NC"} & codes


def test_demonym_table_covers_the_states():
    country_terms, _, _ = default_terms()
    without = sorted(terms.code for terms in country_terms if not terms.demonyms)
    assert without == [
        "DM",
        "VA",
    ]  # "Dominican" is kept for the Dominican Republic; no demonym for the Holy See


@pytest.mark.parametrize(
    "text",
    [
        "China’s and Kazakhstan’s leaders met.",  # curly apostrophes
        "China's and Kazakhstan's leaders met.",
    ],
)
def test_possessives_count(text):
    assert countries(text) == ["CN", "KZ"]


def test_evidence_has_phrase_and_where():
    result = suggest(
        "Kazakhstan Looks East", ["A quiet week.", "Kazakh and Chinese officials met in Astana."]
    )
    kazakhstan = next(item for item in result.countries if item.key == "KZ")
    assert kazakhstan.label == "Kazakhstan"
    assert Evidence("Kazakhstan", "title") in kazakhstan.evidence
    assert Evidence("Kazakh", "paragraph 2") in kazakhstan.evidence
    assert kazakhstan.score == 3.0  # a title mention weighs 2, a body mention 1


# ------------------------------------------------------------------------------------------------
# Countries: traps
# ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Niger / Nigeria
        ("Niger and Nigeria share a long border.", ["NE", "NG"]),
        ("The Niger Delta is Nigeria's oil region.", ["NG"]),
        ("Boats on the River Niger.", []),
        # Guinea family
        ("Piracy in the Gulf of Guinea worries shippers.", []),
        ("Guinea-Bissau, Equatorial Guinea and Papua New Guinea voted.", ["GQ", "GW", "PG"]),
        ("Guinea exports bauxite.", ["GN"]),
        ("Highlanders of New Guinea.", []),
        # Sudan
        ("South Sudan's oil flows north.", ["SS"]),
        ("Sudan and South Sudan signed a deal.", ["SD", "SS"]),
        ("Ships call at Port Sudan.", []),
        # Congo
        ("The Congo Basin rainforest and the Congo River.", []),
        ("The DRC mines cobalt; Congo's mines need power.", ["CD"]),
        ("Congo signed a loan for a road to Pointe-Noire.", ["CG"]),
        ("Congolese miners went on strike.", []),  # shared demonym, no context: left to the editor
        # Korea: shared names follow the article's plain mentions
        ("North Korea tested a missile; Korea's neighbours protested.", ["KP"]),
        ("Korea and Japan signed a deal.", ["JP", "KR"]),
        # Dominica
        ("Dominica and the Dominican Republic.", ["DM", "DO"]),
        # Georgia
        ("Georgia hosted the forum in Tbilisi.", ["GE"]),
        ("The factory is near Atlanta. Georgia's governor welcomed it.", []),
        # Jordan, Chad as names
        ("Jordan and Egypt signed the deal.", ["EG", "JO"]),
        ("Basketball star Michael Jordan visited Shanghai.", []),
        ("Jordan Peterson spoke at the event.", []),
        ("In Jordan, officials met Mr. Chad Smith.", ["JO"]),
        ("Chad and Niger joined the scheme.", ["NE", "TD"]),
        ("Lake Chad is shrinking.", []),
        # geographic, language and currency names
        ("Ships cross the Indian Ocean and the Arabian Sea.", []),
        ("Across the Indian subcontinent.", []),
        ("Indian officials attended.", ["IN"]),
        ("Tensions rose in the South China Sea.", []),
        ("Ships sail the Gulf of Oman.", []),
        ("The Korean Peninsula.", []),
        ("Traffic in Mexico City.", []),
        ("Lending in US dollars.", []),
        ("Russian-speaking workers read English and Arabic.", []),
        ("Oil from the Persian Gulf.", []),
        # regions and organisations
        ("Latin American, South American and Latin America markets.", []),
        ("Central Asian states, Southeast Asian nations, the Gulf and the Sahel.", []),
        ("The SCO, ASEAN, the EU, the European Union, the AU, BRICS, the GCC and ECOWAS met.", []),
        ("The Organization of American States and the Voice of America.", []),
        # cities and capitals
        ("Beijing, Tehran and Islamabad issued statements.", []),
        # territories are not sovereign states
        ("French Polynesia, Hong Kong and Macau.", []),
        ("The French ambassador.", ["FR"]),
    ],
)
def test_country_traps(text, expected):
    assert countries(text) == expected


GEORGIA_ARTICLE = (
    "Georgia and China signed a free-trade upgrade in Tbilisi.",
    "Georgian officials expect more rail freight across the Black Sea.",
)


@pytest.mark.parametrize(
    "us_mention",
    [
        "A delegation from Atlanta, Georgia, also attended.",
        "The investors came from Savannah, Georgia.",
        "Its partner is a firm based in Georgia, USA.",
        "The state of Georgia sent its trade commissioner.",
        "Researchers from Georgia Tech and Georgia State University joined them.",
    ],
)
def test_a_mention_of_the_us_state_leaves_the_country_elsewhere_in_the_article(us_mention):
    """One "Atlanta, Georgia" (or "Georgia, USA", "the state of Georgia" …) suppresses that
    mention only: the country the rest of the article is about is still suggested."""
    found = suggest("Georgia Deepens Trade With China", [*GEORGIA_ARTICLE, us_mention])
    assert "GE" in found.keys()["countries"]
    [georgia] = [item for item in found.countries if item.key == "GE"]
    assert all("Atlanta" not in e.phrase and "USA" not in e.phrase for e in georgia.evidence)
    assert "GE" not in countries(us_mention)


def test_the_us_state_alone_is_not_the_country():
    assert countries("Officials in Atlanta, Georgia, met Chinese investors.") == ["CN"]
    assert countries("A plant in the State of Georgia makes batteries for Chinese carmakers.") == ["CN"]


def test_trap_rules_are_data():
    countries_, initiatives_, sectors_ = default_terms()
    bare = Vocabulary(countries_, initiatives_, sectors_, traps=TrapRules())
    text = ["Piracy in the Gulf of Guinea."]
    assert suggest("", text).keys()["countries"] == []
    assert suggest("", text, bare).keys()["countries"] == ["GN"]


def test_lower_case_words_are_not_countries():
    assert countries("We ate turkey from fine china in a guinea-fowl farm.") == []


def test_all_caps_title_still_counts():
    assert countries("Nothing else here.", title="TURKEY AND CHINA SIGN A DEAL") == ["CN", "TR"]


def test_title_case_title_is_not_read_as_names():
    assert countries("Nothing else here.", title="Jordan Signs Water Deal With Israel") == ["IL", "JO"]


# ------------------------------------------------------------------------------------------------
# Editors' data flows through the *Terms objects
# ------------------------------------------------------------------------------------------------


def _vocabulary(country_terms=None, initiative_terms=None, sector_terms=None) -> Vocabulary:
    default_countries, default_initiatives, default_sectors = default_terms()
    return Vocabulary(
        country_terms if country_terms is not None else default_countries,
        initiative_terms if initiative_terms is not None else default_initiatives,
        sector_terms if sector_terms is not None else default_sectors,
    )


def test_editor_added_country_alias():
    text = ["Kazakstan, as older maps spell it, signed."]
    assert suggest("", text).keys()["countries"] == []
    country_terms = [
        CountryTerms(t.code, t.name, (*t.names, "Kazakstan") if t.code == "KZ" else t.names, t.demonyms)
        for t in default_terms()[0]
    ]
    assert suggest("", text, _vocabulary(country_terms)).keys()["countries"] == ["KZ"]


def test_editor_added_initiative_alias():
    text = ["The Polar Silk Road reaches the Arctic."]
    assert initiatives(*text) == []
    extra = InitiativeTerms("BRI", "Belt and Road Initiative", ("Belt and Road", "Polar Silk Road"))
    assert suggest("", text, _vocabulary(initiative_terms=[extra])).keys()["initiatives"] == ["BRI"]


def test_editor_added_sector_keywords():
    text = ["Mangrove replanting and coral reef surveys.", "More mangrove and coral reef work followed."]
    assert "environment" not in sectors(*text)
    extra = [SectorTerms("environment", "Environment", {"mangrove": 1.0, "coral reef": 1.5})]
    assert suggest("", text, _vocabulary(sector_terms=extra)).keys()["sectors"] == ["environment"]


# ------------------------------------------------------------------------------------------------
# Initiatives
# ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Belt and Road Initiative turns ten.", ["BRI"]),
        ("Projects under the Belt and Road.", ["BRI"]),
        ("A green Belt and Road.", ["BRI"]),
        ("The Belt & Road forum.", ["BRI"]),
        ("The logic of One Belt, One Road.", ["BRI"]),
        ("One Belt One Road and OBOR.", ["BRI"]),
        ("The Silk Road Economic Belt.", ["BRI"]),
        ("The 21st Century Maritime Silk Road.", ["BRI"]),
        ("The New Silk Road.", ["BRI"]),
        ("BRI projects.", ["BRI"]),
        ("The Global Development Initiative (GDI).", ["GDI"]),
        ("The GSI and the Global Security Initiative.", ["GSI"]),
        ("The Global Civilization Initiative.", ["GCI"]),
        ("The Global Civilisation Initiative.", ["GCI"]),
        ("The GCI.", ["GCI"]),
        # not mentions
        ("Caravans on the ancient Silk Road.", []),
        ("Trade on the ancient Maritime Silk Road.", []),
        ("The Digital Silk Road, CPEC and the Middle Corridor.", []),
        ("Global security and global development matter.", []),
        ("The three global initiatives.", []),
        ("The bri and gsi in lower case are not acronyms.", []),
    ],
)
def test_initiatives(text, expected):
    assert initiatives(text) == expected


# ------------------------------------------------------------------------------------------------
# Sectors
# ------------------------------------------------------------------------------------------------


def test_items_of_a_list_of_topics_do_not_count():
    text = (
        "The ministers signed documents in the areas of health, education, trade, agriculture and media, "
        "and agreed to meet again next year."
    )
    assert sectors(text) == []


def test_a_homogeneous_list_is_substance():
    text = "Chinese firms built roads, bridges, railways and port facilities across the province."
    assert sectors(text) == ["connectivity"]


def test_food_security_is_agriculture_not_security():
    text = (
        "Food security topped the agenda, with grain reserves, fertiliser supplies and smallholder farmers."
    )
    assert sectors(text) == ["agriculture"]


def test_energy_and_water_security_are_not_security():
    assert sectors("Energy security depends on gas supplies, the new pipeline and electricity.") == ["energy"]
    assert sectors("Water security on transboundary rivers: dams, reservoirs and water sharing.") == ["water"]


def test_oil_pipeline_exports_are_energy_not_trade():
    text = (
        "Crude oil exports through the pipeline to the port resumed, and the export terminal "
        "handled record volumes of crude."
    )
    assert sectors(text) == ["energy"]


def test_a_passing_word_does_not_tag():
    text = (
        "The railway will cut freight times and the new container port will expand logistics "
        "capacity; officials said security would be tight at the opening."
    )
    assert sectors(text) == ["connectivity"]


def test_a_sustained_thread_across_paragraphs_tags():
    paragraphs = [
        "Leaders stressed security and stability in the region.",
        "They agreed to deepen counter-terrorism cooperation.",
        "The rest of the visit was ceremonial.",
    ]
    assert sectors(*paragraphs) == ["security"]


def test_initiative_names_are_not_sector_keywords():
    assert (
        sectors("Both sides back the Global Security Initiative and the Global Development Initiative.") == []
    )


def test_sector_scores_explain_the_decision():
    table = default_vocabulary().sector_scores("Oil Politics", ["Crude oil and gas.", "Nothing here."])
    assert set(table) == {"energy"}
    assert set(table["energy"]) == {"title", "paragraph 1"}


def test_sector_evidence_is_strongest_first():
    result = suggest("", ["Oil and gas pipelines, a refinery and new power plants dominate the agenda."])
    (energy,) = result.sectors
    assert energy.key == "energy" and energy.label == "Energy"
    assert all(item.where == "paragraph 1" for item in energy.evidence)
    assert {item.phrase for item in energy.evidence} >= {"pipelines", "refinery", "power plants"}


# ------------------------------------------------------------------------------------------------
# Interface
# ------------------------------------------------------------------------------------------------


def test_suggestions_are_sorted_and_json_ready():
    result = suggest(
        "Egypt, China and Benin",
        ["Benin and Egypt signed loans, debt relief and financing deals with Chinese banks under the BRI."],
    )
    assert isinstance(result, Suggestions)
    assert [item.key for item in result.countries] == ["BJ", "CN", "EG"]
    assert result.keys() == {"countries": ["BJ", "CN", "EG"], "initiatives": ["BRI"], "sectors": ["finance"]}
    data = json.loads(json.dumps(result.as_dict()))
    assert data["countries"][0]["key"] == "BJ"
    assert {"phrase", "where"} == set(data["countries"][0]["evidence"][0])


def test_empty_article():
    assert suggest("", []).keys() == {"countries": [], "initiatives": [], "sectors": []}


def test_default_vocabulary_is_built_once():
    assert default_vocabulary() is default_vocabulary()


def test_suggester_imports_without_django():
    code = "import sys, taxonomy.suggest.matcher, taxonomy.suggest.evaluation, taxonomy.terms; assert 'django' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)
