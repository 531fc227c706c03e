"""The Django side of scripts/check-upgrade.sh: fill a site with the old code, verify it with the new.

Run from the root of the code to use (its manage.py folder), with DATABASE_URL and
DJANGO_SETTINGS_MODULE set:

    python /path/to/upgrade_site.py fill FACTS     old code: sample content plus what a live site
                                                   accumulates; writes facts for ``verify`` to FACTS
    python /path/to/upgrade_site.py verify FACTS   new code: checks, migrations, revisions, workflow
                                                   and reader/admin pages on the upgraded database

Models are looked up by class name, not import path, so the script does not depend on which app
a model lives in.
"""

import datetime
import io
import json
import os
import sys

FELLOW_EMAIL = "aigerim.seitkali@example.org"  # an author of the sample content, given an account
NEW_FELLOW_EMAIL = "hafsa.akram@example.org"  # a fellow with no article yet
EDITOR_EMAIL = "erin.editor@example.org"
RENAME = ("countries", "kyrgyzstan", "kyrgyz-republic")
FEATURED_TOPIC = ("Country", "kazakhstan")


def setup():
    sys.path.insert(0, os.getcwd())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "briefings.settings.dev")
    import django

    django.setup()
    from django.conf import settings

    # Review notifications are sent on submission: keep them out of the logs.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def model(name):
    from django.apps import apps

    found = [m for m in apps.get_models() if m.__name__ == name]
    if len(found) != 1:
        raise SystemExit(f"expected one model named {name}, found {found}")
    return found[0]


def quiet_command(*args, **options):
    from django.core.management import call_command

    out = io.StringIO()
    call_command(*args, stdout=out, stderr=out, **options)
    return out.getvalue()


# --- Fill (old code) --------------------------------------------------------------------------------


def fill(facts_path):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.utils import timezone

    from wagtail.models import TaskState, WorkflowState

    ArticlePage, ArticleAuthor, Author = model("ArticlePage"), model("ArticleAuthor"), model("Author")
    BriefingIndexPage, Country, Sector = model("BriefingIndexPage"), model("Country"), model("Sector")
    TopicRedirect = model("TopicRedirect")
    User = get_user_model()

    print(quiet_command("load_sample_content").strip())
    admin = User.objects.filter(is_superuser=True).first() or User.objects.create_superuser(
        "admin", "admin@example.com", "briefings-dev"
    )
    articles = list(ArticlePage.objects.live().order_by("path"))
    assert len(articles) >= 8, f"the sample content published {len(articles)} articles"
    index = BriefingIndexPage.objects.order_by("path").first()

    # An edited article, republished: a second live revision.
    page = articles[0].get_latest_revision_as_object()
    page.standfirst = (page.standfirst + " Updated with the latest freight figures.").strip()
    page.save_revision(user=admin, log_action=True).publish(user=admin)

    # A live article with a draft on top (new title and one more sector, only in the revision).
    draft = articles[1].get_latest_revision_as_object()
    draft.title += " (revised)"
    draft.sectors.set([*draft.sectors.all(), Sector.objects.get(slug="trade")])
    draft.save_revision(user=admin, log_action=True)

    # A change scheduled to go live next month on a live article.
    scheduled = articles[2].get_latest_revision_as_object()
    scheduled.go_live_at = timezone.now() + datetime.timedelta(days=30)
    scheduled.standfirst = "A scheduled update."
    scheduled.save_revision(user=admin, log_action=True).publish(user=admin)

    # An article taken down.
    articles[7].unpublish(user=admin, log_action=True)

    # Accounts: a sample author becomes a fellow, a new fellow, an editor.
    affiliation = Author.objects.get(name="Aigerim Seitkali").affiliation
    print(quiet_command("create_fellow", FELLOW_EMAIL, "Aigerim Seitkali", affiliation=affiliation))
    print(quiet_command("create_fellow", NEW_FELLOW_EMAIL, "Hafsa Akram", affiliation="PRCCSF, Islamabad"))
    fellow, new_fellow = User.objects.get(username=FELLOW_EMAIL), User.objects.get(username=NEW_FELLOW_EMAIL)
    editor = User.objects.create_user(EDITOR_EMAIL, EDITOR_EMAIL, "editor-pass-1", first_name="Erin")
    editor.groups.add(Group.objects.get(name="Editors"))

    # Fellows write and submit: one article approved by the editor, one awaiting review.
    def write(user, title, co_author=None):
        page = ArticlePage(
            title=title,
            slug=title.lower().replace(" ", "-"),
            kind=articles[0].kind,
            standfirst=f"{title}: a fellow's first piece.",
            date=datetime.date(2025, 3, 1),
            body=[("paragraph", f"<p>{title} — the body text, submitted for review.</p>")],
            owner=user,
            live=False,
        )
        authors = [Author.objects.get(user=user), *([co_author] if co_author else [])]
        page.article_authors = [ArticleAuthor(author=a, sort_order=n) for n, a in enumerate(authors)]
        page.countries.set([Country.objects.get(slug="kazakhstan"), Country.objects.get(slug=RENAME[1])])
        page.sectors.set([Sector.objects.get(slug="energy")])
        index.add_child(instance=page)
        page.save_revision(user=user, log_action=True)
        return page

    approved = write(fellow, "Caspian Ports After the Middle Corridor Boom")
    workflow = approved.get_workflow()
    assert workflow is not None and workflow.name == "Editorial review", workflow
    state = workflow.start(approved, fellow)
    state.current_task_state.approve(user=editor, comment="Good to go.")
    approved.refresh_from_db()
    assert approved.live, "the approved article was not published"

    pending = write(new_fellow, "Solar Parks on the Steppe", co_author=Author.objects.get(user=fellow))
    pending.get_workflow().start(pending, new_fellow)
    pending.refresh_from_db()
    assert pending.workflow_in_progress, "the submitted article is not in review"
    assert TaskState.objects.filter(status=TaskState.STATUS_IN_PROGRESS).count() == 1
    assert WorkflowState.objects.filter(status=WorkflowState.STATUS_APPROVED).count() == 1

    # Editors feature articles on topics.
    topic = model(FEATURED_TOPIC[0]).objects.get(slug=FEATURED_TOPIC[1])
    topic.featured_1, topic.featured_2 = articles[0], approved
    topic.save()
    energy = Sector.objects.get(slug="energy")
    energy.featured_1 = articles[6]
    energy.save()

    # A topic renamed: its old hub address is remembered.
    renamed = Country.objects.get(slug=RENAME[1])
    renamed.slug = RENAME[2]
    renamed.save()
    assert TopicRedirect.objects.filter(old_slug=RENAME[1], new_slug=RENAME[2]).exists()

    facts = {
        "article_url": articles[0].url,
        "draft_page_id": articles[1].pk,
        "unpublished_page_id": articles[7].pk,
        "approved_page_id": approved.pk,
        "pending_page_id": pending.pk,
        "pending_url": pending.url,
        "editor": EDITOR_EMAIL,
        "fellow": FELLOW_EMAIL,
        "renamed": RENAME,
        "featured": [topic.vocabulary, topic.slug, articles[0].pk],
    }
    with open(facts_path, "w", encoding="utf-8") as handle:
        json.dump(facts, handle, indent=2)
    print(f"filled: {json.dumps(facts)}")


