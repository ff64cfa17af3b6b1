"""A Vietnamese page for the bare 405 of POST-only URLs (logout, import confirmation, ...)
that a user reaches by reloading, bookmarking or typing the address."""

from django.template.loader import render_to_string


class MethodNotAllowedPageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 405 and not response.content and request.method in ("GET", "HEAD"):
            response.content = render_to_string("405.html", request=request)
            response["Content-Type"] = "text/html; charset=utf-8"
        return response
