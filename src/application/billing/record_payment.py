"""Use case: record a payment against an invoice."""

from dataclasses import dataclass
from typing import ClassVar

from application.billing.ports import BillingUnitOfWork, InvoiceView
from application.shared.caller import Access, Caller
from application.shared.ports import Clock, IdGenerator
from domain.billing.ids import PaymentId
from domain.billing.invoice import InvoiceNotFoundError, PaymentMethod
from domain.shared.ids import InvoiceId
from domain.shared.money import Money


@dataclass(frozen=True, slots=True, kw_only=True)
class RecordPaymentCommand:
    invoice_id: InvoiceId
    amount: Money
    method: PaymentMethod
    reference: str


class RecordPayment:
    """Records a payment and answers with the updated invoice.

    - Staff and admins only.
    - Only an open invoice takes payments (409 `invoice_not_open`).
    - The amount is positive, in the invoice's currency, and at most the amount due (422
      `overpayment`); the reference has 1-200 characters.
    - The payment that settles the amount due makes the invoice `paid`, and its order
      becomes `paid` in turn through the `InvoicePaid` event.
    """

    access: ClassVar[Access] = Access.STAFF

    def __init__(self, uow: BillingUnitOfWork, clock: Clock, ids: IdGenerator) -> None:
        self._uow = uow
        self._clock = clock
        self._ids = ids

    async def __call__(self, caller: Caller, command: RecordPaymentCommand) -> InvoiceView:
        caller.admit(self.access)
        invoice = await self._uow.invoices.get(command.invoice_id)
        if invoice is None:
            raise InvoiceNotFoundError(f"invoice {command.invoice_id} does not exist")
        invoice.record_payment(
            id=PaymentId(self._ids.new_id()),
            amount=command.amount,
            method=command.method,
            reference=command.reference,
            now=self._clock.now(),
            event_id=self._ids.new_id(),
        )
        return InvoiceView.of(invoice)
