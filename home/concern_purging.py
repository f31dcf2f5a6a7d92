"""Which concern pages an article change affects, for the page cache's purge (pagecache/purge.py).

A concern page lists the live articles tagged with it, so publishing or unpublishing an article
purges the concern pages it is tagged with now and those it was tagged with before this save
(untagging removes it from a page), and the concern index with them. A concern's own publish
needs nothing here: the generic rules purge a page, its ancestors (the index and the home page)
and its siblings.
"""

from django.db.models import Q
from django.db.models.signals import pre_save

from wagtail.models import Page

from handcare.articles.models import article_models
from handcare.pagecache.purge import also_purge

from .models import ConcernIndexPage

DISPATCH_UID = "home.concern_purging.remember_concerns"


def _tag_ids(page_ids):
    """Concern ids tagged on these pages, as one UNION over the article types' link tables."""
    parts = []
    for model in article_models():
        field = model._meta.get_field("concerns")
        through = field.remote_field.through
        parts.append(
            through.objects.filter(**{f"{field.m2m_column_name()}__in": page_ids})
            .order_by()
            .values_list(field.m2m_reverse_name(), flat=True)
        )
    first, *rest = parts
    return first.union(*rest)


def remember_concerns(sender, instance, update_fields=None, **kwargs):
    """Before an article is saved, note the concerns stored for it (what readers see now).

    Modelcluster writes the new tags after the row is saved, so this is the last moment the old
    ones can be read.
    """
    if instance.pk and (update_fields is None or "concerns" in update_fields):
        instance._concerns_before = set(_tag_ids([instance.pk]))


@also_purge
def concern_urls(pages):
    """URLs of the concern pages the changed articles are or were tagged with, and the index."""
    pages = list(pages)
    before = set().union(*(getattr(page, "_concerns_before", ()) for page in pages))
    # The pages a purge is given may be plain Pages (a snippet's users): read the tags by id.
    affected = before | set(_tag_ids([page.pk for page in pages if page.pk]))
    if not affected:
        return []
    shown = Page.objects.filter(
        Q(pk__in=affected) | Q(pk__in=ConcernIndexPage.objects.values("pk"))
    )
    return [url for url in (page.get_full_url() for page in shown) if url]


def register():
    for model in article_models():
        pre_save.connect(remember_concerns, sender=model, dispatch_uid=f"{DISPATCH_UID}.{model}")
