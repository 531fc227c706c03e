"""Who is locked out of signing in now, and lifting a lock (django-axes' database records).

A sign-in is refused while the failures recorded for its username, or for its address, within the
cool-off time (``AXES_COOLOFF_TIME``) reach ``AXES_FAILURE_LIMIT``. Unlocking deletes those
records, as ``manage.py axes_reset_username`` / ``axes_reset_ip`` do.
"""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db.models import Max, Sum
from django.utils import timezone

from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from axes.utils import reset

UNLOCK_PERMISSION = "axes.delete_accessattempt"


@dataclass(frozen=True)
class Lock:
    key: str  # the username or the address
    failures: int
    last_failure: datetime
    locked: bool
    until: datetime


def may_unlock(user):
    return user.is_active and user.has_perm(UNLOCK_PERMISSION)


def recent_failures(field):
    """Usernames (``field="username"``) or addresses (``"ip_address"``) with failed sign-ins
    inside the cool-off time, most recent first, each marked locked or not."""
    cool_off = get_cool_off()
    rows = (
        AccessAttempt.objects.filter(attempt_time__gte=timezone.now() - cool_off)
        .exclude(**{f"{field}__isnull": True})
        .values(field)
        .annotate(failures=Sum("failures_since_start"), last_failure=Max("attempt_time"))
        .order_by("-last_failure")
    )
    return [
        Lock(
            key=row[field],
            failures=row["failures"],
            last_failure=row["last_failure"],
            locked=row["failures"] >= settings.AXES_FAILURE_LIMIT,
            until=row["last_failure"] + cool_off,
        )
        for row in rows
    ]


def unlock_username(username):
    return reset(username=username)


def unlock_address(ip_address):
    return reset(ip=ip_address)
