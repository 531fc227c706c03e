"""The publication's identity, edited under **Settings › Identity** (a Wagtail site setting):
what readers see of the organisation in the header, the footer, link previews, JSON-LD, feeds and
emails. Read it through ``briefings.core.identity.identity_for``, never from this model directly.
"""

from django.core.exceptions import ValidationError
from django.db import models

from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

DEFAULT_NAME = "Briefings"
DEFAULT_DESCRIPTION = (
    "Analysis of China's bilateral relations and its global initiatives, by country, initiative and sector."
)


@register_setting(icon="site")
class SiteIdentity(BaseSiteSetting):
    name = models.CharField(
        "organisation name",
        max_length=100,
        default=DEFAULT_NAME,
        help_text="The wordmark and publisher name.",
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Shown in the header; the favicon and app icons are made from it. A square image of at "
        "least 512 × 512 pixels (PNG, or SVG) works best.",
    )
    description = models.TextField(
        "short description",
        max_length=300,
        default=DEFAULT_DESCRIPTION,
        help_text="One or two sentences: the footer, the home page's link preview and the feeds.",
    )
    address = models.TextField(blank=True, help_text="Postal address, one line per line.")
    email = models.EmailField("contact email", blank=True)
    phone = models.CharField("contact phone", max_length=50, blank=True)
    x_url = models.URLField("X (Twitter)", blank=True)
    linkedin_url = models.URLField("LinkedIn", blank=True)
    facebook_url = models.URLField("Facebook", blank=True)
    youtube_url = models.URLField("YouTube", blank=True)
    bluesky_url = models.URLField("Bluesky", blank=True)
    share_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="default share image",
        help_text="Link previews of pages without an image of their own use it (cropped to 1200 × 630).",
    )
    about_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Linked from the header and the footer.",
    )
    contact_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Linked from the footer.",
    )
    share_image_alt = models.CharField(
        "default share image alt text",
        max_length=300,
        blank=True,
        help_text="Describe the share image for people who cannot see it.",
    )

    select_related = ["logo", "share_image", "about_page", "contact_page"]

    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("logo"), FieldPanel("description")], heading="Organisation"
        ),
        MultiFieldPanel([FieldPanel("address"), FieldPanel("email"), FieldPanel("phone")], heading="Contact"),
        MultiFieldPanel(
            [
                PageChooserPanel("about_page", "about.AboutPage"),
                PageChooserPanel("contact_page", "about.ContactPage"),
            ],
            heading="About and Contact pages",
        ),
        MultiFieldPanel(
            [
                FieldPanel("x_url"),
                FieldPanel("linkedin_url"),
                FieldPanel("facebook_url"),
                FieldPanel("youtube_url"),
                FieldPanel("bluesky_url"),
            ],
            heading="Social links",
        ),
        MultiFieldPanel([FieldPanel("share_image"), FieldPanel("share_image_alt")], heading="Link previews"),
    ]

    class Meta:
        verbose_name = "identity"
        verbose_name_plural = "identity"

    # The social links in the order the footer shows them: (field, label).
    SOCIAL_FIELDS = (
        ("x_url", "X"),
        ("linkedin_url", "LinkedIn"),
        ("facebook_url", "Facebook"),
        ("youtube_url", "YouTube"),
        ("bluesky_url", "Bluesky"),
    )

    def clean(self):
        super().clean()
        if self.share_image_id and not self.share_image_alt.strip():
            raise ValidationError(
                {"share_image_alt": "Describe the share image: link previews show this text."}
            )
