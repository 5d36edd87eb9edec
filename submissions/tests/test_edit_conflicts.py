"""Two people editing the same record: the second save never silently overwrites the first
(issue 14). Each edit form carries the version it was opened with (`based_on`); a stale save
shows what changed, side by side with what was typed, and saves nothing until they choose."""

from __future__ import annotations

import re
from collections.abc import Callable
from html.parser import HTMLParser
from typing import Any

import pytest
from django.core import signing
from django.db import connection
from django.test import Client
from django.urls import reverse

from conftest import World, sign_in
from people.models import Consent, Person
from people.services import current_consents
from people.tests.test_person_form import form_data
from submissions import conflicts
from submissions.tests.create_forms import EDITS, EDITS_SHOWN_ELSEWHERE, OTHER_POSTS

pytestmark = pytest.mark.django_db


def based_on(page: str) -> str:
    found = re.search(r'name="based_on" value="([^"]+)"', page)
    assert found, "the edit form carries the version it was based on"
    return found.group(1)


def opened(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return based_on(response.content.decode())


def _person_data(person: Person, **changes: Any) -> dict[str, Any]:
    assert person.date_of_birth is not None
    data = form_data(
        given_name=person.given_name,
        family_name=person.family_name,
        date_of_birth_day=str(person.date_of_birth.day),
        date_of_birth_month=str(person.date_of_birth.month),
        date_of_birth_year=str(person.date_of_birth.year),
        nhs_number=person.nhs_number,
        phone=person.phone,
        email=person.email,
        postcode=person.postcode,
        nhs_number_status=person.nhs_number_status or "01",
    )
    data.update(changes)
    return data


@pytest.fixture
def two_workers(client: Client, world: World) -> tuple[Client, Client]:
    return sign_in(client, world.worker), sign_in(Client(), world.manager)


def test_two_people_change_the_same_persons_details_and_neither_change_is_lost(two_workers: tuple[Client, Client], world: World) -> None:
    first, second = two_workers
    person = world.caseload_person
    url = reverse("people:edit", kwargs={"person_id": person.pk})
    first_token, second_token = opened(first, url), opened(second, url)
    assert first.post(url, _person_data(person, phone="07700 900111", based_on=first_token)).status_code == 302
    # The second person typed an email; their form still has the old phone number.
    response = second.post(url, _person_data(person, email="ada@example.org", based_on=second_token))
    assert response.status_code == 200, "nothing is saved over the first change"
    page = response.content.decode()
    assert "Someone else saved changes while you were editing" in page
    assert "07700 900111" in page and "Phone" in page
    person.refresh_from_db()
    assert person.phone == "07700 900111" and person.email != "ada@example.org"
    # The form now holds the merge: their email, and the phone number the first person saved.
    assert 'value="07700 900111"' in page and 'value="ada@example.org"' in page
    merged = _person_data(person, phone="07700 900111", email="ada@example.org", based_on=based_on(page))
    assert second.post(url, merged).status_code == 302
    person.refresh_from_db()
    assert (person.phone, person.email) == ("07700 900111", "ada@example.org")


def test_an_older_consents_form_does_not_withdraw_a_consent_nobody_chose(two_workers: tuple[Client, Client], world: World) -> None:
    first, second = two_workers
    person = world.caseload_person
    url = reverse("people:edit", kwargs={"person_id": person.pk})
    first_token, second_token = opened(first, url), opened(second, url)
    first.post(url, _person_data(person, consents=["contact_by_text"], based_on=first_token))
    assert current_consents(person).get("contact_by_text") is True
    response = second.post(url, _person_data(person, pronouns="she/her", based_on=second_token))
    assert "Someone else saved changes while you were editing" in response.content.decode()
    assert current_consents(person).get("contact_by_text") is True
    assert not Consent.objects.filter(person=person, kind="contact_by_text", given=False).exists()


def test_a_form_shown_again_after_an_error_keeps_the_version_it_was_opened_with(two_workers: tuple[Client, Client], world: World) -> None:
    first, second = two_workers
    person = world.caseload_person
    url = reverse("people:edit", kwargs={"person_id": person.pk})
    token = opened(second, url)
    errored = second.post(url, _person_data(person, given_name="", based_on=token)).content.decode()
    assert based_on(errored) == token
    first.post(url, _person_data(person, phone="07700 900222", based_on=opened(first, url)))
    response = second.post(url, _person_data(person, based_on=token))
    assert "Someone else saved changes while you were editing" in response.content.decode()


def test_a_save_with_no_one_else_changing_anything_just_saves(two_workers: tuple[Client, Client], world: World) -> None:
    first, _ = two_workers
    person = world.caseload_person
    url = reverse("people:edit", kwargs={"person_id": person.pk})
    assert first.post(url, _person_data(person, phone="07700 900333", based_on=opened(first, url))).status_code == 302


CONFLICT = "Someone else saved changes while you were editing"


def _crisis(**fields: str) -> dict[str, str]:
    return {"supporters": "", "not_involved": "", **fields}


def test_a_crisis_supporter_added_in_version_2_is_not_missing_from_version_3(two_workers: tuple[Client, Client], world: World) -> None:
    from plans.documents import KINDS, Kind
    from plans.models import PlanDocument
    from plans.services import save_plan

    person = world.caseload_person
    save_plan(by=world.worker, person=person, kind=KINDS[Kind.CRISIS], content={"supporters": "My sister Jo"})
    document = PlanDocument.objects.get(person=person, kind=Kind.CRISIS.value)
    url = reverse("plans:edit", kwargs={"person_id": person.pk, "document_id": document.pk})
    first, second = two_workers
    first_token, second_token = opened(first, url), opened(second, url)
    assert first.post(url, _crisis(supporters="My sister Jo\nMy GP, 0121 496 0000", based_on=first_token)).status_code == 302
    response = second.post(url, _crisis(supporters="My sister Jo", not_involved="My ex-partner", based_on=second_token))
    page = response.content.decode()
    assert response.status_code == 200 and CONFLICT in page
    assert "My GP, 0121 496 0000" in page and "My ex-partner" in page
    document.refresh_from_db()
    assert document.current_version is not None and document.current_version.number == 2
    # The re-shown form holds the merge; saving it makes version 3 with both changes.
    second.post(url, _crisis(supporters="My sister Jo\nMy GP, 0121 496 0000", not_involved="My ex-partner", based_on=based_on(page)))
    document.refresh_from_db()
    assert document.current_version is not None and document.current_version.number == 3
    assert "My GP" in document.current_version.content["supporters"]
    assert document.current_version.content["not_involved"] == "My ex-partner"


def test_two_people_starting_a_new_crisis_plan_at_once_lose_nothing(two_workers: tuple[Client, Client], world: World) -> None:
    from plans.models import PlanDocument, PlanVersion

    person = world.caseload_person
    url = reverse("plans:start", kwargs={"person_id": person.pk, "kind": "crisis"})
    first, second = two_workers
    first_token, second_token = opened(first, url), opened(second, url)
    assert first.post(url, _crisis(supporters="Jo, my sister", based_on=first_token)).status_code == 302
    response = second.post(url, _crisis(supporters="Sam, my neighbour", based_on=second_token))
    page = response.content.decode()
    assert response.status_code == 200 and CONFLICT in page
    assert "Jo, my sister" in page and "Sam, my neighbour" in page, "both texts are shown, neither discarded"
    assert PlanVersion.objects.count() == 1
    second.post(url, _crisis(supporters="Jo, my sister\nSam, my neighbour", based_on=based_on(page)))
    document = PlanDocument.objects.get()
    assert document.current_version is not None and document.current_version.number == 2
    assert document.current_version.content["supporters"] == "Jo, my sister\nSam, my neighbour"


def test_a_member_editing_their_own_crisis_plan_sees_their_workers_change(client: Client, world: World) -> None:
    from plans.documents import KINDS, Kind
    from plans.models import PlanDocument
    from plans.services import save_plan

    save_plan(by=world.worker, person=world.member_person, kind=KINDS[Kind.CRISIS], content={"supporters": "Jo"})
    sign_in(client, world.member)
    url = reverse("portal:edit_document", kwargs={"kind": "crisis"})
    token = opened(client, url)
    save_plan(by=world.worker, person=world.member_person, kind=KINDS[Kind.CRISIS], content={"supporters": "Jo\nDr Patel"})
    response = client.post(url, _crisis(supporters="Jo", not_involved="My uncle", based_on=token))
    page = response.content.decode()
    assert response.status_code == 200 and CONFLICT in page and "Dr Patel" in page
    version = PlanDocument.objects.get(person=world.member_person).current_version
    assert version is not None and version.number == 2


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the race needs PostgreSQL's concurrent writers")
@pytest.mark.django_db(transaction=True)
def test_two_people_starting_a_crisis_plan_at_the_same_moment_get_no_500(world: World) -> None:
    import threading

    from django.db import connections

    from plans.models import PlanDocument, PlanVersion

    url = reverse("plans:start", kwargs={"person_id": world.caseload_person.pk, "kind": "crisis"})
    clients = [sign_in(Client(), world.worker), sign_in(Client(), world.manager)]
    tokens = [opened(each, url) for each in clients]
    start = threading.Barrier(2)
    results: list[tuple[int, str]] = []

    def send(index: int) -> None:
        try:
            start.wait()
            response = clients[index].post(url, _crisis(supporters=f"Supporter {index}", based_on=tokens[index]))
            results.append((response.status_code, response.content.decode()))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send, args=(index,)) for index in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(status for status, _ in results) == [200, 302], [status for status, _ in results]
    assert CONFLICT in next(page for status, page in results if status == 200)
    assert PlanDocument.objects.count() == 1 and PlanVersion.objects.count() == 1


