"""Test data builders: each test makes exactly the pages and authors it needs."""

import datetime

import factory

from briefings.models import ArticleAuthor, ArticlePage, Author
from taxonomy.models import Country, Initiative, Sector


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author

    honorific = "Dr."
    name = factory.Sequence(lambda n: f"Test Author {n}")
    role = "Research Fellow"
    affiliation = "Institute for Testing, Islamabad"


def make_article(
    index,
    title="An Article",
    *,
    live=True,
    authors=(),
    date=None,
    body=("Body text.",),
    countries=(),
    initiatives=(),
    sectors=(),
    **fields,
):
    """Create an article under ``index``: published when ``live``, else a draft never published.

    Topics are given as slugs: ``countries=["kazakhstan"]``.
    """
    page = ArticlePage(
        title=title,
        date=date or datetime.date(2024, 1, 15),
        body=[("paragraph", f"<p>{text}</p>") for text in body],
        live=live,
        **fields,
    )
    page.article_authors = [ArticleAuthor(author=a, sort_order=n) for n, a in enumerate(authors)]
    page.countries.set(list(Country.objects.filter(slug__in=countries)))
    page.initiatives.set(list(Initiative.objects.filter(slug__in=initiatives)))
    page.sectors.set(list(Sector.objects.filter(slug__in=sectors)))
    index.add_child(instance=page)
    revision = page.save_revision()
    if live:
        revision.publish()
    page.refresh_from_db()
    return page
