"""What only the in-memory ordering adapters can show: races played out step by step in one
task, and the outbox they keep in the store. The shared contract runs in
`tests/unit/test_ordering_contract_in_memory.py`.
"""

from uuid import uuid4

import pytest

from adapters.memory.billing import InMemoryInvoiceQueries
from adapters.memory.ordering import InMemoryOrderQueries
from adapters.memory.store import InMemoryStore
from domain.catalog.product import Product
from domain.shared.errors import ConcurrentModificationError
from domain.shared.ids import CustomerId
from tests.contract.ordering import (
    T1,
    OrderingAdapters,
    OrderingFixtures,
    new_invoice,
    new_order,
)
from tests.fakes import memory_uow


class TestInMemoryOrdering(OrderingFixtures):
    @pytest.fixture
    def store(self) -> InMemoryStore:
        return InMemoryStore()

    @pytest.fixture
    def adapters(self, store: InMemoryStore) -> OrderingAdapters:
        return OrderingAdapters(
            uow=lambda: memory_uow(store),
            orders=InMemoryOrderQueries(store),
            invoices=InMemoryInvoiceQueries(store),
            traced_uow=lambda tracing: memory_uow(store, tracing),
        )

    async def test_the_outbox_gets_each_aggregates_events_in_order_on_commit(
        self, store: InMemoryStore, mug: Product, customer: CustomerId
    ) -> None:
        order = new_order(mug, customer)
        async with memory_uow(store) as uow:
            uow.orders.add(order)
            order.cancel(now=T1, event_id=uuid4())
            assert store.outbox == []
            await uow.commit()
        assert [type(record.event).__name__ for record in store.outbox] == [
            "OrderPlaced",
            "OrderCancelled",
        ]
        assert {record.event.aggregate_id for record in store.outbox} == {order.id}
        assert [record.position for record in store.outbox] == [0, 1]

    async def test_a_failed_commit_writes_no_events(
        self, store: InMemoryStore, mug: Product, customer: CustomerId
    ) -> None:
        order = new_order(mug, customer)
        async with memory_uow(store) as uow:
            uow.orders.add(order)
            await uow.commit()
        store.outbox.clear()
        async with memory_uow(store) as first, memory_uow(store) as second:
            for uow in (first, second):
                loaded = await uow.orders.get(order.id)
                assert loaded is not None
                loaded.cancel(now=T1, event_id=uuid4())
            await first.commit()
            with pytest.raises(ConcurrentModificationError):
                await second.commit()
        assert len(store.outbox) == 1

    async def test_invoice_numbers_taken_concurrently_refuse_the_later_commit(
        self, store: InMemoryStore, mug: Product, customer: CustomerId
    ) -> None:
        async with memory_uow(store) as first, memory_uow(store) as second:
            for uow in (first, second):
                order = new_order(mug, customer)
                uow.invoices.add(new_invoice(order, await uow.invoice_numbers.next(2026)))
            await first.commit()
            with pytest.raises(ConcurrentModificationError, match="invoice numbers"):
                await second.commit()
        assert [invoice.number for invoice in store.table("invoices").values()] == [
            "INV-2026-000001"
        ]

    async def test_an_event_claimed_concurrently_refuses_the_later_commit(
        self, store: InMemoryStore
    ) -> None:
        event_id = uuid4()
        async with memory_uow(store) as first, memory_uow(store) as second:
            assert await first.inbox.claim(event_id, "billing.issue_invoice")
            assert await second.inbox.claim(event_id, "billing.issue_invoice")
            await first.commit()
            with pytest.raises(ConcurrentModificationError, match="handled concurrently"):
                await second.commit()
