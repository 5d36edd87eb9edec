from django.urls import path

from involvement.views import activities, decisions, feedback, figures, themes

app_name = "involvement"

# Staff pages, under /involvement/ (star/urls.py); the public ones are in public_urls.py and a
# member's own in member_urls.py.
urlpatterns = [
    path("", activities.activity_list, name="activity_list"),
    path("activities/new/", activities.activity_new, name="activity_new"),
    path("activities/<int:activity_id>/", activities.activity_detail, name="activity_detail"),
    path("activities/<int:activity_id>/edit/", activities.activity_edit, name="activity_edit"),
    path("activities/<int:activity_id>/members/", activities.participant_add, name="participant_add"),
    path(
        "activities/<int:activity_id>/members/<int:participant_id>/remove/",
        activities.participant_remove,
        name="participant_remove",
    ),
    path("activities/<int:activity_id>/payments/new/", activities.payment_new, name="payment_new"),
    path("feedback/", feedback.feedback_list, name="feedback_list"),
    path("feedback/new/", feedback.feedback_new, name="feedback_new"),
    path("feedback/new/<uuid:person_id>/", feedback.feedback_new, name="feedback_new_for_person"),
    path("feedback/<int:feedback_id>/", feedback.feedback_detail, name="feedback_detail"),
    path("feedback/<int:feedback_id>/status/", feedback.complaint_move, name="complaint_move"),
    path("themes/", themes.theme_list, name="theme_list"),
    path("themes/<int:theme_id>/toggle/", themes.theme_toggle, name="theme_toggle"),
    path("decisions/", decisions.decision_list, name="decision_list"),
    path("decisions/new/", decisions.decision_new, name="decision_new"),
    path("decisions/<int:decision_id>/", decisions.decision_detail, name="decision_detail"),
    path("decisions/<int:decision_id>/edit/", decisions.decision_edit, name="decision_edit"),
    path("decisions/<int:decision_id>/publish/", decisions.decision_publish, name="decision_publish"),
    path("figures/", figures.involvement_figures, name="figures"),
]
