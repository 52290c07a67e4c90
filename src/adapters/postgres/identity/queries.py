"""The users read model: one prepared statement per read, straight into views.

Like the catalog's, each query shape (which filters are present, first page or not) is built
with SQLAlchemy Core once and cached compiled; a request only binds its values. It reads
committed rows only, outside any write transaction.
"""

from __future__ import annotations

from datetime import datetime
from functools import cache
from typing import Any
from uuid import UUID

from sqlalchemy import ColumnElement, bindparam, or_, select, tuple_

from adapters.postgres.identity.tables import users
from adapters.postgres.like import ESCAPE, contains
from adapters.postgres.read_pool import CompiledQuery, ReadPool
from application.identity.ports import UserCriteria, UserView
from application.shared.pagination import Keyset, Page, PageRequest
from domain.shared.ids import UserId
from domain.shared.roles import Role

_COLUMNS = (
    users.c.id,
    users.c.email,
    users.c.full_name,
    users.c.role,
    users.c.is_active,
    users.c.created_at,
    users.c.updated_at,
    users.c.version,
)
_FILTERS: dict[str, ColumnElement[bool]] = {
    "role": users.c.role == bindparam("role"),
    "q": or_(
        users.c.email.ilike(bindparam("q"), escape=ESCAPE),
        users.c.full_name.ilike(bindparam("q"), escape=ESCAPE),
    ),
}

_GET = CompiledQuery.of(select(*_COLUMNS).where(users.c.id == bindparam("id")))


class SqlUserQueries:
    def __init__(self, pool: ReadPool) -> None:
        self._pool = pool

    async def get(self, user_id: UserId) -> UserView | None:
        row = await self._pool.fetchrow(_GET, {"id": user_id})
        return None if row is None else _view(row)

    async def list(self, criteria: UserCriteria, page: PageRequest) -> Page[UserView]:
        """Oldest first by `(created_at, id)`, a row-value comparison the matching index
        answers with a single seek.
        """
        values: dict[str, object] = {}
        if criteria.role is not None:
            values["role"] = criteria.role.value
        if criteria.q is not None:
            values["q"] = contains(criteria.q)
        query = _list_query(frozenset(values), after=page.after is not None)
        if page.after is not None:
            created_at, last_id = page.after
            values["after_created_at"] = datetime.fromisoformat(created_at)
            values["after_id"] = UUID(last_id)
        values["limit"] = page.limit + 1
        rows = await self._pool.fetch(query, values)
        views = [_view(row) for row in rows[: page.limit]]
        next_key = _keyset_of(views[-1]) if len(rows) > page.limit else None
        return Page(items=views, next_key=next_key)


@cache
def _list_query(filters: frozenset[str], *, after: bool) -> CompiledQuery:
    """At most 2^2 filter sets x 2: compiled once each, on first use."""
    conditions = [_FILTERS[name] for name in sorted(filters)]
    if after:
        bound = tuple_(
            bindparam("after_created_at", type_=users.c.created_at.type),
            bindparam("after_id", type_=users.c.id.type),
        )
        conditions.append(tuple_(users.c.created_at, users.c.id) > bound)
    statement = (
        select(*_COLUMNS)
        .where(*conditions)
        .order_by(users.c.created_at, users.c.id)
        .limit(bindparam("limit"))
    )
    return CompiledQuery.of(statement)


def _keyset_of(view: UserView) -> Keyset:
    return (view.created_at.isoformat(), str(view.id))


def _view(row: Any) -> UserView:
    return UserView(
        id=row["id"],
        email=row["email"],
        full_name=row["full_name"],
        role=Role(row["role"]),
        is_active=row["is_active"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        version=row["version"],
    )
