"""Check each row of an old system's file against STaR's fields, listing every problem by row
and column, before anything is written. One list of fields per kind of file."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models
from django.utils import timezone
from localflavor.gb.forms import GBPostcodeField

from core.text import MESSAGE, normalise, spoofing_characters
from core.time_input import time_of_day
from enablement.models import Contact
from interop.legacy.models import DateFormat, ImportKind
from people import equality, nhs_number
from people.forms import clean_phone_number
from people.models.person import ContactMethod
from questions.models import Question
from referrals.models import Referral


def _choices(choices: type[models.TextChoices], **more: str) -> dict[str, str]:
    """Accepted words (lower case) -> stored value: each value, each label, and the old systems' usual words."""
    accepted = {str(value).casefold(): str(value) for value in choices.values}
    accepted |= {str(label).casefold(): str(value) for value, label in choices.choices}
    accepted |= {word.replace("_", " "): value for word, value in more.items()}
    return accepted


YES_NO = {"yes": "yes", "y": "yes", "true": "yes", "1": "yes", "no": "no", "n": "no", "false": "no", "0": "no"}


@dataclass(frozen=True)
class TargetField:
    name: str
    label: str
    required: bool = False
    max_length: int = 200
    type: str = "text"  # text | date | past_date | nhs | time | minutes | choice | email | postcode | phone
    choices: dict[str, str] | None = None  # accepted words (lower case) -> stored value
    shown: dict[str, str] | None = None  # stored value -> the words STaR shows for it
    question: Question | None = None  # one of the service's own questions (type "own_question")

    @property
    def allowed(self) -> str:
        """The words to suggest when a value is not one STaR knows."""
        return "; ".join(self.shown.values()) if self.shown else "; ".join(sorted(set(self.choices or {})))


PERSON_LINK_FIELDS: tuple[TargetField, ...] = (
    TargetField("person_legacy_id", "Old system's person id"),
    TargetField("nhs_number", "NHS number", type="nhs"),
    TargetField("given_name", "First name", max_length=100),
    TargetField("family_name", "Last name", max_length=100),
    TargetField("date_of_birth", "Date of birth", type="past_date"),
)


def _ethnicities() -> dict[str, str]:
    """ONS 2021 answers by their value, their full label, the words after the group ("Indian"),
    where those name one answer, and the NHS 2001 letter codes that name one answer ("H")."""
    accepted = _choices(equality.Ethnicity2021, not_known=equality.NOT_ASKED, not_stated=equality.DECLINED)
    tails: dict[str, list[str]] = {}
    for value, label in equality.Ethnicity2021.choices:
        tails.setdefault(str(label).split(": ", 1)[-1].casefold(), []).append(str(value))
    accepted |= {tail: values[0] for tail, values in tails.items() if len(values) == 1 and tail not in accepted}
    codes: dict[str, list[str]] = {}
    for value, code in equality.NHS_ETHNIC_CATEGORY_2001.items():
        codes.setdefault(code.casefold(), []).append(str(value))
    accepted |= {code: values[0] for code, values in codes.items() if len(values) == 1 and code not in accepted}
    return accepted


YES_NO_SHOWN = {"yes": "Yes", "no": "No"}

