"""The identity port contract, run against PostgreSQL."""

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from adapters.postgres.engine import create_session_factory
from adapters.postgres.identity.directory import SqlUserDirectory
from adapters.postgres.identity.queries import SqlUserQueries
from adapters.postgres.read_pool import ReadPool
from adapters.postgres.unit_of_work import SqlAlchemyUnitOfWork
from entrypoints.contexts import mappings
from entrypoints.contexts.all import CONTEXTS
from tests.contract.identity import IdentityAdapters, IdentityContract
from tests.integration.postgres_units import codec, repositories


class TestPostgresIdentity(IdentityContract):
    @pytest.fixture
    def adapters(self, engine: AsyncEngine, read_pool: ReadPool) -> IdentityAdapters:
        sessions = create_session_factory(engine, mappings(CONTEXTS))
        return IdentityAdapters(
            uow=lambda: SqlAlchemyUnitOfWork(sessions, repositories=repositories(), codec=codec()),
            directory=SqlUserDirectory(read_pool),
            users=SqlUserQueries(read_pool),
        )
