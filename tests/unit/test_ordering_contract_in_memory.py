"""The ordering and billing port contract, run against the in-memory adapters."""

import pytest

from adapters.memory.billing import InMemoryInvoiceQueries
from adapters.memory.ordering import InMemoryOrderQueries
from adapters.memory.store import InMemoryStore
from tests.contract.ordering import OrderingAdapters, OrderingContract
from tests.fakes import memory_uow


class TestInMemoryOrdering(OrderingContract):
    @pytest.fixture
    def adapters(self) -> OrderingAdapters:
        store = InMemoryStore()
        return OrderingAdapters(
            uow=lambda: memory_uow(store),
            orders=InMemoryOrderQueries(store),
            invoices=InMemoryInvoiceQueries(store),
            traced_uow=lambda tracing: memory_uow(store, tracing),
        )
