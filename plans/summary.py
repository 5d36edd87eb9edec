"""Plans' part of the person summary (people.summary): whether there is a crisis plan, with a
link to it. One query, through the gate."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.urls import reverse

from people.models import Person
from people.summary import SummaryItem, register_source
from plans.access import plan_documents_for
from plans.documents import Kind

if TYPE_CHECKING:
    from people.summary import Viewer


def crisis_plan_items(user: Viewer, person: Person) -> list[SummaryItem]:
    plan_id = plan_documents_for(user, person).filter(kind=Kind.CRISIS.value).values_list("pk", flat=True).first()
    if plan_id is None:
        return []
    url = reverse("plans:detail", kwargs={"person_id": person.pk, "document_id": plan_id})
    return [SummaryItem("crisis_plan", "Crisis plan", "Has a crisis plan: read it before a crisis call", url, colour="blue")]


def register() -> None:
    register_source("crisis_plan", crisis_plan_items)
