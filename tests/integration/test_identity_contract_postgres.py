"""The identity port contract, run against PostgreSQL."""

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from adapters.postgres.engine import create_session_factory
from adapters.postgres.read_pool import ReadPool
from adapters.postgres.unit_of_work import SqlAlchemyUnitOfWork
from adapters.postgres.user_directory import SqlUserDirectory
from tests.contract.identity import IdentityAdapters, IdentityContract


class TestPostgresIdentity(IdentityContract):
    @pytest.fixture
    def adapters(self, engine: AsyncEngine, read_pool: ReadPool) -> IdentityAdapters:
        sessions = create_session_factory(engine)
        return IdentityAdapters(
            uow=lambda: SqlAlchemyUnitOfWork(sessions),
            directory=SqlUserDirectory(read_pool),
        )
