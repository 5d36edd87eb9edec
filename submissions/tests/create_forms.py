"""Every view that accepts a POST, declared once (the way `url_access.py` declares every URL):

- `CREATES`: forms that make a record. Each is replayed by `test_every_create_form.py`: sent
  twice with the same submission key it must save once (and on PostgreSQL, sent by several threads
  at the same moment, once). To add one: wrap the service call in `submissions.services.once`,
  render `{% include "submissions/_form_keys.jinja" %}` after `{{ csrf_input }}`, declare it here.
- `OTHER_POSTS`: everything else that takes a POST, with why a repeat cannot make a second record
  (it changes a record to a state, its own unique token, a unique constraint…).

A new view that reads a POST and is declared in neither fails the test."""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.utils import timezone

from conftest import World

if TYPE_CHECKING:  # the models are imported where they are used, as the rest of this module does
    from choices.models import PersonalBudget
    from community.models import Activity
    from people.models import Person
    from plans.models import PlanDocument

Setup = Callable[[World], tuple[dict[str, Any], dict[str, Any]]]


@dataclass(frozen=True)
class Replay:
    """A create form: who sends it, the model it makes, and (from the shared world) the URL's
    arguments and a valid answer. `key_field` is the hidden field that makes a repeat a repeat."""

    role: str
    model: str  # "app_label.Model"
    setup: Setup
    key_field: str = "submission_key"
    # False when the same answers on a new form are refused anyway (a project's name is unique).
    same_answers_make_a_second: bool = True

    def model_class(self) -> type[models.Model]:
        from django.apps import apps

        return apps.get_model(self.model)


def _day(name: str, day: datetime.date | None = None) -> dict[str, str]:
    day = day or timezone.localdate() - datetime.timedelta(days=1)
    return {f"{name}_day": str(day.day), f"{name}_month": str(day.month), f"{name}_year": str(day.year)}


def _episode(world: World) -> dict[str, Any]:
    from enablement.tests.factories import EpisodeFactory

    episode = EpisodeFactory.create(
        person=world.caseload_person, worker=world.worker, started_on=timezone.localdate() - datetime.timedelta(weeks=5)
    )
    return {"episode_id": episode.pk}


def contact(world: World) -> tuple[dict[str, Any], dict[str, Any]]:
    from enablement.tests.test_contacts import contact_answers

    return _episode(world), contact_answers()


def appointment(world: World) -> tuple[dict[str, Any], dict[str, Any]]:
    from appointments.tests.test_booking import booking_answers

    return _episode(world), booking_answers()


def review(world: World) -> tuple[dict[str, Any], dict[str, Any]]:
    from enablement.tests.test_reviews_and_move_on import review_answers

    return _episode(world), review_answers(decision="extend", extend_by_weeks="4", extension_reason="Housing move")


def referral(world: World) -> tuple[dict[str, Any], dict[str, Any]]:
    from referrals.tests.test_intake import answers

    return {}, answers()


def person(world: World) -> tuple[dict[str, Any], dict[str, Any]]:
    from people.tests.test_person_form import form_data

    return {}, form_data()


def alert(world: World) -> tuple[dict[str, Any], dict[str, Any]]:
    return {"person_id": world.caseload_person.pk}, {"category": "communication", "summary": "Uses British Sign Language"}


def new_regular(world: World) -> tuple[dict[str, Any], dict[str, Any]]:
    from community.tests.factories import ActivityFactory, ProjectLeadFactory, SessionFactory

    project = ProjectLeadFactory.create(user=world.lead).project
    session = SessionFactory.create(activity=ActivityFactory.create(project=project))
    return {"session_id": session.pk}, {"given_name": "Grace", "family_name": "Hopper"}


def measure(world: World) -> tuple[dict[str, Any], dict[str, Any]]:
    from outcomes.loading import load_shipped_instruments

    gad7 = next(instrument for instrument in load_shipped_instruments() if instrument.code == "GAD7")
    return {"person_id": world.caseload_person.pk}, {
        "instrument": gad7.pk,
        "how": "with_worker",
        **_day("measured_on", timezone.localdate()),
    }


def subject_access(world: World) -> tuple[dict[str, Any], dict[str, Any]]:
    data = {"requested_by": "Alan himself, by letter", "received_how": "letter", "nhs_number": world.stranger.nhs_number}
    return {}, {**data, **_day("received_on")}