PEOPLE_FIELDS: tuple[TargetField, ...] = (
    TargetField("legacy_id", "Old system's id"),
    TargetField("given_name", "First name", required=True, max_length=100),
    TargetField("family_name", "Last name", required=True, max_length=100),
    TargetField("date_of_birth", "Date of birth", required=True, type="past_date"),
    TargetField("nhs_number", "NHS number", type="nhs"),
    TargetField("preferred_name", "Preferred name", max_length=100),
    TargetField("pronouns", "Pronouns", max_length=40),
    TargetField("phone", "Phone number", max_length=30, type="phone"),
    TargetField("email", "Email address", max_length=254, type="email"),
    TargetField(
        "preferred_contact_method",
        "How they prefer to be contacted",
        type="choice",
        choices=_choices(ContactMethod, telephone="phone", mobile="text", sms="text", e_mail="email", post="letter"),
        shown=dict(ContactMethod.choices),
    ),
    # The address as the person form takes it (people.forms.PersonForm).
    TargetField("address_line_1", "Address line 1", max_length=200),
    TargetField("address_line_2", "Address line 2", max_length=200),
    TargetField("town", "Town or city", max_length=100),
    TargetField("postcode", "Postcode", max_length=8, type="postcode"),
    TargetField("no_fixed_abode", "No fixed address", type="choice", choices=YES_NO, shown=YES_NO_SHOWN),
    TargetField("gp_practice_name", "GP practice", max_length=200),
    TargetField("gp_practice_code", "GP practice code", max_length=10),
    TargetField("first_language", "First language", max_length=60),
    TargetField("interpreter_needed", "They need an interpreter", type="choice", choices=YES_NO, shown=YES_NO_SHOWN),
    TargetField("communication_needs", "Communication needs", max_length=5000),
    TargetField("emergency_contact_name", "Emergency contact name", max_length=200),
    TargetField("emergency_contact_relationship", "Relationship to the person", max_length=100),
    TargetField("emergency_contact_phone", "Emergency contact phone number", max_length=30, type="phone"),
    # Equality monitoring (people.EqualityMonitoring): the ONS 2021 answers.
    TargetField("ethnicity", "Ethnicity", type="choice", choices=_ethnicities(), shown=dict(equality.Ethnicity2021.choices)),
)

REFERRAL_FIELDS: tuple[TargetField, ...] = (
    TargetField("legacy_id", "Old system's referral id", required=True, max_length=100),
    *PERSON_LINK_FIELDS,
    TargetField("received_on", "Date received", required=True, type="past_date"),
    TargetField(
        "source",
        "Who referred",
        required=True,
        type="choice",
        choices=_choices(Referral.Source, general_practitioner="gp", self_referral="self", friend="family", other="other_service"),
        shown=dict(Referral.Source.choices),
    ),
    TargetField(
        "status",
        "Status",
        required=True,
        type="choice",
        choices=_choices(
            Referral.Status,
            open="awaiting_triage",
            new="awaiting_triage",
            accepted="waiting",
            waiting_list="waiting",
            signposted_elsewhere="elsewhere",
        ),
        shown=dict(Referral.Status.choices),
    ),
    TargetField("status_on", "Date of the last status change", type="past_date"),
    TargetField("urgency", "Urgency", type="choice", choices=_choices(Referral.Urgency), shown=dict(Referral.Urgency.choices)),
    TargetField("consent", "The person agreed to the referral", type="choice", choices=YES_NO, shown={"yes": "Yes", "no": "No"}),
    TargetField("referrer_name", "Referrer's name"),
    TargetField("referrer_organisation", "Referrer's organisation"),
    TargetField("reason", "Reason for the referral", max_length=5000),
)

CONTACT_FIELDS: tuple[TargetField, ...] = (
    TargetField("legacy_id", "Old system's contact id", required=True, max_length=100),
    *PERSON_LINK_FIELDS,
    TargetField("contact_date", "Date of the contact", required=True, type="past_date"),
    TargetField("start_time", "Start time", required=True, type="time"),
    TargetField("minutes", "Length in minutes", required=True, type="minutes"),
    TargetField(
        "mode",
        "How it happened",
        required=True,
        type="choice",
        choices=_choices(Contact.Mode, face_to_face="face_to_face", telephone="phone", video="video", home_visit="face_to_face"),
        shown=dict(Contact.Mode.choices),
    ),
    TargetField(
        "outcome",
        "Outcome",
        type="choice",
        choices=_choices(Contact.Outcome, dna="did_not_attend", attended="attended", seen="attended", cancelled="cancelled_by_person"),
        shown=dict(Contact.Outcome.choices),
    ),
    TargetField("worker_name", "Worker's name"),
    TargetField("notes", "What was done", max_length=10000),
)

ATTENDANCE_FIELDS: tuple[TargetField, ...] = (
    *PERSON_LINK_FIELDS,
    TargetField("project", "Project", required=True),
    TargetField("activity", "Activity (group or drop-in)"),
    TargetField("attended_on", "Date attended", required=True, type="past_date"),
    TargetField("start_time", "Session start time", type="time"),
    TargetField("end_time", "Session end time", type="time"),
)