EDIT_FORMS = sorted(name for name, why in OTHER_POSTS.items() if why == EDITS)


@pytest.mark.parametrize("name", EDIT_FORMS)
def test_every_edit_form_carries_the_version_it_was_opened_with(client: Client, world: World, name: str) -> None:
    """Every view declared as an edit (`create_forms.OTHER_POSTS`) renders `based_on`, and a save
    with a version someone else has since changed saves nothing. The URL's arguments and a role
    that may open it come from the permission matrix."""
    from star.tests.access_matrix import OK, VISITORS
    from star.tests.test_permission_matrix import EXPECTATIONS

    if name in EDITS_SHOWN_ELSEWHERE:
        role, shown, url, typed = EDITS_SHOWN_ELSEWHERE[name](world)
        sign_in(client, getattr(world, role))
    else:
        case = next(case for case in EXPECTATIONS[name] if any(case.outcomes[v] == OK for v in VISITORS))
        visitor = next(v for v in VISITORS if case.outcomes[v] == OK)
        sign_in(client, world.user_for(visitor))
        url = shown = reverse(name, kwargs=case.kwargs(world) or None)
        typed = {}
    page = client.get(shown).content.decode()
    assert 'name="based_on"' in page, f"{name}: the edit form does not carry the version it was opened with"
    # Send the form back unchanged, as if someone else had changed one answer after it was opened.
    data = {**_form_values(page), **typed}
    opened_with = signing.loads(data["based_on"], salt=conflicts._SALT)
    field, value = next(iter(opened_with.items()))
    other = [*value, "someone_else"] if isinstance(value, list) else (not value) if isinstance(value, bool) else "What someone else saved"
    data["based_on"] = conflicts.token_for({**opened_with, field: other})
    response = client.post(url, data)
    assert response.status_code == 200 and CONFLICT in response.content.decode(), f"{name}: a stale save was not stopped"


