"""The article editor's "Suggest topics" button in a real browser: it fills the three tag fields
(the widget shows the tags, saving a draft stores them) without repeating a topic already there."""

import re

import pytest
from playwright.sync_api import expect

from briefings.articles.models import ArticlePage
from briefings.editorial.roles import EDITORS
from tests.browser.test_editorial_browser import log_in
from tests.factories import make_article, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TITLE = "Kazakhstan Extends Its Pipelines"
BODY = [
    "Kazakhstan signed new agreements under the Belt and Road Initiative to extend its energy pipelines.",
    "The oil and gas pipelines will carry crude and natural gas from the Caspian fields to new refineries.",
]


def tags(page, field):
    """The tags the widget shows for a tag field, as the editor sees them."""
    return page.locator(f'[data-contentpath="{field}"] [data-field-input] .tag')


def test_suggest_topics_fills_the_tag_fields_and_saving_stores_them(page, live_server, index):
    make_user(EDITORS, "erin")
    # Tagged already: Pakistan (not in the text, kept) and the Belt and Road Initiative (in the
    # text, not added twice).
    article = make_article(index, TITLE, live=False, body=BODY, countries=["pakistan"], initiatives=["bri"])
    log_in(page, live_server, "erin")
    page.goto(f"{live_server.url}/admin/pages/{article.pk}/edit/")
    page.get_by_role("tab", name="Topics").click()
    expect(tags(page, "countries")).to_have_text(["Pakistan"])
    expect(tags(page, "initiatives")).to_have_text(["Belt and Road Initiative"])
    expect(tags(page, "sectors")).to_have_count(0)

    page.get_by_role("button", name="Suggest topics").click()
    evidence = page.locator("[data-suggest-topics-result]")
    expect(evidence).to_contain_text("Countries: Kazakhstan — “Kazakhstan” (title)")
    expect(evidence).to_contain_text("Initiatives: Belt and Road Initiative")
    expect(evidence).to_contain_text("Sectors: Energy")
    expect(tags(page, "countries")).to_have_text(["Pakistan", "Kazakhstan"])
    expect(tags(page, "initiatives")).to_have_text(["Belt and Road Initiative"])
    expect(tags(page, "sectors")).to_have_text(["Energy"])
    expect(page.get_by_role("button", name="Suggest topics")).to_be_enabled()

    # Asking again adds nothing: every suggestion is there now.
    page.get_by_role("button", name="Suggest topics").click()
    expect(page.get_by_role("button", name="Suggest topics")).to_be_enabled()
    expect(tags(page, "countries")).to_have_text(["Pakistan", "Kazakhstan"])
    expect(tags(page, "initiatives")).to_have_count(1)
    expect(tags(page, "sectors")).to_have_count(1)

    # The widget still works after the suggestion: an editor can remove a tag as usual.
    page.locator('[data-contentpath="countries"] .tagit-choice', has_text="Pakistan").locator(
        ".tagit-close"
    ).click()
    expect(tags(page, "countries")).to_have_text(["Kazakhstan"])

    page.get_by_role("button", name="Save draft").click()
    expect(page.locator(".messages")).to_contain_text(re.compile("updated", re.I))
    draft = ArticlePage.objects.get(pk=article.pk).get_latest_revision_as_object()
    assert [c.name for c in draft.countries.all()] == ["Kazakhstan"]
    assert [i.name for i in draft.initiatives.all()] == ["Belt and Road Initiative"]
    assert [s.name for s in draft.sectors.all()] == ["Energy"]

    # Reopened, the editor shows what was saved.
    page.reload()
    page.get_by_role("tab", name="Topics").click()
    expect(tags(page, "countries")).to_have_text(["Kazakhstan"])
    expect(tags(page, "initiatives")).to_have_text(["Belt and Road Initiative"])
    expect(tags(page, "sectors")).to_have_text(["Energy"])
