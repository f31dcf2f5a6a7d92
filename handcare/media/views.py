"""Serve uploaded image files from MEDIA_ROOT when no reverse proxy does (`make serve`)."""

from django.conf import settings
from django.http import Http404
from django.views.decorators.http import require_safe
from django.views.static import serve

from .policy import IMAGE_TYPES, cache_control, public_media_path


@require_safe
def serve_media(request, path):
    """One image file: only Wagtail's image folders, never documents, with cache headers."""
    public_path = public_media_path(path)
    if public_path is None:
        raise Http404("No such media file.")
    # Django's static view adds what a file server must: safe_join against MEDIA_ROOT (no
    # escaping it with ..), If-Modified-Since, Last-Modified and a streamed FileResponse that
    # gunicorn sends with sendfile.
    response = serve(request, public_path, document_root=settings.MEDIA_ROOT)
    if response.status_code == 200:
        extension = public_path[public_path.rfind(".") :].lower()
        response["Content-Type"] = IMAGE_TYPES[extension]
    response["Cache-Control"] = cache_control(public_path)
    # A file in MEDIA_ROOT is never a page: give a browser nothing to run if it were HTML, and
    # no licence to guess another type than the image type above (whatever the middleware says).
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    return response
