from django.urls import path

from safeguarding.views import concerns, person, risk

app_name = "safeguarding"

urlpatterns = [
    path("open-concerns/", concerns.open_concerns, name="open_concerns"),
    path("overdue-risk-reviews/", risk.overdue_reviews, name="overdue_reviews"),
    path("<uuid:person_id>/", person.person_safeguarding, name="person"),
    path("<uuid:person_id>/risk/new/", risk.risk_new, name="risk_new"),
    path("<uuid:person_id>/risk/<int:assessment_id>/", risk.risk_detail, name="risk_detail"),
    path("<uuid:person_id>/concerns/new/", concerns.concern_new, name="concern_new"),
    path("<uuid:person_id>/concerns/<int:concern_id>/", concerns.concern_detail, name="concern_detail"),
    path("<uuid:person_id>/concerns/<int:concern_id>/update/", concerns.concern_update, name="concern_update"),
]
