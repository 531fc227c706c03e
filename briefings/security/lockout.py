"""What a locked-out sign-in sees (``AXES_LOCKOUT_CALLABLE``): the admin's sign-in page look, how
long the lock lasts and who can lift it, with status 429."""

import math

from django.conf import settings
from django.shortcuts import render

from axes.helpers import get_cool_off, get_failure_limit


def lockout_minutes(request=None):
    cool_off = get_cool_off(request)
    return math.ceil(cool_off.total_seconds() / 60) if cool_off else None


def locked_out(request, original_response=None, credentials=None):
    context = {
        "minutes": lockout_minutes(request),
        "failure_limit": get_failure_limit(request, credentials),
        "help_email": getattr(settings, "LOGIN_HELP_EMAIL", ""),
    }
    return render(request, "security/locked_out.html", context, status=429)
