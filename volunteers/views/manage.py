"""The volunteer manager's pages: everyone's journey, checks, training, supervision and claims."""

from __future__ import annotations

import uuid
from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Max
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts.access import acting_user, requires
from accounts.roles import Capability
from core.money import pounds
from core.pagination import pagination_params
from core.posted import posted
from core.status import show_refusal
from submissions.conflicts import EditConflict, edit_check, unchanged_since_opened
from volunteers import expenses as claims
from volunteers import rota, services
from volunteers.access import audit_list, expenses_visible_to, get_expense_for, get_volunteer_for, volunteers_visible_to
from volunteers.expiry import expiry_lines
from volunteers.forms import (
    DBSForm,
    DecisionForm,
    InterviewForm,
    ProjectsForm,
    ReferenceForm,
    StaffInterestForm,
    StageForm,
    SupervisionForm,
    TrainingForm,
)
from volunteers.models import ClaimStatus, Source, Stage, TrainingModule, Volunteer, VolunteerRole
from volunteers.models.volunteer import VolunteerError
from volunteers.presenters import dbs_status, slot_line, training_lines


@requires(Capability.MANAGE_VOLUNTEERS)
def volunteer_list(request: HttpRequest) -> HttpResponse:
    stage = request.GET.get("stage", "")
    volunteers = volunteers_visible_to(request.user).only("id", "given_name", "family_name", "stage", "source", "person_id")
    if stage in Stage.values:
        volunteers = volunteers.filter(stage=stage)
    page = Paginator(volunteers.order_by("family_name", "given_name", "id"), 25).get_page(request.GET.get("page"))
    audit_list(request, list(page))
    return render(
        request,
        "volunteers/manage/list.jinja",
        {"page": page, "pagination": pagination_params(page), "stages": Stage.choices, "stage": stage},
    )


@requires(Capability.MANAGE_VOLUNTEERS)
def record_interest(request: HttpRequest) -> HttpResponse:
    form = StaffInterestForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        volunteer = services.express_interest(
            by=acting_user(request),
            source=Source.STAFF,
            given_name=data["given_name"],
            family_name=data["family_name"],
            email=data["email"],
            phone=data["phone"],
            roles_of_interest=data["roles_of_interest"],
            availability=data["availability"],
            lived_experience=data["lived_experience"],
            support_needs=data["support_needs"],
            submission_token=data["token"],
        )
        return redirect("volunteers:detail", volunteer_id=volunteer.pk)
    return render(request, "volunteers/manage/form.jinja", {"form": form, "title": "Record an offer to volunteer", "button": "Save"})


@requires(Capability.MANAGE_VOLUNTEERS)
def detail(request: HttpRequest, volunteer_id: uuid.UUID) -> HttpResponse:
    volunteer = get_volunteer_for(request, volunteer_id)
    today = timezone.localdate()
    checks = list(volunteer.dbs_checks.all())
    allowed = [(value, Stage(value).label) for value in Volunteer.status_machine.next_statuses(volunteer.stage, Stage.values)]
    stage_form = StageForm()
    stage_form.fields["to_stage"].choices = allowed  # type: ignore[attr-defined]
    return render(
        request,
        "volunteers/manage/detail.jinja",
        {
            "volunteer": volunteer,
            "stage": Stage(volunteer.stage).label,
            "roles": ", ".join(VolunteerRole(role).label for role in volunteer.roles_of_interest if role in VolunteerRole.values),
            "projects": ", ".join(project.name for project in volunteer.projects.all()),
            "history": list(volunteer.stage_changes.select_related("changed_by")[:20]),
            "references": list(volunteer.references.all()),
            "checks": checks,
            "dbs": dbs_status(checks, today),
            "training": training_lines(volunteer, list(TrainingModule.objects.all()), list(volunteer.training.all()), today),
            "supervisions": list(volunteer.supervisions.select_related("supervisor")[:10]),
            "wellbeing": list(volunteer.wellbeing.all()[:5]),
            "slots": [
                slot_line(slot) for slot in volunteer.slots.select_related("session__activity__venue").order_by("-session__starts_at")[:10]
            ],
            "stage_form": stage_form if allowed else None,
            "expiries": expiry_lines(volunteer.pk),
        },
    )


@require_POST
@requires(Capability.MANAGE_VOLUNTEERS)
def change_stage(request: HttpRequest, volunteer_id: uuid.UUID) -> HttpResponse:
    volunteer = get_volunteer_for(request, volunteer_id)
    form = StageForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose the new stage")
    else:
        data = form.cleaned_data
        try:
            services.change_stage(
                volunteer=volunteer,
                to_stage=data["to_stage"],
                by=acting_user(request),
                reason=data["reason"],
                progression=data["progression"],
            )
        except VolunteerError as error:
            show_refusal(request, error)
        else:
            messages.success(request, f"Stage changed to {Stage(data['to_stage']).label.lower()}")
    return redirect("volunteers:detail", volunteer_id=volunteer.pk)


