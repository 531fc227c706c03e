"""Page models (home, briefings index, article) and the ``Author`` snippet."""

import math
import operator
import re
from functools import reduce
from html import unescape

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, TruncDate
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator, slugify

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
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

from taxonomy.models import ArticleCountry, ArticleInitiative, ArticleSector
from taxonomy.vocabularies import COUNTRIES, INITIATIVES, SECTORS, TAG_VOCABULARIES

from . import citations
from .blocks import ArticleStreamBlock
from .forms import ArticlePageForm

ARTICLES_PER_PAGE = 20
WORDS_PER_MINUTE = 200
RELATED_ARTICLES = 4
# How much a shared topic says about two articles being related: an initiative is specific, a
# country (China is on most articles) much less so.
RELATED_WEIGHTS = ((INITIATIVES, 3), (SECTORS, 2), (COUNTRIES, 1))


class ArticleKind(models.TextChoices):
    ANALYSIS = "analysis", "Analysis"
    COMMENTARY = "commentary", "Commentary"
    OP_ED = "op-ed", "Op-Ed"
    BRIEF = "brief", "Brief"
    EDITORIAL = "editorial", "Editorial"
    REPORT = "report", "Report"
    NEWS = "news", "News"


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


def unique_author_slug(name, exclude_pk=None):
    base = slugify(name, allow_unicode=True)[:200] or "author"
    slug, n = base, 2
    taken = Author.objects.exclude(pk=exclude_pk)
    while taken.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def not_expired():
    """Pages whose expiry time has not passed (a page stays ``live`` until ``publish_scheduled``
    runs, but readers must not see it after its expiry)."""
    return Q(expire_at__isnull=True) | Q(expire_at__gt=timezone.now())


class ArticlePageQuerySet(PageQuerySet):
    def visible(self):
        """What a reader may see: live, public and not past its expiry (even before
        ``publish_scheduled`` has run)."""
        return self.live().public().filter(not_expired())

    def newest_first(self):
        return self.order_by("-date", "-first_published_at", "-pk")

    def with_authors(self):
        return self.prefetch_related("article_authors__author")

    def with_topics(self):
        return self.prefetch_related("countries", "initiatives", "sectors")


ArticlePageManager = PageManager.from_queryset(ArticlePageQuerySet)


def paginate(request, queryset, per_page=ARTICLES_PER_PAGE):
    """Page ``?page=N`` of a queryset; 404 past the end or for a malformed number."""
    paginator = Paginator(queryset, per_page)
    number = request.GET.get("page", 1)
    try:
        return paginator.page(number)
    except (EmptyPage, PageNotAnInteger) as exc:
        raise Http404("No such page") from exc


class HomePage(Page):
    introduction = models.TextField(
        blank=True, help_text="A sentence or two under the site name on the home page."
    )

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["briefings.BriefingIndexPage"]
    max_count = 1
    template = "pages/home_page.html"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        visible = ArticlePage.objects.visible()
        context["latest_articles"] = visible.newest_first().with_authors()[:8]
        context["briefings_index"] = BriefingIndexPage.objects.live().first()
        from taxonomy.hubs import topic_counts

        from .seo import website_json_ld

        context["active_topics"] = [(v, topic_counts(v, visible=visible)[:8]) for v in TAG_VOCABULARIES]
        context["json_ld"] = website_json_ld(request)
        return context


class BriefingIndexPage(Page):
    introduction = models.TextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["briefings.HomePage"]
    subpage_types = ["briefings.ArticlePage"]
    max_count = 1
    template = "pages/briefing_index_page.html"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        articles = ArticlePage.objects.visible().child_of(self).newest_first().with_authors()
        context["articles"] = paginate(request, articles)
        return context


