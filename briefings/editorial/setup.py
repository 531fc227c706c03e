"""A site ready for work: the page tree, and the editorial roles and workflow on it (the only one:
Wagtail's default moderation is retired)."""

from django.db import transaction

from briefings.articles.setup import ensure_site_tree

from .roles import ensure_editorial_setup, retire_default_moderation


@transaction.atomic
def ensure_site():
    """Return ``(home, index)``, creating what is missing; safe to run any number of times."""
    home, index = ensure_site_tree()
    ensure_editorial_setup()
    retire_default_moderation()
    return home, index
