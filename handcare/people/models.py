"""People who write and review HandCare articles."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.text import slugify

from wagtail.admin.panels import FieldPanel
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index

from handcare.editorial.reviewable import Reviewable

from .forms import PersonForm


class Person(
    Reviewable,
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    index.Indexed,
    models.Model,
):
    """An author or reviewer profile; credentials readers rely on, so changes go through review."""

    name = models.CharField(max_length=120, help_text="Full name as readers should see it.")
    slug = models.SlugField(
        max_length=120,
        unique=True,
        blank=True,
        help_text=(
            "The address of their public profile, /people/<slug>/. Left empty, it is made "
            "from the name. Changing it breaks links others have saved to the old address."
        ),
    )
    role = models.CharField(
        max_length=120,
        help_text="Job title shown after the name, e.g. 'Wellness Editor' or 'Hand therapist'.",
    )
    credentials = models.CharField(
        max_length=200,
        blank=True,
        help_text="Qualifications and registrations, e.g. 'BSc Physiotherapy, HCPC registered'.",
    )
    bio = models.TextField(
        blank=True, max_length=800, help_text="Two or three sentences on relevant experience."
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A head-and-shoulders photo; square crops work best.",
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
        help_text="The admin account of this person, so their reviews are credited to them.",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("role"),
        FieldPanel("credentials"),
        FieldPanel("bio"),
        FieldPanel("photo"),
        FieldPanel("user"),
        *Reviewable.review_panels,
    ]

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("role"),
    ]

    # Wagtail's revisions and workflow states of this snippet.
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="person")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="person",
        for_concrete_model=False,
    )

    base_form_class = PersonForm

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"

    def __str__(self):
        return f"{self.name}, {self.role}" if self.role else self.name

    def save(self, *args, **kwargs):
        # Rows made in code (sign-off profiles, imports, old revisions published) get one too.
        if not self.slug:
            self.slug = self.unique_slug()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        """The public profile page (shown to readers only while the profile is live)."""
        return reverse("person", kwargs={"slug": self.slug}) if self.slug else ""

    @property
    def revisions(self):
        return self._revisions

    def get_preview_template(self, request, mode_name):
        return "previews/person.html"

    @property
    def profile_url(self):
        """Where bylines link: the profile page, or "" while readers cannot see the profile."""
        return self.get_absolute_url() if self.live else ""

    def clean(self):
        super().clean()
        # Filled before the unique check runs, so the editor sees the address it will get.
        if not self.slug:
            self.slug = self.unique_slug()
        # The unique check sees only live rows; a slug waiting in another person's draft would
        # make publishing the second of the two fail, so it is refused here, on the form.
        claimed = (
            Person.objects.exclude(pk=self.pk)
            .filter(latest_revision__content__slug=self.slug)
            .values_list("name", flat=True)
            .first()
        )
        if claimed:
            raise ValidationError(
                {
                    "slug": f"{claimed}'s profile has a change waiting for review that uses this address."
                }
            )

    def unique_slug(self):
        """A slug from the name that no other person has: 'jo-bloggs', then 'jo-bloggs-2'."""
        base = slugify(self.name)[:110] or "person"
        taken = set(
            type(self)
            .objects.filter(slug__startswith=base)
            .exclude(pk=self.pk)
            .values_list("slug", flat=True)
        )
        slug, number = base, 1
        while slug in taken:
            number += 1
            slug = f"{base}-{number}"
        return slug
