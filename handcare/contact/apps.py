from django.apps import AppConfig


class ContactConfig(AppConfig):
    name = "handcare.contact"
    label = "contact"
    verbose_name = "Contact page"
