"""The address axes counts a login attempt against (AXES_CLIENT_IP_CALLABLE)."""

import ipaddress

from handcare.feedback.guards import client_ip


def login_client_ip(request):
    """The reader's address as the feedback forms work it out, behind our own proxies only.

    X-Forwarded-For counts only when the peer is one of HANDCARE_TRUSTED_PROXIES, so a client
    cannot pick a fresh address per attempt, and readers behind Varnish/nginx are not all the
    proxy's one address. Anything that is not an IP address falls back to the peer's address:
    axes stores it in a GenericIPAddressField (an inet column on PostgreSQL), where a stray
    header value would be a 500.
    """
    for candidate in (client_ip(request), request.META.get("REMOTE_ADDR", "")):
        try:
            return str(ipaddress.ip_address(candidate))
        except ValueError:
            continue
    return None
