"""An author's RSS 2.0 feed."""

from django.shortcuts import get_object_or_404
from django.urls import reverse

from briefings.articles.feeds import ArticleFeed
from briefings.articles.models import ArticlePage, Author


class AuthorFeed(ArticleFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Author, slug=slug)

    def articles(self, obj):
        return ArticlePage.objects.visible().by_author(obj)

    def title(self, obj):
        return f"Briefings: {obj.name}"

    def link(self, obj):
        return obj.get_absolute_url()

    def feed_url(self, obj):
        return reverse("author_feed", kwargs={"slug": obj.slug})

    def description(self, obj):
        return f"The latest analysis by {obj.name} on Briefings."


author_feed = AuthorFeed()
