"""Content-Security-Policy on every response (django-csp), with the admin's own policy.

Reader pages get ``CONTENT_SECURITY_POLICY``: scripts and styles from the site only, nothing inline.
Wagtail's and Django's admins still use inline scripts and styles in places, so paths under
``ADMIN_CONTENT_SECURITY_POLICY["PATH_PREFIXES"]`` get that looser policy instead.
"""

from django.conf import settings

from csp.middleware import CSPMiddleware
from csp.utils import default_config


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        admin_policy = getattr(settings, "ADMIN_CONTENT_SECURITY_POLICY", None)
        if (
            admin_policy
            and not report_only
            and parts.config is None
            and request.path_info.startswith(tuple(admin_policy["PATH_PREFIXES"]))
        ):
            parts.config = default_config(admin_policy["DIRECTIVES"])
        return parts
