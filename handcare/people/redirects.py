"""A renamed profile keeps its old address: /people/<old>/ redirects to the new one.

Readers, search engines and other sites link to profiles (every "Reviewed by" does), so a
slug change must not turn those links into 404s. Wagtail's redirects app (its middleware acts
only on a 404) holds the redirect, where site administrators see and can remove it under
Settings > Redirects. The old address is free again: a person who later takes it gets a real
profile there, because the middleware never runs for a page that exists.
"""

from django.db.models.signals import post_save
from django.urls import reverse

from wagtail.contrib.redirects.models import Redirect

from .models import Person

DISPATCH_UID = "handcare.people.redirects.keep_old_address"


def profile_path(slug):
    return reverse("person", kwargs={"slug": slug})


def keep_old_address(sender, instance, **kwargs):
    """After a published rename, point the old address (and older ones) at the new one."""
    before = getattr(instance, "_slug_before", None)
    if not instance.live or not before or before == instance.slug:
        return
    old, new = profile_path(before), profile_path(instance.slug)
    # A person renamed back to an earlier address must not redirect away from it.
    Redirect.objects.filter(old_path=Redirect.normalise_path(new), site=None).delete()
    # Addresses that led to the old one lead straight to the new one (no chains).
    Redirect.objects.filter(site=None, redirect_link=old).update(redirect_link=new)
    Redirect.objects.update_or_create(
        old_path=Redirect.normalise_path(old),
        site=None,
        defaults={"redirect_link": new, "redirect_page": None, "is_permanent": True},
    )


def register():
    # Runs after purge.remember_slug (pre_save) has noted the slug the row had.
    post_save.connect(keep_old_address, sender=Person, dispatch_uid=DISPATCH_UID)
