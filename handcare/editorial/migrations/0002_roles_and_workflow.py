"""Create the Editors, Reviewers and Site administrators groups and the "Editorial review" workflow."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from handcare.editorial import roles


def ensure_permissions(apps):
    # Permissions are normally made after all migrations; this migration needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def create_roles_and_workflow(apps, schema_editor):
    ensure_permissions(apps)
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Collection = apps.get_model("wagtailcore.Collection")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")
    Workflow = apps.get_model("wagtailcore.Workflow")
    WorkflowTask = apps.get_model("wagtailcore.WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore.WorkflowPage")
    ReviewTask = apps.get_model("editorial.ReviewTask")

    root_page = Page.objects.get(depth=1)
    root_collection = Collection.objects.get(depth=1)
    access_admin = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )

    groups = {}
    for name in (roles.EDITORS, roles.REVIEWERS, roles.SITE_ADMINISTRATORS):
        group, _ = Group.objects.get_or_create(name=name)
        groups[name] = group
        group.permissions.add(access_admin)
        for codename in roles.PAGE_PERMISSIONS[name]:
            permission = Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            )
            GroupPagePermission.objects.get_or_create(
                group=group, page=root_page, permission=permission
            )
        for codename in roles.IMAGE_PERMISSIONS[name]:
            permission = Permission.objects.get(
                content_type__app_label="wagtailimages", codename=codename
            )
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=permission
            )
        for app_label, codename in roles.snippet_permissions(name):
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
    for codename in ("change_publicationsettings",):
        groups[roles.SITE_ADMINISTRATORS].permissions.add(
            Permission.objects.get(content_type__app_label="articles", codename=codename)
        )

    task_type, _ = ContentType.objects.get_or_create(app_label="editorial", model="reviewtask")
    task = ReviewTask.objects.filter(name="Sign-off by a reviewer").first()
    if task is None:
        task = ReviewTask.objects.create(
            name="Sign-off by a reviewer", content_type=task_type, active=True
        )
    task.groups.set([groups[roles.REVIEWERS]])

    workflow, _ = Workflow.objects.get_or_create(name="Editorial review", defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    # Replace Wagtail's default moderation workflow on the root: one workflow for the whole site.
    WorkflowPage.objects.update_or_create(page=root_page, defaults={"workflow": workflow})
    Workflow.objects.exclude(pk=workflow.pk).filter(name="Moderators approval").update(
        active=False
    )
    # Wagtail's default "Moderators" may publish directly, bypassing review; drop it if unused.
    Group.objects.filter(name="Moderators", user__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("people", "0001_initial"),
        ("references", "0001_initial"),
        ("reflexology", "0001_initial"),
        ("articles", "0003_publicationsettings_reflexology_review_months_and_more"),
    ]

    operations = [migrations.RunPython(create_roles_and_workflow, migrations.RunPython.noop)]
