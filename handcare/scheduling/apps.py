from django.apps import AppConfig


class SchedulingConfig(AppConfig):
    name = "handcare.scheduling"
    label = "scheduling"
    verbose_name = "Scheduling"
