"""The ordering and billing port contract, run against PostgreSQL, plus the outbox the unit
of work fills on commit, the claims the relay relies on, and what only a database shows of
products for sale: one statement per call, and row locks under concurrency.
"""

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any
from uuid import UUID, uuid4

import pytest
from sqlalchemy import event, select
from sqlalchemy.ext.asyncio import AsyncEngine
from uuid6 import uuid7

from adapters.postgres.billing.queries import SqlInvoiceQueries
from adapters.postgres.engine import create_session_factory
from adapters.postgres.kernel_tables import outbox
from adapters.postgres.ordering.queries import SqlOrderQueries
from adapters.postgres.read_pool import ReadPool
from adapters.postgres.unit_of_work import SqlAlchemyUnitOfWork
from application.ordering.ports import ProductForSale, Reservation
from application.shared.outbox import PendingEvent
from domain.catalog.product import Product, ProductChanges
from domain.ordering.events import OrderPlaced
from domain.ordering.order import Order
from domain.shared.errors import ConcurrentModificationError
from domain.shared.ids import CustomerId, OrderId, ProductId
from entrypoints.contexts import mappings
from entrypoints.contexts.all import CONTEXTS
from tests.contract.ordering import (
    T0,
    T1,
    OrderingAdapters,
    OrderingContract,
    new_invoice,
    new_order,
    new_product,
)
from tests.integration.postgres_units import codec, repositories, units_of_work


@contextmanager
def statements_sent(engine: AsyncEngine) -> Iterator[list[str]]:
    """Every SQL statement the engine sends to the server while the block runs."""
    sent: list[str] = []

    def record(*args: Any) -> None:
        sent.append(args[2])

    event.listen(engine.sync_engine, "before_cursor_execute", record)
    try:
        yield sent
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", record)


