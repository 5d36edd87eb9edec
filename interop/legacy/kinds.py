"""One importer per kind of file. Each works a batch at a time with a fixed number of queries:
`resolve` finds what the rows refer to in STaR (read only, so the preview can use it too) and
adds a problem to any row that cannot go in; `write` adds the batch with bulk inserts, keeping
the invariants the domain apps' services keep, and audits every person touched."""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import cached_property
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from audit.services import Action, record_events_for_people
from casesearch.index import index_objects
from community.models import Activity, Attendance, Project, Session
from core.bulk import insert_all, insert_rows
from enablement.models import Contact, Episode
from interop.legacy.linking import link_people, people_by_identity, refuse_destroyed
from interop.legacy.models import HistoricalContact, ImportKind, ImportRun, LegacyKey, LegacyRecord
from interop.legacy.validation import CheckedRow, TargetField, fields_for, identity, labels_for
from people import equality
from people.models import EqualityMonitoring, Person
from people.models.person import NHSNumberStatus
from questions.models import Answer, Question
from referrals.models import Referral, ReferralStatusChange
from reports.signals import rows_written
from reports.store import figures_changed

if TYPE_CHECKING:
    from accounts.models import User


@dataclass
class Written:
    created: int = 0
    already_there: int = 0


@dataclass
class Importer:
    run: ImportRun
    by: User
    now: datetime = field(default_factory=timezone.now)

    kind = ImportKind.PEOPLE

    def __post_init__(self) -> None:
        """Kinds that keep lookups across batches set them up here."""

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(settings.TIME_ZONE)

    def column(self, name: str) -> str:
        return str(self.run.columns.get(name) or labels_for(self.run.kind).get(name, name))

    def resolve(self, rows: list[CheckedRow]) -> None:
        raise NotImplementedError

    def write(self, rows: list[CheckedRow]) -> Written:
        raise NotImplementedError

    def audit(self, person_ids: set[uuid.UUID], *, action: str = Action.CREATE) -> None:
        if person_ids:
            record_events_for_people(
                user=self.by,
                action=action,
                person_ids=sorted(person_ids),
                detail={"legacy_import": self.run.pk, "kind": self.run.kind},
            )

    def existing_keys(self, rows: list[CheckedRow]) -> None:
        """Mark rows whose old id this source brought in before (one query)."""
        ids = {str(row.values["legacy_id"]) for row in rows if row.values.get("legacy_id")}
        known = set(
            LegacyKey.objects.filter(source_system=self.run.source_system, kind=self.run.kind, legacy_id__in=ids).values_list(
                "legacy_id", flat=True
            )
        )
        for row in rows:
            if str(row.values.get("legacy_id")) in known:
                row.links["exists"] = True

    @cached_property
    def own_questions(self) -> list[TargetField]:
        """The service's own questions a column of this file answers (one query, once a run)."""
        return [target for target in fields_for(self.run.kind) if target.question is not None and self.run.columns.get(target.name)]

    def own_answers_in(self, row: CheckedRow) -> list[tuple[Question, str]]:
        found = []
        for target in self.own_questions:
            value = row.values.get(target.name)
            if value and target.question is not None:
                found.append((target.question, str(value)))
        return found

    def write_own_answers(
        self, rows_and_records: list[tuple[CheckedRow, dict[str, Any]]], *, already: frozenset[tuple[Any, int]] = frozenset()
    ) -> None:
        """The answers a batch's rows give to the service's own questions, with the wording asked
        now (one insert); each with what it was given on (`{"referral_id": ...}`, or nothing
        for the person's record); none for a (person id, question id) in `already`."""
        if not self.own_questions:
            return
        answers = [
            Answer(
                question=question,
                person_id=row.links["person_id"],
                wording_asked=question.wording,
                value=value,
                answered_by=self.by,
                answered_at=self.now,
                **given_on,
            )
            for row, given_on in rows_and_records
            for question, value in self.own_answers_in(row)
            if (row.links["person_id"], question.pk) not in already
        ]
        Answer.objects.bulk_create(answers)
        rows_written(Answer, answers)  # bulk inserts send no signals: the reports' stored figures

    def key_for(self, row: CheckedRow, obj: Any) -> LegacyKey:
        return LegacyKey(
            source_system=self.run.source_system,
            kind=self.run.kind,
            legacy_id=str(row.values["legacy_id"]),
            person_id=row.links["person_id"],
            object_type=obj._meta.label_lower,
            object_id=str(obj.pk),
            import_run=self.run,
        )


