import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "briefings.settings.production")

application = get_wsgi_application()

if not settings.DEBUG:
    # A per-process cache or the development admin password stops the start (README "Deploying").
    from briefings.operations.startup import refuse_unsafe_start

    refuse_unsafe_start()