def _record(request: HttpRequest, volunteer_id: uuid.UUID, form_class: type, title: str, save: object) -> HttpResponse:
    volunteer = get_volunteer_for(request, volunteer_id)
    form = form_class(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            save(volunteer, form.cleaned_data)  # type: ignore[operator]
        except VolunteerError as error:
            show_refusal(request, error, form)
        else:
            messages.success(request, f"{title}: saved")
            return redirect("volunteers:detail", volunteer_id=volunteer.pk)
    return render(request, "volunteers/manage/form.jinja", {"form": form, "title": f"{title} for {volunteer.name}", "button": "Save"})


@requires(Capability.MANAGE_VOLUNTEERS)
def reference_new(request: HttpRequest, volunteer_id: uuid.UUID) -> HttpResponse:
    by = acting_user(request)
    satisfactory = {"yes": True, "no": False}
    return _record(
        request,
        volunteer_id,
        ReferenceForm,
        "Reference",
        lambda volunteer, data: services.record_reference(
            volunteer=volunteer,
            by=by,
            referee_name=data["referee_name"],
            relationship=data["relationship"],
            requested_on=data["requested_on"],
            received_on=data["received_on"],
            satisfactory=satisfactory.get(data["satisfactory"]),
        ),
    )


@requires(Capability.MANAGE_VOLUNTEERS)
def interview(request: HttpRequest, volunteer_id: uuid.UUID) -> HttpResponse:
    by = acting_user(request)
    return _record(
        request,
        volunteer_id,
        InterviewForm,
        "Informal interview",
        lambda volunteer, data: services.record_interview(
            volunteer=volunteer, by=by, interviewed_on=data["interviewed_on"], notes=data["notes"]
        ),
    )


@requires(Capability.MANAGE_VOLUNTEERS)
def dbs_new(request: HttpRequest, volunteer_id: uuid.UUID) -> HttpResponse:
    by = acting_user(request)
    return _record(
        request,
        volunteer_id,
        DBSForm,
        "DBS check",
        lambda volunteer, data: services.record_dbs_check(volunteer=volunteer, by=by, **data),
    )


@requires(Capability.MANAGE_VOLUNTEERS)
def training_new(request: HttpRequest, volunteer_id: uuid.UUID) -> HttpResponse:
    by = acting_user(request)
    return _record(
        request,
        volunteer_id,
        TrainingForm,
        "Training",
        lambda volunteer, data: services.record_training(
            volunteer=volunteer, by=by, module=data["module"], completed_on=data["completed_on"]
        ),
    )


@requires(Capability.MANAGE_VOLUNTEERS)
def supervision_new(request: HttpRequest, volunteer_id: uuid.UUID) -> HttpResponse:
    by = acting_user(request)
    return _record(
        request,
        volunteer_id,
        SupervisionForm,
        "Supervision",
        lambda volunteer, data: services.record_supervision(volunteer=volunteer, by=by, held_on=data["held_on"], actions=data["actions"]),
    )


@requires(Capability.MANAGE_VOLUNTEERS)
def projects_edit(request: HttpRequest, volunteer_id: uuid.UUID) -> HttpResponse:
    volunteer = get_volunteer_for(request, volunteer_id)
    opened = {"projects": list(volunteer.projects.all())}
    form = ProjectsForm(posted(request), initial=opened)
    edit = edit_check(request, form, saved=opened)
    if request.method == "POST" and form.is_valid():
        try:
            with unchanged_since_opened(request, form, saved=lambda: rota.projects_for_edit(volunteer), discard_url=request.path):
                rota.set_projects(volunteer=volunteer, projects=list(form.cleaned_data["projects"]), by=acting_user(request))
        except EditConflict as conflict:
            form, edit = ProjectsForm(initial=conflict.merged), conflict.check
        else:
            messages.success(request, "Projects saved")
            return redirect("volunteers:detail", volunteer_id=volunteer.pk)
    return render(
        request,
        "volunteers/manage/form.jinja",
        {"form": form, "title": f"Projects for {volunteer.name}", "button": "Save", "edit_check": edit},
    )


@requires(Capability.MANAGE_VOLUNTEERS)
def dbs_expiring(request: HttpRequest) -> HttpResponse:
    """Volunteers whose latest check runs out within the warning window (or already has)."""
    today = timezone.localdate()
    soon = today + timedelta(days=settings.STAR_DBS_WARNING_DAYS)
    volunteers = (
        volunteers_visible_to(request.user)
        .filter(stage__in=[Stage.APPROVED, Stage.ACTIVE, Stage.STEPPED_BACK])
        .annotate(latest_due=Max("dbs_checks__renewal_due_on"))
        .filter(latest_due__lte=soon)
        .only("id", "given_name", "family_name", "person_id")
        .order_by("latest_due")
    )
    page = Paginator(volunteers, 50).get_page(request.GET.get("page"))
    audit_list(request, list(page))
    return render(
        request,
        "volunteers/manage/dbs_expiring.jinja",
        {"page": page, "pagination": pagination_params(page), "days": settings.STAR_DBS_WARNING_DAYS, "today": today},
    )


@requires(Capability.MANAGE_VOLUNTEERS)
def expenses(request: HttpRequest) -> HttpResponse:
    claims = expenses_visible_to(request.user).filter(status=ClaimStatus.PENDING).order_by("submitted_at")
    page = Paginator(claims, 25).get_page(request.GET.get("page"))
    audit_list(request, [claim.volunteer for claim in page])
    return render(
        request,
        "volunteers/manage/expenses.jinja",
        {"page": page, "pagination": pagination_params(page), "lines": [(claim, pounds(claim.amount_pence)) for claim in page]},
    )


@requires(Capability.MANAGE_VOLUNTEERS)
def expense_decide(request: HttpRequest, claim_id: int) -> HttpResponse:
    claim = get_expense_for(request, claim_id)
    form = DecisionForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            claims.decide_expense(
                claim=claim,
                by=acting_user(request),
                approve=form.cleaned_data["decision"] == "approve",
                reason=form.cleaned_data["reason"],
            )
        except VolunteerError as error:
            show_refusal(request, error, form, field="reason" if "reason" in str(error) else None)
        else:
            messages.success(request, "Decision saved")
            return redirect("volunteers:expenses")
    return render(request, "volunteers/manage/expense_decide.jinja", {"form": form, "claim": claim, "amount": pounds(claim.amount_pence)})