KIND_FIELDS: dict[str, tuple[TargetField, ...]] = {
    ImportKind.PEOPLE: PEOPLE_FIELDS,
    ImportKind.REFERRALS: REFERRAL_FIELDS,
    ImportKind.CONTACTS: CONTACT_FIELDS,
    ImportKind.ATTENDANCES: ATTENDANCE_FIELDS,
}
LABELS = {target.name: target.label for target in PEOPLE_FIELDS}


# Where the service's own questions answered in each kind of file are asked (questions.Question.Place).
OWN_QUESTION_PLACES: dict[str, tuple[str, ...]] = {
    ImportKind.PEOPLE: (Question.Place.PERSON,),
    ImportKind.REFERRALS: (Question.Place.REFERRAL, Question.Place.SELF_REFERRAL),
    ImportKind.CONTACTS: (Question.Place.CONTACT,),
}


def own_question_fields(kind: str) -> tuple[TargetField, ...]:
    """The service's own questions asked where this kind of record is made, each a field a
    column can fill (one query). Optional here even where the form needs an answer: an old
    system's records were made before the question was asked."""
    places = OWN_QUESTION_PLACES.get(kind)
    if not places:
        return ()
    questions = Question.objects.filter(place__in=places, retired=False).order_by("place", "order", "pk")
    return tuple(
        TargetField(
            f"question_{question.pk}",
            question.wording,
            max_length=5000 if question.answer_type == Question.AnswerType.LONG_TEXT else 500,
            type="own_question",
            question=question,
        )
        for question in questions
    )


def fields_for(kind: str) -> tuple[TargetField, ...]:
    return KIND_FIELDS[kind] + own_question_fields(kind)


def labels_for(kind: str) -> dict[str, str]:
    return {target.name: target.label for target in fields_for(kind)}


SLASHED_DATE = re.compile(r"^(?P<first>\d{1,2})[/.-](?P<second>\d{1,2})[/.-](?P<year>\d{4})$")
ISO_DATE = re.compile(r"^(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})$")
# The web forms' earliest year (core.date_input.DateInputField): the import refuses what they refuse.
EARLIEST_YEAR = 1900
POSTCODE = GBPostcodeField(required=False)  # the person form's postcode field and its normal form
NHS_MESSAGES = {
    nhs_number.Problem.NOT_DIGITS: "NHS number must be 10 digits",
    nhs_number.Problem.WRONG_LENGTH: "NHS number must be 10 digits",
    nhs_number.Problem.CHECK_DIGIT: "NHS number is not valid (its check digit is wrong): check it against the old record",
    nhs_number.Problem.NOT_ISSUED: "NHS number is not one the NHS issues: check it against the old record",
}


class AmbiguousDate(ValueError):
    """03/04/1985 with no date format stated: 3 April or 4 March."""


def parse_date(text: str, date_format: str = DateFormat.UNSTATED) -> date | None:
    """A date as the mapping's format says; None when it is not a real date in that format.

    With no format stated, 27/03/1990, 27-03-1990, 27.03.1990 and 1990-03-27 are read (the UK
    way), but a date whose day and month could be swapped (03/04/1985) raises AmbiguousDate."""
    text = text.strip()
    found = ISO_DATE.match(text)
    if found:
        return _real_date(int(found["year"]), int(found["month"]), int(found["day"]))
    found = SLASHED_DATE.match(text)
    if not found or date_format == DateFormat.ISO:
        return None
    first, second, year = int(found["first"]), int(found["second"]), int(found["year"])
    if date_format == DateFormat.MONTH_FIRST:
        return _real_date(year, first, second)
    if date_format == DateFormat.UNSTATED and first != second and first <= 12 and second <= 12:
        raise AmbiguousDate(text)
    return _real_date(year, second, first)


def _real_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_uk_date(text: str) -> date | None:
    """27/03/1990, 27-03-1990, 27.03.1990 or 1990-03-27 (day first); None when it is not a real date."""
    return parse_date(text, DateFormat.DAY_FIRST)


