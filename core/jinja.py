"""The Jinja2 environment: NHS.UK frontend macros, Django's static and url helpers, our form rendering."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.messages import get_messages
from django.templatetags.static import static
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import json_script
from django.utils.timezone import localtime
from django.utils.translation import get_language, get_language_bidi, gettext, ngettext
from jinja2 import ChainableUndefined, ChoiceLoader, Environment, PackageLoader
from markupsafe import Markup, escape

from core import crisis_help, design_system
from core.money import pounds


def url(name: str, *args: Any, **kwargs: Any) -> str:
    return reverse(name, args=args or None, kwargs=kwargs or None)


def uk_date(value: Any) -> str:
    """1 March 2026."""
    if not value:
        return ""
    return date_format(value, "j F Y")


def uk_datetime(value: Any) -> str:
    """1 March 2026 at 2:05pm."""
    if not value:
        return ""
    value = localtime(value)
    return f"{date_format(value, 'j F Y')} at {date_format(value, 'g:iA').lower()}"


def uk_time(value: Any) -> str:
    """2:05pm."""
    if not value:
        return ""
    return date_format(localtime(value), "g:iA").lower()


def lines(values: list[str]) -> Markup:
    """Several values shown on separate lines, each escaped."""
    return Markup("<br>").join(escape(value) for value in values)


def environment(**options: Any) -> Environment:
    # Our templates first (Django passes a loader for DIRS and each app's jinja2/), then the NHS macros.
    options["loader"] = ChoiceLoader([options["loader"], PackageLoader("nhsuk_frontend_jinja", "templates")])
    # The NHS.UK macros rely on chainable undefined values (params.label.text on a missing label).
    options["undefined"] = ChainableUndefined
    options["autoescape"] = True
    options["extensions"] = [*options.get("extensions", []), "jinja2.ext.i18n"]
    env = Environment(**options)  # noqa: S701  (autoescape is on)  # nosec B701
    # Translatable text: {{ _("…") }} and {% trans %} use Django's active language.
    env.install_gettext_callables(gettext, ngettext, newstyle=True)  # type: ignore[attr-defined]
    env.globals.update(
        {
            "static": static,
            "url": url,
            "get_messages": get_messages,
            "lines": lines,
            "field_params": design_system.field_params,
            "error_summary": design_system.error_summary,
            "service_name": settings.STAR_SERVICE_NAME,
            "organisation_name": settings.STAR_ORGANISATION_NAME,
            "get_language": get_language,
            "get_language_bidi": get_language_bidi,
            "crisis_lines": crisis_help.crisis_lines,
            "service_line": crisis_help.service_line,
            "json_script": json_script,
        }
    )
    env.filters.update(
        {"pounds": pounds, "uk_date": uk_date, "uk_datetime": uk_datetime, "uk_time": uk_time, "tel_href": crisis_help.tel_href}
    )
    return env
