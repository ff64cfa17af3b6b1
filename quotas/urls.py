from django.urls import path

from . import views

urlpatterns = [
    path("", views.dashboard, name="quotas-dashboard"),
    path("<str:code>/", views.unit_dashboard, name="quotas-unit"),
    path("<str:code>/giao-chi-tieu/", views.allocate, name="quotas-allocate"),
    path("<str:code>/danh-sach/", views.people, name="quotas-admitted"),
    path("<str:code>/to-chuc-co-so/", views.grassroots, name="quotas-grassroots"),
]
