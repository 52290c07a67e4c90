"""users announce changes to their role or active flag

A trigger NOTIFYs `orderly_user_changed` with the user's id whenever a user's `role` or
`is_active` is updated, or the user is deleted. PostgreSQL delivers the notice when the
changing transaction commits, to every connection LISTENing: each service process keeps
its callers' roles in memory and forgets a user the moment this arrives
(`adapters/postgres/identity/cached_directory.py`).

Revision ID: 0005
Revises: 0004
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute(
        """
        CREATE FUNCTION notify_user_changed() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM pg_notify('orderly_user_changed', OLD.id::text);
            RETURN NULL;
        END
        $$
        """
    )
    op.execute(
        """
        CREATE TRIGGER users_changed
        AFTER UPDATE OF role, is_active OR DELETE ON users
        FOR EACH ROW EXECUTE FUNCTION notify_user_changed()
        """
    )


def downgrade() -> None:
    op.execute("DROP TRIGGER users_changed ON users")
    op.execute("DROP FUNCTION notify_user_changed()")
