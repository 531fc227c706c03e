"""Share links for a page: plain addresses of each service's own share form, built here, so the
page loads nothing from them (no third-party script, no tracking until a reader clicks)."""

from dataclasses import dataclass
from urllib.parse import quote, urlencode


@dataclass(frozen=True)
class ShareLink:
    key: str  # for the CSS class
    label: str
    href: str


def _query(**params):
    return urlencode(params, quote_via=quote)


def share_links(url, title):
    """Email, X, LinkedIn, WhatsApp and Facebook links sharing ``url`` under ``title``."""
    email = _query(subject=title, body=f"{title}\r\n{url}")
    return [
        ShareLink("email", "Email", f"mailto:?{email}"),
        ShareLink("x", "X", f"https://x.com/intent/post?{_query(text=title, url=url)}"),
        ShareLink(
            "linkedin", "LinkedIn", f"https://www.linkedin.com/sharing/share-offsite/?{_query(url=url)}"
        ),
        ShareLink("whatsapp", "WhatsApp", f"https://wa.me/?{_query(text=title + ' ' + url)}"),
        ShareLink("facebook", "Facebook", f"https://www.facebook.com/sharer/sharer.php?{_query(u=url)}"),
    ]