def rectification(world: World) -> tuple[dict[str, Any], dict[str, Any]]:
    data = {"requested_by": "Ada herself", "what_is_wrong": "My first name is wrong", "nhs_number": world.caseload_person.nhs_number}
    return {}, {**data, **_day("received_on")}


def decision(world: World) -> tuple[dict[str, Any], dict[str, Any]]:
    from involvement.tests.test_decisions import decision_data

    return {}, decision_data(**_day("decided_on"))


def payment(world: World) -> tuple[dict[str, Any], dict[str, Any]]:
    from involvement.tests.factories import ParticipantFactory

    row = ParticipantFactory.create(person=world.caseload_person)
    return {"activity_id": row.activity_id}, {"amount": "25.00", "method": "voucher", "participant": str(row.pk), **_day("paid_on")}


def _volunteer(world: World) -> None:
    from volunteers.models import Volunteer
    from volunteers.tests.factories import VolunteerFactory

    if not Volunteer.objects.filter(user=world.volunteer).exists():
        VolunteerFactory.create(user=world.volunteer)


def hours(world: World) -> tuple[dict[str, Any], dict[str, Any]]:
    _volunteer(world)
    return {}, {"minutes": "90", "description": "Set up the drop-in", **_day("worked_on")}


def expense(world: World) -> tuple[dict[str, Any], dict[str, Any]]:
    _volunteer(world)
    data = {"kind": "fares", "description": "Bus to the drop-in", "amount": "4.50", "miles": "", **_day("incurred_on")}
    return {}, data


def goal(world: World) -> tuple[dict[str, Any], dict[str, Any]]:
    return {"person_id": world.caseload_person.pk, "kind": "goal"}, {"title": "Take the bus alone", "owner": "person"}


def concern(world: World) -> tuple[dict[str, Any], dict[str, Any]]:
    data = {
        "category": "financial",
        "what_happened": "Their lodger takes their bank card every Friday",
        "action_taken": "Talked it through",
        "persons_wishes": "Wants the lodger to leave",
        "referred": "no",
    }
    return {"person_id": world.caseload_person.pk}, data


def hub_resource(world: World) -> tuple[dict[str, Any], dict[str, Any]]:
    return {}, {
        "name": "Debt advice clinic",
        "organisation_name": "Money Matters Birmingham",
        "category": "debt_money",
        "postcode": "B13 9AB",
    }


def hub_feed(world: World) -> tuple[dict[str, Any], dict[str, Any]]:
    return {}, {"name": "Partner directory", "url": "http://127.0.0.1:9/openreferral/"}


def signposting(world: World) -> tuple[dict[str, Any], dict[str, Any]]:
    from hub.tests.factories import ResourceFactory

    resource = ResourceFactory.create()
    return {"person_id": world.caseload_person.pk}, {
        "resource": str(resource.pk),
        "how": "gave_details",
        "follow_up_in": "2",
        **_day("signposted_on", timezone.localdate()),
    }


def drop_in_signposting(world: World) -> tuple[dict[str, Any], dict[str, Any]]:
    from community.tests.factories import ActivityFactory, AttendanceFactory, MembershipFactory, ProjectLeadFactory, SessionFactory
    from hub.tests.factories import ResourceFactory

    session = SessionFactory.create(activity=ActivityFactory.create(project=ProjectLeadFactory.create(user=world.lead).project))
    MembershipFactory.create(project=session.activity.project, person=world.caseload_person)
    AttendanceFactory.create(session=session, person=world.caseload_person)
    return {"session_id": session.pk}, {
        "person": str(world.caseload_person.pk),
        "resource": str(ResourceFactory.create().pk),
        "how": "gave_details",
    }


def risk(world: World) -> tuple[dict[str, Any], dict[str, Any]]:
    levels = dict.fromkeys(("to_self_level", "from_others_level", "to_others_level", "self_neglect_level"), "low")
    due = timezone.localdate() + datetime.timedelta(days=28)
    return {"person_id": world.caseload_person.pk}, {**levels, "management_plan": "Check in weekly", **_day("review_due", due)}


def _goal(world: World, person: Person) -> PlanDocument:
    from plans.documents import KINDS, Kind
    from plans.services import save_plan

    return save_plan(by=world.worker, person=person, kind=KINDS[Kind.GOAL], content={"title": "Swim", "owner": "person"}).document


