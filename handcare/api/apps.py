from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The read-only content API (Wagtail API v2) at /api/v2/."""

    name = "handcare.api"
    label = "handcare_api"
    verbose_name = "Content API"
