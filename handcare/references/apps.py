from django.apps import AppConfig


class ReferencesConfig(AppConfig):
    name = "handcare.references"
    label = "references"
    verbose_name = "References"

    def ready(self):
        from wagtail.admin.compare import register_comparison_class
        from wagtail.fields import RichTextField

        from .rich_text import CitedRichTextFieldComparison

        # Replaces Wagtail's own, which reads raw text and so would not show chosen citations.
        register_comparison_class(RichTextField, comparison_class=CitedRichTextFieldComparison)
