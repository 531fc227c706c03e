"""Drafts stay private between fellows: one fellow's unpublished article is seen in the admin by
her, the editors and superusers, never by another fellow (briefings.editorial.privacy)."""

from django.contrib.auth import get_user_model
from django.urls import reverse

import pytest

from briefings.editorial.roles import EDITORS, FELLOWS
from tests.factories import AuthorFactory, make_article, make_user
from tests.test_workflow import create_article

pytestmark = pytest.mark.django_db

SECRET = "Secret draft of A"
# Live, and found by the same searches: proof that each surface does list pages, and leaves out
# only the draft.
LIVE = "Secret Diplomacy of the SCO in Astana"


@pytest.fixture
def fellow_a(index):
    return make_user(FELLOWS, "fellow_a", author=AuthorFactory(name="Amina Aziz"))


@pytest.fixture
def fellow_b(index):
    return make_user(FELLOWS, "fellow_b", author=AuthorFactory(name="Bilal Baig"))


@pytest.fixture
def editor(index):
    return make_user(EDITORS, "editor")


@pytest.fixture
def draft(client, fellow_a, index):
    """Fellow A's draft, written in the admin (so site history has its creation), and a live article."""
    page = create_article(client, fellow_a, index, title=SECRET)
    make_article(index, LIVE, owner=fellow_a)
    client.logout()
    return page


def listings(index):
    """Every admin surface that lists pages by title, and whether it lists the live article too."""
    return {
        "explorer listing": (f"/admin/pages/{index.pk}/", True),
        "explorer search": (f"/admin/pages/{index.pk}/?q=Secret", True),
        "admin page search": ("/admin/pages/search/?q=Secret", True),
        "page chooser": (f"/admin/choose-page/{index.pk}/", True),
        "page chooser search": ("/admin/choose-page/search/?q=Secret", True),
        "admin API children": (f"/admin/api/main/pages/?child_of={index.pk}", True),
        "admin API for the explorer": (f"/admin/api/main/pages/?child_of={index.pk}&for_explorer=1", True),
        "admin API search": ("/admin/api/main/pages/?search=Secret", True),
        "site history": ("/admin/reports/site-history/", False),
    }


def test_another_fellows_draft_is_listed_nowhere_in_a_fellows_admin(client, draft, fellow_b, index):
    client.force_login(fellow_b)
    for name, (url, lists_live) in listings(index).items():
        response = client.get(url)
        assert response.status_code == 200, name
        html = response.content.decode()
        assert SECRET not in html, name
        if lists_live:
            assert LIVE in html, name
    assert SECRET not in client.get("/admin/").content.decode()


@pytest.mark.parametrize("who", ["writer", "editor", "superuser"])
def test_the_draft_is_listed_for_its_writer_editors_and_superusers(
    client, draft, fellow_a, editor, index, who
):
    user = {
        "writer": fellow_a,
        "editor": editor,
        "superuser": get_user_model().objects.create_superuser("admin", "admin@example.com", "pw"),
    }[who]
    client.force_login(user)
    for name, (url, _) in listings(index).items():
        response = client.get(url)
        assert response.status_code == 200, name
        assert SECRET in response.content.decode(), name


def test_a_fellow_cannot_open_another_fellows_draft_by_its_address(client, draft, fellow_b):
    client.force_login(fellow_b)
    refused = [
        reverse("wagtailadmin_pages:edit", args=[draft.pk]),
        reverse("wagtailadmin_pages:history", args=[draft.pk]),
        reverse("wagtailadmin_pages:workflow_history", args=[draft.pk]),
        reverse("wagtailadmin_pages:revisions_index", args=[draft.pk]),
        reverse("wagtailadmin_pages:view_draft", args=[draft.pk]),
        reverse("wagtailadmin_pages:usage", args=[draft.pk]),
    ]
    for url in refused:
        assert client.get(url).status_code in (302, 403), url
        assert SECRET not in client.get(url, follow=True).content.decode(), url
    not_found = [
        reverse("wagtailadmin_explore", args=[draft.pk]),  # its title would be the heading
        reverse("wagtailadmin_explore_results", args=[draft.pk]),
        reverse("wagtailadmin_choose_page_child", args=[draft.pk]),
        f"/admin/api/main/pages/{draft.pk}/",
        f"/admin/api/main/pages/?child_of={draft.pk}&for_explorer=1",
    ]
    for url in not_found:
        response = client.get(url)
        assert response.status_code in (400, 404), url
        assert SECRET not in response.content.decode(), url


def test_once_published_the_article_is_listed_but_its_drafting_history_stays_private(
    client, draft, fellow_a, fellow_b, index
):
    draft.title = "Kazakhstan and the SCO"
    draft.save_revision().publish()
    client.force_login(fellow_b)
    explorer = client.get(f"/admin/pages/{index.pk}/").content.decode()
    assert "Kazakhstan and the SCO" in explorer and SECRET not in explorer
    assert SECRET not in client.get("/admin/reports/site-history/").content.decode()
    export = client.get("/admin/reports/site-history/?export=csv")
    assert SECRET not in b"".join(export.streaming_content).decode()
    assert client.get(reverse("wagtailadmin_pages:history", args=[draft.pk])).status_code in (302, 403)

    client.force_login(fellow_a)
    assert SECRET in client.get("/admin/reports/site-history/").content.decode()