# --- Verify (new code) ------------------------------------------------------------------------------


def verify(facts_path):
    with open(facts_path, encoding="utf-8") as handle:
        facts = json.load(handle)
    problems = []
    for check in (check_project, check_content_types, check_revisions, check_workflow, check_pages):
        try:
            check(facts, problems)
        except Exception as error:  # noqa: BLE001 - one broken check must not hide the others
            problems.append(f"{check.__name__}: {type(error).__name__}: {error}")
    if problems:
        print("\nVERIFY FAILED:")
        for problem in problems:
            print(f"  {problem}")
        sys.exit(1)
    print("verify: ok")


def check_project(facts, problems):
    """Django's checks, and the migrations: the models match them and the history is consistent."""
    from django.core.management import call_command

    call_command("check", fail_level="WARNING")
    try:
        call_command("makemigrations", check=True, dry_run=True)
    except SystemExit:
        problems.append("makemigrations --check: the models differ from the migrations")
    print("check, makemigrations --check: done")


def check_content_types(facts, problems):
    """Every content type that content points at belongs to a model of the new code. (Permissions
    of a stale content type are harmless: Django keeps them until remove_stale_contenttypes.)"""
    from django.apps import apps
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType

    used = set()
    for candidate in apps.get_models():
        if candidate is Permission:
            continue
        for field in candidate._meta.concrete_fields:
            if field.is_relation and field.related_model is ContentType:
                used.update(
                    candidate._base_manager.exclude(**{field.attname: None})
                    .values_list(field.attname, flat=True)
                    .distinct()
                )
    for content_type in ContentType.objects.filter(pk__in=used).order_by("app_label", "model"):
        if content_type.model_class() is None:
            problems.append(
                f"content type {content_type.app_label}.{content_type.model} is used by rows but has no model"
            )
    print(f"{len(used)} content types in use")


