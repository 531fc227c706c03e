"""Review actions on a slow connection: whatever autosave does around them, an approval publishes
exactly once, a request for changes leaves the article in "changes requested", a submission starts
one review; never a 500, never a stray draft.

Each test runs five articles at once, one per tab of a browser context, with about a second of
latency on every request (Chromium's network emulation), so that the editor's autosave has time
to fire while the action's own request is still on its way.
"""

import threading

from django.conf import settings
from django.core.signals import got_request_exception, request_finished, request_started
from django.test import Client

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from briefings.articles.models import ArticlePage
from briefings.editorial.roles import EDITORS, FELLOWS
from tests.factories import AuthorFactory, make_article, make_user

pytestmark = [
    pytest.mark.browser,
    pytest.mark.long,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TABS = 5
LATENCY_MS = 1000
COMMENT = "Tighten the second paragraph and cite the 2023 pipeline agreement."


class ServerWatch:
    """Counts the live server's requests in progress and the exceptions it raised, so a test can
    wait until every request the browser sent (autosaves included) has been answered."""

    def __init__(self):
        self.lock = threading.Lock()
        self.in_progress = 0
        self.idle = threading.Event()
        self.idle.set()
        self.errors = []

    def started(self, **kwargs):
        with self.lock:
            self.in_progress += 1
            self.idle.clear()

    def finished(self, **kwargs):
        with self.lock:
            self.in_progress -= 1
            if self.in_progress <= 0:
                self.idle.set()

    def failed(self, request=None, **kwargs):
        self.errors.append(request.path if request is not None else "?")

    def wait_until_idle(self):
        assert self.idle.wait(timeout=15), "the server is still answering requests"


@pytest.fixture
def server_watch():
    watch = ServerWatch()
    request_started.connect(watch.started, dispatch_uid="review_race_started")
    request_finished.connect(watch.finished, dispatch_uid="review_race_finished")
    got_request_exception.connect(watch.failed, dispatch_uid="review_race_failed")
    yield watch
    request_started.disconnect(dispatch_uid="review_race_started")
    request_finished.disconnect(dispatch_uid="review_race_finished")
    got_request_exception.disconnect(dispatch_uid="review_race_failed")


@pytest.fixture
def people(index):
    fellow = make_user(FELLOWS, "hafsa", author=AuthorFactory(name="Hafsa Akram"))
    editor = make_user(EDITORS, "erin", first_name="Erin", last_name="Editor")
    return fellow, editor


def articles(index, fellow, *, submitted):
    pages = []
    for number in range(TABS):
        page = make_article(
            index,
            f"Corridor Report {number}",
            live=False,
            authors=[fellow.author_profile],
            owner=fellow,
            countries=["kazakhstan"],
        )
        if submitted:
            page.get_workflow().start(page, fellow)
        pages.append(page)
    return pages


def signed_in_tabs(new_page, live_server, user):
    """``TABS`` tabs of one browser context signed in as ``user`` (a session made server-side)."""
    client = Client()
    client.force_login(user)
    first = new_page()
    context = first.context
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    return [first, *(context.new_page() for _ in range(TABS - 1))]


def open_editors_slowly(tabs, live_server, pages):
    """Open each article's editor (all tabs loading at once), then add the latency."""
    for tab, article in zip(tabs, pages, strict=True):
        tab.goto(f"{live_server.url}/admin/pages/{article.pk}/edit/", wait_until="commit")
    for tab in tabs:
        tab.wait_for_load_state("load")
        expect(tab.locator("[data-edit-form]")).to_be_visible()
        session = tab.context.new_cdp_session(tab)
        session.send("Network.enable")
        session.send(
            "Network.emulateNetworkConditions",
            {"offline": False, "latency": LATENCY_MS, "downloadThroughput": -1, "uploadThroughput": -1},
        )


def edit_a_little(tabs):
    """A change in each form, as an editor makes before acting on it: autosave picks it up."""
    for tab in tabs:
        tab.locator("#id_standfirst").fill("Revised standfirst.")


def choose_action(tabs, action):
    """Open the footer's "More actions" menu and click ``action`` in each tab (not waiting for what follows)."""
    for tab in tabs:
        tab.bring_to_front()  # a background tab's animation frames are throttled: clicks wait on them
        tab.locator("footer").get_by_role("button", name="More actions").click()
        action(tab).click(no_wait_after=True)  # a submission's navigation is awaited later, all at once


def act_with_comment(tabs, label):
    edit_a_little(tabs)
    choose_action(tabs, lambda tab: tab.get_by_role("button", name=label, exact=True))
    for tab in tabs:
        tab.bring_to_front()
        dialog = tab.locator(".modal-dialog")
        dialog.locator("textarea[name=comment]").fill(COMMENT)
        dialog.locator("button[type=submit]").click()


def wait_for_the_listing(tabs, live_server, index, server_watch):
    listing = f"{live_server.url}/admin/pages/{index.pk}/"
    for tab in tabs:
        try:
            # Only the listing's own response matters; its scripts and styles, each a second away,
            # would be fetched over the context's six connections for nothing.
            tab.wait_for_url(listing, timeout=60_000, wait_until="commit")
        except PlaywrightTimeoutError:
            messages = tab.locator(".messages").all_inner_texts()
            pytest.fail(f"A tab stayed at {tab.url} instead of the listing: {messages}")
    for tab in tabs:
        tab.close()
    server_watch.wait_until_idle()
    assert server_watch.errors == []


def fresh(page):
    return ArticlePage.objects.get(pk=page.pk)


def log_count(page, action):
    from wagtail.models import PageLogEntry

    return PageLogEntry.objects.filter(page=page, action=action).count()


def test_approving_with_a_comment_publishes_each_article_once(
    new_page, live_server, index, people, server_watch
):
    fellow, editor = people
    pages = articles(index, fellow, submitted=True)
    tabs = signed_in_tabs(new_page, live_server, editor)
    open_editors_slowly(tabs, live_server, pages)

    act_with_comment(tabs, "Approve with comment and Publish")
    wait_for_the_listing(tabs, live_server, index, server_watch)

    for page in map(fresh, pages):
        assert page.live, page.title
        assert not page.has_unpublished_changes, page.title
        assert page.latest_revision_id == page.live_revision_id, page.title
        assert log_count(page, "wagtail.publish") == 1, page.title
        assert log_count(page, "wagtail.workflow.approve") == 1, page.title
        assert page.standfirst == "Revised standfirst."
        assert page.current_workflow_state is None


def test_requesting_changes_leaves_each_article_in_changes_requested(
    new_page, live_server, index, people, server_watch
):
    from wagtail.models import WorkflowState

    fellow, editor = people
    pages = articles(index, fellow, submitted=True)
    tabs = signed_in_tabs(new_page, live_server, editor)
    open_editors_slowly(tabs, live_server, pages)

    act_with_comment(tabs, "Request changes")
    wait_for_the_listing(tabs, live_server, index, server_watch)

    for page in map(fresh, pages):
        assert not page.live and page.live_revision_id is None, page.title
        assert page.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES, page.title
        assert log_count(page, "wagtail.workflow.reject") == 1, page.title
        assert log_count(page, "wagtail.publish") == 0, page.title


def test_submitting_starts_one_review_per_article(new_page, live_server, index, people, server_watch):
    fellow, _ = people
    pages = articles(index, fellow, submitted=False)
    tabs = signed_in_tabs(new_page, live_server, fellow)
    open_editors_slowly(tabs, live_server, pages)

    edit_a_little(tabs)
    choose_action(tabs, lambda tab: tab.locator("button[name=action-submit]"))
    wait_for_the_listing(tabs, live_server, index, server_watch)

    for page in map(fresh, pages):
        state = page.current_workflow_state
        assert state is not None and state.status == "in_progress", page.title
        assert log_count(page, "wagtail.workflow.start") == 1, page.title
        # Nothing was saved after the submission: the editors review what was submitted.
        assert page.latest_revision_id == state.current_task_state.revision_id, page.title
        assert page.get_latest_revision_as_object().standfirst == "Revised standfirst."
        assert not page.live
