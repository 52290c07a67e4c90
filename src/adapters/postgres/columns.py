"""Column types and checks more than one context's tables use.

Enums are stored as their values in plain text columns guarded by a check constraint, not as
PostgreSQL enum types, so adding a member is one migration that widens a check. Values that
live and die with their aggregate (order lines, payments) are one JSONB column.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, TypeVar

from sqlalchemy import CheckConstraint, Dialect, Enum, TypeDecorator
from sqlalchemy.dialects.postgresql import JSONB

from adapters.postgres.documents import from_document, to_document

T = TypeVar("T")


def enum_by_value(enum: type[StrEnum]) -> Enum:
    """Stored as the member's value; loads back as the member, and refuses unknown strings
    on bind. `known_values` guards the column in the database too.
    """
    return Enum(
        enum,
        native_enum=False,
        values_callable=lambda members: [member.value for member in members],
        validate_strings=True,
        length=16,
    )


def known_values(column: str, enum: type[StrEnum]) -> CheckConstraint:
    """A new member needs a migration that widens this check."""
    values = ", ".join(f"'{member.value}'" for member in enum)
    return CheckConstraint(f"{column} IN ({values})", name=f"{column}_known")


class DocumentTuple(TypeDecorator[tuple[Any, ...]]):
    """A tuple of frozen dataclasses (order lines, payments) as one JSONB array.

    They are values of their aggregate, read and written with it and never queried apart,
    so a child table would only add joins. The domain replaces the tuple on every change,
    which is what the ORM's change tracking sees.
    """

    impl = JSONB
    cache_ok = True

    def __init__(self, item: type) -> None:
        super().__init__()
        self.item = item

    def process_bind_param(self, value: tuple[Any, ...] | None, _dialect: Dialect) -> Any:
        return None if value is None else [to_document(item) for item in value]

    def process_result_value(self, value: Any, _dialect: Dialect) -> tuple[Any, ...] | None:
        return None if value is None else documents_to(self.item, value)


def documents_to(item: type[T], documents: list[dict[str, Any]]) -> tuple[T, ...]:
    """Decodes a JSONB array of `item`s; the read models use it on the raw column too."""
    return tuple(from_document(item, document) for document in documents)
