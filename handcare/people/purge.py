"""Purge profile pages from the page cache when what they show changes.

A profile lists the live articles its person wrote and reviewed, so it changes when:
- the profile itself is published, unpublished, renamed (a new slug) or deleted;
- one of those articles is published, unpublished or signed off (the page cache calls
  ``people_showing`` through ``also_purge`` with the pages that changed), including an article
  whose author or reviewer just changed, so the person it no longer names drops it too.
The people index is purged with every profile. "How we review" is purged by a change of
Publication settings, which purges everything (handcare/pagecache/signal_handlers.py).
"""

from django.apps import apps
from django.db.models import Q
from django.db.models.signals import post_delete, post_save, pre_save
from django.urls import reverse

from handcare.editorial.records import ReviewRecord
from handcare.pagecache.purge import Purge, also_purge

from .models import Person

DISPATCH_PREFIX = "handcare.people.purge."


def profile_paths(slugs):
    """The index, the profile page of each slug and the sitemap that lists them."""
    paths = {reverse("people"), reverse("sitemap")}
    paths.update(reverse("person", kwargs={"slug": slug}) for slug in slugs if slug)
    return paths


@also_purge
def people_showing(pages):
    """Profile paths of the authors and reviewers of `pages`, now and before this change."""
    person_ids = set()
    for page in pages:
        person_ids.update(getattr(page, "_people_before", ()))
        person_ids.update(
            (getattr(page, "author_id", None), getattr(page, "reviewed_by_id", None))
        )
    person_ids.discard(None)
    # Everyone who has signed off one of these pages: the current sign-off may have replaced
    # theirs (a record is written with an UPDATE of the page, so no "before" is seen).
    reviewers = ReviewRecord.objects.for_pages([page.pk for page in pages]).values("reviewer_id")
    slugs = Person.objects.filter(Q(pk__in=person_ids) | Q(pk__in=reviewers)).values_list(
        "slug", flat=True
    )
    return profile_paths(slugs)


def remember_article_people(sender, instance, update_fields=None, **kwargs):
    """Before an article is saved in full (a publish), note who it named until now."""
    if update_fields is not None or instance.pk is None:
        return
    before = sender.objects.filter(pk=instance.pk).values_list("author_id", "reviewed_by_id")
    instance._people_before = tuple(before.first() or ())


def remember_slug(sender, instance, **kwargs):
    """A renamed profile leaves its old address: note it to purge that too."""
    if instance.pk is not None:
        instance._slug_before = (
            Person.objects.filter(pk=instance.pk).values_list("slug", flat=True).first()
        )


def profile_changed(sender, instance, **kwargs):
    """A saved (published, unpublished, renamed) or deleted profile."""
    slugs = {instance.slug, getattr(instance, "_slug_before", None)}
    Purge().add_urls(profile_paths(slugs)).schedule()


def register():
    def connect(signal, receiver, sender):
        signal.connect(
            receiver, sender=sender, dispatch_uid=f"{DISPATCH_PREFIX}{receiver.__name__}.{sender}"
        )

    connect(pre_save, remember_slug, Person)
    connect(post_save, profile_changed, Person)
    connect(post_delete, profile_changed, Person)
    for model in apps.get_models():
        if getattr(model, "lists_as_card", False) and not model._meta.abstract:
            connect(pre_save, remember_article_people, model)
