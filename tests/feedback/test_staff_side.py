"""Staff see reader feedback beside the page, in Content review, and as an early-review flag."""

import datetime
import zoneinfo

import pytest
import time_machine
from bs4 import BeautifulSoup

from django.utils import timezone

from handcare.editorial import early_review
from handcare.feedback.models import PageFeedback
from handcare.people.models import Person
from tests.editorial.helpers import EDITORS, REVIEWERS, SITE_ADMINISTRATORS, make_user
from tests.factories import TechniquePageFactory, sign_off

pytestmark = pytest.mark.django_db

LONDON = zoneinfo.ZoneInfo("Europe/London")
NOW = datetime.datetime(2026, 6, 1, 9, 0, tzinfo=LONDON)
REPORT = "/admin/reports/reader-feedback/"


def report(page, days_ago, problem="mistake", comment=""):
    return PageFeedback.objects.create(
        page=page,
        revision=page.live_revision,
        helpful=False,
        problem=problem,
        comment=comment,
        created_at=NOW - datetime.timedelta(days=days_ago),
    )


def overdue_panel(client):
    response = client.get("/admin/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return soup.select_one('[data-review-panel="overdue-reviews"]')


@pytest.fixture
def reviewer():
    return make_user("rita", REVIEWERS, name="Rita Reviewer", role="Hand therapist")


@pytest.fixture
def current_article(article, reviewer):
    """Reviewed in March, next due in two years: not overdue by date."""
    person = Person.objects.get(user=reviewer)
    sign_off(article, person, datetime.date(2026, 3, 1), datetime.date(2028, 3, 1))
    return article


@time_machine.travel(NOW)
def test_three_problem_reports_in_30_days_flag_the_article(client, current_article, reviewer):
    client.force_login(reviewer)
    for days in (1, 5, 29):
        report(current_article, days)
    panel = overdue_panel(client)
    assert "Palm glide" in panel.get_text()
    flag = panel.select_one("[data-early-review]")
    assert flag.get_text(strip=True) == "Early review: 3 readers reported problems"


@time_machine.travel(NOW)
def test_fewer_reports_old_reports_and_plain_answers_do_not_flag(
    client, current_article, reviewer
):
    client.force_login(reviewer)
    report(current_article, 1)
    report(current_article, 2)
    report(current_article, 31)  # outside the 30 days
    report(current_article, 3, problem="")  # "not helpful", no problem named
    assert early_review.flagged_pages(timezone.localdate()) == {}
    assert "Palm glide" not in overdue_panel(client).get_text()
    report(current_article, 4)
    assert early_review.flagged_pages(timezone.localdate()) == {
        current_article.pk: "3 readers reported problems"
    }


@time_machine.travel(NOW)
def test_a_review_after_the_reports_clears_the_flag(client, current_article, reviewer):
    for days in (10, 12, 14):
        report(current_article, days)
    assert current_article.pk in early_review.flagged_pages(timezone.localdate())
    person = Person.objects.get(user=reviewer)
    # The reviewer checked the article five days ago, after those reports.
    sign_off(current_article, person, datetime.date(2026, 5, 27), datetime.date(2028, 5, 27))
    assert early_review.flagged_pages(timezone.localdate()) == {}


@time_machine.travel(NOW)
def test_content_review_counts_problem_reports_of_the_last_30_days(
    client, current_article, reviewer
):
    other = TechniquePageFactory(parent=current_article.get_parent(), title="Thumb circles")
    report(current_article, 1)
    report(current_article, 2, problem="broken_link")
    report(current_article, 40)
    report(current_article, 1, problem="")
    client.force_login(reviewer)
    response = client.get("/admin/reports/content-review/")
    soup = BeautifulSoup(response.content, "html.parser")
    headings = [th.get_text(strip=True) for th in soup.select("table.listing thead th")]
    column = headings.index("Problem reports (30 days)")
    counts = {}
    for row in soup.select("table.listing tbody tr"):
        cells = row.select("th, td")
        counts[cells[0].get_text(" ", strip=True).split(" ")[0]] = cells[column].get_text(
            strip=True
        )
    assert counts["Palm"] == "2"
    assert counts[other.title.split(" ")[0]] == "0"


@pytest.mark.parametrize("group", [EDITORS, REVIEWERS, SITE_ADMINISTRATORS])
def test_staff_read_feedback_filtered_by_page(client, article, group):
    other = TechniquePageFactory(parent=article.get_parent(), title="Thumb circles")
    report(article, 1, comment="The second step contradicts the first.")
    report(other, 1, comment="Words about another page.")
    client.force_login(make_user("staff", group))
    edit = client.get(f"/admin/pages/{article.pk}/edit/")
    assert f'href="{REPORT}?page={article.pk}"'.encode() in edit.content
    response = client.get(REPORT, {"page": article.pk})
    assert response.status_code == 200
    assert b"The second step contradicts the first." in response.content
    assert b"Words about another page." not in response.content
    assert b"(live)" in response.content


def test_feedback_is_hidden_from_users_outside_the_roles(client, article):
    report(article, 1, comment="Internal words")
    client.force_login(make_user("outsider"))
    response = client.get(REPORT)
    assert response.status_code in (302, 403)
    assert b"Internal words" not in response.content


def test_the_report_copes_with_bad_filters(client, article):
    client.force_login(make_user("staff", REVIEWERS))
    for params in ({"page": "abc"}, {"page": "-1"}, {"kind": "nope"}, {"problem": "<b>"}):
        assert client.get(REPORT, params).status_code == 200, params


def test_the_report_exports_csv(client, article):
    report(article, 1, comment="=HYPERLINK(1)")
    client.force_login(make_user("staff", REVIEWERS))
    response = client.get(REPORT, {"export": "csv"})
    body = b"".join(response.streaming_content).decode()
    assert "What they said" in body
    assert "'=HYPERLINK(1)" in body
