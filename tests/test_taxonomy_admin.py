"""Editors keep the vocabularies clean: controlled tagging, rename with redirects, merge."""

from django.contrib.auth import get_user_model

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

import pytest

from briefings.articles.models import ArticlePage
from taxonomy.curation.merge import merge_topics
from taxonomy.models import Country, Sector
from tests.factories import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("editor", "editor@example.com", "pw")
    client.force_login(user)
    return client


def article_form(**topics):
    return nested_form_data(
        {
            "title": "Admin Written Piece",
            "slug": "admin-written-piece",
            "kind": "analysis",
            "standfirst": "",
            "date": "2024-02-01",
            "source_name": "",
            "source_url": "",
            "article_authors": inline_formset([]),
            "body": streamfield([("paragraph", rich_text("<p>Body.</p>"))]),
            "countries": topics.get("countries", ""),
            "initiatives": topics.get("initiatives", ""),
            "sectors": topics.get("sectors", ""),
        }
    )


def test_editor_cannot_invent_a_country_from_the_article_editor(admin_client, index):
    url = f"/admin/pages/add/briefings/articlepage/{index.pk}/"
    response = admin_client.post(url, article_form(countries="Kazakstan, China"))
    assert response.status_code == 200  # the form is shown again with the error
    assert "Not in the list of countries: Kazakstan" in response.content.decode()
    assert not Country.objects.filter(name__iexact="Kazakstan").exists()
    assert not ArticlePage.objects.exists()


def test_article_editor_accepts_topics_from_the_vocabularies(admin_client, index):
    url = f"/admin/pages/add/briefings/articlepage/{index.pk}/"
    response = admin_client.post(url, article_form(countries="kazakhstan, China", sectors="Energy"))
    assert response.status_code == 302
    page = ArticlePage.objects.get().get_latest_revision_as_object()
    assert sorted(c.alpha2 for c in page.countries.all()) == ["CN", "KZ"]
    assert [s.slug for s in page.sectors.all()] == ["energy"]
    assert Country.objects.count() == 249


def test_article_editor_has_a_topics_tab(admin_client, index):
    html = admin_client.get(f"/admin/pages/add/briefings/articlepage/{index.pk}/").content.decode()
    assert "Topics" in html
    assert 'name="countries"' in html and 'name="initiatives"' in html and 'name="sectors"' in html


def test_renamed_topic_answers_301_at_its_old_addresses(client, index):
    make_article(index, "Turkey Piece", countries=["turkiye"], initiatives=["bri"])
    country = Country.objects.get(alpha2="TR")
    country.name, country.slug = "Turkey", "turkey"
    country.save()
    response = client.get("/topics/countries/turkiye/?page=1")
    assert response.status_code == 301
    assert response["Location"] == "/topics/countries/turkey/?page=1"
    assert client.get("/topics/countries/turkiye/initiatives/bri/")["Location"] == (
        "/topics/countries/turkey/initiatives/bri/"
    )
    assert client.get("/topics/countries/turkiye/feed/")["Location"] == "/topics/countries/turkey/feed/"
    # Renamed again: the first address goes straight to the newest one.
    country.slug = "republic-of-turkiye"
    country.save()
    assert client.get("/topics/countries/turkiye/")["Location"] == "/topics/countries/republic-of-turkiye/"
    assert "Turkey Piece" in client.get("/topics/countries/republic-of-turkiye/").content.decode()


def test_merge_retags_articles_with_a_revision_and_redirects(client, index):
    technology = Sector.objects.get(slug="technology")
    digital = Sector.objects.create(name="Digital", slug="digital")
    live = make_article(index, "Live Digital Piece", sectors=["digital"])
    both = make_article(index, "Both Piece", sectors=["digital", "technology"])
    draft = make_article(index, "Draft Digital Piece", sectors=["digital"], live=False)
    revisions = {p.pk: p.revisions.count() for p in (live, both, draft)}

    assert merge_topics(digital, technology) == 3

    assert not Sector.objects.filter(slug="digital").exists()
    for page in (live, both, draft):
        page.refresh_from_db()
        assert page.revisions.count() == revisions[page.pk] + 1
        latest = page.get_latest_revision_as_object()
        assert [s.slug for s in latest.sectors.all()] == ["technology"]
    hub = client.get("/topics/sectors/technology/").content.decode()
    assert "Live Digital Piece" in hub and "Both Piece" in hub
    assert "Draft Digital Piece" not in hub
    assert client.get("/topics/sectors/digital/")["Location"] == "/topics/sectors/technology/"
    technology.refresh_from_db()
    assert "Digital" in technology.keywords


def test_merge_admin_action_asks_for_confirmation(admin_client, index):
    source = Sector.objects.create(name="Digital", slug="digital")
    target = Sector.objects.get(slug="technology")
    make_article(index, "Digital Piece", sectors=["digital"])
    url = f"/admin/taxonomy/merge/sectors/{source.pk}/"
    page = admin_client.get(url).content.decode()
    assert "1 article tagged “Digital” will be retagged" in page
    confirm = admin_client.post(url, {"target": target.pk})
    assert confirm.status_code == 200
    assert "Yes, merge" in confirm.content.decode()
    assert Sector.objects.filter(pk=source.pk).exists()  # nothing happens before confirming
    done = admin_client.post(url, {"target": target.pk, "confirm": "on"})
    assert done.status_code == 302
    assert not Sector.objects.filter(pk=source.pk).exists()


def test_taxonomy_menu_lists_the_vocabularies(admin_client):
    html = admin_client.get("/admin/snippets/taxonomy/country/").content.decode()
    assert "Afghanistan" in html
    assert admin_client.get("/admin/snippets/taxonomy/sector/").status_code == 200
    assert "Merge into" in admin_client.get("/admin/snippets/taxonomy/sector/").content.decode()
