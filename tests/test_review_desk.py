"""The editorial desk never loses an approval: autosave cannot act on a review or save over one,
SQLite holds up to a save and an autosave at once; the fellow sees the editor's request for changes
and her own articles by status, and edits her own author bio and photo (nobody else's)."""

import json
import re

from django.core import mail
from django.urls import reverse

from wagtail.models import PageLogEntry, WorkflowState

import pytest

from briefings.articles.models import ArticlePage, Author
from briefings.editorial.autosave import review_state
from briefings.editorial.desk import desk_for
from tests.factories import AuthorFactory, make_user
from tests.test_workflow import TITLE, add_url, article_form, create_article, edit_url, review, submit

pytestmark = pytest.mark.django_db

COMMENT = "Please cite the 2023 pipeline agreement & shorten the standfirst."
AUTOSAVE = {"Accept": "application/json"}


@pytest.fixture
def submitted(client, fellow, index):
    return submit(client, fellow, create_article(client, fellow, index))


def fresh(page):
    return ArticlePage.objects.get(pk=page.pk)


def log_count(page, action):
    return PageLogEntry.objects.filter(page=page, action=action).count()


def as_loaded(page):
    """The editor's form for ``page`` as the browser holds it, with what Wagtail's editor adds."""
    revision = page.get_latest_revision()
    return {
        **article_form(page),
        "loaded_revision_id": str(revision.pk),
        "loaded_revision_created_at": revision.created_at.isoformat(),
    }


def with_workflow_action(form, action, comment=""):
    """What Wagtail's workflow buttons append to the editor's form before submitting it."""
    return {
        **form,
        "action-workflow-action": "true",
        "workflow-action-name": action,
        "workflow-action-extra-data": json.dumps({"comment": comment}),
    }


# --- Autosave around review actions ------------------------------------------------------------------


def test_the_autosave_that_follows_approve_with_comment_changes_nothing(client, editor, submitted):
    """The request sequence the browser sent on a slow connection: the approval, then an autosave
    of the same form (hidden workflow inputs included), then one of the form as it was loaded."""
    client.force_login(editor)
    form = as_loaded(submitted)
    loaded_state = review_state(submitted)
    approve = with_workflow_action(form, "approve", COMMENT)

    assert client.post(edit_url(submitted), approve).status_code == 302

    late_action = client.post(edit_url(submitted), approve, headers=AUTOSAVE)
    assert late_action.status_code == 400
    assert late_action.json()["success"] is False
    assert "does not submit, review or publish" in late_action.json()["error_message"]

    late_save = client.post(edit_url(submitted), {**form, "review_state": loaded_state}, headers=AUTOSAVE)
    assert late_save.status_code == 409
    assert late_save.json()["error_code"] == "invalid_revision"
    assert "reload the page" in late_save.json()["error_message"]

    page = fresh(submitted)
    assert page.live and not page.has_unpublished_changes
    assert page.latest_revision_id == page.live_revision_id
    assert log_count(page, "wagtail.publish") == 1
    assert log_count(page, "wagtail.workflow.approve") == 1


def test_the_autosave_that_follows_request_changes_changes_nothing(client, editor, submitted):
    client.force_login(editor)
    form = as_loaded(submitted)
    loaded_state = review_state(submitted)
    reject = with_workflow_action(form, "reject", COMMENT)

    assert client.post(edit_url(submitted), reject).status_code == 302
    revisions = submitted.revisions.count()
    assert client.post(edit_url(submitted), reject, headers=AUTOSAVE).status_code == 400
    stale = {**form, "review_state": loaded_state}
    assert client.post(edit_url(submitted), stale, headers=AUTOSAVE).status_code == 409

    page = fresh(submitted)
    assert not page.live
    assert page.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert log_count(page, "wagtail.workflow.reject") == 1
    assert page.revisions.count() == revisions


def test_the_autosave_that_follows_a_submission_changes_nothing(client, fellow, index):
    page = create_article(client, fellow, index)
    form = as_loaded(page)
    loaded_state = review_state(page)
    assert client.post(edit_url(page), {**form, "action-submit": "Submit"}).status_code == 302
    revisions = page.revisions.count()

    late = client.post(edit_url(page), {**form, "review_state": loaded_state}, headers=AUTOSAVE)
    assert late.status_code == 409
    page = fresh(page)
    assert page.revisions.count() == revisions
    assert page.latest_revision_id == page.current_workflow_state.current_task_state.revision_id


def test_autosave_still_saves_while_the_review_stands_still(client, editor, submitted):
    client.force_login(editor)
    form = {**as_loaded(submitted), "title": "Kazakhstan Opens a Wider Energy Corridor"}
    response = client.post(
        edit_url(submitted), {**form, "review_state": review_state(submitted)}, headers=AUTOSAVE
    )
    assert response.status_code == 200, response.content
    assert response.json()["success"] is True
    assert (
        fresh(submitted).get_latest_revision_as_object().title == "Kazakhstan Opens a Wider Energy Corridor"
    )


