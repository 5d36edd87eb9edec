"""Forms for community projects. Messages say what to do."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from localflavor.gb.forms import GBPostcodeField

from accounts.models import Team, User
from accounts.roles import Role
from community.models import (
    Activity,
    ActivityCategory,
    ActivityKind,
    CrisisPlace,
    CrisisPlaceKind,
    Frequency,
    Project,
    Schedule,
    Venue,
    Weekday,
    WeekOfMonth,
)
from community.reference.postcode_districts import areas
from core.date_input import DateInputField
from core.text import IdentifyingTextField

TIME_HINT = "Use the 24-hour clock, for example 10:00 or 14:30"


def _time_field(label: str) -> forms.TimeField:
    return forms.TimeField(
        label=label,
        help_text=TIME_HINT,
        input_formats=["%H:%M", "%H.%M", "%H:%M:%S"],
        error_messages={"required": f"Enter the {label.lower()}", "invalid": f"Enter the {label.lower()} as a time, for example 10:00"},
        widget=forms.TextInput(attrs={"width": 5, "inputmode": "numeric"}),
    )


class ProjectForm(forms.ModelForm[Project]):
    contact_name = IdentifyingTextField(label="Contact name", max_length=100, required=False)
    supporting_worker = forms.ModelChoiceField(
        queryset=User.objects.filter(role=Role.STR_WORKER, is_active=True).order_by("first_name"),
        required=False,
        label="STR worker who supports it",
        empty_label="No one yet",
    )
    team = forms.ModelChoiceField(
        queryset=Team.objects.none(),
        label="Team that runs it",
        empty_label="Choose a team",
        error_messages={"required": "Choose the team that runs it", "invalid_choice": "Choose one of your service's teams"},
    )

    def __init__(self, *args: Any, teams: list[Team] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Only the user's own service's teams (docs/teams.md); no choice on an install with one team.
        choices = teams or []
        if len(choices) > 1:
            field = self.fields["team"]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = Team.objects.filter(pk__in=[team.pk for team in choices]).order_by("name")
        else:
            del self.fields["team"]
        if choices:
            workers = self.fields["supporting_worker"]
            assert isinstance(workers, forms.ModelChoiceField)
            services = {team.service_id for team in choices}
            workers.queryset = (
                User.objects.filter(role=Role.STR_WORKER, is_active=True)
                .filter(Q(service_id__in=services) | Q(service__isnull=True))
                .order_by("first_name")
            )

    class Meta:
        model = Project
        fields = [
            "name",
            "description",
            "who_it_is_for",
            "lead_organisation",
            "contact_name",
            "contact_email",
            "contact_phone",
            "supporting_worker",
            "team",
        ]
        error_messages = {
            "name": {"required": "Enter the project's name", "unique": "There is already a project with this name"},
            "description": {"required": "Describe what the project does"},
            "who_it_is_for": {"required": "Say who the project is for"},
            "lead_organisation": {"required": "Enter the group or organisation that leads it"},
            "contact_email": {"invalid": "Enter an email address like name@example.org"},
        }


class ProjectLeadForm(forms.Form):
    user = forms.ModelChoiceField(
        queryset=User.objects.filter(role=Role.PROJECT_LEAD, is_active=True).order_by("first_name"),
        label="Project lead",
        empty_label="Choose a project lead",
        error_messages={"required": "Choose a project lead"},
    )


class VenueForm(forms.ModelForm[Venue]):
    postcode = GBPostcodeField(
        label="Postcode", error_messages={"required": "Enter the postcode", "invalid": "Enter a real postcode, like B13 9AB"}
    )
    area = forms.ChoiceField(label="Area of the city", choices=[("", "Choose an area"), *[(a, a) for a in areas()]], required=False)

    class Meta:
        model = Venue
        fields = [
            "name",
            "address_1",
            "address_2",
            "city",
            "postcode",
            "area",
            "step_free_access",
            "accessible_toilet",
            "hearing_loop",
            "quiet_room",
            "public_transport",
            "directions",
        ]
        error_messages = {"name": {"required": "Enter the venue's name"}, "address_1": {"required": "Enter the first line of the address"}}


class ActivityForm(forms.ModelForm[Activity]):
    kind = forms.ChoiceField(
        label="Drop-in or group",
        choices=ActivityKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose drop-in or group"},
    )
    category = forms.ChoiceField(
        label="Kind of activity",
        choices=[("", "Choose a kind of activity"), *ActivityCategory.choices],
        error_messages={"required": "Choose a kind of activity"},
    )
    starts_on = DateInputField(label="Start date", required=False, help_text="Only for courses. For example, 15 9 2026")
    ends_on = DateInputField(label="End date", required=False, help_text="Only for courses")
    capacity = forms.IntegerField(
        label="Places",
        required=False,
        min_value=1,
        help_text="Only for courses: the most people who can enrol",
        error_messages={"min_value": "Enter a number of places of 1 or more", "invalid": "Enter the number of places as a number, like 12"},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "width": 3}),
    )

    class Meta:
        model = Activity
        fields = [
            "name",
            "description",
            "kind",
            "category",
            "venue",
            "is_course",
            "starts_on",
            "ends_on",
            "capacity",
            "how_to_join",
            "closed_on_bank_holidays",
        ]
        error_messages = {
            "name": {"required": "Enter the activity's name"},
            "description": {"required": "Describe the activity"},
            "venue": {"required": "Choose the venue"},
            "how_to_join": {"required": "Say how people can join"},
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["venue"].empty_label = "Choose a venue"  # type: ignore[attr-defined]

    def _post_clean(self) -> None:
        # The model's checks repeat a field's own error ("enter the places") after the field has
        # already said what is wrong ("1 or more"): show one message per field.
        super()._post_clean()  # type: ignore[misc]
        for errors in self.errors.values():
            del errors[1:]


class ScheduleForm(forms.ModelForm[Schedule]):
    frequency = forms.ChoiceField(label="How often", choices=Frequency.choices, widget=forms.RadioSelect, initial=Frequency.WEEKLY)
    weekday = forms.TypedChoiceField(
        label="Day of the week", coerce=int, choices=[("", "Choose a day"), *Weekday.choices], error_messages={"required": "Choose the day"}
    )
    week_of_month = forms.TypedChoiceField(
        label="Which week of the month", coerce=int, required=False, empty_value=None, choices=[("", "Not monthly"), *WeekOfMonth.choices]
    )
    opens_at = _time_field("Start time")
    closes_at = _time_field("Finish time")
    valid_from = DateInputField(label="First date")
    valid_to = DateInputField(label="Last date", required=False, help_text="Leave empty if it carries on")

    class Meta:
        model = Schedule
        fields = ["frequency", "weekday", "week_of_month", "opens_at", "closes_at", "valid_from", "valid_to"]


class CancelSessionForm(forms.Form):
    reason = forms.CharField(
        label="Why is it cancelled?",
        help_text="Members will see this, for example: The venue is closed for repairs",
        max_length=200,
        error_messages={"required": "Enter the reason the session is cancelled"},
    )


class ClosureForm(forms.Form):
    date = DateInputField(label="Date it is closed")
    reason = forms.CharField(
        label="Why is it closed?",
        help_text="Members will see this",
        max_length=200,
        error_messages={"required": "Enter the reason it is closed"},
    )


class RosterForm(forms.Form):
    user = forms.ModelChoiceField(
        queryset=User.objects.filter(role__in=[Role.VOLUNTEER, Role.PROJECT_LEAD], is_active=True).order_by("first_name"),
        label="Who is on duty",
        empty_label="Choose a volunteer or lead",
        error_messages={"required": "Choose who is on duty"},
    )


class RegisterSearchForm(forms.Form):
    q = forms.CharField(
        label="Find by first name",
        required=False,
        max_length=50,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false", "type": "search"}),
    )


class HeadcountForm(forms.Form):
    headcount = forms.IntegerField(
        label="People who came without giving their name",
        min_value=0,
        max_value=500,
        error_messages={
            "required": "Enter how many people came without giving their name, or 0",
            "invalid": "Enter a number, like 4",
            "min_value": "Enter a number of people, 0 or more",
            "max_value": "Enter a number of people, 500 or fewer",
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric", "width": 3}),
    )


class NewRegularForm(forms.Form):
    given_name = IdentifyingTextField(label="First name", max_length=100, error_messages={"required": "Enter their first name"})
    family_name = IdentifyingTextField(label="Last name (optional)", max_length=100, required=False)


class EnrolForm(forms.Form):
    person = forms.TypedChoiceField(label="Who is joining", choices=[], coerce=str, error_messages={"required": "Choose who is joining"})

    def __init__(self, *args: Any, people: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [("", "Choose a regular"), *[(str(p.pk), p.full_name) for p in people]]  # type: ignore[attr-defined]


DAY_CHOICES = [("", "Any day"), *[(str(value), label) for value, label in Weekday.choices]]
DISTANCE_CHOICES = [("1", "1 mile"), ("2", "2 miles"), ("3", "3 miles"), ("5", "5 miles"), ("10", "10 miles")]


class DirectoryForm(forms.Form):
    day = forms.TypedChoiceField(label="Day", choices=DAY_CHOICES, coerce=int, required=False, empty_value=None)
    area = forms.ChoiceField(label="Area", choices=[("", "Anywhere in Birmingham"), *[(a, a) for a in areas()]], required=False)
    postcode = forms.CharField(label="Near a postcode", required=False, max_length=8, help_text="For example, B13 9AB or B13")
    within = forms.TypedChoiceField(label="Within", choices=DISTANCE_CHOICES, coerce=float, required=False, initial="3", empty_value=None)
    open_now = forms.BooleanField(label="Open now", required=False)
    features = forms.MultipleChoiceField(
        label="Access",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[
            ("step_free", "Step-free access"),
            ("toilet", "Accessible toilet"),
            ("hearing_loop", "Hearing loop"),
            ("quiet_room", "Quiet room"),
        ],
    )
    kind = forms.ChoiceField(label="Drop-in or group", choices=[("", "Either"), *ActivityKind.choices], required=False)
    category = forms.ChoiceField(label="Kind of activity", choices=[("", "Any kind"), *ActivityCategory.choices], required=False)

    def clean_postcode(self) -> str:
        from community.reference.postcode_districts import district_for

        raw: str = self.cleaned_data["postcode"].strip()
        if raw and district_for(raw) is None:
            raise forms.ValidationError("Enter a Birmingham postcode, like B13 9AB, or just the first part, like B13")
        return raw


class FiguresForm(forms.Form):
    start = DateInputField(label="Start of the period")
    end = DateInputField(label="End of the period")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", "The end of the period must be on or after its start")
        return data


def _opening_field(day: str, which: str) -> forms.TimeField:
    return forms.TimeField(
        label=which.capitalize(),
        required=False,
        input_formats=["%H:%M", "%H.%M", "%H:%M:%S"],
        error_messages={"invalid": f"Enter the time it {which} on {day} as a time, for example 20:00"},
        widget=forms.TextInput(attrs={"width": 5, "inputmode": "numeric"}),
    )


class CrisisPlaceForm(forms.ModelForm[CrisisPlace]):
    """A crisis place and its opening hours: one span a day, from "opens" to "closes" (a closing
    time earlier than the opening time runs past midnight into the next morning; 00:00 to 00:00
    is open all day). `hours()` gives the spans to save."""

    kind = forms.ChoiceField(
        label="What kind of place is it?",
        choices=CrisisPlaceKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what kind of place it is"},
    )
    name = IdentifyingTextField(label="Name", max_length=200, error_messages={"required": "Enter the name people will know it by"})
    organisation = IdentifyingTextField(label="Organisation that runs it (optional)", max_length=200, required=False)
    phone = forms.CharField(
        label="Phone number (optional for places you can walk into)",
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
    )

    class Meta:
        model = CrisisPlace
        fields = ["kind", "name", "organisation", "description", "who_for", "phone", "address_1", "city", "postcode", "how_to_get_there"]
        fields += ["always_open", "is_active"]
        labels = {
            "description": "What they offer",
            "who_for": "Who it is for (optional)",
            "address_1": "Address line 1 (optional)",
            "city": "Town or city (optional)",
            "postcode": "Postcode (optional)",
            "how_to_get_there": "How to get there (optional)",
            "always_open": "Open day and night, every day",
            "is_active": "Show it to members and the public",
        }
        help_texts = {
            "description": "In plain words, for someone in crisis. For example: a calm place to talk to a peer worker, tea and a quiet room",
            "who_for": "For example: adults in Birmingham, no referral needed",
            "is_active": "Untick to retire a place that has closed. It stays here, hidden from the directory.",
        }
        error_messages = {"description": {"required": "Say what they offer"}}

    DAYS = [(day.value, day.label) for day in Weekday]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for day, label in self.DAYS:
            self.fields[f"opens_{day}"] = _opening_field(label, "opens")
            self.fields[f"closes_{day}"] = _opening_field(label, "closes")
        if self.instance.pk is not None and not self.instance._state.adding:
            for opening in self.instance.openings.all():
                self.initial.setdefault(f"opens_{opening.weekday}", opening.opens_at)
                self.initial.setdefault(f"closes_{opening.weekday}", opening.closes_at)
        else:
            del self.fields["is_active"]
        self.fields["description"].required = True
        for name, value in list(self.initial.items()):  # shown as 20:00, not 20:00:00
            if name.startswith(("opens_", "closes_")) and hasattr(value, "strftime"):
                self.initial[name] = value.strftime("%H:%M")

    def day_fields(self) -> list[tuple[str, forms.BoundField, forms.BoundField]]:
        return [(label, self[f"opens_{day}"], self[f"closes_{day}"]) for day, label in self.DAYS]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for day, label in self.DAYS:
            opens, closes = data.get(f"opens_{day}"), data.get(f"closes_{day}")
            if (opens is None) != (closes is None) and not self.errors.get(f"opens_{day}") and not self.errors.get(f"closes_{day}"):
                missing = "closes" if closes is None else "opens"
                self.add_error(f"{missing}_{day}", f"Enter the time it {missing} on {label}, or leave both empty if it is closed")
        if data.get("kind") == CrisisPlaceKind.PHONE_LINE and not data.get("phone"):
            self.add_error("phone", "Enter the phone number: people call a phone line")
        return data

    def hours(self) -> dict[int, tuple[Any, Any]]:
        """{weekday: (opens, closes)} for each day with both times."""
        data = self.cleaned_data
        return {
            day: (data[f"opens_{day}"], data[f"closes_{day}"])
            for day, _ in self.DAYS
            if data.get(f"opens_{day}") is not None and data.get(f"closes_{day}") is not None
        }
