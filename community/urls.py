from django.urls import path

from community.views import activities, crisis_places, enrolment, figures, people, projects, public, register

app_name = "community"

urlpatterns = [
    # Public: no sign-in.
    path("find/", public.directory_page, name="directory"),
    path("help-now/", public.crisis_page, name="crisis"),
    path("find/<uuid:activity_id>/", public.activity_page, name="activity_page"),
    path("find/<uuid:activity_id>/calendar.ics", public.activity_calendar, name="activity_calendar"),
    path("find/projects/<uuid:project_id>/calendar.ics", public.project_calendar, name="project_calendar"),
    # Running projects.
    path("projects/", projects.project_list, name="project_list"),
    path("projects/new/", projects.project_new, name="project_new"),
    path("projects/<uuid:project_id>/", projects.project_detail, name="project_detail"),
    path("projects/<uuid:project_id>/edit/", projects.project_edit, name="project_edit"),
    path("projects/<uuid:project_id>/leads/", projects.project_lead_add, name="project_lead_add"),
    path("projects/<uuid:project_id>/activities/new/", activities.activity_new, name="activity_new"),
    path("crisis-places/", crisis_places.crisis_place_list, name="crisis_place_list"),
    path("crisis-places/new/", crisis_places.crisis_place_new, name="crisis_place_new"),
    path("crisis-places/<uuid:place_id>/edit/", crisis_places.crisis_place_edit, name="crisis_place_edit"),
    path("venues/", projects.venue_list, name="venue_list"),
    path("venues/new/", projects.venue_new, name="venue_new"),
    path("venues/<uuid:venue_id>/edit/", projects.venue_edit, name="venue_edit"),
    path("activities/<uuid:activity_id>/", activities.activity_detail, name="activity_detail"),
    path("activities/<uuid:activity_id>/edit/", activities.activity_edit, name="activity_edit"),
    path("activities/<uuid:activity_id>/schedules/new/", activities.schedule_new, name="schedule_new"),
    path("activities/<uuid:activity_id>/sessions/generate/", activities.sessions_generate, name="sessions_generate"),
    path("activities/<uuid:activity_id>/closures/new/", activities.closure_new, name="closure_new"),
    path("activities/<uuid:activity_id>/enrolments/", enrolment.enrolments, name="enrolments"),
    path("activities/<uuid:activity_id>/enrolments/new/", enrolment.enrol, name="enrol"),
    path("activities/<uuid:activity_id>/enrolments/<int:enrolment_id>/complete/", enrolment.enrolment_complete, name="enrolment_complete"),
    path("activities/<uuid:activity_id>/enrolments/<int:enrolment_id>/withdraw/", enrolment.enrolment_withdraw, name="enrolment_withdraw"),
    path("sessions/<int:session_id>/", activities.session_detail, name="session_detail"),
    path("sessions/<int:session_id>/cancel/", activities.session_cancel, name="session_cancel"),
    path("sessions/<int:session_id>/roster/", activities.session_roster_add, name="session_roster_add"),
    # The register.
    path("registers/", register.my_sessions, name="my_sessions"),
    path("registers/<int:session_id>/", register.register, name="register"),
    path("registers/<int:session_id>/people/<uuid:person_id>/", register.register_mark, name="register_mark"),
    path("registers/<int:session_id>/people/<uuid:person_id>/not-here/", register.register_unmark, name="register_unmark"),
    path("registers/<int:session_id>/headcount/", register.register_headcount, name="register_headcount"),
    path("registers/<int:session_id>/new/", register.register_new_regular, name="register_new_regular"),
    # Figures and the person's view.
    path("figures/", figures.figures_index, name="figures"),
    path("figures/<uuid:project_id>/", figures.project_figures_page, name="project_figures"),
    path("people/<uuid:person_id>/", people.person_projects, name="person_projects"),
]
