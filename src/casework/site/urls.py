"""The site's URL map: each app brings its own urls module."""

from django.contrib import admin
from django.urls import include, path

from casework.engagement.views.public import calendar_feed_ics, public_calendar_ics

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("accounts/", include("casework.accounts.urls")),
    path("states/", include("casework.states.urls")),
    path("documents/", include("casework.documents.urls")),
    path("findings/", include("casework.findings.urls")),
    path("observations/", include("casework.observations.urls")),
    path("compliance/", include("casework.compliance.urls")),
    path("reporting/", include("casework.reporting.urls")),
    path("engagement/", include("casework.engagement.urls")),
    path("extensions/", include("casework.extensions.urls")),
    path("funding/", include("casework.funding.urls")),
    path("api/", include("casework.api.urls")),
    path("audit/", include("casework.audit.urls")),
    path("notifications/", include("casework.notifications.urls")),
    path("search/", include("casework.search.urls")),
    path("calendar.ics", public_calendar_ics, name="calendar_ics"),
    # A user's secret, revocable address for calendar programs, as the calendar page
    # gives it (also answered under /engagement/calendar/).
    path("calendar/<str:token>.ics", calendar_feed_ics, name="calendar_feed"),
    path("", include("casework.web.urls")),
]

# Error pages in the site's layout and the reader's language (the 500 page needs neither
# the database nor the context processors).
handler400 = "casework.web.errors.bad_request"
handler403 = "casework.web.errors.permission_denied"
handler404 = "casework.web.errors.page_not_found"
handler500 = "casework.web.errors.server_error"
