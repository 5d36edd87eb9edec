from django.urls import path

from outcomes.views import cohorts, member, person, wording

app_name = "outcomes"

urlpatterns = [
    path("people/<uuid:person_id>/", person.person_outcomes, name="person"),
    path("people/<uuid:person_id>/new/", person.measurement_new, name="new"),
    path("people/<uuid:person_id>/measures/<int:measurement_id>/", person.measurement_detail, name="measurement"),
    path("people/<uuid:person_id>/measures/<int:measurement_id>/answer/", person.measurement_answer, name="answer"),
    path("mine/", member.my_measures, name="my_measures"),
    path("mine/<int:measurement_id>/", member.my_measure_answer, name="my_answer"),
    path("cohorts/", cohorts.cohorts, name="cohorts"),
    path("wording/", wording.wording, name="wording"),
    path("wording/<slug:code>/", wording.wording_enter, name="wording_enter"),
]
