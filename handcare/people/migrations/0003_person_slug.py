# The slug arrives in three steps (add, fill, make unique), each its own transaction: on
# PostgreSQL a table cannot be altered in the transaction that just updated its rows.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("people", "0002_reviewed_snippet"),
    ]

    operations = [
        migrations.AddField(
            model_name="person",
            name="slug",
            field=models.SlugField(blank=True, default="", max_length=120),
            preserve_default=False,
        ),
    ]
