"""The Person edit form: who may link a profile to an admin account."""

from handcare.editorial.forms import ReviewableSnippetForm
from handcare.editorial.roles import SITE_ADMINISTRATORS


def may_link_accounts(user):
    """Site administrators and superusers choose which admin account a profile belongs to."""
    return bool(
        user is not None
        and user.is_active
        and (user.is_superuser or user.groups.filter(name=SITE_ADMINISTRATORS).exists())
    )


class PersonForm(ReviewableSnippetForm):
    """A profile's form; its admin account field is read-only for everyone but administrators.

    The account field's list names every admin user. Editors and Reviewers have no business
    seeing the other accounts, nor linking a profile (whose reviews are credited to it) to one:
    they see the account already linked, if any, and cannot change it.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("user")
        if field is None or may_link_accounts(getattr(self, "for_user", None)):
            return
        field.disabled = True
        field.queryset = field.queryset.filter(pk=self.instance.user_id or None)
        field.help_text = "Only Site administrators can link a profile to an admin account."
