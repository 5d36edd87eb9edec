"""After a person's record is destroyed nothing of theirs is left anywhere in the database (every
model, found with apps.get_models(), every stored import file and cached preview) but the stub and
the audit trail's random ids; free text on other rows that names them is redacted; and their old
data cannot come back in through an import, while registering them again asks a person to decide."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from django.apps import apps
from django.core.cache import cache
from django.db import connection, models
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook  # type: ignore[import-untyped]

from conftest import World
from interop.legacy import services
from interop.legacy.models import DateFormat, ImportRun
from interop.tests.legacy_factories import COLUMNS, HEADINGS, csv_bytes, make_run
from involvement.models import InvolvementActivity, InvolvementPayment
from people.destroyed import DESTROYED_MESSAGE, Identifiers, is_destroyed
from people.models import DestroyedIdentity, Person
from people.tests.factories import PersonFactory
from records import retention
from records.models import DestructionRecord, RetentionReview
from records.tests.every_model import RowMaker
from records.tests.test_retention import TODAY, years_ago

NHS = "999 004 3213"
THEIR_ROW = ["DC1", "Zebedee", "Quaxley", "27/03/1960", NHS, "B1 1AA"]
SOMEONE_ELSE = ["DC2", "Ann", "Other", "01/01/1970", "", "B2 2BB"]
# Where the person's random id may stay: the stub, and the audit trail (ids, never values).
ALLOWED = {("audit.AuditEvent", "person_id"), ("audit.AuditEvent", "object_id"), ("records.DestructionRecord", "reference")}


def _xlsx(rows: list[list[str]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in [HEADINGS, *rows]:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _text(value: Any) -> str:
    if isinstance(value, bytes | memoryview):
        return bytes(value).decode("latin-1")
    return str(value)


def leftovers(markers: list[str]) -> set[tuple[str, str]]:
    """Every (model, field) in the whole database holding any of the markers (case and spaces ignored)."""
    wanted = [re.sub(r"\s", "", marker).casefold() for marker in markers]
    found = set()
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        fields = list(model._meta.concrete_fields)
        for row in models.QuerySet(model=model).values_list(*[field.attname for field in fields]):
            for field, value in zip(fields, row, strict=True):
                if value is None:
                    continue
                text = re.sub(r"\s", "", _text(value)).casefold()
                if any(marker in text for marker in wanted):
                    found.add((model._meta.label, field.attname))
    return found


@pytest.fixture
def destroyed(world: World, django_capture_on_commit_callbacks: Any) -> dict[str, Any]:
    """Zebedee Quaxley, brought in from the old system, with a row in every person-linked model,
    named in other people's free text and in uploaded files, then destroyed."""
    imported = services.import_file(by=world.manager, run=make_run(by=world.manager, rows=[THEIR_ROW, SOMEONE_ELSE], columns=True))
    assert imported.status == ImportRun.Status.DONE
    person = Person.objects.get(family_name="Quaxley")
    Person.objects.filter(pk=person.pk).update(
        email="zebedee.q@example.org", phone="07700 900123", preferred_name="Zeb", date_of_death=years_ago(11)
    )
    person.refresh_from_db()
    maker = RowMaker(person, world.manager, text="Zebedee Quaxley told us about an overdose")
    maker.every_linked_model()
    neighbour = PersonFactory.create(given_name="Neil", family_name="Bower")
    RowMaker(neighbour, world.manager, text="Met ZEBEDEE QUAXLEY at the group", share_with=maker).every_linked_model()
    activity = maker.row(InvolvementActivity)
    assert isinstance(activity, InvolvementActivity)
    unlinked = InvolvementPayment.objects.create(
        activity=activity, person=None, paid_to="Zeb Quaxley", amount=25, method="cash", paid_on=TODAY, recorded_by=world.manager
    )
    namesake_payment = InvolvementPayment.objects.create(
        activity=activity,
        person=PersonFactory.create(given_name="Zebedee", family_name="Quaxley", nhs_number=""),
        paid_to="Zebedee Quaxley",
        amount=25,
        method="cash",
        paid_on=TODAY,
        recorded_by=world.manager,
    )
    never_mapped = services.upload_file(by=world.manager, file_name="later.csv", content=csv_bytes([THEIR_ROW]), source_system="Other")
    spreadsheet = services.upload_file(
        by=world.manager, file_name="people.xlsx", content=_xlsx([SOMEONE_ELSE, THEIR_ROW]), source_system="Sheet"
    )
    previewed = make_run(by=world.manager, rows=[SOMEONE_ELSE, THEIR_ROW], columns=True, source_system="Preview")
    services.preview_of(by=world.manager, run=previewed)
    assert cache.get(services.preview_key(previewed)) is not None
    untouched = make_run(by=world.manager, rows=[SOMEONE_ELSE], columns=True, source_system="Untouched")

    retention.run_retention_review(today=TODAY)
    stub = retention.destroy(by=world.admin, review=RetentionReview.objects.get(person=person))
    connection.check_constraints()
    return {
        "person": person,
        "stub": stub,
        "runs": [imported, never_mapped, spreadsheet, previewed],
        "untouched": untouched,
        "unlinked": unlinked,
        "namesake_payment": namesake_payment,
    }


