"""Billing's tables: invoices (their payments kept as one JSONB value) and number counters."""

from sqlalchemy import (
    CHAR,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    Table,
    Text,
    Uuid,
)

from adapters.postgres.columns import DocumentTuple, enum_by_value, known_values
from adapters.postgres.metadata import metadata
from domain.billing.invoice import InvoiceStatus, Payment

invoices = Table(
    "invoices",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("number", Text, nullable=False, unique=True),
    # Checked at commit: the ORM orders its INSERTs by relationships, and the aggregates
    # have none, so an order and its invoice added together may be flushed either way round.
    Column(
        "order_id",
        Uuid,
        ForeignKey("orders.id", deferrable=True, initially="DEFERRED"),
        nullable=False,
        unique=True,
    ),
    Column("customer_id", Uuid, ForeignKey("users.id"), nullable=False),
    Column("status", enum_by_value(InvoiceStatus), nullable=False),
    Column("total_amount", Numeric(12, 2), nullable=False),
    Column("total_currency", CHAR(3), nullable=False),
    Column("refund_due_amount", Numeric(12, 2), nullable=False),
    Column("refund_due_currency", CHAR(3), nullable=False),
    Column("payments", DocumentTuple(Payment), nullable=False),
    Column("issued_at", DateTime(timezone=True), nullable=False),
    Column("due_date", Date, nullable=False),
    Column("version", Integer, nullable=False),
    known_values("status", InvoiceStatus),
    CheckConstraint("total_amount > 0", name="total_positive"),
    Index(None, "issued_at", "id"),
    Index(None, "customer_id", "issued_at", "id"),
)

invoice_counters = Table(
    "invoice_counters",
    metadata,
    Column("year", Integer, primary_key=True, autoincrement=False),
    Column("last", Integer, nullable=False),
    CheckConstraint("last >= 1", name="last_positive"),
)
