from django.urls import path

from documents.views import download, person, remove, upload

app_name = "documents"

urlpatterns = [
    path("people/<uuid:person_id>/", person.person_documents, name="person"),
    path("people/<uuid:person_id>/add/", upload.document_upload, name="upload"),
    path("<int:document_id>/file/", download.document_download, name="download"),
    path("<int:document_id>/remove/", remove.document_remove, name="remove"),
]