def test_nothing_of_theirs_is_left_but_the_stub_and_audit_ids(destroyed: dict[str, Any]) -> None:
    person = destroyed["person"]
    # The namesake keeps their own payment and name: they are someone else.
    namesake = destroyed["namesake_payment"]
    namesake.refresh_from_db()
    assert namesake.paid_to == "Zebedee Quaxley"
    InvolvementPayment.objects.filter(pk=namesake.pk).delete()
    Person.objects.filter(pk=namesake.person_id).delete()

    assert leftovers(["Quaxley", NHS, "zebedee.q@example.org", "07700 900123"]) == set()
    assert leftovers([str(person.pk), person.pk.hex]) <= ALLOWED
    for run in destroyed["runs"]:
        run.refresh_from_db()
        assert bytes(run.content) == b"" and run.purged_at is not None, run.file_name
        assert cache.get(services.preview_key(run)) is None
    untouched = destroyed["untouched"]
    untouched.refresh_from_db()
    assert bytes(untouched.content) and untouched.purged_at is None


def test_free_text_naming_them_on_other_rows_is_redacted_and_counted(destroyed: dict[str, Any]) -> None:
    unlinked = destroyed["unlinked"]
    unlinked.refresh_from_db()
    assert unlinked.paid_to == "[name removed]"
    counts = destroyed["stub"].counts
    assert counts["involvement.InvolvementPayment.paid_to (name removed)"] == 1
    assert counts["interop.ImportRun (file removed)"] == 4
    assert any(label.startswith("enablement.Contact.") and "(name removed)" in label for label in counts)


def test_a_purged_run_says_why_its_file_went(destroyed: dict[str, Any], world: World, client: Client) -> None:
    from conftest import sign_in

    sign_in(client, world.manager)
    run = destroyed["runs"][0]
    page = client.get(reverse("interop:legacy_result", kwargs={"run_id": run.pk})).content.decode()
    assert "had their record destroyed" in page and "Quaxley" not in page
    preview = client.get(reverse("interop:legacy_preview", kwargs={"run_id": run.pk}), follow=True).content.decode()
    assert "Quaxley" not in preview and "Upload the file again" in preview


def test_only_keyed_hashes_of_their_identifiers_are_kept(destroyed: dict[str, Any]) -> None:
    kept = DestroyedIdentity.objects.filter(destruction_id=destroyed["stub"].pk)
    assert {identity.kind for identity in kept} == {"nhs_number", "name_and_birth", "legacy_id"}
    assert all(re.fullmatch(r"[0-9a-f]{64}", identity.digest) for identity in kept)
    person = destroyed["person"]
    assert is_destroyed(Identifiers(nhs_number=NHS.replace(" ", "")))
    assert is_destroyed(Identifiers(given_name="ZEBEDÉE", family_name="quaxley", date_of_birth=person.date_of_birth))
    assert is_destroyed(Identifiers(given_name="Zeb", family_name="Quaxley", date_of_birth=person.date_of_birth))
    assert is_destroyed(Identifiers(legacy_ids=(("Day centre", "DC1"),)))
    assert not is_destroyed(Identifiers(given_name="Ann", family_name="Other", date_of_birth=person.date_of_birth))


