"""The schema as SQLAlchemy Core tables, and the imperative mapping of aggregates onto them.

Alembic migrations own the real schema; these definitions must match them (the migration
test compares the two), and `env.py` imports `metadata` so autogenerate sees every table.
"""

from sqlalchemy import (
    CHAR,
    Boolean,
    CheckConstraint,
    Column,
    DateTime,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    Numeric,
    PrimaryKeyConstraint,
    Table,
    Text,
    Uuid,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import composite, registry

from domain.catalog.product import Product
from domain.shared.money import Money

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
