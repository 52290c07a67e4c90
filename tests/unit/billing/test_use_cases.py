"""The billing use cases and handlers, against in-memory adapters."""

from datetime import timedelta

import pytest

from application.billing.get_invoice import GetInvoice
from application.billing.issue_invoice import IssueInvoice
from application.billing.list_invoices import ListInvoices
from application.billing.ports import InvoiceCriteria, InvoiceView
from application.catalog.ports import ProductView
from application.ordering.record_invoice import RecordInvoice
from application.shared.caller import Caller, NotAuthenticatedError
from application.shared.errors import PermissionDeniedError
from application.shared.pagination import PageRequest
from domain.billing.events import InvoiceIssued
from domain.billing.invoice import (
    InvoiceNotFoundError,
    InvoiceNotOpenError,
    InvoiceStatus,
    OverpaymentError,
    PaymentMethod,
)
from domain.ordering.events import OrderPlaced
from domain.ordering.order import OrderNotFoundError
from domain.shared.ids import CustomerId, InvoiceId, OrderId
from domain.shared.money import Money
from domain.shared.roles import Role
from tests.unit.ordering.shop import Shop


async def invoiced(shop: Shop, caller: Caller, product: ProductView, units: int = 1) -> InvoiceView:
    order = await shop.place(caller, (product, units))
    await shop.deliver()
    return await shop.invoice_of(order.id)


@pytest.fixture
async def invoice(shop: Shop, customer: Caller, mug: ProductView) -> InvoiceView:
    return await invoiced(shop, customer, mug, 4)


async def test_each_placed_order_gets_the_next_number_of_the_year(
    shop: Shop, customer: Caller, mug: ProductView
) -> None:
    numbers = [(await invoiced(shop, customer, mug)).number for _ in range(3)]
    shop.clock.advance(timedelta(days=40))
    numbers.append((await invoiced(shop, customer, mug)).number)
    assert numbers == [
        "INV-2026-000001",
        "INV-2026-000002",
        "INV-2026-000003",
        "INV-2027-000001",
    ]


async def test_issuing_attaches_the_invoice_to_its_order(
    shop: Shop, customer: Caller, mug: ProductView
) -> None:
    order = await shop.place(customer, (mug, 2))
    await shop.deliver()
    invoice = await shop.invoice_of(order.id)
    assert (invoice.order_id, invoice.customer_id, invoice.total) == (
        order.id,
        customer.user_id,
        Money.of("50.00", "EUR"),
    )
    assert (await shop.order(order.id)).version == order.version + 1


async def test_billing_invoices_from_the_event_alone_without_reading_the_order(
    shop: Shop, customer: Caller
) -> None:
    """Billing never reads an order: whatever the event carries is what the invoice says."""
    event = OrderPlaced(
        event_id=shop.ids.new_id(),
        occurred_at=shop.clock.now(),
        order_id=OrderId(shop.ids.new_id()),
        customer_id=CustomerId(customer.require_user()),
        total=Money.of("1.00", "EUR"),
    )
    await shop.run(lambda uow: IssueInvoice(uow, shop.clock, shop.ids)(event))
    [invoice] = shop.store.table("invoices").values()
    assert (invoice.order_id, invoice.customer_id, invoice.total) == (
        event.order_id,
        event.customer_id,
        event.total,
    )
    assert [type(e).__name__ for e in shop.recorded()] == ["InvoiceIssued"]


async def test_recording_an_invoice_for_an_unknown_order_fails_and_claims_nothing(
    shop: Shop,
) -> None:
    event = InvoiceIssued(
        event_id=shop.ids.new_id(),
        occurred_at=shop.clock.now(),
        invoice_id=InvoiceId(shop.ids.new_id()),
        order_id=OrderId(shop.ids.new_id()),
    )
    with pytest.raises(OrderNotFoundError):
        await shop.run(lambda uow: RecordInvoice(uow, shop.clock, shop.ids)(event))
    assert (shop.store.table("orders"), shop.store.inbox) == ({}, set())


async def test_staff_record_a_payment(shop: Shop, invoice: InvoiceView) -> None:
    paid = await shop.pay(invoice.id, "30.00")
    assert (paid.status, paid.amount_paid, paid.amount_due, paid.version) == (
        InvoiceStatus.OPEN,
        Money.of("30.00", "EUR"),
        Money.of("70.00", "EUR"),
        invoice.version + 1,
    )
    [payment] = paid.payments
    assert (payment.amount, payment.method, payment.reference) == (
        Money.of("30.00", "EUR"),
        PaymentMethod.BANK_TRANSFER,
        "TRX-1",
    )


