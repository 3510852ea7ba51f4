"""The site's URL map: each app brings its own urls module."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("accounts/", include("casework.accounts.urls")),
    path("states/", include("casework.states.urls")),
    path("", include("casework.web.urls")),
]
