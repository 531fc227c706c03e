"""Editorial workflow: fellows write and submit, editors review, approve or ask for changes."""

import datetime
import io
import re

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.urls import reverse
from django.utils import timezone

from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    PageLogEntry,
    Revision,
    Task,
    Workflow,
    WorkflowPage,
    WorkflowState,
)
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

import feedparser
import pytest

from briefings.articles.models import ArticlePage, Author
from briefings.editorial.roles import EDITORS, FELLOWS, REVIEW_TASK, WORKFLOW, ensure_editorial_setup
from taxonomy.models import Country, Sector
from tests.factories import AuthorFactory, make_article, make_user

pytestmark = pytest.mark.django_db

TITLE = "Kazakhstan Opens a New Energy Corridor"
BODY = (
    "<p>Kazakhstan and China signed agreements on oil and gas pipelines in Astana.</p>",
    "<p>The Belt and Road Initiative finances the <b>railway</b> to the Caspian ports.</p>",
)


def add_url(index):
    return f"/admin/pages/add/briefings/articlepage/{index.pk}/"


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def article_form(page=None, *, title=TITLE, authors=(), countries="Kazakhstan", **fields):
    """The article editor's POST data. For an existing ``page`` its byline rows are sent back as
    they are (the editor would), and ``authors`` are added after them."""
    rows, initial = [], 0
    if page is not None:
        links = page.get_latest_revision_as_object().article_authors.all()
        rows = [{"id": str(link.pk), "author": str(link.author_id)} for link in links]
        initial = len(rows)
    rows += [{"id": "", "author": str(author.pk)} for author in authors]
    data = {
        "title": title,
        "slug": re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-"),
        "kind": "analysis",
        "standfirst": "How a pipeline deal reshapes Central Asian energy transit.",
        "date": "2024-09-03",
        "source_name": "",
        "source_url": "",
        "article_authors": inline_formset(rows, initial=initial),
        "body": streamfield([("paragraph", rich_text(html)) for html in BODY]),
        "lead_image": "",
        "countries": countries,
        "initiatives": '"Belt and Road Initiative"',
        "sectors": "Energy",
        "seo_title": "",
        "search_description": "",
        "go_live_at": "",
        "expire_at": "",
    }
    data.update(fields)
    return nested_form_data(data)


def form_errors(response):
    html = response.content.decode()
    return re.findall(r'class="error-message"[^>]*>(.*?)</', html, re.S) or html[-3000:]


def create_article(client, user, index, **fields):
    """``user`` writes an article in the admin and saves it as a draft."""
    client.force_login(user)
    response = client.post(add_url(index), article_form(authors=[user.author_profile], **fields))
    assert response.status_code == 302, form_errors(response)
    return ArticlePage.objects.get(title=fields.get("title", TITLE))


def submit(client, user, page):
    client.force_login(user)
    response = client.post(edit_url(page), article_form(page, **{"action-submit": "Submit"}))
    assert response.status_code == 302
    page.refresh_from_db()
    return page


def review(client, user, page, action, comment=""):
    """``user`` approves or rejects the article's current review task from its workflow action URL."""
    client.force_login(user)
    task_state = page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])
    response = client.post(url, {"comment": comment})
    assert response.status_code == 302
    page.refresh_from_db()
    return page


@pytest.fixture
def submitted(client, fellow, index):
    page = create_article(client, fellow, index)
    return submit(client, fellow, page)


def log_users(page, action):
    return [entry.user for entry in PageLogEntry.objects.filter(page=page, action=action)]


# --- Roles -----------------------------------------------------------------------------------------


def test_migrations_create_both_roles_before_any_page_exists():
    fellows, editors = Group.objects.get(name=FELLOWS), Group.objects.get(name=EDITORS)
    fellow_perms = {f"{p.content_type.app_label}.{p.codename}" for p in fellows.permissions.all()}
    editor_perms = {f"{p.content_type.app_label}.{p.codename}" for p in editors.permissions.all()}
    assert fellow_perms == {"wagtailadmin.access_admin"}
    assert {"wagtailadmin.access_admin", "briefings.change_author", "taxonomy.add_country"} <= editor_perms
    assert {"taxonomy.change_initiative", "taxonomy.delete_sector", "taxonomy.change_region"} <= editor_perms
    fellow_uploads = {p.permission.codename for p in fellows.collection_permissions.all()}
    assert fellow_uploads == {"add_image", "choose_image", "add_document", "choose_document"}
    assert {"change_image", "delete_document"} <= {
        p.permission.codename for p in editors.collection_permissions.all()
    }


