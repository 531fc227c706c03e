"""What `make run` gives a newcomer: sample articles on the site and a working admin login."""

import io
import re

from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.utils.html import escape

from wagtail.models import Revision

import pytest

from briefings.articles.models import ArticlePage, Author, BriefingIndexPage
from briefings.editorial.roles import EDITORS, FELLOWS
from taxonomy.models import Country
from tests.factories import AuthorFactory, make_user
from tests.test_workflow import create_article, submit

pytestmark = pytest.mark.django_db


@override_settings(DEBUG=True)
def test_sample_content_serves_articles_and_the_printed_admin_login_works(client):
    out = io.StringIO()
    call_command("load_sample_content", stdout=out)
    printed = re.search(r"username (\S+)\s+password (\S+)", out.getvalue())
    assert printed, out.getvalue()
    articles = ArticlePage.objects.visible()
    assert articles.count() == 8
    for url in ("/", "/briefings/"):
        html = client.get(url).content.decode()
        assert all(escape(article.title) in html for article in articles), url
    article = articles.filter(kind="analysis").first()
    html = client.get(article.url).content.decode()
    assert '<p class="kind-label">Analysis</p>' in html
    assert f'href="/authors/{article.authors[0].slug}/"' in html
    assert "Originally published by" in html

    signed_in = client.post("/admin/login/", {"username": printed.group(1), "password": printed.group(2)})
    assert signed_in.status_code == 302, signed_in.content.decode()
    assert client.get("/admin/").status_code == 200

    # The admin account is an editor too: a fellow's first submission emails someone.
    admin = get_user_model().objects.get(username=printed.group(1))
    assert list(admin.groups.values_list("name", flat=True)) == [EDITORS]
    fellow = make_user(FELLOWS, "hafsa", author=AuthorFactory(name="Hafsa Akram"))
    draft = create_article(client, fellow, BriefingIndexPage.objects.get())
    mail.outbox.clear()
    submit(client, fellow, draft)
    assert [message.to for message in mail.outbox] == [[admin.email]]


def test_outside_development_no_admin_account_is_created_and_loading_again_changes_nothing(client):
    out = io.StringIO()
    call_command("load_sample_content", stdout=out)
    assert "no admin account created" in out.getvalue()
    refused = client.post("/admin/login/", {"username": "admin", "password": "briefings-dev"})
    assert refused.status_code == 200 and "_auth_user_id" not in client.session
    count = ArticlePage.objects.live().count()
    assert count == 8
    revisions = Revision.page_revisions.count()

    again = io.StringIO()
    call_command("load_sample_content", stdout=again)
    assert "unchanged" in again.getvalue()
    assert ArticlePage.objects.live().count() == count
    assert Revision.page_revisions.count() == revisions
    home = client.get("/").content.decode()
    assert home.count('<article class="card') >= 5
    assert 'href="/topics/countries/kazakhstan/"' in home

    # The site around the articles (issue 14): identity, About and Contact, pictures everywhere.
    assert '<img class="site-title__logo"' in home
    assert 'href="/about/">About</a>' in home and 'href="/contact/">Contact</a>' in home
    about = client.get("/about/").content.decode()
    assert "<h1>About</h1>" in about and 'aria-labelledby="people-heading"' in about
    contact = client.get("/contact/").content.decode()
    assert 'href="mailto:contact@example.org"' in contact and "1 Sample Avenue" in contact
    assert not Author.objects.filter(photo__isnull=True).exists()
    assert ArticlePage.objects.live().exclude(lead_image=None).exclude(lead_image_alt="").count() == 4
    assert home.count('<article class="card card--with-image">') == 4
    experts = client.get("/experts/").content.decode()
    assert experts.count('class="avatar avatar--small"') == Author.objects.count()


def test_featured_articles_lead_their_hub_and_drafts_are_never_featured(client, index):
    from tests.factories import make_article

    featured = make_article(index, "Editor Pick On Egypt", countries=["egypt"])
    draft = make_article(index, "Draft Pick", countries=["egypt"], live=False)
    egypt = Country.objects.get(alpha2="EG")
    egypt.introduction = "Ties with Egypt: Suez, trade zones and energy."
    egypt.featured_1, egypt.featured_2 = featured, draft
    egypt.save()
    html = client.get("/topics/countries/egypt/").content.decode()
    assert "Ties with Egypt: Suez, trade zones and energy." in html
    featured_section = html[html.index('id="featured-heading"') : html.index('id="articles-heading"')]
    assert "Editor Pick On Egypt" in featured_section
    assert "Draft Pick" not in html
