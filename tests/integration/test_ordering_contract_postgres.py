"""The ordering and billing port contract, run against PostgreSQL, plus the outbox the unit
of work fills on commit and the claims the relay relies on.
"""

import asyncio
from datetime import timedelta
from uuid import UUID

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine
from uuid6 import uuid7

from adapters.postgres.billing_queries import SqlInvoiceQueries
from adapters.postgres.engine import create_session_factory
from adapters.postgres.ordering_queries import SqlOrderQueries
from adapters.postgres.read_pool import ReadPool
from adapters.postgres.tables import outbox
from adapters.postgres.unit_of_work import SqlAlchemyUnitOfWork
from application.shared.outbox import PendingEvent
from domain.catalog.product import Product, ProductChanges
from domain.ordering.events import OrderPlaced
from domain.ordering.ids import CustomerId, OrderId
from domain.ordering.order import Order
from domain.shared.errors import ConcurrentModificationError
from tests.contract.ordering import (
    T0,
    T1,
    OrderingAdapters,
    OrderingContract,
    new_invoice,
    new_order,
    new_product,
)


class TestPostgresOrdering(OrderingContract):
    @pytest.fixture
    def adapters(self, engine: AsyncEngine, read_pool: ReadPool) -> OrderingAdapters:
        sessions = create_session_factory(engine)
        return OrderingAdapters(
            uow=lambda: SqlAlchemyUnitOfWork(sessions),
            orders=SqlOrderQueries(read_pool),
            invoices=SqlInvoiceQueries(read_pool),
        )

    async def outbox_rows(self, engine: AsyncEngine) -> list[tuple[str, UUID, int]]:
        statement = select(outbox.c.event_type, outbox.c.aggregate_id, outbox.c.position)
        async with engine.connect() as connection:
            rows = await connection.execute(statement.order_by(outbox.c.position))
        return [(event_type, aggregate_id, position) for event_type, aggregate_id, position in rows]

    async def placed(self, adapters: OrderingAdapters, order: Order) -> None:
        async with adapters.uow() as uow:
            uow.orders.add(order)
            await uow.commit()

    async def test_the_outbox_gets_each_aggregates_events_in_order_on_commit(
        self, adapters: OrderingAdapters, engine: AsyncEngine, mug: Product, customer: CustomerId
    ) -> None:
        order = new_order(mug, customer)
        async with adapters.uow() as uow:
            uow.orders.add(order)
            order.cancel(now=T1, event_id=uuid7())
            invoice = new_invoice(order, await uow.invoice_numbers.next(T0.year))
            uow.invoices.add(invoice)
            invoice.void(now=T1, event_id=uuid7())
            assert await self.outbox_rows(engine) == []
            await uow.commit()
        rows = await self.outbox_rows(engine)
        assert [(event_type, aggregate_id) for event_type, aggregate_id, _ in rows] == [
            ("OrderPlaced", order.id),
            ("OrderCancelled", order.id),
            ("InvoiceVoided", invoice.id),
        ]
        assert [position for *_, position in rows] == sorted(position for *_, position in rows)

    async def test_a_failed_commit_writes_no_events(
        self, adapters: OrderingAdapters, engine: AsyncEngine, mug: Product, customer: CustomerId
    ) -> None:
        order = new_order(mug, customer)
        await self.placed(adapters, order)
        async with adapters.uow() as first, adapters.uow() as second:
            for uow in (first, second):
                loaded = await uow.orders.get(order.id)
                assert loaded is not None
                loaded.cancel(now=T1, event_id=uuid7())
            await first.commit()
            with pytest.raises(ConcurrentModificationError):
                await second.commit()
        assert [row[0] for row in await self.outbox_rows(engine)] == [
            "OrderPlaced",
            "OrderCancelled",
        ]

    async def test_a_claimed_event_decodes_equal_and_is_skipped_by_other_claims(
        self, adapters: OrderingAdapters, mug: Product, customer: CustomerId
    ) -> None:
        event_id = uuid7()
        first = Order.place(
            id=OrderId(uuid7()),
            customer_id=customer,
            lines=new_order(mug, customer).lines,
            now=T0,
            event_id=event_id,
        )
        second = new_order(mug, customer)
        await self.placed(adapters, first)
        await self.placed(adapters, second)
        async with adapters.uow() as mine, adapters.uow() as theirs, adapters.uow() as third:
            claimed = await mine.outbox.claim_next(now=T1)
            other = await theirs.outbox.claim_next(now=T1)
            assert claimed == PendingEvent(
                event=OrderPlaced(
                    event_id=event_id,
                    occurred_at=T0,
                    order_id=first.id,
                    customer_id=customer,
                    total=first.total,
                ),
                attempts=0,
            )
            assert other is not None
            assert other.event.aggregate_id == second.id
            assert await third.outbox.claim_next(now=T1) is None  # both are held

    async def test_an_aggregates_later_events_wait_for_its_earlier_ones(
        self, adapters: OrderingAdapters, mug: Product, customer: CustomerId
    ) -> None:
        order = new_order(mug, customer)
        order.cancel(now=T0, event_id=uuid7())
        await self.placed(adapters, order)
        async with adapters.uow() as mine, adapters.uow() as theirs:
            claimed = await mine.outbox.claim_next(now=T1)
            assert claimed is not None
            assert type(claimed.event).__name__ == "OrderPlaced"
            assert await theirs.outbox.claim_next(now=T1) is None
            await mine.outbox.mark_delivered(claimed.event.event_id, now=T1)
            await mine.commit()
        async with adapters.uow() as uow:
            following = await uow.outbox.claim_next(now=T1)
        assert following is not None
        assert type(following.event).__name__ == "OrderCancelled"

    async def test_a_retried_event_waits_until_due_and_a_parked_one_for_ever(
        self, adapters: OrderingAdapters, mug: Product, customer: CustomerId
    ) -> None:
        order = new_order(mug, customer)
        order.cancel(now=T0, event_id=uuid7())
        await self.placed(adapters, order)
        due = T1 + timedelta(seconds=30)
        async with adapters.uow() as uow:
            claimed = await uow.outbox.claim_next(now=T1)
            assert claimed is not None
            await uow.outbox.retry_later(claimed.event.event_id, error="boom", due=due)
            await uow.commit()
        async with adapters.uow() as uow:
            assert await uow.outbox.claim_next(now=T1) is None  # nor its later event
            again = await uow.outbox.claim_next(now=due)
            assert again is not None
            assert (again.event, again.attempts) == (claimed.event, 1)
            await uow.outbox.park(again.event.event_id, error="boom again", now=due)
            await uow.commit()
        async with adapters.uow() as uow:
            after_parking = await uow.outbox.claim_next(now=due)
        assert after_parking is not None
        assert type(after_parking.event).__name__ == "OrderCancelled"

    async def test_concurrent_reservations_never_oversell_nor_deadlock(
        self, adapters: OrderingAdapters, mug: Product
    ) -> None:
        cup = new_product(f"CUP-{uuid7().hex[-8:].upper()}", stock=5)
        async with adapters.uow() as uow:
            uow.products.add(cup)
            await uow.commit()

        async def reserve(quantities: dict[UUID, int]) -> list[str]:
            async with adapters.uow() as uow:
                short = await uow.stock.reserve(quantities, now=T1)
                await asyncio.sleep(0)  # hold the row locks while the others queue
                await uow.commit()
                return short

        # Half of them name the products the other way round: the locks are still taken
        # in one order, so nobody waits in a cycle.
        requests = [{mug.id: 1, cup.id: 1} if i % 2 else {cup.id: 1, mug.id: 1} for i in range(20)]
        results = await asyncio.gather(*(reserve(request) for request in requests))
        assert sum(result == [] for result in results) == 5
        assert await self.stock_of(adapters, mug) == (0, 6)
        assert await self.stock_of(adapters, cup) == (0, 6)

    async def test_a_product_loaded_before_a_reservation_sees_it_and_stays_writable(
        self, adapters: OrderingAdapters, mug: Product
    ) -> None:
        async with adapters.uow() as uow:
            loaded = await uow.products.get(mug.id)
            assert loaded is not None
            await uow.stock.reserve({mug.id: 2}, now=T1)
            assert (loaded.stock, loaded.version, loaded.updated_at) == (3, 2, T1)
            loaded.change(ProductChanges(name="Big mug"), now=T1)
            await uow.commit()
        async with adapters.uow() as uow:
            current = await uow.products.get(mug.id)
        assert current is not None
        assert (current.name, current.stock, current.version) == ("Big mug", 3, 3)
