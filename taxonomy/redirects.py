"""Old hub addresses: a renamed or merged topic keeps answering at its old slug (301 to the new one)."""

from django.db.models.signals import pre_save

from .models import Country, Initiative, Region, Sector, TopicRedirect


def record_rename(vocabulary_key, old_slug, new_slug):
    """Point ``old_slug`` (and anything that pointed at it) to ``new_slug``."""
    if old_slug == new_slug:
        return
    TopicRedirect.objects.filter(vocabulary=vocabulary_key, new_slug=old_slug).update(new_slug=new_slug)
    TopicRedirect.objects.filter(vocabulary=vocabulary_key, old_slug=new_slug).delete()
    TopicRedirect.objects.update_or_create(
        vocabulary=vocabulary_key, old_slug=old_slug, defaults={"new_slug": new_slug}
    )


def remember_old_hub_address(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        return
    old_slug = sender.objects.filter(pk=instance.pk).values_list("slug", flat=True).first()
    if old_slug and old_slug != instance.slug:
        record_rename(sender.vocabulary, old_slug, instance.slug)


def connect_signals():
    for model in (Country, Initiative, Sector, Region):
        pre_save.connect(
            remember_old_hub_address, sender=model, dispatch_uid=f"topic-rename-{model.__name__}"
        )
