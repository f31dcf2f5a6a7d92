from django.apps import AppConfig


class EditorialConfig(AppConfig):
    name = "handcare.editorial"
    label = "editorial"
    verbose_name = "Editorial review"

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import signal_handlers, status_index
        from .document_permissions import register_document_permission_policy
        from .image_permissions import register_image_permission_policy

        signal_handlers.register()
        register_image_permission_policy()
        register_document_permission_policy()
        # A database migrated from before the review status index existed gets it filled once.
        post_migrate.connect(status_index.fill_if_empty, sender=self)