@dataclass(frozen=True)
class Problem:
    row: int  # the row number as a spreadsheet shows it (the heading is row 1)
    column: str
    message: str

    def as_dict(self) -> dict[str, object]:
        return {"row": self.row, "column": self.column, "message": self.message}


@dataclass
class CheckedRow:
    row: int
    values: dict[str, Any]  # field name -> text, date, time, number or None, as the field's type says
    problems: list[Problem] = field(default_factory=list)
    links: dict[str, Any] = field(default_factory=dict)  # what the row refers to in STaR, found while importing

    def add_problem(self, column: str, message: str) -> None:
        self.problems.append(Problem(self.row, column, message))


Report = Callable[[str, str], None]  # (field name, message)


def _check_value(target: TargetField, text: str, problem: Report, today: date, date_format: str = "") -> object:
    """The value of one cell as its field's type says (reporting any problem), one checker a type."""
    return _CHECKS.get(target.type, _check_text)(target, text, problem, today, date_format)


def _check_date(target: TargetField, text: str, problem: Report, today: date, date_format: str) -> object:
    try:
        parsed = parse_date(text, date_format)
    except AmbiguousDate:
        problem(
            target.name,
            f"'{text}' could be read day first or month first: say how the file writes dates "
            "(day first, month first or year first) when you match the columns",
        )
        return None
    if parsed is None:
        problem(target.name, f"'{text}' is not a date: {_date_advice(date_format)}")
    elif parsed.year < EARLIEST_YEAR:
        problem(target.name, f"{target.label} must be after {EARLIEST_YEAR} ('{text}')")
    elif target.type == "past_date" and parsed > today:
        problem(target.name, f"{target.label} is in the future")
    return parsed


def _check_email(target: TargetField, text: str, problem: Report, today: date, date_format: str) -> object:
    try:
        validate_email(text)
    except ValidationError:
        problem(target.name, f"'{text}' is not an email address: it should look like name@example.org")
    return text[: target.max_length]


def _check_postcode(target: TargetField, text: str, problem: Report, today: date, date_format: str) -> object:
    try:
        return str(POSTCODE.clean(text))
    except ValidationError:
        problem(target.name, f"'{text}' is not a real UK postcode: it should look like B1 1AA")
        return text[: target.max_length]


def _check_phone(target: TargetField, text: str, problem: Report, today: date, date_format: str) -> object:
    try:
        return clean_phone_number(text)
    except ValidationError:
        problem(target.name, f"'{text}' is not a phone number: use 10 or 11 digits, like 0121 496 0000 or 07700 900 982")
        return text[: target.max_length]


def _check_nhs(target: TargetField, text: str, problem: Report, today: date, date_format: str) -> object:
    found = nhs_number.problem_with(text, accept_synthetic=settings.STAR_ACCEPT_SYNTHETIC_NHS_NUMBERS)
    if found is not None:
        problem(target.name, f"{NHS_MESSAGES[found]} ('{text}')")
    return nhs_number.normalise(text)


def _check_time(target: TargetField, text: str, problem: Report, today: date, date_format: str) -> object:
    moment = time_of_day(text)
    if moment is None:
        problem(target.name, f"'{text}' is not a time: use hours and minutes, like 14:30")
    return moment


def _check_minutes(target: TargetField, text: str, problem: Report, today: date, date_format: str) -> object:
    if not text.isdigit() or not 1 <= int(text) <= 24 * 60:
        problem(target.name, f"'{text}' is not a number of minutes: use a whole number from 1 to 1440")
        return None
    return int(text)


def _check_choice(target: TargetField, text: str, problem: Report, today: date, date_format: str) -> object:
    assert target.choices is not None
    chosen = target.choices.get(text.casefold())
    if chosen is None:
        problem(target.name, f"'{text}' is not one of STaR's choices for {target.label.lower()}: use one of {target.allowed}")
    return chosen


