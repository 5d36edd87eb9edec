"""Figures to JSON and back, exactly: what the figures store (reports/store.py) keeps.

A figure is built from ints, strings, Decimals, dates, tuples (as dict keys too), sets, lists,
dicts and frozen dataclasses of those (a dataclass with `packed()` and `unpacked()` writes its own
compact form: core.published.Published). Each is written as plain JSON or a one-key object that names
its type, so reading gives back a value equal to the one computed (a Decimal stays a Decimal, a
tuple key stays a tuple). Only dataclasses from this project's figure modules are read back (never
an arbitrary class named in the data); a model instance is written as its label and primary key.
"""

from __future__ import annotations

import dataclasses
import importlib
import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.db import models
from django.utils.functional import Promise

# Dataclasses are read back only from these modules.
TRUSTED_MODULES = (
    "accounts.teams",
    "core.",
    "involvement.figures",
    "reports.",
    "volunteers.figures",
)


class CodecError(ValueError):
    """A value the store cannot write, or stored data it will not read."""


def encode(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, str | Promise):
        return str(value)
    if isinstance(value, Decimal):
        return {"dec": str(value)}
    if isinstance(value, uuid.UUID):
        return {"uuid": str(value)}
    if isinstance(value, datetime):
        return {"dt": value.isoformat()}
    if isinstance(value, date):
        return {"date": value.isoformat()}
    if isinstance(value, list):
        return [encode(v) for v in value]
    if isinstance(value, tuple) and not hasattr(value, "_fields"):
        return {"t": [encode(v) for v in value]}
    if isinstance(value, set | frozenset):
        return {"s": sorted((encode(v) for v in value), key=repr)}
    if isinstance(value, dict):
        return {"d": [[encode(k), encode(v)] for k, v in value.items()]}
    if isinstance(value, models.Model):
        return {"model": value._meta.label_lower, "pk": encode(value.pk)}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        cls = type(value)
        if hasattr(value, "packed") and hasattr(cls, "unpacked"):  # a figure with its own compact form
            return {"dc": f"{cls.__module__}:{cls.__qualname__}", "packed": value.packed()}
        return {
            "dc": f"{cls.__module__}:{cls.__qualname__}",
            "f": {f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value) if f.init},
        }
    raise CodecError(f"The figures store cannot keep a {type(value).__name__}")


def _dataclass(path: str) -> type[Any]:
    module, _, name = path.partition(":")
    if not any(module.startswith(trusted) if trusted.endswith(".") else module == trusted for trusted in TRUSTED_MODULES):
        raise CodecError(f"Stored figures name an unexpected module: {module}")
    found: Any = importlib.import_module(module)
    for part in name.split("."):
        found = getattr(found, part)
    if not (isinstance(found, type) and dataclasses.is_dataclass(found)):
        raise CodecError(f"Stored figures name something that is not a dataclass: {path}")
    return found


def decode(data: Any) -> Any:
    if data is None or isinstance(data, bool | int | float | str):
        return data
    if isinstance(data, list):
        return [decode(v) for v in data]
    if not isinstance(data, dict) or len(data) not in (1, 2):
        raise CodecError("Stored figures are not in the store's format")
    if "dec" in data:
        return Decimal(data["dec"])
    if "uuid" in data:
        return uuid.UUID(data["uuid"])
    if "dt" in data:
        return datetime.fromisoformat(data["dt"])
    if "date" in data:
        return date.fromisoformat(data["date"])
    if "t" in data:
        return tuple(decode(v) for v in data["t"])
    if "s" in data:
        return {decode(v) for v in data["s"]}
    if "d" in data:
        return {decode(k): decode(v) for k, v in data["d"]}
    if "model" in data:
        return apps.get_model(data["model"])._default_manager.get(pk=decode(data["pk"]))
    if "dc" in data and "packed" in data:
        return _dataclass(data["dc"]).unpacked(data["packed"])
    if "dc" in data:
        return _dataclass(data["dc"])(**{name: decode(v) for name, v in data["f"].items()})
    raise CodecError("Stored figures are not in the store's format")
