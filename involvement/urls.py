from django.urls import path

from involvement.views import activities, decisions, feedback, figures, public, themes

app_name = "involvement"

urlpatterns = [
    # Public: no account needed.
    path("feedback/", public.feedback_public, name="feedback_public"),
    path("feedback/thank-you/", public.feedback_thanks, name="feedback_thanks"),
    path("you-said-we-did/", public.you_said_we_did, name="you_said_we_did"),
    # A member's own feedback.
    path("my/feedback/", feedback.my_feedback, name="my_feedback"),
    # Staff.
    path("involvement/", activities.activity_list, name="activity_list"),
    path("involvement/activities/new/", activities.activity_new, name="activity_new"),
    path("involvement/activities/<int:activity_id>/", activities.activity_detail, name="activity_detail"),
    path("involvement/activities/<int:activity_id>/edit/", activities.activity_edit, name="activity_edit"),
    path("involvement/activities/<int:activity_id>/members/", activities.participant_add, name="participant_add"),
    path(
        "involvement/activities/<int:activity_id>/members/<int:participant_id>/remove/",
        activities.participant_remove,
        name="participant_remove",
    ),
    path("involvement/activities/<int:activity_id>/payments/new/", activities.payment_new, name="payment_new"),
    path("involvement/feedback/", feedback.feedback_list, name="feedback_list"),
    path("involvement/feedback/new/", feedback.feedback_new, name="feedback_new"),
    path("involvement/feedback/new/<uuid:person_id>/", feedback.feedback_new, name="feedback_new_for_person"),
    path("involvement/feedback/<int:feedback_id>/", feedback.feedback_detail, name="feedback_detail"),
    path("involvement/feedback/<int:feedback_id>/status/", feedback.complaint_move, name="complaint_move"),
    path("involvement/themes/", themes.theme_list, name="theme_list"),
    path("involvement/themes/<int:theme_id>/toggle/", themes.theme_toggle, name="theme_toggle"),
    path("involvement/decisions/", decisions.decision_list, name="decision_list"),
    path("involvement/decisions/new/", decisions.decision_new, name="decision_new"),
    path("involvement/decisions/<int:decision_id>/", decisions.decision_detail, name="decision_detail"),
    path("involvement/decisions/<int:decision_id>/edit/", decisions.decision_edit, name="decision_edit"),
    path("involvement/decisions/<int:decision_id>/publish/", decisions.decision_publish, name="decision_publish"),
    path("involvement/figures/", figures.involvement_figures, name="figures"),
]