def progress(world: World) -> tuple[dict[str, Any], dict[str, Any]]:
    goal = _goal(world, world.caseload_person)
    return {"person_id": world.caseload_person.pk, "document_id": goal.pk}, {"rating": "3", "note": "Went once", **_day("recorded_on")}


def own_progress(world: World) -> tuple[dict[str, Any], dict[str, Any]]:
    return {"goal_id": _goal(world, world.member_person).pk}, {"rating": "6", "note": "I went twice this week"}


def share(world: World) -> tuple[dict[str, Any], dict[str, Any]]:
    from plans.documents import KINDS, Kind
    from plans.services import save_plan

    plan = save_plan(by=world.worker, person=world.caseload_person, kind=KINDS[Kind.CRISIS], content={"supporters": "Jo"}).document
    data = {"recipient_name": "Crisis team", "what_was_shared": "The whole plan", "consent_given": "on", **_day("shared_on")}
    return {"person_id": world.caseload_person.pk, "document_id": plan.pk}, data


def project(world: World) -> tuple[dict[str, Any], dict[str, Any]]:
    data = {"name": "Handsworth Hearts", "description": "Peer support on Wednesdays", "who_it_is_for": "Adults"}
    return {}, {**data, "lead_organisation": "Handsworth Hearts CIC", "supporting_worker": world.worker.pk}


def venue(world: World) -> tuple[dict[str, Any], dict[str, Any]]:
    return {}, {"name": "The Old Library", "address_1": "Church Road", "city": "Birmingham", "postcode": "B13 9AB"}


def question(world: World) -> tuple[dict[str, Any], dict[str, Any]]:
    return {}, {"place": "referral", "wording": "Are you a carer?", "hint": "", "answer_type": "yes_no", "choices": "", "order": "10"}


def crisis_place(world: World) -> tuple[dict[str, Any], dict[str, Any]]:
    answers = {"kind": "sanctuary", "name": "Night Light crisis café", "description": "A calm place to talk", "phone": "0121 496 0311"}
    return {}, {**answers, **{f"opens_{day}": "20:00" for day in range(7)}, **{f"closes_{day}": "02:00" for day in range(7)}}


def activity(world: World) -> tuple[dict[str, Any], dict[str, Any]]:
    from community.tests.factories import ProjectLeadFactory, VenueFactory

    project = ProjectLeadFactory.create(user=world.lead).project
    data = {"name": "Friday cuppa", "description": "Tea and talk", "kind": "drop_in", "category": "social", "how_to_join": "Just come"}
    return {"project_id": project.pk}, {**data, "venue": VenueFactory.create().pk}


def project_message(world: World) -> tuple[dict[str, Any], dict[str, Any]]:
    from community.models import ProjectMembership
    from community.tests.factories import ProjectLeadFactory

    project = ProjectLeadFactory.create(user=world.lead).project
    ProjectMembership.objects.create(project=project, person=world.member_person)
    return {}, {"audience": f"members:{project.pk}", "text": "The drop-in moves to the church hall next week."}


def involvement_activity(world: World) -> tuple[dict[str, Any], dict[str, Any]]:
    from involvement.tests.test_activities import activity_data

    return {}, activity_data(**_day("held_on"))


def wellbeing(world: World) -> tuple[dict[str, Any], dict[str, Any]]:
    _volunteer(world)
    return {}, {"feeling": "okay", "note": "A busy week"}


def _led_activity(world: World) -> Activity:
    from community.tests.factories import ActivityFactory, ProjectLeadFactory

    return ActivityFactory.create(project=ProjectLeadFactory.create(user=world.lead).project)


def closure(world: World) -> tuple[dict[str, Any], dict[str, Any]]:
    day = timezone.localdate() + datetime.timedelta(days=14)
    return {"activity_id": _led_activity(world).pk}, {"reason": "The hall is being painted", **_day("date", day)}


def schedule(world: World) -> tuple[dict[str, Any], dict[str, Any]]:
    data = {"frequency": "weekly", "weekday": "2", "opens_at": "10:00", "closes_at": "12:00"}
    return {"activity_id": _led_activity(world).pk}, {**data, **_day("valid_from", timezone.localdate())}


