from django.urls import path

from casework.findings import views

app_name = "findings"
urlpatterns = [
    path("documents/<int:pk>/", views.document_findings, name="document"),
    path("documents/<int:pk>/add/", views.add_finding, name="add"),
    path("<int:pk>/review/", views.review_finding, name="review"),
    path("coverage/", views.coverage_view, name="coverage"),
    path("pending/", views.pending_findings, name="pending"),
    path("bulk/", views.bulk_review, name="bulk"),
]
