"""Use case: read one order."""

from application.ordering.ports import OrderQueries, OrderView
from application.shared.principal import Principal
from domain.ordering.ids import OrderId
from domain.ordering.order import OrderNotFoundError


class GetOrder:
    """Reads one order.

    - Signed-in users only. Customers see their own orders; anyone else's is 404, exactly
      like a missing one. Staff and admins see every order.
    """

    def __init__(self, queries: OrderQueries) -> None:
        self._queries = queries

    async def __call__(self, actor: Principal, order_id: OrderId) -> OrderView:
        actor.require_user()
        view = await self._queries.get(order_id)
        if view is None or not actor.sees(view.customer_id):
            raise OrderNotFoundError(f"order {order_id} does not exist")
        return view
