from django.urls import path

from casework.web import views

urlpatterns = [
    path("", views.home, name="home"),
    path("worker/check/", views.check_worker, name="check_worker"),
]
