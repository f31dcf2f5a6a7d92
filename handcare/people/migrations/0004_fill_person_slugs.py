# Existing people get a slug made from their name, unique among them.

from django.db import migrations
from django.utils.text import slugify


def fill_slugs(apps, schema_editor):
    Person = apps.get_model("people", "Person")
    taken = set()
    for person in Person.objects.order_by("pk"):
        base = slugify(person.name)[:110] or "person"
        slug, number = base, 1
        while slug in taken:
            number += 1
            slug = f"{base}-{number}"
        taken.add(slug)
        Person.objects.filter(pk=person.pk).update(slug=slug)


class Migration(migrations.Migration):

    dependencies = [
        ("people", "0003_person_slug"),
    ]

    operations = [
        migrations.RunPython(fill_slugs, migrations.RunPython.noop),
    ]
