"""Event handler: a cancelled order's invoice is void."""

from application.billing.ports import BillingUnitOfWork
from application.shared.ports import Clock, IdGenerator
from domain.billing.invoice import InvoiceNotFoundError
from domain.ordering.events import OrderCancelled


class VoidInvoice:
    """Voids the invoice of a cancelled order (on `OrderCancelled`).

    - Once per event, however often it is delivered: the inbox remembers it in the same
      transaction as the change.
    - A paid invoice is voided too (the cancellation won a race with the payment); what was
      paid is recorded as `refund_due`.
    - An order's events are handled in the order they happened, so its invoice exists by
      now; if not, the handler fails and the event is delivered again later.
    """

    name = "billing.void_invoice"

    def __init__(self, uow: BillingUnitOfWork, clock: Clock, ids: IdGenerator) -> None:
        self._uow = uow
        self._clock = clock
        self._ids = ids

    async def __call__(self, event: OrderCancelled) -> None:
        if not await self._uow.inbox.claim(event.event_id, self.name):
            return
        invoice = await self._uow.invoices.get_for_order(event.order_id)
        if invoice is None:
            raise InvoiceNotFoundError(f"order {event.order_id} has no invoice yet")
        invoice.void(now=self._clock.now(), event_id=self._ids.new_id())
