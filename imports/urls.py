from django.urls import path

from . import views

urlpatterns = [
    path("", views.import_index, name="imports-index"),
    path("lich-su/<int:pk>/", views.import_record, name="imports-record"),
    path("lich-su/<int:pk>/dong-loi.xlsx", views.import_rejected, name="imports-rejected"),
    path("<str:kind>/", views.import_upload, name="imports-upload"),
    path("<str:kind>/xac-nhan/", views.import_confirm, name="imports-confirm"),
    path("<str:kind>/mau.xlsx", views.import_template, name="imports-template"),
]
