"""Who may act, read once per authenticated request: one prepared statement, one column.

Like the read models it runs on the read pool, so checking a bearer token costs a single
round trip.
"""

from uuid import UUID

from sqlalchemy import bindparam, select

from adapters.postgres.identity.tables import users
from adapters.postgres.read_pool import CompiledQuery, ReadPool
from domain.shared.roles import Role

_ACTIVE_ROLE = CompiledQuery.of(
    select(users.c.role).where(users.c.id == bindparam("id"), users.c.is_active)
)


class SqlUserDirectory:
    def __init__(self, pool: ReadPool) -> None:
        self._pool = pool

    async def active_role(self, user_id: UUID) -> Role | None:
        row = await self._pool.fetchrow(_ACTIVE_ROLE, {"id": user_id})
        return None if row is None else Role(row["role"])
