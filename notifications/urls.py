from django.conf import settings
from django.urls import path

from notifications.views import broadcasts, callbacks, standin, templates

app_name = "notifications"

urlpatterns = [
    path("messages/templates/", templates.template_list, name="template_list"),
    path("messages/templates/<slug:code>/", templates.template_detail, name="template_detail"),
    path("messages/new/", broadcasts.broadcast_new, name="broadcast_new"),
    path("messages/sent/<int:broadcast_id>/", broadcasts.broadcast_detail, name="broadcast_detail"),
    path("messages/notify-callback/", callbacks.delivery_receipt, name="delivery_receipt"),
]

if settings.STAR_NOTIFY_STAND_IN:
    urlpatterns += [
        path("v2/notifications/<path:rest>", standin.stand_in_api, name="stand_in_api"),
        path("dev/notify/", standin.stand_in_sent, name="stand_in_sent"),
        path("dev/notify/<uuid:notification_id>/receipt/", standin.stand_in_receipt, name="stand_in_receipt"),
    ]
