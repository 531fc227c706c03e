"""Topic suggestion where fellows tag: the importer, the command line and the article editor."""

import io
import json

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.utils.html import escape

from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

import pytest

from briefings.articles.models import ArticlePage
from taxonomy.models import Country, Sector
from taxonomy.suggest.adapter import suggest_for
from taxonomy.suggest.views import MAX_TEXT
from tests.conftest import CORPUS

pytestmark = pytest.mark.django_db

SEED = CORPUS / "articles" / "seed.txt"


def import_json(*args):
    out = io.StringIO()
    call_command("import_articles", *map(str, args), "--format", "json", stdout=out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_import_tags_the_seed_with_its_suggested_topics(index):
    [result] = import_json(SEED)
    assert result["countries"] == ["CN", "KZ"]
    assert result["initiatives"] == ["BRI", "GDI", "GSI"]
    assert result["sectors"] == ["energy", "security"]
    page = ArticlePage.objects.get().get_latest_revision_as_object()
    assert sorted(c.alpha2 for c in page.countries.all()) == ["CN", "KZ"]


def test_explicit_topics_win_per_vocabulary_and_no_suggest_turns_it_off(index, tmp_path):
    [result] = import_json(SEED, "--sectors", "trade", "--dry-run")
    assert result["sectors"] == ["trade"]
    assert result["countries"] == ["CN", "KZ"]  # still suggested
    [result] = import_json(SEED, "--no-suggest", "--initiatives", "bri")
    page = ArticlePage.objects.get().get_latest_revision_as_object()
    assert [i.acronym for i in page.initiatives.all()] == ["BRI"]
    assert list(page.countries.all()) == []


def test_suggest_tags_prints_sorted_keys_and_evidence_per_file():
    out = io.StringIO()
    call_command("suggest_tags", str(SEED), "--format", "json", stdout=out)
    [line] = out.getvalue().splitlines()
    data = json.loads(line)
    assert data["file"].endswith("seed.txt")
    assert (data["countries"], data["initiatives"], data["sectors"]) == (
        ["CN", "KZ"],
        ["BRI", "GDI", "GSI"],
        ["energy", "security"],
    )
    kz = next(item for item in data["evidence"]["countries"] if item["key"] == "KZ")
    assert any(e["phrase"] == "Kazakhstan" and e["where"].startswith("paragraph") for e in kz["evidence"])
    # The byline's "Pakistan Research Center …, Islamabad" is not the article's topic.
    assert "PK" not in data["countries"]


def test_evaluate_tagging_meets_the_targets_on_the_corpus():
    out = io.StringIO()
    call_command("evaluate_tagging", str(CORPUS), "--format", "json", stdout=out)
    report = json.loads(out.getvalue())
    scores = report["scores"]
    assert scores["countries"]["f1"] >= 0.97
    assert scores["initiatives"]["f1"] >= 0.98
    assert scores["sectors"]["f1"] >= 0.85


def test_alias_added_by_an_editor_is_used_without_a_code_change():
    text = ["Officials from the Land of the Great Steppe met their counterparts in Beijing."]
    assert "KZ" not in suggest_for("A Visit", text).keys()["countries"]
    kazakhstan = Country.objects.get(alpha2="KZ")
    kazakhstan.aliases += "\nLand of the Great Steppe"
    kazakhstan.save()
    assert "KZ" in suggest_for("A Visit", text).keys()["countries"]


def test_sector_keywords_edited_in_the_admin_are_used():
    text = [
        "The lithium concession and the new lithium refinery dominated the talks.",
        "A second lithium mine is planned, and lithium exports will follow.",
    ]
    assert "technology" not in suggest_for("Lithium", text).keys()["sectors"]
    technology = Sector.objects.get(slug="technology")
    technology.keywords += "\nlithium: 2"
    technology.save()
    assert "technology" in suggest_for("Lithium", text).keys()["sectors"]


def test_suggesting_makes_no_database_query(django_assert_num_queries):
    paragraphs = SEED.read_text(encoding="utf-8").split("\n\n")
    suggest_for("Warm-up", ["China and Kazakhstan."])
    with django_assert_num_queries(0):
        for _ in range(5):
            suggest_for("Chinese President Xi Jinping Visits Kazakhstan", paragraphs)


def test_editor_suggest_action_returns_topics_with_evidence(client, index):
    client.force_login(get_user_model().objects.create_superuser("ed", "ed@example.com", "pw"))
    data = nested_form_data(
        {
            "title": "Pakistan and China Review the Gwadar Power Plant",
            "body": streamfield(
                [
                    (
                        "paragraph",
                        rich_text(
                            "<p>Pakistan and China reviewed the coal power plant at Gwadar, "
                            "the electricity grid and gas supply for the port.</p>"
                        ),
                    ),
                    (
                        "paragraph",
                        rich_text(
                            "<p>Energy shortages and power tariffs remain the main "
                            "obstacles to the Belt and Road corridor.</p>"
                        ),
                    ),
                ]
            ),
        }
    )
    response = client.post("/admin/taxonomy/suggest/", data)
    assert response.status_code == 200
    result = response.json()
    assert {item["name"] for item in result["countries"]} == {"China", "Pakistan"}
    assert [item["name"] for item in result["initiatives"]] == ["Belt and Road Initiative"]
    assert "energy" in [item["key"] for item in result["sectors"]]
    assert all(item["evidence"] for item in result["countries"])


def test_editor_suggest_action_needs_an_admin_login(client):
    response = client.post("/admin/taxonomy/suggest/", {"title": "China"})
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_article_editor_offers_suggest_topics(client, index):
    client.force_login(get_user_model().objects.create_superuser("ed", "ed@example.com", "pw"))
    html = client.get(f"/admin/pages/add/briefings/articlepage/{index.pk}/").content.decode()
    assert "data-suggest-topics" in html and "suggest-topics.js" in html


def corpus_paragraphs():
    """Every paragraph of the tagging corpus: real analysis, as an editor would paste it."""
    paragraphs = []
    for path in sorted((CORPUS / "articles").glob("*.txt")):
        paragraphs += [p.strip() for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    return paragraphs


def editor_form(title, paragraphs):
    return nested_form_data(
        {
            "title": title,
            "body": streamfield([("paragraph", rich_text(f"<p>{escape(text)}</p>")) for text in paragraphs]),
        }
    )


@pytest.fixture
def editor_client(index):
    """An editor in the admin, with the CSRF check on, as in the browser."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(get_user_model().objects.create_superuser("ed", "ed@example.com", "pw"))
    client.get("/admin/")
    client.defaults["HTTP_X_CSRFTOKEN"] = client.cookies["csrftoken"].value
    return client


def test_suggest_refuses_two_megabytes_without_reading_them_with_a_clear_message(editor_client, monkeypatch):
    monkeypatch.setattr("taxonomy.suggest.views.suggest_topics", None)  # never reached: no matching work
    paragraph = "China and Kazakhstan discussed the pipeline. " * 2_000  # 90 KB each
    response = editor_client.post("/admin/taxonomy/suggest/", editor_form("A Long Piece", [paragraph] * 23))
    assert int(response.wsgi_request.META["CONTENT_LENGTH"]) > 2_000_000
    assert response.status_code == 413
    assert response.json() == {
        "error": "This article is too long for topic suggestions: at most 200,000 characters of text "
        "are read. Choose its topics by hand."
    }


def test_suggest_still_reads_a_long_real_article(editor_client):
    paragraphs = corpus_paragraphs() * 4  # every corpus article, four times over: ~130,000 characters
    assert 100_000 < sum(map(len, paragraphs)) < MAX_TEXT
    response = editor_client.post("/admin/taxonomy/suggest/", editor_form("A Long Review", paragraphs))
    assert response.status_code == 200
    result = response.json()
    assert "China" in {item["name"] for item in result["countries"]}
    assert result["initiatives"] and result["sectors"]


def test_suggest_skips_malformed_editor_data_instead_of_failing(editor_client):
    data = {
        "title": "China and Kazakhstan",
        "body-count": "4",
        "body-0-value": '{"blocks": 5}',
        "body-1-value": '{"blocks": [{"text": 7}, "x"]}',
        "body-2-value": "[" * 100_000,
        "body-3-value-text": "Pipelines across Kazakhstan.",
        "body-3-order": "first",
    }
    response = editor_client.post("/admin/taxonomy/suggest/", data)
    assert response.status_code == 200
    assert {item["name"] for item in response.json()["countries"]} == {"China", "Kazakhstan"}
