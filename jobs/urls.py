from django.urls import path

from . import views

urlpatterns = [
    path("", views.job_list, name="jobs-list"),
    path("<int:pk>/", views.job_detail, name="jobs-detail"),
    path("<int:pk>/trang-thai/", views.job_status, name="jobs-status"),
    path("<int:pk>/tai-ve/", views.job_download, name="jobs-download"),
]
