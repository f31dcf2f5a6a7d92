"""A successful login clears that account's failed attempts, and only that account's."""

from axes.handlers.proxy import AxesProxyHandler

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver


@receiver(user_logged_in, dispatch_uid="handcare_login_throttling_reset")
def reset_own_failures(sender, request, user, **kwargs):
    """Forget this username's failures, from every address.

    Not axes' AXES_RESET_ON_SUCCESS: that also deletes every failure from the login's address,
    so anyone with a working account could sign in between guesses at another account and never
    reach the limit. Failures against other usernames from this address stay counted.
    """
    AxesProxyHandler.reset_attempts(username=user.get_username())
