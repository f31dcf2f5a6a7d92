"""Drop cached lookups (shared_cache.py) when the rows they were built from change."""

from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import post_page_move

from .shared_cache import SITES, VIEW_RESTRICTIONS, bump_content_version, invalidate


@receiver(post_save, sender=Site)
@receiver(post_delete, sender=Site)
def forget_sites(**kwargs):
    invalidate(SITES)


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def forget_view_restrictions(**kwargs):
    invalidate(VIEW_RESTRICTIONS)


@receiver(post_page_move)
def forget_paths_after_move(**kwargs):
    # Restricted subtrees and site root pages are cached with their tree paths.
    invalidate(VIEW_RESTRICTIONS, SITES)
    bump_content_version()


@receiver(post_save)
@receiver(post_delete)
def forget_on_page_change(sender, instance, **kwargs):
    """A new or removed alias changes how restrictions apply; a root page's slug, its URLs."""
    if not isinstance(instance, Page):
        return
    if instance.alias_of_id or kwargs.get("signal") is post_delete:
        invalidate(VIEW_RESTRICTIONS)
    if any(site.root_page_id == instance.pk for site in cache.get(SITES) or ()):
        invalidate(SITES)


# Models whose rows readers never see, or that change on every request or keystroke: saving
# them does not start a new content version (anything else does).
IGNORED_MODELS = {
    "admin.logentry",
    "auth.user",
    "contenttypes.contenttype",
    "django_tasks_database.dbtaskresult",
    # Reader feedback and contact messages: internal, never shown on a page.
    "feedback.pagefeedback",
    "sessions.session",
    "wagtailadmin.editingsession",
    "wagtailcore.comment",
    "wagtailcore.commentreply",
    "wagtailcore.modellogentry",
    "wagtailcore.pagelogentry",
    "wagtailcore.pagesubscription",
    "wagtailcore.referenceindex",
    "wagtailcore.taskstate",
    "wagtailcore.workflowstate",
    "wagtailforms.formsubmission",
    "wagtailimages.rendition",
    "wagtailsearch.indexentry",
    "wagtailusers.userprofile",
}


@receiver(post_save)
@receiver(post_delete)
@receiver(m2m_changed)
def new_content_version(sender, **kwargs):
    """Anything saved that readers may see (a page, snippet, image, setting) changes the version."""
    if sender._meta.label_lower not in IGNORED_MODELS:
        bump_content_version()
