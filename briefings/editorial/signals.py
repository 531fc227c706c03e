from wagtail.signals import init_new_page

from .bylines import start_with_own_byline


def byline_for_new_article(sender, page, parent, **kwargs):
    start_with_own_byline(page, page.owner)


def connect_signals():
    init_new_page.connect(byline_for_new_article, dispatch_uid="briefings_byline_for_new_article")
