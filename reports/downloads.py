"""The quarterly report's PDF, prepared in the background when a broker is set (`downloads`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.roles import Capability, can
from accounts.teams import Scope
from community.models import Project
from core.disclosure import threshold
from core.periods import Period, PeriodError, period_from
from downloads.builders import Builder, Built, NotPossible, register
from reports import pdf, store, tables
from reports.figures import service
from reports.teams import cost_figures_for, scope_for

if TYPE_CHECKING:
    from accounts.models import User

QUARTERLY_PDF = "reports.quarterly_pdf"


def quarterly_pdf_bytes(period: Period, *, project: Project | None, suppressed: bool, scope: Scope | None = None) -> bytes:
    """The same PDF whether the page builds it or a worker does."""
    with service.scoped(scope), store.figures(period, scope):
        built = tables.build(period, project=project, suppressed=suppressed)
        costs = cost_figures_for(period, scope, suppressed=suppressed)
    return pdf.quarterly_report(
        period=period,
        tables=built,
        costs=costs,
        cost_table=tables.cost_table(period, costs),
        suppressed=suppressed,
        threshold=threshold(),
    )


def quarterly_pdf_filename(period: Period) -> str:
    return f"star-report-{period.start}-{period.end}.pdf"


def _build_quarterly_pdf(params: Mapping[str, str], user: User) -> Built:
    suppressed = not can(user, Capability.SEE_UNSUPPRESSED_FIGURES)
    try:
        period = period_from(dict(params), today=timezone.localdate(), restricted=suppressed)
    except PeriodError as problem:
        raise NotPossible(str(problem)) from problem
    project = None
    if params.get("project"):
        try:
            project = Project.objects.filter(pk=params["project"]).first()
        except (ValidationError, ValueError) as problem:
            raise NotPossible("That project is not known") from problem
    _, _, scope = scope_for(user, params.get("team", ""), restricted=suppressed)
    content = quarterly_pdf_bytes(period, project=project, suppressed=suppressed, scope=scope)
    return Built(content=content, filename=quarterly_pdf_filename(period), content_type="application/pdf")


def register_builders() -> None:
    register(
        Builder(
            kind=QUARTERLY_PDF,
            may_have=lambda user: can(user, Capability.SEE_SERVICE_REPORTS),
            build=_build_quarterly_pdf,
        )
    )