def test_site_tree_grants_page_permissions_on_the_index_and_assigns_the_workflow(index):
    ensure_editorial_setup()  # a second run changes nothing
    on_index = GroupPagePermission.objects.filter(page=index)
    assert sorted(on_index.filter(group__name=FELLOWS).values_list("permission__codename", flat=True)) == [
        "add_page"
    ]
    assert set(on_index.filter(group__name=EDITORS).values_list("permission__codename", flat=True)) == {
        "add_page",
        "change_page",
        "publish_page",
        "lock_page",
        "unlock_page",
    }
    workflow = WorkflowPage.objects.get(page=index).workflow
    assert workflow.name == WORKFLOW
    [task] = [task.specific for task in workflow.tasks]
    assert [group.name for group in task.groups.all()] == [EDITORS]


def test_migration_also_sets_up_an_existing_page_tree(index):
    """On a database that already has the index, the data migration (historical models) grants the
    page permissions and assigns a working review workflow."""
    WorkflowPage.objects.filter(page=index).delete()
    Workflow.objects.filter(name=WORKFLOW).delete()
    Task.objects.filter(name=REVIEW_TASK).delete()
    GroupPagePermission.objects.filter(page=index).delete()
    historical = MigrationLoader(connection).project_state(("briefings", "0003_editorial_roles")).apps

    ensure_editorial_setup(historical)

    assert GroupPagePermission.objects.filter(page=index, group__name=FELLOWS).count() == 1
    assert GroupPagePermission.objects.filter(page=index, group__name=EDITORS).count() == 5
    task = index.get_workflow().tasks.get().specific
    assert isinstance(task, GroupApprovalTask)
    assert [group.name for group in task.groups.all()] == [EDITORS]


# --- Writing and submitting ----------------------------------------------------------------------


def test_a_new_article_starts_with_its_writer_as_author(client, fellow, index):
    client.force_login(fellow)
    html = client.get(add_url(index)).content.decode()
    assert 'name="article_authors-TOTAL_FORMS" value="1"' in html
    assert re.search(rf'name="article_authors-0-author"[^>]*value="{fellow.author_profile.pk}"', html)

    page = create_article(client, fellow, index)
    assert page.owner == fellow
    assert page.get_latest_revision_as_object().authors == [fellow.author_profile]


def test_fellow_can_upload_media_and_choose_co_authors(client, fellow):
    client.force_login(fellow)
    assert client.get("/admin/images/multiple/add/").status_code == 200
    assert client.get("/admin/documents/multiple/add/").status_code == 200
    AuthorFactory(name="Li Wei")
    chooser = client.get(reverse("wagtailsnippetchoosers_briefings_author:choose"))
    assert chooser.status_code == 200 and "Li Wei" in chooser.json()["html"]


def test_fellow_cannot_publish_and_a_forged_publish_only_saves_a_draft(client, fellow, index):
    page = create_article(client, fellow, index)
    html = client.get(edit_url(page)).content.decode()
    assert 'name="action-submit"' in html
    assert 'name="action-publish"' not in html

    revisions = page.revisions.count()
    response = client.post(edit_url(page), article_form(page, **{"action-publish": "Publish"}))
    assert response.status_code == 302
    page.refresh_from_db()
    assert not page.live and page.live_revision is None
    assert page.revisions.count() == revisions + 1  # saved as a draft, nothing more
    client.logout()
    assert client.get("/briefings/kazakhstan-opens-a-new-energy-corridor/").status_code == 404
    assert TITLE not in client.get("/briefings/").content.decode()


