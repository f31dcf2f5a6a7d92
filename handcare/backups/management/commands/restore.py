"""Restore an archive made by `manage.py backup` into an empty install."""

from django.core.exceptions import SuspiciousFileOperation
from django.core.management.base import BaseCommand, CommandError

from handcare.backups import archive
from handcare.backups.database import BackupError


class Command(BaseCommand):
    """Load a backup's database and media into this install, refusing one that has content."""

    help = (
        "Restore a HandCare backup archive into an empty database and media storage (the "
        "database may be new or only migrated). --force replaces existing content."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="a .tar.gz written by manage.py backup")
        parser.add_argument(
            "--force",
            action="store_true",
            help="replace the content of a database and media storage that are not empty",
        )

    def handle(self, *args, force=False, **options):
        try:
            archive.restore(options["archive"], force=force, report=self.stdout.write)
        except (BackupError, SuspiciousFileOperation) as error:
            raise CommandError(f"Restore failed: {error}") from error
