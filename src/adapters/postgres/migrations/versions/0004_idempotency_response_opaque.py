"""idempotency records keep the response as opaque bytes

The stored response becomes one `response` column the HTTP edge encodes and decodes
(`entrypoints/http/idempotency.py`): a JSON line `{"status": …, "headers": [[name, value],
…]}`, a newline, then the body. Both directions convert the rows in place, so a key used just
before an upgrade or a downgrade still replays its response. A row not in that shape makes
the downgrade fail (in its transaction, changing nothing) rather than be dropped.

Revision ID: 0004
Revises: 0003
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("idempotency_records", sa.Column("response", sa.LargeBinary(), nullable=True))
    op.execute(
        """
        UPDATE idempotency_records
        SET response = convert_to(
                json_build_object('status', status, 'headers', headers)::text, 'UTF8'
            ) || decode('0a', 'hex') || body
        """
    )
    op.alter_column("idempotency_records", "response", nullable=False)
    op.drop_column("idempotency_records", "body")
    op.drop_column("idempotency_records", "headers")
    op.drop_column("idempotency_records", "status")


def downgrade() -> None:
    op.add_column("idempotency_records", sa.Column("status", sa.Integer(), nullable=True))
    op.add_column(
        "idempotency_records",
        sa.Column("headers", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
    )
    op.add_column("idempotency_records", sa.Column("body", sa.LargeBinary(), nullable=True))
    op.execute(
        """
        UPDATE idempotency_records AS record
        SET status = (parsed.head ->> 'status')::integer,
            headers = parsed.head -> 'headers',
            body = substring(record.response FROM parsed.newline + 1)
        FROM (
            SELECT scope, key, newline,
                   convert_from(substring(response FOR newline - 1), 'UTF8')::jsonb AS head
            FROM (
                SELECT scope, key, response,
                       position(decode('0a', 'hex') IN response) AS newline
                FROM idempotency_records
            ) AS located
        ) AS parsed
        WHERE record.scope = parsed.scope AND record.key = parsed.key
        """
    )
    op.alter_column("idempotency_records", "status", nullable=False)
    op.alter_column("idempotency_records", "headers", nullable=False)
    op.alter_column("idempotency_records", "body", nullable=False)
    op.drop_column("idempotency_records", "response")
