"""Remove a user's authenticator and recovery codes, for a user who lost both."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from handcare.twofactor.devices import remove_devices


class Command(BaseCommand):
    """reset_two_factor USERNAME: the user logs in with the password and enrols again."""

    help = "Remove a user's two-factor devices, so they enrol again at their next login."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        User = get_user_model()
        try:
            user = User.objects.get_by_natural_key(username)
        except User.DoesNotExist as error:
            raise CommandError(f"There is no user {username!r}.") from error
        remove_devices(user)
        self.stdout.write(f"Two-factor authentication reset for {username}.")
