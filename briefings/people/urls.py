from django.urls import path

from . import feeds, views

urlpatterns = [
    path("", views.author_index, name="author_index"),
    path("<str:slug>/", views.author_detail, name="author_detail"),
    path("<str:slug>/feed/", feeds.author_feed, name="author_feed"),
]
