"""Display values for a person, so templates stay dumb."""

from __future__ import annotations

from dataclasses import dataclass

from people.models import Person


@dataclass(frozen=True)
class PersonPresenter:
    person: Person

    @property
    def heading(self) -> str:
        p = self.person
        if p.preferred_name and p.preferred_name != p.given_name:
            return f"{p.full_name} (known as {p.preferred_name})"
        return p.full_name

    @property
    def date_of_birth(self) -> str:
        p = self.person
        if p.date_of_birth is None:
            return "Not known"
        return f"{p.date_of_birth.day} {p.date_of_birth:%B %Y} (aged {p.age})"

    @property
    def date_of_death(self) -> str:
        died = self.person.date_of_death
        return f"{died.day} {died:%B %Y}" if died else ""

    @property
    def nhs_number(self) -> str:
        return self.person.nhs_number_display or "Not known"

    @property
    def address_lines(self) -> list[str]:
        p = self.person
        if p.no_fixed_abode:
            return ["No fixed address"]
        lines = [line for line in (p.address_line_1, p.address_line_2, p.town, p.postcode) if line]
        return lines or ["Not known"]

    @property
    def contact(self) -> list[str]:
        p = self.person
        lines = [line for line in (p.phone, p.email) if line]
        if p.preferred_contact_method:
            lines.append(f"Prefers: {p.get_preferred_contact_method_display().lower()}")
        return lines or ["Not known"]

    @property
    def language(self) -> str:
        p = self.person
        language = p.first_language or "Not known"
        return f"{language} (needs an interpreter)" if p.interpreter_needed else language

    @property
    def gp(self) -> str:
        p = self.person
        if not p.gp_practice_name:
            return "Not known"
        return f"{p.gp_practice_name} ({p.gp_practice_code})" if p.gp_practice_code else p.gp_practice_name

    @property
    def emergency_contact(self) -> list[str]:
        p = self.person
        if not p.emergency_contact_name:
            return ["Not known"]
        name = p.emergency_contact_name
        if p.emergency_contact_relationship:
            name += f" ({p.emergency_contact_relationship})"
        return [line for line in (name, p.emergency_contact_phone) if line]
