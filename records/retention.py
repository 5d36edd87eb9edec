"""The retention schedule: find people whose records have reached the end of their retention
period, record the administrator's decision, and destroy records with a stub kept.

Mental health records are kept for `STAR_RETENTION_YEARS_AFTER_LAST_CONTACT` years after the
last contact, or `STAR_RETENTION_YEARS_AFTER_DEATH` years after death if that comes sooner
(Records Management Code of Practice 2021/2023). The clock restarts when a record comes back into
use, so the last contact is recomputed every night and again just before anything is destroyed.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.files.storage import Storage
from django.db import connection, models, transaction
from django.db.models import DateField, F, Max, OuterRef, Q, Subquery
from django.db.models.functions import Cast, Coalesce, Greatest
from django.utils import timezone

from audit.services import Action, record_event
from core.status import BrokenRule
from people import destroyed
from people.models import Person
from people.signals import destroying_person
from records.models import DestructionRecord, RetentionReview, add_months
from records.person_links import person_links

if TYPE_CHECKING:
    from accounts.models import User

# Where contact with a person is recorded: (app, model, lookup to the person, date lookup).
# A new kind of contact is added here.
ACTIVITY_SOURCES: tuple[tuple[str, str, str, str], ...] = (
    ("enablement", "Contact", "person", "contact_date"),
    ("enablement", "Episode", "person", "started_on"),
    ("enablement", "Episode", "person", "ended_on"),
    ("appointments", "Appointment", "person", "starts_at"),
    ("referrals", "Referral", "person", "received_at"),
    ("community", "Attendance", "person", "session__starts_at"),
    ("outcomes", "Measurement", "person", "measured_on"),
    ("safeguarding", "SafeguardingConcern", "person", "raised_at"),
    ("safeguarding", "RiskAssessment", "person", "assessed_at"),
    ("involvement", "Feedback", "person", "received_at"),
    ("documents", "Document", "person", "uploaded_at"),
)
logger = logging.getLogger(__name__)
CHUNK = 500  # rows per DELETE … WHERE id IN (…): within every database's parameter limit


class RetentionError(BrokenRule):
    """The decision cannot be made as asked."""


@dataclass(frozen=True)
class Due:
    person_id: Any
    last_activity_on: date
    date_of_death: date | None
    retain_until: date
    rule: str


def _as_date(expression: Any) -> Cast:
    return Cast(expression, output_field=DateField())


def with_last_activity(people: models.QuerySet[Person]) -> models.QuerySet[Person]:
    """Annotate `last_activity_on`: the latest of every kind of contact, and the record's own last
    change. One correlated subquery per source, all in the same statement."""
    own = _as_date(F("updated_at"))
    latest = []
    for app_label, model_name, person_lookup, date_lookup in ACTIVITY_SOURCES:
        model = apps.get_model(app_label, model_name)
        newest = (
            model._default_manager.filter(**{person_lookup: OuterRef("pk")})
            .order_by()
            .values(person_lookup)
            .annotate(newest=Max(date_lookup))
            .values("newest")
        )
        # Coalesce: SQLite's MAX() is NULL if any argument is (PostgreSQL's GREATEST skips NULLs).
        latest.append(Coalesce(_as_date(Subquery(newest)), own))
    return people.annotate(last_activity_on=Greatest(own, *latest, output_field=DateField()))


def _years_after(day: date, years: int) -> date:
    return add_months(day, 12 * years)


def _due(person_id: Any, last_activity_on: date, date_of_death: date | None) -> Due:
    after_contact = _years_after(last_activity_on, settings.STAR_RETENTION_YEARS_AFTER_LAST_CONTACT)
    if date_of_death is not None:
        after_death = _years_after(date_of_death, settings.STAR_RETENTION_YEARS_AFTER_DEATH)
        if after_death < after_contact:
            return Due(person_id, last_activity_on, date_of_death, after_death, RetentionReview.Rule.AFTER_DEATH)
    return Due(person_id, last_activity_on, date_of_death, after_contact, RetentionReview.Rule.AFTER_LAST_CONTACT)


def due_for_review(*, today: date | None = None, people: models.QuerySet[Person] | None = None) -> list[Due]:
    """Everyone whose retention period has ended, found with ONE aggregate query."""
    today = today or timezone.localdate()
    contact_cutoff = _years_after(today, -settings.STAR_RETENTION_YEARS_AFTER_LAST_CONTACT)
    death_cutoff = _years_after(today, -settings.STAR_RETENTION_YEARS_AFTER_DEATH)
    candidates = (people if people is not None else Person.objects.all()).filter(
        # Cheap first: the last activity is never before the record's own last change, so anyone
        # changed within the period (and not dead long enough) is skipped before any subquery runs.
        Q(updated_at__date__lte=contact_cutoff) | Q(date_of_death__lte=death_cutoff)
    )
    rows = (
        with_last_activity(candidates)
        .filter(Q(last_activity_on__lte=contact_cutoff) | Q(date_of_death__lte=death_cutoff))  # type: ignore[misc]
        .order_by()
        .values_list("pk", "last_activity_on", "date_of_death")
    )
    return [_due(pk, last, died) for pk, last, died in rows]


@dataclass(frozen=True)
class ReviewRun:
    found: int
    added: int
    back_for_review: int
    back_in_use: int


@transaction.atomic
def run_retention_review(*, today: date | None = None) -> ReviewRun:
    """The nightly job: add newly due people to the review list, bring back kept records whose
    review date has come, and drop anyone whose record came back into use."""
    today = today or timezone.localdate()
    due = {item.person_id: item for item in due_for_review(today=today)}
    reviews = {review.person_id: review for review in RetentionReview.objects.all()}
    added = [
        RetentionReview(
            person_id=item.person_id,
            rule=item.rule,
            last_activity_on=item.last_activity_on,
            retain_until=item.retain_until,
            found_on=today,
        )
        for person_id, item in due.items()
        if person_id not in reviews
    ]
    RetentionReview.objects.bulk_create(added, batch_size=CHUNK)
    changed = []
    for person_id, review in reviews.items():
        item = due.get(person_id)
        if item is None:
            continue
        came_back = review.status == RetentionReview.Status.KEPT and review.review_on is not None and review.review_on <= today
        if came_back or (review.last_activity_on, review.retain_until) != (item.last_activity_on, item.retain_until):
            review.status = RetentionReview.Status.DUE if came_back else review.status
            review.rule, review.last_activity_on, review.retain_until = item.rule, item.last_activity_on, item.retain_until
            changed.append(review)
    RetentionReview.objects.bulk_update(changed, ["status", "rule", "last_activity_on", "retain_until"], batch_size=CHUNK)
    back_for_review = sum(1 for review in changed if review.status == RetentionReview.Status.DUE and review.review_on)
    in_use = [pk for person_id, pk in ((p, r.pk) for p, r in reviews.items()) if person_id not in due]
    RetentionReview.objects.filter(pk__in=in_use).delete()
    return ReviewRun(found=len(due), added=len(added), back_for_review=back_for_review, back_in_use=len(in_use))


def review_queue() -> models.QuerySet[RetentionReview]:
    """What the administrator has to decide on: due now, oldest retention end first."""
    return RetentionReview.objects.filter(status=RetentionReview.Status.DUE).select_related("person").order_by("retain_until", "id")


def record_counts(person: Person) -> dict[str, int]:
    """How many records of each type the person has (one count per person-linked model)."""
    counts = {}
    for link in person_links():
        found = link.model._default_manager.filter(link.filter_for(person.pk)).distinct().count()
        if found:
            counts[link.label] = found
    return counts


@transaction.atomic
def keep(*, by: User, review: RetentionReview, reason: str, review_on: date) -> RetentionReview:
    if review_on <= timezone.localdate():
        raise RetentionError("The date to review it again must be in the future.")
    review.status = RetentionReview.Status.KEPT
    review.keep_reason = reason
    review.review_on = review_on
    review.decided_by = by
    review.decided_at = timezone.now()
    review.save(update_fields=["status", "keep_reason", "review_on", "decided_by", "decided_at"])
    record_event(
        user=by,
        action=Action.UPDATE,
        person_id=review.person_id,
        obj=review,
        detail={"retention": "kept", "review_on": review_on.isoformat()},
    )
    return review


def _plain(model: type[models.Model]) -> models.QuerySet[Any]:
    # A plain queryset: append-only history refuses `delete()` on its own manager, and the
    # retention schedule is the one sanctioned way its rows go.
    return models.QuerySet(model=model, using=connection.alias)


@transaction.atomic
def destroy(*, by: User, review: RetentionReview) -> DestructionRecord:
    """Delete every record about the person, in every app, in one transaction, and keep a stub.

    Row ids are gathered for every model first, then deleted model by model with bulk DELETEs
    (`_raw_delete`: no per-row signals, no PROTECT checks). PROTECT guards against deleting a
    person while their records remain; here they all go together, and the database's foreign
    keys (checked at commit) prove nothing is left pointing at a deleted row. The audit trail is
    kept: it names the person only by their random identifier, which the stub records.
    """
    person = Person.objects.select_for_update().get(pk=review.person_id)
    still_due = due_for_review(people=Person.objects.filter(pk=person.pk))
    if not still_due:
        raise RetentionError("This record has come back into use since it was found, so it is no longer due. Nothing was destroyed.")
    due = still_due[0]
    if review.status != RetentionReview.Status.DUE:
        raise RetentionError("This record was kept. It comes back for review on its review date.")
    identifiers = destroyed.identifiers_of(person)
    counts: dict[str, int] = {}
    # What other apps keep outside person-linked rows (uploaded import files, cached previews).
    # Each receiver's reply, whatever it returned (django-stubs types Signal.send's replies as str | None).
    replies: Sequence[tuple[object, object]] = destroying_person.send(sender=Person, person=person, identifiers=identifiers)
    for _receiver, found in replies:
        if isinstance(found, dict):
            counts |= found
    ids = {
        link.model: list(_plain(link.model).filter(link.filter_for(person.pk)).values_list("pk", flat=True).distinct())
        for link in person_links()
    }
    files = _stored_files(ids)
    for model, pks in ids.items():
        deleted = 0
        for start in range(0, len(pks), CHUNK):
            deleted += _plain(model).filter(pk__in=pks[start : start + CHUNK])._raw_delete(connection.alias)
        if deleted:
            counts[model._meta.label] = deleted
    if files:
        # Deleted only once the destruction is committed: a rollback leaves every file in place.
        counts["Stored files (deleted)"] = len(files)
        transaction.on_commit(lambda: _delete_files(files))
    counts |= redact_names(person)  # their own rows are gone; what is left is about others
    if person.user_id is not None:
        # The member's sign-in: accounts are never deleted (the audit trail names them), so it is
        # closed and stripped of the person's details instead.
        user_model = apps.get_model(settings.AUTH_USER_MODEL)
        user_model._default_manager.filter(pk=person.user_id).update(
            is_active=False, first_name="", last_name="", email="", username=f"destroyed-{person.user_id}", password=make_password(None)
        )
        counts["accounts.User (closed)"] = 1
    stub = DestructionRecord.objects.create(
        reference=str(person.pk),
        rule=due.rule,
        last_activity_on=due.last_activity_on,
        retain_until=due.retain_until,
        authorised_by=by,
        counts=counts,
    )
    destroyed.remember(identifiers=identifiers, destruction_id=stub.pk)
    record_event(
        user=by,
        action=Action.UPDATE,
        person_id=person.pk,
        obj=stub,
        detail={"retention": "destroyed", "records": sum(counts.values())},
    )
    return stub


def _stored_files(ids: dict[type[models.Model], list[Any]]) -> list[tuple[Storage, str]]:
    """Every file the person's rows keep in storage (documents, receipts): found from each
    model's file fields, so a new model with a file is covered. One query per such model."""
    found: list[tuple[Storage, str]] = []
    for model, pks in ids.items():
        for field in model._meta.concrete_fields:
            if not isinstance(field, models.FileField) or not pks:
                continue
            for start in range(0, len(pks), CHUNK):
                names = _plain(model).filter(pk__in=pks[start : start + CHUNK]).exclude(**{field.attname: ""})
                found.extend((field.storage, name) for name in names.values_list(field.attname, flat=True) if name)
    return found


