"""Event handler: an order is paid when its invoice is."""

from application.ordering.ports import OrderingUnitOfWork
from application.shared.ports import Clock, IdGenerator
from domain.billing.events import InvoicePaid
from domain.ordering.order import OrderNotFoundError


class MarkOrderPaid:
    """Marks the order paid when its invoice is fully paid (on `InvoicePaid`).

    - Once per event, however often it is delivered: the inbox remembers it in the same
      transaction as the change.
    - A cancelled order stays cancelled: the cancellation won, and its voided invoice owes
      the payment back.
    """

    name = "ordering.mark_order_paid"

    def __init__(self, uow: OrderingUnitOfWork, clock: Clock, ids: IdGenerator) -> None:
        self._uow = uow
        self._clock = clock
        self._ids = ids

    async def __call__(self, event: InvoicePaid) -> None:
        if not await self._uow.inbox.claim(event.event_id, self.name):
            return
        order = await self._uow.orders.get(event.order_id)
        if order is None:
            raise OrderNotFoundError(f"invoice {event.invoice_id} is for an unknown order")
        order.mark_paid(now=self._clock.now(), event_id=self._ids.new_id())
