"""The one form of the two-factor pages: a code from the authenticator app or a recovery code."""

from django import forms


class CodeForm(forms.Form):
    """A 6-digit code from the authenticator app, or (where accepted) a recovery code."""

    code = forms.CharField(
        label="Code",
        max_length=32,
        help_text="The 6-digit code your authenticator app shows now, or one of your recovery codes.",
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}
        ),
    )


class EnrolmentCodeForm(CodeForm):
    """Enrolment proves the app works, so only its 6-digit code is accepted."""

    code = forms.CharField(
        label="Code from your app",
        max_length=32,
        help_text="Enter the 6-digit code your authenticator app shows for HandCare.",
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )
