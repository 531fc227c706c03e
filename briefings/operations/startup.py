"""What ``briefings/wsgi.py`` runs before serving with DEBUG off: the operations deploy checks
(``checks.py``), where any error stops the start."""

import logging

from django.core import checks
from django.core.exceptions import ImproperlyConfigured

from .checks import TAG

logger = logging.getLogger(__name__)


def refuse_unsafe_start():
    """Raise ``ImproperlyConfigured`` listing every error; log the rest and carry on."""
    messages = checks.run_checks(tags=[TAG], include_deployment_checks=True)
    errors = [message for message in messages if message.is_serious()]
    for message in messages:
        if not message.is_serious():
            logger.warning("%s", message)
    if errors:
        raise ImproperlyConfigured(
            "Refusing to serve the site (manage.py check --deploy reports the same):\n"
            + "\n".join(str(error) for error in errors)
        )
