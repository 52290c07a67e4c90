"""Billing request bodies and list filters."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from pydantic import Field

from application.billing.ports import InvoiceCriteria
from application.billing.record_payment import RecordPaymentCommand
from application.shared.pagination import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE
from domain.billing.invoice import InvoiceStatus, PaymentMethod
from domain.shared.ids import InvoiceId
from entrypoints.http.schemas import Input, MoneyIn, QueryModel


class PaymentIn(Input):
    amount: MoneyIn
    # Strict mode refuses a plain string for an enum; the value set is still enforced.
    method: Annotated[PaymentMethod, Field(strict=False)]
    reference: Annotated[str, Field(min_length=1, max_length=200)]

    def to_command(self, invoice_id: InvoiceId) -> RecordPaymentCommand:
        return RecordPaymentCommand(
            invoice_id=invoice_id,
            amount=self.amount.to_money(),
            method=self.method,
            reference=self.reference,
        )


class InvoiceListQuery(QueryModel):
    status: InvoiceStatus | None = None
    customer_id: UUID | None = Field(
        default=None,
        description="Staff: any customer. Customers: only their own id (another finds nothing).",
    )
    limit: int = Field(default=DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE)
    cursor: str | None = None  # any string: one not issued here is 400 invalid_cursor

    def to_criteria(self) -> InvoiceCriteria:
        return InvoiceCriteria(customer_id=self.customer_id, status=self.status)

    def cursor_scope(self) -> dict[str, object]:
        return self.model_dump(exclude={"limit", "cursor"})
