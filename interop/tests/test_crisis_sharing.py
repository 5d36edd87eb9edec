"""A crisis plan goes only to a recipient the person agreed to, as a FHIR CarePlan or a PDF;
each download is audited and shown on the person's timeline, their own view included."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from audit.models import AuditEvent
from conftest import World, sign_in
from interop.fhir.checks import resource_problems
from interop.models import CrisisPlanSent
from people.timeline import timeline_for
from plans.documents import Kind
from plans.models import CrisisPlanShare
from plans.tests.factories import CrisisPlanShareFactory, make_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def share(world: World) -> CrisisPlanShare:
    plan = make_plan(world.caseload_person, Kind.CRISIS, by=world.worker, supporters="Jo (sister) – “call first”")
    return CrisisPlanShareFactory.create(plan=plan, recorded_by=world.worker, recipient_name="Dr Patel", organisation="Home treatment team")


def urls(share: CrisisPlanShare) -> tuple[str, str]:
    kwargs = {"person_id": share.plan.person_id, "share_id": share.pk}
    return reverse("interop:crisis_plan_fhir", kwargs=kwargs), reverse("interop:crisis_plan_pdf", kwargs=kwargs)


def test_the_page_lists_agreed_recipients(as_worker: Client, world: World, share: CrisisPlanShare) -> None:
    page = as_worker.get(reverse("interop:crisis_plan", kwargs={"person_id": world.caseload_person.pk}))
    assert b"Dr Patel" in page.content


def test_no_recipients_yet(as_worker: Client, world: World) -> None:
    page = as_worker.get(reverse("interop:crisis_plan", kwargs={"person_id": world.caseload_person.pk}))
    assert b"No one yet" in page.content


def test_fhir_careplan_for_the_recipient(as_worker: Client, world: World, share: CrisisPlanShare) -> None:
    fhir_url, _ = urls(share)
    response = as_worker.get(fhir_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/fhir+json"
    resource = json.loads(response.content)
    assert resource["resourceType"] == "CarePlan"
    assert resource_problems(resource) == []
    assert resource["contained"][0]["identifier"][0]["value"] == world.caseload_person.nhs_number
    assert "telecom" not in resource["contained"][0]
    assert "Jo (sister)" in resource["description"]
    assert "Dr Patel" in resource["note"][0]["text"]


def test_pdf_for_the_recipient(as_worker: Client, world: World, share: CrisisPlanShare) -> None:
    _, pdf_url = urls(share)
    response = as_worker.get(pdf_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert len(response.content) > 800


def test_each_download_is_audited_and_on_the_timeline_the_person_sees(client: Client, world: World, share: CrisisPlanShare) -> None:
    sign_in(client, world.worker)
    fhir_url, pdf_url = urls(share)
    client.get(fhir_url)
    client.get(pdf_url)
    assert CrisisPlanSent.objects.filter(person=world.caseload_person).count() == 2
    exports = AuditEvent.objects.filter(action="export", person_id=world.caseload_person.pk, object_type="plans.crisisplanshare")
    assert sorted(e.detail["format"] for e in exports) == ["fhir", "pdf"]
    entries = [e for e in timeline_for(world.caseload_person, for_member=True) if e.kind == "crisis_plan_sent"]
    assert len(entries) == 2
    assert "Dr Patel" in entries[0].title


def test_someone_elses_plan_is_404(as_worker: Client, world: World) -> None:
    plan = make_plan(world.stranger, Kind.CRISIS, by=world.other_worker)
    other = CrisisPlanShareFactory.create(plan=plan, recorded_by=world.other_worker)
    fhir_url, pdf_url = urls(other)
    assert as_worker.get(fhir_url).status_code == 404
    assert as_worker.get(pdf_url).status_code == 404
    # A share id from another person under this person's address is 404 too.
    wrong = reverse("interop:crisis_plan_pdf", kwargs={"person_id": world.caseload_person.pk, "share_id": other.pk})
    assert as_worker.get(wrong).status_code == 404


def test_member_cannot_download(client: Client, world: World) -> None:
    plan = make_plan(world.member_person, Kind.CRISIS, by=world.worker)
    own = CrisisPlanShareFactory.create(plan=plan, recorded_by=world.worker)
    sign_in(client, world.member)
    assert client.get(urls(own)[1]).status_code == 403


def test_page_query_count(
    as_worker: Client, world: World, share: CrisisPlanShare, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    for n in range(8):
        CrisisPlanShareFactory.create(plan=share.plan, recorded_by=world.worker, recipient_name=f"Recipient {n}")
    with django_assert_max_num_queries(15):
        page = as_worker.get(reverse("interop:crisis_plan", kwargs={"person_id": world.caseload_person.pk}))
    assert page.content.count(b"FHIR CarePlan<span") == 9
