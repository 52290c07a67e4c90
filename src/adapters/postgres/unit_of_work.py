"""The PostgreSQL unit of work: one session, one transaction, errors translated to the core's.

It knows no context: the composition root names the repositories (`repositories`, one
attribute each, such as `uow.orders`), and every aggregate the session holds hands its
recorded events to the outbox at commit, so a new context or aggregate changes nothing here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import TracebackType
from typing import Self

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from adapters.postgres.event_codec import EventCodec
from adapters.postgres.idempotency import SqlIdempotencyStore
from adapters.postgres.inbox import SqlInbox
from adapters.postgres.outbox import SqlOutbox
from application.shared.idempotency import IdempotencyStore
from application.shared.inbox import Inbox
from application.shared.outbox import Outbox
from application.shared.tracing import NO_TRACING, Tracing
from domain.shared.errors import ConcurrentModificationError, DomainError
from domain.shared.events import DomainEvent, EventRecorder

RepositoryFactory = Callable[[AsyncSession], object]
"""Builds one repository on the unit of work's session, e.g. `SqlOrderRepository`."""


class SqlAlchemyUnitOfWork:
    """`idempotency`, `inbox` and `outbox` are the shared kernel's, built here; every other
    attribute is a repository named in `repositories`.
    """

    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        repositories: Mapping[str, RepositoryFactory],
        codec: EventCodec,
        tracing: Tracing = NO_TRACING,
        conflicts: Mapping[str, type[DomainError]] | None = None,
    ) -> None:
        self._session_factory = session_factory
        self._repositories = repositories
        self._codec = codec
        self._tracing = tracing
        self._conflicts = conflicts or {}

    async def __aenter__(self) -> Self:
        self._session = self._session_factory()
        self._outbox = SqlOutbox(self._session, self._codec)
        self.idempotency: IdempotencyStore = SqlIdempotencyStore(self._session)
        self.inbox: Inbox = SqlInbox(self._session)
        self.outbox: Outbox = self._outbox
        for name, factory in self._repositories.items():
            setattr(self, name, factory(self._session))
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Closing rolls back whatever was not committed and returns the connection."""
        await self._session.close()

    async def commit(self) -> None:
        """The recorded events are inserted before the flush, in the same transaction: if
        the flush fails (a lost update, say), they roll back with it.
        """
        try:
            await self._outbox.append(
                self._recorded_events(), trace_context=self._tracing.current_context()
            )
            await self._session.commit()
        except StaleDataError as error:
            raise ConcurrentModificationError("the resource was changed concurrently") from error
        except IntegrityError as error:
            raise _translate(error, self._conflicts) from error

    def _recorded_events(self) -> list[DomainEvent]:
        """Added aggregates first, in the order they were added, then loaded ones, in the
        order they were loaded; every aggregate's events in the order it recorded them.
        """
        held = {id(instance): instance for instance in self._session.new}
        held.update((id(instance), instance) for instance in self._session.identity_map.values())
        return [
            event
            for aggregate in held.values()
            if isinstance(aggregate, EventRecorder)
            for event in aggregate.pull_events()
        ]


def _translate(error: IntegrityError, conflicts: Mapping[str, type[DomainError]]) -> Exception:
    """Unique constraints are the last line against races the use case checked for: each
    context names its own (`BoundedContext.conflicts`) with the error they mean."""
    constraint = getattr(error.orig.__cause__, "constraint_name", None) if error.orig else None
    domain_error = conflicts.get(constraint or "")
    if domain_error is None:
        return error
    return domain_error(f"conflicts with existing data ({constraint})")
