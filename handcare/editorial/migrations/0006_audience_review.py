"""Audiences go through the Editorial review workflow; existing ones become live as they are.

As migration 0004 did for people, references and reflexology points: every existing audience
gets one initial revision holding its current name and description, marked live, so readers
keep seeing that text and the first change to it is a draft a reviewer signs off. Editors and
Reviewers may lock audiences; only Site administrators (and the workflow) publish them.
"""

from django.db import migrations
from django.utils import timezone

from modelcluster.models import get_serializable_data_for_fields

from handcare.editorial import roles

SNIPPETS = [("articles", "audience")]
ACTION_NAMES = {"publish": "Can publish", "lock": "Can lock", "unlock": "Can unlock"}


def forwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    Revision = apps.get_model("wagtailcore", "Revision")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    now = timezone.now()

    workflow = Workflow.objects.filter(name="Editorial review").first()
    for app_label, model_name in SNIPPETS:
        model = apps.get_model(app_label, model_name)
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model_name)
        # Wagtail makes these after migrating; the groups need them now.
        for action, label in ACTION_NAMES.items():
            Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{action}_{model_name}",
                defaults={"name": f"{label} {model._meta.verbose_name_raw}"},
            )
        if workflow is not None:
            WorkflowContentType.objects.update_or_create(
                content_type=content_type, defaults={"workflow": workflow}
            )
        for obj in model.objects.filter(latest_revision__isnull=True):
            obj.live = True
            obj.has_unpublished_changes = False
            obj.first_published_at = obj.first_published_at or now
            obj.last_published_at = now
            revision = Revision.objects.create(
                content_type=content_type,
                base_content_type=content_type,
                object_id=str(obj.pk),
                created_at=now,
                object_str=obj.name,
                content=get_serializable_data_for_fields(obj),
            )
            obj.latest_revision = revision
            obj.live_revision = revision
            obj.save()

    for name in (roles.EDITORS, roles.REVIEWERS, roles.SITE_ADMINISTRATORS):
        group = Group.objects.filter(name=name).first()
        if group is None:
            continue
        for app_label, codename in roles.reviewed_snippet_permissions(name, SNIPPETS):
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0005_review_status_index"),
        ("articles", "0008_audience_reviewed_snippet"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
