"""The catalog port contract, run against PostgreSQL."""

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from adapters.postgres.catalog.queries import SqlProductQueries
from adapters.postgres.read_pool import ReadPool
from tests.contract.catalog import CatalogAdapters, CatalogContract
from tests.integration.postgres_units import units_of_work


class TestPostgresCatalog(CatalogContract):
    @pytest.fixture
    def adapters(self, engine: AsyncEngine, read_pool: ReadPool) -> CatalogAdapters:
        return CatalogAdapters(
            uow=units_of_work(engine),
            queries=SqlProductQueries(read_pool),
        )
