from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("people", "0004_fill_person_slugs"),
    ]

    operations = [
        migrations.AlterField(
            model_name="person",
            name="slug",
            field=models.SlugField(
                blank=True,
                help_text=(
                    "The address of their public profile, /people/<slug>/. Left empty, it is "
                    "made from the name. Changing it breaks links others have saved to the old "
                    "address."
                ),
                max_length=120,
                unique=True,
            ),
        ),
    ]
