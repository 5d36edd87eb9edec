"""The development stand-in for GOV.UK Notify, at the site root (only when STAR_NOTIFY_STAND_IN is
on): its API answers at /v2/notifications/ as Notify's does, because the Notify client builds
that address from its base URL. Mounted in the notifications namespace by star/urls.py."""

from django.conf import settings
from django.urls import URLPattern, path

from notifications.views import standin

urlpatterns: list[URLPattern] = []

if settings.STAR_NOTIFY_STAND_IN:
    urlpatterns += [
        path("v2/notifications/<path:rest>", standin.stand_in_api, name="stand_in_api"),
        path("dev/notify/", standin.stand_in_sent, name="stand_in_sent"),
        path("dev/notify/<uuid:notification_id>/receipt/", standin.stand_in_receipt, name="stand_in_receipt"),
    ]
