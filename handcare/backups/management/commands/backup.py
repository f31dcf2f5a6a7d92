"""Write one timestamped archive of the database and the media (handcare/backups/archive.py)."""

from django.core.exceptions import SuspiciousFileOperation
from django.core.management.base import BaseCommand, CommandError

from handcare.backups import archive
from handcare.backups.database import BackupError


class Command(BaseCommand):
    """Back up the database (one consistent snapshot) and the media files into one .tar.gz."""

    help = (
        "Write var/backups/handcare-<UTC time>.tar.gz: a consistent database dump, the original "
        "images, documents and other media, and a manifest with their checksums."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            help="archive path, or a folder for the timestamped name (default var/backups/)",
        )

    def handle(self, *args, output=None, **options):
        try:
            archive.create(output, report=self.stdout.write)
        except (BackupError, SuspiciousFileOperation, OSError) as error:
            raise CommandError(f"Backup failed: {error}") from error
