from __future__ import annotations

import re
from typing import Any

from django import forms
from django.contrib.auth import password_validation

from accounts.models import Service, Team, User
from accounts.roles import Role
from core.text import IdentifyingTextField


class SignInForm(forms.Form):
    username = forms.CharField(
        label="Username",
        max_length=150,
        error_messages={"required": "Enter your username"},
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none", "spellcheck": "false"}),
    )
    password = forms.CharField(
        label="Password",
        strip=False,
        error_messages={"required": "Enter your password"},
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class SecurityCodeForm(forms.Form):
    accepts_recovery_codes = False

    code = forms.CharField(
        label="Security code",
        help_text="The 6-digit code shown in your authenticator app",
        error_messages={"required": "Enter the 6-digit security code from your authenticator app"},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}),
    )

    def clean_code(self) -> str:
        code = "".join(self.cleaned_data["code"].split())
        if self.accepts_recovery_codes and RECOVERY_CODE.fullmatch(code.lower()):
            return code.lower()
        if not code.isdigit() or len(code) != 6:
            raise forms.ValidationError("Enter the security code as 6 numbers, for example 123456")
        return code


# django-otp's static tokens: 8 letters and digits (base 32), each working once.
RECOVERY_CODE = re.compile(r"[a-z2-7]{8}")


class SignInCodeForm(SecurityCodeForm):
    """At sign-in, a recovery code (kept when setting up) works instead of the app's code."""

    accepts_recovery_codes = True


