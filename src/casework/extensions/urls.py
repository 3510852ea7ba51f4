from django.urls import path

from casework.extensions.views import detail, editing, exporting, listing

app_name = "extensions"
urlpatterns = [
    path("", listing.request_list, name="list"),
    path("template.xlsx", listing.template_xlsx, name="template_xlsx"),
    path("template.csv", listing.template_csv, name="template_csv"),
    path("import/", listing.import_request, name="import"),
    path("imports/<int:pk>/", listing.import_job, name="import_job"),
    path("new/", listing.new_request, name="new"),
    path("state/<str:iso3>/", listing.state_history, name="history"),
    path("<int:pk>/", detail.request_detail, name="detail"),
    path("<int:pk>/edit/", editing.edit_request, name="edit"),
    path("<int:pk>/import/", editing.reimport_request, name="reimport"),
    path("<int:pk>/prefill/", editing.prefill_request, name="prefill"),
    path(
        "<int:pk>/comments/regenerate/", editing.regenerate_comments, name="regenerate"
    ),
    path("<int:pk>/comments/<lang:language>/", editing.edit_comment, name="comment"),
    path(
        "<int:pk>/comments/<lang:language>/word/",
        editing.comment_word_upload,
        name="comment_word_upload",
    ),
    path(
        "comments/word/<int:pk>/",
        editing.comment_word_review,
        name="comment_word_review",
    ),
    path(
        "<int:pk>/comments/<lang:language>.<docformat:fmt>",
        exporting.export_comments,
        name="export_comments",
    ),
    path("<int:pk>/analysis.xlsx", exporting.export_analysis, name="export_analysis"),
]
