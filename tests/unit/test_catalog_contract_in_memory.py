"""The catalog port contract, run against the in-memory adapters."""

import pytest

from adapters.memory.catalog import InMemoryProductQueries
from adapters.memory.store import InMemoryStore
from adapters.memory.unit_of_work import InMemoryUnitOfWork
from tests.contract.catalog import CatalogAdapters, CatalogContract


class TestInMemoryCatalog(CatalogContract):
    @pytest.fixture
    def adapters(self) -> CatalogAdapters:
        store = InMemoryStore()
        return CatalogAdapters(
            uow=lambda: InMemoryUnitOfWork(store),
            queries=InMemoryProductQueries(store),
        )
