"""Forms of the editorial workflow: the review checklist, change requests, and evidence gates."""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import Model
from django.forms.utils import ErrorList

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.blocks import StreamBlockValidationError
from wagtail.fields import StreamField
from wagtail.models import Revision

from . import signoff
from .admin_urls import compare_url
from .checklist import CHECKLIST


class ReviewChecklistForm(forms.Form):
    """The checks a reviewer confirms before signing off, plus a note for the record.

    ``revision`` is the revision the reviewer was shown; a sign-off is refused if the content
    has changed since, so a review always covers exactly the text that goes live.
    """

    revision = forms.IntegerField(widget=forms.HiddenInput, required=True)
    comment = forms.CharField(
        label="Note for the review record (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        checks = {
            check.key: forms.BooleanField(
                label=check.label,
                required=True,
                error_messages={"required": "Tick this check before you sign off."},
                widget=forms.CheckboxInput(attrs={"data-review-check": check.key}),
            )
            for check in CHECKLIST
        }
        self.fields = {**checks, **self.fields}
        self.fields["revision"].error_messages["required"] = (
            "This form does not say which revision you reviewed. Open it again."
        )

    def clean_revision(self):
        revision_id = self.cleaned_data["revision"]
        revision = Revision.objects.filter(pk=revision_id).first()
        if revision is None:
            raise ValidationError(
                "The revision you reviewed no longer exists. Open the form again."
            )
        self.check_revision_is_current(revision)
        return revision_id

    def check_revision_is_current(self, revision):
        obj = signoff.specific(revision.content_object)
        latest = signoff.latest_revision(obj)
        if latest is not None and latest.pk != revision.pk:
            refusal = signoff.ReviewRefused(
                signoff.STALE_MESSAGE,
                obj,
                link=(compare_url(obj, revision.pk, latest.pk), "See what changed"),
            )
            raise ValidationError(refusal.as_html(), code="stale")

    @property
    def checks(self):
        return [self[check.key] for check in CHECKLIST]


class ReviewApprovalForm(ReviewChecklistForm):
    """Approving a revision in the workflow."""


class ConfirmReviewForm(ReviewChecklistForm):
    """'Reviewed, no changes needed': the revision shown must still be the live one."""

    def check_revision_is_current(self, revision):
        obj = signoff.specific(revision.content_object)
        obj.refresh_from_db()
        if obj.live_revision_id != revision.pk or obj.has_unpublished_changes:
            raise ValidationError(
                "This article changed after you opened it. Review the changes through the "
                "workflow instead.",
                code="stale",
            )


class RequestChangesForm(forms.Form):
    """Sending content back to its editor: the reason is required and e-mailed to them."""

    comment = forms.CharField(
        label="What needs to change",
        required=True,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="The editor receives this by e-mail.",
        error_messages={"required": "Say what needs to change, so the editor can fix it."},
    )


class EvidenceGateMixin:
    """Evidence gates on an edit form: run on submit and publish, never on a draft save.

    The rules are the instance's own (``Reviewable.evidence_problems``); a form passes in the
    related rows being posted (``evidence_context``), which the instance does not hold yet.
    """

    def _update_errors(self, errors):
        # Model rules about fields this form does not show (the review details, which only the
        # workflow sets) are reported at the top of the form instead of crashing add_error().
        if hasattr(errors, "error_dict"):
            shown, hidden = {}, []
            for field, field_errors in errors.error_dict.items():
                if field == NON_FIELD_ERRORS or field in self.fields:
                    shown[field] = field_errors
                else:
                    hidden.extend(field_errors)
            if hidden:
                shown.setdefault(NON_FIELD_ERRORS, []).extend(hidden)
                errors = ValidationError(shown)
        super()._update_errors(errors)

    def _post_clean(self):
        super()._post_clean()
        # Wagtail defers validation when a draft is saved; submitting or publishing does not.
        if not self.is_deferred_validation:
            self.apply_evidence_gates()

    def posted_rows(self, relation, field):
        """(chosen object, row form) for each row kept in an InlinePanel, as posted."""
        formset = self.formsets.get(relation)
        if formset is None or not formset.is_valid():
            return []
        rows = []
        for form in formset.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if isinstance(data.get(field), Model) and not data.get("DELETE"):
                rows.append((data[field], form))
        self._posted_row_forms = {
            **getattr(self, "_posted_row_forms", {}),
            relation: (field, rows),
        }
        return rows

    def evidence_context(self):
        """Keyword arguments for the instance's evidence_problems(); none by default."""
        return {}

    def apply_evidence_gates(self):
        for problem in self.instance.evidence_problems(**self.evidence_context()):
            if problem.row is not None:
                relation, index = problem.row
                field, rows = self._posted_row_forms[relation]
                rows[index][1].add_error(field, problem.message)
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


class ReviewableSnippetForm(EvidenceGateMixin, WagtailAdminModelForm):
    """Edit form of a reviewable snippet: its evidence gates run on submit and publish."""
