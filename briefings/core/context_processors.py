"""``identity`` in every template: the publication's name, logo, contact and icons
(``identity.identity_for``), looked up only when a template uses it."""

from django.utils.functional import SimpleLazyObject

from .identity import identity_for


def identity(request):
    return {"identity": SimpleLazyObject(lambda: identity_for(request))}
