from django.urls import path

from volunteers.views import catalogue, linking, manage, own, public, report, rota

app_name = "volunteers"

urlpatterns = [
    # Public: no account needed.
    path("apply/", public.apply, name="apply"),
    path("apply/thanks/", public.apply_thanks, name="apply_thanks"),
    # A member's offer; a volunteer's own pages.
    path("offer/", own.offer, name="offer"),
    path("me/", own.mine, name="mine"),
    path("me/rota/", own.rota, name="rota"),
    path("me/rota/<int:slot_id>/take/", own.take_slot, name="take_slot"),
    path("me/rota/<int:slot_id>/hours/", own.confirm_hours, name="confirm_hours"),
    path("me/hours/new/", own.hours_new, name="hours_new"),
    path("me/expenses/new/", own.expense_new, name="expense_new"),
    path("me/wellbeing/", own.wellbeing_new, name="wellbeing_new"),
    path("expenses/<int:claim_id>/receipt/", own.receipt, name="receipt"),
    # The volunteer manager.
    path("", manage.volunteer_list, name="list"),
    path("new/", manage.record_interest, name="record_interest"),
    path("dbs-expiring/", manage.dbs_expiring, name="dbs_expiring"),
    path("expenses/", manage.expenses, name="expenses"),
    path("expenses/<int:claim_id>/", manage.expense_decide, name="expense_decide"),
    path("report/", report.report, name="report"),
    path("training/", catalogue.modules, name="training_modules"),
    path("training/new/", catalogue.module_new, name="training_module_new"),
    path("training/<int:module_id>/", catalogue.module_edit, name="training_module_edit"),
    path("training/<int:module_id>/retire/", catalogue.module_retire, name="training_module_retire"),
    path("training/<int:module_id>/delete/", catalogue.module_delete, name="training_module_delete"),
    path("<uuid:volunteer_id>/", manage.detail, name="detail"),
    path("for/<uuid:person_id>/", linking.record_offer_for_person, name="record_offer_for_person"),
    path("<uuid:volunteer_id>/link/", linking.link_person, name="link_person"),
    path("<uuid:volunteer_id>/stage/", manage.change_stage, name="change_stage"),
    path("<uuid:volunteer_id>/references/new/", manage.reference_new, name="reference_new"),
    path("<uuid:volunteer_id>/interview/", manage.interview, name="interview"),
    path("<uuid:volunteer_id>/dbs/new/", manage.dbs_new, name="dbs_new"),
    path("<uuid:volunteer_id>/training/new/", manage.training_new, name="training_new"),
    path("<uuid:volunteer_id>/projects/", manage.projects_edit, name="projects_edit"),
    path("<uuid:volunteer_id>/supervision/new/", manage.supervision_new, name="supervision_new"),
    # Project rotas, for leads and managers.
    path("rota/", rota.projects, name="rota_projects"),
    path("rota/<uuid:project_id>/", rota.project_rota, name="project_rota"),
    path("rota/slots/<int:slot_id>/fill/", rota.fill_slot, name="fill_slot"),
    path("rota/slots/<int:slot_id>/hours/", rota.confirm_slot_hours, name="confirm_slot_hours"),
]
