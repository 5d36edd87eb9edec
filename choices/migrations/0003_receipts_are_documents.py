"""Receipts for personal-budget spending become documents on the person's record (documents:
checked by content, scanned for viruses, held until found clean, served only through a gate, in
subject access, destroyed with the record) (2 of 3: the data).

Each existing receipt keeps its file where it is (the same name in the same storage): a document
is made for it, held ("quarantined") until `manage.py scan_documents` (hourly in STAR_SCHEDULE)
checks it, after which it opens as before. Going back puts the file name and type back on the
spending and forgets the documents made here."""

import hashlib

from django.core.files.storage import Storage
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

TITLE = "Receipt: {description}"


def _size_and_digest(storage: Storage, name: str) -> tuple[int, str]:
    if not name or not storage.exists(name):
        return 0, ""
    digest, size = hashlib.sha256(), 0
    with storage.open(name, "rb") as stream:
        while chunk := stream.read(64 * 1024):
            digest.update(chunk)
            size += len(chunk)
    return size, digest.hexdigest()


def receipts_to_documents(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    Spend = apps.get_model("choices", "Spend")
    Document = apps.get_model("documents", "Document")
    storage = Spend._meta.get_field("receipt").storage
    for spend in Spend.objects.exclude(receipt="").select_related("budget").iterator():
        name = spend.receipt.name
        size, digest = _size_and_digest(storage, name)
        document = Document.objects.create(
            person_id=spend.budget.person_id,
            title=TITLE.format(description=spend.description)[:200],
            kind="receipt",
            file=name if digest else "",
            original_filename="",
            content_type=spend.receipt_content_type or "application/octet-stream",
            size=size,
            sha256=digest,
            scan_status="quarantined",
            uploaded_by_id=spend.recorded_by_id,
            uploaded_at=spend.recorded_at,
        )
        spend.receipt_document = document
        spend.save(update_fields=["receipt_document"])


def documents_to_receipts(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    Spend = apps.get_model("choices", "Spend")
    Document = apps.get_model("documents", "Document")
    for spend in Spend.objects.filter(receipt_document__isnull=False).select_related("receipt_document").iterator():
        document = spend.receipt_document
        spend.receipt = document.file.name if document.file else ""
        spend.receipt_content_type = document.content_type if document.file else ""
        spend.receipt_document = None
        spend.save(update_fields=["receipt", "receipt_content_type", "receipt_document"])
        Document.objects.filter(pk=document.pk).delete()


class Migration(migrations.Migration):
    dependencies = [("choices", "0002_receipt_document_field")]

    operations = [migrations.RunPython(receipts_to_documents, documents_to_receipts)]