def test_submitted_article_stays_hidden_and_editors_are_emailed(client, fellow, editor, index):
    get_user_model().objects.create_superuser("admin", "admin@example.com", "pw")
    page = create_article(client, fellow, index)
    mail.outbox.clear()

    submit(client, fellow, page)

    assert page.workflow_in_progress
    assert page.current_workflow_task.name == "Editors' review"
    assert [message.to for message in mail.outbox] == [[editor.email]]  # not the fellow, not admin
    assert TITLE in mail.outbox[0].subject
    client.logout()
    assert client.get(page.url).status_code == 404
    assert TITLE not in client.get("/briefings/").content.decode()
    assert TITLE not in client.get("/topics/countries/kazakhstan/").content.decode()


def test_fellow_cannot_change_an_article_under_review(client, fellow, submitted):
    revisions = submitted.revisions.count()
    response = client.post(edit_url(submitted), article_form(submitted, title="Sneaky Retitle"))
    assert response.status_code in (200, 302)
    submitted.refresh_from_db()
    assert submitted.revisions.count() == revisions
    assert submitted.get_latest_revision_as_object().title == TITLE


# --- Reviewing -----------------------------------------------------------------------------------


def test_editor_approves_and_the_article_goes_live_everywhere(client, fellow, editor, submitted):
    mail.outbox.clear()
    page = review(client, editor, submitted, "approve")

    assert page.live and not page.workflow_in_progress
    assert [message.to for message in mail.outbox] == [[fellow.email]]
    assert "approved" in mail.outbox[0].subject
    client.logout()
    article = client.get(page.url)
    assert article.status_code == 200
    assert TITLE in article.content.decode() and "Hafsa Akram" in article.content.decode()
    assert f'href="{page.url}"' in client.get("/briefings/").content.decode()
    assert TITLE in client.get("/topics/countries/kazakhstan/").content.decode()
    assert TITLE in client.get("/topics/initiatives/bri/").content.decode()
    feed = feedparser.parse(client.get("/topics/countries/kazakhstan/feed/").content)
    assert [entry.title for entry in feed.entries] == [TITLE]


def test_history_records_who_created_submitted_approved_and_published(client, fellow, editor, submitted):
    review(client, editor, submitted, "approve")

    assert log_users(submitted, "wagtail.create") == [fellow]
    assert log_users(submitted, "wagtail.workflow.start") == [fellow]
    assert log_users(submitted, "wagtail.workflow.approve") == [editor]
    assert log_users(submitted, "wagtail.publish") == [editor]
    # Every save is a revision: the first draft, then the submitted version, which went live.
    assert submitted.revisions.count() == 2
    assert submitted.live_revision.user == fellow
    client.force_login(fellow)
    history = client.get(reverse("wagtailadmin_pages:history", args=[submitted.pk])).content.decode()
    assert "Approved" in history and "Erin Editor" in history


def test_editor_requests_changes_and_the_fellow_sees_the_comment(client, fellow, editor, submitted):
    mail.outbox.clear()
    comment = "Please cite the 2023 pipeline agreement and shorten the standfirst."
    page = review(client, editor, submitted, "reject", comment)

    assert not page.live and page.live_revision is None
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert [message.to for message in mail.outbox] == [[fellow.email]]
    assert comment in mail.outbox[0].body
    [entry] = PageLogEntry.objects.filter(page=page, action="wagtail.workflow.reject")
    assert entry.user == editor and entry.data["comment"] == comment

    client.force_login(fellow)
    editor_view = client.get(edit_url(page))
    assert editor_view.status_code == 200  # the draft is theirs to change again
    html = editor_view.content.decode()
    assert "Changes requested by Erin Editor" in html and comment in html
    assert 'name="action-submit"' in html and 'name="action-publish"' not in html
    history_url = reverse("wagtailadmin_pages:workflow_history_detail", args=[page.pk, state.pk])
    assert comment in client.get(history_url).content.decode()
    client.logout()
    assert client.get(page.url).status_code == 404


def test_fellow_revises_and_resubmits_after_changes_were_requested(client, fellow, editor, submitted):
    review(client, editor, submitted, "reject", "Add a source.")
    client.force_login(fellow)
    response = client.post(
        edit_url(submitted),
        article_form(submitted, source_name="TN Media News", **{"action-submit": "Resubmit"}),
    )
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.workflow_in_progress
    page = review(client, editor, submitted, "approve")
    assert page.live and page.source_name == "TN Media News"


