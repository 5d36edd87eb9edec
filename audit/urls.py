from django.urls import path

from audit.views import trail

app_name = "audit"

urlpatterns = [
    path("", trail.audit_trail, name="trail"),
]
