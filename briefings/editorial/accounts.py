"""Accounts for fellows (in Research Fellows, linked to their author profile) and editors (in
Editors), and the invitation."""

import secrets
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from briefings.articles.models import Author

from .roles import EDITORS, FELLOWS, ensure_editorial_setup


@dataclass
class Invitation:
    user: object
    author: object
    password: str | None  # shown once; None when the fellow sets their own through ``reset_url``
    login_url: str
    reset_url: str

    def lines(self):
        """The invitation as the account commands print it, to send the new user privately."""
        lines = [
            "Send this invitation privately (it is not shown again):",
            "",
            f"  Sign in at {self.login_url}",
            f"  Username:  {self.user.username}",
        ]
        if self.password:
            lines += [
                f"  Password:  {self.password}",
                "  Please change it under Account › Password after signing in.",
            ]
        else:
            lines.append(f"  Choose your password at {self.reset_url}")
        return lines


def admin_url(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def create_fellow(email, name, *, affiliation="", role="Research Fellow", honorific="", set_password=True):
    """Create a fellow's account (username = email) in Research Fellows, linked to their author profile
    (an existing author with the same name and affiliation is reused), and return the invitation.

    Raises ``ValidationError`` for a bad email, an existing account or an author profile that
    already belongs to someone else; nothing is written then.
    """
    return create_account(
        email,
        name,
        group=FELLOWS,
        affiliation=affiliation,
        role=role,
        honorific=honorific,
        set_password=set_password,
    )


def create_editor(
    email, name, *, author_profile=False, affiliation="", role="Editor", honorific="", set_password=True
):
    """Create an editor's account (username = email) in Editors and return the invitation; with
    ``author_profile`` also their author profile, for an editor who writes too. Refuses what
    ``create_fellow`` refuses."""
    return create_account(
        email,
        name,
        group=EDITORS,
        author_profile=author_profile,
        affiliation=affiliation,
        role=role,
        honorific=honorific,
        set_password=set_password,
    )


@transaction.atomic
def create_account(
    email,
    name,
    *,
    group,
    author_profile=True,
    affiliation="",
    role="",
    honorific="",
    set_password=True,
):
    """An account (username = email) in ``group`` (Research Fellows or Editors), with an author
    profile if ``author_profile``, and its invitation: see ``create_fellow``."""
    email = email.strip().lower()
    name = " ".join(name.split())
    validate_email(email)
    if not name:
        raise ValidationError("The full name is required.")
    User = get_user_model()
    if User.objects.filter(Q(username__iexact=email) | Q(email__iexact=email)).exists():
        raise ValidationError(f"An account for {email} already exists.")
    author = Author.objects.filter(name=name, affiliation=affiliation).first() if author_profile else None
    if author is not None and author.user_id is not None:
        raise ValidationError(f"The author profile of {name} already belongs to account {author.user}.")
    ensure_editorial_setup()
    first_name, _, last_name = name.rpartition(" ")
    user = User(
        username=email,
        email=email,
        first_name=(first_name or last_name)[:150],
        last_name=(last_name if first_name else "")[:150],
    )
    password = secrets.token_urlsafe(12) if set_password else None
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    user.groups.add(Group.objects.get(name=group))
    if author_profile and author is None:
        author = Author.objects.create(
            name=name, affiliation=affiliation, role=role, honorific=honorific, user=user
        )
    elif author_profile:
        author.user = user
        author.role = author.role or role
        author.honorific = author.honorific or honorific
        author.save()
    reset_path = reverse(
        "wagtailadmin_password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return Invitation(
        user=user,
        author=author,
        password=password,
        login_url=admin_url(reverse("wagtailadmin_login")),
        reset_url=admin_url(reset_path),
    )
