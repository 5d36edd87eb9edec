from django.urls import path

from downloads.views import status

app_name = "downloads"

urlpatterns = [
    path("<uuid:download_id>/", status.download_status, name="status"),
    path("<uuid:download_id>/file", status.download_file, name="file"),
]
