from django.urls import path

from choices.views import budget, figures, plan, work

app_name = "choices"

# Under /choices/ (star/urls.py). Each screen twice: for staff, about a person they may see, here;
# and the member's own, under /my/ (member_urls.py).
SCREENS = [
    ("budget/", budget.budget, "budget"),
    ("budget/plan/", plan.support_plan, "budget_plan"),
    ("budget/plan/lines/new/", plan.line_new, "line_new"),
    ("budget/plan/lines/<int:line_id>/remove/", plan.line_remove, "line_remove"),
    ("budget/spending/new/", plan.spend_new, "spend_new"),
    ("budget/spending/<int:spend_id>/receipt/", plan.receipt, "receipt"),
    ("work/", work.work, "work"),
    ("work/profile/", work.profile, "profile"),
    ("work/goals/new/", work.goal_new, "goal_new"),
    ("work/goals/<int:goal_id>/achieved/", work.goal_achieved, "goal_achieved"),
    ("work/steps/new/", work.activity_new, "activity_new"),
    ("work/starts/new/", work.start_new, "start_new"),
    ("work/starts/<int:placement_id>/end/", work.placement_end, "placement_end"),
]

urlpatterns = [
    path("figures/", figures.choices_figures, name="figures"),
    # Staff only: the council's pathway and reviews.
    path("<uuid:person_id>/budget/new/", budget.budget_new, name="budget_new"),
    path("<uuid:person_id>/budget/<int:budget_id>/move/", budget.budget_move, name="budget_move"),
    path("<uuid:person_id>/budget/<int:budget_id>/council/", budget.budget_council, name="budget_council"),
    path("<uuid:person_id>/budget/<int:budget_id>/reviews/new/", budget.review_new, name="review_new"),
    *(path(f"<uuid:person_id>/{route}", view, name=name) for route, view, name in SCREENS),
]
