"""Loading an order for a write, shared by every command that changes one."""

from application.ordering.ports import OrderingUnitOfWork
from application.shared.caller import Caller
from application.shared.errors import require_version
from domain.ordering.order import Order, OrderNotFoundError
from domain.shared.ids import OrderId


async def load_for_change(
    uow: OrderingUnitOfWork,
    caller: Caller,
    order_id: OrderId,
    expected_version: int | None,
) -> Order:
    """Someone else's order is 404 to a customer, exactly like a missing one; and 404 comes
    before 412, so a stale version is reported only for an order the caller may see.
    """
    order = await uow.orders.get(order_id)
    if order is None or not caller.sees(order.customer_id):
        raise OrderNotFoundError(f"order {order_id} does not exist")
    require_version(f"order {order_id}", order.version, expected_version)
    return order
