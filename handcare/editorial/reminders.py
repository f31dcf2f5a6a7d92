"""Review reminders: e-mail the owner and last reviewer once when a review nears and once when it lapses."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from wagtail.admin.utils import get_admin_base_url

from . import queries
from .records import ReviewRecord, ReviewReminder

logger = logging.getLogger(__name__)


def recipients_for(page, last_reviewers):
    """The page owner and its last reviewer, if they have e-mail addresses."""
    people = [page.owner, last_reviewers.get(page.pk)]
    return sorted(
        {user.email for user in people if user is not None and user.is_active and user.email}
    )


def _message(page, kind, due):
    edit_url = f"{get_admin_base_url()}/admin/pages/{page.pk}/edit/"
    if kind == ReviewReminder.Kind.OVERDUE:
        subject = f"Review overdue: {page.title}"
        lead = f"The review of '{page.title}' was due on {due:%d %B %Y} and is now overdue."
    else:
        subject = f"Review due on {due:%d %B %Y}: {page.title}"
        lead = f"'{page.title}' is due for review on {due:%d %B %Y}."
    body = (
        f"{lead}\n\nReaders see the next review date on the article. Check it against its "
        f"sources, then approve the changes or record 'Reviewed, no changes needed':\n{edit_url}\n"
    )
    return subject, body


def _page(entry):
    """The page of a review status entry, carrying the due date the reminder is about."""
    page = entry.page
    page.review_next_due = entry.next_review_due
    return page


def send_review_reminders(today=None):
    """Send every reminder that is due and not yet sent; returns how many e-mails went out."""
    today = today or timezone.localdate()
    articles = queries.articles_with_review_state(today).select_related("page__owner")
    due = [
        (_page(entry), kind)
        for kind, entries in (
            (ReviewReminder.Kind.OVERDUE, queries.overdue(articles, today)),
            (ReviewReminder.Kind.DUE_SOON, queries.due_soon(articles, today)),
        )
        for entry in entries
    ]
    if not due:
        return 0
    already_sent = set(
        ReviewReminder.objects.filter(page__in=[page for page, _ in due]).values_list(
            "page_id", "kind", "next_review_due"
        )
    )
    last_reviewers = {}
    records = (
        ReviewRecord.objects.sign_offs()
        .for_pages([page.pk for page, _ in due])
        .filter(reviewer_user__isnull=False)
        .select_related("reviewer_user")
        .order_by("object_id", "-reviewed_at")
    )
    for record in records:
        last_reviewers.setdefault(int(record.object_id), record.reviewer_user)

    sent = 0
    for page, kind in due:
        if (page.pk, kind, page.review_next_due) in already_sent:
            continue
        recipients = recipients_for(page, last_reviewers)
        try:
            with transaction.atomic():
                # The unique constraint makes a concurrent run skip rather than e-mail twice.
                ReviewReminder.objects.create(
                    page=page,
                    kind=kind,
                    next_review_due=page.review_next_due,
                    recipients=", ".join(recipients),
                )
                if recipients:
                    subject, body = _message(page, kind, page.review_next_due)
                    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
                    sent += 1
        except IntegrityError:
            continue
        except OSError as error:  # refused connections and every smtplib error
            # Rolled back with its ReviewReminder, so the next run sends it; the rest still go.
            logger.error(
                "Review reminder (%s) for page %s not sent, the next run tries again: %s: %s",
                kind,
                page.pk,
                type(error).__name__,
                error,
            )
    return sent
