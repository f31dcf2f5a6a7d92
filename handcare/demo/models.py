"""Settings the demo loader turns on: the notice that the demo's people and reviews are made up."""

from django.db import models
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from handcare.performance.shared_cache import PREFIX, cached, invalidate


@register_setting(icon="info-circle")
class DemoSettings(BaseSiteSetting):
    """Whether this site shows the "demo content" notice on every page."""

    show_demo_notice = models.BooleanField(
        default=False,
        verbose_name="Show the demo notice",
        help_text=(
            "Set by load_demo_content. Shows a line on every page saying that the people and "
            "reviews are fictional. Turn it off once the site carries real content."
        ),
    )

    panels = [FieldPanel("show_demo_notice")]

    class Meta:
        verbose_name = "demo content"


def cache_key(site_id):
    return f"{PREFIX}demo-notice:{site_id}"


def shows_demo_notice(site):
    """Whether the site shows the notice; cached, so a page render costs no query for it."""
    if site is None:
        return False
    return cached(
        cache_key(site.pk),
        lambda: DemoSettings.objects.filter(site=site, show_demo_notice=True).exists(),
    )


@receiver(post_save, sender=DemoSettings)
@receiver(post_delete, sender=DemoSettings)
def forget_cached_notice(instance, **kwargs):
    # The page cache is purged by handcare.pagecache (every setting purges every page); this
    # drops the cached flag those pages are rendered from.
    invalidate(cache_key(instance.site_id))
