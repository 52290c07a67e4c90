"""Event handler: an order shows the invoice billing issued for it."""

from application.ordering.ports import OrderingUnitOfWork
from application.shared.ports import Clock, IdGenerator
from domain.billing.events import InvoiceIssued
from domain.ordering.order import OrderNotFoundError


class RecordInvoice:
    """Records the invoice's id on its order (on `InvoiceIssued`).

    - Once per event, however often it is delivered: the inbox remembers it in the same
      transaction as the change.
    - The id is part of the order's representation: its version and ETag change. A cancelled
      order records it too, so its voided invoice can be found from it.
    """

    name = "ordering.record_invoice"

    def __init__(self, uow: OrderingUnitOfWork, clock: Clock, ids: IdGenerator) -> None:
        self._uow = uow
        self._clock = clock
        self._ids = ids

    async def __call__(self, event: InvoiceIssued) -> None:
        if not await self._uow.inbox.claim(event.event_id, self.name):
            return
        order = await self._uow.orders.get(event.order_id)
        if order is None:
            raise OrderNotFoundError(f"invoice {event.invoice_id} is for an unknown order")
        order.attach_invoice(event.invoice_id, now=self._clock.now())
