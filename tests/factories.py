"""Test data builders: each test makes exactly the pages and authors it needs."""

import datetime

import factory

from briefings.models import ArticleAuthor, ArticlePage, Author


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author

    honorific = "Dr."
    name = factory.Sequence(lambda n: f"Test Author {n}")
    role = "Research Fellow"
    affiliation = "Institute for Testing, Islamabad"


def make_article(index, title="An Article", *, live=True, authors=(), date=None, body=("Body text.",), **fields):
    """Create an article under ``index``: published when ``live``, else a draft never published."""
    page = ArticlePage(
        title=title,
        date=date or datetime.date(2024, 1, 15),
        body=[("paragraph", f"<p>{text}</p>") for text in body],
        live=live,
        **fields,
    )
    page.article_authors = [ArticleAuthor(author=a, sort_order=n) for n, a in enumerate(authors)]
    index.add_child(instance=page)
    revision = page.save_revision()
    if live:
        revision.publish()
    page.refresh_from_db()
    return page
