"""Issue #13, follow by email: subscribe from any hub, intersection, author page or the home page,
confirm, get one alert per article through the worker and a real SMTP server (aiosmtpd), manage,
unsubscribe in one click, weekly digests, and what must never happen (emails for drafts, private or
expired pages, duplicates, confirmation floods, leaks)."""

import datetime
import json
import os
import re
import subprocess
import sys
from io import StringIO
from pathlib import Path
from urllib.parse import urlsplit

from django.core import signing
from django.core.management import call_command
from django.utils import timezone

from wagtail.models import PageViewRestriction, Site

import pytest
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from briefings.alerts import delivery, links
from briefings.alerts.models import Announcement, Delivery, Subscriber, Subscription
from briefings.alerts.tasks import queue_digests
from briefings.core.models import SiteIdentity
from taxonomy.models import Country, Sector
from tests.alerts_smtp import SMTPServer
from tests.factories import AuthorFactory, make_article, make_user

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
READER = "reader@example.org"
KAZAKHSTAN = "countries/kazakhstan"


@pytest.fixture(scope="module")
def smtp_server():
    with SMTPServer() as server:
        yield server


@pytest.fixture
def inbox(smtp_server, settings, monkeypatch):
    """What the SMTP server received in this test; Django sends to it over SMTP."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", smtp_server.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    smtp_server.inbox.clear()
    # The worker's loop drops connections between tasks as a request does; the test's transaction
    # must survive it (outside tests, each task commits on its own).
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    return smtp_server.inbox


def run_worker():
    """django-tasks-db's worker, as `manage.py db_worker --backend alerts --batch` runs it."""
    db_worker.Worker(
        queue_names=["alerts"],
        interval=0,
        batch=True,
        backend_name="alerts",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
    ).run()


@pytest.fixture
def publish(index, django_capture_on_commit_callbacks):
    def publish(title, **fields):
        with django_capture_on_commit_callbacks(execute=True):
            article = make_article(index, title, **fields)
        run_worker()
        return article

    return publish


@pytest.fixture
def subscribe(client, django_capture_on_commit_callbacks):
    def subscribe(follow, email=READER, frequency="immediate", website="", **extra):
        data = {"email": email, "frequency": frequency, "follow": follow, "website": website}
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post("/alerts/subscribe/", data, **extra)
        run_worker()
        return response

    return subscribe


def link(message, name):
    """The first link to /alerts/<name>/ in the plain-text part, as a path the test client follows."""
    text = message.get_body(("plain",)).get_content()
    url = re.search(rf"https?://\S+/alerts/{name}/\S+/", text).group(0)
    return urlsplit(url).path


def confirm(client, inbox):
    message = inbox.messages[-1]
    response = client.post(link(message, "confirm"))
    assert response.status_code == 302
    return response


def parts(message):
    return message.get_body(("plain",)).get_content(), message.get_body(("html",)).get_content()


@pytest.fixture
def energy_corridor(publish):
    amina = AuthorFactory(name="Amina Rahman", honorific="Dr.")
    return amina, {
        "title": "Kazakhstan Opens a New Energy Corridor",
        "authors": [amina],
        "kind": "analysis",
        "standfirst": "How a pipeline deal reshapes Central Asian energy transit.",
        "date": datetime.date(2024, 3, 1),
        "countries": ["kazakhstan", "china"],
        "initiatives": ["bri"],
        "sectors": ["energy"],
    }


# The form ----------------------------------------------------------------------------------------


