"""What a locked-out login sees (AXES_LOCKOUT_CALLABLE): the same login page with the reason."""

from axes.helpers import get_cool_off

from django.conf import settings
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import ngettext


def lockout_message(request):
    """Why the login was refused, how long for, and who can lift it."""
    minutes = max(1, round(get_cool_off(request).total_seconds() / 60))
    return ngettext(
        "Too many failed sign-in attempts for this account or from this address. Signing in is "
        "blocked for %(minutes)d minute; try again later, or ask a Site administrator to "
        "unlock the account.",
        "Too many failed sign-in attempts for this account or from this address. Signing in is "
        "blocked for %(minutes)d minutes; try again later, or ask a Site administrator to "
        "unlock the account.",
        minutes,
    ) % {"minutes": minutes}


def lockout_response(request, original_response=None, credentials=None):
    """Re-render the login form that refused the attempt, its error replaced by the lockout.

    Both Wagtail's /admin/login/ and Django admin's login answer a failed attempt with a
    TemplateResponse holding the bound form, so the editor stays on the page they know, with
    their username filled in, instead of axes' bare text page.
    """
    message = lockout_message(request)
    status = settings.AXES_HTTP_RESPONSE_CODE
    context = getattr(original_response, "context_data", None) or {}
    form = context.get("form")
    if isinstance(original_response, TemplateResponse) and hasattr(form, "add_error"):
        form.errors.clear()
        form.add_error(None, message)
        # The same response re-rendered keeps what the middleware inside axes added to it.
        original_response.content = original_response.rendered_content
        original_response.status_code = status
        return original_response
    return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")
