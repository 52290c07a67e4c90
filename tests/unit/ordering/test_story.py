"""The whole story in one process: orders, the events between contexts, and their handlers."""

from collections import Counter

import pytest

from application.billing.void_invoice import VoidInvoice
from application.catalog.ports import ProductView
from application.shared.caller import Caller
from domain.billing.events import InvoicePaid
from domain.billing.invoice import InvoiceNotFoundError, InvoiceStatus, PaymentMethod
from domain.ordering.order import OrderNotFoundError, OrderStatus
from domain.shared.errors import ConcurrentModificationError
from domain.shared.ids import InvoiceId
from domain.shared.money import Money
from tests.fakes import memory_uow
from tests.unit.ordering.shop import Shop


async def test_an_order_is_invoiced_paid_in_parts_and_shipped(
    shop: Shop, customer: Caller, mug: ProductView, tea: ProductView
) -> None:
    order = await shop.place(customer, (mug, 2), (tea, 2))
    assert order.invoice_id is None

    await shop.deliver()
    invoiced = await shop.order(order.id)
    invoice = await shop.invoice_of(order.id)
    assert (invoiced.invoice_id, invoiced.version) == (invoice.id, 2)
    assert (invoice.number, invoice.status, invoice.total) == (
        "INV-2026-000001",
        InvoiceStatus.OPEN,
        Money.of("28.98", "EUR"),
    )
    assert invoice.customer_id == customer.user_id

    partly = await shop.pay(invoice.id, "20.00")
    assert (partly.status, partly.amount_paid, partly.amount_due) == (
        InvoiceStatus.OPEN,
        Money.of("20.00", "EUR"),
        Money.of("8.98", "EUR"),
    )
    await shop.deliver()
    assert (await shop.order(order.id)).status is OrderStatus.PLACED

    settled = await shop.pay(invoice.id, "8.98")
    assert (settled.status, settled.amount_due) == (InvoiceStatus.PAID, Money.zero("EUR"))
    assert [p.method for p in settled.payments] == [PaymentMethod.BANK_TRANSFER] * 2
    await shop.deliver()
    assert (await shop.order(order.id)).status is OrderStatus.PAID

    shipped = await shop.ship(shop.staff, order.id)
    assert shipped.status is OrderStatus.SHIPPED
    assert shop.events() == [
        "OrderPlaced",
        "InvoiceIssued",
        "InvoicePaid",
        "OrderPaid",
        "OrderShipped",
    ]


async def test_a_cancelled_order_gets_its_stock_back_and_its_invoice_voided(
    shop: Shop, customer: Caller, mug: ProductView
) -> None:
    order = await shop.place(customer, (mug, 5))
    await shop.deliver()
    assert shop.stock(mug) == 0

    await shop.cancel(customer, order.id)
    assert shop.stock(mug) == 5
    await shop.deliver()
    invoice = await shop.invoice_of(order.id)
    assert (invoice.status, invoice.amount_due, invoice.refund_due) == (
        InvoiceStatus.VOID,
        Money.zero("EUR"),
        Money.zero("EUR"),
    )
    assert shop.events() == ["OrderPlaced", "InvoiceIssued", "OrderCancelled", "InvoiceVoided"]


async def test_a_cancellation_racing_a_payment_wins_and_owes_the_payment_back(
    shop: Shop, customer: Caller, mug: ProductView
) -> None:
    order = await shop.place(customer, (mug, 1))
    await shop.deliver()
    invoice = await shop.invoice_of(order.id)
    await shop.pay(invoice.id, "9.99")
    await shop.cancel(customer, order.id)  # before InvoicePaid reached the order

    await shop.deliver()
    assert (await shop.order(order.id)).status is OrderStatus.CANCELLED
    voided = await shop.invoice_of(order.id)
    assert (voided.status, voided.refund_due) == (InvoiceStatus.VOID, Money.of("9.99", "EUR"))


async def test_delivering_every_event_twice_has_each_effect_once(
    shop: Shop, customer: Caller, mug: ProductView
) -> None:
    order = await shop.place(customer, (mug, 1))
    await shop.handle(shop.recorded()[0])
    await shop.handle(shop.recorded()[0])
    assert len(shop.store.table("invoices")) == 1
    assert shop.store.table("invoice_counters") == {2026: 1}
    issued = shop.recorded()[1]
    await shop.handle(issued)
    await shop.handle(issued)
    assert (await shop.order(order.id)).version == 2  # the invoice recorded on it once

    invoice = await shop.invoice_of(order.id)
    await shop.pay(invoice.id, "9.99")
    paid_event = shop.recorded()[-1]
    await shop.handle(paid_event)
    await shop.handle(paid_event)
    assert (await shop.order(order.id)).status is OrderStatus.PAID
    assert Counter(shop.events())["OrderPaid"] == 1


async def test_delivering_a_cancellation_twice_voids_the_invoice_once(
    shop: Shop, customer: Caller, mug: ProductView
) -> None:
    order = await shop.place(customer, (mug, 1))
    await shop.deliver()
    await shop.cancel(customer, order.id)
    cancelled = shop.recorded()[-1]
    await shop.handle(cancelled)
    await shop.handle(cancelled)
    assert (await shop.invoice_of(order.id)).status is InvoiceStatus.VOID
    assert Counter(shop.events())["InvoiceVoided"] == 1


async def test_a_payment_for_an_unknown_order_fails_and_claims_nothing(shop: Shop) -> None:
    event = InvoicePaid(
        event_id=shop.ids.new_id(),
        occurred_at=shop.clock.now(),
        invoice_id=InvoiceId(shop.ids.new_id()),
        order_id=shop.ids.new_id(),
    )
    with pytest.raises(OrderNotFoundError):
        await shop.handle(event)
    assert shop.store.inbox == set()


async def test_a_handler_that_fails_claims_nothing_and_succeeds_when_delivered_again(
    shop: Shop, customer: Caller, mug: ProductView
) -> None:
    order = await shop.place(customer, (mug, 1))
    await shop.cancel(customer, order.id)
    placed, cancelled = shop.recorded()
    with pytest.raises(InvoiceNotFoundError):
        await shop.handle(cancelled)  # out of order: no invoice yet
    assert shop.store.inbox == set()

    await shop.handle(placed)
    await shop.handle(shop.recorded()[-1])  # InvoiceIssued: the order learns its invoice
    await shop.handle(cancelled)
    assert (await shop.invoice_of(order.id)).status is InvoiceStatus.VOID


async def test_two_relays_delivering_one_event_at_once_have_one_effect(
    shop: Shop, customer: Caller, mug: ProductView
) -> None:
    order = await shop.place(customer, (mug, 1))
    await shop.deliver()
    await shop.cancel(customer, order.id)
    cancelled = shop.recorded()[-1]
    async with memory_uow(shop.store) as first, memory_uow(shop.store) as second:
        await VoidInvoice(first, shop.clock, shop.ids)(cancelled)
        await VoidInvoice(second, shop.clock, shop.ids)(cancelled)
        await first.commit()
        with pytest.raises(ConcurrentModificationError):
            await second.commit()
    assert shop.events().count("InvoiceVoided") == 1
