import re

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from handcare.search import views as search_views

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", search_views.search, name="search"),
    # "Was this page helpful?" posts and the thank-you page (handcare/feedback; never cached).
    path("feedback/", include("handcare.feedback.urls")),
    # Sitemap, robots.txt and feeds (handcare/discovery); the read-only API (handcare/api).
    path("", include("handcare.discovery.urls")),
    path("api/v2/", include("handcare.api.urls")),
    # Profiles of the people who write and review, and "How we review" (handcare/people).
    path("", include("handcare.people.urls")),
    # Timed routines from live techniques, rebuilt from the address (handcare/routines; not cached).
    path("routines/", include("handcare.routines.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
elif getattr(settings, "HANDCARE_SERVE_MEDIA", False) and settings.MEDIA_URL.startswith("/"):
    # Production with media on local disk and no proxy serving it (handcare/media/views.py);
    # a MEDIA_URL on another host (a CDN) is that host's to serve.
    from handcare.media.views import serve_media

    media_prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns += [re_path(rf"^{re.escape(media_prefix)}(?P<path>.+)$", serve_media)]

urlpatterns += [path("", include(wagtail_urls))]
