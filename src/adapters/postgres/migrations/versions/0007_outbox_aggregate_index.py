"""one index on the outbox by aggregate, for pending and delivered events alike

Broker mode names each published event's predecessor: the aggregate's latest earlier event,
usually delivered already. The index on pending events alone could not find it; one on
`(aggregate_id, position)` serves that lookup and the relay's claim (an aggregate has a
handful of events, so the claim reads the few delivered ones too), at the same write cost.

Revision ID: 0007
Revises: 0006
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_outbox_aggregate_id_position", "outbox", ["aggregate_id", "position"])
    op.drop_index("ix_outbox_pending_aggregate_id_position", table_name="outbox")


def downgrade() -> None:
    op.create_index(
        "ix_outbox_pending_aggregate_id_position",
        "outbox",
        ["aggregate_id", "position"],
        postgresql_where=sa.text("delivered_at IS NULL AND parked_at IS NULL"),
    )
    op.drop_index("ix_outbox_aggregate_id_position", table_name="outbox")
