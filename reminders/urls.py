from django.urls import path

from . import views

urlpatterns = [
    path("", views.reminder_settings, name="reminder-settings"),
    path("lich/<str:token>.ics", views.calendar_feed, name="reminder-calendar"),
]
