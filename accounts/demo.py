"""Demo second factors, so that `make run` stays usable: every demo account whose role requires a
second factor gets a TOTP device with a known secret and ten recovery codes, printed by seed_demo.
Idempotent: run again, the used recovery codes come back. Never for a real deployment."""

import base64

from django.contrib.auth import get_user_model
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .policy import requires_two_factor
from .views import APP_NAME, RECOVERY_NAME

DEMO_KEY = "3132333435363738393031323334353637383930"  # RFC 6238's test key ("12345678901234567890")


def seed_devices(usernames) -> list[tuple[str, str, list[str]]]:
    """(username, base32 secret, recovery codes) for each demo user that needs a second factor."""
    out = []
    for user in get_user_model().objects.filter(username__in=usernames).order_by("username"):
        if not requires_two_factor(user):
            continue
        TOTPDevice.objects.get_or_create(user=user, name=APP_NAME, defaults={"key": DEMO_KEY, "confirmed": True})
        static, _ = StaticDevice.objects.get_or_create(user=user, name=RECOVERY_NAME, defaults={"confirmed": True})
        codes = [f"demo{user.pk:02d}{i:02d}" for i in range(10)]
        have = set(static.token_set.values_list("token", flat=True))
        StaticToken.objects.bulk_create([StaticToken(device=static, token=c) for c in codes if c not in have])
        out.append((user.username, base64.b32encode(bytes.fromhex(DEMO_KEY)).decode(), codes))
    return out
