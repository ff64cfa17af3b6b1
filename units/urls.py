from django.urls import path

from . import views

urlpatterns = [
    path("", views.unit_tree, name="units-tree"),
    path("tim/", views.unit_search, name="units-search"),
    path("tra-cuu/", views.unit_lookup, name="units-lookup"),
    path("<str:code>/", views.unit_detail, name="units-detail"),
    path("<str:code>/sap-nhap/", views.unit_merge, name="units-merge"),
    path("<str:code>/them/", views.unit_create, name="units-create"),
    path("<str:code>/sua/", views.unit_edit, name="units-edit"),
]