class PeopleImporter(Importer):
    """New people are created; someone already in STaR (same old id, or same NHS number, names
    and date of birth) is left as they are, but their old id is recorded so later files can use it,
    and the file's answers to the service's own questions they have not answered yet are added
    (an answer already given in STaR is never replaced; the same file again adds nothing)."""

    kind = ImportKind.PEOPLE

    def resolve(self, rows: list[CheckedRow]) -> None:
        ids = {str(row.values["legacy_id"]) for row in rows if row.values.get("legacy_id")}
        known = dict(
            LegacyRecord.objects.filter(source_system=self.run.source_system, legacy_id__in=ids).values_list("legacy_id", "person_id")
        )
        others = []
        for row in rows:
            legacy = str(row.values.get("legacy_id") or "")
            if legacy in known:
                row.links |= {"person_id": known[legacy], "has_record": True}
            else:
                others.append(row)
        matches = people_by_identity(others) if others else {}
        new = []
        for row in others:
            found = matches.get(identity(row.values), [])
            if found:
                row.links["person_id"] = found[0]
            else:
                new.append(row)
        refuse_destroyed(new, source_system=self.run.source_system, legacy_field="legacy_id")

    def write(self, rows: list[CheckedRow]) -> Written:
        new_rows = [row for row in rows if "person_id" not in row.links]
        existing = [row for row in rows if "person_id" in row.links]
        matched = [row for row in existing if not row.links.get("has_record")]
        # Plain rows rather than model objects (core.bulk.insert_rows): most of the cost at 100,000 rows.
        people = [self._person(row) for row in new_rows]
        insert_rows(Person, people)
        for row, person in zip(new_rows, people, strict=True):
            row.links["person_id"] = person["id"]
        self.write_own_answers([(row, {}) for row in new_rows])
        answered = self._answer_for_existing(existing)
        insert_rows(
            EqualityMonitoring,
            [
                {
                    "person_id": row.links["person_id"],
                    "ethnicity": row.values["ethnicity"],
                    "nhs_ethnic_category": equality.nhs_ethnic_category(row.values["ethnicity"]),
                    "updated_at": self.now,
                    "updated_by_id": self.by.pk,
                }
                for row in new_rows
                if row.values.get("ethnicity")
            ],
        )
        insert_rows(
            LegacyRecord,
            [
                {
                    "source_system": self.run.source_system,
                    "legacy_id": str(row.values["legacy_id"]),
                    "person_id": row.links["person_id"],
                    "import_run_id": self.run.pk,
                }
                for row in [*new_rows, *matched]
                if row.values.get("legacy_id")
            ],
        )
        self.audit({person["id"] for person in people})
        self.audit({row.links["person_id"] for row in matched if row.values.get("legacy_id")} | answered, action=Action.UPDATE)
        return Written(created=len(people), already_there=len(rows) - len(people))

    def _answer_for_existing(self, rows: list[CheckedRow]) -> set[Any]:
        """Answers for people already in STaR, to the questions on their record they have not
        answered yet (one query to find those, one insert). The people given answers."""
        if not self.own_questions or not rows:
            return set()
        people = {row.links["person_id"] for row in rows}
        questions = [target.question.pk for target in self.own_questions if target.question is not None]
        already = set(
            Answer.objects.filter(person_id__in=people, question_id__in=questions, referral__isnull=True, contact__isnull=True).values_list(
                "person_id", "question_id"
            )
        )
        kept: list[tuple[CheckedRow, dict[str, Any]]] = []
        given: set[Any] = set()
        for row in rows:
            person = row.links["person_id"]
            if person in given:  # two rows for one person: the first row's answers
                continue
            if any((person, question.pk) not in already for question, _ in self.own_answers_in(row)):
                kept.append((row, {}))
                given.add(person)
        self.write_own_answers(kept, already=frozenset(already))
        return given

    def _person(self, row: CheckedRow) -> dict[str, Any]:
        """A new person's row; every field not named here takes its default, as Person() would."""
        values = row.values
        number = values.get("nhs_number") or ""
        birth = values.get("date_of_birth")
        return {
            "id": uuid.uuid4(),
            "given_name": values["given_name"],
            "family_name": values["family_name"],
            "preferred_name": values.get("preferred_name") or "",
            "date_of_birth": birth if isinstance(birth, date) else None,
            "nhs_number": number,
            "nhs_number_status": NHSNumberStatus.NOT_TRACED.value if number else NHSNumberStatus.NOT_PRESENT.value,
            "pronouns": values.get("pronouns") or "",
            "phone": values.get("phone") or "",
            "email": values.get("email") or "",
            "preferred_contact_method": values.get("preferred_contact_method") or "",
            "address_line_1": values.get("address_line_1") or "",
            "address_line_2": values.get("address_line_2") or "",
            "town": values.get("town") or "",
            "postcode": (values.get("postcode") or "").upper(),
            "no_fixed_abode": values.get("no_fixed_abode") == "yes",
            "gp_practice_name": values.get("gp_practice_name") or "",
            "gp_practice_code": (values.get("gp_practice_code") or "").upper(),
            "first_language": values.get("first_language") or "",
            "interpreter_needed": values.get("interpreter_needed") == "yes",
            "communication_needs": values.get("communication_needs") or "",
            "emergency_contact_name": values.get("emergency_contact_name") or "",
            "emergency_contact_relationship": values.get("emergency_contact_relationship") or "",
            "emergency_contact_phone": values.get("emergency_contact_phone") or "",
            "created_by_id": self.by.pk,
            "created_at": self.now,
            "updated_at": self.now,
        }