def _delete_files(files: list[tuple[Storage, str]]) -> None:
    for storage, name in files:
        try:
            storage.delete(name)
        except Exception:
            # The rows are gone; a file left behind is found by its name in the storage's logs.
            logger.exception("After a destruction, a stored file could not be deleted: %s", name)


NAME_REMOVED = "[name removed]"
# Free text that may name the person on rows that are not theirs: every text field of every model
# (found with apps.get_models(), so a new model is covered), except these.
NOT_REDACTED = {"audit", "sessions", "admin", "contenttypes", "auth"}


def _full_names(person: Person) -> list[str]:
    names = {f"{person.given_name} {person.family_name}".strip()}
    if person.preferred_name:
        names.add(f"{person.preferred_name} {person.family_name}".strip())
    return sorted((name for name in names if " " in name), key=len, reverse=True)


def redact_names(person: Person) -> dict[str, int]:
    """Replace the person's full name (first or preferred name with last name, any case) in the
    free text of rows that are not theirs and so are not destroyed: an involvement payment
    "paid to" them with no link, a feedback form signed by them, another person's contact whose
    "who was there" or notes name them. Their own rows go anyway. A row linked to someone else
    of the same name is left alone. One query per text field, then one update per row found."""
    names = _full_names(person)
    if not names:
        return {}
    pattern = re.compile("|".join(re.escape(name) for name in names), re.IGNORECASE)
    person_model = apps.get_model("people", "Person")
    counts: dict[str, int] = {}
    for model in apps.get_models():
        if model._meta.app_label in NOT_REDACTED or model is person_model or model._meta.proxy:
            continue
        owner = next(
            (f for f in model._meta.concrete_fields if f.is_relation and f.related_model is person_model and f.name == "person"), None
        )
        for field in model._meta.concrete_fields:
            if not isinstance(field, models.CharField | models.TextField) or field.choices or (field.max_length or 1000) < 20:
                continue
            query = Q()
            for name in names:
                query |= Q(**{f"{field.name}__icontains": name})
            found = _plain(model).filter(query)
            if owner is not None:  # someone else of the same name keeps their own rows as they are
                found = found.exclude(person__given_name__iexact=person.given_name, person__family_name__iexact=person.family_name)
            changed = 0
            for pk, text in found.values_list("pk", field.attname):
                _plain(model).filter(pk=pk).update(**{field.attname: pattern.sub(NAME_REMOVED, text)[: field.max_length or None]})
                changed += 1
            if changed:
                counts[f"{model._meta.label}.{field.name} (name removed)"] = changed
    return counts
