from django.urls import path

from notifications.views import broadcasts, callbacks, templates

app_name = "notifications"

# Under /messages/ (star/urls.py); GOV.UK Notify calls /messages/notify-callback/, so it stays
# there. The development stand-in for Notify is in public_urls.py.

urlpatterns = [
    path("templates/", templates.template_list, name="template_list"),
    path("templates/<slug:code>/", templates.template_detail, name="template_detail"),
    path("new/", broadcasts.broadcast_new, name="broadcast_new"),
    path("sent/<int:broadcast_id>/", broadcasts.broadcast_detail, name="broadcast_detail"),
    path("notify-callback/", callbacks.delivery_receipt, name="delivery_receipt"),
]
