from django.urls import path

from casework.observations import views

app_name = "observations"
urlpatterns = [
    path("", views.observation_list, name="list"),
    path("<int:pk>/", views.observation_detail, name="detail"),
    path("<int:pk>/text/<lang:language>/", views.edit_text, name="edit"),
    path("<int:pk>/status/", views.change_status, name="status"),
    path("<int:pk>/update/", views.accept_update, name="update"),
    path(
        "<int:pk>/<lang:language>.<docformat:fmt>",
        views.observation_document,
        name="document",
    ),
    path("<int:pk>/word/<lang:language>/", views.word_upload, name="word_upload"),
    path("word/<int:pk>/", views.word_review, name="word_review"),
    path("draft/<str:iso3>/<int:year>/", views.generate, name="generate"),
    path(
        "compilation/<int:year>/<lang:language>.<docformat:fmt>",
        views.compilation,
        name="compilation",
    ),
    # The former shape, kept for bookmarks: 301 to the one above (404 for unknown values).
    path(
        "compilation/<int:year>/<str:language>/<str:fmt>/",
        views.old_compilation,
        name="old_compilation",
    ),
]
