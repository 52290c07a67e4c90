"""Identity's tables: users, and the refresh tokens of their sessions."""

from sqlalchemy import Boolean, Column, DateTime, ForeignKey, Index, Integer, Table, Text, Uuid

from adapters.postgres.columns import enum_by_value, known_values
from adapters.postgres.metadata import metadata
from domain.shared.roles import Role

users = Table(
    "users",
    metadata,
    Column("id", Uuid, primary_key=True),
    # The domain stores emails trimmed and lower-cased, so this plain unique constraint is a
    # case-insensitive one: no citext or lower() index needed.
    Column("email", Text, nullable=False, unique=True),
    Column("full_name", Text, nullable=False),
    Column("password_hash", Text, nullable=False),
    Column("role", enum_by_value(Role), nullable=False),
    Column("is_active", Boolean, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("version", Integer, nullable=False),
    known_values("role", Role),
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