def test_their_old_data_cannot_be_imported_again(destroyed: dict[str, Any], world: World) -> None:
    again = make_run(by=world.manager, rows=[THEIR_ROW, SOMEONE_ELSE], columns=True, source_system="Another copy")
    preview = services.preview_of(by=world.manager, run=again)
    assert [problem for problem in preview.problems if problem["message"] == DESTROYED_MESSAGE] == [
        {"row": 2, "column": "Whole row", "message": DESTROYED_MESSAGE}
    ]
    assert "Quaxley" not in DESTROYED_MESSAGE
    assert services.import_file(by=world.manager, run=again).status == ImportRun.Status.FAILED
    by_old_id = make_run(by=world.manager, rows=[["DC1", "Zed", "Else", "02/02/1961", "", "B1 1AA"]], columns=True)
    assert services.import_file(by=world.manager, run=by_old_id).status == ImportRun.Status.FAILED
    assert not Person.objects.filter(nhs_number=NHS.replace(" ", "")).exists()
    assert not Person.objects.filter(family_name="Else").exists()


def test_registering_them_again_asks_the_person_registering_to_confirm(destroyed: dict[str, Any], as_worker: Client) -> None:
    data = {
        "given_name": "Zebedee",
        "family_name": "Quaxley",
        "date_of_birth_day": "27",
        "date_of_birth_month": "3",
        "date_of_birth_year": "1960",
        "nhs_number_status": "07",
    }
    page = as_worker.post(reverse("people:new"), data).content.decode()
    assert "An earlier record was destroyed" in page and NHS not in page
    assert Person.objects.filter(family_name="Quaxley").count() == 1  # only the namesake
    response = as_worker.post(reverse("people:new"), data | {"returning": "yes"})
    assert response.status_code == 302
    assert Person.objects.filter(family_name="Quaxley").count() == 2  # the namesake, and them again


def test_destroying_needs_no_import_files_and_leaves_other_runs(world: World) -> None:
    person = PersonFactory.create(date_of_death=years_ago(11))
    retention.run_retention_review(today=TODAY)
    stub = retention.destroy(by=world.admin, review=RetentionReview.objects.get(person=person))
    assert isinstance(stub, DestructionRecord) and "interop.ImportRun (file removed)" not in stub.counts
    assert DateFormat.DAY_FIRST  # the people file format used above
    assert COLUMNS["family_name"] == "Surname"


def test_a_referral_that_registers_them_again_goes_ahead_with_an_alert(destroyed: dict[str, Any], world: World) -> None:
    import uuid

    from people.destroyed import RETURNING_ALERT
    from people.models import Alert
    from referrals import services as referral_services
    from referrals.models import Referral

    def referral() -> Referral:
        return Referral(source=Referral.Source.GP, consent_given=True, reason_in_referrers_words="Low mood")

    again = Person(given_name="Zebedee", family_name="Quaxley", date_of_birth=destroyed["person"].date_of_birth)
    made = referral_services.record_referral(by=world.worker, referral=referral(), new_person=again)
    assert Alert.objects.filter(person=made.person, summary=RETURNING_ALERT).count() == 1
    self_referred = Person(given_name="Zeb", family_name="Quaxley", date_of_birth=destroyed["person"].date_of_birth)
    referral_services.receive_self_referral(token=uuid.uuid4(), person=self_referred, referral=referral(), fingerprint="x")
    assert Alert.objects.filter(person=self_referred, summary=RETURNING_ALERT, raised_by=None).count() == 1
    someone_new = Person(given_name="Ann", family_name="Newcomer", date_of_birth=destroyed["person"].date_of_birth)
    made = referral_services.record_referral(by=world.worker, referral=referral(), new_person=someone_new)
    assert not Alert.objects.filter(person=made.person).exists()


def test_the_stub_counts_read_in_plain_words() -> None:
    from records.models.retention import kind_of_record

    assert kind_of_record("involvement.InvolvementPayment.paid_to (name removed)") == "Involvement payments: Paid to (name removed)"
    assert kind_of_record("interop.ImportRun (file removed)") == "Import runs (file removed)"
    assert kind_of_record("enablement.Contact") == "Contacts"
