"""Forms of the editorial workflow: the approval checklist, change requests, and evidence gates."""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.forms.utils import ErrorList
from django.utils.functional import cached_property

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.blocks import StreamBlockValidationError
from wagtail.fields import StreamField

from .evidence import check_evidence
from .form_changes import only_reencoded


class ReviewChecklistForm(forms.Form):
    """The checks a reviewer confirms before signing an article off."""

    facts_match_sources = forms.BooleanField(
        label="The facts match the cited sources", required=True
    )
    claims_cited = forms.BooleanField(
        label="Every health claim is cited or worded as a belief", required=True
    )
    cautions_correct = forms.BooleanField(label="Cautions are present and correct", required=True)
    references_complete = forms.BooleanField(label="References are complete", required=True)
    disclaimer_applies = forms.BooleanField(
        label="The medical disclaimer applies to this article", required=True
    )
    comment = forms.CharField(
        label="Note for the review record (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if isinstance(field, forms.BooleanField):
                field.error_messages["required"] = "Tick this check before you sign off."
                field.widget.attrs["data-review-check"] = name


class ReviewApprovalForm(ReviewChecklistForm):
    """Approving a revision in the workflow."""


class RequestChangesForm(forms.Form):
    """Sending an article back to its editor: the reason is required and e-mailed to them."""

    comment = forms.CharField(
        label="What needs to change",
        required=True,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="The editor receives this by e-mail.",
        error_messages={"required": "Say what needs to change, so the editor can fix it."},
    )


class ArticlePageForm(WagtailAdminPageForm):
    """Page form for articles: evidence gates run on submit and publish, not on draft saves."""

    def _update_errors(self, errors):
        # Model rules about fields this form does not show (the review details, which only the
        # workflow sets) are reported at the top of the form instead of crashing add_error().
        if hasattr(errors, "error_dict"):
            shown, hidden = {}, []
            for field, messages in errors.error_dict.items():
                if field == NON_FIELD_ERRORS or field in self.fields:
                    shown[field] = messages
                else:
                    hidden.extend(messages)
            if hidden:
                shown.setdefault(NON_FIELD_ERRORS, []).extend(hidden)
                errors = ValidationError(shown)
        super()._update_errors(errors)

    @cached_property
    def changed_data(self):
        # Rich text comes back from Draftail re-encoded even when untouched; only real edits count
        # (Wagtail's edit view saves a revision before a workflow action if the form changed).
        return [
            name
            for name in super().changed_data
            if not only_reencoded(self.fields[name], self[name].initial, self[name].data)
        ]

    def _post_clean(self):
        super()._post_clean()
        # Wagtail defers validation when a draft is saved; submitting or publishing does not.
        if not self.is_deferred_validation:
            self.apply_evidence_gates()

    def kept_rows(self, formset_name, field):
        """(chosen object, row form) for each row kept in an InlinePanel, as posted."""
        formset = self.formsets.get(formset_name)
        if formset is None or not formset.is_valid():
            return []
        rows = []
        for form in formset.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if data.get(field) and not data.get("DELETE"):
                rows.append((data[field], form))
        return rows

    def listed_reference_rows(self):
        """(reference, row form) for each reference kept in the References panel."""
        return self.kept_rows("article_references", "reference")

    def apply_evidence_gates(self):
        rows = self.listed_reference_rows()
        parent = getattr(self, "parent_page", None)
        topic = getattr(parent.specific, "topic", "techniques") if parent else None
        points = None
        if "point_links" in self.formsets:
            # A reflexology page's point notes are cited text: check the points being submitted.
            points = [point for point, _ in self.kept_rows("point_links", "point")]
        problems = check_evidence(
            self.instance, [ref for ref, _ in rows], topic=topic, points=points
        )
        for problem in problems:
            if problem.reference_index is not None:
                rows[problem.reference_index][1].add_error("reference", problem.message)
            elif problem.field in self.fields:
                self.add_field_problem(problem.field, problem.message)
            else:
                self.add_error(None, problem.message)

    def add_field_problem(self, name, message):
        model_field = self._meta.model._meta.get_field(name)
        if isinstance(model_field, StreamField):
            # StreamField widgets only render errors in their block-error form.
            error = StreamBlockValidationError(
                non_block_errors=ErrorList([ValidationError(message)])
            )
        else:
            error = ValidationError(message)
        self.add_error(name, error)
