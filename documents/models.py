"""A document on a person's record: a letter from their GP, a signed consent form, a housing
letter, a photo of a paper plan. It belongs to the person, and may also be about one of their
1-to-1 episodes, referrals or safeguarding concerns (explicit nullable foreign keys, so the
database keeps them pointing at real rows of the same person's record, and records' walk of
foreign keys finds every document for subject access and destruction).

The file itself is kept through Django's storage API under a random name; the name it was
uploaded with is display text only. It is served only through `documents.access` once ClamAV has
found it clean (`scan_status`), never by the storage's own URL."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class DocumentKind(models.TextChoices):
    GP_LETTER = "gp_letter", "Letter from a GP"
    CONSENT_FORM = "consent_form", "Signed consent form"
    HOUSING_LETTER = "housing_letter", "Housing letter"
    PAPER_PLAN = "paper_plan", "Photo of a paper plan"
    OTHER = "other", "Something else"
    # Added from a personal budget's spending (choices), not from the upload form.
    RECEIPT = "receipt", "Receipt for personal budget spending"


class ScanStatus(models.TextChoices):
    PENDING = "pending", "Waiting for its virus check"
    CLEAN = "clean", "Checked for viruses"
    INFECTED = "infected", "A virus was found"
    QUARANTINED = "quarantined", "Held until it is checked for viruses"


class Document(models.Model):
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="documents")
    episode = models.ForeignKey("enablement.Episode", on_delete=models.PROTECT, null=True, blank=True, related_name="documents")
    referral = models.ForeignKey("referrals.Referral", on_delete=models.PROTECT, null=True, blank=True, related_name="documents")
    concern = models.ForeignKey(
        "safeguarding.SafeguardingConcern",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name="safeguarding concern",
    )
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=DocumentKind.choices)
    # Empty once the bytes are gone: a virus was found, or the document was removed.
    file = models.FileField(max_length=255, blank=True)
    original_filename = models.CharField("name of the file uploaded", max_length=255, blank=True)
    content_type = models.CharField("type of file", max_length=100)
    size = models.PositiveBigIntegerField("size in bytes")
    sha256 = models.CharField("SHA-256 checksum", max_length=64)
    scan_status = models.CharField("virus check", max_length=12, choices=ScanStatus.choices)
    scanned_at = models.DateTimeField("checked for viruses at", null=True, blank=True)
    # What ClamAV named (a signature such as "Eicar-Signature"), when it found something.
    scan_finding = models.CharField("what the virus check found", max_length=200, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)
    # Text taken from a PDF or text file once it is checked clean, for search (docs/documents.md).
    text = models.TextField("text in the document", blank=True)
    removed_at = models.DateTimeField(null=True, blank=True)
    removed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    removal_reason = models.TextField("why it was removed", blank=True)

    # The file is usually written by someone else (a GP, a housing officer): reviewed before a
    # subject access copy is released (records.subject_access).
    third_party_fields = ("file",)

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        indexes = [
            models.Index(fields=["person", "uploaded_at"], name="document_person_uploaded"),
            models.Index(fields=["scan_status"], name="document_scan_status"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(episode__isnull=True, referral__isnull=True)
                    | models.Q(episode__isnull=True, concern__isnull=True)
                    | models.Q(referral__isnull=True, concern__isnull=True)
                ),
                name="document_about_at_most_one_record",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_removed(self) -> bool:
        return self.removed_at is not None

    @property
    def can_be_opened(self) -> bool:
        """Only a file ClamAV has checked and found clean is ever served."""
        return self.scan_status == ScanStatus.CLEAN and bool(self.file) and not self.is_removed

    @property
    def size_text(self) -> str:
        if self.size < 1024 * 1024:
            return f"{max(1, round(self.size / 1024))} KB"
        return f"{self.size / (1024 * 1024):.1f} MB"

    @property
    def type_name(self) -> str:
        from documents.sniffing import NAMES

        return NAMES.get(self.content_type, "File")

    @property
    def about(self) -> models.Model | None:
        return self.episode or self.referral or self.concern

    @property
    def unsafe_file_reason(self) -> str:
        """Why the file may not be given out (records.subject_access leaves it out and says so)."""
        if self.is_removed:
            return "The document was removed"
        if self.scan_status == ScanStatus.INFECTED:
            return "A virus was found in the file, so it was not kept"
        if self.scan_status != ScanStatus.CLEAN:
            return "The file has not been checked for viruses yet"
        return ""
