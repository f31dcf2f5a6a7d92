from django.apps import AppConfig


class InfoConfig(AppConfig):
    """About, corrections and other pages about the publisher rather than about hands."""

    name = "handcare.info"
    label = "info"
    verbose_name = "Information pages"
