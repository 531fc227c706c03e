"""Settings › Sign-in lockouts: the current locks, each with an Unlock button."""

import ipaddress

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_http_methods

from .lockout import lockout_minutes
from .lockouts import may_unlock, recent_failures, unlock_address, unlock_username


@require_http_methods(["GET", "POST"])
def lockouts_view(request):
    if not may_unlock(request.user):
        raise PermissionDenied
    if request.method == "POST":
        username = request.POST.get("username", "").strip()
        address = request.POST.get("ip_address", "").strip()
        if username:
            unlock_username(username)
            messages.success(request, f"“{username}” may sign in again.")
        elif address:
            try:
                address = str(ipaddress.ip_address(address))
            except ValueError:
                messages.error(request, f"“{address}” is not an IP address.")
            else:
                unlock_address(address)
                messages.success(request, f"Sign-ins from {address} are allowed again.")
        return redirect("sign_in_lockouts")
    return TemplateResponse(
        request,
        "security/admin/lockouts.html",
        {
            "accounts": recent_failures("username"),
            "addresses": recent_failures("ip_address"),
            "minutes": lockout_minutes(request),
            "failure_limit": settings.AXES_FAILURE_LIMIT,
        },
    )
