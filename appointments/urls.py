from django.urls import path

from appointments import views

app_name = "appointments"

urlpatterns = [
    path("", views.diary_page, name="diary"),
    path("episodes/<int:episode_id>/book/", views.book, name="book"),
    path("<int:appointment_id>/", views.appointment_page, name="appointment"),
    path("<int:appointment_id>/cancel/", views.cancel, name="cancel"),
    path("calendar-link/", views.diary_link, name="diary_link"),
    path("feed/<str:token>.ics", views.feed, name="feed"),
]
