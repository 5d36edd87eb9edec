"""The resource hub stays at the site root (/resources/): members, partners and other sites link
to its pages. No account needed to read it; a member saves a resource from its page. Mounted in
the hub namespace by star/urls.py."""

from django.urls import path

from hub.views import public, saved

urlpatterns = [
    path("resources/", public.hub_page, name="hub"),
    path("resources/<uuid:resource_id>/", public.resource_page, name="resource"),
    path("resources/<uuid:resource_id>/save/", saved.save, name="save"),
]
