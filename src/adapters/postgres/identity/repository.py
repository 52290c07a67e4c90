"""User aggregates loaded and saved through the ORM's imperative mapping.

Listing users is a read, not a load: it lives in the read model (`queries.py`).
"""

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.postgres.identity.tables import users
from domain.identity.user import User
from domain.shared.ids import UserId


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
