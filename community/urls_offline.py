"""The service worker and web app manifest, at the site root (a worker's scope cannot be wider
than the folder it is served from)."""

from django.urls import path

from community.views import offline

urlpatterns = [
    path("service-worker.js", offline.service_worker, name="service_worker"),
    path("manifest.webmanifest", offline.web_manifest, name="web_manifest"),
]
