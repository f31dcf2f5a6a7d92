"""The public end of reader feedback: the form's POST target and the thank-you page."""

import logging

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from wagtail.models import Page, PageViewRestriction, Revision

from handcare.editorial.reviewable import reviewable_page_models

from . import guards
from .forms import FeedbackForm
from .models import PageFeedback

logger = logging.getLogger(__name__)


def rate():
    """(posts, seconds) one address may send; HANDCARE_FEEDBACK_RATE overrides."""
    return getattr(settings, "HANDCARE_FEEDBACK_RATE", (10, 3600))


def public_article(page_id):
    """The live, public article with this id, or 404 (drafts, private pages, other page types)."""
    page = Page.objects.filter(pk=page_id, live=True).select_related("content_type").first()
    if page is None or page.content_type.model_class() not in reviewable_page_models():
        raise Http404("No such article")
    # The page and its ancestors: a restriction on any of them makes the page private.
    paths = [page.path[:end] for end in range(Page.steplen, len(page.path) + 1, Page.steplen)]
    restricted = PageViewRestriction.objects.filter(page__path__in=paths)
    if restricted.exists():
        raise Http404("No such article")
    return page


def error(request, message, errors=(), status=400, page=None):
    """A plain page that says what went wrong, with a way back."""
    return TemplateResponse(
        request,
        "feedback/error.html",
        {"message": message, "errors": list(errors), "article": page},
        status=status,
    )


# Why this view is csrf_exempt: the feedback form sits inside article pages that are shared by
# every reader (the full-page cache, Varnish and the memoised article HTML), so it cannot carry
# a per-reader CSRF token. CSRF protects actions taken with a reader's session; this endpoint
# uses no session or cookie and acts for nobody: it only stores an anonymous answer. Instead:
# the post must come from a page of this site (Origin/Referer), every field is validated, the
# page must be a live public article and the revision one of its own, a honeypot field turns
# away form fillers, and each address may post only so often (rate limit in the cache).
@csrf_exempt
@never_cache
def submit(request):
    """Store one reader's feedback on an article, then send them to the thank-you page."""
    if request.method != "POST":
        return error(
            request, "Use the form at the end of an article to send feedback.", status=405
        )
    if not guards.same_origin(request):
        return error(
            request,
            "We could not tell that this came from our site. Please send it again from the "
            "article's page.",
            status=403,
        )
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        page = None
        if form.cleaned_data.get("page"):
            try:
                page = public_article(form.cleaned_data["page"])
            except Http404:
                page = None  # the link back is only ever to a public article
        messages = [message for errors in form.errors.values() for message in errors]
        return error(request, "Your feedback was not sent.", messages, page=page)
    page = public_article(form.cleaned_data["page"])
    if guards.honeypot_filled(request.POST):
        logger.info("Feedback refused: honeypot filled (page %s)", page.pk)
        return error(
            request,
            "Your feedback was not sent: a field that should stay empty was filled in.",
            page=page,
        )
    if guards.rate_limited(request, "feedback", *rate()):
        return error(
            request,
            "You have sent a lot of feedback in a short time. Please try again later.",
            status=429,
            page=page,
        )
    revision = None
    if form.cleaned_data["revision"] is not None:
        revision = (
            Revision.objects.page_revisions()
            .filter(pk=form.cleaned_data["revision"], object_id=str(page.pk))
            .first()
        )
        if revision is None:
            return error(
                request, "Your feedback was not sent: it names a version of another page."
            )
    PageFeedback.objects.create(
        page=page,
        revision=revision,
        helpful=form.cleaned_data["helpful"] == "yes",
        problem=form.cleaned_data["problem"],
        comment=form.cleaned_data["comment"],
    )
    return redirect(f"{reverse('feedback:thanks')}?page={page.pk}", permanent=False)


@never_cache
def thanks(request):
    """Thank the reader and link back to the article they came from."""
    page = None
    page_id = request.GET.get("page", "")
    if page_id.isascii() and page_id.isdigit() and len(page_id) < 10:
        try:
            page = public_article(int(page_id))
        except Http404:
            page = None
    return TemplateResponse(request, "feedback/thanks.html", {"article": page})
