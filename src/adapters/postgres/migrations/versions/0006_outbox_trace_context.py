"""outbox rows carry the trace context of the transaction that wrote them

`trace_context` holds a W3C `traceparent` when tracing is on (NULL otherwise), so the
handling of an event continues the trace of the request that caused it. A partial index on
parked rows keeps the metrics' count of them cheap however long the table grows.

Revision ID: 0006
Revises: 0005
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("outbox", sa.Column("trace_context", sa.Text(), nullable=True))
    op.create_index(
        "ix_outbox_parked_position",
        "outbox",
        ["position"],
        postgresql_where=sa.text("parked_at IS NOT NULL"),
    )


def downgrade() -> None:
    op.drop_index("ix_outbox_parked_position", table_name="outbox")
    op.drop_column("outbox", "trace_context")
