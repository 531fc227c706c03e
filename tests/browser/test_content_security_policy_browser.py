"""The Content-Security-Policy in a real browser: reader pages and the Wagtail admin load, and the
admin's forms work, without the browser blocking anything (no ``securitypolicyviolation`` event, no
console message about the policy, no page error); a locked-out sign-in sees the lockout page."""

import re

import pytest
from playwright.sync_api import expect

from briefings.editorial.roles import EDITORS
from tests.browser.conftest import OUTSIDE
from tests.browser.test_editorial_browser import log_in
from tests.factories import AuthorFactory, make_article, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TITLE = "Kazakhstan Opens a New Energy Corridor"
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.reportCspViolation(
    `${event.effectiveDirective} blocked ${event.blockedURI || "inline"} on ${location.pathname}` +
    (event.sample ? ` (${event.sample})` : "")
  );
});
"""


class Problems:
    """What a page reported: policy violations, console errors and uncaught page errors."""

    def __init__(self, page):
        self.violations, self.console, self.errors = [], [], []
        page.context.expose_binding("reportCspViolation", lambda source, text: self.violations.append(text))
        page.add_init_script(REPORT_VIOLATIONS)
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.errors.append(str(error)))

    def _console(self, message):
        url = message.location.get("url", "")
        if "Content Security Policy" in message.text:
            self.console.append(f"{message.type}: {message.text} ({url})")
        elif message.type == "error" and not OUTSIDE.match(url):  # the tests refuse outside requests
            self.console.append(f"{message.type}: {message.text} ({url})")

    def assert_none(self, where):
        assert (self.violations, self.console, self.errors) == ([], [], []), where


def watched(new_page):
    page = new_page()
    return page, Problems(page)


def visit(page, problems, url):
    response = page.goto(url)
    assert response.ok, (url, response.status)
    assert response.headers.get("content-security-policy"), url
    page.wait_for_load_state("networkidle")
    problems.assert_none(url)
    return response


@pytest.fixture
def article(index):
    author = AuthorFactory(name="Amina Rahman")
    return make_article(
        index,
        TITLE,
        kind="analysis",
        authors=[author],
        countries=["kazakhstan"],
        initiatives=["bri"],
        sectors=["energy"],
        body=[
            "Kazakhstan and China signed pipeline agreements in Astana under the Belt and Road Initiative."
        ],
        source_name="Caravan Notes",
        source_url="https://example.org/corridor",
    )


def test_reader_pages_load_with_nothing_blocked(new_page, live_server, article):
    page, problems = watched(new_page)
    for path in (
        "/",
        article.url,
        "/topics/",
        "/topics/countries/kazakhstan/",
        "/topics/countries/kazakhstan/initiatives/bri/",
        "/search/?q=pipeline&country=kazakhstan",
        f"/authors/{article.authors[0].slug}/",
    ):
        visit(page, problems, f"{live_server.url}{path}")
    # The article's script ran (its Copy buttons are added by static/js/cite.js where the
    # clipboard is available; the page itself is served from http://localhost, a secure context).
    page.goto(f"{live_server.url}{article.url}")
    expect(page.locator(".cite__copy").first).to_be_visible()
    # JSON-LD is read as data, and is there for crawlers.
    assert page.locator('script[type="application/ld+json"]').count() >= 1
    problems.assert_none("article, again")


def test_an_editor_reading_the_site_sees_the_userbar_with_nothing_blocked(new_page, live_server, article):
    make_user(EDITORS, "erin")
    page, problems = watched(new_page)
    log_in(page, live_server, "erin")
    visit(page, problems, f"{live_server.url}{article.url}")
    expect(page.locator("wagtail-userbar")).to_have_count(1)
    page.locator("wagtail-userbar").get_by_role("button", name="View Wagtail quick actions").click()
    expect(page.locator("wagtail-userbar").get_by_role("menuitem", name="Edit this page")).to_be_visible()
    problems.assert_none("userbar")


def test_the_admin_works_under_its_policy(new_page, live_server, article, settings):
    # Autosave (a background save 0.5 s after a change) would race the "Save draft" below and,
    # under load, sometimes win ("Saving will overwrite a newer version"): off for this test.
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    make_user(EDITORS, "erin")
    page, problems = watched(new_page)
    visit(page, problems, f"{live_server.url}/admin/login/")
    log_in(page, live_server, "erin")
    problems.assert_none("sign in and dashboard")
    expect(page.get_by_role("region", name="Submissions awaiting editorial review")).to_have_count(1)

    edit_url = f"{live_server.url}/admin/pages/{article.pk}/edit/"
    visit(page, problems, edit_url)
    page.get_by_role("tab", name="Topics").click()
    page.get_by_role("button", name="Suggest topics").click()
    expect(page.locator("[data-suggest-topics-result]")).to_contain_text("Kazakhstan")
    page.get_by_role("tab", name="Content").click()
    page.locator("#id_standfirst").fill("How a pipeline deal reshapes Central Asian energy transit.")
    page.get_by_role("button", name="Save draft").click()
    expect(page.locator(".messages")).to_contain_text("has been updated")
    article.refresh_from_db()
    assert article.has_unpublished_changes
    problems.assert_none("page editor")

    visit(page, problems, f"{live_server.url}/admin/pages/{article.get_parent().pk}/")
    visit(page, problems, f"{live_server.url}/admin/snippets/taxonomy/country/")
    visit(page, problems, f"{live_server.url}/admin/sign-in-lockouts/")


def test_a_locked_out_sign_in_sees_how_long_and_whom_to_ask(new_page, live_server):
    make_user(EDITORS, "erin")
    page, problems = watched(new_page)
    page.goto(f"{live_server.url}/admin/login/")
    for _ in range(10):
        page.get_by_label("Username").fill("erin")
        page.get_by_label("Password").fill("not the password")
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_load_state()
        if page.get_by_role("heading", name="Sign-in locked").count():
            break
        expect(page.locator(".messages")).to_contain_text("didn't match")
    expect(page.get_by_role("heading", name="Sign-in locked")).to_be_visible()
    expect(page.get_by_role("alert")).to_contain_text("locked for 15 minutes")
    expect(page.locator("main")).to_contain_text("Settings › Sign-in lockouts")
    page.get_by_role("link", name="Back to sign in").click()
    expect(page).to_have_url(re.compile(r"/admin/login/"))
    problems.console = [m for m in problems.console if "429" not in m]  # the lockout page's status
    problems.assert_none("lockout page")
