"""The content model: pages (home, briefings index, article), the ``Author`` snippet and bylines,
the article↔topic links, and the named querysets readers' pages are built from.

What a page shows (SEO, JSON-LD, citations, related articles, previous/next) is assembled in
``presenters``; these classes only hold data and answer queries.
"""

import datetime
import functools
import math
import operator
import re
from collections import Counter
from functools import reduce
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import connection, models, transaction
from django.db.models import (
    Count,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce, TruncDate
from django.dispatch import Signal
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator, slugify

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    HelpPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager, PagePermissionTester
from wagtail.query import PageQuerySet
from wagtail.search import index

from briefings.core import freshness
from briefings.core.kinds import KINDS
from briefings.core.lookups import among
from briefings.core.text import initials
from taxonomy import names
from taxonomy.models import Country, Initiative, Sector

from . import presenters
from .blocks import ArticleStreamBlock, body_paragraphs
from .forms import ArticlePageForm
from .indexing import month_word, topic_words
from .scopes import ArticleWrite
from .stats import (  # noqa: F401 - the topic statistics' models belong to this app
    STATS_MODELS,
    ArticleTopicState,
    AuthorArticle,
    TopicCount,
    TopicMonthCount,
    TopicPairCount,
    TopicPairMonthCount,
)

WORDS_PER_MINUTE = 200
# Related articles are looked for among this many articles either side of an article by date.
RELATED_WINDOW = 100
# How much a shared topic says about two articles being related: an initiative is specific, a
# country (China is on most articles) much less so.
RELATED_WEIGHTS = ((names.INITIATIVES, 3), (names.SECTORS, 2), (names.COUNTRIES, 1))

ORCID_ID = re.compile(r"^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$")

# Sent once an article is saved with its topic links (``post_save`` comes before modelcluster
# writes them), unless only fields that no topic statistic depends on were saved.
article_saved = Signal()
COUNTED_FIELDS = {"live", "go_live_at", "expire_at", "date", "first_published_at", *names.TAG_KEYS}

ArticleKind = models.TextChoices(
    "ArticleKind", [(value.upper().replace("-", "_"), (value, label)) for value, label in KINDS]
)


class Author(index.Indexed, models.Model):
    """A writer shown in bylines; reused across articles (same name and affiliation)."""

    honorific = models.CharField(max_length=20, blank=True, help_text="Ms., Dr., Prof. …")
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=220, unique=True, allow_unicode=True)
    role = models.CharField(max_length=200, blank=True, help_text="e.g. Research Fellow")
    affiliation = models.CharField(max_length=300, blank=True, help_text="Organisation, as printed")
    city = models.CharField(max_length=100, blank=True)
    bio = models.TextField(blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    website = models.URLField(blank=True, help_text="A personal or institutional page.")
    x_url = models.URLField("X (Twitter)", blank=True, help_text="e.g. https://x.com/handle")
    linkedin_url = models.URLField("LinkedIn", blank=True)
    orcid = models.CharField(
        "ORCID iD",
        max_length=19,
        blank=True,
        validators=[RegexValidator(ORCID_ID, "An ORCID iD looks like 0000-0002-1825-0097.")],
        help_text="e.g. 0000-0002-1825-0097",
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="author_profile",
        help_text="The account of this author, if they write in the admin.",
    )

    panels = [
        MultiFieldPanel([FieldPanel("honorific"), FieldPanel("name"), FieldPanel("slug")], heading="Name"),
        FieldPanel("role"),
        FieldPanel("affiliation"),
        FieldPanel("city"),
        FieldPanel("bio"),
        FieldPanel("photo"),
        MultiFieldPanel(
            [FieldPanel("website"), FieldPanel("x_url"), FieldPanel("linkedin_url"), FieldPanel("orcid")],
            heading="Links",
        ),
        FieldPanel("user"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("affiliation"),
    ]

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["name", "affiliation"], name="unique_author_name_affiliation")
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_author_slug(self.name, exclude_pk=self.pk)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("author_detail", kwargs={"slug": self.slug})

    @property
    def display_name(self):
        return f"{self.honorific} {self.name}".strip()

    @property
    def description(self):
        """Role and affiliation as one line: "Research Fellow, PRCCSF, Islamabad"."""
        return ", ".join(part for part in (self.role, self.affiliation) if part)

    @property
    def initials(self):
        return initials(self.name)

    @property
    def orcid_url(self):
        return f"https://orcid.org/{self.orcid}" if self.orcid else ""

    @property
    def links(self):
        """``[(label, url)]``: the author's pages elsewhere, in a fixed order."""
        found = [
            ("Website", self.website),
            ("X", self.x_url),
            ("LinkedIn", self.linkedin_url),
            ("ORCID", self.orcid_url),
        ]
        return [(label, url) for label, url in found if url]


def unique_author_slug(name, exclude_pk=None):
    base = slugify(name, allow_unicode=True)[:200] or "author"
    slug, n = base, 2
    taken = Author.objects.exclude(pk=exclude_pk)
    while taken.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def on_schedule():
    """Pages inside their publication window: past their go-live time and not past their expiry.

    A page stays ``live`` after its expiry until ``publish_scheduled`` runs, and one may be ``live``
    with a go-live time still ahead (set directly); readers see neither, at any address
    (``wagtail_hooks``, the API, listings, feeds, sitemap). ``is_on_schedule`` is the same rule for
    a page already loaded."""
    now = timezone.now()
    return (Q(go_live_at__isnull=True) | Q(go_live_at__lte=now)) & (
        Q(expire_at__isnull=True) | Q(expire_at__gt=now)
    )


def is_on_schedule(page):
    now = timezone.now()
    return (page.go_live_at is None or page.go_live_at <= now) and (
        page.expire_at is None or page.expire_at > now
    )


class ArticlePageQuerySet(PageQuerySet):
    def visible(self):
        """What a reader may see: live, public and on schedule (``on_schedule()``: not before its
        go-live time, not past its expiry, whatever ``publish_scheduled`` has done yet)."""
        return self.live().public().filter(on_schedule())

    def newest_first(self):
        return self.order_by("-date", "-first_published_at", "-pk")

    def with_authors(self):
        return self.prefetch_related(
            Prefetch("article_authors", queryset=ArticleAuthor.objects.select_related("author"))
        )

    def for_cards(self):
        """With what an article card shows: its authors, and its lead image with the renditions
        already made (``components/article_card.html``), in a fixed number of queries."""
        return self.with_authors().select_related("lead_image").prefetch_related("lead_image__renditions")

    def with_topics(self):
        return self.prefetch_related(*names.TAG_KEYS)

    def by_author(self, author):
        return self.filter(article_authors__author=author)

    def dated_between(self, start=None, end=None):
        """Articles whose date (else their first publication's) is within ``start`` … ``end``,
        both included; either may be ``None`` (no bound)."""
        queryset = self.annotate(display_day=Coalesce("date", TruncDate("first_published_at")))
        if start:
            queryset = queryset.filter(display_day__gte=start)
        if end:
            queryset = queryset.filter(display_day__lte=end)
        return queryset

    def tagged_with(self, vocabulary_key, topic):
        """Articles carrying ``topic`` (a region: any of its countries)."""
        return self.filter(pk__in=tagged_ids(vocabulary_key, topic))

    def top_topics(self, vocabulary, limit):
        """The ``limit`` topics of ``vocabulary`` most often on these articles, with their
        ``article_count``, in one query."""
        path = (
            "countries__tagged_items__content_object"
            if vocabulary.key == names.REGIONS
            else "tagged_items__content_object"
        )
        return (
            vocabulary.topics()
            .filter(**{f"{path}__in": self.order_by().values("pk")})
            .annotate(article_count=Count(path, distinct=True))
            .order_by("-article_count", "name")[:limit]
        )

    def related_to(self, article, topics, window=None):
        """Other articles ranked by the topics they share with ``article`` (``topics``:
        ``{vocabulary key: [topic, …]}``), among the ``RELATED_WINDOW`` articles either side of
        it by date (``window``: read from the date index, then looked up by id, so the cost
        does not grow with the number of articles).

        Each shared initiative scores 3, sector 2, country 1 (``RELATED_WEIGHTS``), the subject
        country (on most articles) 0; ties go to the newer article.
        """
        scores = []
        for key, weight in RELATED_WEIGHTS:
            tag_ids = [
                topic.pk
                for topic in topics.get(key, ())
                if getattr(topic, "alpha2", None) != settings.SUBJECT_COUNTRY
            ]
            if not tag_ids:
                continue
            shared = (
                TOPIC_LINKS[key]
                .objects.filter(tag_id__in=tag_ids, content_object=OuterRef("pk"))
                .order_by()
                .values("content_object")
                .annotate(n=Count("pk"))
                .values("n")
            )
            scores.append(Value(weight) * Coalesce(Subquery(shared, output_field=IntegerField()), 0))
        if not scores:
            return self.none()
        return (
            self.filter(among("pk", (window or self.window(article)).ids))
            .exclude(pk=article.pk)
            .annotate(relatedness=reduce(operator.add, scores))
            .filter(relatedness__gt=0)
            .order_by("-relatedness", "-date", "-first_published_at", "-pk")
        )

    def beside(self, article, later):
        """``(dated, undated)``: these articles after (``later``) or before ``article`` by its
        ``display_date``, nearest first, ties broken by publication time, then id -- as two
        keyset queries, one on the articles' date (indexed), one on the first publication time of
        those without a date (indexed), so each reads only the rows it returns."""
        day, published = article.display_date, article.first_published_at or timezone.now()
        op, sign = ("gt", "") if later else ("lt", "-")
        pk = article.pk or 0
        same_day_after = Q(**{f"first_published_at__{op}": published}) | Q(
            first_published_at=published, **{f"pk__{op}": pk}
        )
        # The bounds on ``date`` and ``first_published_at`` alone let each index range start at
        # the article instead of at one end of the table.
        dated = self.filter(
            Q(**{f"date__{op}e": day}) & (Q(**{f"date__{op}": day}) | Q(date=day) & same_day_after)
        )
        start = timezone.make_aware(datetime.datetime.combine(day, datetime.time()))
        end = start + datetime.timedelta(days=1)
        other_days = Q(first_published_at__gte=end) if later else Q(first_published_at__lt=start)
        bound = {"first_published_at__gte": start} if later else {"first_published_at__lt": end}
        undated = self.filter(
            Q(date__isnull=True, **bound)
            & (other_days | Q(first_published_at__gte=start, first_published_at__lt=end) & same_day_after)
        )
        order = [f"{sign}first_published_at", f"{sign}pk"]
        return (
            dated.defer_streamfields().order_by(f"{sign}date", *order),
            undated.defer_streamfields().order_by(*order),
        )

    def window(self, article, size=None):
        """The ``size`` (``RELATED_WINDOW``) dated and undated articles either side of ``article``
        by date (``beside``), in one query where the database can combine limited queries: their
        ids, the first and last day they span (``article``'s included), whether any of the four
        ran out before ``size`` (``open_sides``: ``(dated, later)`` pairs), holding every article of
        that kind on that side, which one coming before them all would join; and the nearest
        article on each side (``older``, ``newer``: the page's previous and next)."""
        size = size or RELATED_WINDOW
        parts = [
            queryset.annotate(part=Value(n)).values_list("pk", "date", "first_published_at", "part")[:size]
            for n, queryset in enumerate(
                side for later in (False, True) for side in self.beside(article, later)
            )
        ]
        if connection.features.supports_slicing_ordering_in_compound:
            rows = list(parts[0].union(*parts[1:], all=True))
        else:
            rows = [row for part in parts for row in part]
        found = Counter(part for *_, part in rows)
        # Each article's place by date, as ``beside`` orders them (display date, first publication
        # time, id), and its part: 0 and 1 are before ``article``, 2 and 3 after.
        places = [((date or published.date(), published, pk), part) for pk, date, published, part in rows]
        days = [place[0] for place, _ in places]
        if article.display_date:
            days.append(article.display_date)
        older = max((place for place, part in places if part < 2), default=None)
        newer = min((place for place, part in places if part >= 2), default=None)
        return Window(
            ids=[pk for pk, *_ in rows],
            first_day=min(days, default=None),
            last_day=max(days, default=None),
            # parts 0 and 2 are the dated ones
            open_sides=frozenset((n % 2 == 0, n >= 2) for n in range(4) if found[n] < size),
            older=older[2] if older else None,
            newer=newer[2] if newer else None,
        )


class Window(NamedTuple):
    ids: list
    first_day: datetime.date | None
    last_day: datetime.date | None
    open_sides: frozenset  # (dated, later): (True, False) is the older dated articles
    older: int | None = None  # the id of the nearest article before, by date
    newer: int | None = None  # and after


ArticlePageManager = PageManager.from_queryset(ArticlePageQuerySet)


class SectionPage(Page):
    """A page the site has one of, with an introduction, that lists articles."""

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    max_count = 1

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.listing(request))
        return context


