"""User aggregates through the ORM's imperative mapping; the admin listing as plain rows."""

from collections.abc import Sequence
from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import ColumnElement, Select, or_, select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.postgres.tables import users
from application.identity.ports import UserCriteria, UserView
from application.shared.pagination import Keyset, Page, PageRequest
from domain.identity.user import User, UserId

_VIEW_COLUMNS = (
    users.c.id,
    users.c.email,
    users.c.full_name,
    users.c.role,
    users.c.is_active,
    users.c.created_at,
    users.c.updated_at,
    users.c.version,
)


class SqlUserRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, user_id: UserId) -> User | None:
        return await self._session.get(User, user_id)

    async def get_by_email(self, email: str) -> User | None:
        result = await self._session.execute(select(User).where(users.c.email == email))
        return result.scalar_one_or_none()

    def add(self, user: User) -> None:
        self._session.add(user)

    async def list(self, criteria: UserCriteria, page: PageRequest) -> Page[UserView]:
        """Selects columns, not entities: views need no identity map, and (with autoflush off)
        the query sees committed rows only, like the in-memory listing.
        """
        rows = (await self._session.execute(_list_statement(criteria, page))).all()
        views = [_view(row) for row in rows[: page.limit]]
        next_key = _keyset_of(views[-1]) if len(rows) > page.limit else None
        return Page(items=views, next_key=next_key)


def _list_statement(criteria: UserCriteria, page: PageRequest) -> Select[Any]:
    conditions: list[ColumnElement[bool]] = []
    if criteria.role is not None:
        conditions.append(users.c.role == criteria.role)
    if criteria.q is not None:
        conditions.append(
            or_(
                users.c.email.icontains(criteria.q, autoescape=True),
                users.c.full_name.icontains(criteria.q, autoescape=True),
            ),
        )
    if page.after is not None:
        conditions.append(_after(page.after))
    return (
        select(*_VIEW_COLUMNS)
        .where(*conditions)
        .order_by(users.c.created_at, users.c.id)
        .limit(page.limit + 1)
    )


def _after(after: Keyset) -> ColumnElement[bool]:
    """A row-value comparison the (created_at, id) index answers with a single seek."""
    created_at, last_id = after
    position = tuple_(users.c.created_at, users.c.id)
    return position > tuple_(datetime.fromisoformat(created_at), UUID(last_id))


def _keyset_of(view: UserView) -> Keyset:
    return (view.created_at.isoformat(), str(view.id))


def _view(row: Sequence[Any]) -> UserView:
    (id_, email, full_name, role, is_active, created_at, updated_at, version) = row
    return UserView(
        id=id_,
        email=email,
        full_name=full_name,
        role=role,
        is_active=is_active,
        created_at=created_at,
        updated_at=updated_at,
        version=version,
    )
