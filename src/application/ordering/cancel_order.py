"""Use case: cancel an order before it is paid."""

from dataclasses import dataclass
from typing import ClassVar

from application.ordering.load import load_for_change
from application.ordering.ports import OrderingUnitOfWork, OrderView
from application.shared.caller import Access, Caller
from application.shared.ports import Clock, IdGenerator
from domain.shared.ids import OrderId


@dataclass(frozen=True, slots=True, kw_only=True)
class CancelOrderCommand:
    order_id: OrderId
    expected_version: int | None = None


class CancelOrder:
    """Cancels an order.

    - The customer who placed it, or staff and admins; to any other customer it is 404.
    - With `If-Match`, a stale version is refused (412 `precondition_failed`).
    - Only a `placed` order can be cancelled (409 `invalid_order_state`).
    - Its stock is back on sale at once; its invoice is voided through the `OrderCancelled`
      event, and anything already paid on it becomes a refund due.
    """

    access: ClassVar[Access] = Access.SIGNED_IN

    def __init__(self, uow: OrderingUnitOfWork, clock: Clock, ids: IdGenerator) -> None:
        self._uow = uow
        self._clock = clock
        self._ids = ids

    async def __call__(self, caller: Caller, command: CancelOrderCommand) -> OrderView:
        caller.admit(self.access)
        order = await load_for_change(self._uow, caller, command.order_id, command.expected_version)
        now = self._clock.now()
        order.cancel(now=now, event_id=self._ids.new_id())
        await self._uow.products_for_sale.release(order.quantities(), now=now)
        return OrderView.of(order)
