"""Controlled vocabularies (country, initiative, sector) and regions.

Each vocabulary is a django-taggit tag model with ``free_tagging = False``: authors pick from the
list in Wagtail's tag widget and cannot invent new topics. Aliases, demonyms and keywords are
editable data that the topic suggester reads. The links from articles to topics are the articles'
(``briefings.articles.models``): this app knows nothing of articles.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from taggit.models import TagBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PageChooserPanel
from wagtail.search import index

from . import names


def split_lines(text):
    """Editors type one alias per line (commas also accepted)."""
    return [item.strip() for line in (text or "").splitlines() for item in line.split(",") if item.strip()]


# Featured articles are chosen among article pages (named, not imported: articles depend on
# this app, not the other way round).
FEATURED_PAGE_TYPE = "briefings.ArticlePage"
FEATURED_FIELDS = ("featured_1", "featured_2", "featured_3")


class Region(models.Model):
    """A UN M49 sub-region; its hub gathers the articles of its countries."""

    vocabulary = names.REGIONS

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    continent = models.CharField(max_length=50, blank=True)
    introduction = models.TextField(blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("continent"), FieldPanel("introduction")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def hub_url(self):
        return reverse("taxonomy:hub", kwargs={"vocabulary": self.vocabulary, "slug": self.slug})

    get_absolute_url = hub_url
    featured_ids = ()


class Topic(index.Indexed, TagBase):
    """Shared fields of the three vocabularies: a hub introduction and up to three featured articles."""

    free_tagging = False
    vocabulary = ""  # set by subclasses: the URL segment of the vocabulary
    code_field = "slug"  # the field that is the topic's short code

    introduction = models.TextField(blank=True, help_text="Shown at the top of this topic's hub page.")
    featured_1 = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    featured_2 = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    featured_3 = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    hub_panels = [
        FieldPanel("introduction"),
        MultiFieldPanel(
            [PageChooserPanel(name, page_type=FEATURED_PAGE_TYPE) for name in FEATURED_FIELDS],
            heading="Featured articles",
        ),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        abstract = True
        ordering = ["name"]

    def hub_url(self):
        return reverse("taxonomy:hub", kwargs={"vocabulary": self.vocabulary, "slug": self.slug})

    get_absolute_url = hub_url

    @property
    def code(self):
        """How the importer and the API name the topic: ISO code, acronym or slug."""
        return getattr(self, self.code_field)

    @property
    def featured_ids(self):
        return [pk for pk in (self.featured_1_id, self.featured_2_id, self.featured_3_id) if pk]

    def clean(self):
        super().clean()
        app_label, model = FEATURED_PAGE_TYPE.lower().split(".")
        for name in FEATURED_FIELDS:
            page = getattr(self, name)
            if page is not None and (page.content_type.app_label, page.content_type.model) != (
                app_label,
                model,
            ):
                raise ValidationError({name: "Choose an article."})


class Country(Topic):
    vocabulary = names.COUNTRIES

    alpha2 = models.CharField("ISO alpha-2 code", max_length=2, unique=True)
    alpha3 = models.CharField("ISO alpha-3 code", max_length=3, blank=True)
    official_name = models.CharField(max_length=200, blank=True)
    region = models.ForeignKey(
        Region, null=True, blank=True, on_delete=models.SET_NULL, related_name="countries"
    )
    aliases = models.TextField(
        blank=True, help_text="Other names writers use, one per line (e.g. Burma, Kyrgyz Republic)."
    )
    demonyms = models.TextField(blank=True, help_text="Adjectives and peoples, one per line (e.g. Kazakh).")

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("alpha2"),
        FieldPanel("alpha3"),
        FieldPanel("official_name"),
        FieldPanel("region"),
        FieldPanel("aliases"),
        FieldPanel("demonyms"),
        *Topic.hub_panels,
    ]

    code_field = "alpha2"

    class Meta(Topic.Meta):
        verbose_name_plural = "countries"


class Initiative(Topic):
    vocabulary = names.INITIATIVES

    acronym = models.CharField(max_length=20, unique=True)
    launch_year = models.PositiveSmallIntegerField(null=True, blank=True)
    description = models.TextField(blank=True)
    aliases = models.TextField(
        blank=True, help_text="Other names writers use, one per line (e.g. One Belt One Road)."
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("acronym"),
        FieldPanel("slug"),
        FieldPanel("launch_year"),
        FieldPanel("description"),
        FieldPanel("aliases"),
        *Topic.hub_panels,
    ]

    code_field = "acronym"


class Sector(Topic):
    vocabulary = names.SECTORS

    description = models.TextField(blank=True)
    keywords = models.TextField(
        blank=True,
        help_text=(
            "Words and phrases that signal this sector, one per line, optionally with a weight: "
            "'pipeline: 2'. Used by topic suggestion."
        ),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("keywords"),
        *Topic.hub_panels,
    ]

    code_field = "slug"

    def keyword_weights(self):
        weights = {}
        for line in (self.keywords or "").splitlines():
            phrase, _, weight = line.partition(":")
            phrase = phrase.strip()
            if not phrase:
                continue
            try:
                weights[phrase] = float(weight) if weight.strip() else 1.0
            except ValueError:
                weights[phrase] = 1.0
        return weights


class TopicRedirect(models.Model):
    """An old hub address (after a rename or merge) and the topic it now answers with (301)."""

    vocabulary = models.CharField(max_length=20)
    old_slug = models.SlugField(max_length=100)
    new_slug = models.SlugField(max_length=100)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["vocabulary", "old_slug"], name="unique_topic_redirect")
        ]

    def __str__(self):
        return f"/topics/{self.vocabulary}/{self.old_slug}/ → {self.new_slug}"
