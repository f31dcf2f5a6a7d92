"""Two-factor admin URLs, mounted under /admin/2fa/ by wagtail_hooks.py."""

from django.urls import path

from . import views

urlpatterns = [
    path("2fa/", views.manage, name="twofactor_manage"),
    path("2fa/setup/", views.setup, name="twofactor_setup"),
    path("2fa/verify/", views.verify, name="twofactor_verify"),
    path("2fa/recovery-codes/", views.regenerate_recovery_codes, name="twofactor_recovery_codes"),
    path("2fa/remove/", views.remove, name="twofactor_remove"),
]
