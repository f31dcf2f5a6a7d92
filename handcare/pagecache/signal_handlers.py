"""Purge the page cache whenever something readers see changes (rules in purge.py)."""

from django.apps import apps
from django.db.models.signals import post_delete, post_save, pre_delete

from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.images import get_image_model
from wagtail.models import DraftStateMixin, Page, PageViewRestriction, Site
from wagtail.signals import page_slug_changed, post_page_move, published, unpublished

from handcare.editorial.records import ReviewRecord
from handcare.editorial.reviewable import reviewable_snippet_models

from .purge import Purge, everything_changed, page_changed

DISPATCH_PREFIX = "handcare.pagecache."
# Saves of a page that only keep Wagtail's books (a draft, a lock): readers see no change.
BOOKKEEPING_FIELDS = {
    "comments",
    "wagtail_admin_comments",
    "latest_revision",
    "latest_revision_created_at",
    "draft_title",
    "has_unpublished_changes",
    "locked",
    "locked_at",
    "locked_by",
}


def content_published(sender, instance, **kwargs):
    """Publishing or unpublishing a page or a reviewed snippet (Reference, Person, point...)."""
    if isinstance(instance, Page):
        page_changed(instance)
    else:
        Purge().add_pages_showing(instance).schedule()


def page_saved(sender, instance, update_fields=None, **kwargs):
    # Publishing saves the page too (already handled, and deduplicated); this catches a live
    # page saved outside a publish (a shell, a data fix), whatever it changed.
    if instance.live and not (update_fields and set(update_fields) <= BOOKKEEPING_FIELDS):
        page_changed(instance)


def page_deleted(sender, instance, **kwargs):
    if instance.live:
        everything_changed()


def structure_changed(sender, **kwargs):
    """A move or a new slug changes the URLs of a page and all its descendants."""
    everything_changed()


def site_wide_change(sender, **kwargs):
    """Sites, audiences, view restrictions: shown or enforced on every page."""
    everything_changed()


def setting_saved(sender, created, **kwargs):
    """Settings (the disclaimer on every article).

    The row is created with its defaults the first time a page reads it, in the middle of
    rendering: pages rendered before showed those same defaults, so only a change purges.
    """
    if not created:
        everything_changed()


def review_recorded(sender, instance, created, **kwargs):
    """A sign-off, confirmation or withdrawal changes the review details readers see.

    The review fields are written with an UPDATE (no save signal), so the record is the hook.
    """
    obj = instance.content_object
    if isinstance(obj, Page):
        page_changed(obj)
    elif obj is not None:
        Purge().add_pages_showing(obj).schedule()


def snippet_saved(sender, instance, **kwargs):
    # Revisioned snippets change what readers see only when published (handled above).
    if not isinstance(instance, DraftStateMixin):
        Purge().add_pages_showing(instance).schedule()


def remember_pages_showing(sender, instance, **kwargs):
    # The reference index forgets an object's users when it is deleted: find them first.
    instance._pagecache_purge = Purge().add_pages_showing(instance)


def purge_remembered_pages(sender, instance, **kwargs):
    purge = getattr(instance, "_pagecache_purge", None)
    if purge is not None:
        purge.schedule()


def setting_models():
    return [
        model
        for model in apps.get_models()
        if issubclass(model, BaseSiteSetting | BaseGenericSetting)
    ]


def register():
    def connect(signal, receiver, sender=None):
        uid = f"{DISPATCH_PREFIX}{receiver.__name__}.{getattr(sender, '__name__', 'any')}"
        signal.connect(receiver, sender=sender, dispatch_uid=uid)

    connect(published, content_published)
    connect(unpublished, content_published)
    connect(post_page_move, structure_changed)
    connect(page_slug_changed, structure_changed)
    for model in apps.get_models():
        if issubclass(model, Page):
            connect(post_save, page_saved, model)
            connect(post_delete, page_deleted, model)
    for model in setting_models():
        connect(post_save, setting_saved, model)
        connect(post_delete, site_wide_change, model)
    for model in [Site, PageViewRestriction, apps.get_model("articles", "Audience")]:
        connect(post_save, site_wide_change, model)
        connect(post_delete, site_wide_change, model)
    connect(post_save, review_recorded, ReviewRecord)
    # Images and the reviewed snippets: the pages that show them.
    for model in [get_image_model(), *reviewable_snippet_models()]:
        connect(post_save, snippet_saved, model)
        connect(pre_delete, remember_pages_showing, model)
        connect(post_delete, purge_remembered_pages, model)