class _FormValues(HTMLParser):
    """What a browser would send for the first POST form that carries `based_on`."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[list[tuple[str, str]]] = []
        self._in_form = False
        self._textarea: str | None = None
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {key: value or "" for key, value in attrs}
        if tag == "form" and values.get("method", "").lower() == "post":
            self._in_form = True
            self.forms.append([])
        elif not self._in_form:
            return
        elif tag == "input" and "name" in values and values.get("type") not in ("submit", "button"):
            if values.get("type") not in ("checkbox", "radio") or "checked" in values:
                self.forms[-1].append((values["name"], values.get("value", "")))
        elif tag == "textarea":
            self._textarea = values.get("name")
            self.forms[-1].append((values.get("name", ""), ""))
        elif tag == "select":
            self._select = values.get("name")
        elif tag == "option" and self._select and "selected" in values:
            self.forms[-1].append((self._select, values.get("value", "")))

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            name, text = self.forms[-1][-1]
            self.forms[-1][-1] = (name, text + data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._in_form = False
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None


def _form_values(page: str) -> dict[str, Any]:
    parser = _FormValues()
    parser.feed(page)
    fields = next(fields for fields in parser.forms if any(name == "based_on" for name, _ in fields))
    data: dict[str, Any] = {}
    for name, value in fields:
        data.setdefault(name, []).append(value.removeprefix("\n"))
    return {name: values if len(values) > 1 else values[0] for name, values in data.items()}


def _opened_form(client: Client, url: str) -> dict[str, Any]:
    return _form_values(client.get(url).content.decode())


def test_a_stale_correction_of_a_detail_saves_nothing_and_keeps_what_was_typed(client: Client, world: World) -> None:
    from records.models import Amendment
    from records.tests.url_access import rectification

    # typed here until records/tests/url_access.py annotates it
    rectification_kwargs: Callable[[World], dict[str, Any]] = rectification
    kwargs = rectification_kwargs(world)
    person = world.stranger
    sign_in(client, world.manager)
    shown = reverse("records:rectification_detail", kwargs=kwargs) + "?field_name=phone"
    data = {**_opened_form(client, shown), "phone": "07700 900555", "amendment_reason": "Told us by letter"}
    # Meanwhile a colleague corrects the same phone number on the person's details page.
    type(person).objects.filter(pk=person.pk).update(phone="07700 900666")
    response = client.post(reverse("records:rectification_amend", kwargs=kwargs), data)
    page = response.content.decode()
    assert response.status_code == 200 and CONFLICT in page
    assert 'value="07700 900555"' in page and "Told us by letter" in page, "what they typed is in the form"
    assert "07700 900666" in page, "and what was saved since is shown beside it"
    person.refresh_from_db()
    assert person.phone == "07700 900666" and not Amendment.objects.exists()
    # Saving the form as it came back (their number, based on the new version) corrects it.
    again = _form_values(page)
    assert client.post(reverse("records:rectification_amend", kwargs=kwargs), again).status_code == 302
    person.refresh_from_db()
    assert person.phone == "07700 900555"


def test_two_managers_changing_a_volunteers_projects_lose_nothing(client: Client, world: World) -> None:
    from community.tests.factories import ProjectFactory
    from volunteers.tests.factories import VolunteerFactory

    volunteer = VolunteerFactory.create()
    walking, cooking = ProjectFactory.create(name="Walking group"), ProjectFactory.create(name="Cooking club")
    url = reverse("volunteers:projects_edit", kwargs={"volunteer_id": volunteer.pk})
    first, second = sign_in(client, world.manager), sign_in(Client(), world.manager)
    first_form, second_form = _opened_form(first, url), _opened_form(second, url)
    assert first.post(url, {**first_form, "projects": [str(walking.pk)]}).status_code == 302
    response = second.post(url, {**second_form, "projects": [str(cooking.pk)]})
    page = response.content.decode()
    assert response.status_code == 200 and CONFLICT in page and "Walking group" in page
    assert list(volunteer.projects.values_list("name", flat=True)) == ["Walking group"]
    merged = {**_form_values(page), "projects": [str(walking.pk), str(cooking.pk)]}
    assert second.post(url, merged).status_code == 302
    assert set(volunteer.projects.values_list("name", flat=True)) == {"Walking group", "Cooking club"}


def test_two_managers_matching_the_same_files_columns_are_caught(client: Client, world: World) -> None:
    from interop.legacy.models import ImportRun
    from interop.tests.legacy_factories import COLUMNS, make_run

    run = make_run(by=world.manager)
    url = reverse("interop:legacy_map", kwargs={"run_id": run.pk})
    first, second = sign_in(client, world.manager), sign_in(Client(), world.manager)
    first_form, second_form = _opened_form(first, url), _opened_form(second, url)
    matched = {**COLUMNS, "date_format": "day_first"}
    assert first.post(url, {**first_form, **matched}).status_code == 302
    response = second.post(url, {**second_form, **matched, "postcode": ""})
    page = response.content.decode()
    assert response.status_code == 200 and CONFLICT in page
    assert ImportRun.objects.get(pk=run.pk).columns.get("postcode") == "Post Code"
