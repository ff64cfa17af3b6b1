"""Two-factor login (TOTP with recovery codes, django-otp) and self-service password change."""

import base64
import io

import django_otp
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.qr import write_qrcode_image

from .forms import TokenForm, VietnamesePasswordChangeForm
from .policy import is_enrolled, requires_two_factor

RECOVERY_CODES = 10
RECOVERY_NAME = "Mã dự phòng"
APP_NAME = "Ứng dụng xác thực"


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    if safe and target.startswith("/") and len(target) < 2000:
        return target
    return str(reverse_lazy("home"))


def new_recovery_codes(user) -> list[str]:
    """Replace the user's recovery codes with fresh ones (each works once); shown once."""
    device, _ = StaticDevice.objects.get_or_create(user=user, name=RECOVERY_NAME, defaults={"confirmed": True})
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=c) for c in codes])
    return codes


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def verify(request):
    if request.user.is_verified() or not is_enrolled(request.user):
        return redirect(_next(request))
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = django_otp.match_token(request.user, form.cleaned_data["token"])
        if device is not None:
            django_otp.login(request, device)
            if isinstance(device, StaticDevice):
                left = StaticToken.objects.filter(device=device).count()
                messages.warning(request, f"Đã dùng một mã dự phòng; còn {left} mã.")
            return redirect(_next(request))
        form.add_error("token", "Mã không đúng hoặc đã hết hạn (hoặc đã thử quá nhiều lần; hãy chờ rồi thử lại).")
    return render(request, "accounts/verify.html", {"form": form, "next": _next(request)})


def _pending_device(user) -> TOTPDevice:
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-id").first()
    return device or TOTPDevice.objects.create(user=user, name=APP_NAME, confirmed=False)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def setup(request):
    """Enrol a TOTP app: scan the QR code (drawn here, no outside service), type a code to confirm."""
    if is_enrolled(request.user) and not request.user.is_verified():
        return redirect("accounts-2fa-verify")
    device = _pending_device(request.user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save()
            TOTPDevice.objects.filter(user=request.user).exclude(pk=device.pk).delete()
            django_otp.login(request, device)
            codes = new_recovery_codes(request.user)
            return render(request, "accounts/recovery.html", {"codes": codes, "next": _next(request)})
        form.add_error("token", "Mã không đúng: hãy kiểm tra giờ trên điện thoại và nhập mã đang hiện.")
    secret = base64.b32encode(device.bin_key).decode()
    context = {
        "form": form,
        "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
        "required": requires_two_factor(request.user),
        "enrolled": is_enrolled(request.user),
        "next": _next(request),
    }
    return render(request, "accounts/setup.html", context)


@never_cache
@login_required
def qr_code(request):
    """The pending device's otpauth:// address as an SVG QR code (made locally by `qrcode`)."""
    device = _pending_device(request.user)
    out = io.BytesIO()
    write_qrcode_image(device.config_url, out)
    response = HttpResponse(out.getvalue(), content_type="image/svg+xml")
    response["Cache-Control"] = "no-store"
    return response


@never_cache
@login_required
@require_POST
def recovery_codes(request):
    if not request.user.is_verified():
        return redirect("accounts-2fa-verify")
    return render(request, "accounts/recovery.html", {"codes": new_recovery_codes(request.user), "next": "/"})


@never_cache
@login_required
def security(request):
    """The user's own account page: second factor status, recovery codes, password change."""
    recovery = StaticDevice.objects.filter(user=request.user, name=RECOVERY_NAME).first()
    left = StaticToken.objects.filter(device=recovery).count() if recovery else 0
    context = {"enrolled": is_enrolled(request.user), "required": requires_two_factor(request.user), "left": left}
    return render(request, "accounts/security.html", context)


class PasswordChange(auth_views.PasswordChangeView):
    form_class = VietnamesePasswordChangeForm
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts-security")

    def form_valid(self, form):
        messages.success(self.request, "Đã đổi mật khẩu.")
        return super().form_valid(form)