class UserForm(forms.ModelForm[User]):
    first_name = IdentifyingTextField(label="First name", max_length=150, error_messages={"required": "Enter their first name"})
    last_name = IdentifyingTextField(label="Last name", max_length=150, error_messages={"required": "Enter their last name"})

    class Meta:
        model = User
        fields = ["first_name", "last_name", "email", "role", "is_active"]
        labels = {"is_active": "This account can sign in", "email": "Email address"}
        error_messages = {
            "first_name": {"required": "Enter their first name"},
            "last_name": {"required": "Enter their last name"},
            "role": {"required": "Select a role"},
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["first_name"].required = True
        self.fields["last_name"].required = True
        self.fields["email"].required = True
        self.fields["email"].error_messages["required"] = "Enter their email address"
        self.fields["email"].error_messages["invalid"] = "Enter an email address in the correct format, like name@example.org"
        self.fields["role"].widget.choices = [("", "Select a role"), *Role.choices]


class NewUserForm(UserForm):
    username = forms.CharField(
        label="Username",
        max_length=150,
        help_text="Letters, numbers and . - _ only. They use this to sign in.",
        error_messages={"required": "Enter a username"},
    )
    password = forms.CharField(
        label="First password",
        strip=False,
        help_text="At least 15 characters. Give it to them in person; they can change it later.",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": "Enter a first password"},
    )

    class Meta(UserForm.Meta):
        fields = ["username", "first_name", "last_name", "email", "role", "is_active"]

    def clean_username(self) -> str:
        username: str = self.cleaned_data["username"].strip()
        if not all(ch.isalnum() or ch in ".-_" for ch in username):
            raise forms.ValidationError("Usernames can only contain letters, numbers, full stops, hyphens and underscores")
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError("That username is already taken. Choose another")
        return username

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        password = cleaned.get("password")
        if password:
            candidate = User(
                username=cleaned.get("username", ""),
                first_name=cleaned.get("first_name", ""),
                last_name=cleaned.get("last_name", ""),
                email=cleaned.get("email", ""),
            )
            try:
                password_validation.validate_password(password, candidate)
            except forms.ValidationError as error:
                self.add_error("password", [_plain_password_message(m) for m in error.messages])
        return cleaned


def _plain_password_message(message: str) -> str:
    if "too short" in message:
        return "The password must be at least 15 characters"
    if "too common" in message:
        return "That password is too common. Choose one that is harder to guess"
    if "too similar" in message:
        return "The password is too like the name or username. Choose another"
    return message


class NewPasswordForm(forms.Form):
    """A new password for `user`, checked against the same rules as a first password (ASVS V6.2)."""

    new_password = forms.CharField(
        label="New password",
        strip=False,
        help_text="At least 15 characters. A few words you can remember works well. You can paste it from a password manager.",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": "Enter a new password"},
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_new_password(self) -> str:
        password: str = self.cleaned_data["new_password"]
        try:
            password_validation.validate_password(password, self.user)
        except forms.ValidationError as error:
            raise forms.ValidationError([_plain_password_message(m) for m in error.messages]) from error
        return password


class ChangePasswordForm(NewPasswordForm):
    """The signed-in user's own password: they prove they know the current one first."""

    current_password = forms.CharField(
        label="Current password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Enter your current password"},
    )
    field_order = ["current_password", "new_password"]

    def clean_current_password(self) -> str:
        password: str = self.cleaned_data["current_password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("Your current password is not right. Check it and try again")
        return password


class PasskeyNameForm(forms.Form):
    name = forms.CharField(
        label="Name",
        max_length=64,
        help_text="So you can tell your passkeys apart, for example \u201cWork laptop\u201d or \u201cBlue security key\u201d",
        error_messages={
            "required": "Enter a name for this passkey",
            "max_length": "Enter a name of 64 characters or fewer",
        },
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )


class ConfirmItIsYouForm(forms.Form):
    """Before removing a passkey: the password again, or (for an account without one) a fresh code."""

    password = forms.CharField(
        label="Your password",
        strip=False,
        error_messages={"required": "Enter your password"},
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("Your password is not right. Enter the password you sign in with")
        return password


class UserFilterForm(forms.Form):
    """The users page's filters (a GET form: it changes nothing)."""

    role = forms.ChoiceField(label="Role", required=False, choices=[("", "Any role"), *Role.choices])
    no_two_factor = forms.BooleanField(label="Only staff without two-factor (no app and no passkey)", required=False)
    locked = forms.BooleanField(label="Only accounts locked out or slowed after wrong passwords", required=False)


class ServiceForm(forms.Form):
    name = forms.CharField(
        label="Name of the service",
        max_length=100,
        help_text="For example the city or area it covers: Leeds STR service",
        error_messages={"required": "Enter the name of the service"},
    )

    def clean_name(self) -> str:
        name = str(self.cleaned_data["name"]).strip()
        if Service.objects.filter(name__iexact=name).exists():
            raise forms.ValidationError("There is already a service with this name")
        return name


class TeamForm(forms.Form):
    service = forms.ModelChoiceField(
        queryset=Service.objects.order_by("name"),
        label="Service it belongs to",
        empty_label="Choose a service",
        error_messages={"required": "Choose the service"},
    )
    name = forms.CharField(
        label="Name of the team",
        max_length=100,
        help_text="For example 1-to-1 team or Community team",
        error_messages={"required": "Enter the name of the team"},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        name = str(data.get("name", "")).strip()
        data["name"] = name
        if data.get("service") and name and Team.objects.filter(service=data["service"], name__iexact=name).exists():
            self.add_error("name", "This service already has a team with this name")
        return data


def place_choices() -> list[tuple[str, str]]:
    """Where a user can work: a team (and so its service), a whole service, or not limited."""
    choices = [("", "Not limited to one service")]
    for service in Service.objects.prefetch_related("teams").order_by("name"):
        choices.append((f"service:{service.pk}", f"{service.name}: the whole service"))
        choices.extend((f"team:{team.pk}", f"{service.name}: {team.name}") for team in service.teams.order_by("name"))
    return choices


class PlaceForm(forms.Form):
    place = forms.ChoiceField(
        label="Team or service",
        required=False,
        help_text=(
            "STR workers, volunteers and project leads work in a team. A service manager manages a whole service. "
            "Administrators and commissioners are usually not limited to one service."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["place"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = place_choices()

    def chosen(self) -> tuple[Service | None, Team | None]:
        kind, _, key = str(self.cleaned_data["place"]).partition(":")
        if kind == "team":
            team = Team.objects.select_related("service").get(pk=int(key))
            return team.service, team
        if kind == "service":
            return Service.objects.get(pk=int(key)), None
        return None, None


def place_of(user: User) -> str:
    if user.team_id is not None:
        return f"team:{user.team_id}"
    if user.service_id is not None:
        return f"service:{user.service_id}"
    return ""
