"""Saving over another editor's newer version: say so after the save, whatever the browser did.

Wagtail 8 warns the second editor in the browser (the editing-session ping, then a confirmation
dialog before "Save draft") and refuses a stale autosave, but it accepts a deliberate save of a
stale form without a word: the dialog depends on a ping having run since the other editor saved
(every 10 s), and on JavaScript. The edit form posts the revision it was loaded from
(``loaded_revision_created_at``); when someone else saved a revision after that, the editor is
told on the next page that their save replaced it and where it is kept. Nothing is refused:
Wagtail's dialog re-sends the same form when the editor confirms, so a refusal could never be
confirmed.
"""

from datetime import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as date_format

from wagtail.admin import messages
from wagtail.admin.utils import get_user_display_name
from wagtail.models import Page, RevisionMixin


def newer_revision_by_someone_else(request, obj):
    """The latest revision another user saved after the editor's form was loaded, if any."""
    if request.method != "POST" or not request.accepts("text/html"):
        return None  # autosave: Wagtail already refuses a stale one
    if not isinstance(obj, RevisionMixin) or obj.latest_revision_id is None:
        return None
    try:
        loaded_at = datetime.fromisoformat(request.POST.get("loaded_revision_created_at", ""))
    except ValueError:
        return None  # not posted by Wagtail's edit form: nothing to compare with
    if timezone.is_naive(loaded_at):
        return None
    return (
        obj.revisions.filter(created_at__gt=loaded_at)
        .exclude(pk=obj.latest_revision_id)
        .exclude(user=request.user)
        .select_related("user")
        .order_by("-created_at", "-pk")
        .first()
    )


def history_url(obj):
    if isinstance(obj, Page):
        return reverse("wagtailadmin_pages:history", args=[obj.pk])
    meta = obj._meta
    return reverse(f"wagtailsnippets_{meta.app_label}_{meta.model_name}:history", args=[obj.pk])


def warn_if_saved_over_newer_version(request, obj):
    """After an edit-view save: tell the editor when they replaced another editor's newer version."""
    replaced = newer_revision_by_someone_else(request, obj)
    if replaced is None:
        return
    who = get_user_display_name(replaced.user) if replaced.user else "Someone"
    when = date_format(timezone.localtime(replaced.created_at), "j M Y, H:i")
    messages.warning(
        request,
        f"{who} saved a newer version at {when}, after you opened the editor; what you saved "
        "replaced it as the latest version. Their version is kept in the history.",
        buttons=[messages.button(history_url(obj), "History")],
    )
