from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from . import feeds, sitemaps, views
from .api import api_router
from .search import search

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("topics/", include("taxonomy.urls")),
    path("search/", search, name="search"),
    path("api/v2/", api_router.urls),
    path("authors/", views.author_index, name="author_index"),
    path("authors/<str:slug>/", views.author_detail, name="author_detail"),
    path("authors/<str:slug>/feed/", feeds.author_feed, name="author_feed"),
    path("feed/", feeds.site_feed, name="site_feed"),
    path("cite/<int:page_id>.bib", views.cite_bibtex, name="cite_bibtex"),
    path("cite/<int:page_id>.ris", views.cite_ris, name="cite_ris"),
    path("sitemap.xml", sitemaps.sitemap, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's page serving catches everything else, so it comes last.
urlpatterns += [path("", include(wagtail_urls))]
