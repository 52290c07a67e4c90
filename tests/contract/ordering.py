"""The port contract every ordering and billing adapter must honour.

Subclasses provide the `adapters` fixture; the same assertions then run against the
in-memory adapters (unit suite) and PostgreSQL (integration suite), so the fakes the unit
tests rely on cannot drift from the real thing. The outbox's delivery rules are the relay's
to test; here only the ports the use cases and handlers call.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from uuid import uuid4

import pytest
from uuid6 import uuid7

from application.billing.ports import InvoiceCriteria, InvoiceQueries
from application.ordering.ports import OrderCriteria, OrderQueries
from application.shared.outbox import EventRef
from application.shared.pagination import PageRequest
from application.shared.tracing import NoTracing, Tracing
from application.unit_of_work import ServiceUnitOfWork
from domain.billing.invoice import Invoice, InvoiceStatus
from domain.catalog.product import Product, ProductChanges
from domain.identity.user import User
from domain.ordering.order import Order, OrderLine, OrderStatus
from domain.shared.errors import ConcurrentModificationError
from domain.shared.ids import CustomerId, InvoiceId, OrderId, ProductId, UserId
from domain.shared.money import Money

T0 = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)
T1 = T0 + timedelta(minutes=5)


@dataclass
class OrderingAdapters:
    uow: Callable[[], ServiceUnitOfWork]
    orders: OrderQueries
    invoices: InvoiceQueries
    traced_uow: Callable[[Tracing], ServiceUnitOfWork]
    """A unit of work whose commits take their trace context from the given tracing."""


TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"


class CarriedTrace(NoTracing):
    """Tracing whose current context is always one known `traceparent`."""

    def current_context(self) -> str | None:
        return TRACEPARENT


def new_product(sku: str, stock: int) -> Product:
    return Product.create(
        id=ProductId(uuid7()),
        sku=sku,
        name="Mug",
        description="",
        unit_price=Money.of("9.99", "EUR"),
        stock=stock,
        now=T0,
    )


def new_order(product: Product, customer: CustomerId, quantity: int = 1) -> Order:
    line = OrderLine(
        product_id=product.id,
        sku=product.sku,
        name=product.name,
        unit_price=product.unit_price,
        quantity=quantity,
    )
    return Order.place(
        id=OrderId(uuid7()), customer_id=customer, lines=[line], now=T0, event_id=uuid7()
    )


def new_invoice(order: Order, sequence: int) -> Invoice:
    return Invoice.issue(
        id=InvoiceId(uuid7()),
        sequence=sequence,
        order_id=order.id,
        customer_id=order.customer_id,
        total=order.total,
        now=T0,
        event_id=uuid7(),
    )


class OrderingFixtures:
    """A product in stock and a registered customer, for the contract and for tests that
    only one adapter can run.
    """

    @pytest.fixture
    async def mug(self, adapters: OrderingAdapters) -> Product:
        product = new_product(f"MUG-{uuid4().hex[:8].upper()}", stock=5)
        async with adapters.uow() as uow:
            uow.products.add(product)
            await uow.commit()
        return product

    @pytest.fixture
    async def customer(self, adapters: OrderingAdapters) -> CustomerId:
        user = User.register(
            id=UserId(uuid7()),
            email=f"{uuid4().hex}@example.com",
            full_name="Ann Example",
            password_hash="not a real hash",
            now=T0,
        )
        async with adapters.uow() as uow:
            uow.users.add(user)
            await uow.commit()
        return CustomerId(user.id)

    async def stock_of(self, adapters: OrderingAdapters, product: Product) -> tuple[int, int]:
        async with adapters.uow() as uow:
            current = await uow.products.get(product.id)
        assert current is not None
        return current.stock, current.version


class OrderingContract(OrderingFixtures):
    async def test_a_committed_order_reads_back_equal(
        self, adapters: OrderingAdapters, mug: Product, customer: CustomerId
    ) -> None:
        order = new_order(mug, customer, 2)
        async with adapters.uow() as uow:
            uow.orders.add(order)
            await uow.commit()
        async with adapters.uow() as uow:
            loaded = await uow.orders.get(order.id)
        assert loaded is not None
        assert (loaded.lines, loaded.total, loaded.status, loaded.version) == (
            order.lines,
            order.total,
            OrderStatus.PLACED,
            1,
        )
        view = await adapters.orders.get(order.id)
        assert view is not None
        assert view.total == Money.of("19.98", "EUR")

    async def test_uncommitted_orders_are_rolled_back(
        self, adapters: OrderingAdapters, mug: Product, customer: CustomerId
    ) -> None:
        order = new_order(mug, customer)
        async with adapters.uow() as uow:
            uow.orders.add(order)
            await uow.products_for_sale.reserve({mug.id: 1}, now=T1)
        async with adapters.uow() as uow:
            assert await uow.orders.get(order.id) is None
        assert await adapters.orders.get(order.id) is None
        assert await self.stock_of(adapters, mug) == (5, 1)

    async def test_orders_list_newest_first_within_the_criteria(
        self, adapters: OrderingAdapters, mug: Product, customer: CustomerId
    ) -> None:
        orders = [new_order(mug, customer) for _ in range(3)]
        orders[2].cancel(now=T1, event_id=uuid7())
        async with adapters.uow() as uow:
            for order in orders:
                uow.orders.add(order)
            await uow.commit()
        mine = OrderCriteria(customer_id=customer, created_after=T0, created_before=T1)
        first = await adapters.orders.list(mine, PageRequest(limit=2))
        assert first.next_key is not None
        rest = await adapters.orders.list(mine, PageRequest(limit=2, after=first.next_key))
        listed = [view.id for view in [*first.items, *rest.items]]
        assert sorted(listed) == sorted(order.id for order in orders)
        assert listed == sorted(listed, reverse=True)  # same instant: newest id first
        assert rest.next_key is None
        cancelled = OrderCriteria(customer_id=customer, status=OrderStatus.CANCELLED)
        page = await adapters.orders.list(cancelled, PageRequest())
        assert [view.id for view in page.items] == [orders[2].id]
        later = OrderCriteria(customer_id=customer, created_after=T1)
        assert (await adapters.orders.list(later, PageRequest())).items == []

    async def test_a_lost_update_of_an_order_is_detected(
        self, adapters: OrderingAdapters, mug: Product, customer: CustomerId
    ) -> None:
        order = new_order(mug, customer)
        async with adapters.uow() as uow:
            uow.orders.add(order)
            await uow.commit()
        async with adapters.uow() as first, adapters.uow() as second:
            mine = await first.orders.get(order.id)
            theirs = await second.orders.get(order.id)
            assert mine is not None
            assert theirs is not None
            mine.cancel(now=T1, event_id=uuid7())
            theirs.mark_paid(now=T1, event_id=uuid7())
            await first.commit()
            with pytest.raises(ConcurrentModificationError):
                await second.commit()
        view = await adapters.orders.get(order.id)
        assert view is not None
        assert (view.status, view.version) == (OrderStatus.CANCELLED, 2)

    async def test_reserving_takes_stock_and_bumps_the_version(
        self, adapters: OrderingAdapters, mug: Product
    ) -> None:
        async with adapters.uow() as uow:
            reservation = await uow.products_for_sale.reserve({mug.id: 2}, now=T1)
            assert (reservation.reserved, reservation.short) == (True, ())
            await uow.commit()
        assert await self.stock_of(adapters, mug) == (3, 2)

    async def test_a_short_reservation_takes_nothing(
        self, adapters: OrderingAdapters, mug: Product
    ) -> None:
        other = new_product(f"CUP-{uuid4().hex[:8].upper()}", stock=10)
        async with adapters.uow() as uow:
            uow.products.add(other)
            await uow.commit()
        async with adapters.uow() as uow:
            reservation = await uow.products_for_sale.reserve({other.id: 1, mug.id: 6}, now=T1)
            assert (reservation.reserved, reservation.short) == (False, (mug.sku,))
            await uow.commit()
        assert await self.stock_of(adapters, mug) == (5, 1)
        assert await self.stock_of(adapters, other) == (10, 1)

    async def test_releasing_puts_stock_back(
        self, adapters: OrderingAdapters, mug: Product
    ) -> None:
        async with adapters.uow() as uow:
            await uow.products_for_sale.release({mug.id: 3}, now=T1)
            await uow.commit()
        assert await self.stock_of(adapters, mug) == (8, 2)

    async def test_a_reservation_sees_what_others_committed(
        self, adapters: OrderingAdapters, mug: Product
    ) -> None:
        async with adapters.uow() as first, adapters.uow() as second:
            taken = await first.products_for_sale.reserve({mug.id: 4}, now=T1)
            assert (taken.reserved, taken.short) == (True, ())
            await first.commit()
            refused = await second.products_for_sale.reserve({mug.id: 4}, now=T1)
            assert (refused.reserved, refused.short) == (False, (mug.sku,))
            await second.commit()
        assert await self.stock_of(adapters, mug) == (1, 2)

    async def test_a_product_update_racing_a_reservation_is_detected(
        self, adapters: OrderingAdapters, mug: Product
    ) -> None:
        async with adapters.uow() as editor:
            product = await editor.products.get(mug.id)
            assert product is not None
            async with adapters.uow() as buyer:
                await buyer.products_for_sale.reserve({mug.id: 1}, now=T1)
                await buyer.commit()
            product.change(ProductChanges(stock=50), now=T1)
            with pytest.raises(ConcurrentModificationError):
                await editor.commit()
        assert (await self.stock_of(adapters, mug))[0] == 4

    async def test_invoice_numbers_count_up_per_year(self, adapters: OrderingAdapters) -> None:
        year = 3000 + uuid4().int % 1000
        async with adapters.uow() as uow:
            numbers = [await uow.invoice_numbers.next(year) for _ in range(3)]
            assert await uow.invoice_numbers.next(year + 1) == 1
            await uow.commit()
        async with adapters.uow() as uow:
            numbers.append(await uow.invoice_numbers.next(year))
        async with adapters.uow() as uow:
            numbers.append(await uow.invoice_numbers.next(year))
            await uow.commit()
        assert numbers == [1, 2, 3, 4, 4]

    async def test_invoices_read_back_by_id_and_by_order(
        self, adapters: OrderingAdapters, mug: Product, customer: CustomerId
    ) -> None:
        order = new_order(mug, customer)
        async with adapters.uow() as uow:
            invoice = new_invoice(order, await uow.invoice_numbers.next(T0.year))
            uow.orders.add(order)
            uow.invoices.add(invoice)
            assert await uow.invoices.get_for_order(order.id) is invoice
            await uow.commit()
        async with adapters.uow() as uow:
            by_order = await uow.invoices.get_for_order(order.id)
            assert by_order is not None
            assert by_order is await uow.invoices.get(invoice.id)
            assert await uow.invoices.get_for_order(OrderId(uuid7())) is None
        assert (by_order.number, by_order.total, by_order.due_date) == (
            invoice.number,
            invoice.total,
            invoice.due_date,
        )
        view = await adapters.invoices.get(invoice.id)
        assert view is not None
        assert view.amount_due == invoice.total
        page = await adapters.invoices.list(
            InvoiceCriteria(customer_id=order.customer_id, status=InvoiceStatus.OPEN),
            PageRequest(),
        )
        assert [item.id for item in page.items] == [invoice.id]

    async def test_an_event_carries_the_trace_context_it_was_written_in(
        self, adapters: OrderingAdapters, mug: Product, customer: CustomerId
    ) -> None:
        async with adapters.traced_uow(CarriedTrace()) as uow:
            uow.orders.add(new_order(mug, customer))
            await uow.commit()
        async with adapters.uow() as uow:
            claimed = await uow.outbox.claim_next(now=T1)
        assert claimed is not None
        assert claimed.trace_context == TRACEPARENT

    async def test_a_batch_holds_the_earliest_pending_event_of_each_aggregate(
        self, adapters: OrderingAdapters, mug: Product, customer: CustomerId
    ) -> None:
        first, second = new_order(mug, customer), new_order(mug, customer)
        first.cancel(now=T0, event_id=uuid7())
        async with adapters.uow() as uow:
            uow.orders.add(first)
            uow.orders.add(second)
            await uow.commit()
        async with adapters.uow() as uow:
            batch = await uow.outbox.claim_batch(now=T1, limit=10)
            assert [(type(p.event).__name__, p.event.aggregate_id) for p in batch] == [
                ("OrderPlaced", first.id),
                ("OrderPlaced", second.id),
            ]
        async with adapters.uow() as uow:
            assert len(await uow.outbox.claim_batch(now=T1, limit=1)) == 1
            async with adapters.uow() as other:  # another relay passes over what this holds
                assert [
                    p.event.aggregate_id for p in await other.outbox.claim_batch(now=T1, limit=10)
                ] == [second.id]

    async def test_an_event_names_its_aggregates_latest_earlier_event_of_the_types_asked(
        self, adapters: OrderingAdapters, mug: Product, customer: CustomerId
    ) -> None:
        order = new_order(mug, customer)
        order.cancel(now=T0, event_id=uuid7())
        async with adapters.uow() as uow:
            uow.orders.add(order)
            await uow.commit()
        async with adapters.uow() as uow:
            placed = await uow.outbox.claim_next(now=T1)
            assert placed is not None
            await uow.outbox.mark_delivered(placed.event.event_id, now=T1)
            await uow.commit()
        async with adapters.uow() as uow:
            cancelled = await uow.outbox.claim_next(now=T1)
            assert cancelled is not None
            outbox = uow.outbox
            assert await outbox.predecessor(cancelled.event, ["OrderPlaced"]) == EventRef(
                event_id=placed.event.event_id, event_type="OrderPlaced"
            )
            assert await outbox.predecessor(cancelled.event, ["InvoicePaid"]) is None
            assert await outbox.predecessor(placed.event, ["OrderPlaced"]) is None

    async def test_an_event_is_handled_once_every_named_handler_claimed_it(
        self, adapters: OrderingAdapters
    ) -> None:
        event_id = uuid7()
        async with adapters.uow() as uow:
            assert await uow.inbox.claim(event_id, "billing.issue_invoice")
            await uow.commit()
        async with adapters.uow() as uow:
            assert await uow.inbox.handled(event_id, ["billing.issue_invoice"])
            assert not await uow.inbox.handled(event_id, ["billing.issue_invoice", "other"])
            assert await uow.inbox.handled(event_id, [])

    async def test_an_event_is_claimed_once(self, adapters: OrderingAdapters) -> None:
        event_id = uuid7()
        async with adapters.uow() as uow:
            assert await uow.inbox.claim(event_id, "billing.issue_invoice")
            assert not await uow.inbox.claim(event_id, "billing.issue_invoice")
            assert await uow.inbox.claim(event_id, "ordering.mark_order_paid")
            await uow.commit()
        async with adapters.uow() as uow:
            assert not await uow.inbox.claim(event_id, "billing.issue_invoice")

    async def test_a_rolled_back_claim_can_be_claimed_again(
        self, adapters: OrderingAdapters
    ) -> None:
        event_id = uuid7()
        async with adapters.uow() as uow:
            assert await uow.inbox.claim(event_id, "billing.issue_invoice")
        async with adapters.uow() as uow:
            assert await uow.inbox.claim(event_id, "billing.issue_invoice")
