from django.urls import path, re_path

from . import person, views

urlpatterns = [
    path("", views.report_index, name="reports-index"),
    path("nguoi/<int:pk>.pdf", person.person_pdf, name="reports-person"),
    re_path(
        r"^tai-ve/(?P<slug>[a-z]+)/(?P<code>[^/]+)\.(?P<fmt>pdf|xlsx)$", views.report_download, name="reports-download"
    ),
]
