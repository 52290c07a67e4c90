"""The Invoice aggregate: numbering, the money rules of payments, paying and voiding."""

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from uuid import uuid4

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.billing.events import InvoiceIssued, InvoicePaid, InvoiceVoided
from domain.billing.ids import PaymentId
from domain.billing.invoice import (
    InvalidInvoiceError,
    InvalidInvoiceStateError,
    InvalidPaymentError,
    Invoice,
    InvoiceNotOpenError,
    InvoiceStatus,
    OverpaymentError,
    PaymentMethod,
    invoice_number,
)
from domain.shared.ids import InvoiceId, OrderId
from domain.shared.money import CurrencyMismatchError, Money

NOW = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)
LATER = NOW + timedelta(days=2)


def eur(amount: str) -> Money:
    return Money.of(amount, "EUR")


def issue(total: str = "100.00") -> Invoice:
    """An issued invoice whose `InvoiceIssued` was already collected, as after its commit."""
    invoice = Invoice.issue(
        id=InvoiceId(uuid4()),
        sequence=42,
        order_id=OrderId(uuid4()),
        customer_id=uuid4(),
        total=eur(total),
        now=NOW,
        event_id=uuid4(),
    )
    invoice.pull_events()
    return invoice


def test_issuing_records_that_the_order_has_its_invoice() -> None:
    event_id = uuid4()
    order_id = OrderId(uuid4())
    invoice = Invoice.issue(
        id=InvoiceId(uuid4()),
        sequence=1,
        order_id=order_id,
        customer_id=uuid4(),
        total=eur("10.00"),
        now=NOW,
        event_id=event_id,
    )
    assert invoice.pull_events() == [
        InvoiceIssued(event_id=event_id, occurred_at=NOW, invoice_id=invoice.id, order_id=order_id)
    ]


def pay(invoice: Invoice, amount: Money | str, reference: str = "TRX-1") -> None:
    invoice.record_payment(
        id=PaymentId(uuid4()),
        amount=eur(amount) if isinstance(amount, str) else amount,
        method=PaymentMethod.CARD,
        reference=reference,
        now=LATER,
        event_id=uuid4(),
    )


def void(invoice: Invoice) -> None:
    invoice.void(now=LATER, event_id=uuid4())


def test_numbers_show_the_year_and_a_six_digit_sequence() -> None:
    assert invoice_number(2026, 42) == "INV-2026-000042"
    assert invoice_number(2027, 1) == "INV-2027-000001"


def test_sequences_start_at_one() -> None:
    with pytest.raises(InvalidInvoiceError):
        invoice_number(2026, 0)


def test_a_new_invoice_is_open_for_its_whole_total_for_thirty_days() -> None:
    invoice = issue("100.00")
    assert (invoice.number, invoice.status, invoice.version) == (
        "INV-2026-000042",
        InvoiceStatus.OPEN,
        1,
    )
    assert (invoice.amount_paid, invoice.amount_due, invoice.refund_due) == (
        eur("0"),
        eur("100.00"),
        eur("0"),
    )
    assert (invoice.issued_at, invoice.due_date) == (NOW, date(2026, 12, 24))
    assert invoice.pull_events() == []


def test_an_invoice_is_for_a_positive_total() -> None:
    with pytest.raises(InvalidInvoiceError):
        issue("0")


def test_a_partial_payment_leaves_the_invoice_open() -> None:
    invoice = issue("100.00")
    pay(invoice, "40.00")
    assert (invoice.status, invoice.amount_paid, invoice.amount_due) == (
        InvoiceStatus.OPEN,
        eur("40.00"),
        eur("60.00"),
    )
    assert invoice.version == 2
    assert invoice.pull_events() == []
    [payment] = invoice.payments
    assert (payment.method, payment.reference, payment.paid_at) == (
        PaymentMethod.CARD,
        "TRX-1",
        LATER,
    )


def test_the_payment_that_settles_the_invoice_marks_it_paid() -> None:
    invoice = issue("100.00")
    pay(invoice, "40.00")
    pay(invoice, "60.00")
    assert (invoice.status, invoice.amount_due, invoice.version) == (
        InvoiceStatus.PAID,
        eur("0"),
        3,
    )
    [event] = invoice.pull_events()
    assert isinstance(event, InvoicePaid)
    assert (event.invoice_id, event.order_id, event.aggregate_id) == (
        invoice.id,
        invoice.order_id,
        invoice.id,
    )


