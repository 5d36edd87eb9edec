"""Attendance files: attendances at sessions of an activity, the sessions made where they are missing."""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from community.models import Activity, Attendance, Project, Session
from core.bulk import insert_rows
from core.written import dates_changed, rows_written
from interop.legacy.linking import link_people
from interop.legacy.models import ImportKind
from interop.legacy.validation import CheckedRow

if TYPE_CHECKING:
    pass


from interop.legacy.kinds.base import Importer, Written


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
        dates_changed(*{(day, day) for day in {timezone.localtime(row.links["session"][1], self.zone).date() for row in rows}})
        self.audit({attendance["person_id"] for attendance in new})
        return Written(created=len(new), already_there=len(rows) - len(new))

    def _made_session(self, row: CheckedRow) -> int:
        pk = self._session_pk(row.links["session"][0], row.links["session"][1])
        assert pk is not None  # every session the batch needs was found or made above
        return pk

    def _session_pk(self, place: _Place, starts: datetime) -> int | None:
        day = timezone.localtime(starts, self.zone).date()
        return next((pk for pk, moment, _, _ in place.sessions.get(day, []) if moment == starts), None)
