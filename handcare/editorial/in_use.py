"""Media that live, reviewed text uses: what readers get of it changes only through review."""

from django.core.exceptions import ValidationError

from .reviewable import live_reviewed_titles_using


class LockedWhileInUseMixin:
    """A media edit form that refuses changes to reader-visible fields while live text uses it.

    Subclasses name the fields readers get (`reader_visible_fields`), the error code and the
    message, which receives the quoted titles of what uses the object.
    """

    reader_visible_fields = ()
    in_use_code = "in_use"
    in_use_message = "{titles}"

    def live_uses(self):
        """Titles of the live, reviewed pages and snippets that use this object."""
        return live_reviewed_titles_using(self.instance)

    def clean(self):
        cleaned_data = super().clean()
        if not self.instance.pk:
            return cleaned_data
        changed = [name for name in self.reader_visible_fields if name in self.changed_data]
        if not changed:
            return cleaned_data
        names = self.live_uses()
        if names:
            titles = ", ".join(f"'{name}'" for name in names)
            error = ValidationError(
                self.in_use_message.format(titles=titles), code=self.in_use_code
            )
            for name in changed:
                if name in self.fields:
                    self.add_error(name, error)
        return cleaned_data
