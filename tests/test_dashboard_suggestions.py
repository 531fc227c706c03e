"""The editors' dashboard suggests the same topics as the editor's "Suggest topics" button, by
name, beside the topics the fellow chose, and adds one in a click."""

import re

from django.urls import reverse

from wagtail.test.utils.form_data import rich_text, streamfield

import pytest

from briefings.articles.models import ArticlePage
from briefings.editorial.roles import EDITORS, FELLOWS
from taxonomy.models import Country
from tests.factories import AuthorFactory, make_user
from tests.test_workflow import article_form, create_article, edit_url, review

pytestmark = pytest.mark.django_db

TITLE = "Kazakhstan and China Sign New Agreements"
# One rich-text block of two paragraphs. Read as one paragraph it would suggest Connectivity
# (railway, port and bridge together pass a paragraph's threshold); read a paragraph at a time, as
# the editor sends it to "Suggest topics", it does not.
BODY = streamfield(
    [
        (
            "paragraph",
            rich_text(
                "<p>Kazakhstan and China met in Astana to discuss the railway and the port at Aktau.</p>"
                "<p>Work on a bridge starts next year.</p>"
            ),
        )
    ]
)


@pytest.fixture
def fellow(index):
    return make_user(FELLOWS, "hafsa", author=AuthorFactory(name="Hafsa Akram"))


@pytest.fixture
def editor(index):
    return make_user(EDITORS, "editor")


def form(page, **fields):
    return article_form(
        page, title=TITLE, body=BODY, countries="Kazakhstan", initiatives="", sectors="Energy", **fields
    )


@pytest.fixture
def submitted(client, fellow, index):
    page = create_article(
        client,
        fellow,
        index,
        title=TITLE,
        body=BODY,
        countries="Kazakhstan",
        initiatives="",
        sectors="Energy",
    )
    assert client.post(edit_url(page), form(page, **{"action-submit": "Submit"})).status_code == 302
    page.refresh_from_db()
    assert page.workflow_in_progress
    return page


def dashboard_topics(client):
    """``{vocabulary: {"agreed": [...], "to_add": [...], "not_suggested": "..."}}`` as the panel shows them."""
    html = client.get("/admin/").content.decode()
    cell = re.search(r'class="suggested-topics">(.*?)</td>', html, re.S).group(1)
    shown = {}
    for key, block in re.findall(
        r'data-vocabulary="(\w+)">(.*?)</div>\s*(?=<div class="suggested|$)', cell, re.S
    ):
        shown[key] = {
            "agreed": re.findall(r'class="suggested-topics__agreed">([^<]+)<', block),
            "to_add": re.findall(r'class="suggested-topics__new">([^<]+)<', block),
            "not_suggested": " ".join(re.findall(r"Chosen, not found in the text: ([^<]+)<", block)),
        }
    return shown


def test_dashboard_shows_the_buttons_suggestions_by_name_with_what_differs(client, editor, submitted):
    client.force_login(editor)
    button = client.post(reverse("taxonomy_suggest"), form(submitted)).json()
    from_button = {key: sorted(item["name"] for item in items) for key, items in button.items()}
    assert from_button == {"countries": ["China", "Kazakhstan"], "initiatives": [], "sectors": []}

    shown = dashboard_topics(client)
    from_dashboard = {
        key: sorted(shown.get(key, {}).get("agreed", []) + shown.get(key, {}).get("to_add", []))
        for key in from_button
    }
    assert from_dashboard == from_button
    assert shown["countries"]["agreed"] == ["Kazakhstan"]
    assert shown["countries"]["to_add"] == ["China"]  # suggested, not chosen: offered with Add
    assert shown["sectors"]["not_suggested"] == "Energy"  # chosen, not found in the text


def add_form(page, topic, vocabulary="countries"):
    return {"vocabulary": vocabulary, "topic": str(topic.pk), "next": "/admin/"}


def test_one_click_adds_the_topic_to_the_submitted_article(client, fellow, editor, submitted):
    china = Country.objects.get(alpha2="CN")
    client.force_login(editor)
    url = reverse("editorial_add_topic", args=[submitted.pk])
    response = client.post(url, add_form(submitted, china), follow=True)
    assert response.redirect_chain == [("/admin/", 302)]
    assert f"Added China to the countries of “{TITLE}”." in response.content.decode()

    page = ArticlePage.objects.get(pk=submitted.pk)
    assert sorted(c.name for c in page.get_latest_revision_as_object().countries.all()) == [
        "China",
        "Kazakhstan",
    ]
    assert page.workflow_in_progress  # still under review
    shown = dashboard_topics(client)
    assert shown["countries"] == {"agreed": ["China", "Kazakhstan"], "to_add": [], "not_suggested": ""}

    # A second click changes nothing; approving publishes the article with the topic.
    revisions = page.revisions.count()
    client.post(url, add_form(submitted, china))
    assert page.revisions.count() == revisions
    page = review(client, editor, page, "approve")
    assert page.live and sorted(c.name for c in page.countries.all()) == ["China", "Kazakhstan"]
    client.logout()
    assert TITLE in client.get("/topics/countries/china/").content.decode()


def test_only_an_editor_who_may_edit_the_article_can_add_a_topic(client, fellow, editor, submitted):
    china = Country.objects.get(alpha2="CN")
    url = reverse("editorial_add_topic", args=[submitted.pk])
    revisions = submitted.revisions.count()

    client.logout()
    assert client.post(url, add_form(submitted, china))["Location"].startswith("/admin/login/")
    for user in (fellow, make_user(FELLOWS, "omar")):  # hers (locked for her under review), another's
        client.force_login(user)
        refused = client.post(url, add_form(submitted, china), follow=True)
        assert "Sorry, you do not have permission" in refused.content.decode()  # Wagtail's refusal
    client.force_login(editor)
    assert client.get(url).status_code == 405
    for forged in ({"vocabulary": "regions", "topic": "1"}, {"vocabulary": "countries", "topic": "x"}):
        response = client.post(url, forged, follow=True)
        assert response.status_code == 200 and "error" in response.content.decode()
    assert (
        client.post(reverse("editorial_add_topic", args=[999999]), add_form(submitted, china)).status_code
        == 404
    )
    assert submitted.revisions.count() == revisions
    assert [c.name for c in submitted.get_latest_revision_as_object().countries.all()] == ["Kazakhstan"]
