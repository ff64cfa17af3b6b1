from django.urls import path

from . import views

urlpatterns = [
    path("", views.security, name="accounts-security"),
    path("xac-thuc-hai-lop/", views.verify, name="accounts-2fa-verify"),
    path("xac-thuc-hai-lop/thiet-lap/", views.setup, name="accounts-2fa-setup"),
    path("xac-thuc-hai-lop/ma-qr.svg", views.qr_code, name="accounts-2fa-qr"),
    path("xac-thuc-hai-lop/ma-du-phong/", views.recovery_codes, name="accounts-2fa-recovery"),
    path("doi-mat-khau/", views.PasswordChange.as_view(), name="accounts-password"),
]
