from django.urls import path

from . import views

urlpatterns = [
    path("", views.access_log, name="audit-log"),
    path("tai-ve.<slug:fmt>", views.access_log_export, name="audit-export"),
]
