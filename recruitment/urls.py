from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from candidates.views_rules import rules_page

from . import health, views
from .forms import LoginForm

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", health.healthz, name="healthz"),
    path(
        "dang-nhap/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True, authentication_form=LoginForm),
        name="login",
    ),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("tai-khoan/", include("accounts.urls")),
    path("nhat-ky-truy-cap/", include("audit.urls")),
    path("don-vi/", include("units.urls")),
    path("ung-vien/", include("candidates.urls")),
    path("chi-tieu/", include("quotas.urls")),
    path("bao-cao/", include("reports.urls")),
    path("nhap-du-lieu/", include("imports.urls")),
    path("nhac-viec/", include("reminders.urls")),
    path("huong-dan/", views.guide, name="guide"),
    path("viec/", include("jobs.urls")),
    path("quy-dinh/", rules_page, name="candidates-rules"),
    path("quan-tri/", admin.site.urls),
]
