from django.contrib.contenttypes.fields import GenericRelation
from django.db import models

from wagtail.admin.panels import FieldPanel
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index

from handcare.editorial.forms import ReviewableSnippetForm
from handcare.editorial.reviewable import Reviewable


class AudienceQuerySet(models.QuerySet):
    def live(self):
        """The audiences readers see: published through review, in their live wording."""
        return self.filter(live=True)


class Audience(
    Reviewable,
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    index.Indexed,
    models.Model,
):
    """A group of readers, such as office workers or older adults; reviewed like pages.

    Its name and description are reader-facing prose (the audience page, article headers, the
    search filters, the routine builder), so changes are drafts until a reviewer signs them off.
    """

    name = models.CharField(max_length=80, unique=True, help_text="E.g. 'Office workers'.")
    slug = models.SlugField(
        max_length=80, unique=True, help_text="Used in the address of the audience's page."
    )
    description = models.TextField(
        blank=True, max_length=400, help_text="One or two sentences shown on the audience page."
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        *Reviewable.review_panels,
    ]

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("live"),
    ]

    # Wagtail's revisions and workflow states of this snippet.
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="audience")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="audience",
        for_concrete_model=False,
    )

    base_form_class = ReviewableSnippetForm

    objects = AudienceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def revisions(self):
        return self._revisions

    def get_preview_template(self, request, mode_name):
        return "previews/audience.html"
