from django.apps import AppConfig


class EditorialConfig(AppConfig):
    name = "handcare.editorial"
    label = "editorial"
    verbose_name = "Editorial review"

    def ready(self):
        from . import signal_handlers

        signal_handlers.register()
