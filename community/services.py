"""Every important change to community projects. Keyword-only, verb-first; person-linked changes
are audited here, and anything not allowed raises CommunityError with a message to show."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.teams import service_for_new_record, team_for_new_project
from audit.services import Action, record_event
from community.models import (
    Activity,
    ActivityClosure,
    Attendance,
    CrisisOpening,
    CrisisPlace,
    Enrolment,
    EnrolmentStatus,
    Project,
    ProjectLead,
    ProjectMembership,
    RosterRole,
    Schedule,
    Session,
    SessionRoster,
    Venue,
)
from community.models.enrolment import CommunityError
from core.bank_holidays import is_bank_holiday
from core.status import move
from core.written import rows_written
from people.models import Person

if TYPE_CHECKING:
    from accounts.models import User

# Sessions are made for this many weeks ahead (a rolling window, topped up daily or on demand).
ROLLING_WINDOW_WEEKS = 8


def _validated(instance: Activity | Schedule | Venue | Project | CrisisPlace) -> None:
    try:
        instance.full_clean()
    except ValidationError as error:
        raise CommunityError(" ".join(message for messages in error.message_dict.values() for message in messages)) from error


@transaction.atomic
def save_project(*, by: User, project: Project) -> Project:
    if project._state.adding and project.team_id is None:
        project.team_id = team_for_new_project(by)
    project.updated_at = timezone.now()
    _validated(project)
    project.save()
    record_event(user=by, action=Action.UPDATE if project.created_at < project.updated_at else Action.CREATE, obj=project)
    return project


@transaction.atomic
def save_crisis_place(*, by: User, place: CrisisPlace, hours: dict[int, tuple[time, time]]) -> CrisisPlace:
    """Add or change a crisis place and set its opening hours (one span a day; a closing time
    not after the opening time runs into the next morning). Audited; `updated_at` moves, so the
    Open Referral UK `last_modified` does too."""
    adding = place._state.adding
    _validated(place)
    place.save()
    place.openings.all().delete()
    CrisisOpening.objects.bulk_create(
        CrisisOpening(place=place, weekday=day, opens_at=opens, closes_at=closes) for day, (opens, closes) in sorted(hours.items())
    )
    record_event(
        user=by,
        action=Action.CREATE if adding else Action.UPDATE,
        obj=place,
        detail={"listed": place.is_active, "days_open": len(hours), "always_open": place.always_open},
    )
    return place


def crisis_place_values(place: CrisisPlace, fields: list[str], *, lock: bool = False) -> dict[str, Any]:
    """What is saved now for a crisis place's edit form, its opening hours included (the row
    locked when `lock`, for the edit-conflict check)."""
    if lock:
        place = CrisisPlace.objects.select_for_update().get(pk=place.pk)
    values: dict[str, Any] = {name: getattr(place, name) for name in fields if not name.startswith(("opens_", "closes_"))}
    for opening in CrisisOpening.objects.filter(place=place).order_by("weekday", "opens_at"):
        values.setdefault(f"opens_{opening.weekday}", opening.opens_at)
        values.setdefault(f"closes_{opening.weekday}", opening.closes_at)
    return values


@transaction.atomic
def add_project_lead(*, by: User, project: Project, user: User) -> ProjectLead:
    lead, _ = ProjectLead.objects.get_or_create(project=project, user=user, defaults={"added_by": by})
    record_event(user=by, action=Action.UPDATE, obj=project, detail={"lead_added": user.pk})
    return lead


def save_venue(*, by: User, venue: Venue) -> Venue:
    _validated(venue)
    venue.save()
    record_event(user=by, action=Action.UPDATE, obj=venue)
    return venue


@transaction.atomic
def save_activity(*, by: User, activity: Activity) -> Activity:
    activity.updated_at = timezone.now()
    _validated(activity)
    activity.save()
    record_event(user=by, action=Action.UPDATE, obj=activity)
    return activity


@transaction.atomic
def add_schedule(*, by: User, schedule: Schedule, through: date | None = None) -> int:
    """Add a recurring schedule and make its sessions for the rolling window. Returns how many."""
    _validated(schedule)
    schedule.save()
    record_event(user=by, action=Action.CREATE, obj=schedule)
    return generate_sessions(activity=schedule.activity, through=through)


def generate_sessions(*, activity: Activity, start: date | None = None, through: date | None = None) -> int:
    """Make the activity's sessions from its schedules, from `start` (today) to `through` (the
    rolling window). Bank holidays are skipped if the activity closes on them; closure dates
    make a cancelled session with the reason, so members see it. Never makes a duplicate:
    existing sessions are left alone and the unique constraint backs that up."""
    today = timezone.localdate()
    first = start or today
    last = through or today + timedelta(weeks=ROLLING_WINDOW_WEEKS)
    if activity.starts_on:
        first = max(first, activity.starts_on)
    if activity.ends_on:
        last = min(last, activity.ends_on)
    if last < first:
        return 0
    closures = dict(activity.closures.filter(date__range=(first, last)).values_list("date", "reason"))
    candidates: dict[datetime, Session] = {}
    for schedule in activity.schedules.all():
        for day in schedule.dates_between(first, last):
            if activity.closed_on_bank_holidays and is_bank_holiday(day):
                continue
            starts_at, ends_at = schedule.local_times(day)
            reason = closures.get(day, "")
            candidates[starts_at] = Session(
                activity=activity,
                starts_at=starts_at,
                ends_at=ends_at,
                cancelled_at=timezone.now() if reason else None,
                cancellation_reason=reason,
            )
    if not candidates:
        return 0
    existing = set(activity.sessions.filter(starts_at__in=list(candidates)).values_list("starts_at", flat=True))
    new = [session for moment, session in candidates.items() if moment not in existing]
    Session.objects.bulk_create(new, ignore_conflicts=True)
    rows_written(Session, new)  # sessions run count in the reports' figures (bulk inserts send no signals)
    return len(new)


@transaction.atomic
def create_session(*, by: User, activity: Activity, starts_at: datetime, ends_at: datetime) -> Session:
    """A one-off session. Refused outside the activity's dates or if it would be a duplicate."""
    day = timezone.localtime(starts_at).date()
    if not activity.covers(day):
        raise CommunityError("The session must be between the activity's start and end dates")
    if ends_at <= starts_at:
        raise CommunityError("The session must finish after it starts")
    if activity.sessions.filter(starts_at=starts_at).exists():
        raise CommunityError("There is already a session at that time")
    session = Session.objects.create(activity=activity, starts_at=starts_at, ends_at=ends_at)
    record_event(user=by, action=Action.CREATE, obj=session)
    return session


