from django.apps import AppConfig


class ReflexologyConfig(AppConfig):
    name = "handcare.reflexology"
    label = "reflexology"
    verbose_name = "Reflexology"
