"""The inbox: which handler has dealt with which event, claimed in the handler's transaction."""

from collections.abc import Collection
from uuid import UUID

from sqlalchemy import Integer, func, literal_column, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.postgres.kernel_tables import inbox


class SqlInbox:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def claim(self, event_id: UUID, handler: str) -> bool:
        """A concurrent claim of the same pair waits on the primary key until the first one
        commits (then this one inserts nothing: False) or rolls back (then it wins: True).
        """
        statement = (
            insert(inbox)
            .values(event_id=event_id, handler=handler)
            .on_conflict_do_nothing(index_elements=[inbox.c.event_id, inbox.c.handler])
            .returning(literal_column("1", Integer))
        )
        return (await self._session.execute(statement)).first() is not None

    async def handled(self, event_id: UUID, handlers: Collection[str]) -> bool:
        wanted = set(handlers)
        statement = select(func.count()).where(
            inbox.c.event_id == event_id, inbox.c.handler.in_(list(wanted))
        )
        return (await self._session.execute(statement)).scalar_one() == len(wanted)
