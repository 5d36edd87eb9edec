"""Open Referral UK 3.0, at /openreferral/. Ids are taken as text so a bad one is a JSON 404."""

from django.urls import path

from community.views import openreferral

app_name = "openreferral"

urlpatterns = [
    path("", openreferral.api_root, name="root"),
    path("services", openreferral.service_list, name="services"),
    path("services/<str:service_id>", openreferral.service_detail, name="service"),
    path("organizations", openreferral.organization_list, name="organizations"),
    path("organizations/<str:organization_id>", openreferral.organization_detail, name="organization"),
    path("locations", openreferral.location_list, name="locations"),
    path("locations/<str:location_id>", openreferral.location_detail, name="location"),
    path("service_at_locations", openreferral.service_at_location_list, name="service_at_locations"),
    path("service_at_locations/<str:service_at_location_id>", openreferral.service_at_location_detail, name="service_at_location"),
    path("taxonomies", openreferral.taxonomy_list, name="taxonomies"),
    path("taxonomies/<str:taxonomy_id>", openreferral.taxonomy_detail, name="taxonomy"),
    path("taxonomy_terms", openreferral.taxonomy_term_list, name="taxonomy_terms"),
    path("taxonomy_terms/<str:term_id>", openreferral.taxonomy_term_detail, name="taxonomy_term"),
]
