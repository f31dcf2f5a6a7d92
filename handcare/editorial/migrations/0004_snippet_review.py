"""Shared snippets go through the Editorial review workflow; existing ones become live.

Every existing person, reference and reflexology point gets one initial revision holding its
current text, marked live, so the first change to it is a draft that a reviewer signs off.
Existing article pages point at their latest sign-off record, whose stored name and role
become the public byline.
"""

from django.db import migrations
from django.utils import timezone

from modelcluster.models import get_serializable_data_for_fields

from handcare.editorial import roles

ACTION_NAMES = {"publish": "Can publish", "lock": "Can lock", "unlock": "Can unlock"}
SNIPPET_LABELS = {
    "person": lambda obj: f"{obj.name}, {obj.role}" if obj.role else obj.name,
    "reference": lambda obj: f"{obj.key}: {obj.title or 'untitled'}",
    "reflexologypoint": lambda obj: f"{obj.name} ({obj.body_area})",
}
# The snippets this migration made reviewable (roles.REVIEWED_SNIPPETS has grown since: 0006).
SNIPPETS = [
    ("people", "person"),
    ("references", "reference"),
    ("reflexology", "reflexologypoint"),
]
ARTICLE_MODELS = [
    ("techniques", "TechniquePage"),
    ("articles", "GuidePage"),
    ("reflexology", "ReflexologyPage"),
]


def forwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    Revision = apps.get_model("wagtailcore", "Revision")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    ReviewRecord = apps.get_model("editorial", "ReviewRecord")
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
                object_str=SNIPPET_LABELS[model_name](obj),
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

    page_type = ContentType.objects.filter(app_label="wagtailcore", model="page").first()
    for app_label, model_name in ARTICLE_MODELS:
        model = apps.get_model(app_label, model_name)
        for page in model.objects.filter(last_reviewed__isnull=False, last_review__isnull=True):
            record = (
                ReviewRecord.objects.filter(content_type=page_type, object_id=str(page.pk))
                .exclude(kind="withdrawn")
                .order_by("-reviewed_at", "-pk")
                .first()
            )
            if record is not None:
                model.objects.filter(pk=page.pk).update(last_review=record)


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0003_generic_review_records"),
        ("wagtailcore", "0098_apitoken"),
        ("people", "0002_reviewed_snippet"),
        ("references", "0002_reviewed_snippet"),
        ("reflexology", "0002_reviewed_snippet"),
        ("techniques", "0002_reviewable"),
        ("articles", "0004_reviewable"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
