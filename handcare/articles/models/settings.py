from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField

from handcare.performance.shared_cache import PREFIX, cached, invalidate

from ..topics import Topic

DEFAULT_DISCLAIMER = (
    "<p>HandCare articles are for general information and are not medical advice. "
    "Talk to a doctor, physiotherapist or registered massage therapist before starting "
    "something new, especially if you have a health condition, an injury or are pregnant.</p>"
)


@register_setting(icon="warning")
class PublicationSettings(BaseSiteSetting):
    """Site-wide text shown on every article."""

    medical_disclaimer = RichTextField(
        features=["bold", "italic", "link"],
        default=DEFAULT_DISCLAIMER,
        help_text="Shown at the end of every article. Keep it short and plain.",
    )

    techniques_review_months = models.PositiveSmallIntegerField(
        default=24,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text="How many months after a review technique articles fall due again.",
    )
    reflexology_review_months = models.PositiveSmallIntegerField(
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text="How many months after a review reflexology articles fall due again.",
    )
    sleep_review_months = models.PositiveSmallIntegerField(
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text="How many months after a review sleep articles fall due again.",
    )

    panels = [
        FieldPanel("medical_disclaimer"),
        MultiFieldPanel(
            [
                FieldPanel("techniques_review_months"),
                FieldPanel("reflexology_review_months"),
                FieldPanel("sleep_review_months"),
            ],
            heading="Review intervals",
        ),
    ]

    class Meta:
        verbose_name = "publication settings"

    @classmethod
    def for_site(cls, site):
        """The site's settings, cached: every article shows the disclaimer (see the receiver)."""
        load = super().for_site
        return load(site) if site is None else cached(cache_key(site.pk), lambda: load(site))

    def review_interval_for(self, topic):
        """Months between reviews for articles on this topic."""
        return {
            Topic.TECHNIQUES: self.techniques_review_months,
            Topic.REFLEXOLOGY: self.reflexology_review_months,
            Topic.SLEEP: self.sleep_review_months,
        }.get(topic, self.techniques_review_months)


def cache_key(site_id):
    return f"{PREFIX}publication-settings:{site_id}"


@receiver(post_save, sender=PublicationSettings)
@receiver(post_delete, sender=PublicationSettings)
def forget_cached_settings(instance, **kwargs):
    invalidate(cache_key(instance.site_id))
