"""Public URLs of the people app: profiles and the "How we review" page (all page-cached)."""

from django.urls import path

from . import how_we_review, views

urlpatterns = [
    path("people/", views.person_index, name="people"),
    path("people/<slug:slug>/", views.person_detail, name="person"),
    path("how-we-review/", how_we_review.how_we_review, name="how-we-review"),
]
