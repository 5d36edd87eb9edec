from django.urls import path

from records.views import rectification, retention, subject_access

app_name = "records"

urlpatterns = [
    path("subject-access/", subject_access.request_list, name="request_list"),
    path("subject-access/new/", subject_access.request_new, name="request_new"),
    path("subject-access/<int:request_id>/", subject_access.request_detail, name="request_detail"),
    path("subject-access/<int:request_id>/export/", subject_access.request_export, name="request_export"),
    path("subject-access/<int:request_id>/released/", subject_access.request_released, name="request_released"),
    path("subject-access/<int:request_id>/review/", subject_access.request_review, name="request_review"),
    path("subject-access/<int:request_id>/review/<int:item_id>/", subject_access.request_decide, name="request_decide"),
    path("subject-access/<int:request_id>/<slug:action>/", subject_access.request_action, name="request_action"),
    path("rectification/", rectification.rectification_list, name="rectification_list"),
    path("rectification/new/", rectification.rectification_new, name="rectification_new"),
    path("rectification/<int:rectification_id>/", rectification.rectification_detail, name="rectification_detail"),
    path("rectification/<int:rectification_id>/amend/", rectification.rectification_amend, name="rectification_amend"),
    path("rectification/<int:rectification_id>/close/", rectification.rectification_close, name="rectification_close"),
    path("people/<uuid:person_id>/amendments/", rectification.person_amendments, name="person_amendments"),
    path("retention/", retention.retention_queue, name="retention_queue"),
    path("retention/destroyed/", retention.destruction_list, name="destruction_list"),
    path("retention/<int:review_id>/", retention.retention_review, name="retention_review"),
    path("retention/<int:review_id>/keep/", retention.retention_keep, name="retention_keep"),
    path("retention/<int:review_id>/destroy/", retention.retention_destroy, name="retention_destroy"),
]
