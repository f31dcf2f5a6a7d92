from django.db import models

from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class Audience(index.Indexed, models.Model):
    """A group of readers, such as office workers or older adults, that articles can target."""

    name = models.CharField(max_length=80, unique=True, help_text="E.g. 'Office workers'.")
    slug = models.SlugField(
        max_length=80, unique=True, help_text="Used in the address of the audience's page."
    )
    description = models.TextField(
        blank=True, max_length=400, help_text="One or two sentences shown on the audience page."
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name