# --- What a fellow may not do ----------------------------------------------------------------------


def test_fellow_cannot_open_another_fellows_article(client, fellow, other_fellow, index):
    theirs = create_article(client, other_fellow, index, title="Omar on Uzbek Water")
    imported = make_article(index, "Imported and Live", countries=["kazakhstan"])
    client.force_login(fellow)
    for page in (theirs, imported):
        response = client.get(edit_url(page))
        assert response.status_code in (302, 403)
        assert response.get("Location") != edit_url(page)
    revisions = theirs.revisions.count()
    client.post(edit_url(theirs), article_form(theirs, title="Overwritten"))
    assert theirs.revisions.count() == revisions


def test_fellow_cannot_delete_even_their_own_draft(client, fellow, index):
    page = create_article(client, fellow, index)
    client.force_login(fellow)
    delete_url = reverse("wagtailadmin_pages:delete", args=[page.pk])
    assert delete_url not in client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert (
        reverse("wagtailadmin_pages:move", args=[page.pk])
        not in client.get(reverse("wagtailadmin_explore", args=[index.pk])).content.decode()
    )
    response = client.post(delete_url)
    assert response.status_code in (302, 403)
    client.post(f"/admin/bulk/wagtailcore/page/delete/?id={page.pk}", follow=True)
    assert ArticlePage.objects.filter(pk=page.pk).exists()


def test_fellow_cannot_touch_vocabularies_or_accounts(client, fellow):
    client.force_login(fellow)
    kazakhstan = reverse("wagtailsnippets_taxonomy_country:edit", args=[Country.objects.get(alpha2="KZ").pk])
    for url in (
        "/admin/snippets/taxonomy/country/",
        "/admin/snippets/taxonomy/country/add/",
        kazakhstan,
        "/admin/snippets/taxonomy/sector/add/",
        "/admin/snippets/briefings/author/add/",
        "/admin/users/",
        "/admin/groups/",
    ):
        response = client.get(url)
        assert response.status_code in (302, 403), url
    client.post("/admin/snippets/taxonomy/sector/add/", {"name": "Mining", "slug": "mining"})
    assert not Sector.objects.filter(slug="mining").exists()


def test_editor_manages_vocabularies_and_authors_but_not_accounts(client, editor):
    client.force_login(editor)
    assert client.get("/admin/snippets/taxonomy/country/add/").status_code == 200
    assert client.get("/admin/snippets/briefings/author/add/").status_code == 200
    assert client.get("/admin/users/").status_code in (302, 403)


def test_drafts_and_previews_are_not_reachable_by_readers(client, fellow, submitted):
    client.logout()
    for admin_url in (
        reverse("wagtailadmin_pages:view_draft", args=[submitted.pk]),
        reverse("wagtailadmin_pages:preview_on_edit", args=[submitted.pk]),
        reverse("wagtailadmin_pages:edit", args=[submitted.pk]),
    ):
        response = client.get(admin_url)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")
    assert client.get(submitted.url).status_code == 404
    assert client.get(f"/briefings/{submitted.slug}/").status_code == 404


# --- Scheduling ----------------------------------------------------------------------------------


def test_an_approved_article_scheduled_for_later_goes_live_when_its_time_comes(
    client, fellow, editor, submitted
):
    # The editor sets a publication time during review, then approves.
    client.force_login(editor)
    go_live = (timezone.now() + datetime.timedelta(days=2)).strftime("%Y-%m-%d %H:%M")
    response = client.post(edit_url(submitted), article_form(submitted, go_live_at=go_live))
    assert response.status_code == 302
    page = review(client, editor, submitted, "approve")

    assert not page.live
    scheduled = Revision.page_revisions.get(object_id=str(page.pk), approved_go_live_at__isnull=False)
    assert log_users(page, "wagtail.publish.schedule") == [editor]
    call_command("publish_scheduled", stdout=io.StringIO())
    page.refresh_from_db()
    assert not page.live  # not before its time
    client.logout()
    assert client.get(page.url).status_code == 404

    # Two days pass: the approved time, and the time in the approved content, are now past.
    past = timezone.now() - datetime.timedelta(minutes=1)
    scheduled.approved_go_live_at = past
    scheduled.content["go_live_at"] = past.isoformat()
    scheduled.save(update_fields=["approved_go_live_at", "content"])
    call_command("publish_scheduled", stdout=io.StringIO())
    page.refresh_from_db()
    assert page.live
    assert client.get(page.url).status_code == 200
    assert TITLE in client.get("/topics/countries/kazakhstan/").content.decode()


