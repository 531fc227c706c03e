"""Page models (home, briefings index, article) and the ``Author`` snippet."""

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator, slugify

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from taxonomy.models import ArticleCountry, ArticleInitiative, ArticleSector

from .blocks import ArticleStreamBlock
from .forms import ArticlePageForm

ARTICLES_PER_PAGE = 20


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


class ArticlePageQuerySet(PageQuerySet):
    def visible(self):
        """What a reader may see: live, public and not past its expiry (even before
        ``publish_scheduled`` has run)."""
        now = timezone.now()
        return self.live().public().filter(Q(expire_at__isnull=True) | Q(expire_at__gt=now))

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
        context["latest_articles"] = ArticlePage.objects.visible().newest_first().with_authors()[:8]
        context["briefings_index"] = BriefingIndexPage.objects.live().first()
        from taxonomy.hubs import topic_counts
        from taxonomy.vocabularies import TAG_VOCABULARIES

        context["active_topics"] = [(v, topic_counts(v)[:8]) for v in TAG_VOCABULARIES]
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

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["topic_groups"] = [
            ("Countries", self.countries.all()),
            ("Initiatives", self.initiatives.all()),
            ("Sectors", self.sectors.all()),
        ]
        return context

    @property
    def authors(self):
        return [link.author for link in self.article_authors.all()]

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
                return Truncator(strip_tags(str(block.value))).words(45)
        return ""

    @property
    def display_date(self):
        return self.date or (self.first_published_at.date() if self.first_published_at else None)