class HomePage(SectionPage):
    introduction = models.TextField(
        blank=True, help_text="A sentence or two under the site name on the home page."
    )
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["briefings.BriefingIndexPage", "about.AboutPage", "about.ContactPage"]
    template = "pages/home_page.html"

    def listing(self, request):
        return presenters.home(
            request,
            articles=ArticlePage.objects.visible(),
            briefings_index=BriefingIndexPage.objects.live().first(),
        )


class BriefingIndexPage(SectionPage):
    introduction = models.TextField(blank=True)
    parent_page_types = ["briefings.HomePage"]
    subpage_types = ["briefings.ArticlePage"]
    template = "pages/briefing_index_page.html"

    def listing(self, request):
        articles = ArticlePage.objects.visible().child_of(self).newest_first().for_cards()
        return presenters.briefing_index(request, articles)


class ArticleAuthor(Orderable):
    """Ordered byline entry: an article's n-th author."""

    page = ParentalKey("briefings.ArticlePage", on_delete=models.CASCADE, related_name="article_authors")
    author = models.ForeignKey(Author, on_delete=models.PROTECT, related_name="article_links")

    panels = [FieldPanel("author")]

    class Meta(Orderable.Meta):
        constraints = [models.UniqueConstraint(fields=["page", "author"], name="unique_article_author")]


