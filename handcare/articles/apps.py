from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "handcare.articles"
    label = "articles"
    verbose_name = "Articles"
