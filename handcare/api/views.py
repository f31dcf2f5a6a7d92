"""The pages endpoint: live, public pages only, with the fields readers see on them."""

import re

from rest_framework.fields import Field
from rest_framework.permissions import AllowAny

from django.db import connection
from django.db.models import Q
from django.http import Http404

from wagtail.api import APIField
from wagtail.api.v2.filters import SearchFilter
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.serializers import PageSerializer
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.models import Page

from handcare.articles.models.mixins import ArticlePage
from handcare.discovery.absolute import absolute_url, page_absolute_url
from handcare.performance.sites import site_for_request

from . import fields


class RequestHostURLField(Field):
    """A URL on the host the client asked (the Site's hostname may be `localhost`)."""

    def __init__(self, url, **kwargs):
        self.url = url
        super().__init__(read_only=True, **kwargs)

    def get_attribute(self, instance):
        return instance

    def to_representation(self, page):
        return self.url(self.context["request"], page, self.context)


def _detail_url(request, page, context):
    return absolute_url(request, context["router"].get_object_detail_urlpath(Page, page.pk))


class PublicPageSerializer(PageSerializer):
    """Wagtail's page serializer with URLs on the request's host."""

    detail_url = RequestHostURLField(_detail_url)
    html_url = RequestHostURLField(lambda request, page, context: page_absolute_url(request, page))


class ReaderSearchFilter(SearchFilter):
    """?search= reduced to its words: client text never reaches a backend's query syntax."""

    def filter_queryset(self, request, queryset, view):
        if "search" not in request.GET:
            return super().filter_queryset(request, queryset, view)
        words = re.findall(r"\w+", request.GET["search"])[:MAX_SEARCH_WORDS]
        if not words:
            return queryset.none()
        if request.GET.get("search_operator") not in (None, "and", "or"):
            raise BadRequestError("search_operator must be 'and' or 'or'")
        original = request.GET
        request._request.GET = original.copy()
        request._request.GET["search"] = " ".join(word[:MAX_WORD_LENGTH] for word in words)
        try:
            return super().filter_queryset(request, queryset, view)
        finally:
            request._request.GET = original


MAX_SEARCH_WORDS = 10
MAX_WORD_LENGTH = 50


def article_api_fields(model):
    """The fields of an article: the texts it shows, review, references, image, author."""
    texts = [name for name in model.citable_fields if name != "summary"]
    return [
        APIField("summary", serializer=fields.SummaryField()),
        *(APIField(name) for name in texts),
        APIField("hero_image", serializer=fields.HeroImageField()),
        APIField("author", serializer=fields.AuthorField()),
        APIField("review", serializer=fields.ReviewField()),
        APIField("references", serializer=fields.ReferencesField()),
        APIField("audiences", serializer=fields.AudiencesField()),
        APIField("last_published_at"),
    ]


class ReaderPagination(WagtailPagination):
    """Wagtail's limit/offset pagination; an offset past the last page reads nothing.

    Wagtail slices with any offset a client sends, and one past the database's integer range
    fails in the query (a 500 on SQLite and PostgreSQL); past the end there is nothing to read.
    """

    def paginate_queryset(self, queryset, request, view=None):
        page = super().paginate_queryset(queryset, request, view)
        # Wagtail has checked that offset is a non-negative integer.
        if int(request.GET.get("offset", 0)) >= self.total_count:
            return []
        return page


class PublicPagesAPIViewSet(PagesAPIViewSet):
    """Read-only pages endpoint: live pages no view restriction covers, for everyone alike."""

    base_serializer_class = PublicPageSerializer
    pagination_class = ReaderPagination
    # Nobody gets more through the API by being logged in or having passed a page password.
    authentication_classes = []
    permission_classes = [AllowAny]
    # The site is the request's own (get_base_queryset): no ?site= to ask for another.
    known_query_parameters = PagesAPIViewSet.known_query_parameters - {"site"}
    filter_backends = [
        ReaderSearchFilter if backend is SearchFilter else backend
        for backend in PagesAPIViewSet.filter_backends
    ]

    @classmethod
    def get_body_fields(cls, model):
        extra = article_api_fields(model) if issubclass(model, ArticlePage) else []
        return cls._convert_api_fields([*cls.body_fields, *extra])

    def get_base_queryset(self):
        """Live, public pages of the request's site; the same for every client."""
        site = site_for_request(self.request)
        if site is None:
            return Page.objects.none()
        root = site.root_page
        queryset = Page.objects.live().public().filter(path__startswith=root.path)
        return queryset.filter(Q(depth__gte=root.depth))

    def detail_view(self, request, pk):
        # The URL takes any digits; an id past the database's integer range fails in the query.
        _, highest = connection.ops.integer_field_range(Page._meta.pk.get_internal_type())
        if highest is not None and pk > highest:
            raise Http404("not found")
        return super().detail_view(request, pk)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        # A NUL reaches the filters and html_path routing as text, which PostgreSQL refuses.
        for name, values in request.GET.lists():
            if any("\x00" in value for value in (name, *values)):
                raise BadRequestError("query parameters cannot contain NUL characters")

    def find_object(self, queryset, request):
        if "id" in request.GET and not request.GET["id"].isdigit():
            raise BadRequestError("id must be a positive integer")
        return super().find_object(queryset, request)
