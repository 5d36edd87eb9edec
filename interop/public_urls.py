"""The API base stays at the site root (/api/v1/, its FHIR endpoints under /api/v1/fhir/): other
systems are configured with these addresses, and the OpenAPI description names them. Mounted in
the interop namespace by star/urls.py."""

from django.urls import include, path

urlpatterns = [
    path("api/v1/", include("interop.api.urls")),
]