def check_revisions(facts, problems):
    """Every page opens as its specific model; every revision loads and keeps all it stored."""
    from wagtail.models import Page, Revision

    for page in Page.objects.order_by("path"):
        if page.depth > 1 and page.specific_class in (None, Page):
            problems.append(f"page {page.pk} ({page.url_path}): no specific model")
    loaded = 0
    for revision in Revision.objects.order_by("pk"):
        try:
            data = revision.as_object().serializable_data()
        except Exception as error:  # noqa: BLE001 - reported, then the next revision
            problems.append(f"revision {revision.pk}: does not load: {type(error).__name__}: {error}")
            continue
        lost = sorted(set(revision.content) - set(data))
        if lost:
            problems.append(f"revision {revision.pk}: the model no longer has {', '.join(lost)}")
        for key, value in revision.content.items():
            if isinstance(value, list) and isinstance(data.get(key), list) and len(value) != len(data[key]):
                problems.append(
                    f"revision {revision.pk}: {key} loads {len(data[key])} rows, stored {len(value)}"
                )
        loaded += 1
    print(f"{loaded} revisions loaded")


def check_workflow(facts, problems):
    """The pending article is still in review at its task; the draft is still a draft."""
    from wagtail.models import Page, TaskState, WorkflowState

    pending = Page.objects.get(pk=facts["pending_page_id"]).specific
    task_state = pending.current_workflow_task_state
    if not pending.workflow_in_progress or task_state is None:
        problems.append("the submitted article is no longer in review")
    elif task_state.status != TaskState.STATUS_IN_PROGRESS:
        problems.append(f"the submitted article's review task is {task_state.status}")
    elif task_state.revision.object_id != str(pending.pk):
        problems.append("the submitted article's review task is on another object's revision")
    for state in WorkflowState.objects.all():
        if state.content_object is None:
            problems.append(f"workflow state {state.pk}: its page is not found")
    if not Page.objects.get(pk=facts["draft_page_id"]).has_unpublished_changes:
        problems.append("the article with a draft lost its draft")
    if Page.objects.get(pk=facts["unpublished_page_id"]).live:
        problems.append("the unpublished article is live again")
    print("workflow and drafts: done")


def check_pages(facts, problems):
    """Readers and editors: the pages answer (the renamed topic's old hub with a 301)."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    from wagtail.models import Page

    client = Client()
    vocabulary, old_slug, new_slug = facts["renamed"]
    featured_vocabulary, featured_slug, featured_id = facts["featured"]
    reader_pages = {
        "/": 200,
        "/briefings/": 200,
        facts["article_url"]: 200,
        "/topics/countries/kazakhstan/": 200,
        f"/topics/{vocabulary}/{new_slug}/": 200,
        f"/topics/{vocabulary}/{old_slug}/": 301,
        facts["pending_url"]: 404,
        "/search/?q=Kazakhstan": 200,
        "/api/v2/pages/?type=briefings.ArticlePage": 200,
        "/feed/": 200,
    }
    admin_pages = {
        "/admin/": 200,
        f"/admin/pages/{facts['pending_page_id']}/edit/": 200,
        f"/admin/pages/{facts['draft_page_id']}/edit/": 200,
        f"/admin/pages/{facts['pending_page_id']}/history/": 200,
    }

    def fetch(path, status):
        try:
            response = client.get(path)
        except Exception as error:  # noqa: BLE001 - reported with the path
            problems.append(f"GET {path}: {type(error).__name__}: {error}")
            return ""
        print(f"  GET {path} {response.status_code}")
        if response.status_code != status:
            problems.append(f"GET {path}: {response.status_code}, expected {status}")
        if status == 301 and not response.headers.get("Location", "").endswith(f"/{new_slug}/"):
            problems.append(f"GET {path} redirects to {response.headers.get('Location')!r}")
        return response.content.decode() if status == 200 else ""

    for path, status in reader_pages.items():
        fetch(path, status)
    hub = fetch(f"/topics/{featured_vocabulary}/{featured_slug}/", 200)
    if Page.objects.get(pk=featured_id).title.split(":")[0] not in hub:
        problems.append(f"the featured article {featured_id} is not on its topic's hub")
    client.force_login(get_user_model().objects.get(username=facts["editor"]))
    for path, status in admin_pages.items():
        fetch(path, status)
    pending_title = Page.objects.get(pk=facts["pending_page_id"]).title
    if pending_title not in fetch("/admin/", 200):
        problems.append("the editor's dashboard does not list the article awaiting review")


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("fill", "verify"):
        sys.exit(__doc__)
    setup()
    {"fill": fill, "verify": verify}[sys.argv[1]](sys.argv[2])
