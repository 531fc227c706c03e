"""Issue #13 in a real browser, with JavaScript off: a reader follows a hub by email from its page,
the worker sends the confirmation through a real SMTP server, and its link confirms."""

import re
from urllib.parse import urlsplit

import pytest
from django_tasks_db.management.commands.db_worker import Worker
from playwright.sync_api import expect

from briefings.alerts.models import Subscription
from tests.alerts_smtp import SMTPServer
from tests.factories import make_article

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_reader_follows_a_hub_by_email_without_javascript(new_page, live_server, index, settings):
    make_article(index, "Kazakhstan Opens a New Energy Corridor", countries=["kazakhstan"])
    page = new_page(java_script_enabled=False)
    page.goto(f"{live_server.url}/topics/countries/kazakhstan/")
    form = page.get_by_role("region", name="Follow Kazakhstan by email")
    form.get_by_label("Email address").fill("reader@example.org")
    form.get_by_label("Weekly digest").check()
    form.get_by_role("button", name="Subscribe").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your inbox")

    with SMTPServer() as server:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
        Worker(
            queue_names=["alerts"],
            interval=0,
            batch=True,
            backend_name="alerts",
            startup_delay=False,
            max_tasks=None,
            worker_id="browser-test",
        ).run()
        (message,) = server.inbox.messages
    assert message.envelope_to == ["reader@example.org"]
    text = message.get_body(("plain",)).get_content()
    confirm = urlsplit(re.search(r"https?://\S+/alerts/confirm/\S+/", text).group(0)).path

    page.goto(live_server.url + confirm)
    expect(page.get_by_text("Kazakhstan — weekly digest")).to_be_visible()
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("status")).to_have_text("Confirmed: your alerts are on.")
    expect(page.get_by_role("row", name=re.compile("Kazakhstan"))).to_contain_text("Confirmed")
    subscription = Subscription.objects.get()
    assert subscription.frequency == "weekly" and subscription.confirmed_at is not None
