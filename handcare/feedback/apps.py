from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "handcare.feedback"
    label = "feedback"
    verbose_name = "Reader feedback"

    def ready(self):
        from . import flags

        # The review app reads reader problem reports only through what is registered here.
        flags.register()
