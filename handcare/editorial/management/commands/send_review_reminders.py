from django.core.management.base import BaseCommand

from handcare.editorial.reminders import send_review_reminders


class Command(BaseCommand):
    """E-mail owners and last reviewers about reviews due within 30 days or overdue (once each)."""

    help = "Send review reminders that are due and have not been sent before."

    def handle(self, *args, **options):
        sent = send_review_reminders()
        self.stdout.write(f"Sent {sent} review reminder e-mail(s).")
