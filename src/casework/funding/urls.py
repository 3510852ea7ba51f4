from django.urls import path

from casework.funding.views import (
    dashboard,
    imports,
    ledger,
    needs,
    organisations,
    reconciliation,
)

app_name = "funding"
urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("contributions/", ledger.ledger, name="ledger"),
    path("contributions/publish/", ledger.publish, name="publish"),
    path("imports/", imports.imports, name="imports"),
    path("imports/<int:pk>/", imports.import_detail, name="import_detail"),
    path("imports/<int:pk>/review/", imports.import_review, name="import_review"),
    path("rates/", imports.rates, name="rates"),
    path("organisations/", organisations.organisations, name="organisations"),
    path("duplicates/", organisations.duplicates, name="duplicates"),
    path("reconciliation/", reconciliation.reconciliation, name="reconciliation"),
    path(
        "templates/<str:name>.<tableformat:fmt>",
        imports.template_download,
        name="template",
    ),
    path("needs/", needs.needs, name="needs"),
    path("needs/new/", needs.need_new, name="need_new"),
    path("needs/pull/", needs.pull_needs, name="pull_needs"),
    path("needs/<int:pk>/suggestions/", needs.suggestions, name="suggestions"),
    # The donor-meeting document; the page's former ?format=docx link redirects here.
    path(
        "needs/<int:pk>/suggestions/<lang:language>.<docformat:fmt>",
        needs.suggestions_document,
        name="suggestions_document",
    ),
    path("states/<str:iso3>/", needs.state_funding, name="state"),
]