async def test_a_customer_may_not_record_payments_whatever_the_invoice(
    shop: Shop, customer: Caller, invoice: InvoiceView
) -> None:
    for invoice_id in (invoice.id, shop.ids.new_id()):
        with pytest.raises(PermissionDeniedError):
            await shop.pay(invoice_id, "1.00", caller=customer)


async def test_anonymous_callers_may_not_record_payments(shop: Shop, invoice: InvoiceView) -> None:
    with pytest.raises(NotAuthenticatedError):
        await shop.pay(invoice.id, "1.00", caller=Caller.anonymous())


async def test_paying_an_unknown_invoice_is_not_found(shop: Shop) -> None:
    with pytest.raises(InvoiceNotFoundError):
        await shop.pay(shop.ids.new_id(), "1.00")


async def test_an_overpayment_is_refused_and_records_nothing(
    shop: Shop, invoice: InvoiceView
) -> None:
    with pytest.raises(OverpaymentError):
        await shop.pay(invoice.id, "100.01")
    assert shop.store.table("invoices")[invoice.id].payments == ()


async def test_a_paid_invoice_refuses_further_payments(shop: Shop, invoice: InvoiceView) -> None:
    await shop.pay(invoice.id, "100.00")
    with pytest.raises(InvoiceNotOpenError):
        await shop.pay(invoice.id, "0.01")


async def test_the_settling_payment_records_invoice_paid_once(
    shop: Shop, invoice: InvoiceView
) -> None:
    await shop.pay(invoice.id, "99.00")
    await shop.pay(invoice.id, "1.00")
    assert shop.events().count("InvoicePaid") == 1


@pytest.fixture
def bob(shop: Shop) -> Caller:
    return Caller(user_id=shop.ids.new_id(), role=Role.CUSTOMER)


async def test_customers_read_only_their_own_invoices(
    shop: Shop, customer: Caller, bob: Caller, invoice: InvoiceView
) -> None:
    assert await GetInvoice(shop.invoices)(customer, invoice.id) == invoice
    with pytest.raises(InvoiceNotFoundError) as refusal:
        await GetInvoice(shop.invoices)(bob, invoice.id)
    assert refusal.value.code == "invoice_not_found"
    with pytest.raises(InvoiceNotFoundError):
        await GetInvoice(shop.invoices)(customer, InvoiceId(shop.ids.new_id()))
    with pytest.raises(NotAuthenticatedError):
        await GetInvoice(shop.invoices)(Caller.anonymous(), invoice.id)
    assert (await GetInvoice(shop.invoices)(shop.staff, invoice.id)).id == invoice.id


async def test_listing_shows_customers_their_own_and_staff_everyones(
    shop: Shop, customer: Caller, bob: Caller, mug: ProductView, invoice: InvoiceView
) -> None:
    shop.clock.advance(timedelta(minutes=1))
    bobs = await invoiced(shop, bob, mug)
    await shop.pay(bobs.id, "25.00")

    async def listed(caller: Caller, **criteria: object) -> list[InvoiceId]:
        page = await ListInvoices(shop.invoices)(
            caller,
            InvoiceCriteria(**criteria),  # type: ignore[arg-type]
            PageRequest(),
        )
        return [view.id for view in page.items]

    assert await listed(customer) == [invoice.id]
    assert await listed(customer, customer_id=bob.user_id) == []
    assert await listed(shop.staff) == [bobs.id, invoice.id]
    assert await listed(shop.staff, customer_id=customer.user_id) == [invoice.id]
    assert await listed(shop.staff, status=InvoiceStatus.PAID) == [bobs.id]
    with pytest.raises(NotAuthenticatedError):
        await listed(Caller.anonymous())


async def test_invoice_pages_walk_every_invoice_once(
    shop: Shop, customer: Caller, mug: ProductView
) -> None:
    issued = {(await invoiced(shop, customer, mug)).id for _ in range(5)}
    seen: list[InvoiceId] = []
    after = None
    for _ in range(3):
        page = await ListInvoices(shop.invoices)(
            shop.staff, InvoiceCriteria(), PageRequest(limit=2, after=after)
        )
        seen += [view.id for view in page.items]
        after = page.next_key
    assert after is None
    assert sorted(seen) == sorted(issued)
