"""The register as an installable web app that works without a signal: the web app manifest and
the service worker. Both are public (a browser fetches them before anyone signs in) and hold no
person-linked data; the worker caches only register pages and static files (see the script)."""

from __future__ import annotations

import json

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.http import require_GET

# What a register page needs to show offline (the rest is fetched, and cached, as it is used).
REGISTER_STATIC = [
    "vendor/nhsuk/nhsuk-frontend.min.css",
    "vendor/nhsuk/nhsuk-frontend.min.js",
    "vendor/htmx/htmx.min.js",
    "css/star.css",
    "js/star.js",
    "js/register-offline.js",
    "images/favicon.svg",
    "images/star-logo.svg",
    "images/star-app-icon.svg",
]


@require_GET
def service_worker(request: HttpRequest) -> HttpResponse:
    """The service worker, served from the site root so its scope can be the whole site (it
    intercepts only register pages and static files)."""
    config = {
        "static_prefix": static(""),
        "precache": [static(path) for path in REGISTER_STATIC],
        "register_prefix": reverse("community:my_sessions"),
    }
    response = render(
        request, "community/offline/service-worker.js", {"config": json.dumps(config)}, content_type="text/javascript; charset=utf-8"
    )
    response["Service-Worker-Allowed"] = "/"
    response["Cache-Control"] = "no-store"  # a new version is picked up at the next visit
    return response


@require_GET
def web_manifest(request: HttpRequest) -> HttpResponse:
    """The web app manifest: lets a volunteer add the registers to their phone's home screen."""
    manifest = {
        "name": "STaR registers",
        "short_name": "Registers",
        "description": "Take the register at a drop-in or group, even without a signal.",
        "start_url": reverse("community:my_sessions"),
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#005eb8",
        "icons": [
            {"src": static("images/star-app-icon.svg"), "sizes": "any", "type": "image/svg+xml", "purpose": "any"},
            {"src": static("images/star-app-icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("images/star-app-icon-512.png"), "sizes": "512x512", "type": "image/png"},
        ],
    }
    response = JsonResponse(manifest, content_type="application/manifest+json")
    response["Cache-Control"] = "no-cache"
    return response
