"""The catalog port contract, run against the in-memory adapters."""

import pytest

from adapters.memory.catalog import InMemoryProductQueries
from adapters.memory.store import InMemoryStore
from tests.contract.catalog import CatalogAdapters, CatalogContract
from tests.fakes import memory_uow


class TestInMemoryCatalog(CatalogContract):
    @pytest.fixture
    def adapters(self) -> CatalogAdapters:
        store = InMemoryStore()
        return CatalogAdapters(
            uow=lambda: memory_uow(store),
            queries=InMemoryProductQueries(store),
        )