class ArticleAuthor(Orderable):
    """Ordered byline entry: an article's n-th author."""

    page = ParentalKey("briefings.ArticlePage", on_delete=models.CASCADE, related_name="article_authors")
    author = models.ForeignKey(Author, on_delete=models.PROTECT, related_name="article_links")

    panels = [FieldPanel("author")]

    class Meta(Orderable.Meta):
        constraints = [models.UniqueConstraint(fields=["page", "author"], name="unique_article_author")]


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
    body = StreamField(ArticleStreamBlock(), blank=True)
    # Set by the plain-text importer: where it came from and a hash of what it imported, so a
    # re-import of the same text is recognised as unchanged.
    import_path = models.CharField(max_length=1000, blank=True, editable=False)
    import_hash = models.CharField(max_length=64, blank=True, editable=False, db_index=True)

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
        FieldPanel("lead_image"),
        FieldPanel("body"),
    ]
    topic_panels = [
        HelpPanel(template="taxonomy/admin/suggest_panel.html", heading="Suggest topics"),
        FieldPanel("countries", help_text="Countries the article is about (not the author's)."),
        FieldPanel("initiatives"),
        FieldPanel("sectors", help_text="Only sectors the article discusses substantively."),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading="Content"),
            ObjectList(topic_panels, heading="Topics"),
            ObjectList(Page.promote_panels, heading="Promote"),
            ObjectList(Page.settings_panels, heading="Settings"),
        ]
    )
    search_fields = Page.search_fields + [
        index.SearchField("standfirst"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]
    parent_page_types = ["briefings.BriefingIndexPage"]
    subpage_types = []
    template = "pages/article_page.html"

    class Meta:
        indexes = [models.Index(fields=["-date"], name="article_date_idx")]

    def permissions_for_user(self, user):
        return ArticlePermissionTester(user, self)

    def get_context(self, request, *args, **kwargs):
        from . import seo

        context = super().get_context(request, *args, **kwargs)
        authors = self.authors
        topics = self.topics_by_vocabulary()
        context["authors"] = authors
        context["topic_groups"] = [(vocabulary.label, topics[vocabulary]) for vocabulary in TAG_VOCABULARIES]
        context["related_articles"] = self.related_articles(topics)
        context["older_article"], context["newer_article"] = self.neighbours()
        citation = self.citation(request, authors)
        context["citations"] = [(key, label, style(citation)) for key, label, style in citations.STYLES]
        context["meta"] = seo.article_meta(self, request, authors, topics)
        context["json_ld"] = seo.article_json_ld(self, request, authors, topics)
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
        for block in self.body:
            if block.block_type == "paragraph":
                return Truncator(_text_of(block.value.source)).words(45)
        return ""

    @property
    def display_date(self):
        return self.date or (self.first_published_at.date() if self.first_published_at else None)

    @property
    def word_count(self):
        """Words a reader reads in the body: paragraphs, headings, quotes and captions."""
        words = 0
        for block in self.body:
            if block.block_type == "paragraph":
                text = _text_of(block.value.source)
            elif block.block_type in ("heading", "quote"):
                text = block.value["text"]
            elif block.block_type == "image":
                text = block.value["caption"]
            else:
                continue
            words += len(text.split())
        return words

    @property
    def reading_minutes(self):
        return max(1, math.ceil(self.word_count / WORDS_PER_MINUTE))

    def topics_by_vocabulary(self):
        """``{vocabulary: [topic, …]}`` for the tag vocabularies (one query each)."""
        return {
            vocabulary: list(getattr(self, vocabulary.article_field).all()) for vocabulary in TAG_VOCABULARIES
        }

    def related_articles(self, topics=None, limit=RELATED_ARTICLES):
        """Other visible articles ranked by the topics they share with this one.

        Each shared initiative scores 3, sector 2, country 1 (``RELATED_WEIGHTS``); ties go to the
        newer article. One query for the ranking, whatever the number of candidates.
        """
        topics = topics if topics is not None else self.topics_by_vocabulary()
        scores, candidates = [], Q()
        for vocabulary, weight in RELATED_WEIGHTS:
            tag_ids = [topic.pk for topic in topics.get(vocabulary, ())]
            if not tag_ids:
                continue
            links = vocabulary.through.objects.filter(tag_id__in=tag_ids)
            shared = (
                links.filter(content_object=OuterRef("pk"))
                .order_by()
                .values("content_object")
                .annotate(n=Count("pk"))
                .values("n")
            )
            scores.append(Value(weight) * Coalesce(Subquery(shared, output_field=IntegerField()), 0))
            candidates |= Q(pk__in=links.values("content_object_id"))
        if not scores:
            return []
        return list(
            ArticlePage.objects.visible()
            .filter(candidates)
            .exclude(pk=self.pk)
            .annotate(relatedness=reduce(operator.add, scores))
            .order_by("-relatedness", "-date", "-first_published_at", "-pk")
            .with_authors()[:limit]
        )

    def neighbours(self):
        """``(older, newer)``: the visible articles either side of this one in its index, by date."""
        day = self.display_date
        if day is None:
            return None, None
        published = self.first_published_at or timezone.now()
        siblings = (
            ArticlePage.objects.visible()
            .sibling_of(self, inclusive=False)
            .annotate(day=Coalesce("date", TruncDate("first_published_at")))
            .defer_streamfields()
        )
        older = siblings.filter(
            Q(day__lt=day)
            | Q(day=day, first_published_at__lt=published)
            | Q(day=day, first_published_at=published, pk__lt=self.pk or 0)
        ).order_by("-day", "-first_published_at", "-pk")
        newer = siblings.filter(
            Q(day__gt=day)
            | Q(day=day, first_published_at__gt=published)
            | Q(day=day, first_published_at=published, pk__gt=self.pk or 0)
        ).order_by("day", "first_published_at", "pk")
        return older.first(), newer.first()

    def citation(self, request=None, authors=None):
        authors = authors if authors is not None else self.authors
        return citations.Citation.build(
            title=self.title,
            url=self.get_full_url(request),
            author_names=[author.name for author in authors],
            date=self.display_date,
            original_outlet=self.source_name,
        )


_BLOCK_TAG = re.compile(r"</?(?:p|li|ul|ol|h[1-6]|div|blockquote|br)\b[^>]*>", re.IGNORECASE)


def _text_of(html):
    """Plain text of stored rich text; words in adjacent paragraphs or list items stay apart."""
    return " ".join(unescape(strip_tags(_BLOCK_TAG.sub(" ", html))).split())