class _SameFileEachTime(SimpleUploadedFile):
    """An upload the test client can send again (it reads the file without rewinding it)."""

    def read(self, *args: Any) -> bytes:
        self.seek(0)
        content: bytes = super().read(*args)
        return content


def document(world: World) -> tuple[dict[str, Any], dict[str, Any]]:
    file = _SameFileEachTime("letter.txt", b"Dear Ada,\nYour housing appeal is on 3 March.\n", content_type="text/plain")
    return {"person_id": world.caseload_person.pk}, {"title": "Letter from the housing office", "kind": "housing_letter", "file": file}


def legacy_upload(world: World) -> tuple[dict[str, Any], dict[str, Any]]:
    from interop.tests.legacy_factories import csv_bytes, good_rows

    return {}, {"kind": "people", "source_system": "Day centre", "file": _SameFileEachTime("people.csv", csv_bytes(good_rows(2)))}


def api_token(world: World) -> tuple[dict[str, Any], dict[str, Any]]:
    from interop.tests.test_tokens import form_data

    return {}, form_data()


def theme(world: World) -> tuple[dict[str, Any], dict[str, Any]]:
    return {}, {"name": "Waiting times"}


def rota_slot(world: World) -> tuple[dict[str, Any], dict[str, Any]]:
    from community.tests.factories import SessionFactory

    activity = _led_activity(world)
    session = SessionFactory.create(activity=activity, starts_at=timezone.now().replace(microsecond=0) + datetime.timedelta(days=3))
    return {"project_id": activity.project_id}, {"session": str(session.pk), "role": "welcome", "needs_dbs": "on"}


def training_module(world: World) -> tuple[dict[str, Any], dict[str, Any]]:
    return {}, {"name": "Listening well", "description": "Half a day", "required_for": ["welcome"], "valid_for_months": "24"}


def cost(world: World) -> tuple[dict[str, Any], dict[str, Any]]:
    start = timezone.localdate().replace(day=1) - datetime.timedelta(days=60)
    end = start + datetime.timedelta(days=27)
    return {}, {"category": "staff", "amount": "1,250.50", "note": "Two workers", **_day("starts_on", start), **_day("ends_on", end)}


def baseline(world: World) -> tuple[dict[str, Any], dict[str, Any]]:
    return {}, {
        "description": "Day centre",
        "places": "30",
        "cost_per_place_per_week": "200",
        "people_served": "40",
        "price_year": "2025/26",
    }


# Personal budgets and the route into work (choices): staff about a person, and the member's own.
def _choices_budget(person: Person) -> PersonalBudget:
    from choices.tests.factories import InPlaceBudgetFactory

    return InPlaceBudgetFactory.create(person=person)


def budget_open(world: World) -> tuple[dict[str, Any], dict[str, Any]]:
    return {"person_id": world.caseload_person.pk}, {**_day("conversation_on"), "note": "Talked about a personal assistant"}


def budget_review(world: World) -> tuple[dict[str, Any], dict[str, Any]]:
    budget = _choices_budget(world.caseload_person)
    following = timezone.localdate() + datetime.timedelta(days=180)
    data = {**_day("reviewed_on"), "what_is_working": "The classes", "what_to_change": "", **_day("next_review_on", following)}
    return {"person_id": world.caseload_person.pk, "budget_id": budget.pk}, data


def _line_answers() -> dict[str, Any]:
    return {"category": "activities", "description": "Pottery class", "amount": "365.00"}


def budget_line(world: World) -> tuple[dict[str, Any], dict[str, Any]]:
    _choices_budget(world.caseload_person)
    return {"person_id": world.caseload_person.pk}, _line_answers()


def own_budget_line(world: World) -> tuple[dict[str, Any], dict[str, Any]]:
    _choices_budget(world.member_person)
    return {}, _line_answers()


def _spend_answers() -> dict[str, Any]:
    return {"line": "none", "category": "travel", **_day("spent_on"), "amount": "12.40", "description": "Bus pass top-up"}


def budget_spend(world: World) -> tuple[dict[str, Any], dict[str, Any]]:
    _choices_budget(world.caseload_person)
    return {"person_id": world.caseload_person.pk}, _spend_answers()


def own_budget_spend(world: World) -> tuple[dict[str, Any], dict[str, Any]]:
    _choices_budget(world.member_person)
    return {}, _spend_answers()


