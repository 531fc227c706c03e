"""RSS 2.0 feeds of the whole site and of an author; topic feeds live in ``taxonomy.feeds``."""

from django.shortcuts import get_object_or_404
from django.urls import reverse

from taxonomy.feeds import ArticleFeed

from .models import ArticlePage, Author


class SiteFeed(ArticleFeed):
    title = "Briefings: latest analysis"
    description = "The newest analysis published on Briefings."

    def get_object(self, request):
        return None

    def articles(self, obj):
        return ArticlePage.objects.visible()

    def link(self):
        return "/"

    def feed_url(self):
        return reverse("site_feed")


class AuthorFeed(ArticleFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Author, slug=slug)

    def articles(self, obj):
        return ArticlePage.objects.visible().filter(article_authors__author=obj)

    def title(self, obj):
        return f"Briefings: {obj.name}"

    def link(self, obj):
        return obj.get_absolute_url()

    def feed_url(self, obj):
        return reverse("author_feed", kwargs={"slug": obj.slug})

    def description(self, obj):
        return f"The latest analysis by {obj.name} on Briefings."


site_feed = SiteFeed()
author_feed = AuthorFeed()