Status = Referral.Status
DECISIONS: dict[str, str] = {
    Status.WAITING: Referral.Decision.ENABLEMENT,
    Status.ALLOCATED: Referral.Decision.ENABLEMENT,
    Status.SIGNPOSTED: Referral.Decision.SIGNPOST,
    Status.ELSEWHERE: Referral.Decision.ELSEWHERE,
    Status.DECLINED: Referral.Decision.DECLINE,
}


class ReferralImporter(Importer):
    """Referrals go in with their own dates and status. Only a referral still awaiting triage in
    the old system lands in the triage queue (and, as recorded_referral insists, it needs the
    person's agreement); the others are history, their status reached by legal steps."""

    kind = ImportKind.REFERRALS

    def resolve(self, rows: list[CheckedRow]) -> None:
        link_people(source_system=self.run.source_system, rows=rows, column_of=self.run.columns)
        self.existing_keys(rows)
        for row in rows:
            if row.values.get("status") == Status.AWAITING_TRIAGE and row.values.get("consent") != "yes":
                row.add_problem(
                    self.column("consent"),
                    "A referral awaiting triage goes into the triage queue, which needs the person's agreement: record Yes, or give its closed status",
                )
            status_on, received = row.values.get("status_on"), row.values.get("received_on")
            if isinstance(status_on, date) and isinstance(received, date) and status_on < received:
                row.add_problem(self.column("status_on"), "The status changed before the referral was received: check both dates")

    def write(self, rows: list[CheckedRow]) -> Written:
        new_rows = [row for row in rows if not row.links.get("exists")]
        referrals = [self._referral(row) for row in new_rows]
        Referral.objects.bulk_create(referrals)
        rows_written(Referral, referrals)
        # Each referral's history is the legal path (`Referral.status_machine`) to its status, so
        # it reads as STaR's own moves would have.
        machine = Referral.status_machine
        assert machine.history is not None
        changes = []
        for row, referral in zip(new_rows, referrals, strict=True):
            previous = ""
            for step in machine.path_to(referral.status):
                changes.append(
                    machine.history.row(
                        referral,
                        from_status=previous,
                        to_status=step,
                        by=self.by,
                        note=f"Brought in from {self.run.source_system}",
                        at=referral.received_at if step == Status.AWAITING_TRIAGE else self._status_at(row),
                    )
                )
                previous = step
        insert_all(ReferralStatusChange, changes)
        insert_all(LegacyKey, [self.key_for(row, referral) for row, referral in zip(new_rows, referrals, strict=True)])
        self.write_own_answers([(row, {"referral_id": referral.pk}) for row, referral in zip(new_rows, referrals, strict=True)])
        index_objects(Referral, [referral.pk for referral in referrals])  # bulk inserts send no signals
        self.audit({referral.person_id for referral in referrals})
        return Written(created=len(referrals), already_there=len(rows) - len(referrals))

    def _at(self, day: object) -> datetime:
        assert isinstance(day, date)
        return datetime.combine(day, time(), tzinfo=self.zone)

    def _status_at(self, row: CheckedRow) -> datetime:
        return self._at(row.values.get("status_on") or row.values["received_on"])

    def _referral(self, row: CheckedRow) -> Referral:
        values = row.values
        status = str(values["status"])
        decided = status in DECISIONS
        return Referral(
            person_id=row.links["person_id"],
            source=values["source"],
            referrer_name=values.get("referrer_name") or "",
            referrer_organisation=values.get("referrer_organisation") or "",
            reason_in_referrers_words=values.get("reason") or "",
            consent_given=values.get("consent") == "yes",
            urgency=values.get("urgency") or Referral.Urgency.ROUTINE,
            received_at=self._at(values["received_on"]),
            status=status,
            decision=DECISIONS.get(status, ""),
            triaged_at=self._status_at(row) if decided else None,
            allocated_at=self._status_at(row) if status == Status.ALLOCATED else None,
            created_by=self.by,
        )


