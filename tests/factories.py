"""Test data builders: each test makes exactly the pages and authors it needs."""

import datetime

from django.utils import timezone

import factory

from briefings.articles.models import ArticleAuthor, ArticlePage, Author
from briefings.caching import invalidation
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
    quick_publish=False,
    **fields,
):
    """Create an article under ``index``: published when ``live``, else a draft never published.

    Topics are given as slugs: ``countries=["kazakhstan"]``.

    ``quick_publish``, for tests that need many articles (pagination, query counts at scale): the revision is
    made live by storing what publishing it stores (live revision, publication times, no unpublished
    changes) instead of through Wagtail's publish action, which saves the page all over again, logs
    the publication in the page's history and sends ``page_published``, and costs half the time.
    Readers' pages see the same rows.
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
    if live and quick_publish:
        now = timezone.now()
        ArticlePage.objects.filter(pk=page.pk).update(
            live=True,
            expired=False,
            has_unpublished_changes=False,
            live_revision=revision,
            first_published_at=now,
            last_published_at=now,
        )
    elif live:
        revision.publish()
    page.refresh_from_db()
    return page


def make_articles_in_bulk(index, specs):
    """Live articles under ``index`` written as ``fill_synthetic`` writes them (bulk inserts, tree
    paths computed at once, search index rows), then the topic statistics recounted: for tests
    that need hundreds of articles. ``specs``: dicts of ``title``, ``date``, ``authors`` and topic
    slugs (``countries``, ``initiatives``, ``sectors``). Returns the articles, with their ids."""
    import io

    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command

    from briefings.articles.models import ArticleCountry, ArticleInitiative, ArticleSector
    from briefings.operations import synthetic

    topics = {
        model: {t.slug: t for t in vocabulary.objects.all()}
        for model, vocabulary in [
            (ArticleCountry, Country),
            (ArticleInitiative, Initiative),
            (ArticleSector, Sector),
        ]
    }
    keys = {ArticleCountry: "countries", ArticleInitiative: "initiatives", ArticleSector: "sectors"}
    rows = []
    for serial, spec in enumerate(specs, start=1):
        text = spec.get("body", "Body text.")
        published = timezone.make_aware(datetime.datetime.combine(spec["date"], datetime.time(9)))
        rows.append(
            (
                serial,
                {"title": spec["title"], "first_published_at": published, "last_published_at": published},
                {"date": spec["date"], "body": [{"type": "paragraph", "value": f"<p>{text}</p>"}]},
                {
                    model: [topics[model][s] for s in dict.fromkeys(spec.get(key, ()))]
                    for model, key in keys.items()
                },
                list(spec.get("authors", ())),
                text,
            )
        )
    batch = synthetic.batch_of(index, ContentType.objects.get_for_model(ArticlePage), rows)
    synthetic.write_batch(batch)
    call_command("rebuild_topic_stats", stdout=io.StringIO())
    return batch.articles


def make_user(group_name=None, username=None, *, author=None, **fields):
    """A user in ``group_name`` ("Research Fellows", "Editors" or None), with an email address so
    notifications reach them; ``author`` (an ``Author``) becomes their author profile."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from briefings.editorial.roles import ensure_editorial_setup

    username = username or f"user{get_user_model().objects.count() + 1}"
    fields.setdefault("email", f"{username}@example.com")
    user = get_user_model().objects.create_user(username=username, password="pw", **fields)
    if group_name:
        ensure_editorial_setup()
        user.groups.add(Group.objects.get(name=group_name))
    if author is not None:
        author.user = user
        author.save()
    return user


def as_committed():
    """Make this test's writes (never committed) seen by the cache as their commit would: the
    scopes and digests they change are renewed now, so the next request's queries are its own,
    not the writer's."""
    invalidation.bump_for_uncommitted_writes()
