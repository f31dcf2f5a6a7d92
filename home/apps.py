from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Home and sections"

    def ready(self):
        from . import concern_purging

        concern_purging.register()