def test_the_editor_loads_the_guard_with_the_pages_review_state(client, editor, submitted):
    client.force_login(editor)
    html = client.get(edit_url(submitted)).content.decode()
    script = re.search(r'<script src="[^"]*editorial/js/review_guard\.js"[^>]*>', html)
    assert script is not None
    assert f'data-review-state="{review_state(submitted)}"' in script.group(0)
    assert "action-workflow-action" in script.group(0)
    assert re.search(r"</span>\s*In Moderation\s*</h3>", html)  # while the editors have it


def test_review_state_changes_with_each_step_of_the_review(client, fellow, editor, index):
    page = create_article(client, fellow, index)
    states = [review_state(page)]
    submit(client, fellow, page)
    states.append(review_state(page))
    review(client, editor, page, "reject", "More sources.")
    states.append(review_state(page))
    submit(client, fellow, page)
    states.append(review_state(page))
    review(client, editor, page, "approve")
    states.append(review_state(page))
    assert len(set(states)) == len(states)


# --- The editor's request for changes, where the fellow looks -----------------------------------------


def test_the_fellow_sees_the_request_for_changes_on_her_form_and_dashboard(client, fellow, editor, submitted):
    mail.outbox.clear()
    review(client, editor, submitted, "reject", COMMENT)

    [message] = mail.outbox
    assert message.to == [fellow.email]
    assert message.subject.startswith("Changes requested:") and TITLE in message.subject
    assert "rejected" not in message.subject.lower()
    assert COMMENT in message.body and "Erin Editor has requested changes" in message.body
    assert "rejected" not in message.body.lower()

    client.force_login(fellow)
    html = client.get(edit_url(submitted)).content.decode()
    notice = re.search(r'<section[^>]*aria-labelledby="change-request-heading".*?</section>', html, re.S)
    assert notice is not None
    assert "Changes requested by Erin Editor" in notice.group(0)
    assert "Please cite the 2023 pipeline agreement &amp; shorten the standfirst." in notice.group(0)
    assert html.index("change-request-heading") < html.index('id="page-edit-form"')  # above the form
    # The status side panel names the state as she should read it, no longer "In Moderation".
    assert re.search(r"</span>\s*Changes requested\s*</h3>", html)
    assert not re.search(r"</span>\s*In Moderation\s*</h3>", html)

    dashboard = client.get("/admin/").content.decode()
    group = desk_group(dashboard, "changes_requested")
    assert f'href="{edit_url(submitted)}"' in group
    assert "Erin Editor" in group and "&amp; shorten the standfirst" in group

    # Once she resubmits, the request is behind her.
    client.post(edit_url(submitted), article_form(submitted, **{"action-submit": "Resubmit"}))
    assert "change-request-heading" not in client.get(edit_url(submitted)).content.decode()
    assert f'href="{edit_url(submitted)}"' in desk_group(client.get("/admin/").content.decode(), "in_review")


# --- The fellows' desk --------------------------------------------------------------------------------------


def desk_group(html, key):
    match = re.search(rf'<section[^>]*data-desk-group="{key}".*?</section>', html, re.S)
    return match.group(0) if match else ""


def written_and_submitted(client, user, index, title):
    page = create_article(client, user, index, title=title)
    response = client.post(edit_url(page), article_form(page, title=title, **{"action-submit": "Submit"}))
    assert response.status_code == 302
    return fresh(page)


def test_the_dashboard_lists_her_articles_by_review_status(
    client, fellow, other_fellow, editor, index, django_assert_max_num_queries
):
    draft = create_article(client, fellow, index, title="Draft on Uzbek Water")
    in_review = written_and_submitted(client, fellow, index, "Kazakh Grain Exports")
    sent_back = written_and_submitted(client, fellow, index, "Port of Gwadar")
    review(client, editor, sent_back, "reject", "Add the 2015 agreement.")
    published = written_and_submitted(client, fellow, index, "Digital Silk Road")
    review(client, editor, published, "approve")
    theirs = create_article(client, other_fellow, index, title="Omar on Tajik Dams")

    client.force_login(fellow)
    html = client.get("/admin/").content.decode()
    assert "My articles" in html
    assert f'href="{add_url(index)}"' in html and "Write new analysis" in html
    expected = {
        "drafts": draft,
        "in_review": in_review,
        "changes_requested": sent_back,
        "published": published,
    }
    for key, page in expected.items():
        group = desk_group(html, key)
        assert f'href="{edit_url(page)}"' in group, key
        assert page.title in group, key
        for other in expected.values():
            if other != page:
                assert f'href="{edit_url(other)}"' not in group, (key, other.title)
    assert "Add the 2015 agreement." in desk_group(html, "changes_requested")
    assert "Published" in desk_group(html, "published")
    assert f'href="{edit_url(theirs)}"' not in html
    assert client.get(add_url(index)).status_code == 200
    with django_assert_max_num_queries(5):  # however many articles she has
        desk = desk_for(fellow)
        assert [item.title for item in desk.groups["published"]] == [published.title]

    # Editors without an author profile have no desk.
    client.force_login(editor)
    assert 'id="fellows-desk"' not in client.get("/admin/").content.decode()