class ContactImporter(Importer):
    """A contact on a date one of the person's STaR episodes covers joins that episode (its
    worker, the old system's worker named in who was there); any other contact is kept as a
    historical contact, since inventing an episode or a worker would be untrue."""

    kind = ImportKind.CONTACTS

    def resolve(self, rows: list[CheckedRow]) -> None:
        link_people(source_system=self.run.source_system, rows=rows, column_of=self.run.columns)
        self.existing_keys(rows)
        people = {row.links["person_id"] for row in rows if "person_id" in row.links}
        episodes: dict[object, list[tuple[int, date, date | None, int]]] = defaultdict(list)
        for pk, person_id, started, ended, worker_id in Episode.objects.filter(person_id__in=people).values_list(
            "pk", "person_id", "started_on", "ended_on", "worker_id"
        ):
            episodes[person_id].append((pk, started, ended, worker_id))
        today = timezone.localdate()
        for row in rows:
            day = row.values.get("contact_date")
            for pk, started, ended, worker_id in episodes.get(row.links.get("person_id"), []):
                if isinstance(day, date) and started <= day <= (ended or today):
                    row.links["episode"] = (pk, worker_id)
                    break
            if "person_id" in row.links and "episode" not in row.links and not row.links.get("exists"):
                for question, _ in self.own_answers_in(row):
                    row.add_problem(
                        self.column(f"question_{question.pk}"),
                        f"This contact is in none of the person's 1-to-1 episodes in STaR, so it is kept as an old contact, which "
                        f"cannot hold an answer to ‘{question.wording}’: open the episode in STaR first, or leave the answer out",
                    )

    def write(self, rows: list[CheckedRow]) -> Written:
        new_rows = [row for row in rows if not row.links.get("exists")]
        in_episode = [row for row in new_rows if "episode" in row.links]
        historical = [row for row in new_rows if "episode" not in row.links]
        contacts = [self._contact(row) for row in in_episode]
        kept = [self._historical(row) for row in historical]
        Contact.objects.bulk_create(contacts)
        rows_written(Contact, contacts)
        HistoricalContact.objects.bulk_create(kept)
        self.write_own_answers([(row, {"contact_id": contact.pk}) for row, contact in zip(in_episode, contacts, strict=True)])
        index_objects(Contact, [contact.pk for contact in contacts])  # bulk inserts send no signals
        index_objects(HistoricalContact, [old.pk for old in kept])
        insert_all(
            LegacyKey,
            [self.key_for(row, obj) for row, obj in [*zip(in_episode, contacts, strict=True), *zip(historical, kept, strict=True)]],
        )
        self.audit({row.links["person_id"] for row in new_rows})
        return Written(created=len(new_rows), already_there=len(rows) - len(new_rows))

    def _contact(self, row: CheckedRow) -> Contact:
        values = row.values
        episode_id, worker_id = row.links["episode"]
        worker_name = str(values.get("worker_name") or "")
        return Contact(
            episode_id=episode_id,
            person_id=row.links["person_id"],
            worker_id=worker_id,
            contact_date=values["contact_date"],
            start_time=values["start_time"],
            minutes=values["minutes"],
            mode=values["mode"],
            outcome=values.get("outcome") or Contact.Outcome.ATTENDED,
            who_was_there=f"{worker_name} (recorded in {self.run.source_system})"[:300] if worker_name else "",
            what_was_done=values.get("notes") or "",
            recorded_by=self.by,
            recorded_at=self.now,
        )

    def _historical(self, row: CheckedRow) -> HistoricalContact:
        values = row.values
        return HistoricalContact(
            person_id=row.links["person_id"],
            source_system=self.run.source_system,
            contact_date=values["contact_date"],
            start_time=values["start_time"],
            minutes=values["minutes"],
            mode=values["mode"],
            outcome=values.get("outcome") or Contact.Outcome.ATTENDED,
            worker_name=values.get("worker_name") or "",
            notes=values.get("notes") or "",
            import_run=self.run,
            imported_at=self.now,
        )


