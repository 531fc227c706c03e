"""Who may do what to an article beyond Wagtail's page permissions, whose byline a new article
starts with, and who may change a byline.

Bylines: those who may publish the article (editors) may change its byline any way they like. Anyone
else (a fellow, on her own article) may add co-authors, but her own name stays on it, and so does
every author of the published version. ``check_byline`` holds the article form to that (the form
runs the ``check_article_form`` hooks), whatever the request says; ``authors_added`` tells editors
reviewing a submission whom the writer added.
"""

from briefings.articles.models import ArticleAuthor, ArticlePage, Author


def may_delete_or_move(user, page):
    """Fellows may not delete or move pages, not even their own drafts (Wagtail's "add" permission
    would let them): only those who may publish there may."""
    return page.permissions_for_user(user).can_publish()


def start_with_own_byline(page, user):
    """A new article starts with its writer as its first author, when they have an author profile."""
    if not isinstance(page, ArticlePage) or page.article_authors.all():
        return
    author = Author.objects.filter(user_id=user.pk).first() if user and user.pk else None
    if author is not None:
        page.article_authors = [ArticleAuthor(author=author, sort_order=0)]


def may_change_any_byline(user, page, parent=None):
    """Those who may publish the article (or, for a new one, publish under ``parent``)."""
    if page.pk:
        return page.permissions_for_user(user).can_publish()
    return parent is not None and parent.permissions_for_user(user).can_publish_subpage()


def published_authors(page):
    """The byline of the published version (the page row's), ``[]`` if it was never published."""
    if not page.pk or not page.live:
        return []
    return [link.author for link in ArticleAuthor.objects.filter(page_id=page.pk).select_related("author")]


def byline_errors(user, page, author_ids, parent=None):
    """Why ``user`` may not give ``page`` the byline ``author_ids`` (empty when they may)."""
    if may_change_any_byline(user, page, parent):
        return []
    errors = []
    own = Author.objects.filter(user_id=user.pk).first()
    if own is not None and own.pk not in author_ids:
        errors.append(
            f"{own.display_name} must stay on the byline of this article: you may add co-authors, "
            "not remove yourself. Ask an editor to change the byline."
        )
    removed = [author.display_name for author in published_authors(page) if author.pk not in author_ids]
    if removed:
        errors.append(
            f"Only an editor may remove {', '.join(removed)} from the byline of the published article."
        )
    return errors


def submitted_author_ids(form):
    """The author ids of the byline rows the article form was sent (deleted rows left out);
    ``None`` when the rows themselves are invalid (the formset shows those errors)."""
    formset = form.formsets.get("article_authors")
    if formset is None or not formset.is_valid():
        return None
    deleted = set(formset.deleted_forms) if formset.can_delete else set()
    return [
        row.cleaned_data["author"].pk
        for row in formset.forms
        if row not in deleted and row.cleaned_data.get("author") is not None
    ]


def check_byline(form):
    """The article form's byline rule (a ``check_article_form`` hook): errors on the form."""
    user = getattr(form, "for_user", None)
    if user is None or not isinstance(form.instance, ArticlePage):
        return
    author_ids = submitted_author_ids(form)
    if author_ids is None:
        return
    for error in byline_errors(user, form.instance, author_ids, getattr(form, "parent_page", None)):
        form.add_error(None, error)


def authors_added(page, submitter):
    """Authors on ``page`` (a submitted revision) that its writer added: those not on the published
    byline or, for an article never published, everyone but the submitter."""
    before = published_authors(page) if page.live else []
    if not page.live and submitter is not None:
        before = list(Author.objects.filter(user_id=submitter.pk))
    kept = {author.pk for author in before}
    return [author for author in page.authors if author.pk not in kept]
