from django.urls import path

from . import feeds, views

app_name = "taxonomy"

urlpatterns = [
    path("", views.topics_index, name="index"),
    path("<str:vocabulary>/", views.vocabulary_index, name="vocabulary"),
    path("<str:vocabulary>/<str:slug>/", views.hub, name="hub"),
    path("<str:vocabulary>/<str:slug>/feed/", feeds.topic_feed, name="hub_feed"),
    path(
        "<str:vocabulary>/<str:slug>/<str:vocabulary2>/<str:slug2>/", views.intersection, name="intersection"
    ),
    path(
        "<str:vocabulary>/<str:slug>/<str:vocabulary2>/<str:slug2>/feed/",
        feeds.intersection_feed,
        name="intersection_feed",
    ),
]
