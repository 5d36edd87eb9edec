from django.urls import include, path

from core import views as core_views
from star import home

urlpatterns = [
    path("", home.home, name="home"),
    path("accessibility/", core_views.accessibility_statement, name="accessibility_statement"),
    path("", include("accounts.urls")),
    path("people/", include("people.urls")),
    path("notes/search/", include("casesearch.urls")),
    path("audit/", include("audit.urls")),
    path("records/", include("records.urls")),
    path("outcomes/", include("outcomes.urls")),
    path("", include("referrals.urls")),
    path("questions/", include("questions.urls")),
    path("", include("enablement.urls")),
    path("appointments/", include("appointments.urls")),
    path("plans/", include("plans.urls")),
    path("safeguarding/", include("safeguarding.urls")),
    path("community/", include("community.urls")),
    path("", include("community.urls_offline")),
    path("openreferral/", include("community.urls_openreferral")),
    path("", include("involvement.urls")),
    path("", include("choices.urls")),
    path("", include("hub.urls")),
    path("my/", include("portal.urls")),
    path("volunteers/", include("volunteers.urls")),
    path("", include("reports.urls")),
    path("", include("interop.urls")),
    path("", include("notifications.urls")),
    path("downloads/", include("downloads.urls")),
    path("documents/", include("documents.urls")),
]

handler400 = "core.views.bad_request"
handler403 = "core.views.permission_denied"
handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"
