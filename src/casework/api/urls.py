from django.urls import path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import SimpleRouter

from casework.api import root, views

app_name = "api"

router = SimpleRouter()
router.register("states", views.StatePartyViewSet, basename="state")
router.register("contributions", views.ContributionViewSet, basename="contribution")
router.register(
    "compliance/submissions", views.SubmissionViewSet, basename="submission"
)
router.register("observations", views.ObservationViewSet, basename="observation")
router.register("indicators", views.IndicatorViewSet, basename="indicator")

urlpatterns = [
    path("", root.api_root, name="root"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", views.docs, name="docs"),
    # Swagger UI from the vendored drf-spectacular-sidecar assets (no CDN).
    path("docs/swagger/", views.swagger_ui, name="swagger"),
    *router.urls,
]
