"""Review records point at any reviewable object (page or snippet), not only at pages."""

import django.db.models.deletion
from django.db import migrations, models


def pages_to_objects(apps, schema_editor):
    ReviewRecord = apps.get_model("editorial", "ReviewRecord")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    page_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="page")
    titles = dict(Page.objects.values_list("pk", "title"))
    for record in ReviewRecord.objects.all():
        record.content_type_id = page_type.pk
        record.object_id = str(record.page_id)
        record.object_title = titles.get(record.page_id, "")[:255]
        record.save(update_fields=["content_type", "object_id", "object_title"])


def objects_to_pages(apps, schema_editor):
    ReviewRecord = apps.get_model("editorial", "ReviewRecord")
    for record in ReviewRecord.objects.all():
        record.page_id = int(record.object_id)
        record.save(update_fields=["page"])


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("editorial", "0002_roles_and_workflow"),
        ("people", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="reviewrecord",
            name="content_type",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="contenttypes.contenttype",
            ),
        ),
        migrations.AddField(
            model_name="reviewrecord",
            name="object_id",
            field=models.CharField(default="", max_length=255),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="reviewrecord",
            name="object_title",
            field=models.CharField(
                blank=True, help_text="The title of what was reviewed, at the time.", max_length=255
            ),
        ),
        migrations.AlterField(
            model_name="reviewrecord",
            name="page",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="review_records",
                to="wagtailcore.page",
            ),
        ),
        migrations.RunPython(pages_to_objects, objects_to_pages),
        migrations.RemoveField(model_name="reviewrecord", name="page"),
        migrations.AlterField(
            model_name="reviewrecord",
            name="content_type",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="contenttypes.contenttype",
            ),
        ),
        migrations.AddIndex(
            model_name="reviewrecord",
            index=models.Index(fields=["content_type", "object_id"], name="review_record_object"),
        ),
        migrations.AlterField(
            model_name="reviewrecord",
            name="kind",
            field=models.CharField(
                choices=[
                    ("approval", "Approved changes"),
                    ("confirmation", "Reviewed, no changes needed"),
                    ("withdrawn", "Sign-off withdrawn: published without review"),
                ],
                default="approval",
                max_length=20,
            ),
        ),
        migrations.AlterField(
            model_name="reviewrecord",
            name="next_review_due",
            field=models.DateField(blank=True, null=True),
        ),
        migrations.AlterField(
            model_name="reviewrecord",
            name="reviewer",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="review_records",
                to="people.person",
            ),
        ),
        migrations.AlterField(
            model_name="reviewrecord",
            name="reviewer_name",
            field=models.CharField(blank=True, max_length=120),
        ),
        migrations.AlterField(
            model_name="reviewrecord",
            name="revision",
            field=models.ForeignKey(
                help_text="The exact revision the reviewer signed off, which is the one published.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="wagtailcore.revision",
            ),
        ),
        migrations.AlterField(
            model_name="reviewreminder",
            name="kind",
            field=models.CharField(
                choices=[("due_soon", "Due soon"), ("overdue", "Overdue")], max_length=20
            ),
        ),
    ]
