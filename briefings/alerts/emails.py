"""The emails: confirmation, alert and weekly digest, each with a plain-text and an HTML part built
from templates (``templates/alerts/email/``), and RFC 8058 one-click unsubscribe headers. They are
sent in the default site's name (Settings › Identity): its templates have it as ``identity``, as
pages do."""

from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

from briefings.core.identity import identity_for
from taxonomy.vocabularies import TAG_VOCABULARIES

from . import links


@dataclass
class ArticleSummary:
    """What an email says about an article, built once per batch (not per recipient)."""

    pk: int
    title: str
    kind: str
    byline: str
    date: object
    standfirst: str
    url: str
    topics: list = field(default_factory=list)  # [(vocabulary label, [topic names])]


def byline(authors):
    names = [author.display_name for author in authors]
    if len(names) > 1:
        return f"{', '.join(names[:-1])} and {names[-1]}"
    return names[0] if names else ""


def summarize(article):
    """``article``: an ``ArticlePage`` with its authors and topics (prefetched or not)."""
    topics = []
    for vocabulary in TAG_VOCABULARIES:
        names = [topic.name for topic in getattr(article, vocabulary.key).all()]
        if names:
            topics.append((vocabulary.label, names))
    return ArticleSummary(
        pk=article.pk,
        title=article.title,
        kind=article.get_kind_display() if article.kind else "",
        byline=byline(article.authors),
        date=article.display_date,
        standfirst=article.summary,
        url=article.full_url,
        topics=topics,
    )


def _message(identity, subject, template, context, to, unsubscribe_url=None):
    context = {**context, "identity": identity}
    text = render_to_string(f"alerts/email/{template}.txt", context)
    html = render_to_string(f"alerts/email/{template}.html", context)
    headers = {}
    if unsubscribe_url:
        targets = [f"<{unsubscribe_url}>"]
        if settings.ALERTS_UNSUBSCRIBE_MAILTO:
            targets.append(f"<mailto:{settings.ALERTS_UNSUBSCRIBE_MAILTO}?subject=unsubscribe>")
        headers["List-Unsubscribe"] = ", ".join(targets)
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),  # a header: never a line break from a title
        body=text,
        from_email=settings.ALERTS_FROM_EMAIL or identity.from_email,
        to=[to],
        headers=headers,
    )
    message.attach_alternative(html, "text/html")
    return message


def _footer(subscriber, subscription_ids, root):
    return {
        "manage_url": links.manage_url(subscriber, root=root),
        "unsubscribe_url": links.unsubscribe_url(subscriber, subscription_ids, root=root),
        "unsubscribe_all_url": links.unsubscribe_url(subscriber, None, root=root),
        "site_url": root,
    }


def confirmation(subscriber, targets, root):
    """Asks the address to confirm ``targets`` (what it asked to follow); nothing else is sent to
    it until it does."""
    context = {
        "targets": targets,
        "confirm_url": links.confirm_url(subscriber, root=root),
        "confirm_days": settings.ALERTS_CONFIRM_DAYS,
        "site_url": root,
    }
    identity = identity_for(None)
    return _message(identity, f"Confirm your {identity.name} alerts", "confirm", context, subscriber.email)


def alert(subscriber, article, subscriptions, root):
    """One article to one address; ``subscriptions``: ``[(subscription id, Target)]`` of the address
    that it matched (the one-click unsubscribe ends those)."""
    ids = [pk for pk, _ in subscriptions]
    context = {"article": article, "reasons": [t for _, t in subscriptions], **_footer(subscriber, ids, root)}
    subject = f"{article.kind}: {article.title}" if article.kind else article.title
    return _message(
        identity_for(None), subject, "alert", context, subscriber.email, context["unsubscribe_url"]
    )


def digest(subscriber, articles, subscriptions, root):
    """The week's ``articles`` for one address (its weekly ``subscriptions`` that matched)."""
    ids = [pk for pk, _ in subscriptions]
    context = {
        "articles": articles,
        "reasons": [t for _, t in subscriptions],
        **_footer(subscriber, ids, root),
    }
    count = len(articles)
    identity = identity_for(None)
    subject = f"{identity.name} this week: {count} new article{'s' if count != 1 else ''}"
    return _message(identity, subject, "digest", context, subscriber.email, context["unsubscribe_url"])
