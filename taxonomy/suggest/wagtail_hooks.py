"""The article editor's "Suggest topics" button: its endpoint and its script."""

from django.templatetags.static import static
from django.urls import path
from django.utils.html import format_html

from wagtail import hooks

from .views import suggest_view


@hooks.register("register_admin_urls")
def register_suggest_url():
    return [path("taxonomy/suggest/", suggest_view, name="taxonomy_suggest")]


@hooks.register("insert_editor_js")
def suggest_topics_js():
    return format_html('<script src="{}" defer></script>', static("taxonomy/suggest-topics.js"))
