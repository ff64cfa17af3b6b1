"""The client's IP address, for the login lock-out: REMOTE_ADDR, unless the request came through a
proxy listed in TRUSTED_PROXIES, then the right-most X-Forwarded-For address that is not one of them.
A header sent by anyone else is ignored (a stranger cannot pose as a colleague's address)."""

from django.conf import settings


def client_ip(request) -> str:
    remote = request.META.get("REMOTE_ADDR", "") or ""
    trusted = set(getattr(settings, "TRUSTED_PROXIES", ()))
    if remote not in trusted:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    for address in reversed(forwarded):
        if address not in trusted:
            return address
    return remote
