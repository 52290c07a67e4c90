"""ordering, billing, and the event outbox and inbox

Revision ID: 0003
Revises: 0002
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PENDING = "delivered_at IS NULL AND parked_at IS NULL"


def upgrade() -> None:
    op.create_table(
        "orders",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("customer_id", sa.Uuid(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("lines", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("total_amount", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.Column("total_currency", sa.CHAR(length=3), nullable=False),
        sa.Column("invoice_id", sa.Uuid(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "status IN ('placed', 'paid', 'shipped', 'cancelled')",
            name=op.f("ck_orders_status_known"),
        ),
        sa.CheckConstraint("total_amount > 0", name=op.f("ck_orders_total_positive")),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["users.id"], name=op.f("fk_orders_customer_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_orders")),
    )
    op.create_index(op.f("ix_orders_created_at_id"), "orders", ["created_at", "id"], unique=False)
    op.create_index(
        op.f("ix_orders_customer_id_created_at_id"),
        "orders",
        ["customer_id", "created_at", "id"],
        unique=False,
    )
    op.create_table(
        "invoices",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("number", sa.Text(), nullable=False),
        sa.Column("order_id", sa.Uuid(), nullable=False),
        sa.Column("customer_id", sa.Uuid(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("total_amount", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.Column("total_currency", sa.CHAR(length=3), nullable=False),
        sa.Column("refund_due_amount", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.Column("refund_due_currency", sa.CHAR(length=3), nullable=False),
        sa.Column("payments", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "status IN ('open', 'paid', 'void')", name=op.f("ck_invoices_status_known")
        ),
        sa.CheckConstraint("total_amount > 0", name=op.f("ck_invoices_total_positive")),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["users.id"], name=op.f("fk_invoices_customer_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["order_id"],
            ["orders.id"],
            name=op.f("fk_invoices_order_id_orders"),
            initially="DEFERRED",
            deferrable=True,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invoices")),
        sa.UniqueConstraint("number", name=op.f("uq_invoices_number")),
        sa.UniqueConstraint("order_id", name=op.f("uq_invoices_order_id")),
    )
    op.create_index(op.f("ix_invoices_issued_at_id"), "invoices", ["issued_at", "id"], unique=False)
    op.create_index(
        op.f("ix_invoices_customer_id_issued_at_id"),
        "invoices",
        ["customer_id", "issued_at", "id"],
        unique=False,
    )
    op.create_table(
        "invoice_counters",
        sa.Column("year", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("last", sa.Integer(), nullable=False),
        sa.CheckConstraint("last >= 1", name=op.f("ck_invoice_counters_last_positive")),
        sa.PrimaryKeyConstraint("year", name=op.f("pk_invoice_counters")),
    )
    op.create_table(
        "inbox",
        sa.Column("event_id", sa.Uuid(), nullable=False),
        sa.Column("handler", sa.Text(), nullable=False),
        sa.Column(
            "processed_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("event_id", "handler", name=op.f("pk_inbox")),
    )
    op.create_table(
        "outbox",
        sa.Column("event_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.BigInteger(), sa.Identity(always=True), nullable=False),
        sa.Column("aggregate_id", sa.Uuid(), nullable=False),
        sa.Column("event_type", sa.Text(), nullable=False),
        sa.Column("payload", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("available_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("attempts", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("delivered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("parked_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("event_id", name=op.f("pk_outbox")),
        sa.UniqueConstraint("position", name=op.f("uq_outbox_position")),
    )
    op.create_index(
        "ix_outbox_pending_position",
        "outbox",
        ["position"],
        unique=False,
        postgresql_where=sa.text(PENDING),
    )
    op.create_index(
        "ix_outbox_pending_aggregate_id_position",
        "outbox",
        ["aggregate_id", "position"],
        unique=False,
        postgresql_where=sa.text(PENDING),
    )


def downgrade() -> None:
    op.drop_index("ix_outbox_pending_aggregate_id_position", table_name="outbox")
    op.drop_index("ix_outbox_pending_position", table_name="outbox")
    op.drop_table("outbox")
    op.drop_table("inbox")
    op.drop_table("invoice_counters")
    op.drop_index(op.f("ix_invoices_customer_id_issued_at_id"), table_name="invoices")
    op.drop_index(op.f("ix_invoices_issued_at_id"), table_name="invoices")
    op.drop_table("invoices")
    op.drop_index(op.f("ix_orders_customer_id_created_at_id"), table_name="orders")
    op.drop_index(op.f("ix_orders_created_at_id"), table_name="orders")
    op.drop_table("orders")
