"""A saved column mapping, one import run (the uploaded file and what became of it), and the
links from an old system's own ids to what they became, so a re-import adds nothing twice."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class ImportKind(models.TextChoices):
    PEOPLE = "people", "People"
    REFERRALS = "referrals", "Referrals"
    CONTACTS = "contacts", "Contacts with workers"
    ATTENDANCES = "attendances", "Attendance at groups and drop-ins"


class DateFormat(models.TextChoices):
    """How the file writes dates: 03/04/1985 is 3 April day first and 4 March month first."""

    UNSTATED = "", "Not stated: a date that could be read either way is listed as a problem"
    DAY_FIRST = "day_first", "Day first, like 27/03/1990 (UK)"
    MONTH_FIRST = "month_first", "Month first, like 03/27/1990 (US)"
    ISO = "iso", "Year first, like 1990-03-27 (ISO)"


class Delimiter(models.TextChoices):
    DETECT = "", "Find it from the file"
    COMMA = ",", "Comma"
    SEMICOLON = ";", "Semicolon"
    TAB = "\t", "Tab"
    PIPE = "|", "Pipe ( | )"


class ImportMapping(models.Model):
    """Which column of the old system's file fills which STaR field; saved by name per kind of file."""

    name = models.CharField(max_length=100)
    kind = models.CharField(max_length=20, choices=ImportKind.choices, default=ImportKind.PEOPLE)
    columns = models.JSONField(default=dict)  # STaR field -> column heading in the file
    date_format = models.CharField(max_length=12, choices=DateFormat.choices, blank=True, default="")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["kind", "name"]
        constraints = [models.UniqueConstraint(fields=["kind", "name"], name="import_mapping_unique_name_per_kind")]

    def __str__(self) -> str:
        return self.name


class ImportRun(models.Model):
    class Status(models.TextChoices):
        UPLOADED = "uploaded", "Uploaded"
        IMPORTING = "importing", "Importing"
        DONE = "done", "Imported"
        FAILED = "failed", "Nothing imported"

    kind = models.CharField(max_length=20, choices=ImportKind.choices, default=ImportKind.PEOPLE)
    source_system = models.CharField(max_length=100)
    file_name = models.CharField(max_length=255)
    content = models.BinaryField()
    columns = models.JSONField(default=dict)
    date_format = models.CharField(max_length=12, choices=DateFormat.choices, blank=True, default="")
    delimiter = models.CharField(max_length=1, choices=Delimiter.choices, blank=True, default="")
    # "Import the rows that are right": rows with problems are left out (and can be downloaded).
    partial = models.BooleanField(default=False)
    # When the uploaded file was removed because a person in it had their record destroyed.
    purged_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.UPLOADED)
    total_rows = models.PositiveIntegerField(default=0)
    rows_done = models.PositiveIntegerField(default=0)
    created_count = models.PositiveIntegerField(default=0)
    already_there_count = models.PositiveIntegerField(default=0)
    problems = models.JSONField(default=list)  # [{"row": 2, "column": "NHS number", "message": "..."}]
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-uploaded_at", "-id"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"


class LegacyRecord(models.Model):
    """The old system's id for a person we imported (or matched to someone already in STaR)."""

    source_system = models.CharField(max_length=100)
    legacy_id = models.CharField(max_length=100)
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="legacy_records")
    import_run = models.ForeignKey(ImportRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["source_system", "legacy_id"], name="legacy_record_unique_id")]

    def __str__(self) -> str:
        return f"{self.source_system}:{self.legacy_id}"


class LegacyKey(models.Model):
    """The old system's id of a referral or contact we brought in, so the same row is never added
    twice. `object_type` and `object_id` say what it became (for example enablement.contact 12)."""

    source_system = models.CharField(max_length=100)
    kind = models.CharField(max_length=20, choices=ImportKind.choices)
    legacy_id = models.CharField(max_length=100)
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="legacy_keys")
    object_type = models.CharField(max_length=60)
    object_id = models.CharField(max_length=40)
    import_run = models.ForeignKey(ImportRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["source_system", "kind", "legacy_id"], name="legacy_key_unique_id_per_kind")]

    def __str__(self) -> str:
        return f"{self.source_system}:{self.kind}:{self.legacy_id}"


class HistoricalContact(models.Model):
    """A contact recorded in the old system on a date no STaR episode of the person's covers.

    STaR's contacts belong to a 1-to-1 episode with a worker who has an account; making up an
    episode or a worker for old contacts would be untrue, so they are kept as the old system had
    them (the worker's name as text) and shown on the person's timeline."""

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="historical_contacts")
    source_system = models.CharField(max_length=100)
    contact_date = models.DateField()
    start_time = models.TimeField()
    minutes = models.PositiveSmallIntegerField()
    mode = models.CharField(max_length=20)  # enablement.Contact.Mode values
    outcome = models.CharField(max_length=25)  # enablement.Contact.Outcome values
    worker_name = models.CharField(max_length=200, blank=True)
    notes = models.TextField(blank=True)
    import_run = models.ForeignKey(ImportRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    imported_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-contact_date", "-start_time", "-id"]
        indexes = [models.Index(fields=["person", "contact_date"], name="historical_contact_person")]

    def __str__(self) -> str:
        return f"Historical contact {self.pk} on {self.contact_date}"