def _work_goal() -> dict[str, Any]:
    return {"kind": "job", "goal": "A part-time job in a kitchen"}


def _work_step() -> dict[str, Any]:
    return {"kind": "interview", **_day("happened_on"), "note": "Café on the high street"}


def _work_start() -> dict[str, Any]:
    return {
        "kind": "job",
        "title": "Kitchen assistant",
        "employer_type": "private",
        "employer_name": "",
        "hours_per_week": "16",
        **_day("started_on"),
    }


def _for_caseload(answers: Callable[[], dict[str, Any]]) -> Setup:
    return lambda world: ({"person_id": world.caseload_person.pk}, answers())


def _for_self(answers: Callable[[], dict[str, Any]]) -> Setup:
    return lambda world: ({}, answers())


CREATES: dict[str, Replay] = {
    "choices:budget_new": Replay("worker", "choices.PersonalBudget", budget_open, same_answers_make_a_second=False),
    "choices:review_new": Replay("worker", "choices.BudgetReview", budget_review),
    "choices:line_new": Replay("worker", "choices.PlanLine", budget_line),
    "choices:my_line_new": Replay("member", "choices.PlanLine", own_budget_line),
    "choices:spend_new": Replay("worker", "choices.Spend", budget_spend),
    "choices:my_spend_new": Replay("member", "choices.Spend", own_budget_spend),
    "choices:goal_new": Replay("worker", "choices.WorkGoal", _for_caseload(_work_goal)),
    "choices:my_goal_new": Replay("member", "choices.WorkGoal", _for_self(_work_goal)),
    "choices:activity_new": Replay("worker", "choices.WorkActivity", _for_caseload(_work_step)),
    "choices:my_activity_new": Replay("member", "choices.WorkActivity", _for_self(_work_step)),
    "choices:start_new": Replay("worker", "choices.Placement", _for_caseload(_work_start)),
    "choices:my_start_new": Replay("member", "choices.Placement", _for_self(_work_start)),
    "enablement:contact_new": Replay("worker", "enablement.Contact", contact),
    "enablement:review_new": Replay("worker", "enablement.Review", review),
    # The same answers on a new form clash with the first booking, and are refused.
    "appointments:book": Replay("worker", "appointments.Appointment", appointment, same_answers_make_a_second=False),
    "referrals:new": Replay("worker", "referrals.Referral", referral),
    "people:new": Replay("worker", "people.Person", person),
    "people:alert_new": Replay("worker", "people.Alert", alert),
    "community:register_new_regular": Replay("lead", "people.Person", new_regular),
    "outcomes:new": Replay("worker", "outcomes.Measurement", measure),
    "records:request_new": Replay("manager", "records.SubjectAccessRequest", subject_access),
    "records:rectification_new": Replay("manager", "records.RectificationRequest", rectification),
    "involvement:decision_new": Replay("manager", "involvement.Decision", decision),
    "involvement:payment_new": Replay("worker", "involvement.InvolvementPayment", payment),
    "volunteers:hours_new": Replay("volunteer", "volunteers.HoursEntry", hours),
    "volunteers:expense_new": Replay("volunteer", "volunteers.ExpenseClaim", expense, key_field="token"),
    "plans:start": Replay("worker", "plans.PlanVersion", goal),
    "safeguarding:concern_new": Replay("worker", "safeguarding.SafeguardingConcern", concern),
    "safeguarding:risk_new": Replay("worker", "safeguarding.RiskAssessment", risk),
    "plans:progress_new": Replay("worker", "plans.GoalProgress", progress),
    "plans:share_new": Replay("worker", "plans.CrisisPlanShare", share),
    "portal:goal": Replay("member", "plans.GoalProgress", own_progress),
    "community:project_new": Replay("manager", "community.Project", project, same_answers_make_a_second=False),
    "community:crisis_place_new": Replay("manager", "community.CrisisPlace", crisis_place),
    "community:venue_new": Replay("manager", "community.Venue", venue, same_answers_make_a_second=False),
    "questions:new": Replay("manager", "questions.Question", question),
    "community:activity_new": Replay("lead", "community.Activity", activity),
    "involvement:activity_new": Replay("worker", "involvement.InvolvementActivity", involvement_activity),
    "volunteers:wellbeing_new": Replay("volunteer", "volunteers.WellbeingCheckIn", wellbeing),
    # One closure per activity and day: the same answers on a new form change that closure.
    "community:closure_new": Replay("lead", "community.ActivityClosure", closure, same_answers_make_a_second=False),
    "community:schedule_new": Replay("lead", "community.Schedule", schedule),
    "interop:legacy_start": Replay("manager", "interop.ImportRun", legacy_upload),
    "interop:token_new": Replay("admin", "interop.ApiToken", api_token),
    "involvement:theme_list": Replay("manager", "involvement.FeedbackTheme", theme, same_answers_make_a_second=False),
    "volunteers:project_rota": Replay("lead", "volunteers.RotaSlot", rota_slot),
    "volunteers:training_module_new": Replay("manager", "volunteers.TrainingModule", training_module, same_answers_make_a_second=False),
    "reports:costs": Replay("manager", "reports.CostEntry", cost),
    "reports:baseline": Replay("manager", "reports.Baseline", baseline),
    "notifications:broadcast_new": Replay("lead", "notifications.Broadcast", project_message),
    "documents:upload": Replay("worker", "documents.Document", document),
    "hub:resource_new": Replay("manager", "hub.Resource", hub_resource),
    "hub:feed_list": Replay("manager", "hub.Feed", hub_feed),
    "hub:signpost_new": Replay("worker", "hub.Signposting", signposting),
    "hub:signpost_at_drop_in": Replay("lead", "hub.Signposting", drop_in_signposting),
}