def test_paying_more_than_is_due_is_refused_and_changes_nothing() -> None:
    invoice = issue("100.00")
    pay(invoice, "60.00")
    with pytest.raises(OverpaymentError) as refusal:
        pay(invoice, "40.01")
    assert refusal.value.code == "overpayment"
    assert (invoice.amount_paid, invoice.version) == (eur("60.00"), 2)


@pytest.mark.parametrize("amount", ["0", "-5.00"])
def test_a_payment_must_be_positive(amount: str) -> None:
    with pytest.raises(InvalidPaymentError):
        pay(issue(), amount)


def test_a_payment_in_another_currency_is_refused() -> None:
    with pytest.raises(CurrencyMismatchError):
        pay(issue(), Money.of("10.00", "USD"))


@pytest.mark.parametrize("reference", ["", "   ", "x" * 201])
def test_a_payment_reference_has_one_to_two_hundred_characters(reference: str) -> None:
    with pytest.raises(InvalidPaymentError, match="reference"):
        pay(issue(), "1.00", reference=reference)


@pytest.mark.parametrize("close", ["pay in full", "void"])
def test_a_closed_invoice_takes_no_payments_whatever_the_amount(close: str) -> None:
    invoice = issue("100.00")
    if close == "void":
        void(invoice)
    else:
        pay(invoice, "100.00")
    version = invoice.version
    for amount in ("1.00", "-1.00", "1000.00"):
        with pytest.raises(InvoiceNotOpenError) as refusal:
            pay(invoice, amount)
        assert refusal.value.code == "invoice_not_open"
    assert invoice.version == version


def test_voiding_an_unpaid_invoice_owes_nothing_back() -> None:
    invoice = issue("100.00")
    void(invoice)
    assert (invoice.status, invoice.amount_due, invoice.refund_due, invoice.version) == (
        InvoiceStatus.VOID,
        eur("0"),
        eur("0"),
        2,
    )
    [event] = invoice.pull_events()
    assert isinstance(event, InvoiceVoided)
    assert event.refund_due == eur("0")


@pytest.mark.parametrize("paid", ["30.00", "100.00"])
def test_voiding_an_invoice_with_payments_owes_them_back(paid: str) -> None:
    invoice = issue("100.00")
    pay(invoice, paid)
    invoice.pull_events()
    void(invoice)
    assert (invoice.status, invoice.amount_paid, invoice.refund_due) == (
        InvoiceStatus.VOID,
        eur(paid),
        eur(paid),
    )
    [event] = invoice.pull_events()
    assert isinstance(event, InvoiceVoided)
    assert event.refund_due == eur(paid)


def test_a_void_invoice_cannot_be_voided_again() -> None:
    invoice = issue()
    void(invoice)
    with pytest.raises(InvalidInvoiceStateError, match="already void"):
        void(invoice)
    assert invoice.version == 2


SETTLE = 0  # stands for "exactly the amount due", so that invoices do get paid in full


@given(
    total=st.integers(min_value=1, max_value=10_000_000),
    payments=st.lists(
        st.one_of(st.just(SETTLE), st.integers(min_value=1, max_value=5_000_000)), max_size=30
    ),
)
def test_paid_and_due_always_add_up_to_the_total(total: int, payments: list[int]) -> None:
    invoice = issue(str(Decimal(total) / 100))
    for cents in payments:
        settle = cents == SETTLE and invoice.status is InvoiceStatus.OPEN
        amount = invoice.amount_due if settle else Money(Decimal(max(cents, 1)) / 100, "EUR")
        if invoice.status is not InvoiceStatus.OPEN:
            with pytest.raises(InvoiceNotOpenError):
                pay(invoice, amount)
        elif amount.amount > invoice.amount_due.amount:
            with pytest.raises(OverpaymentError):
                pay(invoice, amount)
        else:
            pay(invoice, amount)
        assert invoice.amount_paid + invoice.amount_due == invoice.total
        assert not invoice.amount_due.amount < 0
        assert (invoice.status is InvoiceStatus.PAID) == (invoice.amount_due == eur("0"))
