"""Who must use two-factor authentication, their devices, and checking a code against them."""

import math
import re

from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

RECOVERY_CODE_COUNT = 10
# An authenticator app shows 6 digits; recovery codes are 8 base-32 letters and digits 2-7, so
# the shape of what was typed says which device to check, and only that device's throttle counts.
TOTP_CODE = re.compile(r"[0-9]{6}")
CACHE_KEY = "twofactor:has-device:{}"


def two_factor_required(user):
    """Whether this user may not use the admin until they have enrolled an authenticator."""
    if not getattr(settings, "HANDCARE_2FA_REQUIRED", True):
        return False
    if user.is_superuser:
        return True
    groups = getattr(settings, "HANDCARE_2FA_REQUIRED_GROUPS", [])
    return user.groups.filter(name__in=groups).exists()


def totp_device(user, confirmed=True):
    """The user's authenticator app (confirmed), or the one waiting to be confirmed."""
    return TOTPDevice.objects.filter(user=user, confirmed=confirmed).order_by("pk").first()


def recovery_device(user):
    return StaticDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def has_totp_device(user):
    """Whether the user has enrolled; cached, so the gate costs no query per admin request."""
    key = CACHE_KEY.format(user.pk)
    answer = cache.get(key)
    if answer is None:
        answer = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
        cache.set(key, answer, 3600)
    return answer


def forget_cached_answer(sender, instance, **kwargs):
    key = CACHE_KEY.format(instance.user_id)
    cache.delete(key)
    # Again after commit: a request that read the old rows meanwhile must not keep them cached.
    transaction.on_commit(lambda: cache.delete(key))


def connect_signals():
    for model in (TOTPDevice, StaticDevice):
        post_save.connect(forget_cached_answer, sender=model, dispatch_uid=f"twofactor-{model}")
        post_delete.connect(forget_cached_answer, sender=model, dispatch_uid=f"twofactor-{model}")


def normalise(code):
    """What the user typed, without spaces or dashes and in lower case (recovery codes)."""
    return re.sub(r"[\s-]", "", code or "").lower()


def throttled_message(device):
    """Why the device refuses to check codes now, or None when it will check one."""
    allowed, details = device.verify_is_allowed()
    if allowed:
        return None
    locked_until = (details or {}).get("locked_until")
    if locked_until is None:
        return "Checking codes is paused for this account. Try again in a minute."
    seconds = max(1, math.ceil((locked_until - timezone.now()).total_seconds()))
    return (
        f"Too many wrong codes. Wait {seconds} second{'s' if seconds != 1 else ''} "
        "and try a new code."
    )


def check_device(device, code):
    """Check a code against one device under django-otp's throttle: an error message or None."""
    with transaction.atomic():
        # Lock the row, so two requests cannot both use one code or both skip the throttle.
        device = type(device).objects.select_for_update().get(pk=device.pk)
        refusal = throttled_message(device)
        if refusal:
            return refusal
        if device.verify_token(code):
            return None
    return "That code is not right. Check the time on your phone and enter the newest code."


def check_code(user, code):
    """Check a code from the authenticator app or a recovery code: (device, error message)."""
    code = normalise(code)
    device = totp_device(user) if TOTP_CODE.fullmatch(code) else recovery_device(user)
    if device is None:
        return (
            None,
            "That code is not right. Enter the 6 digits your app shows, or a recovery code.",
        )
    error = check_device(device, code)
    return (None, error) if error else (device, None)


def new_recovery_codes(user):
    """Replace the user's recovery codes with a fresh set of one-time codes and return them."""
    with transaction.atomic():
        StaticDevice.objects.filter(user=user).delete()
        device = StaticDevice.objects.create(user=user, name="Recovery codes", confirmed=True)
        codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    return codes


def remove_devices(user):
    """Remove the user's authenticator and recovery codes (the user or an administrator)."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
