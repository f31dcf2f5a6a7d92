"""The two-factor pages: enrol an authenticator, enter a code, manage recovery codes and removal."""

import io
import re
from base64 import b32encode

import django_otp
import qrcode
import qrcode.image.svg
from django_otp.plugins.otp_totp.models import TOTPDevice

from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from wagtail.admin import messages

from . import devices
from .forms import CodeForm, EnrolmentCodeForm


def next_url(request):
    """Where to go once the code is done: the page asked for, if it is on this site."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("wagtailadmin_home")


def qr_code_svg(device):
    """The device's otpauth:// address as an inline SVG QR code (no scripts, no styles)."""
    out = io.BytesIO()
    qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage).save(out)
    svg = out.getvalue().decode()
    # Drop the XML declaration: the SVG goes inside the HTML page. It holds only our own data.
    return mark_safe(re.sub(r"^<\?xml[^>]*\?>\s*", "", svg))  # noqa: S308


def grouped_secret(device):
    """The secret in base 32, in groups of four, for typing into an app by hand."""
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def verified_login(request, device):
    """Mark this session as verified by the device, under a new session key."""
    django_otp.login(request, device)
    request.session.cycle_key()


def setup(request):
    """Enrol an authenticator app: scan the QR code (or type the secret) and enter its code."""
    user = request.user
    if devices.totp_device(user):
        return redirect("twofactor_manage" if user.is_verified() else "twofactor_verify")
    # Reuse the waiting device, so a reload or a wrong code keeps the secret the app has.
    device = devices.totp_device(user, confirmed=False) or TOTPDevice.objects.create(
        user=user, name="Authenticator app", confirmed=False
    )
    form = EnrolmentCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = devices.normalise(form.cleaned_data["code"])
        error = (
            devices.check_device(device, code)
            if devices.TOTP_CODE.fullmatch(code)
            else "Enter the 6 digits your authenticator app shows."
        )
        if error:
            messages.error(request, error)
        else:
            device.refresh_from_db()
            device.confirmed = True
            device.save()
            TOTPDevice.objects.filter(user=user, confirmed=False).delete()
            codes = devices.new_recovery_codes(user)
            verified_login(request, device)
            # Shown in this response only: the codes are never displayed again.
            context = {"codes": codes, "next": next_url(request), "enrolled": True}
            return TemplateResponse(request, "twofactor/recovery_codes.html", context)
    context = {
        "form": form,
        "qr_code": qr_code_svg(device),
        "secret": grouped_secret(device),
        "next": next_url(request),
        "required": devices.two_factor_required(user),
    }
    return TemplateResponse(request, "twofactor/setup.html", context)


def verify(request):
    """The second step of logging in: a code from the app, or a recovery code."""
    user = request.user
    if user.is_verified():
        return redirect(next_url(request))
    if not devices.totp_device(user):
        return redirect(
            "twofactor_setup" if devices.two_factor_required(user) else next_url(request)
        )
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device, error = devices.check_code(user, form.cleaned_data["code"])
        if error:
            messages.error(request, error)
        else:
            verified_login(request, device)
            if device.persistent_id.startswith("otp_static."):
                left = device.token_set.count()
                messages.warning(
                    request,
                    f"You used a recovery code; {left} left. Make new ones under Account → "
                    "Two-factor authentication if you are running out.",
                )
            return redirect(next_url(request))
    return TemplateResponse(
        request, "twofactor/verify.html", {"form": form, "next": next_url(request)}
    )


def manage(request):
    """The user's own two-factor settings: their device, recovery codes left, and removal."""
    user = request.user
    device = devices.totp_device(user)
    recovery = devices.recovery_device(user)
    context = {
        "device": device,
        "recovery_codes_left": recovery.token_set.count() if recovery else 0,
        "required": devices.two_factor_required(user),
        "form": CodeForm(),
    }
    return TemplateResponse(request, "twofactor/manage.html", context)


def code_confirmed(request):
    """Whether the posted form carries a current code (app or recovery); messages say why not."""
    form = CodeForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Enter a current code to confirm.")
        return False
    device, error = devices.check_code(request.user, form.cleaned_data["code"])
    if error:
        messages.error(request, error)
        return False
    return True


@require_POST
def regenerate_recovery_codes(request):
    """New recovery codes, after a current code: the old ones stop working."""
    if not devices.totp_device(request.user):
        return redirect("twofactor_setup")
    if not code_confirmed(request):
        return redirect("twofactor_manage")
    codes = devices.new_recovery_codes(request.user)
    context = {"codes": codes, "next": reverse("twofactor_manage"), "enrolled": False}
    return TemplateResponse(request, "twofactor/recovery_codes.html", context)


@require_POST
def remove(request):
    """Remove the authenticator and recovery codes, after a current code."""
    if not devices.totp_device(request.user):
        return redirect("twofactor_manage")
    if not code_confirmed(request):
        return redirect("twofactor_manage")
    devices.remove_devices(request.user)
    if devices.two_factor_required(request.user):
        messages.success(
            request,
            "Your authenticator was removed. Your role needs two-factor authentication: "
            "set up your new authenticator now.",
        )
        return redirect("twofactor_setup")
    messages.success(request, "Two-factor authentication is off for your account.")
    return redirect("wagtailadmin_account")
