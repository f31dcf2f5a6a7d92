"""The backups app: `manage.py backup` and `manage.py restore`."""

from django.apps import AppConfig


class BackupsConfig(AppConfig):
    """Backup and restore commands; no models."""

    name = "handcare.backups"
    label = "backups"
    verbose_name = "Backups"
