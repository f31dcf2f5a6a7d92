"""/api/v2/: only the pages endpoint.

No images or documents endpoint: Wagtail lists every upload there, including those only a
draft uses. A page's top image is given inside the page, as a rendition.
"""

from django.urls import include, path

from wagtail.api.v2.router import WagtailAPIRouter

from .views import PublicPagesAPIViewSet

api_router = WagtailAPIRouter("handcare_api")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)

urlpatterns = [
    path("", include((api_router.get_urlpatterns(), "handcare_api"), namespace="handcare_api"))
]
