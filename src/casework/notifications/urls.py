"""The inbox, mounted at `/notifications/`."""

from django.urls import path

from casework.notifications import views

app_name = "notifications"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("read/", views.read_all, name="read_all"),
    path("<int:pk>/read/", views.read, name="read"),
]
