"""Shares follow consent (issue 19 item 4): a crisis plan is sent only as the version the person
agreed to; a later change (a new partner's address) is not sent until they agree again; the person
or staff can withdraw, which stops sending; the member sees who has it and when it was sent."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from conftest import World, sign_in
from interop.models import CrisisPlanSent
from people.models import Person
from plans import services as plan_services
from plans.documents import KINDS, Kind
from plans.models import CrisisPlanShare
from plans.tests.factories import SAMPLE_CONTENT, CrisisPlanShareFactory, make_plan

pytestmark = pytest.mark.django_db
NEW_PARTNER = "New partner Kit, 14 Larch Road, 07700 900777"


def shared_then_changed(world: World, person_attr: str = "caseload_person") -> tuple[Person, CrisisPlanShare]:
    person = getattr(world, person_attr)
    plan = make_plan(person, Kind.CRISIS, by=world.worker)
    share = CrisisPlanShareFactory.create(plan=plan, recorded_by=world.worker)
    plan_services.save_plan(
        by=world.worker,
        person=person,
        kind=KINDS[Kind.CRISIS],
        content={**SAMPLE_CONTENT[Kind.CRISIS], "supporters": NEW_PARTNER},
        document=plan,
    )
    share.refresh_from_db()
    return person, share


def urls(person: Person, share: CrisisPlanShare) -> tuple[str, str]:
    ids = {"person_id": person.pk, "share_id": share.pk}
    return reverse("interop:crisis_plan_fhir", kwargs=ids), reverse("interop:crisis_plan_pdf", kwargs=ids)


def test_text_added_after_consent_is_not_sent(as_worker: Client, world: World) -> None:
    person, share = shared_then_changed(world)
    for url in urls(person, share):
        response = as_worker.get(url)
        assert response.status_code == 409
        assert NEW_PARTNER not in response.content.decode(errors="ignore")
        assert "changed since the person agreed" in response.content.decode()
    assert not CrisisPlanSent.objects.exists()


def test_after_fresh_consent_the_current_plan_is_sent(as_worker: Client, world: World) -> None:
    person, share = shared_then_changed(world)
    consent = reverse("interop:crisis_plan_consent", kwargs={"person_id": person.pk, "share_id": share.pk, "change": "renew"})
    as_worker.post(consent)
    fhir, _ = urls(person, share)
    response = as_worker.get(fhir)
    assert response.status_code == 200 and NEW_PARTNER in response.content.decode()
    assert CrisisPlanSent.objects.count() == 1


def test_staff_withdraw_on_the_persons_word_and_nothing_more_is_sent(as_worker: Client, world: World) -> None:
    plan = make_plan(world.caseload_person, Kind.CRISIS, by=world.worker)
    share = CrisisPlanShareFactory.create(plan=plan, recorded_by=world.worker)
    fhir, pdf = urls(world.caseload_person, share)
    assert as_worker.get(fhir).status_code == 200
    as_worker.post(
        reverse("interop:crisis_plan_consent", kwargs={"person_id": world.caseload_person.pk, "share_id": share.pk, "change": "withdraw"})
    )
    assert as_worker.get(fhir).status_code == 409 and as_worker.get(pdf).status_code == 409
    assert CrisisPlanSent.objects.count() == 1


def test_the_member_sees_who_has_it_and_stops_sharing(client: Client, world: World) -> None:
    plan = make_plan(world.member_person, Kind.CRISIS, by=world.worker)
    share = CrisisPlanShareFactory.create(plan=plan, recorded_by=world.worker, recipient_name="Home treatment team")
    CrisisPlanSent.objects.create(share=share, person=world.member_person, format="pdf", sent_by=world.worker)
    sign_in(client, world.member)
    page = client.get(reverse("portal:consents")).content.decode()
    assert "Home treatment team" in page and "Sent:" in page and "Stop sharing with Home treatment team" in page
    client.post(reverse("portal:stop_sharing", kwargs={"share_id": share.pk}))
    share.refresh_from_db()
    assert share.is_withdrawn and share.withdrawn_by == world.member
    assert "You stopped sharing on" in client.get(reverse("portal:consents")).content.decode()
    worker = sign_in(Client(), world.worker)
    from people.tests.factories import CaseloadEntryFactory

    CaseloadEntryFactory.create(person=world.member_person, worker=world.worker)
    fhir, _ = urls(world.member_person, share)
    assert worker.get(fhir).status_code == 409
