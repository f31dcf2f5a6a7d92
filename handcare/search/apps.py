from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "handcare.search"
    label = "handcare_search"
    verbose_name = "Search"
