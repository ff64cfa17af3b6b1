"""Lock-out keyed so that a stranger cannot lock out a colleague: per (username, client IP), the IP
taken from X-Forwarded-For only behind a configured proxy; plus a volume limit per address."""

from django.test import Client, RequestFactory
from django.urls import reverse

from accounts.client_ip import client_ip
from conftest import PASSWORD


def _try(username, password, ip, proxy=None):
    meta = {"REMOTE_ADDR": proxy or ip}
    if proxy:
        meta["HTTP_X_FORWARDED_FOR"] = f"203.0.113.77, {ip}"
    return Client(**meta).post(reverse("login"), {"username": username, "password": password})


def test_the_client_ip_comes_from_a_trusted_proxy_only(settings):
    factory = RequestFactory()
    forged = factory.get("/", REMOTE_ADDR="198.51.100.9", HTTP_X_FORWARDED_FOR="10.0.0.5")
    assert client_ip(forged) == "198.51.100.9"
    settings.TRUSTED_PROXIES = ["10.0.0.1"]
    proxied = factory.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.77, 192.168.1.20")
    assert client_ip(proxied) == "192.168.1.20"
    assert client_ip(factory.get("/", REMOTE_ADDR="10.0.0.1")) == "10.0.0.1"


def test_a_stranger_cannot_lock_out_a_colleague_behind_the_proxy(cast, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.1"]
    for _ in range(settings.AXES_FAILURE_LIMIT + 2):
        _try("secretary_a", "sai mật khẩu", "192.168.1.66", proxy="10.0.0.1")
    # The stranger is locked out …
    assert _try("secretary_a", PASSWORD, "192.168.1.66", proxy="10.0.0.1").status_code in (403, 429)
    # … the colleague at her own desk is not.
    assert _try("secretary_a", PASSWORD, "192.168.1.20", proxy="10.0.0.1").status_code == 302


def test_one_address_guessing_many_accounts_is_refused(cast, settings):
    settings.AXES_IP_VOLUME_LIMIT = 6
    for name in ("secretary_a", "secretary_b", "viewer", "training", "commune_staff", "outsider"):
        _try(name, "sai mật khẩu", "192.168.1.99")
    refused = _try("viewer", PASSWORD, "192.168.1.99")
    assert refused.status_code == 200
    assert "quá nhiều lần đăng nhập sai từ địa chỉ mạng này" in refused.content.decode()
    assert _try("viewer", PASSWORD, "192.168.1.20").status_code == 302
