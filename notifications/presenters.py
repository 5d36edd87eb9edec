from __future__ import annotations

from dataclasses import dataclass

from notifications.client import NotifyNotSetUp, template_id
from notifications.models import Channel, MessageTemplate
from notifications.placeholders import placeholders_in
from people.models import Consent


@dataclass(frozen=True)
class Version:
    channel: str
    label: str
    subject: str
    body: str
    notify_id: str  # blank when none is set


@dataclass(frozen=True)
class TemplateSummary:
    code: str
    name: str
    purpose: str
    versions: list[Version]
    placeholders: list[str]
    needs: str
    withheld: list[str]

    @property
    def channels_text(self) -> str:
        return ", ".join(version.label.lower() for version in self.versions).capitalize()


def _notify_id(template: MessageTemplate, channel: str) -> str:
    try:
        return template_id(template, channel)
    except NotifyNotSetUp:
        return ""


def template_summary(template: MessageTemplate) -> TemplateSummary:
    versions = []
    for channel in template.channels():
        subject, body = template.body_for(channel)
        versions.append(Version(channel, Channel(channel).label, subject, body, _notify_id(template, channel)))
    return TemplateSummary(
        code=template.code,
        name=template.name,
        purpose=template.purpose,
        versions=versions,
        placeholders=placeholders_in(*(text for version in versions for text in (version.subject, version.body))),
        needs=dict(Consent.Kind.choices).get(template.requires_consent, "") if template.requires_consent else "",
        withheld=list(template.secret_placeholders),
    )
