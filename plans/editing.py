"""Saving a plan from a form without overwriting anyone: the form carries the version it was opened
with, and a save over someone else's newer version (or a second person starting the same
one-of-a-kind document at the same moment) comes back as `EditConflict` for the view to show.
Used by the staff pages and the member's own pages alike."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest

from people.models import Person
from plans import services
from plans.documents import DocumentKind
from plans.forms import PlanDocumentForm, initial_from_content
from plans.models import PlanDocument, PlanVersion
from submissions.conflicts import EditCheck, conflict_now, edit_check, unchanged_since_opened

if TYPE_CHECKING:
    from accounts.models import User


def plan_edit_check(request: HttpRequest, form: PlanDocumentForm, *, definition: DocumentKind, content: dict[str, str]) -> EditCheck:
    return edit_check(request, form, saved=initial_from_content(definition, content))


def save_checked(
    request: HttpRequest,
    *,
    by: User,
    person: Person,
    definition: DocumentKind,
    form: PlanDocumentForm,
    document: PlanDocument | None = None,
    discard_url: str = "",
) -> PlanVersion:
    """Save the form as a new version unless someone saved the document after the form was
    opened; then raise `submissions.conflicts.EditConflict` and save nothing."""

    def saved_now() -> dict[str, object]:
        return initial_from_content(definition, services.saved_content_for_edit(person=person, kind=definition, document=document))

    try:
        with unchanged_since_opened(request, form, saved=saved_now, discard_url=discard_url):
            return services.save_plan(
                by=by,
                person=person,
                kind=definition,
                content=form.cleaned_data,
                document=document,
                starting=document is None,
            )
    except services.StartedMeanwhile:
        conflict = conflict_now(request, form, saved=saved_now, discard_url=discard_url)
        if conflict is not None:
            raise conflict from None
        # The form was based on what is saved now (sent again after a conflict, with the merge):
        # it becomes the next version of the document someone else started.
        return services.save_plan(by=by, person=person, kind=definition, content=form.cleaned_data)
