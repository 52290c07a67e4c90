"""This context's table: widgets."""

from sqlalchemy import Column, DateTime, Index, Integer, Table, Text, Uuid

from adapters.postgres.columns import enum_by_value, known_values
from adapters.postgres.metadata import metadata
from domain.widgets.widget import WidgetStatus

# A change here needs a migration: `make migration MSG="…"` writes it from this definition.
widgets = Table(
    "widgets",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("name", Text, nullable=False),
    Column("status", enum_by_value(WidgetStatus), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("version", Integer, nullable=False),
    known_values("status", WidgetStatus),
    Index(None, "created_at", "id"),
)
