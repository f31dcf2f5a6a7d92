"""The reference library's snippet chooser, searchable the way editors remember a source."""

from django import forms
from django.db.models import Q

from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetChosenView,
)


class ReferenceSearchForm(BaseFilterForm):
    """Every word must match a reference's author, title, key or year."""

    q = forms.CharField(
        label="Search term",
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "Author, title, year or key"}),
    )

    def filter(self, objects):
        objects = super().filter(objects)
        query = self.cleaned_data.get("q", "").strip()
        if not query:
            return objects
        # Plain database lookups rather than the search index: the library is small, and an
        # editor typing "field 2016" expects both words matched across authors and year at once.
        for word in query.split():
            matches = (
                Q(key__icontains=word) | Q(title__icontains=word) | Q(authors__icontains=word)
            )
            if word.isdigit() and len(word) <= 4:
                matches |= Q(year=int(word))
            objects = objects.filter(matches)
        self.is_searching = True
        self.search_query = query
        return objects


class ReferenceListingMixin:
    """Search by author, title, year and key, and show authors and year beside each title."""

    filter_form_class = ReferenceSearchForm

    @property
    def columns(self):
        return [
            *super().columns,
            Column("authors", label="Authors"),
            Column("year", label="Year"),
        ]


class ReferenceChooseView(ReferenceListingMixin, ChooseView):
    """The chooser modal."""


class ReferenceChooseResultsView(ReferenceListingMixin, ChooseResultsView):
    """The results listing the modal reloads as the editor types."""


class ReferenceChosenView(SnippetChosenView):
    """The chosen reference, with the key and label the Cite control needs."""

    def get_chosen_response_data(self, item):
        return {
            **super().get_chosen_response_data(item),
            "key": item.key,
            "label": item.short_label,
        }


class ReferenceChooserViewSet(SnippetChooserViewSet):
    """Wagtail's snippet chooser for references, with HandCare's search and chosen data."""

    choose_view_class = ReferenceChooseView
    choose_results_view_class = ReferenceChooseResultsView
    chosen_view_class = ReferenceChosenView
