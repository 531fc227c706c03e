"""The article editor's Topics tab: three labelled fields with their own help, names shown as they
are, and a topic that is not in the list refused with a message, never dropped."""

import html as html_lib
import re

import pytest

from briefings.articles.models import ArticlePage
from briefings.editorial.roles import EDITORS
from tests.factories import make_article, make_user
from tests.test_workflow import article_form, edit_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(index):
    return make_user(EDITORS, "editor")


def field_section(html, name):
    """The HTML of the Topics tab's panel for field ``name``: heading, help, input and errors."""
    start = html.index(f'id="panel-child-topics-{name}-section"')
    return html[start : html.index("</section>", start)]


def input_value(html, name):
    match = re.search(rf'<input[^>]*name="{name}"[^>]*>', html)
    value = re.search(r'value="([^"]*)"', match.group())
    return html_lib.unescape(value.group(1)) if value else ""


def test_topic_fields_have_their_own_labels_and_help_and_show_names_without_quotes(client, editor, index):
    article = make_article(
        index, "Pipelines", countries=["kazakhstan", "pakistan"], initiatives=["bri"], sectors=["energy"]
    )
    client.force_login(editor)
    html = client.get(edit_url(article)).content.decode()

    for name, label, help_text in (
        ("countries", "Countries", "The countries the article is about"),
        ("initiatives", "Initiatives", "China&#x27;s global initiatives"),
        ("sectors", "Sectors", "Only the sectors the article discusses"),
    ):
        section = field_section(html, name)
        assert re.search(rf"<label[^>]*><span[^>]*>{label}</span></label>", section), name
        assert help_text in section
        assert "choose it from the list" in section
        assert "double quotes" not in section and ">Tags<" not in section
    assert input_value(html, "countries") == "Kazakhstan, Pakistan"
    assert input_value(html, "initiatives") == "Belt and Road Initiative"
    assert '"autocompleteOnly": false' in html_lib.unescape(field_section(html, "initiatives"))
    assert '"preprocessTag": null' in html_lib.unescape(field_section(html, "initiatives"))


def test_names_are_saved_as_typed_in_any_case_with_or_without_quotes(client, editor, index):
    article = make_article(index, "Pipelines", live=False)
    client.force_login(editor)
    data = article_form(
        article,
        countries="kazakhstan,Pakistan",
        initiatives="Belt and Road Initiative",  # one name with spaces, no quotes, no comma
        sectors='"Energy", trade',
    )
    response = client.post(edit_url(article), data)
    assert response.status_code == 302
    draft = ArticlePage.objects.get(pk=article.pk).get_latest_revision_as_object()
    assert sorted(c.name for c in draft.countries.all()) == ["Kazakhstan", "Pakistan"]
    assert [i.name for i in draft.initiatives.all()] == ["Belt and Road Initiative"]
    assert sorted(s.name for s in draft.sectors.all()) == ["Energy", "Trade"]


def test_a_topic_not_in_the_list_is_refused_on_its_field_and_shown_again(client, editor, index):
    article = make_article(index, "Pipelines", live=False, countries=["pakistan"])
    revisions = article.revisions.count()
    client.force_login(editor)
    response = client.post(
        edit_url(article),
        article_form(article, countries="Kazakhstan, Atlantis", initiatives="Belt and Road Initiative"),
    )
    assert response.status_code == 200
    html = response.content.decode()
    section = field_section(html, "countries")
    assert "Not in the list of countries: Atlantis." in section
    assert input_value(html, "countries") == "Kazakhstan, Atlantis"  # what was typed, nothing lost
    assert input_value(html, "initiatives") == "Belt and Road Initiative"
    assert article.revisions.count() == revisions
