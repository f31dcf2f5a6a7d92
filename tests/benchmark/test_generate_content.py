"""`generate_content` writes pages in bulk; they must be as valid as pages made in the admin."""

import io
import re

import pytest

from django.contrib.auth import get_user_model
from django.core.management import call_command

from wagtail.models import Page, ReferenceIndex
from wagtail.search.backends import get_search_backend

from handcare.articles.models import article_models
from handcare.editorial.records import ReviewRecord
from handcare.editorial.status_index import ReviewStatusEntry, expected_entries
from handcare.references.citations import citation_keys
from handcare.references.models import Reference
from home.models import SectionPage

COUNT = 23  # more than two batches of 10, and not a multiple of the three sections

pytestmark = pytest.mark.django_db


def generate(count, batch_size=10):
    out = io.StringIO()
    call_command("generate_content", count=count, batch_size=batch_size, stdout=out, stderr=out)
    return out.getvalue()


def articles():
    return list(Page.objects.filter(depth=4).specific().order_by("path"))


@pytest.fixture
def generated():
    output = generate(COUNT)
    assert f"Generated {COUNT} articles" in output
    return articles()


def test_every_page_type_is_generated_under_every_section(generated):
    assert len(generated) == COUNT
    assert {type(page) for page in generated} == set(article_models())
    sections = SectionPage.objects.all()
    assert sections.count() == 3
    for section in sections:
        children = Page.objects.child_of(section)
        assert children.count() >= COUNT // 3
        assert section.numchild == children.count()


def test_tree_is_valid_and_url_paths_match_the_tree(generated):
    assert all(not problems for problems in Page.find_problems())
    for page in generated:
        parent = page.get_parent()
        assert page.url_path == f"{parent.url_path}{page.slug}/"
        assert page.depth == parent.depth + 1


def test_every_generated_page_and_section_answers_200(client, generated):
    for page in generated:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
    for section in SectionPage.objects.all():
        assert client.get(section.url).status_code == 200


def test_bylines_come_from_review_records_of_the_live_revision(client, generated):
    for page in generated:
        record = page.last_review
        assert record is not None
        assert record.kind == ReviewRecord.Kind.APPROVAL
        assert record.revision_id == page.live_revision_id == page.latest_revision_id
        assert record.object_id == str(page.pk)
        assert page.reviewed_by_id == record.reviewer_id
        assert page.next_review_due > page.last_reviewed
    page = generated[0]
    html = client.get(page.url).content.decode()
    assert f"Reviewed by {page.last_review.reviewer_name}" in html


def test_revisions_hold_the_page_as_wagtail_stores_it(generated):
    for page in generated:
        revision = page.live_revision
        restored = revision.as_object()
        assert restored.title == page.title
        assert [link.reference_id for link in restored.article_references.all()] == [
            link.reference_id for link in page.article_references.all()
        ]


def test_citations_resolve_and_evidence_gates_pass(client, generated):
    for page in generated:
        listed = {reference.key for reference in page.listed_references()}
        cited = {key for text in page.citable_texts() for key in citation_keys(text)}
        assert cited and cited <= listed
        assert all(reference.live for reference in page.listed_references())
        assert page.evidence_problems() == []
    page = generated[0]
    html = client.get(page.url).content.decode()
    assert "[cite:" not in html
    assert re.search(r'href="#ref-1"', html)


def test_generated_pages_are_searchable(client, generated):
    backend = get_search_backend()
    for page in generated:
        found = backend.search(page.title, Page.objects.live())
        assert page.pk in {result.pk for result in found}, page.title
    title = generated[0].title
    response = client.get("/search/", {"q": title})
    assert response.status_code == 200
    shown = [page.title for page in response.context["search_results"].object_list]
    assert title in shown


def test_reference_index_matches_a_rebuild(generated):
    def snapshot():
        return set(
            ReferenceIndex.objects.values_list(
                "object_id", "to_content_type_id", "to_object_id", "content_path"
            )
        )

    reference = generated[0].listed_references()[0]
    before = snapshot()
    assert ReferenceIndex.get_references_to(reference).exists()
    call_command("rebuild_references_index", stdout=io.StringIO())
    after = snapshot()
    page_ids = {str(page.pk) for page in generated}
    assert {row for row in before if row[0] in page_ids} == {
        row for row in after if row[0] in page_ids
    }
    using = Reference.objects.get(pk=reference.pk).review_usage_pages()
    assert generated[0].pk in {page.pk for page in using}


def test_a_second_run_adds_pages_after_the_first(generated):
    generate(5)
    pages = articles()
    assert len(pages) == COUNT + 5
    assert len({page.url_path for page in pages}) == COUNT + 5
    assert all(not problems for problems in Page.find_problems())
    # The shared objects are reused, not duplicated.
    assert Reference.objects.filter(key__startswith="gen-").count() == 24


def test_admin_explorer_and_edit_view_open_generated_pages(client, generated):
    admin = get_user_model().objects.create_superuser("gen-admin", "a@example.invalid", "pw")
    client.force_login(admin)
    section = generated[0].get_parent()
    assert client.get(f"/admin/pages/{section.pk}/").status_code == 200
    for page in generated[:3]:
        assert client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200
    assert client.get("/admin/").status_code == 200


def test_generated_articles_are_in_the_review_status_index(generated):
    # Bulk rows send no signals: the dashboard and the Content review report would miss them.
    indexed = dict(ReviewStatusEntry.objects.values_list("page_id", "next_review_due"))
    for page in generated:
        assert indexed[page.pk] == page.next_review_due, page.url
    assert set(indexed) == set(expected_entries())
