"""The volunteer manager keeps the training catalogue."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accounts.access import acting_user, requires
from accounts.roles import Capability
from core.posted import posted
from submissions.conflicts import EditConflict, edit_check, unchanged_since_opened
from submissions.services import ALREADY_SAVED, key_for_form, once
from volunteers import training
from volunteers.forms import TrainingModuleForm
from volunteers.models import TrainingModule, VolunteerRole


def _roles(values: list[str]) -> str:
    return ", ".join(VolunteerRole(value).label for value in values if value in VolunteerRole.values) or "No role"


@requires(Capability.MANAGE_VOLUNTEERS)
def modules(request: HttpRequest) -> HttpResponse:
    lines = [
        {
            "module": module,
            "roles": _roles(module.required_for),
            "valid_for": f"{module.valid_for_months} months" if module.valid_for_months else "Does not run out",
            "completions": module.completion_count,  # type: ignore[attr-defined]
        }
        for module in training.modules_with_counts()[:200]
    ]
    return render(request, "volunteers/manage/training_modules.jinja", {"lines": lines})


@requires(Capability.MANAGE_VOLUNTEERS)
def module_new(request: HttpRequest) -> HttpResponse:
    form = TrainingModuleForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            saved = once(
                request,
                model=TrainingModule,
                create=lambda: training.add_training_module(by=acting_user(request), **form.cleaned_data),
            )
        except training.CatalogueError as error:
            form.add_error("name", str(error))
        else:
            messages.success(request, f"{saved.obj.name} added to the training catalogue" if saved.created else ALREADY_SAVED)
            return redirect("volunteers:training_modules")
    return render(
        request,
        "volunteers/manage/training_module_form.jinja",
        {"form": form, "title": "Add a training module", "module": None, "submission_key": key_for_form(request)},
    )


@requires(Capability.MANAGE_VOLUNTEERS)
def module_edit(request: HttpRequest, module_id: int) -> HttpResponse:
    module = training.get_module(module_id)
    form = TrainingModuleForm(posted(request), initial=_as_answers(module))
    edit = edit_check(request, form, saved=_as_answers(module))
    if request.method == "POST" and form.is_valid():
        try:
            with unchanged_since_opened(
                request, form, saved=lambda: _as_answers(training.lock_module_for_edit(module)), discard_url=request.path
            ):
                training.change_training_module(module=module, by=acting_user(request), **form.cleaned_data)
        except training.CatalogueError as error:
            form.add_error(None, str(error))
        except EditConflict as conflict:
            form, edit = TrainingModuleForm(initial=conflict.merged), conflict.check
        else:
            messages.success(request, f"{form.cleaned_data['name']}: changes saved")
            return redirect("volunteers:training_modules")
    return render(
        request,
        "volunteers/manage/training_module_form.jinja",
        {
            "form": form,
            "title": f"Change {module.name}",
            "module": module,
            "can_delete": not module.completions.exists(),
            "edit_check": edit,
        },
    )


@require_POST
@requires(Capability.MANAGE_VOLUNTEERS)
def module_retire(request: HttpRequest, module_id: int) -> HttpResponse:
    module = training.get_module(module_id)
    try:
        training.retire_training_module(module=module, by=acting_user(request))
    except training.CatalogueError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"{module.name} retired. Training already done stays on volunteers' records")
    return redirect("volunteers:training_modules")


@require_POST
@requires(Capability.MANAGE_VOLUNTEERS)
def module_delete(request: HttpRequest, module_id: int) -> HttpResponse:
    module = training.get_module(module_id)
    try:
        training.delete_training_module(module=module, by=acting_user(request))
    except training.CatalogueError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"{module.name} deleted")
    return redirect("volunteers:training_modules")


def _as_answers(module: TrainingModule) -> dict[str, object]:
    return {
        "name": module.name,
        "description": module.description,
        "required_for": module.required_for,
        "valid_for_months": module.valid_for_months,
    }
