"""The About page (who the centre is: a body and the people who lead it) and the Contact page
(how to reach it). The organisation's address, email and phone are kept once, in Settings ›
Identity (``briefings.core.identity``); the Contact page shows them from there."""

from django.db import models

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from briefings.articles.blocks import ArticleStreamBlock
from briefings.articles.models import Author


class AboutPage(Page):
    introduction = models.TextField(blank=True, help_text="A sentence or two under the title.")
    body = StreamField(ArticleStreamBlock(), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        FieldPanel("body"),
        InlinePanel("people", label="Person", heading="People shown on the page"),
    ]
    search_fields = Page.search_fields + [index.SearchField("introduction"), index.SearchField("body")]
    parent_page_types = ["briefings.HomePage"]
    subpage_types = []
    max_count = 1
    template = "pages/about_page.html"

    @property
    def authors(self):
        return [link.author for link in self.people.select_related("author__photo")]


class AboutPagePerson(Orderable):
    page = ParentalKey(AboutPage, on_delete=models.CASCADE, related_name="people")
    author = models.ForeignKey(Author, on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("author")]


class ContactPage(Page):
    introduction = models.TextField(blank=True, help_text="A sentence or two under the title.")
    body = RichTextField(
        blank=True,
        features=["bold", "italic", "link", "ul", "ol"],
        help_text="Further details: whom to write to about what, press enquiries, visiting. The address, email "
        "and phone come from Settings › Identity.",
    )

    content_panels = Page.content_panels + [FieldPanel("introduction"), FieldPanel("body")]
    parent_page_types = ["briefings.HomePage"]
    subpage_types = []
    max_count = 1
    template = "pages/contact_page.html"
