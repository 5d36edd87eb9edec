from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from interop.api import fhir, views


class ApiDocs(SpectacularSwaggerSplitView):
    """Interactive documentation, served from our own static files (no third-party assets)."""

    template_name = "interop/swagger_ui.html"
    title = "STaR API documentation"


urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api_schema"),
    path("docs/", ApiDocs.as_view(url_name="interop:api_schema"), name="api_docs"),
    path("people/", views.PeopleList.as_view(), name="api_people"),
    path("referrals/", views.ReferralList.as_view(), name="api_referrals"),
    path("episodes/", views.EpisodeList.as_view(), name="api_episodes"),
    path("contacts/", views.ContactList.as_view(), name="api_contacts"),
    path("attendances/", views.AttendanceList.as_view(), name="api_attendances"),
    path("fhir/ServiceRequest", fhir.ServiceRequestIn.as_view(), name="api_fhir_service_request"),
    re_path(r"^fhir/(?P<rest>.*)$", fhir.not_found, name="api_fhir_not_found"),
]
