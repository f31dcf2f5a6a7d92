"""The feedback form's validation: every field checked, nothing trusted from the post."""

from django import forms

from .models import COMMENT_MAX_LENGTH, Problem


class FeedbackForm(forms.Form):
    """What one post of "Was this page helpful?" may carry."""

    page = forms.IntegerField(min_value=1, max_value=2**31 - 1)
    # Empty only for a page published without a revision (bulk-generated content).
    revision = forms.IntegerField(min_value=1, max_value=2**31 - 1, required=False)
    helpful = forms.ChoiceField(
        choices=[("yes", "Yes"), ("no", "No")],
        error_messages={"required": "Say whether the page was helpful (Yes or No)."},
    )
    problem = forms.ChoiceField(choices=[("", "No problem"), *Problem.choices], required=False)
    comment = forms.CharField(
        max_length=COMMENT_MAX_LENGTH,
        required=False,
        error_messages={
            "max_length": f"Please keep your message under {COMMENT_MAX_LENGTH} characters."
        },
    )

    def clean_comment(self):
        # Control characters other than line breaks and tabs are never part of a message.
        comment = self.cleaned_data["comment"]
        if any(ord(ch) < 32 and ch not in "\n\r\t" for ch in comment) or "\x00" in comment:
            raise forms.ValidationError("The message contains characters we cannot store.")
        return comment