def _topic_link(class_name, tag_model, short):
    """The link model between articles and one vocabulary, e.g. ``ArticleCountry``.

    Its table keeps the name it had when these models lived in the taxonomy app."""
    meta = type(
        "Meta",
        (),
        {
            "db_table": f"taxonomy_article{short}",
            "constraints": [
                models.UniqueConstraint(fields=["content_object", "tag"], name=f"unique_article_{short}")
            ],
            "indexes": [models.Index(fields=["tag", "content_object"], name=f"article_{short}_tag_idx")],
        },
    )
    return type(
        class_name,
        (TaggedItemBase,),
        {
            "__module__": __name__,
            "__doc__": f"An article tagged with a {short}.",
            "tag": models.ForeignKey(tag_model, on_delete=models.CASCADE, related_name="tagged_items"),
            "content_object": ParentalKey(
                "briefings.ArticlePage", on_delete=models.CASCADE, related_name=f"{short}_items"
            ),
            "Meta": meta,
        },
    )


ArticleCountry = _topic_link("ArticleCountry", Country, "country")
ArticleInitiative = _topic_link("ArticleInitiative", Initiative, "initiative")
ArticleSector = _topic_link("ArticleSector", Sector, "sector")
TOPIC_LINKS = {
    names.COUNTRIES: ArticleCountry,
    names.INITIATIVES: ArticleInitiative,
    names.SECTORS: ArticleSector,
}