def _check_text(target: TargetField, text: str, problem: Report, today: date, date_format: str) -> object:
    if len(text) > target.max_length:
        problem(target.name, f"{target.label} is longer than {target.max_length} characters")
    if target.max_length <= 200 and spoofing_characters(text):
        # Names and other one-line identifying text (core.text); long free text may hold line breaks.
        problem(target.name, f"{target.label}: {MESSAGE}")
    return normalise(text)


WHOLE_NUMBER = re.compile(r"^[+-]?\d{1,9}$")


def _check_own_answer(target: TargetField, text: str, problem: Report, today: date, date_format: str) -> object:
    """An answer to one of the service's own questions, checked as its form field checks it
    (questions.forms), and kept as the answer is stored: choices one a line, a date as YYYY-MM-DD."""
    question = target.question
    assert question is not None
    kinds = Question.AnswerType
    wording = question.wording
    if question.answer_type == kinds.YES_NO:
        answer = YES_NO.get(text.casefold())
        if answer is None:
            problem(target.name, f"'{text}' is not an answer to ‘{wording}’: use Yes or No")
            return None
        return YES_NO_SHOWN[answer]
    if question.answer_type in Question.CHOICE_TYPES:
        options = {option.casefold(): option for option in question.choice_list()}
        given = [part.strip() for part in re.split(r"[;\n|]", text) if part.strip()]
        if question.answer_type == kinds.ONE_CHOICE:
            given = [text]
        unknown = [part for part in given if part.casefold() not in options]
        if unknown:
            several = " (several answers separated by ;)" if question.answer_type == kinds.SEVERAL_CHOICES else ""
            problem(
                target.name, f"'{unknown[0]}' is not one of the answers to ‘{wording}’: use one of {'; '.join(options.values())}{several}"
            )
            return None
        return "\n".join(dict.fromkeys(options[part.casefold()] for part in given))
    if question.answer_type == kinds.DATE:
        parsed = _check_date(TargetField(target.name, wording, type="date"), text, problem, today, date_format)
        return parsed.isoformat() if isinstance(parsed, date) and parsed.year >= EARLIEST_YEAR else None
    if question.answer_type == kinds.WHOLE_NUMBER:
        compact = text.replace(",", "")
        if not WHOLE_NUMBER.match(compact):
            problem(target.name, f"'{text}' is not an answer to ‘{wording}’: it must be a whole number, like 3")
            return None
        return str(int(compact))
    if len(text) > target.max_length:
        problem(target.name, f"The answer to ‘{wording}’ must be {target.max_length:,} characters or fewer")
        return None
    return normalise(text)


_CHECKS: dict[str, Callable[[TargetField, str, Report, date, str], object]] = {
    "own_question": _check_own_answer,
    "date": _check_date,
    "past_date": _check_date,
    "email": _check_email,
    "postcode": _check_postcode,
    "phone": _check_phone,
    "nhs": _check_nhs,
    "time": _check_time,
    "minutes": _check_minutes,
    "choice": _check_choice,
}


def _date_advice(date_format: str) -> str:
    if date_format == DateFormat.MONTH_FIRST:
        return "use month/day/year, like 03/27/1990, as the mapping says"
    if date_format == DateFormat.ISO:
        return "use year-month-day, like 1990-03-27, as the mapping says"
    return "use day/month/year, like 27/03/1990"


