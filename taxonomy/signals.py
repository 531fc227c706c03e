from django.db.models.signals import pre_save
from django.dispatch import receiver

from .merge import record_rename
from .models import Country, Initiative, Region, Sector


@receiver(pre_save, sender=Country)
@receiver(pre_save, sender=Initiative)
@receiver(pre_save, sender=Sector)
@receiver(pre_save, sender=Region)
def remember_old_hub_address(sender, instance, raw=False, **kwargs):
    """A renamed topic keeps answering at its old address (301 to the new one)."""
    if raw or instance.pk is None:
        return
    old_slug = sender.objects.filter(pk=instance.pk).values_list("slug", flat=True).first()
    if old_slug and old_slug != instance.slug:
        record_rename(sender.vocabulary, old_slug, instance.slug)
