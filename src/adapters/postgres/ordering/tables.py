"""Ordering's table: orders, their lines kept as one JSONB value of the order."""

from sqlalchemy import (
    CHAR,
    CheckConstraint,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    Table,
    Uuid,
)

from adapters.postgres.columns import DocumentTuple, enum_by_value, known_values
from adapters.postgres.metadata import metadata
from domain.ordering.order import OrderLine, OrderStatus

orders = Table(
    "orders",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("customer_id", Uuid, ForeignKey("users.id"), nullable=False),
    Column("status", enum_by_value(OrderStatus), nullable=False),
    Column("lines", DocumentTuple(OrderLine), nullable=False),
    Column("total_amount", Numeric(12, 2), nullable=False),
    Column("total_currency", CHAR(3), nullable=False),
    # No foreign key: the invoice points at its order, and this copy of the link is filled in
    # later by the invoice's own transaction.
    Column("invoice_id", Uuid, nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("version", Integer, nullable=False),
    known_values("status", OrderStatus),
    CheckConstraint("total_amount > 0", name="total_positive"),
    Index(None, "created_at", "id"),
    Index(None, "customer_id", "created_at", "id"),
)
