from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField

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

    panels = [FieldPanel("medical_disclaimer")]

    class Meta:
        verbose_name = "publication settings"
