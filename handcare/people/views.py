"""Public profile pages of the people who write and review HandCare articles.

Readers see only a live (published, reviewed) profile: a draft of a change waits in its
revision, and a profile that was never published answers 404. Each page costs the same few
queries however many articles the person wrote or reviewed (tests/people/test_query_counts.py).
"""

from django.core.paginator import Paginator
from django.db.models import F, Q
from django.http import Http404
from django.shortcuts import render

from handcare.articles.cards import card_queryset, cards_from_rows
from handcare.performance.images import prefetch_renditions

from .models import Person
from .structured_data import person_data

# How many articles each list on a profile shows, newest first.
ARTICLES_SHOWN = 20
PEOPLE_PER_PAGE = 24


def live_people():
    """Profiles readers may see, with their photos."""
    return Person.objects.filter(live=True).select_related("photo")


def articles(filters, order_by):
    """(the newest ARTICLES_SHOWN live public articles matching filters, whether more exist)."""
    rows = list(card_queryset(filters, order_by)[: ARTICLES_SHOWN + 1])
    return cards_from_rows(rows[:ARTICLES_SHOWN]), len(rows) > ARTICLES_SHOWN


def person_detail(request, slug):
    """A person's profile: who they are, and the live articles they wrote and reviewed."""
    person = live_people().filter(slug=slug).first()
    if person is None:
        raise Http404("No such person")
    written, more_written = articles(
        Q(author_id=person.pk),
        [F("first_published_at").desc(nulls_last=True), "path"],
    )
    # The review readers see on each article is its last_review: the sign-off of the live text.
    reviewed, more_reviewed = articles(
        Q(last_review__reviewer_id=person.pk),
        [F("last_reviewed").desc(nulls_last=True), "path"],
    )
    if person.photo_id:
        prefetch_renditions([(person.photo, "portrait")])
    return render(
        request,
        "people/person_detail.html",
        {
            "person": person,
            "written": written,
            "more_written": more_written,
            "reviewed": reviewed,
            "more_reviewed": more_reviewed,
            "structured_data": person_data(person, request),
        },
    )


def person_index(request):
    """Everyone who writes and reviews for HandCare, with a link to each profile."""
    paginator = Paginator(live_people().order_by("name", "pk"), PEOPLE_PER_PAGE)
    page_obj = paginator.get_page(request.GET.get("page"))
    people = list(page_obj.object_list)
    prefetch_renditions([(person.photo, "portrait") for person in people if person.photo_id])
    return render(request, "people/person_index.html", {"people": people, "page_obj": page_obj})
