"""Controlled vocabularies (country, initiative, sector), regions, and the article tag links.

Each vocabulary is a django-taggit tag model with ``free_tagging = False``: authors pick from the
list in Wagtail's tag widget and cannot invent new topics. Aliases, demonyms and keywords are
editable data that the topic suggester reads.
"""

from django.db import models
from django.urls import reverse

from modelcluster.fields import ParentalKey
from taggit.models import TagBase, TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PageChooserPanel
from wagtail.search import index


def split_lines(text):
    """Editors type one alias per line (commas also accepted)."""
    return [item.strip() for line in (text or "").splitlines() for item in line.split(",") if item.strip()]


class Region(models.Model):
    """A UN M49 sub-region; its hub gathers the articles of its countries."""

    vocabulary = "regions"

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
        return reverse("taxonomy:hub", kwargs={"vocabulary": "regions", "slug": self.slug})

    get_absolute_url = hub_url
    featured_ids = ()


class Topic(index.Indexed, TagBase):
    """Shared fields of the three vocabularies: a hub introduction and up to three featured articles."""

    free_tagging = False
    vocabulary = ""  # set by subclasses: the URL segment of the vocabulary

    introduction = models.TextField(blank=True, help_text="Shown at the top of this topic's hub page.")
    featured_1 = models.ForeignKey(
        "briefings.ArticlePage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    featured_2 = models.ForeignKey(
        "briefings.ArticlePage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    featured_3 = models.ForeignKey(
        "briefings.ArticlePage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    hub_panels = [
        FieldPanel("introduction"),
        MultiFieldPanel(
            [PageChooserPanel("featured_1"), PageChooserPanel("featured_2"), PageChooserPanel("featured_3")],
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
    def featured_ids(self):
        return [pk for pk in (self.featured_1_id, self.featured_2_id, self.featured_3_id) if pk]


class Country(Topic):
    vocabulary = "countries"

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

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "countries"

    @property
    def code(self):
        return self.alpha2


class Initiative(Topic):
    vocabulary = "initiatives"

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

    class Meta:
        ordering = ["name"]

    @property
    def code(self):
        return self.acronym


class Sector(Topic):
    vocabulary = "sectors"

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

    class Meta:
        ordering = ["name"]

    @property
    def code(self):
        return self.slug

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


class ArticleCountry(TaggedItemBase):
    tag = models.ForeignKey(Country, on_delete=models.CASCADE, related_name="tagged_items")
    content_object = ParentalKey(
        "briefings.ArticlePage", on_delete=models.CASCADE, related_name="country_items"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="unique_article_country")
        ]
        indexes = [models.Index(fields=["tag", "content_object"], name="article_country_tag_idx")]


class ArticleInitiative(TaggedItemBase):
    tag = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="tagged_items")
    content_object = ParentalKey(
        "briefings.ArticlePage", on_delete=models.CASCADE, related_name="initiative_items"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="unique_article_initiative")
        ]
        indexes = [models.Index(fields=["tag", "content_object"], name="article_initiative_tag_idx")]


class ArticleSector(TaggedItemBase):
    tag = models.ForeignKey(Sector, on_delete=models.CASCADE, related_name="tagged_items")
    content_object = ParentalKey(
        "briefings.ArticlePage", on_delete=models.CASCADE, related_name="sector_items"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="unique_article_sector")
        ]
        indexes = [models.Index(fields=["tag", "content_object"], name="article_sector_tag_idx")]


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
