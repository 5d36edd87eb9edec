"""The support plan in the member's own words, its costed lines, and spending against it with
receipts. The member does all of this in their own pages; a worker may do it with them."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts.access import acting_user
from choices import budget_services as services
from choices.access import current_budget, get_line_of, get_spend_for, lines_of
from choices.forms import PlanLineForm, SpendForm, SupportPlanForm
from choices.models import PersonalBudget, PlanLine, Spend
from choices.models.budgets import BudgetError
from choices.views.who import Whose, choices_page, page_context, whose
from core.money import pounds
from core.posted import posted
from core.status import show_refusal
from documents import services as document_services
from documents.forms import display_filename
from documents.models import ScanStatus
from documents.sniffing import Sniffed
from documents.views.download import download_name
from submissions.conflicts import EditConflict, edit_check, unchanged_since_opened
from submissions.services import ALREADY_SAVED, key_for_form, once


def _budget(request: HttpRequest, person_id: uuid.UUID | None, *, audit: bool) -> tuple[Whose, PersonalBudget]:
    """The person's current budget (the member's own, or one a worker may see), or 404."""
    who = whose(request, person_id, page="personal budget support plan", audit=audit)
    budget = current_budget(request.user, who.person)
    if budget is None:
        raise Http404
    return who, budget


def _plan_answers(budget: PersonalBudget) -> dict[str, object]:
    return {"what_for": budget.plan_what_for, "how_it_helps": budget.plan_how_it_helps, "who_manages": budget.plan_who_manages}


@choices_page
def support_plan(request: HttpRequest, person_id: uuid.UUID | None = None) -> HttpResponse:
    who, budget = _budget(request, person_id, audit=True)
    form = SupportPlanForm(posted(request), initial=_plan_answers(budget))
    edit = edit_check(request, form, saved=_plan_answers(budget))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with unchanged_since_opened(
                request, form, saved=lambda: _plan_answers(services.lock_budget_for_edit(budget)), discard_url=request.path
            ):
                services.write_support_plan(
                    by=acting_user(request),
                    budget=budget,
                    what_for=data["what_for"],
                    how_it_helps=data["how_it_helps"],
                    who_manages=data["who_manages"],
                )
        except EditConflict as conflict:
            form, edit = SupportPlanForm(initial=conflict.merged), conflict.check
        else:
            messages.success(request, "Support plan saved")
            return redirect(who.url("budget"))
    return render(request, "choices/support_plan.jinja", {**page_context(request, who), "form": form, "edit_check": edit})


@choices_page
def line_new(request: HttpRequest, person_id: uuid.UUID | None = None) -> HttpResponse:
    who, budget = _budget(request, person_id, audit=request.method == "GET")
    form = PlanLineForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = once(
                request,
                model=PlanLine,
                create=lambda: services.add_plan_line(
                    by=acting_user(request),
                    budget=budget,
                    category=data["category"],
                    description=data["description"],
                    amount_pence=data["amount"],
                ),
            )
        except BudgetError as refused:
            show_refusal(request, refused, form)
        else:
            messages.success(request, f"Added to the plan: {saved.obj.description}" if saved.created else ALREADY_SAVED)
            return redirect(who.url("budget"))
    return render(
        request,
        "choices/line_new.jinja",
        {**page_context(request, who), "form": form, "submission_key": key_for_form(request)},
    )


@require_POST
@choices_page
def line_remove(request: HttpRequest, line_id: int, person_id: uuid.UUID | None = None) -> HttpResponse:
    who, budget = _budget(request, person_id, audit=False)
    line = get_line_of(budget, line_id)
    try:
        services.remove_plan_line(by=acting_user(request), line=line)
    except BudgetError as refused:
        show_refusal(request, refused)
    else:
        messages.success(request, f"Taken out of the plan: {line.description}")
    return redirect(who.url("budget"))


@choices_page
def spend_new(request: HttpRequest, person_id: uuid.UUID | None = None) -> HttpResponse:
    who, budget = _budget(request, person_id, audit=request.method == "GET")
    lines = list(lines_of(budget))
    choices = [(str(line.pk), f"{line.description} ({line.get_category_display().lower()}, {pounds(line.amount_pence)})") for line in lines]
    form = SpendForm(posted(request), request.FILES if request.method == "POST" else None, lines=choices)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        line = next((item for item in lines if str(item.pk) == data["line"]), None)
        upload = data["receipt"]
        # Checked for viruses and stored before the spending is saved, outside its transaction (as
        # any document: documents.services.store_upload); a repeat's own stored copy is discarded.
        stored = (
            document_services.store_upload(upload=upload, sniffed=Sniffed(form.receipt_content_type), size=upload.size) if upload else None
        )
        try:
            saved = once(
                request,
                model=Spend,
                create=lambda: services.record_spend(
                    by=acting_user(request),
                    budget=budget,
                    line=line,
                    category=data["category"],
                    spent_on=data["spent_on"],
                    amount_pence=data["amount"],
                    description=data["description"],
                    receipt=stored,
                    receipt_filename=display_filename(upload.name or "") if upload else "",
                ),
            )
        except BudgetError as refused:
            if stored is not None:
                document_services.discard_upload(stored)
            show_refusal(request, refused, form)
        except BaseException:
            if stored is not None:
                document_services.discard_upload(stored)
            raise
        else:
            if not saved.created and stored is not None:
                document_services.discard_upload(stored)
            messages.success(request, f"Spending of {pounds(saved.obj.amount_pence)} recorded" if saved.created else ALREADY_SAVED)
            if saved.created and stored is not None:
                _tell_about_the_receipt(request, stored.scan_status, stored.scan_finding)
            return redirect(who.url("budget"))
    return render(
        request,
        "choices/spend_new.jinja",
        {
            **page_context(request, who),
            "form": form,
            "budget": budget,
            "submission_key": key_for_form(request),
            "today": timezone.localdate(),
        },
    )


RECEIPT_HELD = "The receipt is kept. It is held until it has been checked for viruses, and can be opened after that"
RECEIPT_INFECTED = (
    "The virus check found something harmful in the receipt ({finding}), so it was not kept. "
    "Do not open the original on your device. The spending is recorded without it"
)


def _tell_about_the_receipt(request: HttpRequest, scan_status: str, finding: str) -> None:
    if scan_status == ScanStatus.INFECTED:
        messages.error(request, RECEIPT_INFECTED.format(finding=finding or "a virus"))
    elif scan_status != ScanStatus.CLEAN:
        messages.info(request, RECEIPT_HELD)


@choices_page
def receipt(request: HttpRequest, spend_id: int, person_id: uuid.UUID | None = None) -> HttpResponse:
    """A receipt, only to those who may see the budget, only once the virus check found it clean,
    as a download never kept by the browser (as any document: documents.views.download)."""
    who = whose(request, person_id, page="personal budget receipt", audit=False)
    spend = get_spend_for(request, who.person, spend_id)
    document = spend.receipt
    if document is None:
        raise Http404
    if not document.can_be_opened:
        refused = render(request, "choices/receipt_not_available.jinja", {**page_context(request, who), "document": document}, status=409)
        refused["Cache-Control"] = "no-store"
        return refused
    stream = document_services.storage().open(str(document.file.name), "rb")
    response = FileResponse(stream, as_attachment=True, filename=download_name(document), content_type=document.content_type)
    response["Cache-Control"] = "no-store, private"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response  # type: ignore[return-value]
