"""The editorial workflow in a real browser: a fellow writes and submits, an editor approves."""

import re

import pytest
from playwright.sync_api import expect

from briefings.articles.models import ArticlePage
from briefings.editorial.roles import EDITORS, FELLOWS
from tests.factories import AuthorFactory, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TITLE = "Kazakhstan Opens a New Energy Corridor"


def log_in(page, live_server, username):
    page.goto(f"{live_server.url}/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("pw")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server.url}/admin/")


def open_new_article(page, live_server, index):
    """The creation form, once Wagtail watches it for edits.

    Wagtail's ``w-unsaved`` controller takes the form's starting state two seconds after the page
    loads and autosaves what differs from it: what is typed before then counts as the starting
    state, and is not autosaved until something else changes.
    """
    page.add_init_script(
        "document.addEventListener('w-unsaved:watch-edits', () => { window.watchingEdits = true; });"
    )
    page.goto(f"{live_server.url}/admin/pages/add/briefings/articlepage/{index.pk}/")
    page.wait_for_function("() => window.watchingEdits === true")


def write_piece(page):
    """A title, a standfirst and a paragraph in the new article's form."""
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_standfirst").fill("How a pipeline deal reshapes Central Asian energy transit.")
    page.get_by_role("button", name="Insert a block").first.click()
    page.get_by_role("option", name="Paragraph").click()
    page.locator(".public-DraftEditor-content").first.click()
    page.keyboard.type("Kazakhstan and China signed pipeline agreements in Astana.")


@pytest.mark.long
def test_fellow_submits_editor_approves_reader_sees_it(page, new_page, live_server, index):
    make_user(
        FELLOWS, "hafsa", author=AuthorFactory(name="Hafsa Akram"), first_name="Hafsa", last_name="Akram"
    )
    make_user(EDITORS, "erin", first_name="Erin", last_name="Editor")

    # The fellow writes a piece: the byline already names her.
    log_in(page, live_server, "hafsa")
    open_new_article(page, live_server, index)
    expect(page.get_by_role("region", name="Authors", exact=True)).to_contain_text("Hafsa Akram")
    write_piece(page)
    expect(page.locator("#body-0-value")).to_have_value(re.compile("in Astana"))  # Draftail has saved it
    # Wagtail's autosave creates the page, then turns the form (and the address) into its editor;
    # a submission sent meanwhile is held until then (create_guard.js, the next test). Here the
    # piece is submitted once the page exists.
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/"))

    # No way to publish: only saving and submitting for review.
    page.get_by_role("button", name="More actions").click()
    expect(page.locator('button[name="action-publish"]')).to_have_count(0)
    page.locator('button[name="action-submit"]').click()
    expect(page.locator(".messages")).to_contain_text("submitted")
    article = ArticlePage.objects.get(title=TITLE)
    assert article.workflow_in_progress and not article.live
    reader = new_page()
    assert reader.goto(f"{live_server.url}{article.url}").status == 404

    # The editor finds it on the dashboard and approves it.
    editor = new_page()
    log_in(editor, live_server, "erin")
    panel = editor.get_by_role("region", name="Submissions awaiting editorial review")
    expect(panel).to_contain_text(TITLE)
    panel.get_by_role("link", name=TITLE).click()
    editor.wait_for_url(re.compile(rf"/admin/pages/{article.pk}/edit/"))
    editor.get_by_role("button", name="More actions").click()
    editor.get_by_role("button", name="Approve and Publish", exact=True).click()
    editor.wait_for_url(f"{live_server.url}/admin/pages/{index.pk}/")  # back in the listing
    expect(editor.get_by_role("row", name=re.compile(TITLE))).to_contain_text("Current page status: live")
    article.refresh_from_db()
    assert article.live and not article.workflow_in_progress

    # A reader sees it.
    reader.goto(f"{live_server.url}/briefings/")
    reader.get_by_role("link", name=TITLE).click()
    expect(reader.locator("h1")).to_have_text(TITLE)
    expect(reader.locator("body")).to_contain_text("Hafsa Akram")


@pytest.mark.long
def test_a_submission_sent_while_autosave_creates_the_page_submits_it_once(page, live_server, index):
    make_user(FELLOWS, "hafsa", author=AuthorFactory(name="Hafsa Akram"))
    log_in(page, live_server, "hafsa")
    open_new_article(page, live_server, index)
    expect(page.get_by_role("region", name="Authors", exact=True)).to_contain_text("Hafsa Akram")
    # A slow connection: the autosave that creates the page is still on its way when she submits.
    session = page.context.new_cdp_session(page)
    session.send("Network.enable")
    session.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 1500, "downloadThroughput": -1, "uploadThroughput": -1},
    )
    with page.expect_request(lambda request: request.method == "POST" and "/pages/add/" in request.url):
        write_piece(page)
    page.get_by_role("button", name="More actions").click()
    page.locator('button[name="action-submit"]').click()

    expect(page.locator(".messages")).to_contain_text("submitted", timeout=60_000)
    (article,) = ArticlePage.objects.filter(title=TITLE)
    assert article.workflow_in_progress and not article.live
