from django.urls import path

from audit.views import break_glass, trail

app_name = "audit"

urlpatterns = [
    path("", trail.audit_trail, name="trail"),
    path("emergency-access/", break_glass.break_glass_queue, name="break_glass_queue"),
    path("emergency-access/<int:grant_id>/", break_glass.break_glass_review, name="break_glass_review"),
]
