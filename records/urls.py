from django.urls import path

from records.views import subject_access

app_name = "records"

urlpatterns = [
    path("subject-access/", subject_access.request_list, name="request_list"),
    path("subject-access/new/", subject_access.request_new, name="request_new"),
    path("subject-access/<int:request_id>/", subject_access.request_detail, name="request_detail"),
    path("subject-access/<int:request_id>/export/", subject_access.request_export, name="request_export"),
    path("subject-access/<int:request_id>/<slug:action>/", subject_access.request_action, name="request_action"),
]
