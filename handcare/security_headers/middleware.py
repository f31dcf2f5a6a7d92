"""django-csp's middleware with one policy for public pages and another for the admin.

Public pages get CONTENT_SECURITY_POLICY: no inline code at all, and never a nonce, because
they are shared through the page cache and Varnish, where one reader's nonce would be
replayed to everyone. Paths under HANDCARE_ADMIN_CSP_PREFIXES (the Wagtail and Django admins,
never cached) get HANDCARE_ADMIN_CONTENT_SECURITY_POLICY, which allows what Wagtail's own
templates need. Both allow images from the media storage's host when it is another one.
"""

import functools
from urllib.parse import urlsplit

from csp.constants import HEADER
from csp.middleware import CheckableLazyObject, CSPMiddleware
from csp.utils import build_policy

from django.conf import settings
from django.core.files.storage import storages
from django.core.signals import setting_changed
from django.dispatch import receiver

# The settings the cached policies are built from.
POLICY_SETTINGS = {
    "CONTENT_SECURITY_POLICY",
    "HANDCARE_ADMIN_CONTENT_SECURITY_POLICY",
    "HANDCARE_ADMIN_CSP_PREFIXES",
    "STORAGES",
    "MEDIA_URL",
}


@functools.cache
def media_origin():
    """The scheme and host media URLs point at (S3, a CDN, a MEDIA_URL elsewhere), or None.

    Asked of the storage itself, so every way of configuring it (custom domain, endpoint,
    region, addressing style) comes out as the URLs that pages really carry.
    """
    url = urlsplit(storages["default"].url("csp-origin-probe"))
    return f"{url.scheme}://{url.netloc}" if url.netloc else None


@functools.cache
def directives(admin):
    """The directives of the public or the admin policy, with the media host added to img-src."""
    name = "HANDCARE_ADMIN_CONTENT_SECURITY_POLICY" if admin else "CONTENT_SECURITY_POLICY"
    policy = dict(getattr(settings, name)["DIRECTIVES"])
    origin = media_origin()
    if origin:
        policy["img-src"] = [*policy.get("img-src", policy["default-src"]), origin]
    return policy


@functools.cache
def header(kind):
    """The header value of the "public", "admin" or "preview" policy, built once per process."""
    policy = directives(admin=kind == "admin")
    if kind == "preview":
        policy = {**policy, "frame-ancestors": ["'self'"]}
    return build_policy(config=policy)


@receiver(setting_changed)
def forget_policies(setting, **kwargs):
    if setting in POLICY_SETTINGS:
        media_origin.cache_clear()
        directives.cache_clear()
        header.cache_clear()


# Response attributes of django-csp's view decorators (csp_update, csp_replace, csp_exempt...).
VIEW_POLICY_ATTRIBUTES = tuple(
    f"_csp_{name}{suffix}" for name in ("config", "update", "replace") for suffix in ("", "_ro")
)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """Sends the admin policy under the admin's paths and the public policy everywhere else.

    The usual response (no view decorator, no nonce, no report-only policy) gets a header
    string built once: django-csp copies and rebuilds the policy on every response, which
    cost a page-cache hit about a quarter of its time. Anything else goes through django-csp.
    """

    def kind(self, request):
        if getattr(request, "is_dummy", False):
            # Wagtail's preview renders the page through the middleware with a made-up request
            # for the page's own URL, to be shown in the admin's preview iframe.
            return "preview"
        if request.path_info.startswith(tuple(settings.HANDCARE_ADMIN_CSP_PREFIXES)):
            return "admin"
        return "public"

    def process_response(self, request, response):
        if (
            any(hasattr(response, name) for name in VIEW_POLICY_ATTRIBUTES)
            or getattr(request, "_csp_nonce", None) is not None
            or getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None)
            or settings.CONTENT_SECURITY_POLICY.get("EXCLUDE_URL_PREFIXES")
            or (settings.DEBUG and response.status_code in (404, 500))
        ):
            return super().process_response(request, response)
        if HEADER not in response and not getattr(response, "_csp_exempt", False):
            response[HEADER] = header(self.kind(request))
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        # A view's own csp_replace / csp_update still applies on top; only the base changes.
        if not report_only and parts.config is None:
            kind = self.kind(request)
            parts.config = directives(admin=kind == "admin")
            if kind == "preview":
                parts.config = {**parts.config, "frame-ancestors": ["'self'"]}
        return parts
