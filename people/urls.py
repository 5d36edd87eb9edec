from django.urls import path

from people.views import alerts, break_glass, break_glass_review, caseload, person, search

app_name = "people"

urlpatterns = [
    path("", search.person_search, name="search"),
    path("new/", person.person_new, name="new"),
    path("emergency-access/", break_glass.break_glass, name="break_glass"),
    path("emergency-access/reviews/", break_glass_review.break_glass_queue, name="break_glass_queue"),
    path("emergency-access/reviews/<int:grant_id>/", break_glass_review.break_glass_review, name="break_glass_review"),
    path("<uuid:person_id>/", person.person_detail, name="detail"),
    path("<uuid:person_id>/edit/", person.person_edit, name="edit"),
    path("<uuid:person_id>/equality/", person.person_equality, name="equality"),
    path("<uuid:person_id>/alerts/new/", alerts.alert_new, name="alert_new"),
    path("<uuid:person_id>/alerts/<int:alert_id>/end/", alerts.alert_end, name="alert_end"),
    path("<uuid:person_id>/caseload/", caseload.person_caseload, name="caseload"),
    path("<uuid:person_id>/caseload/<int:entry_id>/end/", caseload.caseload_end, name="caseload_end"),
]
