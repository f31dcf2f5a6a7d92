"""Editors and Site administrators may manage promoted search results (search promotions)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUPS = ["Editors", "Site administrators"]
CODENAMES = [f"{action}_searchpromotion" for action in ("add", "change", "delete", "view")]


def grant(apps, schema_editor):
    # Permissions are normally made after all migrations; these are needed now.
    app_config = apps.get_app_config("wagtailsearchpromotions")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    for group, permissions in groups_and_permissions(apps):
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    for group, permissions in groups_and_permissions(apps):
        group.permissions.remove(*permissions)


def groups_and_permissions(apps):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="wagtailsearchpromotions", codename__in=CODENAMES
    )
    return [(group, permissions) for group in Group.objects.filter(name__in=GROUPS)]


class Migration(migrations.Migration):
    dependencies = [
        ("handcare_search", "0001_search_vector_index"),
        ("editorial", "0002_roles_and_workflow"),
        ("wagtailsearchpromotions", "0008_query_verbose_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
