"""A test client whose force_login also passes the second factor (a confirmed TOTP device marked
verified in the session): the test suite and the page benchmarks run with two-factor enforcement on.
The enforcement itself is tested in accounts/tests with a plain Client."""

from django.test import Client


class VerifiedClient(Client):
    def force_login(self, user, backend=None):
        super().force_login(user, backend)
        from django_otp import DEVICE_ID_SESSION_KEY
        from django_otp.plugins.otp_totp.models import TOTPDevice

        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name="Thiết bị thử", confirmed=True)
        session = self.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
