"""Use case: ship a paid order."""

from dataclasses import dataclass
from typing import ClassVar

from application.ordering.load import load_for_change
from application.ordering.ports import OrderingUnitOfWork, OrderView
from application.shared.caller import Access, Caller
from application.shared.ports import Clock, IdGenerator
from domain.shared.ids import OrderId


@dataclass(frozen=True, slots=True, kw_only=True)
class ShipOrderCommand:
    order_id: OrderId
    expected_version: int | None = None


class ShipOrder:
    """Ships an order.

    - Staff and admins only.
    - With `If-Match`, a stale version is refused (412 `precondition_failed`).
    - Only a `paid` order can be shipped (409 `invalid_order_state`): nothing leaves the
      warehouse before its invoice is settled.
    """

    access: ClassVar[Access] = Access.STAFF

    def __init__(self, uow: OrderingUnitOfWork, clock: Clock, ids: IdGenerator) -> None:
        self._uow = uow
        self._clock = clock
        self._ids = ids

    async def __call__(self, caller: Caller, command: ShipOrderCommand) -> OrderView:
        caller.admit(self.access)
        order = await load_for_change(self._uow, caller, command.order_id, command.expected_version)
        order.ship(now=self._clock.now(), event_id=self._ids.new_id())
        return OrderView.of(order)