# --- The editors' dashboard ----------------------------------------------------------------------


def test_dashboard_lists_submissions_with_suggested_topics_for_editors_only(
    client, fellow, editor, submitted
):
    client.force_login(editor)
    html = client.get("/admin/").content.decode()
    assert "Submissions awaiting editorial review" in html
    assert f'href="{edit_url(submitted)}"' in html
    assert TITLE in html and "Hafsa Akram" in html
    topics = re.search(r'class="suggested-topics">(.*?)</td>', html, re.S).group(1)
    assert "Kazakhstan" in topics and "Belt and Road Initiative" in topics  # names, not codes

    client.force_login(fellow)
    assert "Submissions awaiting editorial review" not in client.get("/admin/").content.decode()

    review(client, editor, submitted, "approve")
    html = client.get("/admin/").content.decode()
    assert "Nothing is waiting for review." in html
    assert f'href="{edit_url(submitted)}"' not in html


def run_create_fellow(*args):
    out = io.StringIO()
    call_command("create_fellow", *args, stdout=out)
    return out.getvalue()


def test_create_fellow_makes_an_account_that_can_sign_in_and_write(client, index):
    output = run_create_fellow(
        "Hafsa.Akram@Example.org", "Hafsa Akram", "--affiliation", "PRCCSF, Islamabad", "--honorific", "Ms."
    )

    user = get_user_model().objects.get(username="hafsa.akram@example.org")
    assert list(user.groups.values_list("name", flat=True)) == [FELLOWS]
    author = user.author_profile
    assert (author.display_name, author.role, author.affiliation) == (
        "Ms. Hafsa Akram",
        "Research Fellow",
        "PRCCSF, Islamabad",
    )
    assert "http://testserver/admin/login/" in output
    password = re.search(r"Password:\s+(\S+)", output).group(1)
    signed_in = client.post("/admin/login/", {"username": "hafsa.akram@example.org", "password": password})
    assert signed_in.status_code == 302, signed_in.content.decode()
    assert client.get("/admin/").status_code == 200
    assert client.get(add_url(index)).status_code == 200


def test_create_fellow_reuses_the_author_with_the_same_name_and_affiliation(db):
    existing = AuthorFactory(name="Hafsa Akram", affiliation="PRCCSF, Islamabad")
    run_create_fellow("hafsa@example.org", "Hafsa Akram", "--affiliation", "PRCCSF, Islamabad")
    existing.refresh_from_db()
    assert existing.user.username == "hafsa@example.org"
    assert Author.objects.filter(name="Hafsa Akram").count() == 1


def test_create_fellow_can_send_a_password_reset_link_instead(client, db):
    output = run_create_fellow("omar@example.org", "Omar Khan", "--reset-link")
    assert "Password:" not in output
    link = re.search(r"http://testserver(/admin/password_reset/confirm/\S+)", output).group(1)
    assert not get_user_model().objects.get(username="omar@example.org").has_usable_password()
    response = client.get(link, follow=True)
    assert 'name="new_password1"' in response.content.decode()


@pytest.mark.parametrize(
    "args, message",
    [
        (["not-an-email", "Hafsa Akram"], "valid email"),
        (["taken@example.org", "Someone Else"], "already exists"),
        (["TAKEN@example.org", "Someone Else"], "already exists"),
    ],
)
def test_create_fellow_refuses_bad_input_and_writes_nothing(db, args, message):
    make_user(None, "taken@example.org", email="taken@example.org")
    users, authors = get_user_model().objects.count(), Author.objects.count()
    with pytest.raises(CommandError, match=message):
        run_create_fellow(*args)
    assert (get_user_model().objects.count(), Author.objects.count()) == (users, authors)
