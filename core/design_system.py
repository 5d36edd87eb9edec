"""Turns Django form fields into the parameters of NHS.UK frontend macros.

Templates call one macro per field (`field(form.name)` in core/form.jinja); this module decides
which design-system component fits the widget, and carries the label, hint, value and error.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.forms.boundfield import BoundField

from core.date_input import DateInputWidget


def _error_text(bound: BoundField) -> str | None:
    return " ".join(str(e) for e in bound.errors) or None


def _choices(bound: BoundField) -> list[tuple[str, str]]:
    # The widget's choices: forms may relabel the empty choice there ("Select a role").
    choices = getattr(bound.field.widget, "choices", None) or getattr(bound.field, "choices", [])
    return [(str(value), str(label)) for value, label in choices]


def _is_selected(bound: BoundField, value: str) -> bool:
    current = bound.value()
    if isinstance(current, list | tuple):
        return value in {str(v) for v in current}
    return value == ("" if current is None else str(current))


def field_params(bound: BoundField, options: dict[str, Any] | None = None) -> dict[str, Any]:
    """Return {"component": name, "params": {...}} for the NHS macro that renders this field."""
    options = dict(options or {})
    widget = bound.field.widget
    label = options.pop("label", str(bound.label))
    hint = options.pop("hint", str(bound.help_text) if bound.help_text else None)
    error = _error_text(bound)
    name = bound.html_name
    params: dict[str, Any] = {"id": bound.auto_id or name, "name": name}
    if hint:
        params["hint"] = {"text": hint}
    if error:
        params["errorMessage"] = {"text": error}
    legend = {"text": label, "classes": options.pop("legend_classes", "nhsuk-fieldset__legend--s")}

    if isinstance(widget, DateInputWidget):
        values = bound.value() or [None, None, None]
        if not isinstance(values, list | tuple):
            values = widget.decompress(values)
        params["fieldset"] = {"legend": legend}
        params["items"] = [
            {
                "id": f"{params['id']}_{index}",
                "name": f"{name}_{part}",
                "label": part.capitalize(),
                "value": "" if values[index] is None else str(values[index]),
                "width": 4 if part == "year" else 2,
            }
            for index, part in enumerate(DateInputWidget.subwidget_names)
        ]
        component = "dateInput"
    # CheckboxSelectMultiple is a subclass of RadioSelect: it must not be drawn as radios.
    elif isinstance(widget, forms.RadioSelect) and not isinstance(widget, forms.CheckboxSelectMultiple):
        params["fieldset"] = {"legend": legend}
        params["items"] = [
            {"value": value, "text": text, "checked": _is_selected(bound, value)} for value, text in _choices(bound) if value != ""
        ]
        params["idPrefix"] = params.pop("id")
        component = "radios"
    elif isinstance(widget, forms.CheckboxSelectMultiple):
        params["fieldset"] = {"legend": legend}
        params["items"] = [{"value": value, "text": text, "checked": _is_selected(bound, value)} for value, text in _choices(bound)]
        params["idPrefix"] = params.pop("id")
        component = "checkboxes"
    elif isinstance(widget, forms.CheckboxInput):
        params["items"] = [{"value": "on", "text": label, "checked": bool(bound.value())}]
        params["idPrefix"] = params.pop("id")
        component = "checkboxes"
    elif isinstance(widget, forms.Select):
        params["label"] = {"text": label}
        params["items"] = [{"value": value, "text": text, "selected": _is_selected(bound, value)} for value, text in _choices(bound)]
        component = "select"
    elif isinstance(widget, forms.Textarea):
        params["label"] = {"text": label}
        params["value"] = bound.value() or ""
        params["rows"] = widget.attrs.get("rows", 4)
        component = "textarea"
    else:
        params["label"] = {"text": label}
        input_type = getattr(widget, "input_type", "text")
        params["type"] = input_type
        if input_type != "password":
            value = bound.value()
            params["value"] = "" if value is None else str(value)
        for attribute in ("autocomplete", "inputmode", "spellcheck", "autocapitalize"):
            if attribute in widget.attrs:
                params[attribute] = widget.attrs[attribute]
        if "width" in widget.attrs:
            params["width"] = widget.attrs["width"]
        component = "input"
    if "label" in params and options.get("page_heading"):
        params["label"]["isPageHeading"] = True
        params["label"]["size"] = "l"
        options.pop("page_heading")
    params.update(options)
    return {"component": component, "params": params}


def error_summary(form: forms.BaseForm | None) -> list[dict[str, str]]:
    """The list for the NHS error summary, each error linking to its field."""
    if form is None or not form.errors:
        return []
    items: list[dict[str, str]] = []
    for message in form.non_field_errors():
        items.append({"text": str(message)})
    for name, errors in form.errors.items():
        if name == NON_FIELD_ERRORS:
            continue
        bound = form[name]
        anchor = bound.auto_id or name
        widget = bound.field.widget
        if isinstance(widget, DateInputWidget):
            anchor = f"{anchor}_0"
        # Radios and checkboxes need nothing more: the first option carries the prefix as its id.
        for message in errors:
            items.append({"text": str(message), "href": f"#{anchor}"})
    return items
