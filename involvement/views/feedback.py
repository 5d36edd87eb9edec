"""Feedback: a member's own page, staff entering paper forms, and the manager's complaint handling."""

from __future__ import annotations

import datetime
import uuid

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts.access import acting_user, requires
from accounts.roles import Capability, can
from audit.services import Action, record_event
from core.pagination import pagination_params
from core.posted import posted
from core.status import show_refusal
from involvement import services
from involvement.access import audit_feedback_list, feedback_for, get_feedback_for
from involvement.forms import ComplaintStatusForm, MemberFeedbackForm, PaperFeedbackForm
from involvement.models import ComplaintStatus, Feedback, FeedbackChannel, FeedbackKind
from involvement.models.feedback import IllegalTransition
from involvement.presenters import FeedbackPresenter, involvement_nav
from people.access import get_person_for, own_record

PAGE_SIZE = 25
OWN_FEEDBACK_SHOWN = 20


@requires(Capability.GIVE_OWN_FEEDBACK)
def my_feedback(request: HttpRequest) -> HttpResponse:
    """ "Tell us what you think": the member's feedback is linked to their own record."""
    user = acting_user(request)
    person = own_record(user)
    form = MemberFeedbackForm(posted(request))
    if request.method == "POST" and person is not None and form.is_valid():
        data = form.cleaned_data
        submitted = services.submit_feedback(
            kind=data["kind"],
            message=data["message"],
            channel=FeedbackChannel.MEMBER_PORTAL,
            theme=data["theme"],
            person=person,
            about_personal_information=data["about_personal_information"],
            submission_token=data["token"],
            sent_by=user,
        )
        messages.success(
            request,
            f"Thank you. We have your {submitted.feedback.get_kind_display().lower()}. Your reference is {submitted.feedback.reference}.",
        )
        return redirect("involvement:my_feedback")
    sent = list(feedback_for(user).order_by("-received_at", "-id")[:OWN_FEEDBACK_SHOWN]) if person else []
    if person is not None and request.method == "GET":
        record_event(user=user, action=Action.VIEW, person_id=person.pk, detail={"page": "own feedback"})
    return render(
        request,
        "involvement/my_feedback.jinja",
        {"form": form, "person": person, "sent": [FeedbackPresenter.for_today(f) for f in sent]},
    )


@requires(Capability.ENTER_FEEDBACK)
def feedback_new(request: HttpRequest, person_id: uuid.UUID | None = None) -> HttpResponse:
    """Staff type in a paper form, optionally linked to a member whose record they can open."""
    person = get_person_for(request, person_id, audit=request.method == "GET") if person_id else None
    form = PaperFeedbackForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        received_on: datetime.date = data["received_on"]
        now = timezone.now()
        received_at = (
            now if received_on == timezone.localdate() else timezone.make_aware(datetime.datetime.combine(received_on, datetime.time(12)))
        )
        submitted = services.submit_feedback(
            kind=data["kind"],
            message=data["message"],
            channel=FeedbackChannel.PAPER,
            theme=data["theme"],
            person=person,
            name=data["name"],
            contact=data["contact"],
            about_personal_information=data["about_personal_information"],
            submission_token=data["token"],
            by=acting_user(request),
            received_at=received_at,
        )
        messages.success(request, f"Feedback saved. The reference is {submitted.feedback.reference}.")
        if can(request.user, Capability.HANDLE_FEEDBACK):
            return redirect("involvement:feedback_detail", feedback_id=submitted.feedback.pk)
        return redirect(request.path)
    return render(request, "involvement/feedback_new.jinja", {"form": form, "person": person})


@requires(Capability.HANDLE_FEEDBACK)
def feedback_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    feedback = feedback_for(request.user)
    kind = request.GET.get("kind", "")
    status = request.GET.get("status", "")
    overdue = request.GET.get("overdue") == "1"
    if kind in FeedbackKind.values:
        feedback = feedback.filter(kind=kind)
    if status in ComplaintStatus.values:
        feedback = feedback.filter(status=status)
    if overdue:
        feedback = feedback.overdue_on(today)
    overdue_count = feedback_for(request.user).overdue_on(today).count()
    page = Paginator(feedback.order_by("-received_at", "-id"), PAGE_SIZE).get_page(request.GET.get("page"))
    shown = list(page.object_list)
    audit_feedback_list(request, shown)
    query = "&".join(
        part for part in (f"kind={kind}" if kind else "", f"status={status}" if status else "", "overdue=1" if overdue else "") if part
    )
    return render(
        request,
        "involvement/feedback_list.jinja",
        {
            "page": page,
            "items": [FeedbackPresenter(f, today) for f in shown],
            "pagination": pagination_params(page, query),
            "kind": kind,
            "status": status,
            "overdue": overdue,
            "overdue_count": overdue_count,
            "kinds": FeedbackKind.choices,
            "statuses": ComplaintStatus.choices,
            "involvement_nav": involvement_nav(request.user),
        },
    )


@requires(Capability.HANDLE_FEEDBACK)
def feedback_detail(request: HttpRequest, feedback_id: int) -> HttpResponse:
    feedback = get_feedback_for(request, feedback_id)
    return render(request, "involvement/feedback_detail.jinja", _detail_context(feedback, ComplaintStatusForm(feedback=feedback)))


def _detail_context(feedback: Feedback, form: ComplaintStatusForm) -> dict[str, object]:
    return {
        "feedback": feedback,
        "presenter": FeedbackPresenter.for_today(feedback),
        "history": list(feedback.status_changes.select_related("changed_by")),
        "decisions": list(feedback.decisions.all()),
        "form": form,
    }


@require_POST
@requires(Capability.HANDLE_FEEDBACK)
def complaint_move(request: HttpRequest, feedback_id: int) -> HttpResponse:
    feedback = get_feedback_for(request, feedback_id, audit=False)
    form = ComplaintStatusForm(request.POST, feedback=feedback)
    if not form.is_valid():
        return render(request, "involvement/feedback_detail.jinja", _detail_context(feedback, form))
    try:
        services.move_complaint(
            by=acting_user(request),
            feedback=feedback,
            to_status=form.cleaned_data["to_status"],
            note=form.cleaned_data["note"],
        )
    except IllegalTransition as error:
        show_refusal(request, error)
    else:
        messages.success(request, f"Complaint {feedback.reference} is now {ComplaintStatus(form.cleaned_data['to_status']).label.lower()}")
    return redirect("involvement:feedback_detail", feedback_id=feedback.pk)
