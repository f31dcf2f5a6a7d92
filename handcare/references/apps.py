from django.apps import AppConfig


class ReferencesConfig(AppConfig):
    name = "handcare.references"
    label = "references"
    verbose_name = "References"
