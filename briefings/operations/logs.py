"""Production logging: one JSON object a line on standard output, and mail to ``ADMINS`` for
server errors. Imported by the settings, so nothing here imports Django's models."""

import json
import logging
from datetime import UTC, datetime

# Attributes every LogRecord has: whatever else a record carries came from ``extra=``.
_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "request", "status_code"}


class JSONFormatter(logging.Formatter):
    """``{"time", "level", "logger", "message"}``, plus ``method``, ``path`` and ``status`` for
    a request's log (``django.request``, ``django.security``), ``exception`` with the traceback,
    and any ``extra=`` values that JSON can hold."""

    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "path"):
            entry["method"] = getattr(request, "method", None)
            entry["path"] = request.path
        status = getattr(record, "status_code", None)
        if status is not None:
            entry["status"] = status
        for key, value in vars(record).items():
            if key not in _STANDARD and key not in entry and not key.startswith("_"):
                entry[key] = value if isinstance(value, str | int | float | bool | None) else repr(value)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        elif record.exc_text:
            entry["exception"] = record.exc_text
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def production_logging(level="INFO"):
    """The ``LOGGING`` of ``briefings.settings.production``."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"require_debug_false": {"()": "django.utils.log.RequireDebugFalse"}},
        "formatters": {"json": {"()": "briefings.operations.logs.JSONFormatter"}},
        "handlers": {
            "console": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": "json"},
            # Sends nothing while ADMINS is empty.
            "mail_admins": {
                "class": "django.utils.log.AdminEmailHandler",
                "level": "ERROR",
                "filters": ["require_debug_false"],
            },
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            "django": {"handlers": ["console"], "level": level, "propagate": False},
            "django.request": {"handlers": ["console", "mail_admins"], "level": level, "propagate": False},
            "django.security": {"handlers": ["console", "mail_admins"], "level": level, "propagate": False},
        },
    }