def test_every_hub_intersection_author_and_home_page_has_a_form_without_a_csrf_token(client, index):
    amina = AuthorFactory(name="Amina Rahman")
    make_article(index, "Steppe", authors=[amina], countries=["kazakhstan"], initiatives=["bri"])
    pages = {
        "/topics/countries/kazakhstan/": KAZAKHSTAN,
        "/topics/regions/central-asia/": "regions/central-asia",
        "/topics/initiatives/bri/": "initiatives/bri",
        "/topics/countries/kazakhstan/initiatives/bri/": "countries/kazakhstan/initiatives/bri",
        f"/authors/{amina.slug}/": f"authors/{amina.slug}",
        "/": "site",
    }
    for path, follow in pages.items():
        html = client.get(path).content.decode()
        assert 'action="/alerts/subscribe/"' in html, path
        assert f'name="follow" value="{follow}"' in html, path
        assert 'name="frequency" value="weekly"' in html and 'name="website"' in html
        assert "csrfmiddlewaretoken" not in html, path


def test_bad_input_is_refused_with_a_message(client, inbox):
    response = client.post(
        "/alerts/subscribe/", {"email": "not an address", "follow": "site", "frequency": "weekly"}
    )
    assert response.status_code == 400
    assert "Enter a valid email address" in response.content.decode()
    response = client.post("/alerts/subscribe/", {"email": READER, "follow": "countries/atlantis"})
    assert response.status_code == 400
    assert "does not exist" in response.content.decode()
    assert not Subscriber.objects.exists()


# The whole loop ----------------------------------------------------------------------------------


