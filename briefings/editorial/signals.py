from django.dispatch import receiver

from wagtail.signals import init_new_page

from .bylines import start_with_own_byline


@receiver(init_new_page, dispatch_uid="briefings_byline_for_new_article")
def byline_for_new_article(sender, page, parent, **kwargs):
    start_with_own_byline(page, page.owner)
