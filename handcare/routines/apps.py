from django.apps import AppConfig


class RoutinesConfig(AppConfig):
    """The routine builder at /routines/: timed routines assembled from live techniques."""

    name = "handcare.routines"
    label = "routines"
    verbose_name = "Routines"
