"""Frozen dataclasses as JSON documents, and back: event payloads, order lines, payments.

One generic codec over dataclass fields, driven by the fields' type hints, so a new event,
value or field needs no hand-written serialiser: UUIDs, datetimes, dates and decimals
travel as strings (never floats), enums as their values, `Money` as `{"amount": "9.99",
"currency": "EUR"}`, and nested dataclasses as nested objects.
"""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any, TypeVar, get_type_hints
from uuid import UUID

T = TypeVar("T")


def to_document(value: Any) -> dict[str, Any]:
    """A dataclass instance as a JSON object, field by field."""
    return {field.name: _encode(getattr(value, field.name)) for field in dataclasses.fields(value)}


def from_document(cls: type[T], document: dict[str, Any]) -> T:
    """Rebuilds `cls` through its constructor, so the value's own checks run again."""
    hints = _field_types(cls)
    return cls(**{name: _decode(hints[name], document[name]) for name in hints})


def _encode(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return to_document(value)
    if isinstance(value, UUID | Decimal):
        return str(value)
    if isinstance(value, date):  # datetimes too
        return value.isoformat()
    return value


def _decode(hint: Any, value: Any) -> Any:
    kind = getattr(hint, "__supertype__", hint)  # a NewType such as OrderId is its base type
    if kind in (UUID, Decimal):
        return kind(value)
    if kind in (datetime, date):
        return kind.fromisoformat(value)
    if isinstance(kind, type) and issubclass(kind, Enum):
        return kind(value)
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        return from_document(kind, value)
    return value


_FIELD_TYPES: dict[type, dict[str, Any]] = {}


def _field_types(cls: type) -> dict[str, Any]:
    """Resolved once per class; the modules use postponed annotations, so hints are strings."""
    if cls not in _FIELD_TYPES:
        hints = get_type_hints(cls)
        _FIELD_TYPES[cls] = {field.name: hints[field.name] for field in dataclasses.fields(cls)}
    return _FIELD_TYPES[cls]