@transaction.atomic
def cancel_session(*, by: User, session: Session, reason: str) -> Session:
    if session.is_cancelled:
        raise CommunityError("This session is already cancelled")
    if not reason.strip():
        raise CommunityError("Enter the reason the session is cancelled")
    session.cancelled_at = timezone.now()
    session.cancelled_by = by
    session.cancellation_reason = reason.strip()
    session.save(update_fields=["cancelled_at", "cancelled_by", "cancellation_reason"])
    record_event(user=by, action=Action.UPDATE, obj=session, detail={"cancelled": session.cancellation_reason})
    return session


@transaction.atomic
def close_activity_on(*, by: User, activity: Activity, day: date, reason: str) -> ActivityClosure:
    """A one-off cancellation on a date: cancels the session if it exists, and stops it being made."""
    if not activity.covers(day):
        raise CommunityError("The date must be between the activity's start and end dates")
    closure, _ = ActivityClosure.objects.update_or_create(activity=activity, date=day, defaults={"reason": reason, "added_by": by})
    for session in activity.sessions.filter(starts_at__date=day, cancelled_at__isnull=True):
        cancel_session(by=by, session=session, reason=reason)
    return closure


def add_to_roster(*, by: User, session: Session, user: User, role: str = RosterRole.VOLUNTEER) -> SessionRoster:
    row, _ = SessionRoster.objects.update_or_create(session=session, user=user, defaults={"role": role, "added_by": by})
    record_event(user=by, action=Action.UPDATE, obj=session, detail={"rostered": user.pk, "role": role})
    return row


def _refuse_if_cancelled(session: Session) -> None:
    if session.is_cancelled:
        raise CommunityError("This session was cancelled, so no one can be marked as attending")