KEYED_BY_ITS_OWN_TOKEN = "its own unique token in the form (a repeat returns the first record)"
CHANGES_STATE = "sets a record to a state; sending it again leaves that state"
EDITS = "changes a record in place (an edit form, checked for conflicts), makes no new row"
SIGN_IN = "signing in or out, or a two-factor step; makes no record a repeat could double"
NATURAL_KEY = "a unique constraint on what it makes (a repeat finds the same row)"

OTHER_POSTS: dict[str, str] = {
    "reports:quarterly_pdf": "without a broker the PDF is sent at once and nothing is saved; with one, the form's key asks for"
    " the file once (downloads/tests/test_downloads.py)",
    "reports:export_table": "with a broker, the offer page's form asks for the file once by its key (downloads.views.asking);"
    " without one a GET sends the file and nothing is saved (downloads/tests/test_prepared_files.py)",
    "reports:mhsds_extract": "with a broker, the offer page's form asks for the file once by its key (downloads.views.asking);"
    " without one a GET sends the file",
    "interop:export_csv": "with a broker, the offer page's form asks for the file once by its key (downloads.views.asking);"
    " without one a GET sends the file",
    "interop:export_xlsx": "with a broker, the offer page's form asks for the file once by its key (downloads.views.asking);"
    " without one a GET sends the file",
    "records:request_export": "with a broker, the offer page's form asks for the JSON or ZIP once by its key"
    " (downloads.views.asking); without one a GET sends it",
    "records:request_released": "with a broker, the offer page's form asks for the JSON or ZIP once by its key"
    " (downloads.views.asking); without one a GET sends it",
    "choices:budget_move": CHANGES_STATE + " (a move along the pathway; the same move again is not allowed from where it now is)",
    "choices:budget_council": EDITS,
    "choices:budget_plan": EDITS,
    "choices:my_budget_plan": EDITS,
    "choices:line_remove": CHANGES_STATE + " (a line taken out of the plan stays out)",
    "choices:my_line_remove": CHANGES_STATE + " (a line taken out of the plan stays out)",
    "choices:goal_achieved": CHANGES_STATE + " (a goal marked done keeps its first date)",
    "choices:my_goal_achieved": CHANGES_STATE + " (a goal marked done keeps its first date)",
    "choices:profile": EDITS,
    "choices:my_profile": EDITS,
    "choices:placement_end": EDITS,
    "choices:my_placement_end": EDITS,
    "hub:resource_edit": EDITS,
    "hub:resource_retire": CHANGES_STATE,
    "hub:feed_refresh": "reads the feed again: records are upserted by the feed's own ids, so a repeat makes no new rows",
    "hub:follow_up": CHANGES_STATE + " (the follow-up's answer)",
    "hub:my_answer": CHANGES_STATE + " (the follow-up's answer)",
    "hub:save": NATURAL_KEY + " (a member saves a resource once: unique on person and resource)",
    "hub:unsave": CHANGES_STATE + " (a removed saved resource stays removed; removing it again changes nothing)",
    "notifications:delivery_receipt": CHANGES_STATE + " (a message's delivery status; the same receipt again changes nothing)",
    "notifications:stand_in_api": "GOV.UK Notify's stand-in (tests and make run only): authenticated by Notify's JWT, like Notify",
    "notifications:stand_in_receipt": CHANGES_STATE + " (the stand-in's delivery receipt, as Notify's callback)",
    "accounts:change_password": CHANGES_STATE,
    "documents:remove": CHANGES_STATE + " (a removed document stays removed; removing it again changes nothing)",
    "appointments:appointment": CHANGES_STATE + " (a booked appointment is closed once; closing it again is refused)",
    "appointments:cancel": CHANGES_STATE + " (a cancelled appointment stays cancelled)",
    "appointments:diary_link": "each link is its own random token; a new one ends the old",
    "portal:cancel_appointment": CHANGES_STATE + " (a cancelled appointment stays cancelled)",
    "accounts:role_change_decide": CHANGES_STATE + " (a pending role change is approved or refused once)",
    "accounts:passkey_name": CHANGES_STATE + " (the holder names their own passkey; sending it again sets the same name)",
    "accounts:passkey_remove": CHANGES_STATE + " (a removed passkey is gone; a repeat finds nothing to remove)",
    "accounts:passkey_register_begin": SIGN_IN,
    "accounts:passkey_register_complete": SIGN_IN + " (the browser's one-use challenge is spent on the first)",
    "accounts:passkey_verify_begin": SIGN_IN,
    "accounts:passkey_verify_complete": SIGN_IN,
    "accounts:stay_signed_in": SIGN_IN,
    "interop:crisis_plan_consent": CHANGES_STATE + " (consent to the current version is renewed or withdrawn)",
    "portal:stop_sharing": CHANGES_STATE + " (a withdrawn share stays withdrawn)",
    "referrals:identity_checked": CHANGES_STATE + " (the flag is cleared; clearing it again changes nothing)",
    "accounts:sign_in": SIGN_IN,
    "accounts:sign_out": SIGN_IN,
    "accounts:sign_out_other_sessions": SIGN_IN,
    "accounts:two_factor_check": SIGN_IN,
    "accounts:two_factor_set_up": SIGN_IN,
    "accounts:user_detail": EDITS,
    "accounts:user_end_sessions": SIGN_IN,
    "accounts:user_new": "a unique username (Django's user model): a repeat is refused as taken",
    "accounts:service_new": "a unique service name: a repeat is refused as taken",
    "accounts:team_new": "a team's name is unique within its service: a repeat is refused as taken",
    "accounts:user_place": CHANGES_STATE + " (puts the user in a team or service; sending it again puts them in the same one)",
    "accounts:user_reset_two_factor": CHANGES_STATE,
    "accounts:user_set_password": CHANGES_STATE,
    "people:break_glass_review": CHANGES_STATE,
    "community:activity_edit": EDITS,
    "community:enrol": NATURAL_KEY,
    "community:enrolment_complete": CHANGES_STATE,
    "community:enrolment_withdraw": CHANGES_STATE,
    "community:project_edit": EDITS,
    "community:project_lead_add": NATURAL_KEY,
    "community:register_headcount": "sets the number, never adds to it",
    "community:register_mark": NATURAL_KEY + " (one attendance per session and person)",
    "community:register_unmark": CHANGES_STATE,
    "community:session_cancel": CHANGES_STATE,
    "community:session_roster_add": NATURAL_KEY,
    "community:sessions_generate": NATURAL_KEY + " (one session per activity and start)",
    "community:venue_edit": EDITS,
    "questions:edit": EDITS,
    "questions:person_answers": EDITS,
    "community:crisis_place_edit": EDITS,
    "enablement:episode_end": NATURAL_KEY + " (one move-on per episode)",
    "interop:legacy_import": CHANGES_STATE + " (an import run is imported once)",
    "interop:legacy_map": EDITS,
    "interop:token_expire": CHANGES_STATE,
    "interop:token_revoke": CHANGES_STATE,
    "involvement:activity_edit": EDITS,
    "involvement:complaint_move": CHANGES_STATE,
    "involvement:decision_edit": EDITS,
    "involvement:decision_publish": CHANGES_STATE,
    "involvement:feedback_new": KEYED_BY_ITS_OWN_TOKEN,
    "involvement:feedback_new_for_person": KEYED_BY_ITS_OWN_TOKEN,
    "involvement:feedback_public": KEYED_BY_ITS_OWN_TOKEN,
    "involvement:my_feedback": KEYED_BY_ITS_OWN_TOKEN,
    "involvement:participant_add": NATURAL_KEY,
    "involvement:participant_remove": CHANGES_STATE,
    "involvement:theme_toggle": CHANGES_STATE,
    "outcomes:wording": CHANGES_STATE
    + " (the wording of the instrument the file names is set from the file; nothing is typed, the same file sets the same wording)",
    "outcomes:wording_enter": EDITS,
    "people:alert_end": CHANGES_STATE,
    "people:break_glass": CHANGES_STATE + " (one open emergency access per person and user)",
    "people:caseload": NATURAL_KEY,
    "people:caseload_end": CHANGES_STATE,
    "people:edit": EDITS,
    "people:equality": EDITS,
    "people:search": "a search; writes only the audit of what was shown",
    "casesearch:search": "a search in notes; keeps the words in the session and writes only the audit of what was shown",
    "plans:edit": EDITS,
    "portal:accept_invitation": SIGN_IN,
    "portal:consents": EDITS,
    "portal:edit_document": EDITS,
    "portal:email_link": SIGN_IN,
    "portal:invite": SIGN_IN,
    "portal:language": CHANGES_STATE,
    "portal:link_sign_in": SIGN_IN,
    "portal:make_download": CHANGES_STATE + " (one download being made at a time; with a broker, the form's token asks the worker once)",
    "records:rectification_amend": EDITS,
    "records:rectification_close": CHANGES_STATE,
    "records:request_action": CHANGES_STATE,
    "records:request_decide": CHANGES_STATE,
    "records:retention_destroy": CHANGES_STATE,
    "records:retention_keep": CHANGES_STATE,
    "referrals:allocate": CHANGES_STATE,
    "referrals:referrer_told": CHANGES_STATE,
    "referrals:self_referral": KEYED_BY_ITS_OWN_TOKEN,
    "referrals:triage": CHANGES_STATE,
    "referrals:withdraw": CHANGES_STATE,
    "safeguarding:concern_update": EDITS,
    "volunteers:apply": KEYED_BY_ITS_OWN_TOKEN,
    "volunteers:change_stage": CHANGES_STATE,
    "volunteers:confirm_hours": CHANGES_STATE,
    "volunteers:confirm_slot_hours": NATURAL_KEY + " (one hours entry per rota slot)",
    "volunteers:expense_decide": CHANGES_STATE,
    "volunteers:fill_slot": CHANGES_STATE,
    "volunteers:link_person": CHANGES_STATE,
    "volunteers:offer": KEYED_BY_ITS_OWN_TOKEN,
    "volunteers:projects_edit": EDITS,
    "volunteers:record_interest": KEYED_BY_ITS_OWN_TOKEN,
    "volunteers:record_offer_for_person": KEYED_BY_ITS_OWN_TOKEN,
    "volunteers:take_slot": CHANGES_STATE,
    "volunteers:training_module_delete": CHANGES_STATE,
    "volunteers:training_module_edit": EDITS,
    "volunteers:training_module_retire": CHANGES_STATE,
}


def _rectification_amend(world: World) -> tuple[str, str, str, dict[str, Any]]:
    from django.urls import reverse

    from records.tests.url_access import rectification

    # typed here until records/tests/url_access.py annotates it
    rectification_kwargs: Callable[[World], dict[str, Any]] = rectification
    kwargs = rectification_kwargs(world)
    shown = reverse("records:rectification_detail", kwargs=kwargs) + "?field_name=phone"
    return "manager", shown, reverse("records:rectification_amend", kwargs=kwargs), {"amendment_reason": "They told us by letter"}


# Edit forms shown on a different page from the address they post to (that address takes only a
# POST): who opens them, the page that shows the form, the address it posts to, and the answers a
# person must add before it can be saved.
EDITS_SHOWN_ELSEWHERE: dict[str, Callable[[World], tuple[str, str, str, dict[str, Any]]]] = {
    "records:rectification_amend": _rectification_amend,
}


def new_key() -> str:
    return str(uuid.uuid4())
