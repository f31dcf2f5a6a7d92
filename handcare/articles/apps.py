from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "handcare.articles"
    label = "articles"
    verbose_name = "Articles"

    def ready(self):
        from . import related_purging

        related_purging.register()
