"""The schema as SQLAlchemy Core tables, and the imperative mapping of aggregates onto them.

Alembic migrations own the real schema; these definitions must match them (the migration
test compares the two), and `env.py` imports `metadata` so autogenerate sees every table.
"""

from enum import StrEnum
from typing import Any, TypeVar

from sqlalchemy import (
    CHAR,
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Dialect,
    Enum,
    ForeignKey,
    Identity,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    Numeric,
    PrimaryKeyConstraint,
    Table,
    Text,
    TypeDecorator,
    Uuid,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import composite, registry

from adapters.postgres.event_codec import from_document, to_document
from domain.billing.invoice import Invoice, InvoiceStatus, Payment
from domain.catalog.product import Product
from domain.identity.user import User
from domain.ordering.order import Order, OrderLine, OrderStatus
from domain.shared.money import Money
from domain.shared.roles import Role

T = TypeVar("T")

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    },
)

products = Table(
    "products",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("sku", Text, nullable=False, unique=True),
    Column("name", Text, nullable=False),
    Column("description", Text, nullable=False),
    Column("price_amount", Numeric(12, 2), nullable=False),
    Column("price_currency", CHAR(3), nullable=False),
    Column("stock", Integer, nullable=False),
    Column("active", Boolean, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("version", Integer, nullable=False),
    CheckConstraint("stock >= 0", name="stock_not_negative"),
    CheckConstraint("price_amount > 0", name="price_positive"),
    Index(None, "created_at", "id"),
    Index(None, "name", "id"),
    Index(None, "price_amount", "id"),
)

idempotency_records = Table(
    "idempotency_records",
    metadata,
    Column("scope", Text, nullable=False),
    Column("key", Text, nullable=False),
    Column("fingerprint", Text, nullable=False),
    Column("status", Integer, nullable=False),
    Column("headers", JSONB, nullable=False),
    Column("body", LargeBinary, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    PrimaryKeyConstraint("scope", "key"),
    Index(None, "expires_at"),
)


def _by_value(enum: type[StrEnum]) -> Enum:
    """Stored as the member's value; loads back as the member, and refuses unknown strings
    on bind. A check constraint (`_known`) guards the column in the database too.
    """
    return Enum(
        enum,
        native_enum=False,
        values_callable=lambda members: [member.value for member in members],
        validate_strings=True,
        length=16,
    )


def _known(column: str, enum: type[StrEnum]) -> CheckConstraint:
    """A new member needs a migration that widens this check."""
    values = ", ".join(f"'{member.value}'" for member in enum)
    return CheckConstraint(f"{column} IN ({values})", name=f"{column}_known")


users = Table(
    "users",
    metadata,
    Column("id", Uuid, primary_key=True),
    # The domain stores emails trimmed and lower-cased, so this plain unique constraint is a
    # case-insensitive one: no citext or lower() index needed.
    Column("email", Text, nullable=False, unique=True),
    Column("full_name", Text, nullable=False),
    Column("password_hash", Text, nullable=False),
    Column("role", _by_value(Role), nullable=False),
    Column("is_active", Boolean, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("version", Integer, nullable=False),
    _known("role", Role),
    Index(None, "created_at", "id"),
)

refresh_tokens = Table(
    "refresh_tokens",
    metadata,
    Column("token_hash", Text, primary_key=True),
    Column("family_id", Uuid, nullable=False),
    Column("user_id", Uuid, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("issued_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Column("used_at", DateTime(timezone=True), nullable=True),
    Column("revoked_at", DateTime(timezone=True), nullable=True),
    Index(None, "family_id"),
    Index(None, "user_id"),
)


class _Documents(TypeDecorator[tuple[Any, ...]]):
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


orders = Table(
    "orders",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("customer_id", Uuid, ForeignKey("users.id"), nullable=False),
    Column("status", _by_value(OrderStatus), nullable=False),
    Column("lines", _Documents(OrderLine), nullable=False),
    Column("total_amount", Numeric(12, 2), nullable=False),
    Column("total_currency", CHAR(3), nullable=False),
    # No foreign key: the invoice points at its order, and this copy of the link is filled in
    # later by the invoice's own transaction.
    Column("invoice_id", Uuid, nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("version", Integer, nullable=False),
    _known("status", OrderStatus),
    CheckConstraint("total_amount > 0", name="total_positive"),
    Index(None, "created_at", "id"),
    Index(None, "customer_id", "created_at", "id"),
)

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
    Column("status", _by_value(InvoiceStatus), nullable=False),
    Column("total_amount", Numeric(12, 2), nullable=False),
    Column("total_currency", CHAR(3), nullable=False),
    Column("refund_due_amount", Numeric(12, 2), nullable=False),
    Column("refund_due_currency", CHAR(3), nullable=False),
    Column("payments", _Documents(Payment), nullable=False),
    Column("issued_at", DateTime(timezone=True), nullable=False),
    Column("due_date", Date, nullable=False),
    Column("version", Integer, nullable=False),
    _known("status", InvoiceStatus),
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
    # Only pending events are indexed, so the claim's scans stay as short as the backlog
    # however many delivered events the table keeps: the first walks pending events by
    # position, the second finds an earlier pending event of the same aggregate.
    Index("ix_outbox_pending_position", "position", postgresql_where=_PENDING),
    Index(
        "ix_outbox_pending_aggregate_id_position",
        "aggregate_id",
        "position",
        postgresql_where=_PENDING,
    ),
)

mapper_registry = registry(metadata=metadata)


def map_aggregates() -> None:
    """Maps once per process; the domain classes stay unaware of the ORM."""
    if mapper_registry.mappers:
        return
    mapper_registry.map_imperatively(
        Product,
        products,
        properties={
            "unit_price": composite(Money, products.c.price_amount, products.c.price_currency),
        },
        version_id_col=products.c.version,
        version_id_generator=False,
    )
    mapper_registry.map_imperatively(
        User,
        users,
        version_id_col=users.c.version,
        version_id_generator=False,
    )
    mapper_registry.map_imperatively(
        Order,
        orders,
        properties={
            "total": composite(Money, orders.c.total_amount, orders.c.total_currency),
        },
        version_id_col=orders.c.version,
        version_id_generator=False,
    )
    mapper_registry.map_imperatively(
        Invoice,
        invoices,
        properties={
            "total": composite(Money, invoices.c.total_amount, invoices.c.total_currency),
            "refund_due": composite(
                Money, invoices.c.refund_due_amount, invoices.c.refund_due_currency
            ),
        },
        version_id_col=invoices.c.version,
        version_id_generator=False,
    )
