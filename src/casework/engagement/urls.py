from django.urls import path

from casework.engagement.views import (
    attachments,
    cases,
    events,
    moved,
    platforms,
    public,
    schedule,
    visits,
    word,
    years,
)

app_name = "engagement"
urlpatterns = [
    path("", years.home, name="home"),
    path("cases/", cases.case_list, name="cases"),
    path("cases/<int:pk>/", cases.case_detail, name="case"),
    path("cases/<int:pk>/report/", cases.case_report, name="case_report"),
    path(
        "cases/<int:pk>/report/<lang:language>.<docformat:fmt>",
        cases.case_report_download,
        name="case_report_download",
    ),
    path("steps/<int:pk>/", cases.step_edit, name="step"),
    path("steps/<int:pk>/participants/", cases.participant_add, name="participant_add"),
    path("steps/<int:pk>/presentations/", cases.attachment_add, name="attachment_add"),
    path("attachments/<int:pk>/", attachments.attachment_file, name="attachment"),
    path("published/<int:pk>/", public.published_case, name="published_case"),
    path(
        "published/<int:pk>/report/<lang:language>.<docformat:fmt>",
        public.published_case_download,
        name="published_case_download",
    ),
    path("platforms/", platforms.platform_list, name="platforms"),
    path("platforms/<str:iso3>/", platforms.platform_edit, name="platform"),
    path("visits/", visits.visit_list, name="visits"),
    path("visits/<int:pk>/", visits.visit_detail, name="visit"),
    path("lessons/", visits.lessons, name="lessons"),
    path("events/", events.event_list, name="events"),
    path("events/<int:pk>/", events.event_detail, name="event"),
    path("years/<int:year>/", years.year_detail, name="year"),
    path(
        "years/<int:year>/report/<lang:language>/", years.report_preview, name="report"
    ),
    path(
        "years/<int:year>/report/<lang:language>.<docformat:fmt>",
        years.report_download,
        name="report_download",
    ),
    path(
        "years/<int:year>/report/<lang:language>/word/",
        word.report_word_upload,
        name="report_word_upload",
    ),
    path(
        "cases/<int:pk>/report/<lang:language>/word/",
        word.case_word_upload,
        name="case_word_upload",
    ),
    path("word/<int:pk>/", word.word_review, name="word_review"),
    path("entries/<int:pk>/", years.entry_edit, name="entry"),
    path("priorities/<int:pk>/", years.priority_edit, name="priority"),
    path("calendar/", schedule.calendar_page, name="calendar"),
    path(
        "calendar/committee.ics", schedule.committee_calendar_ics, name="committee_ics"
    ),
    path("calendar.ics", public.public_calendar_ics, name="public_ics"),
    # A user's secret, revocable address for calendar programs (no session needed).
    path("calendar/<str:token>.ics", public.calendar_feed_ics, name="calendar_feed"),
    path("calendar/feed/", schedule.calendar_feed_change, name="calendar_feed_change"),
    # The former shapes `…/report.<language>.<format>`, kept for bookmarks: a permanent
    # redirect to the URL above (404 for a language or format that is not registered).
    path(
        "cases/<int:pk>/report.<lang:language>.<docformat:fmt>",
        moved.to("engagement:case_report_download"),
        name="case_report_download_legacy",
    ),
    path(
        "published/<int:pk>/report.<lang:language>.<docformat:fmt>",
        moved.to("engagement:published_case_download"),
        name="published_case_download_legacy",
    ),
    path(
        "years/<int:year>/report.<lang:language>.<docformat:fmt>",
        moved.to("engagement:report_download"),
        name="report_download_legacy",
    ),
]
