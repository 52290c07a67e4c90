"""The catalog port contract, run against PostgreSQL."""

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from adapters.postgres.catalog.queries import SqlProductQueries
from adapters.postgres.engine import create_session_factory
from adapters.postgres.read_pool import ReadPool
from adapters.postgres.unit_of_work import SqlAlchemyUnitOfWork
from entrypoints.contexts import mappings
from entrypoints.contexts.all import CONTEXTS
from tests.contract.catalog import CatalogAdapters, CatalogContract
from tests.integration.postgres_units import codec, repositories


class TestPostgresCatalog(CatalogContract):
    @pytest.fixture
    def adapters(self, engine: AsyncEngine, read_pool: ReadPool) -> CatalogAdapters:
        sessions = create_session_factory(engine, mappings(CONTEXTS))
        return CatalogAdapters(
            uow=lambda: SqlAlchemyUnitOfWork(sessions, repositories=repositories(), codec=codec()),
            queries=SqlProductQueries(read_pool),
        )