def profile_url():
    return reverse("editorial_author_profile")


def test_the_fellow_edits_her_own_bio_and_photo_and_nothing_else(client, fellow):
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    photo = Image.objects.create(title="Portrait", file=get_test_image_file())
    mine = fellow.author_profile
    client.force_login(fellow)
    assert client.get(profile_url()).status_code == 200

    # A forged request also sends the fields she may not change (and someone else's id): ignored.
    someone = AuthorFactory(name="Li Wei", bio="Economist.")
    response = client.post(
        profile_url(),
        {
            "bio": "Hafsa writes on Central Asian energy.",
            "photo": str(photo.pk),
            "name": "Someone Else",
            "affiliation": "Elsewhere",
            "user": "",
            "id": str(someone.pk),
            "pk": str(someone.pk),
        },
    )
    assert response.status_code == 302
    mine.refresh_from_db()
    someone.refresh_from_db()
    assert (mine.bio, mine.photo_id) == ("Hafsa writes on Central Asian energy.", photo.pk)
    assert (mine.name, mine.affiliation, mine.user_id) == ("Hafsa Akram", "PRCCSF, Islamabad", fellow.pk)
    assert someone.bio == "Economist."


def test_the_fellow_cannot_edit_another_authors_profile(client, fellow):
    someone = AuthorFactory(name="Li Wei", bio="Economist.")
    client.force_login(fellow)
    for author in (someone, fellow.author_profile):  # the editors' full form, even for her own
        url = reverse("wagtailsnippets_briefings_author:edit", args=[author.pk])
        assert client.get(url).status_code in (302, 403)
        client.post(url, {"name": "Forged", "bio": "Forged bio.", "slug": author.slug})
        author.refresh_from_db()
        assert author.bio != "Forged bio." and author.name != "Forged"


def test_an_account_without_an_author_profile_has_no_profile_to_edit(client, editor):
    """Refused (Wagtail turns the refusal into a redirect to the dashboard, with a message)."""
    client.force_login(editor)
    for response in (client.get(profile_url()), client.post(profile_url(), {"bio": "Nobody's bio."})):
        assert response.status_code in (302, 403)
        assert response.get("Location") in (None, "/admin/")
    assert not Author.objects.filter(bio="Nobody's bio.").exists()


def test_editors_edit_every_authors_bio(client, editor):
    someone = AuthorFactory(name="Li Wei", bio="Economist.")
    client.force_login(editor)
    url = reverse("wagtailsnippets_briefings_author:edit", args=[someone.pk])
    assert client.get(url).status_code == 200


def test_a_fellow_without_the_admin_cannot_reach_the_profile(client, db):
    user = make_user(None, "reader", author=AuthorFactory(name="A Reader"))
    client.force_login(user)
    response = client.get(profile_url())
    assert response.status_code in (302, 403)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_autosave_that_arrives_while_a_submission_is_being_saved_waits_for_it_and_saves_nothing(
    fellow, index
):
    """The race the browser test runs into now and then: the autosave's check must not run while
    another request of the same page is still saving (``editorial.middleware``)."""
    import threading
    import time

    from django.db import connections, transaction
    from django.test import Client

    from wagtail.models import Page

    client = Client()
    client.force_login(fellow)
    page = create_article(client, fellow, index)
    form, loaded_state = as_loaded(page), review_state(page)
    revisions = page.revisions.count()
    holding = threading.Event()

    def submission():  # as the submission's request does: the page locked, saved, committed
        try:
            with transaction.atomic():
                list(Page.objects.select_for_update().filter(pk=page.pk))
                holding.set()
                time.sleep(0.5)
                article = ArticlePage.objects.get(pk=page.pk)
                article.get_workflow().start(article, fellow)
        finally:
            connections.close_all()

    thread = threading.Thread(target=submission)
    thread.start()
    assert holding.wait(10)
    late = client.post(edit_url(page), {**form, "review_state": loaded_state}, headers=AUTOSAVE)
    thread.join(10)

    assert late.status_code == 409
    page = fresh(page)
    assert page.revisions.count() == revisions
    assert page.latest_revision_id == page.current_workflow_state.current_task_state.revision_id
