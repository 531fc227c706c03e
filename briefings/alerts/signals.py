"""An article's first publication (or scheduled go-live, which ``publish_scheduled`` turns into a
publication) queues its alerts once the transaction commits; a deleted topic or author takes its
subscriptions with it."""

from django.db import transaction
from django.db.models import Q
from django.db.models.signals import post_delete

from wagtail.signals import page_published

from briefings.articles.models import ArticlePage, Author
from taxonomy.vocabularies import VOCABULARIES

from . import follow
from .delivery import article_is_announced
from .models import Subscription
from .tasks import announce_article


def queue_alerts(sender, instance, **kwargs):
    if instance.skip_alerts or article_is_announced(instance.pk):
        return
    article_id = instance.pk
    transaction.on_commit(lambda: announce_article.enqueue(article_id))


def forget_followers(key):
    Subscription.objects.filter(
        Q(target=key) | Q(target__startswith=f"{key}|") | Q(target__endswith=f"|{key}")
    ).delete()


def topic_deleted(sender, instance, **kwargs):
    forget_followers(follow.topic_key(sender.vocabulary, instance.pk))


def author_deleted(sender, instance, **kwargs):
    forget_followers(follow.author_key(instance.pk))


def connect_signals():
    page_published.connect(queue_alerts, sender=ArticlePage, dispatch_uid="alerts_queue_alerts")
    for vocabulary in VOCABULARIES.values():
        post_delete.connect(
            topic_deleted, sender=vocabulary.model, dispatch_uid=f"alerts_{vocabulary.key}_deleted"
        )
    post_delete.connect(author_deleted, sender=Author, dispatch_uid="alerts_author_deleted")
