"""The ordering and billing port contract, run against the in-memory adapters."""

import pytest

from adapters.memory.billing import InMemoryInvoiceQueries
from adapters.memory.ordering import InMemoryOrderQueries
from adapters.memory.store import InMemoryStore
from adapters.memory.unit_of_work import InMemoryUnitOfWork
from tests.contract.ordering import OrderingAdapters, OrderingContract


class TestInMemoryOrdering(OrderingContract):
    @pytest.fixture
    def adapters(self) -> OrderingAdapters:
        store = InMemoryStore()
        return OrderingAdapters(
            uow=lambda: InMemoryUnitOfWork(store),
            orders=InMemoryOrderQueries(store),
            invoices=InMemoryInvoiceQueries(store),
        )
