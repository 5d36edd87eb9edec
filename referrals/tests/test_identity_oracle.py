"""No identity oracle (issue 19 item 5): a referral whose NHS number is on a record with another
name or date of birth is accepted like any other, for a new record a service manager reconciles;
the staff form's reply, the REST API's 201 and the FHIR 201 do not differ from an unknown number's."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from conftest import World, sign_in
from interop.tests.factories import bearer, make_token
from interop.tests.test_fhir_import import URL as FHIR_URL
from interop.tests.test_fhir_import import sample_bundle
from people.tests.factories import PersonFactory
from referrals.models import Referral
from referrals.tests.test_intake import URL as FORM_URL
from referrals.tests.test_intake import answers

pytestmark = pytest.mark.django_db
KNOWN, UNKNOWN = "9990000026", "9990000034"


def shape(response: Any) -> str:
    """A reply with its ids, references and dates blanked: what a sender could compare."""
    text = response.content.decode().split("<main")[1].split("</main>")[0]
    text = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", text)  # a fresh token on every page
    return re.sub(r"[0-9a-f]{8}-[0-9a-f-]{27}|\b\d+\b|R\d+", "#", text)


def test_the_staff_form_replies_the_same_for_a_known_and_an_unknown_number(as_worker: Client, world: World) -> None:
    PersonFactory.create(given_name="Alan", family_name="Turing", nhs_number=KNOWN)
    replies = []
    for number in (KNOWN, UNKNOWN):
        response = as_worker.post(FORM_URL, answers(nhs_number=number))
        assert response.status_code == 302
        page = as_worker.get(response["Location"])
        replies.append(shape(page))
    assert replies[0] == replies[1], "the referral page must not tell the sender the number is known"
    flagged = Referral.objects.get(person__nhs_number=KNOWN, person__family_name="Hopper")
    assert flagged.identity_to_check and flagged.person.family_name == "Hopper"
    assert not Referral.objects.get(person__nhs_number=UNKNOWN).identity_to_check


def test_the_fhir_api_replies_201_alike(client: Client, world: World) -> None:
    PersonFactory.create(given_name="Alan", family_name="Turing", nhs_number=KNOWN)
    secret = make_token(account=world.manager, scopes=["referrals:write"])[1]
    authorised: dict[str, Any] = bearer(secret)  # WSGI environ keys for Client.post's **extra
    codes, keys = [], []
    for number in (KNOWN, UNKNOWN):
        bundle = sample_bundle(identifier=[{"system": "https://fhir.nhs.uk/Id/nhs-number", "value": number}])
        response = client.post(FHIR_URL, json.dumps(bundle), content_type="application/fhir+json", **authorised)
        codes.append(response.status_code)
        keys.append(sorted(response.json()))
    assert codes == [201, 201] and keys[0] == keys[1]
    assert Referral.objects.filter(identity_to_check=True).count() == 1


def test_the_rest_api_replies_201_alike(client: Client, world: World) -> None:
    PersonFactory.create(given_name="Alan", family_name="Turing", nhs_number=KNOWN)
    secret = make_token(account=world.manager, scopes=["referrals:write"])[1]
    authorised: dict[str, Any] = bearer(secret)  # WSGI environ keys for Client.post's **extra
    replies = []
    for number in (KNOWN, UNKNOWN):
        body = {
            "person": {"given_name": "Grace", "family_name": "Hopper", "date_of_birth": "1986-12-09", "nhs_number": number},
            "source": "gp",
            "reason_in_referrers_words": "Low mood",
            "consent_given": True,
        }
        response = client.post("/api/v1/referrals/", json.dumps(body), content_type="application/json", **authorised)
        replies.append((response.status_code, sorted(response.json())))
    assert replies[0] == replies[1] and replies[0][0] == 201
    assert "identity_to_check" not in replies[0][1]


def test_only_a_service_manager_sees_and_clears_the_flag(as_worker: Client, world: World) -> None:
    PersonFactory.create(given_name="Alan", family_name="Turing", nhs_number=KNOWN)
    as_worker.post(FORM_URL, answers(nhs_number=KNOWN))
    referral = Referral.objects.get()
    detail = reverse("referrals:detail", kwargs={"referral_id": referral.pk})
    for page in (as_worker.get(detail), as_worker.get(reverse("referrals:triage_queue"))):
        assert "Check who this is" not in page.content.decode()  # the worker who sent it learns nothing
    manager = sign_in(Client(), world.manager)
    assert "Check who this is" in manager.get(reverse("referrals:triage_queue")).content.decode()
    assert 'data-testid="identity-to-check"' in manager.get(detail).content.decode()
    assert as_worker.post(reverse("referrals:identity_checked", kwargs={"referral_id": referral.pk})).status_code == 403
    manager.post(reverse("referrals:identity_checked", kwargs={"referral_id": referral.pk}))
    referral.refresh_from_db()
    assert not referral.identity_to_check
