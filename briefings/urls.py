"""The site's routes: each app's URLs, then Wagtail's page serving for everything else."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from briefings.api.endpoints import api_router
from briefings.articles import feeds as article_feeds
from briefings.articles import views as article_views
from briefings.core import health, icons
from briefings.people import views as people_views
from briefings.search.views import search
from taxonomy.hubs.sitemaps import sitemap_index, sitemap_section

urlpatterns = [
    path("django-admin/", admin.site.urls),
    # Site history narrowed to what each user may edit (briefings.editorial.privacy), ahead of Wagtail's.
    path("admin/reports/", include("briefings.editorial.urls")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("topics/", include("taxonomy.hubs.urls")),
    path("search/", search, name="search"),
    path("api/v2/", api_router.urls),
    path("experts/", people_views.experts, name="experts"),
    path("authors/", include("briefings.people.urls")),
    path("alerts/", include("briefings.alerts.urls")),
    path("feed/", article_feeds.site_feed, name="site_feed"),
    path("cite/<int:page_id>.bib", article_views.cite_bibtex, name="cite_bibtex"),
    path("cite/<int:page_id>.ris", article_views.cite_ris, name="cite_ris"),
    path("sitemap.xml", sitemap_index, name="sitemap"),
    path("sitemap-<slug:section>.xml", sitemap_section, name="sitemap_section"),
    path("robots.txt", article_views.robots_txt, name="robots_txt"),
    path("healthz", health.healthz, name="healthz"),
    path("favicon.ico", icons.favicon, name="favicon"),
    path("apple-touch-icon.png", icons.apple_touch_icon, name="apple_touch_icon"),
    path("manifest.webmanifest", icons.manifest, name="web_manifest"),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
elif getattr(settings, "SERVE_MEDIA", False):
    # Production without a proxy for /media/ (README "Deploying"): uploaded images only.
    from briefings.operations.media import media_urlpatterns

    urlpatterns += media_urlpatterns()

# Wagtail's page serving catches everything else, so it comes last.
urlpatterns += [path("", include(wagtail_urls))]
