"""Use case: read one order."""

from typing import ClassVar

from application.ordering.ports import OrderQueries, OrderView
from application.shared.caller import Access, Caller
from domain.ordering.order import OrderNotFoundError
from domain.shared.ids import OrderId


class GetOrder:
    """Reads one order.

    - Signed-in users only. Customers see their own orders; anyone else's is 404, exactly
      like a missing one. Staff and admins see every order.
    """

    access: ClassVar[Access] = Access.SIGNED_IN

    def __init__(self, queries: OrderQueries) -> None:
        self._queries = queries

    async def __call__(self, caller: Caller, order_id: OrderId) -> OrderView:
        caller.admit(self.access)
        view = await self._queries.get(order_id)
        if view is None or not caller.sees(view.customer_id):
            raise OrderNotFoundError(f"order {order_id} does not exist")
        return view
