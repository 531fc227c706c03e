"""The fellow's own author profile in the admin: her bio and photo, nobody else's."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from briefings.articles.models import Author

from .desk import AuthorProfileForm


def author_profile(request):
    """Edit the signed-in user's own author profile. There is no author id to forge: the profile is
    the one linked to the account (``Author.user``); an account without one is refused."""
    author = Author.objects.filter(user_id=request.user.pk).first()
    if author is None:
        raise PermissionDenied("This account has no author profile.")
    form = AuthorProfileForm(request.POST or None, instance=author)
    if request.method == "POST":
        if form.is_valid():
            with transaction.atomic():
                form.save()
            messages.success(request, "Your author profile has been saved.")
            return redirect("editorial_author_profile")
        messages.error(request, "Your author profile could not be saved: see the errors below.")
    return TemplateResponse(request, "editorial/desk_author_profile.html", {"form": form, "author": author})
