from django.urls import path

from enablement.views import caseload, episode

app_name = "enablement"

# Under /enablement/ (star/urls.py).

urlpatterns = [
    path("caseload/", caseload.my_caseload, name="my_caseload"),
    path("reviews/overdue/", caseload.overdue_reviews, name="overdue_reviews"),
    path("episodes/<int:episode_id>/", episode.episode_detail, name="episode"),
    path("episodes/<int:episode_id>/contacts/new/", episode.contact_new, name="contact_new"),
    path("episodes/<int:episode_id>/reviews/new/", episode.review_new, name="review_new"),
    path("episodes/<int:episode_id>/end/", episode.episode_end, name="episode_end"),
]
