"""Lock-out in two keys. django-axes counts failures per (username, client IP) and cools off after
AXES_FAILURE_LIMIT: a stranger elsewhere cannot lock a colleague out (the IP comes from client_ip, so
a proxy does not merge everyone into one address). On top, one address that fails too often across
usernames (guessing many accounts) is refused for the cool-off: AXES_IP_VOLUME_LIMIT."""

from django.conf import settings
from django.db.models import Sum
from django.utils import timezone

from .client_ip import client_ip


def ip_volume_exceeded(request) -> bool:
    from axes.models import AccessAttempt

    limit = getattr(settings, "AXES_IP_VOLUME_LIMIT", 30)
    hours = getattr(settings, "AXES_COOLOFF_TIME", 0.25) or 0.25
    since = timezone.now() - timezone.timedelta(hours=float(hours))
    failures = AccessAttempt.objects.filter(ip_address=client_ip(request), attempt_time__gte=since).aggregate(
        n=Sum("failures_since_start")
    )["n"]
    return (failures or 0) >= limit
