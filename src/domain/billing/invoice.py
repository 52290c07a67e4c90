"""The Invoice aggregate: what a customer owes for one order, and the payments against it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from uuid import UUID

from domain.billing.events import InvoiceIssued, InvoicePaid, InvoiceVoided
from domain.billing.ids import PaymentId
from domain.shared.errors import DomainError, DomainValidationError, NotFoundError
from domain.shared.events import EventRecorder
from domain.shared.ids import InvoiceId, OrderId
from domain.shared.money import CurrencyMismatchError, Money

PAYMENT_TERMS = timedelta(days=30)
REFERENCE_MAX = 200


class InvoiceNotFoundError(NotFoundError):
    code = "invoice_not_found"


class InvalidInvoiceStateError(DomainError):
    """An invoice moves open → paid, and open or paid → void; a void invoice is final."""

    code = "invalid_invoice_state"


class InvoiceNotOpenError(InvalidInvoiceStateError):
    """Paid invoices owe nothing more, and void ones nothing at all."""

    code = "invoice_not_open"


class InvalidInvoiceError(DomainValidationError):
    code = "invalid_invoice"


class InvalidPaymentError(DomainValidationError):
    code = "invalid_payment"


class OverpaymentError(DomainValidationError):
    """Taking more than is due would leave money to hand back on an invoice still in use."""

    code = "overpayment"


class InvoiceStatus(StrEnum):
    OPEN = "open"
    PAID = "paid"
    VOID = "void"


class PaymentMethod(StrEnum):
    CARD = "card"
    BANK_TRANSFER = "bank_transfer"
    CASH = "cash"


def invoice_number(year: int, sequence: int) -> str:
    """`INV-2026-000042`: sorts by year, then by sequence, as text and to the eye alike."""
    if sequence < 1:
        raise InvalidInvoiceError("invoice sequence numbers start at 1")
    return f"INV-{year:04d}-{sequence:06d}"


@dataclass(frozen=True, slots=True, kw_only=True)
class Payment:
    """Never changed once recorded; a mistake is put right by voiding, not by editing."""

    id: PaymentId
    amount: Money
    method: PaymentMethod
    reference: str
    paid_at: datetime

    def __post_init__(self) -> None:
        if not self.amount.is_positive:
            raise InvalidPaymentError("a payment amount must be greater than zero")
        if not self.reference.strip() or len(self.reference) > REFERENCE_MAX:
            raise InvalidPaymentError(f"a payment reference has 1-{REFERENCE_MAX} characters")


class Invoice(EventRecorder):
    """Invariants: payments in the invoice's currency that never exceed its total, so
    `amount_paid + amount_due == total` while it is open or paid; paid exactly when nothing
    is due. Voiding keeps the payments and owes back what they came to as `refund_due`.

    `version` rises by one on every change; writers compare it to detect lost updates.
    """

    def __init__(
        self,
        *,
        id: InvoiceId,
        number: str,
        order_id: OrderId,
        customer_id: UUID,
        status: InvoiceStatus,
        total: Money,
        payments: tuple[Payment, ...],
        refund_due: Money,
        issued_at: datetime,
        due_date: date,
        version: int,
    ) -> None:
        self.id = id
        self.number = number
        self.order_id = order_id
        self.customer_id = customer_id
        self.status = status
        self.total = total
        self.payments = payments
        self.refund_due = refund_due
        self.issued_at = issued_at
        self.due_date = due_date
        self.version = version

    @classmethod
    def issue(
        cls,
        *,
        id: InvoiceId,
        sequence: int,
        order_id: OrderId,
        customer_id: UUID,
        total: Money,
        now: datetime,
        event_id: UUID,
    ) -> Invoice:
        """`sequence` is the next invoice number of `now`'s year."""
        if not total.is_positive:
            raise InvalidInvoiceError("an invoice total must be greater than zero")
        invoice = cls(
            id=id,
            number=invoice_number(now.year, sequence),
            order_id=order_id,
            customer_id=customer_id,
            status=InvoiceStatus.OPEN,
            total=total,
            payments=(),
            refund_due=Money.zero(total.currency),
            issued_at=now,
            due_date=(now + PAYMENT_TERMS).date(),
            version=1,
        )
        invoice._record(
            InvoiceIssued(event_id=event_id, occurred_at=now, invoice_id=id, order_id=order_id)
        )
        return invoice

    @property
    def amount_paid(self) -> Money:
        return sum((payment.amount for payment in self.payments), Money.zero(self.total.currency))

    @property
    def amount_due(self) -> Money:
        """A void invoice asks for nothing, whatever was paid before it was voided."""
        if self.status is InvoiceStatus.VOID:
            return Money.zero(self.total.currency)
        return self.total - self.amount_paid

    def record_payment(
        self,
        *,
        id: PaymentId,
        amount: Money,
        method: PaymentMethod,
        reference: str,
        now: datetime,
        event_id: UUID,
    ) -> Payment:
        """The state is checked before the payment: a closed invoice refuses any amount.

        `event_id` names the `InvoicePaid` event, recorded only if this payment settles it.
        """
        if self.status is not InvoiceStatus.OPEN:
            raise InvoiceNotOpenError(f"invoice {self.number} is {self.status}, not open")
        if amount.currency != self.total.currency:
            raise CurrencyMismatchError(
                f"invoice {self.number} is in {self.total.currency}, not {amount.currency}",
            )
        payment = Payment(id=id, amount=amount, method=method, reference=reference, paid_at=now)
        if amount.amount > self.amount_due.amount:
            raise OverpaymentError(f"{amount} is more than the {self.amount_due} due")
        # Replaced rather than appended, so change tracking sees a new value.
        self.payments = (*self.payments, payment)
        self.version += 1
        if not self.amount_due.is_positive:
            self.status = InvoiceStatus.PAID
            self._record(
                InvoicePaid(
                    event_id=event_id,
                    occurred_at=now,
                    invoice_id=self.id,
                    order_id=self.order_id,
                ),
            )
        return payment

    def void(self, *, now: datetime, event_id: UUID) -> None:
        """Allowed even once paid: when a cancellation races a payment, the cancellation wins
        and the payments become a refund due.
        """
        if self.status is InvoiceStatus.VOID:
            raise InvalidInvoiceStateError(f"invoice {self.number} is already void")
        self.refund_due = self.amount_paid
        self.status = InvoiceStatus.VOID
        self.version += 1
        self._record(
            InvoiceVoided(
                event_id=event_id,
                occurred_at=now,
                invoice_id=self.id,
                order_id=self.order_id,
                refund_due=self.refund_due,
            ),
        )
