"""Who owns which URL: each app under its own prefix. The few addresses that are public contract
or habit stay at the site root, each app's in its `public_urls.py` (printed on leaflets and
posters, called by other systems, bookmarked by everyone), and a member's own pages stay under
/my/ (each app's `member_urls.py`). `star/tests/test_url_map.py` keeps this list the only way
onto the root. Addresses that moved to a prefix redirect from where they were (`star/moved.py`)."""

from __future__ import annotations

from importlib import import_module

from django.urls import URLPattern, URLResolver, include, path

from core import views as core_views
from star import home
from star.moved import moved_urls


def app(prefix: str, name: str, *, public: bool = False, member: bool = False) -> URLResolver:
    """`<name>.urls` under `prefix`; with `public`, `<name>.public_urls` at the site root, and with
    `member`, `<name>.member_urls` under /my/: all in the app's one namespace."""
    module = import_module(f"{name}.urls")
    patterns: list[URLPattern | URLResolver] = []
    if public:
        patterns += import_module(f"{name}.public_urls").urlpatterns
    if member:
        patterns.append(path("my/", include(import_module(f"{name}.member_urls").urlpatterns)))
    patterns.append(path(prefix, include(module.urlpatterns)))
    return path("", include((patterns, module.app_name)))


urlpatterns = [
    # Public at the root: the home page, the accessibility statement.
    path("", home.home, name="home"),
    path("accessibility/", core_views.accessibility_statement, name="accessibility_statement"),
    # Public at the root: /sign-in/ and /sign-out/ (every bookmark and password manager).
    app("accounts/", "accounts", public=True),
    path("people/", include("people.urls")),
    path("notes/search/", include("casesearch.urls")),
    path("audit/", include("audit.urls")),
    path("records/", include("records.urls")),
    path("outcomes/", include("outcomes.urls")),
    # Public at the root: the self-referral form /refer-yourself/ (on leaflets and other sites).
    app("referrals/", "referrals", public=True),
    path("questions/", include("questions.urls")),
    app("enablement/", "enablement"),
    path("appointments/", include("appointments.urls")),
    path("plans/", include("plans.urls")),
    path("safeguarding/", include("safeguarding.urls")),
    # The public directory is /community/find/; its Open Referral UK API is /openreferral/.
    path("community/", include("community.urls")),
    # Public at the root: the service worker and web app manifest (a worker's scope cannot be
    # wider than the folder it is served from).
    path("", include("community.urls_offline")),
    path("openreferral/", include("community.urls_openreferral")),
    # Public at the root: /feedback/ and /you-said-we-did/ (on posters); a member's at /my/feedback/.
    app("involvement/", "involvement", public=True, member=True),
    # A member's own budget and work pages under /my/.
    app("choices/", "choices", member=True),
    # Public at the root: the resource hub /resources/; a member's saved resources under /my/.
    app("hub/", "hub", public=True, member=True),
    path("my/", include("portal.urls")),
    path("volunteers/", include("volunteers.urls")),
    app("reports/", "reports"),
    # Public at the root: the API base /api/v1/ (its FHIR endpoints under /api/v1/fhir/).
    app("interop/", "interop", public=True),
    # Public at the root (development only): the GOV.UK Notify stand-in's API, /v2/notifications/.
    app("messages/", "notifications", public=True),
    path("downloads/", include("downloads.urls")),
    path("documents/", include("documents.urls")),
    # Last: the old addresses of pages that moved to their app's prefix.
    moved_urls(),
]

handler400 = "core.views.bad_request"
handler403 = "core.views.permission_denied"
handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"
