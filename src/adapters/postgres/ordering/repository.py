"""Order aggregates loaded and saved through the ORM's imperative mapping."""

from sqlalchemy.ext.asyncio import AsyncSession

from domain.ordering.order import Order
from domain.shared.ids import OrderId


class SqlOrderRepository:
    """An added order stays pending until the flush at commit, where the session cannot find
    it by id: `added` answers `get` for it meanwhile.
    """

    def __init__(self, session: AsyncSession) -> None:
        self._session = session
        self._added: dict[OrderId, Order] = {}

    async def get(self, order_id: OrderId) -> Order | None:
        return self._added.get(order_id) or await self._session.get(Order, order_id)

    def add(self, order: Order) -> None:
        self._session.add(order)
        self._added[order.id] = order
