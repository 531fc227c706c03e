"""``/healthz`` for operators' monitors and load balancers: is this instance able to serve?

200 ``{"status": "ok"}`` when the database answers a trivial query and the cache stores and returns
a value; else 503 ``{"status": "unavailable", "failed": [...]}`` naming what failed (the error goes
to the log, not to the caller). Never cached, no login.
"""

import logging
import uuid

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


def database_answers():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def cache_answers():
    key = f"healthz:{uuid.uuid4().hex}"
    cache.set(key, "ok", timeout=10)
    try:
        return cache.get(key) == "ok"
    finally:
        cache.delete(key)


CHECKS = {"database": database_answers, "cache": cache_answers}


def failed_checks():
    failed = []
    for name, check in CHECKS.items():
        try:
            ok = check()
        except Exception:  # noqa: BLE001 - whatever the failure, the instance cannot serve
            logger.exception("Health check failed: %s", name)
            ok = False
        if not ok:
            failed.append(name)
    return failed


@never_cache
@require_safe
def healthz(request):
    failed = failed_checks()
    if failed:
        return JsonResponse({"status": "unavailable", "failed": failed}, status=503)
    return JsonResponse({"status": "ok"})