def test_subscribe_confirm_alert_manage_one_click_unsubscribe(
    client, inbox, subscribe, publish, energy_corridor
):
    amina, corridor = energy_corridor
    response = subscribe(KAZAKHSTAN)
    assert response.status_code == 200
    assert "Check your inbox" in response.content.decode()

    # The confirmation email; nothing else goes to an unconfirmed address.
    (confirmation,) = inbox.messages
    assert confirmation.envelope_to == [READER]
    assert "Kazakhstan" in parts(confirmation)[0] and "Kazakhstan" in parts(confirmation)[1]
    publish("Before Confirming", countries=["kazakhstan"])
    assert len(inbox.messages) == 1

    # A link scanner fetching the link confirms nothing; the button does.
    confirm_path = link(confirmation, "confirm")
    page = client.get(confirm_path)
    assert page.status_code == 200 and '<form method="post">' in page.content.decode()
    assert Subscription.objects.get().confirmed_at is None
    manage_path = client.post(confirm_path).url
    assert "Confirmed" in client.get(manage_path).content.decode()
    assert Subscription.objects.get().confirmed_at is not None

    article = publish(**corridor)
    (alert,) = inbox.messages[1:]
    assert alert.envelope_to == [READER] and alert["To"] == READER
    assert alert["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe_url = re.fullmatch(r"<(https?://[^>]+)>", alert["List-Unsubscribe"].strip()).group(1)
    text, html = parts(alert)
    for part in (text, html):
        for expected in (
            "Kazakhstan Opens a New Energy Corridor",
            "Dr. Amina Rahman",
            "1 March 2024",
            "How a pipeline deal reshapes Central Asian energy transit.",
            "Belt and Road Initiative",
            "Energy",
            article.full_url,
        ):
            assert expected in part, expected
    assert "ANALYSIS" in text and "Analysis" in html
    # The article link and the manage link work.
    assert client.get(urlsplit(article.full_url).path).status_code == 200
    manage_page = client.get(link(alert, "manage")).content.decode()
    assert "Manage my alerts" in manage_page and "Kazakhstan" in manage_page

    # RFC 8058: the mail client POSTs "List-Unsubscribe=One-Click" to the header's address.
    response = client.post(
        urlsplit(unsubscribe_url).path,
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert not Subscription.objects.exists()

    publish("Kazakhstan Again", countries=["kazakhstan"])
    assert len(inbox.messages) == 2


def test_one_email_per_address_per_article_however_many_subscriptions_match(
    client, inbox, subscribe, publish, energy_corridor
):
    amina, corridor = energy_corridor
    follows = [
        KAZAKHSTAN,
        "regions/central-asia",
        "initiatives/bri",
        "countries/kazakhstan/initiatives/bri",
        f"authors/{amina.slug}",
        "site",
    ]
    for follow in follows:
        subscribe(follow)
    assert len(inbox.messages) == 1  # one confirmation an hour, for everything pending
    confirm(client, inbox)
    assert Subscription.objects.confirmed().count() == len(follows)
    subscribe("countries/pakistan", email="other@example.org")
    confirm(client, inbox)
    inbox.clear()

    publish(**corridor)
    (alert,) = inbox.messages
    assert alert.envelope_to == [READER]
    reasons = parts(alert)[0].split("You get this because you follow")[1]
    assert "Central Asia" in reasons and "Kazakhstan and Belt and Road Initiative" in reasons

    # A region's follower gets an article on any of its countries; another country's does not.
    inbox.clear()
    Subscription.objects.filter(subscriber__email=READER).exclude(target__startswith="regions:").delete()
    publish("Uzbek Rail", countries=["uzbekistan"])
    assert [m.envelope_to for m in inbox.messages] == [[READER]]


def test_no_email_for_drafts_private_expired_or_paused_articles(
    index, inbox, subscribe, client, django_capture_on_commit_callbacks
):
    subscribe("site")
    confirm(client, inbox)
    inbox.clear()

    make_article(index, "A Draft", live=False)
    paused = make_article(index, "Quiet One", skip_alerts=True)
    private = make_article(index, "Members Only", live=False)
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    expiring = make_article(index, "Gone Soon", live=False)
    with django_capture_on_commit_callbacks(execute=True):
        private.save_revision().publish()
        expiring.save_revision().publish()
    # Expired before the worker got to it: the send-time check refuses it.
    type(expiring).objects.filter(pk=expiring.pk).update(
        expire_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    run_worker()

    assert inbox.messages == []
    assert not Announcement.objects.filter(article__in=[paused, private, expiring]).exists()


def test_a_retry_or_a_second_run_never_sends_twice(
    client, inbox, subscribe, publish, django_capture_on_commit_callbacks
):
    subscribe("site")
    confirm(client, inbox)
    inbox.clear()

    inbox.fail_with = "451 4.3.0 Try again later"
    article = publish("Through a Failure")
    assert inbox.messages == []
    failed = DBTaskResult.objects.get(task_path__endswith="send_alert_batch", status="FAILED")
    assert "Try again later" in failed.traceback
    retry = DBTaskResult.objects.get(task_path__endswith="send_alert_batch", status="READY")
    assert retry.run_after > timezone.now()
    assert not Delivery.objects.exists()  # the unsent claim was released

    inbox.fail_with = None
    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())
    run_worker()
    assert [m.envelope_to for m in inbox.messages] == [[READER]]

    # The same batch again (a duplicate task, a second worker): the sent-log says it went.
    assert delivery.send_alerts(article.pk, list(Subscriber.objects.values_list("pk", flat=True))) == 0
    # Publishing it again (an edit) announces nothing.
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    run_worker()
    assert len(inbox.messages) == 1
    assert Delivery.objects.get().status == Delivery.Status.SENT


def test_weekly_digest_groups_the_weeks_articles_once(client, inbox, subscribe, publish):
    subscribe("initiatives/bri", frequency="weekly")
    confirm(client, inbox)
    subscribe("sectors/energy", email="both@example.org", frequency="weekly")
    confirm(client, inbox)
    subscribe("countries/kazakhstan", email="both@example.org")
    confirm(client, inbox)
    inbox.clear()

    old = publish("Last Month", initiatives=["bri"])
    Announcement.objects.filter(article=old).update(created_at=timezone.now() - datetime.timedelta(days=20))
    publish("Corridor", countries=["kazakhstan"], initiatives=["bri"], sectors=["energy"])
    publish("Grid", initiatives=["bri"], sectors=["energy"])
    publish("Trade Only", sectors=["trade"])
    # "both" had the Corridor alert already (it follows Kazakhstan as published).
    assert [m.envelope_to for m in inbox.messages] == [["both@example.org"]]
    inbox.clear()

    assert queue_digests(timezone.now()) == 1
    run_worker()
    digests = {m.envelope_to[0]: m for m in inbox.messages}
    assert set(digests) == {READER, "both@example.org"}
    reader_text, reader_html = parts(digests[READER])
    assert "Corridor" in reader_text and "Grid" in reader_text and "Corridor" in reader_html
    assert "Last Month" not in reader_text and "Trade Only" not in reader_text
    assert digests[READER]["Subject"] == "Briefings this week: 2 new articles"
    assert digests[READER]["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    both_text = parts(digests["both@example.org"])[0]
    assert "Grid" in both_text and "Corridor" not in both_text

    inbox.clear()
    call_command("send_digests", stdout=StringIO())
    run_worker()
    assert inbox.messages == []


@pytest.mark.parametrize("name", [None, "Centre for Eurasian Studies"], ids=["default", "identity set"])
def test_emails_and_alert_pages_name_the_organisation(client, inbox, subscribe, publish, name):
    """The emails and the pages their links open are in the name set under Settings › Identity
    ("Briefings" until it is set): sender, subjects (an alert's is the article's title), both
    parts of each email."""
    if name:
        SiteIdentity.objects.create(site=Site.objects.get(is_default_site=True), name=name)
    publication = name or "Briefings"

    def named(message):
        assert message["From"] == f"{publication} <briefings@localhost>"
        for text in parts(message):
            assert publication in text
        for text in (message["Subject"], *parts(message)):
            assert name is None or "Briefings" not in text

    subscribe(KAZAKHSTAN)
    subscribe("initiatives/bri", frequency="weekly")
    (confirmation,) = inbox.messages
    assert confirmation["Subject"] == f"Confirm your {publication} alerts"
    named(confirmation)
    text, html = parts(confirmation)
    assert f"Please confirm your {publication} alerts." in text and f"{publication} email alerts" in text
    assert f"Please confirm your {publication} alerts." in html
    confirm(client, inbox)
    inbox.clear()

    publish("Kazakh Corridor", countries=["kazakhstan"])
    publish("Grid", initiatives=["bri"])
    (alert,) = inbox.messages
    assert alert["Subject"] == "Kazakh Corridor"  # the sender names the organisation
    named(alert)
    text, html = parts(alert)
    assert text.startswith(f"New on {publication}") and f"New on {publication}" in html
    assert f"Kazakhstan on {publication}." in text and f"Read it on {publication}" in html
    inbox.clear()
    assert queue_digests(timezone.now()) == 1
    run_worker()
    (digest,) = inbox.messages
    assert digest["Subject"] == f"{publication} this week: 1 new article"
    named(digest)
    text, html = parts(digest)
    assert f"{publication} this week: 1 new article on what you follow" in text
    assert f"<title>{publication} this week</title>" in html

    everything = re.findall(r"https?://\S+(/alerts/unsubscribe/\S+/)", text)[-1]
    assert f"Stop every {publication} alert to {READER}" in client.get(everything).content.decode()
    assert f">Back to {publication}</a>" in client.post(everything).content.decode()
    Subscriber.objects.all().delete()
    assert f"This address follows nothing on {publication}." in client.get(everything).content.decode()


# Abuse and privacy -------------------------------------------------------------------------------


def test_one_confirmation_an_hour_per_address_and_the_same_answer_whatever_the_address(
    client, inbox, subscribe
):
    first = subscribe(KAZAKHSTAN)
    again = subscribe(KAZAKHSTAN)
    other = subscribe("initiatives/bri")
    assert len(inbox.messages) == 1
    confirm(client, inbox)
    already = subscribe(KAZAKHSTAN)
    stranger = subscribe(KAZAKHSTAN, email="stranger@example.org")
    assert len(inbox.messages) == 2  # the stranger's confirmation only

    def body(response):
        return response.content.decode().replace("stranger@example.org", READER)

    assert body(first) == body(again) == body(already) == body(stranger)
    assert other.status_code == 200

    # An hour later the address may be asked again.
    Subscriber.objects.filter(email=READER).update(
        confirmation_sent_at=timezone.now() - datetime.timedelta(hours=1, minutes=1)
    )
    subscribe("sectors/energy")
    assert len(inbox.messages) == 3


def test_a_client_may_sign_up_several_addresses_a_minute_but_not_flood(inbox, subscribe, settings):
    settings.ALERTS_SIGNUPS_PER_CLIENT = 5
    for n in range(5):
        assert subscribe("site", email=f"reader{n}@example.org").status_code == 200
    refused = subscribe("site", email="reader9@example.org")
    assert refused.status_code == 429
    assert "Too many sign-ups" in refused.content.decode()
    # Another client is not held up.
    assert subscribe("site", email="reader9@example.org", REMOTE_ADDR="203.0.113.9").status_code == 200
    assert len(inbox.messages) == 6


def test_the_honeypot_stores_and_sends_nothing_but_answers_the_same(inbox, subscribe):
    trapped = subscribe("site", website="http://spam.example")
    assert trapped.status_code == 200 and "Check your inbox" in trapped.content.decode()
    assert not Subscriber.objects.exists()
    assert inbox.messages == []


def test_fetching_links_changes_nothing_and_bad_or_expired_links_are_refused(
    client, inbox, subscribe, monkeypatch
):
    subscribe("site")
    subscriber = Subscriber.objects.get()
    unsubscribe = f"/alerts/unsubscribe/{links.unsubscribe_token(subscriber)}/"
    assert client.get(unsubscribe).status_code == 200
    assert client.get(link(inbox.messages[0], "confirm")).status_code == 200
    assert Subscription.objects.get().confirmed_at is None

    assert client.post("/alerts/confirm/forged-token/").status_code == 400
    assert client.get("/alerts/manage/forged:token/").status_code == 400
    real_time = signing.time.time
    monkeypatch.setattr(signing.time, "time", lambda: real_time() + 4 * 24 * 3600)
    response = client.post(link(inbox.messages[0], "confirm"))
    assert response.status_code == 400 and "expired" in response.content.decode()
    assert Subscription.objects.get().confirmed_at is None


def test_manage_edit_unsubscribe_everything_delete_and_export(client, inbox, subscribe, publish):
    subscribe(KAZAKHSTAN)
    subscribe("initiatives/bri")
    confirm(client, inbox)
    subscriber = Subscriber.objects.get()
    manage = f"/alerts/manage/{links.manage_token(subscriber)}/"
    kazakhstan, bri = Subscription.objects.order_by("target")
    client.post(manage, {"action": "save", f"frequency-{kazakhstan.pk}": "weekly", f"remove-{bri.pk}": "1"})
    assert list(Subscription.objects.values_list("target", "frequency")) == [(kazakhstan.target, "weekly")]

    publish("Steppe", countries=["kazakhstan"], initiatives=["bri"])
    out = StringIO()
    call_command("alerts_export", READER, stdout=out)
    data = json.loads(out.getvalue())
    assert data["email"] == READER
    assert [(s["follows"], s["frequency"]) for s in data["subscriptions"]] == [("Kazakhstan", "weekly")]
    assert data["subscriptions"][0]["confirmed_at"]

    client.post(manage, {"action": "unsubscribe-all"})
    assert not Subscription.objects.exists() and Subscriber.objects.exists()
    response = client.post(manage, {"action": "delete"})
    assert "Everything deleted" in response.content.decode()
    assert not Subscriber.objects.exists()
    assert client.get(manage).status_code == 400


def test_editors_see_subscriber_counts_per_topic_intersection_and_author(client, inbox, subscribe):
    amina = AuthorFactory(name="Amina Rahman")
    for follow in (KAZAKHSTAN, "countries/kazakhstan/initiatives/bri", f"authors/{amina.slug}"):
        subscribe(follow)
    confirm(client, inbox)
    subscribe(KAZAKHSTAN, email="other@example.org", frequency="weekly")

    client.force_login(make_user("Editors"))
    html = client.get("/admin/reports/email-alerts/").content.decode()
    assert "Kazakhstan and Belt and Road Initiative" in html and "Amina Rahman" in html
    row = re.search(r"Kazakhstan</a></th>(.*?)</tr>", html).group(1)
    assert re.findall(r"<td>(\d+)</td>", row) == ["1", "1", "0", "1"]

    client.force_login(make_user("Research Fellows"))
    refused = client.get("/admin/reports/email-alerts/")
    assert refused.status_code in (302, 403) and "Amina Rahman" not in refused.content.decode()


def test_editors_can_publish_without_alerts_from_the_settings_tab(client, index):
    client.force_login(make_user("Editors"))
    article = make_article(index, "Quiet", live=False)
    html = client.get(f"/admin/pages/{article.pk}/edit/").content.decode()
    assert 'name="skip_alerts"' in html and "email subscribers" in html


def test_every_settings_module_reads_the_smtp_server_from_the_environment():
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("EMAIL_")},
        "EMAIL_HOST": "smtp.example.org",
        "EMAIL_PORT": "2525",
        "EMAIL_HOST_USER": "briefings",
        "EMAIL_HOST_PASSWORD": "secret",
        "EMAIL_USE_TLS": "1",
        "EMAIL_TIMEOUT": "7",
        "SECRET_KEY": "x" * 60,
        "DATABASE_URL": "postgres://x@localhost/x",
    }
    script = (
        "import importlib, json\n"
        "names = ('EMAIL_BACKEND', 'EMAIL_HOST', 'EMAIL_PORT', 'EMAIL_HOST_USER', 'EMAIL_HOST_PASSWORD',"
        " 'EMAIL_USE_TLS', 'EMAIL_USE_SSL', 'EMAIL_TIMEOUT')\n"
        "print(json.dumps({m: {n: getattr(importlib.import_module('briefings.settings.' + m), n) for n in names}"
        " for m in ('dev', 'test', 'production')}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    modules = json.loads(result.stdout)
    # The tests keep Django's in-memory outbox unless a test points it at its own SMTP server.
    assert modules.pop("test").pop("EMAIL_BACKEND") == "django.core.mail.backends.locmem.EmailBackend"
    for module, values in modules.items():
        values.setdefault("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
        assert values == {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "smtp.example.org",
            "EMAIL_PORT": 2525,
            "EMAIL_HOST_USER": "briefings",
            "EMAIL_HOST_PASSWORD": "secret",
            "EMAIL_USE_TLS": True,
            "EMAIL_USE_SSL": False,
            "EMAIL_TIMEOUT": 7,
        }, module


def test_a_scheduled_article_is_sent_when_publish_scheduled_makes_it_live(
    index, inbox, subscribe, client, django_capture_on_commit_callbacks
):
    subscribe("site")
    confirm(client, inbox)
    inbox.clear()
    article = make_article(index, "Scheduled Analysis", live=False)
    article.go_live_at = timezone.now() + datetime.timedelta(hours=1)
    with django_capture_on_commit_callbacks(execute=True):
        revision = article.save_revision()
        revision.publish()
    run_worker()
    assert inbox.messages == []

    # An hour later, cron runs publish_scheduled.
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("publish_scheduled", stdout=StringIO())
    run_worker()
    assert [m["Subject"] for m in inbox.messages] == ["Scheduled Analysis"]


def test_a_deleted_topic_or_author_takes_its_subscriptions_with_it(inbox, subscribe):
    amina = AuthorFactory(name="Amina Rahman")
    for follow in (
        "sectors/water",
        "countries/kazakhstan/sectors/water",
        f"authors/{amina.slug}",
        KAZAKHSTAN,
    ):
        subscribe(follow)
    Sector.objects.get(slug="water").delete()
    amina.delete()
    assert [s.target for s in Subscription.objects.all()] == [
        f"countries:{Country.objects.get(slug='kazakhstan').pk}"
    ]