def check_row(
    *,
    row_number: int,
    cells: dict[str, str],
    columns: dict[str, str],
    kind: str = ImportKind.PEOPLE,
    labels: dict[str, str] | None = None,
    today: date | None = None,
    date_format: str = DateFormat.UNSTATED,
    targets: tuple[TargetField, ...] | None = None,
) -> CheckedRow:
    """`cells` maps STaR field -> raw text; `columns` maps STaR field -> the file's heading.
    (`labels`, `today` and `targets` may be passed in, worked out once for a whole file; the
    fields checked are the kind's own unless `targets` is given: `fields_for(kind)` adds the
    service's own questions, read from the database.)"""
    checked = CheckedRow(row=row_number, values={})
    targets = targets if targets is not None else KIND_FIELDS[kind]
    labels = labels or {target.name: target.label for target in targets}
    today = today or timezone.localdate()

    def problem(name: str, message: str) -> None:
        checked.add_problem(columns.get(name, labels[name]), message)

    for target in targets:
        text = cells.get(target.name, "").strip()
        if not text:
            if target.required:
                problem(target.name, f"Enter the {target.label.lower()}: it is empty")
            checked.values[target.name] = "" if target.type in ("text", "nhs") else None
            continue
        checked.values[target.name] = _check_value(target, text, problem, today, date_format)
    if kind == ImportKind.PEOPLE and checked.values.get("postcode") and checked.values.get("no_fixed_abode") == "yes":
        # As the person form says (people.forms.PersonForm.clean).
        problem("postcode", "Remove the postcode, or say they have a fixed address: the row says both")
    if kind != ImportKind.PEOPLE and not checked.values.get("person_legacy_id"):
        missing = [name for name in ("given_name", "family_name", "date_of_birth") if not checked.values.get(name)]
        if missing and not any(p.column in {columns.get(name) for name in missing} for p in checked.problems):
            checked.add_problem(
                "Whole row",
                "Say who this is: give the old system's person id, or their first name, last name and date of birth",
            )
    return checked


def identity(values: dict[str, object]) -> tuple[object, ...]:
    """What makes two rows the same person: NHS number, names and date of birth."""
    return (
        values.get("nhs_number") or "",
        str(values.get("given_name") or "").casefold(),
        str(values.get("family_name") or "").casefold(),
        values.get("date_of_birth"),
    )


def person_key(values: dict[str, object]) -> tuple[object, ...]:
    """Who a referral, contact or attendance row is about, as the file says it."""
    legacy = values.get("person_legacy_id")
    return ("id", str(legacy)) if legacy else ("who", *identity(values))


def _repeat_key(kind: str, values: dict[str, object]) -> tuple[object, ...] | None:
    """What makes two rows of this kind the same row (besides the old system's own id)."""
    if kind == ImportKind.PEOPLE:
        return identity(values)
    if kind == ImportKind.ATTENDANCES:
        where = (str(values.get("project") or "").casefold(), str(values.get("activity") or "").casefold())
        return (person_key(values), *where, values.get("attended_on"), values.get("start_time"))
    return None


def check_rows(
    *,
    headings: list[str],
    rows: Iterable[list[str]],
    columns: dict[str, str],
    kind: str = ImportKind.PEOPLE,
    date_format: str = DateFormat.UNSTATED,
    targets: tuple[TargetField, ...] | None = None,
) -> list[CheckedRow]:
    """Every row checked; a row repeating an earlier one (same old id, or same person) is a problem.
    `targets` as for check_row: the service passes `fields_for(kind)`."""
    index = {heading: position for position, heading in enumerate(headings)}
    positions = {name: index[heading] for name, heading in columns.items() if heading in index}
    seen_ids: dict[str, int] = {}
    seen_rows: dict[tuple[object, ...], int] = {}
    repeated = "Same person as row {}: remove the repeated row" if kind == ImportKind.PEOPLE else "Same as row {}: remove the repeated row"
    checked_rows = []
    targets, today = (targets if targets is not None else KIND_FIELDS[kind]), timezone.localdate()
    labels = {target.name: target.label for target in targets}
    for offset, row in enumerate(rows):
        row_number = offset + 2
        cells = {name: row[position] for name, position in positions.items()}
        checked = check_row(
            row_number=row_number,
            cells=cells,
            columns=columns,
            kind=kind,
            labels=labels,
            today=today,
            date_format=date_format,
            targets=targets,
        )
        legacy_id = str(checked.values.get("legacy_id") or "")
        if legacy_id:
            if legacy_id in seen_ids:
                checked.add_problem(columns["legacy_id"], f"Same id as row {seen_ids[legacy_id]}: remove the repeated row")
            seen_ids.setdefault(legacy_id, row_number)
        key = _repeat_key(kind, checked.values)
        if key is not None and not checked.problems:
            if key in seen_rows:
                checked.add_problem("Whole row", repeated.format(seen_rows[key]))
            seen_rows.setdefault(key, row_number)
        checked_rows.append(checked)
    return checked_rows