@functools.cache
def article_tables():
    """The tables saving or deleting one article writes that readers' pages are built from: its
    rows, its topic links and byline, the topic statistics."""
    models_ = [Page, ArticlePage, ArticleAuthor, *TOPIC_LINKS.values(), *STATS_MODELS]
    return frozenset(model._meta.db_table.lower() for model in models_)


def topic_links(vocabulary_key):
    """Rows (tag_id, content_object_id) linking articles to a vocabulary's topics; a region's are
    its countries' links."""
    if vocabulary_key == names.REGIONS:
        return ArticleCountry.objects.filter(tag__region__isnull=False)
    return TOPIC_LINKS[vocabulary_key].objects.all()


def topic_field(vocabulary_key):
    """The field of a ``topic_links`` row that names the topic."""
    return "tag__region_id" if vocabulary_key == names.REGIONS else "tag_id"


def tagged_ids(vocabulary_key, topic):
    """Subquery of the ids of the articles (any status) carrying ``topic``."""
    field = topic_field(vocabulary_key)
    return topic_links(vocabulary_key).filter(**{field: topic.pk}).values("content_object_id")


class ArticlePermissionTester(PagePermissionTester):
    """Only those who may publish an article may delete or move it: Wagtail's "add" permission
    would let a fellow delete their own drafts, and the admin would offer it."""

    def can_delete(self, ignore_bulk=False):
        return self.can_publish() and super().can_delete(ignore_bulk)

    def can_move(self):
        return self.can_publish() and super().can_move()


