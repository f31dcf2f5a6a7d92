"""Admin URLs of reviewable pages and snippets, by view name."""

from django.contrib.admin.utils import quote
from django.urls import reverse

from wagtail.models import Page


def admin_url(model, object_id, view, *revision_ids):
    """The admin URL of a page or snippet view (edit, revisions_compare, revisions_view)."""
    if model is None:
        return ""
    if issubclass(model, Page):
        return reverse(f"wagtailadmin_pages:{view}", args=[object_id, *revision_ids])
    return reverse(
        model.snippet_viewset.get_url_name(view), args=[quote(object_id), *revision_ids]
    )


def edit_url(obj):
    """The edit view of a page or snippet."""
    return admin_url(type(obj), obj.pk, "edit")


def compare_url(obj, old_revision_id, new_revision_id):
    """The admin comparison of two revisions of a page or snippet."""
    return admin_url(type(obj), obj.pk, "revisions_compare", old_revision_id, new_revision_id)
