"""What billing needs from the outside: invoices, their numbers, and a read model of them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol
from uuid import UUID

from application.shared.pagination import Page, PageRequest
from application.shared.unit_of_work import UnitOfWork
from domain.billing.ids import PaymentId
from domain.billing.invoice import Invoice, InvoiceStatus, Payment, PaymentMethod
from domain.shared.ids import InvoiceId
from domain.shared.money import Money


class InvoiceRepository(Protocol):
    async def get(self, invoice_id: InvoiceId) -> Invoice | None: ...

    async def get_for_order(self, order_id: UUID) -> Invoice | None:
        """An order has at most one invoice."""
        ...

    def add(self, invoice: Invoice) -> None: ...


class InvoiceNumbers(Protocol):
    async def next(self, year: int) -> int:
        """The year's next sequence number, from 1, allocated in the current transaction.

        Numbers are unique and increasing within a year; concurrent allocations queue on
        the year's counter, and an allocation that is rolled back is handed out again, so
        numbers have no gaps.
        """
        ...


class BillingUnitOfWork(UnitOfWork, Protocol):
    invoices: InvoiceRepository
    invoice_numbers: InvoiceNumbers


@dataclass(frozen=True, slots=True, kw_only=True)
class PaymentView:
    id: PaymentId
    amount: Money
    method: PaymentMethod
    reference: str
    paid_at: datetime

    @classmethod
    def of(cls, payment: Payment) -> PaymentView:
        return cls(
            id=payment.id,
            amount=payment.amount,
            method=payment.method,
            reference=payment.reference,
            paid_at=payment.paid_at,
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class InvoiceView:
    id: InvoiceId
    number: str
    order_id: UUID
    customer_id: UUID
    status: InvoiceStatus
    total: Money
    amount_paid: Money
    amount_due: Money
    refund_due: Money
    issued_at: datetime
    due_date: date
    payments: tuple[PaymentView, ...]
    version: int

    @classmethod
    def of(cls, invoice: Invoice) -> InvoiceView:
        return cls(
            id=invoice.id,
            number=invoice.number,
            order_id=invoice.order_id,
            customer_id=invoice.customer_id,
            status=invoice.status,
            total=invoice.total,
            amount_paid=invoice.amount_paid,
            amount_due=invoice.amount_due,
            refund_due=invoice.refund_due,
            issued_at=invoice.issued_at,
            due_date=invoice.due_date,
            payments=tuple(PaymentView.of(payment) for payment in invoice.payments),
            version=invoice.version,
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class InvoiceCriteria:
    customer_id: UUID | None = None
    status: InvoiceStatus | None = None


class InvoiceQueries(Protocol):
    async def get(self, invoice_id: InvoiceId) -> InvoiceView | None: ...

    async def list(self, criteria: InvoiceCriteria, page: PageRequest) -> Page[InvoiceView]:
        """Newest first; the keyset is `(issued_at ISO 8601, id)`."""
        ...
