"""The catalog's table: products."""

from sqlalchemy import (
    CHAR,
    Boolean,
    CheckConstraint,
    Column,
    DateTime,
    Index,
    Integer,
    Numeric,
    Table,
    Text,
    Uuid,
)

from adapters.postgres.metadata import metadata

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
