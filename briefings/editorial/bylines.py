"""Who may do what to an article beyond Wagtail's page permissions, and whose byline a new article starts with."""

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
