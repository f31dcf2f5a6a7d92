"""Serve public pages with the cached site lookup and the one-query router (routing.py)."""

from contextlib import nullcontext

from wagtail import views as wagtail_views

from .routing import route_request
from .shared_cache import request_snapshot
from .sites import site_for_request


class PageServingMiddleware:
    """Answers Wagtail's site and route lookups before its serve view asks the database."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # A reading request takes the shared lookups in one round trip; writes (publishing,
        # settings) read afresh, and anything they invalidate is dropped from the snapshot too.
        reading = request.method in ("GET", "HEAD")
        with request_snapshot() if reading else nullcontext():
            site_for_request(request)
            return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is wagtail_views.serve:
            path = view_kwargs.get("path", view_args[0] if view_args else "")
            route_request(request, path)
        return None
