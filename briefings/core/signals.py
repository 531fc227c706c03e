"""Keep the cached identity (``identity.identity_for``) in step with the setting, its images and
its pages."""

from django.db.models import Q
from django.db.models.signals import post_delete, post_save, pre_delete

from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from . import identity
from .models import SiteIdentity


def setting_changed(sender, instance, **kwargs):
    identity.forget()


def image_changed(sender, instance, **kwargs):
    """A logo or share image replaced, edited or deleted: its renditions change."""
    if SiteIdentity.objects.filter(Q(logo=instance) | Q(share_image=instance)).exists():
        identity.forget()


def page_changed(sender, instance, **kwargs):
    """The About or Contact page published, unpublished, moved, renamed or deleted: its address
    changes, or it goes."""
    if isinstance(instance, Page) and (
        SiteIdentity.objects.filter(Q(about_page_id=instance.pk) | Q(contact_page_id=instance.pk)).exists()
    ):
        identity.forget()


def connect_signals():
    image_model = get_image_model()
    post_save.connect(setting_changed, sender=SiteIdentity, dispatch_uid="briefings_identity_saved")
    post_delete.connect(setting_changed, sender=SiteIdentity, dispatch_uid="briefings_identity_deleted")
    post_save.connect(image_changed, sender=image_model, dispatch_uid="briefings_identity_image_saved")
    # Before deleting: SET_NULL clears the references as it deletes.
    pre_delete.connect(image_changed, sender=image_model, dispatch_uid="briefings_identity_image_deleted")
    for signal in (page_published, page_unpublished, page_slug_changed, post_page_move, pre_delete):
        signal.connect(page_changed, dispatch_uid=f"briefings_identity_page_{id(signal)}")