@transaction.atomic
def mark_attendance(*, by: User, session: Session, person: Person, present: bool = True) -> bool:
    """Mark a regular present (or not). Idempotent: marking twice leaves one row. Returns whether
    anything changed."""
    _refuse_if_cancelled(session)
    if present:
        _, changed = Attendance.objects.get_or_create(session=session, person=person, defaults={"marked_by": by})
    else:
        changed = Attendance.objects.filter(session=session, person=person).delete()[0] > 0
    if changed:
        record_event(
            user=by,
            action=Action.CREATE if present else Action.UPDATE,
            person_id=person.pk,
            obj=session,
            detail={"attended": present},
        )
    return changed


def here_count(session: Session) -> int:
    """Everyone here: people marked by name plus those who came without giving it (one query)."""
    return Attendance.objects.filter(session=session).count() + session.headcount


def set_headcount(*, by: User, session: Session, count: int) -> Session:
    """Set (never add to) the number of people who came without being named."""
    _refuse_if_cancelled(session)
    if count < 0:
        raise CommunityError("Enter a number of people, 0 or more")
    Session.objects.filter(pk=session.pk).update(headcount=count, headcount_updated_at=timezone.now(), headcount_updated_by=by)
    rows_written(Session, [session])  # the reports' stored figures of its day
    session.headcount = count
    record_event(user=by, action=Action.UPDATE, obj=session, detail={"headcount": count})
    return session


@transaction.atomic
def add_regular(*, by: User, session: Session, given_name: str, family_name: str = "") -> Person:
    """A new regular with minimal details, made at the register: a Person, their membership of
    the project, and their attendance today."""
    _refuse_if_cancelled(session)
    now = timezone.now()
    # A double tap or a retry of the same form is saved once by its submission key (the view's
    # `submissions.services.once`), not by guessing from the name: two regulars may share one.
    team = session.activity.project.team
    person = Person.objects.create(
        given_name=given_name.strip(),
        family_name=family_name.strip(),
        created_by=by,
        created_at=now,
        updated_at=now,
        service_id=team.service_id if team is not None else service_for_new_record(by),
    )
    ProjectMembership.objects.create(project=session.activity.project, person=person, added_by=by)
    record_event(
        user=by,
        action=Action.CREATE,
        person_id=person.pk,
        obj=person,
        detail={"regular_of": str(session.activity.project_id)},
    )
    mark_attendance(by=by, session=session, person=person)
    return person


def _change_enrolment(*, by: User, enrolment: Enrolment, to: str) -> Enrolment:
    move(enrolment, to, by=by, update_fields=())
    return enrolment


@transaction.atomic
def enrol(*, by: User, activity: Activity, person: Person) -> Enrolment:
    """A place on the course if one is free, otherwise the waiting list."""
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    if not activity.is_course or activity.capacity is None:
        raise CommunityError("People can only enrol on a course")
    if activity.ends_on and activity.ends_on < timezone.localdate():
        raise CommunityError("This course has finished")
    taken = activity.enrolments.filter(status__in=[EnrolmentStatus.ENROLLED, EnrolmentStatus.COMPLETED]).count()
    status = EnrolmentStatus.ENROLLED if taken < activity.capacity else EnrolmentStatus.WAITING
    enrolment = Enrolment(activity=activity, person=person)
    try:
        with transaction.atomic():
            move(enrolment, status, by=by)
    except IntegrityError as error:
        raise CommunityError(f"{person.known_as} is already on this course's list") from error
    return enrolment


@transaction.atomic
def complete_enrolment(*, by: User, enrolment: Enrolment) -> Enrolment:
    return _change_enrolment(by=by, enrolment=enrolment, to=EnrolmentStatus.COMPLETED)


@transaction.atomic
def withdraw_enrolment(*, by: User, enrolment: Enrolment) -> Enrolment:
    """Leaving frees a place: the first person waiting gets it."""
    had_place = enrolment.status == EnrolmentStatus.ENROLLED
    _change_enrolment(by=by, enrolment=enrolment, to=EnrolmentStatus.WITHDRAWN)
    if had_place:
        waiting = enrolment.activity.enrolments.filter(status=EnrolmentStatus.WAITING).order_by("requested_at", "id").first()
        if waiting is not None:
            _change_enrolment(by=by, enrolment=waiting, to=EnrolmentStatus.ENROLLED)
    return enrolment