class TestPostgresOrdering(OrderingContract):
    @pytest.fixture
    def adapters(self, engine: AsyncEngine, read_pool: ReadPool) -> OrderingAdapters:
        sessions = create_session_factory(engine, mappings(CONTEXTS))
        return OrderingAdapters(
            uow=units_of_work(engine),
            orders=SqlOrderQueries(read_pool),
            invoices=SqlInvoiceQueries(read_pool),
            traced_uow=lambda tracing: SqlAlchemyUnitOfWork(
                sessions, repositories=repositories(), codec=codec(), tracing=tracing
            ),
        )

    async def outbox_rows(self, engine: AsyncEngine) -> list[tuple[str, UUID, int]]:
        statement = select(outbox.c.event_type, outbox.c.aggregate_id, outbox.c.position)
        async with engine.connect() as connection:
            rows = await connection.execute(statement.order_by(outbox.c.position))
        return [
            (row["event_type"], row["aggregate_id"], row["position"]) for row in rows.mappings()
        ]

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
            ("InvoiceIssued", invoice.id),
            ("InvoiceVoided", invoice.id),
        ]
        assert [position for *_, position in rows] == sorted(position for *_, position in rows)

    async def test_added_aggregates_hand_over_their_events_before_loaded_ones(
        self, adapters: OrderingAdapters, engine: AsyncEngine, mug: Product, customer: CustomerId
    ) -> None:
        order = new_order(mug, customer)
        await self.placed(adapters, order)
        async with adapters.uow() as uow:
            loaded = await uow.orders.get(order.id)
            assert loaded is not None
            loaded.cancel(now=T1, event_id=uuid7())
            invoice = new_invoice(order, await uow.invoice_numbers.next(T0.year))
            uow.invoices.add(invoice)
            invoice.void(now=T1, event_id=uuid7())
            await uow.commit()
        rows = await self.outbox_rows(engine)
        assert [(event_type, aggregate_id) for event_type, aggregate_id, _ in rows] == [
            ("OrderPlaced", order.id),
            ("InvoiceIssued", invoice.id),
            ("InvoiceVoided", invoice.id),
            ("OrderCancelled", order.id),
        ]

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

    async def stocked(self, adapters: OrderingAdapters, *products: Product) -> None:
        async with adapters.uow() as uow:
            for product in products:
                uow.products.add(product)
            await uow.commit()

    async def test_reserving_or_releasing_fifty_products_is_one_statement_each(
        self, adapters: OrderingAdapters, engine: AsyncEngine
    ) -> None:
        products = [new_product(f"B{index:02}-{uuid4().hex[:6].upper()}", 3) for index in range(50)]
        await self.stocked(adapters, *products)
        quantities = {product.id: 2 for product in products}
        async with adapters.uow() as uow:
            with statements_sent(engine) as sent:
                reservation = await uow.products_for_sale.reserve(quantities, now=T1)
            assert len(sent) == 1
            assert reservation.reserved
            assert reservation.products.keys() == quantities.keys()
            with statements_sent(engine) as sent:
                await uow.products_for_sale.release(quantities, now=T1)
            assert len(sent) == 1
            await uow.commit()
        assert {await self.stock_of(adapters, product) for product in products} == {(3, 3)}

    async def test_a_reservation_snapshots_the_products_as_they_are_now(
        self, adapters: OrderingAdapters, mug: Product
    ) -> None:
        async with adapters.uow() as uow:
            reservation = await uow.products_for_sale.reserve({mug.id: 2}, now=T1)
            await uow.commit()
        assert reservation == Reservation(
            products={
                mug.id: ProductForSale(
                    product_id=mug.id,
                    sku=mug.sku,
                    name=mug.name,
                    unit_price=mug.unit_price,
                    active=True,
                )
            },
            short=(),
            reserved=True,
        )
        assert await self.stock_of(adapters, mug) == (3, 2)

    async def test_every_short_product_is_named_and_nothing_is_taken(
        self, adapters: OrderingAdapters, mug: Product
    ) -> None:
        cup = new_product(f"CUP-{uuid4().hex[:8].upper()}", stock=10)
        tea = new_product(f"TEA-{uuid4().hex[:8].upper()}", stock=1)
        await self.stocked(adapters, cup, tea)
        async with adapters.uow() as uow:
            reservation = await uow.products_for_sale.reserve(
                {tea.id: 2, cup.id: 10, mug.id: 6}, now=T1
            )
            await uow.commit()
        assert not reservation.reserved
        assert reservation.short == tuple(sorted([tea.sku, mug.sku]))
        assert reservation.products.keys() == {tea.id, cup.id, mug.id}
        assert await self.stock_of(adapters, mug) == (5, 1)
        assert await self.stock_of(adapters, cup) == (10, 1)
        assert await self.stock_of(adapters, tea) == (1, 1)

    async def test_an_unknown_or_archived_product_reserves_nothing(
        self, adapters: OrderingAdapters, mug: Product
    ) -> None:
        archived = new_product(f"OLD-{uuid4().hex[:8].upper()}", stock=10)
        archived.archive(now=T0)
        await self.stocked(adapters, archived)
        unknown = ProductId(uuid7())
        async with adapters.uow() as uow:
            reservation = await uow.products_for_sale.reserve(
                {mug.id: 1, archived.id: 1, unknown: 1}, now=T1
            )
            await uow.commit()
        assert (reservation.reserved, reservation.short) == (False, ())
        assert unknown not in reservation.products
        assert reservation.products[archived.id].active is False
        assert reservation.products[mug.id].active is True
        assert await self.stock_of(adapters, mug) == (5, 1)
        assert await self.stock_of(adapters, archived) == (10, 2)

    async def test_releasing_reaches_archived_products_and_bumps_the_version(
        self, adapters: OrderingAdapters
    ) -> None:
        archived = new_product(f"OLD-{uuid4().hex[:8].upper()}", stock=1)
        archived.archive(now=T0)
        await self.stocked(adapters, archived)
        async with adapters.uow() as uow:
            await uow.products_for_sale.release({archived.id: 4}, now=T1)
            await uow.commit()
        assert await self.stock_of(adapters, archived) == (5, 3)

    async def test_concurrent_reservations_never_oversell_nor_deadlock(
        self, adapters: OrderingAdapters, mug: Product
    ) -> None:
        cup = new_product(f"CUP-{uuid7().hex[-8:].upper()}", stock=5)
        await self.stocked(adapters, cup)

        async def reserve(quantities: dict[ProductId, int]) -> bool:
            async with adapters.uow() as uow:
                reservation = await uow.products_for_sale.reserve(quantities, now=T1)
                await asyncio.sleep(0)  # hold the row locks while the others queue
                await uow.commit()
                return reservation.reserved

        # Half of them name the products the other way round: the locks are still taken
        # in one order, so nobody waits in a cycle.
        requests = [{mug.id: 1, cup.id: 1} if i % 2 else {cup.id: 1, mug.id: 1} for i in range(20)]
        results = await asyncio.gather(*(reserve(request) for request in requests))
        assert sum(results) == 5
        assert await self.stock_of(adapters, mug) == (0, 6)
        assert await self.stock_of(adapters, cup) == (0, 6)

    async def test_concurrent_single_units_never_oversell(
        self, adapters: OrderingAdapters, mug: Product
    ) -> None:
        async def reserve() -> bool:
            async with adapters.uow() as uow:
                reservation = await uow.products_for_sale.reserve({mug.id: 1}, now=T1)
                await asyncio.sleep(0)
                await uow.commit()
                return reservation.reserved

        results = await asyncio.gather(*(reserve() for _ in range(10)))
        assert sum(results) == 5
        assert await self.stock_of(adapters, mug) == (0, 6)

    async def test_a_product_loaded_before_a_reservation_refuses_a_stale_write(
        self, adapters: OrderingAdapters, mug: Product
    ) -> None:
        """The reservation bypasses the session, so the loaded product still shows its old
        stock; its version check then refuses to write that back over the reservation.
        """
        async with adapters.uow() as uow:
            loaded = await uow.products.get(mug.id)
            assert loaded is not None
            reservation = await uow.products_for_sale.reserve({mug.id: 2}, now=T1)
            assert reservation.reserved
            loaded.change(ProductChanges(name="Big mug"), now=T1)
            with pytest.raises(ConcurrentModificationError):
                await uow.commit()
        assert await self.stock_of(adapters, mug) == (5, 1)
