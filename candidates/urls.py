from django.urls import path

from . import views, views_privacy, views_void

urlpatterns = [
    path("", views.candidate_list, name="candidates-list"),
    path("them/", views.candidate_create, name="candidates-create"),
    path("tim-theo-cccd/", views.search_by_id, name="candidates-search-id"),
    path("viec-can-lam/", views.board, name="candidates-board"),
    path("lop/", views.class_list, name="candidates-classes"),
    path("lop/<int:pk>/", views.class_detail, name="candidates-class-detail"),
    path("lop/<int:pk>/cu-di-hoc/", views.class_enroll, name="candidates-class-enroll"),
    path("<int:pk>/", views.candidate_detail, name="candidates-detail"),
    path("<int:pk>/sua/", views.candidate_edit, name="candidates-edit"),
    path("<int:pk>/du-lieu-ca-nhan.json", views_privacy.person_data, name="candidates-person-data"),
    path("<int:pk>/yeu-cau-dinh-chinh/", views_privacy.correction_request, name="candidates-correction-request"),
    path("<int:pk>/thao-tac/<slug:action>/", views.candidate_action, name="candidates-action"),
    path("<int:pk>/su-kien/<int:event_pk>/dinh-chinh/", views.event_correct, name="candidates-correct"),
    path("<int:pk>/su-kien/<int:event_pk>/huy/", views_void.event_void, name="candidates-void"),
]
