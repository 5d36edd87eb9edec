from django.urls import path

from portal.views import appointments, auth, data, pages

app_name = "portal"

urlpatterns = [
    path("", pages.home, name="home"),
    path("profile/", pages.profile, name="profile"),
    path("plan/", pages.plan, name="plan"),
    path("plan/goals/<int:goal_id>/", pages.goal, name="goal"),
    path("plans/<slug:kind>/", pages.document, name="document"),
    path("plans/<slug:kind>/change/", pages.edit_document, name="edit_document"),
    path("appointments/", appointments.appointments, name="appointments"),
    path("appointments/<int:appointment_id>/cancel/", appointments.cancel_appointment, name="cancel_appointment"),
    path("who-has-looked/", data.access_log, name="access_log"),
    path("choices/", data.consents, name="consents"),
    path("choices/crisis-plan/<int:share_id>/stop/", data.stop_sharing, name="stop_sharing"),
    path("my-record/", data.download, name="download"),
    path("my-record/make/", data.make_download, name="make_download"),
    path("my-record/<int:download_id>/", data.download_ready, name="download_ready"),
    path("my-record/<int:download_id>/read/", data.download_read, name="download_read"),
    path("my-record/<int:download_id>/<slug:file_format>/", data.download_file, name="download_file"),
    path("language/", data.language, name="language"),
    path("invitation/<str:token>/", auth.accept_invitation, name="accept_invitation"),
    path("sign-in-link/", auth.email_link, name="email_link"),
    path("sign-in-link/sent/", auth.email_link_sent, name="email_link_sent"),
    path("sign-in-link/<str:token>/", auth.link_sign_in, name="link_sign_in"),
    path("invite/<uuid:person_id>/", auth.invite, name="invite"),
]
