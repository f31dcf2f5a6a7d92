"""Editors, Reviewers and Site administrators may read reader feedback (view_pagefeedback)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUPS = ["Editors", "Reviewers", "Site administrators"]


def grant(apps, schema_editor):
    # Permissions are normally made after all migrations; this one needs feedback's now.
    app_config = apps.get_app_config("feedback")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    permission = Permission.objects.get(
        content_type__app_label="feedback", codename="view_pagefeedback"
    )
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth.Permission")
    Permission.objects.filter(
        content_type__app_label="feedback", codename="view_pagefeedback"
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("feedback", "0001_initial"),
        ("editorial", "0002_roles_and_workflow"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
