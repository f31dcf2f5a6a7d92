from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "handcare.people"
    label = "people"
    verbose_name = "People"
