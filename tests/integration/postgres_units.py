"""What a PostgreSQL unit of work is built from in the adapter tests: every context's
repositories, by the names the ports give them, every event the outbox may carry, and the
unique constraints whose violation means a domain error, as the contexts declare them.
"""

from collections.abc import Callable

from sqlalchemy.ext.asyncio import AsyncEngine

from adapters.postgres.engine import create_session_factory
from adapters.postgres.event_codec import EventCodec
from adapters.postgres.unit_of_work import RepositoryFactory, SqlAlchemyUnitOfWork
from entrypoints.contexts import mappings, postgres_repositories, published_events, unique_conflicts
from entrypoints.contexts.all import CONTEXTS


def repositories() -> dict[str, RepositoryFactory]:
    return postgres_repositories(CONTEXTS)


def codec() -> EventCodec:
    return EventCodec(published_events(CONTEXTS))


def units_of_work(engine: AsyncEngine) -> Callable[[], SqlAlchemyUnitOfWork]:
    """A new unit of work on `engine` per call, as the container builds them."""
    sessions = create_session_factory(engine, mappings(CONTEXTS))
    return lambda: SqlAlchemyUnitOfWork(
        sessions, repositories=repositories(), codec=codec(), conflicts=unique_conflicts(CONTEXTS)
    )
