"""An author's RSS 2.0 feed."""

from django.shortcuts import get_object_or_404
from django.urls import reverse

from briefings.articles.feeds import ArticleFeed
from briefings.articles.models import ArticlePage, Author
from briefings.core.identity import identity_for


class AuthorFeed(ArticleFeed):
    def get_object(self, request, slug):
        author = get_object_or_404(Author, slug=slug)
        # The feed's title names the publication of the site asked (Settings › Identity).
        author.publication = identity_for(request).name
        return author

    def articles(self, obj):
        return ArticlePage.objects.visible().by_author(obj)

    def title(self, obj):
        return f"{obj.publication}: {obj.name}"

    def link(self, obj):
        return obj.get_absolute_url()

    def feed_url(self, obj):
        return reverse("author_feed", kwargs={"slug": obj.slug})

    def description(self, obj):
        return f"The latest analysis by {obj.name} on {obj.publication}."


author_feed = AuthorFeed()
