from django.db.models.signals import post_delete, post_migrate, post_save, pre_delete, pre_save

from wagtail.models import PageViewRestriction
from wagtail.signals import post_page_move

from taxonomy import names
from taxonomy.models import Country, Initiative, Sector

from . import stats_updates
from .models import ArticlePage, article_saved
from .setup import apply_site_url


def site_url_after_migrate(sender, app_config=None, **kwargs):
    """``manage.py migrate`` applies ``SITE_URL`` to the Wagtail Site (a deploy step)."""
    if app_config is not None and app_config.label == "briefings":
        apply_site_url()
        stats_updates.count_if_empty()


# Topic statistics (``stats_updates``): each change that may alter what an article contributes
# recomputes that article, in the change's transaction.


def article_changed(sender, instance, **kwargs):
    stats_updates.sync_articles([instance.pk])


def page_moved(sender, instance, **kwargs):
    stats_updates.sync_articles(stats_updates.articles_under(instance))


def restriction_changed(sender, instance, **kwargs):
    stats_updates.sync_articles(stats_updates.articles_under(instance.page))


def topic_deleting(sender, instance, **kwargs):
    instance._tagged_article_ids = stats_updates.articles_tagged(instance.vocabulary, [instance.pk])


def topic_deleted(sender, instance, **kwargs):
    stats_updates.sync_articles(getattr(instance, "_tagged_article_ids", ()))


def country_saving(sender, instance, raw=False, **kwargs):
    """A country moved to another region moves its articles with it."""
    if raw or instance.pk is None:
        return
    before = Country.objects.filter(pk=instance.pk).values_list("region_id", flat=True).first()
    instance._region_changed = before != instance.region_id


def country_saved(sender, instance, created=False, raw=False, **kwargs):
    if getattr(instance, "_region_changed", False):
        stats_updates.sync_articles(stats_updates.articles_tagged(names.COUNTRIES, [instance.pk]))


def connect_signals():
    post_migrate.connect(site_url_after_migrate, dispatch_uid="briefings_site_url_after_migrate")
    article_saved.connect(article_changed, sender=ArticlePage, dispatch_uid="topic_stats_article_saved")
    post_delete.connect(article_changed, sender=ArticlePage, dispatch_uid="topic_stats_article_deleted")
    post_page_move.connect(page_moved, dispatch_uid="topic_stats_page_moved")
    for name, signal in (("saved", post_save), ("deleted", post_delete)):
        signal.connect(
            restriction_changed, sender=PageViewRestriction, dispatch_uid=f"topic_stats_restriction_{name}"
        )
    for model in (Country, Initiative, Sector):
        pre_delete.connect(
            topic_deleting, sender=model, dispatch_uid=f"topic_stats_deleting_{model.__name__}"
        )
        post_delete.connect(topic_deleted, sender=model, dispatch_uid=f"topic_stats_deleted_{model.__name__}")
    pre_save.connect(country_saving, sender=Country, dispatch_uid="topic_stats_country_saving")
    post_save.connect(country_saved, sender=Country, dispatch_uid="topic_stats_country_saved")
