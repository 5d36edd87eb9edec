"""The hub's forms: finding a resource, keeping one, adding a feed, signposting and its follow-up."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from community.reference.postcode_districts import district_for
from core.date_input import DateInputField, not_in_future
from hub.models import AccessFeature, Category, Feed, FollowUpAnswer, HowSignposted, ReferralShare, Resource, Signposting
from people.models import Person

DISTANCE_CHOICES = [("1", "1 mile"), ("3", "3 miles"), ("5", "5 miles"), ("10", "10 miles")]
FOLLOW_UP_CHOICES = [("1", "In 1 week"), ("2", "In 2 weeks"), ("4", "In 4 weeks")]


class HubSearchForm(forms.Form):
    q = forms.CharField(label="Search", required=False, max_length=100, help_text="For example: debt, food bank, carers")
    category = forms.MultipleChoiceField(label="Topic", required=False, choices=Category.choices, widget=forms.CheckboxSelectMultiple)
    postcode = forms.CharField(label="Near a postcode", required=False, max_length=8, help_text="For example, B13 9AB or B13")
    within = forms.TypedChoiceField(label="Within", choices=DISTANCE_CHOICES, coerce=float, required=False, initial="3", empty_value=None)

    def clean_postcode(self) -> str:
        raw: str = self.cleaned_data["postcode"].strip()
        if raw and district_for(raw) is None:
            raise forms.ValidationError("Enter a Birmingham postcode, like B13 9AB, or just the first part, like B13")
        return raw


class ResourceForm(forms.ModelForm[Resource]):
    organisation_name = forms.CharField(label="Organisation", max_length=200, help_text="Who runs it")
    website = forms.URLField(label="Website", required=False, max_length=500, assume_scheme="https")
    access_features = forms.MultipleChoiceField(
        label="Access",
        required=False,
        choices=AccessFeature.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that the place or service has",
    )

    class Meta:
        model = Resource
        fields = (
            "name",
            "category",
            "description",
            "eligibility",
            "cost",
            "opening_times",
            "languages",
            "access_features",
            "phone",
            "email",
            "website",
            "address",
            "postcode",
            "latitude",
            "longitude",
        )
        labels = {
            "name": "Name of the service",
            "category": "Topic",
            "opening_times": "Opening times",
            "latitude": "Latitude (optional)",
            "longitude": "Longitude (optional)",
        }
        help_texts = {"postcode": "For example, B13 9AB. Used for distance when there is no latitude and longitude"}
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}
        error_messages = {"name": {"required": "Enter the name of the service"}}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.instance._state.adding and "organisation_name" not in self.initial:
            self.initial["organisation_name"] = self.instance.organisation.name
        self.fields["organisation_name"].error_messages["required"] = "Enter the organisation that runs it"

    def clean_postcode(self) -> str:
        from hub.feeds import POSTCODE

        raw: str = self.cleaned_data["postcode"].strip().upper()
        if raw and not POSTCODE.match(raw):
            raise forms.ValidationError("Enter a full postcode, like B13 9AB, or leave it empty")
        return raw

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (data.get("latitude") is None) != (data.get("longitude") is None):
            self.add_error("longitude", "Enter both latitude and longitude, or neither")
        return data


class FeedForm(forms.ModelForm[Feed]):
    url = forms.URLField(
        label="Address of the feed",
        max_length=500,
        assume_scheme="https",
        help_text="The API's root, such as https://example.org/openreferral/",
        error_messages={"required": "Enter the feed's address", "invalid": "Enter a web address, like https://example.org/openreferral/"},
    )

    class Meta:
        model = Feed
        fields = ("name", "url", "licence")
        error_messages = {"name": {"required": "Enter the name of the directory"}, "url": {"required": "Enter the feed's address"}}


class SignpostingForm(forms.ModelForm[Signposting]):
    signposted_on = DateInputField(label="Date", help_text="For example, 27 3 2027")
    follow_up_in = forms.ChoiceField(label="Follow up", choices=FOLLOW_UP_CHOICES, initial="2", widget=forms.RadioSelect)
    refer_by_email = forms.BooleanField(label="Send a warm referral by email to the organisation", required=False)
    referral_shares = forms.MultipleChoiceField(
        label="What they agreed to share",
        choices=ReferralShare.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="The email says nothing else about them",
    )
    referral_consent = forms.BooleanField(label="They agreed to this email, and to sharing what is ticked", required=False)

    class Meta:
        model = Signposting
        fields = ("resource", "reason", "how")
        labels = {"resource": "Where to", "reason": "Why (optional)", "how": "How"}
        widgets = {"how": forms.RadioSelect, "reason": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "resource": {"required": "Choose where you signposted them to"},
            "how": {"required": "Choose how you signposted them"},
        }

    def __init__(self, *args: Any, person: Person | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.person = person
        field = self.fields["resource"]
        field.queryset = Resource.objects.filter(is_active=True).select_related("organisation").order_by("name")  # type: ignore[attr-defined]
        field.label_from_instance = lambda resource: f"{resource.name} ({resource.organisation.name})"  # type: ignore[attr-defined]
        field.empty_label = "Choose a resource"  # type: ignore[attr-defined]
        if not self.is_bound:
            self.initial.setdefault("signposted_on", timezone.localdate())

    def clean_signposted_on(self) -> Any:
        return not_in_future(self.cleaned_data["signposted_on"], "The date must be today or in the past")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("refer_by_email"):
            data["referral_shares"] = []
            return data
        resource, shares = data.get("resource"), data.get("referral_shares") or []
        if resource is not None and not resource.email:
            self.add_error("refer_by_email", f"{resource.name} has no email address in the hub: phone them instead, or untick the referral")
        if not shares:
            self.add_error("referral_shares", "Choose what they agreed to share")
        if not data.get("referral_consent"):
            self.add_error("referral_consent", "Confirm they agreed to the email, or untick the referral")
        if ReferralShare.REASON in shares and not (data.get("reason") or "").strip():
            self.add_error("reason", "Enter why, or untick it from what the email shares")
        if self.person is not None and ReferralShare.PHONE in shares and not self.person.phone:
            self.add_error("referral_shares", "Their record has no phone number: untick it, or add it to their record first")
        if self.person is not None and ReferralShare.EMAIL in shares and not self.person.email:
            self.add_error("referral_shares", "Their record has no email address: untick it, or add it to their record first")
        return data


class DropInSignpostingForm(forms.Form):
    """What whoever takes a drop-in's register may record: who (someone marked here), where to
    and how. Nothing about why: that is for the person's worker, in the record."""

    person = forms.ChoiceField(label="Who", widget=forms.RadioSelect, error_messages={"required": "Choose who you signposted"})
    resource = forms.ModelChoiceField(
        label="Where to",
        queryset=Resource.objects.none(),
        empty_label="Choose a resource",
        error_messages={"required": "Choose where you signposted them to", "invalid_choice": "Choose where you signposted them to"},
    )
    how = forms.ChoiceField(
        label="How", choices=HowSignposted.choices, widget=forms.RadioSelect, error_messages={"required": "Choose how you signposted them"}
    )

    def __init__(self, *args: Any, here: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = here  # type: ignore[attr-defined]
        self.fields["person"].error_messages["invalid_choice"] = "Choose someone marked as here"
        field: Any = self.fields["resource"]
        field.queryset = Resource.objects.filter(is_active=True).select_related("organisation").order_by("name")
        field.label_from_instance = lambda resource: f"{resource.name} ({resource.organisation.name})"


class FollowUpForm(forms.Form):
    answer = forms.ChoiceField(
        label="Did you get there?",
        choices=FollowUpAnswer.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose an answer"},
    )
