"""What happens to an invoice, as other contexts (ordering first of all) learn about it."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from domain.shared.events import DomainEvent
from domain.shared.ids import InvoiceId, OrderId
from domain.shared.money import Money


@dataclass(frozen=True, slots=True, kw_only=True)
class InvoiceEvent(DomainEvent):
    invoice_id: InvoiceId
    order_id: OrderId

    @property
    def aggregate_id(self) -> UUID:
        return self.invoice_id


@dataclass(frozen=True, slots=True, kw_only=True)
class InvoiceIssued(InvoiceEvent):
    """Ordering records the invoice on its order: billing never changes an order itself."""


@dataclass(frozen=True, slots=True, kw_only=True)
class InvoicePaid(InvoiceEvent):
    """Ordering marks the order paid: an order is paid exactly when its invoice is."""


@dataclass(frozen=True, slots=True, kw_only=True)
class InvoiceVoided(InvoiceEvent):
    """A non-zero `refund_due` is money to hand back: a payment raced the cancellation."""

    refund_due: Money
