from django.urls import path

from casework.web import views

urlpatterns = [
    path("", views.home, name="home"),
    path("maps/article5.svg", views.article5_map, name="article5_map"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("worker/check/", views.check_worker, name="check_worker"),
]
