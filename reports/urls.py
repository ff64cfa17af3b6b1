from django.urls import path, re_path

from . import document_views as docs
from . import person, views

urlpatterns = [
    path("", views.report_index, name="reports-index"),
    path("nguoi/<int:pk>.pdf", person.person_pdf, name="reports-person"),
    re_path(
        r"^tai-ve/(?P<slug>[a-z]+)/(?P<code>[^/]+)\.(?P<fmt>pdf|xlsx)$", views.report_download, name="reports-download"
    ),
    path("van-ban/", docs.register_list, name="documents-index"),
    path("van-ban/nguoi/<int:pk>/", docs.person_documents, name="documents-person"),
    re_path(
        r"^van-ban/nguoi/(?P<pk>\d+)/(?P<kind>[a-z-]+)\.(?P<fmt>docx|pdf)$",
        docs.person_produce,
        name="documents-person-produce",
    ),
    path("van-ban/nguoi/<int:pk>/thong-tin/<slug:kind>/", docs.paper_facts, name="documents-facts"),
    path("van-ban/lop/<int:pk>/", docs.class_documents, name="documents-class"),
    re_path(
        r"^van-ban/lop/(?P<pk>\d+)/(?P<kind>[a-z-]+)\.(?P<fmt>docx|pdf)$",
        docs.class_produce,
        name="documents-class-produce",
    ),
    path("van-ban/thong-ke/", docs.statistics_produce, name="documents-statistics"),
    path("van-ban/cuoc-hop/<int:cell_pk>/<slug:kind>/<str:day>/", docs.meeting_facts, name="documents-meeting"),
    path("van-ban/mau/", docs.templates_page, name="documents-templates"),
    path("van-ban/mau/<int:pk>/xoa/", docs.template_delete, name="documents-template-delete"),
    re_path(r"^van-ban/mau/(?P<kind>[a-z-]+)\.docx$", docs.template_default, name="documents-template-default"),
]
