from django.urls import path

from plans.views import documents, goals, overview, sharing, versions

app_name = "plans"

urlpatterns = [
    path("<uuid:person_id>/", overview.plans_overview, name="overview"),
    path("<uuid:person_id>/new/<str:kind>/", documents.document_start, name="start"),
    path("<uuid:person_id>/documents/<int:document_id>/", documents.document_detail, name="detail"),
    path("<uuid:person_id>/documents/<int:document_id>/edit/", documents.document_edit, name="edit"),
    path("<uuid:person_id>/documents/<int:document_id>/versions/", versions.version_list, name="versions"),
    path("<uuid:person_id>/documents/<int:document_id>/compare/", versions.version_compare, name="compare"),
    path("<uuid:person_id>/documents/<int:document_id>/print/", versions.document_print, name="print"),
    path("<uuid:person_id>/documents/<int:document_id>/progress/", goals.progress_new, name="progress_new"),
    path("<uuid:person_id>/documents/<int:document_id>/sharing/", sharing.share_new, name="share_new"),
]
