"""Billing request bodies and list filters."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from pydantic import Field

from application.billing.ports import InvoiceCriteria, InvoiceView, PaymentView
from application.billing.record_payment import RecordPaymentCommand
from application.shared.pagination import DEFAULT_PAGE_SIZE
from domain.billing.invoice import REFERENCE_MAX, InvoiceStatus, PaymentMethod
from domain.shared.ids import InvoiceId
from domain.shared.money import MAX_AMOUNT
from entrypoints.http.schemas import (
    Cursor,
    Input,
    Instant,
    MoneyIn,
    PageSize,
    QueryModel,
    Version,
    view_fields,
)

Reference = Annotated[str, Field(min_length=1, max_length=REFERENCE_MAX)]
# `INV-2026-000042`: the year, then the year's sequence number (an `Integer` counter).
InvoiceNumber = Annotated[str, Field(pattern=r"^INV-\d{4}-\d{6,10}$", max_length=19)]
# Payments are positive, in cents, and never add up to more than the invoice's total, which
# is at most the largest amount: that is the only bound on how many an invoice holds.
MAX_PAYMENTS = int(MAX_AMOUNT * 100)

BILLING_VIEWS = view_fields(
    InvoiceView,
    number=InvoiceNumber,
    payments={"maxItems": MAX_PAYMENTS},
    issued_at=Instant,
    version=Version,
) | view_fields(PaymentView, reference=Reference, paid_at=Instant)


class PaymentIn(Input):
    amount: MoneyIn
    # Strict mode refuses a plain string for an enum; the value set is still enforced.
    method: Annotated[PaymentMethod, Field(strict=False)]
    reference: Reference

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
    limit: PageSize = DEFAULT_PAGE_SIZE
    cursor: Cursor | None = None

    def to_criteria(self) -> InvoiceCriteria:
        return InvoiceCriteria(customer_id=self.customer_id, status=self.status)

    def cursor_scope(self) -> dict[str, object]:
        return self.model_dump(exclude={"limit", "cursor"})
