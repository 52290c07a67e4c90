"""Order aggregates through the ORM's imperative mapping, remembered for their events."""

from sqlalchemy.ext.asyncio import AsyncSession

from domain.ordering.ids import OrderId
from domain.ordering.order import Order


class SqlOrderRepository:
    """`seen` holds every order handed out or added, in that order: the unit of work pulls
    their recorded events into the outbox when it commits.
    """

    def __init__(self, session: AsyncSession) -> None:
        self._session = session
        self.seen: dict[OrderId, Order] = {}

    async def get(self, order_id: OrderId) -> Order | None:
        # An added order is pending until the flush at commit, so the session cannot find it.
        order = self.seen.get(order_id) or await self._session.get(Order, order_id)
        if order is not None:
            self.seen.setdefault(order.id, order)
        return order

    def add(self, order: Order) -> None:
        self._session.add(order)
        self.seen[order.id] = order
