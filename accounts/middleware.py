"""Second factor enforced on every page: a user with a confirmed device must enter a code after the
password (any page redirects to the code page until then); a user whose role requires it and who has
none yet is sent to enrol. Runs after django_otp's OTPMiddleware (request.user.is_verified)."""

from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers

from .policy import is_enrolled, requires_two_factor

OPEN_PREFIXES = ("/static/",)


class TwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not self._open(request.path):
            if not user.is_verified():
                if is_enrolled(user):
                    return self._to("accounts-2fa-verify", request)
                if requires_two_factor(user):
                    return self._to("accounts-2fa-setup", request)
        return self.get_response(request)

    @staticmethod
    def _open(path: str) -> bool:
        names = ("accounts-2fa-verify", "accounts-2fa-setup", "accounts-2fa-qr", "logout")
        return path.startswith(OPEN_PREFIXES) or path in {reverse(n) for n in names} or path == settings.STATIC_URL

    @staticmethod
    def _to(name: str, request):
        target = reverse(name)
        if request.method == "GET":
            target += "?" + urlencode({"next": request.get_full_path()})
        return redirect(target)


class PrivateResponseMiddleware:
    """Every page and file of the app may carry personal data: never stored by a browser or proxy cache
    (Cache-Control: no-store). The admin's own templates use inline style attributes: only there the
    CSP allows them (django-csp reads response._csp_update)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith(OPEN_PREFIXES):
            add_never_cache_headers(response)
        if request.path.startswith("/quan-tri/"):
            response._csp_update = {"style-src": ["'unsafe-inline'"]}
        return response
