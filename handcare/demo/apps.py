from django.apps import AppConfig


class DemocontentConfig(AppConfig):
    name = "handcare.demo"
    label = "demo"
    verbose_name = "Demo content"
