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
    Enum,
    ForeignKey,
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
from domain.identity.user import User
from domain.shared.money import Money
from domain.shared.roles import Role

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

_ROLES = ", ".join(f"'{role.value}'" for role in Role)

users = Table(
    "users",
    metadata,
    Column("id", Uuid, primary_key=True),
    # The domain stores emails trimmed and lower-cased, so this plain unique constraint is a
    # case-insensitive one: no citext or lower() index needed.
    Column("email", Text, nullable=False, unique=True),
    Column("full_name", Text, nullable=False),
    Column("password_hash", Text, nullable=False),
    # Stored as the role's value; loads back as a `Role`, and refuses unknown strings on bind.
    Column(
        "role",
        Enum(
            Role,
            native_enum=False,
            values_callable=lambda roles: [role.value for role in roles],
            validate_strings=True,
            length=16,
        ),
        nullable=False,
    ),
    Column("is_active", Boolean, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("version", Integer, nullable=False),
    # A new `Role` member needs a migration that widens this check.
    CheckConstraint(f"role IN ({_ROLES})", name="role_known"),
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
