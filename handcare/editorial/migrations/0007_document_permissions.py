"""Document permissions per role: Site administrators delete documents, Editors do not.

Wagtail's own migrations give a group named "Editors" add, change and choose on the root
collection, and its policy lets whoever may change a document delete it. With
document_permissions.DocumentPermissionPolicy, deleting needs "delete_document" on the
collection, granted here to Site administrators only (and taken from any other role that has it).
"""

from django.db import migrations

from handcare.editorial import roles


def forwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root = Collection.objects.filter(depth=1).first()
    if root is None:
        return
    for name, codenames in roles.DOCUMENT_PERMISSIONS.items():
        group = Group.objects.filter(name=name).first()
        if group is None:
            continue
        for codename in codenames:
            permission = Permission.objects.filter(
                content_type__app_label="wagtaildocs", codename=codename
            ).first()
            if permission is not None:
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root, permission=permission
                )
        GroupCollectionPermission.objects.filter(
            group=group, permission__content_type__app_label="wagtaildocs"
        ).exclude(permission__codename__in=codenames).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0006_audience_review"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
