"""The identity port contract, run against PostgreSQL."""

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from adapters.postgres.identity.directory import SqlUserDirectory
from adapters.postgres.identity.queries import SqlUserQueries
from adapters.postgres.read_pool import ReadPool
from tests.contract.identity import IdentityAdapters, IdentityContract
from tests.integration.postgres_units import units_of_work


class TestPostgresIdentity(IdentityContract):
    @pytest.fixture
    def adapters(self, engine: AsyncEngine, read_pool: ReadPool) -> IdentityAdapters:
        return IdentityAdapters(
            uow=units_of_work(engine),
            directory=SqlUserDirectory(read_pool),
            users=SqlUserQueries(read_pool),
        )