@dataclass(eq=False)  # compared and hashed by identity: one per activity
class _Place:
    activity: Activity
    sessions: dict[date, list[tuple[int | None, datetime, datetime, bool]]] = field(default_factory=lambda: defaultdict(list))
    loaded: set[date] = field(default_factory=set)


class AttendanceImporter(Importer):
    """An attendance joins the session of the project's activity on that date, made (as
    community.services.create_session would, inside the activity's dates) when STaR has none.
    One attendance per person per session: one already there is left alone."""

    kind = ImportKind.ATTENDANCES

    def __post_init__(self) -> None:
        self.places: dict[tuple[str, str], _Place] = {}
        self.projects: dict[str, list[Activity]] | None = None
        self.made: set[int] = set()  # sessions this import made: only it can have put anyone on them
        self.written: set[tuple[int, Any]] = set()  # (session, person) this import has added

    def _activities(self) -> dict[str, list[Activity]]:
        if self.projects is None:
            self.projects = defaultdict(list)
            for activity in Activity.objects.select_related("project").prefetch_related("schedules"):
                self.projects[activity.project.name.casefold()].append(activity)
            for name in Project.objects.values_list("name", flat=True):
                self.projects.setdefault(name.casefold(), [])
        return self.projects

    def _place(self, row: CheckedRow) -> _Place | None:
        project = str(row.values.get("project") or "")
        wanted = str(row.values.get("activity") or "").casefold()
        activities = self._activities().get(project.casefold())
        if activities is None:
            row.add_problem(
                self.column("project"), f"No project called '{project}' in STaR: add it under Community first, or check its name"
            )
            return None
        chosen = [a for a in activities if a.name.casefold() == wanted] if wanted else activities
        if len(chosen) != 1:
            if wanted:
                message = f"'{project}' has no activity called '{row.values.get('activity')}' in STaR"
            elif not activities:
                message = f"'{project}' has no activities in STaR yet: add the group or drop-in first"
            else:
                message = f"'{project}' has several activities: say which one in the activity column"
            row.add_problem(self.column("activity"), message)
            return None
        key = (project.casefold(), chosen[0].name.casefold())
        return self.places.setdefault(key, _Place(chosen[0]))

    def _load_sessions(self, places: dict[_Place, set[date]]) -> None:
        """The sessions on the days a batch needs, for each activity, in one query."""
        wanted = {id(place): (place, {day for day in days if day not in place.loaded}) for place, days in places.items()}
        wanted = {key: (place, days) for key, (place, days) in wanted.items() if days}
        if not wanted:
            return
        first = min(min(days) for _, days in wanted.values())
        last = max(max(days) for _, days in wanted.values())
        by_activity = {place.activity.pk: place for place, _ in wanted.values()}
        for pk, activity_id, starts, ends, cancelled in Session.objects.filter(
            activity_id__in=list(by_activity),
            starts_at__gte=datetime.combine(first, time(), tzinfo=self.zone),
            starts_at__lt=datetime.combine(last + timedelta(days=1), time(), tzinfo=self.zone),
        ).values_list("pk", "activity_id", "starts_at", "ends_at", "cancelled_at"):
            place = by_activity[activity_id]
            day = timezone.localtime(starts, self.zone).date()
            if day not in place.loaded and all(existing[0] != pk for existing in place.sessions[day]):
                place.sessions[day].append((pk, starts, ends, cancelled is not None))
        for place, days in wanted.values():
            place.loaded |= days

    def resolve(self, rows: list[CheckedRow]) -> None:
        link_people(source_system=self.run.source_system, rows=rows, column_of=self.run.columns)
        needs: dict[_Place, set[date]] = defaultdict(set)
        placed: list[tuple[CheckedRow, _Place, date]] = []
        for row in rows:
            day = row.values.get("attended_on")
            place = self._place(row)
            if place is None or not isinstance(day, date):
                continue
            if not place.activity.covers(day):
                row.add_problem(
                    self.column("attended_on"), f"{place.activity.name} did not run on that date in STaR (outside its start and end dates)"
                )
                continue
            needs[place].add(day)
            placed.append((row, place, day))
        self._load_sessions(needs)
        for row, place, day in placed:
            self._choose_session(row, place, day)

    def _choose_session(self, row: CheckedRow, place: _Place, day: date) -> None:
        start = row.values.get("start_time")
        sessions = place.sessions.get(day, [])
        if isinstance(start, time):
            starts = datetime.combine(day, start, tzinfo=self.zone)
            sessions = [session for session in sessions if session[1] == starts]
        if len(sessions) > 1:
            row.add_problem(
                self.column("start_time"), f"{place.activity.name} had more than one session that day: give the session start time"
            )
            return
        if sessions:
            _, starts_at, ends_at, cancelled = sessions[0]
            if cancelled:
                row.add_problem(
                    "Whole row", f"That session of {place.activity.name} was cancelled in STaR, so no one can be marked as attending"
                )
                return
            row.links["session"] = (place, starts_at, ends_at)
            return
        times = self._new_session_times(row, place, day)
        if times is None:
            row.add_problem(
                self.column("start_time"),
                f"STaR has no session of {place.activity.name} that day and no weekly time for it: give the session start time",
            )
            return
        place.sessions[day].append((None, *times, False))
        row.links["session"] = (place, *times)

    def _new_session_times(self, row: CheckedRow, place: _Place, day: date) -> tuple[datetime, datetime] | None:
        """The file's times; else the activity's schedule for that weekday; a session given only a
        start time lasts as long as the schedule's, or two hours when there is none."""
        schedules = [
            s
            for s in place.activity.schedules.all()
            if s.weekday == day.weekday() and s.valid_from <= day and (s.valid_to is None or day <= s.valid_to)
        ]
        start, end = row.values.get("start_time"), row.values.get("end_time")
        if not isinstance(start, time):
            return schedules[0].local_times(day) if schedules else None
        starts = datetime.combine(day, start, tzinfo=self.zone)
        if isinstance(end, time) and end > start:
            return starts, datetime.combine(day, end, tzinfo=self.zone)
        if schedules:
            opens, closes = schedules[0].local_times(day)
            return starts, starts + (closes - opens)
        return starts, starts + timedelta(hours=2)

    def write(self, rows: list[CheckedRow]) -> Written:
        new_sessions: dict[tuple[uuid.UUID, datetime], Session] = {}
        for row in rows:
            place, starts, ends = row.links["session"]
            if not self._session_pk(place, starts):
                new_sessions.setdefault((place.activity.pk, starts), Session(activity=place.activity, starts_at=starts, ends_at=ends))
        Session.objects.bulk_create(list(new_sessions.values()))
        rows_written(Session, list(new_sessions.values()))
        self.made |= {session.pk for session in new_sessions.values()}
        for (_, starts), session in new_sessions.items():
            place = next(p for p in self.places.values() if p.activity.pk == session.activity_id)
            day = timezone.localtime(starts, self.zone).date()
            place.sessions[day] = [(session.pk if s[0] is None and s[1] == starts else s[0], *s[1:]) for s in place.sessions[day]]
        wanted = [(self._made_session(row), row.links["person_id"]) for row in rows]
        # Attendance already there: on sessions STaR had before (one query), or added by this import
        # (two rows naming the same session differently, say with and without the activity).
        before = [(session, person) for session, person in wanted if session not in self.made]
        there = set(self.written)
        if before:
            there |= set(
                Attendance.objects.filter(session_id__in={s for s, _ in before}, person_id__in={p for _, p in before}).values_list(
                    "session_id", "person_id"
                )
            )
        new = []
        for session_id, person_id in wanted:
            if (session_id, person_id) not in there:
                there.add((session_id, person_id))
                new.append({"session_id": session_id, "person_id": person_id, "marked_at": self.now, "marked_by_id": self.by.pk})
        self.written |= {(row["session_id"], row["person_id"]) for row in new}
        insert_rows(Attendance, new)
        # The stored report figures of the sessions' days (reports/store.py; no signals here).
        figures_changed(*{(day, day) for day in {timezone.localtime(row.links["session"][1], self.zone).date() for row in rows}})
        self.audit({attendance["person_id"] for attendance in new})
        return Written(created=len(new), already_there=len(rows) - len(new))

    def _made_session(self, row: CheckedRow) -> int:
        pk = self._session_pk(row.links["session"][0], row.links["session"][1])
        assert pk is not None  # every session the batch needs was found or made above
        return pk

    def _session_pk(self, place: _Place, starts: datetime) -> int | None:
        day = timezone.localtime(starts, self.zone).date()
        return next((pk for pk, moment, _, _ in place.sessions.get(day, []) if moment == starts), None)


IMPORTERS: dict[str, type[Importer]] = {
    ImportKind.PEOPLE: PeopleImporter,
    ImportKind.REFERRALS: ReferralImporter,
    ImportKind.CONTACTS: ContactImporter,
    ImportKind.ATTENDANCES: AttendanceImporter,
}


def importer_for(run: ImportRun, *, by: User) -> Importer:
    return IMPORTERS[run.kind](run=run, by=by)
