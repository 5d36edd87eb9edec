"""The training catalogue, kept by the volunteer manager: add a module, change how long it stays
valid and which roles need it, retire it. A module with completions is never deleted: its
completions are part of volunteers' history. Every change is audited."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Count, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.text import slugify

from audit.services import Action, record_event
from volunteers.models import TrainingModule

if TYPE_CHECKING:
    from accounts.models import User


class CatalogueError(Exception):
    """A change to the catalogue that is not allowed, with a message that says what to do."""


def modules_with_counts() -> QuerySet[TrainingModule]:
    """Every module, current ones first, with how many completions each has (counted in the database)."""
    return TrainingModule.objects.annotate(completion_count=Count("completions")).order_by("retired_at", "name")


def lock_module_for_edit(module: TrainingModule) -> TrainingModule:
    """The module as saved now, locked until the end of the transaction (`submissions.conflicts`)."""
    return TrainingModule.objects.select_for_update().get(pk=module.pk)


def get_module(module_id: int) -> TrainingModule:
    module = TrainingModule.objects.filter(pk=module_id).first()
    if module is None:
        raise Http404
    return module


def _unique_code(name: str) -> str:
    base = slugify(name)[:40] or "module"
    code, n = base, 2
    while TrainingModule.objects.filter(code=code).exists():
        code, n = f"{base}-{n}", n + 1
    return code


def _check_name(name: str, *, exclude: int | None = None) -> str:
    name = name.strip()
    clash = TrainingModule.objects.filter(name__iexact=name)
    if exclude is not None:
        clash = clash.exclude(pk=exclude)
    if clash.exists():
        raise CatalogueError("There is already a module with that name. Choose a different name")
    return name


@transaction.atomic
def add_training_module(
    *,
    by: User,
    name: str,
    description: str = "",
    required_for: list[str],
    valid_for_months: int | None,
) -> TrainingModule:
    name = _check_name(name)
    module = TrainingModule.objects.create(
        code=_unique_code(name), name=name, description=description, required_for=sorted(required_for), valid_for_months=valid_for_months
    )
    record_event(user=by, action=Action.CREATE, obj=module, detail={"training_module": module.code})
    return module


@transaction.atomic
def change_training_module(
    *,
    module: TrainingModule,
    by: User,
    name: str,
    description: str,
    required_for: list[str],
    valid_for_months: int | None,
) -> TrainingModule:
    """Change a module. A new validity period applies to training recorded from now on."""
    module = TrainingModule.objects.select_for_update().get(pk=module.pk)
    if module.is_retired:
        raise CatalogueError("This module is retired. It cannot be changed")
    new: dict[str, object] = {
        "name": _check_name(name, exclude=module.pk),
        "description": description,
        "required_for": sorted(required_for),
        "valid_for_months": valid_for_months,
    }
    changes = {field: [getattr(module, field), value] for field, value in new.items() if getattr(module, field) != value}
    for field, value in new.items():
        setattr(module, field, value)
    module.save()
    record_event(user=by, action=Action.UPDATE, obj=module, detail={"training_module": module.code, "changes": changes})
    return module


@transaction.atomic
def retire_training_module(*, module: TrainingModule, by: User) -> TrainingModule:
    """No longer offered or required. Completions already recorded stay."""
    module = TrainingModule.objects.select_for_update().get(pk=module.pk)
    if module.is_retired:
        raise CatalogueError("This module is already retired")
    module.retired_at = timezone.now()
    module.save(update_fields=["retired_at"])
    record_event(user=by, action=Action.UPDATE, obj=module, detail={"training_module": module.code, "retired": True})
    return module


@transaction.atomic
def delete_training_module(*, module: TrainingModule, by: User) -> None:
    """Only a module nobody has completed (for example, one added by mistake)."""
    if module.completions.exists():
        raise CatalogueError("Volunteers have done this module, so it cannot be deleted. Retire it instead")
    record_event(user=by, action=Action.UPDATE, obj=module, detail={"training_module": module.code, "deleted": True})
    module.delete()
