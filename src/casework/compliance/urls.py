from django.urls import path

from casework.compliance import views

app_name = "compliance"
urlpatterns = [
    path("", views.current, name="current"),
    path("<int:year>/", views.tracker, name="year"),
    path("<int:year>/map.svg", views.tracker_map, name="map"),
    path("<int:year>/export.<tableformat:fmt>", views.export, name="export"),
]
