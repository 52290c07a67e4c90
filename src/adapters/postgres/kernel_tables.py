"""The shared kernel's tables: the bookkeeping every unit of work writes, whatever the context.

Idempotency records, the inbox and the outbox belong to no context: the unit of work builds
their stores itself (`unit_of_work.py`), so these tables are registered with it.
"""

from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    Identity,
    Index,
    Integer,
    LargeBinary,
    PrimaryKeyConstraint,
    Table,
    Text,
    Uuid,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB

from adapters.postgres.metadata import metadata

idempotency_records = Table(
    "idempotency_records",
    metadata,
    Column("scope", Text, nullable=False),
    Column("key", Text, nullable=False),
    Column("fingerprint", Text, nullable=False),
    # Opaque to storage: what the first response was, as the HTTP edge encoded it.
    Column("response", LargeBinary, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    PrimaryKeyConstraint("scope", "key"),
    Index(None, "expires_at"),
)

inbox = Table(
    "inbox",
    metadata,
    Column("event_id", Uuid, nullable=False),
    Column("handler", Text, nullable=False),
    Column("processed_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    PrimaryKeyConstraint("event_id", "handler"),
)

_PENDING = text("delivered_at IS NULL AND parked_at IS NULL")

outbox = Table(
    "outbox",
    metadata,
    Column("event_id", Uuid, primary_key=True),
    # The global order of events: the relay delivers by position, and an aggregate's events
    # are numbered in the order it recorded them.
    Column("position", BigInteger, Identity(always=True), nullable=False, unique=True),
    Column("aggregate_id", Uuid, nullable=False),
    Column("event_type", Text, nullable=False),
    Column("payload", JSONB, nullable=False),
    Column("occurred_at", DateTime(timezone=True), nullable=False),
    Column("available_at", DateTime(timezone=True), nullable=False),
    Column("attempts", Integer, nullable=False, server_default=text("0")),
    Column("last_error", Text, nullable=True),
    Column("delivered_at", DateTime(timezone=True), nullable=True),
    Column("parked_at", DateTime(timezone=True), nullable=True),
    # The W3C traceparent of the writing transaction, when tracing is on.
    Column("trace_context", Text, nullable=True),
    # Only pending events are indexed by position, so the claim's walk stays as short as the
    # backlog however many delivered events the table keeps.
    Index("ix_outbox_pending_position", "position", postgresql_where=_PENDING),
    # Parked events are few and counted on every metrics scrape.
    Index("ix_outbox_parked_position", "position", postgresql_where=text("parked_at IS NOT NULL")),
    # An aggregate's events, delivered or not: the claim's check for an earlier pending one,
    # and broker mode's lookup of an event's predecessor.
    Index("ix_outbox_aggregate_id_position", "aggregate_id", "position"),
)