class ArticlePage(Page):
    kind = models.CharField(max_length=20, choices=ArticleKind.choices, blank=True)
    standfirst = models.TextField(blank=True, help_text="One or two sentences summarising the piece.")
    date = models.DateField(
        null=True, blank=True, help_text="The piece's own date (not when it was published here)."
    )
    source_name = models.CharField(
        "originally published by", max_length=200, blank=True, help_text="Outlet name, e.g. TN Media News"
    )
    source_url = models.URLField("original URL", blank=True, help_text="Becomes the canonical link.")
    lead_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    lead_image_alt = models.CharField(
        "lead image alt text",
        max_length=300,
        blank=True,
        help_text="What the lead image shows, for readers who cannot see it. Required with a lead image, "
        "unless the image has a description in the image library.",
    )
    body = StreamField(ArticleStreamBlock(), blank=True)
    # Set by the plain-text importer: where it came from and a hash of what it imported, so a
    # re-import of the same text is recognised as unchanged. ``import_key`` is the article's
    # import identity (a hash of the source file's absolute path, given at its first import):
    # empty for articles written in the admin, which an import never touches. It belongs to the
    # page, not to a revision (see ``with_content_json``), and a copy of the page has none.
    import_path = models.CharField(max_length=1000, blank=True, editable=False)
    import_hash = models.CharField(max_length=64, blank=True, editable=False, db_index=True)
    import_key = models.CharField(max_length=64, blank=True, default="", editable=False)
    # Email alerts (briefings.alerts) go out at an article's first publication unless this is ticked.
    skip_alerts = models.BooleanField(
        "don't email subscribers",
        default=False,
        help_text="Tick before publishing to publish without an email alert to those who follow its "
        "topics, authors or the site. Alerts go out only when an article is first published.",
    )

    countries = ClusterTaggableManager(through=ArticleCountry, blank=True, related_name="articles")
    initiatives = ClusterTaggableManager(through=ArticleInitiative, blank=True, related_name="articles")
    sectors = ClusterTaggableManager(through=ArticleSector, blank=True, related_name="articles")

    objects = ArticlePageManager()
    base_form_class = ArticlePageForm

    content_panels = Page.content_panels + [
        FieldPanel("kind"),
        FieldPanel("standfirst"),
        InlinePanel("article_authors", label="Authors", heading="Authors"),
        FieldPanel("date"),
        MultiFieldPanel([FieldPanel("source_name"), FieldPanel("source_url")], heading="Source"),
        MultiFieldPanel([FieldPanel("lead_image"), FieldPanel("lead_image_alt")], heading="Lead image"),
        FieldPanel("body"),
    ]
    topic_panels = [
        HelpPanel(template="taxonomy/admin/suggest_panel.html", heading="Suggest topics"),
        # Labels and help text: ``forms.ArticlePageForm``.
        FieldPanel("countries"),
        FieldPanel("initiatives"),
        FieldPanel("sectors"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading="Content"),
            ObjectList(topic_panels, heading="Topics"),
            ObjectList(Page.promote_panels, heading="Promote"),
            ObjectList([*Page.settings_panels, FieldPanel("skip_alerts")], heading="Settings"),
        ]
    )
    search_fields = Page.search_fields + [
        index.SearchField("standfirst"),
        index.SearchField("body"),
        index.SearchField("search_month"),
        index.SearchField("search_topics"),
        index.FilterField("date"),
    ]
    parent_page_types = ["briefings.BriefingIndexPage"]
    subpage_types = []
    template = "pages/article_page.html"

    exclude_fields_in_copy = ["import_path", "import_hash", "import_key"]

    class Meta:
        indexes = [models.Index(fields=["-date"], name="article_date_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["import_key"], condition=~Q(import_key=""), name="unique_article_import_key"
            )
        ]

    def permissions_for_user(self, user):
        return ArticlePermissionTester(user, self)

    def clean(self):
        super().clean()
        if self.lead_image_id and not self.lead_image_alt_text:
            raise ValidationError(
                {
                    "lead_image_alt": "Describe the lead image (or give the image a description in the "
                    "image library): readers who cannot see it hear this text."
                }
            )

    def search_month(self):
        """The month word of the search index (``indexing.month_word``)."""
        return month_word(self.date)

    @classmethod
    def get_indexed_objects(cls):
        """With their topics, which ``search_topics`` reads: rebuilding the index (``update_index``,
        ``indexing.reindex``) reads them once per vocabulary for a batch, not once per article."""
        return super().get_indexed_objects().prefetch_related(*TOPIC_LINKS)

    def get_indexed_instance(self):
        """With its topics: Wagtail indexes a saved article from a fresh copy, and its PostgreSQL
        backend reads every search field once for each column of the row (five times), so that
        ``search_topics`` would otherwise query each vocabulary's links five times per save."""
        instance = super().get_indexed_instance()
        if instance is not None:
            prefetch_related_objects([instance], *TOPIC_LINKS)
        return instance

    def search_topics(self):
        """The topic words of the search index (``indexing.topic_word``), from the links saved."""
        return topic_words((key, topic.pk) for key in TOPIC_LINKS for topic in getattr(self, key).all())

    @property
    def lead_image_alt_text(self):
        """What the lead image shows, for readers who cannot see it: this article's alt text, else
        the image's own description (Wagtail's default alt text; never its title, a file name)."""
        if not self.lead_image_id:
            return ""
        return self.lead_image_alt.strip() or (self.lead_image.description or "").strip()

    def save(self, *args, **kwargs):
        if self.date is None and self.live:
            # A published piece always has a date (listings sort on it): the day it was first
            # published when the writer left it empty.
            self.date = self.display_date or timezone.localdate()
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "date"}
        # One transaction: the page, its topic links and byline (written after its row), and its
        # statistics commit together, and readers' pages are renewed once, not after each step.
        with transaction.atomic(), freshness.writing(ArticleWrite(self, article_tables())):
            result = super().save(*args, **kwargs)
            update_fields = kwargs.get("update_fields")
            if update_fields is None or COUNTED_FIELDS.intersection(update_fields):
                article_saved.send(sender=type(self), instance=self)
        return result

    def delete(self, *args, **kwargs):
        with transaction.atomic(), freshness.writing(ArticleWrite(self, article_tables())):
            return super().delete(*args, **kwargs)

    def with_content_json(self, content):
        """Publishing or restoring a revision (even one saved before ``import_key`` existed) keeps
        the page's import identity."""
        page = super().with_content_json(content)
        page.import_key = self.import_key
        return page

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(presenters.article(self, request))
        return context

    @property
    def authors(self):
        links = self.article_authors.all()
        if "article_authors" not in getattr(self, "_prefetched_objects_cache", {}):
            links = links.select_related("author")
        return [link.author for link in links]

    @property
    def canonical_url(self):
        return self.source_url or self.full_url

    @property
    def summary(self):
        """The standfirst, or the opening of the body, for cards and feeds."""
        if self.standfirst:
            return self.standfirst
        # Cards show it for every article of a listing: read up to the first paragraph only.
        first = next(body_paragraphs(self.body, types=("paragraph",)), "")
        return Truncator(first).words(45) if first else ""

    def default_date(self):
        """The Date the article form and the importer fill in when a piece gives none: the day it
        was first published here, else today."""
        published = self.first_published_at
        return timezone.localdate(published) if published else timezone.localdate()

    @property
    def display_date(self):
        return self.date or (self.first_published_at.date() if self.first_published_at else None)

    @property
    def word_count(self):
        """Words a reader reads in the body: paragraphs, headings, quotes and captions."""
        return sum(len(text.split()) for text in body_paragraphs(self.body, captions=True))

    @property
    def reading_minutes(self):
        return max(1, math.ceil(self.word_count / WORDS_PER_MINUTE))

    def topics_by_key(self):
        """``{vocabulary key: [topic, …]}`` for the tag vocabularies (one query each)."""
        return {key: list(getattr(self, key).all()) for key in names.TAG_KEYS}
