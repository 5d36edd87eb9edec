"""Receipts kept by choices' own file field before they became documents: the migration makes a
document for each, keeping the same file, held until the virus check finds it clean, after which
it opens as before; going back restores the file field."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.state import StateApps
from django.utils import timezone

from documents.tests.samples import pdf_bytes

BEFORE = [("choices", "0001_personal_budgets_and_work")]
AFTER = [("choices", "0004_receipt_file_field_goes")]


def _migrate(targets: list[tuple[str, str]]) -> StateApps:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_an_old_receipt_becomes_a_held_document_with_the_same_file_and_back() -> None:
    old = _migrate(BEFORE)
    ticket = pdf_bytes("Old bus ticket")
    name = default_storage.save("budget-receipts/2026/11/old-receipt.pdf", ContentFile(ticket))
    user = old.get_model("accounts", "User").objects.create(username="worker-old-receipt", role="str_worker")
    person = old.get_model("people", "Person").objects.create(given_name="Ola", family_name="Nwosu")
    budget = old.get_model("choices", "PersonalBudget").objects.create(
        person=person, conversation_on=timezone.localdate(), opened_by=user, status="in_place"
    )
    Spend = old.get_model("choices", "Spend")
    kw = {"budget": budget, "category": "travel", "spent_on": timezone.localdate(), "amount_pence": 500, "recorded_by": user}
    with_receipt = Spend.objects.create(**kw, description="Bus", receipt=name, receipt_content_type="application/pdf")
    without = Spend.objects.create(**kw, description="Walk")

    new = _migrate(AFTER)
    spend = new.get_model("choices", "Spend").objects.select_related("receipt").get(pk=with_receipt.pk)
    document = spend.receipt
    assert document.file.name == name and document.person_id == person.pk and document.kind == "receipt"
    assert document.scan_status == "quarantined" and document.content_type == "application/pdf"
    assert document.size == len(ticket) and len(document.sha256) == 64
    assert new.get_model("choices", "Spend").objects.get(pk=without.pk).receipt_id is None

    from documents.clamd import Scanner
    from documents.models import Document
    from documents.services import scan_held_documents
    from documents.tests.fake_clamd import fake_clamd

    with fake_clamd() as server:
        assert scan_held_documents(scanner=Scanner(socket_path=server.path)).clean == 1
    assert Document.objects.get(pk=document.pk).can_be_opened

    back = _migrate(BEFORE)
    restored = back.get_model("choices", "Spend").objects.get(pk=with_receipt.pk)
    assert restored.receipt.name == name and restored.receipt_content_type == "application/pdf"
    assert not Document.objects.filter(pk=document.pk).exists()
    _migrate(AFTER)
    default_storage.delete(name)
