"""Online Article 7 reports; documents at `<pk>/report/<language>.<format>`."""

from django.urls import path

from casework.reporting import import_views, views

app_name = "reporting"
urlpatterns = [
    path("", views.report_list, name="list"),
    path("start/", views.start, name="start"),
    path("template.xlsx", import_views.blank_template, name="template"),
    path(
        "<int:pk>/template.xlsx", import_views.filled_template, name="filled_template"
    ),
    path("<int:pk>/import/", import_views.upload, name="import"),
    path("<int:pk>/import/apply/", import_views.apply, name="import_apply"),
    path("imports/<int:pk>/", import_views.import_job, name="import_job"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/autosave/", views.autosave, name="autosave"),
    path("<int:pk>/forms/<str:code>/", views.form_flag, name="form_flag"),
    path("<int:pk>/do/<str:name>/", views.action, name="action"),
    path("<int:pk>/submit/", views.confirm_submission, name="confirm_submission"),
    path("<int:pk>/language/", views.change_language, name="change_language"),
    path("clearance/", views.clearance_rules, name="clearance_rules"),
    path(
        "<int:pk>/report/<lang:language>.<docformat:fmt>",
        views.export,
        name="export",
    ),
    # the address before documents came in three languages (bookmarks, old links)
    path("<int:pk>/report.<docformat:fmt>", views.export_moved, name="export_moved"),
    path("<int:pk>/tables.<tableformat:fmt>", views.tables, name="tables"),
]
