"""Show a refused sign-off as a message on the object, not as a bare 403 page."""

from django.http import JsonResponse
from django.shortcuts import redirect

from wagtail.admin import messages

from .admin_urls import edit_url
from .signoff import ReviewRefused


class ReviewRefusalMiddleware:
    """Turn ReviewRefused raised by a workflow action into an error message and a redirect.

    The approval can be refused after its dialog was validated (the text changed a moment
    later, or another reviewer finished first). The transaction has been rolled back; the
    reviewer sees why on the edit view of what they were reviewing.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, ReviewRefused) or exception.obj is None:
            return None
        messages.error(request, exception.as_html())
        url = edit_url(exception.obj)
        if request.headers.get("x-requested-with") == "XMLHttpRequest":
            # Wagtail's workflow modal follows a "success" step's redirect.
            return JsonResponse({"step": "success", "redirect": url})
        return redirect(url)
