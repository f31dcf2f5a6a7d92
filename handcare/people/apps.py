from django.apps import AppConfig


class PeopleConfig(AppConfig):
    """Author and reviewer profiles, their public pages and "How we review"."""

    name = "handcare.people"
    label = "people"
    verbose_name = "People"

    def ready(self):
        from . import purge, redirects

        purge.register()
        redirects.register()
