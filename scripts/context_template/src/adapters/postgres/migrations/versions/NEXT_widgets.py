"""widgets: the table of the widgets context

Revision ID: NEXT
Revises: HEAD
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "NEXT"
down_revision: str | None = "HEAD"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "widgets",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "status IN ('open', 'closed')", name=op.f("ck_widgets_status_known")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_widgets")),
    )
    op.create_index(
        op.f("ix_widgets_created_at_id"), "widgets", ["created_at", "id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_widgets_created_at_id"), table_name="widgets")
    op.drop_table("widgets")
