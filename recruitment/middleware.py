import logging
import re
import time
import uuid

from django.conf import settings

from .logs import request_id, user_id

logger = logging.getLogger("recruitment.request")
REFRESHED = "_refreshed_at"
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


class SessionRefreshMiddleware:
    """Idle expiry without a database write on every request (SESSION_SAVE_EVERY_REQUEST is off):
    a logged-in user's session is saved again, which renews its expiry (SESSION_COOKIE_AGE), only
    when SESSION_REFRESH_SECONDS have passed since its last renewal. Goes after the
    AuthenticationMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        if session is not None and session.session_key and request.user.is_authenticated:
            now = int(time.time())
            if now - int(session.get(REFRESHED, 0)) >= settings.SESSION_REFRESH_SECONDS:
                session[REFRESHED] = now  # modified: SessionMiddleware saves it with a new expiry
        return self.get_response(request)


class RequestLogMiddleware:
    """Gives each request an id (nginx's X-Request-ID when sent, else a new one), puts it and the
    user id on every log line of the request, returns it as X-Request-ID, and logs requests that
    fail or are slow (the path only: a query string may hold a name being searched)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.slow_ms = getattr(settings, "LOG_SLOW_REQUEST_MS", 2000)

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        rid = incoming if _REQUEST_ID.match(incoming) else uuid.uuid4().hex[:16]
        request.request_id = rid
        tokens = [request_id.set(rid), user_id.set(None)]
        started = time.monotonic()
        try:
            user = getattr(request, "user", None)
            if user is not None and user.is_authenticated:
                user_id.set(user.pk)
            response = self.get_response(request)
            elapsed = int((time.monotonic() - started) * 1000)
            if response.status_code >= 500 or elapsed >= self.slow_ms:
                level = logging.ERROR if response.status_code >= 500 else logging.WARNING
                logger.log(
                    level,
                    "request",
                    extra={
                        "method": request.method,
                        "path": request.path,
                        "status": response.status_code,
                        "ms": elapsed,
                    },
                )
            response["X-Request-ID"] = rid
            return response
        finally:
            request_id.reset(tokens[0])
            user_id.reset(tokens[1])
