"""A crisis plan for one recipient the person agreed to: a FHIR CarePlan (with the person as a
contained Patient, so it stands alone) and a readable PDF (fpdf2, pure Python)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from core.pdf import StarPDF
from interop.fhir import systems
from interop.fhir.checks import FhirProblem, patient_problems, resource_problems
from interop.fhir.export import patient
from people import nhs_number
from plans.models import CrisisPlanShare

Resource = dict[str, Any]


def sections(share: CrisisPlanShare) -> list[tuple[str, list[tuple[str, str]]]]:
    """The filled-in fields of the version the person agreed to share, by section."""
    content = share.consented_version.content if share.consented_version else {}
    found = []
    for section in share.plan.definition.sections:
        answers = [(f.label, str(content[f.name])) for f in section.fields if content.get(f.name)]
        if answers:
            found.append((section.heading, answers))
    return found


def crisis_care_plan(share: CrisisPlanShare) -> Resource:
    person = share.plan.person
    subject = patient(person)
    subject["id"] = "patient"
    for key in ("telecom", "address"):
        subject.pop(key, None)  # only what identifies the person travels with the plan
    version = share.plan.current_version
    text = "\n\n".join(f"{heading}\n" + "\n".join(f"{label}: {value}" for label, value in answers) for heading, answers in sections(share))
    resource: Resource = {
        "resourceType": "CarePlan",
        "id": systems.resource_id("crisis-share", share.pk),
        "meta": {"profile": [systems.UK_CORE + "CarePlan"]},
        "contained": [subject],
        "identifier": [{"system": systems.local_system("plan"), "value": f"{share.plan.pk}-v{version.number if version else 0}"}],
        "status": "active",
        "intent": "plan",
        "category": [{"text": "Crisis plan"}],
        "title": "Crisis plan",
        "description": text or "Crisis plan",
        "subject": {"reference": "#patient"},
        "created": timezone.localtime(share.plan.created_at).isoformat(),
        "note": [
            {
                "text": f"Shared with {share.recipient_name}{', ' + share.organisation if share.organisation else ''} "
                f"with the person's agreement, recorded on {share.shared_on.isoformat()}."
            }
        ],
    }
    problems = resource_problems(resource) + patient_problems(subject)
    if problems:
        raise FhirProblem(problems)
    return resource


def crisis_plan_pdf(share: CrisisPlanShare) -> bytes:
    person = share.plan.person
    pdf = StarPDF()
    pdf.set_title("Crisis plan")
    pdf.set_author("STaR")
    pdf.set_lang("en-GB")
    pdf.set_margins(20, 20, 20)
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin
    pdf.use("B", 20)
    pdf.multi_cell(width, 10, pdf.clean(f"Crisis plan: {person.full_name}"), new_x="LMARGIN", new_y="NEXT")
    pdf.use("", 12)
    details = []
    if person.date_of_birth:
        details.append(f"Date of birth: {person.date_of_birth.strftime('%-d %B %Y')}")
    if person.nhs_number:
        details.append(f"NHS number: {nhs_number.formatted(person.nhs_number)}")
    for line in details:
        pdf.multi_cell(width, 7, pdf.clean(line), new_x="LMARGIN", new_y="NEXT")
    recipient = share.recipient_name + (f", {share.organisation}" if share.organisation else "")
    pdf.multi_cell(width, 7, pdf.clean(f"For: {recipient}. The person agreed to share this plan with you."), new_x="LMARGIN", new_y="NEXT")
    for heading, answers in sections(share):
        pdf.ln(4)
        pdf.use("B", 15)
        pdf.multi_cell(width, 8, pdf.clean(heading), new_x="LMARGIN", new_y="NEXT")
        for label, value in answers:
            pdf.use("B", 12)
            pdf.multi_cell(width, 7, pdf.clean(label), new_x="LMARGIN", new_y="NEXT")
            pdf.use("", 12)
            pdf.multi_cell(width, 7, pdf.clean(value), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.use("I", 10)
    version = share.plan.current_version
    saved = timezone.localtime(version.saved_at).strftime("%-d %B %Y") if version else ""
    pdf.multi_cell(
        width, 6, pdf.clean(f"Version {version.number if version else 0}, saved {saved}. Printed from STaR."), new_x="LMARGIN", new_y="NEXT"
    )
    return bytes(pdf.output())
