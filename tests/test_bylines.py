"""Who may change a byline: a fellow adds co-authors to her article but never leaves it and never
replaces it, whatever her request says; editors may change it any way, and see whom she added."""

import re

from wagtail.test.utils.form_data import inline_formset

import pytest

from briefings.articles.models import ArticlePage
from briefings.editorial.roles import EDITORS, FELLOWS
from tests.factories import AuthorFactory, make_user
from tests.test_workflow import add_url, article_form, create_article, edit_url, form_errors, review

pytestmark = pytest.mark.django_db


@pytest.fixture
def fellow(index):
    author = AuthorFactory(honorific="Ms.", name="Hafsa Akram")
    return make_user(FELLOWS, "hafsa", author=author)


@pytest.fixture
def editor(index):
    return make_user(EDITORS, "editor", first_name="Erin", last_name="Editor")


@pytest.fixture
def li_wei(db):
    return AuthorFactory(name="Li Wei")


def byline_form(page, rows, **fields):
    """The article form with the byline rows given as ``(author, deleted)``: existing rows first,
    matched to the latest revision's by position, as a forged request could send them."""
    latest = ArticlePage.objects.get(pk=page.pk).get_latest_revision_as_object() if page else None
    links = list(latest.article_authors.all()) if latest else []
    items = []
    for n, (author, deleted) in enumerate(rows):
        pk = links[n].pk if n < len(links) else None  # a row new in a draft has none yet
        item = {"id": str(pk or ""), "author": str(author.pk), "ORDER": str(n)}
        if deleted:
            item["DELETE"] = "1"
        items.append(item)
    return article_form(
        page, article_authors=inline_formset(items, initial=min(len(links), len(rows))), **fields
    )


def latest_byline(page):
    return [
        author.name for author in ArticlePage.objects.get(pk=page.pk).get_latest_revision_as_object().authors
    ]


def refused(response, page, revisions):
    assert response.status_code == 200, response.get("Location")
    assert page.revisions.count() == revisions
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def test_a_fellow_adds_a_co_author(client, fellow, li_wei, index):
    page = create_article(client, fellow, index)
    own = fellow.author_profile
    response = client.post(edit_url(page), byline_form(page, [(own, False), (li_wei, False)]))
    assert response.status_code == 302, form_errors(response)
    assert latest_byline(page) == ["Hafsa Akram", "Li Wei"]


@pytest.mark.parametrize("how", ["replace her row", "delete her row"])
def test_a_forged_request_cannot_take_the_fellow_off_her_byline(client, fellow, li_wei, index, how):
    page = create_article(client, fellow, index)
    revisions = page.revisions.count()
    own = fellow.author_profile
    rows = [(li_wei, False)] if how == "replace her row" else [(own, True), (li_wei, False)]
    text = refused(client.post(edit_url(page), byline_form(page, rows)), page, revisions)
    assert "Ms. Hafsa Akram must stay on the byline of this article" in text
    assert latest_byline(page) == ["Hafsa Akram"]


def test_a_fellow_cannot_start_an_article_under_someone_elses_name(client, fellow, li_wei, index):
    client.force_login(fellow)
    response = client.post(add_url(index), byline_form(None, [(li_wei, False)]))
    assert response.status_code == 200
    assert "must stay on the byline" in response.content.decode()
    assert not ArticlePage.objects.exists()


def test_a_fellow_cannot_drop_an_author_of_the_published_version(client, fellow, editor, li_wei, index):
    page = create_article(client, fellow, index)
    rows = [(fellow.author_profile, False), (li_wei, False)]
    client.post(edit_url(page), byline_form(page, rows, **{"action-submit": "Submit"}))
    page.refresh_from_db()
    review(client, editor, page, "approve")
    page.refresh_from_db()
    assert page.live and [a.name for a in page.authors] == ["Hafsa Akram", "Li Wei"]

    client.force_login(fellow)
    revisions = page.revisions.count()
    rows = [(fellow.author_profile, False), (li_wei, True)]
    text = refused(client.post(edit_url(page), byline_form(page, rows)), page, revisions)
    assert "Only an editor may remove Dr. Li Wei from the byline of the published article." in text


def test_an_editor_may_change_any_byline(client, fellow, editor, li_wei, index):
    page = create_article(client, fellow, index)
    client.force_login(editor)
    rows = [(fellow.author_profile, True), (li_wei, False)]
    response = client.post(edit_url(page), byline_form(page, rows))
    assert response.status_code == 302, form_errors(response)
    assert latest_byline(page) == ["Li Wei"]


def test_editors_reviewing_see_the_co_authors_the_fellow_added(client, fellow, editor, li_wei, index):
    page = create_article(client, fellow, index)
    rows = [(fellow.author_profile, False), (li_wei, False)]
    client.post(edit_url(page), byline_form(page, rows, **{"action-submit": "Submit"}))
    page.refresh_from_db()
    client.force_login(editor)
    html = client.get("/admin/").content.decode()
    added = re.search(r'class="added-authors">(.*?)</p>', html, re.S).group(1)
    assert "Co-authors added" in added and "<mark>Dr. Li Wei</mark>" in added
    assert "Hafsa Akram" not in added

    # Published, then changed again: the note lists only who is new since the published version.
    review(client, editor, page, "approve")
    sana = AuthorFactory(name="Sana Mirza")
    client.force_login(fellow)
    rows = [(fellow.author_profile, False), (li_wei, False), (sana, False)]
    assert (
        client.post(edit_url(page), byline_form(page, rows, **{"action-submit": "Submit"})).status_code == 302
    )
    client.force_login(editor)
    html = client.get("/admin/").content.decode()
    added = re.search(r'class="added-authors">(.*?)</p>', html, re.S).group(1)
    assert "Sana Mirza" in added and "Li Wei" not in added
    compare = f"/admin/pages/{page.pk}/revisions/compare/live...latest/"
    assert f'href="{compare}"' in html
    assert "Sana Mirza" in client.get(compare).content.decode()
